//! dateline: a language server and command-line tool for folders of news
//! articles. `engine` holds all analysis; `lsp` and `cli` are adapters.

pub mod cli;
pub mod engine;
pub mod eval;
pub mod lsp;
pub mod workspace;
