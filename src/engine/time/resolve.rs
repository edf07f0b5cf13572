//! Resolution: turns what an expression says (`Core`) into a TIMEX3 value
//! against its anchor (the publication date, an embed's own date, or the
//! narrative's last date), the way a newsroom reader would.

use chrono::{Datelike, Days, NaiveDate};

use super::holiday::Feast;
use super::lexicon::Unit;
use super::recognise::{Clock, Core, Expr, YearRef};
use super::{Tense, TimexType};
use crate::engine::config::NumericDateOrder;

/// What resolution needs besides the expression.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The date deictic expressions (`yesterday`, `on Thursday`) speak from.
    pub anchor: Option<NaiveDate>,
    /// The date anaphoric and year-less expressions hang on: the anchor, or
    /// in a narrative far from the publication date, the last date mentioned.
    pub reference: Option<NaiveDate>,
    /// True in a narrative far from the publication date: a year-less date
    /// takes the year of the last date mentioned (as HeidelTime's narrative mode).
    pub narrative: bool,
    /// The last day mentioned before (`the next day`, `at 18:00` hang on it).
    pub last_day: Option<NaiveDate>,
    /// The last date of any granularity mentioned before (`five years later`).
    pub last_mentioned: Option<NaiveDate>,
    /// The latest calendar values mentioned, oldest first (`2009-02`,
    /// `2009-Q3`), for `the same period a year earlier`.
    pub recent: &'a [String],
    pub tense: Tense,
    pub order: NumericDateOrder,
}

/// A resolved value.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub kind: TimexType,
    pub value: String,
    pub day: Option<NaiveDate>,
    /// True when the text states the whole value itself.
    pub absolute: bool,
    /// The date used, when the value depends on one.
    pub anchor: Option<NaiveDate>,
    pub rule: &'static str,
    /// The year (and month) the text states, for the narrative reference.
    pub explicit: Option<(i32, Option<u32>, Option<u32>)>,
}

/// Resolves one expression.
pub fn resolve(e: &Expr, cx: &Context<'_>) -> Resolved {
    let mut r = resolve_core(&e.core, cx, e.rule);
    if let Some(clock) = e.clock {
        r.kind = TimexType::Time;
        let base = if r.value.len() == 10 || r.value.starts_with("XXXX") {
            r.value.clone()
        } else {
            "XXXX-XX-XX".into()
        };
        r.value = match clock {
            Clock::At(h, m, zulu) => format!("{base}T{h:02}:{m:02}{}", if zulu { "Z" } else { "" }),
            Clock::Part(p) => format!("{base}T{p}"),
        };
    }
    r
}

