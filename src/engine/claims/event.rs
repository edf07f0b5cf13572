//! Dated events (a trigger word with a time expression in one sentence) and
//! attributed statements (`X said`, quotes).

use super::lexicon;
use super::words::{Word, WordKind};
use super::{Claim, ClaimKind, Event, SentenceView, Statement};
use crate::engine::entities::EntityType;
use crate::engine::span::Span;

/// Trigger words → event class.
const TRIGGERS: &[(&str, &str)] = &[
    ("began", "start"),
    ("begun", "start"),
    ("begins", "start"),
    ("started", "start"),
    ("starts", "start"),
    ("erupted", "start"),
    ("erupts", "start"),
    ("broke", "start"),
    ("outbreak", "start"),
    ("flared", "start"),
    ("launched", "start"),
    ("launches", "start"),
    ("met", "meet"),
    ("meet", "meet"),
    ("meets", "meet"),
    ("hosted", "meet"),
    ("hosts", "meet"),
    ("greeted", "meet"),
    ("talks", "meet"),
    ("meeting", "meet"),
    ("visited", "visit"),
    ("visit", "visit"),
    ("visits", "visit"),
    ("agreed", "agree"),
    ("signed", "agree"),
    ("reached", "agree"),
    ("brokered", "agree"),
    ("attacked", "attack"),
    ("shelled", "attack"),
    ("bombed", "attack"),
    ("invaded", "attack"),
    ("violated", "violate"),
    ("violating", "violate"),
    ("announced", "announce"),
    ("died", "die"),
    ("resigned", "resign"),
    ("elected", "elect"),
];

/// Object nouns → normalised object.
const OBJECTS: &[(&str, &str)] = &[
    ("fighting", "fighting"),
    ("clashes", "fighting"),
    ("hostilities", "fighting"),
    ("escalation", "fighting"),
    ("violence", "fighting"),
    ("war", "war"),
    ("offensive", "attack"),
    ("counter-offensive", "attack"),
    ("attack", "attack"),
    ("attacks", "attack"),
    ("strikes", "attack"),
    ("shelling", "attack"),
    ("ceasefire", "ceasefire"),
    ("cease-fire", "ceasefire"),
    ("truce", "ceasefire"),
    ("armistice", "ceasefire"),
    ("agreement", "agreement"),
    ("deal", "agreement"),
    ("accord", "agreement"),
    ("talks", "talks"),
    ("negotiations", "talks"),
    ("meeting", "talks"),
    ("summit", "talks"),
];

/// Words before a trigger that make it a plan or expectation.
const MODAL: &[&str] = &[
    "would",
    "will",
    "to",
    "expected",
    "expects",
    "plans",
    "planned",
    "plan",
    "scheduled",
    "could",
    "may",
    "might",
    "intends",
    "intend",
    "hope",
    "hopes",
    "set",
    "should",
    "proposed",
    "proposes",
    "ready",
];

const NEGATION: &[&str] = &[
    "not", "no", "never", "n't", "didn't", "won't", "hasn't", "haven't", "without",
];

/// Every event and statement of one sentence.
pub(super) fn extract(view: &SentenceView) -> Vec<Claim> {
    let mut out = Vec::new();
    let words = &view.words;
    let attributed = is_attributed(words);
    let dispute = dispute(words);
    let mut used = Vec::new();
    for t in &view.times {
        if t.value.starts_with('P') || t.value.starts_with("XXXX") || t.value.len() < 4 {
            continue; // durations, sets and unanchored values date nothing
        }
        let Some(k) = nearest_trigger(words, t.span) else {
            continue;
        };
        if used.contains(&k) {
            continue;
        }
        used.push(k);
        let (class, trigger) = trigger_at(words, k);
        let mut class = class;
        let object = object_near(words, k);
        if class == "start" && object == Some("attack") {
            class = "attack";
        }
        let (participants, participant_entities, place) = participants(view);
        let before = &words[k.saturating_sub(4)..k];
        let modal = before.iter().any(|w| MODAL.contains(&w.lower.as_str()));
        let negated = before
            .iter()
            .any(|w| NEGATION.contains(&w.lower.as_str()) || w.lower.ends_with("n't"));
        let agent_side = agent_side(view, k);
        let (disputed, class, dispute_span) = match dispute {
            Some((blamed, span)) => (true, blamed.unwrap_or(class), Some(span)),
            None => (false, class, None),
        };
        let assertion_end = object_after(words, k).map_or(trigger.end, |i| words[i].span.end);
        let assertion = Span::new(view.span.start, assertion_end.max(view.span.start));
        out.push(Claim {
            span: Span::new(trigger.start.min(t.span.start), trigger.end.max(t.span.end)),
            key: format!("event/{class}/{}", object.unwrap_or("-")),
            sentence: view.span,
            kind: ClaimKind::Event(Event {
                trigger,
                class,
                object,
                participants,
                participant_entities,
                agent_side,
                place,
                when: t.span,
                value: t.value.clone(),
                day: t.day,
                modal,
                negated,
                attributed,
                disputed,
                dispute: dispute_span,
                assertion,
            }),
        });
    }
    out.extend(statement(view));
    out
}

