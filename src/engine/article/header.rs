//! Reading the header block: publication dates in their many forms, the
//! ` date 2020-10-08 BAKU/YEREVAN -- ` line, wire datelines (`MOSCOW — `,
//! `VAN, Turkey, March 16 (Agency) -`), bylines and URL dates.

use chrono::NaiveDate;

use super::Field;
use crate::engine::span::Span;

/// A date found in a header line, with where it stands (offsets relative to the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LineDate {
    pub date: NaiveDate,
    pub time: Option<(u32, u32)>,
    pub span: Span,
}

/// The parts of a ` date 2020-10-08 BAKU/YEREVAN -- text` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DateHeader {
    pub date: LineDate,
    /// Dateline places (offsets relative to the line).
    pub places: Vec<Field>,
    /// Where the article text starts in the line, if it continues after `--`.
    pub text_start: Option<usize>,
}

/// Month number for an English month name or abbreviation (`Sept`, `Oct.`).
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    let abbr = match w.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(abbr)
}

/// Reads ` date 2020-10-08 BAKU/YEREVAN -- ...` (leading spaces allowed).
pub(super) fn parse_date_header(line: &str) -> Option<DateHeader> {
    let lead = line.len() - line.trim_start().len();
    let rest = line.get(lead..)?;
    let kw = rest.get(..5)?;
    if !kw.eq_ignore_ascii_case("date ") && !kw.eq_ignore_ascii_case("date:") {
        return None;
    }
    let after_kw = lead + 5;
    let skip = line.get(after_kw..)?.len() - line.get(after_kw..)?.trim_start().len();
    let date_start = after_kw + skip;
    let (date, date_len) = iso_date(line.get(date_start..)?)?;
    let mut cursor = date_start + date_len;
    let mut time = None;
    if let Some((t, len)) = clock_time(line.get(cursor..)?.trim_start()) {
        let ws = line.get(cursor..)?.len() - line.get(cursor..)?.trim_start().len();
        time = Some(t);
        cursor += ws + len;
    }
    let date_span = Span::new(date_start, cursor);
    let (places, text_start) = match parse_wire_dateline(line.get(cursor..)?) {
        Some(wire) => (
            wire.places
                .into_iter()
                .map(|p| Field {
                    value: p.value,
                    span: Span::new(p.span.start + cursor, p.span.end + cursor),
                })
                .collect(),
            wire.text_start.map(|s| s + cursor),
        ),
        None => (
            Vec::new(),
            separator_end(line, cursor).or_else(|| prose_start(line, cursor)),
        ),
    };
    Some(DateHeader {
        date: LineDate {
            date,
            time,
            span: date_span,
        },
        places,
        text_start,
    })
}

/// A wire dateline at the start of a text: `MOSCOW — `, `BAKU, Azerbaijan, Oct.29`,
/// `VAN, Turkey, March 16 (Agency) - `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WireDateline {
    pub places: Vec<Field>,
    /// Where the prose starts after the separator (None: the line is all dateline).
    pub text_start: Option<usize>,
    /// End of the dateline proper (before the separator).
    pub end: usize,
    /// The full date it gives, if any (`NEW YORK, October 30, 1989 —`): the
    /// publication date of a wire copy that states none elsewhere.
    pub date: Option<LineDate>,
}

