//! Markup masking: Markdown emphasis, inline HTML tags, link targets, URLs,
//! hashtag and handle sigils are replaced by spaces in the clean text, so the
//! analysis reads plain words while every offset still points into the file.

/// Blanks markup inside `range` of `clean` (same length as the original).
///
/// Only ASCII bytes are ever replaced (by ASCII spaces), so the buffer stays
/// valid UTF-8 and char boundaries do not move.
pub(super) fn mask_markup(clean: &mut [u8], start: usize, end: usize) {
    let end = end.min(clean.len());
    let mut i = start;
    while i < end {
        let b = clean[i];
        let next = if i + 1 < end { clean[i + 1] } else { 0 };
        match b {
            b'<' if is_tag_start(next) => {
                if let Some(close) = find_byte(clean, i + 1, end, b'>').filter(|&c| c - i <= 200) {
                    blank(clean, i, close + 1);
                    i = close + 1;
                    continue;
                }
            }
            b'*' | b'_' | b'`' | b'~' if is_emphasis_run(clean, i, end) => {
                let run = run_len(clean, i, end, b);
                blank(clean, i, i + run);
                i += run;
                continue;
            }
            b'!' if next == b'[' => {
                // Image: blank the whole `![alt](url)`; alt text is not prose.
                if let Some(after) = link_end(clean, i + 1, end) {
                    blank(clean, i, after.1);
                    i = after.1;
                    continue;
                }
            }
            b'[' => {
                if let Some((text_end, after)) = link_end(clean, i, end) {
                    clean[i] = b' ';
                    blank(clean, text_end, after);
                    i = text_end;
                    continue;
                }
            }
            b'h' | b'w' | b'p' if at_word_start(clean, i) && starts_url(&clean[i..end]) => {
                let stop = url_end(clean, i, end);
                blank(clean, i, stop);
                i = stop;
                continue;
            }
            b'#' | b'@' if at_word_start(clean, i) && next.is_ascii_alphanumeric() => {
                clean[i] = b' ';
            }
            b'&' => {
                if let Some(semi) = find_byte(clean, i + 1, end, b';').filter(|&s| s - i <= 8) {
                    if clean[i + 1..semi]
                        .iter()
                        .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
                        && semi > i + 1
                    {
                        // Keep the `&` (a one-byte stand-in), blank the entity name.
                        blank(clean, i + 1, semi + 1);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    mask_line_prefixes(clean, start, end);
}

/// Blanks Markdown heading hashes and blockquote markers at line starts.
fn mask_line_prefixes(clean: &mut [u8], start: usize, end: usize) {
    let mut line_start = start;
    while line_start < end {
        let mut j = line_start;
        while j < end && clean[j] == b' ' {
            j += 1;
        }
        let mut k = j;
        while k < end && (clean[k] == b'#' || clean[k] == b'>') {
            k += 1;
        }
        if k > j && k < end && clean[k] == b' ' {
            blank(clean, j, k);
        }
        match find_line_end(clean, line_start, end) {
            Some(nl) => line_start = nl + 1,
            None => break,
        }
    }
}

fn is_tag_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'/' || b == b'!'
}

/// A run of `*`, `_`, `` ` `` or `~` that opens or closes emphasis: it touches a
/// word on exactly one side (`**bold**`), or is a long rule (`***`).
fn is_emphasis_run(clean: &[u8], i: usize, end: usize) -> bool {
    let b = clean[i];
    let run = run_len(clean, i, end, b);
    let before = if i > 0 { clean[i - 1] } else { b' ' };
    let after = if i + run < end { clean[i + run] } else { b' ' };
    let word = |c: u8| c.is_ascii_alphanumeric() || c >= 0x80 || c.is_ascii_punctuation();
    if b == b'_' && before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric() {
        return false; // snake_case slug, not emphasis
    }
    if b == b'*' && run == 1 && before == b' ' && after == b' ' {
        return false; // a lone asterisk used as a footnote or bullet separator
    }
    word(before) != word(after) || run >= 3
}

fn run_len(clean: &[u8], i: usize, end: usize, b: u8) -> usize {
    clean[i..end].iter().take_while(|&&c| c == b).count()
}

/// For `[text](url)` starting at `open`: (index of `]`, index after `)`).
fn link_end(clean: &[u8], open: usize, end: usize) -> Option<(usize, usize)> {
    let close = find_byte(clean, open + 1, end, b']')?;
    if close - open > 300 || clean[open + 1..close].contains(&b'\n') {
        return None;
    }
    if close + 1 < end && clean[close + 1] == b'(' {
        let paren = find_byte(clean, close + 2, end, b')')?;
        if clean[close + 2..paren]
            .iter()
            .any(|c| c.is_ascii_whitespace())
        {
            return None;
        }
        return Some((close, paren + 1));
    }
    None
}

fn starts_url(s: &[u8]) -> bool {
    s.starts_with(b"http://")
        || s.starts_with(b"https://")
        || s.starts_with(b"www.")
        || s.starts_with(b"pic.twitter.com/")
}

fn url_end(clean: &[u8], i: usize, end: usize) -> usize {
    let mut j = i;
    while j < end && !clean[j].is_ascii_whitespace() && clean[j] != b'<' && clean[j] != b')' {
        j += 1;
    }
    // A sentence-final period or comma is not part of the URL.
    while j > i && matches!(clean[j - 1], b'.' | b',' | b';' | b':') {
        j -= 1;
    }
    j
}

fn at_word_start(clean: &[u8], i: usize) -> bool {
    i == 0
        || matches!(
            clean[i - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'(' | b'"' | b'\''
        )
}

fn find_byte(clean: &[u8], from: usize, end: usize, b: u8) -> Option<usize> {
    clean
        .get(from..end)?
        .iter()
        .position(|&c| c == b)
        .map(|p| p + from)
}

fn find_line_end(clean: &[u8], from: usize, end: usize) -> Option<usize> {
    clean
        .get(from..end)?
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map(|p| p + from)
}

pub(super) fn blank(clean: &mut [u8], from: usize, to: usize) {
    let to = to.min(clean.len());
    for b in clean.iter_mut().take(to).skip(from) {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(s: &str) -> String {
        let mut bytes = s.as_bytes().to_vec();
        mask_markup(&mut bytes, 0, s.len());
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn emphasis_and_tags_become_spaces() {
        assert_eq!(masked("**Kremlin.ru**"), "  Kremlin.ru  ");
        assert_eq!(masked("<u>#Shushi</u> x"), "    Shushi     x");
        assert_eq!(masked("a *b* c"), "a  b  c");
    }

    #[test]
    fn links_keep_their_text() {
        assert_eq!(
            masked("see [the report](http://x.org/a) now"),
            "see  the report                  now"
        );
    }

    #[test]
    fn slugs_and_lone_asterisks_stay() {
        assert_eq!(masked("gvw_ap_news"), "gvw_ap_news");
        assert_eq!(masked("a * b"), "a * b");
    }

    #[test]
    fn urls_handles_and_entities() {
        assert_eq!(
            masked("@BILD pic.twitter.com/Sal"),
            " BILD                    "
        );
        assert_eq!(masked("AT&amp;T"), "AT&    T");
        assert_eq!(masked("# Title\n> quote"), "  Title\n  quote");
    }

    #[test]
    fn length_and_utf8_are_kept() {
        let s = "**Hervé** <b>Ünïcode</b> 😀 [é](x)";
        let m = masked(s);
        assert_eq!(m.len(), s.len());
        assert!(m.contains("Hervé") && m.contains("Ünïcode") && m.contains("😀"));
    }
}
