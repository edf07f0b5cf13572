//! Sentence and token boundaries that survive news prose: abbreviations
//! (`Sept.`, `Gen.`, `Mr.`), initialisms (`U.S.`), initials, decimals and
//! thousands (`30,000`, `8:00`, `2.5`), curly and straight quotes, hyphenated
//! names (`Jean-Yves`), apostrophes (`Azerbaijan’s`) and dashes.

use super::{Segmentation, Sentence, Token, TokenKind};
use crate::engine::article::Article;
use crate::engine::span::Span;

/// Segments every analysable paragraph of the article's clean text.
pub fn segment(article: &Article) -> Segmentation {
    let mut out = Segmentation::default();
    for (index, paragraph) in article.paragraphs.iter().enumerate() {
        segment_paragraph(&article.clean, index, paragraph.span, &mut out);
    }
    out
}

/// Appends the tokens and sentences of paragraph `index` (`clean[span]`) to
/// `out`. Reads nothing outside `span`, so the result depends only on the
/// paragraph's text (the analysis cache relies on this).
pub fn segment_paragraph(clean: &str, index: usize, span: Span, out: &mut Segmentation) {
    let first = out.tokens.len();
    tokenize(clean, span, &mut out.tokens);
    split_sentences(clean, index, first, out);
}

/// Appends the tokens of `clean[span]` to `tokens`.
pub fn tokenize(clean: &str, span: Span, tokens: &mut Vec<Token>) {
    let Some(text) = clean.get(span.range()) else {
        return;
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let (end_index, kind) = if c.is_alphabetic() {
            (scan_word(&chars, i), TokenKind::Word)
        } else if c.is_ascii_digit() {
            (scan_number(&chars, i), TokenKind::Number)
        } else {
            (scan_punct(&chars, i), TokenKind::Punct)
        };
        let end = chars.get(end_index).map(|(o, _)| *o).unwrap_or(text.len());
        tokens.push(Token {
            span: Span::new(span.start + start, span.start + end),
            kind,
        });
        i = end_index;
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Letters and digits with inner hyphens and apostrophes; initialisms keep
/// their periods (`U.S.`), known abbreviations keep their final period.
fn scan_word(chars: &[(usize, char)], start: usize) -> usize {
    let at = |k: usize| chars.get(k).map(|(_, c)| *c);
    let mut i = start;
    loop {
        while at(i).is_some_and(|c| c.is_alphanumeric() || is_combining(c)) {
            i += 1;
        }
        match at(i) {
            Some(c)
                if (is_hyphen(c) || is_apostrophe(c))
                    && at(i + 1).is_some_and(char::is_alphanumeric) =>
            {
                i += 1
            }
            // U.S., U.N.: a single letter, a period, a letter.
            Some('.')
                if i - segment_start(chars, i) == 1
                    && at(i + 1).is_some_and(char::is_alphabetic)
                    && at(i + 2) == Some('.') =>
            {
                i += 1
            }
            _ => break,
        }
    }
    if at(i) == Some('.') {
        let word: String = chars[start..i].iter().map(|(_, c)| *c).collect();
        if is_abbreviation(&word) {
            i += 1;
        }
    }
    i
}

/// Start of the run of letters that ends at `i` (for initialism detection).
fn segment_start(chars: &[(usize, char)], i: usize) -> usize {
    let mut k = i;
    while k > 0 && chars[k - 1].1.is_alphanumeric() {
        k -= 1;
    }
    k
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// Digits with inner `,` `.` `:` between digits, and a letter suffix (`1990s`, `20th`).
fn scan_number(chars: &[(usize, char)], start: usize) -> usize {
    let at = |k: usize| chars.get(k).map(|(_, c)| *c);
    let mut i = start;
    loop {
        while at(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        match at(i) {
            Some(',' | '.' | ':') if at(i + 1).is_some_and(|c| c.is_ascii_digit()) => i += 1,
            _ => break,
        }
    }
    while at(i).is_some_and(|c| c.is_alphabetic()) {
        i += 1;
    }
    if at(i).is_some_and(is_hyphen) && at(i + 1).is_some_and(|c| c.is_alphanumeric()) {
        // `20-kilometre`, `F-16` style compounds stay one token.
        i = scan_word(chars, i + 1);
    }
    i
}

/// One punctuation character, or a run of the same dash or period (`--`, `...`).
fn scan_punct(chars: &[(usize, char)], start: usize) -> usize {
    let c = chars[start].1;
    let mut i = start + 1;
    if matches!(c, '-' | '.' | '\u{2014}' | '\u{2013}') {
        while chars.get(i).is_some_and(|(_, d)| *d == c) {
            i += 1;
        }
    }
    i
}

/// Abbreviations that keep their period and do not end a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true; // an initial: `George W. Bush`
    }
    if word.contains('.') {
        return true; // the rest of an initialism: `U.S`
    }
    ABBREVIATIONS.binary_search(&word).is_ok()
}

/// Sorted for binary search.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ala", "Apr", "Ariz", "Assn", "Aug", "Ave", "Blvd", "Brig", "Calif", "Capt", "Cmdr",
    "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec", "Del", "Dept", "Dr", "Feb", "Fla", "Fr",
    "Ft", "Ga", "Gen", "Gov", "Hon", "Ill", "Inc", "Ind", "Jan", "Jr", "Jul", "Jun", "Kan", "Ky",
    "La", "Lt", "Ltd", "Maj", "Mar", "Mass", "Md", "Messrs", "Mich", "Minn", "Miss", "Mo", "Mr",
    "Mrs", "Ms", "Mt", "No", "Nov", "Oct", "Okla", "Ore", "Pa", "Ph", "Prof", "Rep", "Reps", "Rev",
    "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "Tenn", "Tex", "Va", "Vt", "Wash",
    "Wis", "approx", "cf", "e.g", "est", "etc", "i.e", "vs",
];

/// Splits the tokens from `first` on into sentences of paragraph `index`.
fn split_sentences(clean: &str, index: usize, first: usize, out: &mut Segmentation) {
    let end = out.tokens.len();
    let mut start = first;
    let mut i = first;
    while i < end {
        let token = out.tokens[i];
        let text = token.span.text(clean);
        let terminal = token.kind == TokenKind::Punct
            && matches!(text, "." | "!" | "?" | "..." | "\u{2026}")
            || token.kind == TokenKind::Word
                && text.ends_with('.')
                && ends_sentence_abbrev(text, out.tokens.get(i + 1), clean);
        i += 1;
        if !terminal {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they close.
        while i < end
            && is_closer(out.tokens[i].span.text(clean))
            && out.tokens[i].span.start == out.tokens[i - 1].span.end
        {
            i += 1;
        }
        let next_starts = match out.tokens.get(i).filter(|_| i < end) {
            None => true,
            Some(next) => starts_sentence(next.span.text(clean)),
        };
        if next_starts {
            push_sentence(out, index, start, i);
            start = i;
        }
    }
    if start < end {
        push_sentence(out, index, start, end);
    }
}

/// An abbreviation can end a sentence only when a clear sentence start follows
/// (`... in the U.S. The talks ...`) and it is an initialism, not a title.
fn ends_sentence_abbrev(text: &str, next: Option<&Token>, clean: &str) -> bool {
    let initialism = text.matches('.').count() >= 2;
    initialism
        && next.is_some_and(|n| {
            let t = n.span.text(clean);
            matches!(
                t,
                "The" | "A" | "An" | "It" | "He" | "She" | "They" | "We" | "In" | "But" | "This"
            )
        })
}

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "'" | "\u{201d}" | "\u{2019}" | ")" | "]")
}