fn resolve_core(core: &Core, cx: &Context<'_>, rule: &'static str) -> Resolved {
    let date_res =
        |value: String, day: Option<NaiveDate>, absolute: bool, anchor: Option<NaiveDate>, rule| {
            Resolved {
                kind: TimexType::Date,
                value,
                day,
                absolute,
                anchor,
                rule,
                explicit: None,
            }
        };
    match *core {
        Core::Date {
            year, month, day, ..
        } => resolve_date(year, month, day, cx, rule),
        Core::Weekday(wd) => match cx.anchor {
            // No tense to go by: the same weekday the text last named
            // (`City face Southampton on Wednesday 10 March ... Kick-off on
            // Wednesday is at 8.15pm`), when it lies within the anchor's week.
            Some(a) => {
                let named = (cx.tense == Tense::Unknown)
                    .then(|| same_weekday_named(cx, a, wd))
                    .flatten();
                let (d, rule) = match named {
                    Some(d) => (d, "weekday-named-before"),
                    None => weekday_by_tense(a, wd, cx.tense),
                };
                date_res(iso(d), Some(d), false, Some(a), rule)
            }
            None => date_res(
                format!("XXXX-WXX-{wd}"),
                None,
                false,
                None,
                "weekday-unanchored",
            ),
        },
        Core::Weekend => match cx.anchor {
            Some(a) => {
                let today = a.weekday().number_from_monday();
                // Past: the weekend before (or this one, on a weekend); else this week's.
                let week_of = if cx.tense == Tense::Past && today < 6 {
                    add_days(a, -7).unwrap_or(a)
                } else {
                    a
                };
                let w = week_of.iso_week();
                date_res(
                    format!("{:04}-W{:02}-WE", w.year(), w.week()),
                    None,
                    false,
                    Some(a),
                    "weekend-by-tense",
                )
            }
            None => date_res(
                "XXXX-WXX-WE".into(),
                None,
                false,
                None,
                "weekend-unanchored",
            ),
        },
        Core::WeekdayShift(wd, off) => match cx.anchor {
            Some(a) => {
                let d = weekday_shift(a, wd, off);
                date_res(iso(d), Some(d), false, Some(a), "shifted-weekday")
            }
            None => date_res(
                format!("XXXX-WXX-{wd}"),
                None,
                false,
                None,
                "weekday-unanchored",
            ),
        },
        // A clock time alone (`at 18:00 UTC`) is on the day last mentioned.
        Core::DayOffset(0) if rule == "clock" && cx.last_day.is_some() => date_res(
            cx.last_day.map(iso).unwrap_or_default(),
            cx.last_day,
            false,
            cx.last_day,
            "clock-last-day",
        ),
        // `the day` (`ended the day at`, `the start of the day`): the day the
        // story last spoke of, else the anchor's.
        Core::StoryDay => match cx.last_day {
            Some(d) => date_res(iso(d), Some(d), false, Some(d), "the-day"),
            None => resolve_core(&Core::DayOffset(0), cx, rule),
        },
        Core::YearEarlier(unit) => year_earlier(unit, cx),
        Core::WeekOfMonth(year, month, n) => {
            let mut r = resolve_date(year, Some(month), None, cx, rule);
            let y = r.value.get(0..4).and_then(|y| y.parse::<i32>().ok());
            if let Some(first) = y.and_then(|y| NaiveDate::from_ymd_opt(y, month, 1)) {
                // The week holding most of its days in the month: the one
                // with the 4th for the first, with the 4th-last for the last.
                let last = shifted_first(first, 1).and_then(|d| add_days(d, -1));
                let day = if n < 0 {
                    last.and_then(|l| add_days(l, -3))
                } else {
                    add_days(first, 3 + 7 * (n as i64 - 1))
                };
                if let Some(d) = day {
                    let w = d.iso_week();
                    r.value = format!("{:04}-W{:02}", w.year(), w.week());
                }
            }
            r.day = None;
            r.rule = rule;
            r
        }
        Core::DayOffset(n) => match cx.anchor.and_then(|a| add_days(a, n)) {
            Some(d) => date_res(iso(d), Some(d), false, cx.anchor, rule),
            None => date_res(
                match n {
                    0 => "PRESENT_REF".into(),
                    _ => "XXXX-XX-XX".into(),
                },
                None,
                false,
                None,
                "deictic-unanchored",
            ),
        },
        // In a narrative, `this year` / `this day` speak of the story's time.
        Core::UnitShift(Unit::Day, off) if cx.narrative => {
            shift_unit(cx.last_day.or(cx.reference), Unit::Day, off, rule)
        }
        Core::UnitShift(unit, off) if cx.narrative => shift_unit(cx.reference, unit, off, rule),
        Core::UnitShift(unit, off) => shift_unit(cx.anchor, unit, off, rule),
        Core::Anaphoric(Unit::Day, off) => {
            shift_unit(cx.last_day.or(cx.reference), Unit::Day, off, rule)
        }
        // `five years later`: from the last date the text mentioned.
        Core::Anaphoric(unit, _) if rule == "the-next-unit" && !cx.narrative => Resolved {
            kind: TimexType::Duration,
            ..date_res(
                super::recognise::duration_value(Some(1.0), unit),
                None,
                true,
                None,
                rule,
            )
        },
        // `up 18% in the third quarter from a year earlier`: that quarter a
        // year back (HeidelTime's reference unit).
        Core::Anaphoric(unit, off) if matches!(rule, "n-units-later" | "the-whole-unit") => {
            let same_quarter = (unit == Unit::Year && rule == "n-units-later")
                .then(|| quarter_back(cx, off))
                .flatten();
            same_quarter
                .unwrap_or_else(|| shift_unit(cx.last_mentioned.or(cx.reference), unit, off, rule))
        }
        Core::Anaphoric(unit, off) => shift_unit(cx.reference, unit, off, rule),
        Core::Ago(Unit::Year, amount)
            if rule == "compared-ago" && amount.fract() == 0.0 && amount.abs() < 100.0 =>
        {
            quarter_back(cx, amount as i64).unwrap_or_else(|| ago(cx.anchor, Unit::Year, amount))
        }
        Core::Ago(unit, amount) => ago(cx.anchor, unit, amount),
        Core::LastOf(unit) => match cx.recent.iter().rev().find(|v| value_unit(v) == Some(unit)) {
            Some(v) => date_res(v.clone(), None, false, cx.anchor, "last-of-unit"),
            None => shift_unit(cx.anchor, unit, 0, rule),
        },
        Core::FiscalYear(y) => Resolved {
            explicit: Some((y, None, None)),
            ..date_res(format!("FY{}", year_str(y)), None, true, None, rule)
        },
        Core::Decade(stem) => Resolved {
            explicit: None,
            ..date_res(format!("{stem}X"), None, true, None, rule)
        },
        Core::Century(c) => date_res(format!("{c:02}"), None, true, None, rule),
        Core::BcYear(n) => Resolved {
            explicit: Some((-n, None, None)),
            ..date_res(format!("BC{n:04}"), None, true, None, rule)
        },
        Core::BcDecade(n) => date_res(format!("BC{n:03}"), None, true, None, rule),
        Core::BcCentury(n) => date_res(format!("BC{n:02}"), None, true, None, rule),
        Core::Part(year, code) => {
            let (y, absolute, anchor) = match year {
                YearRef::Explicit(y) => (Some(y), true, None),
                YearRef::Offset(o) => (
                    if cx.narrative {
                        cx.reference
                    } else {
                        cx.anchor
                    }
                    .map(|a| a.year().saturating_add(o as i32)),
                    false,
                    cx.anchor,
                ),
                YearRef::Implicit => {
                    let mid_month = match code {
                        "Q1" => Some(2),
                        "Q2" => Some(5),
                        "Q3" => Some(8),
                        "Q4" => Some(11),
                        _ => None,
                    };
                    let y = match (cx.reference, mid_month) {
                        (Some(r), Some(m)) if !cx.narrative => {
                            Some(pick_year(r, m, None, cx.tense))
                        }
                        (r, _) => r.map(|a| a.year()),
                    };
                    (y, false, cx.reference)
                }
            };
            let value = match y {
                Some(y) => format!("{}-{code}", year_str(y)),
                None => format!("XXXX-{code}"),
            };
            let explicit = match year {
                YearRef::Explicit(y) => Some((y, None, None)),
                _ => None,
            };
            Resolved {
                explicit,
                ..date_res(value, None, absolute, anchor, rule)
            }
        }
        Core::Feast(feast, year) => resolve_feast(feast, year, cx, rule),
        // The last calendar value mentioned, at its own granularity.
        Core::ThatTime => match cx.recent.last() {
            Some(v) => {
                let day = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
                date_res(v.clone(), day, false, day, rule)
            }
            None => date_res("PAST_REF".into(), None, false, None, rule),
        },
        Core::Ref(v) => date_res(v.into(), None, true, None, rule),
        // `in the coming weeks` of news: some time ahead; in a narrative
        // (whose future is no future of the writer's) a vague stretch.
        Core::ComingUnits(_) if !cx.narrative => {
            date_res("FUTURE_REF".into(), None, false, cx.anchor, rule)
        }
        Core::Duration(ref v) | Core::ComingUnits(ref v) => Resolved {
            kind: TimexType::Duration,
            ..date_res(v.clone(), None, true, None, rule)
        },
        Core::Set(ref v) => Resolved {
            kind: TimexType::Set,
            ..date_res(v.clone(), None, true, None, rule)
        },
    }
}

