//! Named-entity evaluation and training data: reads GUM (CoNLL-U) and
//! MEANTIME (CAT XML) into plain text with gold name spans, turns them into
//! tagger examples, and scores the recogniser (exact-span P/R/F1 per type,
//! micro, and overlap F1).
//!
//! Gold conventions (see `training/README.md`):
//! - GUM: mentions of type person/organization/place whose minimal span holds
//!   a proper noun (UPOS `PROPN`) → PERSON/ORG/PLACE, trimmed to the name
//!   (leading determiners, lower-case words and, for people, titles dropped;
//!   nested names inside a longer one dropped). Demonyms (`Australian`,
//!   `Armenians`) outside any name → GROUP.
//! - MEANTIME: `ENTITY_MENTION` with `syntactic_type="NAM"` referring to an
//!   `ENTITY` of type PER/ORG/LOC → PERSON/ORG/PLACE (PRO, FIN dropped), with
//!   a leading `the`/`The` trimmed. GROUP is not annotated there, so GROUP
//!   predictions are left out of MEANTIME scores.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::engine::analysis::{analyze, AnalysisOptions};
use crate::engine::config::Config;
use crate::engine::entities::coref::is_role_head;
use crate::engine::entities::gazetteer::GAZETTEER;
use crate::engine::entities::model::{begin, Example, O, UNKNOWN};
use crate::engine::entities::tokens::tokenize;
use crate::engine::entities::EntityType;
use crate::engine::span::Span;

/// One annotated document as text with gold name spans.
#[derive(Debug, Clone, Default)]
pub struct GoldDoc {
    pub name: String,
    /// Tokens re-joined; one sentence per line.
    pub text: String,
    /// Gold names, sorted, non-overlapping.
    pub gold: Vec<(Span, EntityType)>,
    /// True when GROUP is annotated (GUM) and should be scored.
    pub has_groups: bool,
    /// For partially annotated corpora (MEANTIME annotates only entities
    /// taking part in its events): every annotated entity mention, of any
    /// kind. Names outside these are unknown, not wrong.
    pub annotated: Option<Vec<Span>>,
    /// Names of types dateline does not have (MEANTIME products and
    /// financial instruments: `Dow Jones Industrial Average`, `iPhone`):
    /// neither gold nor wrong, so predictions overlapping them are not scored.
    pub ignored: Vec<Span>,
}

struct Tok {
    form: String,
    upos: String,
    space_after: bool,
    sentence: usize,
}

/// Reads one GUM CoNLL-U document.
pub fn read_gum(conllu: &str, name: &str) -> GoldDoc {
    let mut toks: Vec<Tok> = Vec::new();
    // (token index of open, descriptor)
    let mut open: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    let mut mentions: Vec<(usize, usize, String)> = Vec::new();
    let mut sentence = 0;
    for line in conllu.lines() {
        if line.starts_with("# sent_id") {
            sentence += 1;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || !cols[0].chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let idx = toks.len();
        toks.push(Tok {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            space_after: !cols[9].contains("SpaceAfter=No"),
            sentence,
        });
        let Some(ent) = cols[9].split('|').find_map(|m| m.strip_prefix("Entity=")) else {
            continue;
        };
        let b = ent.as_bytes();
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'(' {
                let start = k + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'(' && b[j] != b')' {
                    j += 1;
                }
                let desc = &ent[start..j];
                let id = desc.split('-').next().unwrap_or("").to_string();
                if j < b.len() && b[j] == b')' {
                    mentions.push((idx, idx, desc.to_string()));
                    j += 1;
                } else {
                    open.entry(id).or_default().push((idx, desc.to_string()));
                }
                k = j;
            } else if b[k].is_ascii_digit() {
                let start = k;
                while k < b.len() && b[k].is_ascii_digit() {
                    k += 1;
                }
                let id = &ent[start..k];
                if k < b.len() && b[k] == b')' {
                    k += 1;
                }
                if let Some((from, desc)) = open.get_mut(id).and_then(Vec::pop) {
                    mentions.push((from, idx, desc));
                }
            } else {
                k += 1;
            }
        }
    }
    let mut spans: Vec<(usize, usize, EntityType)> = Vec::new();
    for (from, to, desc) in mentions {
        let fields: Vec<&str> = desc.split('-').collect();
        let kind = match fields.get(1).copied() {
            Some("person") => EntityType::Person,
            Some("organization") => EntityType::Org,
            Some("place") => EntityType::Place,
            _ => continue,
        };
        let minspan: Vec<usize> = fields
            .get(5)
            .map(|m| {
                m.split(',')
                    .filter_map(|n| n.parse::<usize>().ok())
                    .collect()
            })
            .unwrap_or_default();
        let head = minspan
            .iter()
            .rev()
            .map(|n| from + n.saturating_sub(1))
            .find(|&t| t <= to && toks.get(t).is_some_and(|t| t.upos == "PROPN"));
        let Some(head) = head else { continue };
        if let Some((a, b)) = trim_name(&toks, from, to, head, kind) {
            let kind = if a == b && GAZETTEER.demonym(&toks[a].form).is_some() {
                EntityType::Group
            } else {
                kind
            };
            spans.push((a, b, kind));
        }
    }
    // Outermost names win; demonyms count only outside names.
    let (mut flat, covered) = outermost(cut_titles(&toks, spans), toks.len());
    for (i, t) in toks.iter().enumerate() {
        if !covered[i]
            && matches!(t.upos.as_str(), "ADJ" | "PROPN")
            && GAZETTEER.demonym(&t.form).is_some()
        {
            flat.push((i, i, EntityType::Group));
        }
    }
    flat.sort();
    build_doc(name, &toks, &flat, true)
}

