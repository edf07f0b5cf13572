//! Word lists of the tagger: months, weekdays, numbers in words, units,
//! seasons, parts of the day and the modifiers TIMEX3 knows. Every function
//! takes a lower-cased word.

/// Calendar and clock units of durations and relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter(s) (`Y`, `DE`, ...), and whether it is a clock unit (`PT..`).
    pub fn duration_code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week | Unit::Weekend => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// `january`, `jan`, `sept` → 1..=12.
pub fn month(w: &str) -> Option<u32> {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// True for the abbreviated month forms that take a period (`Oct.`).
pub fn is_month_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// `monday`, `mon` → ISO weekday 1..=7.
pub fn weekday(w: &str) -> Option<u32> {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    Some(match w {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

/// Only the full weekday names: the short ones (`sun`, `wed`) are words too.
pub fn weekday_full(w: &str) -> Option<u32> {
    if w.len() >= 6 {
        weekday(w)
    } else {
        None
    }
}

/// English weekday name of ISO weekday `n`.
pub fn weekday_name(n: u32) -> &'static str {
    match n {
        1 => "Monday",
        2 => "Tuesday",
        3 => "Wednesday",
        4 => "Thursday",
        5 => "Friday",
        6 => "Saturday",
        _ => "Sunday",
    }
}

/// English month name of month `n`.
pub fn month_name(n: u32) -> &'static str {
    match n {
        1 => "January",
        2 => "February",
        3 => "March",
        4 => "April",
        5 => "May",
        6 => "June",
        7 => "July",
        8 => "August",
        9 => "September",
        10 => "October",
        11 => "November",
        _ => "December",
    }
}

/// Cardinal numbers in words (`two` → 2, `a` → 1, `dozen` → 12).
pub fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "a" | "an" | "one" | "single" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

/// Ordinals in words or digits-with-suffix stems (`first` → 1, `third` → 3).
pub fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => return None,
    })
}

/// Vague quantities: `several years` → PXY.
pub fn vague_quantity(w: &str) -> bool {
    matches!(w, "several" | "few" | "many" | "some" | "numerous")
}

/// A unit word, singular or plural; the bool is true for the plural.
pub fn unit(w: &str) -> Option<(Unit, bool)> {
    // `this year's`, `the week's`
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" | "secs" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Seasons → TIMEX3 code. `fall` only counts where the caller checked context.
pub fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Parts of the day → TIMEX3 code.
pub fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

/// Words before an expression that give its TIMEX3 mod: (words, mod).
/// Checked longest first by the recogniser.
pub const PRE_MODS: &[(&[&str], &str)] = &[
    (&["more", "than"], "MORE_THAN"),
    (&["less", "than"], "LESS_THAN"),
    (&["fewer", "than"], "LESS_THAN"),
    (&["at", "least"], "EQUAL_OR_MORE"),
    (&["at", "most"], "EQUAL_OR_LESS"),
    (&["up", "to"], "EQUAL_OR_LESS"),
    (&["no", "more", "than"], "EQUAL_OR_LESS"),
    (&["nearly"], "LESS_THAN"),
    (&["almost"], "LESS_THAN"),
    (&["under"], "LESS_THAN"),
    (&["over"], "MORE_THAN"),
    (&["some"], "APPROX"),
    (&["about"], "APPROX"),
    (&["around"], "APPROX"),
    (&["roughly"], "APPROX"),
    (&["approximately"], "APPROX"),
    (&["nearly", "a"], "LESS_THAN"),
];

/// `early`, `mid`, `late` and their phrases before a period → mod.
pub fn period_mod(w: &str) -> Option<&'static str> {
    Some(match w {
        "early" => "START",
        "mid" | "middle" => "MID",
        "late" => "END",
        _ => return None,
    })
}

/// Words that show a sentence speaks of the past.
pub fn is_past_cue(w: &str) -> bool {
    if matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "told"
            | "began"
            | "came"
            | "went"
            | "took"
            | "gave"
            | "met"
            | "held"
            | "made"
            | "saw"
            | "left"
            | "fought"
            | "broke"
            | "won"
            | "lost"
            | "sent"
            | "spoke"
            | "wrote"
            | "ago"
            | "last"
            | "earlier"
            | "yesterday"
            | "hit"
            | "led"
            | "fell"
            | "rose"
            | "got"
            | "put"
            | "set"
            | "shot"
            | "struck"
            | "felt"
            | "knew"
            | "thought"
            | "brought"
            | "bought"
            | "sold"
            | "paid"
            | "ran"
            | "became"
            | "hasn't"
            | "haven't"
            | "has"
            | "have"
    ) {
        return true;
    }
    // Regular past tense and participles: `attacked`, `announced`.
    w.len() > 4
        && w.ends_with("ed")
        && !matches!(
            w,
            "need" | "speed" | "proceed" | "succeed" | "exceed" | "indeed"
        )
}

