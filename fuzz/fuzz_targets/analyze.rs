//! The whole single-article pipeline plus the editor queries on one article.
#![no_main]

use dateline::engine::{analyze, ide, AnalysisOptions, Corpus};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let options = AnalysisOptions::default();
    let analysis = analyze(text, &options);
    dateline_fuzz::check_analysis(text, &analysis);
    let symbols = ide::document_symbols(&analysis);
    let folds = ide::folding_ranges(&analysis);
    let mut corpus = Corpus::new(options);
    corpus.upsert("a.txt", text);
    let _ = corpus.findings("a.txt");
    // Hovers at a few offsets, including ones inside a multi-byte char and
    // past the end.
    for offset in [0, 1, text.len() / 3, text.len() / 2, text.len(), text.len() + 7] {
        let _ = ide::hover(&corpus, "a.txt", offset);
    }
    let extra = serde_json::json!({"symbols": symbols, "folds": folds});
    dateline_fuzz::check_spans(text, &extra, "ide");
});
