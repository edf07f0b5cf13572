//! Features of one token for the tagger: word shape, affixes, context words,
//! gazetteer hits, cue words (roles, organisation heads), position and
//! document-level facts ([`DocContext`]).
//! Features are hashed (FNV-1a) into a fixed number of buckets, so the model
//! is a flat weight table and no feature strings are kept. A sentence's
//! features are computed with a handful of allocations (one buffer each for
//! lower-case words, shapes and buckets), not several per token.

use std::hash::BuildHasher;

use super::gazetteer::{join_place_word, FastMap, FastSet, WordFlags, GAZETTEER};

/// Number of hash buckets of the weight table (a power of two).
pub const BUCKETS: u32 = 1 << 18;

/// Document-level facts shared by all tokens of one article. Every fact
/// about the document that a sentence's features read is here, and
/// [`DocContext::sentence_key`] condenses what one sentence reads, so a
/// per-sentence cache can tell when a sentence must be tagged again.
#[derive(Debug, Default)]
pub struct DocContext {
    /// Hashes of the words written in lower case somewhere in the document.
    lower_seen: FastSet<u64>,
    /// Hash of a capitalised word → [`Fact`] bits seen anywhere in the document.
    facts: FastMap<u64, u8>,
}

/// Bits of [`DocContext::facts`]: where else the document writes a word.
struct Fact;

impl Fact {
    /// Capitalised somewhere other than at a sentence start.
    const CAP_INSIDE: u8 = 1;
    /// Right before an organisation head (`Ford Motor`, `Chrysler Group`).
    const BEFORE_ORG_HEAD: u8 = 2;
    /// Right after a title (`President Obama`, `spokeswoman Stepanian`).
    const AFTER_ROLE: u8 = 4;
    /// Right after a preposition of place (`in Shusha`, `from Baku`).
    const AFTER_IN: u8 = 8;
    /// Right after a capitalised word that is not a sentence start
    /// (`Motors` in `General Motors`, `Putin` in `Vladimir Putin`).
    const AFTER_CAP: u8 = 16;
    /// Bit of [`DocContext::sentence_key`]: the word's lower case is seen.
    const LOWER_SEEN: u8 = 128;
}

/// A fixed-seed 64-bit hash of a word (document facts keep no strings).
fn word_hash(w: &str) -> u64 {
    foldhash::fast::FixedState::with_seed(0x0d47_e11e).hash_one(w)
}

/// The hash of the lower case of `w`, without allocating for ASCII words.
fn lower_hash(w: &str) -> u64 {
    super::gazetteer::with_lower(w, word_hash)
}

