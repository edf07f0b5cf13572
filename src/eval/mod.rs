//! Evaluation harnesses: score the engine against annotated corpora.

pub mod timeml;
