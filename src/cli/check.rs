//! `dateline check`: findings rustc-style (or as JSON), a summary line, and
//! an exit code for scripts and CI.

use std::io::Write;

use annotate_snippets::{Level, Renderer, Snippet};
use serde_json::json;

use rayon::prelude::*;

use super::load::{text, Source};
use crate::engine::finding::{Finding, Severity};
use crate::engine::span::Span;
use crate::engine::Corpus;

/// Every finding of every source, in source order then text order. The
/// corpus is read-only here, so articles are checked in parallel (the
/// corpus memoises what they share). Fixes are kept only when `fixes` is
/// set (SARIF writes them): a spelling finding's "in every article" fix
/// lists every variant of the corpus, the bulk of a large workspace's report.
pub fn collect(corpus: &Corpus, sources: &[Source], fixes: bool) -> Vec<(usize, Finding)> {
    let per_source: Vec<Vec<Finding>> = sources
        .par_iter()
        .map(|source| {
            let mut findings = corpus.findings(&source.key);
            findings.sort_by_key(|f| (f.span.start, f.span.end));
            if !fixes {
                findings.iter_mut().for_each(|f| f.fixes = Vec::new());
            }
            findings
        })
        .collect();
    per_source
        .into_iter()
        .enumerate()
        .flat_map(|(i, findings)| findings.into_iter().map(move |f| (i, f)))
        .collect()
}

/// Writes the findings rustc-style, with colours when `styled`.
pub fn render_human(
    out: &mut dyn Write,
    corpus: &Corpus,
    sources: &[Source],
    findings: &[(usize, Finding)],
    styled: bool,
) -> std::io::Result<()> {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for (i, finding) in findings {
        let source = &sources[*i];
        let level = level(finding.severity);
        let main = excerpt(text(corpus, &source.key), finding.span);
        let mut message = level.title(&finding.message).id(finding.rule).snippet(
            Snippet::source(main.source)
                .line_start(main.line)
                .origin(&source.key)
                .fold(true)
                .annotation(level.span(main.range.clone())),
        );
        let related: Vec<Excerpt> = finding
            .related
            .iter()
            .map(|r| excerpt(text(corpus, &r.doc), r.span))
            .collect();
        for (r, ex) in finding.related.iter().zip(&related) {
            if corpus.get(&r.doc).is_some() {
                message = message.snippet(
                    Snippet::source(ex.source)
                        .line_start(ex.line)
                        .origin(&r.doc)
                        .fold(true)
                        .annotation(Level::Note.span(ex.range.clone()).label(&r.message)),
                );
            }
        }
        writeln!(out, "{}\n", renderer.render(message))?;
    }
    Ok(())
}

/// The summary line: `5 articles checked: 2 warnings, 3 notes`.
pub fn summary(articles: usize, findings: &[(usize, Finding)]) -> String {
    let count = |s: Severity| findings.iter().filter(|(_, f)| f.severity == s).count();
    let parts: Vec<String> = [
        (count(Severity::Error), "error"),
        (count(Severity::Warning), "warning"),
        (count(Severity::Information), "note"),
        (count(Severity::Hint), "hint"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, name)| format!("{n} {name}{}", if n == 1 { "" } else { "s" }))
    .collect();
    let what = if parts.is_empty() {
        "no findings".to_string()
    } else {
        parts.join(", ")
    };
    format!(
        "{articles} article{} checked: {what}",
        if articles == 1 { "" } else { "s" }
    )
}

/// Writes the `--format json` document (one line): `{"articles": N,
/// "findings": [...], "summary": "..."}`. Each finding is serialised and
/// written in turn, so a report of thousands of articles is never held as
/// one JSON tree.
pub fn write_json(
    out: &mut dyn Write,
    corpus: &Corpus,
    sources: &[Source],
    findings: &[(usize, Finding)],
) -> std::io::Result<()> {
    write!(out, "{{\"articles\":{},\"findings\":[", sources.len())?;
    for (n, (i, f)) in findings.iter().enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        let source = &sources[*i];
        let text = text(corpus, &source.key);
        let (line, column) = line_column(text, f.span.start);
        let (end_line, end_column) = line_column(text, f.span.end);
        let related: Vec<serde_json::Value> = f
            .related
            .iter()
            .map(|r| {
                let (line, column) = line_column(super::load::text(corpus, &r.doc), r.span.start);
                json!({"path": r.doc, "start": r.span.start, "end": r.span.end, "line": line, "column": column, "message": r.message})
            })
            .collect();
        let item = json!({
            "path": source.key, "start": f.span.start, "end": f.span.end,
            "line": line, "column": column, "end_line": end_line, "end_column": end_column,
            "rule": f.rule, "severity": f.severity.as_str(), "message": f.message, "related": related,
        });
        serde_json::to_writer(&mut *out, &item)?;
    }
    let summary = serde_json::Value::String(summary(sources.len(), findings));
    writeln!(out, "],\"summary\":{summary}}}")
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map(|p| p + 1).unwrap_or(0);
    let line = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count()
        + 1;
    (line, before[line_start..].chars().count() + 1)
}

/// The lines around a span, with the span relative to them.
struct Excerpt<'t> {
    source: &'t str,
    line: usize,
    range: std::ops::Range<usize>,
}

fn excerpt(text: &str, span: Span) -> Excerpt<'_> {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let from = text
        .get(..start)
        .and_then(|t| t.rfind(['\n', '\r']).map(|p| p + 1))
        .unwrap_or(0);
    let to = text
        .get(end..)
        .and_then(|t| t.find(['\n', '\r']))
        .map(|p| p + end)
        .unwrap_or(text.len());
    let (line, _) = line_column(text, from);
    let source = text.get(from..to).unwrap_or("");
    Excerpt {
        source,
        line,
        range: (start - from)..(end - from).max(start - from),
    }
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Information => Level::Note,
        Severity::Hint => Level::Help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns_count_characters_and_all_line_breaks() {
        assert_eq!(line_column("ab\ncé d", 6), (2, 3));
        assert_eq!(line_column("a\r\nb\rc", 5), (3, 1));
        assert_eq!(line_column("abc", 99), (1, 4));
    }
}
