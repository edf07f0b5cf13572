//! Line classification: page furniture (navigation, notices, recirculation
//! blocks of other headlines, relative stamps, metadata) versus article text.
//!
//! Decided by the shape of a line and small lists of phrases that web pages
//! share, never by the exact strings of one site.

use super::FurnitureKind;

/// What one line of the file looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineShape {
    Blank,
    /// Furniture on its own, whatever surrounds it.
    Furniture(FurnitureKind, &'static str),
    /// A marker that opens a block of other headlines ("DON'T MISS", "UP NEXT").
    Recirculation,
    /// A label ending in a colon (`Embed:`, `Original url:`, `Trend:`).
    Label,
    /// Short, title-like, no final punctuation: a title, heading or another headline.
    Headline,
    /// Sentences.
    Prose,
}

/// Classifies one line (without its line break).
pub(super) fn classify(line: &str) -> LineShape {
    let t = line.trim();
    if t.is_empty() {
        return LineShape::Blank;
    }
    let lower = t.to_lowercase();
    let key = lower.trim_end_matches([':', '.', '!', ' ', '\u{2026}']);
    if is_relative_stamp(key) {
        return LineShape::Furniture(FurnitureKind::RelativeStamp, "relative time stamp");
    }
    if NOTICE_PREFIXES.iter().any(|p| key.starts_with(p)) {
        return LineShape::Furniture(FurnitureKind::Notice, "site notice");
    }
    if NAVIGATION.contains(&key) {
        return LineShape::Furniture(FurnitureKind::Navigation, "navigation or sharing link");
    }
    if RECIRCULATION.contains(&key.trim_start_matches(['#', ' '])) {
        return LineShape::Recirculation;
    }
    if is_link_list(t) {
        return LineShape::Furniture(FurnitureKind::Navigation, "menu of links");
    }
    if CREDIT_LINE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return LineShape::Furniture(FurnitureKind::Metadata, "photo credit");
    }
    if is_url(t) {
        return LineShape::Furniture(FurnitureKind::Metadata, "link");
    }
    if is_slug(t) {
        return LineShape::Furniture(FurnitureKind::Metadata, "slug");
    }
    let words = t.split_whitespace().count();
    if t.ends_with(':') && words <= 4 {
        return LineShape::Label;
    }
    if is_headline(t, words) {
        return LineShape::Headline;
    }
    LineShape::Prose
}

/// True when a prose line ends a sentence (so a following line starts a new paragraph).
pub(super) fn ends_sentence(line: &str) -> bool {
    line.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '"' | '\u{201d}' | '\u{2019}' | ')' | ':' | '\u{2026}' | '*'
        )
    })
}

/// True for a teaser cut short by the page (`... Serenad...`).
pub(super) fn is_truncated_teaser(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with("...") && !t.ends_with(". . .") || t.ends_with('\u{2026}')
}

/// Lines that carry publication metadata rather than text.
pub(super) fn is_metadata_label(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let key = lower.trim_end_matches([':', ' ']);
    matches!(
        key,
        "original url" | "url" | "source" | "source url" | "link" | "permalink" | "canonical url"
    ) || lower.starts_with("original url:")
        || lower.starts_with("source url:")
}

fn is_relative_stamp(key: &str) -> bool {
    // At most six words (`last updated 3 hours ago on`): prose lines stop here.
    if key.split_whitespace().nth(6).is_some() {
        return false;
    }
    let mut words: Vec<&str> = key.split_whitespace().collect();
    if words
        .first()
        .is_some_and(|w| matches!(*w, "published" | "updated" | "posted" | "last"))
    {
        words.remove(0);
        if words.first() == Some(&"updated") {
            words.remove(0);
        }
    }
    if words.last() == Some(&"on") {
        words.pop();
    }
    match words.as_slice() {
        ["just", "now"] | ["moments", "ago"] => true,
        [n, unit, "ago"] => {
            (n.bytes().all(|b| b.is_ascii_digit()) || matches!(*n, "a" | "an" | "one"))
                && UNITS.contains(&unit.trim_end_matches('s'))
        }
        _ => false,
    }
}

const UNITS: &[&str] = &[
    "second", "sec", "minute", "min", "hour", "hr", "day", "week", "month", "year", "yr",
];

/// `News | Opinion | Sport`, `World • Europe • US`: short items between separators.
fn is_link_list(t: &str) -> bool {
    let items: Vec<&str> = t
        .split(['|', '\u{2022}', '\u{b7}'])
        .map(str::trim)
        .collect();
    items.len() >= 3 && items.iter().all(|i| i.split_whitespace().count() <= 4)
}

const CREDIT_LINE_PREFIXES: &[&str] = &[
    "photograph:",
    "photo:",
    "image:",
    "picture:",
    "illustration:",
    "video:",
    "file photo",
];

