//! Scores the recogniser on held-out data:
//!
//! ```text
//! cargo run --release --example eval_ner -- /work/shared/data
//! ```
//!
//! GUM's test split and MEANTIME's `corpus_stock` (neither used in training).

use std::path::PathBuf;

use dateline::engine::config::Config;
use dateline::eval::entities::{evaluate_gum, evaluate_meantime};

fn main() -> std::io::Result<()> {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".into()),
    );
    let config = Config::default();
    println!("{}", evaluate_gum(&[data.join("gum")], &config)?);
    println!(
        "{}",
        evaluate_meantime(&[data.join("meantime/corpus_stock")], &config)?
    );
    Ok(())
}
