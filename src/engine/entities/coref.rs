//! Mentions of one article grouped into entities.
//!
//! - Same name (ignoring case, hyphens and a possessive) → same entity.
//! - A one-word person mention (`Putin`) joins the person whose full name
//!   ends with it (`Vladimir Putin`): the nearest one before it, else the
//!   first after it; a one-letter slip is allowed for longer surnames
//!   (`Borell` → `Josep Borrell`). Two full names sharing a surname stay
//!   two people.
//! - An acronym (`OSCE`) joins the organisation it abbreviates
//!   (`Organization for Security and Cooperation in Europe`), whether it is
//!   written in brackets after it or not.
//! - Every mention of an entity gets the entity's type (majority vote;
//!   user-declared names decide).
//! - Titles written before a person (`Russian Foreign Minister Sergey
//!   Lavrov`, `spokeswoman Shushan Stepanian`) or as an apposition before the
//!   name (`its foreign minister, Ceyhun Bayramov`) become roles.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::gazetteer::GAZETTEER;
use super::tokens::tokenize;
use super::{Entities, Entity, EntityType, Found, Mention};
use crate::engine::span::Span;

/// Groups the found names of one article into entities.
pub fn group(text: &str, found: Vec<Found>) -> Entities {
    let surfaces: Vec<String> = found.iter().map(|f| name_of(f.span.text(text))).collect();
    let keys: Vec<String> = surfaces.iter().map(|s| key(s)).collect();
    let n = found.len();
    // Union-find over mentions.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let union = |p: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(p, a), root(p, b));
        if ra != rb {
            p[ra.max(rb)] = ra.min(rb);
        }
    };
    // Same name.
    let mut by_key: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if k.is_empty() {
            continue;
        }
        match by_key.get(k.as_str()) {
            Some(&j) if compatible(found[i].kind, found[j].kind) => union(&mut parent, i, j),
            Some(_) => {}
            None => {
                by_key.insert(k, i);
            }
        }
    }
    // Short forms of people.
    let full: Vec<usize> = (0..n)
        .filter(|&i| found[i].kind == EntityType::Person && surfaces[i].split(' ').count() >= 2)
        .collect();
    let last_words: HashSet<&str> = full
        .iter()
        .map(|&j| surfaces[j].rsplit(' ').next().unwrap_or(""))
        .collect();
    // Whether any full name could match a short form, once per short form:
    // most one-word names match none, and need no scan of every full name.
    let mut may_match: HashMap<&str, bool> = HashMap::new();
    for i in 0..n {
        if found[i].kind != EntityType::Person || surfaces[i].contains(' ') {
            continue;
        }
        let short = surfaces[i].as_str();
        let same_or_close = |last: &str| {
            last == short || (short.chars().count() >= 5 && within_one_edit(last, short))
        };
        if !*may_match
            .entry(short)
            .or_insert_with(|| last_words.iter().any(|l| same_or_close(l)))
        {
            continue;
        }
        let matches = |j: &&usize| same_or_close(surfaces[**j].rsplit(' ').next().unwrap_or(""));
        // `full` is in text order and `i` is not in it (one word).
        let split = full.partition_point(|&j| j < i);
        let before = full[..split].iter().rev().find(matches);
        let target = before.or_else(|| full[split..].iter().find(matches));
        if let Some(&j) = target {
            union(&mut parent, i, j);
        }
    }
    // Acronyms: each joins the first multi-word name with its initials
    // (looked up in a map built once, not by a scan of every name per acronym).
    let mut by_initials: HashMap<String, usize> = HashMap::new();
    for (j, surface) in surfaces.iter().enumerate() {
        if surface.contains(' ') {
            by_initials.entry(initials(surface)).or_insert(j);
        }
    }
    for i in 0..n {
        let s = surfaces[i].as_str();
        if !is_acronym(s) || found[i].kind == EntityType::Person {
            continue;
        }
        // `j != i` holds: an acronym has no space.
        if let Some(&j) = by_initials.get(s) {
            union(&mut parent, i, j);
        }
    }
    // Build entities in order of first mention.
    let mut entity_of_root: BTreeMap<usize, usize> = BTreeMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::with_capacity(n);
    for (i, f) in found.iter().enumerate() {
        let r = root(&mut parent, i);
        let e = *entity_of_root.entry(r).or_insert_with(|| {
            entities.push(Entity {
                canonical: String::new(),
                kind: f.kind,
                roles: Vec::new(),
                spellings: Vec::new(),
                mentions: Vec::new(),
            });
            entities.len() - 1
        });
        entities[e].mentions.push(i);
        let spelling = f.span.text(text).to_string();
        if !entities[e].spellings.contains(&spelling) {
            entities[e].spellings.push(spelling);
        }
        mentions.push(Mention {
            span: f.span,
            kind: f.kind,
            entity: e,
            role: None,
        });
    }
    for entity in &mut entities {
        entity.kind = vote(&entity.mentions, &found, &surfaces);
        // The fullest name: most words (hyphenated parts count), then the
        // most frequent spelling, then the first.
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for &m in &entity.mentions {
            *counts.entry(surfaces[m].as_str()).or_default() += 1;
        }
        let count = |name: &str| counts.get(name).copied().unwrap_or(0);
        entity.canonical = entity
            .mentions
            .iter()
            .map(|&m| surfaces[m].as_str())
            .enumerate()
            .max_by_key(|&(order, s)| {
                (
                    s.split([' ', '-']).count(),
                    count(s),
                    std::cmp::Reverse(order),
                )
            })
            .map(|(_, s)| s.to_string())
            .unwrap_or_default();
        // A one-word "person" never given a full name, written after `in`,
        // `from`, `near`..., is a place the model did not know (`in Stepanakert`).
        if entity.kind == EntityType::Person
            && !entity.canonical.contains(' ')
            && entity
                .mentions
                .iter()
                .any(|&m| after_place_preposition(text, found[m].span))
            && !entity.mentions.iter().any(|&m| found[m].user)
        {
            entity.kind = EntityType::Place;
        }
        for &m in &entity.mentions {
            mentions[m].kind = entity.kind;
        }
    }
    // Roles.
    let places = NonPersonSpans::new(&mentions);
    for i in 0..mentions.len() {
        if mentions[i].kind != EntityType::Person {
            continue;
        }
        if let Some(role) = role_before(text, &mentions, i, &places) {
            let e = mentions[i].entity;
            if !entities[e].roles.contains(&role) {
                entities[e].roles.push(role.clone());
            }
            mentions[i].role = Some(role);
        }
    }
    Entities { mentions, entities }
}

