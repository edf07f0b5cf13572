//! `conflicting-figure` and `decreasing-total`: figures with the same key
//! (what is counted, whom, whose side, where).
//!
//! Not contradictions: a different key (military vs total, wounded vs
//! killed, one province vs the country), a different date (a rising toll),
//! a different start (`since` two different days), intervals that overlap
//! after their approximations, and an explicit correction.

use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::json;

use crate::engine::analysis::Analysis;
use crate::engine::claims::{Claim, Quantity};
use crate::engine::corpus::claim_table::ClaimTable;
use crate::engine::corpus::{doc_label, Corpus};
use crate::engine::finding::{Finding, Related};

/// Rule id of same-date incompatible figures.
pub const RULE: &str = "conflicting-figure";
/// Rule id of a running total that went down without a correction.
pub const DECREASING_RULE: &str = "decreasing-total";

/// One figure of the corpus, reduced to what comparing needs.
#[derive(Debug)]
pub(crate) struct Figure {
    doc: String,
    claim: usize,
    low: u64,
    high: Option<u64>,
    as_of: Option<String>,
    day: Option<NaiveDate>,
    since: Option<String>,
    cumulative: bool,
    correction: bool,
}

/// The figures under one claim key, computed once per corpus change and
/// shared by every article's findings.
fn figures_under(corpus: &Corpus, key: &str) -> Arc<ClaimTable<Figure>> {
    corpus.memoised(
        |m| &mut m.figures,
        key,
        || ClaimTable::build(corpus, key, figure),
    )
}

/// The figure of one claim, if it is a quantity.
fn figure(_: &Corpus, doc: &str, j: usize, _: &Analysis, claim: &Claim) -> Option<Figure> {
    let q = claim.quantity()?;
    Some(Figure {
        doc: doc.to_string(),
        claim: j,
        low: q.low,
        high: q.high,
        as_of: q.as_of.clone(),
        day: day(q),
        since: q.since.clone(),
        cumulative: q.cumulative,
        correction: q.correction,
    })
}

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
        let all = figures_under(corpus, &claim.key);
        let Some(mine) = all.of_doc(doc).iter().find(|f| f.claim == i) else {
            continue;
        };
        let mut conflicts = Reports::default();
        let mut drops = Reports::default();
        for o in all.iter() {
            if std::ptr::eq(o, mine) || !comparable(mine, o) {
                continue;
            }
            if mine.as_of.is_some() && mine.as_of == o.as_of && mine.cumulative == o.cumulative {
                if disjoint(mine, o) && !mine.correction && !o.correction {
                    conflicts.add(corpus, o);
                }
            } else if mine.cumulative && o.cumulative && !mine.correction {
                if let (Some(my_day), Some(their_day)) = (mine.day, o.day) {
                    if their_day < my_day && mine.high.is_some_and(|h| h < o.low) {
                        drops.add(corpus, o);
                    }
                }
            }
        }
        let here = describe(analysis, claim, q);
        if let (Some(severity), false) = (conflicting, conflicts.related.is_empty()) {
            let mut others: Vec<String> = conflicts
                .related
                .iter()
                .map(|r| {
                    if r.doc == doc {
                        r.message.clone()
                    } else {
                        format!("{} in {}", r.message, doc_label(&r.doc))
                    }
                })
                .collect();
            super::count_rest(&mut others, conflicts.more);
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
            f.related = conflicts.related;
            f.data = Some(
                json!({"key": claim.key, "low": q.low, "high": q.high, "others": conflicts.data, "text": claim.span.text(&analysis.text)}),
            );
            out.push(f);
        }
        if let (Some(severity), false) = (decreasing, drops.related.is_empty()) {
            let mut others: Vec<String> = drops
                .related
                .iter()
                .map(|r| format!("{} in {}", r.message, doc_label(&r.doc)))
                .collect();
            super::count_rest(&mut others, drops.more);
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
            f.related = drops.related;
            f.data = Some(
                json!({"key": claim.key, "low": q.low, "high": q.high, "text": claim.span.text(&analysis.text)}),
            );
            out.push(f);
        }
    }
    out
}

/// The other reports a finding lists (at most `MAX_RELATED`) and how many
/// more there are.
#[derive(Default)]
struct Reports {
    related: Vec<Related>,
    data: Vec<serde_json::Value>,
    more: usize,
}

impl Reports {
    fn add(&mut self, corpus: &Corpus, o: &Figure) {
        if self.related.len() == super::MAX_RELATED {
            self.more += 1;
            return;
        }
        let Some(other_analysis) = corpus.get(&o.doc) else {
            return;
        };
        let Some((other, oq)) = other_analysis
            .claims
            .get(o.claim)
            .and_then(|c| Some((c, c.quantity()?)))
        else {
            return;
        };
        self.data
            .push(json!({"doc": o.doc, "low": o.low, "high": o.high}));
        self.related.push(Related {
            doc: o.doc.clone(),
            span: other.span,
            message: describe(other_analysis, other, oq),
        });
    }
}

/// Same scope: both or neither give a start, and the same one.
fn comparable(a: &Figure, b: &Figure) -> bool {
    match (&a.since, &b.since) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// True when the two intervals do not overlap.
fn disjoint(a: &Figure, b: &Figure) -> bool {
    let below = |x: &Figure, y: &Figure| x.high.is_some_and(|h| h < y.low);
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