impl DocContext {
    /// Collects the document facts from all its sentences.
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]>) -> DocContext {
        let g = &*GAZETTEER;
        let mut ctx = DocContext::default();
        for sent in sentences {
            for (i, w) in sent.iter().enumerate() {
                let first = w.chars().next();
                if first.is_some_and(char::is_lowercase) {
                    ctx.lower_seen.insert(word_hash(w));
                    continue;
                }
                if !first.is_some_and(char::is_uppercase) {
                    continue;
                }
                let prev = i.checked_sub(1).map(|p| sent[p]);
                let inside = prev.is_some_and(|p| !is_quote(p));
                let mut bits = 0;
                if inside {
                    bits |= Fact::CAP_INSIDE;
                }
                if sent.get(i + 1).is_some_and(|n| g.is_org_head(n)) && !g.is_org_head(w) {
                    bits |= Fact::BEFORE_ORG_HEAD;
                }
                if let Some(p) = prev {
                    if g.flags(p).has(WordFlags::ROLE) {
                        bits |= Fact::AFTER_ROLE;
                    }
                    if matches!(p, "in" | "at" | "from" | "near" | "to") {
                        bits |= Fact::AFTER_IN;
                    }
                    if i >= 2 && p.starts_with(char::is_uppercase) && !is_quote(sent[i - 2]) {
                        bits |= Fact::AFTER_CAP;
                    }
                }
                if bits != 0 {
                    *ctx.facts.entry(word_hash(w)).or_default() |= bits;
                }
            }
        }
        ctx
    }

    /// The facts about capitalised word `w` (0 for other words).
    fn facts_of(&self, w: &str) -> u8 {
        if w.is_empty() || w.starts_with(char::is_lowercase) {
            return 0;
        }
        let mut bits = self.facts.get(&word_hash(w)).copied().unwrap_or(0);
        if self.lower_seen.contains(&lower_hash(w)) {
            bits |= Fact::LOWER_SEEN;
        }
        bits
    }

    /// True when the lower case of `w` is written somewhere in the document.
    pub fn seen_in_lower(&self, w: &str) -> bool {
        self.lower_seen.contains(&lower_hash(w))
    }

    /// Appends to `key` exactly the document-level facts the features and
    /// names of one sentence read, a byte per token ([`Fact`] bits): a
    /// sentence with the same tokens and the same key is tagged alike in
    /// any document, which is what lets `names::SentenceMemo` reuse it.
    /// Every fact of `DocContext` that a sentence's features or `names`
    /// read must be covered here.
    pub fn sentence_key(&self, sent: &[&str], key: &mut Vec<u8>) {
        key.extend(sent.iter().map(|w| self.facts_of(w)));
    }
}

fn is_quote(w: &str) -> bool {
    matches!(w, "\"" | "“" | "‘" | "'" | "(" | "-" | "--" | "—" | ":")
}

/// An incremental FNV-1a hash of one feature.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fnv(u32);

impl Fnv {
    fn new(template: u8) -> Fnv {
        Fnv(0x811c_9dc5).byte(template)
    }
    fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ u32::from(b)).wrapping_mul(0x0100_0193))
    }
    fn str(mut self, s: &str) -> Fnv {
        for b in s.bytes() {
            self = self.byte(b);
        }
        self.byte(0xff)
    }
    /// Mixes in a whole word by its hash (see `hash_str`): one step, not
    /// one per byte, for words every feature of a sentence reuses.
    fn word(self, h: u32) -> Fnv {
        Fnv((self.0 ^ h).wrapping_mul(0x0100_0193).rotate_left(7))
    }
    fn bucket(self) -> u32 {
        // Final avalanche so nearby templates spread.
        let mut h = self.0;
        h ^= h >> 16;
        h = h.wrapping_mul(0x7feb_352d);
        h ^= h >> 15;
        h & (BUCKETS - 1)
    }
}

/// The hash of one word for [`Fnv::word`].
fn hash_str(s: &str) -> u32 {
    Fnv(0x811c_9dc5).str(s).0
}

/// The collapsed shape of a word: `Xx`, `X`, `XX.`, `dd`, `x-x`.
pub fn shape(w: &str) -> String {
    let mut out = String::new();
    push_shape(&mut out, w);
    out
}

/// Appends the shape of `w` to `out` (at most 9 chars).
fn push_shape(out: &mut String, w: &str) {
    let start = out.len();
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
        if out.len() - start > 8 {
            break;
        }
    }
}

/// Appends the lower case of `w` to `out`.
fn push_lower(out: &mut String, w: &str) {
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
}

/// True when the sentence is written in title case (headlines: `Moscow
/// Hosts Armenia-Azerbaijan Talks as Fighting Continues`).
pub fn is_title_case(sent: &[&str]) -> bool {
    let alphabetic = |w: &&&str| w.chars().all(char::is_alphabetic);
    let mut words = 0;
    let mut capitalised_common = 0;
    for (k, w) in sent.iter().filter(alphabetic).enumerate() {
        words += 1;
        let long = w.chars().nth(3).is_some();
        if long
            && w.starts_with(char::is_lowercase)
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
        {
            return false;
        }
        // Words that are common in lower case, capitalised past the first word.
        if k > 0
            && w.starts_with(char::is_uppercase)
            && w.chars().nth(2).is_some()
            && GAZETTEER.is_common(w)
        {
            capitalised_common += 1;
        }
    }
    words >= 3 && capitalised_common >= 1
}

