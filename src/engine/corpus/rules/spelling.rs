//! `spelling-variant`: one entity spelled two ways — a warning when one
//! article does it, information when articles disagree with each other.
//! Short forms, acronyms, aliases and case are not variants.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use serde_json::json;

use crate::engine::claims;
use crate::engine::corpus::resolve;
use crate::engine::corpus::{doc_label, pub_date, Cluster, ClusterMention, Corpus, DocKey};
use crate::engine::entities::EntityType;
use crate::engine::finding::{Finding, Fix, Related, Replacement, Severity};

/// Rule id.
pub const RULE: &str = "spelling-variant";

/// How every mention of one corpus entity stands to its canonical spelling,
/// by article: an edit that only moves text in one article rebuilds that
/// article's rows ([`patch`]) instead of the whole table, which for a place
/// named in every article of a big workspace is most of a keystroke.
#[derive(Debug, Default)]
pub(crate) struct Table {
    /// The rows of each member article, by article key.
    docs: BTreeMap<DocKey, Rows>,
    /// The articles with at least one variant: the only ones with findings.
    misspellers: BTreeSet<DocKey>,
    /// Whether consistent mentions are kept as witnesses: only when
    /// someone misspells the entity, or it is a person whose loose
    /// misspellings are looked for.
    keep_consistent: bool,
    /// The verdict of each spelling seen, reused when rows are rebuilt.
    judged: HashMap<String, Verdict>,
}

/// The mentions of one article in a [`Table`], in text order.
#[derive(Debug, Default)]
struct Rows {
    /// (mention, corrected text, canonical token indices it changes).
    variants: Vec<(ClusterMention, String, Vec<usize>)>,
    /// (mention, canonical token indices it writes exactly).
    consistent: Vec<(ClusterMention, Vec<usize>)>,
}

/// How one spelling stands to the canonical one: a variant (corrected text,
/// canonical token indices it changes) or consistent (token indices it
/// writes exactly).
type Verdict = Result<(String, Vec<usize>), Vec<usize>>;

impl Table {
    fn build(corpus: &Corpus, cluster: &Cluster) -> Table {
        let mut table = Table {
            keep_consistent: true,
            ..Table::default()
        };
        let mut mentions = corpus.cluster_mentions(cluster).into_iter().peekable();
        while let Some(first) = mentions.next() {
            let doc = first.doc.clone();
            let mut of_doc = vec![first];
            while let Some(m) = mentions.next_if(|m| m.doc == doc) {
                of_doc.push(m);
            }
            let rows = table.rows(corpus, cluster, of_doc);
            table.set_rows(doc, rows);
        }
        // Witnesses are only read when someone misspells the entity: a corpus
        // of thousands of articles need not hold every mention of every place.
        table.keep_consistent = !table.misspellers.is_empty() || surname_of(cluster).is_some();
        if !table.keep_consistent {
            table.docs.retain(|_, rows| !rows.variants.is_empty());
            for rows in table.docs.values_mut() {
                rows.consistent = Vec::new();
            }
        }
        table
    }

    /// Judges each mention (each distinct spelling once).
    fn rows(&mut self, corpus: &Corpus, cluster: &Cluster, mentions: Vec<ClusterMention>) -> Rows {
        let config = &corpus.options().config;
        let mut rows = Rows::default();
        for m in mentions {
            let verdict = self.judged.entry(m.surface.clone()).or_insert_with(|| {
                resolve::variant_of(&m.surface, &cluster.canonical, config)
                    .ok_or_else(|| resolve::exact_tokens(&m.surface, &cluster.canonical))
            });
            match verdict {
                Ok((fixed, changed)) => rows.variants.push((m, fixed.clone(), changed.clone())),
                Err(exact) => rows.consistent.push((m, exact.clone())),
            }
        }
        rows
    }

    fn set_rows(&mut self, doc: DocKey, mut rows: Rows) {
        if !self.keep_consistent {
            rows.consistent = Vec::new();
        }
        if rows.variants.is_empty() {
            self.misspellers.remove(&doc);
        } else {
            self.misspellers.insert(doc.clone());
        }
        if rows.variants.is_empty() && rows.consistent.is_empty() {
            self.docs.remove(&doc);
            return;
        }
        self.docs.insert(doc, rows);
    }

    /// Every variant of every article, by article.
    fn all_variants(&self) -> impl Iterator<Item = &(ClusterMention, String, Vec<usize>)> {
        self.misspellers
            .iter()
            .filter_map(|d| self.docs.get(d))
            .flat_map(|r| &r.variants)
    }
}

/// The table of a cluster, memoised until the corpus changes.
fn table(corpus: &Corpus, cluster: &Cluster) -> Arc<Table> {
    let Some(key) = cluster.members.first() else {
        return Arc::default();
    };
    corpus.memoised(|m| &mut m.spellings, key, || Table::build(corpus, cluster))
}

