//! A reproducible generator of large, realistic article sets for benchmarks.
//!
//! Paragraphs come from the repository's seed articles (always) and from the
//! MEANTIME Wikinews texts (only when a MEANTIME folder is given and exists;
//! nothing from it is shipped). Each generated article gets a header in one of
//! the shapes the seeds use, a shuffled selection of paragraphs, renamed
//! people and places (a "story" of about ten articles shares one cast, so the
//! cross-article rules have something to match), explicit dates shifted by a
//! whole number of weeks (weekdays stay right), and planted contradictions:
//! casualty figures that differ between articles of a story, spelling
//! variants of the cast's names, and weekday/date mismatches.
//!
//! Shared by `examples/gen_corpus.rs` (writes files) and the benchmarks
//! (build the texts in memory), through `#[path]`.

#![allow(dead_code)]

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};

/// A small, fast, reproducible PRNG (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// One source paragraph and the date its relative expressions hang on.
#[derive(Debug, Clone)]
pub struct SourceParagraph {
    pub text: String,
    pub anchor: NaiveDate,
    pub words: usize,
}

/// The paragraph pool the articles are drawn from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub paragraphs: Vec<SourceParagraph>,
    /// How many came from MEANTIME.
    pub from_meantime: usize,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub articles: usize,
    /// Words of body text per article (approximate: whole paragraphs).
    pub words: usize,
    pub seed: u64,
}

/// One generated article.
#[derive(Debug, Clone)]
pub struct GeneratedArticle {
    /// A file name (`story-0003/article-00031.txt`).
    pub name: String,
    pub text: String,
}

/// The seed articles' publication date (all five report on October 2020).
const SEED_ANCHOR: (i32, u32, u32) = (2020, 10, 9);

/// Names in the source texts that get replaced by a story's cast.
const PEOPLE: [&str; 12] = [
    "Vladimir Putin",
    "Nikol Pashinian",
    "Nikol Pashinyan",
    "Ilham Aliyev",
    "Sergey Lavrov",
    "Mike Pompeo",
    "Emmanuel Macron",
    "Recep Tayyip Erdogan",
    "Steve Jobs",
    "Tim Cook",
    "Rick Wagoner",
    "Tom Enders",
];
const SURNAMES_IN_SOURCE: [&str; 11] = [
    "Putin",
    "Pashinian",
    "Pashinyan",
    "Aliyev",
    "Lavrov",
    "Pompeo",
    "Macron",
    "Erdogan",
    "Jobs",
    "Wagoner",
    "Enders",
];
const PLACES_IN_SOURCE: [&str; 6] = [
    "Stepanakert",
    "Ganja",
    "Tartar",
    "Yerevan",
    "Baku",
    "Shusha",
];

