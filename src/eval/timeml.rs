//! TempEval-3-style evaluation of the time tagger on TimeML corpora.
//!
//! Reads WikiWars-style TimeML (`.tml`: inline `<TIMEX3>` inside `<TEXT>`,
//! `<DCT>` with the creation time) and MEANTIME CAT XML (one `<token>` per
//! word, `TIMEX3` markables anchored on token ids, `functionInDocument=
//! "CREATION_TIME"` for the publication date). Each document's text is
//! rebuilt, run through the real pipeline (`engine::analyze`) with the
//! creation time as publication date, and scored:
//! - strict extraction: same start and end; relaxed: overlapping spans;
//! - type and value accuracy over the relaxed matches, and the TempEval-3
//!   attribute F1 (accuracy × relaxed F1).
//!
//! The creation time itself is not scored (neither as gold nor as a system
//! answer), nor are MEANTIME's empty TIMEX3 markables (no token anchors:
//! they stand for times the text implies but never writes).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::engine::{analyze, AnalysisOptions};

/// One gold or system annotation, by byte offsets into the rebuilt text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// A document rebuilt from TimeML: its text, gold times and creation time.
#[derive(Debug, Clone)]
pub struct GoldDocument {
    pub name: String,
    pub text: String,
    pub gold: Vec<Annotation>,
    pub creation: Option<NaiveDate>,
    /// Spans of the creation-time expression in the text (not scored).
    pub creation_spans: Vec<(usize, usize)>,
    /// Where the annotated part of the text ends (MEANTIME annotates times
    /// in the title and first five sentences only): answers after it are
    /// not scored.
    pub scored_end: Option<usize>,
}

/// Counts of one evaluation run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    pub documents: usize,
    pub gold: usize,
    pub system: usize,
    pub strict_gold: usize,
    pub strict_system: usize,
    pub relaxed_gold: usize,
    pub relaxed_system: usize,
    pub pairs: usize,
    pub value_correct: usize,
    pub type_correct: usize,
}

impl Scores {
    fn prf(&self, matched_system: usize, matched_gold: usize) -> (f64, f64, f64) {
        let p = ratio(matched_system, self.system);
        let r = ratio(matched_gold, self.gold);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    /// Strict extraction precision, recall, F1.
    pub fn strict(&self) -> (f64, f64, f64) {
        self.prf(self.strict_system, self.strict_gold)
    }

    /// Relaxed extraction precision, recall, F1.
    pub fn relaxed(&self) -> (f64, f64, f64) {
        self.prf(self.relaxed_system, self.relaxed_gold)
    }

    /// Value accuracy over relaxed matches.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_correct, self.pairs)
    }

    /// Type accuracy over relaxed matches.
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_correct, self.pairs)
    }

    fn add(&mut self, o: &Scores) {
        self.documents += o.documents;
        self.gold += o.gold;
        self.system += o.system;
        self.strict_gold += o.strict_gold;
        self.strict_system += o.strict_system;
        self.relaxed_gold += o.relaxed_gold;
        self.relaxed_system += o.relaxed_system;
        self.pairs += o.pairs;
        self.value_correct += o.value_correct;
        self.type_correct += o.type_correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Evaluates the tagger on TimeML files (or folders of them) and returns a
/// human-readable report; `per_error` appends every miss, spurious answer and
/// wrong value.
pub fn evaluate(paths: &[PathBuf], per_error: bool) -> std::io::Result<String> {
    let files = collect(paths)?;
    let mut total = Scores::default();
    let mut errors = String::new();
    let mut groups: Vec<(String, Scores)> = Vec::new();
    let mut skipped = 0usize;
    for file in &files {
        let raw = std::fs::read_to_string(file)?;
        let name = file.display().to_string();
        let doc = match read_document(&name, &raw) {
            Ok(d) => d,
            Err(e) => {
                let _ = writeln!(errors, "! {name}: not read: {e}");
                skipped += 1;
                continue;
            }
        };
        let (scores, listing) = score_document(&doc);
        if per_error {
            errors.push_str(&listing);
        }
        let group = file
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, s)) => s.add(&scores),
            None => groups.push((group, scores.clone())),
        }
        total.add(&scores);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "TempEval-3 evaluation of the dateline time tagger ({} documents{})",
        total.documents,
        if skipped > 0 {
            format!(", {skipped} unreadable")
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "{:<40} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} | {:>7} {:>7}",
        "corpus",
        "gold",
        "sys",
        "strP",
        "strR",
        "strF1",
        "relP",
        "relR",
        "relF1",
        "value",
        "type",
        "valueF1",
        "typeF1"
    );
    for (g, s) in groups
        .iter()
        .chain(std::iter::once(&("ALL".to_string(), total.clone())))
    {
        let (sp, sr, sf) = s.strict();
        let (rp, rr, rf) = s.relaxed();
        let label = Path::new(g)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| g.clone());
        let _ = writeln!(
            out,
            "{:<40} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} | {:>7.3} {:>7.3}",
            label,
            s.gold,
            s.system,
            sp,
            sr,
            sf,
            rp,
            rr,
            rf,
            s.value_accuracy(),
            s.type_accuracy(),
            s.value_accuracy() * rf,
            s.type_accuracy() * rf
        );
    }
    if !errors.is_empty() {
        out.push('\n');
        out.push_str(&errors);
    }
    Ok(out)
}

