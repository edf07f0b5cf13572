//! `dateline annotate --format json`: the public annotation record, one JSON
//! object per article (JSON Lines). Contract: `docs/annotate-json.md`.

use serde_json::{json, Value};

use super::load::Source;
use crate::engine::analysis::Analysis;
use crate::engine::Corpus;

/// The version of the record; bump on any rename or removal.
pub const SCHEMA: u32 = 1;

/// The record of one article.
pub fn record(corpus: &Corpus, source: &Source) -> Value {
    let Some(analysis) = corpus.get(&source.key) else {
        return json!({ "schema": SCHEMA, "path": source.key, "error": "not analysed" });
    };
    let article = &analysis.article;
    let text = &analysis.text;
    let slice = |s: crate::engine::Span| s.text(text).to_string();
    let date = article.publication_date.as_ref();
    json!({
        "schema": SCHEMA,
        "path": source.key,
        "publication_date": date.map(|d| d.date.format("%Y-%m-%d").to_string()),
        "publication_date_source": date.map(|d| d.source.as_str()),
        "dateline": article.dateline.iter().map(|f| f.value.clone()).collect::<Vec<_>>(),
        "title": article.title.as_ref().map(|f| f.value.clone()),
        "byline": article.byline.as_ref().map(|f| f.value.clone()),
        "credits": article.credits.iter().map(|f| f.value.clone()).collect::<Vec<_>>(),
        "body": [article.body.start, article.body.end],
        "entities": entities(corpus, &source.key, analysis, &slice),
        "times": analysis.times.iter().map(|t| json!({
            "start": t.span.start, "end": t.span.end, "text": slice(t.span),
            "type": t.kind.as_str(), "value": t.value, "mod": t.modifier,
        })).collect::<Vec<_>>(),
        "findings": corpus.findings(&source.key).iter().map(|f| json!({
            "start": f.span.start, "end": f.span.end, "rule": f.rule, "severity": f.severity.as_str(),
            "message": f.message,
            "related": f.related.iter().map(|r| json!({
                "path": r.doc, "start": r.span.start, "end": r.span.end, "message": r.message,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn entities(
    corpus: &Corpus,
    key: &str,
    analysis: &Analysis,
    slice: &dyn Fn(crate::engine::Span) -> String,
) -> Vec<Value> {
    analysis
        .entities
        .mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let canonical = corpus.canonical_name(key, i).unwrap_or_else(|| slice(m.span));
            json!({ "start": m.span.start, "end": m.span.end, "text": slice(m.span), "type": m.kind.as_str(), "entity": canonical })
        })
        .collect()
}
