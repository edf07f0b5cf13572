//! The statistical tagger: an averaged perceptron over BIO tags, trained by
//! `examples/train_ner.rs` and shipped as `models/ner.bin` (weights quantised
//! to `i16`, zero rows left out). A model decodes as it was trained
//! ([`Decoding`]): greedily left to right (the shipped model), or with
//! Viterbi over well-formed sequences ([`decode`]; `I-X` only after `B-X` or
//! `I-X`) after structured-perceptron training (Collins 2002: decode the
//! whole sentence, update where it contradicts the gold).
//!
//! Only tokens that could be part of a name are scored: a word starting with
//! a capital, or a connector/number/hyphen right after a name. Every other
//! token is `O` without looking at the weights, which keeps tagging fast and
//! keeps lower-case prose from ever being flagged.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{LazyLock, OnceLock};

use thiserror::Error;

use super::features::{sentence_features, DocContext, SentenceFeatures, BUCKETS};
use super::gazetteer::GAZETTEER;
use super::EntityType;

/// Number of tags: `O` and `B-`/`I-` for each of the four types.
pub const TAGS: usize = 9;
/// The tag of tokens outside any name.
pub const O: u8 = 0;
/// Gold value of a token whose tag is unknown (partially annotated
/// corpora): the trainer makes no update there.
pub const UNKNOWN: u8 = 255;
/// History value before the first token.
const START: u8 = TAGS as u8;

/// The bytes of the shipped model file.
pub const MODEL_BYTES: &[u8] = include_bytes!("../../../models/ner.bin");

/// The model compiled into the binary, decoded once on first use (or the
/// one given to [`use_model`] before that).
pub static MODEL: LazyLock<Model> = LazyLock::new(|| {
    LOADED.store(true, Ordering::SeqCst);
    REPLACEMENT
        .get()
        .cloned()
        .unwrap_or_else(|| Model::from_bytes(MODEL_BYTES).unwrap_or_else(|_| Model::empty()))
});

static REPLACEMENT: OnceLock<Model> = OnceLock::new();
static LOADED: AtomicBool = AtomicBool::new(false);

/// Makes [`MODEL`] a freshly trained model instead of the shipped one, for
/// evaluating a model without rebuilding (`eval_ner --dev`). Only works
/// before the first use of [`MODEL`]; returns false after it.
pub fn use_model(model: Model) -> bool {
    !LOADED.load(Ordering::SeqCst) && REPLACEMENT.set(model).is_ok()
}

/// The `B-` tag of a type.
pub fn begin(kind: EntityType) -> u8 {
    match kind {
        EntityType::Person => 1,
        EntityType::Org => 3,
        EntityType::Place => 5,
        EntityType::Group => 7,
    }
}

/// The type of a non-`O` tag.
pub fn tag_type(tag: u8) -> Option<EntityType> {
    match tag {
        1 | 2 => Some(EntityType::Person),
        3 | 4 => Some(EntityType::Org),
        5 | 6 => Some(EntityType::Place),
        7 | 8 => Some(EntityType::Group),
        _ => None,
    }
}

/// True for `I-` tags.
pub fn is_inside(tag: u8) -> bool {
    tag != O && tag % 2 == 0
}

/// A model file that could not be read.
#[derive(Debug, Error)]
#[error("invalid NER model: {0}")]
pub struct ModelError(&'static str);

/// Averaged-perceptron weights: `BUCKETS × TAGS`, quantised to `i16` as in
/// the file (half the memory of `f32`, so more of the table stays in cache;
/// one common scale does not change which tag scores best).
#[derive(Debug, Clone)]
pub struct Model {
    weights: Vec<i16>,
    scale: f32,
    decoding: Decoding,
}

/// How a model decodes a sentence; it must be the way it was trained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoding {
    /// Left to right, each token's best tag given the tags before it
    /// (trained token by token).
    Greedy,
    /// The best well-formed sequence ([`decode`]; trained as a structured
    /// perceptron).
    Viterbi,
}

/// File magic of greedy models (the format predates Viterbi ones).
const MAGIC: &[u8; 8] = b"DLNER01\0";
/// File magic of Viterbi models (same layout).
const MAGIC_VITERBI: &[u8; 8] = b"DLNER02\0";

impl Model {
    /// A model with all weights zero (tags everything `O`).
    pub fn empty() -> Model {
        Model {
            weights: vec![0; BUCKETS as usize * TAGS],
            scale: 1.0,
            decoding: Decoding::Greedy,
        }
    }