/// The organisation, place and group mentions, sorted by start, so "is this
/// token inside one of mentions `..i`" is a binary search, not a scan of
/// every mention per token (quadratic on long articles).
struct NonPersonSpans {
    /// `(span, mention index)`, by span start.
    spans: Vec<(Span, usize)>,
    /// The longest span: a span containing `t` starts at most this far
    /// before `t.end`.
    longest: usize,
}

impl NonPersonSpans {
    fn new(mentions: &[Mention]) -> Self {
        let mut spans: Vec<(Span, usize)> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                matches!(
                    m.kind,
                    EntityType::Org | EntityType::Place | EntityType::Group
                )
            })
            .map(|(k, m)| (m.span, k))
            .collect();
        spans.sort_by_key(|(s, _)| s.start);
        let longest = spans.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
        NonPersonSpans { spans, longest }
    }

    /// Whether one of mentions `..i` of these kinds contains `t`.
    fn any_before_containing(&self, i: usize, t: Span) -> bool {
        let from = self
            .spans
            .partition_point(|(s, _)| s.start < t.end.saturating_sub(self.longest));
        let to = self.spans.partition_point(|(s, _)| s.start <= t.start);
        self.spans
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .any(|&(s, k)| k < i && s.contains(t))
    }
}

/// True when the word before `span` is a preposition of place.
fn after_place_preposition(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).unwrap_or("").trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "in" | "from"
            | "near"
            | "into"
            | "outside"
            | "across"
            | "toward"
            | "towards"
            | "around"
            | "at"
            | "to"
            | "over"
    )
}

