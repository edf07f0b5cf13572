//! Named-entity recogniser: throughput on the seed articles (one core),
//! model decoding time, and the model's size.
//!
//! ```text
//! cargo bench --bench entities
//! ```

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use dateline::engine::config::Config;
use dateline::engine::entities::model::{Model, MODEL, MODEL_BYTES};
use dateline::engine::entities::recognise_text;

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("seed"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn bench(c: &mut Criterion) {
    eprintln!("model file: {} bytes", MODEL_BYTES.len());
    let text = corpus();
    let config = Config::default();
    // Load the model and gazetteers before timing the recogniser.
    let _ = recognise_text("Warm up.", &config);
    let _ = &*MODEL;
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("recognise_seeds", |b| {
        b.iter(|| recognise_text(black_box(&text), &config))
    });
    group.finish();
    c.bench_function("model_load", |b| {
        b.iter(|| Model::from_bytes(black_box(MODEL_BYTES)).map(|_| ()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
