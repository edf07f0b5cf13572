//! Invariant checks shared by the fuzz targets: what must hold for any input
//! besides "does not panic".

use dateline::engine::Analysis;
use serde_json::Value;

/// Panics (so libFuzzer records a crash) when an analysis breaks an engine
/// invariant: `clean` as long as the text and differing only in ASCII bytes
/// blanked to spaces, and every span (any field named `span` or ending in
/// `span`, found generically in the serialized analysis so new stages are
/// covered without touching this code) inside the text on char boundaries.
pub fn check_analysis(text: &str, analysis: &Analysis) {
    check_clean(text, &analysis.article.clean);
    assert_eq!(analysis.text, text, "analysis.text is not the input");
    let value = serde_json::to_value(analysis).expect("analysis serializes");
    check_spans(text, &value, "analysis");
}

/// `clean` has the length of `text`, keeps every line break, and each
/// character of `text` is either kept or replaced whole by ASCII spaces.
pub fn check_clean(text: &str, clean: &str) {
    assert_eq!(clean.len(), text.len(), "clean differs in length");
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let Some(got) = clean.get(i..end) else {
            panic!("clean is not on the char boundaries of text at {i}..{end}");
        };
        let kept = got.len() == c.len_utf8() && got.starts_with(c);
        let blanked = got.bytes().all(|b| b == b' ');
        assert!(kept || blanked, "char {c:?} at {i} became {got:?}");
        if c == '\n' || c == '\r' {
            assert!(kept, "line break at {i} was blanked");
        }
    }
}

/// Walks a serialized value and checks every `{start, end}` under a key named
/// like a span.
pub fn check_spans(text: &str, value: &Value, path: &str) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = format!("{path}.{key}");
                if key == "span" || key.ends_with("_span") || key == "body" || key == "replace" {
                    check_span_value(text, v, &here);
                }
                check_spans(text, v, &here);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_spans(text, v, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

fn check_span_value(text: &str, v: &Value, path: &str) {
    let (Some(start), Some(end)) = (
        v.get("start").and_then(Value::as_u64),
        v.get("end").and_then(Value::as_u64),
    ) else {
        return;
    };
    let (start, end) = (start as usize, end as usize);
    assert!(start <= end, "{path}: start {start} > end {end}");
    assert!(end <= text.len(), "{path}: end {end} > len {}", text.len());
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{path}: {start}..{end} not on char boundaries"
    );
}

/// A reference model of LSP positions over a `String`, written independently
/// of `dateline::lsp::position`: lines break at `\n`, `\r\n` and `\r`; a
/// character past the line's end clamps to it; one inside a character that
/// takes several units snaps back to its start; a line past the end clamps to
/// the end of the text.
pub fn model_offset(text: &str, line: u32, character: u32, utf16: bool) -> usize {
    let mut start = 0;
    let mut current = 0u32;
    let bytes = text.as_bytes();
    while current < line {
        match text[start..].find(['\n', '\r']) {
            None => return text.len(),
            Some(i) => {
                let at = start + i;
                start = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    at + 2
                } else {
                    at + 1
                };
                current += 1;
            }
        }
    }
    let end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
    let mut units = 0usize;
    for (i, c) in text[start..end].char_indices() {
        units += if utf16 { c.len_utf16() } else { c.len_utf8() };
        if units > character as usize {
            return start + i;
        }
    }
    end
}

/// One edit of a `didChange`: a range and its replacement, or the whole text.
#[derive(Debug, Clone, arbitrary::Arbitrary)]
pub struct Edit {
    pub start: (u8, u8),
    pub end: (u8, u8),
    pub text: String,
    /// A change without a range replaces the whole document.
    pub whole: bool,
}

/// The model of an edit: byte offsets from `model_offset`, swapped when the
/// end comes first, then replaced in the `String`.
pub fn model_apply(text: &mut String, edit: &Edit, utf16: bool) {
    if edit.whole {
        *text = edit.text.clone();
        return;
    }
    let a = model_offset(text, edit.start.0.into(), edit.start.1.into(), utf16);
    let b = model_offset(text, edit.end.0.into(), edit.end.1.into(), utf16);
    text.replace_range(a.min(b)..a.max(b), &edit.text);
}