fn resolve_date(
    year: YearRef,
    month: Option<u32>,
    day: Option<u32>,
    cx: &Context<'_>,
    rule: &'static str,
) -> Resolved {
    let (mut month, mut day) = (month, day);
    if rule == "numeric-date" {
        // Stored as first/second number: decide by the configured order,
        // unless only one reading is a valid month.
        let (a, b) = (month.unwrap_or(1), day.unwrap_or(1));
        let day_first = match cx.order {
            NumericDateOrder::DayFirst => b <= 12 || a > 12,
            NumericDateOrder::MonthFirst => a > 12,
        };
        if day_first {
            month = Some(b);
            day = Some(a);
        }
    }
    let mut out = Resolved {
        kind: TimexType::Date,
        value: String::new(),
        day: None,
        absolute: false,
        anchor: None,
        rule,
        explicit: None,
    };
    // `'89` in a story of the 1780s is 1789.
    let year = match (year, cx.reference) {
        (YearRef::Explicit(y), Some(r)) if rule == "year-apostrophe" && cx.narrative => {
            let n = y.rem_euclid(100);
            let century = r.year().div_euclid(100) * 100;
            let best = [century - 100 + n, century + n, century + 100 + n]
                .into_iter()
                .min_by_key(|c| (c - r.year()).abs())
                .unwrap_or(y);
            YearRef::Explicit(best)
        }
        (y, _) => y,
    };
    let y = match year {
        // A named event's year (`September 11 attacks`) is not one the
        // story is told in.
        YearRef::Explicit(y) if rule == "september-11" => Some(y),
        YearRef::Explicit(y) => {
            out.absolute = true;
            out.explicit = Some((y, month, day));
            Some(y)
        }
        YearRef::Offset(off) => if cx.narrative {
            cx.reference
        } else {
            cx.anchor
        }
        .zip(month)
        .map(|(a, m)| {
            out.anchor = Some(a);
            if rule == "month-of-shifted-year" {
                // `October of next year`: the calendar year, whatever the month.
                return a.year().saturating_add(off.clamp(-10_000, 10_000) as i32);
            }
            out.rule = "shifted-month-name";
            let am = a.month() as i64;
            let ay = a.year() as i64;
            let m = m as i64;
            // `last September`: the latest September strictly before this month.
            let y = match off {
                o if o < 0 => {
                    if m < am {
                        ay
                    } else {
                        ay - 1
                    }
                }
                _ => {
                    if m > am {
                        ay
                    } else {
                        ay + 1
                    }
                }
            };
            y as i32
        }),
        YearRef::Implicit => match (cx.reference, month) {
            (Some(r), Some(m)) => {
                out.anchor = Some(r);
                out.rule = if day.is_some() {
                    "nearest-year"
                } else {
                    "nearest-year-month"
                };
                Some(if cx.narrative {
                    r.year()
                } else {
                    pick_year(r, m, day, cx.tense)
                })
            }
            _ => None,
        },
    };
    out.value = match (y, month, day) {
        (Some(y), Some(m), Some(d)) => format!("{}-{m:02}-{d:02}", year_str(y)),
        (Some(y), Some(m), None) => format!("{}-{m:02}", year_str(y)),
        (Some(y), None, _) => year_str(y),
        (None, Some(m), Some(d)) => format!("XXXX-{m:02}-{d:02}"),
        (None, Some(m), None) => format!("XXXX-{m:02}"),
        (None, None, _) => "XXXX".into(),
    };
    out.day = match (y, month, day) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    };
    out
}

