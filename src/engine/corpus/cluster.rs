//! Corpus entities: the article entities that name one real entity,
//! gathered through the name blocks of the index, with the canonical
//! spelling (house spelling from the config, else the spelling most
//! articles use, ties to the first article in key order).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

use crate::engine::entities::EntityType;
use crate::engine::span::Span;

use super::index::{DocKey, EntityRef};
use super::resolve::{self, Match, Profile};
use super::{Corpus, FastMap};

/// A hash set with foldhash's fixed-seed hasher (see `FastMap`).
type FastSet<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;

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
    pub doc: DocKey,
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
    /// A breadth-first walk through the name blocks of the index over
    /// profile signatures: profiles with one signature (same kind, spellings
    /// and roles) resolve alike, so each block is scanned once per signature
    /// and each pair of signatures is compared once. The cost follows the
    /// number of distinct names, not the number of articles repeating them.
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
        let mut found: FastSet<&str> = FastSet::default();
        let mut decided: FastMap<(&str, &str), bool> = FastMap::default();
        let mut lone: FastMap<&str, bool> = FastMap::default();
        let mut members: BTreeSet<EntityRef> = BTreeSet::new();
        let mut queue = VecDeque::new();
        members.insert(start.clone());
        found.insert(&first.signature);
        queue.push_back(first);
        while let Some(profile) = queue.pop_front() {
            for key in &profile.blocks {
                for (sig, refs) in self.index().signatures_in_block(key) {
                    if **sig == *profile.signature {
                        members.extend(refs.iter().cloned());
                        continue;
                    }
                    if found.contains(&**sig) {
                        continue;
                    }
                    let Some(other) = refs.iter().next().and_then(|r| self.profile(r)) else {
                        continue;
                    };
                    let pair = (&*profile.signature, &**sig);
                    let merge = match decided.get(&pair) {
                        Some(&m) => m,
                        None => {
                            let m = self.merges(profile, other, &mut lone);
                            decided.insert(pair, m);
                            m
                        }
                    };
                    if merge {
                        found.insert(sig);
                        queue.push_back(other);
                    }
                }
            }
        }
        let profiles: BTreeMap<EntityRef, &Profile> = members
            .into_iter()
            .filter_map(|m| {
                let p = self.profile(&m)?;
                Some((m, p))
            })
            .collect();
        let (canonical, house) = self.canonical(&profiles);
        Some(Cluster {
            members: profiles.keys().cloned().collect(),
            kind: first.kind,
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
        lone: &mut FastMap<&'a str, bool>,
    ) -> bool {
        if resolve::same_entity(a, b) == Match::No {
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
        if let Some(&ok) = lone.get(&*single.signature) {
            return ok;
        }
        let mut full_names: BTreeSet<String> = BTreeSet::new();
        let mut seen: FastSet<&str> = FastSet::default();
        for key in &single.blocks {
            for (sig, refs) in self.index().signatures_in_block(key) {
                if !seen.insert(sig) {
                    continue;
                }
                let Some(p) = refs.iter().next().and_then(|r| self.profile(r)) else {
                    continue;
                };
                if p.folded().len() > 1 && resolve::same_entity(single, p) != Match::No {
                    full_names.insert(p.folded().concat());
                }
            }
        }
        let ok = full_names.len() <= 1;
        lone.insert(&single.signature, ok);
        ok
    }

    /// House spelling, else the fullest spelling most articles use.
    fn canonical(&self, profiles: &BTreeMap<EntityRef, &Profile>) -> (String, bool) {
        let config = &self.options().config;
        for entry in &config.entities {
            let house = Profile::new(entry.kind, vec![entry.name.clone()], Vec::new(), config);
            let hit = profiles.values().any(|p| {
                p.kind == entry.kind
                    && (resolve::same_entity(&house, p) != Match::No
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
                    .or_insert_with(|| (BTreeSet::new(), (&*node.0, *offset)));
                entry.0.insert(&*node.0);
                entry.1 = entry.1.min((&*node.0, *offset));
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
        self.member_mentions(&cluster.members)
    }

    /// Every mention of the given article entities, sorted by article and
    /// position (a cluster's members, or one article's run of them).
    pub(crate) fn member_mentions(&self, members: &[EntityRef]) -> Vec<ClusterMention> {
        let mut out = Vec::new();
        for (doc, i) in members {
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
