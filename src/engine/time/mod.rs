//! Time expressions: found in the clean body text and normalised TIMEX3-style
//! against the article's publication date.
//!
//! The pipeline of one paragraph: `scan` (own light tokenisation of the clean
//! text) → `recognise` (lexicon-driven recognisers, longest match) → `tense`
//! (cue words around the expression) → `resolve` (value against the anchor).
//! `findings` checks the results (weekday mismatches, impossible dates, past
//! reports of future dates).

mod findings;
mod holiday;
mod lexicon;
mod recognise;
mod resolve;
mod scan;
mod tense;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::article::Article;
use super::config::{NumericDateOrder, TimeConfig};
use super::span::Span;
use super::text::Segmentation;

pub use findings::{findings, FUTURE_IN_PAST_RULE, IMPOSSIBLE_DATE_RULE, WEEKDAY_MISMATCH_RULE};
pub use lexicon::{month_name, weekday_name};

/// TIMEX3 `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// The TIMEX3 name (`DATE`, `TIME`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// The tense of the sentence around an expression, as its cue words show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// One normalised time expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    pub span: Span,
    pub kind: TimexType,
    /// TIMEX3 value (`2020-10-08`, `2020-W41`, `P2W`, `XXXX-WXX-5`, ...).
    pub value: String,
    /// TIMEX3 mod (`APPROX`, `LESS_THAN`, `START`, ...).
    pub modifier: Option<&'static str>,
    /// The day it resolves to, when it denotes one day (for hints and rules).
    pub day: Option<NaiveDate>,
    /// True when the text already states the value (`October 9, 2020`): no hint.
    pub absolute: bool,
    /// The date it was resolved against, when relative.
    pub anchor: Option<NaiveDate>,
    /// Name of the rule that produced the value, for explanations.
    pub rule: &'static str,
    /// The tense of its sentence (decides bare weekdays and year-less dates).
    pub tense: Tense,
}

/// Finds and normalises every time expression in the article body.
///
/// Scans the clean text of each body paragraph (so furniture is never
/// annotated). Embeds resolve against their own date when they give one.
pub fn tag(article: &Article, _segmentation: &Segmentation, config: &TimeConfig) -> Vec<Timex> {
    let publication = article.publication_date.as_ref().map(|p| p.date);
    let mut narrative = Narrative {
        style: publication_style(article),
        ..Narrative::default()
    };
    let mut out = Vec::new();
    for paragraph in article.body_paragraphs() {
        let Some(text) = article.clean.get(paragraph.span.range()) else {
            continue;
        };
        let anchor = paragraph.anchor.or(publication);
        tag_text(
            text,
            paragraph.span.start,
            anchor,
            config,
            &mut narrative,
            &mut out,
        );
    }
    out
}

/// What `tag` carries from one paragraph to the next (what the story has
/// said so far), so a caller can tag paragraph by paragraph and reuse the
/// result of a paragraph whose text, anchor and incoming state are unchanged
/// (the analysis cache).
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct TagState(Narrative);

/// Tags one body paragraph's clean `text` at file offset `base`, as `tag`
/// does for each paragraph in turn, threading `state`.
pub fn tag_paragraph(
    text: &str,
    base: usize,
    anchor: Option<NaiveDate>,
    config: &TimeConfig,
    state: &mut TagState,
) -> Vec<Timex> {
    let mut out = Vec::new();
    tag_text(text, base, anchor, config, &mut state.0, &mut out);
    out
}

/// Tags one piece of clean text at file offset `base` against `anchor`.
/// Used by `tag` per paragraph, and by tests and benchmarks directly.
pub fn tag_text_with_anchor(
    text: &str,
    anchor: Option<NaiveDate>,
    config: &TimeConfig,
) -> Vec<Timex> {
    let mut out = Vec::new();
    tag_text(text, 0, anchor, config, &mut Narrative::default(), &mut out);
    out
}

/// How many recent calendar values the narrative keeps.
const RECENT: usize = 8;