/// Keeps the outermost of nested or overlapping spans (in text order) and
/// marks the tokens they cover.
fn outermost(
    mut spans: Vec<(usize, usize, EntityType)>,
    tokens: usize,
) -> (Vec<(usize, usize, EntityType)>, Vec<bool>) {
    spans.sort_by_key(|&(a, b, _)| (a, std::cmp::Reverse(b)));
    let mut flat: Vec<(usize, usize, EntityType)> = Vec::new();
    for s in spans {
        if flat.last().is_none_or(|l| s.0 > l.1) {
            flat.push(s);
        }
    }
    let mut covered = vec![false; tokens];
    for &(a, b, _) in &flat {
        if let Some(run) = covered.get_mut(a..=b) {
            run.iter_mut().for_each(|c| *c = true);
        }
    }
    (flat, covered)
}

/// The recogniser's convention for people: `US President Barack Obama` is
/// PLACE `US` + PERSON `Barack Obama`; the title is not part of the name.
fn cut_titles(
    toks: &[Tok],
    spans: Vec<(usize, usize, EntityType)>,
) -> Vec<(usize, usize, EntityType)> {
    let g = &*GAZETTEER;
    let mut out = Vec::new();
    for (a, b, kind) in spans {
        let role = (a..b).rev().find(|&r| {
            g.is_role(&toks[r].form)
                && is_role_head(&toks[r].form.to_lowercase())
                && toks[r + 1].form.starts_with(char::is_uppercase)
        });
        let Some(r) = role.filter(|_| kind == EntityType::Person) else {
            out.push((a, b, kind));
            continue;
        };
        for (k, tok) in toks.iter().enumerate().take(r).skip(a) {
            let w = tok.form.as_str();
            if g.demonym(w).is_some() {
                out.push((k, k, EntityType::Group));
            } else if g.is_country(w) || g.is_place(w) || matches!(w, "US" | "U.S." | "UK" | "U.K.")
            {
                out.push((k, k, EntityType::Place));
            }
        }
        out.push((r + 1, b, EntityType::Person));
    }
    out
}

/// Cuts a GUM mention down to the name in it.
fn trim_name(
    toks: &[Tok],
    from: usize,
    to: usize,
    head: usize,
    kind: EntityType,
) -> Option<(usize, usize)> {
    let is_name_word = |t: &Tok| t.upos == "PROPN" || t.form.starts_with(char::is_uppercase);
    let joins = |i: usize| {
        toks.get(i).is_some_and(|t| {
            (GAZETTEER.is_connector(&t.form) || t.form == "-" || t.form == "&")
                && i > from
                && i < to
                && toks.get(i - 1).is_some_and(is_name_word)
                && toks.get(i + 1).is_some_and(is_name_word)
        })
    };
    // The run of name words (and connectors between them) around the head.
    let mut a = head;
    while a > from && (toks.get(a - 1).is_some_and(is_name_word) || joins(a - 1)) {
        a -= 1;
    }
    let mut b = head;
    while b < to && (toks.get(b + 1).is_some_and(is_name_word) || joins(b + 1)) {
        b += 1;
    }
    // Titles before a person's name and sentence-initial `The` are not part of it.
    while a < b
        && (matches!(toks[a].form.as_str(), "The" | "the")
            || (kind == EntityType::Person && GAZETTEER.is_role(&toks[a].form)))
    {
        a += 1;
    }
    while b > a && (GAZETTEER.is_connector(&toks[b].form) || toks[b].form == "-") {
        b -= 1;
    }
    Some((a, b))
}

