//! Generates a large, realistic article set for benchmarks, reproducibly.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR N [--words W] [--seed S] [--meantime DIR]
//! ```
//!
//! Paragraphs come from `seeds/` and, when the folder exists, from MEANTIME
//! (default `/work/shared/data/meantime`; `--meantime none` to use the seeds
//! alone). See `benches/support/corpus_gen.rs` for what is shuffled, renamed,
//! shifted and planted. Same arguments, same files.

#[path = "../benches/support/corpus_gen.rs"]
mod corpus_gen;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut words = 600;
    let mut seed = 1;
    let mut meantime = Some(PathBuf::from("/work/shared/data/meantime"));
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--words" => words = args.next().and_then(|v| v.parse().ok()).unwrap_or(words),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--meantime" => meantime = args.next().filter(|v| v != "none").map(PathBuf::from),
            _ => positional.push(arg),
        }
    }
    let (Some(out), Some(n)) = (
        positional.first(),
        positional.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen_corpus OUT_DIR N [--words W] [--seed S] [--meantime DIR|none]");
        return ExitCode::from(2);
    };
    let sources =
        corpus_gen::Sources::load(Path::new(env!("CARGO_MANIFEST_DIR")), meantime.as_deref());
    if sources.paragraphs.is_empty() {
        eprintln!("no source paragraphs (seeds/ missing?)");
        return ExitCode::from(2);
    }
    let options = corpus_gen::Options {
        articles: n,
        words,
        seed,
    };
    let mut bytes = 0;
    for article in corpus_gen::generate(&sources, &options) {
        let path = Path::new(out).join(&article.name);
        if let Some(dir) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("{}: {e}", dir.display());
                return ExitCode::from(1);
            }
        }
        if let Err(e) = std::fs::write(&path, &article.text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(1);
        }
        bytes += article.text.len();
    }
    eprintln!(
        "wrote {n} articles, {:.1} MB, to {out} (pool: {} paragraphs, {} from MEANTIME; seed {seed})",
        bytes as f64 / 1e6,
        sources.paragraphs.len(),
        sources.from_meantime
    );
    ExitCode::SUCCESS
}
