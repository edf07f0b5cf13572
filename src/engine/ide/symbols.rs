//! Outline, folding ranges and hovers on the article header (publication date,
//! dateline, byline).

use chrono::{Datelike, NaiveDate};

use super::{Fold, FoldKind, Hover, Symbol, SymbolKind};
use crate::engine::analysis::Analysis;
use crate::engine::article::{DateSource, FurnitureKind, ParagraphKind};
use crate::engine::span::Span;

/// The outline of an article: title, publication date, dateline, byline,
/// paragraphs (each under the heading it follows) and furniture blocks.
pub fn document_symbols(analysis: &Analysis) -> Vec<Symbol> {
    let article = &analysis.article;
    let text = &analysis.text;
    let mut top = Vec::new();
    if let Some(date) = &article.publication_date {
        if let Some(span) = date.span {
            top.push(leaf(
                format_date(date.date),
                Some(source_label(date.source).into()),
                SymbolKind::PublicationDate,
                span,
            ));
        }
    }
    if let (Some(first), Some(last)) = (article.dateline.first(), article.dateline.last()) {
        let names: Vec<&str> = article.dateline.iter().map(|f| f.value.as_str()).collect();
        top.push(leaf(
            names.join(" / "),
            Some("dateline".into()),
            SymbolKind::Dateline,
            Span::new(first.span.start, last.span.end),
        ));
    }
    let mut number = 0;
    for paragraph in &article.paragraphs {
        let preview = preview(paragraph.span.text(text));
        let symbol = match paragraph.kind {
            ParagraphKind::Title => leaf(
                preview,
                Some("title".into()),
                SymbolKind::Title,
                paragraph.span,
            ),
            ParagraphKind::Byline => leaf(
                preview,
                Some("byline".into()),
                SymbolKind::Byline,
                paragraph.span,
            ),
            ParagraphKind::DateLine => continue,
            ParagraphKind::Credits => leaf(
                preview,
                Some("credits".into()),
                SymbolKind::Credits,
                paragraph.span,
            ),
            ParagraphKind::Heading => leaf(
                preview,
                Some("section".into()),
                SymbolKind::Heading,
                paragraph.span,
            ),
            ParagraphKind::Embed => leaf(
                preview,
                Some("embed".into()),
                SymbolKind::Embed,
                paragraph.span,
            ),
            ParagraphKind::Text | ParagraphKind::Caption => {
                number += 1;
                leaf(
                    format!("¶{number} {preview}"),
                    None,
                    SymbolKind::Paragraph,
                    paragraph.span,
                )
            }
        };
        // Paragraphs nest under the sub-heading they follow.
        match top.last_mut() {
            Some(heading)
                if heading.kind == SymbolKind::Heading
                    && symbol.kind != SymbolKind::Heading
                    && symbol.kind != SymbolKind::Credits =>
            {
                heading.span.end = symbol.span.end;
                heading.children.push(symbol);
            }
            _ => top.push(symbol),
        }
    }
    for block in &article.furniture {
        let kind = if block.kind == FurnitureKind::FrontMatter {
            SymbolKind::FrontMatter
        } else {
            SymbolKind::Furniture
        };
        top.push(leaf(
            preview(block.span.text(text)),
            Some(format!("furniture: {}", block.reason)),
            kind,
            block.span,
        ));
    }
    top.sort_by_key(|s| s.span.start);
    top
}

/// Foldable blocks: front matter and furniture (collapsed), and sections
/// under sub-headings.
pub fn folding_ranges(analysis: &Analysis) -> Vec<Fold> {
    let article = &analysis.article;
    let mut folds: Vec<Fold> = article
        .furniture
        .iter()
        .filter(|f| spans_lines(&analysis.text, f.span))
        .map(|f| Fold {
            span: f.span,
            kind: if f.kind == FurnitureKind::FrontMatter {
                FoldKind::FrontMatter
            } else {
                FoldKind::Furniture
            },
            collapsed: true,
        })
        .collect();
    let headings: Vec<usize> = (0..article.paragraphs.len())
        .filter(|&i| article.paragraphs[i].kind == ParagraphKind::Heading)
        .collect();
    for (n, &h) in headings.iter().enumerate() {
        let stop = headings
            .get(n + 1)
            .copied()
            .unwrap_or(article.paragraphs.len());
        let last_body = article.paragraphs[h..stop]
            .iter()
            .rev()
            .find(|p| p.kind.is_body());
        if let Some(last) = last_body {
            let span = Span::new(article.paragraphs[h].span.start, last.span.end);
            if spans_lines(&analysis.text, span) {
                folds.push(Fold {
                    span,
                    kind: FoldKind::Region,
                    collapsed: false,
                });
            }
        }
    }
    folds.sort_by_key(|f| f.span.start);
    folds
}

