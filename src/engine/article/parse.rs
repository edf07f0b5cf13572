//! Splits a file into front matter, header (title, byline, date, dateline),
//! body paragraphs, credits and furniture, then builds the clean text.

use chrono::NaiveDate;

use super::furniture::{
    classify, ends_sentence, is_metadata_label, is_truncated_teaser, LineShape,
};
use super::header::{
    date_in_url, find_date, iso_date, name_in_place, parse_byline, parse_date_header,
    parse_date_line, parse_wire_dateline,
};
use super::markup::{blank, mask_markup};
use super::{
    Article, DateSource, Field, Furniture, FurnitureKind, Paragraph, ParagraphKind, PublicationDate,
};
use crate::engine::span::Span;

/// How many non-blank lines the header (title, byline, date) may take.
const HEADER_LINES: usize = 12;
/// A prose paragraph this long ends a block of recirculated headlines.
const PROSE_WORDS_AFTER_RECIRCULATION: usize = 20;

/// Parses any text into an `Article`. Never panics.
pub fn parse_article(text: &str) -> Article {
    let lines = split_lines(text);
    let mut b = Builder::new(text);
    let mut next = 0;
    if let Some(after) = b.front_matter(&lines) {
        next = after;
    }
    let (line, from) = b.header(&lines, next);
    b.body(&lines, line, from);
    b.finish()
}

