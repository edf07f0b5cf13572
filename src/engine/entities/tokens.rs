//! The recogniser's own tokenisation of a paragraph: Penn-Treebank-like
//! tokens (possessive `'s` and hyphens split off, `U.S.` and `Gen.` kept
//! whole) grouped into sentences. The statistical model is trained on tokens
//! made by this same code, so training and tagging always agree.

use crate::engine::span::Span;

/// Abbreviations that keep their final period.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Gov", "Sen",
    "Rep", "Rev", "St", "Mt", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "No", "vs", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Ft", "Gens", "Mmes",
];

/// Splits `text[span]` into sentences of token spans. Newlines end
/// sentences (headlines, list items); so do `.`, `!`, `?` before a word that
/// starts with a capital, a digit or a quote.
pub fn sentences(text: &str, span: Span) -> Vec<Vec<Span>> {
    let Some(slice) = text.get(span.range()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (line_start, line) in lines(slice) {
        let tokens = tokenize(line, span.start + line_start);
        let mut current: Vec<Span> = Vec::new();
        // Straight quotes open and close in turn.
        let mut open_quote = false;
        for (k, tok) in tokens.iter().enumerate() {
            current.push(*tok);
            let t = tok.text(text);
            let closing = |i: usize, open: bool| {
                tokens.get(i).is_some_and(|n| {
                    matches!(n.text(text), "”" | "’" | ")") || (open && n.text(text) == "\"")
                })
            };
            let starts = |i: usize| {
                tokens.get(i).is_some_and(|n| {
                    n.text(text).chars().next().is_some_and(|c| {
                        c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c)
                    })
                })
            };
            if t == "\"" {
                open_quote = !open_quote;
            }
            let ends = match t {
                "." | "!" | "?" => !closing(k + 1, open_quote) && starts(k + 1),
                "\"" | "”" | "’" | ")" => {
                    k > 0
                        && tokens
                            .get(k - 1)
                            .is_some_and(|p| matches!(p.text(text), "." | "!" | "?"))
                        && starts(k + 1)
                        && (t != "\"" || !open_quote)
                }
                _ => false,
            };
            if ends {
                out.push(std::mem::take(&mut current));
                open_quote = false;
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// Lines of `s` with their byte offsets.
fn lines(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    s.split_inclusive('\n').map(move |line| {
        let at = start;
        start += line.len();
        (at, line)
    })
}

/// Tokens of one line; `base` is the line's offset in the text.
pub fn tokenize(line: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(line.len(), |&(i, _)| i);
    let mut k = 0;
    while let Some(&(i, c)) = chars.get(k) {
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            // A word or number: letters, digits, inner apostrophes and
            // periods (`O'Brien`, `U.S.`, `2.5`), inner `,` `:` in numbers.
            let mut j = k + 1;
            while let Some(&(_, d)) = chars.get(j) {
                let next = chars.get(j + 1).map(|&(_, n)| n);
                let inner = match d {
                    _ if d.is_alphanumeric() => true,
                    '\'' | '’' => {
                        next.is_some_and(char::is_alphabetic) && !is_clitic(&chars, j + 1)
                    }
                    '.' => {
                        next.is_some_and(char::is_alphanumeric)
                            && (c.is_ascii_digit() || is_initialism(&chars, k, j))
                    }
                    ',' | ':' => c.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
                    _ => false,
                };
                if !inner {
                    break;
                }
                j += 1;
            }
            let word = &line[i..end_of(j)];
            // Keep a final period of abbreviations and initialisms.
            if chars.get(j).is_some_and(|&(_, d)| d == '.') && keeps_period(word) {
                j += 1;
            }
            // `don't` → `do` + `n't`.
            let end = end_of(j);
            let w = &line[i..end];
            if (w.ends_with("n't") || w.ends_with("n’t")) && w.len() > 4 {
                let cut = end - "n't".len() - if w.ends_with("n’t") { 2 } else { 0 };
                out.push(Span::new(base + i, base + cut));
                out.push(Span::new(base + cut, base + end));
            } else {
                out.push(Span::new(base + i, base + end));
            }
            k = j;
            continue;
        }
        // Clitics: `'s`, `’s`, `'re`, `'ll`, `'ve`, `'d`, `'m`.
        if (c == '\'' || c == '’') && is_clitic(&chars, k + 1) {
            let mut j = k + 1;
            while chars.get(j).is_some_and(|&(_, d)| d.is_alphabetic()) {
                j += 1;
            }
            out.push(Span::new(base + i, base + end_of(j)));
            k = j;
            continue;
        }
        // `--` and `...` stay whole; other punctuation is one char a token.
        let mut j = k + 1;
        if c == '-' || c == '.' {
            while chars.get(j).is_some_and(|&(_, d)| d == c) {
                j += 1;
            }
        }
        out.push(Span::new(base + i, base + end_of(j)));
        k = j;
    }
    out
}

/// True when the letters from `k` form a clitic that ends there (`s`, `re`, ...).
fn is_clitic(chars: &[(usize, char)], k: usize) -> bool {
    let mut word = String::new();
    let mut j = k;
    while let Some(&(_, d)) = chars.get(j) {
        if !d.is_alphabetic() {
            break;
        }
        word.push(d.to_ascii_lowercase());
        j += 1;
        if word.len() > 2 {
            return false;
        }
    }
    matches!(word.as_str(), "s" | "re" | "ll" | "ve" | "d" | "m")
}

/// True when chars `start..dot` are a single letter (`U` of `U.S.`).
fn is_initialism(chars: &[(usize, char)], start: usize, dot: usize) -> bool {
    let letters = chars.get(start..dot).unwrap_or(&[]);
    let since_last_dot = letters.iter().rev().take_while(|&&(_, c)| c != '.').count();
    since_last_dot == 1
}

fn keeps_period(word: &str) -> bool {
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || word.contains('.') || ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s, 0).into_iter().map(|sp| sp.text(s)).collect()
    }

    #[test]
    fn splits_like_the_training_corpora() {
        assert_eq!(
            toks("Azerbaijan's Defense Ministry"),
            ["Azerbaijan", "'s", "Defense", "Ministry"]
        );
        assert_eq!(
            toks("Jean-Yves Le Drian"),
            ["Jean", "-", "Yves", "Le", "Drian"]
        );
        assert_eq!(
            toks("the U.S. and Gen. Smith, 30,000."),
            ["the", "U.S.", "and", "Gen.", "Smith", ",", "30,000", "."]
        );
        assert_eq!(
            toks("O'Brien didn't go -- \"no\""),
            ["O'Brien", "did", "n't", "go", "--", "\"", "no", "\""]
        );
        assert_eq!(toks("Putin’s invitation"), ["Putin", "’s", "invitation"]);
        assert_eq!(toks("Hervé Bar"), ["Hervé", "Bar"]);
    }

    #[test]
    fn sentences_end_at_periods_and_newlines() {
        let text = "Title Line\nHe left. She came on Sept. 27 to Moscow. \"Yes.\" Then";
        let sents = sentences(text, Span::new(0, text.len()));
        let firsts: Vec<&str> = sents.iter().map(|s| s[0].text(text)).collect();
        assert_eq!(firsts, ["Title", "He", "She", "\"", "Then"]);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "'", "’", "a.", ".", "--", "é'", "1,", "x'y'", "U.", "\u{200b}",
        ] {
            let _ = sentences(s, Span::new(0, s.len()));
        }
    }
}
