//! Corpus fixtures: each directory of tests/fixtures/corpus holds a small
//! set of articles (`*.txt`) and a `case.toml` with the expected findings of
//! the corpus rules (rule, article, exact span text, severity, related
//! article + span text) and expected non-findings. Every corpus-rule finding
//! of a case must be expected: the fixtures measure precision as well as
//! recall.

mod corpus_support;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use corpus_support::{corpus, corpus_findings, occurrences, severity, show, Doc};
use dateline::engine::config::Config;
use dateline::engine::entities::EntityType;
use dateline::engine::Corpus;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// A `dateline.toml` for the case.
    #[serde(default)]
    config: Option<String>,
    docs: BTreeMap<String, DocSpec>,
    #[serde(default)]
    expect: Vec<Expect>,
    #[serde(default)]
    absent: Vec<Absent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocSpec {
    date: Option<String>,
    #[serde(default)]
    entities: Vec<(String, EntityType)>,
    #[serde(default)]
    times: Vec<(String, String)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    rule: String,
    doc: String,
    text: String,
    severity: Option<String>,
    #[serde(default)]
    related: Vec<(String, String)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Absent {
    doc: String,
    text: String,
    rule: Option<String>,
}

fn load(dir: &Path) -> (Corpus, Case) {
    let case: Case =
        toml::from_str(&std::fs::read_to_string(dir.join("case.toml")).expect("case.toml"))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let config = case
        .config
        .as_deref()
        .map(|c| Config::parse(c).expect("config"))
        .unwrap_or_default();
    let docs: Vec<Doc> = case
        .docs
        .iter()
        .map(|(key, spec)| Doc {
            key: key.clone(),
            text: std::fs::read_to_string(dir.join(key)).expect("article"),
            date: spec
                .date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            entities: spec.entities.clone(),
            times: spec.times.clone(),
        })
        .collect();
    (corpus(&docs, &config), case)
}

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(name);
    let (corpus, case) = load(&dir);
    if std::env::var_os("DATELINE_DUMP_CLAIMS").is_some() {
        for key in corpus.keys() {
            let a = corpus.get(key).expect("doc");
            for c in &a.claims {
                eprintln!("{key} {} {:?}", c.key, c.span.text(&a.text));
            }
        }
    }
    let mut problems = Vec::new();
    let mut matched = vec![false; case.expect.len()];
    for key in corpus.keys() {
        let text = &corpus.get(key).expect("doc").text;
        for f in corpus_findings(&corpus, key) {
            let hit = case.expect.iter().position(|e| {
                e.doc == key
                    && e.rule == f.rule
                    && f.span.text(text) == e.text
                    && e.severity
                        .as_deref()
                        .is_none_or(|s| severity(s) == f.severity)
                    && e.related.iter().all(|(d, t)| {
                        f.related.iter().any(|r| {
                            r.doc == *d && corpus.get(d).is_some_and(|a| r.span.text(&a.text) == t)
                        })
                    })
            });
            match hit {
                Some(i) => matched[i] = true,
                None => problems.push(format!("unexpected: {}", show(&corpus, key, &f))),
            }
            assert!(!f.message.is_empty());
        }
    }
    for (e, ok) in case.expect.iter().zip(&matched) {
        if !ok {
            problems.push(format!("missing: {e:?}"));
        }
    }
    for a in &case.absent {
        let text = &corpus.get(&a.doc).expect("doc").text;
        let places = occurrences(text, &a.text);
        assert!(!places.is_empty(), "{name}: {:?} not in {}", a.text, a.doc);
        for f in corpus_findings(&corpus, &a.doc) {
            if places.iter().any(|p| p.overlaps(f.span))
                && a.rule.as_deref().is_none_or(|r| r == f.rule)
            {
                problems.push(format!(
                    "flagged though absent: {}",
                    show(&corpus, &a.doc, &f)
                ));
            }
        }
    }
    if !problems.is_empty() {
        for key in corpus.keys() {
            for f in corpus_findings(&corpus, key) {
                eprintln!("  {}", show(&corpus, key, &f));
            }
        }
    }
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
}

#[test]
fn spelling_transliteration() {
    check("spelling_transliteration");
}

#[test]
fn spelling_silenced() {
    check("spelling_silenced");
}

#[test]
fn figures_conflict() {
    check("figures_conflict");
}

#[test]
fn figures_over_time() {
    check("figures_over_time");
}

#[test]
fn dates_conflict() {
    check("dates_conflict");
}

#[test]
fn contested() {
    check("contested");
}

#[test]
fn spelling_unrecognised() {
    check("spelling_unrecognised");
}
