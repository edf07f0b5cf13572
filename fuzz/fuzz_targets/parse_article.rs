//! The article parser on arbitrary text: never panics, `clean` keeps the
//! length and only blanks, every span lies on char boundaries.
#![no_main]

use dateline::engine::article::parse_article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let article = parse_article(text);
    dateline_fuzz::check_clean(text, &article.clean);
    let value = serde_json::to_value(&article).expect("article serializes");
    dateline_fuzz::check_spans(text, &value, "article");
});
