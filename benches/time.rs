//! Throughput of the time tagger alone (`time::tag` over parsed articles),
//! on the seed articles: `cargo bench --bench time`.
//!
//! Two clocks: wall time (criterion's default) and the thread's CPU time
//! (`CLOCK_THREAD_CPUTIME_ID`), which stays meaningful on a machine shared
//! with other builds ("MB/s on one core").

use std::hint::black_box;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dateline::engine::article::{parse_article, Article};
use dateline::engine::config::TimeConfig;
use dateline::engine::text::{segment, Segmentation};
use dateline::engine::time::tag;

const SEEDS: [&str; 5] = [
    include_str!("../seeds/000_100eb50afdd972d1.txt"),
    include_str!("../seeds/001_406014d11440a5bc.txt"),
    include_str!("../seeds/002_b56c73ee0fe4b283.txt"),
    include_str!("../seeds/003_b328b101f975b17c.txt"),
    include_str!("../seeds/004_5276c77493c331da.txt"),
];

fn parsed() -> Vec<(Article, Segmentation)> {
    SEEDS
        .iter()
        .map(|s| {
            let article = parse_article(s);
            let seg = segment(&article);
            (article, seg)
        })
        .collect()
}

fn bench_with<M: Measurement>(c: &mut Criterion<M>, name: &str) {
    let config = TimeConfig::default();
    let parsed = parsed();
    let bytes: usize = SEEDS.iter().map(|s| s.len()).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("tag seeds", |b| {
        b.iter(|| {
            let mut n = 0;
            for (article, seg) in &parsed {
                n += tag(black_box(article), seg, &config).len();
            }
            n
        })
    });
    group.finish();
}

fn wall(c: &mut Criterion) {
    bench_with(c, "time-wall");
}

/// Nanoseconds this thread has spent on a CPU (`CLOCK_THREAD_CPUTIME_ID`).
fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` writes one `timespec` through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0;
    }
    (ts.tv_sec as u64)
        .saturating_mul(1_000_000_000)
        .saturating_add(ts.tv_nsec as u64)
}

/// Thread CPU time as a criterion measurement (values in nanoseconds).
struct CpuTime(WallTime);

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.0.formatter()
    }
}

fn cpu(c: &mut Criterion<CpuTime>) {
    if thread_cpu_ns() > 0 {
        bench_with(c, "time-cpu");
    }
}

criterion_group!(wall_benches, wall);
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(CpuTime(WallTime));
    targets = cpu
}
criterion_main!(wall_benches, cpu_benches);
