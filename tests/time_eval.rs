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

#[test]
fn a_cat_date_line_without_creation_time_is_the_creation_time() {
    let raw = r#"<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Airliner</token>
<token number="1" sentence="0" t_id="2">flies</token>
<token number="2" sentence="1" t_id="3">April</token>
<token number="3" sentence="1" t_id="4">27</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2005</token>
<token number="6" sentence="2" t_id="7">It</token>
<token number="7" sentence="2" t_id="8">flew</token>
<token number="8" sentence="2" t_id="9">today</token>
<token number="9" sentence="2" t_id="10">.</token>
<Markables>
<TIMEX3 functionInDocument="NONE" m_id="1" type="DATE" value="2005-04-27"><token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2005-04-27"><token_anchor t_id="9"/></TIMEX3>
</Markables>
</Document>"#;
    let doc = read_document("cat.xml", raw).expect("parse");
    assert_eq!(
        doc.creation.map(|d| d.to_string()).as_deref(),
        Some("2005-04-27")
    );
    let surfaces: Vec<&str> = doc.gold.iter().map(|g| &doc.text[g.start..g.end]).collect();
    assert_eq!(
        surfaces,
        ["today"],
        "the date line is no expression to score"
    );
    let (s, listing) = dateline::eval::timeml::score_document(&doc);
    assert_eq!((s.gold, s.system, s.value_correct), (1, 1, 1), "{listing}");
}
