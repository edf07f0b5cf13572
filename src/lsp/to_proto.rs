//! Engine `ide` structs → LSP types. Every span is converted against the text
//! it was computed from (the analysis' copy), through [`LineIndex`].

use std::collections::HashMap;

use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::{Position, Range, Uri};

use super::capabilities::{ClientCaps, Legend};
use super::position::LineIndex;
use crate::engine::finding::Replacement;
use crate::engine::ide::{self, FoldKind, TokenClass};
use crate::engine::Span;

/// Where an article is and how to convert spans into it.
pub struct Target<'a> {
    pub uri: Uri,
    /// The version the text is at, for open documents.
    pub version: Option<i32>,
    pub index: LineIndex<'a>,
}

/// A hierarchical outline entry (children converted recursively).
pub fn document_symbol(symbol: &ide::Symbol, index: &LineIndex<'_>) -> lsp::DocumentSymbol {
    let range = index.range(symbol.span);
    let mut selection = index.range(symbol.selection);
    // Clients reject a selection outside the range.
    if selection.start < range.start || selection.end > range.end {
        selection = range;
    }
    #[allow(deprecated)]
    lsp::DocumentSymbol {
        name: if symbol.name.trim().is_empty() {
            "(empty)".into()
        } else {
            symbol.name.clone()
        },
        detail: symbol.detail.clone(),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!symbol.children.is_empty()).then(|| {
            symbol
                .children
                .iter()
                .map(|c| document_symbol(c, index))
                .collect()
        }),
    }
}

/// A flat outline (for clients without hierarchical support).
pub fn symbol_information(
    symbols: &[ide::Symbol],
    uri: &Uri,
    index: &LineIndex<'_>,
    container: Option<&str>,
    out: &mut Vec<lsp::SymbolInformation>,
) {
    for symbol in symbols {
        #[allow(deprecated)]
        out.push(lsp::SymbolInformation {
            name: symbol.name.clone(),
            kind: symbol_kind(symbol.kind),
            tags: None,
            deprecated: None,
            location: lsp::Location::new(uri.clone(), index.range(symbol.span)),
            container_name: container.map(str::to_string),
        });
        symbol_information(&symbol.children, uri, index, Some(&symbol.name), out);
    }
}

fn symbol_kind(kind: ide::SymbolKind) -> lsp::SymbolKind {
    use ide::SymbolKind as K;
    match kind {
        K::Title => lsp::SymbolKind::FILE,
        K::PublicationDate => lsp::SymbolKind::EVENT,
        K::Dateline => lsp::SymbolKind::KEY,
        K::Byline => lsp::SymbolKind::PROPERTY,
        K::Heading => lsp::SymbolKind::NAMESPACE,
        K::Paragraph => lsp::SymbolKind::STRING,
        K::Embed => lsp::SymbolKind::OBJECT,
        K::Credits => lsp::SymbolKind::FIELD,
        K::Furniture => lsp::SymbolKind::NULL,
        K::FrontMatter => lsp::SymbolKind::PACKAGE,
        K::Entity => lsp::SymbolKind::CLASS,
    }
}

/// The symbol kind shown for an entity type name (`PERSON`, `ORG`, ...), in
/// line with the standard semantic-token fallback.
pub fn entity_symbol_kind(kind: &str) -> lsp::SymbolKind {
    match kind.to_ascii_uppercase().as_str() {
        "PERSON" => lsp::SymbolKind::CLASS,
        "ORG" | "ORGANIZATION" => lsp::SymbolKind::NAMESPACE,
        "PLACE" | "LOC" => lsp::SymbolKind::STRUCT,
        "GROUP" => lsp::SymbolKind::ENUM,
        _ => lsp::SymbolKind::VARIABLE,
    }
}

/// A folding range over whole lines, or `None` when it spans one line.
///
/// LSP has no "fold on open" flag: folds the engine wants collapsed get the
/// `imports` kind, which editors can auto-fold (VS Code:
/// `editor.foldingImportsByDefault`), and a `collapsedText` label when the
/// client supports it.
pub fn folding_range(
    fold: &ide::Fold,
    index: &LineIndex<'_>,
    caps: &ClientCaps,
) -> Option<lsp::FoldingRange> {
    let start = index.position(fold.span.start);
    let mut end = index.position(fold.span.end);
    if end.character == 0 && end.line > start.line {
        end.line -= 1;
    }
    if end.line <= start.line {
        return None;
    }
    let kind = match (fold.collapsed, fold.kind) {
        (true, _) => lsp::FoldingRangeKind::Imports,
        (false, FoldKind::Furniture) => lsp::FoldingRangeKind::Comment,
        (false, _) => lsp::FoldingRangeKind::Region,
    };
    let kind = match &caps.folding_kinds {
        Some(known) if !known.contains(&kind) => None,
        _ => Some(kind),
    };
    let label = match fold.kind {
        FoldKind::FrontMatter => Some("front matter"),
        FoldKind::Furniture => Some("page furniture"),
        FoldKind::Region => None,
    };
    Some(lsp::FoldingRange {
        start_line: start.line,
        start_character: None,
        end_line: end.line,
        end_character: None,
        kind,
        collapsed_text: label
            .filter(|_| caps.folding_collapsed_text)
            .map(str::to_string),
    })
}

