//! Splits a file into header, body paragraphs and furniture.

use super::{Article, Paragraph, ParagraphKind};
use crate::engine::span::Span;

/// Parses any text into an `Article`. Never panics.
pub fn parse_article(text: &str) -> Article {
    let span = Span::new(0, text.len());
    Article {
        publication_date: None,
        dateline: Vec::new(),
        title: None,
        byline: None,
        outlet: None,
        credits: Vec::new(),
        paragraphs: vec![Paragraph {
            span,
            kind: ParagraphKind::Text,
            anchor: None,
        }],
        furniture: Vec::new(),
        body: span,
        clean: text.to_string(),
    }
}
