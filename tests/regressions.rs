//! Inputs that once broke dateline (fuzzer crash inputs, hand-made hostile
//! cases) replayed on every `cargo test`: under
//! `tests/fixtures/regressions/articles/` each file goes through the whole
//! pipeline and the editor queries; under `config/` each is parsed as
//! `dateline.toml`. To add a fuzzer crash: copy `fuzz/artifacts/<target>/crash-*`
//! into the matching folder with a name saying what it is.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dateline::engine::article::parse_article;
use dateline::engine::config::Config;
use dateline::engine::{analyze, ide, AnalysisOptions, Corpus};
use serde_json::Value;

fn files(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/regressions")
        .join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    files
}

/// Runs `check` on every file, collecting failures (panics included) so one
/// report names every broken input.
fn replay(folder: &str, check: impl Fn(&str) -> Result<(), String>) {
    let mut failures = Vec::new();
    for path in files(folder) {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let outcome = catch_unwind(AssertUnwindSafe(|| check(&text)));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(format!("{name}: {e}")),
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{name}: panicked: {msg}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

fn check_clean(text: &str, clean: &str) -> Result<(), String> {
    if clean.len() != text.len() {
        return Err(format!(
            "clean is {} bytes, text {}",
            clean.len(),
            text.len()
        ));
    }
    for (i, c) in text.char_indices() {
        let got = clean
            .get(i..i + c.len_utf8())
            .ok_or(format!("clean off char boundary at {i}"))?;
        let kept = got.starts_with(c);
        if !kept && !got.bytes().all(|b| b == b' ') {
            return Err(format!("char {c:?} at {i} became {got:?}"));
        }
        if (c == '\n' || c == '\r') && !kept {
            return Err(format!("line break at {i} blanked"));
        }
    }
    Ok(())
}

fn check_spans(text: &str, value: &Value, path: &str) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = format!("{path}.{key}");
                if key == "span" || key.ends_with("_span") || key == "body" || key == "replace" {
                    if let (Some(s), Some(e)) = (v["start"].as_u64(), v["end"].as_u64()) {
                        let (s, e) = (s as usize, e as usize);
                        if s > e
                            || e > text.len()
                            || !text.is_char_boundary(s)
                            || !text.is_char_boundary(e)
                        {
                            return Err(format!("{here}: bad span {s}..{e} (len {})", text.len()));
                        }
                    }
                }
                check_spans(text, v, &here)?;
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_spans(text, v, &format!("{path}[{i}]"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[test]
fn regression_articles_pass_through_the_pipeline() {
    replay("articles", |text| {
        check_clean(text, &parse_article(text).clean)?;
        for date in [
            None,
            NaiveDate::from_ymd_opt(2020, 10, 9),
            Some(NaiveDate::MIN),
            Some(NaiveDate::MAX),
        ] {
            let options = AnalysisOptions {
                publication_date: date,
                ..AnalysisOptions::default()
            };
            let analysis = analyze(text, &options);
            check_clean(text, &analysis.article.clean)?;
            let value = serde_json::to_value(&analysis).map_err(|e| e.to_string())?;
            check_spans(text, &value, "analysis")?;
            let ide = serde_json::json!({
                "symbols": ide::document_symbols(&analysis),
                "folds": ide::folding_ranges(&analysis),
            });
            check_spans(text, &ide, "ide")?;
            let mut corpus = Corpus::new(options);
            corpus.upsert("a.txt", text);
            for offset in (0..=text.len() + 1).step_by(text.len() / 50 + 1) {
                let _ = ide::hover(&corpus, "a.txt", offset);
            }
            for finding in corpus.findings("a.txt") {
                let value = serde_json::to_value(&finding).map_err(|e| e.to_string())?;
                check_spans(text, &value, "finding")?;
            }
        }
        Ok(())
    });
}

#[test]
fn regression_configs_parse_or_fail_with_a_span_inside_the_text() {
    replay("config", |text| match Config::parse(text) {
        Ok(config) => {
            // A limit near u64::MAX must not overflow when reading a file.
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            let path = dir.path().join("a.txt");
            std::fs::write(&path, "Body on Thursday.\n").map_err(|e| e.to_string())?;
            dateline::workspace::read_article(&path, config.workspace.max_file_bytes).map(|_| ())
        }
        Err(e) => match e.span {
            Some(s) if s.start > s.end || s.end > text.len() => {
                Err(format!("error span {s:?} outside the text"))
            }
            _ => Ok(()),
        },
    });
}
