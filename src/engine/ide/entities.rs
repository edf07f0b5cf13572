//! Editor features for entities: hover card, go to definition, references,
//! highlights, rename, completion, workspace symbols and semantic tokens.
//!
//! Within one article an entity is what the recogniser grouped (`Putin` and
//! `Vladimir Putin`). Across articles, entities are joined by exact
//! canonical name and type; fuzzier cross-article matching belongs to the
//! corpus layer.

use std::collections::BTreeSet;

use super::{Completion, Hover, Location, SemanticToken, TokenClass};
use crate::engine::analysis::Analysis;
use crate::engine::corpus::Corpus;
use crate::engine::entities::{Entity, EntityType};
use crate::engine::finding::Replacement;
use crate::engine::span::Span;

/// The semantic-token class of an entity type.
pub fn token_class(kind: EntityType) -> TokenClass {
    match kind {
        EntityType::Person => TokenClass::Person,
        EntityType::Org => TokenClass::Organization,
        EntityType::Place => TokenClass::Place,
        EntityType::Group => TokenClass::Group,
    }
}

/// A lower-case label of an entity type for prose.
fn kind_label(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "person",
        EntityType::Org => "organisation",
        EntityType::Place => "place",
        EntityType::Group => "group",
    }
}

/// The entity (and the mention) under `offset` of one analysis.
fn entity_at(analysis: &Analysis, offset: usize) -> Option<(usize, &Entity)> {
    let m = analysis.entities.mention_at(offset)?;
    Some((m, analysis.entities.entity_of(m)?))
}

/// The first mention written in full (its text is the canonical name),
/// else the first mention.
fn first_full_mention(analysis: &Analysis, entity: &Entity) -> Option<Span> {
    let spans = entity
        .mentions
        .iter()
        .filter_map(|&m| analysis.entities.mentions.get(m))
        .map(|m| m.span);
    let mut all = spans.clone();
    spans
        .clone()
        .find(|s| s.text(&analysis.text) == entity.canonical)
        .or_else(|| all.next())
}

/// Entities of other articles with the same canonical name and type.
fn same_entity_elsewhere<'a>(
    corpus: &'a Corpus,
    doc: &str,
    entity: &Entity,
) -> Vec<(&'a str, &'a Analysis, usize)> {
    let mut out = Vec::new();
    for key in corpus.keys() {
        if key == doc {
            continue;
        }
        let Some(analysis) = corpus.get(key) else {
            continue;
        };
        for (i, e) in analysis.entities.entities.iter().enumerate() {
            if e.canonical == entity.canonical && e.kind == entity.kind {
                out.push((key, analysis.as_ref(), i));
            }
        }
    }
    out
}

