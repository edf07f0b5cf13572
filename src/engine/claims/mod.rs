//! Claims: quantities, dated events and attributed statements extracted from
//! one article, keyed so the corpus can compare them across articles.
//!
//! Extraction is lexical and conservative: a quantity needs a number *and* a
//! measure word (killed, wounded, displaced...), an event needs a trigger
//! *and* a time expression. What a claim does not state (its side, its place)
//! stays `None`, and the corpus rules never compare a stated value with an
//! unstated one — precision matters more than recall.

mod event;
mod lexicon;
mod quantity;
mod words;

use chrono::NaiveDate;
use serde::Serialize;

use super::article::Article;
use super::entities::{Entities, Mention};
use super::span::Span;
use super::text::Segmentation;
use super::time::Timex;

pub use lexicon::side_key;
pub use words::{tokenize, Word, WordKind};

/// One claim made by the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The words that make the claim (`376 of its servicemen have been killed`).
    pub span: Span,
    /// The comparison key (`killed/military/armenian`, `event/start/fighting`).
    pub key: String,
    /// The sentence it was read from.
    pub sentence: Span,
    pub kind: ClaimKind,
}

/// What a claim asserts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ClaimKind {
    Quantity(Quantity),
    Event(Event),
    Statement(Statement),
}

/// How a figure is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Approx {
    Exact,
    /// some, about, around, an estimated.
    About,
    /// nearly, almost, close to.
    Nearly,
    /// more than, over.
    MoreThan,
    /// at least.
    AtLeast,
    /// up to, fewer than, less than.
    AtMost,
    /// dozens, hundreds, scores, thousands.
    Vague,
}

/// A counted figure: `376 of its servicemen have been killed since Sept. 27`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The number (with its qualifier: `some 400`).
    pub number: Span,
    /// The value as written (`400` for `some 400`).
    pub value: u64,
    pub approx: Approx,
    /// The interval the figure allows after its approximation.
    pub low: u64,
    /// `None` when unbounded (`more than 20`).
    pub high: Option<u64>,
    /// What is counted: `killed`, `wounded`, `casualties`, `displaced`, `missing`, `detained`.
    pub measure: &'static str,
    /// Whom: `military`, `civilians`, `children`, `journalists`, `people`.
    pub whom: &'static str,
    /// Whose side, normalised (`armenian`), when the text says.
    pub side: Option<String>,
    /// The words that gave the side (`the Armenian side`, `its` → source).
    pub side_text: Option<String>,
    /// Where, when the text says (`in Stepanakert`).
    pub place: Option<String>,
    /// As of when (TIMEX value): an explicit `as of`, a dated period, else the
    /// publication date.
    pub as_of: Option<String>,
    /// Start of a cumulative count (`since Sept. 27`), TIMEX value.
    pub since: Option<String>,
    /// True for a running total (`have been killed since`, `toll`, `so far`).
    pub cumulative: bool,
    /// Who says so (`the Nagorno-Karabakh military`).
    pub source: Option<String>,
    /// True when the sentence says the figure corrects an earlier one.
    pub correction: bool,
}

/// A dated happening: `the fighting began Sept. 27`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// The trigger word(s).
    pub trigger: Span,
    /// Trigger class: `start`, `meet`, `agree`, `attack`, `violate`, `visit`, `announce`.
    pub class: &'static str,
    /// What happened to what (`fighting`, `ceasefire`, `talks`), normalised.
    pub object: Option<&'static str>,
    /// Names of the entities taking part, as written.
    pub participants: Vec<String>,
    /// Indices into the article's `Entities::entities` of the participants.
    pub participant_entities: Vec<usize>,
    /// Side of the agent when a demonym or place names it (`armenian`).
    pub agent_side: Option<String>,
    pub place: Option<String>,
    /// The time expression anchoring it.
    pub when: Span,
    /// Its TIMEX value (`2020-09-27`, `2020-09`).
    pub value: String,
    /// The day, when it denotes one.
    pub day: Option<NaiveDate>,
    /// Planned or expected rather than reported (`would visit`, `expected to`).
    pub modal: bool,
    /// Negated (`not expected to meet`, `did not`).
    pub negated: bool,
    /// Said by someone (`X said`, `according to`, `accused`).
    pub attributed: bool,
    /// The sentence reports mutual blame over it (`both sides blaming the other`).
    pub disputed: bool,
    /// The words of mutual blame (`both sides blaming the other`).
    pub dispute: Option<Span>,
    /// The assertion: from the sentence start to the trigger's object
    /// (`Armenian Armed Forces launched a large-scale military attack`).
    pub assertion: Span,
}

/// Who said what: `"..." Zakharova said`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The speaker as written (`Zakharova`, `the ministry`).
    pub speaker: Option<String>,
    /// The quoted words, when quoted.
    pub quote: Option<Span>,
    /// The reporting verb (`said`, `told`, `according to`).
    pub verb: String,
}

impl Claim {
    /// The quantity, when this claim is one.
    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.kind {
            ClaimKind::Quantity(q) => Some(q),
            _ => None,
        }
    }

    /// The event, when this claim is one.
    pub fn event(&self) -> Option<&Event> {
        match &self.kind {
            ClaimKind::Event(e) => Some(e),
            _ => None,
        }
    }
}