/// The tag-independent features of every token of a sentence, in one flat
/// table, with each token's partial hashes for the tag-history features.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceFeatures {
    buckets: Vec<u32>,
    /// `ends[i]`: end of token `i`'s buckets in `buckets`.
    ends: Vec<u32>,
    /// Per token: the hash state after its shape and after its lower case,
    /// completed with the previous tag by [`SentenceFeatures::history`].
    history: Vec<(Fnv, Fnv)>,
}

impl SentenceFeatures {
    /// The buckets of token `i` (empty for tokens never scored).
    pub fn token(&self, i: usize) -> &[u32] {
        let start = i
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .map_or(0, |&e| e as usize);
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.buckets.get(start..end).unwrap_or(&[])
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True for a sentence of no tokens.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every bucket of every token.
    pub fn all(&self) -> &[u32] {
        &self.buckets
    }

    /// Tag-history features of token `i` after tags `prev` and `prev2`:
    /// previous tag alone, previous two tags, previous tag with the
    /// token's shape and with its lower case.
    pub fn history(&self, i: usize, prev: u8, prev2: u8) -> [u32; 4] {
        let (shape, lower) = self
            .history
            .get(i)
            .copied()
            .unwrap_or((Fnv::new(42), Fnv::new(43)));
        [
            Fnv::new(40).byte(prev).bucket(),
            Fnv::new(41).byte(prev).byte(prev2).bucket(),
            shape.byte(prev).bucket(),
            lower.byte(prev).bucket(),
        ]
    }
}

/// Static (tag-independent) features of every token of a sentence.
pub fn sentence_features(sent: &[&str], ctx: &DocContext) -> SentenceFeatures {
    let g = &*GAZETTEER;
    // Lower-case words and shapes, each in one buffer.
    let mut lower_buf = String::with_capacity(sent.iter().map(|w| w.len()).sum());
    let mut lower_at = Vec::with_capacity(sent.len());
    let mut shape_buf = String::with_capacity(sent.len() * 3);
    let mut shape_at = Vec::with_capacity(sent.len());
    for w in sent {
        let a = lower_buf.len();
        push_lower(&mut lower_buf, w);
        lower_at.push((a, lower_buf.len()));
        let a = shape_buf.len();
        push_shape(&mut shape_buf, w);
        shape_at.push((a, shape_buf.len()));
    }
    let title = is_title_case(sent);
    let place = place_matches(sent);
    // Every list each token is in, looked up once (neighbours reuse them).
    let flags: Vec<WordFlags> = sent
        .iter()
        .map(|w| {
            if w.starts_with(char::is_alphanumeric) {
                g.flags(w)
            } else {
                WordFlags::default()
            }
        })
        .collect();
    let has = |i: isize, flag: u16| {
        usize::try_from(i)
            .ok()
            .and_then(|i| flags.get(i))
            .is_some_and(|f| f.has(flag))
    };
    // Each word and shape hashed once; features combine the hashes.
    let lower_h: Vec<u32> = lower_at
        .iter()
        .map(|&(a, b)| hash_str(lower_buf.get(a..b).unwrap_or("")))
        .collect();
    let shape_h: Vec<u32> = shape_at
        .iter()
        .map(|&(a, b)| hash_str(shape_buf.get(a..b).unwrap_or("")))
        .collect();
    let (before_h, after_h, none_h) = (hash_str("<s>"), hash_str("</s>"), hash_str("<>"));
    let word = |i: isize| -> u32 {
        usize::try_from(i)
            .ok()
            .and_then(|i| lower_h.get(i))
            .copied()
            .unwrap_or(if i < 0 { before_h } else { after_h })
    };
    let shp = |i: isize| -> u32 {
        usize::try_from(i)
            .ok()
            .and_then(|i| shape_h.get(i))
            .copied()
            .unwrap_or(none_h)
    };
    let lower_of = |i: usize| -> &str {
        lower_at
            .get(i)
            .and_then(|&(a, b)| lower_buf.get(a..b))
            .unwrap_or("")
    };
    let raw = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| sent.get(i))
            .copied()
            .unwrap_or("")
    };
    let mut out = SentenceFeatures {
        buckets: Vec::with_capacity(sent.len() * 16),
        ends: Vec::with_capacity(sent.len()),
        history: Vec::with_capacity(sent.len()),
    };
    for (i, w) in sent.iter().enumerate() {
        let ii = i as isize;
        let lw = lower_of(i);
        // The tagger never scores lower-case words other than connectors,
        // nor punctuation other than name glue: skip their features.
        let glue = matches!(*w, "-" | "&" | "'s" | "’s" | "." | "/");
        if !w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !glue
            && !has(ii, WordFlags::CONNECTOR)
        {
            out.history.push((Fnv::new(42), Fnv::new(43)));
            out.ends.push(out.buckets.len() as u32);
            continue;
        }
        out.history
            .push((Fnv::new(42).word(shp(ii)), Fnv::new(43).word(word(ii))));
        let f = &mut out.buckets;
        let mut add = |h: Fnv| f.push(h.bucket());
        add(Fnv::new(0));
        add(Fnv::new(1).word(word(ii)));
        if *w != lw {
            add(Fnv::new(2).str(w));
        }
        // Affixes by byte offsets of chars (no allocation).
        let n = lw.chars().count();
        let from_end = |k: usize| lw.char_indices().nth(n - k).map_or(0, |(b, _)| b);
        for (t, k) in [(3u8, 3usize), (4, 2), (30, 4)] {
            if n > k {
                add(Fnv::new(t).str(lw.get(from_end(k)..).unwrap_or("")));
            }
        }
        if n > 3 {
            let end = lw.char_indices().nth(3).map_or(lw.len(), |(b, _)| b);
            add(Fnv::new(5).str(lw.get(..end).unwrap_or("")));
        }
        add(Fnv::new(6).word(shp(ii)));
        add(Fnv::new(7).word(word(ii - 1)));
        add(Fnv::new(8).word(word(ii + 1)));
        add(Fnv::new(9).word(word(ii - 2)));
        add(Fnv::new(10).word(word(ii + 2)));
        add(Fnv::new(11).word(shp(ii - 1)).word(shp(ii)));
        add(Fnv::new(12).word(shp(ii)).word(shp(ii + 1)));
        let first = i == 0 || (i == 1 && is_quote(raw(0)));
        add(Fnv::new(13).byte(u8::from(first)).word(shp(ii)));
        if let Some(&(b, len)) = place.get(i).and_then(Option::as_ref) {
            add(Fnv::new(14).byte(u8::from(b)).byte(len.min(4) as u8));
        }
        if has(ii, WordFlags::DEMONYM) {
            add(Fnv::new(15));
        }
        if has(ii, WordFlags::ROLE) {
            add(Fnv::new(16));
        }
        if has(ii - 1, WordFlags::ROLE) {
            add(Fnv::new(17).byte(u8::from(raw(ii - 1).starts_with(char::is_uppercase))));
        }
        if has(ii + 1, WordFlags::ORG_HEAD) {
            add(Fnv::new(18));
        }
        if has(ii, WordFlags::ORG_HEAD) {
            add(Fnv::new(19));
        }
        if has(ii, WordFlags::AGENCY) {
            add(Fnv::new(20));
        }
        if has(ii, WordFlags::ORG) {
            add(Fnv::new(33));
        }
        if w.starts_with(char::is_uppercase) {
            let facts = ctx.facts_of(w);
            let first = u8::from(first);
            add(Fnv::new(21)
                .byte(first)
                .byte(u8::from(facts & Fact::LOWER_SEEN != 0)));
            add(Fnv::new(22)
                .byte(first)
                .byte(u8::from(facts & Fact::CAP_INSIDE != 0)));
            // Where else the document writes this word: before an
            // organisation head, after a title, after `in`, inside a name.
            for bit in [
                Fact::BEFORE_ORG_HEAD,
                Fact::AFTER_ROLE,
                Fact::AFTER_IN,
                Fact::AFTER_CAP,
            ] {
                if facts & bit != 0 {
                    add(Fnv::new(23).byte(bit));
                }
            }
            add(Fnv::new(26).byte(facts & !Fact::LOWER_SEEN));
        }
        add(Fnv::new(24).word(word(ii - 1)).word(word(ii)));
        add(Fnv::new(25).word(word(ii)).word(word(ii + 1)));
        if title {
            add(Fnv::new(27).word(shp(ii)));
        }
        let cap = |t: &str| t.starts_with(char::is_uppercase) && t.chars().any(char::is_lowercase);
        if cap(w) {
            // Common words capitalised are sentence starts and headlines;
            // two uncommon capitalised words in a row are most often a name.
            let common = has(ii, WordFlags::COMMON);
            add(Fnv::new(31).byte(u8::from(first)).byte(u8::from(common)));
            add(Fnv::new(32)
                .byte(u8::from(
                    cap(raw(ii + 1)) && !has(ii + 1, WordFlags::COMMON),
                ))
                .byte(u8::from(
                    cap(raw(ii - 1)) && !has(ii - 1, WordFlags::COMMON),
                ))
                .byte(u8::from(common)));
        }
        if matches!(raw(ii + 1), "'s" | "’s") {
            add(Fnv::new(28));
        }
        if w.starts_with(char::is_lowercase) && g.is_connector(lw) {
            add(Fnv::new(29).word(shp(ii - 1)).word(shp(ii + 1)));
        }
        out.ends.push(out.buckets.len() as u32);
    }
    out
}

