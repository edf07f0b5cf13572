//! The corpus: every article of the workspace as one body of reporting.
//!
//! It holds each article's analysis, an index of name blocks and claim keys
//! (`index`), resolves entities across articles (`resolve`, `cluster`) and
//! runs the cross-article rules (`rules`). Findings are computed on demand
//! from the index, so changing one article only re-checks what its entities
//! and claims touch; `upsert`/`remove` say which articles that is.
//!
//! Findings can be silenced in the text with an HTML comment (see
//! `silence`) or through `Config.ignore`.

mod cluster;
pub mod index;
mod report;
pub mod resolve;
pub mod rules;
pub mod silence;
pub mod timeline;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::{Mutex, MutexGuard};

use super::analysis::{analyze, Analysis, AnalysisOptions};
use super::finding::Finding;

pub use cluster::{Cluster, ClusterMention};
pub use index::Index;
pub use report::{EntityReport, QuantityReport};
pub use timeline::{timeline, TimelineEvent};

/// All analysed articles, keyed by the adapter's document key (path or URI).
#[derive(Debug, Default)]
pub struct Corpus {
    options: AnalysisOptions,
    articles: BTreeMap<String, Arc<Analysis>>,
    index: Index,
    /// Resolution profiles of every article entity, by article.
    profiles: BTreeMap<String, Vec<resolve::Profile>>,
    /// Corpus-wide results shared by every article's findings, valid until
    /// the next change (cleared by every mutation).
    memo: Mutex<Memo>,
}

/// Memoised corpus-wide results.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    pub clusters: HashMap<index::EntityRef, Arc<Cluster>>,
    pub spellings: HashMap<index::EntityRef, Arc<rules::spelling::Table>>,
    /// Anchored events by claim key (`conflicting-date`).
    pub anchors: HashMap<String, Arc<Vec<rules::dates::Anchor>>>,
    /// Figures by claim key (`conflicting-figure`, `decreasing-total`).
    pub figures: HashMap<String, Arc<Vec<rules::figures::Figure>>>,
    /// Reports of blame as disputed by `contest/...` key (`contested-claim`).
    pub disputes: HashMap<String, Arc<Vec<rules::contested::Dispute>>>,
}

