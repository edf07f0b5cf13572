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
use std::sync::Arc;

use chrono::NaiveDate;

use serde_json::json;

use crate::engine::analysis::Analysis;
use crate::engine::claims::{Claim, Event};
use crate::engine::corpus::claim_table::ClaimTable;
use crate::engine::corpus::{doc_label, Corpus};
use crate::engine::entities::EntityType;
use crate::engine::finding::{Finding, Related};

/// Rule id.
pub const RULE: &str = "conflicting-date";

/// Days apart beyond which two reports are taken for two events.
const MAX_DAYS_APART: i64 = 31;

/// One anchored event of the corpus, reduced to what comparing needs.
#[derive(Debug)]
pub(crate) struct Anchor {
    doc: String,
    claim: usize,
    day: NaiveDate,
    /// Lower-cased place, if given.
    place: Option<String>,
    /// Canonical names of the people and organisations taking part.
    participants: BTreeSet<String>,
}

/// The anchored events under one claim key, computed once per corpus
/// change and shared by every article's findings: each comparison is then
/// a few field compares instead of article lookups and entity resolution.
fn anchors_under(corpus: &Corpus, key: &str) -> Arc<ClaimTable<Anchor>> {
    corpus.memoised(
        |m| &mut m.anchors,
        key,
        || ClaimTable::build(corpus, key, anchor),
    )
}

/// The anchor of one claim, if it is an anchored event.
fn anchor(
    corpus: &Corpus,
    doc: &str,
    claim: usize,
    analysis: &Analysis,
    c: &Claim,
) -> Option<Anchor> {
    let e = c.event()?;
    let day = e.day.filter(|_| anchors(e))?;
    Some(Anchor {
        doc: doc.to_string(),
        claim,
        day,
        place: e.place.as_ref().map(|p| p.to_lowercase()),
        participants: participants(corpus, doc, analysis, e),
    })
}

/// Conflicting-date findings of one article.
pub fn findings(corpus: &Corpus, doc: &str) -> Vec<Finding> {
    let Some((analysis, severity)) = super::article_and_severity(corpus, doc, RULE) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, claim) in analysis.claims.iter().enumerate() {
        let Some(e) = claim.event().filter(|e| anchors(e)) else {
            continue;
        };
        let all = anchors_under(corpus, &claim.key);
        let Some(mine) = all.of_doc(doc).iter().find(|a| a.claim == i) else {
            continue;
        };
        if mine.participants.is_empty()
            && !matches!((e.class, e.object), ("start", Some("fighting" | "war")))
        {
            continue;
        }
        let conflicting = all.iter().filter(|o| {
            o.day != mine.day
                && (o.day - mine.day).num_days().abs() <= MAX_DAYS_APART
                && match (&mine.place, &o.place) {
                    (Some(p1), Some(p2)) => p1 == p2,
                    _ => true,
                }
                && o.participants == mine.participants
                && o.doc != doc
        });
        let mut related = Vec::new();
        let mut more = 0usize;
        for o in conflicting {
            if related.len() == super::MAX_RELATED {
                more += 1;
                continue;
            }
            let Some(other_analysis) = corpus.get(&o.doc) else {
                continue;
            };
            let Some((other, oe)) = other_analysis
                .claims
                .get(o.claim)
                .and_then(|c| Some((c, c.event()?)))
            else {
                continue;
            };
            related.push(Related {
                doc: o.doc.clone(),
                span: oe.when,
                message: format!("{} ({})", describe(other_analysis, other, oe), oe.value),
            });
        }
        if related.is_empty() {
            continue;
        }
        let mut others: Vec<String> = related
            .iter()
            .map(|r| format!("{} in {}", r.message, doc_label(&r.doc)))
            .collect();
        super::count_rest(&mut others, more);
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