/// Reads one MEANTIME CAT XML document.
pub fn read_meantime(xml: &str, name: &str) -> GoldDoc {
    let mut reader = Reader::from_str(xml);
    let mut toks: Vec<Tok> = Vec::new();
    let mut tid_index: HashMap<String, usize> = HashMap::new();
    let mut in_token: Option<(String, usize)> = None;
    // m_id → (syntactic_type, token ids)
    let mut mentions: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    let mut current_mention: Option<String> = None;
    let mut all_mentions: Vec<Vec<usize>> = Vec::new();
    let mut entity_type: HashMap<String, String> = HashMap::new();
    let mut refers: Vec<(Vec<String>, String)> = Vec::new();
    let mut in_refers: Option<(Vec<String>, Option<String>)> = None;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |key: &str| -> String {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key.as_bytes())
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                        .unwrap_or_default()
                };
                match e.name().as_ref() {
                    b"token" => {
                        let sentence = attr("sentence").parse().unwrap_or(0);
                        in_token = Some((attr("t_id"), sentence));
                    }
                    b"ENTITY_MENTION" => {
                        let m = attr("m_id");
                        mentions.insert(m.clone(), (attr("syntactic_type"), Vec::new()));
                        current_mention = Some(m);
                    }
                    b"token_anchor" => {
                        if let Some(m) = &current_mention {
                            if let (Some(&t), Some(entry)) =
                                (tid_index.get(&attr("t_id")), mentions.get_mut(m))
                            {
                                entry.1.push(t);
                            }
                        }
                    }
                    b"ENTITY" => {
                        entity_type.insert(attr("m_id"), attr("ent_type"));
                    }
                    b"REFERS_TO" => in_refers = Some((Vec::new(), None)),
                    b"source" => {
                        if let Some((s, _)) = &mut in_refers {
                            s.push(attr("m_id"));
                        }
                    }
                    b"target" => {
                        if let Some((_, t)) = &mut in_refers {
                            *t = Some(attr("m_id"));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((tid, sentence)) = in_token.take() {
                    let form = t.unescape().map(|s| s.into_owned()).unwrap_or_default();
                    tid_index.insert(tid, toks.len());
                    toks.push(Tok {
                        form,
                        upos: String::new(),
                        space_after: true,
                        sentence,
                    });
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"token" => in_token = None,
                b"ENTITY_MENTION" => current_mention = None,
                b"REFERS_TO" => {
                    if let Some((sources, Some(target))) = in_refers.take() {
                        refers.push((sources, target));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    all_mentions.extend(mentions.values().map(|(_, ids)| ids.clone()));
    // Some mentions carry no syntactic type; a mention written as a name
    // (`Bank of America`, `the Federal Reserve`) is a named one.
    for (syn, ids) in mentions.values_mut() {
        if syn.is_empty() && written_as_name(&toks, ids) {
            *syn = "NAM".to_string();
        }
    }
    // Spaces as a journalist would type them.
    for i in 0..toks.len() {
        let next = toks.get(i + 1).map(|t| t.form.as_str()).unwrap_or("");
        let no_space = matches!(
            next,
            "," | "." | ":" | ";" | "'s" | "n't" | "%" | ")" | "?" | "!" | "'"
        ) || matches!(toks[i].form.as_str(), "(" | "$");
        toks[i].space_after = !no_space;
    }
    let mut spans = Vec::new();
    let mut other_names: Vec<(usize, usize)> = Vec::new();
    for (sources, target) in refers {
        let kind = match entity_type.get(&target).map(String::as_str) {
            Some("PER") => EntityType::Person,
            Some("ORG") => EntityType::Org,
            Some("LOC") => EntityType::Place,
            Some("PRO" | "FIN") => {
                for s in &sources {
                    // Any mention, whole: `the Standard & Poor 's 500 index`.
                    if let Some((_, ids)) = mentions.get(s) {
                        if let (Some(&a), Some(&b)) = (ids.iter().min(), ids.iter().max()) {
                            other_names.push((a, b));
                        }
                    }
                }
                continue;
            }
            _ => continue,
        };
        for s in sources {
            let Some((syn, ids)) = mentions.get(&s) else {
                continue;
            };
            if !is_named(syn) || ids.is_empty() {
                continue;
            }
            let Some((a, b)) = name_extent(&toks, ids) else {
                continue;
            };
            if a == b && GAZETTEER.demonym(&toks[a].form).is_some() {
                // `Japanese` in `Japanese stocks` (LOC Japan there) is a
                // GROUP here, and GROUP is not annotated in MEANTIME.
                other_names.push((a, b));
                continue;
            }
            spans.push((a, b, kind));
        }
    }
    let (mut flat, covered) = outermost(cut_titles(&toks, spans), toks.len());
    for (i, t) in toks.iter().enumerate() {
        if !covered[i]
            && GAZETTEER.demonym(&t.form).is_some()
            && t.form.starts_with(char::is_uppercase)
        {
            flat.push((i, i, EntityType::Group));
        }
    }
    flat.sort();
    let mut doc = build_doc(name, &toks, &flat, false);
    let token_spans = token_spans(&toks);
    doc.annotated = Some(
        all_mentions
            .iter()
            .filter_map(|ids| {
                let a = token_spans.get(*ids.iter().min()?)?;
                let b = token_spans.get(*ids.iter().max()?)?;
                Some(Span::new(a.start, b.end))
            })
            .chain(doc.gold.iter().map(|(s, _)| *s))
            .collect(),
    );
    doc.ignored = other_names
        .iter()
        .filter_map(|&(a, b)| {
            Some(Span::new(
                token_spans.get(a)?.start,
                token_spans.get(b)?.end,
            ))
        })
        .collect();
    doc
}

/// The name in a MEANTIME named mention. Its extent is the whole noun
/// phrase (`large insurance firm AIG`, `the United Kingdom 's Royal Air
/// Force ( RAF`, `AirTanker Ltd. , an EADS-led consortium`): the apposition
/// after the first `(` or `,` is cut, then the last run of capitalised
/// words (with numbers, `&`, `-` and connectors between them) is the name,
/// as the head of an English noun phrase comes last.
fn name_extent(toks: &[Tok], ids: &[usize]) -> Option<(usize, usize)> {
    let a = *ids.iter().min()?;
    let mut b = *ids.iter().max()?;
    if let Some(cut) = (a + 1..=b).find(|&i| {
        toks.get(i)
            .is_some_and(|t| matches!(t.form.as_str(), "(" | ","))
    }) {
        b = cut - 1;
    }
    let cap = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.form.starts_with(char::is_uppercase))
    };
    let part = |i: usize| {
        toks.get(i).is_some_and(|t| {
            t.form
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        })
    };
    let glue = |i: usize| {
        toks.get(i).is_some_and(|t| {
            matches!(t.form.as_str(), "&" | "-") || GAZETTEER.is_connector(&t.form)
        })
    };
    let end = (a..=b).rev().find(|&i| part(i))?;
    let mut start = end;
    while start > a && (part(start - 1) || (glue(start - 1) && start - 1 > a && part(start - 2))) {
        start -= 1;
    }
    // A name starts with a capital (`3M` aside) and is not just a number.
    while start < end && (!cap(start) || toks.get(start).is_some_and(|t| t.form == "The")) {
        start += 1;
    }
    (cap(start)
        || toks
            .get(start)
            .is_some_and(|t| t.form.chars().any(char::is_alphabetic)))
    .then_some((start, end))
}

/// True when the tokens `ids` (a leading `the` aside) are capitalised words,
/// numbers and name connectors, starting and ending with a capitalised word.
fn written_as_name(toks: &[Tok], ids: &[usize]) -> bool {
    let (Some(&a), Some(&b)) = (ids.iter().min(), ids.iter().max()) else {
        return false;
    };
    let a = if a < b
        && toks
            .get(a)
            .is_some_and(|t| matches!(t.form.as_str(), "the" | "The"))
    {
        a + 1
    } else {
        a
    };
    let Some(words) = toks.get(a..=b) else {
        return false;
    };
    let cap = |t: &Tok| t.form.starts_with(char::is_uppercase);
    // A capitalised pronoun opening a sentence (`He`, `It`) is no name.
    let pronoun = words.len() == 1 && words.iter().any(|t| is_pronoun(&t.form));
    !pronoun
        && words.first().is_some_and(cap)
        && words.iter().all(|t| {
            cap(t)
                || t.form.starts_with(|c: char| c.is_ascii_digit())
                || t.form == "&"
                || GAZETTEER.is_connector(&t.form)
        })
}

/// Personal and demonstrative pronouns, as they open a sentence.
fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "I" | "He"
            | "She"
            | "It"
            | "We"
            | "They"
            | "You"
            | "Its"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "This"
            | "That"
            | "These"
            | "Those"
    )
}

/// MEANTIME's syntactic types of proper names: `NAM` (`the Federal Reserve`)
/// and `PRE.NAM`, a name used as a premodifier (`US` in `US stocks`).
fn is_named(syntactic_type: &str) -> bool {
    matches!(syntactic_type, "NAM" | "PRE.NAM")
}

/// Byte spans of the tokens in the text `build_doc` makes.
fn token_spans(toks: &[Tok]) -> Vec<Span> {
    let mut at = 0;
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        if i > 0 && (toks[i - 1].sentence != t.sentence || toks[i - 1].space_after) {
            at += 1;
        }
        out.push(Span::new(at, at + t.form.len()));
        at += t.form.len();
    }
    out
}

