//! Findings → LSP diagnostics, and back (code actions receive diagnostics
//! and must find the finding they came from).

use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::NumberOrString;

use super::config::is_silenced;
use super::position::LineIndex;
use crate::engine::config::ConfigError;
use crate::engine::{Config, Finding, Severity, Span};

/// The `source` of every diagnostic.
pub const SOURCE: &str = "dateline";

/// The diagnostic of a finding. `related` resolves the document key of a
/// related place to its URI and line index (unknown documents are dropped).
pub fn diagnostic(
    finding: &Finding,
    index: &LineIndex<'_>,
    related: impl Fn(&str, Span) -> Option<lsp::Location>,
) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|r| {
            Some(lsp::DiagnosticRelatedInformation {
                location: related(&r.doc, r.span)?,
                message: r.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: index.range(finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: None,
        source: Some(SOURCE.into()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: finding.data.clone(),
    }
}

/// Findings the user has not silenced in `config.ignore`.
pub fn visible<'f>(findings: &'f [Finding], text: &str, config: &Config) -> Vec<&'f Finding> {
    findings
        .iter()
        .filter(|f| !is_silenced(config, f.rule, f.span.text(text)))
        .collect()
}

fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
    }
}

/// The error diagnostic on a broken `dateline.toml` (at the error's span, or
/// the first line when the parser gave none).
pub fn config_error(error: &ConfigError, index: &LineIndex<'_>) -> lsp::Diagnostic {
    let range = match error.span {
        Some(span) => index.range(span),
        None => lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, u32::MAX)),
    };
    lsp::Diagnostic {
        range,
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("invalid-config".into())),
        source: Some(SOURCE.into()),
        message: error.message.clone(),
        ..Default::default()
    }
}

/// The finding a client diagnostic was made from: same rule, and the same
/// `data` when the diagnostic carries it, preferring the same range.
pub fn matching_finding<'f>(
    findings: &[&'f Finding],
    diagnostic: &lsp::Diagnostic,
    index: &LineIndex<'_>,
) -> Option<&'f Finding> {
    if diagnostic.source.as_deref().is_some_and(|s| s != SOURCE) {
        return None;
    }
    let Some(NumberOrString::String(rule)) = &diagnostic.code else {
        return None;
    };
    let candidates: Vec<&'f Finding> = findings
        .iter()
        .copied()
        .filter(|f| f.rule == rule)
        .filter(|f| diagnostic.data.is_none() || f.data == diagnostic.data)
        .collect();
    candidates
        .iter()
        .copied()
        .find(|f| index.range(f.span) == diagnostic.range)
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .find(|f| f.data.is_some() && diagnostic.data.is_some())
        })
}

/// The note on a workspace file that is not analysed (too large, binary,
/// not UTF-8), saying why and what to do.
pub fn skipped_file(why: String) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: lsp::Range::default(),
        severity: Some(lsp::DiagnosticSeverity::INFORMATION),
        code: Some(lsp::NumberOrString::String("skipped-file".into())),
        source: Some("dateline".into()),
        message: why,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::finding::Related;
    use crate::lsp::position::Encoding;
    use tower_lsp_server::ls_types::Uri;

    #[test]
    fn finding_becomes_diagnostic_with_related_place() {
        let text = "“Zelenskiy” said\nZelensky";
        let index = LineIndex::new(text, Encoding::Utf16);
        let mut finding = Finding::new(
            Span::new(3, 12),
            "spelling-variant",
            Severity::Warning,
            "spelled two ways",
        );
        finding.related.push(Related {
            doc: "other".into(),
            span: Span::new(0, 3),
            message: "here".into(),
        });
        finding.data = Some(serde_json::json!({"canonical": "Zelensky"}));
        let other_text = "ab\ncd";
        let other_uri: Uri = "file:///o.txt".parse().unwrap();
        let d = diagnostic(&finding, &index, |doc, span| {
            (doc == "other").then(|| {
                lsp::Location::new(
                    other_uri.clone(),
                    LineIndex::new(other_text, Encoding::Utf16).range(span),
                )
            })
        });
        assert_eq!(
            d.range,
            lsp::Range::new(lsp::Position::new(0, 1), lsp::Position::new(0, 10))
        );
        assert_eq!(
            d.code,
            Some(NumberOrString::String("spelling-variant".into()))
        );
        assert_eq!(d.source.as_deref(), Some("dateline"));
        let rel = d.related_information.clone().unwrap();
        assert_eq!(rel[0].location.uri, other_uri);
        assert_eq!(rel[0].location.range.end, lsp::Position::new(1, 0));
        let findings = [&finding];
        assert_eq!(matching_finding(&findings, &d, &index), Some(&finding));
        let mut other = d.clone();
        other.data = Some(serde_json::json!(1));
        assert_eq!(matching_finding(&findings, &other, &index), None);
    }
}
