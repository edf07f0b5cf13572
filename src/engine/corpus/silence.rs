//! Silencing findings.
//!
//! In the text: an HTML comment `<!-- dateline-ignore RULE... -->` (invisible
//! in rendered Markdown) silences the named rules (all rules when none is
//! named) for the paragraph it stands in; a marker alone in its paragraph
//! applies to the next paragraph. Paragraphs are separated by blank lines.
//!
//! ```text
//! <!-- dateline-ignore spelling-variant conflicting-figure -->
//! Nikol Pashinyan said 350 soldiers were killed.
//! ```
//!
//! In the config: `[ignore]` maps a rule id to exact texts; a finding of that
//! rule whose span text is one of them is dropped (the LSP's "ignore" code
//! action records them there).

use crate::engine::analysis::Analysis;
use crate::engine::config::Config;
use crate::engine::finding::Finding;
use crate::engine::span::Span;

/// The marker that opens a silencing comment.
pub const MARKER: &str = "dateline-ignore";

/// One silencing comment: the rules it names (empty = all) and where it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Silence {
    pub rules: Vec<String>,
    pub scope: Span,
}

/// Removes the findings the text or the config silences.
pub fn apply(analysis: &Analysis, config: &Config, findings: &mut Vec<Finding>) {
    let silences = markers(&analysis.text);
    findings.retain(|f| {
        let marked = silences.iter().any(|s| {
            s.scope.contains_offset(f.span.start)
                && (s.rules.is_empty() || s.rules.iter().any(|r| r == f.rule))
        });
        let text = f.span.text(&analysis.text).trim();
        let ignored = config
            .ignore
            .get(f.rule)
            .is_some_and(|texts| texts.iter().any(|t| t.trim() == text));
        !marked && !ignored
    });
}

/// Every `<!-- dateline-ignore ... -->` of the text with its scope.
pub fn markers(text: &str) -> Vec<Silence> {
    let blocks = blocks(text);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text
        .get(from..)
        .and_then(|t| t.find("<!--"))
        .map(|p| from + p)
    {
        let Some(close) = text.get(pos..).and_then(|t| t.find("-->")).map(|p| pos + p) else {
            break;
        };
        let inner = text.get(pos + 4..close).unwrap_or("").trim();
        from = close + 3;
        let Some(rest) = inner.strip_prefix(MARKER) else {
            continue;
        };
        let rules: Vec<String> = rest
            .split([' ', ',', '\t', '\n'])
            .filter(|r| !r.is_empty())
            .map(String::from)
            .collect();
        let Some(b) = blocks.iter().position(|b| b.contains_offset(pos)) else {
            continue;
        };
        let block = blocks[b];
        let alone = text
            .get(block.start..pos)
            .is_some_and(|t| t.trim().is_empty())
            && text
                .get(from..block.end)
                .is_some_and(|t| t.trim().is_empty());
        let scope = if alone {
            blocks.get(b + 1).copied().unwrap_or(block)
        } else {
            block
        };
        out.push(Silence { rules, scope });
    }
    out
}

/// Paragraphs: runs of text separated by blank lines.
fn blocks(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (true, Some(s)) => {
                out.push(Span::new(s, offset));
                start = None;
            }
            (false, None) => start = Some(offset),
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_scopes() {
        let text = "First para.\n\n<!-- dateline-ignore spelling-variant -->\nSecond para.\n\nThird <!-- dateline-ignore --> para.\n";
        let m = markers(text);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].rules, vec!["spelling-variant"]);
        assert!(m[0].scope.text(text).contains("Second para."));
        assert!(!m[0].scope.text(text).contains("First"));
        assert!(m[1].rules.is_empty());
        assert!(m[1].scope.text(text).starts_with("Third"));
    }

    #[test]
    fn marker_alone_in_its_paragraph_applies_to_the_next() {
        let text = "<!-- dateline-ignore conflicting-figure -->\n\nThe toll is 5.\n";
        let m = markers(text);
        assert!(m[0].scope.text(text).starts_with("The toll"));
    }

    #[test]
    fn unterminated_comment_does_not_panic() {
        assert!(markers("<!-- dateline-ignore").is_empty());
        assert!(markers("é<!--").is_empty());
    }
}
