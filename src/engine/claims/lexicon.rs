//! The words claims are recognised by: measures, whom, approximations,
//! attribution and correction language, and the sides of a conflict.

/// Measure words → what is counted.
pub const MEASURES: &[(&str, &str)] = &[
    ("killed", "killed"),
    ("dead", "killed"),
    ("deaths", "killed"),
    ("death", "killed"),
    ("died", "killed"),
    ("lives", "killed"),
    ("fatalities", "killed"),
    ("wounded", "wounded"),
    ("injured", "wounded"),
    ("injuries", "wounded"),
    ("hurt", "wounded"),
    ("casualties", "casualties"),
    ("displaced", "displaced"),
    ("evacuated", "displaced"),
    ("refugees", "displaced"),
    ("missing", "missing"),
    ("detained", "detained"),
    ("arrested", "detained"),
    ("captured", "detained"),
    ("prisoners", "detained"),
];

/// Verbs that put the measure before the number (`killing 12`, `wounded two`).
pub const MEASURE_VERBS: &[(&str, &str)] = &[
    ("killing", "killed"),
    ("killed", "killed"),
    ("kills", "killed"),
    ("wounding", "wounded"),
    ("wounded", "wounded"),
    ("injuring", "wounded"),
    ("injured", "wounded"),
    ("displacing", "displaced"),
    ("displaced", "displaced"),
    ("detaining", "detained"),
    ("detained", "detained"),
    ("arrested", "detained"),
];

/// Whom nouns/adjectives → scope.
pub const WHOM: &[(&str, &str)] = &[
    ("servicemen", "military"),
    ("servicemembers", "military"),
    ("soldiers", "military"),
    ("soldier", "military"),
    ("troops", "military"),
    ("military", "military"),
    ("fighters", "military"),
    ("militants", "military"),
    ("combatants", "military"),
    ("personnel", "military"),
    ("servicemen's", "military"),
    ("civilians", "civilians"),
    ("civilian", "civilians"),
    ("residents", "civilians"),
    ("serviceman", "military"),
    ("person", "people"),
    ("child", "children"),
    ("journalist", "journalists"),
    ("children", "children"),
    ("journalists", "journalists"),
    ("reporters", "journalists"),
    ("people", "people"),
    ("persons", "people"),
    ("lives", "people"),
];

/// Qualifiers before a number (longest first).
pub const APPROX: &[(&[&str], super::Approx)] = &[
    (&["as", "many", "as"], super::Approx::AtMost),
    (&["more", "than"], super::Approx::MoreThan),
    (&["fewer", "than"], super::Approx::AtMost),
    (&["less", "than"], super::Approx::AtMost),
    (&["at", "least"], super::Approx::AtLeast),
    (&["up", "to"], super::Approx::AtMost),
    (&["close", "to"], super::Approx::Nearly),
    (&["an", "estimated"], super::Approx::About),
    (&["some"], super::Approx::About),
    (&["about"], super::Approx::About),
    (&["around"], super::Approx::About),
    (&["approximately"], super::Approx::About),
    (&["roughly"], super::Approx::About),
    (&["estimated"], super::Approx::About),
    (&["nearly"], super::Approx::Nearly),
    (&["almost"], super::Approx::Nearly),
    (&["over"], super::Approx::MoreThan),
];

/// Vague counts → their interval.
pub const VAGUE: &[(&str, u64, Option<u64>)] = &[
    ("dozens", 13, Some(199)),
    ("scores", 20, Some(999)),
    ("hundreds", 100, Some(1999)),
    ("thousands", 1000, Some(99_999)),
    ("tens", 10, Some(99)),
    ("millions", 1_000_000, None),
];

/// Number words.
pub const NUMBER_WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("dozen", 12),
];

/// Scale words after a number.
pub const SCALES: &[(&str, u64)] = &[
    ("hundred", 100),
    ("thousand", 1000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
];

/// Words after a number that make it something other than a head count.
pub const NOT_COUNTS: &[&str] = &[
    "percent",
    "%",
    "per",
    "kilometers",
    "kilometres",
    "km",
    "miles",
    "meters",
    "metres",
    "years",
    "year",
    "months",
    "month",
    "weeks",
    "week",
    "days",
    "day",
    "hours",
    "hour",
    "minutes",
    "times",
    "dollars",
    "euros",
    "tons",
    "tonnes",
    "am",
    "pm",
    "a.m",
    "p.m",
];

/// Attribution verbs (`X said`).
pub const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "claimed",
    "claims",
    "reported",
    "reports",
    "announced",
    "acknowledged",
    "acknowledges",
    "confirmed",
    "added",
    "noted",
    "wrote",
    "accused",
    "accuses",
    "alleged",
    "alleges",
    "insisted",
    "denied",
    "denies",
    "according",
    "cited",
    "quoted",
    "argued",
    "blamed",
    "blames",
];

/// Words that mark a figure as a correction of an earlier one.
pub const CORRECTION: &[&str] = &[
    "revised",
    "revises",
    "corrected",
    "corrects",
    "correction",
    "lowered",
    "downgraded",
    "adjusted",
    "recounted",
];

/// Words that make a figure a running total.
pub const CUMULATIVE: &[&str] = &[
    "since",
    "toll",
    "total",
    "overall",
    "so far",
    "to date",
    "in all",
    "cumulative",
];

/// Established groupings of names under one side of a conflict: a separatist
/// entity reports for the side that backs it, a capital for its country.
/// Sides are compared by `side_key`, so demonyms and countries need no entry.
pub const PARTIES: &[(&str, &[&str])] = &[
    (
        "armenia",
        &[
            "nagorno-karabakh",
            "nagorno karabakh",
            "karabakh",
            "artsakh",
            "stepanakert",
            "yerevan",
        ],
    ),
    ("azerbaijan", &["baku"]),
    ("russia", &["kremlin", "moscow"]),
    ("ukraine", &["kyiv", "kiev"]),
    ("israel", &["idf", "jerusalem"]),
    ("turkey", &["ankara", "turkiye"]),
];

/// A comparable key for a side named by a demonym, country, capital or
/// breakaway entity (`Armenian`, `Armenia`, `Nagorno-Karabakh` → `armen`).
pub fn side_key(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase().replace('’', "'");
    let folded = folded
        .trim()
        .trim_start_matches("the ")
        .trim_end_matches("'s")
        .trim_end_matches('\'');
    let mut base = folded.to_string();
    for (party, names) in PARTIES {
        if names
            .iter()
            .any(|n| *n == folded || n.replace(' ', "-") == folded.replace(' ', "-"))
        {
            base = (*party).to_string();
            break;
        }
    }
    let letters: String = base.chars().filter(|c| c.is_alphanumeric()).collect();
    let stem = ["ians", "ian", "ese", "ish", "ia", "ey", "on", "i", "e", "a"]
        .iter()
        .find_map(|suffix| letters.strip_suffix(suffix).filter(|s| s.len() >= 3))
        .unwrap_or(&letters);
    stem.chars().take(5).collect()
}

/// Looks a word up in a `(word, value)` table.
pub fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}
