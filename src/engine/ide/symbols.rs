//! Outline, folding and header hovers (to be written).

use super::{Fold, Hover, Symbol};
use crate::engine::analysis::Analysis;

/// The outline of an article.
pub fn document_symbols(_analysis: &Analysis) -> Vec<Symbol> {
    Vec::new()
}

/// Foldable blocks of an article.
pub fn folding_ranges(_analysis: &Analysis) -> Vec<Fold> {
    Vec::new()
}

/// Hover on the publication date or the dateline.
pub(super) fn hover_header(_analysis: &Analysis, _offset: usize) -> Option<Hover> {
    None
}
