//! Per-stage throughput of the single-article pipeline and the cost of a
//! corpus update, on generated articles (seeds only, reproducible):
//! `cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 5`.
//!
//! Stages: parse (article model), segment, time, entities, claims, the whole
//! `analyze` (all of them plus article findings), and `corpus_update`
//! (insert one re-analysed article into a 1,000-article corpus and compute
//! its findings).

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dateline::engine::analysis::{analyze, AnalysisOptions};
use dateline::engine::article::parse_article;
use dateline::engine::config::TimeConfig;
use dateline::engine::text::segment;
use dateline::engine::{claims, entities, time, Corpus};

fn sources() -> corpus_gen::Sources {
    corpus_gen::Sources::load(Path::new(env!("CARGO_MANIFEST_DIR")), None)
}

fn stages(c: &mut Criterion) {
    let sources = sources();
    // A 10,000-word article (about 60 KB): the keystroke target's size.
    let text = corpus_gen::big_article(&sources, 10_000, 7);
    let options = AnalysisOptions::default();
    let config = TimeConfig::default();
    let article = parse_article(&text);
    let seg = segment(&article);

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse", |b| b.iter(|| parse_article(black_box(&text))));
    group.bench_function("segment", |b| b.iter(|| segment(black_box(&article))));
    group.bench_function("time", |b| {
        b.iter(|| time::tag(black_box(&article), &seg, &config))
    });
    group.bench_function("entities", |b| {
        b.iter(|| entities::recognise(black_box(&article), &seg, &options.config))
    });
    let times = time::tag(&article, &seg, &config);
    let ents = entities::recognise(&article, &seg, &options.config);
    group.bench_function("claims", |b| {
        b.iter(|| claims::extract(black_box(&article), &seg, &times, &ents))
    });
    group.bench_function("analyze", |b| {
        b.iter(|| analyze(black_box(&text), &options))
    });
    group.finish();
}

fn corpus_update(c: &mut Criterion) {
    let sources = sources();
    let articles = corpus_gen::generate(
        &sources,
        &corpus_gen::Options {
            articles: 1_000,
            words: 600,
            seed: 11,
        },
    );
    let options = AnalysisOptions::default();
    let mut corpus = Corpus::new(options.clone());
    for a in &articles {
        corpus.insert_analysis(&a.name, Arc::new(analyze(&a.text, &options)));
    }
    let key = articles[500].name.clone();
    let analysis = Arc::new(analyze(&articles[500].text, &options));
    let mut group = c.benchmark_group("corpus");
    group.bench_function("update_one_of_1000", |b| {
        b.iter_batched(
            || analysis.clone(),
            |a| {
                let affected = corpus.insert_analysis(&key, a);
                let n: usize = affected.iter().map(|k| corpus.findings(k).len()).sum();
                n
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, stages, corpus_update);
criterion_main!(benches);
