//! Recognisers: at each token, try every construction and keep the longest
//! match as an unresolved `Expr` (what the words say, before any anchor).

use super::holiday::{self, Feast};
use super::lexicon::{self, Unit};
use super::scan::{Kind, Tok};

/// The year a partial date belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    /// Written out (`October 9, 2020`).
    Explicit(i32),
    /// Relative to the anchor's year (`this year` 0, `last year` -1).
    Offset(i64),
    /// Not said: the nearest fitting year (`October 7`).
    Implicit,
}

/// What an expression means, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Core {
    /// Calendar parts (`October 7`, `2020-10-08`, `1994`, `October 2020`);
    /// `weekday` is the weekday written next to it (`Tuesday, March 14`).
    Date {
        year: YearRef,
        month: Option<u32>,
        day: Option<u32>,
        weekday: Option<u32>,
    },
    /// A bare weekday (`on Thursday`): resolved by tense.
    Weekday(u32),
    /// `the weekend`: resolved by tense.
    Weekend,
    /// `last Monday` (-1) / `next Monday` (+1) / `this Monday` (0).
    WeekdayShift(u32, i64),
    /// `yesterday` (-1), `today` (0), `tomorrow` (+1).
    DayOffset(i64),
    /// `the day` (`ended the day`, `the start of the day`): the day the
    /// story last spoke of, else the anchor's.
    StoryDay,
    /// The calendar unit containing anchor + offset units (`last week`, `next month`).
    UnitShift(Unit, i64),
    /// The last period of this unit the text mentioned, else the anchor's
    /// (`revenue for the quarter`, `the ninth consecutive quarter`).
    LastOf(Unit),
    /// The same unit as a reference date in the narrative (`the following year`).
    Anaphoric(Unit, i64),
    /// `4 years ago` (negative) / `in two weeks` (positive): a point back or forward.
    Ago(Unit, f64),
    /// `the last week of March` (-1), `the first week of May 2009` (1): the
    /// ISO week holding most of that week of the month.
    WeekOfMonth(YearRef, u32, i32),
    /// `the same period last year`, `the year-earlier quarter`: the period the
    /// text last spoke of (of this unit, or of any when `None`), a year back.
    YearEarlier(Option<Unit>),
    /// `fiscal 2022` → `FY2022`.
    FiscalYear(i32),
    /// `in the coming weeks`: some time ahead (FUTURE_REF) in news; in a
    /// narrative, whose future is not the writer's, this vague duration.
    ComingUnits(String),
    /// `the 1990s` → 199.
    Decade(i32),
    /// `the 20th century` → 19.
    Century(i32),
    /// `499 BC`.
    BcYear(i32),
    /// `the 470s BC` → 47.
    BcDecade(i32),
    /// `the 4th century BC` → 3.
    BcCentury(i32),
    /// `by that time`, `at that time`: the date the text last mentioned.
    ThatTime,
    /// A named day whose date moves with the year (`Good Friday`,
    /// `Thanksgiving`, `Black Friday`).
    Feast(Feast, YearRef),
    /// Season or quarter/half of a year: (year, code `SP`, `Q3`, `H1`).
    Part(YearRef, &'static str),
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Ref(&'static str),
    /// A ready TIMEX3 duration value (`P2W`, `PT6H`, `PXY`).
    Duration(String),
    /// A ready TIMEX3 set value (`XXXX-WXX-5`, `P1W`).
    Set(String),
}

/// A time of day attached to an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Hours and minutes; true when given in UTC/GMT (`Z`).
    At(u32, u32, bool),
    /// `MO`, `AF`, `EV`, `NI`.
    Part(&'static str),
}

/// One recognised expression: token range `[start, end)` of the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub start: usize,
    pub end: usize,
    pub core: Core,
    pub clock: Option<Clock>,
    pub modifier: Option<&'static str>,
    pub rule: &'static str,
}

