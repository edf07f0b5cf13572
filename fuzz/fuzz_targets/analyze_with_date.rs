//! The pipeline with a publication-date option (any date chrono can hold,
//! including the extremes) and a numeric-date order.
#![no_main]

use arbitrary::Arbitrary;
use chrono::NaiveDate;
use dateline::engine::config::NumericDateOrder;
use dateline::engine::{analyze, AnalysisOptions};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    days_from_ce: i32,
    month_first: bool,
    text: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    let date = NaiveDate::from_num_days_from_ce_opt(input.days_from_ce)
        .unwrap_or(if input.days_from_ce < 0 { NaiveDate::MIN } else { NaiveDate::MAX });
    let mut options = AnalysisOptions {
        publication_date: Some(date),
        ..AnalysisOptions::default()
    };
    if input.month_first {
        options.config.time.numeric_dates = NumericDateOrder::MonthFirst;
    }
    let analysis = analyze(input.text, &options);
    dateline_fuzz::check_analysis(input.text, &analysis);
});