/// Reads a wire dateline at the start of `text` (offsets relative to `text`).
pub(super) fn parse_wire_dateline(text: &str) -> Option<WireDateline> {
    let bytes = text.as_bytes();
    let mut i = bytes
        .iter()
        .take_while(|b| **b == b' ' || **b == b'\t')
        .count();
    let mut places = Vec::new();
    // Upper-case place names separated by `/` (BAKU/YEREVAN, NEW YORK).
    loop {
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_uppercase()
                || (i > start && matches!(bytes[i], b' ' | b'-' | b'.' | b'\'')))
        {
            if bytes[i] == b' ' && !(i + 1 < bytes.len() && bytes[i + 1].is_ascii_uppercase()) {
                break;
            }
            i += 1;
        }
        let word = text.get(start..i)?.trim_end();
        let letters = word.chars().filter(|c| c.is_ascii_uppercase()).count();
        // A lone capital letter or a sentence-initial capitalised word is not a dateline.
        if letters < 2 || i < bytes.len() && bytes[i].is_ascii_lowercase() {
            return None;
        }
        places.push(Field {
            value: title_case(word),
            span: Span::new(start, start + word.len()),
        });
        if i < bytes.len() && bytes[i] == b'/' {
            i += 1;
            continue;
        }
        break;
    }
    let mut end = places.last().map(|p| p.span.end)?;
    let mut date = None;
    i = end;
    // Optional `, Region` / `, Month Day` / `(Agency)` parts.
    loop {
        let rest = text.get(i..)?;
        let t = rest.trim_start_matches([' ', ',']);
        if t.len() == rest.len() || t.is_empty() {
            if let Some(p) = rest.strip_prefix(' ').filter(|p| p.starts_with('(')) {
                i += 1 + paren_len(p)?;
                end = i;
                continue;
            }
            break;
        }
        let consumed = rest.len() - t.len();
        if t.starts_with('(') {
            i += consumed + paren_len(t)?;
            end = i;
            continue;
        }
        // A full date: `October 30, 1989`, `Oct. 8, 2020`, `9 October 2020`.
        if date.is_none() {
            if let Some((d, len)) = month_day_year(t).or_else(|| day_month_year(t)) {
                let start = i + consumed;
                date = Some(LineDate {
                    date: d,
                    time: None,
                    span: Span::new(start, start + len),
                });
                i = start + len;
                end = i;
                continue;
            }
        }
        let word_len = t.find([' ', ',', '(']).unwrap_or(t.len());
        let word = t.get(..word_len)?;
        let first = word.chars().next()?;
        if !first.is_uppercase() || word.len() > 30 {
            break;
        }
        i += consumed + word_len;
        // A month followed by a day number (`March 16`, `Oct.29`).
        if month_number(word.split('.').next().unwrap_or(word)).is_some() {
            let after = text.get(i..)?;
            let digits = after
                .trim_start()
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if digits > 0 {
                i += after.len() - after.trim_start().len() + digits;
            }
        }
        end = i;
    }
    let text_start = separator_end(text, end);
    let rest_of_line = text.get(end..)?.split(['\n', '\r']).next().unwrap_or("");
    if text_start.is_none() && !rest_of_line.trim().is_empty() {
        return None; // prose follows with no separator: a capitalised sentence start
    }
    Some(WireDateline {
        places,
        text_start,
        end,
        date,
    })
}

/// After a dateline: skips ` -- `, ` — `, ` – `, ` - `, ` / ` and returns
/// where the prose starts.
fn separator_end(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let t = rest.trim_start_matches([' ', ',', ':']);
    for sep in ["--", "\u{2014}", "\u{2013}", "-", "/"] {
        if let Some(after) = t.strip_prefix(sep) {
            let body = after.trim_start_matches([' ', '\t']);
            if body.is_empty() || body.starts_with(['\n', '\r']) {
                return None;
            }
            return Some(from + rest.len() - body.len());
        }
    }
    None
}

/// `date 2021-03-26 Egypt earns ...`: prose on the header line with no
/// dateline or separator before it is still the article's text.
fn prose_start(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let line = rest.split(['\n', '\r']).next()?;
    let skip = line.len() - line.trim_start().len();
    // `X -- ` with nothing after is a dateline with no prose, not prose.
    let separated = ["--", "\u{2014}", "\u{2013}", " - ", " / "]
        .iter()
        .any(|sep| line.contains(sep));
    let words = line.split_whitespace().count();
    (!separated && words >= 2).then_some(from + skip)
}

fn paren_len(s: &str) -> Option<usize> {
    let close = s.find(')')?;
    (close < 40).then_some(close + 1)
}

/// `BAKU` → `Baku`, `NEW YORK` → `New York`.
pub(super) fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut at_start = true;
    for c in word.chars() {
        if at_start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        at_start = matches!(c, ' ' | '-' | '/' | '\'');
    }
    out
}

