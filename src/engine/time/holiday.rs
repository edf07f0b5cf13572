//! Named days: the feasts and shopping days whose date moves from year to
//! year (`Good Friday`, `Thanksgiving`, `Black Friday`), and the epithets that
//! turn a weekday into the name of one particular day (`Black Monday`,
//! `Super Tuesday`), which is then no reference to the nearest Monday.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A named day whose date a rule of the calendar gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feast {
    /// Days from Easter Sunday (`Good Friday` -2, `Easter Monday` +1).
    Easter(i64),
    /// Days from US Thanksgiving, the fourth Thursday of November
    /// (`Black Friday` +1, `Cyber Monday` +4).
    Thanksgiving(i64),
    /// US Election Day: the Tuesday after the first Monday of November.
    ElectionDay,
    /// The `n`-th (`-1`: last) weekday of a month (`Labor Day`: the first
    /// Monday of September).
    NthWeekday {
        month: u32,
        weekday: Weekday,
        n: i32,
    },
}

impl Feast {
    /// Its date in `year`; `None` outside the calendar's range.
    pub fn date_in(self, year: i32) -> Option<NaiveDate> {
        match self {
            Feast::Easter(off) => shift(easter_sunday(year)?, off),
            Feast::Thanksgiving(off) => shift(nth_weekday(year, 11, Weekday::Thu, 4)?, off),
            Feast::ElectionDay => shift(nth_weekday(year, 11, Weekday::Mon, 1)?, 1),
            Feast::NthWeekday { month, weekday, n } => nth_weekday(year, month, weekday, n),
        }
    }
}

/// `Martin Luther King Jr. Day`: the third Monday of January.
pub const MARTIN_LUTHER_KING_DAY: Feast = Feast::NthWeekday {
    month: 1,
    weekday: Weekday::Mon,
    n: 3,
};

/// The feast two words name (`good friday`, `black friday`, `labor day`),
/// lower-cased; the second word may be absent for one-word names (`easter`,
/// `thanksgiving`). Returns the feast and how many words it took.
pub fn feast(first: &str, second: &str) -> Option<(Feast, usize)> {
    let two = match (first, second) {
        ("good", "friday") => Some(Feast::Easter(-2)),
        ("holy" | "maundy", "thursday") => Some(Feast::Easter(-3)),
        ("holy", "saturday") => Some(Feast::Easter(-1)),
        ("easter", "sunday") => Some(Feast::Easter(0)),
        ("easter", "monday") => Some(Feast::Easter(1)),
        ("palm", "sunday") => Some(Feast::Easter(-7)),
        ("ash", "wednesday") => Some(Feast::Easter(-46)),
        ("shrove" | "fat", "tuesday") => Some(Feast::Easter(-47)),
        ("whit", "sunday") => Some(Feast::Easter(49)),
        ("thanksgiving", "day") => Some(Feast::Thanksgiving(0)),
        ("black", "friday") => Some(Feast::Thanksgiving(1)),
        ("cyber", "monday") => Some(Feast::Thanksgiving(4)),
        ("election", "day") => Some(Feast::ElectionDay),
        ("labor", "day") => Some(Feast::NthWeekday {
            month: 9,
            weekday: Weekday::Mon,
            n: 1,
        }),
        ("memorial", "day") => Some(Feast::NthWeekday {
            month: 5,
            weekday: Weekday::Mon,
            n: -1,
        }),
        ("mlk", "day") => Some(MARTIN_LUTHER_KING_DAY),
        ("presidents", "day") => Some(Feast::NthWeekday {
            month: 2,
            weekday: Weekday::Mon,
            n: 3,
        }),
        ("columbus", "day") => Some(Feast::NthWeekday {
            month: 10,
            weekday: Weekday::Mon,
            n: 2,
        }),
        // The US dates (the UK's Mothering Sunday follows Easter).
        ("mother's", "day") => Some(Feast::NthWeekday {
            month: 5,
            weekday: Weekday::Sun,
            n: 2,
        }),
        ("father's", "day") => Some(Feast::NthWeekday {
            month: 6,
            weekday: Weekday::Sun,
            n: 3,
        }),
        _ => None,
    };
    if let Some(f) = two {
        return Some((f, 2));
    }
    match first {
        "easter" => Some((Feast::Easter(0), 1)),
        "pentecost" => Some((Feast::Easter(49), 1)),
        "thanksgiving" => Some((Feast::Thanksgiving(0), 1)),
        _ => None,
    }
}

/// True for a word that, capitalised before a weekday, names one particular
/// day rather than the nearest one (`Black Monday`, `Bloody Sunday`,
/// `Super Tuesday`, and the feasts of `feast`).
pub fn is_weekday_epithet(w: &str) -> bool {
    matches!(
        w,
        "black"
            | "bloody"
            | "super"
            | "blue"
            | "cyber"
            | "giving"
            | "good"
            | "holy"
            | "maundy"
            | "easter"
            | "palm"
            | "ash"
            | "shrove"
            | "fat"
            | "whit"
    )
}

/// Easter Sunday of the Gregorian calendar (the anonymous computus).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    if !(1583..=9999).contains(&year) {
        return None;
    }
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The `n`-th `weekday` of `month` (from 1), or the last one for `n == -1`.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: i32) -> Option<NaiveDate> {
    if n < 0 {
        let next_first = if month == 12 {
            NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let last = next_first.pred_opt()?;
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return last.checked_sub_days(Days::new(u64::from(back)));
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let ahead = (7 + weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    let weeks = u64::try_from(n.checked_sub(1)?).ok()?;
    first.checked_add_days(Days::new(u64::from(ahead) + 7 * weeks))
}

fn shift(d: NaiveDate, off: i64) -> Option<NaiveDate> {
    if off >= 0 {
        d.checked_add_days(Days::new(off.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(off.unsigned_abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feasts_fall_on_their_known_dates() {
        let cases: &[(&str, &str, i32, &str)] = &[
            ("easter", "", 2024, "2024-03-31"),
            ("easter", "", 2000, "2000-04-23"),
            ("good", "friday", 2020, "2020-04-10"),
            ("easter", "monday", 2021, "2021-04-05"),
            ("ash", "wednesday", 2024, "2024-02-14"),
            ("thanksgiving", "", 2020, "2020-11-26"),
            ("black", "friday", 2019, "2019-11-29"),
            ("cyber", "monday", 2008, "2008-12-01"),
            ("labor", "day", 2020, "2020-09-07"),
            ("memorial", "day", 2021, "2021-05-31"),
            ("election", "day", 2020, "2020-11-03"),
            ("election", "day", 2016, "2016-11-08"),
        ];
        for (a, b, year, want) in cases {
            let (f, _) = feast(a, b).unwrap_or_else(|| panic!("{a} {b} not a feast"));
            let got = f.date_in(*year).map(|d| d.to_string());
            assert_eq!(got.as_deref(), Some(*want), "{a} {b} {year}");
        }
    }

    #[test]
    fn hostile_years_give_no_date() {
        assert_eq!(Feast::Easter(0).date_in(i32::MAX), None);
        assert_eq!(Feast::Thanksgiving(1).date_in(i32::MIN), None);
        assert!(feast("black", "monday").is_none());
        assert!(is_weekday_epithet("black"));
    }
}