/// Verbs that move an event later (`postponed`, `pushed` back): the date
/// after `to`/`until` lies ahead of the report.
pub fn is_deferral(w: &str) -> bool {
    matches!(
        w,
        "postponed"
            | "postpone"
            | "postpones"
            | "delayed"
            | "delay"
            | "delays"
            | "deferred"
            | "defer"
            | "rescheduled"
            | "reschedule"
            | "adjourned"
            | "adjourn"
            | "pushed"
            | "push"
            | "put"
            | "moved"
            | "extended"
            | "extend"
            | "extends"
    )
}

/// Words that show a sentence speaks of the future.
pub fn is_future_cue(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "shall"
            | "would"
            | "won't"
            | "going"
            | "expected"
            | "scheduled"
            | "plans"
            | "planned"
            | "plan"
            | "due"
            | "next"
            | "upcoming"
            | "coming"
            | "tomorrow"
            | "intends"
            | "'ll"
            // Scheduled events in the present: `the trial begins Monday`.
            | "begins"
            | "starts"
            | "opens"
            | "reopens"
            | "resumes"
            | "expires"
            | "convenes"
            | "kicks"
            | "returns"
            | "return"
            // Fixtures and meetings in the present: `Argentina begin their
            // campaign on Tuesday`, `the two sides meet Friday`.
            | "begin"
            | "start"
            | "play"
            | "plays"
            | "meet"
            | "meets"
            | "face"
            | "faces"
            | "host"
            | "hosts"
            | "likely"
            // A possibility ahead: `the first shots could be given before Christmas`.
            | "could"
            | "might"
    )
}

/// Plural nouns and units after a number that mark it as a count, not a year.
pub fn is_count_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "men"
            | "women"
            | "children"
            | "troops"
            | "soldiers"
            | "killed"
            | "dead"
            | "wounded"
            | "injured"
            | "civilians"
            | "units"
            | "times"
            | "km"
            | "kilometres"
            | "kilometers"
            | "miles"
            | "meters"
            | "metres"
            | "feet"
            | "tons"
            | "tonnes"
            | "points"
            | "dollars"
            | "euros"
            | "pounds"
            | "percent"
            | "per"
            | "jobs"
            | "workers"
            | "employees"
            | "votes"
            | "shares"
            | "cars"
            | "vehicles"
            | "aircraft"
            | "planes"
            | "kg"
            | "mm"
            | "cm"
            | "m"
            | "km/h"
            | "mph"
            | "hp"
            | "passengers"
            | "seats"
            | "homes"
            | "houses"
            | "cases"
            | "deaths"
            | "members"
            | "residents"
            | "refugees"
            | "prisoners"
            | "rounds"
            | "rockets"
            | "missiles"
            | "tanks"
            | "guns"
            | "ships"
            | "yen"
            | "barrels"
            | "acres"
            | "hectares"
    )
}

/// Nouns that, after `today's`, speak of the present age rather than the
/// day (`today's world`, `today's youth`).
pub fn is_present_age_noun(w: &str) -> bool {
    matches!(
        w,
        "world"
            | "society"
            | "societies"
            | "economy"
            | "youth"
            | "generation"
            | "generations"
            | "children"
            | "kids"
            | "teenagers"
            | "teens"
            | "people"
            | "culture"
            | "standards"
            | "technology"
            | "technologies"
            | "media"
            | "politics"
            | "reality"
            | "realities"
            | "environment"
            | "climate"
            | "workplace"
            | "workforce"
            | "families"
            | "consumers"
            | "students"
            | "era"
            | "age"
            | "landscape"
            | "marketplace"
            | "realm"
    )
}

/// Adjectives that may stand between `today's` and a present-age noun
/// (`today's global economy`, `today's young people`).
pub fn is_present_age_adjective(w: &str) -> bool {
    matches!(
        w,
        "global"
            | "modern"
            | "digital"
            | "young"
            | "interconnected"
            | "competitive"
            | "political"
            | "economic"
            | "uncertain"
            | "changing"
            | "connected"
    )
}

/// Last words of newspaper names (`today's New York Times` is that day's issue).
pub fn is_publication_word(w: &str) -> bool {
    matches!(
        w,
        "times"
            | "post"
            | "journal"
            | "herald"
            | "gazette"
            | "guardian"
            | "telegraph"
            | "tribune"
            | "globe"
            | "news"
            | "edition"
            | "express"
            | "mail"
            | "independent"
            | "observer"
            | "chronicle"
    )
}
