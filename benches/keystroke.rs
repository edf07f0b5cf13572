//! The engine path of one keystroke: edit one paragraph of a 10,000-word
//! article, re-analyse it, update a 1,000-article corpus, compute that
//! article's findings (debounce and protocol excluded; see
//! `examples/lsp_latency.rs` for the stdio path).
//!
//! `cargo bench --bench keystroke -- --warm-up-time 1 --measurement-time 5`
//! prints criterion's estimate, then p50/p90/p99/max over 1,000 timed
//! keystrokes.

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::Criterion;
use dateline::engine::analysis::{analyze, analyze_cached, AnalysisOptions};
use dateline::engine::cache::AnalysisCache;
use dateline::engine::Corpus;

const KEY: &str = "file:///bench/big.txt";

/// The workspace: 999 generated articles of ~600 words and the big one.
struct Fixture {
    corpus: Corpus,
    text: String,
    /// Byte offset inside a middle paragraph where keystrokes land.
    at: usize,
    /// The server's per-document cache of paragraph results.
    cache: AnalysisCache,
}

fn fixture() -> Fixture {
    let sources = corpus_gen::Sources::load(Path::new(env!("CARGO_MANIFEST_DIR")), None);
    let options = AnalysisOptions::default();
    let mut corpus = Corpus::new(options.clone());
    let articles = corpus_gen::generate(
        &sources,
        &corpus_gen::Options {
            articles: 999,
            words: 600,
            seed: 3,
        },
    );
    for a in &articles {
        corpus.insert_analysis(&a.name, Arc::new(analyze(&a.text, &options)));
    }
    let text = corpus_gen::big_article(&sources, 10_000, 7);
    let mut cache = AnalysisCache::remembering();
    corpus.insert_analysis(KEY, Arc::new(analyze_cached(&text, &options, &mut cache)));
    // The middle of the article, just after a space (a word boundary).
    let mid = text.len() / 2;
    let at = text[mid..].find(' ').map_or(mid, |i| mid + i + 1);
    Fixture {
        corpus,
        text,
        at,
        cache,
    }
}

/// One keystroke: type (or delete) a letter at `at`, then the engine path
/// (incremental with the document's cache, or from scratch).
fn keystroke(f: &mut Fixture, typed: bool, incremental: bool) -> usize {
    keystroke_phases(f, typed, incremental, &mut [Duration::ZERO; 3])
}

/// [`keystroke`], adding the time of each phase (analyse, corpus update,
/// the article's findings) to `phases`.
fn keystroke_phases(
    f: &mut Fixture,
    typed: bool,
    incremental: bool,
    phases: &mut [Duration; 3],
) -> usize {
    let start = Instant::now();
    if typed {
        f.text.insert(f.at, 'x');
    } else {
        f.text.remove(f.at);
    }
    let analysis = if incremental {
        analyze_cached(&f.text, f.corpus.options(), &mut f.cache)
    } else {
        analyze(&f.text, f.corpus.options())
    };
    let analysis = Arc::new(analysis);
    let analysed = Instant::now();
    let affected = f.corpus.insert_analysis(KEY, analysis);
    let inserted = Instant::now();
    let mut n = f.corpus.findings(KEY).len();
    phases[0] += analysed - start;
    phases[1] += inserted - analysed;
    phases[2] += inserted.elapsed();
    // Other affected articles get their findings recomputed too (the server
    // publishes them), but after the edited one.
    n += affected.len();
    n
}

fn main() {
    let mut f = fixture();
    eprintln!(
        "big article: {} bytes, {} words; corpus: {} articles; typing at {:?}",
        f.text.len(),
        f.text.split_whitespace().count(),
        f.corpus.len(),
        f.text.get(f.at.saturating_sub(30)..f.at + 30).unwrap_or("")
    );
    let mut criterion = Criterion::default().configure_from_args();
    for (name, incremental) in [("incremental", true), ("from_scratch", false)] {
        let mut typed = true;
        criterion.bench_function(&format!("keystroke/{name}/10k_words_in_1000"), |b| {
            b.iter(|| {
                let n = keystroke(&mut f, typed, incremental);
                typed = !typed;
                n
            })
        });
    }
    criterion.final_summary();
    if std::env::args().any(|a| a == "--bench") {
        percentiles(&mut f, 1_000, true);
        percentiles(&mut f, 300, false);
    }
}

fn percentiles(f: &mut Fixture, n: usize, incremental: bool) {
    let mut phases = [Duration::ZERO; 3];
    let mut times: Vec<Duration> = (0..n)
        .map(|i| {
            let start = Instant::now();
            std::hint::black_box(keystroke_phases(f, i % 2 == 0, incremental, &mut phases));
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((n as f64 * q) as usize).min(n - 1)];
    println!(
        "keystroke latency ({}) over {n} edits: p50 {:.2?}  p90 {:.2?}  p99 {:.2?}  max {:.2?}",
        if incremental {
            "incremental"
        } else {
            "from scratch"
        },
        at(0.50),
        at(0.90),
        at(0.99),
        times[n - 1]
    );
    let mean = |d: Duration| d / n as u32;
    println!(
        "  mean per phase: analyse {:.2?}, corpus update {:.2?}, the article's findings {:.2?}",
        mean(phases[0]),
        mean(phases[1]),
        mean(phases[2])
    );
}
