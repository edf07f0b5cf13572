//! SARIF output: valid against the SARIF 2.1.0 JSON schema (a committed copy,
//! tests/fixtures/sarif-schema-2.1.0.json) and carrying the fields consumers
//! read, with regions computed from byte offsets.

use std::sync::OnceLock;

use dateline::cli::sarif::to_sarif;
use dateline::engine::finding::{Finding, Fix, Related, Replacement, Severity};
use dateline::engine::{AnalysisOptions, Corpus, Span};
use serde_json::Value;

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        // The published schema's `language` patterns have a stray `]` that the
        // meta-schema's "regex" format check rejects; use the corrected pattern
        // (dateline does not write `language`).
        const BROKEN: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
        const FIXED: &str = r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#;
        let raw = include_str!("fixtures/sarif-schema-2.1.0.json");
        assert!(
            raw.contains(BROKEN),
            "the committed schema is the published one"
        );
        let schema: Value =
            serde_json::from_str(&raw.replace(BROKEN, FIXED)).expect("schema is JSON");
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .should_validate_formats(true)
            .build(&schema)
            .expect("schema compiles")
    })
}

fn assert_valid(log: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF log is not schema-valid:\n{}\n{}",
        errors.join("\n"),
        log
    );
}

/// Span of the first `needle` in `text`.
fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("needle in text");
    Span::new(start, start + needle.len())
}

const A: &str = "Title\n\nHervé met Pashinyan on Friday.\n";
const B: &str = "Other\n\nThe Kremlin said Nikol Pashinian called.\n";

fn sample() -> Vec<(String, &'static str, Vec<Finding>)> {
    let mut spelling = Finding::new(
        span_of(A, "Pashinyan"),
        "spelling-variant",
        Severity::Warning,
        "\"Pashinyan\" is spelled \"Pashinian\" in another article",
    );
    spelling.related.push(Related {
        doc: "news/b.txt".into(),
        span: span_of(B, "Pashinian"),
        message: "spelled \"Pashinian\" here".into(),
    });
    spelling.related.push(Related {
        doc: "/elsewhere/not loaded.txt".into(),
        span: Span::new(0, 4),
        message: "and in a file that is not part of this run".into(),
    });
    spelling.fixes.push(Fix {
        title: "Spell it \"Pashinyan\" everywhere".into(),
        replacements: vec![Replacement {
            doc: "news/b.txt".into(),
            span: span_of(B, "Pashinian"),
            new_text: "Pashinyan".into(),
        }],
        preferred: true,
    });
    let hint = Finding::new(
        Span::new(0, 0),
        "missing-publication-date",
        Severity::Hint,
        "No publication date",
    );
    let custom = Finding::new(
        span_of(B, "Kremlin"),
        "some-new-rule",
        Severity::Error,
        "A rule the SARIF writer does not know",
    );
    vec![
        ("news/a.txt".into(), A, vec![spelling, hint]),
        ("news/b.txt".into(), B, vec![custom]),
    ]
}

#[test]
fn sample_log_is_schema_valid() {
    assert_valid(&to_sarif(&sample()));
}

#[test]
fn empty_log_is_schema_valid() {
    let log = to_sarif(&[]);
    assert_valid(&log);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn top_level_and_tool() {
    let log = to_sarif(&sample());
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "dateline");
    let rule_ids: Vec<&str> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "spelling-variant",
        "conflicting-figure",
        "missing-publication-date",
        "some-new-rule",
    ] {
        assert!(rule_ids.contains(&id), "rule {id} described: {rule_ids:?}");
    }
    assert_eq!(runs[0]["columnKind"], "utf16CodeUnits");
}

#[test]
fn results_carry_rule_level_message_and_region() {
    let log = to_sarif(&sample());
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);

    let r = &results[0];
    assert_eq!(r["ruleId"], "spelling-variant");
    let index = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        run["tool"]["driver"]["rules"][index]["id"],
        "spelling-variant"
    );
    assert_eq!(r["level"], "warning");
    assert!(r["message"]["text"].as_str().unwrap().contains("Pashinian"));
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "news/a.txt");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    // Line 3 "Hervé met Pashinyan": "Hervé met " is 10 UTF-16 units (11 bytes).
    let region = &loc["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(3), Some(11))
    );
    assert_eq!(
        (region["endLine"].as_u64(), region["endColumn"].as_u64()),
        (Some(3), Some(20))
    );
    assert_eq!(region["snippet"]["text"], "Pashinyan");

    assert_eq!(results[1]["level"], "note", "hints are notes");
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    assert_eq!(results[2]["level"], "error");
    assert_eq!(
        results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "news/b.txt"
    );
}

