//! `conflicting-date`: one event anchored to different days in different
//! articles.
//!
//! Two events are one when they have the same trigger class and object, the
//! same people and organisations taking part (resolved across articles; an
//! event without any may only be the start of fighting or a war), no
//! different places, and days less than a month apart. Plans and
//! expectations (`would visit`, `expected to meet`), negations and disputed
//! accounts are not anchors.

use std::collections::BTreeSet;

use serde_json::json;

use crate::engine::analysis::Analysis;
use crate::engine::claims::{Claim, Event};
use crate::engine::corpus::{doc_label, Corpus};
use crate::engine::entities::EntityType;
use crate::engine::finding::{Finding, Related};

/// Rule id.
pub const RULE: &str = "conflicting-date";

/// Days apart beyond which two reports are taken for two events.
const MAX_DAYS_APART: i64 = 31;

/// Conflicting-date findings of one article.
pub fn findings(corpus: &Corpus, doc: &str) -> Vec<Finding> {
    let Some((analysis, severity)) = super::article_and_severity(corpus, doc, RULE) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for claim in &analysis.claims {
        let Some(e) = claim.event().filter(|e| anchors(e)) else {
            continue;
        };
        let mine = participants(corpus, doc, analysis, e);
        if mine.is_empty() && !matches!((e.class, e.object), ("start", Some("fighting" | "war"))) {
            continue;
        }
        let mut related = Vec::new();
        for (other_doc, j) in corpus.index().claims_under(&claim.key) {
            if other_doc == doc {
                continue;
            }
            let Some(other_analysis) = corpus.get(other_doc) else {
                continue;
            };
            let Some(other) = other_analysis.claims.get(*j) else {
                continue;
            };
            let Some(o) = other.event().filter(|o| anchors(o)) else {
                continue;
            };
            let (Some(d1), Some(d2)) = (e.day, o.day) else {
                continue;
            };
            if d1 == d2 || (d1 - d2).num_days().abs() > MAX_DAYS_APART {
                continue;
            }
            if let (Some(p1), Some(p2)) = (&e.place, &o.place) {
                if p1.to_lowercase() != p2.to_lowercase() {
                    continue;
                }
            }
            if participants(corpus, other_doc, other_analysis, o) != mine {
                continue;
            }
            related.push(Related {
                doc: other_doc.clone(),
                span: o.when,
                message: format!("{} ({})", describe(other_analysis, other, o), o.value),
            });
        }
        if related.is_empty() {
            continue;
        }
        let others: Vec<String> = related
            .iter()
            .map(|r| format!("{} in {}", r.message, doc_label(&r.doc)))
            .collect();
        let mut f = Finding::new(
            e.when,
            RULE,
            severity,
            format!(
                "Conflicting dates: {} ({}) here vs {}",
                describe(analysis, claim, e),
                e.value,
                others.join("; ")
            ),
        );
        f.related = related;
        f.data = Some(json!({"key": claim.key, "value": e.value}));
        out.push(f);
    }
    out
}

/// Whether an event anchors its day: reported, day-precise, not a plan,
/// not negated, not a report of blame.
fn anchors(e: &Event) -> bool {
    e.day.is_some() && !e.modal && !e.negated && !e.disputed
}

/// Canonical names of the people and organisations taking part.
fn participants(corpus: &Corpus, doc: &str, analysis: &Analysis, e: &Event) -> BTreeSet<String> {
    e.participant_entities
        .iter()
        .filter(|&&i| {
            analysis
                .entities
                .entities
                .get(i)
                .is_some_and(|ent| matches!(ent.kind, EntityType::Person | EntityType::Org))
        })
        .filter_map(|&i| corpus.cluster_of(&(doc.to_string(), i)))
        .map(|c| c.canonical.clone())
        .collect()
}

/// `"fighting ... began Sept. 27"`: the words from trigger to time.
fn describe(analysis: &Analysis, claim: &Claim, e: &Event) -> String {
    let _ = e;
    format!("\"{}\"", claim.span.text(&analysis.text))
}
