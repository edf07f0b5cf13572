//! The seeds (tests/fixtures/seeds.gold.json): every `contradictions` entry
//! flagged with the other side as related information, the `stretch` entry at
//! information level, and nothing at warning or error on a `must_not_flag`
//! span — on the pipeline's own output (no gold annotation is injected).

mod corpus_support;

use corpus_support::{corpus, corpus_findings, occurrences, show, Doc};
use dateline::engine::config::Config;
use dateline::engine::finding::{Finding, Severity};
use dateline::engine::Corpus;
use serde_json::Value;

fn gold() -> Value {
    serde_json::from_str(include_str!("fixtures/seeds.gold.json")).expect("gold json")
}

fn seeds_corpus() -> (Corpus, Value) {
    let gold = gold();
    let mut docs = Vec::new();
    for (id, file) in gold["files"].as_object().expect("files") {
        let file = file.as_str().expect("file name");
        let path = format!("{}/seeds/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("seed file");
        // The real pipeline alone: publication dates from the headers,
        // entities and times from the recogniser and the tagger.
        docs.push(Doc {
            key: id.clone(),
            text,
            ..Doc::default()
        });
    }
    (corpus(&docs, &Config::default()), gold)
}

fn text_of<'a>(corpus: &'a Corpus, doc: &str, f: &Finding) -> &'a str {
    corpus.get(doc).map(|a| f.span.text(&a.text)).unwrap_or("")
}

/// A finding of `rule` on one side whose related info points at the other.
fn flagged(corpus: &Corpus, rule: &str, a: (&str, &str), b: (&str, &str)) -> Option<Finding> {
    for ((doc, surface), (other_doc, other_surface)) in [(a, b), (b, a)] {
        for f in corpus_findings(corpus, doc) {
            if f.rule != rule
                || !text_of(corpus, doc, &f).contains(surface)
                    && !surface.contains(text_of(corpus, doc, &f))
            {
                continue;
            }
            if text_of(corpus, doc, &f).is_empty() {
                continue;
            }
            let related = f.related.iter().any(|r| {
                r.doc == other_doc
                    && corpus.get(other_doc).is_some_and(|an| {
                        let t = r.span.text(&an.text);
                        !t.is_empty() && (t.contains(other_surface) || other_surface.contains(t))
                    })
            });
            if related {
                return Some(f);
            }
        }
    }
    None
}

fn pair(entry: &Value) -> ((String, String), (String, String)) {
    let side = |k: &str| {
        (
            entry[k][0].as_str().unwrap_or("").to_string(),
            entry[k][1].as_str().unwrap_or("").to_string(),
        )
    };
    (side("a"), side("b"))
}

#[test]
fn seeds_contradictions_are_flagged_with_the_other_side() {
    let (corpus, gold) = seeds_corpus();
    let mut missing = Vec::new();
    for entry in gold["contradictions"].as_array().expect("contradictions") {
        let ((da, sa), (db, sb)) = pair(entry);
        let rule = entry["kind"].as_str().unwrap_or("");
        match flagged(&corpus, rule, (&da, &sa), (&db, &sb)) {
            Some(f) => {
                let doc = if corpus_findings(&corpus, &da).contains(&f) {
                    &da
                } else {
                    &db
                };
                eprintln!("{}: {}", entry["id"], show(&corpus, doc, &f));
            }
            None => missing.push(entry["id"].to_string()),
        }
    }
    if !missing.is_empty() {
        for key in corpus.keys() {
            for f in corpus_findings(&corpus, key) {
                eprintln!("{}", show(&corpus, key, &f));
            }
        }
    }
    assert!(missing.is_empty(), "not flagged: {missing:?}");
}

#[test]
fn seeds_stretch_contested_claim_is_information() {
    let (corpus, gold) = seeds_corpus();
    for entry in gold["stretch"].as_array().expect("stretch") {
        let ((da, sa), (db, sb)) = pair(entry);
        let f = flagged(&corpus, "contested-claim", (&da, &sa), (&db, &sb)).expect("S1 flagged");
        assert_eq!(f.severity, Severity::Information);
    }
}

