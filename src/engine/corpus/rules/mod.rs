//! Cross-article rules. Each has a stable id and a default severity that
//! `Config::severity_for` can change or switch off, and each compares a claim
//! or entity only with those sharing its index key.

pub mod contested;
pub mod dates;
pub mod figures;
pub mod spelling;

use std::sync::Arc;

use crate::engine::analysis::Analysis;
use crate::engine::corpus::Corpus;
use crate::engine::finding::Severity;

/// Most other reports or witnesses one finding lists (the rest are counted):
/// a finding stays readable, and its cost bounded, in a corpus of thousands.
pub(super) const MAX_RELATED: usize = 8;

/// Adds `and N more` to a list of other reports cut at `MAX_RELATED`.
pub(super) fn count_rest(others: &mut Vec<String>, more: usize) {
    if more > 0 {
        others.push(format!("and {more} more"));
    }
}

/// Every rule of this module: (id, default severity, what it flags).
pub const RULES: &[(&str, crate::engine::finding::Severity, &str)] = &[
    (
        spelling::RULE,
        crate::engine::finding::Severity::Warning,
        "one entity spelled two ways",
    ),
    (
        figures::RULE,
        crate::engine::finding::Severity::Warning,
        "same count, same date, incompatible figures",
    ),
    (
        figures::DECREASING_RULE,
        crate::engine::finding::Severity::Warning,
        "a running total lower than an earlier report",
    ),
    (
        dates::RULE,
        crate::engine::finding::Severity::Warning,
        "one event anchored to different days",
    ),
    (
        contested::RULE,
        crate::engine::finding::Severity::Information,
        "asserted here, disputed elsewhere",
    ),
];

/// The default severity of a rule of this module (from `RULES`).
pub fn default_severity(rule: &str) -> Severity {
    RULES
        .iter()
        .find(|(id, ..)| *id == rule)
        .map_or(Severity::Warning, |r| r.1)
}

/// The article `doc` and the severity `rule` is configured at, or `None`
/// when the article is unknown or the rule is switched off.
pub(super) fn article_and_severity<'c>(
    corpus: &'c Corpus,
    doc: &str,
    rule: &str,
) -> Option<(&'c Arc<Analysis>, Severity)> {
    let analysis = corpus.get(doc)?;
    let severity = corpus
        .options()
        .config
        .severity_for(rule, default_severity(rule))?;
    Some((analysis, severity))
}
