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
use dateline::lsp::document::Document;
use dateline::lsp::position::{rope_char, rope_position, Encoding, LineIndex};
use proptest::prelude::*;
use ropey::Rope;
use serde_json::Value;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

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

/// Reference model of LSP positions over a `String`, independent of
/// `lsp::position`: lines break at `\n`, `\r\n`, `\r`; characters past a
/// line's end clamp to it; inside a multi-unit char snap back to its start;
/// lines past the end clamp to the end of the text.
fn model_offset(text: &str, line: u32, character: u32, utf16: bool) -> usize {
    let bytes = text.as_bytes();
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find(['\n', '\r']) {
            None => return text.len(),
            Some(i) => {
                let at = start + i;
                let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
                start = at + if crlf { 2 } else { 1 };
            }
        }
    }
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let mut units = 0usize;
    for (i, c) in text[start..end].char_indices() {
        units += if utf16 { c.len_utf16() } else { c.len_utf8() };
        if units > character as usize {
            return start + i;
        }
    }
    end
}

/// Text made for position tests: line breaks of every kind and chars of 1-4
/// UTF-8 bytes and 1-2 UTF-16 units.
fn lines_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(&["a", "Z", " ", "\n", "\r\n", "\r", "é", "—", "漢", "😀", "\u{301}", "\t"][..]).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// An edit as (start line, start char, end line, end char, text, whole).
fn edit() -> impl Strategy<Value = (u32, u32, u32, u32, String, bool)> {
    (
        0u32..8,
        0u32..12,
        0u32..8,
        0u32..12,
        lines_text(),
        proptest::bool::weighted(0.05),
    )
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

    #[test]
    fn positions_round_trip_in_every_encoding(text in lines_text(), probes in proptest::collection::vec((0u32..10, 0u32..40), 0..16)) {
        let rope = Rope::from_str(&text);
        for (encoding, utf16) in [(Encoding::Utf8, false), (Encoding::Utf16, true)] {
            let index = LineIndex::new(&text, encoding);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let mid_crlf = offset > 0
                    && text.as_bytes()[offset - 1] == b'\r'
                    && text.as_bytes().get(offset) == Some(&b'\n');
                if mid_crlf {
                    continue;
                }
                let p = index.position(offset);
                prop_assert_eq!(index.offset(p), offset, "{:?} via {:?}", encoding, p);
                let ch = rope.byte_to_char(offset);
                prop_assert_eq!(rope_position(&rope, ch, encoding), p);
                prop_assert_eq!(rope_char(&rope, p, encoding), ch);
            }
            for &(line, character) in &probes {
                let p = Position::new(line, character);
                let offset = index.offset(p);
                prop_assert_eq!(offset, model_offset(&text, line, character, utf16), "{:?} {:?}", encoding, p);
                prop_assert_eq!(rope.char_to_byte(rope_char(&rope, p, encoding)), offset);
            }
            // Hostile positions clamp without panicking.
            for p in [Position::new(u32::MAX, u32::MAX), Position::new(0, u32::MAX), Position::new(u32::MAX, 0)] {
                prop_assert!(index.offset(p) <= text.len());
                prop_assert!(rope_char(&rope, p, encoding) <= rope.len_chars());
            }
            let _ = index.position(usize::MAX);
            let _ = rope_position(&rope, usize::MAX, encoding);
        }
    }

    #[test]
    fn incremental_edits_on_the_rope_equal_edits_on_a_string(
        text in lines_text(),
        utf16 in any::<bool>(),
        batches in proptest::collection::vec(proptest::collection::vec(edit(), 1..4), 0..12),
    ) {
        let encoding = if utf16 { Encoding::Utf16 } else { Encoding::Utf8 };
        let mut doc = Document::new("file:///p.txt".parse().unwrap(), 0, &text);
        let mut model = text.clone();
        for (version, batch) in (1..).zip(&batches) {
            let changes: Vec<TextDocumentContentChangeEvent> = batch
                .iter()
                .map(|(l0, c0, l1, c1, t, whole)| TextDocumentContentChangeEvent {
                    range: (!whole).then(|| Range::new(Position::new(*l0, *c0), Position::new(*l1, *c1))),
                    range_length: None,
                    text: t.clone(),
                })
                .collect();
            prop_assert!(doc.apply_changes(version, &changes, encoding).is_ok());
            for (l0, c0, l1, c1, t, whole) in batch {
                if *whole {
                    model = t.clone();
                } else {
                    let a = model_offset(&model, *l0, *c0, utf16);
                    let b = model_offset(&model, *l1, *c1, utf16);
                    model.replace_range(a.min(b)..a.max(b), t);
                }
            }
            prop_assert_eq!(doc.text(), model.clone());
            // A repeated version is refused and changes nothing.
            prop_assert!(doc.apply_changes(version, &changes, encoding).is_err());
            prop_assert_eq!(doc.text(), model.clone());
        }
    }
}
