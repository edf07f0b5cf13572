//! Resident memory at each stage of loading a workspace: reading, analysing,
//! indexing, computing every article's findings.
//!
//! ```text
//! cargo run --release --example mem_probe -- DIR
//! ```

use std::sync::Arc;

use dateline::engine::analysis::{analyze, AnalysisOptions};
use dateline::engine::Corpus;

extern "C" {
    /// glibc: returns freed heap pages to the system, so RSS shows live data.
    fn malloc_trim(pad: usize) -> i32;
}

fn trimmed_rss_mb() -> f64 {
    // SAFETY: malloc_trim only releases free memory back to the kernel.
    unsafe { malloc_trim(0) };
    rss_mb()
}

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The workspace's article files, found as the CLI and the server find them.
fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let config = dateline::engine::config::WorkspaceConfig::default();
    if let Ok(filter) = dateline::workspace::ArticleFilter::new(&config) {
        out.extend(dateline::workspace::discover(dir, &filter));
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: mem_probe DIR");
    let mut paths = Vec::new();
    files(std::path::Path::new(&dir), &mut paths);
    paths.sort();
    let texts: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(p).ok()?)))
        .collect();
    let bytes: usize = texts.iter().map(|t| t.1.len()).sum();
    println!(
        "{} articles, {:.1} MB of text; rss {:.0} MB",
        texts.len(),
        bytes as f64 / 1e6,
        rss_mb()
    );
    let options = AnalysisOptions::default();
    let analyses: Vec<_> = texts
        .iter()
        .map(|(_, t)| Arc::new(analyze(t, &options)))
        .collect();
    println!(
        "analysed: rss {:.0} MB, {:.0} MB after malloc_trim",
        rss_mb(),
        trimmed_rss_mb()
    );
    if let Some(a) = analyses.first() {
        parts(a);
    }
    let mut corpus = Corpus::new(options);
    corpus.insert_many(texts.iter().map(|t| t.0.clone()).zip(analyses));
    println!(
        "indexed: rss {:.0} MB, {:.0} MB after malloc_trim",
        rss_mb(),
        trimmed_rss_mb()
    );
    let (mut n, mut related, mut replacements) = (0, 0, 0);
    for (key, _) in &texts {
        let findings = corpus.findings(key);
        n += findings.len();
        related += findings.iter().map(|f| f.related.len()).sum::<usize>();
        replacements += findings
            .iter()
            .flat_map(|f| &f.fixes)
            .map(|x| x.replacements.len())
            .sum::<usize>();
    }
    println!("{related} related places, {replacements} fix replacements");
    println!(
        "findings ({n}): rss {:.0} MB, {:.0} MB after malloc_trim",
        rss_mb(),
        trimmed_rss_mb()
    );
}

/// Serialized size of each part of one analysis (a rough guide to its weight).
fn parts(a: &dateline::engine::Analysis) {
    let size = |v: serde_json::Value| v.to_string().len();
    println!(
        "text {} article {} times {} entities {} claims {} findings {}",
        a.text.len(),
        size(serde_json::to_value(&a.article).unwrap_or_default()),
        size(serde_json::to_value(&a.times).unwrap_or_default()),
        size(serde_json::to_value(&a.entities).unwrap_or_default()),
        size(serde_json::to_value(&a.claims).unwrap_or_default()),
        size(serde_json::to_value(&a.findings).unwrap_or_default()),
    );
}
