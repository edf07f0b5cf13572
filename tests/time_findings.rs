//! Findings of the time tagger through the whole pipeline, and robustness.

use chrono::NaiveDate;
use dateline::engine::config::{Config, TimeConfig};
use dateline::engine::time::tag_text_with_anchor;
use dateline::engine::{analyze, AnalysisOptions, Severity};
use proptest::prelude::*;

fn options(date: &str) -> AnalysisOptions {
    AnalysisOptions {
        publication_date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        ..Default::default()
    }
}

const HEADER: &str = " date 2024-03-20 LONDON -- ";

#[test]
fn weekday_mismatch_offers_both_fixes() {
    let text = format!("{HEADER}The vote was held on Tuesday, March 14, 2024, officials said.\n");
    let a = analyze(&text, &options("2024-03-20"));
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "weekday-mismatch")
        .expect("finding");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("Thursday"), "{}", f.message);
    assert_eq!(f.span.text(&text), "Tuesday, March 14, 2024");
    let new_texts: Vec<&str> = f
        .fixes
        .iter()
        .flat_map(|x| &x.replacements)
        .map(|r| r.new_text.as_str())
        .collect();
    assert_eq!(new_texts, ["Thursday", "March 12, 2024"]);
    assert_eq!(f.fixes[0].replacements[0].span.text(&text), "Tuesday");
    assert_eq!(
        f.fixes[1].replacements[0].span.text(&text),
        "March 14, 2024"
    );
}

#[test]
fn matching_weekday_is_not_flagged() {
    let text = format!("{HEADER}The vote was held on Thursday, March 14, 2024.\n");
    let a = analyze(&text, &options("2024-03-20"));
    assert!(a.findings.iter().all(|f| f.rule != "weekday-mismatch"));
}

#[test]
fn impossible_dates_are_errors() {
    let text =
        format!("{HEADER}The deal was signed on 31 April and amended on February 30, 2023.\n");
    let a = analyze(&text, &options("2024-03-20"));
    let spans: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.rule == "impossible-date")
        .inspect(|f| assert_eq!(f.severity, Severity::Error))
        .map(|f| f.span.text(&text))
        .collect();
    assert_eq!(spans, ["31 April", "February 30, 2023"]);
}

#[test]
fn past_report_of_a_later_date_is_noted() {
    let text = format!("{HEADER}The minister said he visited Paris on March 25.\n");
    let a = analyze(&text, &options("2024-03-20"));
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "future-in-past")
        .expect("finding");
    assert_eq!(f.severity, Severity::Information);
    assert_eq!(f.span.text(&text), "March 25");
}

#[test]
fn rules_can_be_switched_off() {
    let text = format!("{HEADER}The vote was held on Tuesday, March 14, 2024.\n");
    let mut o = options("2024-03-20");
    o.config = Config::parse("[rules]\nweekday-mismatch = \"off\"\n").expect("config");
    let a = analyze(&text, &o);
    assert!(a.findings.iter().all(|f| f.rule != "weekday-mismatch"));
}

#[test]
fn seeds_have_no_time_warnings() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).expect("seeds") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("seed");
        let a = analyze(&text, &AnalysisOptions::default());
        for f in &a.findings {
            if matches!(f.rule, "weekday-mismatch" | "impossible-date") {
                panic!(
                    "{}: {} at {:?}: {}",
                    path.display(),
                    f.rule,
                    f.span.text(&text),
                    f.message
                );
            }
        }
    }
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_char_boundaries(s in "\\PC{0,200}") {
        let times = tag_text_with_anchor(&s, NaiveDate::from_ymd_opt(2020, 10, 9), &TimeConfig::default());
        for t in times {
            prop_assert!(s.get(t.span.range()).is_some());
            prop_assert!(t.span.start < t.span.end);
        }
    }

    #[test]
    fn hostile_numbers_do_not_overflow(n in any::<u64>(), unit in prop::sample::select(vec!["years", "days", "decades", "centuries", "weeks"])) {
        for text in [
            format!("{n} {unit} ago"),
            format!("{n} {unit} later"),
            format!("in {n} BC"),
            format!("{n}/{n}/{n}"),
            format!("{n}:{n} p.m."),
        ] {
            let _ = tag_text_with_anchor(&text, NaiveDate::from_ymd_opt(2020, 10, 9), &TimeConfig::default());
            let _ = tag_text_with_anchor(&text, NaiveDate::from_ymd_opt(262_000, 1, 1), &TimeConfig::default());
        }
    }
}

#[test]
fn future_plans_and_quotes_are_not_past_reports() {
    let text = format!(
        "{HEADER}The ministry said the minister would visit Moscow on March 25 but gave no details.\n\n\
         \"We are moving towards a truce tomorrow,\" his office said.\n\n\
         The vote was postponed to April 2, 2024, and the summit was pushed back until May 7.\n\n\
         The officials said the talks will be held on March 28, 2024.\n"
    );
    let a = analyze(&text, &options("2024-03-20"));
    let notes: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.rule == "future-in-past")
        .map(|f| f.span.text(&text))
        .collect();
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn embeds_resolve_against_their_own_date() {
    let text = " date 2020-10-09 BAKU -- Fighting continued on Friday, officials said.\n\nEmbed:\n\n\
                Shelling hit the town yesterday.\n\n— Reporter (@rep) October 8, 2020\n\nMore fighting was reported.\n";
    let a = analyze(text, &AnalysisOptions::default());
    let value = |surface: &str| {
        a.times
            .iter()
            .find(|t| t.span.text(text) == surface)
            .map(|t| (t.value.clone(), t.anchor.map(|d| d.to_string())))
    };
    assert_eq!(
        value("Friday"),
        Some(("2020-10-09".into(), Some("2020-10-09".into())))
    );
    assert_eq!(
        value("yesterday"),
        Some(("2020-10-07".into(), Some("2020-10-08".into())))
    );
}
