//! Features of one token for the tagger: word shape, affixes, context words,
//! gazetteer hits, cue words (roles, organisation heads) and position.
//! Features are hashed (FNV-1a) into a fixed number of buckets, so the model
//! is a flat weight table and no feature strings are kept.

use super::gazetteer::{join_place_word, with_lower, FastSet, GAZETTEER};

/// Number of hash buckets of the weight table (a power of two).
pub const BUCKETS: u32 = 1 << 18;

/// Document-level facts shared by all tokens of one article.
#[derive(Debug, Default)]
pub struct DocContext {
    /// Words written in lower case somewhere in the document.
    lower_seen: FastSet<String>,
    /// Capitalised words seen somewhere other than at a sentence start.
    cap_inside: FastSet<String>,
}

impl DocContext {
    /// Collects the document facts from all its sentences.
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]>) -> DocContext {
        let mut ctx = DocContext::default();
        for sent in sentences {
            for (i, w) in sent.iter().enumerate() {
                let first = w.chars().next();
                if first.is_some_and(char::is_lowercase) {
                    ctx.lower_seen.insert((*w).to_string());
                } else if i > 0 && first.is_some_and(char::is_uppercase) && !is_quote(sent[i - 1]) {
                    ctx.cap_inside.insert((*w).to_string());
                }
            }
        }
        ctx
    }
}

impl DocContext {
    /// Words written in lower case somewhere in the document.
    pub fn lower_seen(&self) -> &FastSet<String> {
        &self.lower_seen
    }

    /// Appends to `key` the document-level facts the features and names of
    /// one sentence read, a byte per token: a sentence with the same tokens
    /// and the same key is tagged alike in any document, which is what lets
    /// `names::SentenceMemo` reuse it. Every fact of `DocContext` that a
    /// sentence's features or `names` read must be covered here.
    pub fn sentence_key(&self, sent: &[&str], key: &mut Vec<u8>) {
        for w in sent {
            let mut bits = 0u8;
            if w.starts_with(char::is_uppercase) {
                bits |= 1;
                if with_lower(w, |l| self.lower_seen.contains(l)) {
                    bits |= 2;
                }
                if self.cap_inside.contains(*w) {
                    bits |= 4;
                }
            }
            key.push(bits);
        }
    }
}

fn is_quote(w: &str) -> bool {
    matches!(w, "\"" | "“" | "‘" | "'" | "(" | "-" | "--" | "—" | ":")
}

/// An incremental FNV-1a hash of one feature.
#[derive(Clone, Copy)]
struct Fnv(u32, u8);

impl Fnv {
    fn new(template: u8) -> Fnv {
        Fnv(0x811c_9dc5, template).byte(template)
    }
    fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ u32::from(b)).wrapping_mul(0x0100_0193), self.1)
    }
    fn str(mut self, s: &str) -> Fnv {
        for b in s.bytes() {
            self = self.byte(b);
        }
        self.byte(0xff)
    }
    fn bucket(self) -> u32 {
        // Final avalanche so nearby templates spread.
        let mut h = self.0;
        let _ = self.1;
        h ^= h >> 16;
        h = h.wrapping_mul(0x7feb_352d);
        h ^= h >> 15;
        h & (BUCKETS - 1)
    }
}

/// The collapsed shape of a word: `Xx`, `X`, `XX.`, `dd`, `x-x`.
pub fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if Some(k) != last {
            out.push(k);
            last = Some(k);
        }
        if out.len() > 8 {
            break;
        }
    }
    out
}

/// True when the sentence is written in title case (headlines: `Moscow
/// Hosts Armenia-Azerbaijan Talks as Fighting Continues`).
pub fn is_title_case(sent: &[&str]) -> bool {
    let words: Vec<&str> = sent
        .iter()
        .copied()
        .filter(|w| w.chars().all(char::is_alphabetic))
        .collect();
    let long_lower = words.iter().any(|w| {
        w.starts_with(char::is_lowercase)
            && w.chars().count() > 3
            && !matches!(
                *w,
                "with"
                    | "from"
                    | "into"
                    | "over"
                    | "than"
                    | "that"
                    | "upon"
                    | "amid"
                    | "after"
                    | "before"
            )
    });
    // Words that are common in lower case, capitalised past the first word.
    let capitalised_common = words
        .iter()
        .skip(1)
        .filter(|w| {
            w.starts_with(char::is_uppercase) && w.chars().count() > 2 && GAZETTEER.is_common(w)
        })
        .count();
    words.len() >= 3 && !long_lower && capitalised_common >= 1
}

