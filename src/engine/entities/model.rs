//! The statistical tagger: an averaged perceptron over BIO tags with greedy
//! left-to-right decoding, trained by `examples/train_ner.rs` and shipped as
//! `models/ner.bin` (weights quantised to `i16`, zero rows left out).
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
}

const MAGIC: &[u8; 8] = b"DLNER01\0";

impl Model {
    /// A model with all weights zero (tags everything `O`).
    pub fn empty() -> Model {
        Model {
            weights: vec![0; BUCKETS as usize * TAGS],
            scale: 1.0,
        }
    }

    /// Quantises trained weights (`BUCKETS × TAGS` of them).
    fn quantise(weights: &[f32]) -> Model {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        Model {
            weights: weights.iter().map(|w| (w / scale).round() as i16).collect(),
            scale,
        }
    }

    /// Reads the compact file format written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError("bad magic"));
        }
        if r.u32()? != BUCKETS || r.u32()? as usize != TAGS {
            return Err(ModelError("feature table size differs from this build"));
        }
        let scale = f32::from_bits(r.u32()?);
        let rows = r.u32()?;
        let mut model = Model::empty();
        model.scale = scale;
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
        out.extend_from_slice(MAGIC);
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

    /// Tags one sentence greedily; `feats` from [`sentence_features`].
    pub fn tag(&self, sent: &[&str], feats: &SentenceFeatures) -> Vec<u8> {
        let mut tags = Vec::with_capacity(sent.len());
        for (i, w) in sent.iter().enumerate() {
            let prev = if i == 0 { START } else { tags[i - 1] };
            let prev2 = if i < 2 { START } else { tags[i - 2] };
            let next = sent.get(i + 1).copied().unwrap_or("");
            if !is_candidate(w, prev, next) {
                tags.push(O);
                continue;
            }
            let mut scores = [0i32; TAGS];
            let hist = feats.history(i, prev, prev2);
            for &f in feats.token(i).iter().chain(hist.iter()) {
                let at = f as usize * TAGS;
                if let Some(row) = self.weights.get(at..at + TAGS) {
                    for (s, &w) in scores.iter_mut().zip(row) {
                        *s += i32::from(w);
                    }
                }
            }
            tags.push(best_allowed(&scores, prev));
        }
        tags
    }
}

/// Scores of every tag for features `feats` under float weights (training).
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

/// The highest-scoring tag that may follow `prev` (`I-X` only after `X`).
fn best_allowed<S: PartialOrd + Copy>(scores: &[S; TAGS], prev: u8) -> u8 {
    let mut best = O;
    let mut best_score = scores[0];
    for (t, &s) in scores.iter().enumerate().skip(1) {
        let t = t as u8;
        let allowed =
            !is_inside(t) || (prev != START && prev != O && tag_type(prev) == tag_type(t));
        if allowed && s > best_score {
            best = t;
            best_score = s;
        }
    }
    best
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

/// Trains an averaged perceptron on documents of examples: `iterations`
/// passes, sentence order shuffled by a fixed-seed generator, so the same
/// input always yields the same model.
pub fn train(docs: &[Vec<Example>], iterations: usize, seed: u64) -> Model {
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
    }
    clock += 1;
    for k in 0..n {
        totals[k] += f64::from(weights[k]) * (clock - stamps[k]) as f64;
        weights[k] = (totals[k] / clock as f64) as f32;
    }
    Model::quantise(&weights)
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

    #[test]
    fn inside_only_after_same_type() {
        let mut s = [0i32; TAGS];
        s[2] = 5; // I-PERSON
        s[1] = 1;
        assert_eq!(best_allowed(&s, O), 1);
        assert_eq!(best_allowed(&s, 1), 2);
        assert_eq!(best_allowed(&s, 3), 1);
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
        let model = train(&docs, 5, 7);
        let back = Model::from_bytes(&model.to_bytes()).expect("round trip");
        let s = ["They", "met", "Zorbu", "Quell", "."];
        let ctx = DocContext::new([&s[..]]);
        assert_eq!(back.tag(&s, &sentence_features(&s, &ctx)), [0, 0, 1, 2, 0]);
        assert!(Model::from_bytes(b"garbage").is_err());
        assert!(Model::from_bytes(&model.to_bytes()[..30]).is_err());
    }
}