/// True when the sentence reports someone's word.
fn is_attributed(words: &[Word]) -> bool {
    words
        .iter()
        .any(|w| lexicon::SAY_VERBS.contains(&w.lower.as_str()))
}

/// `both sides blaming the other (for X)`, `accused each other of X`:
/// `Some((class of X, span of the blame words))` when the sentence reports
/// mutual blame.
fn dispute(words: &[Word]) -> Option<(Option<&'static str>, Span)> {
    let lows: Vec<&str> = words.iter().map(|w| w.lower.as_str()).collect();
    let blame = lows.iter().position(|w| {
        w.starts_with("blam") || w.starts_with("accus") || w.starts_with("trade") || *w == "traded"
    })?;
    let mutual = lows.windows(2).position(|p| {
        matches!(
            p,
            ["both", "sides"]
                | ["each", "other"]
                | ["the", "other"]
                | ["one", "another"]
                | ["both", "parties"]
        )
    });
    let mutual = match mutual {
        Some(m) => m,
        None => lows.iter().position(|w| *w == "mutual")?,
    };
    if mutual.abs_diff(blame) > 4 {
        return None;
    }
    let mut to = (mutual + 1).max(blame);
    if matches!(
        lows.get(blame + 1..blame + 3),
        Some(["the", "other"] | ["each", "other"] | ["one", "another"])
    ) {
        to = blame + 2;
    }
    let (from, to) = (mutual.min(blame), to.min(words.len() - 1));
    let span = Span::new(words[from].span.start, words[to].span.end);
    let after = &lows[blame + 1..];
    let class = after.iter().take(8).find_map(|w| match *w {
        "outbreak" | "starting" | "started" | "start" | "escalation" | "provoking" | "provoked" => {
            Some("start")
        }
        "attacking" | "attack" | "attacks" | "shelling" | "targeting" | "striking" => {
            Some("attack")
        }
        "violating" | "violation" | "violations" | "breaking" | "breaches" => Some("violate"),
        _ => None,
    });
    Some((class, span))
}

/// The object noun after trigger `k` (within 6 words, same clause).
fn object_after(words: &[Word], k: usize) -> Option<usize> {
    (k + 1..(k + 7).min(words.len()))
        .take_while(|&i| words[i].kind != WordKind::Punct)
        .find(|&i| lexicon::lookup(OBJECTS, &words[i].lower).is_some())
}

/// The trigger word closest to the time expression.
fn nearest_trigger(words: &[Word], when: Span) -> Option<usize> {
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.kind == WordKind::Alpha && !when.overlaps(w.span))
        .filter(|(k, w)| {
            lexicon::lookup(TRIGGERS, &w.lower).is_some()
                && (w.lower != "broke" || words.get(k + 1).is_some_and(|n| n.lower == "out"))
        })
        .min_by_key(|(_, w)| {
            if w.span.end <= when.start {
                when.start - w.span.end
            } else {
                w.span.start.saturating_sub(when.end)
            }
        })
        .map(|(k, _)| k)
}

fn trigger_at(words: &[Word], k: usize) -> (&'static str, Span) {
    let w = &words[k];
    let class = lexicon::lookup(TRIGGERS, &w.lower).unwrap_or("start");
    let end = if w.lower == "broke" {
        words.get(k + 1).map_or(w.span.end, |n| n.span.end)
    } else {
        w.span.end
    };
    (class, Span::new(w.span.start, end))
}

