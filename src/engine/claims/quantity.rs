//! Counted figures: a number (or `dozens`, `hundreds`) with a measure word
//! (killed, wounded, displaced...) in the same clause, and what the clause
//! says about whom, whose side, where, as of when and on whose word.

use super::lexicon::{self, lookup};
use super::words::{Word, WordKind};
use super::{Approx, Claim, ClaimKind, Quantity, SentenceView};
use crate::engine::article::month_number;
use crate::engine::span::Span;

/// How far after the number the measure may stand (in words).
const WINDOW: usize = 9;

/// Nouns after a demonym that make it the side (`the Armenian side`).
const SIDE_NOUNS: &[&str] = &[
    "side",
    "forces",
    "military",
    "army",
    "troops",
    "servicemen",
    "soldiers",
];

/// Every quantity claim of one sentence.
pub(super) fn extract(view: &SentenceView) -> Vec<Claim> {
    let words = &view.words;
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some((number, next)) = read_number(words, i) else {
            i += 1;
            continue;
        };
        if let Some(claim) = quantity_at(view, i, next, number) {
            out.push(claim);
        }
        i = next.max(i + 1);
    }
    out
}

/// A number read from the words: value, interval and whether it is vague.
#[derive(Debug, Clone, Copy)]
struct Number {
    value: u64,
    low: u64,
    high: Option<u64>,
    vague: bool,
}

/// Reads a number starting at word `i`; returns it and the index after it.
fn read_number(words: &[Word], i: usize) -> Option<(Number, usize)> {
    let w = words.get(i)?;
    if w.kind == WordKind::Number {
        if w.lower.contains(':') {
            return None;
        }
        let digits: String = w.lower.chars().filter(|c| *c != ',').collect();
        let base: f64 = digits.parse().ok()?;
        let mut next = i + 1;
        let mut value = base;
        if let Some(scale) = words
            .get(next)
            .and_then(|n| lookup(lexicon::SCALES, &n.lower))
        {
            value *= scale as f64;
            next += 1;
        }
        if !value.is_finite() || !(0.0..=1e15).contains(&value) || value.fract() != 0.0 {
            return None;
        }
        let value = value as u64;
        return Some((
            Number {
                value,
                low: value,
                high: Some(value),
                vague: false,
            },
            next,
        ));
    }
    if let Some(&(_, low, high)) = lexicon::VAGUE.iter().find(|(v, _, _)| *v == w.lower) {
        // `hundreds of thousands`, `tens of thousands`.
        if words.get(i + 1).is_some_and(|n| n.lower == "of") {
            if let Some(&(_, l2, h2)) = lexicon::VAGUE
                .iter()
                .find(|(v, _, _)| words.get(i + 2).is_some_and(|n| n.lower == *v))
            {
                let scale = l2.max(1);
                let high = match (high, h2) {
                    (Some(h), Some(_)) => h.checked_mul(scale),
                    _ => None,
                };
                return Some((
                    Number {
                        value: low * scale,
                        low: low.saturating_mul(scale),
                        high,
                        vague: true,
                    },
                    i + 3,
                ));
            }
        }
        return Some((
            Number {
                value: low,
                low,
                high,
                vague: true,
            },
            i + 1,
        ));
    }
    if w.lower == "a" && words.get(i + 1).is_some_and(|n| n.lower == "dozen") {
        return Some((
            Number {
                value: 12,
                low: 10,
                high: Some(14),
                vague: true,
            },
            i + 2,
        ));
    }
    let value = lookup(lexicon::NUMBER_WORDS, &w.lower)?;
    let one_whom = w.lower == "one"
        && words
            .get(i + 1)
            .is_some_and(|n| lookup(lexicon::WHOM, &n.lower).is_some());
    if (w.lower == "one" && !one_whom) || w.lower == "hundred" || w.lower == "dozen" {
        return None; // `one of`, `a hundred`: too often not a count
    }
    Some((
        Number {
            value,
            low: value,
            high: Some(value),
            vague: false,
        },
        i + 1,
    ))
}