/// A line that is (almost) only a date: `October 9, 2020`, `Friday, 9 October 2020 10:32`,
/// `Posted: 16/03/2024 09:40`, `Published: 2020-10-09`, `Updated Oct. 9, 2020 at 4:05 p.m.`.
pub(super) fn parse_date_line(line: &str) -> Option<LineDate> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > 80 {
        return None;
    }
    let lead = line.len() - line.trim_start().len();
    let mut body = trimmed;
    let mut offset = lead;
    if let Some(colon) = body.find(':') {
        let label = body.get(..colon)?.trim().to_ascii_lowercase();
        if matches!(
            label.as_str(),
            "posted" | "published" | "date" | "updated" | "first published" | "last updated"
        ) {
            let after = body.get(colon + 1..)?;
            offset += colon + 1 + (after.len() - after.trim_start().len());
            body = after.trim_start();
        }
    }
    for label in [
        "Published on ",
        "Published ",
        "Posted on ",
        "Posted ",
        "Updated ",
    ] {
        if let Some(rest) = body.strip_prefix(label) {
            offset += label.len();
            body = rest;
        }
    }
    let found = find_date(body)?;
    // The date must be most of the line: other words make it prose.
    let leftover: usize = body.len() - found.span.len();
    let words_left = body
        .get(..found.span.start)?
        .split_whitespace()
        .chain(body.get(found.span.end..)?.split_whitespace())
        .filter(|w| !is_date_filler(w))
        .count();
    if words_left > 1 || leftover > 30 {
        return None;
    }
    Some(LineDate {
        span: Span::new(found.span.start + offset, found.span.end + offset),
        ..found
    })
}

/// Finds the first full date (with a year) in a short text.
pub(super) fn find_date(text: &str) -> Option<LineDate> {
    let mut start = 0;
    while start < text.len() {
        if let Some(found) = date_at(text, start) {
            return Some(found);
        }
        // Advance to the next word start.
        let rest = text.get(start..)?;
        let skip = rest
            .find(|c: char| !c.is_alphanumeric())
            .map(|p| p + 1)
            .unwrap_or(rest.len());
        start += skip;
        while start < text.len() && !text.is_char_boundary(start) {
            start += 1;
        }
    }
    None
}

fn date_at(text: &str, start: usize) -> Option<LineDate> {
    let s = text.get(start..)?;
    let (date, mut len) = if let Some(found) = iso_date(s) {
        found
    } else if let Some(found) = numeric_date(s) {
        found
    } else if let Some(found) = month_day_year(s) {
        found
    } else {
        day_month_year(s)?
    };
    let mut time = None;
    let after = s.get(len..)?;
    let after_trim = after
        .trim_start_matches([' ', ','])
        .trim_start_matches("at ")
        .trim_start();
    if let Some((t, tlen)) = clock_time(after_trim) {
        time = Some(t);
        len += after.len() - after_trim.len() + tlen;
    }
    Some(LineDate {
        date,
        time,
        span: Span::new(start, start + len),
    })
}

/// `2020-10-08` at the start of `s`: (date, length).
pub(super) fn iso_date(s: &str) -> Option<(NaiveDate, usize)> {
    let b = s.as_bytes();
    if b.len() < 10 || !(b[4] == b'-' || b[4] == b'/') || b[7] != b[4] {
        return None;
    }
    let y = digits(s.get(0..4)?)?;
    let m = digits(s.get(5..7)?)?;
    let d = digits(s.get(8..10)?)?;
    if b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((NaiveDate::from_ymd_opt(y as i32, m, d)?, 10))
}

/// `16/03/2024`, `03.16.2024`: day-first unless only month-first is valid.
fn numeric_date(s: &str) -> Option<(NaiveDate, usize)> {
    let len = s
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'/' | b'.' | b'-'))
        .count();
    let part = s.get(..len)?.trim_end_matches(['.', '-', '/']);
    let sep = part.bytes().find(|b| !b.is_ascii_digit())?;
    let fields: Vec<&str> = part.split(sep as char).collect();
    if fields.len() != 3 || fields[2].len() != 4 || fields[0].len() > 2 || fields[1].len() > 2 {
        return None;
    }
    let (a, b, y) = (
        digits(fields[0])?,
        digits(fields[1])?,
        digits(fields[2])? as i32,
    );
    let date = NaiveDate::from_ymd_opt(y, b, a).or_else(|| NaiveDate::from_ymd_opt(y, a, b))?;
    Some((date, part.len()))
}