/// Types that may be merged by name (a demonym GROUP is never the PLACE).
fn compatible(a: EntityType, b: EntityType) -> bool {
    (a == EntityType::Group) == (b == EntityType::Group)
}

/// The majority type of an entity's mentions (ties: the type of the
/// longest name); a user-declared mention decides.
fn vote(members: &[usize], found: &[Found], surfaces: &[String]) -> EntityType {
    if let Some(&m) = members.iter().find(|&&m| found[m].user) {
        return found[m].kind;
    }
    let mut counts: BTreeMap<EntityType, (usize, usize)> = BTreeMap::new();
    for &m in members {
        let c = counts.entry(found[m].kind).or_insert((0, 0));
        c.0 += 1;
        c.1 = c.1.max(surfaces[m].len());
    }
    counts
        .into_iter()
        .max_by_key(|&(_, c)| c)
        .map(|(k, _)| k)
        .unwrap_or(EntityType::Place)
}

/// The name without a possessive and with spaces collapsed.
fn name_of(surface: &str) -> String {
    let s = surface.trim();
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The comparison key: lower case, hyphens as spaces.
fn key(name: &str) -> String {
    name.to_lowercase()
        .replace(['-', '‐', '–'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=6).contains(&n) && s.chars().all(|c| c.is_ascii_uppercase())
}

/// Initials of the capitalised words (`Organization for Security and
/// Cooperation in Europe` → `OSCE`).
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// True when `a` and `b` differ by at most one inserted, deleted or changed char.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a.len().abs_diff(b.len()) > 4 {
        // More than one char apart in length (a char is at most 4 bytes).
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        // Bytes are chars: no allocation (this runs for every capitalised
        // word against every surname of an article).
        return one_edit(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    one_edit(&a, &b)
}

/// True when `a` and `b` differ by at most one insertion, deletion or
/// substitution.
fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = long
        .iter()
        .zip(short.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if prefix == long.len() {
        return true;
    }
    let rest_long = long.get(prefix + 1..).unwrap_or(&[]);
    let rest_short = if long.len() == short.len() {
        short.get(prefix + 1..)
    } else {
        short.get(prefix..)
    };
    rest_short.is_some_and(|r| r == rest_long)
}

/// Heads of role phrases: a role needs one of these (`minister`, not just
/// `foreign`).
pub fn is_role_head(lower: &str) -> bool {
    !matches!(
        lower,
        "foreign"
            | "defense"
            | "defence"
            | "deputy"
            | "vice"
            | "prime"
            | "former"
            | "senior"
            | "acting"
            | "top"
            | "special"
            | "ex-"
            | "national"
            | "security"
            | "state"
            | "military"
            | "army"
            | "high"
            | "policy"
            | "affairs"
            | "interior"
            | "finance"
            | "economy"
            | "justice"
            | "health"
            | "executive"
            | "ministry"
            | "assistant"
    )
}

/// The title or apposition written right before person mention `i`.
fn role_before(
    text: &str,
    mentions: &[Mention],
    i: usize,
    places: &NonPersonSpans,
) -> Option<String> {
    let span = mentions[i].span;
    let mut from = span.start.saturating_sub(120);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = text.get(from..span.start)?;
    let line_start = window.rfind('\n').map_or(0, |p| p + 1);
    let base = from + line_start;
    let toks = tokenize(window.get(line_start..)?, base);
    let in_mention = |t: Span| places.any_before_containing(i, t);
    let mut k = toks.len();
    // `its foreign minister, Ceyhun Bayramov`
    if k > 0 && toks[k - 1].text(text) == "," {
        k -= 1;
    }
    let end = k;
    let mut has_head = false;
    while k > 0 {
        let t = toks[k - 1];
        let w = t.text(text);
        let lower = w.to_lowercase();
        if GAZETTEER.is_title(w) {
            has_head |= is_role_head(&lower);
        } else if !(in_mention(t)
            || (w == "-" && k >= 2 && GAZETTEER.is_title(toks[k - 2].text(text)))
            || w == "'s"
            || w == "’s")
        {
            break;
        }
        k -= 1;
    }
    // Do not start on a possessive or hyphen.
    while k < end && matches!(toks[k].text(text), "'s" | "’s" | "-") {
        k += 1;
    }
    if !has_head || k >= end {
        return None;
    }
    let role = text.get(toks[k].start..toks[end - 1].end)?;
    Some(role.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str, name: &str, nth: usize, kind: EntityType) -> Found {
        let (at, _) = text.match_indices(name).nth(nth).expect("name in text");
        Found {
            span: Span::new(at, at + name.len()),
            kind,
            user: false,
        }
    }

    #[test]
    fn short_forms_join_the_nearest_full_name() {
        use EntityType::*;
        let t = "Ilham Aliyev met Heydar Aliyev. Aliyev said. Vladimir Putin agreed; Putin left. Borell spoke after Josep Borrell.";
        let found = vec![
            f(t, "Ilham Aliyev", 0, Person),
            f(t, "Heydar Aliyev", 0, Person),
            f(t, "Aliyev", 2, Person),
            f(t, "Vladimir Putin", 0, Person),
            f(t, "Putin", 1, Person),
            f(t, "Borell", 0, Person),
            f(t, "Josep Borrell", 0, Person),
        ];
        let e = group(t, found);
        let canon: Vec<&str> = e
            .mentions
            .iter()
            .map(|m| e.entities[m.entity].canonical.as_str())
            .collect();
        assert_eq!(
            canon,
            [
                "Ilham Aliyev",
                "Heydar Aliyev",
                "Heydar Aliyev",
                "Vladimir Putin",
                "Vladimir Putin",
                "Josep Borrell",
                "Josep Borrell"
            ]
        );
        assert_eq!(e.entities.len(), 4);
    }

    #[test]
    fn acronyms_join_their_expansion_and_types_agree() {
        use EntityType::*;
        let t = "the Organization for Security and Cooperation in Europe (OSCE) and OSCE again, Nagorno Karabakh and Nagorno-Karabakh";
        let found = vec![
            f(
                t,
                "Organization for Security and Cooperation in Europe",
                0,
                Org,
            ),
            f(t, "OSCE", 0, Org),
            f(t, "OSCE", 1, Place),
            f(t, "Nagorno Karabakh", 0, Place),
            f(t, "Nagorno-Karabakh", 0, Place),
        ];
        let e = group(t, found);
        assert_eq!(e.entities.len(), 2);
        assert_eq!(
            e.entities[0].canonical,
            "Organization for Security and Cooperation in Europe"
        );
        assert!(e.mentions[..3].iter().all(|m| m.kind == Org));
        assert_eq!(
            e.entities[1].spellings,
            ["Nagorno Karabakh", "Nagorno-Karabakh"]
        );
    }

    #[test]
    fn roles_before_names() {
        use EntityType::*;
        let t = "Russian Foreign Minister Sergey Lavrov spoke. Then spokeswoman Shushan Stepanian and its foreign minister, Ceyhun Bayramov, and the man Bob Smith.";
        let found = vec![
            f(t, "Russian", 0, Group),
            f(t, "Sergey Lavrov", 0, Person),
            f(t, "Shushan Stepanian", 0, Person),
            f(t, "Ceyhun Bayramov", 0, Person),
            f(t, "Bob Smith", 0, Person),
        ];
        let e = group(t, found);
        let roles: Vec<Option<&str>> = e.mentions.iter().map(|m| m.role.as_deref()).collect();
        assert_eq!(
            roles,
            [
                None,
                Some("Russian Foreign Minister"),
                Some("spokeswoman"),
                Some("foreign minister"),
                None
            ]
        );
    }

    #[test]
    fn edit_distance() {
        assert!(within_one_edit("Borrell", "Borell"));
        assert!(within_one_edit("Pashinian", "Pashinyan"));
        assert!(!within_one_edit("Aliyev", "Lavrov"));
        assert!(within_one_edit("ab", "ab"));
    }
}
