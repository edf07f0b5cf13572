//! From model tags to names as journalists write them: span clean-up,
//! demonyms, headline lines, header fields and the user's own entities.

use std::collections::HashSet;

use super::coref::is_role_head;
use super::features::{is_title_case, place_matches, sentence_features, DocContext};
use super::gazetteer::{FastMap, FastSet, GAZETTEER};
use super::model::{is_inside, tag_type, MODEL};
use super::tokens::sentences;
use super::{EntityType, Found};
use crate::engine::article::Article;
use crate::engine::config::Config;
use crate::engine::span::Span;

/// Names in `blocks` of `text`: the model's, cleaned up, plus demonyms,
/// organisation names built on a head word, known places and organisations,
/// and the user's declared entities. Sorted, non-overlapping.
pub fn find(text: &str, blocks: &[Span], config: &Config) -> Vec<Found> {
    find_remembering(text, blocks, config, &mut SentenceMemo::default())
}

/// The per-sentence results of the tagger (features, model, span clean-up)
/// from earlier analyses of one document, so an edit re-tags only the
/// sentences it touched. A sentence is remembered under its text, its token
/// boundaries and the document-level facts it reads
/// ([`DocContext::sentence_key`]): a hit is exactly what tagging would give.
/// Entries not used by the last analysis are forgotten. The default memo
/// remembers nothing (one-shot analyses pay nothing for keys).
#[derive(Debug, Default)]
pub struct SentenceMemo {
    enabled: bool,
    used: FastMap<Vec<u8>, Tagged>,
    hits: usize,
    misses: usize,
}

/// What one sentence yields: names as token ranges, and whether it is a
/// title-case (headline) line.
#[derive(Debug, Clone)]
struct Tagged {
    names: Vec<(usize, usize, EntityType)>,
    title: bool,
}

impl SentenceMemo {
    /// A memo that remembers sentences between analyses.
    pub fn remembering() -> SentenceMemo {
        SentenceMemo {
            enabled: true,
            ..SentenceMemo::default()
        }
    }

    /// Sentences reused and tagged by the last analysis.
    pub fn stats(&self) -> (usize, usize) {
        (self.hits, self.misses)
    }
}

/// [`find`], reusing and refilling `memo`.
pub fn find_remembering(
    text: &str,
    blocks: &[Span],
    config: &Config,
    memo: &mut SentenceMemo,
) -> Vec<Found> {
    let sents: Vec<Vec<Span>> = blocks.iter().flat_map(|b| sentences(text, *b)).collect();
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.iter().map(|t| t.text(text)).collect())
        .collect();
    let ctx = DocContext::new(words.iter().map(Vec::as_slice));
    let mut found = Vec::new();
    let mut headline = Vec::new();
    let mut previous = std::mem::take(&mut memo.used);
    memo.hits = 0;
    memo.misses = 0;
    for (toks, w) in sents.iter().zip(&words) {
        let key = if memo.enabled {
            sentence_key(text, toks, w, &ctx)
        } else {
            Vec::new()
        };
        let known = if memo.enabled {
            previous
                .remove(&key)
                .or_else(|| memo.used.get(&key).cloned())
        } else {
            None
        };
        let tagged = match known {
            Some(tagged) => {
                memo.hits += 1;
                tagged
            }
            None => {
                memo.misses += 1;
                let feats = sentence_features(w, &ctx);
                let tags = MODEL.tag(w, &feats);
                let title = is_title_case(w);
                let names = split_at_gaps(text, toks, sentence_names(w, &tags, title, &ctx));
                Tagged { names, title }
            }
        };
        let title = tagged.title;
        for &(a, b, kind) in &tagged.names {
            let span = Span::new(toks[a].start, toks[b].end);
            // `t.co/SalupTprqP` and `#KarabakhWar` are not names (`#Shushi` is).
            let before = text.get(..span.start).and_then(|s| s.chars().next_back());
            let camel = a == b && span.text(text).chars().skip(1).any(char::is_uppercase);
            if before == Some('/')
                || (before == Some('#') && camel && w[a].chars().any(char::is_lowercase))
            {
                continue;
            }
            if title {
                headline.push(Found {
                    span,
                    kind,
                    user: false,
                });
            } else {
                found.push(Found {
                    span,
                    kind,
                    user: false,
                });
            }
        }
        if memo.enabled {
            memo.used.insert(key, tagged);
        }
    }
    propagate(text, &sents, &words, &ctx, &mut found);
    short_forms(text, &sents, &words, &mut found);
    // A headline in title case capitalises every word: keep only names the
    // body confirms or the gazetteer knows.
    let body: HashSet<&str> = found.iter().map(|f| f.span.text(text)).collect();
    let confirmed: Vec<Found> = headline
        .into_iter()
        .filter(|f| {
            let t = f.span.text(text);
            body.contains(t)
                || GAZETTEER.is_place(t)
                || GAZETTEER.is_org(t)
                || GAZETTEER.demonym(t).is_some()
        })
        .collect();
    found.extend(confirmed);
    found.sort_by_key(|f| f.span);
    found.dedup_by(|b, a| a.span.overlaps(b.span));
    apply_user_entities(text, blocks, config, &mut found);
    found
}

/// A word that can be part of a person's name the model did not see:
/// capitalised, the rest lower case, not a common word, role, organisation
/// head or demonym.
fn plain_name_word(t: &str) -> bool {
    let g = &*GAZETTEER;
    t.starts_with(char::is_uppercase)
        && t.chars().skip(1).all(char::is_lowercase)
        && t.chars().count() > 1
        && !g.is_common(t)
        && !g.is_org_head(t)
        && !g.is_role(t)
        && g.demonym(t).is_none()
}

/// The key a sentence is remembered under: its text from the first token
/// to the last (gaps included, since `split_at_gaps` reads them), each
/// token's offsets within it, and the document-level facts it reads.
fn sentence_key(text: &str, toks: &[Span], w: &[&str], ctx: &DocContext) -> Vec<u8> {
    let start = toks.first().map_or(0, |t| t.start);
    let end = toks.last().map_or(0, |t| t.end);
    let slice = text.get(start..end).unwrap_or("");
    let mut key = Vec::with_capacity(slice.len() + toks.len() * 9 + 1);
    key.extend_from_slice(slice.as_bytes());
    // 0xFF never occurs in UTF-8: the text part ends unambiguously.
    key.push(0xFF);
    for t in toks {
        let rel_start = u32::try_from(t.start - start).unwrap_or(u32::MAX);
        let rel_end = u32::try_from(t.end - start).unwrap_or(u32::MAX);
        key.extend_from_slice(&rel_start.to_le_bytes());
        key.extend_from_slice(&rel_end.to_le_bytes());
    }
    ctx.sentence_key(w, &mut key);
    key
}

