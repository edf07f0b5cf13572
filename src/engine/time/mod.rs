//! Time expressions: found in the clean body text and normalised TIMEX3-style
//! against the article's publication date.
//!
//! (Stub of the foundation issue: the tagger itself is the time issue's work.)

use chrono::NaiveDate;
use serde::Serialize;

use super::article::Article;
use super::span::Span;
use super::text::Segmentation;

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
}

/// Finds and normalises every time expression in the article body.
pub fn tag(_article: &Article, _segmentation: &Segmentation) -> Vec<Timex> {
    Vec::new()
}
