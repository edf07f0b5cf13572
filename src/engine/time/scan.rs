//! The tagger's own light tokenisation of one paragraph: words, numbers and
//! punctuation with byte offsets into the file, each with its ASCII
//! lower-cased form borrowed from one lowered copy of the paragraph, so the
//! lexicon matches without allocating per token.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with inner apostrophes (`it's`, `Macron’s`).
    Word,
    /// Digits, with inner `:` `,` `.` between digits and an alphabetic
    /// suffix (`08:30`, `30,000`, `2.5`, `1990s`, `29th`, `4pm`).
    Num,
    /// Anything else, one character each.
    Punct,
}

/// One token of a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub text: &'a str,
    /// Byte offsets into the file.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    lc: &'a str,
}

impl<'a> Tok<'a> {
    /// The token in ASCII lower case.
    pub fn lc(&self) -> &'a str {
        self.lc
    }

    /// True for a word starting with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// True for the one-character punctuation `c`.
    pub fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c) && self.text.len() == c.len_utf8()
    }

    /// The digits of a number token and its alphabetic suffix (`1990s` →
    /// (`1990`, `s`)); `None` for other tokens.
    pub fn num_parts(&self) -> Option<(&'a str, &'a str)> {
        if self.kind != Kind::Num {
            return None;
        }
        let split = self
            .text
            .find(|c: char| c.is_alphabetic())
            .unwrap_or(self.text.len());
        Some((self.text.get(..split)?, self.text.get(split..)?))
    }

    /// The value of a plain integer token (`1994`, `08`), no separators or suffix.
    pub fn int(&self) -> Option<i64> {
        if self.kind != Kind::Num
            || self.text.len() > 12
            || !self.text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        self.text.parse().ok()
    }
}

/// Tokenises `text` (one paragraph of the clean text) starting at file offset
/// `base`; `lowered` is `text.to_ascii_lowercase()` (same byte offsets).
pub fn tokenize<'a>(text: &'a str, lowered: &'a str, base: usize) -> Vec<Tok<'a>> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    // `pos` only ever advances by whole characters, so it stays on boundaries.
    let mut pos = 0;
    while let Some(c) = char_at(text, pos) {
        let start = pos;
        pos += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_ascii_digit() {
            while let Some(d) = char_at(text, pos) {
                let next_is_digit = bytes.get(pos + 1).is_some_and(u8::is_ascii_digit);
                // A letter suffix stays with the number: `1990s`, `4pm`, `29th`.
                if d.is_ascii_digit()
                    || d.is_alphabetic()
                    || (matches!(d, ':' | ',' | '.') && next_is_digit)
                {
                    pos += d.len_utf8();
                } else {
                    break;
                }
            }
            Kind::Num
        } else if c.is_alphabetic() {
            while let Some(d) = char_at(text, pos) {
                let inner_apostrophe = matches!(d, '\'' | '’')
                    && char_at(text, pos + d.len_utf8()).is_some_and(char::is_alphabetic);
                if d.is_alphabetic() || inner_apostrophe {
                    pos += d.len_utf8();
                } else {
                    break;
                }
            }
            Kind::Word
        } else {
            Kind::Punct
        };
        let (Some(tok_text), Some(lc)) = (text.get(start..pos), lowered.get(start..pos)) else {
            continue;
        };
        toks.push(Tok {
            text: tok_text,
            start: base + start,
            end: base + pos,
            kind,
            lc,
        });
    }
    toks
}

/// The character at byte `pos` (a char boundary), with an ASCII fast path.
fn char_at(text: &str, pos: usize) -> Option<char> {
    let b = *text.as_bytes().get(pos)?;
    if b.is_ascii() {
        return Some(char::from(b));
    }
    text.get(pos..)?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_and_punctuation() {
        let text = "On Oct.29, 30,000 at 08:30 in the 1990s — it’s";
        let lowered = text.to_ascii_lowercase();
        let toks = tokenize(text, &lowered, 10);
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "On", "Oct", ".", "29", ",", "30,000", "at", "08:30", "in", "the", "1990s", "—",
                "it’s"
            ]
        );
        assert_eq!(toks[0].start, 10);
        assert_eq!(toks[0].lc(), "on");
        assert_eq!(toks[10].num_parts(), Some(("1990", "s")));
        assert_eq!(toks[3].int(), Some(29));
        assert_eq!(toks[5].int(), None);
    }
}