/// Splits names where blanked markup or a line break separates two tokens
/// (`#KarabakhWar @BILD` is two things).
fn split_at_gaps(
    text: &str,
    toks: &[Span],
    names: Vec<(usize, usize, EntityType)>,
) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    for (a, b, kind) in names {
        let mut start = a;
        for k in a..b {
            let gap = text.get(toks[k].end..toks[k + 1].start).unwrap_or(" ");
            if gap.len() > 1 || gap.contains('\n') {
                out.push((start, k, kind));
                start = k + 1;
            }
        }
        out.push((start, b, kind));
    }
    out
}

/// Label consistency across one article: a word the model left out is a
/// name when the article names it elsewhere (`Aliyev` after `Ilham Aliyev`,
/// `Borell` after `Josep Borrell`, a second `Stepanakert`).
fn propagate(
    text: &str,
    sents: &[Vec<Span>],
    words: &[Vec<&str>],
    ctx: &DocContext,
    found: &mut Vec<Found>,
) {
    let mut single: FastMap<&str, EntityType> = FastMap::default();
    let mut surnames: Vec<&str> = Vec::new();
    for f in found.iter() {
        let t = f.span.text(text);
        if !t.contains(' ') {
            single.entry(t).or_insert(f.kind);
        } else if f.kind == EntityType::Person {
            surnames.extend(t.rsplit(' ').next().filter(|s| s.chars().count() >= 3));
        }
    }
    surnames.sort_unstable();
    surnames.dedup();
    // Overlap with a found name: spans by start, with the running maximum end.
    let mut by_start: Vec<Span> = found.iter().map(|f| f.span).collect();
    by_start.sort_unstable();
    let max_end: Vec<usize> = by_start
        .iter()
        .scan(0, |m, s| {
            *m = (*m).max(s.end);
            Some(*m)
        })
        .collect();
    let covered = |span: Span| {
        let n = by_start.partition_point(|s| s.start < span.end);
        n > 0 && max_end[n - 1] > span.start
    };
    let mut extra = Vec::new();
    let mut surname_of: FastMap<&str, Option<EntityType>> = FastMap::default();
    for (toks, w) in sents.iter().zip(words) {
        for (i, word) in w.iter().enumerate() {
            let span = toks[i];
            if !word.starts_with(char::is_uppercase) || covered(span) {
                continue;
            }
            let first = i == 0 || (i == 1 && !w[0].chars().any(char::is_alphanumeric));
            if first && (GAZETTEER.is_common(word) || ctx.seen_in_lower(word)) {
                continue;
            }
            let long = word.chars().count() >= 5;
            let kind = single.get(word).copied().or_else(|| {
                // Words repeat: compare each with the surnames once.
                *surname_of.entry(*word).or_insert_with(|| {
                    surnames
                        .iter()
                        .any(|s| {
                            *s == *word
                                || (long
                                    && s.len().abs_diff(word.len()) <= 4
                                    && super::coref::within_one_edit(s, word))
                        })
                        .then_some(EntityType::Person)
                })
            });
            if let Some(kind) = kind {
                extra.push(Found {
                    span,
                    kind,
                    user: false,
                });
            }
        }
    }
    found.extend(extra);
    found.sort_by_key(|f| f.span);
}

/// Short forms of a person or an organisation the article names in full:
/// a lone `Pashinyan` after `Nikol Pashinyan` is the person; a lone `Ford`
/// after `Ford Motor Company` is the company, not a person; `GM` after
/// `General Motors` is found even though two letters are too few for the
/// acronym rule.
fn short_forms(text: &str, sents: &[Vec<Span>], words: &[Vec<&str>], found: &mut Vec<Found>) {
    let g = &*GAZETTEER;
    let mut firsts: FastSet<&str> = FastSet::default();
    let mut initials: FastSet<String> = FastSet::default();
    // `Pashinyan` after `Nikol Pashinyan` is the person, even where the
    // model (say, at a sentence start) calls the lone word a place.
    let surnames: FastSet<&str> = found
        .iter()
        .filter(|f| f.kind == EntityType::Person)
        .filter_map(|f| {
            let t = f.span.text(text);
            t.contains(' ').then(|| t.rsplit(' ').next()).flatten()
        })
        .filter(|s| s.chars().count() >= 3 && !g.is_place(s) && !g.is_org(s))
        .collect();
    for f in found.iter_mut() {
        if !f.user && f.kind != EntityType::Person && surnames.contains(f.span.text(text)) {
            f.kind = EntityType::Person;
        }
    }
    for f in found.iter().filter(|f| f.kind == EntityType::Org) {
        let t = f.span.text(text);
        let mut parts = t.split(' ');
        let (Some(first), Some(_)) = (parts.next(), parts.next()) else {
            continue;
        };
        let plain = first.starts_with(char::is_uppercase)
            && !g.is_org_head(first)
            && !g.is_common(first)
            && !g.is_place(first)
            && g.demonym(first).is_none();
        if plain {
            firsts.insert(first);
        }
        let caps: String = t
            .split(' ')
            .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
            .collect();
        if caps.chars().count() >= 2 {
            initials.insert(caps);
        }
    }
    if firsts.is_empty() && initials.is_empty() {
        return;
    }
    for f in found.iter_mut() {
        if !f.user && f.kind != EntityType::Org && firsts.contains(f.span.text(text)) {
            f.kind = EntityType::Org;
        }
    }
    let taken = TakenSpans::new(found);
    let mut extra = Vec::new();
    for (toks, w) in sents.iter().zip(words) {
        for (span, word) in toks.iter().zip(w) {
            if word.len() >= 2
                && word.bytes().all(|b| b.is_ascii_uppercase())
                && initials.contains(*word)
                && !taken.overlaps(*span)
            {
                extra.push(Found {
                    span: *span,
                    kind: EntityType::Org,
                    user: false,
                });
            }
        }
    }
    if !extra.is_empty() {
        found.extend(extra);
        found.sort_by_key(|f| f.span);
    }
}

/// The spans of names already found, for overlap tests in O(log n) rather
/// than a scan of every name per token (quadratic on long articles).
struct TakenSpans {
    /// Spans sorted by start.
    spans: Vec<Span>,
    /// `max_end[k]`: the largest end among `spans[..=k]`.
    max_end: Vec<usize>,
}

