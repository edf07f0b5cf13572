//! Words of one sentence with absolute byte spans: what the claim extractors
//! pattern-match on (lower-cased, with punctuation kept as tokens so clause
//! boundaries stay visible).

use serde::Serialize;

use crate::engine::span::Span;

/// What a word is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WordKind {
    Alpha,
    Number,
    Punct,
}

/// One word or punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    pub span: Span,
    /// Lower-cased text, curly apostrophes straightened.
    pub lower: String,
    pub kind: WordKind,
    /// True when it starts with an upper-case letter.
    pub capital: bool,
}

/// Splits `text` (starting at byte `base` of the article) into words.
pub fn tokenize(text: &str, base: usize) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let ch = chars[j].1;
                let inner = matches!(ch, '-' | '\'' | '’' | '.' | ',' | ':')
                    && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric())
                    && joins(chars[j - 1].1, ch, chars[j + 1].1);
                if ch.is_alphanumeric() || inner {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
            let raw = text.get(start..end).unwrap_or("");
            let kind = if raw.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                WordKind::Number
            } else {
                WordKind::Alpha
            };
            out.push(Word {
                span: Span::new(base + start, base + end),
                lower: lower(raw),
                kind,
                capital: c.is_uppercase(),
            });
            i = j;
        } else {
            let end = chars.get(i + 1).map_or(text.len(), |&(p, _)| p);
            out.push(Word {
                span: Span::new(base + start, base + end),
                lower: c.to_string(),
                kind: WordKind::Punct,
                capital: false,
            });
            i += 1;
        }
    }
    out
}

/// Lower-cased text with curly apostrophes straightened, in one allocation
/// for the usual ASCII word (this runs for every word of every article).
fn lower(raw: &str) -> String {
    if raw.is_ascii() {
        raw.to_ascii_lowercase()
    } else {
        raw.to_lowercase().replace('’', "'")
    }
}

/// Whether `mid` between `before` and `after` stays inside one word:
/// hyphens and apostrophes between letters, `,` `.` `:` between digits.
fn joins(before: char, mid: char, after: char) -> bool {
    match mid {
        '-' | '\'' | '’' => before.is_alphanumeric() && after.is_alphanumeric(),
        _ => before.is_ascii_digit() && after.is_ascii_digit(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_names_and_punctuation() {
        let words = tokenize("Some 30,000 Nagorno-Karabakh troops, it's 1.5.", 10);
        let lows: Vec<&str> = words.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(
            lows,
            [
                "some",
                "30,000",
                "nagorno-karabakh",
                "troops",
                ",",
                "it's",
                "1.5",
                "."
            ]
        );
        assert_eq!(words[1].kind, WordKind::Number);
        assert_eq!(words[1].span, Span::new(15, 21));
        assert!(words[2].capital);
    }
}
