//! The corpus index: which articles hold which name blocks and claim keys,
//! so a change to one article re-checks only the articles it touches and no
//! rule ever compares all pairs of articles.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::engine::analysis::Analysis;
use crate::engine::claims::{Claim, ClaimKind};

use super::resolve;

/// A document key, interned by the corpus: every index entry, cluster
/// member and memoised table naming an article shares one allocation.
pub type DocKey = Arc<str>;
/// One entity of one article: (document key, index into `Entities::entities`).
pub type EntityRef = (DocKey, usize);
/// One claim of one article: (document key, index into `Analysis::claims`).
pub type ClaimRef = (DocKey, usize);

/// Inverted indices over the corpus. Keys are shared `Arc<str>`s and the
/// article entities and claims under a key a sorted `Vec` (most keys hold
/// one or two), so a corpus of ten thousand articles indexes cheaply.
#[derive(Debug, Default, Clone)]
pub struct Index {
    /// Name block → profile signature → the article entities with it.
    /// Entities of one signature resolve alike, so resolution walks
    /// signatures, and a block costs its distinct names, not its mentions.
    names: BTreeMap<Arc<str>, BTreeMap<Arc<str>, Vec<EntityRef>>>,
    claims: BTreeMap<Arc<str>, Vec<ClaimRef>>,
    doc_names: BTreeMap<DocKey, Vec<Arc<str>>>,
    doc_claims: BTreeMap<DocKey, Vec<Arc<str>>>,
}

impl Index {
    /// Indexes one article (replacing what was indexed under `doc`): the
    /// blocking keys of its entity profiles and the keys of its claims.
    pub fn insert(&mut self, doc: &DocKey, analysis: &Analysis, profiles: &[resolve::Profile]) {
        self.remove(doc);
        let mut name_keys = BTreeSet::new();
        for (i, profile) in profiles.iter().enumerate() {
            for key in &profile.blocks {
                let refs = self
                    .names
                    .entry(key.clone())
                    .or_default()
                    .entry(profile.signature.clone())
                    .or_default();
                insert_sorted(refs, (doc.clone(), i));
                name_keys.insert(key.clone());
            }
        }
        let mut claim_keys: BTreeSet<Arc<str>> = BTreeSet::new();
        for (i, claim) in analysis.claims.iter().enumerate() {
            for key in claim_index_keys(claim) {
                let key = match self.claims.get_key_value(key.as_str()) {
                    Some((shared, _)) => shared.clone(),
                    None => Arc::from(key),
                };
                insert_sorted(
                    self.claims.entry(key.clone()).or_default(),
                    (doc.clone(), i),
                );
                claim_keys.insert(key);
            }
        }
        self.doc_names
            .insert(doc.clone(), name_keys.into_iter().collect());
        self.doc_claims
            .insert(doc.clone(), claim_keys.into_iter().collect());
    }

    /// Forgets one article.
    pub fn remove(&mut self, doc: &str) {
        for key in self.doc_names.remove(doc).unwrap_or_default() {
            if let Some(block) = self.names.get_mut(&key) {
                for refs in block.values_mut() {
                    remove_doc(refs, doc);
                }
                block.retain(|_, refs| !refs.is_empty());
                if block.is_empty() {
                    self.names.remove(&key);
                }
            }
        }
        for key in self.doc_claims.remove(doc).unwrap_or_default() {
            if let Some(refs) = self.claims.get_mut(&key) {
                remove_doc(refs, doc);
                if refs.is_empty() {
                    self.claims.remove(&key);
                }
            }
        }
    }

    /// The signatures in name block `key`, each with its article entities (sorted).
    pub fn signatures_in_block(
        &self,
        key: &str,
    ) -> impl Iterator<Item = (&Arc<str>, &[EntityRef])> {
        self.names
            .get(key)
            .into_iter()
            .flatten()
            .map(|(sig, refs)| (sig, refs.as_slice()))
    }

    /// Claims indexed under `key`, sorted.
    pub fn claims_under(&self, key: &str) -> impl Iterator<Item = &ClaimRef> {
        self.claims.get(key).into_iter().flatten()
    }

    /// Claims of `doc` indexed under `key`.
    pub fn claims_of_under<'a>(
        &'a self,
        key: &str,
        doc: &str,
    ) -> impl Iterator<Item = &'a ClaimRef> {
        let refs = self.claims.get(key).map_or(&[][..], Vec::as_slice);
        refs.get(doc_range(refs, doc)).unwrap_or(&[]).iter()
    }

    /// Claim keys of one article.
    pub fn claim_keys_of(&self, doc: &str) -> &[Arc<str>] {
        self.doc_claims.get(doc).map_or(&[], Vec::as_slice)
    }

    /// Documents holding any claim under the claim keys of `doc`.
    pub fn docs_sharing_claims(&self, doc: &str) -> BTreeSet<DocKey> {
        // A key shared by every article of a big workspace lists each
        // article once per claim, and this runs on every keystroke: each
        // article is inserted once per key (entries are sorted by article).
        let mut docs: BTreeSet<DocKey> = BTreeSet::new();
        for k in self.claim_keys_of(doc) {
            let mut last: Option<&DocKey> = None;
            for (d, _) in self.claims_under(k) {
                if last != Some(d) {
                    docs.insert(d.clone());
                    last = Some(d);
                }
            }
        }
        docs
    }
}

/// Inserts `item` into a sorted, duplicate-free `Vec` (a set that costs
/// nothing beyond its items; bulk loading appends in key order).
fn insert_sorted<T: Ord>(items: &mut Vec<T>, item: T) {
    if items.last().is_none_or(|last| *last < item) {
        items.push(item);
    } else if let Err(at) = items.binary_search(&item) {
        items.insert(at, item);
    }
}

/// Distinct surface spellings of entity `i` of an article, in text order.
pub fn spellings(analysis: &Analysis, i: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some(entity) = analysis.entities.entities.get(i) else {
        return out;
    };
    for &m in &entity.mentions {
        if let Some(mention) = analysis.entities.mentions.get(m) {
            let text = mention.span.text(&analysis.text).trim().to_string();
            if !text.is_empty() && !out.contains(&text) {
                out.push(text);
            }
        }
    }
    if out.is_empty() && !entity.canonical.is_empty() {
        out.push(entity.canonical.clone());
    }
    out
}

/// The keys a claim is indexed under: its comparison key, plus a shared
/// `contest/...` key for assertions and disputes of who did what.
pub fn claim_index_keys(claim: &Claim) -> Vec<String> {
    match &claim.kind {
        ClaimKind::Quantity(_) => vec![claim.key.clone()],
        ClaimKind::Event(e) => {
            let mut keys = vec![claim.key.clone()];
            if let Some(group) = super::rules::contested::group(e.class) {
                keys.push(format!("contest/{group}"));
            }
            keys
        }
        ClaimKind::Statement(_) => Vec::new(),
    }
}

/// Removes the entries of `doc` from a list sorted by document: a range, so
/// an edit to one article does not scan every article sharing a name.
fn remove_doc(refs: &mut Vec<(DocKey, usize)>, doc: &str) {
    let range = doc_range(refs, doc);
    refs.drain(range);
}

/// Where the entries of `doc` are in a list sorted by document.
fn doc_range(refs: &[(DocKey, usize)], doc: &str) -> std::ops::Range<usize> {
    let start = refs.partition_point(|(d, _)| &**d < doc);
    let end = start
        + refs
            .get(start..)
            .unwrap_or(&[])
            .partition_point(|(d, _)| &**d == doc);
    start..end
}
