//! Named entities: people, organisations, places and groups.
//!
//! `recognise` runs, per analysable paragraph (title, byline, body, credits;
//! never furniture):
//! 1. [`tokens`]: the recogniser's own sentence/token split of the clean text;
//! 2. [`model`]: an averaged-perceptron BIO tagger over [`features`]
//!    (compiled in from `models/ner.bin`, trained by `examples/train_ner.rs`);
//! 3. [`names`]: journalistic conventions on top of the model: demonyms are
//!    GROUP, titles are not part of names, headline (title-case) lines only
//!    keep names confirmed elsewhere, dateline/byline/credits from the
//!    article header, the user's `[[entity]]` list wins over the model;
//! 4. [`coref`]: mentions of one article grouped into entities (short forms,
//!    acronyms, consistent types) with the roles written next to people.

pub mod coref;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod names;
pub mod tokens;

use serde::{Deserialize, Serialize};

use super::article::{Article, ParagraphKind};
use super::config::Config;
use super::span::Span;
use super::text::Segmentation;

/// The four entity types dateline recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    #[serde(alias = "person")]
    Person,
    #[serde(alias = "org", alias = "ORGANIZATION", alias = "organization")]
    Org,
    #[serde(alias = "place", alias = "LOC", alias = "loc")]
    Place,
    #[serde(alias = "group")]
    Group,
}

impl EntityType {
    /// The name used in JSON (`PERSON`, `ORG`, `PLACE`, `GROUP`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Place => "PLACE",
            EntityType::Group => "GROUP",
        }
    }
}

/// One occurrence of a name in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityType,
    /// Index into `Entities::entities` of the entity it refers to.
    pub entity: usize,
    /// A role written next to it (`Russian Foreign Minister`), if any.
    pub role: Option<String>,
}

/// An entity of one article: all mentions that refer to one real-world thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// The fullest name seen in this article (`Vladimir Putin` for `Putin`).
    pub canonical: String,
    pub kind: EntityType,
    pub roles: Vec<String>,
    /// Distinct surface spellings seen.
    pub spellings: Vec<String>,
    /// Indices into `Entities::mentions`, in text order.
    pub mentions: Vec<usize>,
}

/// The entity layer of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Entities {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
}

impl Entities {
    /// The index of the mention covering `offset` (end inclusive, so a
    /// cursor right after a name still finds it).
    pub fn mention_at(&self, offset: usize) -> Option<usize> {
        self.mentions
            .iter()
            .position(|m| m.span.start <= offset && offset <= m.span.end)
    }

    /// The entity a mention refers to.
    pub fn entity_of(&self, mention: usize) -> Option<&Entity> {
        self.entities.get(self.mentions.get(mention)?.entity)
    }
}

/// A name found before grouping: where, what type, and which rule found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub span: Span,
    pub kind: EntityType,
    /// True for names the user declared (they are never dropped or retyped).
    pub user: bool,
}

/// Recognises the names in the article's analysable text.
///
/// `_segmentation` is not used: the model needs the tokenisation it was
/// trained on, so the recogniser splits sentences and tokens itself.
pub fn recognise(article: &Article, _segmentation: &Segmentation, config: &Config) -> Entities {
    recognise_remembering(article, config, &mut names::SentenceMemo::default())
}

/// [`recognise`], reusing the tagging of sentences `memo` remembers from
/// earlier analyses of the same document (the result is identical).
pub fn recognise_remembering(
    article: &Article,
    config: &Config,
    memo: &mut names::SentenceMemo,
) -> Entities {
    let blocks: Vec<Span> = article
        .paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::DateLine && !article.in_furniture(p.span))
        .map(|p| p.span)
        .collect();
    let text = article.clean.as_str();
    let mut found = names::find_remembering(text, &blocks, config, memo);
    names::add_header(article, &mut found);
    coref::group(text, found)
}

/// Recognises the names of plain text (one block; each line at least one
/// sentence). Used by evaluation and benchmarks.
pub fn recognise_text(text: &str, config: &Config) -> Entities {
    let found = names::find(text, &[Span::new(0, text.len())], config);
    coref::group(text, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, EntityType)> {
        let e = recognise_text(text, &Config::default());
        e.mentions
            .iter()
            .map(|m| (m.span.text(text).to_string(), m.kind))
            .collect()
    }

    #[test]
    fn demonyms_are_groups() {
        let k = kinds("Turkey is sending Syrian mercenaries, Armenian officials say.");
        assert!(k.contains(&("Syrian".into(), EntityType::Group)), "{k:?}");
        assert!(k.contains(&("Armenian".into(), EntityType::Group)), "{k:?}");
    }

    #[test]
    fn lower_case_prose_has_no_names() {
        assert!(kinds("the talks went on for six hours and nobody spoke to reporters.").is_empty());
    }

    #[test]
    fn never_panics() {
        for s in [
            "",
            " ",
            "A",
            "'s",
            "OSCE (",
            "Mr. ",
            "é É ’s",
            "(((",
            "A-B-C-D-E",
            "\n\n\nX\n",
        ] {
            let _ = recognise_text(s, &Config::default());
        }
    }
}
