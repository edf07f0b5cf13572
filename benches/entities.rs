//! Named-entity recogniser: throughput on the seed articles (one core),
//! model decoding time, and the model's size.
//!
//! ```text
//! cargo bench --bench entities
//! ```

use std::time::Duration;

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
    // The same, timed in this thread's CPU time: on a shared machine wall
    // time counts the other processes too.
    group.bench_function("recognise_seeds_cpu", |b| {
        b.iter_custom(|iters| {
            let start = thread_cpu_time();
            for _ in 0..iters {
                black_box(recognise_text(black_box(&text), &config));
            }
            thread_cpu_time().saturating_sub(start)
        })
    });
    group.finish();
    c.bench_function("model_load", |b| {
        b.iter(|| Model::from_bytes(black_box(MODEL_BYTES)).map(|_| ()))
    });
}

/// CPU time of this thread so far.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(
        u64::try_from(ts.tv_sec).unwrap_or(0),
        u32::try_from(ts.tv_nsec).unwrap_or(0),
    )
}

criterion_group!(benches, bench);
criterion_main!(benches);