/// Finds every expression of one paragraph, left to right, non-overlapping.
pub fn recognise(toks: &[Tok<'_>]) -> Vec<Expr> {
    let m = Matcher { t: toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Cheap gate: only numbers and words of the lexicon start an expression.
        if !may_start(&toks[i]) {
            i += 1;
            continue;
        }
        match m.at(i) {
            Some(mut exprs) => {
                let end = exprs
                    .iter()
                    .map(|e| e.end)
                    .max()
                    .unwrap_or(i + 1)
                    .max(i + 1);
                out.append(&mut exprs);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// True when an expression may start at this token (keeps the recognisers
/// off the ordinary words that make up most of a text).
/// The period of `unit` a report speaks of: for quarters, the last one the
/// text mentioned (earnings are reported after the quarter ends); for other
/// units, the anchor's.
fn current_or_reported(unit: Unit) -> Core {
    if unit == Unit::Quarter {
        Core::LastOf(unit)
    } else {
        Core::UnitShift(unit, 0)
    }
}

fn may_start(t: &Tok<'_>) -> bool {
    // (Holidays start with `christmas`, `new`, `valentine's`, `halloween`.)
    match t.kind {
        Kind::Num => true,
        Kind::Punct => t.is('\'') || t.is('’'),
        Kind::Word => {
            let w = t.lc();
            matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "this"
                    | "that"
                    | "last"
                    | "next"
                    | "past"
                    | "previous"
                    | "coming"
                    | "upcoming"
                    | "current"
                    | "currently"
                    | "earlier"
                    | "later"
                    | "late"
                    | "early"
                    | "mid"
                    | "middle"
                    | "yesterday"
                    | "today"
                    | "tomorrow"
                    | "tonight"
                    | "overnight"
                    | "noon"
                    | "midday"
                    | "midnight"
                    | "more"
                    | "less"
                    | "fewer"
                    | "at"
                    | "up"
                    | "no"
                    | "nearly"
                    | "almost"
                    | "under"
                    | "over"
                    | "some"
                    | "about"
                    | "around"
                    | "roughly"
                    | "approximately"
                    | "another"
                    | "half"
                    | "several"
                    | "few"
                    | "many"
                    | "numerous"
                    | "daily"
                    | "weekly"
                    | "monthly"
                    | "yearly"
                    | "annually"
                    | "annual"
                    | "hourly"
                    | "quarterly"
                    | "every"
                    | "each"
                    | "once"
                    | "twice"
                    | "final"
                    | "q"
                    | "fiscal"
                    | "now"
                    | "nowadays"
                    | "recently"
                    | "recent"
                    | "in"
                    | "per"
                    | "christmas"
                    | "new"
                    | "valentine's"
                    | "halloween"
                    | "yesterday's"
                    | "today's"
                    | "tomorrow's"
                    | "thanksgiving"
                    | "election"
                    | "boxing"
                    | "veterans"
                    | "veteran's"
                    | "armistice"
                    | "bastille"
                    | "pentecost"
                    | "labor"
                    | "memorial"
                    | "martin"
                    | "mlk"
                    | "columbus"
                    | "presidents"
                    | "mother's"
                    | "father's"
            ) || lexicon::month(w).is_some()
                || holiday::is_weekday_epithet(w)
                || lexicon::weekday_full(w).is_some()
                || lexicon::number_word(w).is_some()
                || lexicon::ordinal_word(w).is_some()
                || lexicon::unit(w).is_some()
                || lexicon::season(w).is_some()
        }
    }
}

struct Matcher<'t, 'a> {
    t: &'t [Tok<'a>],
}

impl<'t, 'a> Matcher<'t, 'a> {
    fn lc(&self, i: usize) -> &str {
        self.t.get(i).map(|t| t.lc()).unwrap_or("")
    }

    fn word(&self, i: usize, w: &str) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.lc() == w)
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.is(c))
    }

    fn hyphen(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.is('-') || t.is('‐') || t.is('–'))
    }

    /// Adjacent tokens with no space between them.
    fn touching(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Everything that starts at `i`: usually one expression, two or more for
    /// lists and ranges (`October 7 and 8`).
    fn at(&self, i: usize) -> Option<Vec<Expr>> {
        let mut best: Option<Expr> = None;
        for e in [
            self.day_idiom(i),
            self.nth_in_a_row(i),
            self.modified(i),
            self.date(i),
            self.clock_first(i),
            self.deictic(i),
            self.shifted(i),
            self.duration(i),
            self.set(i),
            self.part_of_year(i),
            self.reference(i),
            self.year_earlier(i),
            self.week_of_month(i),
            self.named_day(i),
            self.range_head(i),
        ]
        .into_iter()
        .flatten()
        {
            if best.as_ref().is_none_or(|b| e.end > b.end) {
                best = Some(e);
            }
        }
        let mut e = best?;
        if !matches!(
            e.core,
            Core::Duration(_) | Core::ComingUnits(_) | Core::Set(_) | Core::Ref(_)
        ) {
            self.extend_clock(&mut e);
        }
        let mut out = vec![e];
        self.list_tail(&mut out);
        Some(out)
    }

    // ---- idioms of a day that is no calendar day

    /// `if there ever came a day when`, `there will come a day`, `a day
    /// will come when` (FUTURE_REF); `that day has come`, `the day has
    /// finally arrived` (PRESENT_REF); a past story's `there came a day
    /// when` (PAST_REF). The day of an idiom, not one day long.
    fn day_idiom(&self, i: usize) -> Option<Expr> {
        let det = self.lc(i);
        if !matches!(det, "a" | "the" | "that") || !self.word(i + 1, "day") {
            return None;
        }
        let idiom = |v| Some(self.expr(i, i + 2, Core::Ref(v), "day-idiom"));
        let back = |k: usize| i.checked_sub(k).map_or("", |p| self.lc(p));
        // `there (ever|will|may) come(s)/came a day`
        let come_at = (1..=2).find(|&k| matches!(back(k), "come" | "comes" | "came" | "coming"));
        if let Some(k) = come_at.filter(|_| det != "that") {
            if (k + 1..=k + 2).any(|m| back(m) == "there") {
                // `came` tells a past, unless supposed (`if there ever came`).
                let supposed =
                    (k..=k + 4).any(|m| matches!(back(m), "if" | "ever" | "should" | "were"));
                return idiom(if back(k) == "came" && !supposed {
                    "PAST_REF"
                } else {
                    "FUTURE_REF"
                });
            }
        }
        let after = |k: usize| self.lc(i + 2 + k);
        // `a day will come when`, `the day is coming`
        let modal = matches!(
            after(0),
            "will" | "shall" | "may" | "might" | "could" | "would" | "must" | "'ll"
        );
        if det != "that"
            && ((modal && (after(1) == "come" || after(1) == "soon" && after(2) == "come"))
                || (after(0) == "is" && after(1) == "coming"))
        {
            return idiom("FUTURE_REF");
        }
        // `that day has come`, `the day has finally arrived`, `the day is here`
        if det != "a" && matches!(after(0), "has" | "is") {
            let adverb = usize::from(matches!(after(1), "finally" | "now" | "already" | "truly"));
            let verb = after(1 + adverb);
            let arrived = match after(0) {
                "has" => matches!(verb, "come" | "arrived" | "dawned"),
                _ => verb == "here",
            };
            if arrived {
                return idiom("PRESENT_REF");
            }
        }
        None
    }

    // ---- mods: `early`, `late last month`, `the end of`, `earlier this year`

    fn modified(&self, i: usize) -> Option<Expr> {
        let mut j = i;
        let the = self.word(j, "the");
        if the {
            j += 1;
        }
        // `the end of 2019`, `the beginning of the year`
        // (`the rest of the week`: the same period, no mod.)
        let phrase_mod = match self.lc(j) {
            "end" => Some(Some("END")),
            "beginning" | "start" => Some(Some("START")),
            "middle" => Some(Some("MID")),
            "rest" => Some(None),
            _ => None,
        };
        if let (true, Some(modifier), true) = (the, phrase_mod, self.word(j + 1, "of")) {
            let inner = self.anchored_period(j + 2)?;
            return Some(Expr {
                start: i,
                modifier,
                rule: "mod-phrase",
                ..inner
            });
        }
        // `earlier this year`, `later in the day`, `late in the day`, `earlier today`
        if matches!(self.lc(j), "earlier" | "later")
            || (self.lc(j) == "late" && self.word(j + 1, "in"))
        {
            let modifier = if self.lc(j) == "late" {
                Some("END")
            } else {
                None
            };
            if self.word(j + 1, "in") && self.word(j + 2, "the") && self.word(j + 3, "day") {
                return Some(Expr {
                    start: i,
                    end: j + 4,
                    core: Core::DayOffset(0),
                    clock: None,
                    modifier,
                    rule: "earlier-in-the-day",
                });
            }
            if !the {
                if let Some(inner) = self.deictic(j + 1).or_else(|| self.shifted(j + 1)) {
                    if matches!(inner.core, Core::DayOffset(_) | Core::UnitShift(..)) {
                        return Some(Expr {
                            start: i,
                            rule: "earlier-this",
                            ..inner
                        });
                    }
                }
            }
        }
        // `early 2009`, `late last month`, `mid-2011`, `the early 1990s`, `late Thursday`
        let m = lexicon::period_mod(self.lc(j))?;
        let mut k = j + 1;
        if self.hyphen(k) {
            k += 1;
        }
        if self.word(k, "on") || self.word(k, "in") {
            k += 1;
        }
        let inner = self
            .anchored_period(k)
            .or_else(|| self.date(k))
            .or_else(|| self.deictic(k))
            .or_else(|| self.shifted(k))?;
        if matches!(
            inner.core,
            Core::Duration(_) | Core::ComingUnits(_) | Core::Set(_) | Core::Ref(_) | Core::Ago(..)
        ) {
            return None;
        }
        Some(Expr {
            start: i,
            modifier: Some(m),
            rule: "period-mod",
            ..inner
        })
    }

    /// What may follow `the end of` / `early`: a year, a month, `the year`, `this year`.
    fn anchored_period(&self, i: usize) -> Option<Expr> {
        if self.word(i, "the") {
            if let Some((unit, false)) = lexicon::unit(self.lc(i + 1)) {
                if unit == Unit::Day {
                    return Some(self.expr(i, i + 2, Core::StoryDay, "the-day"));
                }
                if matches!(
                    unit,
                    Unit::Year | Unit::Month | Unit::Week | Unit::Decade | Unit::Quarter
                ) {
                    return Some(self.expr(i, i + 2, Core::UnitShift(unit, 0), "the-unit"));
                }
            }
        }
        self.shifted(i)
            .or_else(|| self.date(i))
            .or_else(|| self.part_of_year(i))
    }

    // ---- dates

    fn date(&self, i: usize) -> Option<Expr> {
        let tok = self.t.get(i)?;
        match tok.kind {
            Kind::Word => {
                if let Some(wd) = lexicon::weekday_full(tok.lc()) {
                    // `Black Monday` names one day, not the nearest Monday.
                    if self.named_weekday(i) {
                        return None;
                    }
                    return Some(self.weekday_date(i, wd));
                }
                if let Some(mo) = lexicon::month(tok.lc()) {
                    return self.month_first(i, mo);
                }
                if tok.lc() == "the" {
                    return self.the_part_of_day(i).or_else(|| self.the_number(i));
                }
                if tok.lc() == "fiscal" {
                    // `fiscal 2022`, `fiscal year 2022`: TIMEX3 `FY2022`.
                    let k = i + 1 + usize::from(self.word(i + 1, "year"));
                    let y = self.year_number(k)?;
                    return Some(self.expr(i, k + 1, Core::FiscalYear(y), "fiscal-year"));
                }
                None
            }
            Kind::Num => self.number_date(i),
            Kind::Punct => self.apostrophe_decade(i),
        }
    }

    /// `Thursday`, `Friday afternoon`, `Tuesday, March 14, 2024`.
    fn weekday_date(&self, i: usize, wd: u32) -> Expr {
        let mut j = i + 1;
        if self.punct(j, ',') {
            j += 1;
        }
        if let Some(mut d) = self.date(j) {
            if let Core::Date {
                weekday,
                day: Some(_),
                ..
            } = &mut d.core
            {
                *weekday = Some(wd);
                d.start = i;
                d.rule = "weekday-date";
                return d;
            }
        }
        self.expr(i, i + 1, Core::Weekday(wd), "weekday")
    }

    /// `October 7`, `Oct. 29`, `Oct.29`, `October 09, 2020`, `October 2020`, `October`.
    fn month_first(&self, i: usize, mo: u32) -> Option<Expr> {
        let tok = self.t.get(i)?;
        let lc = tok.lc();
        // Month words that are also common words need a capital and support.
        if !tok.is_capitalised() && lc != "sept" {
            return None;
        }
        let mut j = i + 1;
        if lexicon::is_month_abbreviation(lc) {
            if self.punct(j, '.') {
                j += 1;
            } else if lc.len() == 3 && self.t.get(j).is_none_or(|t| t.kind != Kind::Num) {
                return None; // `Mar`, `Jan` alone: names more often than months
            }
        }
        if let Some(day) = self.day_number(j) {
            let mut k = j + 1;
            if self.punct(k, ',') || (self.word(k, "of") && self.year_number(k + 1).is_some()) {
                k += 1;
            }
            if let Some(y) = self.year_number(k) {
                return Some(self.expr(
                    i,
                    k + 1,
                    date(YearRef::Explicit(y), Some(mo), Some(day)),
                    "month-day-year",
                ));
            }
            // `the September 11 attacks`: the day of 2001 the name keeps.
            if mo == 9
                && day == 11
                && matches!(
                    self.lc(j + 1),
                    "attack" | "attacks" | "terrorist" | "terror" | "hijackings" | "commission"
                )
            {
                return Some(self.expr(
                    i,
                    j + 1,
                    date(YearRef::Explicit(2001), Some(mo), Some(day)),
                    "september-11",
                ));
            }
            return Some(self.expr(
                i,
                j + 1,
                date(YearRef::Implicit, Some(mo), Some(day)),
                "month-day",
            ));
        }
        let mut k = j;
        if self.word(k, "of") || self.punct(k, ',') {
            k += 1;
        }
        // `October of next year`, `March of last year`: that calendar year.
        if self.word(j, "of") && self.word(k + 1, "year") {
            let off = match self.lc(k) {
                "this" => Some(0),
                "last" | "previous" => Some(-1),
                "next" | "following" => Some(1),
                _ => None,
            };
            if let Some(off) = off {
                return Some(self.expr(
                    i,
                    k + 2,
                    date(YearRef::Offset(off), Some(mo), None),
                    "month-of-shifted-year",
                ));
            }
        }
        // `April 480 BC`
        if let Some((y, end)) = self.bc_year(k) {
            return Some(self.expr(
                i,
                end,
                date(YearRef::Explicit(-y), Some(mo), None),
                "month-year-bc",
            ));
        }
        if let Some(y) = self.year_number(k) {
            return Some(self.expr(
                i,
                k + 1,
                date(YearRef::Explicit(y), Some(mo), None),
                "month-year",
            ));
        }
        if matches!(lc, "may" | "march") {
            // A bare `May`/`March` is a month only after a preposition, or
            // after an article and an adjective (`a warmer March`).
            let prev = if i > 0 { self.lc(i - 1) } else { "" };
            let described = i.checked_sub(2).is_some_and(|p| {
                matches!(self.lc(p), "a" | "an" | "the")
                    && self
                        .t
                        .get(p + 1)
                        .is_some_and(|t| t.kind == Kind::Word && !t.is_capitalised())
            });
            if !described
                && !matches!(
                    prev,
                    "in" | "since"
                        | "until"
                        | "by"
                        | "of"
                        | "early"
                        | "late"
                        | "mid"
                        | "through"
                        | "last"
                        | "next"
                        | "this"
                )
            {
                return None;
            }
        }
        Some(self.expr(i, j, date(YearRef::Implicit, Some(mo), None), "month"))
    }

    /// A day-of-month number (`7`, `09`, `29th`, `1st`).
    fn day_number(&self, i: usize) -> Option<u32> {
        let tok = self.t.get(i)?;
        let (digits, suffix) = tok.num_parts()?;
        if !matches!(suffix, "" | "st" | "nd" | "rd" | "th")
            || digits.len() > 2
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        // `October 7 2020:` the day must not be glued to a following number.
        (1..=31).contains(&d).then_some(d)
    }

    /// A year of a full date (`2020`, 1000..=2999; or `'82`).
    fn year_number(&self, i: usize) -> Option<i32> {
        let tok = self.t.get(i)?;
        if tok.kind == Kind::Num && tok.text.len() == 4 {
            let y = tok.int()?;
            return (1000..=2999).contains(&y).then_some(y as i32);
        }
        None
    }

    /// Numbers starting a date: `9 October 2020`, `2020-10-08`, `03/04/2024`,
    /// `1994`, `1990s`, `499 BC`.
    fn number_date(&self, i: usize) -> Option<Expr> {
        let tok = self.t.get(i)?;
        let (digits, suffix) = tok.num_parts()?;
        // Numeric dates with separators.
        if let Some(e) = self.numeric_date(i) {
            return Some(e);
        }
        // `9 October 2020`, `11 December`, `1st of June`
        if let Some(day) = self.day_number(i) {
            let mut j = i + 1;
            if self.word(j, "of") {
                j += 1;
            }
            if let Some(mo) = self
                .t
                .get(j)
                .filter(|t| t.is_capitalised())
                .and_then(|t| lexicon::month(t.lc()))
            {
                let mut k = j + 1;
                if lexicon::is_month_abbreviation(self.lc(j)) && self.punct(k, '.') {
                    k += 1;
                }
                let mut y_at = k;
                if self.punct(y_at, ',') {
                    y_at += 1;
                }
                if let Some(y) = self.year_number(y_at) {
                    return Some(self.expr(
                        i,
                        y_at + 1,
                        date(YearRef::Explicit(y), Some(mo), Some(day)),
                        "day-month-year",
                    ));
                }
                return Some(self.expr(
                    i,
                    k,
                    date(YearRef::Implicit, Some(mo), Some(day)),
                    "day-month",
                ));
            }
        }
        // Centuries: `the 1800s` (but `the 2000s` is a decade).
        if suffix == "s" && digits.len() == 4 && digits.ends_with("00") {
            let n: i32 = digits.parse().ok()?;
            if (1000..2000).contains(&n) {
                let (end, core) = self.bc_suffix(i + 1, Core::Century(n / 100));
                return Some(self.expr(i, end, core, "century-hundreds"));
            }
        }
        // Decades: `1990s`, `80s`
        if suffix == "s" && digits.ends_with('0') && (digits.len() == 4 || digits.len() == 2) {
            let n: i32 = digits.parse().ok()?;
            let stem = if digits.len() == 4 {
                n / 10
            } else {
                190 + n / 10
            };
            let (end, core) = self.bc_suffix(i + 1, Core::Decade(stem));
            return Some(self.expr(i, end, core, "decade"));
        }
        // Centuries: `19th century`
        if matches!(suffix, "st" | "nd" | "rd" | "th") && self.word(i + 1, "century") {
            let n: i32 = digits.parse().ok()?;
            if (1..=30).contains(&n) {
                let (end, core) = self.bc_suffix(i + 2, Core::Century(n - 1));
                return Some(self.expr(i, end, core, "century"));
            }
        }
        if !suffix.is_empty() {
            return None;
        }
        // BC years: `499 BC`, `490 B.C.`
        if let Some(n) = tok.int().filter(|n| (1..=9999).contains(n)) {
            let (end, core) = self.bc_suffix(i + 1, Core::BcYear(n as i32));
            if end > i + 1 {
                return Some(self.expr(i, end, core, "bc-year"));
            }
        }
        // Plain years.
        let y = self.year_number(i)?;
        if !(1100..=2100).contains(&y) || !self.plausible_year(i) {
            return None;
        }
        // `1989's third quarter`, `2020's spring`
        if (self.punct(i + 1, '\'') || self.punct(i + 1, '’')) && self.word(i + 2, "s") {
            if let Some(mut p) = self.part_of_year(i + 3) {
                if let Core::Part(year @ YearRef::Implicit, _) = &mut p.core {
                    *year = YearRef::Explicit(y);
                    p.start = i;
                    return Some(p);
                }
            }
        }
        let mut end = i + 1;
        if self.word(end, "ad") || self.word(end, "ce") {
            end += 1;
        }
        Some(self.expr(i, end, date(YearRef::Explicit(y), None, None), "year"))
    }

    /// A number followed by `BC` at `i`: (year, index after).
    fn bc_year(&self, i: usize) -> Option<(i32, usize)> {
        let n = self.t.get(i)?.int().filter(|n| (1..=9999).contains(n))?;
        match self.bc_suffix(i + 1, Core::BcYear(n as i32)) {
            (end, Core::BcYear(y)) if end > i + 1 => Some((y, end)),
            _ => None,
        }
    }

    /// `BC`, `B.C.`, `BCE` after a number turns it into a BC value.
    fn bc_suffix(&self, j: usize, core: Core) -> (usize, Core) {
        let bc_end = if self.word(j, "bc") || self.word(j, "bce") {
            Some(j + 1)
        } else if self.word(j, "b") && self.punct(j + 1, '.') && self.word(j + 2, "c") {
            Some(if self.punct(j + 3, '.') { j + 4 } else { j + 3 })
        } else {
            None
        };
        match (bc_end, core) {
            (Some(e), Core::BcYear(n)) => (e, Core::BcYear(n)),
            (Some(e), Core::Decade(d)) => (e, Core::BcDecade(d)),
            (Some(e), Core::Century(c)) => (e, Core::BcCentury(c)),
            (_, core) => (j, core),
        }
    }

    /// A four-digit number is a year unless it counts something.
    fn plausible_year(&self, i: usize) -> bool {
        let prev = if i > 0 { self.t.get(i - 1) } else { None };
        if let Some(p) = prev {
            if p.is('$')
                || p.is('€')
                || p.is('£')
                || p.is('#')
                || matches!(
                    p.lc(),
                    "no" | "number"
                        | "nos"
                        | "page"
                        | "flight"
                        | "route"
                        | "model"
                        | "room"
                        | "km"
                        | "code"
                        | "russell"
                        | "windows"
                )
            {
                return false;
            }
            if p.is('.') || p.is(',') || p.is(':') {
                // `1.2000`, `3,2000` cannot happen (tokeniser), but `Gate: 1994` can stay.
            }
        }
        // `the Russell 2000 Index`: a name, not a year.
        if self.word(i + 1, "index") {
            return false;
        }
        match self.t.get(i + 1) {
            Some(n) if n.kind == Kind::Word => {
                !lexicon::is_count_noun(n.lc()) && n.lc() != "to"
                    || self.word(i + 2, "to")
                    || self.next_is_year(i + 2)
            }
            Some(n) if n.is('%') => false,
            _ => true,
        }
    }

    fn next_is_year(&self, i: usize) -> bool {
        self.year_number(i).is_some()
    }

    /// `2020-10-08`, `2020/10/08`, `03/04/2024`, `7/8/07`, `16.03.2024`.
    fn numeric_date(&self, i: usize) -> Option<Expr> {
        let a = self.t.get(i)?.int()?;
        let sep = self.t.get(i + 1)?;
        let sep_c = if sep.is('-') {
            '-'
        } else if sep.is('/') {
            '/'
        } else if sep.is('.') {
            '.'
        } else {
            return None;
        };
        // All parts glued together: `2020-10-08`, not `1992 - 1994`.
        if !(self.touching(i)
            && self.touching(i + 1)
            && self.touching(i + 2)
            && self.touching(i + 3))
        {
            return None;
        }
        let b = self.t.get(i + 2)?.int()?;
        if !self.punct(i + 3, sep_c) {
            return None;
        }
        let c_tok = self.t.get(i + 4)?;
        let c = c_tok.int()?;
        let a_len = self.t[i].text.len();
        let (y, m, d) = if a_len == 4 {
            (a, b, c)
        } else {
            let year = match c_tok.text.len() {
                4 => c,
                2 => {
                    if c < 50 {
                        2000 + c
                    } else {
                        1900 + c
                    }
                }
                _ => return None,
            };
            // Numeric order is decided at resolution (config); keep both readings.
            (year, a, b)
        };
        if a_len == 4 {
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            return Some(self.expr(
                i,
                i + 5,
                date(YearRef::Explicit(y as i32), Some(m as u32), Some(d as u32)),
                "iso-date",
            ));
        }
        if !(1..=31).contains(&m) || !(1..=31).contains(&d) || (m > 12 && d > 12) {
            return None;
        }
        // Stored month-first; the resolver swaps for day-first config.
        Some(self.expr(
            i,
            i + 5,
            date(YearRef::Explicit(y as i32), Some(m as u32), Some(d as u32)),
            "numeric-date",
        ))
    }

    /// `the 1990s`, `the early 1990s` (via `modified`), `the 20th century`,
    /// `the nineteenth century`, `the '90s`.
    fn the_number(&self, i: usize) -> Option<Expr> {
        let inner = if let Some(n) =
            lexicon::ordinal_word(self.lc(i + 1)).filter(|_| self.word(i + 2, "century"))
        {
            let (end, core) = self.bc_suffix(i + 3, Core::Century(n as i32 - 1));
            Some(self.expr(i + 1, end, core, "century"))
        } else {
            self.number_date(i + 1)
                .or_else(|| self.apostrophe_decade(i + 1))
        }?;
        // `the 1990s`, `the 14 September`, `the 25th of August`
        let day_month = matches!(inner.rule, "day-month" | "day-month-year");
        (day_month
            || matches!(
                inner.core,
                Core::Decade(_)
                    | Core::Century(_)
                    | Core::BcYear(_)
                    | Core::BcDecade(_)
                    | Core::BcCentury(_)
            ))
        .then_some(Expr { start: i, ..inner })
    }

    /// `the morning of 31 January 1965`, `the night of May 3`.
    fn the_part_of_day(&self, i: usize) -> Option<Expr> {
        let part = lexicon::part_of_day(self.lc(i + 1))?;
        if !self.word(i + 2, "of") {
            return None;
        }
        let d = self.date(i + 3)?;
        matches!(d.core, Core::Date { day: Some(_), .. } | Core::Weekday(_)).then_some(Expr {
            start: i,
            clock: Some(Clock::Part(part)),
            rule: if d.rule == "weekday" {
                "weekday"
            } else {
                d.rule
            },
            ..d
        })
    }

    /// `'90s`, `’82`.
    fn apostrophe_decade(&self, i: usize) -> Option<Expr> {
        let t = self.t.get(i)?;
        if !(t.is('\'') || t.is('’')) || !self.touching(i) {
            return None;
        }
        let (digits, suffix) = self.t.get(i + 1)?.num_parts()?;
        if digits.len() != 2 {
            return None;
        }
        let n: i32 = digits.parse().ok()?;
        let century = if n < 30 { 2000 } else { 1900 };
        match suffix {
            "s" if n % 10 == 0 => {
                Some(self.expr(i, i + 2, Core::Decade((century + n) / 10), "decade"))
            }
            "" if !self.names_a_version(i) => Some(self.expr(
                i,
                i + 2,
                date(YearRef::Explicit(century + n), None, None),
                "year-apostrophe",
            )),
            _ => None,
        }
    }

    /// True when the `'11` at `i` is the version of the name before it
    /// (`iLife '11`, `Office '97`): a camel-case word, or a capitalised
    /// one inside the sentence that is no month, season or holiday.
    fn names_a_version(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1).and_then(|p| self.t.get(p)) else {
            return false;
        };
        if prev.kind != Kind::Word {
            return false;
        }
        let camel = prev.text.chars().skip(1).any(char::is_uppercase);
        let inside = i
            .checked_sub(2)
            .and_then(|p| self.t.get(p))
            .is_some_and(|t| t.kind == Kind::Word);
        let calendar = lexicon::month(prev.lc()).is_some()
            || lexicon::season(prev.lc()).is_some()
            || matches!(prev.lc(), "christmas" | "easter");
        camel || (prev.is_capitalised() && inside && !calendar)
    }

    // ---- clock times

    /// `08:30`, `4 p.m.`, `noon`, `8:00 on October 26`, `18:00 UTC`.
    fn clock_first(&self, i: usize) -> Option<Expr> {
        let (clock, mut j) = self.clock(i)?;
        let mut core = Core::DayOffset(0);
        let mut rule = "clock";
        let mut k = j;
        if self.word(k, "on") {
            k += 1;
        }
        if let Some(d) = self.date(k).or_else(|| self.deictic(k)) {
            if matches!(
                d.core,
                Core::Date { day: Some(_), .. } | Core::Weekday(_) | Core::DayOffset(_)
            ) && d.clock.is_none()
            {
                core = d.core;
                j = d.end;
                rule = "clock-date";
            }
        } else if self.punct(j, ',') {
            // `at 16:15 UTC, June 1st`: the clock is on that day; the date
            // is still an expression of its own.
            if let Some(d) = self.date(j + 1) {
                if matches!(d.core, Core::Date { day: Some(_), .. }) && d.clock.is_none() {
                    core = d.core;
                    rule = "clock-comma-date";
                }
            }
        }
        Some(Expr {
            start: i,
            end: j,
            core,
            clock: Some(clock),
            modifier: None,
            rule,
        })
    }

    /// A clock reading at `i` and the index after it.
    fn clock(&self, i: usize) -> Option<(Clock, usize)> {
        let tok = self.t.get(i)?;
        if tok.kind == Kind::Word {
            return match tok.lc() {
                "noon" | "midday" => Some((Clock::At(12, 0, false), i + 1)),
                "midnight" => Some((Clock::At(24, 0, false), i + 1)),
                _ => None,
            };
        }
        let (digits, suffix) = tok.num_parts()?;
        // `8.15pm`: British clocks use a dot (only with am/pm, below).
        let dotted = digits.contains('.');
        let (mut h, mi, explicit_minutes) = if let Some((hs, ms)) = digits.split_once([':', '.']) {
            let h: u32 = hs.parse().ok()?;
            let m: u32 = ms.parse().ok()?;
            if hs.len() > 2 || ms.len() != 2 {
                return None;
            }
            (h, m, true)
        } else if digits.len() == 4
            && (self.word(i + 1, "utc")
                || self.word(i + 1, "gmt")
                || self.word(i + 1, "hours")
                || self.word(i + 1, "hrs"))
        {
            let n: u32 = digits.parse().ok()?;
            (n / 100, n % 100, true)
        } else if digits.len() <= 2 {
            (digits.parse().ok()?, 0, false)
        } else {
            return None;
        };
        let mut j = i + 1;
        // am / pm: glued (`4pm`), spaced (`4 pm`), dotted (`4 p.m.`).
        let mut half = match suffix {
            "am" => Some(false),
            "pm" => Some(true),
            "" => None,
            _ => return None,
        };
        if half.is_none() {
            if let Some(tok) = self.t.get(j) {
                match tok.lc() {
                    "am" => {
                        half = Some(false);
                        j += 1;
                    }
                    "pm" => {
                        half = Some(true);
                        j += 1;
                    }
                    "a" | "p" if self.punct(j + 1, '.') && self.word(j + 2, "m") => {
                        half = Some(tok.lc() == "p");
                        j += 3;
                        if self.punct(j, '.')
                            && self.t.get(j + 1).is_none_or(|t| !t.is_capitalised())
                        {
                            j += 1;
                        }
                    }
                    _ => {}
                }
            }
        }
        if dotted && half.is_none() {
            return None; // `2.15` is a number
        }
        if !explicit_minutes && half.is_none() {
            // `at 9 o'clock` is rare in news; bare numbers are not times.
            if self.word(j, "o'clock") {
                j += 1;
            } else {
                return None;
            }
        }
        if half == Some(true) && h < 12 {
            h += 12;
        } else if half == Some(false) && h == 12 {
            h = 0;
        }
        if h > 24 || mi > 59 {
            return None;
        }
        let mut zulu = false;
        // `18:00 UTC`, `6:40 p.m. (GMT+8)`, `10:00 GMT-5`: with an offset
        // the clock stays local time (as `EST`), without one it is `Z`.
        let bracket = self.punct(j, '(');
        let z = j + usize::from(bracket);
        if self.word(z, "utc") || self.word(z, "gmt") || (!bracket && self.word(z, "z")) {
            let mut k = z + 1;
            let offset = (self.punct(k, '+') || self.hyphen(k) || self.punct(k, '-'))
                && self.t.get(k + 1).is_some_and(|t| t.kind == Kind::Num);
            if offset {
                k += 2;
            }
            let closed = !bracket || self.punct(k, ')');
            if closed {
                zulu = !offset;
                j = k + usize::from(bracket);
            }
        } else if self.word(j, "local") && self.word(j + 1, "time") {
            j += 2;
        } else {
            // `5 p.m. EST Friday`: the zone belongs to the clock (and lets the
            // day after it attach).
            let k = if self.punct(j, '.') { j + 1 } else { j };
            let zone = self.t.get(k).is_some_and(|t| {
                t.text.bytes().all(|b| b.is_ascii_uppercase())
                    && matches!(
                        t.lc(),
                        "est"
                            | "edt"
                            | "cst"
                            | "cdt"
                            | "mst"
                            | "mdt"
                            | "pst"
                            | "pdt"
                            | "bst"
                            | "cet"
                            | "cest"
                            | "et"
                            | "ct"
                            | "mt"
                            | "pt"
                    )
            });
            if zone {
                j = k + 1;
            }
        }
        Some((Clock::At(h, mi, zulu), j))
    }

    /// After a day expression: `afternoon`, `night`, `at 4 p.m.`, `morning`.
    fn extend_clock(&self, e: &mut Expr) {
        if e.clock.is_some() {
            return;
        }
        let day_like = matches!(
            e.core,
            Core::Weekday(_)
                | Core::DayOffset(_)
                | Core::WeekdayShift(..)
                | Core::Date { day: Some(_), .. }
        );
        if !day_like {
            return;
        }
        if let Some(p) = lexicon::part_of_day(self.lc(e.end)) {
            // `Friday afternoon`
            e.clock = Some(Clock::Part(p));
            e.end += 1;
            return;
        }
        let j = e.end;
        if self.word(j, "at") {
            if let Some((c, end)) = self.clock(j + 1) {
                e.clock = Some(c);
                e.end = end;
            }
        }
    }

    // ---- deictic words

    /// `yesterday`, `today`, `tomorrow`, `tonight`, `overnight`, `this morning`, `last night`.
    fn deictic(&self, i: usize) -> Option<Expr> {
        let lc = self.lc(i);
        if matches!(lc, "today's" | "today’s") && self.figurative_today(i) {
            return Some(self.expr(i, i + 1, Core::Ref("PRESENT_REF"), "present-day"));
        }
        let off = match lc {
            "yesterday" | "yesterday's" => Some(-1),
            "today" | "today's" => Some(0),
            "tomorrow" | "tomorrow's" => Some(1),
            _ => None,
        };
        // `the day after tomorrow`, `the day before yesterday`
        if lc == "the" && self.word(i + 1, "day") {
            let off = match (self.lc(i + 2), self.lc(i + 3)) {
                ("after", "tomorrow") => Some(2),
                ("before", "yesterday") => Some(-2),
                _ => None,
            };
            if let Some(off) = off {
                return Some(self.expr(i, i + 4, Core::DayOffset(off), "deictic-day"));
            }
        }
        if let Some(off) = off {
            let mut e = self.expr(i, i + 1, Core::DayOffset(off), "deictic-day");
            if let Some(p) = lexicon::part_of_day(self.lc(i + 1)) {
                e.clock = Some(Clock::Part(p));
                e.end += 1;
            }
            return Some(e);
        }
        // `on the day`, `ended the day`: the anchor's day in news.
        if lc == "the"
            && (self.word(i + 1, "day") || self.word(i + 1, "day's"))
            && i > 0
            && matches!(
                self.lc(i - 1),
                "on" | "for"
                    | "during"
                    | "through"
                    | "throughout"
                    | "end"
                    | "ends"
                    | "ended"
                    | "ending"
                    | "finish"
                    | "finished"
                    | "finishing"
                    | "close"
                    | "closed"
                    | "closing"
                    | "open"
                    | "opened"
                    | "opening"
                    | "start"
                    | "started"
                    | "starting"
                    | "began"
                    | "begin"
            )
            && !matches!(self.lc(i + 2), "of" | "when" | "before" | "after")
        {
            return Some(self.expr(i, i + 2, Core::StoryDay, "the-day"));
        }
        // `for the year`, `in the quarter`: the anchor's period in news.
        if lc == "the"
            && i > 0
            && matches!(
                self.lc(i - 1),
                "for" | "in" | "during" | "through" | "throughout" | "of"
            )
            && !matches!(
                self.lc(i + 2),
                "of" | "when" | "before" | "after" | "that" | "in" | "to"
            )
            && !self.hyphen(i + 2)
        {
            if let Some((unit @ (Unit::Year | Unit::Quarter | Unit::Month | Unit::Week), false)) =
                lexicon::unit(self.lc(i + 1))
            {
                // `revenue for the quarter`: the quarter the report is about.
                return Some(self.expr(i, i + 2, current_or_reported(unit), "the-unit"));
            }
        }
        // `the weekend`: the last one in a past-tense sentence, else the coming one.
        if lc == "the" && self.word(i + 1, "weekend") {
            return Some(self.expr(i, i + 2, Core::Weekend, "the-weekend"));
        }
        // Fixed-date holidays.
        let holiday = match lc {
            "christmas" if self.word(i + 1, "eve") => Some((12, 24, 2)),
            "christmas" if self.word(i + 1, "day") => Some((12, 25, 2)),
            "christmas" => Some((12, 25, 1)),
            "new" if self.word(i + 1, "year's") && self.word(i + 2, "eve") => Some((12, 31, 3)),
            "new" if self.word(i + 1, "year's") && self.word(i + 2, "day") => Some((1, 1, 3)),
            "valentine's" if self.word(i + 1, "day") => Some((2, 14, 2)),
            "halloween" => Some((10, 31, 1)),
            "boxing" if self.word(i + 1, "day") => Some((12, 26, 2)),
            "veterans" | "veteran's" | "armistice" if self.word(i + 1, "day") => Some((11, 11, 2)),
            "bastille" if self.word(i + 1, "day") => Some((7, 14, 2)),
            _ => None,
        };
        if let Some((m, d, len)) = holiday {
            if self.t.get(i).is_some_and(|t| t.is_capitalised()) {
                // `Christmas 2007`, `Christmas Day of 1914`: the year is said.
                let k = i + len + usize::from(self.word(i + len, "of"));
                if let Some(y) = self.year_number(k) {
                    return Some(self.expr(
                        i,
                        k + 1,
                        date(YearRef::Explicit(y), Some(m), Some(d)),
                        "holiday-year",
                    ));
                }
                return Some(self.expr(
                    i,
                    i + len,
                    date(YearRef::Implicit, Some(m), Some(d)),
                    "holiday",
                ));
            }
        }
        match lc {
            "tonight" => Some(Expr {
                clock: Some(Clock::Part("NI")),
                ..self.expr(i, i + 1, Core::DayOffset(0), "tonight")
            }),
            "overnight" if !self.word(i + 1, "stay") && !self.word(i + 1, "stays") => Some(Expr {
                clock: Some(Clock::Part("NI")),
                ..self.expr(i, i + 1, Core::DayOffset(-1), "overnight")
            }),
            "this" | "last" | "tomorrow" | "yesterday" => {
                let p = lexicon::part_of_day(self.lc(i + 1))?;
                let off = if lc == "last" && p == "NI" {
                    -1
                } else if lc == "last" {
                    return None;
                } else {
                    0
                };
                Some(Expr {
                    clock: Some(Clock::Part(p)),
                    ..self.expr(i, i + 2, Core::DayOffset(off), "this-part-of-day")
                })
            }
            _ => None,
        }
    }

    /// True when the weekday at `i` is part of a day's name (`Black
    /// Monday`, `Good Friday`): a capitalised epithet right before it.
    fn named_weekday(&self, i: usize) -> bool {
        i > 0
            && self.t.get(i).is_some_and(|t| t.is_capitalised())
            && self.t.get(i - 1).is_some_and(|p| {
                p.kind == Kind::Word && p.is_capitalised() && holiday::is_weekday_epithet(p.lc())
            })
    }

    /// Named days: feasts whose date a calendar rule gives (`Good Friday`,
    /// `Thanksgiving 2019`, `Black Friday`), and named weekdays with their
    /// date written after them (`Black Monday, October 19, 1987`). A named
    /// weekday without a date (`Black Monday`) is no expression.
    fn named_day(&self, i: usize) -> Option<Expr> {
        let tok = self.t.get(i)?;
        if tok.kind != Kind::Word || !tok.is_capitalised() {
            return None;
        }
        let next_capitalised = self.t.get(i + 1).is_some_and(|t| t.is_capitalised());
        let second = if next_capitalised { self.lc(i + 1) } else { "" };
        if let Some((feast, len)) = self
            .king_day(i)
            .or_else(|| holiday::feast(tok.lc(), second))
        {
            // `Easter Island`, `Easter eggs` are no day.
            if len == 1 && matches!(self.lc(i + 1), "island" | "egg" | "eggs" | "bunny") {
                return None;
            }
            let mut e = self.expr(
                i,
                i + len,
                Core::Feast(feast, YearRef::Implicit),
                "named-day",
            );
            let k = i + len + usize::from(self.word(i + len, "of"));
            if let Some(y) = self.year_number(k) {
                e.core = Core::Feast(feast, YearRef::Explicit(y));
                e.end = k + 1;
                e.rule = "named-day-year";
            }
            return Some(e);
        }
        let wd = lexicon::weekday_full(second)?;
        if !self.named_weekday(i + 1) {
            return None;
        }
        let d = self.weekday_date(i + 1, wd);
        matches!(d.core, Core::Date { day: Some(_), .. }).then_some(Expr { start: i, ..d })
    }

    /// `Martin Luther King Jr. Day`, `Martin Luther King Day`: the third
    /// Monday of January, and how many tokens it took.
    fn king_day(&self, i: usize) -> Option<(Feast, usize)> {
        if !(self.word(i, "martin") && self.word(i + 1, "luther") && self.word(i + 2, "king")) {
            return None;
        }
        let mut k = i + 3;
        if self.word(k, "jr") {
            k += 1 + usize::from(self.punct(k + 1, '.'));
        }
        self.word(k, "day")
            .then_some((holiday::MARTIN_LUTHER_KING_DAY, k + 1 - i))
    }

    /// `today's world`, `today's young people`, `at today's GM.`: the
    /// present age (TIMEX3 `PRESENT_REF`), not the publication day, which
    /// `today's meeting` or `today's Senate vote` are.
    fn figurative_today(&self, i: usize) -> bool {
        let generic = |k: usize| lexicon::is_present_age_noun(self.lc(k));
        let lower_word = |k: usize| {
            self.t
                .get(k)
                .is_some_and(|t| t.kind == Kind::Word && !t.is_capitalised())
        };
        if lower_word(i + 1) && generic(i + 1) {
            return true;
        }
        if lower_word(i + 1) && lexicon::is_present_age_adjective(self.lc(i + 1)) {
            return lower_word(i + 2) && generic(i + 2);
        }
        // A proper name standing alone: `the strongest at today's GM.`
        let mut k = i + 1;
        while self.t.get(k).is_some_and(|t| {
            t.kind == Kind::Word
                && t.is_capitalised()
                && lexicon::month(t.lc()).is_none()
                && lexicon::weekday_full(t.lc()).is_none()
        }) {
            k += 1;
        }
        k > i + 1
            && !lexicon::is_publication_word(self.lc(k - 1))
            && self
                .t
                .get(k)
                .is_none_or(|t| t.kind == Kind::Punct && !t.is('-'))
    }

    // ---- this/last/next + unit, month, season, weekday

    fn shifted(&self, i: usize) -> Option<Expr> {
        let lc = self.lc(i);
        let (off, j) = match lc {
            "this" | "current" => (0, i + 1),
            "last" | "past" | "previous" => (-1, i + 1),
            "next" | "coming" | "upcoming" => (1, i + 1),
            // `the day before`, `the year after`: from the last date mentioned.
            "the"
                if lexicon::unit(self.lc(i + 1)).is_some_and(|(_, plural)| !plural)
                    && matches!(
                        self.lc(i + 2),
                        "before" | "after" | "earlier" | "later" | "previous" | "prior"
                    ) =>
            {
                let (unit, _) = lexicon::unit(self.lc(i + 1))?;
                let off = if matches!(self.lc(i + 2), "before" | "earlier" | "previous" | "prior") {
                    -1
                } else {
                    1
                };
                return Some(self.expr(i, i + 3, Core::Anaphoric(unit, off), "n-units-later"));
            }
            "the" => match self.lc(i + 1) {
                "past" | "last" | "previous" | "next" | "coming" | "following" | "same"
                | "current" | "entire" | "whole" | "full" => {
                    // `the previous April`, `the next spring`
                    if let Some(e) = self.shifted(i + 1).filter(|e| {
                        matches!(
                            e.core,
                            Core::Date { .. } | Core::Part(..) | Core::WeekdayShift(..)
                        )
                    }) {
                        return Some(Expr { start: i, ..e });
                    }
                    return self.the_shifted(i);
                }
                _ => return None,
            },
            "later" | "earlier" if self.word(i + 1, "that") => {
                // `later that year`: the narrative's year
                let (unit, false) = lexicon::unit(self.lc(i + 2))? else {
                    return None;
                };
                return Some(self.expr(i, i + 3, Core::Anaphoric(unit, 0), "that-unit"));
            }
            "that"
                if self.word(i + 1, "time")
                    && i.checked_sub(1).is_some_and(|p| {
                        matches!(self.lc(p), "by" | "at" | "until" | "till" | "since")
                    }) =>
            {
                return Some(self.expr(i, i + 2, Core::ThatTime, "that-time"));
            }
            "that" => {
                // `that year`, `that day`: the narrative's reference
                let (unit, false) = lexicon::unit(self.lc(i + 1))? else {
                    return None;
                };
                return Some(self.expr(i, i + 2, Core::Anaphoric(unit, 0), "that-unit"));
            }
            _ => return None,
        };
        let w = self.lc(j);
        if let Some((unit, false)) = lexicon::unit(w) {
            if lc == "past" {
                return None; // `past year` without `the`: adjective use (`past year's`), skip
            }
            return Some(self.expr(i, j + 1, Core::UnitShift(unit, off), "unit-shift"));
        }
        if let Some(mo) = self
            .t
            .get(j)
            .filter(|t| t.is_capitalised())
            .and_then(|t| lexicon::month(t.lc()))
        {
            if lc == "past" {
                return None;
            }
            let year = if off == 0 {
                YearRef::Implicit
            } else {
                YearRef::Offset(off)
            };
            let core = date(year, Some(mo), None);
            // `last September`: the most recent September before the anchor.
            return Some(self.expr(
                i,
                j + 1,
                core,
                if off == 0 {
                    "this-month-name"
                } else {
                    "shifted-month-name"
                },
            ));
        }
        if let Some(s) = lexicon::season(w) {
            if lc == "past" {
                return None;
            }
            return Some(self.expr(
                i,
                j + 1,
                Core::Part(YearRef::Offset(off), s),
                "shifted-season",
            ));
        }
        if let Some(wd) = lexicon::weekday_full(w) {
            return Some(self.expr(i, j + 1, Core::WeekdayShift(wd, off), "shifted-weekday"));
        }
        None
    }

    /// `the past week` (duration), `the following year`, `the previous year`, `the same day`.
    fn the_shifted(&self, i: usize) -> Option<Expr> {
        let w = self.lc(i + 1);
        let (unit, plural) = lexicon::unit(self.lc(i + 2))?;
        if plural {
            // `in the coming weeks`: some time ahead in news (as `in recent
            // years` is some time back), resolved so; `over the coming
            // weeks` a stretch.
            let within = i.checked_sub(1).is_some_and(|p| self.lc(p) == "in");
            if within && matches!(w, "coming" | "next") {
                return Some(self.expr(
                    i,
                    i + 3,
                    Core::ComingUnits(duration_value(None, unit)),
                    "the-coming-units",
                ));
            }
            // `the past few days` is handled by `duration`; `the coming days` is vague.
            return Some(self.expr(
                i,
                i + 3,
                Core::Duration(duration_value(None, unit)),
                "the-past-units",
            ));
        }
        match w {
            // `for the entire year`: the year the text speaks of.
            "entire" | "whole" | "full" if matches!(unit, Unit::Year | Unit::Quarter) => {
                Some(self.expr(i, i + 3, Core::Anaphoric(unit, 0), "the-whole-unit"))
            }
            "past" | "last" if unit == Unit::Quarter => {
                Some(self.expr(i, i + 3, Core::UnitShift(unit, -1), "last-quarter"))
            }
            "next" if unit == Unit::Day => {
                Some(self.expr(i, i + 3, Core::Anaphoric(unit, 1), "the-following-unit"))
            }
            // `the next year`: the following one in a narrative, a stretch
            // ahead in news (`over the next year`); the resolver decides.
            "next" if matches!(unit, Unit::Month | Unit::Year) => {
                Some(self.expr(i, i + 3, Core::Anaphoric(unit, 1), "the-next-unit"))
            }
            // `a profit for the last year`: the year before (as HeidelTime);
            // `over the last year`, `in the last year` stay a stretch.
            "last"
                if unit == Unit::Year
                    && !i.checked_sub(1).is_some_and(|p| {
                        matches!(
                            self.lc(p),
                            "over"
                                | "in"
                                | "during"
                                | "within"
                                | "throughout"
                                | "since"
                                | "through"
                        )
                    }) =>
            {
                Some(self.expr(i, i + 3, Core::UnitShift(unit, -1), "the-last-year"))
            }
            "past" | "last" | "next" | "coming" => Some(self.expr(
                i,
                i + 3,
                Core::Duration(duration_value(Some(1.0), unit)),
                "the-past-unit",
            )),
            "previous" => Some(self.expr(i, i + 3, Core::Anaphoric(unit, -1), "the-previous-unit")),
            "following" => {
                Some(self.expr(i, i + 3, Core::Anaphoric(unit, 1), "the-following-unit"))
            }
            "same" => Some(self.expr(i, i + 3, Core::Anaphoric(unit, 0), "the-same-unit")),
            "current" => Some(self.expr(i, i + 3, Core::UnitShift(unit, 0), "unit-shift")),
            _ => None,
        }
    }

    /// `a second consecutive day`, `the third straight session`, `fourth
    /// week in a row`: the anchor's unit, the latest of a streak.
    fn nth_in_a_row(&self, i: usize) -> Option<Expr> {
        let mut j = i;
        if self.word(j, "a") || self.word(j, "the") {
            j += 1;
        }
        let ordinal = lexicon::ordinal_word(self.lc(j)).or_else(|| {
            let (digits, suffix) = self.t.get(j)?.num_parts()?;
            matches!(suffix, "st" | "nd" | "rd" | "th")
                .then(|| digits.parse().ok())
                .flatten()
        })?;
        if ordinal < 2 {
            return None;
        }
        j += 1;
        let streak = matches!(
            self.lc(j),
            "consecutive" | "straight" | "successive" | "running"
        );
        if streak {
            j += 1;
        }
        // `session` and `trading day` are days of the market.
        if self.word(j, "trading") && self.word(j + 1, "day") {
            j += 1;
        }
        let unit = match lexicon::unit(self.lc(j)) {
            _ if self.word(j, "session") => Unit::Day,
            Some((
                u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Quarter | Unit::Year),
                false,
            )) => u,
            _ => return None,
        };
        let in_a_row = self.word(j + 1, "in") && self.word(j + 2, "a") && self.word(j + 3, "row");
        if !(streak || in_a_row) {
            return None;
        }
        // A streak of quarters ends at the quarter reported on.
        Some(self.expr(i, j + 1, current_or_reported(unit), "nth-in-a-row"))
    }

    // ---- durations

    /// `[mod] [the past|another] NUMBER UNIT [ago]`, `five-year`, `for years`.
    fn duration(&self, i: usize) -> Option<Expr> {
        // `$5.6 billion a year` is how often ([`Self::rate_after_amount`]).
        if self.rate_after_amount(i).is_some() {
            return None;
        }
        // `over the years`, `through the decades`: a vague stretch up to now.
        if self.word(i, "the")
            && i.checked_sub(1)
                .is_some_and(|p| matches!(self.lc(p), "over" | "through" | "throughout"))
            && !self.word(i + 2, "of")
            && self.t.get(i + 2).is_none_or(|t| t.kind != Kind::Num)
        {
            if let Some((unit @ (Unit::Year | Unit::Decade | Unit::Century), true)) =
                lexicon::unit(self.lc(i + 1))
            {
                return Some(self.expr(
                    i,
                    i + 2,
                    Core::Duration(duration_value(None, unit)),
                    "over-the-units",
                ));
            }
        }
        let mut j = i;
        let mut modifier = None;
        for (words, m) in lexicon::PRE_MODS {
            if words.iter().enumerate().all(|(k, w)| self.word(j + k, w)) {
                // `over the past week`: `over` means during, not more than.
                if matches!(words, [w] if *w == "over" || *w == "under") && self.word(j + 1, "the")
                {
                    return None;
                }
                // `nearly a year` keeps `a` as the number.
                let n = if words.last() == Some(&"a") {
                    words.len() - 1
                } else {
                    words.len()
                };
                j += n;
                modifier = Some(*m);
                break;
            }
        }
        let mut rule = "duration";
        if self.word(j, "the")
            && matches!(
                self.lc(j + 1),
                "past" | "last" | "next" | "coming" | "first" | "previous" | "following"
            )
        {
            j += 2;
            rule = "the-past-n-units";
        } else if self.word(j, "another") || self.word(j, "the") && self.word(j + 1, "entire") {
            j += if self.word(j, "another") { 1 } else { 2 };
            rule = "another-n-units";
        }
        // `for years`, `within minutes`, `for decades`: vague durations.
        let before = match i.checked_sub(1).map(|p| self.lc(p)) {
            // `in just minutes`
            Some("just" | "only" | "mere") => i.checked_sub(2).map(|p| self.lc(p)),
            other => other,
        };
        if j == i
            && matches!(
                before,
                Some("for" | "within" | "over" | "after" | "than" | "in")
            )
        {
            if let Some((unit, true)) = lexicon::unit(self.lc(i)) {
                if !matches!(unit, Unit::Quarter | Unit::Weekend) {
                    return Some(self.expr(
                        i,
                        i + 1,
                        Core::Duration(duration_value(None, unit)),
                        "vague-duration",
                    ));
                }
            }
        }
        // `weeks ago`: only a direction. (`days later` stays untagged: in a
        // narrative it points at an unknown day, not at the future.)
        // (`some hours ago` too.)
        let bare = j == i || (j == i + 1 && self.word(i, "some"));
        if bare && self.word(j + 1, "ago") {
            if let Some((_, true)) = lexicon::unit(self.lc(j)) {
                return Some(self.expr(i, j + 2, Core::Ref("PAST_REF"), "units-ago"));
            }
        }
        let (n, k) = self.quantity(j)?;
        let (unit, factor, adjectival, mut end) = self.duration_unit(k, n)?;
        if modifier == Some("APPROX") && self.word(i, "some") && n.is_none() {
            return None; // `some years` is vague anyway; `some` as quantity word
        }
        let n = n.map(|v| v * factor);
        if adjectival && rule != "duration" {
            return None;
        }
        if adjectival && self.word(end, "-") {
            return None;
        }
        // `4 years ago`: a point in time.
        if !adjectival && rule == "duration" {
            if self.word(end, "ago") {
                let amount = n.unwrap_or(f64::NAN);
                // `rose 18% from a year ago`: the period just spoken of, a
                // year back (the resolver decides).
                let compared = i.checked_sub(1).is_some_and(|p| {
                    matches!(self.lc(p), "from" | "than" | "with" | "versus" | "vs")
                });
                let e = Expr {
                    start: i,
                    end: end + 1,
                    core: Core::Ago(unit, -amount),
                    clock: None,
                    modifier,
                    rule: if compared { "compared-ago" } else { "ago" },
                };
                return Some(e);
            }
            // `two days later`, `a year earlier`: from the last date mentioned.
            // (`before`/`after` only at the end of a clause: `two years
            // before the war` hangs on the war, not on a date.)
            let clause_end = self.t.get(end + 1).is_none_or(|t| t.kind == Kind::Punct);
            let later = self.word(end, "later")
                || self.word(end, "afterwards")
                || (self.word(end, "after") && clause_end);
            let earlier = self.word(end, "earlier")
                || self.word(end, "previously")
                || (self.word(end, "before") && clause_end);
            if let (Some(v), true) = (n, later || earlier) {
                if v.fract() == 0.0 && v.abs() < 10_000.0 && !self.word(end + 1, "than") {
                    let off = if later { v as i64 } else { -(v as i64) };
                    return Some(Expr {
                        start: i,
                        end: end + 1,
                        core: Core::Anaphoric(unit, off),
                        clock: None,
                        modifier,
                        rule: "n-units-later",
                    });
                }
            }
            // `a few days later`, `many years earlier`: only a direction.
            if n.is_none() && (later || earlier) && !self.word(end + 1, "than") {
                let v = if later { "FUTURE_REF" } else { "PAST_REF" };
                return Some(Expr {
                    start: i,
                    end: end + 1,
                    core: Core::Ref(v),
                    clock: None,
                    modifier,
                    rule: "vague-units-later",
                });
            }
            if self.word(end, "from") && self.word(end + 1, "now") {
                let amount = n.unwrap_or(f64::NAN);
                return Some(Expr {
                    start: i,
                    end: end + 2,
                    core: Core::Ago(unit, amount),
                    clock: None,
                    modifier,
                    rule: "from-now",
                });
            }
        }
        // `20-year-old` is an age; `12-year-old` too.
        if adjectival && (self.hyphen(end) && self.word(end + 1, "old")) {
            return None;
        }
        if self.word(end, "old") {
            return None;
        }
        if self.hyphen(end) && self.word(end + 1, "long") {
            end += 2;
        }
        // `24 hours a day`, `seven days a week`: how often, a set.
        if !adjectival && matches!(self.lc(end), "a" | "an" | "per") {
            if let Some((per, false)) = lexicon::unit(self.lc(end + 1)) {
                if per != unit {
                    return Some(Expr {
                        start: i,
                        end: end + 2,
                        core: Core::Set(duration_value(Some(1.0), per)),
                        clock: None,
                        modifier,
                        rule: "n-units-a-unit",
                    });
                }
            }
        }
        Some(Expr {
            start: i,
            end,
            core: Core::Duration(duration_value(n, unit)),
            clock: None,
            modifier,
            rule,
        })
    }

    /// The first number of a range of durations (`between 60 and 90 days`,
    /// `two to three weeks`, `5-10 years`): a duration of its own in the
    /// unit of the second, which the next match takes.
    fn range_head(&self, i: usize) -> Option<Expr> {
        let (Some(n), k) = self.quantity(i)? else {
            return None;
        };
        if lexicon::unit(self.lc(k)).is_some() {
            return None;
        }
        let joined = self.word(k, "and")
            || self.word(k, "to")
            || self.word(k, "or")
            || (self.hyphen(k) && self.touching(k - 1) && self.touching(k));
        if !joined {
            return None;
        }
        let tail = self.duration(k + 1)?;
        let (Some((Some(_), after)), Core::Duration(_)) = (self.quantity(k + 1), &tail.core) else {
            return None;
        };
        let (unit, factor, adjectival, _) = self.duration_unit(after, Some(n))?;
        if adjectival || factor != 1.0 || tail.rule != "duration" || tail.modifier.is_some() {
            return None;
        }
        Some(self.expr(
            i,
            k,
            Core::Duration(duration_value(Some(n), unit)),
            "range-head",
        ))
    }

    /// A number in digits or words at `i` → (value, index after). `None`
    /// value for vague quantities (`several`, `a few`).
    fn quantity(&self, i: usize) -> Option<(Option<f64>, usize)> {
        let tok = self.t.get(i)?;
        match tok.kind {
            Kind::Num => {
                let (digits, suffix) = tok.num_parts()?;
                if !suffix.is_empty() || digits.contains(':') || digits.len() > 9 {
                    return None;
                }
                let v: f64 = digits.replace(',', "").parse().ok()?;
                Some((Some(v), i + 1))
            }
            Kind::Word => {
                let w = tok.lc();
                if w == "a" || w == "an" {
                    if self.word(i + 1, "few") {
                        return Some((None, i + 2));
                    }
                    if self.word(i + 1, "couple") && self.word(i + 2, "of") {
                        return Some((Some(2.0), i + 3));
                    }
                    if self.word(i + 1, "dozen") {
                        return Some((Some(12.0), i + 2));
                    }
                    if self.word(i + 1, "half") {
                        return Some((Some(0.5), i + 2));
                    }
                }
                if w == "half" && (self.word(i + 1, "a") || self.word(i + 1, "an")) {
                    return Some((Some(0.5), i + 2));
                }
                if lexicon::vague_quantity(w) {
                    return Some((None, i + 1));
                }
                let mut v = lexicon::number_word(w)? as f64;
                let mut j = i + 1;
                // `twenty-five`
                if v >= 20.0 && self.hyphen(j) {
                    if let Some(u) = lexicon::number_word(self.lc(j + 1)).filter(|u| *u < 10) {
                        v += u as f64;
                        j += 2;
                    }
                }
                // `two and a half`
                if self.word(j, "and") && self.word(j + 1, "a") && self.word(j + 2, "half") {
                    v += 0.5;
                    j += 3;
                }
                Some((Some(v), j))
            }
            Kind::Punct => None,
        }
    }

    /// The unit after a quantity: (unit, multiplier, adjectival `five-year`, end).
    fn duration_unit(&self, k: usize, n: Option<f64>) -> Option<(Unit, f64, bool, usize)> {
        let adjectival = self.hyphen(k);
        let mut u = if adjectival { k + 1 } else { k };
        // `six straight days`, `two consecutive quarters`
        if !adjectival
            && matches!(
                self.lc(u),
                "straight"
                    | "consecutive"
                    | "successive"
                    | "full"
                    | "additional"
                    | "more"
                    | "trading"
                    | "business"
                    | "working"
            )
        {
            u += 1;
        }
        if self.word(u, "quarter") && self.hyphen(u + 1) && self.word(u + 2, "century") {
            return Some((Unit::Year, 25.0, false, u + 3));
        }
        if self.word(u, "half") && self.hyphen(u + 1) && self.word(u + 2, "century") {
            return Some((Unit::Year, 50.0, false, u + 3));
        }
        // `a fortnight`: two weeks.
        if matches!(self.lc(u), "fortnight" | "fortnights") && !adjectival {
            let plural = self.lc(u) == "fortnights";
            if n.is_none() && !plural {
                return None;
            }
            return Some((Unit::Week, 2.0, false, u + 1));
        }
        let (unit, plural) = lexicon::unit(self.lc(u))?;
        if adjectival && plural {
            return None;
        }
        if n.is_none() && !plural {
            return None;
        }
        if unit == Unit::Quarter && !plural && n == Some(1.0) {
            return None; // `a quarter` of something
        }
        if unit == Unit::Second
            && !plural
            && self.t.get(u + 1).is_some_and(|t| {
                t.kind == Kind::Word && !matches!(t.lc(), "ago" | "later" | "earlier")
            })
        {
            return None; // `a second consecutive day`, `a second time`: ordinal
        }
        Some((unit, 1.0, adjectival, u + 1))
    }

    // ---- sets

    /// `every Friday`, `each year`, `daily`, `twice a week`, `annual`.
    fn set(&self, i: usize) -> Option<Expr> {
        let lc = self.lc(i);
        let simple = match lc {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "yearly" | "annually" | "annual" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            "quarterly" => Some("P3M"),
            _ => None,
        };
        if let Some(v) = simple {
            return Some(self.expr(i, i + 1, Core::Set(v.into()), "set-adverb"));
        }
        if let Some(unit) = self.rate_after_amount(i) {
            return Some(self.expr(
                i,
                i + 2,
                Core::Set(duration_value(Some(1.0), unit)),
                "amount-a-unit",
            ));
        }
        if lc == "per" {
            if let Some((unit, false)) = lexicon::unit(self.lc(i + 1)) {
                return Some(self.expr(
                    i,
                    i + 2,
                    Core::Set(duration_value(Some(1.0), unit)),
                    "per-unit",
                ));
            }
        }
        if matches!(lc, "every" | "each") {
            if let Some(wd) = lexicon::weekday_full(self.lc(i + 1)) {
                return Some(self.expr(
                    i,
                    i + 2,
                    Core::Set(format!("XXXX-WXX-{wd}")),
                    "every-weekday",
                ));
            }
            if let Some((unit, false)) = lexicon::unit(self.lc(i + 1)) {
                return Some(self.expr(
                    i,
                    i + 2,
                    Core::Set(duration_value(Some(1.0), unit)),
                    "every-unit",
                ));
            }
            if let (Some((Some(n), k)), true) = (self.quantity(i + 1), true) {
                if let Some((unit, true)) = lexicon::unit(self.lc(k)) {
                    return Some(self.expr(
                        i,
                        k + 1,
                        Core::Set(duration_value(Some(n), unit)),
                        "every-n-units",
                    ));
                }
            }
            return None;
        }
        // `twice a week`, `three times a year`, `once a month`
        let j = match lc {
            "once" | "twice" => i + 1,
            _ => {
                let (_, k) = self.quantity(i)?;
                if !self.word(k, "times") {
                    return None;
                }
                k + 1
            }
        };
        if matches!(self.lc(j), "a" | "an" | "per" | "each" | "every") {
            if let Some((unit, false)) = lexicon::unit(self.lc(j + 1)) {
                return Some(self.expr(
                    i,
                    j + 2,
                    Core::Set(duration_value(Some(1.0), unit)),
                    "n-times-a-unit",
                ));
            }
        }
        None
    }

    /// `$9.6 billion of goods a day`, `3% a year`, `2 million barrels a
    /// day`: `a`/`an` and a unit right after an amount give a rate, a set
    /// (TimeML: SET P1D), not a length of time. Not `a year ago`/`a day
    /// later`, which are points in time.
    fn rate_after_amount(&self, i: usize) -> Option<Unit> {
        if !matches!(self.lc(i), "a" | "an") {
            return None;
        }
        let (unit, false) = lexicon::unit(self.lc(i + 1))? else {
            return None;
        };
        if matches!(
            self.lc(i + 2),
            "ago" | "earlier" | "later" | "before" | "after" | "since" | "old" | "or"
        ) || (self.word(i + 2, "from")
            && matches!(
                self.lc(i + 3),
                "now" | "today" | "then" | "that" | "tomorrow"
            ))
            || self.hyphen(i + 1)
        {
            return None;
        }
        // The amount: a number, a scale or currency word, a percentage, or
        // `of goods`/`of oil` after one.
        let mut p = i.checked_sub(1)?;
        if p >= 2 && self.word(p - 1, "of") && self.t.get(p).is_some_and(|t| t.kind == Kind::Word) {
            p -= 2;
        }
        let amount = self.t.get(p).is_some_and(|t| t.kind == Kind::Num)
            || self.t.get(p).is_some_and(|t| t.is('%'))
            || matches!(
                self.lc(p),
                "million"
                    | "billion"
                    | "trillion"
                    | "thousand"
                    | "hundred"
                    | "percent"
                    | "dollars"
                    | "euros"
                    | "pounds"
                    | "cents"
                    | "barrels"
                    | "tonnes"
                    | "tons"
            );
        amount.then_some(unit)
    }

    // ---- seasons, quarters, halves

    /// `spring`, `the summer of 1944`, `the first quarter of 2009`, `Q3 2020`,
    /// `third-quarter`, `the first half of 2009`.
    fn part_of_year(&self, i: usize) -> Option<Expr> {
        let mut j = i;
        let the = self.word(j, "the");
        if the {
            j += 1;
        }
        let lc = self.lc(j);
        let (code, mut k): (&'static str, usize) = if let Some(s) = lexicon::season(lc) {
            if lc == "fall" && !the {
                return None;
            }
            (s, j + 1)
        } else if let Some(n) =
            lexicon::ordinal_word(lc).or(if matches!(lc, "final" | "last" | "latter") {
                Some(99)
            } else {
                None
            })
        {
            let mut k = j + 1;
            if self.hyphen(k) {
                k += 1;
            }
            match self.lc(k) {
                "quarter" if n <= 4 || n == 99 => (
                    ["Q1", "Q2", "Q3", "Q4"]
                        .get((n.min(4) - 1) as usize)
                        .copied()
                        .unwrap_or("Q4"),
                    k + 1,
                ),
                "half" if n <= 2 || n == 99 => (if n == 1 { "H1" } else { "H2" }, k + 1),
                _ => return None,
            }
        } else if self.t.get(j).is_some_and(|t| t.text == "Q") && self.touching(j) {
            // `Q4`: the scanner splits the letter from the digit.
            let code = match self.t.get(j + 1).map(|t| t.text) {
                Some("1") => "Q1",
                Some("2") => "Q2",
                Some("3") => "Q3",
                Some("4") => "Q4",
                _ => return None,
            };
            (code, j + 2)
        } else {
            return None;
        };
        let last_quarter = lc == "last";
        // Seasons need a capital-free context: `Spring` may start a sentence, fine.
        let mut year = YearRef::Implicit;
        let mut k2 = k;
        if self.word(k2, "of") {
            k2 += 1;
        }
        if let Some((y, end)) = self.bc_year(k2) {
            year = YearRef::Explicit(-y);
            k = end;
        } else if let Some(y) = self.year_number(k2) {
            year = YearRef::Explicit(y);
            k = k2 + 1;
        } else if self.word(k, "of") {
            let w = self.lc(k2);
            let off = match w {
                "this" => Some(0),
                "last" => Some(-1),
                "next" => Some(1),
                _ => None,
            };
            if let Some(off) = off.filter(|_| self.word(k2 + 1, "year")) {
                year = YearRef::Offset(off);
                k = k2 + 2;
            } else if w == "the" && self.word(k2 + 1, "year") {
                year = YearRef::Offset(0);
                k = k2 + 2;
            }
        } else if let Some(y) = self
            .t
            .get(k)
            .filter(|_| code.starts_with('Q'))
            .and_then(|_| self.year_number(k))
        {
            year = YearRef::Explicit(y);
            k += 1;
        }
        if last_quarter && year == YearRef::Implicit && code.starts_with('Q') {
            // `the last quarter`: the quarter before the anchor's.
            return Some(self.expr(i, k, Core::UnitShift(Unit::Quarter, -1), "last-quarter"));
        }
        // A bare season/quarter without `the` or year is too weak in prose (`spring` as a noun is fine).
        Some(self.expr(i, k, Core::Part(year, code), "part-of-year"))
    }

    // ---- the same period a year earlier

    /// `the same period last year`, `the same month a year ago`, `the same
    /// quarter of the previous year`, `the year-earlier quarter`.
    fn year_earlier(&self, i: usize) -> Option<Expr> {
        if !matches!(self.lc(i), "the" | "that") {
            return None;
        }
        // `the year-earlier quarter`, `the year-ago period`
        if self.word(i + 1, "year")
            && self.hyphen(i + 2)
            && matches!(self.lc(i + 3), "earlier" | "ago")
        {
            let unit = self.period_word(i + 4)?;
            return Some(self.expr(i, i + 5, Core::YearEarlier(unit), "year-earlier"));
        }
        if !self.word(i + 1, "same") {
            return None;
        }
        let unit = self.period_word(i + 2)?;
        let mut k = i + 3;
        if self.word(k, "of") || self.word(k, "in") {
            k += 1;
        }
        let end = match (self.lc(k), self.lc(k + 1), self.lc(k + 2)) {
            ("a" | "one", "year", "ago" | "earlier" | "before" | "prior") => k + 3,
            ("last" | "the", "year", _) if self.lc(k) == "last" => k + 2,
            ("the", "previous" | "prior" | "last", "year") => k + 3,
            ("the", "year", "before" | "earlier") => k + 3,
            _ => return None,
        };
        Some(self.expr(i, end, Core::YearEarlier(unit), "year-earlier"))
    }

    /// `the last week of March`, `the first week of May 2009`.
    fn week_of_month(&self, i: usize) -> Option<Expr> {
        if !self.word(i, "the") || !self.word(i + 2, "week") || !self.word(i + 3, "of") {
            return None;
        }
        let n = match self.lc(i + 1) {
            "last" | "final" => -1,
            w => lexicon::ordinal_word(w).filter(|n| *n <= 5)? as i32,
        };
        let month = self.month_first(i + 4, lexicon::month(self.lc(i + 4))?)?;
        let Core::Date {
            year,
            month: Some(mo),
            day: None,
            ..
        } = month.core
        else {
            return None;
        };
        Some(self.expr(
            i,
            month.end,
            Core::WeekOfMonth(year, mo, n),
            "week-of-month",
        ))
    }

    /// `month`, `quarter`, `week`, `day`, `year` (that unit) or `period`,
    /// `time` (any unit); `None` outside.
    fn period_word(&self, i: usize) -> Option<Option<Unit>> {
        match self.lc(i) {
            "period" | "time" => Some(None),
            w => match lexicon::unit(w) {
                Some((
                    unit @ (Unit::Day | Unit::Week | Unit::Month | Unit::Quarter | Unit::Year),
                    false,
                )) => Some(Some(unit)),
                _ => None,
            },
        }
    }

    // ---- PRESENT_REF & co

    fn reference(&self, i: usize) -> Option<Expr> {
        let lc = self.lc(i);
        let (v, end) = match lc {
            "now" if !self.word(i + 1, "that") => ("PRESENT_REF", i + 1),
            "currently" | "nowadays" => ("PRESENT_REF", i + 1),
            "recently" => ("PAST_REF", i + 1),
            // `recent` and `current` as TimeBank and MEANTIME annotate them
            // (`recent talks`, `the current crisis`).
            "recent" if !lexicon::unit(self.lc(i + 1)).is_some_and(|(_, plural)| plural) => {
                ("PAST_REF", i + 1)
            }
            "current" if lexicon::unit(self.lc(i + 1)).is_none() => ("PRESENT_REF", i + 1),
            "the"
                if matches!(self.lc(i + 1), "near" | "long" | "short")
                    && self.word(i + 2, "term") =>
            {
                ("FUTURE_REF", i + 3)
            }
            "the" if self.word(i + 1, "time") && self.word(i + 2, "being") => {
                ("PRESENT_REF", i + 3)
            }
            "the"
                if self.word(i + 1, "past")
                    && !self.t.get(i + 2).is_some_and(|t| {
                        t.kind == Kind::Word && lexicon::unit(t.lc()).is_some()
                            || t.kind == Kind::Num
                    }) =>
            {
                ("PAST_REF", i + 2)
            }
            "the" if self.word(i + 1, "future") => ("FUTURE_REF", i + 2),
            // `in recent years`, `recent months`: a time in the past (TimeML,
            // HeidelTime `PAST_REF`); `over recent years`, `for recent
            // weeks`: a stretch up to now, a vague duration.
            "in" | "recent" => {
                let k = if lc == "in" { i + 2 } else { i + 1 };
                if lc == "in" && !self.word(i + 1, "recent") {
                    return None;
                }
                let (unit, true) = lexicon::unit(self.lc(k))? else {
                    return None;
                };
                let start = if lc == "in" { i + 1 } else { i };
                let stretch = start.checked_sub(1).is_some_and(|p| {
                    matches!(
                        self.lc(p),
                        "over" | "for" | "during" | "through" | "throughout" | "across"
                    )
                });
                let core = if stretch {
                    Core::Duration(duration_value(None, unit))
                } else {
                    Core::Ref("PAST_REF")
                };
                return Some(self.expr(start, k + 1, core, "recent-units"));
            }
            "former" | "formerly" => return None,
            _ => return None,
        };
        let start = if lc == "in" { i + 1 } else { i };
        Some(self.expr(start, end, Core::Ref(v), "reference"))
    }

    // ---- lists and ranges

    /// `October 7 and 8`, `October 7-8`: one more expression per extra day.
    fn list_tail(&self, out: &mut Vec<Expr>) {
        let Some(first) = out.first().cloned() else {
            return;
        };
        let Core::Date {
            year,
            month: Some(mo),
            day: Some(_),
            ..
        } = first.core
        else {
            return;
        };
        if first.rule != "month-day" && first.rule != "month-day-year" {
            return;
        }
        let mut j = first.end;
        while self.word(j, "and")
            || self.word(j, "to")
            || self.hyphen(j)
            || self.punct(j, ',')
            || self.word(j, "through")
        {
            let k = j + 1;
            let Some(day) = self.day_number(k) else { break };
            // `October 7 and 8 , 2020`: a trailing year belongs to the whole list.
            if self
                .t
                .get(k + 1)
                .is_some_and(|t| t.kind == Kind::Word && lexicon::unit(t.lc()).is_some())
            {
                break;
            }
            out.push(self.expr(k, k + 1, date(year, Some(mo), Some(day)), "list-day"));
            j = k + 1;
        }
    }

    fn expr(&self, start: usize, end: usize, core: Core, rule: &'static str) -> Expr {
        Expr {
            start,
            end,
            core,
            clock: None,
            modifier: None,
            rule,
        }
    }
}

fn date(year: YearRef, month: Option<u32>, day: Option<u32>) -> Core {
    Core::Date {
        year,
        month,
        day,
        weekday: None,
    }
}

/// `P2W`, `PT6H`, `P2.5Y`, `PXY` (vague).
pub fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let (code, clock) = unit.duration_code();
    let t = if clock { "T" } else { "" };
    match n {
        None => format!("P{t}X{code}"),
        Some(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e9 => {
            format!("P{t}{}{code}", v as i64)
        }
        Some(v) if v.is_finite() && v.abs() < 1e9 => {
            let s = format!("{v:.2}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            format!("P{t}{s}{code}")
        }
        Some(_) => format!("P{t}X{code}"),
    }
}