/// Builds the quantity claim for the number at `start..next`, if a measure
/// goes with it.
fn quantity_at(view: &SentenceView, start: usize, next: usize, number: Number) -> Option<Claim> {
    let words = &view.words;
    let first = words.get(start)?;
    let last_number_word = words.get(next.checked_sub(1)?)?;
    if view.times.iter().any(|t| t.span.overlaps(first.span)) || is_date_or_year(words, start, next)
    {
        return None;
    }
    if words
        .get(next)
        .is_some_and(|w| lexicon::NOT_COUNTS.contains(&w.lower.as_str()))
    {
        return None;
    }
    let (clause_start, clause_end) = clause(words, start);

    // Qualifier before the number.
    let (approx_start, mut approx) = qualifier(words, start, clause_start);
    if number.vague && approx == Approx::Exact {
        approx = Approx::Vague;
    }

    // Forward: whom and measure.
    let mut whom: Option<&'static str> = None;
    let mut whom_end = last_number_word.span.end;
    let mut measure: Option<(&'static str, usize)> = None;
    let mut saw_military = false;
    let mut saw_civilian = false;
    let mut side_word: Option<String> = None;
    let mut possessive = false;
    let mut j = next;
    while j < clause_end && j < next + WINDOW {
        let w = &words[j];
        if w.kind == WordKind::Punct && w.lower != "-" {
            break;
        }
        if j > next && read_number(words, j).is_some() && w.kind == WordKind::Number {
            break;
        }
        if let Some(scope) = lookup(lexicon::WHOM, &w.lower) {
            if measure.is_none() {
                match scope {
                    "military" => saw_military = true,
                    "civilians" | "children" => saw_civilian = true,
                    _ => {}
                }
                if whom.is_none() || scope != "people" {
                    whom = Some(whom.unwrap_or(scope));
                }
                whom_end = w.span.end;
            }
        }
        if let Some(m) = lookup(lexicon::MEASURES, &w.lower) {
            if w.lower == "lives"
                && !words[start..j]
                    .iter()
                    .any(|x| x.lower == "claimed" || x.lower == "lost")
                && !words[clause_start..start]
                    .iter()
                    .any(|x| matches!(x.lower.as_str(), "claimed" | "claim" | "cost" | "lost"))
            {
                // `lives` counts deaths only after `claimed`/`cost`/`lost`.
            } else {
                measure = Some(match measure {
                    Some((prev, _)) if prev != m => ("casualties", j),
                    Some((prev, _)) => (prev, j),
                    None => (m, j),
                });
                if words
                    .get(j + 1)
                    .is_some_and(|n| n.lower == "and" || n.lower == "or")
                {
                    if let Some(m2) = words
                        .get(j + 2)
                        .and_then(|n| lookup(lexicon::MEASURES, &n.lower))
                    {
                        if m2 != m {
                            measure = Some(("casualties", j + 2));
                        }
                    }
                }
                break;
            }
        }
        if measure.is_none() {
            if matches!(w.lower.as_str(), "its" | "their") {
                possessive = true;
            }
            if w.capital && w.kind == WordKind::Alpha && lookup(lexicon::WHOM, &w.lower).is_none() {
                side_word.get_or_insert_with(|| text_of(view, w.span).to_string());
            }
        }
        j += 1;
    }
    let (measure, measure_idx) = match measure {
        Some(m) => m,
        None => backward_measure(words, approx_start, clause_start)?,
    };
    let whom = if saw_military && saw_civilian {
        "people"
    } else {
        whom.unwrap_or("people")
    };

    // Sides: the noun phrase, then `the X side` in the clause, then `its` → source.
    let source = source(view, clause_start, clause_end);
    // `on both sides` next to the figure (not `both sides accused ...`).
    let near_end = (measure_idx + 5).min(clause_end).max(next);
    let both = words[next.min(near_end)..near_end]
        .windows(2)
        .any(|p| p[0].lower == "both" && matches!(p[1].lower.as_str(), "sides" | "side"));
    let mut side_text = side_word;
    if side_text.is_none() {
        side_text = clause_side(view, clause_start, clause_end);
    }
    if side_text.is_none() && possessive {
        side_text = source.as_deref().and_then(capitalised_name);
    }
    let side = if both {
        Some("both".to_string())
    } else {
        side_text.as_deref().map(lexicon::side_key)
    };

    // Time: `as of`, `since`, another date of the clause, else publication.
    let mut as_of = view.publication.map(|d| d.format("%Y-%m-%d").to_string());
    let mut since = None;
    let mut dated = false;
    for t in &view.times {
        let before: Vec<&str> = words
            .iter()
            .filter(|w| w.span.end <= t.span.start)
            .map(|w| w.lower.as_str())
            .collect();
        let in_clause = words
            .get(clause_start)
            .is_some_and(|w| w.span.start <= t.span.start)
            && words
                .get(clause_end.saturating_sub(1))
                .is_some_and(|w| t.span.end <= w.span.end);
        if !in_clause {
            continue;
        }
        let clause_before: Vec<&str> = words[clause_start..]
            .iter()
            .take_while(|w| w.span.end <= t.span.start)
            .map(|w| w.lower.as_str())
            .collect();
        if before.ends_with(&["as", "of"]) {
            as_of = Some(t.value.clone());
        } else if clause_before.contains(&"since") {
            since = Some(t.value.clone());
        } else if t.value.len() >= 4 && !t.value.starts_with('P') && !t.value.starts_with("XXXX") {
            as_of = Some(t.value.clone());
            dated = true;
        }
    }
    let clause_text: Vec<&str> = words[clause_start..clause_end]
        .iter()
        .map(|w| w.lower.as_str())
        .collect();
    let perfect = clause_text.iter().any(|w| matches!(*w, "has" | "have"));
    let cumulative = since.is_some()
        || lexicon::CUMULATIVE
            .iter()
            .any(|c| contains_phrase(&clause_text, c))
        || (perfect && !dated);
    let correction = view
        .words
        .iter()
        .any(|w| lexicon::CORRECTION.contains(&w.lower.as_str()));
    let place = place(view, next, clause_end);

    let (low, high) = interval(number, approx);
    let end = words
        .get(measure_idx)
        .map_or(whom_end, |w| w.span.end)
        .max(whom_end);
    let begin = words
        .get(approx_start)
        .map_or(first.span.start, |w| w.span.start)
        .min(first.span.start);
    let claim_begin = words
        .get(measure_idx)
        .map_or(begin, |w| w.span.start)
        .min(begin);
    let span = Span::new(claim_begin, end.max(begin));
    let key = quantity_key(measure, whom, side.as_deref(), place.as_deref());
    Some(Claim {
        span,
        key,
        sentence: view.span,
        kind: ClaimKind::Quantity(Quantity {
            number: Span::new(begin, last_number_word.span.end.max(begin)),
            value: number.value,
            approx,
            low,
            high,
            measure,
            whom,
            side,
            side_text,
            place,
            as_of,
            since,
            cumulative,
            source,
            correction,
        }),
    })
}

/// The comparison key of a figure.
pub fn quantity_key(measure: &str, whom: &str, side: Option<&str>, place: Option<&str>) -> String {
    let mut key = format!("{measure}/{whom}/{}", side.unwrap_or("-"));
    if let Some(p) = place {
        key.push_str("/in:");
        key.push_str(&p.to_lowercase());
    }
    key
}

/// The interval a qualified figure allows.
fn interval(n: Number, approx: Approx) -> (u64, Option<u64>) {
    let v = n.value;
    match approx {
        Approx::Exact => (v, Some(v)),
        Approx::Vague => (n.low, n.high),
        Approx::About => (v - v / 10, Some(v.saturating_add(v / 10))),
        Approx::Nearly => (v - v / 10, Some(v)),
        Approx::MoreThan => (if n.vague { n.low } else { v.saturating_add(1) }, None),
        Approx::AtLeast => (n.low.min(v), None),
        Approx::AtMost => (0, if n.vague { n.high } else { Some(v) }),
    }
}

/// `more than`, `some`, `nearly`... ending right before word `start`.
fn qualifier(words: &[Word], start: usize, clause_start: usize) -> (usize, Approx) {
    for (pattern, approx) in lexicon::APPROX {
        let n = pattern.len();
        if start < clause_start + n {
            continue;
        }
        let from = start - n;
        if words[from..start]
            .iter()
            .zip(pattern.iter())
            .all(|(w, p)| w.lower == *p)
        {
            return (from, *approx);
        }
    }
    (start, Approx::Exact)
}

/// `killing 12`, `wounded two`, `death toll rose to 500`: a measure before
/// the number.
fn backward_measure(
    words: &[Word],
    start: usize,
    clause_start: usize,
) -> Option<(&'static str, usize)> {
    let prev = start.checked_sub(1).filter(|p| *p >= clause_start)?;
    if let Some(m) = lookup(lexicon::MEASURE_VERBS, &words[prev].lower) {
        return Some((m, prev));
    }
    let from = start.saturating_sub(5).max(clause_start);
    let window = &words[from..start];
    if let Some(pos) = window.iter().position(|w| w.lower == "toll") {
        let after = &window[pos + 1..];
        if after.iter().all(|w| w.kind == WordKind::Alpha)
            && after.last().is_some_and(|w| {
                matches!(
                    w.lower.as_str(),
                    "to" | "at" | "of" | "reached" | "is" | "was"
                )
            })
        {
            return Some(("killed", from + pos));
        }
    }
    None
}

/// True when the number is part of a date or is a year.
fn is_date_or_year(words: &[Word], start: usize, next: usize) -> bool {
    let month_near = |i: Option<usize>| {
        i.and_then(|i| words.get(i))
            .is_some_and(|w| month_number(&w.lower).is_some())
    };
    if month_near(start.checked_sub(1)) || month_near(Some(next)) {
        return true;
    }
    let w = &words[start];
    w.kind == WordKind::Number
        && next == start + 1
        && w.lower.len() == 4
        && w.lower.chars().all(|c| c.is_ascii_digit())
        && w.lower
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2100).contains(&y))
        && words
            .get(next)
            .is_none_or(|n| lookup(lexicon::WHOM, &n.lower).is_none())
}

