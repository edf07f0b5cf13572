//! Throughput of the time tagger alone (`time::tag` over parsed articles),
//! on the seed articles: `cargo bench --bench time`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dateline::engine::article::parse_article;
use dateline::engine::config::TimeConfig;
use dateline::engine::text::segment;
use dateline::engine::time::{tag, tag_text_with_anchor};

const SEEDS: [&str; 5] = [
    include_str!("../seeds/000_100eb50afdd972d1.txt"),
    include_str!("../seeds/001_406014d11440a5bc.txt"),
    include_str!("../seeds/002_b56c73ee0fe4b283.txt"),
    include_str!("../seeds/003_b328b101f975b17c.txt"),
    include_str!("../seeds/004_5276c77493c331da.txt"),
];

fn bench(c: &mut Criterion) {
    let config = TimeConfig::default();
    let parsed: Vec<_> = SEEDS
        .iter()
        .map(|s| {
            let article = parse_article(s);
            let seg = segment(&article);
            (article, seg)
        })
        .collect();
    let bytes: usize = SEEDS.iter().map(|s| s.len()).sum();
    let mut group = c.benchmark_group("time");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("tag seeds (body paragraphs)", |b| {
        b.iter(|| {
            let mut n = 0;
            for (article, seg) in &parsed {
                n += tag(black_box(article), seg, &config).len();
            }
            n
        })
    });
    let anchor = chrono::NaiveDate::from_ymd_opt(2020, 10, 9);
    group.bench_function("tag seeds (whole text)", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in SEEDS {
                n += tag_text_with_anchor(black_box(s), anchor, &config).len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
