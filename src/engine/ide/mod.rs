//! Editor-facing queries over the corpus, as plain structs with byte spans
//! (the `ide` layer of rust-analyzer): the LSP adapter only converts these.
//!
//! Each query takes the corpus (or one analysis) and a document key; none of
//! them does IO or knows about LSP.

pub mod corpus;
mod entities;
mod symbols;
mod time;

use serde::Serialize;

use super::analysis::Analysis;
use super::corpus::Corpus;
use super::finding::Fix;
use super::span::Span;

pub use symbols::{document_symbols, folding_ranges};

/// A place in one article of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub doc: String,
    pub span: Span,
}

/// Markdown to show when hovering `span`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

/// A label shown inline after `offset` (resolved dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
    pub tooltip: Option<String>,
}

/// Classes of semantic tokens; the LSP legend is built from `TokenClass::ALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenClass {
    Person,
    Organization,
    Place,
    Group,
    Date,
    Time,
    Duration,
    Set,
}

impl TokenClass {
    /// Every class, in legend order.
    pub const ALL: [TokenClass; 8] = [
        TokenClass::Person,
        TokenClass::Organization,
        TokenClass::Place,
        TokenClass::Group,
        TokenClass::Date,
        TokenClass::Time,
        TokenClass::Duration,
        TokenClass::Set,
    ];

    /// The custom token type name (`person`, `date`, ...).
    pub fn name(self) -> &'static str {
        match self {
            TokenClass::Person => "person",
            TokenClass::Organization => "organization",
            TokenClass::Place => "place",
            TokenClass::Group => "group",
            TokenClass::Date => "date",
            TokenClass::Time => "time",
            TokenClass::Duration => "duration",
            TokenClass::Set => "set",
        }
    }
}

/// One classified span of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SemanticToken {
    pub span: Span,
    pub class: TokenClass,
}

/// What an outline entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SymbolKind {
    Title,
    PublicationDate,
    Dateline,
    Byline,
    Heading,
    Paragraph,
    Embed,
    Credits,
    Furniture,
    FrontMatter,
    Entity,
}

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole extent.
    pub span: Span,
    /// The part to select/reveal.
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// What a folding range holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FoldKind {
    FrontMatter,
    Furniture,
    Region,
}

/// A foldable block of lines (from the line of `span.start` to that of `span.end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
    /// True when the editor should fold it on open.
    pub collapsed: bool,
}

/// A completion candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completion {
    pub label: String,
    pub detail: Option<String>,
    /// The span the completion replaces.
    pub replace: Span,
}

/// Hover at `offset` of article `doc`: publication date, dateline, time
/// expressions, entity cards, quantities.
pub fn hover(corpus: &Corpus, doc: &str, offset: usize) -> Option<Hover> {
    let analysis = corpus.get(doc)?;
    symbols::hover_header(analysis, offset)
        .or_else(|| time::hover(analysis, offset))
        .or_else(|| entities::hover(corpus, doc, offset))
        .or_else(|| self::corpus::hover(corpus, doc, offset))
}

/// Inlay hints for the article, within `range`.
pub fn inlay_hints(analysis: &Analysis, range: Span) -> Vec<InlayHint> {
    time::inlay_hints(analysis, range)
}

/// Semantic tokens of the article, sorted by start, non-overlapping.
pub fn semantic_tokens(analysis: &Analysis) -> Vec<SemanticToken> {
    let mut tokens = time::semantic_tokens(analysis);
    tokens.extend(entities::semantic_tokens(analysis));
    tokens.sort_by_key(|t| (t.span.start, t.span.end));
    let mut out: Vec<SemanticToken> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if out.last().is_none_or(|l| l.span.end <= t.span.start) {
            out.push(t);
        }
    }
    out
}

/// Fixes offered for findings of `doc` that overlap `span`.
pub fn code_actions(corpus: &Corpus, doc: &str, span: Span) -> Vec<Fix> {
    corpus
        .findings(doc)
        .into_iter()
        .filter(|f| {
            f.span.overlaps(span)
                || f.span.contains_offset(span.start)
                || f.span.start == span.start
        })
        .flat_map(|f| f.fixes)
        .collect()
}

/// The first full mention of the entity at `offset`.
pub fn definition(corpus: &Corpus, doc: &str, offset: usize) -> Option<Location> {
    entities::definition(corpus, doc, offset)
}

/// Every mention of the entity at `offset`, across the corpus.
pub fn references(corpus: &Corpus, doc: &str, offset: usize) -> Vec<Location> {
    entities::references(corpus, doc, offset)
}

/// Spans to highlight for the name at `offset`: every mention of its entity
/// in this article.
pub fn document_highlights(corpus: &Corpus, doc: &str, offset: usize) -> Vec<Span> {
    corpus
        .get(doc)
        .map(|a| entities::highlights(a, offset))
        .unwrap_or_default()
}

/// The span a rename at `offset` would replace, if a name is there.
pub fn prepare_rename(corpus: &Corpus, doc: &str, offset: usize) -> Option<Span> {
    entities::prepare_rename(corpus, doc, offset)
}

/// Replacements that rename the entity at `offset` everywhere.
pub fn rename(
    corpus: &Corpus,
    doc: &str,
    offset: usize,
    new_name: &str,
) -> Result<Vec<super::finding::Replacement>, String> {
    entities::rename(corpus, doc, offset, new_name)
}

/// Known entity names completing the capitalised word before `offset`.
pub fn completions(corpus: &Corpus, doc: &str, offset: usize) -> Vec<Completion> {
    entities::completions(corpus, doc, offset)
}

/// Entities matching `query` across the corpus, as (name, kind, location).
pub fn workspace_symbols(corpus: &Corpus, query: &str) -> Vec<(String, String, Location)> {
    entities::workspace_symbols(corpus, query)
}