/// The clause around word `i`: bounded by `;`, `, while/but/whereas`,
/// `while`, and `and the`.
fn clause(words: &[Word], i: usize) -> (usize, usize) {
    let is_break = |k: usize| -> bool {
        let w = &words[k];
        match w.lower.as_str() {
            ";" | "—" | "–" | "--" => true,
            "while" | "whereas" | "but" | "although" => true,
            "and" => words
                .get(k + 1)
                .is_some_and(|n| matches!(n.lower.as_str(), "the" | "a" | "an")),
            _ => false,
        }
    };
    let mut s = i;
    while s > 0 && !is_break(s - 1) {
        s -= 1;
    }
    let mut e = i + 1;
    while e < words.len() && !is_break(e) {
        e += 1;
    }
    (s, e)
}

/// `the Armenian side`, `Azerbaijani forces`: a capitalised word before a
/// side noun, anywhere in the clause.
fn clause_side(view: &SentenceView, from: usize, to: usize) -> Option<String> {
    let words = &view.words;
    (from..to.saturating_sub(1)).find_map(|k| {
        let (w, n) = (&words[k], &words[k + 1]);
        (w.capital
            && w.kind == WordKind::Alpha
            && SIDE_NOUNS.contains(&n.lower.as_str())
            && k > from
            || w.capital && k == from && SIDE_NOUNS.contains(&n.lower.as_str()))
        .then(|| text_of(view, w.span).to_string())
    })
}