/// What the document has said so far, to tell news (dates near the
/// publication date) from narrative history (WikiWars: `In late September`
/// after `September 1, 1939` means 1939, whatever the publication date).
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
struct Narrative {
    /// Explicit years within a year of the publication date.
    near: u32,
    /// Explicit years further away.
    far: u32,
    /// The last date mentioned (explicit or resolved): year, month, day.
    last: Option<(i32, Option<u32>, Option<u32>)>,
    /// The last single day mentioned.
    last_day: Option<NaiveDate>,
    /// The latest calendar values mentioned, oldest first (`2009-02`,
    /// `2009-Q3`; at most `RECENT`), for `the same period a year earlier`.
    recent: Vec<String>,
    /// How the text spells its dates: above zero month first (`July 8,
    /// 2007`, American), below zero day first (`8 July 2007`); decides
    /// ambiguous numeric dates (`7/8/07`) before the configured default.
    style: i32,
}

impl Narrative {
    /// The date year-less and anaphoric expressions hang on, and whether the
    /// document reads as a narrative (then only its year counts).
    fn reference(&self, anchor: Option<NaiveDate>) -> (Option<NaiveDate>, bool) {
        let anchor_date = match anchor {
            Some(a) => a,
            None => return (None, false),
        };
        // A narrative: most explicit dates lie far from the publication date.
        if self.far >= 2 && self.far > 2 * self.near {
            if let Some((y, m, d)) = self.last {
                let date = NaiveDate::from_ymd_opt(y, m.unwrap_or(7), d.unwrap_or(1));
                if let Some(date) = date {
                    return (Some(date), true);
                }
            }
        }
        (Some(anchor_date), false)
    }

    fn note_explicit(
        &mut self,
        explicit: (i32, Option<u32>, Option<u32>),
        anchor: Option<NaiveDate>,
    ) {
        let near = anchor.is_some_and(|a| (a.year() - explicit.0).abs() <= 1);
        if near {
            self.near += 1;
        } else {
            self.far += 1;
        }
    }

    /// Remembers a resolved date value (`1918-11-11`, `1918-11`, `1918`).
    fn note_value(&mut self, kind: TimexType, value: &str, day: Option<NaiveDate>) {
        if !matches!(kind, TimexType::Date | TimexType::Time) {
            return;
        }
        if day.is_some() {
            self.last_day = day;
        }
        // `BC0480-04` reads as year -480 (the narrative only compares them).
        let (sign, value) = match value.strip_prefix("BC") {
            Some(rest) => (-1, rest),
            None => (1, value),
        };
        let num = |r: std::ops::Range<usize>| value.get(r).and_then(|s| s.parse::<u32>().ok());
        let Some(y) = num(0..4) else { return };
        if value.len() > 4 && value.as_bytes().get(4) != Some(&b'-') {
            return; // `199X`
        }
        let m = num(5..7).filter(|m| (1..=12).contains(m));
        let d = m.and(num(8..10));
        self.last = Some((sign * y as i32, m, d));
        if sign > 0 {
            // Calendar part only: `2009-02-03T10:00` → `2009-02-03`.
            let calendar = value.split('T').next().unwrap_or(value);
            if self.recent.len() >= RECENT {
                self.recent.remove(0);
            }
            self.recent.push(calendar.to_owned());
        }
    }
}