/// A named day (`Good Friday`): its date in the year written, else in the
/// year that puts it nearest the reference, biased by tense.
fn resolve_feast(feast: Feast, year: YearRef, cx: &Context<'_>, rule: &'static str) -> Resolved {
    let (y, anchor) = match year {
        YearRef::Explicit(y) => (Some(y), None),
        YearRef::Offset(o) => (
            cx.anchor
                .map(|a| a.year().saturating_add(o.clamp(-10_000, 10_000) as i32)),
            cx.anchor,
        ),
        YearRef::Implicit => (
            cx.reference.map(
                |r| match feast.date_in(r.year()).filter(|_| !cx.narrative) {
                    Some(guess) => pick_year(r, guess.month(), Some(guess.day()), cx.tense),
                    None => r.year(),
                },
            ),
            cx.reference,
        ),
    };
    let day = y.and_then(|y| feast.date_in(y));
    let explicit = match (year, day) {
        (YearRef::Explicit(y), Some(d)) => Some((y, Some(d.month()), Some(d.day()))),
        (YearRef::Explicit(y), None) => Some((y, None, None)),
        _ => None,
    };
    Resolved {
        kind: TimexType::Date,
        value: match (day, y) {
            (Some(d), _) => iso(d),
            (None, Some(y)) => year_str(y),
            (None, None) => "XXXX-XX-XX".into(),
        },
        day,
        absolute: matches!(year, YearRef::Explicit(_)),
        anchor,
        rule,
        explicit,
    }
}