fn is_url(t: &str) -> bool {
    !t.contains(' ')
        && (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
}

/// `gvw_ap_news`: one token, lower case, with underscores, no prose.
fn is_slug(t: &str) -> bool {
    !t.contains(' ')
        && t.contains('_')
        && t.len() <= 60
        && t.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Title-like: no sentence-final punctuation, few words, mostly capitalised
/// (or short enough to be a sub-heading such as "Mediation efforts").
fn is_headline(t: &str, words: usize) -> bool {
    if words > 20 || t.len() > 200 {
        return false;
    }
    let last = t.chars().last().unwrap_or(' ');
    if matches!(last, '.' | ',' | ';' | ':' | '"' | '\u{201d}') {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if !(first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '"' | '\u{201c}' | '\'' | '\u{2018}'))
    {
        return false;
    }
    if words <= 6 {
        return true;
    }
    let long: Vec<&str> = t
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    !long.is_empty() && capitalised * 2 >= long.len()
}

const NOTICE_PREFIXES: &[&str] = &[
    "please ensure javascript",
    "please enable javascript",
    "you must enable javascript",
    "javascript is disabled",
    "this site uses cookies",
    "this website uses cookies",
    "we use cookies",
    "accept cookies",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "subscribe now",
    "advertisement",
    "sponsored content",
    "support our journalism",
    "help continue the work",
    "help us continue",
    "all rights reserved",
    "copyright \u{a9}",
    "\u{a9} ",
    "skip to content",
    "skip to main content",
    "you are using an outdated browser",
];

const NAVIGATION: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "search",
    "menu",
    "home",
    "send this to a friend",
    "print",
    "email",
    "e-mail",
    "tweet",
    "comments",
    "comment",
    "log in",
    "login",
    "sign in",
    "sign up",
    "subscribe",
    "read more",
    "click here",
    "follow us",
    "back to top",
    "next",
    "previous",
    "close",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "reddit",
    "telegram",
    "copy link",
    "listen",
    "listen to this article",
    "save",
    "advertisement",
    "ad",
    "loading",
    "video",
    "watch",
    "photo",
    "gallery",
    "reuse this content",
    "sign in to comment",
    "view comments",
];

const RECIRCULATION: &[&str] = &[
    "don't miss",
    "don\u{2019}t miss",
    "dont miss",
    "up next",
    "related",
    "related topics",
    "related articles",
    "related stories",
    "related news",
    "related content",
    "more from",
    "more stories",
    "more news",
    "more on this story",
    "more on this",
    "most read",
    "most popular",
    "most viewed",
    "trending",
    "trending now",
    "trending stories",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "recommended stories",
    "latest news",
    "latest stories",
    "top stories",
    "also read",
    "read also",
    "see also",
    "editor's picks",
    "editors' picks",
    "popular",
    "what to read next",
    "read next",
    "topics",
    "tags",
    "explore more on these topics",
    "more on this topic",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        use FurnitureKind::*;
        assert_eq!(
            classify("11 hours ago"),
            LineShape::Furniture(RelativeStamp, "relative time stamp")
        );
        assert_eq!(
            classify("1 day ago"),
            LineShape::Furniture(RelativeStamp, "relative time stamp")
        );
        assert_eq!(
            classify("Published 4 years ago on"),
            LineShape::Furniture(RelativeStamp, "relative time stamp")
        );
        assert!(matches!(
            classify("Please ensure Javascript is enabled for purposes of website accessibility"),
            LineShape::Furniture(Notice, _)
        ));
        assert!(matches!(
            classify("Send this to a friend"),
            LineShape::Furniture(Navigation, _)
        ));
        assert!(matches!(
            classify("Share"),
            LineShape::Furniture(Navigation, _)
        ));
        assert!(matches!(
            classify("gvw_ap_news"),
            LineShape::Furniture(Metadata, _)
        ));
        assert_eq!(classify("DON'T MISS"), LineShape::Recirculation);
        assert_eq!(classify("RELATED TOPICS:"), LineShape::Recirculation);
        assert_eq!(classify("Up Next"), LineShape::Recirculation);
        assert_eq!(classify("Embed:"), LineShape::Label);
        assert_eq!(classify("Fighting Began Sept. 27"), LineShape::Headline);
        assert_eq!(classify("Mediation efforts"), LineShape::Headline);
        assert_eq!(
            classify(
                "Zelenskyy Says He Will Only Meet Putin After Common Plan With Trump Is Negotiated"
            ),
            LineShape::Headline
        );
        assert_eq!(
            classify("Armenian and Azerbaijani representatives are not expected to meet."),
            LineShape::Prose
        );
        assert_eq!(classify("\"This is their last chance.\""), LineShape::Prose);
    }

    #[test]
    fn a_sentence_about_years_ago_is_prose() {
        assert_eq!(
            classify("The war ended 30 years ago, and the region never recovered."),
            LineShape::Prose
        );
        assert_ne!(classify("30 years ago"), LineShape::Prose);
    }
}
