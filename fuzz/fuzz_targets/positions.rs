//! Position conversion in UTF-8 and UTF-16: offset → position → offset round
//! trips on every char boundary (but the middle of a CRLF), arbitrary
//! positions clamp without panic to the reference model's offset, and the
//! rope conversions used for open buffers agree with the line index.
#![no_main]

use arbitrary::Arbitrary;
use dateline::lsp::position::{rope_char, rope_position, Encoding, LineIndex};
use libfuzzer_sys::fuzz_target;
use ropey::Rope;
use tower_lsp_server::ls_types::Position;

#[derive(Debug, Arbitrary)]
struct Input {
    text: String,
    positions: Vec<(u32, u32)>,
}

fuzz_target!(|input: Input| {
    let text = &input.text;
    let rope = Rope::from_str(text);
    for (encoding, utf16) in [(Encoding::Utf8, false), (Encoding::Utf16, true)] {
        let index = LineIndex::new(text, encoding);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]).take(4096) {
            let mid_crlf = offset > 0
                && text.as_bytes()[offset - 1] == b'\r'
                && text.as_bytes().get(offset) == Some(&b'\n');
            let p = index.position(offset);
            if !mid_crlf {
                assert_eq!(index.offset(p), offset, "{encoding:?} offset {offset} via {p:?}");
                let ch = rope.byte_to_char(offset);
                assert_eq!(rope_position(&rope, ch, encoding), p, "{encoding:?} rope {ch}");
                assert_eq!(rope_char(&rope, p, encoding), ch, "{encoding:?} rope {p:?}");
            }
        }
        // Offsets anywhere, even inside a char or past the end.
        for &(a, _) in input.positions.iter().take(64) {
            let p = index.position(a as usize);
            let _ = index.offset(p);
        }
        for &(line, character) in input.positions.iter().take(64) {
            for (line, character) in [(line, character), (line % 8, character % 64)] {
                let p = Position::new(line, character);
                let offset = index.offset(p);
                assert_eq!(
                    offset,
                    dateline_fuzz::model_offset(text, line, character, utf16),
                    "{encoding:?} {p:?}"
                );
                assert!(text.is_char_boundary(offset));
                let ch = rope_char(&rope, p, encoding);
                assert_eq!(rope.char_to_byte(ch), offset, "{encoding:?} rope {p:?}");
                let _ = rope_position(&rope, line as usize, encoding);
            }
        }
    }
});
