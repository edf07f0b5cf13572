//! A small held-out evaluation with a floor, so that regressions of the
//! recogniser fail: two GUM test-split news documents and one MEANTIME
//! `corpus_stock` document (none used in training; see data/NOTICE.md).

use std::path::PathBuf;

use dateline::engine::config::Config;
use dateline::eval::entities::{read_docs, score};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/entities")
        .join(name)
}

#[test]
fn gum_news_scores_above_the_floor() {
    let docs = read_docs(&[
        fixture("GUM_news_nasa.conllu"),
        fixture("GUM_news_sensitive.conllu"),
    ])
    .expect("fixtures");
    assert_eq!(docs.len(), 2);
    let s = score(&docs, &Config::default(), false);
    let (p, r, f) = s.micro().exact_prf();
    let (_, _, overlap) = s.micro().overlap_prf();
    eprintln!("GUM news fixture: P {p:.3} R {r:.3} F1 {f:.3} overlap F1 {overlap:.3}");
    assert!(f >= 0.50, "exact-span micro F1 fell to {f:.3}");
    assert!(overlap >= 0.58, "overlap micro F1 fell to {overlap:.3}");
}

#[test]
fn meantime_recall_stays_above_the_floor() {
    let docs = read_docs(&[fixture(
        "96770_World_stocks_plunge_on_fears_on_US_recession.xml",
    )])
    .expect("fixture");
    let s = score(&docs, &Config::default(), true);
    let (_, r, _) = s.micro().overlap_prf();
    eprintln!(
        "MEANTIME fixture: overlap recall {r:.3} of {} gold",
        s.micro().gold
    );
    assert!(s.micro().gold >= 5);
    assert!(r >= 0.9, "overlap recall fell to {r:.3}");
}
