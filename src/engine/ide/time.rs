//! Editor views of time expressions: inlay hints with the resolved date,
//! hovers that explain the value, semantic tokens by TIMEX3 type.

use chrono::{Datelike, NaiveDate};

use super::{Hover, InlayHint, SemanticToken, TokenClass};
use crate::engine::analysis::Analysis;
use crate::engine::span::Span;
use crate::engine::time::{month_name, Tense, Timex, TimexType};

/// A hint after each relative DATE/TIME: `Thu 8 Oct 2020`, `Sep 2020 (late)`,
/// `2020-W41`, `Fri 9 Oct 2020, afternoon`. Absolute ones need none.
pub fn inlay_hints(analysis: &Analysis, range: Span) -> Vec<InlayHint> {
    analysis
        .times
        .iter()
        .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time) && !t.absolute)
        .filter(|t| t.span.overlaps(range) || range.contains_offset(t.span.end))
        .filter_map(|t| {
            let label = label(t)?;
            Some(InlayHint {
                offset: t.span.end,
                label,
                tooltip: Some(format!(
                    "{} {} — rule `{}`",
                    t.kind.as_str(),
                    t.value,
                    t.rule
                )),
            })
        })
        .collect()
}

/// Hover on a time expression: value, weekday, distance from publication,
/// granularity and mod, and how it was resolved.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let t = analysis
        .times
        .iter()
        .find(|t| t.span.contains_offset(offset))?;
    let publication = analysis.article.publication_date.as_ref().map(|p| p.date);
    let mut md = format!("**{} `{}`**", t.kind.as_str(), t.value);
    if let Some(day) = t.day {
        md.push_str(&format!(" — {}", long_date(day)));
    } else if let Some(l) = label(t) {
        md.push_str(&format!(" — {l}"));
    }
    md.push_str("\n\n");
    if let (Some(day), Some(p)) = (t.day, publication) {
        md.push_str(&format!("- {}\n", relative_to(day, p)));
    }
    md.push_str(&format!("- granularity: {}", granularity(t)));
    if let Some(m) = t.modifier {
        md.push_str(&format!("; mod `{m}` ({})", mod_words(m)));
    }
    md.push('\n');
    let how = match (t.anchor, t.absolute) {
        (_, true) => "stated in the text".to_string(),
        (Some(a), false) => {
            let whose = if Some(a) == publication {
                " (publication date)"
            } else {
                ""
            };
            format!("resolved against {}{whose}", a.format("%a %-d %b %Y"))
        }
        (None, false) if publication.is_none() => {
            "no publication date: left underspecified".to_string()
        }
        (None, false) => "no anchor needed".to_string(),
    };
    md.push_str(&format!("- {how}, rule `{}`", t.rule));
    if t.tense != Tense::Unknown {
        md.push_str(&format!("; sentence tense: {}", tense_word(t.tense)));
    }
    md.push('\n');
    Some(Hover {
        span: t.span,
        markdown: md,
    })
}

/// One token per time expression, classed by TIMEX3 type.
pub fn semantic_tokens(analysis: &Analysis) -> Vec<SemanticToken> {
    let mut out: Vec<SemanticToken> = analysis
        .times
        .iter()
        .map(|t| SemanticToken {
            span: t.span,
            class: match t.kind {
                TimexType::Date => TokenClass::Date,
                TimexType::Time => TokenClass::Time,
                TimexType::Duration => TokenClass::Duration,
                TimexType::Set => TokenClass::Set,
            },
        })
        .collect();
    out.sort_by_key(|t| t.span.start);
    out.dedup_by(|b, a| b.span.start < a.span.end);
    out
}

/// The short label of a resolved value, `None` when it says nothing new.
fn label(t: &Timex) -> Option<String> {
    let v = t.value.as_str();
    let (date_part, time_part) = match v.split_once('T') {
        Some((d, tm)) => (d, Some(tm)),
        None => (v, None),
    };
    let mut out = if let Some(day) = t.day {
        short_date(day)
    } else if date_part.starts_with('X') || date_part.ends_with("_REF") || date_part.is_empty() {
        return None;
    } else if let Some((y, m)) = year_month(date_part) {
        format!("{} {y}", &month_name(m)[..3])
    } else {
        date_part.to_string()
    };
    if let Some(tm) = time_part {
        let part = match tm {
            "MO" => "morning",
            "AF" => "afternoon",
            "EV" => "evening",
            "NI" => "night",
            other => other,
        };
        out.push_str(&format!(", {part}"));
    }
    if let Some(m) = t.modifier {
        out.push_str(&format!(" ({})", mod_words(m)));
    }
    Some(out)
}