/// Byte spans of every line, without the line break (`\n`, `\r\n` or `\r`).
fn split_lines(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(Span::new(start, i));
                start = i + 1;
            }
            b'\r' => {
                lines.push(Span::new(start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        lines.push(Span::new(start, bytes.len()));
    }
    lines
}

struct Builder<'t> {
    text: &'t str,
    article: Article,
    /// Index of the paragraph that a wrapped next line continues, if any.
    open: Option<usize>,
    /// True inside an `Embed:` block until its attribution line.
    in_embed: Option<usize>,
    /// True after a recirculation marker until genuine prose returns.
    in_recirculation: bool,
    /// True right after an `Original url:` label: the URL line may give a date.
    after_url_label: bool,
    /// The date of a wire dateline opening the body (`NEW YORK, October 30,
    /// 1989 —`): the publication date when nothing else gives one.
    wire_date: Option<(NaiveDate, Span)>,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Self {
        Builder {
            text,
            article: Article {
                publication_date: None,
                dateline: Vec::new(),
                title: None,
                byline: None,
                outlet: None,
                credits: Vec::new(),
                paragraphs: Vec::new(),
                furniture: Vec::new(),
                body: Span::default(),
                clean: String::new(),
            },
            open: None,
            in_embed: None,
            in_recirculation: false,
            after_url_label: false,
            wire_date: None,
        }
    }

    fn line(&self, span: Span) -> &'t str {
        span.text(self.text)
    }

    /// YAML front matter between `---` lines; returns the index of the next line.
    fn front_matter(&mut self, lines: &[Span]) -> Option<usize> {
        let first = lines.first()?;
        if self.line(*first).trim_end() != "---" {
            return None;
        }
        let close = lines
            .iter()
            .skip(1)
            .take(80)
            .position(|l| matches!(self.line(*l).trim_end(), "---" | "..."))?
            + 1;
        for line in &lines[1..close] {
            self.front_matter_field(*line);
        }
        self.furniture(
            Span::new(first.start, lines[close].end),
            FurnitureKind::FrontMatter,
            "front matter",
        );
        Some(close + 1)
    }

    fn front_matter_field(&mut self, line: Span) {
        let raw = self.line(line);
        let Some(colon) = raw.find(':') else { return };
        let key = raw[..colon].trim().to_ascii_lowercase();
        let value_raw = &raw[colon + 1..];
        let value = value_raw.trim().trim_matches(['"', '\'']);
        if value.is_empty() {
            return;
        }
        let start = line.start + colon + 1 + value_raw.find(value).unwrap_or(0);
        let field = Field {
            value: value.to_string(),
            span: Span::new(start, start + value.len()),
        };
        match key.as_str() {
            "date" | "published" | "pubdate" | "publication_date" | "published_at" | "created" => {
                let date = iso_date(value)
                    .map(|(d, _)| d)
                    .or_else(|| find_date(value).map(|f| f.date));
                if let Some(date) = date {
                    self.set_date(date, None, DateSource::FrontMatter, Some(field.span));
                }
            }
            "title" | "headline" => self.article.title = Some(field),
            "author" | "byline" | "by" => self.article.byline = Some(field),
            "source" | "outlet" | "publisher" => self.article.outlet = Some(field),
            "url" | "link" | "original_url" | "canonical" => {
                if let Some(date) = date_in_url(value) {
                    self.set_date(date, None, DateSource::Url, Some(field.span));
                }
            }
            "dateline" | "location" | "place" => self.article.dateline.push(field),
            _ => {}
        }
    }

    /// Reads title, byline and date lines; returns (line index, byte offset)
    /// where the body starts.
    fn header(&mut self, lines: &[Span], start: usize) -> (usize, usize) {
        let mut seen = 0;
        for (i, &span) in lines.iter().enumerate().skip(start) {
            let raw = self.line(span);
            if raw.trim().is_empty() {
                continue;
            }
            seen += 1;
            if seen > HEADER_LINES {
                return (i, span.start);
            }
            if seen == 1 {
                if let Some(h) = parse_date_header(raw) {
                    let date_span =
                        Span::new(span.start + h.date.span.start, span.start + h.date.span.end);
                    self.set_date(
                        h.date.date,
                        h.date.time,
                        DateSource::Header,
                        Some(date_span),
                    );
                    for p in h.places {
                        self.article.dateline.push(Field {
                            value: p.value,
                            span: Span::new(span.start + p.span.start, span.start + p.span.end),
                        });
                    }
                    match h.text_start {
                        Some(offset) => {
                            self.furniture(
                                Span::new(span.start, span.start + offset),
                                FurnitureKind::Metadata,
                                "date header",
                            );
                            return (i, span.start + offset);
                        }
                        None => {
                            self.furniture(span, FurnitureKind::Metadata, "date header");
                            continue;
                        }
                    }
                }
            }
            match classify(raw) {
                LineShape::Blank => {}
                LineShape::Furniture(kind, reason) => self.furniture(span, kind, reason),
                LineShape::Recirculation => return (i, span.start),
                shape => {
                    let byline = parse_byline(raw)
                        .or_else(|| self.article.title.as_ref().and_then(|_| name_in_place(raw)));
                    if let Some((author, outlet)) = byline {
                        self.byline_line(span, author, outlet);
                        continue;
                    }
                    if let Some(found) = parse_date_line(raw) {
                        let date_span =
                            Span::new(span.start + found.span.start, span.start + found.span.end);
                        self.set_date(found.date, found.time, DateSource::Header, Some(date_span));
                        self.paragraph(span, ParagraphKind::DateLine);
                        continue;
                    }
                    match shape {
                        LineShape::Label
                            if !is_metadata_label(raw) && raw.split_whitespace().count() <= 2 =>
                        {
                            self.furniture(span, FurnitureKind::Metadata, "source label")
                        }
                        LineShape::Headline if self.article.title.is_some() => {
                            // A subtitle or label under the title, still header material.
                            self.paragraph(span, ParagraphKind::Heading);
                        }
                        LineShape::Prose
                            if self.article.title.is_none()
                                && !ends_sentence(raw)
                                && raw.split_whitespace().count() <= 20 =>
                        {
                            // A sentence-case headline ("Armenia and Azerbaijan agree ceasefire").
                            self.title_line(span, raw);
                        }
                        LineShape::Prose if is_standfirst(self.text, lines, i) => {
                            self.paragraph(span, ParagraphKind::Text);
                        }
                        LineShape::Headline if self.article.title.is_none() => {
                            self.title_line(span, raw)
                        }
                        _ => return (i, span.start),
                    }
                }
            }
        }
        (lines.len(), self.text.len())
    }

    fn title_line(&mut self, span: Span, raw: &str) {
        let value = raw.trim();
        let offset = raw.find(value).unwrap_or(0);
        let field_span = Span::new(span.start + offset, span.start + offset + value.len());
        self.article.title = Some(Field {
            value: value.to_string(),
            span: field_span,
        });
        self.paragraph(span, ParagraphKind::Title);
    }

    fn byline_line(&mut self, span: Span, author: Field, outlet: Option<Field>) {
        let shift = |f: Field| Field {
            value: f.value,
            span: Span::new(span.start + f.span.start, span.start + f.span.end),
        };
        if self.article.byline.is_none() {
            self.article.byline = Some(shift(author));
        }
        if let Some(outlet) = outlet {
            self.article.outlet.get_or_insert(shift(outlet));
        }
        if let Some(found) = find_date(self.line(span)) {
            let date_span = Span::new(span.start + found.span.start, span.start + found.span.end);
            self.set_date(found.date, found.time, DateSource::Byline, Some(date_span));
        }
        self.paragraph(span, ParagraphKind::Byline);
    }

    /// Classifies the body lines from line `first` (starting at byte `from`).
    fn body(&mut self, lines: &[Span], first: usize, from: usize) {
        for i in first..lines.len() {
            let mut span = lines[i];
            if i == first {
                span.start = span.start.max(from).min(span.end);
            }
            let raw = self.line(span);
            let mut shape = classify(raw);
            if shape == LineShape::Headline && continues_on_next_line(self.text, lines.get(i + 1)) {
                shape = LineShape::Prose; // a short first line of a wrapped paragraph
            }
            if shape == LineShape::Blank {
                self.open = None;
                continue;
            }
            if let Some(p) = self.open.filter(|_| shape != LineShape::Recirculation) {
                if !matches!(shape, LineShape::Furniture(..)) {
                    self.article.paragraphs[p].span.end = span.end;
                    if ends_sentence(raw) {
                        self.open = None;
                    }
                    continue;
                }
            }
            if self.in_recirculation {
                if shape == LineShape::Prose
                    && raw.split_whitespace().count() >= PROSE_WORDS_AFTER_RECIRCULATION
                    && !is_truncated_teaser(raw)
                {
                    self.in_recirculation = false;
                } else {
                    self.furniture(
                        span,
                        FurnitureKind::RelatedHeadlines,
                        "after a recirculation marker",
                    );
                    continue;
                }
            }
            if self.credit_line(span, raw) {
                continue;
            }
            match shape {
                LineShape::Blank => {}
                LineShape::Furniture(kind, reason) => {
                    if kind == FurnitureKind::Metadata && self.after_url_label {
                        if let Some(date) = date_in_url(raw) {
                            self.set_date(date, None, DateSource::Url, Some(span));
                        }
                    }
                    self.furniture(span, kind, reason);
                }
                LineShape::Recirculation => {
                    self.in_recirculation = true;
                    self.furniture(
                        span,
                        FurnitureKind::RelatedHeadlines,
                        "recirculation marker",
                    );
                }
                LineShape::Label => self.label(span, raw),
                LineShape::Headline => self.headline(lines, i, span),
                LineShape::Prose => self.prose(span, raw),
            }
            if !matches!(shape, LineShape::Label) {
                self.after_url_label = false;
            }
        }
    }

    fn label(&mut self, span: Span, raw: &str) {
        let lower = raw.trim().to_lowercase();
        if is_metadata_label(raw) {
            if let Some(date) = date_in_url(raw) {
                self.set_date(date, None, DateSource::Url, Some(span));
            }
            self.after_url_label = true;
            self.furniture(span, FurnitureKind::Metadata, "metadata label");
        } else if lower.starts_with("embed")
            || lower.starts_with("tweet")
            || lower.starts_with("embedded")
        {
            self.in_embed = Some(self.article.paragraphs.len());
            self.furniture(span, FurnitureKind::Metadata, "embed label");
        } else {
            self.paragraph(span, ParagraphKind::Heading);
        }
    }

    /// A title-like line inside the body: a sub-heading when prose follows,
    /// otherwise a list of other headlines.
    fn headline(&mut self, lines: &[Span], i: usize, span: Span) {
        if self.in_embed.is_some() {
            self.embed_line(span);
            return;
        }
        let next = lines[i + 1..]
            .iter()
            .map(|l| classify(self.line(*l)))
            .find(|s| *s != LineShape::Blank);
        if next == Some(LineShape::Prose) && !self.article.paragraphs.is_empty() {
            self.paragraph(span, ParagraphKind::Heading);
        } else if next == Some(LineShape::Prose) {
            // A headline before any prose: the title if there is none yet.
            if self.article.title.is_none() {
                let raw = self.line(span);
                self.article.title = Some(Field {
                    value: raw.trim().to_string(),
                    span,
                });
                self.paragraph(span, ParagraphKind::Title);
            } else {
                self.paragraph(span, ParagraphKind::Heading);
            }
        } else {
            self.furniture(
                span,
                FurnitureKind::RelatedHeadlines,
                "headline without article text",
            );
        }
    }

    fn prose(&mut self, span: Span, raw: &str) {
        if self.in_embed.is_some() {
            self.embed_line(span);
            return;
        }
        let first_body = !self.article.paragraphs.iter().any(|p| p.kind.is_body());
        if first_body && self.article.dateline.is_empty() {
            if let Some(wire) = parse_wire_dateline(raw) {
                if let Some(found) = wire.date {
                    let date_span =
                        Span::new(span.start + found.span.start, span.start + found.span.end);
                    self.wire_date = Some((found.date, date_span));
                }
                for p in wire.places {
                    self.article.dateline.push(Field {
                        value: p.value,
                        span: Span::new(span.start + p.span.start, span.start + p.span.end),
                    });
                }
            }
        }
        let p = self.paragraph(span, ParagraphKind::Text);
        self.open = (!ends_sentence(raw)).then_some(p);
    }

    /// A line of an embedded post; its `— Name (@handle) October 8, 2020`
    /// attribution closes the embed and dates all of its paragraphs.
    fn embed_line(&mut self, span: Span) {
        let raw = self.line(span).trim_start();
        self.paragraph(span, ParagraphKind::Embed);
        let attribution = raw.starts_with('\u{2014}')
            || raw.starts_with("--")
            || raw.starts_with("- ")
            || raw.starts_with('\u{2013}');
        if attribution {
            let anchor = find_date(raw).map(|d| d.date);
            if let Some(first) = self.in_embed.take() {
                for p in &mut self.article.paragraphs[first..] {
                    p.anchor = anchor;
                }
            }
        }
    }

    /// `With reporting by AFP, dpa, ...`: a credits paragraph listing agencies.
    fn credit_line(&mut self, span: Span, raw: &str) -> bool {
        let trimmed = raw.trim_start();
        let lower = trimmed.to_lowercase();
        let Some(by) = CREDIT_PREFIXES
            .iter()
            .find_map(|p| lower.starts_with(p).then_some(p.len()))
        else {
            return false;
        };
        let list_start = span.start + (raw.len() - trimmed.len()) + by;
        self.credits(Span::new(list_start, span.end));
        self.paragraph(span, ParagraphKind::Credits);
        true
    }

    fn credits(&mut self, list: Span) {
        let raw = self.line(list);
        let mut offset = 0;
        for part in raw.split([',', ';']) {
            let part_start = offset;
            offset += part.len() + 1;
            let mut piece = part.trim();
            for conj in ["and ", "& "] {
                piece = piece.strip_prefix(conj).unwrap_or(piece);
            }
            for sub in piece.split(" and ") {
                let sub = sub.trim().trim_end_matches('.');
                if sub.is_empty() || sub.split_whitespace().count() > 5 {
                    continue;
                }
                if let Some(at) = raw[part_start..].find(sub) {
                    let start = list.start + part_start + at;
                    self.article.credits.push(Field {
                        value: sub.to_string(),
                        span: Span::new(start, start + sub.len()),
                    });
                }
            }
        }
    }

    fn paragraph(&mut self, span: Span, kind: ParagraphKind) -> usize {
        // Trim surrounding white space so spans hug the text.
        let raw = self.line(span);
        let lead = raw.len() - raw.trim_start().len();
        let trail = raw.len() - raw.trim_end().len();
        let span = Span::new(span.start + lead, span.end - trail);
        self.article.paragraphs.push(Paragraph {
            span,
            kind,
            anchor: None,
        });
        self.open = None;
        self.article.paragraphs.len() - 1
    }

    fn furniture(&mut self, span: Span, kind: FurnitureKind, reason: &'static str) {
        self.open = None;
        if let Some(last) = self.article.furniture.last_mut() {
            let between = self.text.get(last.span.end..span.start).unwrap_or("x");
            if last.kind == kind && last.reason == reason && between.trim().is_empty() {
                last.span.end = span.end;
                return;
            }
        }
        self.article
            .furniture
            .push(Furniture { span, kind, reason });
    }

    /// Keeps the first date found, except that a stronger source wins.
    fn set_date(
        &mut self,
        date: NaiveDate,
        time: Option<(u32, u32)>,
        source: DateSource,
        span: Option<Span>,
    ) {
        let rank = |s: DateSource| match s {
            DateSource::Option => 0,
            DateSource::FrontMatter => 1,
            DateSource::Header => 2,
            DateSource::Byline => 3,
            DateSource::Url => 4,
        };
        match &self.article.publication_date {
            Some(existing) if rank(existing.source) <= rank(source) => {}
            _ => {
                self.article.publication_date = Some(PublicationDate {
                    date,
                    time,
                    source,
                    span,
                })
            }
        }
    }

    fn finish(mut self) -> Article {
        if self.article.publication_date.is_none() {
            if let Some((date, span)) = self.wire_date {
                self.set_date(date, None, DateSource::Header, Some(span));
            }
        }
        let mut clean = vec![b' '; self.text.len()];
        for (i, b) in self.text.bytes().enumerate() {
            if b == b'\n' || b == b'\r' {
                clean[i] = b;
            }
        }
        for p in &self.article.paragraphs {
            if let Some(src) = self.text.as_bytes().get(p.span.range()) {
                clean[p.span.range()].copy_from_slice(src);
                mask_markup(&mut clean, p.span.start, p.span.end);
            }
        }
        for f in &self.article.furniture {
            blank(&mut clean, f.span.start, f.span.end);
        }
        // Only ASCII bytes were replaced by ASCII, on whole-char spans.
        self.article.clean =
            String::from_utf8(clean).unwrap_or_else(|_| " ".repeat(self.text.len()));
        let body: Vec<Span> = self
            .article
            .body_paragraphs()
            .filter(|p| p.kind.is_body())
            .map(|p| p.span)
            .collect();
        self.article.body = match (body.first(), body.last()) {
            (Some(first), Some(last)) => Span::new(first.start, last.end),
            _ => Span::default(),
        };
        self.article
    }
}

/// A summary line under the title, directly followed by more header lines
/// (byline, date) rather than by a blank line and the body.
fn is_standfirst(text: &str, lines: &[Span], i: usize) -> bool {
    let next = lines.get(i + 1).map(|s| s.text(text)).unwrap_or("");
    !next.trim().is_empty() && !matches!(classify(next), LineShape::Prose)
}

/// True when the next line continues a sentence (starts in lower case).
fn continues_on_next_line(text: &str, next: Option<&Span>) -> bool {
    next.map(|s| s.text(text).trim_start())
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_lowercase)
}

const CREDIT_PREFIXES: &[&str] = &[
    "with reporting by ",
    "additional reporting by ",
    "reporting by ",
    "(reporting by ",
    "compiled by ",
    "writing by ",
    "editing by ",
    "with additional reporting by ",
];
