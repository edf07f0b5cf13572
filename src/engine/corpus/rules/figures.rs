//! `conflicting-figure` and `decreasing-total`: figures with the same key
//! (what is counted, whom, whose side, where).
//!
//! Not contradictions: a different key (military vs total, wounded vs
//! killed, one province vs the country), a different date (a rising toll),
//! a different start (`since` two different days), intervals that overlap
//! after their approximations, and an explicit correction.

use chrono::NaiveDate;
use serde_json::json;

use crate::engine::analysis::Analysis;
use crate::engine::claims::{Claim, Quantity};
use crate::engine::corpus::{doc_label, Corpus};
use crate::engine::finding::{Finding, Related};

/// Rule id of same-date incompatible figures.
pub const RULE: &str = "conflicting-figure";
/// Rule id of a running total that went down without a correction.
pub const DECREASING_RULE: &str = "decreasing-total";

/// Figure findings of one article.
pub fn findings(corpus: &Corpus, doc: &str) -> Vec<Finding> {
    let Some(analysis) = corpus.get(doc) else {
        return Vec::new();
    };
    let config = &corpus.options().config;
    let conflicting = config.severity_for(RULE, super::default_severity(RULE));
    let decreasing = config.severity_for(DECREASING_RULE, super::default_severity(DECREASING_RULE));
    let mut out = Vec::new();
    for (i, claim) in analysis.claims.iter().enumerate() {
        let Some(q) = claim.quantity() else { continue };
        let mut conflicts: Vec<Related> = Vec::new();
        let mut conflict_data = Vec::new();
        let mut drops: Vec<Related> = Vec::new();
        for (other_doc, j) in corpus.index().claims_under(&claim.key) {
            if other_doc == doc && *j == i {
                continue;
            }
            let Some(other_analysis) = corpus.get(other_doc) else {
                continue;
            };
            let Some(other) = other_analysis.claims.get(*j) else {
                continue;
            };
            let Some(o) = other.quantity() else { continue };
            if !comparable(q, o) {
                continue;
            }
            let related = Related {
                doc: other_doc.clone(),
                span: other.span,
                message: describe(other_analysis, other, o),
            };
            if q.as_of.is_some() && q.as_of == o.as_of && q.cumulative == o.cumulative {
                if disjoint(q, o) && !q.correction && !o.correction {
                    conflict_data.push(json!({"doc": other_doc, "low": o.low, "high": o.high}));
                    conflicts.push(related);
                }
            } else if q.cumulative && o.cumulative && !q.correction {
                if let (Some(mine), Some(theirs)) = (day(q), day(o)) {
                    if theirs < mine && q.high.is_some_and(|h| h < o.low) {
                        drops.push(related);
                    }
                }
            }
        }
        let here = describe(analysis, claim, q);
        if let (Some(severity), false) = (conflicting, conflicts.is_empty()) {
            let others: Vec<String> = conflicts
                .iter()
                .map(|r| {
                    if r.doc == doc {
                        r.message.clone()
                    } else {
                        format!("{} in {}", r.message, doc_label(&r.doc))
                    }
                })
                .collect();
            let mut f = Finding::new(
                claim.span,
                RULE,
                severity,
                format!(
                    "Conflicting figures for {}: {here} here vs {}",
                    key_words(q),
                    others.join("; ")
                ),
            );
            f.related = conflicts;
            f.data = Some(
                json!({"key": claim.key, "low": q.low, "high": q.high, "others": conflict_data, "text": claim.span.text(&analysis.text)}),
            );
            out.push(f);
        }
        if let (Some(severity), false) = (decreasing, drops.is_empty()) {
            let others: Vec<String> = drops
                .iter()
                .map(|r| format!("{} in {}", r.message, doc_label(&r.doc)))
                .collect();
            let mut f = Finding::new(
                claim.span,
                DECREASING_RULE,
                severity,
                format!(
                    "Running total for {} went down: {here} here, but earlier {}; no correction is mentioned",
                    key_words(q),
                    others.join("; ")
                ),
            );
            f.related = drops;
            f.data = Some(
                json!({"key": claim.key, "low": q.low, "high": q.high, "text": claim.span.text(&analysis.text)}),
            );
            out.push(f);
        }
    }
    out
}

/// Same scope: both or neither give a start, and the same one.
fn comparable(a: &Quantity, b: &Quantity) -> bool {
    match (&a.since, &b.since) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// True when the two intervals do not overlap.
fn disjoint(a: &Quantity, b: &Quantity) -> bool {
    let below = |x: &Quantity, y: &Quantity| x.high.is_some_and(|h| h < y.low);
    below(a, b) || below(b, a)
}

fn day(q: &Quantity) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(q.as_of.as_deref()?, "%Y-%m-%d").ok()
}

/// `"376 of its servicemen have been killed" (the Nagorno-Karabakh military, as of 2020-10-09)`.
pub fn describe(analysis: &Analysis, claim: &Claim, q: &Quantity) -> String {
    let text = claim.span.text(&analysis.text);
    let source = q.source.as_deref().unwrap_or("unattributed");
    let mut parts = vec![source.to_string()];
    if let Some(since) = &q.since {
        parts.push(format!("since {since}"));
    }
    if let Some(as_of) = &q.as_of {
        parts.push(format!("as of {as_of}"));
    }
    format!("\"{text}\" ({})", parts.join(", "))
}

/// `killed (military, armen side)`.
fn key_words(q: &Quantity) -> String {
    let mut s = format!("{} ({}", q.measure, q.whom);
    if let Some(side) = &q.side_text {
        s.push_str(&format!(", {side} side"));
    } else if let Some(side) = &q.side {
        s.push_str(&format!(", {side} side"));
    }
    if let Some(place) = &q.place {
        s.push_str(&format!(", in {place}"));
    }
    s.push(')');
    s
}
