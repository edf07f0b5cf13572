//! The article model: what part of a saved web page or wire file is the
//! article (title, byline, publication date, dateline, body paragraphs,
//! credits) and what is page furniture around it.
//!
//! Parsing never fails: any text yields an `Article`, possibly with no date
//! and an empty body. All spans are byte offsets into the original text.

mod furniture;
mod header;
mod markup;
mod parse;

use chrono::NaiveDate;
use serde::Serialize;

use super::span::Span;

pub use header::month_number;
pub use parse::parse_article;

/// Where the publication date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// A ` date 2020-10-08 BAKU -- ` first line, `Posted: ...`, a date on
    /// its own line in the header block, or, when none of the sources gives
    /// one, the date of a wire dateline opening the body (`NEW YORK,
    /// October 30, 1989 —`).
    Header,
    /// A date inside the byline block (`By X | October 9, 2020`).
    Byline,
    /// `date:` in YAML front matter.
    FrontMatter,
    /// `/2020/10/09/` inside an `Original url:` or `url:` line.
    Url,
    /// Given by the user (`--publication-date`, editor setting).
    Option,
}

impl DateSource {
    /// The name used in the `annotate` JSON record.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Header => "header",
            DateSource::Byline => "byline",
            DateSource::FrontMatter => "front-matter",
            DateSource::Url => "url",
            DateSource::Option => "option",
        }
    }
}

/// The date the article speaks from: the anchor of every relative expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicationDate {
    pub date: NaiveDate,
    /// `HH:MM` when the header gives a time too (`Posted: 16/03/2024 09:40`).
    pub time: Option<(u32, u32)>,
    pub source: DateSource,
    /// Where in the file it was read from (`None` when given as an option).
    pub span: Option<Span>,
}

/// A piece of metadata with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The value, cleaned (markup removed, title-cased places, ...).
    pub value: String,
    pub span: Span,
}

/// What role a block of analysable text plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphKind {
    /// The headline.
    Title,
    /// `By X for Y`, `By Associated Press`.
    Byline,
    /// A line that only carries the publication date (`October 9, 2020`).
    DateLine,
    /// A sub-heading inside the body (short line, no final punctuation).
    Heading,
    /// Ordinary body prose.
    Text,
    /// Quoted third-party content (`Embed:` block, a tweet), with its own anchor.
    Embed,
    /// A caption or photo credit line (`... **Kremlin.ru**`).
    Caption,
    /// `With reporting by AFP, dpa, ...`.
    Credits,
}

impl ParagraphKind {
    /// True for the kinds that form the article body.
    pub fn is_body(self) -> bool {
        matches!(
            self,
            ParagraphKind::Heading
                | ParagraphKind::Text
                | ParagraphKind::Embed
                | ParagraphKind::Caption
        )
    }
}

/// A block of analysable text: one paragraph of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
    /// For embeds: the date the embedded item gives itself (a tweet's date),
    /// against which its relative expressions resolve.
    pub anchor: Option<NaiveDate>,
}

/// Why a block was judged not to be part of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FurnitureKind {
    /// Menus, "Share", "Search", "Send this to a friend".
    Navigation,
    /// "Please ensure Javascript is enabled", cookie and subscription notices.
    Notice,
    /// "DON'T MISS", "UP NEXT", "RELATED TOPICS" and the headlines under them.
    RelatedHeadlines,
    /// "11 hours ago", "Published 4 years ago on": stamps relative to when the
    /// page was saved, not facts of the article.
    RelativeStamp,
    /// `Original url:`, source slugs and other file metadata.
    Metadata,
    /// YAML front matter.
    FrontMatter,
}

/// A block of page furniture: never annotated, never flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Furniture {
    pub span: Span,
    pub kind: FurnitureKind,
    /// The signal that decided it, for hover and debugging.
    pub reason: &'static str,
}

/// One parsed article file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub publication_date: Option<PublicationDate>,
    /// Places of the dateline (`BAKU/YEREVAN` → Baku, Yerevan), title-cased.
    pub dateline: Vec<Field>,
    pub title: Option<Field>,
    /// Author(s) or agency from the byline, without `By`.
    pub byline: Option<Field>,
    /// The outlet a byline names after `for` (`By Hervé Bar for AFP`).
    pub outlet: Option<Field>,
    /// Agencies from credit lines (`With reporting by AFP, dpa, ...`).
    pub credits: Vec<Field>,
    /// Analysable blocks in file order (title, byline, body, credits).
    pub paragraphs: Vec<Paragraph>,
    /// Page furniture in file order.
    pub furniture: Vec<Furniture>,
    /// From the first to the end of the last body paragraph (empty when none).
    pub body: Span,
    /// The text as the analysis sees it: exactly as long as the file, with
    /// furniture, metadata and markup (`**`, `<u>`, link targets) replaced by
    /// spaces, so every offset into it is an offset into the file.
    pub clean: String,
}

impl Article {
    /// Every analysable paragraph: title, byline, date line, body and credits —
    /// everything the analysis may annotate (furniture is never a paragraph).
    /// Use `ParagraphKind::is_body` to keep the body proper only.
    pub fn body_paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter()
    }

    /// True when `span` lies inside a furniture block.
    pub fn in_furniture(&self, span: Span) -> bool {
        self.furniture.iter().any(|f| f.span.overlaps(span))
    }

    /// The paragraph containing `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<&Paragraph> {
        self.paragraphs
            .iter()
            .find(|p| p.span.contains_offset(offset))
    }
}