/// Static (tag-independent) features of every token of a sentence.
pub fn sentence_features(sent: &[&str], ctx: &DocContext) -> Vec<Vec<u32>> {
    let g = &*GAZETTEER;
    let lower: Vec<String> = sent.iter().map(|w| w.to_lowercase()).collect();
    let shapes: Vec<String> = sent.iter().map(|w| shape(w)).collect();
    let title = is_title_case(sent);
    let place = place_matches(sent);
    let word = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| lower.get(i))
            .map_or(if i < 0 { "<s>" } else { "</s>" }, String::as_str)
    };
    let shp = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| shapes.get(i))
            .map_or("<>", String::as_str)
    };
    let raw = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| sent.get(i))
            .copied()
            .unwrap_or("")
    };
    let mut out = Vec::with_capacity(sent.len());
    for (i, w) in sent.iter().enumerate() {
        // The tagger never scores lower-case words other than connectors,
        // nor punctuation other than name glue: skip their features.
        let glue = matches!(*w, "-" | "&" | "'s" | "’s" | "." | "/");
        if !w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !glue
            && !g.is_connector(w)
        {
            out.push(Vec::new());
            continue;
        }
        let ii = i as isize;
        let lw = word(ii);
        let mut f = Vec::with_capacity(36);
        let mut add = |h: Fnv| f.push(h.bucket());
        add(Fnv::new(0));
        add(Fnv::new(1).str(lw));
        if *w != lw {
            add(Fnv::new(2).str(w));
        }
        // Affixes by byte offsets of chars (no allocation).
        let n = lw.chars().count();
        let from_end = |k: usize| lw.char_indices().nth(n - k).map_or(0, |(b, _)| b);
        for (t, k) in [(3u8, 3usize), (4, 2), (30, 4)] {
            if n > k {
                add(Fnv::new(t).str(&lw[from_end(k)..]));
            }
        }
        if n > 3 {
            let end = lw.char_indices().nth(3).map_or(lw.len(), |(b, _)| b);
            add(Fnv::new(5).str(&lw[..end]));
        }
        add(Fnv::new(6).str(shp(ii)));
        add(Fnv::new(7).str(word(ii - 1)));
        add(Fnv::new(8).str(word(ii + 1)));
        add(Fnv::new(9).str(word(ii - 2)));
        add(Fnv::new(10).str(word(ii + 2)));
        add(Fnv::new(11).str(shp(ii - 1)).str(shp(ii)));
        add(Fnv::new(12).str(shp(ii)).str(shp(ii + 1)));
        let first = i == 0 || (i == 1 && is_quote(raw(0)));
        add(Fnv::new(13).byte(u8::from(first)).str(shp(ii)));
        if let Some(&(b, len)) = place.get(i).and_then(Option::as_ref) {
            add(Fnv::new(14).byte(u8::from(b)).byte(len.min(4) as u8));
        }
        if g.demonym(w).is_some() {
            add(Fnv::new(15));
        }
        if g.is_role(w) {
            add(Fnv::new(16));
        }
        if i > 0 && g.is_role(raw(ii - 1)) {
            add(Fnv::new(17).byte(u8::from(raw(ii - 1).starts_with(char::is_uppercase))));
        }
        if g.is_org_head(raw(ii + 1)) {
            add(Fnv::new(18));
        }
        if g.is_org_head(w) {
            add(Fnv::new(19));
        }
        if g.is_agency(w) {
            add(Fnv::new(20));
        }
        if w.starts_with(char::is_uppercase) {
            add(Fnv::new(21)
                .byte(u8::from(first))
                .byte(u8::from(ctx.lower_seen.contains(lw))));
            add(Fnv::new(22)
                .byte(u8::from(first))
                .byte(u8::from(ctx.cap_inside.contains(*w))));
        }
        add(Fnv::new(24).str(word(ii - 1)).str(lw));
        add(Fnv::new(25).str(lw).str(word(ii + 1)));
        if title {
            add(Fnv::new(27).str(shp(ii)));
        }
        let cap = |t: &str| t.starts_with(char::is_uppercase) && t.chars().any(char::is_lowercase);
        if cap(w) {
            // Common words capitalised are sentence starts and headlines;
            // two uncommon capitalised words in a row are most often a name.
            add(Fnv::new(31)
                .byte(u8::from(first))
                .byte(u8::from(g.is_common(w))));
            let next = raw(ii + 1);
            let prev = raw(ii - 1);
            add(Fnv::new(32)
                .byte(u8::from(cap(next) && !g.is_common(next)))
                .byte(u8::from(cap(prev) && !g.is_common(prev)))
                .byte(u8::from(g.is_common(w))));
        }
        if matches!(raw(ii + 1), "'s" | "’s") {
            add(Fnv::new(28));
        }
        if g.is_connector(lw) && w.starts_with(char::is_lowercase) {
            add(Fnv::new(29).str(shp(ii - 1)).str(shp(ii + 1)));
        }
        out.push(f);
    }
    out
}

