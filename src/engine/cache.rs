//! Incremental re-analysis: the results of the paragraph-local stages
//! (segmentation, time tagging), remembered per paragraph text so an edit
//! re-runs them only for the paragraphs it touched.
//!
//! The cache is a plain value the caller owns and passes to
//! [`analyze_cached`](super::analysis::analyze_cached) (the server keeps one
//! per open document); there is no global state. A hit returns exactly what
//! the stage would compute, because the key holds everything the stage reads:
//! segmentation reads only the paragraph's clean text; time tagging reads the
//! text, the paragraph's anchor, the `TagState` carried in from the previous
//! paragraphs and the time configuration (a changed configuration empties the
//! cache). Results are stored relative to the paragraph start and shifted on
//! reuse.
//!
//! Article-level stages (parsing, which decides what a paragraph is, and the
//! article findings) always run; they are linear and cheap next to the
//! per-paragraph work.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::article::Article;
use super::config::Config;
use super::config::TimeConfig;
use super::entities::{self, names::SentenceMemo, Entities};
use super::span::Span;
use super::text::{segment, segment_paragraph, Segmentation, Sentence, Token};
use super::time::{self, TagState, Timex};

/// Per-paragraph results of earlier analyses of one document.
#[derive(Debug, Default)]
pub struct AnalysisCache {
    enabled: bool,
    time_config: Option<TimeConfig>,
    /// Entries used by the last analysis, by paragraph clean text.
    entries: HashMap<String, Entry>,
    /// The recogniser's tagging, by sentence.
    sentences: SentenceMemo,
    stats: CacheStats,
}

/// How many paragraphs the last analysis reused and recomputed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    pub segment_hits: usize,
    pub segment_misses: usize,
    pub time_hits: usize,
    pub time_misses: usize,
    pub sentence_hits: usize,
    pub sentence_misses: usize,
}

/// What is known about one paragraph text (offsets relative to its start).
#[derive(Debug, Default, Clone)]
struct Entry {
    segmentation: Option<Segmentation>,
    /// Time tagging results by (anchor, state in): (timexes, state out).
    times: Vec<TimeResult>,
}

#[derive(Debug, Clone)]
struct TimeResult {
    anchor: Option<NaiveDate>,
    state_in: TagState,
    timexes: Vec<Timex>,
    state_out: TagState,
}

impl AnalysisCache {
    /// An empty cache that remembers paragraphs.
    pub fn remembering() -> Self {
        AnalysisCache {
            enabled: true,
            sentences: SentenceMemo::remembering(),
            ..AnalysisCache::default()
        }
    }

    /// A cache that remembers nothing: every stage runs in full (one-shot
    /// analyses, such as the CLI and workspace indexing).
    pub fn disabled() -> Self {
        AnalysisCache::default()
    }

    /// Hits and misses of the last analysis.
    pub fn stats(&self) -> CacheStats {
        self.stats
    }

    /// Number of paragraph texts remembered.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `text::segment`, reusing unchanged paragraphs. Forgets paragraphs
    /// the article no longer has.
    pub fn segment(&mut self, article: &Article) -> Segmentation {
        if !self.enabled {
            return segment(article);
        }
        self.stats = CacheStats::default();
        let mut old = std::mem::take(&mut self.entries);
        let mut out = Segmentation::default();
        for (index, paragraph) in article.paragraphs.iter().enumerate() {
            let Some(text) = article.clean.get(paragraph.span.range()) else {
                segment_paragraph(&article.clean, index, paragraph.span, &mut out);
                continue;
            };
            let entry = carried_entry(&mut self.entries, &mut old, text);
            match &entry.segmentation {
                Some(local) => {
                    self.stats.segment_hits += 1;
                    append_shifted(&mut out, local, index, paragraph.span.start);
                }
                None => {
                    self.stats.segment_misses += 1;
                    let first_token = out.tokens.len();
                    let first_sentence = out.sentences.len();
                    segment_paragraph(&article.clean, index, paragraph.span, &mut out);
                    entry.segmentation = Some(relative(
                        &out,
                        first_token,
                        first_sentence,
                        paragraph.span.start,
                    ));
                }
            }
        }
        out
    }

    /// `entities::recognise`, reusing the tagging of unchanged sentences.
    pub fn recognise(&mut self, article: &Article, config: &Config) -> Entities {
        if !self.enabled {
            return entities::recognise_remembering(article, config, &mut SentenceMemo::default());
        }
        let found = entities::recognise_remembering(article, config, &mut self.sentences);
        (self.stats.sentence_hits, self.stats.sentence_misses) = self.sentences.stats();
        found
    }

