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

use std::path::PathBuf;

use dateline::engine::config::Config;
use dateline::eval::entities::{
    errors, evaluate_gum, evaluate_meantime, gum_test_split, read_docs,
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
    println!("{}", evaluate_gum(&[data.join("gum")], &config)?);
    let stock = data.join("meantime/corpus_stock");
    println!("{}", evaluate_meantime(&[stock.clone()], &config)?);
    if list_errors {
        let test = gum_test_split(&std::fs::read_to_string(data.join("gum/splits.md"))?);
        let mut gum = read_docs(&[data.join("gum")])?;
        gum.retain(|d| test.contains(&d.name));
        print!("{}", errors(&gum, &config, false));
        print!("{}", errors(&read_docs(&[stock])?, &config, true));
    }
    Ok(())
}