impl TakenSpans {
    fn new(found: &[Found]) -> Self {
        let mut spans: Vec<Span> = found.iter().map(|f| f.span).collect();
        spans.sort_by_key(|s| s.start);
        let max_end = spans
            .iter()
            .scan(0, |m, s| {
                *m = s.end.max(*m);
                Some(*m)
            })
            .collect();
        TakenSpans { spans, max_end }
    }

    /// Whether any span overlaps `span` (as [`Span::overlaps`]): one starts
    /// before `span` ends and ends after `span` starts.
    fn overlaps(&self, span: Span) -> bool {
        let before_end = self.spans.partition_point(|s| s.start < span.end);
        before_end > 0 && self.max_end[before_end - 1] > span.start
    }
}

/// Token ranges `(first, last, type)` of the BIO tags.
fn spans_of(tags: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(kind) = tag_type(tags[i]) else {
            i += 1;
            continue;
        };
        let mut j = i;
        while tags
            .get(j + 1)
            .is_some_and(|&t| is_inside(t) && tag_type(t) == Some(kind))
        {
            j += 1;
        }
        out.push((i, j, kind));
        i = j + 1;
    }
    out
}

/// Cleans one model span: no titles before a person, no `The`, no trailing
/// connector or possessive; a lone demonym is a GROUP.
fn tidy(
    w: &[&str],
    mut a: usize,
    mut b: usize,
    mut kind: EntityType,
) -> Option<(usize, usize, EntityType)> {
    let g = &*GAZETTEER;
    // `In Frankfurt, ...`: a sentence's capitalised preposition or
    // conjunction is not part of the name after it; after one of place, a
    // lone known place is that place whatever type the model gave.
    let mut after_place_word = false;
    while a < b && is_capitalised_function_word(w[a]) {
        after_place_word |= is_place_preposition(w[a]) || w[a] == "At";
        a += 1;
    }
    if after_place_word && a == b && g.is_place(w[a]) {
        kind = EntityType::Place;
    }
    while a < b
        && (w[a] == "The"
            || g.is_connector(w[a])
            || (kind == EntityType::Person && g.is_title(w[a])))
    {
        a += 1;
    }
    // `in Asia Monday`: a weekday ends the name.
    if let Some(k) = (a + 1..=b).find(|&k| is_weekday(w[k])) {
        b = k - 1;
    }
    // `Committee on October 7`: a connector before a date word ends the name.
    if let Some(k) = (a + 1..b).find(|&k| g.is_connector(w[k]) && is_time_word(w[k + 1])) {
        b = k - 1;
    }
    while b > a && (g.is_connector(w[b]) || matches!(w[b], "-" | "&" | "'s" | "’s" | "." | "/")) {
        b -= 1;
    }
    if a == b {
        let word = w[a];
        if g.demonym(word).is_some() {
            kind = EntityType::Group;
        }
        // A lone title, connector or time zone (`0800 UTC`) is not a name.
        if g.is_role(word)
            || g.is_connector(word)
            || is_time_zone(word)
            || !word.chars().next().is_some_and(char::is_alphanumeric)
        {
            return None;
        }
    }
    Some((a, b, kind))
}

/// `in`, `from`, `near`, `outside` (any case): an unknown name after one is
/// a place.
fn is_place_preposition(w: &str) -> bool {
    ["in", "from", "near", "outside"]
        .iter()
        .any(|p| w.eq_ignore_ascii_case(p))
}

/// Prepositions and conjunctions capitalised at a sentence start.
fn is_capitalised_function_word(w: &str) -> bool {
    matches!(
        w,
        "In" | "At"
            | "On"
            | "From"
            | "For"
            | "By"
            | "With"
            | "After"
            | "Before"
            | "During"
            | "As"
            | "But"
            | "And"
            | "Of"
            | "To"
            | "Near"
            | "Outside"
            | "Under"
            | "Since"
            | "Until"
            | "When"
            | "While"
            | "If"
            | "Although"
            | "Unlike"
            | "Like"
            | "Despite"
            | "Amid"
            | "Across"
            | "Without"
            | "Inside"
    )
}

