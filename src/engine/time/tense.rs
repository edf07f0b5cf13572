//! The tense of the words around an expression, inside its sentence: what
//! decides whether a bare `Thursday` is the last or the next one.

use super::lexicon;
use super::scan::{Kind, Tok};
use super::Tense;

/// The tense cue nearest to tokens `[start, end)` within their sentence.
pub fn tense_around(toks: &[Tok<'_>], start: usize, end: usize) -> Tense {
    let first = sentence_start(toks, start);
    let last = sentence_end(toks, end);
    let mut best: Option<(usize, Tense, bool)> = None;
    // `closed until Friday`, `open till Monday`: the end of a state that
    // lasts from now, unless the sentence tells a finished past. The state
    // word itself (`closed`) is no tense cue.
    let until = start
        .checked_sub(1)
        .and_then(|p| toks.get(p))
        .is_some_and(|p| matches!(p.lc(), "until" | "till"));
    let state_word = start.checked_sub(2).filter(|_| until);
    if deferred_to(toks, start) {
        return Tense::Future;
    }
    let mut consider = |i: usize, dist: usize| {
        if Some(i) == state_word {
            return;
        }
        let Some(t) = toks.get(i) else { return };
        if t.kind != Kind::Word {
            return;
        }
        let w = t.lc();
        // `will be signed`, `to be held`: a participle takes the tense of its auxiliary.
        let after_be = i
            .checked_sub(1)
            .and_then(|p| toks.get(p))
            .is_some_and(|p| matches!(p.lc(), "be" | "being" | "to"));
        if after_be && lexicon::is_past_cue(w) {
            return;
        }
        // `would last 72 hours`, `to last`: the verb, no `last week`.
        let prev = i
            .checked_sub(1)
            .and_then(|p| toks.get(p))
            .map_or("", |p| p.lc());
        if w == "last"
            && matches!(
                prev,
                "will" | "would" | "could" | "can" | "may" | "might" | "should" | "must" | "to"
            )
        {
            return;
        }
        let next = |k: usize| toks.get(i + k).map_or("", |n| n.lc());
        // `is set to begin`, `are slated to`: arrangements for the future;
        // `takes effect Jan. 1`, `goes into effect`: a scheduled start.
        // `is set for April 14`, `snow is forecast for Tuesday night`.
        let arranged = (matches!(w, "set" | "slated" | "poised") && next(1) == "to")
            || (matches!(w, "set" | "slated" | "forecast" | "scheduled" | "due")
                && next(1) == "for"
                && !matches!(prev, "was" | "were" | "had"))
            || (matches!(w, "takes" | "take") && next(1) == "effect" && prev != "to")
            || (w == "goes" && next(1) == "into" && next(2) == "effect");
        // `a cut in June was likely`: what was likely lies ahead of the report.
        let prospect = matches!(w, "was" | "were" | "is" | "are" | "seemed" | "seems")
            && matches!(next(1), "likely" | "unlikely");
        let tense = if arranged
            || prospect
            || lexicon::is_future_cue(w)
            || (w.ends_with("'ll") || w.ends_with("’ll"))
        {
            Tense::Future
        } else if lexicon::is_past_cue(w) {
            Tense::Past
        } else {
            return;
        };
        // `has continued`, `have been`: the present perfect reaches up to now.
        let perfect = tense == Tense::Past
            && (matches!(w, "has" | "have" | "hasn't" | "haven't")
                || i.checked_sub(1)
                    .and_then(|p| toks.get(p))
                    .is_some_and(|p| matches!(p.lc(), "has" | "have")));
        if best.is_none_or(|(d, _, _)| dist < d) {
            best = Some((dist, tense, perfect));
        }
    };
    // Leftwards to the sentence start or an opening/closing quote: quoted
    // speech has its own tense.
    for (i, t) in toks.iter().enumerate().take(start).skip(first).rev() {
        if is_quote(t) {
            break;
        }
        consider(i, start - i);
    }
    // Rightwards only within the clause: `would visit Moscow on October 12
    // but gave no details` speaks of the visit in the future.
    for (i, t) in toks.iter().enumerate().take(last).skip(end) {
        if is_quote(t) || ends_clause(t) {
            break;
        }
        consider(i, i + 1 - end);
    }
    match best {
        Some((_, Tense::Past, false)) => Tense::Past,
        _ if until => Tense::Future,
        Some((_, Tense::Past, true)) => Tense::Unknown,
        Some((_, t, _)) => t,
        None => Tense::Unknown,
    }
}

/// `postponed to March 3`, `pushed back until Thursday`, `delayed till
/// 2021`: a deferral names a date ahead, whatever the tense of the report.
fn deferred_to(toks: &[Tok<'_>], start: usize) -> bool {
    let word = |k: Option<usize>| k.and_then(|k| toks.get(k)).map_or("", |t| t.lc());
    if !matches!(word(start.checked_sub(1)), "to" | "until" | "till") {
        return false;
    }
    let mut verb = start.checked_sub(2);
    if matches!(word(verb), "back" | "off" | "over") {
        verb = verb.and_then(|v| v.checked_sub(1));
    }
    lexicon::is_deferral(word(verb))
}

fn is_quote(t: &Tok<'_>) -> bool {
    t.kind == Kind::Punct && matches!(t.text, "\"" | "“" | "”" | "«" | "»")
}

fn ends_clause(t: &Tok<'_>) -> bool {
    (t.kind == Kind::Punct && matches!(t.text, "," | ":" | "(" | ")" | "—" | "–"))
        || (t.kind == Kind::Word
            && matches!(
                t.lc(),
                "but" | "and" | "while" | "whereas" | "although" | "because"
            ))
}

fn is_boundary(toks: &[Tok<'_>], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return true };
    if t.is('!') || t.is('?') || t.is(';') {
        return true;
    }
    if !t.is('.') {
        return false;
    }
    // `Sept. 27`, `U.S.`, `Mr.`: abbreviations, not sentence ends.
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    !prev.is_some_and(|p| {
        p.kind == Kind::Word
            && (p.text.chars().count() == 1
                || lexicon::is_month_abbreviation(p.lc())
                || matches!(
                    p.lc(),
                    "mr" | "mrs"
                        | "ms"
                        | "dr"
                        | "st"
                        | "gen"
                        | "col"
                        | "lt"
                        | "sen"
                        | "rep"
                        | "gov"
                        | "prof"
                        | "no"
                        | "vs"
                ))
    })
}

fn sentence_start(toks: &[Tok<'_>], start: usize) -> usize {
    let mut i = start;
    while i > 0 {
        if is_boundary(toks, i - 1) {
            return i;
        }
        i -= 1;
    }
    0
}

fn sentence_end(toks: &[Tok<'_>], end: usize) -> usize {
    let mut i = end;
    while i < toks.len() {
        if is_boundary(toks, i) {
            return i;
        }
        i += 1;
    }
    toks.len()
}