/// Joins tokens into text (one sentence per line) and maps token spans to bytes.
fn build_doc(
    name: &str,
    toks: &[Tok],
    spans: &[(usize, usize, EntityType)],
    has_groups: bool,
) -> GoldDoc {
    let mut text = String::new();
    let mut at = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            if toks[i - 1].sentence != t.sentence {
                text.push('\n');
            } else if toks[i - 1].space_after {
                text.push(' ');
            }
        }
        let start = text.len();
        text.push_str(&t.form);
        at.push(Span::new(start, text.len()));
    }
    let gold = spans
        .iter()
        .filter_map(|&(a, b, k)| Some((Span::new(at.get(a)?.start, at.get(b)?.end), k)))
        .collect();
    GoldDoc {
        name: name.to_string(),
        text,
        gold,
        has_groups,
        annotated: None,
        ignored: Vec::new(),
    }
}

/// Tagger examples of a document: its lines tokenised as the recogniser
/// tokenises, each token tagged `B-`/`I-` by the gold span it starts in.
pub fn examples(doc: &GoldDoc) -> Vec<Example> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in doc.text.split('\n') {
        let toks = tokenize(line, line_start);
        let mut words = Vec::new();
        let mut gold = Vec::new();
        for t in &toks {
            words.push(t.text(&doc.text).to_string());
            let g = doc
                .gold
                .iter()
                .find(|(s, _)| s.start <= t.start && t.start < s.end);
            let unknown = doc
                .annotated
                .as_ref()
                .is_some_and(|a| !a.iter().any(|s| s.overlaps(*t)))
                && t.text(&doc.text).starts_with(char::is_uppercase);
            let ignored = doc.ignored.iter().any(|s| s.overlaps(*t));
            gold.push(match g {
                _ if ignored => UNKNOWN,
                Some((s, k)) if s.start == t.start => begin(*k),
                Some((_, k)) => begin(*k) + 1,
                None if unknown => UNKNOWN,
                None => O,
            });
        }
        if !words.is_empty() {
            out.push(Example { words, gold });
        }
        line_start += line.len() + 1;
    }
    out
}

