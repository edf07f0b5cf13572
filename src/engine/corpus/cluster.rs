//! Corpus entities: the article entities that name one real entity,
//! gathered through the name blocks of the index, with the canonical
//! spelling (house spelling from the config, else the spelling most
//! articles use, ties to the first article in key order).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::Arc;

use crate::engine::entities::EntityType;
use crate::engine::span::Span;

use super::index::EntityRef;
use super::resolve::{self, Match, Profile};
use super::Corpus;

/// One real entity across the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Member article entities, sorted.
    pub members: Vec<EntityRef>,
    pub kind: EntityType,
    /// The spelling every article should use.
    pub canonical: String,
    /// True when the canonical spelling comes from the config.
    pub house: bool,
}

/// One mention of a cluster: where and as what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterMention {
    pub doc: String,
    pub span: Span,
    pub surface: String,
}

impl Corpus {
    /// Profile of one article entity, for resolution.
    pub(crate) fn profile(&self, node: &EntityRef) -> Option<&Profile> {
        self.profiles.get(&node.0)?.get(node.1)
    }

    /// The corpus entity an article entity belongs to.
    ///
    /// A breadth-first walk through the name blocks of the index. Profiles
    /// with one signature (same kind, spellings and roles) resolve alike, so
    /// each block is scanned once per signature and each pair of signatures
    /// is compared once: the cost follows the number of distinct names, not
    /// the number of articles repeating them.
    pub fn cluster_of(&self, start: &EntityRef) -> Option<Arc<Cluster>> {
        if let Some(hit) = self.memo().clusters.get(start) {
            return Some(hit.clone());
        }
        let cluster = Arc::new(self.resolve_cluster(start)?);
        let mut memo = self.memo();
        for member in &cluster.members {
            memo.clusters.insert(member.clone(), cluster.clone());
        }
        Some(cluster)
    }

    fn resolve_cluster(&self, start: &EntityRef) -> Option<Cluster> {
        let first = self.profile(start)?;
        let mut profiles: BTreeMap<EntityRef, &Profile> = BTreeMap::new();
        let mut scanned: HashSet<(&str, &str)> = HashSet::new();
        let mut decided: HashMap<(&str, &str), bool> = HashMap::new();
        let mut lone: HashMap<&str, bool> = HashMap::new();
        let mut queue = VecDeque::new();
        profiles.insert(start.clone(), first);
        queue.push_back(start.clone());
        while let Some(node) = queue.pop_front() {
            let Some(profile) = profiles.get(&node).copied() else {
                continue;
            };
            for key in &profile.blocks {
                if !scanned.insert((key.as_str(), profile.signature.as_str())) {
                    continue;
                }
                for cand in self.index().entities_in_block(key) {
                    if profiles.contains_key(cand) {
                        continue;
                    }
                    let Some(other) = self.profile(cand) else {
                        continue;
                    };
                    let pair = (profile.signature.as_str(), other.signature.as_str());
                    let merge = match decided.get(&pair) {
                        Some(&m) => m,
                        None => {
                            let m = self.merges(profile, other, &mut lone);
                            decided.insert(pair, m);
                            m
                        }
                    };
                    if merge {
                        profiles.insert(cand.clone(), other);
                        queue.push_back(cand.clone());
                    }
                }
            }
        }
        let members: Vec<EntityRef> = profiles.keys().cloned().collect();
        let kind = profiles
            .values()
            .next()
            .map_or(EntityType::Place, |p| p.kind);
        let (canonical, house) = self.canonical(&profiles);
        Some(Cluster {
            members,
            kind,
            canonical,
            house,
        })
    }