/// A markdown hover.
pub fn hover(hover: &ide::Hover, index: &LineIndex<'_>) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: hover.markdown.clone(),
        }),
        range: Some(index.range(hover.span)),
    }
}

/// An inline hint after a resolved date.
pub fn inlay_hint(hint: &ide::InlayHint, index: &LineIndex<'_>) -> lsp::InlayHint {
    lsp::InlayHint {
        position: index.position(hint.offset),
        label: lsp::InlayHintLabel::String(hint.label.clone()),
        kind: None,
        text_edits: None,
        tooltip: hint.tooltip.clone().map(lsp::InlayHintTooltip::String),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

/// Encodes semantic tokens (sorted, non-overlapping; tokens over several
/// lines are split per line unless the client takes multi-line tokens),
/// keeping those that overlap `within`.
pub fn semantic_tokens(
    tokens: &[ide::SemanticToken],
    index: &LineIndex<'_>,
    legend: &Legend,
    multiline: bool,
    within: Option<Span>,
) -> Vec<lsp::SemanticToken> {
    let mut sorted: Vec<&ide::SemanticToken> = tokens
        .iter()
        .filter(|t| !t.span.is_empty() && within.is_none_or(|w| t.span.overlaps(w)))
        .collect();
    sorted.sort_by_key(|t| (t.span.start, t.span.end));
    let mut pieces: Vec<(Position, u32, TokenClass)> = Vec::new();
    let mut last_end = 0;
    for token in sorted {
        if token.span.start < last_end {
            continue; // overlapping: the client would reject the whole set
        }
        last_end = token.span.end;
        let start = index.position(token.span.start);
        let end = index.position(token.span.end);
        if start.line == end.line || multiline {
            let length = if start.line == end.line {
                end.character - start.character
            } else {
                index.units(token.span)
            };
            pieces.push((start, length, token.class));
            continue;
        }
        for line in start.line..=end.line {
            let from = if line == start.line {
                start.character
            } else {
                0
            };
            let to = if line == end.line {
                end.character
            } else {
                line_length(index, line)
            };
            if to > from {
                pieces.push((Position::new(line, from), to - from, token.class));
            }
        }
    }
    let mut out = Vec::with_capacity(pieces.len());
    let mut prev = Position::new(0, 0);
    for (at, length, class) in pieces {
        if length == 0 {
            continue;
        }
        let delta_line = at.line - prev.line;
        let delta_start = if delta_line == 0 {
            at.character - prev.character
        } else {
            at.character
        };
        out.push(lsp::SemanticToken {
            delta_line,
            delta_start,
            length,
            token_type: legend.index_of(class),
            token_modifiers_bitset: 0,
        });
        prev = at;
    }
    out
}

fn line_length(index: &LineIndex<'_>, line: u32) -> u32 {
    index
        .position(index.offset(Position::new(line, u32::MAX)))
        .character
}

/// A completion item replacing the word being typed.
pub fn completion(item: &ide::Completion, index: &LineIndex<'_>) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: item.label.clone(),
        detail: item.detail.clone(),
        kind: Some(lsp::CompletionItemKind::REFERENCE),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
            index.range(item.replace),
            item.label.clone(),
        ))),
        ..Default::default()
    }
}

/// A workspace edit from replacements across articles; `target` resolves a
/// document key. Replacements in unknown documents are dropped.
pub fn workspace_edit<'a>(
    replacements: &[Replacement],
    target: impl Fn(&str) -> Option<Target<'a>>,
    document_changes: bool,
) -> lsp::WorkspaceEdit {
    let mut by_doc: Vec<(Target<'a>, Vec<lsp::TextEdit>)> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for r in replacements {
        let i = match keys.iter().position(|k| *k == r.doc) {
            Some(i) => i,
            None => {
                let Some(t) = target(&r.doc) else { continue };
                keys.push(&r.doc);
                by_doc.push((t, Vec::new()));
                by_doc.len() - 1
            }
        };
        let (t, edits) = &mut by_doc[i];
        edits.push(lsp::TextEdit::new(
            t.index.range(r.span),
            r.new_text.clone(),
        ));
    }
    if document_changes {
        let edits = by_doc
            .into_iter()
            .map(|(t, edits)| lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: t.uri,
                    version: t.version,
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            })
            .collect();
        lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(edits)),
            ..Default::default()
        }
    } else {
        let changes: HashMap<Uri, Vec<lsp::TextEdit>> =
            by_doc.into_iter().map(|(t, e)| (t.uri, e)).collect();
        lsp::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }
    }
}

/// The whole range of a text (for replacing a file's content).
pub fn whole_range(index: &LineIndex<'_>) -> Range {
    Range::new(Position::new(0, 0), index.position(index.text().len()))
}
