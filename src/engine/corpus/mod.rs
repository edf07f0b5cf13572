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

mod claim_table;
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
use claim_table::ClaimTable;

pub use cluster::{Cluster, ClusterMention};
pub use index::{DocKey, Index};
pub use report::{EntityReport, QuantityReport};
pub use timeline::{timeline, TimelineEvent};

/// All analysed articles, keyed by the adapter's document key (path or URI).
#[derive(Debug, Default)]
pub struct Corpus {
    options: AnalysisOptions,
    articles: BTreeMap<DocKey, Arc<Analysis>>,
    index: Index,
    /// Resolution profiles of every article entity, by article.
    profiles: FastMap<DocKey, Vec<resolve::Profile>>,
    /// Their name parts, one per signature (pruned as articles change).
    names: resolve::NameProfiles,
    /// Size of `names` after its last pruning.
    names_pruned_at: usize,
    /// What other articles read of each article edited through
    /// `insert_analysis`, as of its last edit.
    views: BTreeMap<String, CrossView>,
    /// Corpus-wide results shared by every article's findings, valid until
    /// the next change (cleared by every mutation).
    memo: Mutex<Memo>,
}

/// A hash map with foldhash's fixed-seed hasher: the corpus hashes document
/// keys and claim keys on every lookup, where SipHash showed in profiles.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Memoised corpus-wide results.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    pub clusters: FastMap<index::EntityRef, Arc<Cluster>>,
    pub spellings: FastMap<index::EntityRef, Arc<rules::spelling::Table>>,
    /// Anchored events by claim key (`conflicting-date`).
    pub anchors: FastMap<String, Arc<ClaimTable<rules::dates::Anchor>>>,
    /// Figures by claim key (`conflicting-figure`, `decreasing-total`).
    pub figures: FastMap<String, Arc<ClaimTable<rules::figures::Figure>>>,
    /// Reports of blame as disputed by `contest/...` key (`contested-claim`).
    pub disputes: FastMap<String, Arc<ClaimTable<rules::contested::Dispute>>>,
}