/// Rebuilds the rows of `doc` in a memoised table after an edit that kept
/// the article's names (so the cluster, its canonical spelling and which
/// spellings are variants are unchanged; only positions and counts moved).
pub(crate) fn patch(table: &mut Table, corpus: &Corpus, cluster: &Cluster, doc: &DocKey) {
    // Members are sorted by article: the article's run of them.
    let start = cluster.members.partition_point(|(d, _)| d < doc);
    let end = cluster.members.partition_point(|(d, _)| d <= doc);
    let mentions = corpus.member_mentions(cluster.members.get(start..end).unwrap_or(&[]));
    let rows = table.rows(corpus, cluster, mentions);
    table.set_rows(doc.clone(), rows);
}

/// The articles that spell the cluster other than canonically: the only
/// ones with findings about it.
pub(crate) fn misspelling_docs(corpus: &Corpus, cluster: &Cluster) -> BTreeSet<DocKey> {
    table(corpus, cluster).misspellers.clone()
}

/// Spelling-variant findings of one article.
pub fn findings(corpus: &Corpus, doc: &str) -> Vec<Finding> {
    let Some((key, analysis)) = corpus.doc_key(doc).zip(corpus.get(doc)) else {
        return Vec::new();
    };
    let config = &corpus.options().config;
    // Entities of this article already covered by a cluster.
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    let mut out = Vec::new();
    // Capitalised words outside any mention, found once per article and
    // matched against each person's surname below.
    let mut loose: Option<Vec<LooseWord>> = None;
    for i in 0..analysis.entities.entities.len() {
        if seen.contains(&i) {
            continue;
        }
        let Some(cluster) = corpus.cluster_of(&(key.clone(), i)) else {
            continue;
        };
        // Members are sorted by article: only this article's run is read, so
        // a cluster spanning thousands of articles costs a binary search.
        let first = cluster.members.partition_point(|(d, _)| &**d < doc);
        seen.extend(
            cluster
                .members
                .get(first..)
                .unwrap_or(&[])
                .iter()
                .take_while(|(d, _)| **d == *doc)
                .map(|(_, j)| *j),
        );
        let canonical = &cluster.canonical;
        let table = table(corpus, &cluster);
        let missed = unrecognised(corpus, &key, &cluster, &mut loose);
        // Only clusters misspelt in this article cost more than the lookup.
        if missed.is_empty() && !table.misspellers.contains(doc) {
            continue;
        }
        let mut variants: Vec<_> = table.all_variants().cloned().collect();
        variants.extend(missed);
        let everywhere = Fix {
            title: format!("Use \"{canonical}\" in every article"),
            replacements: variants
                .iter()
                .map(|(m, fixed, _)| Replacement {
                    doc: m.doc.to_string(),
                    span: m.span,
                    new_text: fixed.clone(),
                })
                .collect(),
            preferred: false,
        };
        for (m, fixed, changed) in variants.iter().filter(|(m, _, _)| *m.doc == *doc) {
            let fits = |(_, exact): &&(ClusterMention, Vec<usize>)| {
                changed.iter().all(|t| exact.contains(t))
            };
            // The first fitting mention of each article, for at most MAX_RELATED articles.
            let witnesses: Vec<&ClusterMention> = table
                .docs
                .values()
                .filter_map(|rows| rows.consistent.iter().find(|c| fits(c)).map(|(c, _)| c))
                .take(super::MAX_RELATED)
                .collect();
            let within = table
                .docs
                .get(doc)
                .is_some_and(|rows| rows.consistent.iter().any(|c| fits(&c)));
            // A hyphen/space difference (`Nagorno Karabakh`) is typography, not
            // a misspelling: information even within one article.
            let default = if within && !separator_only(&m.surface, fixed) {
                Severity::Warning
            } else {
                Severity::Information
            };
            let Some(severity) = config.severity_for(RULE, default) else {
                return Vec::new();
            };
            let message = message(
                corpus,
                doc,
                m,
                fixed,
                canonical,
                cluster.house,
                (&witnesses, within),
            );
            let related = witnesses
                .iter()
                .take(super::MAX_RELATED)
                .map(|w| Related {
                    doc: w.doc.to_string(),
                    span: w.span,
                    message: format!("spelled \"{}\" here{}", w.surface, dated(corpus, &w.doc)),
                })
                .collect();
            let here = Fix {
                title: format!("Use \"{fixed}\" here"),
                replacements: vec![Replacement {
                    doc: doc.to_string(),
                    span: m.span,
                    new_text: fixed.clone(),
                }],
                preferred: true,
            };
            let mut finding = Finding::new(m.span, RULE, severity, message);
            finding.related = related;
            finding.fixes = vec![here, everywhere.clone()];
            finding.data = Some(json!({
                "canonical": canonical,
                "variant": m.surface,
                "replacement": fixed,
                "house": cluster.house,
                "kind": cluster.kind.as_str(),
            }));
            out.push(finding);
        }
    }
    out
}

