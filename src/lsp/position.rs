//! Every conversion between LSP positions and text offsets, in one place.
//!
//! LSP counts lines split at `\n`, `\r\n` and `\r` only, and characters in
//! the negotiated encoding (UTF-8 bytes or UTF-16 code units). The engine
//! counts UTF-8 bytes from the start of the text; open buffers are ropes
//! counted in chars. Out-of-range lines and characters are clamped (to the
//! end of the text or of the line), and a position inside a character that
//! takes several units snaps back to the start of that character. Nothing
//! here panics on any input.

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::engine::Span;

/// The position encoding agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Characters are UTF-8 bytes (offered by the client in `general.positionEncodings`).
    Utf8,
    /// Characters are UTF-16 code units: the protocol's mandatory default.
    #[default]
    Utf16,
}

impl Encoding {
    /// `utf-8` when the client offers it, else the mandatory `utf-16`.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The kind to declare in the server capabilities.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// How many units `c` takes in this encoding.
    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Line starts of a text, for converting between byte offsets into it and
/// LSP positions (used for analysis texts and files read from disk).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts; the first is always 0.
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str, encoding: Encoding) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        LineIndex {
            text,
            starts,
            encoding,
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The LSP position of byte `offset` (clamped to the text, snapped back to
    /// a char boundary; an offset inside a line break maps to the line's end).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset);
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let end = offset.min(self.content_end(line));
        let character: usize = self
            .text
            .get(start..end)
            .unwrap_or("")
            .chars()
            .map(|c| self.encoding.units(c))
            .sum();
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of an LSP position (clamped and snapped, see module doc).
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self.content_end(line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in self.text.get(start..end).unwrap_or("").char_indices() {
            let next = units + self.encoding.units(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        end
    }

    /// The LSP range of a byte span.
    pub fn range(&self, span: Span) -> Range {
        let start = self.position(span.start);
        let end = self.position(span.end.max(span.start));
        Range::new(start, end)
    }

    /// The byte span of an LSP range (ends before starts are swapped).
    pub fn span(&self, range: Range) -> Span {
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        Span::new(a.min(b), a.max(b))
    }

    /// The length of a span in this index's units (line breaks included).
    pub fn units(&self, span: Span) -> u32 {
        let text = span.text(self.text);
        let n = match self.encoding {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.encode_utf16().count(),
        };
        to_u32(n)
    }

    /// The byte offset where the line break of `line` starts (or the text ends).
    fn content_end(&self, line: usize) -> usize {
        let next = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        if line + 1 >= self.starts.len() {
            return next;
        }
        let bytes = self.text.as_bytes();
        if next >= 2 && bytes.get(next - 2) == Some(&b'\r') && bytes.get(next - 1) == Some(&b'\n') {
            next - 2
        } else {
            next.saturating_sub(1)
        }
    }
}

/// The char index of an LSP position in a rope (for applying edits to open
/// buffers), clamped and snapped like [`LineIndex::offset`].
pub fn rope_char(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start_char = rope.line_to_char(line);
    let slice = rope.line(line);
    let content_chars = slice.len_chars() - line_break_chars(&slice);
    let end_char = start_char + content_chars;
    let wanted = position.character as usize;
    match encoding {
        Encoding::Utf8 => {
            let start = rope.char_to_byte(start_char);
            let end = rope.char_to_byte(end_char);
            rope.byte_to_char(start + wanted.min(end - start))
        }
        Encoding::Utf16 => {
            let start = rope.char_to_utf16_cu(start_char);
            let end = rope.char_to_utf16_cu(end_char);
            rope.utf16_cu_to_char(start + wanted.min(end - start))
        }
    }
}

/// The LSP position of a char index in a rope (clamped to the rope).
pub fn rope_position(rope: &Rope, char_idx: usize, encoding: Encoding) -> Position {
    let char_idx = char_idx.min(rope.len_chars());
    let line = rope.char_to_line(char_idx);
    let start_char = rope.line_to_char(line);
    let slice = rope.line(line);
    let content_end = start_char + slice.len_chars() - line_break_chars(&slice);
    let char_idx = char_idx.min(content_end);
    let character = match encoding {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.char_to_byte(start_char),
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(start_char),
    };
    Position::new(to_u32(line), to_u32(character))
}

/// How many chars at the end of a rope line are its line break.
fn line_break_chars(line: &ropey::RopeSlice<'_>) -> usize {
    let n = line.len_chars();
    match (
        n.checked_sub(2).map(|i| line.char(i)),
        n.checked_sub(1).map(|i| line.char(i)),
    ) {
        (Some('\r'), Some('\n')) => 2,
        (_, Some('\n' | '\r')) => 1,
        _ => 0,
    }
}

/// The largest char boundary of `text` at or before `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn line_breaks_are_lf_crlf_and_lone_cr() {
        let index = LineIndex::new("a\nb\r\nc\rd", Encoding::Utf16);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.offset(pos(3, 0)), 7);
        assert_eq!(index.position(7), pos(3, 0));
        // Inside the CRLF pair: clamps to the end of line 1.
        assert_eq!(index.position(4), pos(1, 1));
        // Past the end of a line: clamps to its end, not into the break.
        assert_eq!(index.offset(pos(1, 9)), 3);
    }

    #[test]
    fn rope_and_index_agree_on_a_mixed_text() {
        let text = "é\r\n😀x\rCJK 漢字\n";
        let rope = Rope::from_str(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let index = LineIndex::new(text, enc);
            for line in 0..5 {
                for character in 0..12 {
                    let p = pos(line, character);
                    let byte = rope.char_to_byte(rope_char(&rope, p, enc));
                    assert_eq!(byte, index.offset(p), "{enc:?} {p:?}");
                }
            }
        }
    }
}