#[test]
fn seeds_must_not_flag_pairs_are_not_flagged_against_each_other() {
    // A `must_not_flag` entry lists spans that agree (or differ in scope):
    // no warning or error on one of them may point at another.
    let (corpus, gold) = seeds_corpus();
    let mut violations = Vec::new();
    for entry in gold["must_not_flag"].as_array().expect("must_not_flag") {
        let spans: Vec<(String, dateline::engine::Span)> = entry["spans"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| {
                let (doc, surface) = (s[0].as_str().unwrap_or(""), s[1].as_str().unwrap_or(""));
                let places = corpus
                    .get(doc)
                    .map(|a| occurrences(&a.text, surface))
                    .unwrap_or_default();
                assert!(!places.is_empty(), "{doc}: {surface:?} not in the text");
                places.into_iter().map(move |p| (doc.to_string(), p))
            })
            .collect();
        for (doc, place) in &spans {
            for f in corpus.findings(doc) {
                let on_span = place.overlaps(f.span);
                let at_partner = f.related.iter().any(|r| {
                    spans
                        .iter()
                        .any(|(d, p)| (d, p) != (doc, place) && *d == r.doc && p.overlaps(r.span))
                });
                if f.severity >= Severity::Warning && on_span && at_partner {
                    violations.push(format!("{}: {}", entry["id"], show(&corpus, doc, &f)));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn seeds_have_no_warning_beyond_the_gold() {
    // Precision: every corpus finding at warning level is one the gold lists.
    let (corpus, gold) = seeds_corpus();
    let expected: Vec<(String, String)> = gold["contradictions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| {
            let ((da, sa), (db, sb)) = pair(e);
            [(da, sa), (db, sb)]
        })
        .collect();
    let mut extra = Vec::new();
    for key in corpus.keys() {
        for f in corpus_findings(&corpus, key) {
            let text = text_of(&corpus, key, &f);
            let listed = expected
                .iter()
                .any(|(d, s)| d == key && (s.contains(text) || text.contains(s.as_str())));
            if f.severity >= Severity::Warning && !listed {
                extra.push(show(&corpus, key, &f));
            }
        }
    }
    assert!(extra.is_empty(), "{extra:#?}");
}

#[test]
fn seeds_findings_listing() {
    // Prints every corpus finding (run with --nocapture to review).
    let (corpus, _) = seeds_corpus();
    let mut n = 0;
    for key in corpus.keys() {
        for f in corpus_findings(&corpus, key) {
            eprintln!("{}", show(&corpus, key, &f));
            n += 1;
        }
    }
    assert!(n >= 5);
}

#[test]
fn seeds_claims_listing() {
    // Prints every claim (set DATELINE_DUMP_CLAIMS to review).
    let (corpus, _) = seeds_corpus();
    let mut quantities = 0;
    for key in corpus.keys() {
        let a = corpus.get(key).expect("doc");
        for c in &a.claims {
            if std::env::var_os("DATELINE_DUMP_CLAIMS").is_some() {
                eprintln!("{key} {} {:?}", c.key, c.span.text(&a.text));
            }
            quantities += usize::from(c.quantity().is_some());
        }
    }
    assert!(quantities >= 5);
}

#[test]
fn seeds_scale_to_a_larger_corpus() {
    // 20 copies of the seeds (100 articles) give 20 times the findings of
    // one copy: resolution is by name, not by article, and the memo makes
    // every article's findings cheap after the first.
    let (seeds, _) = seeds_corpus();
    let single: usize = seeds.keys().map(|k| corpus_findings(&seeds, k).len()).sum();
    let mut corpus = Corpus::new(seeds.options().clone());
    let start = std::time::Instant::now();
    for copy in 0..20 {
        for key in seeds.keys() {
            corpus.insert_analysis(
                &format!("{copy}/{key}"),
                seeds.get(key).expect("doc").clone(),
            );
        }
    }
    let built = start.elapsed();
    let keys: Vec<String> = corpus.keys().map(String::from).collect();
    let n: usize = keys.iter().map(|k| corpus_findings(&corpus, k).len()).sum();
    eprintln!(
        "100 articles: built in {built:?}, all findings in {:?} ({n} findings)",
        start.elapsed()
    );
    assert_eq!(n, 20 * single);
}