/// Token ranges `(first, last, type)` of the names of one sentence.
fn sentence_names(
    w: &[&str],
    tags: &[u8],
    title: bool,
    ctx: &DocContext,
) -> Vec<(usize, usize, EntityType)> {
    let g = &*GAZETTEER;
    let mut names: Vec<(usize, usize, EntityType)> = Vec::new();
    for (a, b, kind) in spans_of(tags) {
        for part in split_roles(w, a, b, kind) {
            for (a, b, kind) in split_lists(w, part) {
                if let Some(t) = tidy(w, a, b, kind) {
                    names.push(t);
                }
            }
        }
    }
    names.sort();
    // Hyphenated names the model cut (`Nagorno` `-` `Karabakh`).
    names = join_hyphens(w, names);
    // `Agnes von der Muhll`: particles between a first name and the surname.
    for (a, _, kind) in names.iter_mut() {
        if *kind != EntityType::Person {
            continue;
        }
        let mut k = *a;
        while k > 0 && is_particle(w[k - 1]) {
            k -= 1;
        }
        if k < *a && k > 0 && w[k - 1].starts_with(char::is_uppercase) && !g.is_role(w[k - 1]) {
            *a = k - 1;
        }
    }
    // `Western Australia`, `South Sudan`: a capitalised compass word right
    // before a place is part of its name.
    for (a, _, kind) in names.iter_mut() {
        if *kind == EntityType::Place && *a > 0 && is_compass(w[*a - 1]) {
            *a -= 1;
        }
    }
    names.sort();
    names.dedup_by(|b, a| {
        let overlap = b.0 <= a.1;
        if overlap {
            a.1 = a.1.max(b.1);
        }
        overlap
    });
    // Organisation names on a head word (`Armenian Defense Ministry`,
    // `Organization for Security and Cooperation in Europe`) win over pieces.
    if !title {
        for (a, b) in org_runs(w) {
            // `the Russian Foreign Ministry Mariya Zakharova`: what the
            // model ran on past the organisation's head is a name of its own.
            // Two or three uncommon capitalised words there, before a
            // lower-case word, are a person even where the model saw none.
            let plain = |k: usize| {
                w.get(k)
                    .is_some_and(|t| plain_name_word(t) && !g.is_place(t))
            };
            let run = (b + 1..w.len()).take_while(|&k| plain(k)).count();
            let after = w.get(b + 1 + run);
            let unnamed =
                (2..=3).contains(&run) && after.is_some_and(|t| !t.starts_with(char::is_uppercase));
            let rest = names
                .iter()
                .find(|&&(x, y, _)| x <= b && y > b)
                .map(|&(_, y, kind)| (b + 1, y, kind))
                .or_else(|| unnamed.then_some((b + 1, b + run, EntityType::Org)));
            names.retain(|&(x, y, _)| y < a || x > b);
            names.push((a, b, EntityType::Org));
            if let Some((x, y, kind)) = rest {
                let person = kind == EntityType::Org
                    && y > x
                    && (x..=y)
                        .all(|k| w[k].starts_with(char::is_uppercase) && !g.is_org_head(w[k]));
                if person {
                    names.push((x, y, EntityType::Person));
                } else if let Some(t) = tidy(w, x, y, kind) {
                    names.push(t);
                }
            }
        }
    }
    // `President Vladimir Putin`, `spokeswoman Shushan Stepanian`: capitalised
    // words right after a title are a person's name.
    for (a, b) in names_after_titles(w) {
        names.retain(|&(x, y, _)| y < a || x > b);
        names.push((a, b, EntityType::Person));
    }
    // `Vladimir Putin called ...`: two or three uncommon capitalised words
    // opening a sentence (where the model is most cautious) and followed by
    // a lower-case word are a person's name.
    if !title && names.iter().all(|n| n.0 > 0) {
        let plain = |k: usize| {
            w.get(k)
                .is_some_and(|t| plain_name_word(t) && !g.is_country(t) && !g.is_org(t))
        };
        let mut j = 0;
        while j < 3 && plain(j + 1) {
            j += 1;
        }
        if j >= 1
            && plain(0)
            && w.get(j + 1)
                .is_some_and(|t| t.starts_with(char::is_lowercase))
        {
            names.retain(|n| n.0 > j);
            names.push((0, j, EntityType::Person));
        }
    }
    // `the town of Shusha`, `the Tartar district`, `Stepanakert, the capital
    // of ...`: geographic head nouns make a lone name a place.
    let cues = place_cues(w);
    for &i in &cues {
        match names.iter_mut().find(|n| n.0 <= i && i <= n.1) {
            Some(n) if n.0 == n.1 && n.2 == EntityType::Person => n.2 = EntityType::Place,
            Some(_) => {}
            None => names.push((i, i, EntityType::Place)),
        }
    }
    // `— Paul Ronzheimer (@ronzheimer) October 8, 2020`: a tweet's author
    // (the `@` may have been blanked as markup).
    let signature = matches!(w.first(), Some(&"—") | Some(&"-") | Some(&"--"));
    if let Some(p) =
        (1..w.len()).find(|&p| w[p] == "(" && (w.get(p + 1) == Some(&"@") || (signature && p <= 4)))
    {
        let mut a = p;
        while a > 0 && w[a - 1].starts_with(char::is_uppercase) && p - a < 4 {
            a -= 1;
        }
        if a < p {
            names.retain(|&(x, y, _)| y < a || x >= p);
            names.push((a, p - 1, EntityType::Person));
        }
    }
    let covered = |names: &[(usize, usize, EntityType)], i: usize| {
        names.iter().any(|&(a, b, _)| a <= i && i <= b)
    };
    // Acronyms inside a sentence are organisations (`BILD`, `NATO`) unless
    // known otherwise; `in Shushi`: an unknown name after a preposition of
    // place is a place.
    for i in 1..w.len() {
        let word = w[i];
        if covered(&names, i) || title || !word.starts_with(char::is_uppercase) || g.is_common(word)
        {
            continue;
        }
        let letters = word.chars().count();
        if (3..=6).contains(&letters)
            && word.chars().all(|c| c.is_ascii_uppercase())
            && !g.is_role(word)
            && !g.is_place(word)
            && !NOT_ORG_ACRONYMS.contains(&word)
        {
            names.push((i, i, EntityType::Org));
        } else if is_place_preposition(w[i - 1])
            // `In Frankfurt, ...`: capitalised only at a sentence start.
            && (i == 1 || w[i - 1].starts_with(char::is_lowercase))
            && word.chars().skip(1).all(char::is_lowercase)
            && !is_time_word(word)
            && !g.is_org_head(word)
            && g.demonym(word).is_none()
            && !w
                .get(i + 1)
                .is_some_and(|n| n.starts_with(char::is_uppercase))
            && (!w
                .get(i + 1)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
                || w.get(i + 2).is_some_and(|u| {
                    u.starts_with("kilomet") || *u == "km" || u.starts_with("mile")
                }))
        {
            names.push((i, i, EntityType::Place));
        }
    }
    // Demonyms, known places and organisations the model left out.
    for (i, word) in w.iter().enumerate() {
        if covered(&names, i) || !word.starts_with(char::is_uppercase) {
            continue;
        }
        if g.demonym(word).is_some() {
            names.push((i, i, EntityType::Group));
        } else if g.is_country(word) {
            names.push((i, i, EntityType::Place));
        } else if g.is_org(word) {
            names.push((i, i, EntityType::Org));
        }
    }
    // `around Nagorno Karabakh`: a name inside a longer known place (and
    // crossing no other name) is that place.
    let places = place_matches(w);
    let mut i = 0;
    while i < w.len() {
        let Some(Some((true, len))) = places.get(i).copied() else {
            i += 1;
            continue;
        };
        let j = i + len - 1;
        let inside = |&(x, y, _): &(usize, usize, EntityType)| i <= x && y <= j;
        let crossing = names
            .iter()
            .any(|&(x, y, _)| x <= j && y >= i && !(i <= x && y <= j));
        if len > 1
            && !title
            && !crossing
            && names
                .iter()
                .any(|n| inside(n) && *n != (i, j, EntityType::Place))
        {
            names.retain(|n| !inside(n));
            names.push((i, j, EntityType::Place));
        }
        i = j + 1;
    }
    names.sort();
    // Known names keep their type; capitalised sentence starts that are
    // common words are not names.
    names.retain_mut(|(a, b, kind)| {
        let (a, b) = (*a, *b);
        let name = join(w, a, b);
        if g.is_org(&name) {
            *kind = EntityType::Org;
        } else if g.is_country(&name) {
            *kind = EntityType::Place;
        } else if a == b && g.demonym(&name).is_some() {
            *kind = EntityType::Group;
        } else if *kind == EntityType::Group && !(a..=b).any(|k| g.demonym(w[k]).is_some()) {
            // A group is named by a demonym (`Syrian`, `Armenians`).
            return false;
        } else if a == b && !cues.contains(&a) {
            let first = a == 0
                || (a == 1 && matches!(w[0], "\"" | "“" | "‘" | "'" | "(" | "-" | "--" | "—"));
            let lower = name.to_lowercase();
            let common = g.is_common(&name)
                || ctx.seen_in_lower(&name)
                || lower.ends_with("ly")
                || w.get(a + 1) == Some(&",");
            if name == "I" || (first && common && !g.is_place(&name)) {
                return false;
            }
        }
        true
    });
    names.sort();
    names.dedup_by(|b, a| b.0 <= a.1);
    join_ampersands(w, names)
}