fn starts_sentence(t: &str) -> bool {
    t.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '\u{2014}' | '-'
            )
    })
}

fn push_sentence(out: &mut Segmentation, paragraph: usize, from: usize, to: usize) {
    let span = Span::new(out.tokens[from].span.start, out.tokens[to - 1].span.end);
    out.sentences.push(Sentence {
        span,
        paragraph,
        tokens: from..to,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let mut t = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut t);
        t.iter().map(|t| s[t.span.range()].to_string()).collect()
    }

    fn sentences(s: &str) -> Vec<String> {
        let article = crate::engine::article::parse_article(s);
        let seg = segment(&article);
        seg.sentences
            .iter()
            .map(|x| s[x.span.range()].to_string())
            .collect()
    }

    #[test]
    fn tokens_of_news_prose() {
        assert_eq!(toks("Sept. 27"), ["Sept.", "27"]);
        assert_eq!(toks("on Oct.29,"), ["on", "Oct.", "29", ","]);
        assert_eq!(
            toks("the U.S. and 30,000 at 8:00"),
            ["the", "U.S.", "and", "30,000", "at", "8:00"]
        );
        assert_eq!(toks("Jean-Yves Le Drian’s"), ["Jean-Yves", "Le", "Drian’s"]);
        assert_eq!(
            toks("“war” -- now—then"),
            ["“", "war", "”", "--", "now", "—", "then"]
        );
        assert_eq!(
            toks("the 1990s, F-16 jets, 2.5%"),
            ["the", "1990s", ",", "F-16", "jets", ",", "2.5", "%"]
        );
        assert_eq!(toks("Hervé e\u{301}clair"), ["Hervé", "e\u{301}clair"]);
    }

    #[test]
    fn sentences_of_news_prose() {
        let s = "Gen. Smith met Mr. Jones on Sept. 27 in the U.S. capital. It was 8:00. \"We will win,\" he said. Then 30,000 left.";
        assert_eq!(
            sentences(s),
            [
                "Gen. Smith met Mr. Jones on Sept. 27 in the U.S. capital.",
                "It was 8:00.",
                "\"We will win,\" he said.",
                "Then 30,000 left."
            ]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        let s = "He said “no.” She left.";
        assert_eq!(sentences(s), ["He said “no.”", "She left."]);
    }
}