/// For each token, `(is_begin, words)` of the longest gazetteer place that
/// covers it.
fn place_matches(sent: &[&str]) -> Vec<Option<(bool, usize)>> {
    let g = &*GAZETTEER;
    let mut out = vec![None; sent.len()];
    let mut i = 0;
    while i < sent.len() {
        let mut best = 0;
        if sent[i].starts_with(char::is_uppercase) {
            let mut name = String::new();
            // Hyphenated names are split into `A`, `-`, `B` tokens.
            for (k, w) in sent[i..]
                .iter()
                .enumerate()
                .take(g.max_place_words() * 2 + 1)
            {
                join_place_word(&mut name, (k > 0).then(|| sent[i + k - 1]), w);
                if !g.is_place_prefix(&name) {
                    break;
                }
                if g.is_place(&name) {
                    best = k + 1;
                }
            }
        }
        if best > 0 {
            for (k, slot) in out.iter_mut().skip(i).take(best).enumerate() {
                *slot = Some((k == 0, best));
            }
            i += best;
        } else {
            i += 1;
        }
    }
    out
}

/// Hash of a tag-history feature: previous tag alone, previous two tags,
/// previous tag with the current word's shape and with the current word.
pub fn history_features(prev: u8, prev2: u8, shape: &str, lower: &str) -> [u32; 4] {
    [
        Fnv::new(40).byte(prev).bucket(),
        Fnv::new(41).byte(prev).byte(prev2).bucket(),
        Fnv::new(42).byte(prev).str(shape).bucket(),
        Fnv::new(43).byte(prev).str(lower).bucket(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("OSCE"), "X");
        assert_eq!(shape("Jean"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("30,000"), "d,d");
    }

    #[test]
    fn title_case() {
        assert!(is_title_case(&[
            "Moscow",
            "Hosts",
            "Armenia",
            "Talks",
            "as",
            "Fighting",
            "Continues"
        ]));
        assert!(!is_title_case(&[
            "Russia", "moved", "to", "stop", "the", "worst", "fighting"
        ]));
    }

    #[test]
    fn places_cover_multiword_names() {
        let m = place_matches(&["in", "New", "York", "and", "Baku"]);
        assert_eq!(
            m,
            vec![
                None,
                Some((true, 2)),
                Some((false, 2)),
                None,
                Some((true, 1))
            ]
        );
    }

    #[test]
    fn features_are_deterministic_and_in_range() {
        let s = [
            "Russian", "Foreign", "Minister", "Sergey", "Lavrov", "said", ".",
        ];
        let ctx = DocContext::new([&s[..]]);
        let a = sentence_features(&s, &ctx);
        assert_eq!(a, sentence_features(&s, &ctx));
        assert!(a.iter().flatten().all(|&b| b < BUCKETS));
    }
}
