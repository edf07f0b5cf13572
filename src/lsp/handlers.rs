//! Request handlers: each takes a [`Snapshot`] and the request's parameters,
//! asks `engine::ide`, and converts the answer. They run on the blocking
//! pool (see `State::query`), never on the async runtime.

use std::collections::HashMap;

use serde_json::{json, Value};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::{Position, Uri};

use super::config::{silence, CONFIG_FILE};
use super::diagnostics;
use super::state::{document_diagnostics, Snapshot};
use super::to_proto::{self, Target};
use super::workspace::path_key;
use crate::engine::ide;

/// `textDocument/documentSymbol`.
pub fn document_symbols(snap: &Snapshot<'_>) -> Option<lsp::DocumentSymbolResponse> {
    let analysis = snap.analysis()?;
    let index = snap.index(snap.key)?;
    let symbols = ide::document_symbols(analysis);
    if snap.caps.hierarchical_symbols {
        let nested = symbols
            .iter()
            .map(|s| to_proto::document_symbol(s, &index))
            .collect();
        return Some(lsp::DocumentSymbolResponse::Nested(nested));
    }
    let mut flat = Vec::new();
    to_proto::symbol_information(&symbols, &snap.uri(snap.key)?, &index, None, &mut flat);
    Some(lsp::DocumentSymbolResponse::Flat(flat))
}

/// `textDocument/foldingRange`.
pub fn folding_ranges(snap: &Snapshot<'_>) -> Option<Vec<lsp::FoldingRange>> {
    let index = snap.index(snap.key)?;
    let folds = ide::folding_ranges(snap.analysis()?);
    Some(
        folds
            .iter()
            .filter_map(|f| to_proto::folding_range(f, &index, snap.caps))
            .collect(),
    )
}

/// `textDocument/hover`.
pub fn hover(snap: &Snapshot<'_>, at: Position) -> Option<lsp::Hover> {
    let index = snap.index(snap.key)?;
    let hover = ide::hover(snap.corpus, snap.key, index.offset(at))?;
    Some(to_proto::hover(&hover, &index))
}

/// `textDocument/inlayHint` (none when the `inlayHints` setting is off).
pub fn inlay_hints(snap: &Snapshot<'_>, range: lsp::Range) -> Option<Vec<lsp::InlayHint>> {
    if !snap.config.editor.inlay_hints {
        return Some(Vec::new());
    }
    let index = snap.index(snap.key)?;
    let hints = ide::inlay_hints(snap.analysis()?, index.span(range));
    Some(
        hints
            .iter()
            .map(|h| to_proto::inlay_hint(h, &index))
            .collect(),
    )
}

/// `textDocument/semanticTokens/full` and `/range`.
pub fn semantic_tokens(
    snap: &Snapshot<'_>,
    range: Option<lsp::Range>,
) -> Option<lsp::SemanticTokens> {
    let index = snap.index(snap.key)?;
    let tokens = ide::semantic_tokens(snap.analysis()?);
    let within = range.map(|r| index.span(r));
    let data = to_proto::semantic_tokens(
        &tokens,
        &index,
        &snap.caps.legend,
        snap.caps.multiline_tokens,
        within,
    );
    Some(lsp::SemanticTokens {
        result_id: None,
        data,
    })
}

/// `textDocument/codeAction`: the engine's fixes for findings under the
/// range, and "Silence this finding" for each dateline diagnostic sent.
/// `config_text` is the current `dateline.toml` (version when open, text),
/// `None` when the file does not exist.
pub fn code_actions(
    snap: &Snapshot<'_>,
    params: &lsp::CodeActionParams,
    config_text: Option<(Option<i32>, String)>,
) -> Option<lsp::CodeActionResponse> {
    let wants_quickfix = params.context.only.as_ref().is_none_or(|kinds| {
        kinds.iter().any(|k| {
            lsp::CodeActionKind::QUICKFIX
                .as_str()
                .starts_with(k.as_str())
        })
    });
    if !wants_quickfix {
        return Some(Vec::new());
    }
    let analysis = snap.analysis()?;
    let index = snap.index(snap.key)?;
    let span = index.span(params.range);
    let findings = snap.corpus.findings(snap.key);
    let visible = diagnostics::visible(&findings, &analysis.text, snap.config);
    // Each client diagnostic matched back to the finding it came from.
    let matched: Vec<(&lsp::Diagnostic, &crate::engine::Finding)> = params
        .context
        .diagnostics
        .iter()
        .filter_map(|d| Some((d, diagnostics::matching_finding(&visible, d, &index)?)))
        .collect();
    let mut actions = Vec::new();
    for fix in ide::code_actions(snap.corpus, snap.key, span) {
        let fixed: Vec<lsp::Diagnostic> = matched
            .iter()
            .filter(|(_, f)| f.fixes.contains(&fix))
            .map(|(d, _)| (*d).clone())
            .collect();
        let edit = to_proto::workspace_edit(
            &fix.replacements,
            |doc| snap.target(doc),
            snap.caps.document_changes,
        );
        actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: fix.title.clone(),
            kind: Some(lsp::CodeActionKind::QUICKFIX),
            diagnostics: (!fixed.is_empty()).then_some(fixed),
            edit: Some(edit),
            is_preferred: fix.preferred.then_some(true),
            ..Default::default()
        }));
    }
    for (diagnostic, finding) in &matched {
        let text = finding.span.text(&analysis.text);
        if text.trim().is_empty() {
            continue;
        }
        if let Some(action) =
            silence_action(snap, finding.rule, text, diagnostic, config_text.as_ref())
        {
            actions.push(lsp::CodeActionOrCommand::CodeAction(action));
        }
    }
    Some(actions)
}

