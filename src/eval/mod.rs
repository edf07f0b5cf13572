//! Evaluation harnesses: score the engine against annotated corpora (reads
//! files: not part of the engine).

pub mod entities;
pub mod timeml;
