//! LSP position ↔ byte offset conversion in both encodings: the hard
//! characters of news text, line breaks of every kind, clamping, snapping,
//! and round trips on arbitrary Unicode.

use dateline::engine::Span;
use dateline::lsp::position::{rope_char, rope_position, Encoding, LineIndex};
use proptest::prelude::*;
use ropey::Rope;
use tower_lsp_server::ls_types::Position;

const BOTH: [Encoding; 2] = [Encoding::Utf8, Encoding::Utf16];

fn pos(line: u32, character: u32) -> Position {
    Position::new(line, character)
}

/// (line, character).
type LineCol = (u32, u32);

/// (text, byte offset, expected position in UTF-8, expected in UTF-16).
const CASES: &[(&str, usize, LineCol, LineCol)] = &[
    // é is 2 bytes, 1 UTF-16 unit.
    ("café au lait", 5, (0, 5), (0, 4)),
    // Curly quotes from the seeds: 3 bytes, 1 unit each.
    ("“Putin” said", 8, (0, 8), (0, 6)),
    ("“Putin” said", 3, (0, 3), (0, 1)),
    // An emoji: 4 bytes, 2 UTF-16 units (a surrogate pair).
    ("a😀b", 5, (0, 5), (0, 3)),
    // CJK: 3 bytes, 1 unit.
    ("漢字です", 6, (0, 6), (0, 2)),
    // A combining acute accent is its own char: 2 bytes, 1 unit.
    ("e\u{301}x", 3, (0, 3), (0, 2)),
    // CRLF is one line break.
    ("ab\r\ncd", 4, (1, 0), (1, 0)),
    ("ab\r\ncd", 5, (1, 1), (1, 1)),
    // A lone CR is a line break too.
    ("ab\rcd", 3, (1, 0), (1, 0)),
    ("é\rü\n😀", 5, (1, 2), (1, 1)),
    ("é\rü\n😀", 10, (2, 4), (2, 2)),
    // Past the end clamps to the end.
    ("ab\ncd", 99, (1, 2), (1, 2)),
    // Inside a multi-byte char snaps back to its start.
    ("a😀b", 3, (0, 1), (0, 1)),
    // Inside a CRLF pair stays at the end of the line.
    ("ab\r\ncd", 3, (0, 2), (0, 2)),
];

#[test]
fn offsets_to_positions_in_both_encodings() {
    for &(text, offset, utf8, utf16) in CASES {
        for (enc, (line, character)) in [(Encoding::Utf8, utf8), (Encoding::Utf16, utf16)] {
            let index = LineIndex::new(text, enc);
            assert_eq!(
                index.position(offset),
                pos(line, character),
                "{text:?} @{offset} {enc:?}"
            );
        }
    }
}

#[test]
fn positions_to_offsets_snap_and_clamp() {
    let text = "a😀b\r\n“x”\rlast";
    let index = LineIndex::new(text, Encoding::Utf16);
    assert_eq!(index.offset(pos(0, 1)), 1);
    assert_eq!(
        index.offset(pos(0, 2)),
        1,
        "inside the surrogate pair: back to the emoji's start"
    );
    assert_eq!(index.offset(pos(0, 3)), 5);
    assert_eq!(
        index.offset(pos(0, 40)),
        6,
        "past the line end: the line end, not the CRLF"
    );
    assert_eq!(index.offset(pos(1, 1)), 11);
    assert_eq!(index.offset(pos(2, 0)), 16);
    assert_eq!(
        index.offset(pos(9, 9)),
        text.len(),
        "past the last line: the end"
    );
    let index = LineIndex::new(text, Encoding::Utf8);
    assert_eq!(
        index.offset(pos(0, 3)),
        1,
        "inside the emoji's bytes: back to its start"
    );
    assert_eq!(index.offset(pos(1, 3)), 11);
    assert_eq!(
        index.offset(pos(1, 5)),
        12,
        "inside the closing quote: back to its start"
    );
    assert_eq!(index.offset(pos(u32::MAX, u32::MAX)), text.len());
}

#[test]
fn spans_and_ranges_round_trip() {
    let text = "“Zelenskiy” met e\u{301}lus 漢字 😀\r\nin Kyiv";
    for enc in BOTH {
        let index = LineIndex::new(text, enc);
        let span = Span::new(3, 12);
        assert_eq!(index.span(index.range(span)), span);
        let all = Span::new(0, text.len());
        assert_eq!(index.span(index.range(all)), all);
    }
}

#[test]
fn empty_text_and_trailing_breaks() {
    for enc in BOTH {
        let index = LineIndex::new("", enc);
        assert_eq!(index.position(0), pos(0, 0));
        assert_eq!(index.offset(pos(3, 3)), 0);
        let index = LineIndex::new("a\n", enc);
        assert_eq!(index.line_count(), 2);
        assert_eq!(index.position(2), pos(1, 0));
        let index = LineIndex::new("a\r", enc);
        assert_eq!(index.position(2), pos(1, 0));
    }
}

#[test]
fn rope_positions_match_the_index() {
    let text = "“Putin”\r\ncafé 😀\rCJK 漢字\ne\u{301}";
    let rope = Rope::from_str(text);
    for enc in BOTH {
        let index = LineIndex::new(text, enc);
        for (char_idx, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(
                rope_position(&rope, char_idx, enc),
                index.position(byte),
                "{enc:?} char {char_idx}"
            );
        }
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    // Mostly the characters that matter here, plus any Unicode at all.
    let pieces = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("é".to_string()),
        Just("😀".to_string()),
        Just("“”".to_string()),
        Just("e\u{301}".to_string()),
        "[a-z ]{0,4}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn every_char_boundary_round_trips(text in text_strategy()) {
        let rope = Rope::from_str(&text);
        for enc in BOTH {
            let index = LineIndex::new(&text, enc);
            for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let p = index.position(byte);
                let back = index.offset(p);
                // Offsets inside a CRLF pair map to the line end; every other
                // char boundary comes back exactly.
                let in_crlf = byte > 0 && text.as_bytes()[byte - 1] == b'\r' && text.as_bytes().get(byte) == Some(&b'\n');
                if in_crlf {
                    prop_assert_eq!(back, byte - 1);
                } else {
                    prop_assert_eq!(back, byte, "{:?} {:?} {:?}", enc, p, text);
                }
                prop_assert_eq!(rope.char_to_byte(rope_char(&rope, p, enc)), back);
            }
        }
    }

    #[test]
    fn any_position_is_safe_and_on_a_boundary(text in text_strategy(), line in 0u32..50, character in 0u32..80) {
        let rope = Rope::from_str(&text);
        for enc in BOTH {
            let index = LineIndex::new(&text, enc);
            let offset = index.offset(pos(line, character));
            prop_assert!(text.is_char_boundary(offset));
            prop_assert_eq!(rope.char_to_byte(rope_char(&rope, pos(line, character), enc)), offset);
            let p = index.position(offset);
            prop_assert_eq!(index.offset(p), offset);
        }
    }

    #[test]
    fn any_offset_is_safe(text in text_strategy(), offset in 0usize..400) {
        for enc in BOTH {
            let index = LineIndex::new(&text, enc);
            let p = index.position(offset);
            prop_assert!((p.line as usize) < index.line_count());
            prop_assert!(text.is_char_boundary(index.offset(p)));
        }
    }
}
