//! Property tests: on arbitrary text (real-looking news tokens mixed with
//! hostile Unicode, CR/CRLF, markup, huge numbers) the engine never panics,
//! `Article::clean` keeps the text's shape, and every span lies inside the
//! text on char boundaries.
//!
//! 256 cases per property by default (a few seconds); more with
//! `PROPTEST_CASES=10000 cargo test --release --test properties`.

use dateline::engine::article::parse_article;
use dateline::engine::config::{Config, NumericDateOrder};
use dateline::engine::{analyze, ide, AnalysisOptions, Corpus};
use proptest::prelude::*;
use serde_json::Value;

/// Tokens news text and its page furniture are made of.
const TOKENS: &[&str] = &[
    "January",
    "March",
    "Sept.",
    "October",
    "December",
    "Thursday",
    "Monday",
    "yesterday",
    "last month",
    "next week",
    "ago",
    "years",
    "2020",
    "2020-10-08",
    "16/03/2024",
    "09:40",
    "1990s",
    "30,000",
    "2.5",
    "99999999999",
    "0",
    "By",
    "for AFP",
    "Posted:",
    "Original url:",
    "https://example.com/2020/10/09/story",
    "DON'T MISS",
    "UP NEXT",
    "Share",
    "Embed:",
    "With reporting by",
    "BAKU",
    "YEREVAN --",
    " date ",
    "Nikol Pashinyan",
    "Azerbaijan",
    "U.S.",
    "Mr.",
    "said",
    "the",
    "of",
    "“",
    "”",
    "\"",
    "'",
    "—",
    "-",
    "(",
    ")",
    ".",
    ",",
    ":",
    "**",
    "*",
    "_",
    "<u>",
    "</u>",
    "<b>",
    "![alt](x)",
    "[link](http://x)",
    "&amp;",
    "&nbsp;",
    "#",
    "##",
    "---",
    ">",
    "|",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    " ",
    "  ",
    "é",
    "漢字",
    "😀",
    "\u{200b}",
    "\u{feff}",
    "\u{301}",
    "\u{2028}",
    "ß",
    "İ",
    "\0",
];

/// Text built from news tokens, arbitrary strings and single chars.
fn news_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(TOKENS).prop_map(str::to_string),
        2 => "[A-Z][a-z]{1,9}",
        2 => "[0-9]{1,12}",
        1 => any::<String>(),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(
        (piece, proptest::sample::select(&[" ", "", "\n", ", "][..])),
        0..120,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(a, b)| [a, b.to_string()])
            .collect()
    })
}

/// Each char of `text` is kept or blanked whole to ASCII spaces; line breaks
/// are kept; the length is the same.
fn assert_clean_shape(text: &str, clean: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(clean.len(), text.len());
    for (i, c) in text.char_indices() {
        let got = clean.get(i..i + c.len_utf8());
        prop_assert!(got.is_some(), "clean not on the char boundary at {}", i);
        let got = got.unwrap_or_default();
        let kept = got.starts_with(c);
        prop_assert!(
            kept || got.bytes().all(|b| b == b' '),
            "char {:?} at {} became {:?}",
            c,
            i,
            got
        );
        if c == '\n' || c == '\r' {
            prop_assert!(kept, "line break at {} blanked", i);
        }
    }
    Ok(())
}

/// Every `{start, end}` under a key naming a span, anywhere in `value`, lies
/// inside `text` on char boundaries. Finding spans generically keeps the
/// check valid as later pipeline stages add fields.
fn assert_spans(text: &str, value: &Value, path: &str) -> Result<(), TestCaseError> {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = format!("{path}.{key}");
                if key == "span" || key.ends_with("_span") || key == "body" || key == "replace" {
                    if let (Some(s), Some(e)) = (
                        v.get("start").and_then(Value::as_u64),
                        v.get("end").and_then(Value::as_u64),
                    ) {
                        let (s, e) = (s as usize, e as usize);
                        prop_assert!(s <= e && e <= text.len(), "{}: {}..{}", here, s, e);
                        prop_assert!(
                            text.is_char_boundary(s) && text.is_char_boundary(e),
                            "{}: {}..{} off char boundaries",
                            here,
                            s,
                            e
                        );
                    }
                }
                assert_spans(text, v, &here)?;
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                assert_spans(text, v, &format!("{path}[{i}]"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn config() -> ProptestConfig {
    // `PROPTEST_CASES` in the environment overrides this default.
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn clean_keeps_length_and_only_blanks(text in news_text()) {
        let article = parse_article(&text);
        assert_clean_shape(&text, &article.clean)?;
        let value = serde_json::to_value(&article).unwrap();
        assert_spans(&text, &value, "article")?;
    }

    #[test]
    fn clean_shape_holds_on_any_unicode(text in any::<String>()) {
        assert_clean_shape(&text, &parse_article(&text).clean)?;
    }

    #[test]
    fn analysis_spans_are_inside_the_text_on_char_boundaries(
        text in news_text(),
        date in proptest::option::of((-300_000i32..300_000, 1u32..=12, 1u32..=28)),
        month_first in any::<bool>(),
    ) {
        let mut options = AnalysisOptions {
            publication_date: date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
            config: Config::default(),
        };
        if month_first {
            options.config.time.numeric_dates = NumericDateOrder::MonthFirst;
        }
        let analysis = analyze(&text, &options);
        prop_assert_eq!(&analysis.text, &text);
        assert_clean_shape(&text, &analysis.article.clean)?;
        let value = serde_json::to_value(&analysis).unwrap();
        assert_spans(&text, &value, "analysis")?;
        let ide = serde_json::json!({
            "symbols": ide::document_symbols(&analysis),
            "folds": ide::folding_ranges(&analysis),
        });
        assert_spans(&text, &ide, "ide")?;
    }

    #[test]
    fn queries_at_any_offset_do_not_panic(text in news_text(), offsets in proptest::collection::vec(any::<usize>(), 1..8)) {
        let mut corpus = Corpus::new(AnalysisOptions::default());
        corpus.upsert("a.txt", &text);
        for offset in offsets {
            let offset = offset % (text.len() + 2);
            if let Some(hover) = ide::hover(&corpus, "a.txt", offset) {
                let value = serde_json::to_value(&hover).unwrap();
                assert_spans(&text, &value, "hover")?;
            }
        }
        for finding in corpus.findings("a.txt") {
            let value = serde_json::to_value(&finding).unwrap();
            assert_spans(&text, &value, "finding")?;
        }
    }

    #[test]
    fn config_parse_never_panics(text in "(\\[[a-z]{1,10}\\]\n|[a-z_-]{1,12} = (\"[a-z*/.]{0,10}\"|[0-9]{1,25}|true|\\[\\])\n|\\[\\[entity\\]\\]\n|.{0,12}\n){0,12}") {
        if let Err(e) = Config::parse(&text) {
            if let Some(span) = e.span {
                prop_assert!(span.start <= span.end && span.end <= text.len());
            }
        }
    }
}