/// For each token, `(is_begin, words)` of the longest gazetteer place that
/// covers it.
pub fn place_matches(sent: &[&str]) -> Vec<Option<(bool, usize)>> {
    let g = &*GAZETTEER;
    let mut out = vec![None; sent.len()];
    let mut name = String::new();
    let mut i = 0;
    while i < sent.len() {
        let mut best = 0;
        if sent[i].starts_with(char::is_uppercase) && g.is_place_prefix(sent[i]) {
            name.clear();
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
        assert_eq!(a.len(), s.len());
        assert!(a.all().iter().all(|&b| b < BUCKETS));
        // `said` is never scored: no features.
        assert!(a.token(5).is_empty() && !a.token(4).is_empty());
    }

    #[test]
    fn document_facts_reach_the_features_and_the_key() {
        let other = ["Ford", "Motors", "cut", "jobs", "."];
        let s = ["He", "said", "Ford", "would", "."];
        let alone = DocContext::new([&s[..]]);
        let with = DocContext::new([&other[..], &s[..]]);
        let key = |ctx: &DocContext| {
            let mut k = Vec::new();
            ctx.sentence_key(&s, &mut k);
            k
        };
        assert_ne!(key(&alone), key(&with));
        assert_ne!(
            sentence_features(&s, &alone).token(2),
            sentence_features(&s, &with).token(2)
        );
        // A document fact about another word leaves the key alone.
        let unrelated = ["Zorblax", "Group", "grew", "."];
        let third = DocContext::new([&unrelated[..], &s[..]]);
        assert_eq!(key(&alone), key(&third));
        assert!(with.seen_in_lower("Cut") && !with.seen_in_lower("Ford"));
    }
}
