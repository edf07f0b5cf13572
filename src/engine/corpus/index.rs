//! The corpus index: which articles hold which name blocks and claim keys,
//! so a change to one article re-checks only the articles it touches and no
//! rule ever compares all pairs of articles.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::engine::analysis::Analysis;
use crate::engine::claims::{Claim, ClaimKind};

use super::resolve;

/// One entity of one article: (document key, index into `Entities::entities`).
pub type EntityRef = (String, usize);
/// One claim of one article: (document key, index into `Analysis::claims`).
pub type ClaimRef = (String, usize);

/// Inverted indices over the corpus.
#[derive(Debug, Default, Clone)]
pub struct Index {
    /// Name block → profile signature → the article entities with it.
    /// Entities of one signature resolve alike, so resolution walks
    /// signatures, and a block costs its distinct names, not its mentions.
    names: BTreeMap<String, BTreeMap<Arc<str>, BTreeSet<EntityRef>>>,
    claims: BTreeMap<String, BTreeSet<ClaimRef>>,
    doc_names: BTreeMap<String, Vec<String>>,
    doc_claims: BTreeMap<String, Vec<String>>,
}

impl Index {
    /// Indexes one article (replacing what was indexed under `doc`): the
    /// blocking keys of its entity profiles and the keys of its claims.
    pub fn insert(&mut self, doc: &str, analysis: &Analysis, profiles: &[resolve::Profile]) {
        self.remove(doc);
        let mut name_keys = BTreeSet::new();
        for (i, profile) in profiles.iter().enumerate() {
            for key in &profile.blocks {
                self.names
                    .entry(key.clone())
                    .or_default()
                    .entry(profile.signature.clone())
                    .or_default()
                    .insert((doc.to_string(), i));
                name_keys.insert(key.clone());
            }
        }
        let mut claim_keys = BTreeSet::new();
        for (i, claim) in analysis.claims.iter().enumerate() {
            for key in claim_index_keys(claim) {
                self.claims
                    .entry(key.clone())
                    .or_default()
                    .insert((doc.to_string(), i));
                claim_keys.insert(key);
            }
        }
        self.doc_names
            .insert(doc.to_string(), name_keys.into_iter().collect());
        self.doc_claims
            .insert(doc.to_string(), claim_keys.into_iter().collect());
    }

    /// Forgets one article.
    pub fn remove(&mut self, doc: &str) {
        for key in self.doc_names.remove(doc).unwrap_or_default() {
            if let Some(block) = self.names.get_mut(&key) {
                for set in block.values_mut() {
                    remove_doc(set, doc);
                }
                block.retain(|_, set| !set.is_empty());
                if block.is_empty() {
                    self.names.remove(&key);
                }
            }
        }
        for key in self.doc_claims.remove(doc).unwrap_or_default() {
            if let Some(set) = self.claims.get_mut(&key) {
                remove_doc(set, doc);
                if set.is_empty() {
                    self.claims.remove(&key);
                }
            }
        }
    }

    /// The signatures in name block `key`, each with its article entities.
    pub fn signatures_in_block(
        &self,
        key: &str,
    ) -> impl Iterator<Item = (&Arc<str>, &BTreeSet<EntityRef>)> {
        self.names.get(key).into_iter().flatten()
    }

    /// Claims indexed under `key`.
    pub fn claims_under(&self, key: &str) -> impl Iterator<Item = &ClaimRef> {
        self.claims.get(key).into_iter().flatten()
    }

    /// Claims of `doc` indexed under `key`.
    pub fn claims_of_under<'a>(
        &'a self,
        key: &str,
        doc: &'a str,
    ) -> impl Iterator<Item = &'a ClaimRef> {
        self.claims.get(key).into_iter().flat_map(move |set| {
            set.range((doc.to_string(), 0)..)
                .take_while(move |(d, _)| d == doc)
        })
    }

    /// Claim keys of one article.
    pub fn claim_keys_of(&self, doc: &str) -> &[String] {
        self.doc_claims.get(doc).map_or(&[], Vec::as_slice)
    }

    /// Documents holding any claim under the claim keys of `doc`.
    pub fn docs_sharing_claims(&self, doc: &str) -> BTreeSet<String> {
        // Borrowed while collecting: a key shared by every article of a big
        // workspace lists each article once per claim, and this runs on
        // every keystroke.
        let mut docs: BTreeSet<&str> = BTreeSet::new();
        for k in self.claim_keys_of(doc) {
            let mut last: Option<&str> = None;
            for (d, _) in self.claims_under(k) {
                if last != Some(d.as_str()) {
                    docs.insert(d);
                    last = Some(d);
                }
            }
        }
        docs.into_iter().map(str::to_string).collect()
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

/// Removes the entries of `doc` from a set sorted by document: a range, so
/// an edit to one article does not scan every article sharing a name.
fn remove_doc(set: &mut BTreeSet<(String, usize)>, doc: &str) {
    let ours: Vec<(String, usize)> = set
        .range((doc.to_string(), 0)..)
        .take_while(|(d, _)| d == doc)
        .cloned()
        .collect();
    for entry in &ours {
        set.remove(entry);
    }
}
