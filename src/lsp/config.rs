//! Settings: `dateline.toml` at the workspace root, with the editor's
//! `dateline` settings layered over it, and the edit that records a silenced
//! finding in that file.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use crate::engine::config::RuleLevel;
use crate::engine::Config;

/// Name of the configuration file looked for at the workspace root.
pub const CONFIG_FILE: &str = "dateline.toml";

/// Debounce between the last edit and the analysis when not configured.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// The editor's settings under the `dateline` key (also accepted as
/// `initializationOptions`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Show resolved dates inline (overrides `[editor] inlay_hints`).
    pub inlay_hints: Option<bool>,
    /// Rule id → level, over the file's `[rules]`.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
    /// Milliseconds between the last keystroke and the analysis.
    pub debounce_ms: Option<u64>,
}

impl Settings {
    /// Reads settings from a JSON value: the object under `dateline` when
    /// present, else the value itself. Unreadable settings are an error
    /// message for the log.
    pub fn from_json(value: &Value) -> Result<Settings, String> {
        let value = value.get("dateline").unwrap_or(value);
        if value.is_null() {
            return Ok(Settings::default());
        }
        // Unknown keys (e.g. `customTokenTypes`) are other features' business.
        Settings::deserialize(value).map_err(|e| format!("invalid dateline settings: {e}"))
    }

    /// The debounce delay to use.
    pub fn debounce(&self) -> Duration {
        self.debounce_ms
            .map(Duration::from_millis)
            .unwrap_or(DEFAULT_DEBOUNCE)
    }

    /// The configuration in force: the file's, with these settings over it.
    pub fn layer_over(&self, file: &Config) -> Config {
        let mut config = file.clone();
        if let Some(on) = self.inlay_hints {
            config.editor.inlay_hints = on;
        }
        for (rule, level) in &self.rules {
            config.rules.insert(rule.clone(), *level);
        }
        config
    }
}

/// True when the finding `text` of `rule` was silenced in `config.ignore`
/// (compared without surrounding whitespace, as the engine does).
pub fn is_silenced(config: &Config, rule: &str, text: &str) -> bool {
    let text = text.trim();
    config
        .ignore
        .get(rule)
        .is_some_and(|texts| texts.iter().any(|t| t.trim() == text))
}

/// The new text of `dateline.toml` with `text` added to `[ignore] rule`,
/// keeping the rest of the file (comments, order) as it is. `None` when the
/// current file is not valid TOML or already silences it.
pub fn silence(current: &str, rule: &str, text: &str) -> Option<String> {
    let mut doc: toml_edit::DocumentMut = current.parse().ok()?;
    let ignore = doc
        .entry("ignore")
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()))
        .as_table_like_mut()?;
    let texts = ignore
        .entry(rule)
        .or_insert(toml_edit::Item::Value(toml_edit::Value::Array(
            toml_edit::Array::new(),
        )))
        .as_array_mut()?;
    if texts.iter().any(|v| v.as_str() == Some(text)) {
        return None;
    }
    texts.push(text);
    Some(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::finding::Severity;
    use serde_json::json;

    #[test]
    fn settings_layer_over_the_file() {
        let file = Config::parse(
            "[rules]\nspelling-variant = \"warning\"\n[editor]\ninlay_hints = true\n",
        )
        .unwrap();
        let settings = Settings::from_json(&json!({
            "dateline": {"inlayHints": false, "rules": {"spelling-variant": "off", "x": "error"}, "debounceMs": 20}
        }))
        .unwrap();
        let config = settings.layer_over(&file);
        assert!(!config.editor.inlay_hints);
        assert_eq!(
            config.severity_for("spelling-variant", Severity::Hint),
            None
        );
        assert_eq!(
            config.severity_for("x", Severity::Hint),
            Some(Severity::Error)
        );
        assert_eq!(settings.debounce(), Duration::from_millis(20));
    }

    #[test]
    fn bad_settings_are_reported() {
        assert!(Settings::from_json(&json!({"rules": {"a": "loud"}})).is_err());
        assert_eq!(Settings::from_json(&Value::Null), Ok(Settings::default()));
    }

    #[test]
    fn silence_adds_to_an_existing_file() {
        let before = "# house rules\n[rules]\nx = \"off\"\n";
        let after = silence(before, "spelling-variant", "Zelenskiy").unwrap();
        assert!(after.starts_with("# house rules\n"), "{after}");
        let config = Config::parse(&after).unwrap();
        assert!(is_silenced(&config, "spelling-variant", "Zelenskiy"));
        let again = silence(&after, "spelling-variant", "Zelensky").unwrap();
        let config = Config::parse(&again).unwrap();
        assert_eq!(config.ignore["spelling-variant"], ["Zelenskiy", "Zelensky"]);
        assert_eq!(silence(&again, "spelling-variant", "Zelensky"), None);
    }

    #[test]
    fn silence_creates_a_file() {
        let text = silence("", "weekday-mismatch", "on \"Thursday\"").unwrap();
        let config = Config::parse(&text).unwrap();
        assert!(is_silenced(&config, "weekday-mismatch", "on \"Thursday\""));
    }
}
