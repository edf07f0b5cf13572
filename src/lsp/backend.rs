//! The `LanguageServer` implementation: lifecycle, document sync and
//! workspace notifications go to [`State`]; requests run a handler from
//! [`handlers`] through `State::query`.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};
use tracing::{info, warn};

use super::capabilities::{server_capabilities, ClientCaps};
use super::config::Settings;
use super::handlers;
use super::logging;
use super::state::{read, write, Analyzer, State};

/// The dateline language server.
pub struct Backend {
    state: Arc<State>,
}

/// Parameters of the `dateline/documentText` request.
#[derive(Debug, Deserialize)]
pub struct DocumentTextParams {
    pub uri: Uri,
}

/// What the server holds for an open document (`dateline/documentText`, for
/// clients and tests checking that edits were applied as sent).
#[derive(Debug, Serialize)]
pub struct DocumentText {
    pub version: i32,
    pub text: String,
}

impl Backend {
    /// A server talking to `client`.
    pub fn new(client: Client) -> Self {
        Backend {
            state: Arc::new(State::new(client)),
        }
    }

    /// A server running `analyzer` instead of the engine's pipeline (tests).
    pub fn with_analyzer(client: Client, analyzer: Analyzer) -> Self {
        Backend {
            state: Arc::new(State::with_analyzer(client, analyzer)),
        }
    }

    /// `dateline/documentText`: the server's copy of an open document.
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<Option<DocumentText>> {
        Ok(self
            .state
            .document_text(&params.uri)
            .map(|(version, text)| DocumentText { version, text }))
    }

