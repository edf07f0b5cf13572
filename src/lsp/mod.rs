//! The language server adapter (`dateline lsp`): speaks LSP over stdio and
//! converts between the protocol and the engine's `ide` layer. No analysis
//! happens here; see `state` for how documents, the corpus and diagnostics
//! are kept in step.

mod backend;
mod capabilities;
mod config;
mod diagnostics;
mod document;
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
    let (dispatch, log_lines) = logging::subscriber();
    let mut forwarder = None;
    let (service, socket) = LspService::build(|client| {
        forwarder = Some(tokio::spawn(logging::forward(client.clone(), log_lines)));
        Backend::new(client)
    })
    .custom_method("dateline/documentText", Backend::document_text)
    .finish();
    Server::new(input, output, socket)
        .serve(service)
        .with_subscriber(dispatch)
        .await;
    if let Some(task) = forwarder {
        task.abort();
    }
}
