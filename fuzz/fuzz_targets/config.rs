//! `dateline.toml` parsing: never panics; an error span lies inside the text.
#![no_main]

use dateline::engine::config::Config;
use dateline::engine::Severity;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match Config::parse(text) {
        Ok(config) => {
            for rule in config.rules.keys() {
                let _ = config.severity_for(rule, Severity::Warning);
            }
        }
        Err(e) => {
            if let Some(span) = e.span {
                assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            }
        }
    }
});