/// The latest day the text mentioned that falls on weekday `wd` (1 =
/// Monday) less than a week from the anchor.
fn same_weekday_named(cx: &Context<'_>, anchor: NaiveDate, wd: u32) -> Option<NaiveDate> {
    cx.recent
        .iter()
        .rev()
        .filter(|v| v.len() == 10)
        .filter_map(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
        .find(|d| {
            d.weekday().number_from_monday() == wd
                && d.signed_duration_since(anchor).num_days().abs() < 7
        })
}

/// The unit of a calendar value (`2009` year, `2009-Q3` quarter, `2009-02`
/// month, `2009-W07` week, `2009-02-03` day); `None` for others.
fn value_unit(v: &str) -> Option<Unit> {
    let b = v.as_bytes();
    if !v
        .get(0..4)
        .is_some_and(|y| y.bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    match (b.get(4), b.get(5), v.len()) {
        (None, _, 4) => Some(Unit::Year),
        (Some(b'-'), Some(b'Q'), 7) => Some(Unit::Quarter),
        (Some(b'-'), Some(b'W'), 8) => Some(Unit::Week),
        (Some(b'-'), Some(c), 7) if c.is_ascii_digit() => Some(Unit::Month),
        (Some(b'-'), Some(c), 10) if c.is_ascii_digit() => Some(Unit::Day),
        _ => None,
    }
}

/// The quarter last mentioned, `years` away, when the text just spoke of a
/// quarter (`the third quarter ... from a year earlier` → that quarter a
/// year back); `None` otherwise.
fn quarter_back(cx: &Context<'_>, years: i64) -> Option<Resolved> {
    let last = cx.recent.last()?;
    if value_unit(last) != Some(Unit::Quarter) {
        return None;
    }
    let y: i32 = last.get(0..4)?.parse().ok()?;
    let q = last.get(4..)?;
    Some(Resolved {
        kind: TimexType::Date,
        value: format!(
            "{}{q}",
            year_str(y.saturating_add(years.clamp(-100, 100) as i32))
        ),
        day: None,
        absolute: false,
        anchor: cx.anchor,
        rule: "year-back-same-quarter",
        explicit: None,
    })
}

/// `the same period last year`: the last value the text mentioned of the
/// unit's granularity (any, for `period`), a year back; without one, the
/// anchor's unit a year back.
fn year_earlier(unit: Option<Unit>, cx: &Context<'_>) -> Resolved {
    let fits = |v: &str| {
        let shape = value_unit(v);
        // A `period` is a month, a quarter or a year, hardly a day or a week.
        match unit {
            Some(u) => shape == Some(u),
            None => matches!(shape, Some(Unit::Month | Unit::Quarter | Unit::Year)),
        }
    };
    let from_text = cx.recent.iter().rev().find(|v| fits(v)).cloned();
    let value = from_text.or_else(|| {
        let a = cx.anchor?;
        Some(match unit {
            Some(Unit::Day) => iso(a),
            Some(Unit::Week) => {
                let w = a.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Some(Unit::Month) => shifted_month(a, 0),
            Some(Unit::Quarter) => shifted_quarter(a, 0),
            _ => year_str(a.year()),
        })
    });
    let shifted = value.and_then(|v| {
        let y: i32 = v.get(0..4)?.parse().ok()?;
        let rest = v.get(4..)?;
        if rest.len() == 6 {
            // A day: 29 February a year back is the 28th.
            let d = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok()?;
            let back = d
                .with_year(y - 1)
                .or_else(|| d.with_day(28).and_then(|d| d.with_year(y - 1)))?;
            return Some((iso(back), Some(back)));
        }
        Some((format!("{}{rest}", year_str(y - 1)), None))
    });
    let (value, day) = shifted.unwrap_or_else(|| ("PAST_REF".into(), None));
    Resolved {
        kind: TimexType::Date,
        value,
        day,
        absolute: false,
        anchor: cx.anchor,
        rule: "year-earlier",
        explicit: None,
    }
}

/// The year that puts `month`/`day` nearest `reference`, biased by tense: a
/// past-tense sentence does not reach more than a month into the future, and
/// a future-tense one not more than a month into the past.
fn pick_year(reference: NaiveDate, month: u32, day: Option<u32>, tense: Tense) -> i32 {
    let ry = reference.year();
    let mut best: Option<(i64, i32)> = None;
    let mut dists = [(0i64, 0i32); 3];
    for (k, y) in [ry - 1, ry, ry + 1].into_iter().enumerate() {
        // Distance in days (month-level: from the month's span).
        let dist = match day {
            Some(d) => {
                let date = NaiveDate::from_ymd_opt(y, month, d.min(28)).unwrap_or(reference);
                date.signed_duration_since(reference).num_days()
            }
            None => {
                let months =
                    (y as i64 * 12 + month as i64) - (ry as i64 * 12 + reference.month() as i64);
                months * 30
            }
        };
        dists[k] = (dist, y);
        if best.is_none_or(|(b, _)| dist.abs() < b.abs()) {
            best = Some((dist, y));
        }
    }
    let Some((dist, y)) = best else { return ry };
    match tense {
        Tense::Past if dist > 31 => dists
            .iter()
            .rev()
            .find(|(d, _)| *d <= 0)
            .map(|(_, y)| *y)
            .unwrap_or(y),
        Tense::Future if dist < -31 => dists
            .iter()
            .find(|(d, _)| *d >= 0)
            .map(|(_, y)| *y)
            .unwrap_or(y),
        _ => y,
    }
}

/// A bare weekday: the latest on or before the anchor when the sentence
/// speaks of the past, the next on or after it when of the future; with no
/// cue, the past (news reports what happened), unless it is the anchor's day.
fn weekday_by_tense(anchor: NaiveDate, wd: u32, tense: Tense) -> (NaiveDate, &'static str) {
    let today = anchor.weekday().number_from_monday();
    let back = (today + 7 - wd) % 7;
    let forward = (wd + 7 - today) % 7;
    match tense {
        Tense::Future => (
            add_days(anchor, forward as i64).unwrap_or(anchor),
            "weekday-future-tense",
        ),
        Tense::Past => (
            add_days(anchor, -(back as i64)).unwrap_or(anchor),
            "weekday-past-tense",
        ),
        Tense::Unknown => (
            add_days(anchor, -(back as i64)).unwrap_or(anchor),
            "weekday-default-past",
        ),
    }
}

/// `last Monday` / `next Monday` / `this Monday`.
fn weekday_shift(anchor: NaiveDate, wd: u32, off: i64) -> NaiveDate {
    let today = anchor.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    let delta = match off {
        o if o < 0 => {
            let back = (today - wd).rem_euclid(7);
            -(if back == 0 { 7 } else { back })
        }
        0 => wd - today,
        _ => {
            let fwd = (wd - today).rem_euclid(7);
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
    };
    add_days(anchor, delta).unwrap_or(anchor)
}

/// The calendar unit containing `anchor` shifted by `off` units.
fn shift_unit(anchor: Option<NaiveDate>, unit: Unit, off: i64, rule: &'static str) -> Resolved {
    let mk = |value: String, day: Option<NaiveDate>| Resolved {
        kind: TimexType::Date,
        value,
        day,
        absolute: false,
        anchor,
        rule,
        explicit: None,
    };
    let Some(a) = anchor else {
        let v = match (unit, off) {
            (_, 0) => "PRESENT_REF",
            (_, o) if o < 0 => "PAST_REF",
            _ => "FUTURE_REF",
        };
        return Resolved {
            anchor: None,
            ..mk(v.into(), None)
        };
    };
    let off32 = off.clamp(-10_000, 10_000) as i32;
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => mk("PRESENT_REF".into(), None),
        Unit::Day => {
            let d = add_days(a, off).unwrap_or(a);
            mk(iso(d), Some(d))
        }
        Unit::Week | Unit::Weekend => {
            let d = add_days(a, off * 7).unwrap_or(a);
            let w = d.iso_week();
            let we = if unit == Unit::Weekend { "-WE" } else { "" };
            mk(format!("{:04}-W{:02}{we}", w.year(), w.week()), None)
        }
        Unit::Month => mk(shifted_month(a, off), None),
        Unit::Quarter => mk(shifted_quarter(a, off), None),
        Unit::Year => mk(year_str(a.year().saturating_add(off32)), None),
        Unit::Decade => mk(
            format!("{}X", a.year().div_euclid(10).saturating_add(off32)),
            None,
        ),
        Unit::Century => mk(
            format!("{:02}", a.year().div_euclid(100).saturating_add(off32)),
            None,
        ),
    }
}

/// The first of the month `months` after `first`'s.
fn shifted_first(first: NaiveDate, months: u32) -> Option<NaiveDate> {
    first.checked_add_months(chrono::Months::new(months))
}

/// The month `months` away from `a`'s (`2020-09` for -1 from October 2020).
fn shifted_month(a: NaiveDate, months: i64) -> String {
    let total = a.year() as i64 * 12 + a.month0() as i64 + months;
    format!(
        "{:04}-{:02}",
        total.div_euclid(12),
        total.rem_euclid(12) + 1
    )
}

/// The quarter `quarters` away from `a`'s (`2020-Q3`).
fn shifted_quarter(a: NaiveDate, quarters: i64) -> String {
    let total = a.year() as i64 * 4 + (a.month0() / 3) as i64 + quarters;
    format!("{:04}-Q{}", total.div_euclid(4), total.rem_euclid(4) + 1)
}

/// `4 years ago` → 2016; `two weeks from now`.
fn ago(anchor: Option<NaiveDate>, unit: Unit, amount: f64) -> Resolved {
    let mk = |value: String, day: Option<NaiveDate>| Resolved {
        kind: TimexType::Date,
        value,
        day,
        absolute: false,
        anchor,
        rule: "ago",
        explicit: None,
    };
    let (Some(a), true) = (anchor, amount.is_finite() && amount.abs() < 100_000.0) else {
        return mk(
            if amount.is_sign_negative() {
                "PAST_REF"
            } else {
                "FUTURE_REF"
            }
            .into(),
            None,
        );
    };
    let n = amount.round() as i64;
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => {
            let hours = match unit {
                Unit::Hour => n,
                _ => 0,
            };
            let d = add_days(a, hours.div_euclid(24)).unwrap_or(a);
            mk(iso(d), Some(d))
        }
        Unit::Day => {
            let d = add_days(a, n).unwrap_or(a);
            mk(iso(d), Some(d))
        }
        Unit::Week | Unit::Weekend => {
            // `a week ago`: that day (news means the date, not the week).
            let d = add_days(a, n * 7).unwrap_or(a);
            mk(iso(d), Some(d))
        }
        Unit::Month => mk(shifted_month(a, n), None),
        Unit::Quarter => mk(shifted_quarter(a, n), None),
        Unit::Year => mk(format!("{:04}", a.year() as i64 + n), None),
        Unit::Decade => mk(
            format!("{}X", (a.year() as i64 + n * 10).div_euclid(10)),
            None,
        ),
        Unit::Century => mk(
            format!("{:02}", (a.year() as i64 + n * 100).div_euclid(100)),
            None,
        ),
    }
}

/// A TIMEX3 year: `2020`, `0999`, and `BC0480` for the negative years that
/// stand for BC in the narrative reference.
fn year_str(y: i32) -> String {
    if y < 0 {
        format!("BC{:04}", y.unsigned_abs())
    } else {
        format!("{y:04}")
    }
}

/// `2020-10-08`.
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}