/// `October 9, 2020`, `Oct. 9, 2020`, `October 09 2020`.
fn month_day_year(s: &str) -> Option<(NaiveDate, usize)> {
    let word_len = s
        .find(|c: char| !c.is_ascii_alphabetic() && c != '.')
        .unwrap_or(s.len());
    let month = month_number(s.get(..word_len)?)?;
    let rest = s.get(word_len..)?;
    let r1 = rest.trim_start();
    let day_len = r1.bytes().take_while(u8::is_ascii_digit).count();
    if day_len == 0 || day_len > 2 {
        return None;
    }
    let day = digits(r1.get(..day_len)?)?;
    let r2 = r1.get(day_len..)?;
    let r2 = r2
        .strip_prefix("st")
        .or(r2.strip_prefix("nd"))
        .or(r2.strip_prefix("rd"))
        .or(r2.strip_prefix("th"))
        .unwrap_or(r2);
    let r3 = r2.trim_start_matches(',').trim_start();
    let year_len = r3.bytes().take_while(u8::is_ascii_digit).count();
    if year_len != 4 {
        return None;
    }
    let year = digits(r3.get(..4)?)? as i32;
    let len = s.len() - r3.len() + 4;
    Some((NaiveDate::from_ymd_opt(year, month, day)?, len))
}

/// `9 October 2020`.
fn day_month_year(s: &str) -> Option<(NaiveDate, usize)> {
    let day_len = s.bytes().take_while(u8::is_ascii_digit).count();
    if day_len == 0 || day_len > 2 {
        return None;
    }
    let day = digits(s.get(..day_len)?)?;
    let r1 = s.get(day_len..)?.trim_start();
    let word_len = r1
        .find(|c: char| !c.is_ascii_alphabetic() && c != '.')
        .unwrap_or(r1.len());
    let month = month_number(r1.get(..word_len)?)?;
    let r2 = r1.get(word_len..)?.trim_start_matches(',').trim_start();
    let year_len = r2.bytes().take_while(u8::is_ascii_digit).count();
    if year_len != 4 {
        return None;
    }
    let year = digits(r2.get(..4)?)? as i32;
    let len = s.len() - r2.len() + 4;
    Some((NaiveDate::from_ymd_opt(year, month, day)?, len))
}

/// `09:40`, `4:05 p.m.`, `10:32 AM` at the start of `s`.
fn clock_time(s: &str) -> Option<((u32, u32), usize)> {
    let h_len = s.bytes().take_while(u8::is_ascii_digit).count();
    if h_len == 0 || h_len > 2 || s.as_bytes().get(h_len) != Some(&b':') {
        return None;
    }
    let h = digits(s.get(..h_len)?)?;
    let m = digits(s.get(h_len + 1..h_len + 3)?)?;
    let mut len = h_len + 3;
    let rest = s.get(len..)?;
    let r = rest.trim_start();
    let lower = r.to_ascii_lowercase();
    let mut hour = h;
    for (suffix, pm) in [("p.m.", true), ("pm", true), ("a.m.", false), ("am", false)] {
        if lower.starts_with(suffix) {
            len += rest.len() - r.len() + suffix.len();
            hour = match (pm, h) {
                (true, 12) | (false, 12) if !pm => 0,
                (true, h) if h < 12 => h + 12,
                (_, h) => h,
            };
            break;
        }
    }
    (hour < 24 && m < 60).then_some(((hour, m), len))
}

/// `/2020/10/09/` or `/2020-10-09` inside a URL.
pub(super) fn date_in_url(line: &str) -> Option<NaiveDate> {
    let b = line.as_bytes();
    for i in 0..b.len().saturating_sub(10) {
        if b[i] != b'/' {
            continue;
        }
        let s = line.get(i + 1..)?;
        if let Some((date, _)) = iso_date(s) {
            return Some(date);
        }
        let parts: Vec<&str> = s.splitn(4, '/').collect();
        if parts.len() >= 3 && parts[0].len() == 4 && parts[1].len() == 2 {
            let day = parts[2]
                .get(..2)
                .filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
            if let (Some(y), Some(m), Some(d)) =
                (digits(parts[0]), digits(parts[1]), day.and_then(digits))
            {
                if (1900..2200).contains(&y) {
                    if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                        return Some(date);
                    }
                }
            }
        }
    }
    None
}