/// Reads every `.conllu` and `.xml` file under `paths` (files or folders), sorted.
pub fn read_docs(paths: &[PathBuf]) -> std::io::Result<Vec<GoldDoc>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            for e in walkdir::WalkDir::new(p).sort_by_file_name() {
                let e = e.map_err(std::io::Error::other)?;
                if e.file_type().is_file() {
                    files.push(e.into_path());
                }
            }
        } else {
            files.push(p.clone());
        }
    }
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        let name = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        match f.extension().and_then(|e| e.to_str()) {
            Some("conllu") => docs.push(read_gum(&std::fs::read_to_string(&f)?, &name)),
            Some("xml") => docs.push(read_meantime(&std::fs::read_to_string(&f)?, &name)),
            _ => {}
        }
    }
    Ok(docs)
}

/// The names of GUM's test documents, from GUM's `splits.md`.
pub fn gum_test_split(splits_md: &str) -> Vec<String> {
    gum_split(splits_md, "test")
}

/// The names of the documents of one GUM split (`train`, `dev`, `test`).
pub fn gum_split(splits_md: &str, split: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_test = false;
    for line in splits_md.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            in_test = h.trim() == split;
        } else if in_test {
            if let Some(n) = line.trim().strip_prefix("* ") {
                out.push(n.trim().to_string());
            }
        }
    }
    out
}

/// Passes of the perceptron over the training data (20 scored better than
/// 8, 12 and 30 on the development data, `eval_ner --dev`).
pub const ITERATIONS: usize = 20;
/// Seed of the perceptron's sentence shuffling.
pub const SEED: u64 = 20201008;
/// The MEANTIME topics trained on (`corpus_stock` is held out).
const MEANTIME_TRAIN: [&str; 3] = ["corpus_airbus", "corpus_apple", "corpus_gm"];
/// The MEANTIME topic held out in development mode.
const MEANTIME_DEV: &str = "corpus_gm";

/// The training documents under `data` (GUM minus its test split, MEANTIME
/// minus `corpus_stock`). With `dev`, GUM's dev split and MEANTIME's
/// `corpus_gm` are held out too (see [`dev_docs`]): feature and rule
/// decisions are taken there, never on the test data.
pub fn training_docs(data: &Path, dev: bool) -> std::io::Result<Vec<GoldDoc>> {
    let splits = std::fs::read_to_string(data.join("gum/splits.md"))?;
    let mut held = gum_split(&splits, "test");
    if dev {
        held.extend(gum_split(&splits, "dev"));
    }
    let mut docs = read_docs(&[data.join("gum")])?;
    docs.retain(|d| !held.contains(&d.name));
    let meantime: Vec<PathBuf> = MEANTIME_TRAIN
        .iter()
        .filter(|t| !dev || **t != MEANTIME_DEV)
        .map(|t| data.join("meantime").join(t))
        .collect();
    docs.extend(read_docs(&meantime)?);
    Ok(docs)
}

/// Development data: GUM's dev split and MEANTIME's `corpus_gm`.
pub fn dev_docs(data: &Path) -> std::io::Result<(Vec<GoldDoc>, Vec<GoldDoc>)> {
    let splits = std::fs::read_to_string(data.join("gum/splits.md"))?;
    let dev = gum_split(&splits, "dev");
    let mut gum = read_docs(&[data.join("gum")])?;
    gum.retain(|d| dev.contains(&d.name));
    let meantime = read_docs(&[data.join("meantime").join(MEANTIME_DEV)])?;
    Ok((gum, meantime))
}

/// Trains the tagger on documents: fixed iterations and seed, so the same
/// documents always give the same model. `viterbi`: a structured perceptron
/// decoded with Viterbi instead of the shipped greedy one.
pub fn train_model(docs: &[GoldDoc], viterbi: bool) -> crate::engine::entities::model::Model {
    use crate::engine::entities::model::{train, Decoding};
    let examples: Vec<Vec<Example>> = docs.iter().map(examples).collect();
    let decoding = if viterbi {
        Decoding::Viterbi
    } else {
        Decoding::Greedy
    };
    train(&examples, ITERATIONS, SEED, decoding)
}

/// Counts of one type.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub exact: usize,
    /// Predictions overlapping a gold name of the same type (one to one).
    pub overlap: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.exact += o.exact;
        self.overlap += o.overlap;
    }
    /// Exact-span (precision, recall, F1).
    pub fn exact_prf(&self) -> (f64, f64, f64) {
        prf(self.exact, self.predicted, self.gold)
    }
    /// Overlap (precision, recall, F1).
    pub fn overlap_prf(&self) -> (f64, f64, f64) {
        prf(self.overlap, self.predicted, self.gold)
    }
}

fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred == 0 {
        0.0
    } else {
        tp as f64 / pred as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Scores per type, and micro over all scored types.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub by_type: BTreeMap<EntityType, Counts>,
    pub documents: usize,
}

impl Scores {
    /// The sum over all types.
    pub fn micro(&self) -> Counts {
        let mut c = Counts::default();
        for v in self.by_type.values() {
            c.add(*v);
        }
        c
    }
}