/// Who says so: `according to X`, `X said`, `..., X said.`
fn source(view: &SentenceView, clause_start: usize, clause_end: usize) -> Option<String> {
    let words = &view.words;
    if let Some(k) = words
        .windows(2)
        .position(|p| p[0].lower == "according" && p[1].lower == "to")
    {
        let from = k + 2;
        let to = words[from..]
            .iter()
            .position(|w| w.kind == WordKind::Punct)
            .map_or(words.len(), |p| from + p);
        return phrase(view, from, to);
    }
    // Active reporting verbs (`been confirmed` is not a source), the
    // clause's own first.
    let verbs: Vec<usize> = (0..words.len())
        .filter(|&k| lexicon::SAY_VERBS.contains(&words[k].lower.as_str()))
        .filter(|&k| {
            k == 0
                || !matches!(
                    words[k - 1].lower.as_str(),
                    "been" | "was" | "were" | "is" | "are" | "be"
                )
        })
        .collect();
    let verb = verbs
        .iter()
        .copied()
        .find(|&k| (clause_start..clause_end).contains(&k))
        .or_else(|| verbs.first().copied())?;
    // `X said` / `X has acknowledged`: the subject before the verb.
    let floor = if (clause_start..clause_end).contains(&verb) {
        clause_start
    } else {
        0
    };
    let mut from = verb;
    while from > floor && words[from - 1].kind != WordKind::Punct && verb - from < 7 {
        from -= 1;
    }
    let mut to = verb;
    while to > from
        && matches!(
            words[to - 1].lower.as_str(),
            "has" | "have" | "had" | "also" | "later"
        )
    {
        to -= 1;
    }
    if to > from {
        return phrase(view, from, to);
    }
    // `..., the ministry said.`: the subject after the verb.
    let to = words[verb + 1..]
        .iter()
        .position(|w| w.kind == WordKind::Punct)
        .map_or(words.len(), |p| verb + 1 + p);
    phrase(view, verb + 1, to.min(verb + 6))
}