/// `Standard & Poor's`, `Procter & Gamble`, `Johnson & Johnson`: names
/// joined by `&` (or a name, `&` and a capitalised word) are one organisation.
fn join_ampersands(
    w: &[&str],
    names: Vec<(usize, usize, EntityType)>,
) -> Vec<(usize, usize, EntityType)> {
    let cap = |k: usize| w.get(k).is_some_and(|t| t.starts_with(char::is_uppercase));
    let mut out: Vec<(usize, usize, EntityType)> = Vec::with_capacity(names.len());
    for n in names {
        if let Some(last) = out.last_mut() {
            if n.0 == last.1 + 2 && w.get(last.1 + 1) == Some(&"&") {
                *last = (last.0, n.1, EntityType::Org);
                continue;
            }
        }
        out.push(n);
    }
    for k in 0..out.len() {
        let (a, b, _) = out[k];
        let next_start = out.get(k + 1).map_or(usize::MAX, |n| n.0);
        if w.get(b + 1) == Some(&"&") && cap(b + 2) && b + 2 < next_start {
            let mut end = b + 2;
            while cap(end + 1) && end + 1 < next_start {
                end += 1;
            }
            out[k] = (a, end, EntityType::Org);
        }
    }
    out
}

/// Time-zone abbreviations (`at 0800 UTC`, `9 a.m. EST`): never names.
fn is_time_zone(w: &str) -> bool {
    matches!(
        w,
        "UTC"
            | "GMT"
            | "EST"
            | "EDT"
            | "CST"
            | "CDT"
            | "MST"
            | "MDT"
            | "PST"
            | "PDT"
            | "CET"
            | "CEST"
            | "BST"
            | "MSK"
            | "JST"
            | "IST"
            | "AEST"
            | "AEDT"
    )
}

/// Days of the week: never part of a name (`Asia Monday`).
fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    )
}

/// Token ranges of names written right after a title word.
fn names_after_titles(w: &[&str]) -> Vec<(usize, usize)> {
    let g = &*GAZETTEER;
    let name_word = |k: usize| {
        w.get(k).is_some_and(|t| {
            t.starts_with(char::is_uppercase)
                && t.chars().any(char::is_lowercase)
                && !g.is_org_head(t)
                && !g.is_title(t)
                && !is_time_word(t)
                && g.demonym(t).is_none()
        })
    };
    let mut out = Vec::new();
    // `Chief Justice John Roberts`, `Chief Executive Tim Cook`: a word that is
    // only a modifier on its own (`Justice Minister`) heads the title after
    // one that is a head.
    let title_head = |k: usize| {
        g.is_title(w[k])
            && (is_role_head(&w[k].to_lowercase())
                || k.checked_sub(1)
                    .is_some_and(|p| g.is_title(w[p]) && is_role_head(&w[p].to_lowercase())))
    };
    for i in 0..w.len() {
        if !(title_head(i) && name_word(i + 1)) {
            continue;
        }
        if g.is_country(w[i + 1]) || g.is_org(w[i + 1]) {
            continue;
        }
        let mut j = i + 1;
        while j - i < 7 {
            // Particles and hyphens may sit between the words.
            let mut k = j + 1;
            while w.get(k).is_some_and(|t| *t == "-" || is_particle(t)) && k - j < 3 {
                k += 1;
            }
            if name_word(k) {
                j = k;
            } else {
                break;
            }
        }
        out.push((i + 1, j));
    }
    out
}

/// Capitalised abbreviations that are not organisations.
const NOT_ORG_ACRONYMS: &[&str] = &[
    "GDP", "CEO", "CFO", "TV", "PM", "AM", "COVID", "OK", "ID", "USD", "EUR", "RUB", "DNA", "HIV",
    "AIDS", "FAQ", "PDF", "URL", "GMT", "UTC", "BREAKING", "UPDATE", "NEW", "WATCH", "LIVE",
    "VIDEO", "PHOTO", "READ", "MORE",
];

/// Lower-case geographic head nouns (`the town of X`, `the X district`).
fn is_place_noun(w: &str) -> bool {
    matches!(
        w,
        "capital"
            | "city"
            | "cities"
            | "town"
            | "towns"
            | "village"
            | "villages"
            | "region"
            | "regions"
            | "province"
            | "provinces"
            | "district"
            | "districts"
            | "county"
            | "oblast"
            | "enclave"
            | "suburb"
            | "outskirts"
            | "settlement"
            | "port"
            | "island"
    )
}

/// Tokens made places by a geographic head noun next to them.
fn place_cues(w: &[&str]) -> Vec<usize> {
    let cap = |i: usize| {
        w.get(i).is_some_and(|t| {
            t.starts_with(char::is_uppercase) && t.chars().all(char::is_alphabetic)
        })
    };
    let mut out = Vec::new();
    for i in 0..w.len() {
        if !cap(i) || GAZETTEER.is_common(w[i]) && i == 0 {
            continue;
        }
        let of_before = i >= 2 && w[i - 1] == "of" && is_place_noun(w[i - 2]);
        let noun_after = i >= 1
            && matches!(w[i - 1], "the" | "," | "and")
            && w.get(i + 1).is_some_and(|n| is_place_noun(n));
        let apposition = w.get(i + 1) == Some(&",")
            && w.get(i + 2) == Some(&"the")
            && (i + 3..(i + 6).min(w.len()))
                .any(|k| is_place_noun(w[k]) && w.get(k + 1) == Some(&"of"));
        if of_before || noun_after || apposition {
            out.push(i);
            // `cities of Ganja, Mingachevir, Khizi`: the list shares the noun.
            if of_before {
                let mut k = i + 1;
                while matches!(w.get(k), Some(&",") | Some(&"and")) && cap(k + 1) {
                    out.push(k + 1);
                    k += 2;
                }
            }
        }
    }
    out
}