fn year_month(v: &str) -> Option<(i32, u32)> {
    if v.len() != 7 || v.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    let y = v.get(..4)?.parse().ok()?;
    let m: u32 = v.get(5..7)?.parse().ok()?;
    (1..=12).contains(&m).then_some((y, m))
}

fn short_date(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn long_date(d: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        d.format("%A"),
        d.day(),
        month_name(d.month()),
        d.year()
    )
}

fn relative_to(day: NaiveDate, publication: NaiveDate) -> String {
    let n = day.signed_duration_since(publication).num_days();
    let plural = |n: i64| if n.abs() == 1 { "" } else { "s" };
    match n {
        0 => "the day of publication".to_string(),
        n if n < 0 => format!("{} day{} before publication", -n, plural(n)),
        n => format!("{n} day{} after publication", plural(n)),
    }
}

fn granularity(t: &Timex) -> &'static str {
    let v = t.value.as_str();
    match t.kind {
        TimexType::Duration => "duration",
        TimexType::Set => "recurring",
        TimexType::Time if v.contains(':') => "minute",
        TimexType::Time => "part of day",
        _ if t.day.is_some() || (v.len() == 10 && v.as_bytes().get(7) == Some(&b'-')) => "day",
        _ if v.contains("-W") => "week",
        _ if v.contains("-Q") || v.contains("-H") => "quarter/half year",
        _ if v.len() == 7 && year_month(v).is_some() => "month",
        _ if v.len() == 7 => "season",
        _ if v.ends_with("_REF") => "vague",
        _ if v.len() == 4 && v.chars().all(|c| c.is_ascii_digit()) => "year",
        _ if v.len() == 4 && v.ends_with('X') => "decade",
        _ if v.len() == 2 => "century",
        _ => "other",
    }
}

fn mod_words(m: &str) -> &'static str {
    match m {
        "START" => "early",
        "MID" => "middle",
        "END" => "late",
        "APPROX" => "about",
        "LESS_THAN" => "less than",
        "MORE_THAN" => "more than",
        "EQUAL_OR_LESS" => "at most",
        "EQUAL_OR_MORE" => "at least",
        _ => "modified",
    }
}

fn tense_word(t: Tense) -> &'static str {
    match t {
        Tense::Past => "past",
        Tense::Future => "future",
        Tense::Unknown => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, AnalysisOptions};

    fn analysis(text: &str) -> Analysis {
        let options = AnalysisOptions {
            publication_date: NaiveDate::from_ymd_opt(2020, 10, 9),
            ..Default::default()
        };
        analyze(text, &options)
    }

    #[test]
    fn hints_show_resolved_relative_dates_only() {
        let text = "Talks were held on Friday afternoon. Fighting erupted late last month. \
                    He spoke on October 9, 2020 and this week.";
        let a = analysis(text);
        let labels: Vec<String> = inlay_hints(&a, Span::new(0, text.len()))
            .into_iter()
            .map(|h| h.label)
            .collect();
        assert_eq!(
            labels,
            ["Fri 9 Oct 2020, afternoon", "Sep 2020 (late)", "2020-W41"]
        );
    }

    #[test]
    fn hover_explains_value_and_anchor() {
        let text = "Putin spoke on Thursday about the talks.";
        let a = analysis(text);
        let at = text.find("Thursday").unwrap_or(0);
        let h = hover(&a, at + 2).expect("hover");
        assert!(h.markdown.contains("2020-10-08"), "{}", h.markdown);
        assert!(
            h.markdown.contains("1 day before publication"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("weekday-past-tense"), "{}", h.markdown);
        let tokens = semantic_tokens(&a);
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens[0].class, TokenClass::Date);
    }
}
