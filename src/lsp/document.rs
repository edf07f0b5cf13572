//! An open editor buffer: its text as a rope, kept in sync by incremental
//! edits, and the version the client gave it.

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{rope_char, Encoding};

/// One document open in the editor.
#[derive(Debug, Clone)]
pub struct Document {
    /// The URI exactly as the client sent it (diagnostics go back to it).
    pub uri: Uri,
    pub version: i32,
    pub rope: Rope,
    /// The version the corpus analysis reflects, if any yet.
    pub analyzed: Option<i32>,
    /// A version whose analysis panicked, and the panic's message: requests
    /// do not retry it but answer with an error saying so.
    pub failed: Option<(i32, String)>,
    /// Where (char index) the last change began, so a failed analysis can
    /// be logged with the text the user was editing.
    pub last_edit: Option<usize>,
    /// Why the current text is not analysed (larger than `max_file_bytes`).
    pub skipped: Option<String>,
}

/// Chars either side of a position in a logged excerpt.
const EXCERPT_RADIUS: usize = 120;

/// A change that was not applied because its version is not newer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("change to version {got} ignored: the document is already at version {have}")]
pub struct StaleChange {
    pub have: i32,
    pub got: i32,
}

impl Document {
    /// A freshly opened document.
    pub fn new(uri: Uri, version: i32, text: &str) -> Self {
        Document {
            uri,
            version,
            rope: Rope::from_str(text),
            analyzed: None,
            failed: None,
            last_edit: None,
            skipped: None,
        }
    }

    /// Applies the changes of one `didChange`, in order, and moves to
    /// `version`; refuses versions that are not newer than the current one.
    pub fn apply_changes(
        &mut self,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> Result<(), StaleChange> {
        if version <= self.version {
            return Err(StaleChange {
                have: self.version,
                got: version,
            });
        }
        for change in changes {
            self.apply_change(change, encoding);
        }
        self.version = version;
        Ok(())
    }

    /// The whole text.
    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// True when the corpus holds the analysis of the current text.
    pub fn is_analyzed(&self) -> bool {
        self.analyzed == Some(self.version)
    }

    /// The message of the panic that stopped the analysis of the current
    /// version, if it did.
    pub fn failure(&self) -> Option<&str> {
        match &self.failed {
            Some((v, message)) if *v == self.version => Some(message),
            _ => None,
        }
    }

    /// At most [`EXCERPT_RADIUS`] chars either side of char index `at`
    /// (clamped), for logs: bounded whatever the document's size.
    pub fn excerpt(&self, at: usize) -> String {
        let len = self.rope.len_chars();
        let at = at.min(len);
        let start = at.saturating_sub(EXCERPT_RADIUS);
        let end = at.saturating_add(EXCERPT_RADIUS).min(len);
        self.rope.slice(start..end).to_string()
    }

    fn apply_change(&mut self, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
        let Some(range) = change.range else {
            self.rope = Rope::from_str(&change.text);
            self.last_edit = Some(0);
            return;
        };
        let a = rope_char(&self.rope, range.start, encoding);
        let b = rope_char(&self.rope, range.end, encoding);
        let (start, end) = (a.min(b), a.max(b));
        self.rope.remove(start..end);
        self.rope.insert(start, &change.text);
        self.last_edit = Some(start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    fn doc(text: &str) -> Document {
        Document::new("file:///a.txt".parse().unwrap(), 1, text)
    }

    #[test]
    fn edits_apply_in_order_in_utf16() {
        let mut d = doc("“Putin” said\r\nnothing");
        let changes = [
            edit(0, 1, 0, 6, "Biden"),
            edit(1, 0, 1, 7, "much"),
            edit(0, 0, 0, 0, ">"),
        ];
        d.apply_changes(2, &changes, Encoding::Utf16).unwrap();
        assert_eq!(d.text(), ">“Biden” said\r\nmuch");
        assert_eq!(d.version, 2);
    }

    #[test]
    fn utf8_columns_count_bytes() {
        let mut d = doc("café au lait");
        // "é" is 2 bytes: column 5 is the space after it.
        d.apply_changes(2, &[edit(0, 5, 0, 5, "!")], Encoding::Utf8)
            .unwrap();
        assert_eq!(d.text(), "café! au lait");
    }

    #[test]
    fn stale_versions_are_refused() {
        let mut d = doc("abc");
        assert_eq!(
            d.apply_changes(1, &[edit(0, 0, 0, 0, "x")], Encoding::Utf16),
            Err(StaleChange { have: 1, got: 1 })
        );
        assert_eq!(d.text(), "abc");
    }

    #[test]
    fn out_of_range_edits_clamp() {
        let mut d = doc("ab\ncd");
        d.apply_changes(2, &[edit(9, 9, 12, 0, "!")], Encoding::Utf16)
            .unwrap();
        assert_eq!(d.text(), "ab\ncd!");
        d.apply_changes(3, &[edit(0, 99, 1, 1, "")], Encoding::Utf16)
            .unwrap();
        assert_eq!(d.text(), "abd!");
    }

    #[test]
    fn excerpts_are_bounded_and_follow_the_last_edit() {
        let mut d = doc(&"é".repeat(10_000));
        d.apply_changes(2, &[edit(0, 5000, 0, 5000, "HERE")], Encoding::Utf8)
            .unwrap();
        let at = d.last_edit.unwrap();
        assert_eq!(at, 2500, "a char index (é is 2 bytes)");
        let excerpt = d.excerpt(at);
        assert_eq!(excerpt.chars().count(), 2 * EXCERPT_RADIUS);
        assert!(excerpt.contains("HERE"));
        assert_eq!(d.excerpt(usize::MAX).chars().count(), EXCERPT_RADIUS);
    }
}
