//! Evaluation against annotated corpora (reads files: not part of the engine).

pub mod entities;
