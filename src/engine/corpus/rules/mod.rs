//! Cross-article rules. Each has a stable id and a default severity that
//! `Config::severity_for` can change or switch off, and each compares a claim
//! or entity only with those sharing its index key.

pub mod contested;
pub mod dates;
pub mod figures;
pub mod spelling;

/// Every rule of this module: (id, default severity, what it flags).
pub const RULES: &[(&str, crate::engine::finding::Severity, &str)] = &[
    (
        spelling::RULE,
        crate::engine::finding::Severity::Warning,
        "one entity spelled two ways",
    ),
    (
        figures::RULE,
        crate::engine::finding::Severity::Warning,
        "same count, same date, incompatible figures",
    ),
    (
        figures::DECREASING_RULE,
        crate::engine::finding::Severity::Warning,
        "a running total lower than an earlier report",
    ),
    (
        dates::RULE,
        crate::engine::finding::Severity::Warning,
        "one event anchored to different days",
    ),
    (
        contested::RULE,
        crate::engine::finding::Severity::Information,
        "asserted here, disputed elsewhere",
    ),
];
