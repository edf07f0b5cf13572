//! Editor views of times on a seed: inlay hints, hover, semantic tokens.

use dateline::engine::ide::{inlay_hints, semantic_tokens, TokenClass};
use dateline::engine::{analyze, AnalysisOptions, Span};

fn seed(name: &str) -> String {
    std::fs::read_to_string(format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"))).expect("seed")
}

#[test]
fn seed_004_hints_resolve_relative_dates() {
    let text = seed("004_5276c77493c331da.txt");
    let a = analyze(&text, &AnalysisOptions::default());
    let hints = inlay_hints(&a, Span::new(0, text.len()));
    let label_after = |surface: &str| {
        let at = text.find(surface).expect("surface") + surface.len();
        hints
            .iter()
            .find(|h| h.offset == at)
            .map(|h| h.label.clone())
    };
    assert_eq!(
        label_after("late last month").as_deref(),
        Some("Sep 2020 (late)")
    );
    assert_eq!(label_after("this week").as_deref(), Some("2020-W41"));
    assert_eq!(
        label_after("earlier in the day").as_deref(),
        Some("Fri 9 Oct 2020")
    );
    assert_eq!(label_after("tomorrow").as_deref(), Some("Sat 10 Oct 2020"));
    // Absolute dates need no hint.
    assert_eq!(label_after("October 8, 2020"), None);
    assert_eq!(label_after("1994"), None);
}

#[test]
fn seed_001_semantic_tokens_cover_times_in_order() {
    let text = seed("001_406014d11440a5bc.txt");
    let a = analyze(&text, &AnalysisOptions::default());
    let tokens = semantic_tokens(&a);
    assert!(
        tokens.windows(2).all(|w| w[0].span.end <= w[1].span.start),
        "sorted, disjoint"
    );
    let class_of = |surface: &str| {
        let at = text.find(surface).expect("surface");
        tokens.iter().find(|t| t.span.start == at).map(|t| t.class)
    };
    assert_eq!(class_of("nearly two weeks"), Some(TokenClass::Duration));
    assert_eq!(class_of("Friday afternoon"), Some(TokenClass::Time));
    assert_eq!(class_of("Sept. 27"), Some(TokenClass::Date));
}