/// Records `text` under `[ignore] rule` in the root `dateline.toml`, as an
/// edit the client applies (creating the file when it supports that).
fn silence_action(
    snap: &Snapshot<'_>,
    rule: &str,
    text: &str,
    diagnostic: &lsp::Diagnostic,
    config_text: Option<&(Option<i32>, String)>,
) -> Option<lsp::CodeAction> {
    let path = snap.roots.first()?.join(CONFIG_FILE);
    let uri: Uri = path_key(&path)?.parse().ok()?;
    let current = config_text.map(|(_, t)| t.as_str()).unwrap_or("");
    let new_text = silence(current, rule, text)?;
    let edit = match config_text {
        Some((version, current)) => {
            let index = super::position::LineIndex::new(current, snap.caps.encoding);
            let edit = lsp::TextEdit::new(to_proto::whole_range(&index), new_text);
            if snap.caps.document_changes {
                lsp::WorkspaceEdit {
                    document_changes: Some(lsp::DocumentChanges::Edits(vec![text_document_edit(
                        uri, *version, edit,
                    )])),
                    ..Default::default()
                }
            } else {
                lsp::WorkspaceEdit {
                    changes: Some(HashMap::from([(uri, vec![edit])])),
                    ..Default::default()
                }
            }
        }
        None if snap.caps.document_changes && snap.caps.create_files => {
            let create = lsp::ResourceOp::Create(lsp::CreateFile {
                uri: uri.clone(),
                options: Some(lsp::CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            });
            let insert = lsp::TextEdit::new(lsp::Range::default(), new_text);
            lsp::WorkspaceEdit {
                document_changes: Some(lsp::DocumentChanges::Operations(vec![
                    lsp::DocumentChangeOperation::Op(create),
                    lsp::DocumentChangeOperation::Edit(text_document_edit(uri, None, insert)),
                ])),
                ..Default::default()
            }
        }
        None => return None,
    };
    Some(lsp::CodeAction {
        title: format!(
            "Silence this finding ({rule}: “{}”) in {CONFIG_FILE}",
            ellipsize(text, 40)
        ),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit),
        ..Default::default()
    })
}

fn text_document_edit(
    uri: Uri,
    version: Option<i32>,
    edit: lsp::TextEdit,
) -> lsp::TextDocumentEdit {
    lsp::TextDocumentEdit {
        text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version },
        edits: vec![lsp::OneOf::Left(edit)],
    }
}

fn ellipsize(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() <= max && line.len() == text.len() {
        return line.to_string();
    }
    let cut: String = line.chars().take(max).collect();
    format!("{cut}…")
}

fn location(snap: &Snapshot<'_>, loc: &ide::Location) -> Option<lsp::Location> {
    let Target { uri, index, .. } = snap.target(&loc.doc)?;
    Some(lsp::Location::new(uri, index.range(loc.span)))
}

/// `textDocument/definition`.
pub fn definition(snap: &Snapshot<'_>, at: Position) -> Option<lsp::GotoDefinitionResponse> {
    let offset = snap.index(snap.key)?.offset(at);
    let target = ide::definition(snap.corpus, snap.key, offset)?;
    Some(lsp::GotoDefinitionResponse::Scalar(location(
        snap, &target,
    )?))
}

/// `textDocument/references`.
pub fn references(snap: &Snapshot<'_>, at: Position) -> Option<Vec<lsp::Location>> {
    let offset = snap.index(snap.key)?.offset(at);
    let refs = ide::references(snap.corpus, snap.key, offset);
    Some(refs.iter().filter_map(|l| location(snap, l)).collect())
}

