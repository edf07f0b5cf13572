//! Shared by the corpus tests: build a corpus from article texts, with
//! declared entity and time annotations added where the pipeline's own
//! layers did not find them (so the corpus layer is tested on known input
//! whatever the state of the upstream layers, and on their output once they
//! find the same things).

#![allow(dead_code)]

use std::sync::Arc;

use chrono::NaiveDate;
use dateline::engine::analysis::{analyze, Analysis, AnalysisOptions};
use dateline::engine::claims;
use dateline::engine::config::Config;
use dateline::engine::entities::{Entity, EntityType, Mention};
use dateline::engine::finding::{Finding, Severity};
use dateline::engine::time::{Timex, TimexType};
use dateline::engine::{Corpus, Span};

/// One article of a test corpus.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub key: String,
    pub text: String,
    pub date: Option<NaiveDate>,
    /// (surface, type): every whole-word occurrence is a mention.
    pub entities: Vec<(String, EntityType)>,
    /// (surface, TIMEX value): every occurrence is a time expression.
    pub times: Vec<(String, String)>,
}

/// Analyses one article and adds the declared annotations it lacks.
pub fn analyse(doc: &Doc, config: &Config) -> Analysis {
    let options = AnalysisOptions {
        config: config.clone(),
        publication_date: doc.date,
    };
    let mut analysis = analyze(&doc.text, &options);
    // DATELINE_PIPELINE_ONLY=1 runs on the pipeline's own annotations alone.
    if std::env::var_os("DATELINE_PIPELINE_ONLY").is_none() {
        add_entities(&mut analysis, &doc.entities);
        add_times(&mut analysis, &doc.times);
    }
    analysis.claims = claims::extract(
        &analysis.article,
        &dateline::engine::text::segment(&analysis.article),
        &analysis.times,
        &analysis.entities,
    );
    analysis
}

/// A corpus of the given articles.
pub fn corpus(docs: &[Doc], config: &Config) -> Corpus {
    let mut corpus = Corpus::new(AnalysisOptions {
        config: config.clone(),
        publication_date: None,
    });
    for doc in docs {
        corpus.insert_analysis(&doc.key, Arc::new(analyse(doc, config)));
    }
    corpus
}

/// Whole-word occurrences of `needle` in `text`.
pub fn occurrences(text: &str, needle: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(p) = text.get(from..).and_then(|t| t.find(needle)) {
        let start = from + p;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            out.push(Span::new(start, end));
        }
        from = end;
    }
    out
}

fn add_entities(analysis: &mut Analysis, declared: &[(String, EntityType)]) {
    let mut declared: Vec<&(String, EntityType)> = declared.iter().collect();
    declared.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let mut added: Vec<(Span, EntityType, String)> = Vec::new();
    for (surface, kind) in declared {
        for span in occurrences(&analysis.article.clean, surface) {
            let taken = analysis
                .entities
                .mentions
                .iter()
                .any(|m| m.span.overlaps(span))
                || added.iter().any(|(s, _, _)| s.overlaps(span));
            if !taken && !analysis.article.in_furniture(span) {
                added.push((span, *kind, surface.clone()));
            }
        }
    }
    for (span, kind, surface) in added {
        let entity = match analysis
            .entities
            .entities
            .iter()
            .position(|e| e.canonical == surface && e.kind == kind)
        {
            Some(i) => i,
            None => {
                analysis.entities.entities.push(Entity {
                    canonical: surface.clone(),
                    kind,
                    roles: Vec::new(),
                    spellings: vec![surface.clone()],
                    mentions: Vec::new(),
                });
                analysis.entities.entities.len() - 1
            }
        };
        analysis.entities.mentions.push(Mention {
            span,
            kind,
            entity,
            role: None,
        });
    }
    analysis.entities.mentions.sort_by_key(|m| m.span.start);
    for e in &mut analysis.entities.entities {
        e.mentions.clear();
    }
    for (i, m) in analysis.entities.mentions.iter().enumerate() {
        if let Some(e) = analysis.entities.entities.get_mut(m.entity) {
            e.mentions.push(i);
        }
    }
}

fn add_times(analysis: &mut Analysis, declared: &[(String, String)]) {
    for (surface, value) in declared {
        for span in occurrences(&analysis.article.clean, surface) {
            if analysis.times.iter().any(|t| t.span.overlaps(span))
                || analysis.article.in_furniture(span)
            {
                continue;
            }
            let kind = if value.starts_with('P') {
                TimexType::Duration
            } else if value.contains('T') {
                TimexType::Time
            } else {
                TimexType::Date
            };
            let day = value
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            analysis.times.push(Timex {
                span,
                kind,
                value: value.clone(),
                modifier: None,
                day: if kind == TimexType::Duration {
                    None
                } else {
                    day
                },
                absolute: true,
                anchor: None,
                rule: "test-declared",
                tense: dateline::engine::time::Tense::Unknown,
            });
        }
    }
    analysis.times.sort_by_key(|t| t.span.start);
}

/// The rules of the corpus layer.
pub const CORPUS_RULES: &[&str] = &[
    "spelling-variant",
    "conflicting-figure",
    "decreasing-total",
    "conflicting-date",
    "contested-claim",
];

/// Findings of the corpus rules for one article.
pub fn corpus_findings(corpus: &Corpus, key: &str) -> Vec<Finding> {
    corpus
        .findings(key)
        .into_iter()
        .filter(|f| CORPUS_RULES.contains(&f.rule))
        .collect()
}

/// A one-line description of a finding, for failure messages.
pub fn show(corpus: &Corpus, key: &str, f: &Finding) -> String {
    let text = corpus
        .get(key)
        .map(|a| f.span.text(&a.text).to_string())
        .unwrap_or_default();
    let related: Vec<String> = f
        .related
        .iter()
        .map(|r| {
            let t = corpus
                .get(&r.doc)
                .map(|a| r.span.text(&a.text).to_string())
                .unwrap_or_default();
            format!("{}:{t:?}", r.doc)
        })
        .collect();
    format!(
        "{key} {} {:?} {text:?} -> [{}] :: {}",
        f.rule,
        f.severity,
        related.join(", "),
        f.message
    )
}

/// Parses a severity name.
pub fn severity(name: &str) -> Severity {
    match name {
        "hint" => Severity::Hint,
        "information" | "info" => Severity::Information,
        "error" => Severity::Error,
        _ => Severity::Warning,
    }
}
