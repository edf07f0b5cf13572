//! The corpus timeline: every dated event of every article, in date order,
//! with renderers to Markdown, CSV and JSON (the CLI's `dateline timeline`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::engine::span::Span;

use super::Corpus;

/// One dated event of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEvent {
    /// TIMEX value of the date (`2020-09-27`, `2020-09`).
    pub date: String,
    /// The day, when the date is one.
    pub day: Option<NaiveDate>,
    /// Trigger class (`start`, `meet`, `agree`...).
    pub class: String,
    /// The sentence that reports it, on one line.
    pub what: String,
    /// People, organisations and groups taking part.
    pub who: Vec<String>,
    pub place: Option<String>,
    /// True for plans and expectations (`would visit`).
    pub planned: bool,
    pub doc: String,
    pub span: Span,
    /// 1-based line of the span in its article.
    pub line: usize,
}

/// Longest `what` kept, in characters.
const MAX_WHAT: usize = 200;

/// Every dated event of the corpus, ordered by date, then article, then position.
pub fn timeline(corpus: &Corpus) -> Vec<TimelineEvent> {
    let mut out = Vec::new();
    for doc in corpus.keys() {
        let Some(analysis) = corpus.get(doc) else {
            continue;
        };
        for claim in &analysis.claims {
            let Some(e) = claim.event() else { continue };
            if e.negated {
                continue;
            }
            let sentence = claim.sentence.text(&analysis.text);
            let mut what: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
            if what.chars().count() > MAX_WHAT {
                what = what.chars().take(MAX_WHAT).collect::<String>() + "…";
            }
            let line = 1 + analysis
                .text
                .get(..claim.span.start)
                .map_or(0, |t| t.matches('\n').count());
            out.push(TimelineEvent {
                date: e.value.clone(),
                day: e.day,
                class: e.class.to_string(),
                what,
                who: e.participants.clone(),
                place: e.place.clone(),
                planned: e.modal,
                doc: doc.to_string(),
                span: claim.span,
                line,
            });
        }
    }
    out.sort_by(|a, b| (&a.date, &a.doc, a.span.start).cmp(&(&b.date, &b.doc, b.span.start)));
    out
}

/// A Markdown table.
pub fn to_markdown(events: &[TimelineEvent]) -> String {
    let mut s = String::from("| Date | What | Who | Source |\n| --- | --- | --- | --- |\n");
    for e in events {
        let planned = if e.planned { " *(planned)*" } else { "" };
        s.push_str(&format!(
            "| {} | {}{planned} | {} | {}:{} |\n",
            e.date,
            escape_md(&e.what),
            escape_md(&e.who.join(", ")),
            escape_md(&e.doc),
            e.line
        ));
    }
    s
}

/// CSV with a header row (RFC 4180 quoting).
pub fn to_csv(events: &[TimelineEvent]) -> String {
    let mut s = String::from("date,class,what,who,place,planned,doc,line,start,end\n");
    for e in events {
        let fields = [
            e.date.clone(),
            e.class.clone(),
            e.what.clone(),
            e.who.join("; "),
            e.place.clone().unwrap_or_default(),
            e.planned.to_string(),
            e.doc.clone(),
            e.line.to_string(),
            e.span.start.to_string(),
            e.span.end.to_string(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        s.push_str(&row.join(","));
        s.push('\n');
    }
    s
}

/// A JSON array of events.
pub fn to_json(events: &[TimelineEvent]) -> String {
    serde_json::to_string_pretty(events).unwrap_or_else(|_| "[]".to_string())
}

fn escape_md(s: &str) -> String {
    s.replace('|', "\\|")
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(date: &str, what: &str) -> TimelineEvent {
        TimelineEvent {
            date: date.into(),
            day: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            class: "start".into(),
            what: what.into(),
            who: vec!["Sergey Lavrov".into()],
            place: None,
            planned: false,
            doc: "a.txt".into(),
            span: Span::new(3, 9),
            line: 2,
        }
    }

    #[test]
    fn renderers() {
        let events = vec![event("2020-09-27", "Fighting began, \"suddenly\" | here")];
        let csv = to_csv(&events);
        assert_eq!(
            csv.lines().nth(1),
            Some("2020-09-27,start,\"Fighting began, \"\"suddenly\"\" | here\",Sergey Lavrov,,false,a.txt,2,3,9")
        );
        let md = to_markdown(&events);
        assert!(md.contains(
            "| 2020-09-27 | Fighting began, \"suddenly\" \\| here | Sergey Lavrov | a.txt:2 |"
        ));
        let json: serde_json::Value = serde_json::from_str(&to_json(&events)).unwrap();
        assert_eq!(json[0]["date"], "2020-09-27");
    }
}