/// `in Stepanakert`: a capitalised place after `in`/`at` following the number.
fn place(view: &SentenceView, from: usize, to: usize) -> Option<String> {
    let words = &view.words;
    (from..to.saturating_sub(1)).find_map(|k| {
        let (w, n) = (&words[k], &words[k + 1]);
        let is_time =
            view.times.iter().any(|t| t.span.overlaps(n.span)) || month_number(&n.lower).is_some();
        (matches!(w.lower.as_str(), "in" | "at")
            && n.capital
            && n.kind == WordKind::Alpha
            && !is_time)
            .then(|| text_of(view, n.span).to_string())
    })
}

/// The first capitalised name inside a phrase (`the Nagorno-Karabakh military`).
fn capitalised_name(phrase: &str) -> Option<String> {
    phrase
        .split_whitespace()
        .find(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && !matches!(*w, "The" | "A" | "An")
        })
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_string()
        })
}

fn phrase(view: &SentenceView, from: usize, to: usize) -> Option<String> {
    let (a, b) = (view.words.get(from)?, view.words.get(to.checked_sub(1)?)?);
    if b.span.end <= a.span.start {
        return None;
    }
    let text = text_of(view, Span::new(a.span.start, b.span.end)).trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn text_of<'a>(view: &SentenceView<'a>, span: Span) -> &'a str {
    let base = view.span.start;
    view.text
        .get(span.start.saturating_sub(base)..span.end.saturating_sub(base))
        .unwrap_or("")
}

fn contains_phrase(words: &[&str], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    words.windows(parts.len()).any(|w| w == parts.as_slice())
}