const FIRST_NAMES: [&str; 24] = [
    "Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Gulnara", "Hakob", "Irina", "Jonas",
    "Karin", "Levon", "Marta", "Nadir", "Olga", "Pavel", "Rustam", "Sofia", "Tigran", "Ulla",
    "Viktor", "Warda", "Yusuf", "Zara",
];
const LAST_NAMES: [&str; 24] = [
    "Abramian",
    "Bagirov",
    "Chalikian",
    "Demirel",
    "Esmailov",
    "Fedorov",
    "Gasparian",
    "Huseinov",
    "Ivanian",
    "Jafarov",
    "Karapetian",
    "Lazarev",
    "Mamedov",
    "Nazarian",
    "Orlov",
    "Petrosian",
    "Quliyev",
    "Rustamov",
    "Sarkisian",
    "Tumanian",
    "Usubov",
    "Vartanian",
    "Zakharov",
    "Yeghian",
];
const CITIES: [&str; 16] = [
    "Martuni",
    "Hadrut",
    "Fizuli",
    "Jabrayil",
    "Goris",
    "Kapan",
    "Sisian",
    "Barda",
    "Mingachevir",
    "Agdam",
    "Lachin",
    "Kalbajar",
    "Vardenis",
    "Ijevan",
    "Gyumri",
    "Sheki",
];
const ROLES: [&str; 6] = [
    "Defense Minister",
    "Foreign Minister",
    "President",
    "Prime Minister",
    "military spokesman",
    "regional governor",
];
const FURNITURE: [&str; 6] = [
    "Share",
    "Advertisement",
    "Read more:",
    "Follow us on Twitter",
    "Sign up for our newsletter",
    "RELATED STORIES",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTH_ABBREVS: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl Sources {
    /// The seed articles of the repository (`seeds/*.txt` under `manifest`),
    /// plus MEANTIME texts when `meantime` is a readable folder.
    pub fn load(manifest: &Path, meantime: Option<&Path>) -> Sources {
        let mut sources = Sources::default();
        let seed_anchor = NaiveDate::from_ymd_opt(SEED_ANCHOR.0, SEED_ANCHOR.1, SEED_ANCHOR.2)
            .expect("valid constant date");
        let mut seed_files: Vec<_> = std::fs::read_dir(manifest.join("seeds"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        seed_files.sort();
        for path in seed_files {
            if let Ok(text) = std::fs::read_to_string(&path) {
                sources.add_seed(&text, seed_anchor);
            }
        }
        if let Some(dir) = meantime.filter(|d| d.is_dir()) {
            let mut files = Vec::new();
            collect_xml(dir, &mut files);
            files.sort();
            for file in files {
                if let Ok(xml) = std::fs::read_to_string(&file) {
                    sources.from_meantime += sources.add_meantime(&xml);
                }
            }
        }
        sources
    }

    /// Body paragraphs of a seed: blank-line separated blocks of at least
    /// twelve words (headers, bylines and furniture are shorter).
    fn add_seed(&mut self, text: &str, anchor: NaiveDate) {
        for block in text.split("\n\n") {
            let block = block.trim();
            let block = match block.strip_prefix("date ") {
                // ` date 2020-10-13 YEREVAN/BAKU -- text`: keep the text.
                Some(rest) => rest.split_once(" -- ").map_or(block, |(_, t)| t),
                None => block,
            };
            let words = block.split_whitespace().count();
            if words >= 12 && !block.contains('\n') {
                self.paragraphs.push(SourceParagraph {
                    text: block.to_string(),
                    anchor,
                    words,
                });
            }
        }
    }

    /// MEANTIME: tokens joined back into text, sentence 0 (title) and 1
    /// (date line) dropped, three sentences per paragraph. Returns how many
    /// paragraphs it added.
    fn add_meantime(&mut self, xml: &str) -> usize {
        let Ok(doc) = roxmltree::Document::parse(xml) else {
            return 0;
        };
        let anchor = doc
            .descendants()
            .find(|n| {
                n.has_tag_name("TIMEX3")
                    && n.attribute("functionInDocument") == Some("CREATION_TIME")
            })
            .and_then(|n| n.attribute("value"))
            .and_then(|v| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok());
        let Some(anchor) = anchor else { return 0 };
        let mut sentences: Vec<Vec<&str>> = Vec::new();
        for token in doc.descendants().filter(|n| n.has_tag_name("token")) {
            let Some(s) = token
                .attribute("sentence")
                .and_then(|s| s.parse::<usize>().ok())
            else {
                continue;
            };
            if sentences.len() <= s {
                sentences.resize(s + 1, Vec::new());
            }
            sentences[s].push(token.text().unwrap_or(""));
        }
        let body: Vec<String> = sentences.iter().skip(2).map(|t| detokenize(t)).collect();
        let before = self.paragraphs.len();
        for chunk in body.chunks(3) {
            let text = chunk.join(" ");
            let words = text.split_whitespace().count();
            if words >= 12 {
                self.paragraphs.push(SourceParagraph {
                    text,
                    anchor,
                    words,
                });
            }
        }
        self.paragraphs.len() - before
    }

    /// Total bytes of the pool.
    pub fn bytes(&self) -> usize {
        self.paragraphs.iter().map(|p| p.text.len()).sum()
    }
}

fn collect_xml(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_xml(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}

/// Joins tokens with spaces, except around punctuation and contractions;
/// PTB quotes become curly quotes.
fn detokenize(tokens: &[&str]) -> String {
    let mut out = String::new();
    let mut glue_next = false;
    for t in tokens {
        let t = match *t {
            "``" => "\u{201c}",
            "''" => "\u{201d}",
            other => other,
        };
        let no_space_before = matches!(
            t,
            "," | "." | ";" | ":" | ")" | "%" | "?" | "!" | "\u{201d}"
        ) || (t.starts_with('\'') && t.len() <= 3)
            || t == "n't";
        if !out.is_empty() && !no_space_before && !glue_next {
            out.push(' ');
        }
        out.push_str(t);
        glue_next = matches!(t, "(" | "$" | "\u{201c}");
    }
    out
}

/// A story: articles about one event sharing a cast and a true figure.
pub struct Story {
    people: Vec<(String, String)>,
    places: Vec<String>,
    /// Publication date of the story's first article.
    start: NaiveDate,
    killed: u32,
    city: String,
}

impl Story {
    pub fn new(rng: &mut Rng, index: usize) -> Story {
        let mut people = Vec::new();
        for _ in 0..PEOPLE.len() {
            people.push((
                rng.pick(&FIRST_NAMES).to_string(),
                rng.pick(&LAST_NAMES).to_string(),
            ));
        }
        let places = (0..PLACES_IN_SOURCE.len())
            .map(|_| rng.pick(&CITIES).to_string())
            .collect();
        let base = NaiveDate::from_ymd_opt(2015, 1, 5).expect("valid constant date");
        let start = base + Duration::weeks((index % 400) as i64 * 2 + rng.below(8) as i64);
        Story {
            people,
            places,
            start,
            killed: 10 + rng.below(300) as u32,
            city: rng.pick(&CITIES).to_string(),
        }
    }
}

/// Generates `options.articles` articles from `sources`.
pub fn generate(sources: &Sources, options: &Options) -> Vec<GeneratedArticle> {
    let mut rng = Rng::new(options.seed);
    let mut out = Vec::with_capacity(options.articles);
    let mut story = Story::new(&mut rng, 0);
    for i in 0..options.articles {
        if i % 10 == 0 && i > 0 {
            story = Story::new(&mut rng, i / 10);
        }
        let text = article(sources, &story, options.words, &mut rng);
        out.push(GeneratedArticle {
            name: format!("story-{:04}/article-{i:05}.txt", i / 10),
            text,
        });
    }
    out
}

/// One article of `story` with about `words` words of body.
pub fn article(sources: &Sources, story: &Story, words: usize, rng: &mut Rng) -> String {
    let pub_date = story.start + Duration::days(rng.below(10) as i64);
    let (lead_first, lead_last) = &story.people[rng.below(4)];
    let title = format!(
        "{} says {} dead in {} as fighting spreads",
        lead_last, story.killed, story.city
    );
    let mut text = String::new();
    let dateline = rng.pick(&CITIES).to_uppercase();
    if rng.chance(50) {
        text.push_str(&format!(" date {pub_date} {dateline} -- "));
    } else {
        text.push_str(&format!(
            "{title}\nBy {} {}\n{}\n\nShare\n\n{dateline} — ",
            rng.pick(&FIRST_NAMES),
            rng.pick(&LAST_NAMES),
            pub_date.format("%B %-d, %Y")
        ));
    }
    let mut body_words = 0;
    let mut first = true;
    // Planted contradictions go at random places in the body.
    let plant_figure = rng.below(6);
    let plant_weekday = if rng.chance(30) {
        rng.below(12)
    } else {
        usize::MAX
    };
    let mut n = 0;
    while body_words < words.max(1) {
        let paragraph = if n == plant_figure {
            figure_claim(story, rng, pub_date, lead_first, lead_last)
        } else if n == plant_weekday {
            weekday_mismatch(rng, pub_date)
        } else if rng.chance(3) {
            rng.pick(&FURNITURE).to_string()
        } else {
            let Some(source) = sources.paragraphs.get(rng.below(sources.paragraphs.len())) else {
                break;
            };
            rewrite(source, story, pub_date, rng)
        };
        body_words += paragraph.split_whitespace().count();
        if !first {
            text.push_str("\n\n");
        }
        first = false;
        text.push_str(&paragraph);
        n += 1;
    }
    text.push('\n');
    text
}

/// A casualty figure that differs between the articles of a story, with a
/// spelling variant of the speaker's name now and then.
fn figure_claim(
    story: &Story,
    rng: &mut Rng,
    pub_date: NaiveDate,
    first: &str,
    last: &str,
) -> String {
    let killed = if rng.chance(40) {
        story.killed + 1 + rng.below(40) as u32
    } else {
        story.killed
    };
    let speaker = if rng.chance(25) {
        variant(last)
    } else {
        last.to_string()
    };
    let day = pub_date - Duration::days(1 + rng.below(3) as i64);
    format!(
        "At least {killed} civilians were killed in {} on {}, {} {first} {speaker} told reporters on {}. \
         {speaker} said the shelling had continued for {} days.",
        story.city,
        day.format("%B %-d"),
        rng.pick(&ROLES),
        WEEKDAYS[pub_date.weekday().num_days_from_monday() as usize],
        2 + rng.below(12),
    )
}

/// A weekday that is not the day of the date next to it.
fn weekday_mismatch(rng: &mut Rng, pub_date: NaiveDate) -> String {
    let day = pub_date - Duration::days(1 + rng.below(5) as i64);
    let wrong = (day.weekday().num_days_from_monday() as usize + 1 + rng.below(6)) % 7;
    format!(
        "The talks opened on {}, {}, officials said, and were expected to last a week.",
        WEEKDAYS[wrong],
        day.format("%B %-d")
    )
}

/// Transliteration-style variant of a surname (`ian` ↔ `yan`, `ov` ↔ `ev`).
fn variant(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ian") {
        format!("{stem}yan")
    } else if let Some(stem) = name.strip_suffix("ov") {
        format!("{stem}ev")
    } else {
        format!("{name}h")
    }
}

/// A source paragraph with the story's cast and dates shifted to `pub_date`.
fn rewrite(source: &SourceParagraph, story: &Story, pub_date: NaiveDate, rng: &mut Rng) -> String {
    let mut text = source.text.clone();
    for (i, full) in PEOPLE.iter().enumerate() {
        if text.contains(full) {
            let (f, l) = &story.people[i];
            text = text.replace(full, &format!("{f} {l}"));
        }
    }
    for (i, last) in SURNAMES_IN_SOURCE.iter().enumerate() {
        if text.contains(last) {
            let (_, l) = &story.people[i.min(story.people.len() - 1)];
            text = replace_word(&text, last, l);
        }
    }
    for (i, place) in PLACES_IN_SOURCE.iter().enumerate() {
        if text.contains(place) {
            text = replace_word(&text, place, &story.places[i]);
        }
    }
    // Whole weeks, so a weekday next to a date stays right.
    let weeks = (pub_date - source.anchor).num_days().div_euclid(7);
    let shifted = shift_dates(&text, source.anchor, Duration::weeks(weeks));
    if rng.chance(2) {
        // A paragraph repeated nearly verbatim happens in wire copy.
        return format!("{shifted} {shifted}");
    }
    shifted
}

/// Replaces `from` where it stands as a whole word.
fn replace_word(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let before_ok = rest[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = rest[i + from.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        out.push_str(&rest[..i]);
        out.push_str(if before_ok && after_ok { to } else { from });
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

/// Moves every `Month D[, YYYY]` (full or abbreviated month) by `delta`.
fn shift_dates(text: &str, anchor: NaiveDate, delta: Duration) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let at_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if at_word {
            if let Some((month, abbrev, after)) = month_at(text, i) {
                if let Some((day, year, end)) = day_year_at(text, after) {
                    let year = year.unwrap_or(anchor.year());
                    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                        let moved = date + delta;
                        let name = if abbrev {
                            MONTH_ABBREVS[moved.month0() as usize]
                        } else {
                            MONTHS[moved.month0() as usize]
                        };
                        out.push_str(name);
                        out.push(' ');
                        out.push_str(&moved.day().to_string());
                        if text[after..end].contains(',') {
                            out.push_str(&format!(", {}", moved.year()));
                        }
                        i = end;
                        continue;
                    }
                }
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// A month name starting at `i`: (month 1-12, abbreviated, byte after it).
fn month_at(text: &str, i: usize) -> Option<(u32, bool, usize)> {
    let rest = text.get(i..)?;
    for (m, name) in MONTHS.iter().enumerate() {
        if rest.starts_with(name) {
            return Some((m as u32 + 1, false, i + name.len()));
        }
    }
    for (m, name) in MONTH_ABBREVS.iter().enumerate() {
        if name.ends_with('.') && rest.starts_with(name) {
            return Some((m as u32 + 1, true, i + name.len()));
        }
    }
    None
}

/// ` D` or ` D, YYYY` at `i`: (day, year, byte after it).
fn day_year_at(text: &str, i: usize) -> Option<(u32, Option<i32>, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(i) != Some(&b' ') {
        return None;
    }
    let digits = |from: usize| {
        let n = bytes[from.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        (from, from + n)
    };
    let (ds, de) = digits(i + 1);
    if de == ds || de - ds > 2 || bytes.get(de).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let day: u32 = text.get(ds..de)?.parse().ok()?;
    if text.get(de..de + 2) == Some(", ") {
        let (ys, ye) = digits(de + 2);
        if ye - ys == 4 && !bytes.get(ye).is_some_and(|b| b.is_ascii_alphanumeric()) {
            let year: i32 = text.get(ys..ye)?.parse().ok()?;
            return Some((day, Some(year), ye));
        }
    }
    Some((day, None, de))
}

/// One article of about `words` words from the seeds alone, reproducible by
/// `seed`: the benchmarks' "big article".
pub fn big_article(sources: &Sources, words: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let story = Story::new(&mut rng, 0);
    article(sources, &story, words, &mut rng)
}