/// Everything the extractors read about one sentence.
pub(crate) struct SentenceView<'a> {
    pub span: Span,
    pub text: &'a str,
    pub words: Vec<Word>,
    /// Time expressions inside the sentence.
    pub times: Vec<&'a Timex>,
    /// The entity mentions inside the sentence, in the order of
    /// `entities.mentions`.
    pub mentions: Vec<&'a Mention>,
    pub publication: Option<NaiveDate>,
}

/// Extracts every claim of the article, in text order.
pub fn extract(
    article: &Article,
    segmentation: &Segmentation,
    times: &[Timex],
    entities: &Entities,
) -> Vec<Claim> {
    let publication = article.publication_date.as_ref().map(|p| p.date);
    let times_at = ByStart::new(times, |t| t.span);
    let mentions_at = ByStart::new(&entities.mentions, |m| m.span);
    let mut claims = Vec::new();
    for span in sentences(article, segmentation) {
        let Some(text) = article.clean.get(span.range()) else {
            continue;
        };
        let view = SentenceView {
            span,
            text,
            words: words::tokenize(text, span.start),
            times: times_at.inside(span),
            mentions: mentions_at.inside(span),
            publication,
        };
        claims.extend(quantity::extract(&view));
        claims.extend(event::extract(&view));
    }
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    claims
}

/// Items with spans, indexed by start: the items inside a sentence are found
/// by binary search, not by a scan of the whole article per sentence
/// (quadratic on long articles).
struct ByStart<'a, T> {
    items: &'a [T],
    span: fn(&T) -> Span,
    /// Indices into `items`, by span start.
    order: Vec<usize>,
}

impl<'a, T> ByStart<'a, T> {
    fn new(items: &'a [T], span: fn(&T) -> Span) -> Self {
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&k| span(&items[k]).start);
        ByStart { items, span, order }
    }

    /// The items whose span `outer` contains, in their order in `items`
    /// (exactly `items.iter().filter(|i| outer.contains(span(i)))`, since
    /// spans have `start <= end`).
    fn inside(&self, outer: Span) -> Vec<&'a T> {
        let start = |k: &usize| (self.span)(&self.items[*k]).start;
        let lo = self.order.partition_point(|k| start(k) < outer.start);
        let hi = self.order.partition_point(|k| start(k) <= outer.end);
        let mut hits: Vec<usize> = self
            .order
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|&k| outer.contains((self.span)(&self.items[k])))
            .collect();
        hits.sort_unstable();
        hits.into_iter().map(|k| &self.items[k]).collect()
    }
}

/// The sentences of the body: the segmenter's, or (when it gave none) a
/// conservative split of each body paragraph at `. ` + capital.
fn sentences(article: &Article, segmentation: &Segmentation) -> Vec<Span> {
    let body: Vec<Span> = article.body_paragraphs().map(|p| p.span).collect();
    if !segmentation.sentences.is_empty() {
        // "Inside a body paragraph" by binary search: paragraphs by start,
        // with the furthest end reached so far.
        let mut by_start = body.clone();
        by_start.sort_by_key(|p| p.start);
        let furthest: Vec<usize> = by_start
            .iter()
            .scan(0, |m, p| {
                *m = p.end.max(*m);
                Some(*m)
            })
            .collect();
        let in_body = |s: Span| {
            let k = by_start.partition_point(|p| p.start <= s.start);
            k > 0 && furthest[k - 1] >= s.end
        };
        return segmentation
            .sentences
            .iter()
            .filter(|s| in_body(s.span))
            .map(|s| s.span)
            .collect();
    }
    let mut out = Vec::new();
    for para in body {
        let Some(text) = article.clean.get(para.range()) else {
            continue;
        };
        out.extend(split_sentences(text, para.start));
    }
    out
}

/// Splits at `.`/`!`/`?` (plus closing quotes) followed by whitespace and an
/// upper-case letter or quote, except after short abbreviations (`Sept.`).
pub(crate) fn split_sentences(text: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let is_break = c == '\n' && chars.get(i + 1).is_some_and(|&(_, n)| n == '\n');
        if matches!(c, '.' | '!' | '?') || is_break {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')') {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
            let next_ok = chars.get(j).is_none_or(|&(_, n)| n.is_whitespace())
                && chars[j..]
                    .iter()
                    .find(|(_, n)| !n.is_whitespace())
                    .is_none_or(|&(_, n)| n.is_uppercase() || matches!(n, '"' | '“' | '\'' | '‘'));
            let word_before = text
                .get(start..pos)
                .and_then(|s| s.split_whitespace().last())
                .unwrap_or("");
            let abbreviation = c == '.' && is_abbreviation(word_before);
            if is_break || (next_ok && !abbreviation) {
                push_trimmed(&mut out, text, start, end, base);
                start = end;
                i = j;
                continue;
            }
        }
        let _ = pos;
        i += 1;
    }
    push_trimmed(&mut out, text, start, text.len(), base);
    out
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '"', '“']);
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (letters <= 4
        && w.chars().next().is_some_and(|c| c.is_uppercase())
        && !w.chars().all(|c| c.is_uppercase()))
        || w.contains('.')
        || (letters == 1)
}

fn push_trimmed(out: &mut Vec<Span>, text: &str, start: usize, end: usize, base: usize) {
    let Some(piece) = text.get(start..end) else {
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() {
        return;
    }
    out.push(Span::new(base + start + lead, base + end - trail));
}

#[cfg(test)]
mod tests;