/// Scores of a set of files, for tests that assert a minimum.
pub fn scores(paths: &[PathBuf]) -> std::io::Result<Scores> {
    let mut total = Scores::default();
    for file in collect(paths)? {
        let raw = std::fs::read_to_string(&file)?;
        if let Ok(doc) = read_document(&file.display().to_string(), &raw) {
            total.add(&score_document(&doc).0);
        }
    }
    Ok(total)
}

fn collect(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            for entry in walkdir::WalkDir::new(p).sort_by_file_name() {
                let entry = entry.map_err(std::io::Error::other)?;
                let ext = entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("");
                if entry.file_type().is_file() && matches!(ext, "tml" | "xml" | "TML") {
                    files.push(entry.into_path());
                }
            }
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// Reads a TimeML or MEANTIME CAT document.
pub fn read_document(name: &str, raw: &str) -> Result<GoldDocument, String> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let xml = roxmltree::Document::parse_with_options(raw, opts).map_err(|e| e.to_string())?;
    let root = xml.root_element();
    match root.tag_name().name() {
        "Document" => Ok(read_cat(name, &root)),
        _ => Ok(read_timeml(name, &root)),
    }
}

/// MEANTIME CAT: tokens joined with news spacing, one sentence a paragraph.
/// The text starts with a ` date YYYY-MM-DD WIKINEWS -- ` line carrying the creation
/// time, followed by the title (sentence 0), as a wire file would: the title
/// is prose the tagger reads, the date line is header.
fn read_cat(name: &str, root: &roxmltree::Node<'_, '_>) -> GoldDocument {
    let creation_value = root
        .descendants()
        .filter(|n| n.has_tag_name("TIMEX3"))
        .find(|t| t.attribute("functionInDocument") == Some("CREATION_TIME"))
        .and_then(|t| t.attribute("value"))
        .unwrap_or("")
        .to_string();
    // A few files lack the CREATION_TIME markable; their date line (the
    // first TIMEX3 of sentence 1) is the creation time then, and like any
    // creation time it is no expression of the text to score.
    let (creation_value, date_line_id) = if creation_value.is_empty() {
        match date_line_timex(root) {
            Some((value, id)) => (value, id),
            None => (String::new(), None),
        }
    } else {
        (creation_value, None)
    };
    let creation =
        NaiveDate::parse_from_str(creation_value.get(..10).unwrap_or(""), "%Y-%m-%d").ok();
    let mut text = String::new();
    let mut creation_spans = Vec::new();
    if let Some(c) = creation {
        text.push_str(" date ");
        let start = text.len();
        text.push_str(&c.format("%Y-%m-%d").to_string());
        creation_spans.push((start, text.len()));
        text.push_str(" WIKINEWS -- ");
    }
    let mut spans: std::collections::HashMap<String, (usize, usize)> = Default::default();
    let mut last_sentence: Option<String> = None;
    let mut prev = String::new();
    let mut scored_end = None;
    for tok in root.children().filter(|n| n.has_tag_name("token")) {
        let word = tok.text().unwrap_or("");
        let sentence = tok.attribute("sentence").unwrap_or("").to_string();
        if last_sentence.as_ref() != Some(&sentence) {
            if last_sentence.is_some() {
                // The title ends the wire line like a sentence, so the
                // article parser reads it as the first line of the body.
                if last_sentence.as_deref() == Some("0")
                    && creation.is_some()
                    && !text.ends_with(['.', '!', '?'])
                {
                    text.push('.');
                }
                if sentence == "6" {
                    scored_end = Some(text.len());
                }
                text.push_str("\n\n");
            }
            last_sentence = Some(sentence);
        } else if needs_space(&prev, word) {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(word);
        if let Some(id) = tok.attribute("t_id") {
            spans.insert(id.to_string(), (start, text.len()));
        }
        prev = word.to_string();
    }
    text.push('\n');
    let mut gold = Vec::new();
    for m in root.descendants().filter(|n| n.has_tag_name("Markables")) {
        for t in m.children().filter(|n| n.has_tag_name("TIMEX3")) {
            let anchors: Vec<(usize, usize)> = t
                .children()
                .filter(|n| n.has_tag_name("token_anchor"))
                .filter_map(|a| a.attribute("t_id").and_then(|id| spans.get(id)).copied())
                .collect();
            let value = t.attribute("value").unwrap_or("").to_string();
            let span = anchors
                .iter()
                .map(|a| a.0)
                .min()
                .zip(anchors.iter().map(|a| a.1).max());
            if t.attribute("functionInDocument") == Some("CREATION_TIME")
                || (date_line_id.is_some() && t.attribute("m_id") == date_line_id)
            {
                creation_spans.extend(span);
                continue;
            }
            let Some((start, end)) = span else { continue };
            gold.push(Annotation {
                start,
                end,
                kind: t.attribute("type").unwrap_or("").to_string(),
                value,
            });
        }
    }
    gold.sort_by_key(|a| a.start);
    GoldDocument {
        name: name.to_string(),
        text,
        gold,
        creation,
        creation_spans,
        scored_end,
    }
}

/// The value and markable id of the first TIMEX3 anchored in sentence 1
/// (the date line).
fn date_line_timex<'a>(root: &roxmltree::Node<'a, '_>) -> Option<(String, Option<&'a str>)> {
    let sentence_one: std::collections::HashSet<&str> = root
        .children()
        .filter(|n| n.has_tag_name("token") && n.attribute("sentence") == Some("1"))
        .filter_map(|n| n.attribute("t_id"))
        .collect();
    root.descendants()
        .filter(|n| n.has_tag_name("TIMEX3"))
        .find(|t| {
            t.children()
                .filter(|a| a.has_tag_name("token_anchor"))
                .any(|a| {
                    a.attribute("t_id")
                        .is_some_and(|id| sentence_one.contains(id))
                })
        })
        .map(|t| {
            (
                t.attribute("value").unwrap_or("").to_string(),
                t.attribute("m_id"),
            )
        })
}

