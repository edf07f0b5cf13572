//! The language server adapter (`dateline lsp`): speaks LSP over stdio and
//! converts between the protocol and the engine's `ide` layer. No analysis
//! happens here; see `state` for how documents, the corpus and diagnostics
//! are kept in step.
//!
//! What a client can rely on:
//!
//! - **Positions**: `utf-8` when the client offers it in
//!   `general.positionEncodings`, else `utf-16`; declared as
//!   `positionEncoding`. Out-of-range positions are clamped.
//! - **Sync**: incremental; changes whose version is not newer are ignored
//!   (and logged). Analysis is debounced per document (`debounceMs`,
//!   default 150) and runs off the async runtime.
//! - **Workspace**: on `initialized`, article files of the workspace folders
//!   (`[workspace] include/exclude` of `dateline.toml`, default `**/*.txt`,
//!   `**/*.md`; `.git`, `target`, `node_modules` skipped; symlinks not
//!   followed; files above `max_file_bytes` or not UTF-8 skipped) are read
//!   into the corpus with `$/progress` reports, and watched for changes.
//!   Open buffers win over disk. Diagnostics are published for every
//!   indexed file, and re-published whenever a change elsewhere alters them.
//! - **Settings**: `dateline.toml` at the (first) workspace root, re-read when
//!   it changes on disk or is saved; a broken file gets an error diagnostic
//!   and the last good configuration stays. Editor settings under the
//!   `dateline` key (`didChangeConfiguration`, `workspace/configuration`, or
//!   `initializationOptions`) are layered over it: `inlayHints` (bool),
//!   `rules` (rule id → `off`/`hint`/`information`/`warning`/`error`),
//!   `debounceMs`.
//! - **Semantic tokens**: dateline's own token types (`person`,
//!   `organization`, `place`, `group`, `date`, `time`, `duration`, `set`) when
//!   the client lists them or `initializationOptions` has
//!   `"customTokenTypes": true`; otherwise standard types (see [`Legend`]).
//! - **Folding**: front matter and page furniture fold as kind `imports` (LSP
//!   has no fold-on-open flag; editors can auto-fold imports, e.g. VS Code's
//!   `editor.foldingImportsByDefault`), with `collapsedText` when supported.
//! - **Diagnostics**: pulled (`textDocument/diagnostic`,
//!   `workspace/diagnostic`) when the client supports it, pushed otherwise;
//!   `code` is the rule id, `source` is `dateline`, `data` the finding's data.
//! - **Code actions**: the engine's fixes, plus "Silence this finding", an
//!   edit to `dateline.toml` (`[ignore] rule = ["exact text"]`) the client
//!   applies; the server never writes files.
//! - **Commands**: `dateline.timeline` (the corpus timeline: dated events in
//!   date order, `{date, day, class, text, who, place, planned, uri, range}`)
//!   and `dateline.reindex`.
//! - **Failures**: a panic in an analysis or a request is caught. The
//!   request that ran into it is answered with `InternalError` (-32603), and
//!   later requests on that same version with `RequestFailed` (-32803) until
//!   the next edit; the log (stderr and `window/logMessage`) names the URI,
//!   version, request parameters and the text around the position or the
//!   last edit. An open buffer above `max_file_bytes` is not analysed: it
//!   gets the `skipped-file` note, as such a file on disk does.
//! - **`dateline/documentText`** (request, `{uri}` → `{version, text}`): the
//!   server's copy of an open buffer, for checking synchronisation.

mod backend;
mod capabilities;
mod config;
mod diagnostics;
pub mod document;
mod framing;
mod handlers;
mod logging;
pub mod position;
mod state;
mod to_proto;
mod workspace;

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};
use tracing::instrument::WithSubscriber;

pub use backend::Backend;
pub use capabilities::Legend;
#[doc(hidden)]
pub use state::Analyzer;

/// Serves LSP over stdin/stdout until the client sends `exit`.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Blocking reads of stdin (and analyses still running) must not keep the
    // process alive after `exit`.
    runtime.shutdown_timeout(Duration::from_millis(200));
    Ok(())
}

/// Serves LSP over any byte streams (stdio, or in-process pipes in tests)
/// until the client sends `exit` or closes `input`.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    serve_with(input, output, crate::engine::analysis::analyze_cached).await;
}

/// [`serve`] with another single-article pipeline: a seam for tests that
/// make the analysis panic and check the server contains it.
#[doc(hidden)]
pub async fn serve_with<I, O>(input: I, output: O, analyzer: Analyzer)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (dispatch, log_lines) = logging::subscriber();
    let mut forwarder = None;
    let (service, socket) = LspService::build(|client| {
        forwarder = Some(tokio::spawn(logging::forward(client.clone(), log_lines)));
        Backend::with_analyzer(client, analyzer)
    })
    .custom_method("dateline/documentText", Backend::document_text)
    .finish();
    // Frames pass a check first (see `framing`); the server reads the pipe.
    let (checked, server_input) = tokio::io::duplex(1 << 16);
    let server = Server::new(server_input, output, socket).serve(service);
    let guard = async {
        framing::pump(input, checked).await;
        // Input ended: the server sees EOF on its pipe and stops by itself.
        std::future::pending::<()>().await;
    };
    async {
        tokio::select! {
            () = server => {}
            () = guard => {}
        }
    }
    .with_subscriber(dispatch)
    .await;
    if let Some(task) = forwarder {
        task.abort();
    }
}