    async fn pull_settings(&self) {
        let state = self.state.clone();
        logging::spawn(async move {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("dateline".into()),
            };
            match state.client.configuration(vec![item]).await {
                Ok(values) => {
                    // `null`: nothing set in the editor; keep initializationOptions.
                    if let Some(v) = values.into_iter().next().filter(|v| !v.is_null()) {
                        state.set_settings(&v).await;
                    }
                }
                Err(e) => warn!("could not read the editor settings: {e}"),
            }
        });
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = ClientCaps::from_params(&params);
        let roots = workspace_roots(&params);
        let settings = params
            .initialization_options
            .as_ref()
            .map(|o| {
                Settings::from_json(o).unwrap_or_else(|e| {
                    warn!("{e}");
                    Settings::default()
                })
            })
            .unwrap_or_default();
        let capabilities = server_capabilities(&caps);
        {
            let mut session = write(&self.state.session);
            session.caps = caps;
            session.roots = roots.clone();
            session.settings = settings;
            let config = session.settings.layer_over(&session.file_config);
            session.filter = super::workspace::FileFilter::new(roots, &config.workspace).0;
            session.config = config;
        }
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "dateline".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let session = self.state.session();
        info!(
            "dateline {} ready: position encoding {:?}, {} workspace folder(s)",
            env!("CARGO_PKG_VERSION"),
            session.caps.encoding,
            session.roots.len()
        );
        // Anything that waits on the client runs in a task: a handler
        // awaiting a client response would hold one of the few request slots.
        let state = self.state.clone();
        logging::spawn(async move {
            state.reload_config(None).await;
            state.register_watchers().await;
            state.index_workspace().await;
        });
        if session.caps.configuration {
            self.pull_settings().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.state.open(doc.uri, doc.version, &doc.text);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // No `.await` before the edit is applied (see `State::change`).
        self.state.change(params);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if self.state.is_config_uri(&params.text_document.uri) {
            self.state.reload_config(params.text).await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.state.close(&params.text_document.uri).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let has_settings = params.settings.get("dateline").is_some()
            || params.settings.as_object().is_some_and(|o| !o.is_empty());
        if has_settings {
            self.state.set_settings(&params.settings).await;
        } else if read(&self.state.session).caps.configuration {
            self.pull_settings().await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.state.watched_files_changed(params.changes).await;
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri.clone();
        self.state
            .query(
                &uri,
                "textDocument/documentSymbol",
                to_json(&params),
                handlers::document_symbols,
            )
            .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let uri = params.text_document.uri.clone();
        self.state
            .query(
                &uri,
                "textDocument/foldingRange",
                to_json(&params),
                handlers::folding_ranges,
            )
            .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = &params.text_document_position_params;
        let at = p.position;
        self.state
            .query(
                &p.text_document.uri,
                "textDocument/hover",
                to_json(&params),
                move |s| handlers::hover(s, at),
            )
            .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        self.state
            .query(
                &params.text_document.uri,
                "textDocument/inlayHint",
                to_json(&params),
                move |s| handlers::inlay_hints(s, range),
            )
            .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let tokens = self
            .state
            .query(
                &params.text_document.uri,
                "textDocument/semanticTokens/full",
                to_json(&params),
                |s| handlers::semantic_tokens(s, None),
            )
            .await?;
        Ok(tokens.map(SemanticTokensResult::Tokens))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let range = params.range;
        let tokens = self
            .state
            .query(
                &params.text_document.uri,
                "textDocument/semanticTokens/range",
                to_json(&params),
                move |s| handlers::semantic_tokens(s, Some(range)),
            )
            .await?;
        Ok(tokens.map(SemanticTokensRangeResult::Tokens))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let config_text = self.config_text();
        let uri = params.text_document.uri.clone();
        let logged = to_json(&params);
        self.state
            .query(&uri, "textDocument/codeAction", logged, move |s| {
                handlers::code_actions(s, &params, config_text)
            })
            .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = &params.text_document_position_params;
        let at = p.position;
        self.state
            .query(
                &p.text_document.uri,
                "textDocument/definition",
                to_json(&params),
                move |s| handlers::definition(s, at),
            )
            .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = &params.text_document_position;
        let at = p.position;
        self.state
            .query(
                &p.text_document.uri,
                "textDocument/references",
                to_json(&params),
                move |s| handlers::references(s, at),
            )
            .await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = &params.text_document_position_params;
        let at = p.position;
        self.state
            .query(
                &p.text_document.uri,
                "textDocument/documentHighlight",
                to_json(&params),
                move |s| handlers::highlights(s, at),
            )
            .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let at = params.position;
        self.state
            .query(
                &params.text_document.uri,
                "textDocument/prepareRename",
                to_json(&params),
                move |s| handlers::prepare_rename(s, at),
            )
            .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let logged = to_json(&params);
        let p = params.text_document_position;
        let (at, name) = (p.position, params.new_name);
        match self
            .state
            .query(
                &p.text_document.uri,
                "textDocument/rename",
                logged,
                move |s| handlers::rename(s, at, &name),
            )
            .await?
        {
            Some(Ok(edit)) => Ok(Some(edit)),
            Some(Err(message)) => Err(Error::invalid_params(message)),
            None => Ok(None),
        }
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = &params.text_document_position;
        let at = p.position;
        self.state
            .query(
                &p.text_document.uri,
                "textDocument/completion",
                to_json(&params),
                move |s| handlers::completions(s, at),
            )
            .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let logged = to_json(&params);
        let query = params.query;
        self.state
            .query_corpus("workspace/symbol", logged, move |s| {
                handlers::workspace_symbols(s, &query)
            })
            .await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let report = self
            .state
            .query(
                &params.text_document.uri,
                "textDocument/diagnostic",
                to_json(&params),
                handlers::document_diagnostic,
            )
            .await?;
        Ok(report.unwrap_or_else(|| {
            DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
                Default::default(),
            ))
        }))
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        let report = self
            .state
            .query_corpus(
                "workspace/diagnostic",
                to_json(&params),
                handlers::workspace_diagnostic,
            )
            .await?;
        Ok(report.unwrap_or_else(|| WorkspaceDiagnosticReportResult::Report(Default::default())))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        match params.command.as_str() {
            "dateline.timeline" => {
                self.state
                    .query_corpus(
                        "workspace/executeCommand",
                        to_json(&params),
                        handlers::timeline,
                    )
                    .await
            }
            "dateline.reindex" => {
                self.state.reload_config(None).await;
                self.state.index_workspace().await;
                Ok(None)
            }
            other => Err(Error::invalid_params(format!("unknown command {other}"))),
        }
    }
}

impl Backend {
    /// The root `dateline.toml`: the open buffer when open, else the file.
    fn config_text(&self) -> Option<(Option<i32>, String)> {
        let path = self.state.config_path()?;
        let uri = Uri::from_file_path(&path)?;
        if let Some((version, text)) = self.state.document_text(&uri) {
            return Some((Some(version), text));
        }
        std::fs::read_to_string(&path).ok().map(|t| (None, t))
    }
}

/// Request parameters as JSON, for the log when the request fails.
fn to_json(params: &impl Serialize) -> Value {
    serde_json::to_value(params).unwrap_or(Value::Null)
}

/// The workspace folders (or the deprecated root URI) as local paths.
#[allow(deprecated)]
fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    let from_folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    if !from_folders.is_empty() {
        return from_folders;
    }
    params
        .root_uri
        .iter()
        .filter_map(|u| u.to_file_path().map(|p| p.into_owned()))
        .collect()
}
