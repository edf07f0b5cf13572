//! The corpus: every article of the workspace as one body of reporting.
//!
//! (Stub of the foundation issue: cross-article rules are the corpus issue's
//! work. Today it holds analyses and returns each article's own findings.)

use std::collections::BTreeMap;
use std::sync::Arc;

use super::analysis::{analyze, Analysis, AnalysisOptions};
use super::finding::Finding;

/// All analysed articles, keyed by the adapter's document key (path or URI).
#[derive(Debug, Default)]
pub struct Corpus {
    options: AnalysisOptions,
    articles: BTreeMap<String, Arc<Analysis>>,
}

impl Corpus {
    /// An empty corpus analysing with `options`.
    pub fn new(options: AnalysisOptions) -> Self {
        Corpus {
            options,
            articles: BTreeMap::new(),
        }
    }

    /// The options articles are analysed with.
    pub fn options(&self) -> &AnalysisOptions {
        &self.options
    }

    /// Replaces the options and re-analyses every article.
    pub fn set_options(&mut self, options: AnalysisOptions) {
        self.options = options;
        let keys: Vec<(String, String)> = self
            .articles
            .iter()
            .map(|(k, a)| (k.clone(), a.text.clone()))
            .collect();
        for (key, text) in keys {
            self.upsert(&key, &text);
        }
    }

    /// Adds or replaces an article; returns the keys whose findings may have changed.
    pub fn upsert(&mut self, key: &str, text: &str) -> Vec<String> {
        let analysis = Arc::new(analyze(text, &self.options));
        self.insert_analysis(key, analysis)
    }

    /// Adds an analysis computed elsewhere (e.g. on another thread).
    pub fn insert_analysis(&mut self, key: &str, analysis: Arc<Analysis>) -> Vec<String> {
        self.articles.insert(key.to_string(), analysis);
        vec![key.to_string()]
    }

    /// Removes an article; returns the keys whose findings may have changed.
    pub fn remove(&mut self, key: &str) -> Vec<String> {
        self.articles.remove(key);
        Vec::new()
    }

    /// The analysis of one article.
    pub fn get(&self, key: &str) -> Option<&Arc<Analysis>> {
        self.articles.get(key)
    }

    /// Keys of every article, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.articles.keys().map(String::as_str)
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True when no article is held.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The canonical name of mention `mention` of article `key`, shared by all
    /// mentions of the same entity across the corpus.
    pub fn canonical_name(&self, key: &str, mention: usize) -> Option<String> {
        let entities = &self.articles.get(key)?.entities;
        let m = entities.mentions.get(mention)?;
        entities.entities.get(m.entity).map(|e| e.canonical.clone())
    }

    /// Every finding for one article: its own and the cross-article ones.
    pub fn findings(&self, key: &str) -> Vec<Finding> {
        self.articles
            .get(key)
            .map(|a| a.findings.clone())
            .unwrap_or_default()
    }
}
