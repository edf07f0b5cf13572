//! `cargo run --example time_tag -- [--anchor YYYY-MM-DD] FILE|-`: prints the
//! time expressions the tagger finds in a file (whole text, no article parsing),
//! with type, value, mod, rule and tense. A development aid.

use std::io::Read;

use dateline::engine::config::TimeConfig;
use dateline::engine::time::tag_text_with_anchor;

fn main() -> std::io::Result<()> {
    let mut anchor = None;
    let mut path = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--anchor" {
            anchor = args
                .next()
                .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        } else {
            path = Some(a);
        }
    }
    let mut text = String::new();
    match path.as_deref() {
        Some("-") | None => {
            std::io::stdin().read_to_string(&mut text)?;
        }
        Some(p) => text = std::fs::read_to_string(p)?,
    }
    for t in tag_text_with_anchor(&text, anchor, &TimeConfig::default()) {
        println!(
            "{}..{}\t{:?}\t{}\t{}\t{}\t{}\t{:?}",
            t.span.start,
            t.span.end,
            t.span.text(&text),
            t.kind.as_str(),
            t.value,
            t.modifier.unwrap_or("-"),
            t.rule,
            t.tense
        );
    }
    Ok(())
}
