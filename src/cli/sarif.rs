//! SARIF 2.1.0 output (`dateline check --format sarif`): findings as a static
//! analysis log that code-scanning services and SARIF viewers understand.
//!
//! A pure function of the findings and the file texts: regions are computed
//! from the engine's UTF-8 byte offsets as 1-based lines and UTF-16 columns
//! (the run declares `columnKind: utf16CodeUnits`, what editors and GitHub use).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{json, Map, Value};

use crate::engine::finding::{Finding, Replacement, Severity};
use crate::engine::span::Span;

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";
/// The schema URI written in `$schema`.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Base id of relative artifact URIs (resolved by the consumer to the checkout root).
pub const SRCROOT: &str = "%SRCROOT%";

/// Rules every run describes (id, default severity, short description), so
/// a consumer can show rules that produced no result in this run too.
const KNOWN_RULES: &[(&str, Severity, &str)] = &[
    (
        "spelling-variant",
        Severity::Warning,
        "The same name is spelled differently (inside an article or across articles).",
    ),
    (
        "conflicting-figure",
        Severity::Warning,
        "Two figures for the same quantity disagree.",
    ),
    (
        "decreasing-total",
        Severity::Warning,
        "A running total goes down over time.",
    ),
    (
        "conflicting-date",
        Severity::Warning,
        "The same event is dated differently.",
    ),
    (
        "contested-claim",
        Severity::Information,
        "A claim is disputed by another source.",
    ),
    (
        "weekday-mismatch",
        Severity::Warning,
        "A weekday does not match the date it is written with.",
    ),
    (
        "impossible-date",
        Severity::Error,
        "A date that does not exist.",
    ),
    (
        "future-in-past",
        Severity::Warning,
        "An event told in the past is dated after the publication date.",
    ),
    (
        "missing-publication-date",
        Severity::Hint,
        "The article has no publication date, so relative dates cannot be resolved.",
    ),
];

/// Turns the findings of each file (path, file text, findings) into a SARIF
/// 2.1.0 log with one run. Related information becomes `relatedLocations`,
/// fixes become `fixes`; locations in files not among `results` get an
/// artifact location without a region.
pub fn to_sarif(results: &[(String, &str, Vec<Finding>)]) -> Value {
    let texts: HashMap<&str, LineIndex<'_>> = results
        .iter()
        .map(|(path, text, _)| (path.as_str(), LineIndex::new(text)))
        .collect();

    let mut rule_ids: BTreeSet<&str> = KNOWN_RULES.iter().map(|(id, _, _)| *id).collect();
    for (_, _, findings) in results {
        rule_ids.extend(findings.iter().map(|f| f.rule));
    }
    let rule_index: BTreeMap<&str, usize> = rule_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let rules: Vec<Value> = rule_ids.iter().map(|id| rule_descriptor(id)).collect();

    let mut sarif_results = Vec::new();
    for (path, _, findings) in results {
        for finding in findings {
            sarif_results.push(result(
                path,
                finding,
                rule_index.get(finding.rule).copied(),
                &texts,
            ));
        }
    }

    json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "dateline",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": sarif_results,
        }]
    })
}

/// The SARIF level of a severity (SARIF has no "hint"/"information": both are notes).
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn rule_descriptor(id: &str) -> Value {
    let known = KNOWN_RULES.iter().find(|(rule, _, _)| *rule == id);
    let mut rule = Map::new();
    rule.insert("id".into(), json!(id));
    rule.insert("name".into(), json!(camel_case(id)));
    if let Some((_, severity, description)) = known {
        rule.insert("shortDescription".into(), json!({ "text": description }));
        rule.insert(
            "defaultConfiguration".into(),
            json!({ "level": level(*severity) }),
        );
    }
    Value::Object(rule)
}

fn result(
    path: &str,
    finding: &Finding,
    rule_index: Option<usize>,
    texts: &HashMap<&str, LineIndex<'_>>,
) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(finding.rule));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(finding.severity)));
    r.insert("message".into(), json!({ "text": finding.message }));
    r.insert(
        "locations".into(),
        json!([{ "physicalLocation": physical_location(path, finding.span, texts) }]),
    );
    if !finding.related.is_empty() {
        let related: Vec<Value> = finding
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                json!({
                    "id": i,
                    "physicalLocation": physical_location(&rel.doc, rel.span, texts),
                    "message": { "text": rel.message },
                })
            })
            .collect();
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    let fixes: Vec<Value> = finding
        .fixes
        .iter()
        .filter_map(|fix| {
            let changes = artifact_changes(&fix.replacements, texts);
            (!changes.is_empty()).then(
                || json!({ "description": { "text": fix.title }, "artifactChanges": changes }),
            )
        })
        .collect();
    if !fixes.is_empty() {
        r.insert("fixes".into(), Value::Array(fixes));
    }
    r.insert(
        "properties".into(),
        json!({ "severity": finding.severity.as_str() }),
    );
    Value::Object(r)
}

