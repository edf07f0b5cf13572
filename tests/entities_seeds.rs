//! Every entity of the hand-written gold (`tests/fixtures/seeds.gold.json`)
//! is found in its seed article with its type, and page furniture yields no
//! entity.

use std::collections::BTreeSet;

use dateline::engine::{analyze, AnalysisOptions};
use serde_json::Value;

fn gold() -> Value {
    serde_json::from_str(include_str!("fixtures/seeds.gold.json")).expect("gold parses")
}

fn seed(file: &str) -> String {
    std::fs::read_to_string(format!("{}/seeds/{file}", env!("CARGO_MANIFEST_DIR")))
        .expect("seed readable")
}

/// `(surface, TYPE)` of every mention the engine finds in one seed.
fn found(file: &str) -> BTreeSet<(String, String)> {
    let text = seed(file);
    let analysis = analyze(&text, &AnalysisOptions::default());
    analysis
        .entities
        .mentions
        .iter()
        .map(|m| (m.span.text(&text).to_string(), m.kind.as_str().to_string()))
        .collect()
}

#[test]
fn every_gold_entity_is_found_with_its_type() {
    let gold = gold();
    let mut missing = Vec::new();
    let mut total = 0;
    for (id, file) in gold["files"].as_object().expect("files") {
        let file = file.as_str().expect("file name");
        let found = found(file);
        for (kind, surfaces) in gold["entities"][id]
            .as_object()
            .expect("entities of a file")
        {
            for surface in surfaces.as_array().expect("surfaces") {
                let surface = surface.as_str().expect("surface").to_string();
                total += 1;
                if !found.contains(&(surface.clone(), kind.clone())) {
                    let as_other: Vec<&String> = found
                        .iter()
                        .filter(|(s, _)| *s == surface)
                        .map(|(_, k)| k)
                        .collect();
                    missing.push(format!("{id} {kind} {surface:?} (found as {as_other:?})"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {total} gold entities missing:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn furniture_yields_no_entity() {
    let gold = gold();
    for (id, spec) in gold["boilerplate"].as_object().expect("boilerplate") {
        let file = gold["files"][id].as_str().expect("file");
        let text = seed(file);
        let analysis = analyze(&text, &AnalysisOptions::default());
        if let Some(marker) = spec["no_annotations_after"].as_str() {
            let at = text.find(marker).expect("marker in seed");
            let late: Vec<&str> = analysis
                .entities
                .mentions
                .iter()
                .filter(|m| m.span.start >= at)
                .map(|m| m.span.text(&text))
                .collect();
            assert!(late.is_empty(), "{id}: entities in furniture: {late:?}");
        }
        for example in spec["examples_not_entities"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let example = example.as_str().expect("example");
            assert!(
                !analysis
                    .entities
                    .mentions
                    .iter()
                    .any(|m| m.span.text(&text) == example),
                "{id}: furniture name {example:?} annotated"
            );
        }
    }
}

#[test]
fn short_forms_resolve_to_the_gold_canonical_name_within_an_article() {
    // Only pairs whose full form is written in the same article (the
    // cross-article ones are the corpus's work).
    let gold = gold();
    let mut checked = 0;
    for (id, file) in gold["files"].as_object().expect("files") {
        let text = seed(file.as_str().expect("file"));
        let analysis = analyze(&text, &AnalysisOptions::default());
        let e = &analysis.entities;
        for (short, canonical) in gold["canonical"].as_object().expect("canonical") {
            let canonical = canonical.as_str().expect("canonical");
            let has = |s: &str| e.mentions.iter().any(|m| m.span.text(&text) == s);
            if !(has(short) && has(canonical)) {
                continue;
            }
            checked += 1;
            for m in e.mentions.iter().filter(|m| m.span.text(&text) == short) {
                assert_eq!(e.entities[m.entity].canonical, canonical, "{id}: {short}");
            }
        }
    }
    assert!(checked >= 4, "only {checked} short forms checked");
}