impl Corpus {
    /// An empty corpus analysing with `options`.
    pub fn new(options: AnalysisOptions) -> Self {
        Corpus {
            options,
            articles: BTreeMap::new(),
            index: Index::default(),
            profiles: BTreeMap::new(),
            memo: Mutex::new(Memo::default()),
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
        self.index = Index::default();
        for (key, text) in keys {
            let analysis = Arc::new(analyze(&text, &self.options));
            self.add(&key, analysis);
        }
        self.forget();
    }

    /// Adds or replaces an article; returns the keys whose findings may have changed.
    pub fn upsert(&mut self, key: &str, text: &str) -> Vec<String> {
        let analysis = Arc::new(analyze(text, &self.options));
        self.insert_analysis(key, analysis)
    }

    /// Adds an analysis computed elsewhere (e.g. on another thread); returns
    /// the keys whose findings may have changed.
    pub fn insert_analysis(&mut self, key: &str, analysis: Arc<Analysis>) -> Vec<String> {
        let mut affected = self.neighbourhood(key);
        self.add(key, analysis);
        self.forget();
        affected.extend(self.neighbourhood(key));
        affected.insert(key.to_string());
        affected.into_iter().collect()
    }

    /// Adds many analyses at once (workspace indexing, the CLI): one memo
    /// reset and no neighbourhood search per article, so loading N articles
    /// costs N index insertions. Afterwards any article's findings may have
    /// changed.
    pub fn insert_many(&mut self, items: impl IntoIterator<Item = (String, Arc<Analysis>)>) {
        for (key, analysis) in items {
            self.add(&key, analysis);
        }
        self.forget();
    }

    /// Profiles, indexes and stores one analysis (the memo is the caller's).
    fn add(&mut self, key: &str, analysis: Arc<Analysis>) {
        let profiles = profiles_of(&analysis, &self.options.config);
        self.index.insert(key, &analysis, &profiles);
        self.profiles.insert(key.to_string(), profiles);
        self.articles.insert(key.to_string(), analysis);
    }

    /// Removes an article; returns the keys whose findings may have changed
    /// (including `key`, whose findings are now empty).
    pub fn remove(&mut self, key: &str) -> Vec<String> {
        if !self.articles.contains_key(key) {
            return Vec::new();
        }
        let mut affected = self.neighbourhood(key);
        self.index.remove(key);
        self.articles.remove(key);
        self.profiles.remove(key);
        self.forget();
        affected.insert(key.to_string());
        affected.into_iter().collect()
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
    /// mentions of the same entity across the corpus (the house spelling, else
    /// the spelling most articles use).
    pub fn canonical_name(&self, key: &str, mention: usize) -> Option<String> {
        let entities = &self.articles.get(key)?.entities;
        let m = entities.mentions.get(mention)?;
        match self.cluster_of(&(key.to_string(), m.entity)) {
            Some(cluster) if !cluster.canonical.is_empty() => Some(cluster.canonical.clone()),
            _ => entities.entities.get(m.entity).map(|e| e.canonical.clone()),
        }
    }

    /// The memo of corpus-wide results (recovers from a poisoned lock).
    pub(crate) fn memo(&self) -> MutexGuard<'_, Memo> {
        self.memo.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Drops every memoised result (after any change).
    fn forget(&mut self) {
        *self.memo.get_mut().unwrap_or_else(|e| e.into_inner()) = Memo::default();
    }

    /// The index of name blocks and claim keys.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Every finding for one article: its own and the cross-article ones,
    /// minus what the text or the config silences, sorted by position.
    pub fn findings(&self, key: &str) -> Vec<Finding> {
        let Some(analysis) = self.articles.get(key) else {
            return Vec::new();
        };
        let mut out = analysis.findings.clone();
        // Single-article rules do not know the article's key: fill it in so
        // fixes and related places point at this document.
        for finding in &mut out {
            let replacements = finding
                .fixes
                .iter_mut()
                .flat_map(|f| f.replacements.iter_mut());
            for r in replacements.filter(|r| r.doc.is_empty()) {
                r.doc = key.to_string();
            }
            for r in finding.related.iter_mut().filter(|r| r.doc.is_empty()) {
                r.doc = key.to_string();
            }
        }
        out.extend(rules::spelling::findings(self, key));
        out.extend(rules::figures::findings(self, key));
        out.extend(rules::dates::findings(self, key));
        out.extend(rules::contested::findings(self, key));
        silence::apply(analysis, &self.options.config, &mut out);
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        out
    }

    /// Articles whose findings depend on `key`: those sharing a corpus
    /// entity or a claim key with it.
    fn neighbourhood(&self, key: &str) -> BTreeSet<String> {
        let mut out = self.index.docs_sharing_claims(key);
        if let Some(analysis) = self.articles.get(key) {
            let mut seen: BTreeSet<(String, usize)> = BTreeSet::new();
            for i in 0..analysis.entities.entities.len() {
                let node = (key.to_string(), i);
                if seen.contains(&node) {
                    continue;
                }
                if let Some(cluster) = self.cluster_of(&node) {
                    for member in &cluster.members {
                        out.insert(member.0.clone());
                        seen.insert(member.clone());
                    }
                }
            }
        }
        out
    }
}

/// Resolution profiles of every entity of an article.
fn profiles_of(analysis: &Analysis, config: &super::config::Config) -> Vec<resolve::Profile> {
    analysis
        .entities
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut p = resolve::Profile::new(
                e.kind,
                index::spellings(analysis, i),
                e.roles.clone(),
                config,
            );
            for &m in &e.mentions {
                let Some(mention) = analysis.entities.mentions.get(m) else {
                    continue;
                };
                let surface = resolve::strip_possessive(mention.span.text(&analysis.text).trim());
                if surface.is_empty()
                    || mention.kind != e.kind
                    || p.forms.iter().any(|f| f.0 == surface)
                {
                    continue;
                }
                let tokens = resolve::parts(surface).tokens.len();
                p.forms
                    .push((surface.to_string(), tokens, mention.span.start));
            }
            p
        })
        .collect()
}

/// A short label for a document key: its file name.
pub(crate) fn doc_label(key: &str) -> &str {
    key.rsplit(['/', '\\']).next().unwrap_or(key)
}

/// The publication date of an article as `YYYY-MM-DD`, if known.
pub(crate) fn pub_date(analysis: &Analysis) -> Option<String> {
    analysis
        .article
        .publication_date
        .as_ref()
        .map(|p| p.date.format("%Y-%m-%d").to_string())
}