/// Replacements grouped by file, in first-seen order; files whose text is unknown are left out
/// (a replacement needs a region).
fn artifact_changes(
    replacements: &[Replacement],
    texts: &HashMap<&str, LineIndex<'_>>,
) -> Vec<Value> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_doc: HashMap<&str, Vec<Value>> = HashMap::new();
    for rep in replacements {
        let Some(index) = texts.get(rep.doc.as_str()) else {
            continue;
        };
        if !by_doc.contains_key(rep.doc.as_str()) {
            order.push(rep.doc.as_str());
        }
        by_doc.entry(rep.doc.as_str()).or_default().push(json!({
            "deletedRegion": index.region(rep.span),
            "insertedContent": { "text": rep.new_text },
        }));
    }
    order
        .into_iter()
        .map(|doc| json!({ "artifactLocation": artifact_location(doc), "replacements": by_doc.remove(doc).unwrap_or_default() }))
        .collect()
}

fn physical_location(doc: &str, span: Span, texts: &HashMap<&str, LineIndex<'_>>) -> Value {
    let mut loc = Map::new();
    loc.insert("artifactLocation".into(), artifact_location(doc));
    if let Some(index) = texts.get(doc) {
        loc.insert("region".into(), index.region(span));
    }
    Value::Object(loc)
}

/// An artifact location for a path or URI: absolute paths become `file://`
/// URIs, relative ones stay relative to `%SRCROOT%`.
fn artifact_location(doc: &str) -> Value {
    if has_scheme(doc) {
        return json!({ "uri": doc });
    }
    let path = doc.replace('\\', "/");
    if path.starts_with('/') {
        json!({ "uri": format!("file://{}", encode_path(&path)) })
    } else if path.len() >= 2
        && path.as_bytes()[1] == b':'
        && path.as_bytes()[0].is_ascii_alphabetic()
    {
        // A Windows drive path (C:/...).
        json!({ "uri": format!("file:///{}", encode_path(&path)) })
    } else {
        let relative = path.strip_prefix("./").unwrap_or(&path);
        json!({ "uri": encode_path(relative), "uriBaseId": SRCROOT })
    }
}

fn has_scheme(doc: &str) -> bool {
    match doc.split_once("://") {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Percent-encodes everything but unreserved characters, `/` and (in a drive
/// prefix) `:`, so the result is a valid URI reference.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, b) in path.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (b == b':' && i == 1);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn camel_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// Line starts of one text, to turn byte offsets into 1-based lines and
/// UTF-16 columns.
struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and column (UTF-16 code units) of a byte offset; offsets
    /// past the end or inside a character are moved back to a boundary.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        (line + 1, column + 1)
    }

    /// The SARIF region of a span, with the covered text as its snippet.
    fn region(&self, span: Span) -> Value {
        let (start_line, start_column) = self.line_column(span.start);
        let (end_line, end_column) = self.line_column(span.end.max(span.start));
        let mut region = json!({
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
        });
        let snippet = span.text(self.text);
        if !snippet.is_empty() {
            region["snippet"] = json!({ "text": snippet });
        }
        region
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns_count_utf16_units_and_clamp() {
        let text = "ab\nçé𝄞x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(3), (2, 1));
        // ç (2 bytes) é (2 bytes) 𝄞 (4 bytes, 2 UTF-16 units) then x.
        assert_eq!(index.line_column(3 + 2 + 2 + 4), (2, 5));
        // Inside 𝄞: back to its start.
        assert_eq!(index.line_column(3 + 2 + 2 + 1), (2, 3));
        // Past the end: the end (after the last newline, line 3).
        assert_eq!(index.line_column(10_000), (3, 1));
    }

    #[test]
    fn artifact_locations() {
        assert_eq!(
            artifact_location("seeds/a b.txt"),
            json!({ "uri": "seeds/a%20b.txt", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact_location("./x.txt"),
            json!({ "uri": "x.txt", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact_location("/tmp/x#1.txt"),
            json!({ "uri": "file:///tmp/x%231.txt" })
        );
        assert_eq!(
            artifact_location("file:///tmp/x.txt"),
            json!({ "uri": "file:///tmp/x.txt" })
        );
        assert_eq!(
            artifact_location("C:\\news\\x.txt"),
            json!({ "uri": "file:///C:/news/x.txt" })
        );
    }

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Information), "note");
        assert_eq!(level(Severity::Hint), "note");
    }
}
