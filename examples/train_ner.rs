//! Trains the named-entity tagger and writes `models/ner.bin`.
//!
//! ```text
//! cargo run --release --example train_ner -- /work/shared/data [models/ner.bin]
//! ```
//!
//! Reads `DATA/gum/*.conllu` (minus GUM's test split, from `splits.md`) and
//! `DATA/meantime/corpus_{airbus,apple,gm}` (corpus_stock is held out for
//! evaluation). Files are read in sorted order and the perceptron shuffles
//! with a fixed seed, so the same data always gives the same model.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline::engine::entities::model::{train, Example};
use dateline::eval::entities::{examples, gum_test_split, read_docs};

const ITERATIONS: usize = 12;
const SEED: u64 = 20201008;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "models/ner.bin".into()));
    let started = Instant::now();
    let test = gum_test_split(&std::fs::read_to_string(data.join("gum/splits.md"))?);
    let mut docs = read_docs(&[data.join("gum")])?;
    docs.retain(|d| !test.contains(&d.name));
    let gum = docs.len();
    let meantime: Vec<PathBuf> = ["corpus_airbus", "corpus_apple", "corpus_gm"]
        .iter()
        .map(|t| data.join("meantime").join(t))
        .collect();
    docs.extend(read_docs(&meantime)?);
    let train_docs: Vec<_> = docs.iter().map(examples).collect();
    let sentences: usize = train_docs.iter().map(Vec::len).sum();
    let tokens: usize = train_docs.iter().flatten().map(|e| e.words.len()).sum();
    eprintln!(
        "{gum} GUM + {} MEANTIME documents, {sentences} sentences, {tokens} tokens",
        docs.len() - gum
    );
    write_common_words(&train_docs, &PathBuf::from("models/gazetteer/common.txt"))?;
    let model = train(&train_docs, ITERATIONS, SEED);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes)?;
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s",
        out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Writes the words seen in lower case at least twice and at least four
/// times as often as capitalised inside a sentence: common words, not names.
fn write_common_words(docs: &[Vec<Example>], out: &Path) -> std::io::Result<()> {
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in docs.iter().flatten() {
        for (i, w) in e.words.iter().enumerate() {
            if !w.chars().all(char::is_alphabetic) {
                continue;
            }
            let lower = w.to_lowercase();
            let c = counts.entry(lower.clone()).or_default();
            if *w == lower {
                c.0 += 1;
            } else if i > 0 {
                c.1 += 1;
            }
        }
    }
    let mut text = String::from(
        "# Common lower-case words of the training text (written by examples/train_ner.rs).\n",
    );
    for (w, (lower, cap)) in counts {
        if lower >= 2 && lower >= 4 * cap {
            text.push_str(&w);
            text.push('\n');
        }
    }
    std::fs::write(out, text)
}
