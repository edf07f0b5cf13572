//! The engine: plain Rust, no LSP types, no IO, no async. Works on UTF-8 byte
//! offsets and never panics on any input.

pub mod analysis;
pub mod article;
pub mod cache;
pub mod claims;
pub mod config;
pub mod corpus;
pub mod entities;
pub mod finding;
pub mod ide;
pub mod span;
pub mod text;
pub mod time;

pub use analysis::{analyze, Analysis, AnalysisOptions};
pub use article::Article;
pub use config::Config;
pub use corpus::Corpus;
pub use finding::{Finding, Severity};
pub use span::Span;
