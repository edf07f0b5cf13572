//! Named entities: people, organisations, places and groups.
//!
//! (Stub of the foundation issue: the recogniser is the entity issue's work.)

use serde::{Deserialize, Serialize};

use super::article::Article;
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

/// Recognises the names in the article's analysable text.
pub fn recognise(_article: &Article, _segmentation: &Segmentation) -> Entities {
    Entities::default()
}