#[test]
fn related_information_becomes_related_locations() {
    let log = to_sarif(&sample());
    let related = log["runs"][0]["results"][0]["relatedLocations"]
        .as_array()
        .unwrap();
    assert_eq!(related.len(), 2);
    let b = &related[0];
    assert_eq!(b["id"], 0);
    assert_eq!(b["message"]["text"], "spelled \"Pashinian\" here");
    assert_eq!(
        b["physicalLocation"]["artifactLocation"]["uri"],
        "news/b.txt"
    );
    // "The Kremlin said Nikol " is 23 columns on line 3.
    assert_eq!(b["physicalLocation"]["region"]["startLine"], 3);
    assert_eq!(b["physicalLocation"]["region"]["startColumn"], 24);
    // A file outside the run: an absolute file URI, no region (its text is unknown).
    let other = &related[1]["physicalLocation"];
    assert_eq!(
        other["artifactLocation"]["uri"],
        "file:///elsewhere/not%20loaded.txt"
    );
    assert!(other.get("region").is_none());
}

#[test]
fn fixes_become_artifact_changes() {
    let log = to_sarif(&sample());
    let fix = &log["runs"][0]["results"][0]["fixes"][0];
    assert_eq!(
        fix["description"]["text"],
        "Spell it \"Pashinyan\" everywhere"
    );
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "news/b.txt");
    let rep = &change["replacements"][0];
    assert_eq!(rep["deletedRegion"]["startColumn"], 24);
    assert_eq!(rep["insertedContent"]["text"], "Pashinyan");
}

#[test]
fn hostile_spans_do_not_panic_and_stay_valid() {
    let text = "é\n𝄞";
    let findings = vec![
        Finding::new(
            Span::new(1, 1),
            "impossible-date",
            Severity::Error,
            "inside a character",
        ),
        Finding::new(
            Span::new(5, 2),
            "impossible-date",
            Severity::Error,
            "reversed",
        ),
        Finding::new(
            Span::new(usize::MAX - 1, usize::MAX),
            "impossible-date",
            Severity::Error,
            "far past the end",
        ),
    ];
    let log = to_sarif(&[("x.txt".into(), text, findings)]);
    assert_valid(&log);
    let regions: Vec<(u64, u64)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            (
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(regions, vec![(1, 1), (2, 1), (2, 3)]);
}

/// Whatever the engine finds in the seeds today is written as valid SARIF with
/// one result per finding, each pointing inside its file.
#[test]
fn seed_findings_are_schema_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("seeds/")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                format!("seeds/{}", p.file_name().unwrap().to_string_lossy()),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    let mut corpus = Corpus::new(AnalysisOptions::default());
    for (key, text) in &files {
        corpus.upsert(key, text);
    }
    let results: Vec<(String, &str, Vec<Finding>)> = files
        .iter()
        .map(|(key, text)| (key.clone(), text.as_str(), corpus.findings(key)))
        .collect();
    let total: usize = results.iter().map(|(_, _, f)| f.len()).sum();
    let log = to_sarif(&results);
    assert_valid(&log);
    let out = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(out.len(), total);
    let mut related = 0;
    for r in out {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        // Related locations in the other seeds carry regions: the corpus keys are the paths.
        for rel in r["relatedLocations"].as_array().into_iter().flatten() {
            related += 1;
            let loc = &rel["physicalLocation"];
            assert!(
                loc["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .starts_with("seeds/"),
                "{rel}"
            );
            assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1, "{rel}");
        }
    }
    // The seeds contain cross-article findings (e.g. "Pashinyan" vs "Pashinian").
    assert!(related > 0, "no related locations in {total} findings");
}

/// The validator is not vacuous: broken logs are rejected.
#[test]
fn schema_rejects_broken_logs() {
    let good = to_sarif(&sample());
    assert!(validator().is_valid(&good));
    let mut no_version = good.clone();
    no_version.as_object_mut().unwrap().remove("version");
    assert!(!validator().is_valid(&no_version));
    let mut line_zero = good.clone();
    line_zero["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator().is_valid(&line_zero));
    let mut bad_level = good;
    bad_level["runs"][0]["results"][0]["level"] = "hint".into();
    assert!(!validator().is_valid(&bad_level));
}