/// Space between two MEANTIME tokens as a news text would have it.
fn needs_space(prev: &str, word: &str) -> bool {
    if prev.is_empty() {
        return false;
    }
    let no_space_before = matches!(
        word,
        "," | "."
            | ":"
            | ";"
            | "!"
            | "?"
            | ")"
            | "]"
            | "%"
            | "'s"
            | "'"
            | "n't"
            | "'re"
            | "'ve"
            | "'ll"
            | "'d"
            | "’s"
    );
    let no_space_after = matches!(prev, "(" | "[" | "$" | "€" | "£" | "``");
    !(no_space_before || no_space_after)
}

/// TimeML: the text of `<TEXT>` with inline `<TIMEX3>`; `<DCT>` above it.
fn read_timeml(name: &str, root: &roxmltree::Node<'_, '_>) -> GoldDocument {
    let mut creation = None;
    if let Some(dct) = root.descendants().find(|n| n.has_tag_name("DCT")) {
        if let Some(t) = dct.descendants().find(|n| n.has_tag_name("TIMEX3")) {
            creation = t.attribute("value").and_then(|v| {
                NaiveDate::parse_from_str(v.get(..10).unwrap_or(""), "%Y-%m-%d").ok()
            });
        }
    }
    let mut text = String::new();
    let mut gold = Vec::new();
    if let Some(body) = root.descendants().find(|n| n.has_tag_name("TEXT")) {
        walk_timeml(&body, &mut text, &mut gold);
    }
    GoldDocument {
        name: name.to_string(),
        text,
        gold,
        creation,
        creation_spans: Vec::new(),
        scored_end: None,
    }
}