fn tag_text(
    text: &str,
    base: usize,
    anchor: Option<NaiveDate>,
    config: &TimeConfig,
    narrative: &mut Narrative,
    out: &mut Vec<Timex>,
) {
    let lowered = text.to_ascii_lowercase();
    let toks = scan::tokenize(text, &lowered, base);
    let mut paragraph_day = None;
    for e in recognise::recognise(&toks) {
        let (Some(first), Some(last)) = (
            toks.get(e.start),
            e.end.checked_sub(1).and_then(|l| toks.get(l)),
        ) else {
            continue;
        };
        let tense = tense::tense_around(&toks, e.start, e.end);
        let (reference, in_narrative) = narrative.reference(anchor);
        let cx = resolve::Context {
            anchor,
            reference,
            narrative: in_narrative,
            last_mentioned: last_mentioned(&e.core, narrative.last),
            recent: &narrative.recent,
            // A bare clock time is on the paragraph's day; in a narrative,
            // on the story's last day (never the far publication date).
            last_day: if e.rule == "clock" {
                paragraph_day.or(narrative.last_day.filter(|_| in_narrative))
            } else {
                narrative.last_day
            },
            tense,
            order: match narrative.style {
                s if s > 0 => NumericDateOrder::MonthFirst,
                s if s < 0 => NumericDateOrder::DayFirst,
                _ => config.numeric_dates,
            },
        };
        let r = resolve::resolve(&e, &cx);
        match e.rule {
            "month-day" | "month-day-year" => narrative.style += 1,
            "day-month" | "day-month-year" => narrative.style -= 1,
            _ => {}
        }
        if let Some(explicit) = r.explicit {
            narrative.note_explicit(explicit, anchor);
        }
        // Deictic expressions speak from the publication date: they mark
        // news, and never move the narrative's reference.
        let deictic = matches!(
            e.core,
            recognise::Core::Weekday(_)
                | recognise::Core::WeekdayShift(..)
                | recognise::Core::DayOffset(_)
                | recognise::Core::StoryDay
                | recognise::Core::Ago(..)
        );
        if deictic && !in_narrative {
            narrative.near += u32::from(anchor.is_some());
        }
        // A plan ahead of the story (`a campaign planned for 1976`) does not
        // move the story's time either.
        let planned_ahead = in_narrative
            && tense == Tense::Future
            && r.value.get(0..4).and_then(|y| y.parse::<i32>().ok()) > reference.map(|d| d.year());
        // Nor does a named event (`the September 11 attacks`).
        let named_event = e.rule == "september-11";
        // Nor a period a year back it is compared with (`from a year
        // earlier`, `the same period last year`): the next comparison
        // still hangs on the period reported.
        let compared = matches!(r.rule, "year-earlier" | "year-back-same-quarter");
        let moves_story = !(planned_ahead || deictic && in_narrative || named_event || compared);
        if moves_story {
            narrative.note_value(r.kind, &r.value, r.day);
        }
        if r.day.is_some() {
            paragraph_day = r.day;
        }
        out.push(Timex {
            span: Span::new(first.start, last.end - possessive_len(last.text)),
            kind: r.kind,
            value: r.value,
            modifier: e.modifier,
            day: r.day,
            absolute: r.absolute,
            anchor: r.anchor,
            rule: r.rule,
            tense,
        });
    }
}

/// The date style of the publication date line, when it is text the
/// analysis sees (`July 09, 2007` → month first, 1; `9 July 2007` → -1).
fn publication_style(article: &Article) -> i32 {
    let Some(line) = article
        .publication_date
        .as_ref()
        .and_then(|p| p.span)
        .and_then(|s| article.clean.get(s.range()))
    else {
        return 0;
    };
    let is_month = |w: &str| lexicon::month(&w.to_ascii_lowercase()).is_some();
    let words: Vec<&str> = line
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let Some(m) = words.iter().position(|w| is_month(w)) else {
        return 0;
    };
    // A day number right before the month name: `9 July 2007`.
    let day_before = m
        .checked_sub(1)
        .and_then(|p| words.get(p))
        .is_some_and(|w| w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()));
    let day_after = words
        .get(m + 1)
        .is_some_and(|w| w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()));
    match (day_before, day_after) {
        (true, _) => -1,
        (false, true) => 1,
        _ => 0,
    }
}

/// The last date mentioned, as precise as `five days later` (a day),
/// `a month later` (a month) or `two years later` (a year) needs.
fn last_mentioned(
    core: &recognise::Core,
    last: Option<(i32, Option<u32>, Option<u32>)>,
) -> Option<NaiveDate> {
    use lexicon::Unit;
    let recognise::Core::Anaphoric(unit, _) = core else {
        return None;
    };
    let (y, m, d) = last?;
    match unit {
        Unit::Year | Unit::Decade | Unit::Century => {
            NaiveDate::from_ymd_opt(y, m.unwrap_or(7), d.unwrap_or(1))
        }
        Unit::Month | Unit::Quarter => NaiveDate::from_ymd_opt(y, m?, d.unwrap_or(1)),
        _ => NaiveDate::from_ymd_opt(y, m?, d?),
    }
}

/// Bytes of a possessive ending (`Monday's` → 2): not part of the expression.
fn possessive_len(word: &str) -> usize {
    ["'s", "’s"]
        .iter()
        .find(|p| word.len() > p.len() && word.ends_with(*p))
        .map_or(0, |p| p.len())
}
