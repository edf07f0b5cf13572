//! The language server adapter (`dateline lsp`): converts between LSP and the
//! engine's `ide` layer. (Stub: the server is being written.)

/// Serves LSP over stdin/stdout until the client exits.
pub fn run_stdio() -> std::io::Result<()> {
    Ok(())
}