    /// Whether two profiles merge, with the corpus-level guard that a lone
    /// surname joins a full name only when one full name in the corpus fits
    /// (memoised per lone profile in `lone`).
    fn merges<'a>(
        &'a self,
        a: &'a Profile,
        b: &'a Profile,
        lone: &mut HashMap<&'a str, bool>,
    ) -> bool {
        let config = &self.options().config;
        if resolve::same_entity(a, b, config) == Match::No {
            return false;
        }
        if a.kind != EntityType::Person {
            return true;
        }
        let (na, nb) = (a.folded().len(), b.folded().len());
        let single = match (na, nb) {
            (1, n) if n > 1 => a,
            (n, 1) if n > 1 => b,
            _ => return true,
        };
        if let Some(&ok) = lone.get(single.signature.as_str()) {
            return ok;
        }
        let mut full_names: BTreeSet<String> = BTreeSet::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for key in &single.blocks {
            for r in self.index().entities_in_block(key) {
                let Some(p) = self.profile(r) else { continue };
                if !seen.insert(p.signature.as_str()) {
                    continue;
                }
                if p.folded().len() > 1 && resolve::same_entity(single, p, config) != Match::No {
                    full_names.insert(p.folded().concat());
                }
            }
        }
        let ok = full_names.len() <= 1;
        lone.insert(single.signature.as_str(), ok);
        ok
    }

    /// House spelling, else the fullest spelling most articles use.
    fn canonical(&self, profiles: &BTreeMap<EntityRef, &Profile>) -> (String, bool) {
        let config = &self.options().config;
        for entry in &config.entities {
            let house = Profile::new(entry.kind, vec![entry.name.clone()], Vec::new());
            let hit = profiles.values().any(|p| {
                p.kind == entry.kind
                    && (resolve::same_entity(&house, p, config) != Match::No
                        || p.spellings.iter().any(|s| {
                            entry
                                .aliases
                                .iter()
                                .any(|a| resolve::compact(a) == resolve::compact(s))
                        }))
            });
            if hit {
                return (entry.name.clone(), true);
            }
        }
        let most_tokens = profiles
            .values()
            .map(|p| p.folded().len())
            .max()
            .unwrap_or(0);
        // spelling → (docs using it, first (doc, offset) seen)
        let mut votes: BTreeMap<&str, (BTreeSet<&str>, (&str, usize))> = BTreeMap::new();
        for (node, profile) in profiles {
            for (surface, tokens, offset) in &profile.forms {
                if *tokens != most_tokens {
                    continue;
                }
                let entry = votes
                    .entry(surface.as_str())
                    .or_insert_with(|| (BTreeSet::new(), (node.0.as_str(), *offset)));
                entry.0.insert(node.0.as_str());
                entry.1 = entry.1.min((node.0.as_str(), *offset));
            }
        }
        let best = votes
            .into_iter()
            .max_by(|a, b| {
                a.1 .0
                    .len()
                    .cmp(&b.1 .0.len())
                    .then_with(|| b.1 .1.cmp(&a.1 .1))
            })
            .map(|(s, _)| s.to_string());
        let fallback = profiles
            .values()
            .next()
            .map(|p| p.full.clone())
            .unwrap_or_default();
        (best.unwrap_or(fallback), false)
    }

    /// Every mention of a cluster, in (doc, offset) order.
    pub fn cluster_mentions(&self, cluster: &Cluster) -> Vec<ClusterMention> {
        let mut out = Vec::new();
        for (doc, i) in &cluster.members {
            let Some(analysis) = self.get(doc) else {
                continue;
            };
            let Some(entity) = analysis.entities.entities.get(*i) else {
                continue;
            };
            for &m in &entity.mentions {
                let Some(mention) = analysis.entities.mentions.get(m) else {
                    continue;
                };
                let surface = mention.span.text(&analysis.text).trim().to_string();
                if !surface.is_empty() {
                    out.push(ClusterMention {
                        doc: doc.clone(),
                        span: mention.span,
                        surface,
                    });
                }
            }
        }
        out.sort_by(|a, b| (&a.doc, a.span.start).cmp(&(&b.doc, b.span.start)));
        out
    }
}