/// Lower-case particles inside people's names.
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "von"
            | "van"
            | "der"
            | "den"
            | "de"
            | "del"
            | "della"
            | "di"
            | "da"
            | "du"
            | "la"
            | "le"
            | "al"
            | "bin"
            | "ibn"
            | "el"
            | "dos"
            | "zu"
    )
}

/// Joins tokens `a..=b` as they would be written (no space around `-`).
fn join(w: &[&str], a: usize, b: usize) -> String {
    let mut out = String::new();
    for k in a..=b.min(w.len().saturating_sub(1)) {
        if k > a
            && w[k] != "-"
            && w[k - 1] != "-"
            && !w[k].starts_with('\'')
            && !w[k].starts_with('’')
        {
            out.push(' ');
        }
        out.push_str(w[k]);
    }
    out
}

/// Splits `Russian President Vladimir Putin` (one model span) into the
/// demonym or place before the title and the person after it.
fn split_roles(
    w: &[&str],
    a: usize,
    b: usize,
    kind: EntityType,
) -> Vec<(usize, usize, EntityType)> {
    let g = &*GAZETTEER;
    let role_at = (a..b)
        .rev()
        .find(|&r| g.is_role(w[r]) && is_role_head(&w[r].to_lowercase()));
    let Some(r) = role_at else {
        return vec![(a, b, kind)];
    };
    // `General Motors`, `General Electric`: a title word opening a name the
    // model calls an organisation or place is part of that name.
    if (kind != EntityType::Person && r == a) || (r + 1..=b).any(|k| g.is_org_head(w[k])) {
        return vec![(a, b, kind)];
    }
    let mut out = Vec::new();
    for (k, word) in w.iter().enumerate().take(r).skip(a) {
        if g.demonym(word).is_some() {
            out.push((k, k, EntityType::Group));
        } else if g.is_country(word) || g.is_place(word) {
            out.push((k, k, EntityType::Place));
        } else if g.is_org(word) {
            out.push((k, k, EntityType::Org));
        }
    }
    out.push((r + 1, b, EntityType::Person));
    out
}

/// Splits `Azerbaijan and Armenia`, `Putin and Macron` (names the model ran
/// together) at `and` and commas; organisations keep theirs.
fn split_lists(
    w: &[&str],
    (a, b, kind): (usize, usize, EntityType),
) -> Vec<(usize, usize, EntityType)> {
    if kind == EntityType::Org || !(a..=b).any(|k| matches!(w[k], "and" | ",")) {
        return vec![(a, b, kind)];
    }
    let mut out = Vec::new();
    let mut start = a;
    for k in a..=b + 1 {
        if k > b || matches!(w[k], "and" | ",") {
            if k > start {
                let part_kind = if k - 1 == start && GAZETTEER.demonym(w[start]).is_some() {
                    EntityType::Group
                } else {
                    kind
                };
                out.push((start, k - 1, part_kind));
            }
            start = k + 1;
        }
    }
    out
}

/// Merges names joined by a hyphen with no space (`Jean-Yves Le Drian`,
/// `Nagorno-Karabakh`), unless both sides are known places
/// (`Armenia-Azerbaijan talks`).
fn join_hyphens(
    w: &[&str],
    names: Vec<(usize, usize, EntityType)>,
) -> Vec<(usize, usize, EntityType)> {
    let g = &*GAZETTEER;
    let cap = |i: usize| w.get(i).is_some_and(|t| t.starts_with(char::is_uppercase));
    let places = |x: usize, y: usize| g.is_place(w[x]) && g.is_place(w[y]);
    let mut out: Vec<(usize, usize, EntityType)> = Vec::new();
    for (mut a, mut b, kind) in names {
        while a >= 2
            && w[a - 1] == "-"
            && cap(a - 2)
            && !places(a - 2, a)
            && out.last().is_none_or(|l| l.1 < a - 2)
        {
            a -= 2;
        }
        while w.get(b + 1) == Some(&"-") && cap(b + 2) && !places(b, b + 2) {
            b += 2;
        }
        if let Some(last) = out.last_mut() {
            if last.1 >= a {
                last.1 = last.1.max(b);
                continue;
            }
        }
        out.push((a, b, kind));
    }
    out
}

/// Capitalised compass words that open place names (`North Carolina`).
fn is_compass(w: &str) -> bool {
    matches!(
        w,
        "North"
            | "South"
            | "East"
            | "West"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Central"
    )
}

/// Runs of capitalised words that end on an organisation head (`Minsk
/// Group`, `Armenian Defense Ministry`) or start on one followed by `of` or
/// `for` (`Bank of America`, `Organization for Security and Cooperation in
/// Europe`).
fn org_runs(w: &[&str]) -> Vec<(usize, usize)> {
    let g = &*GAZETTEER;
    let cap = |i: usize| {
        w.get(i).is_some_and(|t| {
            t.starts_with(char::is_uppercase) && t.chars().any(char::is_alphabetic)
        })
    };
    let role_head = |i: usize| g.is_role(w[i]) && is_role_head(&w[i].to_lowercase());
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        // A title opens no organisation name, unless a head word follows it
        // at once (`General Motors`, `General Assembly`).
        let titled_head = role_head(i) && w.get(i + 1).is_some_and(|t| g.is_org_head(t));
        if !cap(i) || w[i] == "The" || (role_head(i) && !titled_head) {
            i += 1;
            continue;
        }
        let start = i;
        let head_first = g.is_org_head(w[i]);
        let mut seen_of = false;
        let mut j = i;
        loop {
            let next = j + 1;
            // `Bank of America`, `U.S. Department of Labor`: `of` after a
            // head word; `Security and Cooperation in Europe` after that,
            // but `Bank of America Corp. and JPMorgan` is two names.
            let head = g.is_org_head(w[j]);
            if cap(next) && !role_head(next) {
                j = next;
            } else if cap(next + 1)
                && ((matches!(w.get(next), Some(&"of") | Some(&"for")) && (head_first || head))
                    || (seen_of
                        && !head
                        && matches!(
                            w.get(next),
                            Some(&"and") | Some(&"in") | Some(&"on") | Some(&"the")
                        )))
            {
                seen_of = true;
                j = next + 1;
            } else {
                break;
            }
        }
        let mut a = start;
        // A common word opening the sentence is not part of the name.
        if a == 0 && a < j && g.is_common(w[a]) && !g.is_org_head(w[a]) && g.demonym(w[a]).is_none()
        {
            a += 1;
        }
        if !(g.is_org_head(w[j]) || seen_of) {
            // `the Russian Foreign Ministry Mariya Zakharova`: the name ends
            // on its last head word.
            if let Some(h) = (a + 1..j).rev().find(|&h| g.is_org_head(w[h])) {
                out.push((a, h));
                i = h + 1;
                continue;
            }
        }
        if j > a && (g.is_org_head(w[j]) || seen_of) {
            out.push((a, j));
        }
        i = j + 1;
    }
    out
}