impl Corpus {
    /// An empty corpus analysing with `options`.
    pub fn new(options: AnalysisOptions) -> Self {
        Corpus {
            options,
            articles: BTreeMap::new(),
            index: Index::default(),
            profiles: FastMap::default(),
            names: resolve::NameProfiles::new(),
            names_pruned_at: 0,
            views: BTreeMap::new(),
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
        let keys: Vec<(DocKey, String)> = self
            .articles
            .iter()
            .map(|(k, a)| (k.clone(), a.text.clone()))
            .collect();
        self.index = Index::default();
        // Name profiles hold alias groups and blocks of the old config.
        self.names.clear();
        self.names_pruned_at = 0;
        self.views.clear();
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
    ///
    /// Typing is cheap in a big workspace: an edit that leaves the article's
    /// names as they were (same signatures and written forms) keeps every
    /// cluster, and touches only the articles sharing a claim key with it
    /// (before or after) and those whose findings cite it. Only an edit to a
    /// name re-checks the neighbourhood of its entities.
    pub fn insert_analysis(&mut self, key: &str, analysis: Arc<Analysis>) -> Vec<String> {
        // The view of the last edit is kept, so a keystroke computes one view.
        let before = self.views.remove(key).or_else(|| {
            let (a, p) = self.articles.get(key).zip(self.profiles.get(key))?;
            Some(CrossView::of(a, p))
        });
        let profiles = profiles_of(&analysis, &self.options.config, &mut self.names);
        let after = CrossView::of(&analysis, &profiles);
        let key = self.intern(key);
        let mut affected = self.replace(&key, analysis, profiles, before.as_ref(), &after);
        affected.insert(key.clone());
        self.views.insert(key.to_string(), after);
        affected.into_iter().map(|k| k.to_string()).collect()
    }

    /// Stores a new analysis of `key` and returns the other articles whose
    /// findings may have changed, from what changed between the views.
    fn replace(
        &mut self,
        key: &DocKey,
        analysis: Arc<Analysis>,
        profiles: Vec<resolve::Profile>,
        before: Option<&CrossView>,
        after: &CrossView,
    ) -> BTreeSet<DocKey> {
        let Some(before) = before else {
            let mut affected = self.neighbourhood(key);
            self.store(key, analysis, profiles);
            self.forget();
            affected.extend(self.neighbourhood(key));
            return affected;
        };
        if before.names == after.names {
            let old_keys = self.index.claim_keys_of(key).to_vec();
            let claims_changed = before.claims != after.claims || before.date != after.date;
            let sharing_before = claims_changed.then(|| self.index.docs_sharing_claims(key));
            self.store(key, analysis, profiles);
            let new_keys = self.index.claim_keys_of(key).to_vec();
            // Same keys, same other articles: the set need not be walked twice.
            let sharing = match &sharing_before {
                Some(set) if old_keys == new_keys => set.clone(),
                _ => self.index.docs_sharing_claims(key),
            };
            let mut stale_keys = old_keys;
            stale_keys.extend(new_keys);
            self.forget_positions(key, &stale_keys);
            let mut affected = sharing_before.unwrap_or_default();
            affected.extend(self.citing(key, sharing));
            return affected;
        }
        // Names changed: re-check the corpus entities the changed names can
        // join or leave (before and after), not every entity of the article.
        let changed = before.changed_signatures(after);
        let mut affected = self.names_neighbourhood(key, &changed);
        self.store(key, analysis, profiles);
        self.forget();
        affected.extend(self.names_neighbourhood(key, &changed));
        let sharing = self.index.docs_sharing_claims(key);
        affected.extend(self.citing(key, sharing));
        affected
    }

    /// Articles sharing a claim key with `key`, and those in the corpus
    /// entities of every name sharing a block with an entity of `key` whose
    /// signature is in `changed`: all the resolution of those names reads.
    fn names_neighbourhood(&self, key: &str, changed: &BTreeSet<Arc<str>>) -> BTreeSet<DocKey> {
        let mut out = self.index.docs_sharing_claims(key);
        let Some(profiles) = self.profiles.get(key) else {
            return out;
        };
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for p in profiles.iter().filter(|p| changed.contains(&p.signature)) {
            for block in &p.blocks {
                for (sig, refs) in self.index.signatures_in_block(block) {
                    if !seen.insert(sig) {
                        continue;
                    }
                    let Some(cluster) = refs.iter().next().and_then(|r| self.cluster_of(r)) else {
                        continue;
                    };
                    out.extend(cluster.members.iter().map(|(d, _)| d.clone()));
                }
            }
        }
        out
    }

    /// Adds many analyses at once (workspace indexing, the CLI): one memo
    /// reset and no neighbourhood search per article, so loading N articles
    /// costs N index insertions. Afterwards any article's findings may have
    /// changed.
    pub fn insert_many(&mut self, items: impl IntoIterator<Item = (String, Arc<Analysis>)>) {
        for (key, analysis) in items {
            self.views.remove(&key);
            let key = self.intern(&key);
            self.add(&key, analysis);
        }
        self.forget();
    }

    /// Profiles, indexes and stores one analysis (the memo is the caller's).
    fn add(&mut self, key: &DocKey, analysis: Arc<Analysis>) {
        let profiles = profiles_of(&analysis, &self.options.config, &mut self.names);
        self.store(key, analysis, profiles);
    }

    fn store(&mut self, key: &DocKey, analysis: Arc<Analysis>, profiles: Vec<resolve::Profile>) {
        self.index.insert(key, &analysis, &profiles);
        self.profiles.insert(key.clone(), profiles);
        self.articles.insert(key.clone(), analysis);
        self.prune_names();
    }

    /// The corpus's shared copy of a document key (a new one for a new article).
    fn intern(&self, key: &str) -> DocKey {
        self.doc_key(key).unwrap_or_else(|| DocKey::from(key))
    }

    /// The shared copy of the key of an article the corpus holds.
    pub(crate) fn doc_key(&self, key: &str) -> Option<DocKey> {
        self.articles.get_key_value(key).map(|(k, _)| k.clone())
    }

    /// Drops the name profiles no article uses any more, once the table has
    /// doubled since the last pruning (so the cost is amortised).
    fn prune_names(&mut self) {
        if self.names.len() > 2 * self.names_pruned_at.max(512) {
            self.names.retain(|_, name| Arc::strong_count(name) > 1);
            self.names_pruned_at = self.names.len();
        }
    }

    /// After an edit that left the names of `key` as they were: rebuilds the
    /// rows of `key` in the spelling tables of its entities and in the rule
    /// tables of `claim_keys` (the rest of each table still holds: it reads
    /// other articles and clusters, which did not change).
    fn forget_positions(&mut self, key: &DocKey, claim_keys: &[Arc<str>]) {
        let entities = self.profiles.get(key).map_or(0, Vec::len);
        // The tables are taken out so they can be patched while the corpus
        // is read; the clusters stay in the memo, since rows resolve them.
        let (touched, mut spellings, mut anchors, mut figures, mut disputes) = {
            let memo = self.memo.get_mut().unwrap_or_else(|e| e.into_inner());
            let touched: BTreeMap<index::EntityRef, Arc<Cluster>> = (0..entities)
                .filter_map(|i| memo.clusters.get(&(key.clone(), i)))
                .filter_map(|cluster| Some((cluster.members.first()?.clone(), cluster.clone())))
                .collect();
            (
                touched,
                std::mem::take(&mut memo.spellings),
                std::mem::take(&mut memo.anchors),
                std::mem::take(&mut memo.figures),
                std::mem::take(&mut memo.disputes),
            )
        };
        for (first, cluster) in &touched {
            let Some(table) = spellings.get_mut(first) else {
                continue;
            };
            match Arc::get_mut(table) {
                Some(table) => rules::spelling::patch(table, self, cluster, key),
                // Still read elsewhere (cannot happen under `&mut self`): rebuild later.
                None => {
                    spellings.remove(first);
                }
            }
        }
        let claim_keys: BTreeSet<&Arc<str>> = claim_keys.iter().collect();
        for k in claim_keys {
            patch_table(&mut anchors, self, k, key);
            patch_table(&mut figures, self, k, key);
            patch_table(&mut disputes, self, k, key);
        }
        let memo = self.memo.get_mut().unwrap_or_else(|e| e.into_inner());
        memo.spellings = spellings;
        memo.anchors = anchors;
        memo.figures = figures;
        memo.disputes = disputes;
    }

    /// Articles whose findings may cite positions in `key`: those sharing a
    /// claim key with it, and those misspelling one of its corpus entities
    /// (only they have findings that cite its spellings as witnesses).
    /// `sharing` is `index.docs_sharing_claims(key)`, which the caller may
    /// already hold.
    fn citing(&self, key: &DocKey, sharing: BTreeSet<DocKey>) -> BTreeSet<DocKey> {
        let mut out = sharing;
        let Some(analysis) = self.articles.get(key) else {
            return out;
        };
        for i in 0..analysis.entities.entities.len() {
            let Some(cluster) = self.cluster_of(&(key.clone(), i)) else {
                continue;
            };
            out.extend(rules::spelling::misspelling_docs(self, &cluster));
        }
        out
    }

    /// Removes an article; returns the keys whose findings may have changed
    /// (including `key`, whose findings are now empty).
    pub fn remove(&mut self, key: &str) -> Vec<String> {
        if !self.articles.contains_key(key) {
            return Vec::new();
        }
        let affected = self.neighbourhood(key);
        self.index.remove(key);
        self.articles.remove(key);
        self.profiles.remove(key);
        self.views.remove(key);
        self.forget();
        let mut affected: BTreeSet<String> = affected.iter().map(|k| k.to_string()).collect();
        affected.insert(key.to_string());
        affected.into_iter().collect()
    }

    /// The analysis of one article.
    pub fn get(&self, key: &str) -> Option<&Arc<Analysis>> {
        self.articles.get(key)
    }

    /// Keys of every article, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.articles.keys().map(|k| &**k)
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
        let (key, analysis) = self.articles.get_key_value(key)?;
        let entities = &analysis.entities;
        let m = entities.mentions.get(mention)?;
        match self.cluster_of(&(key.clone(), m.entity)) {
            Some(cluster) if !cluster.canonical.is_empty() => Some(cluster.canonical.clone()),
            _ => entities.entities.get(m.entity).map(|e| e.canonical.clone()),
        }
    }

    /// The memo of corpus-wide results (recovers from a poisoned lock).
    pub(crate) fn memo(&self) -> MutexGuard<'_, Memo> {
        self.memo.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every claim indexed under `key`: (article key, claim index, article, claim).
    pub(crate) fn claims_under(
        &self,
        key: &str,
    ) -> impl Iterator<Item = (&DocKey, usize, &Analysis, &super::claims::Claim)> {
        self.index.claims_under(key).filter_map(|(doc, j)| {
            let analysis = self.articles.get(doc)?;
            Some((doc, *j, &**analysis, analysis.claims.get(*j)?))
        })
    }

    /// The claims of `doc` indexed under `key`, as [`Corpus::claims_under`].
    pub(crate) fn claims_of_under<'a>(
        &'a self,
        key: &str,
        doc: &'a str,
    ) -> impl Iterator<Item = (&'a DocKey, usize, &'a Analysis, &'a super::claims::Claim)> {
        self.index.claims_of_under(key, doc).filter_map(|(doc, j)| {
            let analysis = self.articles.get(doc)?;
            Some((doc, *j, &**analysis, analysis.claims.get(*j)?))
        })
    }