/// The names the recogniser finds in a document: the whole pipeline
/// (`analysis::analyze`: article model, so a title line is read as a title,
/// then segmentation, times, entities) on the document's text, as a user's
/// article would be analysed.
pub fn predict(doc: &GoldDoc, config: &Config) -> Vec<(Span, EntityType)> {
    let options = AnalysisOptions {
        config: config.clone(),
        publication_date: None,
    };
    analyze(&doc.text, &options)
        .entities
        .mentions
        .iter()
        .map(|m| (m.span, m.kind))
        .collect()
}

/// Runs the recogniser on each document and scores it.
///
/// With `regions_only`, predictions in partially annotated documents that
/// overlap no annotated mention are left out (the gold says nothing there).
pub fn score(docs: &[GoldDoc], config: &Config, regions_only: bool) -> Scores {
    score_with(docs, regions_only, |d| predict(d, config))
}

/// Scores the predictions `predict` makes for each document (so another
/// recogniser's output can be scored by the same rules).
///
/// Exact: same start and end and type. Overlap: a prediction overlapping a
/// gold name of the same type, each gold name matched at most once.
/// Predictions of GROUP are scored only where GROUP is annotated;
/// predictions overlapping an ignored name (a type dateline does not have)
/// and no gold name are not scored.
pub fn score_with(
    docs: &[GoldDoc],
    regions_only: bool,
    predict: impl Fn(&GoldDoc) -> Vec<(Span, EntityType)>,
) -> Scores {
    let mut scores = Scores::default();
    for doc in docs {
        scores.documents += 1;
        let predicted = scored_predictions(doc, regions_only, predict(doc));
        for kind in [
            EntityType::Person,
            EntityType::Org,
            EntityType::Place,
            EntityType::Group,
        ] {
            if !doc.has_groups && kind == EntityType::Group {
                continue;
            }
            let g: Vec<Span> = doc
                .gold
                .iter()
                .filter(|(_, k)| *k == kind)
                .map(|(s, _)| *s)
                .collect();
            let p: Vec<Span> = predicted
                .iter()
                .filter(|(_, k)| *k == kind)
                .map(|(s, _)| *s)
                .collect();
            let exact = p.iter().filter(|s| g.contains(s)).count();
            let mut used = vec![false; g.len()];
            let mut overlap = 0;
            for s in &p {
                if let Some(i) = (0..g.len()).find(|&i| !used[i] && g[i].overlaps(*s)) {
                    used[i] = true;
                    overlap += 1;
                }
            }
            scores.by_type.entry(kind).or_default().add(Counts {
                gold: g.len(),
                predicted: p.len(),
                exact,
                overlap,
            });
        }
    }
    scores
}

/// The predictions that count: GROUP only where annotated, none on ignored
/// names (unless they also overlap a gold name), and (with `regions_only`) only inside annotated mentions.
fn scored_predictions(
    doc: &GoldDoc,
    regions_only: bool,
    predicted: Vec<(Span, EntityType)>,
) -> Vec<(Span, EntityType)> {
    let known = |s: Span| {
        doc.annotated
            .as_ref()
            .is_none_or(|a| !regions_only || a.iter().any(|r| r.overlaps(s)))
    };
    predicted
        .into_iter()
        .filter(|&(s, k)| {
            (doc.has_groups || k != EntityType::Group)
                && known(s)
                && (!doc.ignored.iter().any(|i| i.overlaps(s))
                    || doc.gold.iter().any(|(g, _)| g.overlaps(s)))
        })
        .collect()
}

/// Every error, one a line: `missed` gold names (no exact prediction of
/// that type), `wrong` predictions (no exact gold of that type), then the
/// kind of error ([`error_kind`]: `boundary`, `type` or `none`), then the
/// overlapping counterparts, for reading what goes wrong.
pub fn errors(docs: &[GoldDoc], config: &Config, regions_only: bool) -> String {
    let mut out = String::new();
    for doc in docs {
        let predicted = scored_predictions(doc, regions_only, predict(doc, config));
        let t = |s: Span| s.text(&doc.text).replace('\n', " ");
        let scored_gold: Vec<&(Span, EntityType)> = doc
            .gold
            .iter()
            .filter(|(_, k)| doc.has_groups || *k != EntityType::Group)
            .collect();
        for (s, k) in &scored_gold {
            if !predicted.contains(&(*s, *k)) {
                let near: Vec<String> = predicted
                    .iter()
                    .filter(|(p, _)| p.overlaps(*s))
                    .map(|(p, pk)| format!("{} {}", pk.as_str(), t(*p)))
                    .collect();
                let others: Vec<(Span, EntityType)> = predicted
                    .iter()
                    .filter(|(p, _)| p.overlaps(*s))
                    .copied()
                    .collect();
                let _ = writeln!(
                    out,
                    "{}\tmissed\t{} {}\t{}\t[{}]",
                    doc.name,
                    k.as_str(),
                    t(*s),
                    error_kind(*k, &others),
                    near.join("; ")
                );
            }
        }
        for (s, k) in &predicted {
            if !doc.gold.contains(&(*s, *k)) {
                let near: Vec<String> = scored_gold
                    .iter()
                    .filter(|(g, _)| g.overlaps(*s))
                    .map(|(g, gk)| format!("{} {}", gk.as_str(), t(*g)))
                    .collect();
                let others: Vec<(Span, EntityType)> = scored_gold
                    .iter()
                    .filter(|(g, _)| g.overlaps(*s))
                    .map(|&&g| g)
                    .collect();
                let _ = writeln!(
                    out,
                    "{}\twrong\t{} {}\t{}\t[{}]",
                    doc.name,
                    k.as_str(),
                    t(*s),
                    error_kind(*k, &others),
                    near.join("; ")
                );
            }
        }
    }
    out
}

