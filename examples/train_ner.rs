//! Trains the named-entity tagger and writes `models/ner.bin`.
//!
//! ```text
//! cargo run --release --example train_ner -- /work/shared/data [models/ner.bin] [--dev] [--viterbi]
//! ```
//!
//! Reads `DATA/gum/*.conllu` (minus GUM's test split, from `splits.md`) and
//! `DATA/meantime/corpus_{airbus,apple,gm}` (corpus_stock is held out for
//! evaluation). Files are read in sorted order and the perceptron shuffles
//! with a fixed seed, so the same data always gives the same model. With
//! `--dev`, GUM's dev split and `corpus_gm` are held out too, and
//! `models/gazetteer/common.txt` is left alone. With `--viterbi`, the model
//! is a structured perceptron decoded with Viterbi (not the shipped one:
//! see `training/README.md`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline::engine::entities::model::Example;
use dateline::eval::entities::{examples, train_model, training_docs};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dev = args.iter().any(|a| a == "--dev");
    let viterbi = args.iter().any(|a| a == "--viterbi");
    let mut paths = args.iter().filter(|a| !a.starts_with("--"));
    let data = PathBuf::from(paths.next().map_or("../shared/data", String::as_str));
    let out = PathBuf::from(paths.next().map_or("models/ner.bin", String::as_str));
    let started = Instant::now();
    let docs = training_docs(&data, dev)?;
    let train_docs: Vec<_> = docs.iter().map(examples).collect();
    let sentences: usize = train_docs.iter().map(Vec::len).sum();
    let tokens: usize = train_docs.iter().flatten().map(|e| e.words.len()).sum();
    let gum = docs.iter().filter(|d| d.name.starts_with("GUM_")).count();
    eprintln!(
        "{gum} GUM + {} MEANTIME documents, {sentences} sentences, {tokens} tokens",
        docs.len() - gum
    );
    if !dev {
        write_common_words(&train_docs, &PathBuf::from("models/gazetteer/common.txt"))?;
    }
    let model = train_model(&docs, viterbi);
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
