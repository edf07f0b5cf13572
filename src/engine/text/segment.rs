//! Sentence and token boundaries.

use super::Segmentation;
use crate::engine::article::Article;

/// Segments every analysable paragraph of the article.
pub fn segment(_article: &Article) -> Segmentation {
    Segmentation::default()
}
