//! `dateline.toml`: the user's settings, parsed from text (the adapters read
//! the file; this module never does IO).

use std::collections::BTreeMap;

use serde::Deserialize;
use thiserror::Error;

use super::entities::EntityType;
use super::finding::Severity;
use super::span::Span;

/// How a rule is configured: off, or on at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Hint,
    #[serde(alias = "info")]
    Information,
    Warning,
    Error,
}

impl RuleLevel {
    /// The severity this level maps to, `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Hint => Some(Severity::Hint),
            RuleLevel::Information => Some(Severity::Information),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

/// How to read numeric dates like `03/04/2024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumericDateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

/// Which files of a workspace are articles.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkspaceConfig {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Files larger than this many bytes are truncated for analysis.
    pub max_file_bytes: usize,
}

impl Default for WorkspaceConfig {
    fn default() -> Self {
        WorkspaceConfig {
            include: vec!["**/*.txt".into(), "**/*.md".into()],
            exclude: vec![
                "**/.git/**".into(),
                "**/target/**".into(),
                "**/node_modules/**".into(),
            ],
            max_file_bytes: 2 * 1024 * 1024,
        }
    }
}

/// Settings of the time tagger.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimeConfig {
    pub numeric_dates: NumericDateOrder,
}

/// An entity the user declares: wins over the model.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityEntry {
    /// The house spelling: the canonical name.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Editor-facing switches.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EditorConfig {
    pub inlay_hints: bool,
}

impl Default for EditorConfig {
    fn default() -> Self {
        EditorConfig { inlay_hints: true }
    }
}

/// The whole `dateline.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub workspace: WorkspaceConfig,
    pub time: TimeConfig,
    pub editor: EditorConfig,
    /// Rule id → level (`spelling-variant = "off"`).
    pub rules: BTreeMap<String, RuleLevel>,
    #[serde(rename = "entity")]
    pub entities: Vec<EntityEntry>,
    /// Spans of text the user silenced: rule id → list of exact texts.
    pub ignore: BTreeMap<String, Vec<String>>,
}

/// A `dateline.toml` that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct ConfigError {
    pub message: String,
    /// Where in the file, when known.
    pub span: Option<Span>,
}

impl Config {
    /// Parses the text of a `dateline.toml`.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        toml::from_str::<Config>(text).map_err(|e| ConfigError {
            message: format!("dateline.toml: {}", e.message()),
            span: e.span().map(|r| Span::new(r.start, r.end)),
        })
    }

    /// The severity a finding of `rule` gets: the configured level, else the
    /// rule's default; `None` when the rule is switched off.
    pub fn severity_for(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(rule) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }
}