fn walk_timeml(node: &roxmltree::Node<'_, '_>, text: &mut String, gold: &mut Vec<Annotation>) {
    for child in node.children() {
        if child.is_text() {
            text.push_str(child.text().unwrap_or(""));
        } else if child.has_tag_name("TIMEX3") {
            let start = text.len();
            walk_timeml(&child, text, gold);
            let end = text.len();
            // Leading/trailing spaces inside the tag are not part of the expression.
            let inner = text.get(start..end).unwrap_or("");
            let s = start + (inner.len() - inner.trim_start().len());
            let e = end - (inner.len() - inner.trim_end().len());
            if s < e {
                gold.push(Annotation {
                    start: s,
                    end: e,
                    kind: child.attribute("type").unwrap_or("").to_string(),
                    value: child.attribute("value").unwrap_or("").to_string(),
                });
            }
        } else {
            walk_timeml(&child, text, gold);
        }
    }
}

/// Runs the pipeline on one document and scores it; returns the error listing too.
pub fn score_document(doc: &GoldDocument) -> (Scores, String) {
    let options = AnalysisOptions {
        publication_date: doc.creation,
        ..Default::default()
    };
    let analysis = analyze(&doc.text, &options);
    let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    let system: Vec<Annotation> = analysis
        .times
        .iter()
        .filter(|t| {
            !doc.creation_spans
                .iter()
                .any(|c| overlaps(*c, (t.span.start, t.span.end)))
        })
        .filter(|t| doc.scored_end.is_none_or(|end| t.span.start < end))
        .map(|t| Annotation {
            start: t.span.start,
            end: t.span.end,
            kind: t.kind.as_str().to_string(),
            value: t.value.clone(),
        })
        .collect();
    let mut s = Scores {
        documents: 1,
        gold: doc.gold.len(),
        system: system.len(),
        ..Default::default()
    };
    let mut listing = String::new();
    let surface = |a: &Annotation| {
        doc.text
            .get(a.start..a.end)
            .unwrap_or("")
            .replace('\n', " ")
    };
    let short = Path::new(&doc.name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut used = vec![false; system.len()];
    for g in &doc.gold {
        if system.iter().any(|x| x.start == g.start && x.end == g.end) {
            s.strict_gold += 1;
        }
        let hit = system
            .iter()
            .enumerate()
            .find(|(k, x)| !used[*k] && overlaps((g.start, g.end), (x.start, x.end)));
        let any = system
            .iter()
            .any(|x| overlaps((g.start, g.end), (x.start, x.end)));
        if any {
            s.relaxed_gold += 1;
        }
        match hit {
            Some((k, x)) => {
                used[k] = true;
                s.pairs += 1;
                if (x.start, x.end) != (g.start, g.end) {
                    let _ = writeln!(
                        listing,
                        "SPAN   {short}: gold {:?} | sys {:?}",
                        surface(g),
                        surface(x)
                    );
                }
                if x.value == g.value {
                    s.value_correct += 1;
                } else {
                    let _ = writeln!(
                        listing,
                        "VALUE  {short}: {:?} gold {} {} | sys {:?} {} {}",
                        surface(g),
                        g.kind,
                        g.value,
                        surface(x),
                        x.kind,
                        x.value
                    );
                }
                if x.kind == g.kind {
                    s.type_correct += 1;
                }
            }
            None if !any => {
                let _ = writeln!(
                    listing,
                    "MISS   {short}: {:?} {} {}",
                    surface(g),
                    g.kind,
                    g.value
                );
            }
            None => {}
        }
    }
    for x in &system {
        if doc
            .gold
            .iter()
            .any(|g| g.start == x.start && g.end == x.end)
        {
            s.strict_system += 1;
        }
        if doc
            .gold
            .iter()
            .any(|g| overlaps((g.start, g.end), (x.start, x.end)))
        {
            s.relaxed_system += 1;
        } else {
            let _ = writeln!(
                listing,
                "EXTRA  {short}: {:?} {} {}",
                surface(x),
                x.kind,
                x.value
            );
        }
    }
    (s, listing)
}
