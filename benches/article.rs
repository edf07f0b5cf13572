//! Article model throughput: parse (header, furniture, markup) and segment.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dateline::engine::article::parse_article;
use dateline::engine::text::segment;

fn bench(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("article");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse_seeds", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| parse_article(t).paragraphs.len())
                .sum::<usize>()
        })
    });
    group.bench_function("parse_and_segment_seeds", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| segment(&parse_article(t)).tokens.len())
                .sum::<usize>()
        })
    });
    let big = texts.join("\n\n").repeat(40);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("parse_and_segment_1MB", |b| {
        b.iter(|| segment(&parse_article(&big)).tokens.len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