/// The kind of an error of type `kind` given the names of the other side
/// (gold for a wrong prediction, predictions for a missed name) overlapping
/// it: `boundary` when one has the same type (right name, wrong extent),
/// `type` when they all have another type, `none` when nothing overlaps
/// (a name missed entirely, or a spurious one).
pub fn error_kind(kind: EntityType, overlapping: &[(Span, EntityType)]) -> &'static str {
    if overlapping.iter().any(|(_, k)| *k == kind) {
        "boundary"
    } else if overlapping.is_empty() {
        "none"
    } else {
        "type"
    }
}

/// A printable table of scores.
pub fn report(title: &str, scores: &Scores) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{title} ({} documents)", scores.documents);
    let _ = writeln!(
        out,
        "{:<8} {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>10}",
        "type", "gold", "pred", "P", "R", "F1", "overlapF1"
    );
    let mut rows: Vec<(String, Counts)> = scores
        .by_type
        .iter()
        .map(|(k, c)| (k.as_str().to_string(), *c))
        .collect();
    rows.push(("micro".to_string(), scores.micro()));
    for (name, c) in rows {
        let (p, r, f) = c.exact_prf();
        let (_, _, of) = c.overlap_prf();
        let _ = writeln!(
            out,
            "{name:<8} {:>6} {:>6}  {p:>6.3} {r:>6.3} {f:>6.3}  {of:>10.3}",
            c.gold, c.predicted
        );
    }
    out
}

/// Evaluates on GUM CoNLL-U files (keeping only GUM's test split when a
/// `splits.md` lies next to them).
pub fn evaluate_gum(paths: &[PathBuf], config: &Config) -> std::io::Result<String> {
    let mut docs = read_docs(paths)?;
    if let Some(splits) = paths.iter().map(|p| splits_next_to(p)).find(|s| s.exists()) {
        let test = gum_test_split(&std::fs::read_to_string(splits)?);
        docs.retain(|d| test.contains(&d.name));
    }
    Ok(report("GUM test split", &score(&docs, config, false)))
}

fn splits_next_to(p: &Path) -> PathBuf {
    if p.is_dir() {
        p.join("splits.md")
    } else {
        p.with_file_name("splits.md")
    }
}

/// Evaluates on MEANTIME CAT XML files or folders (e.g. `corpus_stock`).
pub fn evaluate_meantime(paths: &[PathBuf], config: &Config) -> std::io::Result<String> {
    let docs = read_docs(paths)?;
    let mut out = report(
        "MEANTIME named mentions (PERSON/ORG/PLACE), all predictions",
        &score(&docs, config, false),
    );
    out.push('\n');
    out.push_str(&report(
        "MEANTIME named mentions (PERSON/ORG/PLACE), predictions inside annotated entity mentions only",
        &score(&docs, config, true),
    ));
    Ok(out)
}