    /// `time::tag`, reusing paragraphs whose text, anchor and incoming
    /// state are unchanged.
    pub fn tag_times(
        &mut self,
        article: &Article,
        segmentation: &Segmentation,
        config: &TimeConfig,
    ) -> Vec<Timex> {
        if !self.enabled {
            return time::tag(article, segmentation, config);
        }
        if self.time_config.as_ref() != Some(config) {
            for entry in self.entries.values_mut() {
                entry.times.clear();
            }
            self.time_config = Some(config.clone());
        }
        let publication = article.publication_date.as_ref().map(|p| p.date);
        let mut state = TagState::default();
        let mut out = Vec::new();
        for paragraph in article.body_paragraphs() {
            let Some(text) = article.clean.get(paragraph.span.range()) else {
                continue;
            };
            let anchor = paragraph.anchor.or(publication);
            let base = paragraph.span.start;
            if !self.entries.contains_key(text) {
                self.entries.insert(text.to_string(), Entry::default());
            }
            let Some(entry) = self.entries.get_mut(text) else {
                continue;
            };
            let known = entry
                .times
                .iter()
                .find(|r| r.anchor == anchor && r.state_in == state);
            match known {
                Some(r) => {
                    self.stats.time_hits += 1;
                    out.extend(r.timexes.iter().map(|t| shifted_timex(t, base, true)));
                    state = r.state_out.clone();
                }
                None => {
                    self.stats.time_misses += 1;
                    let state_in = state.clone();
                    let found = time::tag_paragraph(text, base, anchor, config, &mut state);
                    entry.times.push(TimeResult {
                        anchor,
                        state_in,
                        timexes: found
                            .iter()
                            .map(|t| shifted_timex(t, base, false))
                            .collect(),
                        state_out: state.clone(),
                    });
                    out.extend(found);
                }
            }
        }
        out
    }
}

/// The entry for `text`: already carried over by this analysis, else taken
/// from the previous one, else new.
fn carried_entry<'a>(
    entries: &'a mut HashMap<String, Entry>,
    old: &mut HashMap<String, Entry>,
    text: &str,
) -> &'a mut Entry {
    if !entries.contains_key(text) {
        let entry = old.remove(text).unwrap_or_default();
        entries.insert(text.to_string(), entry);
    }
    entries
        .get_mut(text)
        .expect("the entry was inserted just above when missing")
}

/// The tokens and sentences appended since `first_*`, relative to `base`.
fn relative(
    out: &Segmentation,
    first_token: usize,
    first_sentence: usize,
    base: usize,
) -> Segmentation {
    let tokens = out.tokens.get(first_token..).unwrap_or(&[]);
    let sentences = out.sentences.get(first_sentence..).unwrap_or(&[]);
    Segmentation {
        tokens: tokens
            .iter()
            .map(|t| Token {
                span: shift_back(t.span, base),
                kind: t.kind,
            })
            .collect(),
        sentences: sentences
            .iter()
            .map(|s| Sentence {
                span: shift_back(s.span, base),
                paragraph: 0,
                tokens: sub(&s.tokens, first_token),
            })
            .collect(),
    }
}

/// Appends a cached paragraph segmentation as paragraph `index` at `base`.
fn append_shifted(out: &mut Segmentation, local: &Segmentation, index: usize, base: usize) {
    let first_token = out.tokens.len();
    out.tokens.extend(local.tokens.iter().map(|t| Token {
        span: shift(t.span, base),
        kind: t.kind,
    }));
    out.sentences
        .extend(local.sentences.iter().map(|s| Sentence {
            span: shift(s.span, base),
            paragraph: index,
            tokens: s.tokens.start + first_token..s.tokens.end + first_token,
        }));
}

fn shifted_timex(t: &Timex, base: usize, forward: bool) -> Timex {
    let mut t = t.clone();
    t.span = if forward {
        shift(t.span, base)
    } else {
        shift_back(t.span, base)
    };
    t
}

fn shift(span: Span, base: usize) -> Span {
    Span::new(
        span.start.saturating_add(base),
        span.end.saturating_add(base),
    )
}

fn shift_back(span: Span, base: usize) -> Span {
    Span::new(
        span.start.saturating_sub(base),
        span.end.saturating_sub(base),
    )
}

