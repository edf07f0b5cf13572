//! Incremental edits: any sequence of `didChange` edits (ranges anywhere,
//! reversed, past the end, inside multi-unit chars, whole-text replacements)
//! applied to the server's `Document` gives the same text as the same edits
//! applied to a `String` by the reference model; stale versions change nothing.
#![no_main]

use arbitrary::Arbitrary;
use dateline::lsp::document::Document;
use dateline::lsp::position::Encoding;
use dateline_fuzz::{model_apply, Edit};
use libfuzzer_sys::fuzz_target;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

#[derive(Debug, Arbitrary)]
struct Input {
    text: String,
    utf16: bool,
    /// Each batch is one `didChange`; `stale` sends it with an old version.
    batches: Vec<(bool, Vec<Edit>)>,
}

fuzz_target!(|input: Input| {
    let encoding = if input.utf16 { Encoding::Utf16 } else { Encoding::Utf8 };
    let uri = "file:///fuzz.txt".parse().expect("uri");
    let mut doc = Document::new(uri, 1, &input.text);
    let mut model = input.text.clone();
    let mut version = 1;
    for (stale, edits) in input.batches.iter().take(64) {
        let changes: Vec<TextDocumentContentChangeEvent> = edits
            .iter()
            .map(|e| TextDocumentContentChangeEvent {
                range: (!e.whole).then(|| {
                    Range::new(
                        Position::new(e.start.0.into(), e.start.1.into()),
                        Position::new(e.end.0.into(), e.end.1.into()),
                    )
                }),
                range_length: None,
                text: e.text.clone(),
            })
            .collect();
        if *stale {
            assert!(doc.apply_changes(version, &changes, encoding).is_err());
        } else {
            version += 1;
            doc.apply_changes(version, &changes, encoding).expect("newer version applies");
            for e in edits {
                model_apply(&mut model, e, input.utf16);
            }
        }
        assert_eq!(doc.text(), model, "after version {version}");
        assert_eq!(doc.version, version);
    }
});
