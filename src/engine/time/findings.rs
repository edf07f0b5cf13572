//! Checks on resolved times: a weekday that does not match its date, a date
//! that does not exist, a past-tense report of a date after publication.

use chrono::{Datelike, Days, NaiveDate};

use super::lexicon::{self, month_name, weekday_name};
use super::{Tense, Timex, TimexType};
use crate::engine::article::Article;
use crate::engine::config::Config;
use crate::engine::finding::{Finding, Fix, Replacement, Severity};
use crate::engine::span::Span;

/// `Tuesday, March 14, 2024` when March 14, 2024 was a Thursday.
pub const WEEKDAY_MISMATCH_RULE: &str = "weekday-mismatch";
/// `31 April`, `30 February`.
pub const IMPOSSIBLE_DATE_RULE: &str = "impossible-date";
/// A past-tense report of a date after the publication date.
pub const FUTURE_IN_PAST_RULE: &str = "future-in-past";

/// The findings about the article's time expressions. Fixes name the
/// document `doc` (the key the adapter gave the article; empty when unknown,
/// the adapter fills it in).
pub fn findings(article: &Article, times: &[Timex], config: &Config) -> Vec<Finding> {
    let text = article.clean.as_str();
    let publication = article.publication_date.as_ref().map(|p| p.date);
    let mut out = Vec::new();
    for t in times {
        let surface = t.span.text(text);
        if t.rule == "weekday-date" {
            if let Some(sev) = config.severity_for(WEEKDAY_MISMATCH_RULE, Severity::Warning) {
                if let Some(f) = weekday_mismatch(t, surface, sev) {
                    out.push(f);
                }
            }
        }
        if matches!(t.kind, TimexType::Date | TimexType::Time)
            && t.day.is_none()
            && is_impossible(&t.value)
        {
            if let Some(sev) = config.severity_for(IMPOSSIBLE_DATE_RULE, Severity::Error) {
                out.push(Finding::new(
                    t.span,
                    IMPOSSIBLE_DATE_RULE,
                    sev,
                    format!("\"{surface}\" is not a date: that month has no such day"),
                ));
            }
        }
        // Only dates whose year or weekday was chosen (or written): `tomorrow`
        // and `next week` lie after publication by meaning, not by mistake.
        let datelike = t.absolute
            || matches!(
                t.rule,
                "nearest-year" | "list-day" | "holiday" | "named-day"
            );
        if let (Some(day), Some(pubd), Tense::Past, true) = (t.day, publication, t.tense, datelike)
        {
            if day > pubd && (t.anchor == Some(pubd) || t.absolute) {
                if let Some(sev) = config.severity_for(FUTURE_IN_PAST_RULE, Severity::Information) {
                    let days = day.signed_duration_since(pubd).num_days();
                    out.push(Finding::new(
                        t.span,
                        FUTURE_IN_PAST_RULE,
                        sev,
                        format!(
                            "\"{surface}\" ({}) is {days} day{} after publication ({}), but the sentence reports it in the past tense",
                            day.format("%a %-d %b %Y"),
                            if days == 1 { "" } else { "s" },
                            pubd.format("%-d %b %Y"),
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// `YYYY-MM-DD` whose day does not exist in that month.
fn is_impossible(value: &str) -> bool {
    let parts: Vec<&str> = value.get(..10).unwrap_or("").split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    if !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    match y.parse::<i32>() {
        Ok(y) => NaiveDate::from_ymd_opt(y, m, d).is_none(),
        // `XXXX-02-30`: impossible in any year; `XXXX-02-29` is possible.
        Err(_) => NaiveDate::from_ymd_opt(2000, m, d).is_none(),
    }
}

fn weekday_mismatch(t: &Timex, surface: &str, severity: Severity) -> Option<Finding> {
    let day = t.day?;
    let word_len = surface
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(surface.len());
    let word = surface.get(..word_len)?;
    let written = lexicon::weekday(&word.to_ascii_lowercase())?;
    let actual = day.weekday().number_from_monday();
    if written == actual {
        return None;
    }
    let weekday_span = Span::new(t.span.start, t.span.start + word_len);
    // The date that matches the written weekday, nearest to the written date.
    let back = (actual + 7 - written) % 7;
    let forward = (written + 7 - actual) % 7;
    let matching = if back <= forward {
        day.checked_sub_days(Days::new(back.into()))
    } else {
        day.checked_add_days(Days::new(forward.into()))
    }?;
    let date_start = surface
        .get(word_len..)?
        .find(|c: char| c.is_alphanumeric())
        .map(|k| word_len + k)?;
    let date_text = surface.get(date_start..)?;
    let date_span = Span::new(t.span.start + date_start, t.span.end);
    let new_date = restyle(date_text, matching);
    let right_name = weekday_name(actual);
    let mut f = Finding::new(
        t.span,
        WEEKDAY_MISMATCH_RULE,
        severity,
        format!(
            "\"{surface}\": {} {}, {} was a {right_name}, not a {}",
            month_name(day.month()),
            day.day(),
            day.year(),
            weekday_name(written)
        ),
    );
    f.fixes = vec![
        Fix {
            title: format!("Change the weekday to {right_name}"),
            replacements: vec![Replacement {
                doc: String::new(),
                span: weekday_span,
                new_text: right_name.into(),
            }],
            preferred: true,
        },
        Fix {
            title: format!(
                "Change the date to {new_date} (the nearest {})",
                weekday_name(written)
            ),
            replacements: vec![Replacement {
                doc: String::new(),
                span: date_span,
                new_text: new_date,
            }],
            preferred: false,
        },
    ];
    f.data = Some(serde_json::json!({ "date": day.to_string(), "weekday": right_name }));
    Some(f)
}

/// Writes `d` in the style of `old` (`March 14, 2024`, `14 March 2024`, `2024-03-14`).
fn restyle(old: &str, d: NaiveDate) -> String {
    let first = old.chars().next();
    if first.is_some_and(|c| c.is_ascii_digit()) {
        if old.len() >= 10 && old.as_bytes().get(4) == Some(&b'-') {
            return d.format("%Y-%m-%d").to_string();
        }
        return format!("{} {} {}", d.day(), month_name(d.month()), d.year());
    }
    format!("{} {}, {}", month_name(d.month()), d.day(), d.year())
}
