//! Claims: quantities, dated events and attributed statements extracted from
//! one article, keyed so the corpus can compare them across articles.
//!
//! (Stub of the foundation issue: extraction is the corpus issue's work.)

use serde::Serialize;

use super::span::Span;

/// One claim made by the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub span: Span,
    /// The comparison key (`killed/servicemen/armenian-side`).
    pub key: String,
}
