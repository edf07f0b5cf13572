//! Corpus entities: the article entities that name one real entity,
//! gathered through the name blocks of the index, with the canonical
//! spelling (house spelling from the config, else the spelling most
//! articles use, ties to the first article in key order).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

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
    pub fn cluster_of(&self, start: &EntityRef) -> Option<Cluster> {
        let first = self.profile(start)?;
        let config = &self.options().config;
        let mut profiles: BTreeMap<EntityRef, &Profile> = BTreeMap::new();
        let mut queue = VecDeque::new();
        profiles.insert(start.clone(), first);
        queue.push_back(start.clone());
        while let Some(node) = queue.pop_front() {
            let Some(profile) = profiles.get(&node).copied() else {
                continue;
            };
            let keys: BTreeSet<String> = profile
                .spellings
                .iter()
                .flat_map(|s| resolve::block_keys(profile.kind, s, config))
                .collect();
            for key in keys {
                for cand in self.index().entities_in_block(&key) {
                    if profiles.contains_key(cand) {
                        continue;
                    }
                    let Some(other) = self.profile(cand) else {
                        continue;
                    };
                    if !self.merges(profile, other) {
                        continue;
                    }
                    profiles.insert(cand.clone(), other);
                    queue.push_back(cand.clone());
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
    /// surname joins a full name only when one full name in the corpus fits.
    fn merges(&self, a: &Profile, b: &Profile) -> bool {
        let config = &self.options().config;
        if resolve::same_entity(a, b, config) == Match::No {
            return false;
        }
        if a.kind != EntityType::Person {
            return true;
        }
        let (na, nb) = (a.folded().len(), b.folded().len());
        let lone = match (na, nb) {
            (1, n) if n > 1 => a,
            (n, 1) if n > 1 => b,
            _ => return true,
        };
        let full_names: BTreeSet<String> = lone
            .spellings
            .iter()
            .flat_map(|s| resolve::block_keys(lone.kind, s, config))
            .flat_map(|k| {
                self.index()
                    .entities_in_block(&k)
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .filter_map(|r| self.profile(&r))
            .filter(|p| p.folded().len() > 1 && resolve::same_entity(lone, p, config) != Match::No)
            .map(|p| p.folded().concat())
            .collect();
        full_names.len() <= 1
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
            .map(|p| resolve::parts(&p.full).tokens.len())
            .max()
            .unwrap_or(0);
        // spelling → (docs using it, first (doc, offset) seen)
        let mut votes: BTreeMap<String, (BTreeSet<String>, (String, usize))> = BTreeMap::new();
        for (node, profile) in profiles {
            let Some(analysis) = self.get(&node.0) else {
                continue;
            };
            let Some(entity) = analysis.entities.entities.get(node.1) else {
                continue;
            };
            for &m in &entity.mentions {
                let Some(mention) = analysis.entities.mentions.get(m) else {
                    continue;
                };
                let surface =
                    resolve::strip_possessive(mention.span.text(&analysis.text).trim()).to_string();
                if resolve::parts(&surface).tokens.len() != most_tokens
                    || profile.kind != entity.kind
                {
                    continue;
                }
                let entry = votes
                    .entry(surface)
                    .or_insert_with(|| (BTreeSet::new(), (node.0.clone(), mention.span.start)));
                entry.0.insert(node.0.clone());
                entry.1 = entry.1.clone().min((node.0.clone(), mention.span.start));
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
            .map(|(s, _)| s);
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
