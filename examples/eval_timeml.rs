//! `cargo run --release --example eval_timeml -- [--errors] PATH...`: TempEval-3
//! scores of the time tagger on TimeML / MEANTIME files or folders.

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut per_error = false;
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--errors" {
            per_error = true;
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    print!("{}", dateline::eval::timeml::evaluate(&paths, per_error)?);
    Ok(())
}