fn sub(range: &Range<usize>, first: usize) -> Range<usize> {
    range.start.saturating_sub(first)..range.end.saturating_sub(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::analysis::{analyze, analyze_cached, AnalysisOptions};

    const STORY: &str = " date 2020-10-13 YEREVAN -- Talks opened on Friday, officials said.\n\n\
        The fighting began on September 27 and went on for two weeks.\n\n\
        In 1994 a cease-fire ended the war. In late September, the U.S. said it would help.\n\n\
        Mr. Lavrov met them on Saturday at 8:00. They met again the next day.\n";

    /// Every edit of the story, analysed through one cache in sequence,
    /// gives exactly the analysis computed from scratch.
    #[test]
    fn cached_analysis_equals_a_fresh_one_through_edits() {
        let options = AnalysisOptions::default();
        let mut cache = AnalysisCache::remembering();
        let mut text = STORY.to_string();
        let edits: [(&str, &str); 7] = [
            ("two weeks", "three weeks"),
            ("In 1994", "In 1894"),
            ("on Saturday", "on Sunday, October 11,"),
            ("\n\nMr. Lavrov", "\n\nNew paragraph in 1990.\n\nMr. Lavrov"),
            ("Talks opened", "Talks  opened"),
            ("the next day", "the next day. Then on Monday"),
            // Makes `Talks` (first paragraph, not edited) a word also seen
            // in lower case: the recogniser must not reuse its old tagging.
            ("Then on Monday", "The talks resumed. Then on Monday"),
        ];
        assert_eq!(
            analyze_cached(&text, &options, &mut cache),
            analyze(&text, &options)
        );
        let first = cache.stats();
        assert!(
            first.segment_misses > 0 && first.segment_hits == 0,
            "{first:?}"
        );
        for (from, to) in edits {
            text = text.replacen(from, to, 1);
            let cached = analyze_cached(&text, &options, &mut cache);
            assert_eq!(cached, analyze(&text, &options), "after {from:?} -> {to:?}");
            let stats = cache.stats();
            assert!(stats.segment_hits > 0, "{from:?}: {stats:?}");
            assert!(stats.segment_misses <= 2, "{from:?}: {stats:?}");
            assert!(stats.sentence_hits > 0, "{from:?}: {stats:?}");
            assert!(stats.sentence_misses <= 4, "{from:?}: {stats:?}");
        }
        // An unchanged text is all hits.
        analyze_cached(&text, &options, &mut cache);
        assert_eq!(cache.stats().segment_misses, 0);
        assert_eq!(cache.stats().time_misses, 0);
        assert_eq!(cache.stats().sentence_misses, 0);
    }

    /// A sentence the edit did not touch is tagged again when a fact of the
    /// rest of the document it reads changes (here: its capitalised word
    /// now also appears in lower case elsewhere).
    #[test]
    fn sentences_are_retagged_when_document_facts_change() {
        let options = AnalysisOptions::default();
        let mut cache = AnalysisCache::remembering();
        let mut text = String::from(
            " date 2020-10-13 X -- \n\nMarkets fell on Friday, traders said. Brent Crude rose in London.\n\nOil held steady in Paris.\n",
        );
        analyze_cached(&text, &options, &mut cache);
        text.push_str("\nThe crude trade was calm.\n");
        let cached = analyze_cached(&text, &options, &mut cache);
        assert_eq!(cached, analyze(&text, &options));
        let stats = cache.stats();
        // The new sentence, and the one whose word it now shows in lower case.
        assert_eq!(stats.sentence_misses, 2, "{stats:?}");
        assert_eq!(stats.sentence_hits, 2, "{stats:?}");
    }

    #[test]
    fn a_new_configuration_is_not_served_stale_results() {
        let mut options = AnalysisOptions::default();
        let mut cache = AnalysisCache::remembering();
        let text = " date 2020-10-13 X -- It happened on 03/04/2020.\n";
        analyze_cached(text, &options, &mut cache);
        options.config.time.numeric_dates = crate::engine::config::NumericDateOrder::MonthFirst;
        assert_eq!(
            analyze_cached(text, &options, &mut cache),
            analyze(text, &options)
        );
    }

    proptest::proptest! {
        /// Random edits (anywhere, including paragraph breaks and the
        /// header) never make the cache disagree with a fresh analysis.
        #[test]
        fn random_edits_agree_with_fresh_analysis(
            edits in proptest::collection::vec((0usize..400, 0usize..4, "[a-zA-Z0-9 .,\n]{0,6}"), 1..12)
        ) {
            let options = AnalysisOptions::default();
            let mut cache = AnalysisCache::remembering();
            let mut text = STORY.to_string();
            analyze_cached(&text, &options, &mut cache);
            for (at, delete, insert) in edits {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) { at -= 1; }
                let mut end = (at + delete).min(text.len());
                while !text.is_char_boundary(end) { end -= 1; }
                text.replace_range(at..end, &insert);
                proptest::prop_assert_eq!(
                    analyze_cached(&text, &options, &mut cache),
                    analyze(&text, &options)
                );
            }
        }
    }

    #[test]
    fn a_disabled_cache_remembers_nothing() {
        let mut cache = AnalysisCache::disabled();
        analyze_cached(STORY, &AnalysisOptions::default(), &mut cache);
        assert!(cache.is_empty());
    }
}
