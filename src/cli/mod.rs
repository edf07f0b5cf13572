//! The command-line adapter (to be written).
