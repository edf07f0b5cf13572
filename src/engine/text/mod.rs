//! Sentence and token segmentation of news prose.

mod segment;

use serde::Serialize;

use super::span::Span;

pub use segment::{segment, segment_paragraph};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes or periods
    /// (`Jean-Yves`, `it's`, `U.S.`, `Sept.`).
    Word,
    /// Digits with inner `,` `.` `:` (`30,000`, `8:00`, `2.5`, `1990s`).
    Number,
    /// Quotes, dashes, brackets and other punctuation.
    Punct,
}

/// One token of the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// One sentence: a range of tokens inside one paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Article::paragraphs`.
    pub paragraph: usize,
    /// Indices into `Segmentation::tokens`.
    pub tokens: std::ops::Range<usize>,
}

/// Sentences and tokens of every analysable paragraph, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Segmentation {
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Segmentation {
    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        self.tokens.get(sentence.tokens.clone()).unwrap_or(&[])
    }

    /// The sentence containing `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences
            .get(i)
            .filter(|s| s.span.contains_offset(offset))
    }
}
