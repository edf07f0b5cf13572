//! What the client can do (read once from `initialize`) and what the server
//! declares in return, including the semantic-token legend.

use serde_json::Value;
use tower_lsp_server::ls_types::*;

use super::position::Encoding;
use crate::engine::ide::TokenClass;

/// Commands the server executes (`workspace/executeCommand`).
pub const COMMANDS: [&str; 2] = ["dateline.timeline", "dateline.reindex"];

/// The parts of the client's capabilities the server acts on.
#[derive(Debug, Clone, Default)]
pub struct ClientCaps {
    pub encoding: Encoding,
    /// `textDocument/diagnostic` and `workspace/diagnostic/refresh` supported:
    /// serve pull diagnostics, do not push.
    pub pull_diagnostics: bool,
    pub diagnostic_refresh: bool,
    pub watched_files_dynamic: bool,
    pub work_done_progress: bool,
    pub configuration: bool,
    pub document_changes: bool,
    pub create_files: bool,
    pub folding_collapsed_text: bool,
    /// Folding kinds the client knows; `None` means it did not say.
    pub folding_kinds: Option<Vec<FoldingRangeKind>>,
    pub hierarchical_symbols: bool,
    pub multiline_tokens: bool,
    pub semantic_tokens_refresh: bool,
    pub inlay_hint_refresh: bool,
    pub legend: Legend,
}

impl ClientCaps {
    /// Reads the capabilities and `initializationOptions` of `initialize`.
    pub fn from_params(params: &InitializeParams) -> Self {
        let caps = &params.capabilities;
        let ws = caps.workspace.as_ref();
        let td = caps.text_document.as_ref();
        let edit = ws.and_then(|w| w.workspace_edit.as_ref());
        let folding = td.and_then(|t| t.folding_range.as_ref());
        let tokens = td.and_then(|t| t.semantic_tokens.as_ref());
        let custom_requested = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("customTokenTypes"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let custom_offered = tokens.is_some_and(|t| {
            TokenClass::ALL
                .iter()
                .all(|c| t.token_types.iter().any(|ty| ty.as_str() == c.name()))
        });
        let diagnostic_refresh = ws
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        ClientCaps {
            encoding: Encoding::negotiate(
                caps.general
                    .as_ref()
                    .and_then(|g| g.position_encodings.as_deref()),
            ),
            // Pull only when the client can also be told to pull again:
            // cross-article findings change when *another* article changes,
            // and a pull-only client without refresh (Neovim 0.11) would
            // never see them. Everyone else gets pushed diagnostics.
            pull_diagnostics: td.and_then(|t| t.diagnostic.as_ref()).is_some()
                && diagnostic_refresh,
            diagnostic_refresh,
            watched_files_dynamic: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            create_files: edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
            folding_collapsed_text: folding
                .and_then(|f| f.folding_range.as_ref())
                .and_then(|f| f.collapsed_text)
                .unwrap_or(false),
            folding_kinds: folding
                .and_then(|f| f.folding_range_kind.as_ref())
                .and_then(|k| k.value_set.clone()),
            hierarchical_symbols: td
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            multiline_tokens: tokens
                .and_then(|t| t.multiline_token_support)
                .unwrap_or(false),
            semantic_tokens_refresh: ws
                .and_then(|w| w.semantic_tokens.as_ref())
                .and_then(|s| s.refresh_support)
                .unwrap_or(false),
            inlay_hint_refresh: ws
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|s| s.refresh_support)
                .unwrap_or(false),
            legend: Legend::new(custom_offered || custom_requested),
        }
    }
}

/// The semantic-token legend and where each engine class sits in it.
///
/// dateline's own token types (`person`, `organization`, `place`, `group`,
/// `date`, `time`, `duration`, `set`) are used when the client lists them all
/// in `textDocument.semanticTokens.tokenTypes` or when `initializationOptions`
/// holds `"customTokenTypes": true` (editors that let a theme colour any type).
/// Otherwise the legend falls back to standard types every theme colours:
/// person → `class`, organization → `namespace`, place → `struct`,
/// group → `enum`, date and time → `number`, duration and set → `string`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Legend {
    pub types: Vec<SemanticTokenType>,
    /// Index into `types` of each class, in `TokenClass::ALL` order.
    index: [u32; 8],
}

impl Default for Legend {
    fn default() -> Self {
        Legend::new(false)
    }
}

impl Legend {
    /// The custom legend, or the standard-type fallback.
    pub fn new(custom: bool) -> Self {
        let names: Vec<&'static str> = if custom {
            TokenClass::ALL.iter().map(|c| c.name()).collect()
        } else {
            TokenClass::ALL.iter().map(|&c| standard_type(c)).collect()
        };
        let mut types: Vec<&'static str> = Vec::new();
        let mut index = [0u32; 8];
        for (slot, name) in index.iter_mut().zip(&names) {
            let at = types.iter().position(|t| t == name).unwrap_or_else(|| {
                types.push(name);
                types.len() - 1
            });
            *slot = at as u32;
        }
        Legend {
            types: types.into_iter().map(SemanticTokenType::new).collect(),
            index,
        }
    }

    /// The legend index of a class.
    pub fn index_of(&self, class: TokenClass) -> u32 {
        let i = TokenClass::ALL
            .iter()
            .position(|&c| c == class)
            .unwrap_or(0);
        self.index[i]
    }
}

fn standard_type(class: TokenClass) -> &'static str {
    match class {
        TokenClass::Person => "class",
        TokenClass::Organization => "namespace",
        TokenClass::Place => "struct",
        TokenClass::Group => "enum",
        TokenClass::Date | TokenClass::Time => "number",
        TokenClass::Duration | TokenClass::Set => "string",
    }
}

/// The capabilities the server declares for a client.
pub fn server_capabilities(client: &ClientCaps) -> ServerCapabilities {
    let triggers = ('A'..='Z').map(String::from).collect();
    ServerCapabilities {
        position_encoding: Some(client.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(true),
                })),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(triggers),
            ..Default::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: COMMANDS.iter().map(|c| c.to_string()).collect(),
            ..Default::default()
        }),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: SemanticTokensLegend {
                    token_types: client.legend.types.clone(),
                    token_modifiers: Vec::new(),
                },
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                ..Default::default()
            },
        )),
        inlay_hint_provider: Some(OneOf::Left(true)),
        diagnostic_provider: client.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("dateline".into()),
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                ..Default::default()
            })
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: None,
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_legend_shares_standard_types() {
        let legend = Legend::new(false);
        let names: Vec<&str> = legend.types.iter().map(|t| t.as_str()).collect();
        assert_eq!(
            names,
            ["class", "namespace", "struct", "enum", "number", "string"]
        );
        assert_eq!(legend.index_of(TokenClass::Time), 4);
        assert_eq!(legend.index_of(TokenClass::Set), 5);
    }

    #[test]
    fn custom_legend_is_the_engine_classes() {
        let legend = Legend::new(true);
        assert_eq!(legend.types.len(), 8);
        assert_eq!(legend.types[0].as_str(), "person");
        assert_eq!(legend.index_of(TokenClass::Set), 7);
    }
}