/// The entity card: canonical name, type, roles, other spellings, mentions
/// in this article, the first full mention, and the other articles naming it.
pub fn hover(corpus: &Corpus, doc: &str, offset: usize) -> Option<Hover> {
    let analysis = corpus.get(doc)?;
    let (m, entity) = entity_at(analysis, offset)?;
    let span = analysis.entities.mentions.get(m)?.span;
    let mut md = format!("**{}** — {}", entity.canonical, kind_label(entity.kind));
    if !entity.roles.is_empty() {
        md.push_str(&format!("\n\nRoles: {}", entity.roles.join("; ")));
    }
    let others: Vec<&str> = entity
        .spellings
        .iter()
        .map(String::as_str)
        .filter(|s| *s != entity.canonical)
        .collect();
    if !others.is_empty() {
        md.push_str(&format!("\n\nAlso written: {}", others.join(", ")));
    }
    let n = entity.mentions.len();
    md.push_str(&format!(
        "\n\n{n} mention{} in this article",
        if n == 1 { "" } else { "s" }
    ));
    if let Some(first) = first_full_mention(analysis, entity) {
        let line = analysis
            .text
            .get(..first.start)
            .map_or(0, |s| s.matches('\n').count())
            + 1;
        md.push_str(&format!("; first full mention on line {line}"));
    }
    // The corpus layer knows the cross-article picture (fuzzy matches
    // included); without it, list articles with the same canonical name.
    if let Some(section) = super::corpus::entity_section(corpus, doc, offset) {
        md.push_str("\n\n");
        md.push_str(&section);
    } else {
        let elsewhere: BTreeSet<&str> = same_entity_elsewhere(corpus, doc, entity)
            .into_iter()
            .map(|(k, _, _)| k)
            .collect();
        if !elsewhere.is_empty() {
            md.push_str(&format!(
                "\n\nAlso in: {}",
                elsewhere.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    Some(Hover { span, markdown: md })
}

/// Go to definition: the first full mention of the entity in this article.
pub fn definition(corpus: &Corpus, doc: &str, offset: usize) -> Option<Location> {
    let analysis = corpus.get(doc)?;
    let (_, entity) = entity_at(analysis, offset)?;
    Some(Location {
        doc: doc.to_string(),
        span: first_full_mention(analysis, entity)?,
    })
}

/// Every mention of the entity: this article's, then other articles' (by
/// exact canonical name and type), articles in key order.
pub fn references(corpus: &Corpus, doc: &str, offset: usize) -> Vec<Location> {
    let Some(analysis) = corpus.get(doc) else {
        return Vec::new();
    };
    let Some((_, entity)) = entity_at(analysis, offset) else {
        return Vec::new();
    };
    let mut out = mention_locations(doc, analysis, entity);
    for (key, other, i) in same_entity_elsewhere(corpus, doc, entity) {
        if let Some(e) = other.entities.entities.get(i) {
            out.extend(mention_locations(key, other, e));
        }
    }
    out
}

fn mention_locations(doc: &str, analysis: &Analysis, entity: &Entity) -> Vec<Location> {
    entity
        .mentions
        .iter()
        .filter_map(|&m| analysis.entities.mentions.get(m))
        .map(|m| Location {
            doc: doc.to_string(),
            span: m.span,
        })
        .collect()
}

/// The mentions of the entity under `offset` in this article.
pub fn highlights(analysis: &Analysis, offset: usize) -> Vec<Span> {
    let Some((_, entity)) = entity_at(analysis, offset) else {
        return Vec::new();
    };
    entity
        .mentions
        .iter()
        .filter_map(|&m| analysis.entities.mentions.get(m))
        .map(|m| m.span)
        .collect()
}

/// The span a rename at `offset` replaces: the mention under the cursor.
pub fn prepare_rename(corpus: &Corpus, doc: &str, offset: usize) -> Option<Span> {
    let analysis = corpus.get(doc)?;
    let (m, _) = entity_at(analysis, offset)?;
    Some(analysis.entities.mentions.get(m)?.span)
}

/// Renames the entity under `offset` in every article that names it.
///
/// Mentions written in full (as many words as the canonical name, e.g. a
/// variant spelling `Nikol Pashinyan` of `Nikol Pashinian`) become the new
/// name; short forms that are the last words of the name (`Pashinian`)
/// become the same number of last words of the new name, so `Putin` stays a
/// surname and the prose keeps its rhythm; other mentions (acronyms such as
/// `OSCE`) are left as they are, since they are not spellings of the name.
pub fn rename(
    corpus: &Corpus,
    doc: &str,
    offset: usize,
    new_name: &str,
) -> Result<Vec<Replacement>, String> {
    let new_name = new_name.trim();
    if new_name.is_empty() {
        return Err("the new name is empty".into());
    }
    let analysis = corpus.get(doc).ok_or("unknown document")?;
    let (_, entity) = entity_at(analysis, offset).ok_or("no entity at this position")?;
    let mut out = renames(doc, analysis, entity, new_name);
    for (key, other, i) in same_entity_elsewhere(corpus, doc, entity) {
        if let Some(e) = other.entities.entities.get(i) {
            out.extend(renames(key, other, e, new_name));
        }
    }
    Ok(out)
}

fn renames(doc: &str, analysis: &Analysis, entity: &Entity, new_name: &str) -> Vec<Replacement> {
    let words = |s: &str| s.split_whitespace().count();
    let canonical_words: Vec<&str> = entity.canonical.split_whitespace().collect();
    let new_words: Vec<&str> = new_name.split_whitespace().collect();
    let mut out = Vec::new();
    for m in entity
        .mentions
        .iter()
        .filter_map(|&m| analysis.entities.mentions.get(m))
    {
        let text = m.span.text(&analysis.text);
        let n = words(text);
        let new_text = if n == canonical_words.len() {
            new_name.to_string()
        } else if n < canonical_words.len()
            && canonical_words.ends_with(&text.split_whitespace().collect::<Vec<_>>())
            && n <= new_words.len()
        {
            new_words[new_words.len() - n..].join(" ")
        } else {
            continue;
        };
        if new_text != text {
            out.push(Replacement {
                doc: doc.to_string(),
                span: m.span,
                new_text,
            });
        }
    }
    out
}

/// Known entity names (canonical names and spellings, across the corpus)
/// that complete the capitalised word before `offset`.
pub fn completions(corpus: &Corpus, doc: &str, offset: usize) -> Vec<Completion> {
    let Some(analysis) = corpus.get(doc) else {
        return Vec::new();
    };
    let Some(before) = analysis.text.get(..offset) else {
        return Vec::new();
    };
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '-' || c == '\'')
        .last()
        .map_or(offset, |(i, _)| i);
    let prefix = &before[start..];
    if !prefix.starts_with(char::is_uppercase) {
        return Vec::new();
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for key in corpus.keys() {
        let Some(a) = corpus.get(key) else { continue };
        for e in &a.entities.entities {
            for name in std::iter::once(&e.canonical).chain(&e.spellings) {
                if name.starts_with(prefix) && name != prefix && seen.insert(name.clone()) {
                    out.push(Completion {
                        label: name.clone(),
                        detail: Some(kind_label(e.kind).to_string()),
                        replace: Span::new(start, offset),
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out
}

/// Entities whose canonical name contains `query` (case-insensitive), one
/// per article, at their first full mention: `(name, type, location)`.
pub fn workspace_symbols(corpus: &Corpus, query: &str) -> Vec<(String, String, Location)> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for key in corpus.keys() {
        let Some(a) = corpus.get(key) else { continue };
        for e in &a.entities.entities {
            if !e.canonical.to_lowercase().contains(&query) {
                continue;
            }
            if let Some(span) = first_full_mention(a, e) {
                out.push((
                    e.canonical.clone(),
                    e.kind.as_str().to_string(),
                    Location {
                        doc: key.to_string(),
                        span,
                    },
                ));
            }
        }
    }
    out
}

/// One semantic token per mention, in text order.
pub fn semantic_tokens(analysis: &Analysis) -> Vec<SemanticToken> {
    let mut out: Vec<SemanticToken> = analysis
        .entities
        .mentions
        .iter()
        .map(|m| SemanticToken {
            span: m.span,
            class: token_class(m.kind),
        })
        .collect();
    out.sort_by_key(|t| t.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::analysis::AnalysisOptions;

    const A: &str = "Russian President Vladimir Putin met Armenian officials in Moscow on Friday.\n\n\
        Putin said the talks with the Organization for Security and Cooperation in Europe (OSCE) would go on.\n";
    const B: &str = "Vladimir Putin called Emmanuel Macron.\n\nMacron said little.\n";

    fn corpus() -> Corpus {
        let mut c = Corpus::new(AnalysisOptions::default());
        c.upsert("a.txt", A);
        c.upsert("b.txt", B);
        c
    }

    fn at(text: &str, needle: &str, nth: usize) -> usize {
        text.match_indices(needle)
            .nth(nth)
            .map(|(i, _)| i)
            .expect("needle")
    }

    #[test]
    fn hover_card() {
        let c = corpus();
        let h = hover(&c, "a.txt", at(A, "Putin", 1) + 2).expect("hover on Putin");
        assert_eq!(h.span.text(A), "Putin");
        assert!(
            h.markdown.starts_with("**Vladimir Putin** — person"),
            "{}",
            h.markdown
        );
        assert!(
            h.markdown.contains("Roles: Russian President"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("Also written: Putin"), "{}", h.markdown);
        assert!(
            h.markdown
                .contains("2 mentions in this article; first full mention on line 1"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("b.txt"), "{}", h.markdown);
        assert!(hover(&c, "a.txt", at(A, "met", 0)).is_none());
    }

    #[test]
    fn definition_is_the_first_full_mention() {
        let c = corpus();
        let d = definition(&c, "a.txt", at(A, "Putin", 1)).expect("definition");
        assert_eq!(d.span.text(A), "Vladimir Putin");
        assert_eq!(d.doc, "a.txt");
    }

    #[test]
    fn references_span_the_corpus() {
        let c = corpus();
        let r = references(&c, "a.txt", at(A, "Vladimir", 0));
        let got: Vec<(&str, &str)> = r
            .iter()
            .map(|l| {
                (
                    l.doc.as_str(),
                    l.span.text(if l.doc == "a.txt" { A } else { B }),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a.txt", "Vladimir Putin"),
                ("a.txt", "Putin"),
                ("b.txt", "Vladimir Putin")
            ]
        );
    }

    #[test]
    fn highlights_in_one_article() {
        let c = corpus();
        let a = c.get("a.txt").expect("a");
        let h: Vec<&str> = highlights(a, at(A, "OSCE", 0))
            .iter()
            .map(|s| s.text(A))
            .collect();
        assert_eq!(
            h,
            [
                "Organization for Security and Cooperation in Europe",
                "OSCE"
            ]
        );
        assert!(highlights(a, at(A, "talks", 0)).is_empty());
    }

    #[test]
    fn rename_full_names_and_surnames() {
        let c = corpus();
        assert_eq!(
            prepare_rename(&c, "a.txt", at(A, "Putin", 1)).map(|s| s.text(A)),
            Some("Putin")
        );
        let edits = rename(&c, "a.txt", at(A, "Putin", 1), "Vladimir Poutine").expect("rename");
        let got: Vec<(&str, &str, &str)> = edits
            .iter()
            .map(|r| {
                (
                    r.doc.as_str(),
                    r.span.text(if r.doc == "a.txt" { A } else { B }),
                    r.new_text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a.txt", "Vladimir Putin", "Vladimir Poutine"),
                ("a.txt", "Putin", "Poutine"),
                ("b.txt", "Vladimir Putin", "Vladimir Poutine")
            ]
        );
        // The acronym is not a spelling of the name: left alone.
        let edits = rename(&c, "a.txt", at(A, "OSCE", 0), "Org for Sec").expect("rename");
        assert!(edits.iter().all(|r| r.span.text(A) != "OSCE"));
        assert!(rename(&c, "a.txt", at(A, "met", 0), "X").is_err());
        assert!(rename(&c, "a.txt", at(A, "Putin", 1), "  ").is_err());
    }

    #[test]
    fn completion_of_known_names() {
        let mut c = corpus();
        let text = "Later Mac";
        c.upsert("c.txt", text);
        let got: Vec<String> = completions(&c, "c.txt", text.len())
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert_eq!(got, ["Macron"]);
        let one = &completions(&c, "c.txt", text.len())[0];
        assert_eq!(one.replace, Span::new(6, 9));
        assert!(completions(&c, "c.txt", 3).is_empty(), "lower-case prefix");
    }

    #[test]
    fn workspace_symbols_and_tokens() {
        let c = corpus();
        let s = workspace_symbols(&c, "putin");
        let docs: Vec<&str> = s.iter().map(|(_, _, l)| l.doc.as_str()).collect();
        assert_eq!(docs, ["a.txt", "b.txt"]);
        assert!(s
            .iter()
            .all(|(n, k, _)| n == "Vladimir Putin" && k == "PERSON"));
        let a = c.get("a.txt").expect("a");
        let t = semantic_tokens(a);
        assert!(t.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        assert!(t
            .iter()
            .any(|t| t.class == TokenClass::Place && t.span.text(A) == "Moscow"));
    }
}