/// The object noun nearest the trigger (within 6 words either side).
fn object_near(words: &[Word], k: usize) -> Option<&'static str> {
    let from = k.saturating_sub(6);
    let to = (k + 7).min(words.len());
    (from..to)
        .filter_map(|i| lexicon::lookup(OBJECTS, &words[i].lower).map(|o| (i.abs_diff(k), o)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

/// Entities named in the sentence: people, organisations and groups take
/// part; the first place after `in`/`at` is where.
fn participants(view: &SentenceView) -> (Vec<String>, Vec<usize>, Option<String>) {
    let mut names = Vec::new();
    let mut ids = Vec::new();
    let mut place = None;
    for m in view.mentions.iter().copied() {
        let text = view
            .text
            .get(m.span.start - view.span.start..m.span.end - view.span.start)
            .unwrap_or("");
        if m.kind == EntityType::Place {
            let before = view.words.iter().rev().find(|w| w.span.end <= m.span.start);
            if place.is_none() && before.is_some_and(|w| matches!(w.lower.as_str(), "in" | "at")) {
                place = Some(text.to_string());
            }
            continue;
        }
        if !ids.contains(&m.entity) {
            ids.push(m.entity);
            names.push(text.to_string());
        }
    }
    (names, ids, place)
}

/// Triggers whose subject did the deed (`X launched`, `X attacked`).
const AGENTIVE: &[&str] = &[
    "launched",
    "launches",
    "started",
    "starts",
    "attacked",
    "shelled",
    "bombed",
    "invaded",
    "violated",
    "violating",
    "provoked",
];

/// The side of the grammatical subject of an agentive trigger: the one
/// side named before it (`Armenian Armed Forces launched`), by an entity
/// mention or a demonym. None when two sides are named (`fighting between
/// Azerbaijani and Armenian forces began`).
fn agent_side(view: &SentenceView, k: usize) -> Option<String> {
    let words = &view.words;
    if !AGENTIVE.contains(&words[k].lower.as_str()) {
        return None;
    }
    let subject = &words[..k];
    if subject
        .iter()
        .any(|w| matches!(w.lower.as_str(), "," | "between" | "both" | "each"))
    {
        return None;
    }
    let end = subject.last().map_or(view.span.start, |w| w.span.end);
    let text_at = |span: Span| {
        view.text
            .get(span.start - view.span.start..span.end - view.span.start)
    };
    // Mentions from the sentence start to `end` (inside the sentence).
    let mut sides: Vec<String> = view
        .mentions
        .iter()
        .copied()
        .filter(|m| {
            view.span.start <= m.span.start && m.span.end <= end && m.kind != EntityType::Person
        })
        .filter_map(|m| text_at(m.span))
        .map(|t| lexicon::side_key(t.split_whitespace().next().unwrap_or(t)))
        .collect();
    sides.extend(
        subject
            .iter()
            .filter(|w| w.capital && w.kind == WordKind::Alpha && is_demonym(&w.lower))
            .filter_map(|w| text_at(w.span))
            .map(lexicon::side_key),
    );
    sides.sort();
    sides.dedup();
    (sides.len() == 1).then(|| sides.remove(0))
}

/// `armenian`, `azerbaijani`, `chinese`, `turkish`: a people's adjective.
fn is_demonym(lower: &str) -> bool {
    lower.len() > 4
        && ["ian", "ani", "ese", "ish", "eli", "stani", "ean"]
            .iter()
            .any(|s| lower.ends_with(s))
}

/// `"...", Zakharova said.` / `X said (that) ...`: who said what.
fn statement(view: &SentenceView) -> Option<Claim> {
    let words = &view.words;
    let verb = words.iter().position(|w| {
        matches!(
            w.lower.as_str(),
            "said" | "says" | "told" | "added" | "noted" | "wrote" | "stated"
        )
    })?;
    let quote = quoted(view);
    let speaker = speaker_before(view, verb).or_else(|| speaker_after(view, verb));
    let span = quote.unwrap_or(view.span);
    Some(Claim {
        span,
        key: format!(
            "statement/{}",
            speaker
                .as_deref()
                .map(str::to_lowercase)
                .unwrap_or_else(|| "-".to_string())
        ),
        sentence: view.span,
        kind: ClaimKind::Statement(Statement {
            speaker,
            quote,
            verb: words[verb].lower.clone(),
        }),
    })
}

fn quoted(view: &SentenceView) -> Option<Span> {
    let open = view.text.find(['"', '“'])?;
    let rest = view.text.get(open + 1..)?;
    let close = rest
        .find(['"', '”'])
        .map_or(view.text.len(), |c| open + 1 + c);
    let close = close.min(view.text.len());
    (close > open + 1).then(|| Span::new(view.span.start + open + 1, view.span.start + close))
}

fn speaker_before(view: &SentenceView, verb: usize) -> Option<String> {
    let words = &view.words;
    let mut from = verb;
    while from > 0 && words[from - 1].kind != WordKind::Punct && verb - from < 5 {
        from -= 1;
    }
    let to = verb;
    if from == to {
        return None;
    }
    let phrase = text_between(view, words[from].span.start, words[to - 1].span.end)?;
    phrase
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || phrase.starts_with("the "))
        .then_some(phrase)
}

fn speaker_after(view: &SentenceView, verb: usize) -> Option<String> {
    let words = &view.words;
    let from = verb + 1;
    let to = words[from.min(words.len())..]
        .iter()
        .position(|w| w.kind == WordKind::Punct)
        .map_or(words.len(), |p| from + p)
        .min(from + 5);
    if to <= from {
        return None;
    }
    text_between(view, words[from].span.start, words[to - 1].span.end)
}

fn text_between(view: &SentenceView, start: usize, end: usize) -> Option<String> {
    let base = view.span.start;
    let s = view
        .text
        .get(start.checked_sub(base)?..end.checked_sub(base)?)?
        .trim();
    (!s.is_empty()).then(|| s.to_string())
}
