//! The language server adapter (to be written).
