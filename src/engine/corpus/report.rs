//! What the corpus knows about one entity or one figure, for hovers: the
//! articles an entity appears in with their spellings, and every report of a
//! figure's key.

use serde::Serialize;

use crate::engine::entities::EntityType;
use crate::engine::span::Span;

use super::{doc_label, pub_date, Corpus};

/// The corpus view of one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityReport {
    pub canonical: String,
    pub kind: EntityType,
    /// True when the canonical spelling is the configured house spelling.
    pub house: bool,
    pub articles: Vec<ArticleSpellings>,
}

/// How one article writes an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSpellings {
    pub doc: String,
    pub date: Option<String>,
    /// (spelling, number of mentions), in order of first use.
    pub spellings: Vec<(String, usize)>,
    /// The first mention.
    pub first: Span,
}

/// Every report of one figure's key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantityReport {
    pub key: String,
    /// The figure under the cursor, described.
    pub here: String,
    /// (doc, span, description) of every other report with the same key.
    pub others: Vec<(String, Span, String)>,
}

impl Corpus {
    /// The corpus entity of the mention at `offset` of `doc`.
    pub fn entity_report(&self, doc: &str, offset: usize) -> Option<EntityReport> {
        let analysis = self.get(doc)?;
        let mention = analysis
            .entities
            .mentions
            .iter()
            .find(|m| m.span.contains_offset(offset))?;
        let cluster = self.cluster_of(&(self.doc_key(doc)?, mention.entity))?;
        let mut articles: Vec<ArticleSpellings> = Vec::new();
        for m in self.cluster_mentions(&cluster) {
            match articles.iter_mut().find(|a| *a.doc == *m.doc) {
                Some(a) => match a.spellings.iter_mut().find(|(s, _)| *s == m.surface) {
                    Some((_, n)) => *n += 1,
                    None => a.spellings.push((m.surface.clone(), 1)),
                },
                None => articles.push(ArticleSpellings {
                    date: self.get(&m.doc).and_then(|a| pub_date(a)),
                    doc: m.doc.to_string(),
                    spellings: vec![(m.surface.clone(), 1)],
                    first: m.span,
                }),
            }
        }
        Some(EntityReport {
            canonical: cluster.canonical.clone(),
            kind: cluster.kind,
            house: cluster.house,
            articles,
        })
    }

    /// The figure at `offset` of `doc` and every other report of its key.
    pub fn quantity_report(&self, doc: &str, offset: usize) -> Option<QuantityReport> {
        let analysis = self.get(doc)?;
        let (i, claim) = analysis
            .claims
            .iter()
            .enumerate()
            .find(|(_, c)| c.quantity().is_some() && c.span.contains_offset(offset))?;
        let q = claim.quantity()?;
        let here = super::rules::figures::describe(analysis, claim, q);
        let mut others = Vec::new();
        for (other_doc, j) in self.index().claims_under(&claim.key) {
            if &**other_doc == doc && *j == i {
                continue;
            }
            let Some(a) = self.get(other_doc) else {
                continue;
            };
            let Some(c) = a.claims.get(*j) else { continue };
            let Some(o) = c.quantity() else { continue };
            others.push((
                other_doc.to_string(),
                c.span,
                super::rules::figures::describe(a, c, o),
            ));
        }
        Some(QuantityReport {
            key: claim.key.clone(),
            here,
            others,
        })
    }
}

impl EntityReport {
    /// Markdown for a hover: canonical name, then one line per article.
    pub fn to_markdown(&self) -> String {
        let mut s = format!("**{}** ({})", self.canonical, self.kind.as_str());
        if self.house {
            s.push_str(" — house spelling");
        }
        s.push_str(&format!("\n\nIn {} article(s):\n", self.articles.len()));
        for a in &self.articles {
            let spellings: Vec<String> = a
                .spellings
                .iter()
                .map(|(t, n)| format!("\"{t}\" ×{n}"))
                .collect();
            let date = a
                .date
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            s.push_str(&format!(
                "- `{}`{date}: {}\n",
                doc_label(&a.doc),
                spellings.join(", ")
            ));
        }
        s
    }
}

impl QuantityReport {
    /// Markdown for a hover: the key, this figure, and the other reports.
    pub fn to_markdown(&self) -> String {
        let mut s = format!("**Figure** `{}`\n\n{}\n", self.key, self.here);
        if self.others.is_empty() {
            s.push_str("\nNo other report of this figure.\n");
        } else {
            s.push_str("\nOther reports:\n");
            for (doc, _, text) in &self.others {
                s.push_str(&format!("- `{}`: {text}\n", doc_label(doc)));
            }
        }
        s
    }
}