/// Hover on the publication date, the dateline, the byline or a furniture block.
pub(super) fn hover_header(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let article = &analysis.article;
    if let Some(date) = &article.publication_date {
        if let Some(span) = date.span.filter(|s| s.contains_offset(offset)) {
            let time = date
                .time
                .map(|(h, m)| format!(" at {h:02}:{m:02}"))
                .unwrap_or_default();
            let markdown = format!(
                "**Published {}{}** — from the {}\n\nRelative dates in this article (\"on Thursday\", \"last month\") are resolved against this date.",
                format_date(date.date),
                time,
                source_label(date.source)
            );
            return Some(Hover { span, markdown });
        }
    }
    if let Some(place) = article
        .dateline
        .iter()
        .find(|f| f.span.contains_offset(offset))
    {
        let all: Vec<&str> = article.dateline.iter().map(|f| f.value.as_str()).collect();
        let markdown = format!(
            "**Dateline:** {} — where the report was filed ({}).",
            place.value,
            all.join(", ")
        );
        return Some(Hover {
            span: place.span,
            markdown,
        });
    }
    if let Some(byline) = article
        .byline
        .as_ref()
        .filter(|b| b.span.contains_offset(offset))
    {
        let outlet = article
            .outlet
            .as_ref()
            .map(|o| format!(" for {}", o.value))
            .unwrap_or_default();
        return Some(Hover {
            span: byline.span,
            markdown: format!("**Byline:** {}{outlet}", byline.value),
        });
    }
    let block = article
        .furniture
        .iter()
        .find(|f| f.span.contains_offset(offset))?;
    Some(Hover {
        span: block.span,
        markdown: format!(
            "**Page furniture** ({}) — not part of the article; dateline does not analyse it.",
            block.reason
        ),
    })
}

/// `Thursday 8 October 2020`.
pub fn format_date(date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        date.format("%A"),
        date.day(),
        date.format("%B"),
        date.year()
    )
}

fn source_label(source: DateSource) -> &'static str {
    match source {
        DateSource::Header => "header line",
        DateSource::Byline => "byline",
        DateSource::FrontMatter => "front matter",
        DateSource::Url => "original URL",
        DateSource::Option => "command-line option",
    }
}

fn leaf(name: String, detail: Option<String>, kind: SymbolKind, span: Span) -> Symbol {
    Symbol {
        name,
        detail,
        kind,
        span,
        selection: span,
        children: Vec::new(),
    }
}

fn preview(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    let mut out: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    if out.is_empty() {
        out.push_str("(empty)");
    }
    out
}

fn spans_lines(text: &str, span: Span) -> bool {
    span.text(text).trim_end().contains(['\n', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::analysis::{analyze, AnalysisOptions};

    const PAGE: &str = "Please ensure Javascript is enabled\nTalks Open in Moscow\nBy Jane Roe for AFP\nPublished 2 days ago on\nOctober 9, 2020\n\nMOSCOW — Talks opened on Friday.\n\nA section\n\nIt went on. And on.\n\nUP NEXT\n\nOther Story Here\n\n11 hours ago\n";

    #[test]
    fn outline_has_header_parts_and_furniture() {
        let a = analyze(PAGE, &AnalysisOptions::default());
        let symbols = document_symbols(&a);
        let kinds: Vec<SymbolKind> = symbols.iter().map(|s| s.kind).collect();
        assert!(kinds.contains(&SymbolKind::Title), "{kinds:?}");
        assert!(kinds.contains(&SymbolKind::Byline));
        assert!(kinds.contains(&SymbolKind::PublicationDate));
        assert!(kinds.contains(&SymbolKind::Dateline));
        assert!(kinds.contains(&SymbolKind::Heading));
        assert!(kinds.contains(&SymbolKind::Furniture));
        let heading = symbols
            .iter()
            .find(|s| s.kind == SymbolKind::Heading)
            .unwrap();
        assert_eq!(heading.children.len(), 1);
        let date = symbols
            .iter()
            .find(|s| s.kind == SymbolKind::PublicationDate)
            .unwrap();
        assert_eq!(date.name, "Friday 9 October 2020");
    }

    #[test]
    fn furniture_folds_collapsed() {
        let a = analyze(PAGE, &AnalysisOptions::default());
        let folds = folding_ranges(&a);
        let tail = folds
            .iter()
            .find(|f| f.kind == FoldKind::Furniture)
            .unwrap();
        assert!(tail.collapsed);
        assert!(tail.span.text(PAGE).contains("Other Story Here"));
    }

    #[test]
    fn hover_on_date_says_where_it_came_from() {
        let a = analyze(PAGE, &AnalysisOptions::default());
        let at = PAGE.find("October 9").unwrap() + 2;
        let hover = hover_header(&a, at).unwrap();
        assert!(
            hover.markdown.contains("Published Friday 9 October 2020"),
            "{}",
            hover.markdown
        );
        assert!(hover.markdown.contains("header line"));
        let at = PAGE.find("MOSCOW").unwrap();
        assert!(hover_header(&a, at)
            .unwrap()
            .markdown
            .contains("Dateline:** Moscow"));
    }
}