fn message(
    corpus: &Corpus,
    doc: &str,
    m: &ClusterMention,
    fixed: &str,
    canonical: &str,
    house: bool,
    (witnesses, within): (&[&ClusterMention], bool),
) -> String {
    let elsewhere: Vec<String> = witnesses
        .iter()
        .filter(|w| *w.doc != *doc)
        .take(3)
        .map(|w| format!("{}{}", doc_label(&w.doc), dated(corpus, &w.doc)))
        .collect();
    let mut text = format!("\"{}\" is spelled \"{}\"", m.surface, fixed);
    match (within, elsewhere.is_empty()) {
        (true, true) => text.push_str(" elsewhere in this article"),
        (true, false) => text.push_str(&format!(
            " elsewhere in this article and in {}",
            elsewhere.join(", ")
        )),
        (false, false) => text.push_str(&format!(" in {}", elsewhere.join(", "))),
        (false, true) => text.push_str(" in the house style"),
    }
    if house {
        text.push_str(&format!(
            "; house spelling (dateline.toml): \"{canonical}\""
        ));
    } else {
        text.push_str(&format!("; canonical spelling: \"{canonical}\""));
    }
    text
}

/// ` (2020-10-09)` for an article with a known date.
fn dated(corpus: &Corpus, doc: &str) -> String {
    corpus
        .get(doc)
        .and_then(|a| pub_date(a))
        .map(|d| format!(" ({d})"))
        .unwrap_or_default()
}

/// True when two spellings differ only in hyphens, spaces and case.
fn separator_only(a: &str, b: &str) -> bool {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    letters(a) == letters(b)
}

/// A capitalised word of an article that is neither inside a mention nor
/// the first word of a sentence: where a misspelt name may hide.
struct LooseWord {
    span: crate::engine::span::Span,
    /// Length of the word without a possessive ending.
    bare_len: usize,
    lower: String,
    folded: String,
}

/// The loose capitalised words of one article.
fn loose_words(corpus: &Corpus, doc: &str) -> Vec<LooseWord> {
    let mut out = Vec::new();
    let Some(analysis) = corpus.get(doc) else {
        return out;
    };
    let mut mentions: Vec<crate::engine::span::Span> =
        analysis.entities.mentions.iter().map(|m| m.span).collect();
    mentions.sort_by_key(|s| s.start);
    for para in analysis.article.body_paragraphs() {
        let Some(text) = analysis.article.clean.get(para.span.range()) else {
            continue;
        };
        let words = claims::tokenize(text, para.span.start);
        for (k, w) in words.iter().enumerate() {
            if !w.capital || k == 0 || matches!(words[k - 1].lower.as_str(), "." | "!" | "?") {
                continue;
            }
            // Mentions sorted by start: only those starting before the word ends can overlap.
            let before = mentions.partition_point(|m| m.start < w.span.end);
            if mentions[..before].iter().any(|m| m.overlaps(w.span)) {
                continue;
            }
            let word = w.span.text(&analysis.text);
            let bare = resolve::strip_possessive(word);
            out.push(LooseWord {
                span: w.span,
                bare_len: bare.len(),
                lower: bare.to_lowercase(),
                folded: resolve::fold_token(bare),
            });
        }
    }
    out
}

/// The canonical name's parts, surname and folded surname, for a person
/// whose surname is long enough to be told from its misspellings.
fn surname_of(cluster: &Cluster) -> Option<(resolve::NameParts, String, String)> {
    if cluster.kind != EntityType::Person {
        return None;
    }
    let canonical = resolve::parts(&cluster.canonical);
    let surname = canonical.tokens.last()?.clone();
    let folded = canonical.folded.last()?.clone();
    (canonical.tokens.len() >= 2 && surname.chars().count() >= 6)
        .then_some((canonical, surname, folded))
}

/// Misspelt surnames the recogniser missed: in the articles of a person
/// known by a full name, a capitalised word (not opening a sentence, not
/// inside any mention) that is close to the surname but spelled otherwise
/// (`Borell` after `Josep Borrell`). `loose` caches the article's words.
fn unrecognised(
    corpus: &Corpus,
    doc: &DocKey,
    cluster: &Cluster,
    loose: &mut Option<Vec<LooseWord>>,
) -> Vec<(ClusterMention, String, Vec<usize>)> {
    let Some((canonical, surname, folded)) = surname_of(cluster) else {
        return Vec::new();
    };
    // Only the article asked about: scanning every member's text would make
    // each request cost the whole cluster.
    let Some(analysis) = corpus.get(doc) else {
        return Vec::new();
    };
    // Members are sorted by article.
    let first = cluster.members.partition_point(|(d, _)| d < doc);
    if cluster.members.get(first).is_none_or(|(d, _)| d != doc) {
        return Vec::new();
    }
    let last = canonical.tokens.len() - 1;
    let surname_lower = surname.to_lowercase();
    let words = loose.get_or_insert_with(|| loose_words(corpus, doc));
    words
        .iter()
        .filter(|w| w.lower != surname_lower && resolve::similar(&w.folded, &folded))
        .map(|w| {
            let word = w.span.text(&analysis.text);
            let fixed = format!("{surname}{}", word.get(w.bare_len..).unwrap_or(""));
            let mention = ClusterMention {
                doc: doc.clone(),
                span: w.span,
                surface: word.to_string(),
            };
            (mention, fixed, vec![last])
        })
        .collect()
}