/// `textDocument/documentHighlight`: the references inside this document.
pub fn highlights(snap: &Snapshot<'_>, at: Position) -> Option<Vec<lsp::DocumentHighlight>> {
    let index = snap.index(snap.key)?;
    let refs = ide::references(snap.corpus, snap.key, index.offset(at));
    Some(
        refs.iter()
            .filter(|l| l.doc == snap.key)
            .map(|l| lsp::DocumentHighlight {
                range: index.range(l.span),
                kind: Some(lsp::DocumentHighlightKind::TEXT),
            })
            .collect(),
    )
}

/// `textDocument/prepareRename`.
pub fn prepare_rename(snap: &Snapshot<'_>, at: Position) -> Option<lsp::PrepareRenameResponse> {
    let index = snap.index(snap.key)?;
    let span = ide::prepare_rename(snap.corpus, snap.key, index.offset(at))?;
    Some(lsp::PrepareRenameResponse::Range(index.range(span)))
}

/// `textDocument/rename`: an edit across every article naming the entity.
pub fn rename(
    snap: &Snapshot<'_>,
    at: Position,
    new_name: &str,
) -> Option<Result<lsp::WorkspaceEdit, String>> {
    let offset = snap.index(snap.key)?.offset(at);
    Some(
        ide::rename(snap.corpus, snap.key, offset, new_name).map(|reps| {
            to_proto::workspace_edit(&reps, |doc| snap.target(doc), snap.caps.document_changes)
        }),
    )
}

/// `textDocument/completion`.
pub fn completions(snap: &Snapshot<'_>, at: Position) -> Option<lsp::CompletionResponse> {
    let index = snap.index(snap.key)?;
    let items = ide::completions(snap.corpus, snap.key, index.offset(at));
    Some(lsp::CompletionResponse::Array(
        items
            .iter()
            .map(|c| to_proto::completion(c, &index))
            .collect(),
    ))
}

/// `workspace/symbol`.
pub fn workspace_symbols(snap: &Snapshot<'_>, query: &str) -> Option<lsp::WorkspaceSymbolResponse> {
    let found = ide::workspace_symbols(snap.corpus, query);
    #[allow(deprecated)]
    let symbols = found
        .iter()
        .filter_map(|(name, kind, loc)| {
            Some(lsp::SymbolInformation {
                name: name.clone(),
                kind: to_proto::entity_symbol_kind(kind),
                tags: None,
                deprecated: None,
                location: location(snap, loc)?,
                container_name: Some(kind.clone()),
            })
        })
        .collect();
    Some(lsp::WorkspaceSymbolResponse::Flat(symbols))
}

/// `textDocument/diagnostic` (pull).
pub fn document_diagnostic(snap: &Snapshot<'_>) -> Option<lsp::DocumentDiagnosticReportResult> {
    let items = document_diagnostics(snap, snap.key);
    Some(lsp::DocumentDiagnosticReportResult::Report(
        lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                result_id: None,
                items,
            },
        }),
    ))
}

/// `workspace/diagnostic` (pull): every article of the corpus.
pub fn workspace_diagnostic(snap: &Snapshot<'_>) -> Option<lsp::WorkspaceDiagnosticReportResult> {
    let items = snap
        .corpus
        .keys()
        .filter_map(|key| {
            Some(lsp::WorkspaceDocumentDiagnosticReport::Full(
                lsp::WorkspaceFullDocumentDiagnosticReport {
                    uri: snap.uri(key)?,
                    version: snap.open_version(key).map(i64::from),
                    full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                        result_id: None,
                        items: document_diagnostics(snap, key),
                    },
                },
            ))
        })
        .collect();
    Some(lsp::WorkspaceDiagnosticReportResult::Report(
        lsp::WorkspaceDiagnosticReport { items },
    ))
}

/// `dateline.timeline`: the corpus timeline (`engine::corpus::timeline`),
/// every dated event in date order, each with where it is reported:
/// `{date, day, class, text, who, place, planned, uri, range}`.
pub fn timeline(snap: &Snapshot<'_>) -> Option<Value> {
    let events = crate::engine::corpus::timeline(snap.corpus);
    let entries = events
        .iter()
        .filter_map(|e| {
            let target = snap.target(&e.doc)?;
            Some(json!({
                "date": e.date,
                "day": e.day.map(|d| d.to_string()),
                "class": e.class,
                "text": e.what,
                "who": e.who,
                "place": e.place,
                "planned": e.planned,
                "uri": target.uri.as_str(),
                "range": target.index.range(e.span),
            }))
        })
        .collect();
    Some(Value::Array(entries))
}
