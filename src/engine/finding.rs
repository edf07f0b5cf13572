//! Findings: what the engine reports to the user (a diagnostic in the editor,
//! a line of `dateline check`, an entry of `annotate`'s `findings`).

use serde::{Deserialize, Serialize};

use super::span::Span;

/// How serious a finding is. Ordered: `Hint < Information < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    #[serde(alias = "info")]
    Information,
    Warning,
    Error,
}

impl Severity {
    /// The lower-case name used in JSON, config files and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in some article of the corpus that explains a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Key of the article (as given to the corpus by the adapter: a path or URI).
    pub doc: String,
    pub span: Span,
    pub message: String,
}

/// One text replacement inside one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replacement {
    /// Key of the article the edit applies to.
    pub doc: String,
    pub span: Span,
    pub new_text: String,
}

/// A suggested fix: a titled set of replacements, possibly across articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub replacements: Vec<Replacement>,
    /// True for the fix an editor may apply on "fix all" / as preferred.
    pub preferred: bool,
}

/// Something the user should look at, anchored at a span of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub span: Span,
    /// Stable rule id (`weekday-mismatch`, `spelling-variant`, ...).
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
    /// Rule-specific payload that code actions read back (kept opaque here).
    pub data: Option<serde_json::Value>,
}

impl Finding {
    /// A finding with no related information, fixes or data.
    pub fn new(
        span: Span,
        rule: &'static str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            span,
            rule,
            severity,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
            data: None,
        }
    }
}