/// Months and weekdays: never inside a name after a connector.
pub fn is_time_word(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
    )
}

/// Dateline places, the byline's author or agency, the outlet and credited
/// agencies, from the article header. They replace overlapping model names.
pub fn add_header(article: &Article, found: &mut Vec<Found>) {
    let mut extra = Vec::new();
    for f in &article.dateline {
        extra.push(Found {
            span: f.span,
            kind: EntityType::Place,
            user: false,
        });
    }
    let text = article.clean.as_str();
    if let Some(byline) = &article.byline {
        for part in split_names(text, byline.span) {
            let name = part.text(text);
            let kind =
                if GAZETTEER.is_agency(name) || name.split(' ').any(|w| GAZETTEER.is_org_head(w)) {
                    EntityType::Org
                } else {
                    EntityType::Person
                };
            extra.push(Found {
                span: part,
                kind,
                user: false,
            });
        }
    }
    for f in article.outlet.iter().chain(&article.credits) {
        for part in split_names(text, f.span) {
            extra.push(Found {
                span: part,
                kind: EntityType::Org,
                user: false,
            });
        }
    }
    extra.retain(|e| !e.span.is_empty() && text.get(e.span.range()).is_some());
    let header = TakenSpans::new(&extra);
    found.retain(|f| f.user || !header.overlaps(f.span));
    // Each header name joins unless it overlaps a name kept or one added
    // before it (binary search in the first, few of the second).
    let kept = TakenSpans::new(found);
    let mut added: Vec<Found> = Vec::new();
    for e in extra {
        if !kept.overlaps(e.span) && !added.iter().any(|f| f.span.overlaps(e.span)) {
            added.push(e);
        }
    }
    found.extend(added);
    found.sort_by_key(|f| f.span);
}