/// Evaluates any mix of paths: `.conllu` as GUM, `.xml` as MEANTIME.
pub fn evaluate(paths: &[PathBuf], config: &Config) -> std::io::Result<String> {
    let mut docs = read_docs(paths)?;
    // GUM documents are scored on GUM's test split when `splits.md` is found
    // (the recogniser is trained on the rest).
    if let Some(splits) = paths.iter().map(|p| splits_next_to(p)).find(|s| s.exists()) {
        let test = gum_test_split(&std::fs::read_to_string(splits)?);
        docs.retain(|d| !d.name.starts_with("GUM_") || test.contains(&d.name));
    }
    Ok(report("entities", &score(&docs, config, false)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUM: &str = "# sent_id = d-1\n\
1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(1-organization-new-x-cf1-2,3-sgl-EU\n\
2\tEuropean\tEuropean\tPROPN\tNNP\t_\t3\tamod\t_\t_\n\
3\tUnion\tUnion\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)\n\
4\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
5\tPresident\tPresident\tPROPN\tNNP\t_\t6\tcompound\t_\tEntity=(2-person-new-x-cf1-2-sgl-X\n\
6\tObama\tObama\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=2)\n\
7\tand\tand\tCCONJ\tCC\t_\t8\tcc\t_\t_\n\
8\tArmenian\tArmenian\tADJ\tJJ\t_\t9\tamod\t_\tEntity=(3-person-new-x-cf1-2-sgl\n\
9\tofficials\tofficial\tNOUN\tNNS\t_\t6\tconj\t_\tEntity=3)|SpaceAfter=No\n\
10\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";

    #[test]
    fn gum_names_are_trimmed_and_demonyms_are_groups() {
        let doc = read_gum(GUM, "d");
        assert_eq!(
            doc.text,
            "The European Union met President Obama and Armenian officials."
        );
        let got: Vec<(&str, EntityType)> = doc
            .gold
            .iter()
            .map(|(s, k)| (s.text(&doc.text), *k))
            .collect();
        assert_eq!(
            got,
            [
                ("European Union", EntityType::Org),
                ("Obama", EntityType::Person),
                ("Armenian", EntityType::Group)
            ]
        );
        let ex = examples(&doc);
        assert_eq!(ex[0].words.len(), 10);
        assert_eq!(ex[0].gold, [0, 3, 4, 0, 0, 1, 0, 7, 0, 0]);
    }

    #[test]
    fn meantime_named_mentions() {
        let xml = r#"<Document><token t_id="1" sentence="0">The</token><token t_id="2" sentence="0">Boeing</token><token t_id="3" sentence="0">Company</token><token t_id="4" sentence="0">'s</token><token t_id="5" sentence="0">CEO</token>
<Markables><ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NOM"><token_anchor t_id="5"/></ENTITY_MENTION>
<ENTITY m_id="9" ent_type="ORG"/></Markables><Relations><REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="9"/></REFERS_TO></Relations></Document>"#;
        let doc = read_meantime(xml, "m");
        assert_eq!(doc.text, "The Boeing Company's CEO");
        assert_eq!(doc.gold, [(Span::new(4, 18), EntityType::Org)]);
    }

    #[test]
    fn capitalised_pronouns_are_not_meantime_names() {
        // Mentions with no syntactic type count when written as a name, but
        // a sentence-initial `He` is a pronoun.
        let xml = r#"<Document><token t_id="1" sentence="0">He</token><token t_id="2" sentence="0">met</token><token t_id="3" sentence="0">Bob</token><token t_id="4" sentence="0">Smith</token>
<Markables><ENTITY_MENTION m_id="1"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2"><token_anchor t_id="3"/><token_anchor t_id="4"/></ENTITY_MENTION>
<ENTITY m_id="9" ent_type="PER"/></Markables><Relations><REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="9"/></REFERS_TO></Relations></Document>"#;
        let doc = read_meantime(xml, "m");
        assert_eq!(doc.text, "He met Bob Smith");
        assert_eq!(doc.gold, [(Span::new(7, 16), EntityType::Person)]);
    }

    #[test]
    fn meantime_names_are_cut_from_noun_phrases_and_other_types_ignored() {
        let xml = r#"<Document><token t_id="1" sentence="0">large</token><token t_id="2" sentence="0">insurer</token><token t_id="3" sentence="0">AIG</token><token t_id="4" sentence="0">hit</token><token t_id="5" sentence="0">US</token><token t_id="6" sentence="0">stocks</token><token t_id="7" sentence="0">and</token><token t_id="8" sentence="0">the</token><token t_id="9" sentence="0">Nasdaq</token>
<Markables><ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="PRE.NAM"><token_anchor t_id="5"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3"><token_anchor t_id="8"/><token_anchor t_id="9"/></ENTITY_MENTION>
<ENTITY m_id="7" ent_type="ORG"/><ENTITY m_id="8" ent_type="LOC"/><ENTITY m_id="9" ent_type="FIN"/></Markables><Relations>
<REFERS_TO r_id="1"><source m_id="1"/><target m_id="7"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="8"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="3"/><target m_id="9"/></REFERS_TO></Relations></Document>"#;
        let doc = read_meantime(xml, "m");
        let got: Vec<(&str, EntityType)> = doc
            .gold
            .iter()
            .map(|(s, k)| (s.text(&doc.text), *k))
            .collect();
        assert_eq!(got, [("AIG", EntityType::Org), ("US", EntityType::Place)]);
        let ignored: Vec<&str> = doc.ignored.iter().map(|s| s.text(&doc.text)).collect();
        assert_eq!(ignored, ["the Nasdaq"]);
        // An ORG on the index is neither right nor wrong; a PERSON on `AIG` is wrong.
        let at = |t: &str| {
            let s = doc.text.find(t).unwrap_or(0);
            Span::new(s, s + t.len())
        };
        let s = score_with(std::slice::from_ref(&doc), false, |_| {
            vec![
                (at("Nasdaq"), EntityType::Org),
                (at("AIG"), EntityType::Person),
            ]
        });
        assert_eq!(s.micro().predicted, 1);
        assert_eq!(s.micro().exact, 0);
    }

    #[test]
    fn scoring_counts_exact_and_overlap() {
        let doc = GoldDoc {
            name: "x".into(),
            text: "Vladimir Putin met Lavrov in Moscow.".into(),
            gold: vec![
                (Span::new(0, 14), EntityType::Person),
                (Span::new(29, 35), EntityType::Place),
            ],
            has_groups: true,
            annotated: None,
            ignored: Vec::new(),
        };
        let s = score(&[doc], &Config::default(), false);
        let m = s.micro();
        assert_eq!(m.gold, 2);
        assert!(m.exact <= m.overlap && m.overlap <= m.predicted);
    }

    #[test]
    fn test_split_names() {
        let md = "## dev\n\n  * A\n\n## test\n\n  * B\n  * C\n\n## test2\n  * D\n";
        assert_eq!(gum_test_split(md), ["B", "C"]);
    }

    #[test]
    fn errors_are_classified() {
        let (p, o) = (EntityType::Person, EntityType::Org);
        let near = |k| vec![(Span::new(0, 5), k)];
        assert_eq!(error_kind(p, &near(p)), "boundary");
        assert_eq!(error_kind(p, &near(o)), "type");
        assert_eq!(error_kind(p, &[]), "none");
    }
}
