//! Regression floor of the time tagger on a committed MEANTIME sample
//! (`tests/fixtures/time/meantime`, CC BY 4.0), scored TempEval-3 style.

use std::path::PathBuf;

use dateline::eval::timeml::{evaluate, read_document, scores};

fn sample() -> Vec<PathBuf> {
    vec![PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/time/meantime"
    ))]
}

#[test]
fn meantime_sample_meets_the_floor() {
    let s = scores(&sample()).expect("read fixtures");
    assert_eq!(s.documents, 12);
    assert_eq!(s.gold, 28, "gold times outside creation times");
    let (_, _, relaxed_f1) = s.relaxed();
    let (_, _, strict_f1) = s.strict();
    assert!(relaxed_f1 >= 0.93, "relaxed F1 {relaxed_f1:.3}");
    assert!(strict_f1 >= 0.85, "strict F1 {strict_f1:.3}");
    assert!(
        s.value_accuracy() >= 0.92,
        "value accuracy {:.3}",
        s.value_accuracy()
    );
    assert!(
        s.type_accuracy() >= 0.92,
        "type accuracy {:.3}",
        s.type_accuracy()
    );
}

#[test]
fn report_lists_errors_on_request() {
    let report = evaluate(&sample(), true).expect("report");
    assert!(report.contains("relF1"), "{report}");
    assert!(report.lines().any(|l| l.starts_with("ALL")), "{report}");
}

#[test]
fn timeml_inline_annotations_are_read_with_offsets() {
    let raw = r#"<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2009-12-19">2009-12-19</TIMEX3></DCT>
<TEXT>
On <TIMEX3 tid="t1" type="DATE" value="1939-09-01">September 1, 1939</TIMEX3>, Germany - a power since <TIMEX3 tid="t3" type="DATE" value="1871">1871</TIMEX3> - attacked Poland.
By <TIMEX3 tid="t2" type="DATE" value="1939-10">early October</TIMEX3>, Poland was divided.
</TEXT>
</TimeML>"#;
    let doc = read_document("inline.tml", raw).expect("parse");
    assert_eq!(
        doc.creation.map(|d| d.to_string()).as_deref(),
        Some("2009-12-19")
    );
    let surfaces: Vec<&str> = doc.gold.iter().map(|g| &doc.text[g.start..g.end]).collect();
    assert_eq!(surfaces, ["September 1, 1939", "1871", "early October"]);
    // A narrative (dates far from the 2009 creation time) anchors `early
    // October` on the last date mentioned... which is 1871 here: HeidelTime's
    // narrative rule takes the last date's year, and so do we.
    let (s, listing) = dateline::eval::timeml::score_document(&doc);
    assert_eq!(s.value_correct, 2, "{listing}");
    assert!(
        listing.contains("sys \"early October\" DATE 1871-10"),
        "{listing}"
    );
}
