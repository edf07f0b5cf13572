//! Every time of the seeds gold (`tests/fixtures/seeds.gold.json`, field
//! `times`) is found with the right type and value.

use std::path::Path;

use chrono::NaiveDate;
use dateline::engine::{analyze, AnalysisOptions};
use serde_json::Value;

fn gold() -> Value {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds.gold.json"),
    )
    .expect("gold fixture");
    serde_json::from_str(&text).expect("gold json")
}

/// Checks every gold time; `with_dates` passes the gold publication dates as options.
fn check(with_dates: bool) -> Vec<String> {
    let gold = gold();
    let mut failures = Vec::new();
    for (key, file) in gold["files"].as_object().expect("files") {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(file.as_str().expect("name"));
        let text = std::fs::read_to_string(&path).expect("seed");
        let mut options = AnalysisOptions::default();
        if with_dates {
            let d = gold["publication_date"][key].as_str().expect("date");
            options.publication_date = Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("iso"));
        }
        let analysis = analyze(&text, &options);
        if std::env::var("DUMP").is_ok() {
            for t in &analysis.times {
                eprintln!(
                    "{key} {:?} {} {} {:?} {} {:?}",
                    t.span.text(&text),
                    t.kind.as_str(),
                    t.value,
                    t.modifier,
                    t.rule,
                    t.tense
                );
            }
        }
        for g in gold["times"][key].as_array().expect("times") {
            let surface = g["text"].as_str().expect("text");
            let want_type = g["type"].as_str().expect("type");
            let want_value = g["value"].as_str().expect("value");
            // Every standalone occurrence, unless inside a longer annotated time.
            let mut found_any = false;
            for (at, _) in text.match_indices(surface) {
                let end = at + surface.len();
                // Exact, or a longer annotation with the same type and value
                // (`the last 30 years` for `30 years`).
                let exact = analysis.times.iter().find(|t| {
                    (t.span.start == at && t.span.end == end)
                        || (t.span.start <= at
                            && end <= t.span.end
                            && t.kind.as_str() == want_type
                            && t.value == want_value)
                });
                let covering = analysis
                    .times
                    .iter()
                    .find(|t| t.span.start <= at && end <= t.span.end);
                match (exact, covering) {
                    (Some(t), _) => {
                        found_any = true;
                        if t.kind.as_str() != want_type || t.value != want_value {
                            failures.push(format!(
                                "{key} {surface:?} at {at}: got {} {}, want {want_type} {want_value}",
                                t.kind.as_str(),
                                t.value
                            ));
                        }
                    }
                    (None, Some(_)) => {}
                    (None, None) => {
                        let in_word = text[..at].chars().last().is_some_and(char::is_alphanumeric)
                            || text[end..]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphanumeric);
                        if !in_word
                            && analysis
                                .article
                                .body
                                .contains(dateline::engine::Span::new(at, end))
                        {
                            failures.push(format!("{key} {surface:?} at {at}: not annotated"));
                        }
                    }
                }
            }
            if !found_any {
                failures.push(format!("{key} {surface:?}: never annotated on its own"));
            }
        }
    }
    failures
}

#[test]
fn seeds_gold_times_with_publication_dates() {
    let failures = check(true);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn seeds_gold_times_with_header_dates() {
    let failures = check(false);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn seed_001_furniture_has_no_times() {
    let gold = gold();
    let file = gold["files"]["001"].as_str().expect("name");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(file),
    )
    .expect("seed");
    let analysis = analyze(&text, &AnalysisOptions::default());
    assert!(!analysis.times.is_empty(), "the body has times");
    for surface in gold["boilerplate"]["001"]["no_dates_from"]
        .as_array()
        .expect("list")
    {
        let surface = surface.as_str().expect("text");
        for (at, _) in text.match_indices(surface) {
            let span = dateline::engine::Span::new(at, at + surface.len());
            let hit = analysis.times.iter().find(|t| t.span.overlaps(span));
            assert!(hit.is_none(), "{surface:?} at {at} annotated as {hit:?}");
        }
    }
    // Nothing after the related-headlines block either.
    let cut = text.find("RELATED TOPICS:").expect("marker");
    assert!(
        analysis.times.iter().all(|t| t.span.end <= cut),
        "times after RELATED TOPICS"
    );
}