/// `Andrew Roth in Moscow`: a byline without `By` (two or three capitalised
/// words, `in`, a capitalised place). Only trusted under a title: on its own
/// "Talks Open in Moscow" has the same shape.
pub(super) fn name_in_place(line: &str) -> Option<(Field, Option<Field>)> {
    let lead = line.len() - line.trim_start().len();
    let t = line.trim();
    let (name, place) = t.split_once(" in ")?;
    let capitalised = |s: &str| {
        s.split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let words = name.split_whitespace().count();
    if !(2..=3).contains(&words)
        || !capitalised(name)
        || !capitalised(place)
        || place.split_whitespace().count() > 3
    {
        return None;
    }
    Some((
        Field {
            value: name.to_string(),
            span: Span::new(lead, lead + name.len()),
        },
        None,
    ))
}

/// A byline (`By Hervé Bar for AFP`, `By Associated Press`): (author, outlet),
/// offsets relative to the line.
pub(super) fn parse_byline(line: &str) -> Option<(Field, Option<Field>)> {
    let lead = line.len() - line.trim_start().len();
    let t = line.trim();
    let rest = t.strip_prefix("By ").or_else(|| t.strip_prefix("by "))?;
    let start = lead + 3;
    if rest.split_whitespace().count() > 12
        || rest.ends_with('.') && rest.split_whitespace().count() > 6
    {
        return None;
    }
    let first = rest.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    // Cut a trailing `| October 9, 2020` or `, updated ...`.
    let core_len = rest.find(['|', '\u{2022}']).unwrap_or(rest.len());
    let core = rest.get(..core_len)?.trim_end();
    let (author, outlet) = match core.find(" for ") {
        Some(p) => {
            let outlet = core.get(p + 5..)?.trim();
            let outlet_start =
                start + p + 5 + (core.get(p + 5..)?.len() - core.get(p + 5..)?.trim_start().len());
            (
                core.get(..p)?,
                Some(Field {
                    value: outlet.to_string(),
                    span: Span::new(outlet_start, outlet_start + outlet.len()),
                }),
            )
        }
        None => (core, None),
    };
    let author = author.trim();
    Some((
        Field {
            value: author.to_string(),
            span: Span::new(start, start + author.len()),
        },
        outlet,
    ))
}

/// Words that may stand beside a date on a date line: weekdays, clock times
/// (`03.12`, `4:05`), time zones (`BST`, `UTC`), `at`, `|`.
fn is_date_filler(w: &str) -> bool {
    let w = w.trim_end_matches(',');
    is_weekday(w)
        || matches!(
            w,
            "at" | "|" | "-" | "on" | "\u{2022}" | "am" | "pm" | "a.m." | "p.m." | "AM" | "PM"
        )
        || (w.len() <= 5
            && w.contains(['.', ':'])
            && w.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b':'))
        || (2..=5).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_uppercase())
            && (w.ends_with('T') || w == "UTC")
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "wed"
            | "thu"
            | "fri"
            | "sat"
            | "sun"
    )
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn date_header_line() {
        let line = " date 2020-10-08 BAKU/YEREVAN -- The situation";
        let h = parse_date_header(line).unwrap();
        assert_eq!(h.date.date, d(2020, 10, 8));
        let names: Vec<_> = h.places.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(names, ["Baku", "Yerevan"]);
        assert_eq!(&line[h.places[1].span.range()], "YEREVAN");
        assert_eq!(&line[h.text_start.unwrap()..], "The situation");
    }

    #[test]
    fn prose_on_a_date_header_line_without_a_dateline_is_text() {
        let line = "date 2021-03-26 Egypt earns about $5.6 billion a year.";
        let h = parse_date_header(line).unwrap();
        assert!(h.places.is_empty());
        assert_eq!(
            &line[h.text_start.unwrap()..],
            "Egypt earns about $5.6 billion a year."
        );
        // A date and a time alone leave no text.
        assert_eq!(
            parse_date_header("date 2021-03-26 10:32  ")
                .unwrap()
                .text_start,
            None
        );
        let h = parse_date_header("date 2021-03-26 X -- ").unwrap();
        assert_eq!(h.text_start, None);
    }

    #[test]
    fn date_header_with_region_and_day() {
        let h = parse_date_header(" date 2020-10-29 BAKU, Azerbaijan, Oct.29").unwrap();
        assert_eq!(h.places.len(), 1);
        assert_eq!(h.places[0].value, "Baku");
        assert_eq!(h.text_start, None);
    }

    #[test]
    fn wire_datelines() {
        let w = parse_wire_dateline("MOSCOW \u{2014} Russia moved").unwrap();
        assert_eq!(w.places[0].value, "Moscow");
        let w = parse_wire_dateline("VAN, Turkey, March 16 (Agency) - Rescuers searched").unwrap();
        assert_eq!(w.places[0].value, "Van");
        assert_eq!(
            &"VAN, Turkey, March 16 (Agency) - Rescuers searched"[w.text_start.unwrap()..],
            "Rescuers searched"
        );
        assert_eq!(w.date, None);
        assert!(parse_wire_dateline("Russia moved to stop").is_none());
        assert!(parse_wire_dateline("A cease-fire must be agreed").is_none());
        assert!(parse_wire_dateline("EU foreign-policy chief said").is_none());
    }

    #[test]
    fn wire_datelines_with_a_full_date() {
        let cases = [
            (
                "NEW YORK, October 30, 1989 \u{2014} Stocks fell",
                d(1989, 10, 30),
                "October 30, 1989",
                "New York",
            ),
            (
                "WASHINGTON (Reuters), Oct. 8, 2020 - The Fed said",
                d(2020, 10, 8),
                "Oct. 8, 2020",
                "Washington",
            ),
            (
                "BAKU, Azerbaijan, October 9, 2020 / Trend / Armenia",
                d(2020, 10, 9),
                "October 9, 2020",
                "Baku",
            ),
            (
                "LONDON, 9 October 2020 -- Shares rose",
                d(2020, 10, 9),
                "9 October 2020",
                "London",
            ),
        ];
        for (line, date, surface, place) in cases {
            let w = parse_wire_dateline(line).unwrap_or_else(|| panic!("{line}"));
            let found = w.date.unwrap_or_else(|| panic!("no date in {line}"));
            assert_eq!(found.date, date, "{line}");
            assert_eq!(&line[found.span.range()], surface, "{line}");
            assert_eq!(w.places[0].value, place, "{line}");
            assert!(w.text_start.is_some(), "{line}");
        }
        // A month and day without a year is no publication date.
        let w = parse_wire_dateline("VAN, Turkey, March 16 (Agency) - Rescuers").unwrap();
        assert_eq!(w.date, None);
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            parse_date_line("October 9, 2020").unwrap().date,
            d(2020, 10, 9)
        );
        assert_eq!(
            parse_date_line("October 09, 2020").unwrap().date,
            d(2020, 10, 9)
        );
        assert_eq!(
            parse_date_line("9 October 2020").unwrap().date,
            d(2020, 10, 9)
        );
        assert_eq!(
            parse_date_line("Friday, October 9, 2020").unwrap().date,
            d(2020, 10, 9)
        );
        let p = parse_date_line("Posted: 16/03/2024 09:40").unwrap();
        assert_eq!((p.date, p.time), (d(2024, 3, 16), Some((9, 40))));
        assert_eq!(
            parse_date_line("Updated Oct. 9, 2020 at 4:05 p.m.")
                .unwrap()
                .time,
            Some((16, 5))
        );
        assert!(parse_date_line("The talks on October 9, 2020 failed to reach a deal").is_none());
        assert!(parse_date_line("Published 4 years ago on").is_none());
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_in_url("https://www.themoscowtimes.com/2020/10/09/moscow-hosts-a71700"),
            Some(d(2020, 10, 9))
        );
        assert_eq!(
            date_in_url("https://x.com/news/2020-10-09-talks"),
            Some(d(2020, 10, 9))
        );
        assert_eq!(date_in_url("https://x.com/a/b"), None);
    }

    #[test]
    fn bylines() {
        let (a, o) = parse_byline("By Hervé Bar for AFP").unwrap();
        assert_eq!(a.value, "Hervé Bar");
        assert_eq!(o.unwrap().value, "AFP");
        assert_eq!(
            parse_byline("By Associated Press").unwrap().0.value,
            "Associated Press"
        );
        assert!(parse_byline("By the end of the day, nothing had changed in the city.").is_none());
    }
}
