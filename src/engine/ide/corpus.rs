//! Corpus-wide hovers: a figure with every other report of its key, an
//! entity with the articles it appears in and their spellings.

use super::Hover;
use crate::engine::corpus::Corpus;

/// Hover on a figure or an entity mention at `offset` of `doc`.
pub fn hover(corpus: &Corpus, doc: &str, offset: usize) -> Option<Hover> {
    quantity_hover(corpus, doc, offset).or_else(|| entity_hover(corpus, doc, offset))
}

/// Hover on a figure: its key and every other report of it.
pub fn quantity_hover(corpus: &Corpus, doc: &str, offset: usize) -> Option<Hover> {
    let analysis = corpus.get(doc)?;
    let claim = analysis
        .claims
        .iter()
        .find(|c| c.quantity().is_some() && c.span.contains_offset(offset))?;
    let report = corpus.quantity_report(doc, offset)?;
    Some(Hover {
        span: claim.span,
        markdown: report.to_markdown(),
    })
}

/// Hover on an entity mention: the cross-article card.
pub fn entity_hover(corpus: &Corpus, doc: &str, offset: usize) -> Option<Hover> {
    let analysis = corpus.get(doc)?;
    let mention = analysis
        .entities
        .mentions
        .iter()
        .find(|m| m.span.contains_offset(offset))?;
    Some(Hover {
        span: mention.span,
        markdown: entity_section(corpus, doc, offset)?,
    })
}

/// The cross-article part of an entity card (canonical name, articles and
/// spellings per article), for the entity hover to append.
pub fn entity_section(corpus: &Corpus, doc: &str, offset: usize) -> Option<String> {
    corpus.entity_report(doc, offset).map(|r| r.to_markdown())
}
