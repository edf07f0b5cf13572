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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ide::SemanticToken;
    use crate::lsp::position::Encoding;

    fn token(start: usize, end: usize, class: TokenClass) -> SemanticToken {
        SemanticToken {
            span: Span::new(start, end),
            class,
        }
    }

    fn encoded(t: &lsp::SemanticToken) -> [u32; 5] {
        [
            t.delta_line,
            t.delta_start,
            t.length,
            t.token_type,
            t.token_modifiers_bitset,
        ]
    }

    #[test]
    fn semantic_tokens_are_delta_encoded_in_the_encoding() {
        // "“Putin” met Zelensky\r\non 8 October" — Putin at bytes 3..8.
        let text = "“Putin” met Zelensky\r\non 8 October";
        let tokens = [
            token(29, 38, TokenClass::Date),
            token(3, 8, TokenClass::Person),
            token(16, 24, TokenClass::Person),
            token(17, 20, TokenClass::Place), // overlaps: dropped
        ];
        let legend = Legend::new(true);
        let index = LineIndex::new(text, Encoding::Utf16);
        let data: Vec<[u32; 5]> = semantic_tokens(&tokens, &index, &legend, false, None)
            .iter()
            .map(encoded)
            .collect();
        assert_eq!(data, [[0, 1, 5, 0, 0], [0, 11, 8, 0, 0], [1, 3, 9, 4, 0]]);
        let index = LineIndex::new(text, Encoding::Utf8);
        let data: Vec<[u32; 5]> = semantic_tokens(&tokens, &index, &legend, false, None)
            .iter()
            .map(encoded)
            .collect();
        assert_eq!(data, [[0, 3, 5, 0, 0], [0, 13, 8, 0, 0], [1, 3, 9, 4, 0]]);
        // A range request keeps the tokens overlapping it.
        let within = Some(Span::new(24, 30));
        let data: Vec<[u32; 5]> = semantic_tokens(&tokens, &index, &legend, false, within)
            .iter()
            .map(encoded)
            .collect();
        assert_eq!(data, [[1, 3, 9, 4, 0]]);
    }

    #[test]
    fn tokens_over_line_breaks_are_split_unless_the_client_takes_them() {
        let text = "New\nYork is";
        let tokens = [token(0, 8, TokenClass::Place)];
        let legend = Legend::new(false);
        let index = LineIndex::new(text, Encoding::Utf16);
        let split: Vec<[u32; 5]> = semantic_tokens(&tokens, &index, &legend, false, None)
            .iter()
            .map(encoded)
            .collect();
        assert_eq!(split, [[0, 0, 3, 2, 0], [1, 0, 4, 2, 0]]);
        let whole: Vec<[u32; 5]> = semantic_tokens(&tokens, &index, &legend, true, None)
            .iter()
            .map(encoded)
            .collect();
        assert_eq!(whole, [[0, 0, 8, 2, 0]]);
    }

    #[test]
    fn replacements_become_edits_per_document() {
        let a = "Zelenskiy said";
        let b = "é Zelenskiy";
        let reps = vec![
            Replacement {
                doc: "a".into(),
                span: Span::new(0, 9),
                new_text: "Zelensky".into(),
            },
            Replacement {
                doc: "b".into(),
                span: Span::new(3, 12),
                new_text: "Zelensky".into(),
            },
            Replacement {
                doc: "gone".into(),
                span: Span::new(0, 1),
                new_text: "x".into(),
            },
        ];
        let target = |doc: &str| -> Option<Target<'static>> {
            let (text, version) = match doc {
                "a" => (a, Some(4)),
                "b" => (b, None),
                _ => return None,
            };
            Some(Target {
                uri: format!("file:///{doc}.txt").parse().unwrap(),
                version,
                index: LineIndex::new(text, Encoding::Utf16),
            })
        };
        let edit = workspace_edit(&reps, target, true);
        let Some(lsp::DocumentChanges::Edits(edits)) = edit.document_changes else {
            panic!("{edit:?}")
        };
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].text_document.version, Some(4));
        assert_eq!(edits[1].text_document.version, None);
        let lsp::OneOf::Left(e) = &edits[1].edits[0] else {
            panic!()
        };
        assert_eq!(
            e.range,
            Range::new(Position::new(0, 2), Position::new(0, 11))
        );
        let edit = workspace_edit(&reps, target, false);
        let changes = edit.changes.unwrap();
        assert_eq!(changes.len(), 2);
        let uri: Uri = "file:///a.txt".parse().unwrap();
        assert_eq!(changes[&uri][0].new_text, "Zelensky");
    }

    #[test]
    fn hints_completions_and_folds() {
        let text = "on Thursday\n---\nfront\n---\nbody";
        let index = LineIndex::new(text, Encoding::Utf16);
        let hint = inlay_hint(
            &ide::InlayHint {
                offset: 11,
                label: "2020-10-08".into(),
                tooltip: Some("resolved".into()),
            },
            &index,
        );
        assert_eq!(hint.position, Position::new(0, 11));
        assert!(matches!(hint.label, lsp::InlayHintLabel::String(ref l) if l == "2020-10-08"));
        let item = completion(
            &ide::Completion {
                label: "Thursday".into(),
                detail: None,
                replace: Span::new(3, 6),
            },
            &index,
        );
        let Some(lsp::CompletionTextEdit::Edit(edit)) = item.text_edit else {
            panic!()
        };
        assert_eq!(
            edit.range,
            Range::new(Position::new(0, 3), Position::new(0, 6))
        );
        let caps = ClientCaps {
            folding_collapsed_text: true,
            ..Default::default()
        };
        let fold = ide::Fold {
            span: Span::new(12, 26),
            kind: FoldKind::FrontMatter,
            collapsed: true,
        };
        let range = folding_range(&fold, &index, &caps).unwrap();
        assert_eq!(
            (range.start_line, range.end_line),
            (1, 3),
            "ends before the line the span ends at"
        );
        assert_eq!(range.kind, Some(lsp::FoldingRangeKind::Imports));
        assert_eq!(range.collapsed_text.as_deref(), Some("front matter"));
        let one_line = ide::Fold {
            span: Span::new(0, 5),
            kind: FoldKind::Region,
            collapsed: false,
        };
        assert!(folding_range(&one_line, &index, &caps).is_none());
        let plain = ClientCaps {
            folding_kinds: Some(vec![lsp::FoldingRangeKind::Region]),
            ..Default::default()
        };
        let range = folding_range(&fold, &index, &plain).unwrap();
        assert_eq!((range.kind, range.collapsed_text), (None, None));
    }
}