/// Splits `A, B and C` inside `span` into name spans (trimmed).
fn split_names(text: &str, span: Span) -> Vec<Span> {
    let Some(s) = text.get(span.range()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = 0;
    let push = |from: usize, to: usize, out: &mut Vec<Span>| {
        let part = &s[from..to];
        let lead = part.len() - part.trim_start().len();
        let trimmed = part.trim();
        let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed).trim_end();
        if trimmed.chars().next().is_some_and(char::is_alphanumeric) {
            let a = span.start + from + lead;
            out.push(Span::new(a, a + trimmed.len()));
        }
    };
    let mut i = 0;
    while let Some(rest) = s.get(i..).filter(|r| !r.is_empty()) {
        if rest.starts_with(',') {
            push(start, i, &mut out);
            start = i + 1;
        } else if rest.starts_with(" and ") {
            push(start, i, &mut out);
            start = i + 5;
            i += 4;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    if start <= s.len() {
        push(start, s.len(), &mut out);
    }
    out
}

/// Every whole-word occurrence of a declared name or alias becomes a
/// mention of that type, replacing whatever the model found there.
fn apply_user_entities(text: &str, blocks: &[Span], config: &Config, found: &mut Vec<Found>) {
    let mut user = Vec::new();
    for entry in &config.entities {
        for name in std::iter::once(&entry.name).chain(&entry.aliases) {
            if name.trim().is_empty() {
                continue;
            }
            for block in blocks {
                let Some(slice) = text.get(block.range()) else {
                    continue;
                };
                for (at, _) in slice.match_indices(name.as_str()) {
                    let span = Span::new(block.start + at, block.start + at + name.len());
                    if is_whole_word(text, span) {
                        user.push(Found {
                            span,
                            kind: entry.kind,
                            user: true,
                        });
                    }
                }
            }
        }
    }
    // Longest declared name first where two overlap.
    user.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    user.dedup_by(|b, a| a.span.overlaps(b.span));
    found.retain(|f| !user.iter().any(|u| u.span.overlaps(f.span)));
    found.extend(user);
    found.sort_by_key(|f| f.span);
}

fn is_whole_word(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).and_then(|s| s.chars().next_back());
    let after = text.get(span.end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ampersands_join_and_weekdays_end_names() {
        let w = ["Standard", "&", "Poor", "'s", "said", "."];
        assert_eq!(
            join_ampersands(
                &w,
                vec![(0, 0, EntityType::Person), (2, 2, EntityType::Person)]
            ),
            [(0, 2, EntityType::Org)]
        );
        assert_eq!(
            join_ampersands(&w, vec![(0, 0, EntityType::Person)]),
            [(0, 2, EntityType::Org)]
        );
        let w = ["in", "Asia", "Monday", "."];
        assert_eq!(
            tidy(&w, 1, 2, EntityType::Place),
            Some((1, 1, EntityType::Place))
        );
        assert_eq!(tidy(&["at", "0800", "UTC"], 2, 2, EntityType::Place), None);
        let w = ["In", "Frankfurt", ",", "Lagarde", "spoke"];
        assert_eq!(
            tidy(&w, 0, 1, EntityType::Org),
            Some((1, 1, EntityType::Place))
        );
        let w = ["In", "Congress", ",", "lawmakers", "voted"];
        assert_eq!(
            tidy(&w, 0, 1, EntityType::Org),
            Some((1, 1, EntityType::Org))
        );
    }
    use crate::engine::config::EntityEntry;

    #[test]
    fn compass_words_open_place_names() {
        use crate::engine::entities::model::{begin, O};
        let w = ["in", "Western", "Zorbland", "."];
        let tags = [O, O, begin(EntityType::Place), O];
        let names = sentence_names(&w, &tags, false, &DocContext::new([&w[..]]));
        assert_eq!(names, [(1, 2, EntityType::Place)]);
    }

    #[test]
    fn a_title_right_before_a_head_word_opens_an_organisation() {
        let w = ["sales", "at", "General", "Motors", "fell", "."];
        assert_eq!(org_runs(&w), [(2, 3)]);
        // A title before a person's name still opens none.
        let w = ["said", "General", "Zorbu", "Quell", "."];
        assert!(org_runs(&w).is_empty());
    }

    #[test]
    fn organisation_runs_take_of_after_a_head_and_stop_at_and_after_one() {
        let w = ["the", "U.S.", "Department", "of", "Labor", "said", "."];
        assert_eq!(org_runs(&w), [(1, 4)]);
        let w = [
            "Bank", "of", "America", "Corp.", "and", "JPMorgan", "Chase", "rose",
        ];
        assert_eq!(org_runs(&w)[0], (0, 3));
        let w = [
            "the",
            "Organization",
            "for",
            "Security",
            "and",
            "Cooperation",
            "in",
            "Europe",
            "met",
        ];
        assert_eq!(org_runs(&w), [(1, 7)]);
    }

    #[test]
    fn a_modifier_title_after_a_head_title_opens_a_name() {
        let w = ["Chief", "Justice", "John", "Roberts", "joined", "."];
        assert_eq!(names_after_titles(&w), [(2, 3)]);
        let w = ["Chief", "Executive", "Tim", "Cook", "said"];
        assert_eq!(names_after_titles(&w), [(2, 3)]);
        // A modifier alone is not a title: `Justice Ministry`, `Finance Minister`.
        let w = ["the", "Justice", "Ministry", "Spokesman", "said"];
        assert!(names_after_titles(&w).is_empty());
        let w = ["swimmer", "Caeleb", "Dressel", "won"];
        assert_eq!(names_after_titles(&w), [(1, 2)]);
    }

    #[test]
    fn a_title_word_opening_an_organisation_stays() {
        let w = ["General", "Motors", "said"];
        assert_eq!(
            split_roles(&w, 0, 1, EntityType::Org),
            [(0, 1, EntityType::Org)]
        );
        let w = ["President", "Vladimir", "Putin"];
        assert_eq!(
            split_roles(&w, 0, 2, EntityType::Person),
            [(1, 2, EntityType::Person)]
        );
    }

    #[test]
    fn a_name_past_an_organisation_head_is_kept() {
        let w = [
            "spokesperson",
            "for",
            "the",
            "Russian",
            "Foreign",
            "Ministry",
            "Mariya",
            "Zakharova",
            "said",
        ];
        let ctx = DocContext::new([&w[..]]);
        for tags in [[0, 0, 0, 3, 4, 4, 4, 4, 0], [0, 0, 0, 3, 4, 4, 0, 0, 0]] {
            let names = sentence_names(&w, &tags, false, &ctx);
            assert!(names.contains(&(3, 5, EntityType::Org)), "{names:?}");
            assert!(names.contains(&(6, 7, EntityType::Person)), "{names:?}");
        }
    }

    #[test]
    fn a_name_inside_a_known_place_is_the_place() {
        let w = ["around", "Nagorno", "Karabakh", "was", "quiet"];
        let ctx = DocContext::new([&w[..]]);
        let names = sentence_names(&w, &[0, 0, 5, 0, 0], false, &ctx);
        assert_eq!(names, [(1, 2, EntityType::Place)]);
    }

    #[test]
    fn a_lone_surname_is_the_person() {
        let text = "Nikol Pashinyan spoke. Pashinyan left.";
        let sents = sentences(text, Span::new(0, text.len()));
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.iter().map(|t| t.text(text)).collect())
            .collect();
        let mut names = vec![
            Found {
                span: Span::new(0, 15),
                kind: EntityType::Person,
                user: false,
            },
            Found {
                span: Span::new(23, 32),
                kind: EntityType::Place,
                user: false,
            },
        ];
        short_forms(text, &sents, &words, &mut names);
        assert_eq!(names[1].span.text(text), "Pashinyan");
        assert_eq!(names[1].kind, EntityType::Person);
    }

    #[test]
    fn short_forms_of_organisations() {
        let text = "Ford Motor Company and General Motors cut jobs. Ford and GM said so.";
        let sents = sentences(text, Span::new(0, text.len()));
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.iter().map(|t| t.text(text)).collect())
            .collect();
        let at = |s: &str, nth: usize| {
            let start = text.match_indices(s).nth(nth).map_or(0, |(i, _)| i);
            Span::new(start, start + s.len())
        };
        let found = |span, kind| Found {
            span,
            kind,
            user: false,
        };
        let mut names = vec![
            found(at("Ford Motor Company", 0), EntityType::Org),
            found(at("General Motors", 0), EntityType::Org),
            found(at("Ford", 1), EntityType::Person),
        ];
        short_forms(text, &sents, &words, &mut names);
        let got: Vec<(&str, EntityType)> =
            names.iter().map(|f| (f.span.text(text), f.kind)).collect();
        assert_eq!(
            got,
            [
                ("Ford Motor Company", EntityType::Org),
                ("General Motors", EntityType::Org),
                ("Ford", EntityType::Org),
                ("GM", EntityType::Org)
            ]
        );
    }

    #[test]
    fn bio_spans() {
        assert_eq!(
            spans_of(&[0, 1, 2, 0, 5, 3, 4, 4]),
            [
                (1, 2, EntityType::Person),
                (4, 4, EntityType::Place),
                (5, 7, EntityType::Org)
            ]
        );
    }

    #[test]
    fn tidy_drops_titles_and_possessives() {
        let w = ["President", "Emmanuel", "Macron", "'s"];
        assert_eq!(
            tidy(&w, 0, 3, EntityType::Person),
            Some((1, 2, EntityType::Person))
        );
        assert_eq!(
            tidy(&["Armenians"], 0, 0, EntityType::Person),
            Some((0, 0, EntityType::Group))
        );
        assert_eq!(tidy(&["Minister"], 0, 0, EntityType::Person), None);
    }

    #[test]
    fn byline_parts() {
        let t = "By AFP, dpa and Reuters.";
        let parts: Vec<&str> = split_names(t, Span::new(3, t.len()))
            .into_iter()
            .map(|s| s.text(t))
            .collect();
        assert_eq!(parts, ["AFP", "dpa", "Reuters"]);
    }

    #[test]
    fn user_entities_win() {
        let text = "The Zorblax Institute met Qq in Zorb.";
        let config = Config {
            entities: vec![EntityEntry {
                name: "Zorblax Institute".into(),
                kind: EntityType::Org,
                aliases: vec!["Zorb".into()],
            }],
            ..Config::default()
        };
        let found = find(text, &[Span::new(0, text.len())], &config);
        let user: Vec<&str> = found
            .iter()
            .filter(|f| f.user)
            .map(|f| f.span.text(text))
            .collect();
        assert_eq!(user, ["Zorblax Institute", "Zorb"]);
        assert!(found.iter().all(|f| !f.user || f.kind == EntityType::Org));
    }
}