    /// Quantises trained weights (`BUCKETS × TAGS` of them).
    fn quantise(weights: &[f32], decoding: Decoding) -> Model {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        Model {
            weights: weights.iter().map(|w| (w / scale).round() as i16).collect(),
            scale,
            decoding,
        }
    }

    /// Reads the compact file format written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        let decoding = match r.take(8)? {
            m if m == MAGIC => Decoding::Greedy,
            m if m == MAGIC_VITERBI => Decoding::Viterbi,
            _ => return Err(ModelError("bad magic")),
        };
        if r.u32()? != BUCKETS || r.u32()? as usize != TAGS {
            return Err(ModelError("feature table size differs from this build"));
        }
        let scale = f32::from_bits(r.u32()?);
        let rows = r.u32()?;
        let mut model = Model::empty();
        model.scale = scale;
        model.decoding = decoding;
        let mut bucket = 0u32;
        for _ in 0..rows {
            bucket = bucket.checked_add(r.u32()?).ok_or(ModelError("bad row"))?;
            let row = model
                .weights
                .get_mut(bucket as usize * TAGS..(bucket as usize + 1) * TAGS)
                .ok_or(ModelError("row out of range"))?;
            for w in row {
                *w = r.i16()?;
            }
        }
        Ok(model)
    }

    /// The compact file: header, then delta-coded non-zero rows of `i16`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let q = &self.weights;
        let rows: Vec<usize> = (0..BUCKETS as usize)
            .filter(|b| q[b * TAGS..(b + 1) * TAGS].iter().any(|&v| v != 0))
            .collect();
        let mut out = Vec::with_capacity(24 + rows.len() * (4 + 2 * TAGS));
        out.extend_from_slice(match self.decoding {
            Decoding::Greedy => MAGIC,
            Decoding::Viterbi => MAGIC_VITERBI,
        });
        out.extend_from_slice(&BUCKETS.to_le_bytes());
        out.extend_from_slice(&(TAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_bits().to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut last = 0usize;
        for b in rows {
            out.extend_from_slice(&((b - last) as u32).to_le_bytes());
            last = b;
            for v in &q[b * TAGS..(b + 1) * TAGS] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// How this model decodes.
    pub fn decoding(&self) -> Decoding {
        self.decoding
    }

    /// Tags one sentence the way the model was trained: greedily or the
    /// best-scoring well-formed sequence ([`decode`]); `feats` from
    /// [`sentence_features`].
    pub fn tag(&self, sent: &[&str], feats: &SentenceFeatures) -> Vec<u8> {
        if self.decoding == Decoding::Greedy {
            return greedy(
                sent,
                |i| self.sum(feats.token(i)),
                |i, prev, prev2| self.sum(&feats.history(i, prev, prev2)),
            );
        }
        decode(
            sent,
            |i| self.sum(feats.token(i)),
            |i, prev, prev2| self.sum(&feats.history(i, prev, prev2)),
            |_, _| 0,
        )
    }

    /// The score of every tag for features `feats`.
    fn sum(&self, feats: &[u32]) -> [i32; TAGS] {
        let mut scores = [0i32; TAGS];
        for &f in feats {
            let at = f as usize * TAGS;
            if let Some(row) = self.weights.get(at..at + TAGS) {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
        scores
    }
}

/// Scores of every tag for features `feats` under float weights (training).
fn scores_f64(weights: &[f32], feats: &[u32]) -> [f64; TAGS] {
    let mut scores = [0f64; TAGS];
    for &f in feats {
        let at = f as usize * TAGS;
        if let Some(row) = weights.get(at..at + TAGS) {
            for (s, w) in scores.iter_mut().zip(row) {
                *s += f64::from(*w);
            }
        }
    }
    scores
}

/// True when token `w` (after tag `prev`, before `next`) may be part of a name.
pub fn is_candidate(w: &str, prev: u8, next: &str) -> bool {
    let Some(c) = w.chars().next() else {
        return false;
    };
    if c.is_uppercase() {
        return true;
    }
    let in_name = prev != O && prev != START;
    let next_cap = next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    in_name
        && (c.is_ascii_digit()
            || (matches!(w, "-" | "&" | "'s" | "’s" | "." | "/") && next_cap)
            || (GAZETTEER.is_connector(w) && next_cap && !super::names::is_time_word(next)))
}

/// True when tag `t` may follow tag `prev` (`I-X` only after `B-X`/`I-X`).
pub fn allowed(prev: u8, t: u8) -> bool {
    !is_inside(t) || (prev != START && prev != O && tag_type(prev) == tag_type(t))
}

/// Viterbi decoding of one sentence over the perceptron's scores: the tag
/// sequence with the highest total score among the well-formed ones
/// (`I-X` only after `B-X`/`I-X`), so a strong name later in a sentence
/// can correct an early choice that greedy left-to-right decoding keeps.
///
/// `token(i)` gives the tag scores of token `i`'s own features (asked once
/// per token, only if it is a candidate), `history(i, prev, prev2)` those of
/// its tag-history features, `bonus(i, tag)` an extra score (training uses
/// it to find the best sequence agreeing with partial gold tags). A token
/// that cannot be part of a name after `prev` ([`is_candidate`]) is `O`
/// with no score. The history is first order in the lattice; `prev2` is
/// read from the best path into `prev` (exact for the path returned). Ties
/// go to the lower tag, so decoding is deterministic.
pub fn decode<S>(
    sent: &[&str],
    mut token: impl FnMut(usize) -> [S; TAGS],
    mut history: impl FnMut(usize, u8, u8) -> [S; TAGS],
    mut bonus: impl FnMut(usize, u8) -> S,
) -> Vec<u8>
where
    S: Copy + PartialOrd + std::ops::Add<Output = S> + Default,
{
    let n = sent.len();
    // best[t]: score of the best path ending in tag t (None: unreachable).
    let mut best: [Option<S>; TAGS] = [None; TAGS];
    // back[i * TAGS + t]: the tag before t at token i on that path.
    let mut back = vec![START; n * TAGS];
    for (i, w) in sent.iter().enumerate() {
        let next = sent.get(i + 1).copied().unwrap_or("");
        let mut now: [Option<S>; TAGS] = [None; TAGS];
        let mut own: Option<[S; TAGS]> = None;
        let mut prevs = [(START, S::default()); TAGS];
        let mut count = 0;
        if i == 0 {
            count = 1;
        } else {
            for (t, s) in best.iter().enumerate() {
                if let Some(s) = *s {
                    prevs[count] = (t as u8, s);
                    count += 1;
                }
            }
        }
        for &(prev, score) in &prevs[..count] {
            if !is_candidate(w, prev, next) {
                offer(&mut now, &mut back, i, O, score + bonus(i, O), prev);
                continue;
            }
            let prev2 = if i >= 2 && prev != START {
                back[(i - 1) * TAGS + prev as usize]
            } else {
                START
            };
            let own = *own.get_or_insert_with(|| token(i));
            let hist = history(i, prev, prev2);
            for t in 0..TAGS as u8 {
                if allowed(prev, t) {
                    let s = score + own[t as usize] + hist[t as usize] + bonus(i, t);
                    offer(&mut now, &mut back, i, t, s, prev);
                }
            }
        }
        best = now;
    }
    // Follow the back pointers from the best last tag.
    let mut tags = vec![O; n];
    let mut last = best
        .iter()
        .enumerate()
        .fold(None::<(u8, S)>, |acc, (t, s)| match (acc, s) {
            (Some((_, a)), Some(s)) if *s > a => Some((t as u8, *s)),
            (None, Some(s)) => Some((t as u8, *s)),
            (acc, _) => acc,
        })
        .map_or(O, |(t, _)| t);
    for i in (0..n).rev() {
        tags[i] = last;
        last = back[i * TAGS + last as usize];
    }
    tags
}

/// Greedy left-to-right decoding: each token's best tag allowed after the
/// tag before it (scores as in [`decode`]; ties to the lower tag).
pub fn greedy<S>(
    sent: &[&str],
    mut token: impl FnMut(usize) -> [S; TAGS],
    mut history: impl FnMut(usize, u8, u8) -> [S; TAGS],
) -> Vec<u8>
where
    S: Copy + PartialOrd + std::ops::Add<Output = S> + Default,
{
    let mut tags: Vec<u8> = Vec::with_capacity(sent.len());
    for (i, w) in sent.iter().enumerate() {
        let prev = if i == 0 { START } else { tags[i - 1] };
        let prev2 = if i < 2 { START } else { tags[i - 2] };
        let next = sent.get(i + 1).copied().unwrap_or("");
        if !is_candidate(w, prev, next) {
            tags.push(O);
            continue;
        }
        let own = token(i);
        let hist = history(i, prev, prev2);
        let mut scores = [S::default(); TAGS];
        for (t, s) in scores.iter_mut().enumerate() {
            *s = own[t] + hist[t];
        }
        tags.push(best_allowed(&scores, prev));
    }
    tags
}

/// The highest-scoring tag that may follow `prev` (`I-X` only after `X`).
fn best_allowed<S: PartialOrd + Copy>(scores: &[S; TAGS], prev: u8) -> u8 {
    let mut best = O;
    let mut best_score = scores[0];
    for (t, &s) in scores.iter().enumerate().skip(1) {
        let t = t as u8;
        if allowed(prev, t) && s > best_score {
            best = t;
            best_score = s;
        }
    }
    best
}

/// Scores of every tag for features `feats` under float weights (greedy
/// training, as the shipped greedy model was trained).
fn scores_f32(weights: &[f32], feats: &[u32], hist: &[u32; 4]) -> [f32; TAGS] {
    let mut scores = [0f32; TAGS];
    for &f in feats.iter().chain(hist.iter()) {
        let at = f as usize * TAGS;
        if let Some(row) = weights.get(at..at + TAGS) {
            for (s, w) in scores.iter_mut().zip(row) {
                *s += w;
            }
        }
    }
    scores
}

/// Keeps score `s` for tag `t` at token `i` (coming from `prev`) if it beats
/// the best kept so far.
fn offer<S: Copy + PartialOrd>(
    now: &mut [Option<S>; TAGS],
    back: &mut [u8],
    i: usize,
    t: u8,
    s: S,
    prev: u8,
) {
    let slot = &mut now[t as usize];
    if slot.is_none_or(|old| s > old) {
        *slot = Some(s);
        back[i * TAGS + t as usize] = prev;
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let s = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or(ModelError("truncated"))?;
        self.at += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        let b = self.take(2)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }
}

/// One training sentence: words and gold tags.
#[derive(Debug, Clone)]
pub struct Example {
    pub words: Vec<String>,
    pub gold: Vec<u8>,
}

/// The score added in training to a tag agreeing with a known gold tag,
/// larger than any sum of weights, so the target sequence agrees with the
/// gold wherever a well-formed sequence can.
const GOLD_BONUS: f64 = 1e9;

/// Trains a structured averaged perceptron on documents of examples:
/// `iterations` passes, sentence order shuffled by a fixed-seed generator,
/// so the same input always yields the same model. Each sentence is decoded
/// as in tagging ([`decode`]); if the result disagrees with a known gold
/// tag, the weights move towards the best sequence agreeing with the gold
/// (unknown tokens of partially annotated corpora take the model's choice)
/// and away from the decoded one.
pub fn train(docs: &[Vec<Example>], iterations: usize, seed: u64, decoding: Decoding) -> Model {
    struct Prepared {
        words: Vec<String>,
        feats: SentenceFeatures,
        gold: Vec<u8>,
    }
    let mut data = Vec::new();
    for doc in docs {
        let sents: Vec<Vec<&str>> = doc
            .iter()
            .map(|e| e.words.iter().map(String::as_str).collect())
            .collect();
        let ctx = DocContext::new(sents.iter().map(Vec::as_slice));
        for (e, s) in doc.iter().zip(&sents) {
            data.push(Prepared {
                words: e.words.clone(),
                feats: sentence_features(s, &ctx),
                gold: e.gold.clone(),
            });
        }
    }
    let n = BUCKETS as usize * TAGS;
    let mut weights = vec![0f32; n];
    let mut totals = vec![0f64; n];
    let mut stamps = vec![0u64; n];
    let mut clock: u64 = 0;
    let mut rng = seed.max(1);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut update = |weights: &mut [f32], feats: &[u32], tag: u8, delta: f32, clock: u64| {
        for &f in feats {
            let k = f as usize * TAGS + tag as usize;
            totals[k] += f64::from(weights[k]) * (clock - stamps[k]) as f64;
            stamps[k] = clock;
            weights[k] += delta;
        }
    };
    for _ in 0..iterations {
        // Fisher–Yates with xorshift64.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        if decoding == Decoding::Greedy {
            for &s in &order {
                let ex = &data[s];
                let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
                let mut tags: Vec<u8> = Vec::with_capacity(words.len());
                for (i, w) in words.iter().enumerate() {
                    clock += 1;
                    let prev = if i == 0 { START } else { tags[i - 1] };
                    let prev2 = if i < 2 { START } else { tags[i - 2] };
                    let next = words.get(i + 1).copied().unwrap_or("");
                    if !is_candidate(w, prev, next) {
                        tags.push(O);
                        continue;
                    }
                    let hist = ex.feats.history(i, prev, prev2);
                    let scores = scores_f32(&weights, ex.feats.token(i), &hist);
                    let guess = best_allowed(&scores, prev);
                    let gold = ex.gold[i];
                    if guess != gold && gold != UNKNOWN {
                        let feats: Vec<u32> = ex
                            .feats
                            .token(i)
                            .iter()
                            .chain(hist.iter())
                            .copied()
                            .collect();
                        update(&mut weights, &feats, gold, 1.0, clock);
                        update(&mut weights, &feats, guess, -1.0, clock);
                    }
                    tags.push(guess);
                }
            }
            continue;
        }
        for &s in &order {
            let ex = &data[s];
            clock += 1;
            let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
            let feats = &ex.feats;
            let weights_now = &weights;
            // Shared references only: both closures are `Copy`, used twice.
            let own = |i: usize| scores_f64(weights_now, feats.token(i));
            let after = |i: usize, p: u8, p2: u8| scores_f64(weights_now, &feats.history(i, p, p2));
            let guess = decode(&words, own, after, |_, _| 0.0);
            let agrees = |tags: &[u8]| {
                tags.iter()
                    .zip(&ex.gold)
                    .all(|(&t, &g)| g == UNKNOWN || t == g)
            };
            if agrees(&guess) {
                continue;
            }
            // The target: the best sequence agreeing with the known gold
            // tags (tokens of unknown tag take what the model prefers).
            let target = decode(&words, own, after, |i, t| {
                let g = ex.gold.get(i).copied().unwrap_or(UNKNOWN);
                if g != UNKNOWN && g == t {
                    GOLD_BONUS
                } else {
                    0.0
                }
            });
            // Update where the two sequences differ in a token's tag or
            // its history (the features of equal positions cancel out).
            let at = |tags: &[u8], i: usize| {
                let prev = if i == 0 { START } else { tags[i - 1] };
                let prev2 = if i < 2 { START } else { tags[i - 2] };
                (tags[i], prev, prev2)
            };
            for (i, w) in words.iter().enumerate() {
                let (good, bad) = (at(&target, i), at(&guess, i));
                if good == bad {
                    continue;
                }
                let next = words.get(i + 1).copied().unwrap_or("");
                for ((tag, prev, prev2), delta) in [(good, 1.0), (bad, -1.0)] {
                    if is_candidate(w, prev, next) {
                        let hist = feats.history(i, prev, prev2);
                        update(&mut weights, feats.token(i), tag, delta, clock);
                        update(&mut weights, &hist, tag, delta, clock);
                    }
                }
            }
        }
    }
    clock += 1;
    for k in 0..n {
        totals[k] += f64::from(weights[k]) * (clock - stamps[k]) as f64;
        weights[k] = (totals[k] / clock as f64) as f32;
    }
    Model::quantise(&weights, decoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates() {
        assert!(is_candidate("Putin", O, "said"));
        assert!(!is_candidate("said", 1, "Putin"));
        assert!(is_candidate("for", 3, "Security"));
        assert!(!is_candidate("for", O, "Security"));
    }

    /// Decodes a constructed score table: `own[i]` the scores of token
    /// `i`, `after[prev]` added for a tag after `prev`.
    fn decode_table(sent: &[&str], own: &[[i32; TAGS]], after: &[(u8, u8, i32)]) -> Vec<u8> {
        decode(
            sent,
            |i| own[i],
            |_, prev, _| {
                let mut s = [0; TAGS];
                for &(p, t, v) in after {
                    if p == prev {
                        s[t as usize] += v;
                    }
                }
                s
            },
            |_, _| 0,
        )
    }

    #[test]
    fn inside_only_after_same_type() {
        let mut s = [0i32; TAGS];
        s[2] = 5; // I-PERSON
        s[1] = 1;
        assert_eq!(decode_table(&["Zorbu"], &[s], &[]), [1]);
        assert_eq!(decode_table(&["Zorbu", "Quell"], &[s, s], &[]), [1, 2]);
        let mut org = [0i32; TAGS];
        org[3] = 9;
        assert_eq!(decode_table(&["Acme", "Quell"], &[org, s], &[]), [3, 1]);
    }

    /// Scores where greedy takes B-PERSON for the first token (20 > 19 as
    /// B-ORG) and then cannot continue the name; the best sequence is B-ORG
    /// I-ORG.
    fn acme_holdings() -> [[i32; TAGS]; 2] {
        let mut first = [0i32; TAGS];
        first[1] = 20;
        first[3] = 19;
        let mut second = [0i32; TAGS];
        second[4] = 100;
        second[2] = -50;
        second[0] = 5;
        [first, second]
    }

    #[test]
    fn viterbi_beats_greedy_on_a_constructed_table() {
        let tags = decode_table(&["Acme", "Holdings"], &acme_holdings(), &[]);
        assert_eq!(tags, [3, 4]);
        // Learned transitions count too: a strong O→B-PLACE penalty.
        let mut place = [0i32; TAGS];
        place[5] = 10;
        let tags = decode_table(&["Xanadu"], &[place], &[(START, 5, -20)]);
        assert_eq!(tags, [O]);
    }

    #[test]
    fn lower_case_words_outside_names_stay_o() {
        let mut high = [0i32; TAGS];
        high[1] = 50;
        high[2] = 50;
        // `said` can never be a name: forced O even with high scores.
        let tags = decode_table(&["Putin", "said", "so"], &[high, high, high], &[]);
        assert_eq!(tags, [1, O, O]);
    }

    proptest::proptest! {
        #[test]
        fn decoding_is_well_formed(
            scores in proptest::collection::vec(proptest::collection::vec(-50i32..50, TAGS), 1..12),
            trans in proptest::collection::vec((0u8..=START, 0u8..TAGS as u8, -50i32..50), 0..20),
        ) {
            let own: Vec<[i32; TAGS]> = scores
                .iter()
                .map(|r| std::array::from_fn(|t| r[t]))
                .collect();
            let words: Vec<String> = (0..own.len()).map(|i| format!("W{i}")).collect();
            let sent: Vec<&str> = words.iter().map(String::as_str).collect();
            let tags = decode_table(&sent, &own, &trans);
            proptest::prop_assert_eq!(tags.len(), sent.len());
            for (i, &t) in tags.iter().enumerate() {
                let prev = if i == 0 { START } else { tags[i - 1] };
                proptest::prop_assert!(allowed(prev, t), "{:?}", tags);
            }
            // No other well-formed sequence scores higher (brute force on short ones).
            if own.len() <= 4 {
                let total = |seq: &[u8]| -> i32 {
                    seq.iter().enumerate().map(|(i, &t)| {
                        let prev = if i == 0 { START } else { seq[i - 1] };
                        own[i][t as usize]
                            + trans.iter().filter(|&&(p, q, _)| p == prev && q == t).map(|x| x.2).sum::<i32>()
                    }).sum()
                };
                let mut seq = vec![0u8; own.len()];
                loop {
                    let ok = seq.iter().enumerate().all(|(i, &t)| allowed(if i == 0 { START } else { seq[i - 1] }, t));
                    if ok {
                        proptest::prop_assert!(total(&seq) <= total(&tags));
                    }
                    let mut k = 0;
                    while k < seq.len() && seq[k] as usize == TAGS - 1 {
                        seq[k] = 0;
                        k += 1;
                    }
                    if k == seq.len() {
                        break;
                    }
                    seq[k] += 1;
                }
            }
        }
    }

    #[test]
    fn round_trips_and_learns_a_toy_task() {
        let ex = |w: &[&str], g: &[u8]| Example {
            words: w.iter().map(|s| s.to_string()).collect(),
            gold: g.to_vec(),
        };
        let docs = vec![vec![
            ex(&["Zorbu", "Quell", "said", "hi", "."], &[1, 2, 0, 0, 0]),
            ex(&["They", "met", "Zorbu", "Quell", "."], &[0, 0, 1, 2, 0]),
        ]];
        for decoding in [Decoding::Greedy, Decoding::Viterbi] {
            let model = train(&docs, 5, 7, decoding);
            let back = Model::from_bytes(&model.to_bytes()).expect("round trip");
            let s = ["They", "met", "Zorbu", "Quell", "."];
            let ctx = DocContext::new([&s[..]]);
            assert_eq!(back.tag(&s, &sentence_features(&s, &ctx)), [0, 0, 1, 2, 0]);
            assert!(Model::from_bytes(b"garbage").is_err());
            assert!(Model::from_bytes(&model.to_bytes()[..30]).is_err());
            assert_eq!(back.decoding(), decoding);
        }
    }

    #[test]
    fn greedy_keeps_its_first_choice() {
        // The table where Viterbi finds B-ORG I-ORG: greedy keeps B-PERSON.
        let table = acme_holdings();
        let tags = greedy(&["Acme", "Holdings"], |i| table[i], |_, _, _| [0; TAGS]);
        assert_eq!(tags, [1, O]);
    }
}
