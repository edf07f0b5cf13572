//! `contested-claim` (information): an article asserts, without attribution,
//! that one side started or attacked, when another article reports the same
//! happening (same period) as disputed (`both sides blaming the other`).

use std::sync::Arc;

use serde_json::json;

use crate::engine::analysis::Analysis;
use crate::engine::claims::{Claim, Event};
use crate::engine::corpus::claim_table::ClaimTable;
use crate::engine::corpus::{doc_label, pub_date, Corpus};
use crate::engine::finding::{Finding, Related};

/// Rule id.
pub const RULE: &str = "contested-claim";

/// The blame group of an event class: who started it, who broke a truce.
pub fn group(class: &str) -> Option<&'static str> {
    match class {
        "start" | "attack" => Some("aggression"),
        "violate" => Some("violation"),
        _ => None,
    }
}

/// One report of blame as disputed, ready to be cited.
#[derive(Debug)]
pub(crate) struct Dispute {
    class_group: &'static str,
    value: String,
    related: Related,
}

/// The disputed reports under one `contest/...` key, computed once per
/// corpus change and shared by every article's findings.
fn disputes_under(corpus: &Corpus, key: &str) -> Arc<ClaimTable<Dispute>> {
    corpus.memoised(
        |m| &mut m.disputes,
        key,
        || ClaimTable::build(corpus, key, dispute),
    )
}

/// The dispute one claim reports, if it reports blame as disputed.
fn dispute(_: &Corpus, doc: &str, _: usize, analysis: &Analysis, claim: &Claim) -> Option<Dispute> {
    let o = claim.event()?;
    let class_group = group(o.class).filter(|_| o.disputed)?;
    let span = o.dispute.unwrap_or(o.assertion);
    let date = pub_date(analysis)
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    Some(Dispute {
        class_group,
        value: o.value.clone(),
        related: Related {
            doc: doc.to_string(),
            span,
            message: format!(
                "reported as disputed here{date}: \"{}\"",
                span.text(&analysis.text)
            ),
        },
    })
}

/// Contested-claim findings of one article.
pub fn findings(corpus: &Corpus, doc: &str) -> Vec<Finding> {
    let Some((analysis, severity)) = super::article_and_severity(corpus, doc, RULE) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for claim in &analysis.claims {
        let Some(e) = claim.event().filter(|e| asserts_blame(e)) else {
            continue;
        };
        let Some(g) = group(e.class) else { continue };
        let disputes = disputes_under(corpus, &format!("contest/{g}"));
        let mut matching = disputes.iter().filter(|d| {
            d.class_group == g && same_period(&e.value, &d.value) && d.related.doc != doc
        });
        let related: Vec<Related> = matching
            .by_ref()
            .take(super::MAX_RELATED)
            .map(|d| d.related.clone())
            .collect();
        let more = matching.count();
        if related.is_empty() {
            continue;
        }
        let mut others: Vec<String> = related
            .iter()
            .map(|r| doc_label(&r.doc).to_string())
            .collect();
        if more > 0 {
            others.push(format!("{more} more"));
        }
        let text = e.assertion.text(&analysis.text);
        let mut f = Finding::new(
            e.assertion,
            RULE,
            severity,
            format!(
                "Asserted without attribution: \"{text}\" ({}), while {} reports who is to blame as disputed: {}",
                e.value,
                others.join(", "),
                related.iter().map(|r| r.message.clone()).collect::<Vec<_>>().join("; ")
            ),
        );
        f.related = related;
        f.data = Some(json!({"group": g, "value": e.value, "text": text}));
        out.push(f);
    }
    out
}

/// An unattributed, unhedged statement that one side did it.
fn asserts_blame(e: &Event) -> bool {
    e.agent_side.is_some() && !e.attributed && !e.modal && !e.negated && !e.disputed
}

/// True when one TIMEX value contains the other (`2020-09-27` in `2020-09`).
fn same_period(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a.len() >= 7 && b.len() >= 7 && (a.starts_with(b) || b.starts_with(a))
}
