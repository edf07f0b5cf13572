//! The single-article pipeline: parse → segment → time → entities → claims →
//! article-level findings.

use chrono::NaiveDate;
use serde::Serialize;

use super::article::{parse_article, Article, DateSource, PublicationDate};
use super::cache::AnalysisCache;
use super::claims::{self, Claim};
use super::config::Config;
use super::entities::Entities;
use super::finding::{Finding, Severity};
use super::span::Span;
use super::time::{self, Timex};

/// What the pipeline needs besides the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnalysisOptions {
    pub config: Config,
    /// Overrides the publication date found in the file.
    pub publication_date: Option<NaiveDate>,
}

/// Everything the engine knows about one article. The segmentation is not
/// kept: nothing downstream of the pipeline needs it, and it is the largest
/// part of an analysis a corpus of thousands of articles would hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The text analysed (a copy, so the analysis is self-contained).
    #[serde(skip)]
    pub text: String,
    pub article: Article,
    pub times: Vec<Timex>,
    pub entities: Entities,
    pub claims: Vec<Claim>,
    /// Findings of this article alone (the corpus adds cross-article ones).
    pub findings: Vec<Finding>,
}

/// Rule id of the "no publication date" note.
pub const MISSING_DATE_RULE: &str = "missing-publication-date";

/// Runs the whole single-article pipeline. Never panics.
pub fn analyze(text: &str, options: &AnalysisOptions) -> Analysis {
    analyze_cached(text, options, &mut AnalysisCache::disabled())
}

/// `analyze`, reusing the per-paragraph results `cache` holds from earlier
/// analyses of the same document (and remembering this one's). The result
/// is identical to `analyze`'s.
pub fn analyze_cached(
    text: &str,
    options: &AnalysisOptions,
    cache: &mut AnalysisCache,
) -> Analysis {
    let mut article = parse_article(text);
    if let Some(date) = options.publication_date {
        article.publication_date = Some(PublicationDate {
            date,
            time: None,
            source: DateSource::Option,
            span: None,
        });
    }
    let segmentation = cache.segment(&article);
    let times = cache.tag_times(&article, &segmentation, &options.config.time);
    let entities = cache.recognise(&article, &options.config);
    let claims = claims::extract(&article, &segmentation, &times, &entities);
    let mut findings = Vec::new();
    findings.extend(time::findings(&article, &times, &options.config));
    if article.publication_date.is_none() {
        if let Some(severity) = options
            .config
            .severity_for(MISSING_DATE_RULE, Severity::Information)
        {
            findings.push(missing_date_finding(&article, severity));
        }
    }
    Analysis {
        text: text.to_string(),
        article,
        times,
        entities,
        claims,
        findings,
    }
}

fn missing_date_finding(article: &Article, severity: Severity) -> Finding {
    let anchor = article
        .paragraphs
        .first()
        .map(|p| {
            Span::new(
                p.span.start,
                p.span.start + first_line_len(&article.clean[p.span.range()]),
            )
        })
        .unwrap_or_default();
    Finding::new(
        anchor,
        MISSING_DATE_RULE,
        severity,
        "No publication date found, so relative dates (\"on Thursday\", \"last month\") cannot be resolved. \
         Add a first line like ` date 2020-10-08 PLACE -- `, a `date: 2020-10-08` front-matter field, \
         or a date on its own line under the title.",
    )
}

fn first_line_len(text: &str) -> usize {
    text.find(['\n', '\r']).unwrap_or(text.len())
}
