//! Scores the recogniser on held-out data:
//!
//! ```text
//! cargo run --release --example eval_ner -- /work/shared/data [--errors]
//! ```
//!
//! GUM's test split and MEANTIME's `corpus_stock` (neither used in training),
//! each document through the whole pipeline (`analysis::analyze`). With
//! `--errors`, every missed gold name and every wrong prediction is listed
//! (tab-separated: document, `missed`/`wrong`, type and text, overlapping
//! counterparts).
//!
//! `--text TEXT` prints the names found in TEXT.
//! `--model FILE` scores a model file instead of the compiled-in one.
//! `--speed` prints the recogniser's throughput on the test texts (one
//! thread, wall time; with `--model`, of that model).
//! With `--dev`, a model is trained in-process without GUM's dev split and
//! MEANTIME's `corpus_gm`, and scored there: the data for deciding on
//! features and rules (the test data stays unseen); `--dev --viterbi`
//! trains a structured perceptron decoded with Viterbi instead.
//!
//! Another recogniser scored by the same rules (`benches/spacy_ner.py`):
//! `--dump DIR` writes `DIR/gum.jsonl` and `DIR/meantime.jsonl` (one
//! document a line: `name`, `text`); `--predictions DIR` scores
//! `DIR/gum.pred.jsonl` and `DIR/meantime.pred.jsonl` (`name`, `ents`:
//! `[start, end, TYPE]` in UTF-8 byte offsets) instead of dateline.

use std::path::PathBuf;

use dateline::engine::config::Config;
use dateline::engine::entities::model::{use_model, Model};
use dateline::engine::entities::EntityType;
use dateline::engine::span::Span;
use dateline::eval::entities::{
    dev_docs, errors, evaluate_gum, evaluate_meantime, gum_test_split, read_docs, report, score,
    score_with, train_model, training_docs, GoldDoc,
};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list_errors = args.iter().any(|a| a == "--errors");
    let data = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .cloned()
            .unwrap_or_else(|| "../shared/data".into()),
    );
    let config = Config::default();
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(PathBuf::from)
    };
    if let Some(path) = option("--model") {
        // A model file other than the one compiled in (fresh from train_ner).
        let model = Model::from_bytes(&std::fs::read(path)?).map_err(std::io::Error::other)?;
        assert!(use_model(model), "the model was used before loading");
    }
    if let Some(i) = args.iter().position(|a| a == "--text") {
        // The names of one text, for reading what the recogniser does.
        let text = args.get(i + 1).cloned().unwrap_or_default();
        let e = dateline::engine::entities::recognise_text(&text, &config);
        for m in &e.mentions {
            println!("{}\t{}", m.kind.as_str(), m.span.text(&text));
        }
        return Ok(());
    }
    if args.iter().any(|a| a == "--dev") {
        // Development mode: train without GUM dev and corpus_gm, score there.
        let viterbi = args.iter().any(|a| a == "--viterbi");
        let model = train_model(&training_docs(&data, true)?, viterbi);
        assert!(use_model(model), "the model was used before training");
        let (gum_dev, gm) = dev_docs(&data)?;
        let gum_scores = score(&gum_dev, &config, false);
        println!("{}", report("GUM dev split (dev model)", &gum_scores));
        println!(
            "{}",
            report(
                "MEANTIME corpus_gm, all predictions (dev model)",
                &score(&gm, &config, false)
            )
        );
        println!(
            "{}",
            report(
                "MEANTIME corpus_gm, inside annotated mentions (dev model)",
                &score(&gm, &config, true)
            )
        );
        if list_errors {
            print!("{}", errors(&gum_dev, &config, false));
            print!("{}", errors(&gm, &config, true));
        }
        return Ok(());
    }
    let test = gum_test_split(&std::fs::read_to_string(data.join("gum/splits.md"))?);
    let mut gum = read_docs(&[data.join("gum")])?;
    gum.retain(|d| test.contains(&d.name));
    let stock = read_docs(&[data.join("meantime/corpus_stock")])?;
    if args.iter().any(|a| a == "--speed") {
        // Throughput of the recogniser alone (this model) on the test texts.
        let texts: Vec<&str> = gum.iter().chain(&stock).map(|d| d.text.as_str()).collect();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let _ = dateline::engine::entities::recognise_text("Warm up.", &config);
        let started = std::time::Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            for t in &texts {
                std::hint::black_box(dateline::engine::entities::recognise_text(t, &config));
            }
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{:.2} MiB/s ({} bytes × {rounds} in {secs:.2}s)",
            (bytes * rounds) as f64 / secs / (1024.0 * 1024.0),
            bytes
        );
        return Ok(());
    }
    if let Some(dir) = option("--dump") {
        std::fs::create_dir_all(&dir)?;
        for (docs, file) in [(&gum, "gum.jsonl"), (&stock, "meantime.jsonl")] {
            let lines: Vec<String> = docs
                .iter()
                .map(|d| serde_json::json!({"name": d.name, "text": d.text}).to_string())
                .collect();
            std::fs::write(dir.join(file), lines.join("\n") + "\n")?;
        }
        return Ok(());
    }
    if let Some(dir) = option("--predictions") {
        let gum_pred = read_predictions(&dir.join("gum.pred.jsonl"))?;
        let stock_pred = read_predictions(&dir.join("meantime.pred.jsonl"))?;
        let lookup = |preds: &Vec<(String, Names)>, d: &GoldDoc| {
            preds
                .iter()
                .find(|(n, _)| *n == d.name)
                .map(|(_, e)| e.clone())
                .unwrap_or_default()
        };
        println!(
            "{}",
            report(
                "GUM test split",
                &score_with(&gum, false, |d| lookup(&gum_pred, d))
            )
        );
        println!(
            "{}",
            report(
                "MEANTIME named mentions (PERSON/ORG/PLACE), all predictions",
                &score_with(&stock, false, |d| lookup(&stock_pred, d))
            )
        );
        println!("{}", report("MEANTIME named mentions (PERSON/ORG/PLACE), predictions inside annotated entity mentions only", &score_with(&stock, true, |d| lookup(&stock_pred, d))));
        return Ok(());
    }
    println!("{}", evaluate_gum(&[data.join("gum")], &config)?);
    println!(
        "{}",
        evaluate_meantime(&[data.join("meantime/corpus_stock")], &config)?
    );
    if list_errors {
        print!("{}", errors(&gum, &config, false));
        print!(
            "{}",
            errors(&stock, &config, !args.iter().any(|a| a == "--all"))
        );
    }
    Ok(())
}

/// Names of one document, as the scorer takes them.
type Names = Vec<(Span, EntityType)>;

/// Reads `{"name": .., "ents": [[start, end, "TYPE"], ..]}` lines.
fn read_predictions(path: &std::path::Path) -> std::io::Result<Vec<(String, Names)>> {
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let v: serde_json::Value = serde_json::from_str(line).map_err(std::io::Error::other)?;
        let name = v["name"].as_str().unwrap_or_default().to_string();
        let ents = v["ents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let start = usize::try_from(e[0].as_u64()?).ok()?;
                let end = usize::try_from(e[1].as_u64()?).ok()?;
                let kind: EntityType = serde_json::from_value(e[2].clone()).ok()?;
                Some((Span::new(start, end), kind))
            })
            .collect();
        out.push((name, ents));
    }
    Ok(out)
}
