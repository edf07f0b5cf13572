//! Which articles one keystroke re-checks: loads a workspace, types `x` at
//! the start of the middle line of one article, and prints what
//! `Corpus::insert_analysis` returns and how long the findings take.
//!
//! ```text
//! cargo run --release --example edit_probe -- DIR FILE
//! ```

use std::sync::Arc;
use std::time::Instant;

use dateline::engine::analysis::{analyze, AnalysisOptions};
use dateline::engine::Corpus;

/// The workspace's article files, found as the CLI and the server find them.
fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let config = dateline::engine::config::WorkspaceConfig::default();
    if let Ok(filter) = dateline::workspace::ArticleFilter::new(&config) {
        out.extend(dateline::workspace::discover(dir, &filter));
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(file)) = (args.next(), args.next()) else {
        eprintln!("usage: edit_probe DIR FILE");
        return;
    };
    let mut paths = Vec::new();
    files(std::path::Path::new(&dir), &mut paths);
    let options = AnalysisOptions::default();
    let mut corpus = Corpus::new(options.clone());
    corpus.insert_many(paths.iter().filter_map(|p| {
        let text = std::fs::read_to_string(p).ok()?;
        Some((p.display().to_string(), Arc::new(analyze(&text, &options))))
    }));
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let key = std::path::Path::new(&file).display().to_string();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let middle = lines.len() / 2;
    for round in 0..4 {
        let edited: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if i == middle && round % 2 == 0 {
                    format!("x{l}")
                } else {
                    l.to_string()
                }
            })
            .collect();
        let t = Instant::now();
        let analysis = Arc::new(analyze(&edited, &options));
        let analysed = t.elapsed();
        let affected = corpus.insert_analysis(&key, analysis);
        let inserted = t.elapsed();
        let own = corpus.findings(&key).len();
        let own_done = t.elapsed();
        let others: usize = affected.iter().map(|k| corpus.findings(k).len()).sum();
        println!(
            "round {round}: line {:?}… analyse {analysed:.1?}, insert {:.1?}, own findings ({own}) {:.1?}, {} affected ({others} findings) {:.1?}",
            lines.get(middle).map(|l| l.chars().take(30).collect::<String>()),
            inserted - analysed,
            own_done - inserted,
            affected.len(),
            t.elapsed() - own_done,
        );
    }
}