    /// A result memoised until the next change: `slot` picks its map in the
    /// memo, `build` computes it on a miss (without the memo locked, since
    /// building may resolve clusters, which memoises too).
    pub(crate) fn memoised<K, Q, T>(
        &self,
        slot: fn(&mut Memo) -> &mut FastMap<K, Arc<T>>,
        key: &Q,
        build: impl FnOnce() -> T,
    ) -> Arc<T>
    where
        K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
        Q: ToOwned<Owned = K> + std::hash::Hash + Eq + ?Sized,
    {
        if let Some(hit) = slot(&mut self.memo()).get(key) {
            return hit.clone();
        }
        let value = Arc::new(build());
        slot(&mut self.memo()).insert(key.to_owned(), value.clone());
        value
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
    fn neighbourhood(&self, key: &str) -> BTreeSet<DocKey> {
        let mut out = self.index.docs_sharing_claims(key);
        if let Some((key, analysis)) = self.articles.get_key_value(key) {
            let mut seen: BTreeSet<index::EntityRef> = BTreeSet::new();
            for i in 0..analysis.entities.entities.len() {
                let node = (key.clone(), i);
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

/// What other articles' findings read of one article: its entities'
/// signatures and written forms, and its claims with every span replaced by
/// the text it covers (so an edit that only shifts positions compares equal).
/// The written forms of one entity: (form, token count).
type Forms = Vec<(String, usize)>;

#[derive(Debug, PartialEq)]
struct CrossView {
    /// Per entity: its signature and its (form, token count) pairs.
    names: Vec<(Arc<str>, Forms)>,
    claims: serde_json::Value,
    date: Option<chrono::NaiveDate>,
}

impl CrossView {
    /// Signatures of the entities whose name or written forms differ.
    fn changed_signatures(&self, other: &CrossView) -> BTreeSet<Arc<str>> {
        let mine: BTreeSet<&(Arc<str>, Forms)> = self.names.iter().collect();
        let theirs: BTreeSet<&(Arc<str>, Forms)> = other.names.iter().collect();
        mine.symmetric_difference(&theirs)
            .map(|(sig, _)| sig.clone())
            .collect()
    }

    fn of(analysis: &Analysis, profiles: &[resolve::Profile]) -> CrossView {
        let names = profiles
            .iter()
            .map(|p| {
                let forms = p.forms.iter().map(|(s, n, _)| (s.clone(), *n)).collect();
                (p.signature.clone(), forms)
            })
            .collect();
        let mut claims = serde_json::to_value(&analysis.claims).unwrap_or_default();
        spans_to_text(&mut claims, &analysis.text);
        CrossView {
            names,
            claims,
            date: analysis.article.publication_date.as_ref().map(|d| d.date),
        }
    }
}

/// Replaces every serialised span (`{"start": a, "end": b}`) with its text.
fn spans_to_text(value: &mut serde_json::Value, text: &str) {
    match value {
        serde_json::Value::Object(map) => {
            if map.len() == 2 {
                if let (Some(start), Some(end)) = (
                    map.get("start").and_then(serde_json::Value::as_u64),
                    map.get("end").and_then(serde_json::Value::as_u64),
                ) {
                    let covered = text.get(start as usize..end as usize).unwrap_or("");
                    *value = serde_json::Value::String(covered.to_string());
                    return;
                }
            }
            map.values_mut().for_each(|v| spans_to_text(v, text));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| spans_to_text(v, text)),
        _ => {}
    }
}

/// Resolution profiles of every entity of an article.
fn profiles_of(
    analysis: &Analysis,
    config: &super::config::Config,
    names: &mut resolve::NameProfiles,
) -> Vec<resolve::Profile> {
    analysis
        .entities
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut p = resolve::Profile::shared(
                e.kind,
                index::spellings(analysis, i),
                e.roles.clone(),
                config,
                names,
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

/// Rebuilds the rows of `doc` in the memoised table of claim key `key`, if
/// there is one (a table shared with a reader is dropped and rebuilt later).
fn patch_table<T>(
    tables: &mut FastMap<String, Arc<ClaimTable<T>>>,
    corpus: &Corpus,
    key: &str,
    doc: &str,
) {
    let Some(table) = tables.get_mut(key) else {
        return;
    };
    match Arc::get_mut(table) {
        Some(table) => table.patch(corpus, key, doc),
        None => {
            tables.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_naming_one_entity_alike_share_its_name_profile() {
        let mut corpus = Corpus::new(AnalysisOptions::default());
        let text = " date 2020-10-09 PARIS -- Emmanuel Macron called for a truce.\n";
        corpus.upsert("a.txt", text);
        corpus.upsert("b.txt", &text.replace("a truce", "calm"));
        let name_of = |corpus: &Corpus, doc: &str| {
            let entities = &corpus.get(doc).unwrap().entities.entities;
            let i = entities
                .iter()
                .position(|e| e.canonical.contains("Macron"))
                .expect("Macron recognised");
            corpus
                .profile(&(corpus.doc_key(doc).unwrap(), i))
                .unwrap()
                .signature
                .clone()
        };
        let (a, b) = (name_of(&corpus, "a.txt"), name_of(&corpus, "b.txt"));
        assert!(Arc::ptr_eq(&a, &b), "one shared name profile");
        // After a config change the profiles are rebuilt (alias groups may differ).
        corpus.set_options(AnalysisOptions::default());
        assert!(!Arc::ptr_eq(&a, &name_of(&corpus, "a.txt")));
    }
}
