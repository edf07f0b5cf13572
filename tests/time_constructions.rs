//! Table-driven tests of the time tagger, one row per construction:
//! text, anchor (publication date), expected surface, type, value, mod.

use chrono::NaiveDate;
use dateline::engine::config::{NumericDateOrder, TimeConfig};
use dateline::engine::time::{tag_paragraph, tag_text_with_anchor, TagState, Timex};

/// (text, anchor, surface, type, value, mod)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

#[rustfmt::skip]
const ROWS: &[Row] = &[
    // Weekdays by tense, against a Friday (2020-10-09).
    ("Putin spoke on Thursday.", "2020-10-09", "Thursday", "DATE", "2020-10-08", None),
    ("Talks will resume on Monday.", "2020-10-09", "Monday", "DATE", "2020-10-12", None),
    ("Talks were held on Friday.", "2020-10-09", "Friday", "DATE", "2020-10-09", None),
    ("Late Thursday, Putin issued a statement.", "2020-10-09", "Late Thursday", "DATE", "2020-10-08", Some("END")),
    ("They met on Friday afternoon.", "2020-10-09", "Friday afternoon", "TIME", "2020-10-09TAF", None),
    ("He will fly out next Monday.", "2020-10-09", "next Monday", "DATE", "2020-10-12", None),
    ("They met last Friday.", "2020-10-09", "last Friday", "DATE", "2020-10-02", None),
    // Deictic words.
    ("He said so yesterday.", "2020-10-09", "yesterday", "DATE", "2020-10-08", None),
    ("A truce could come tomorrow.", "2020-10-09", "tomorrow", "DATE", "2020-10-10", None),
    ("A truce could come tonight.", "2020-10-09", "tonight", "TIME", "2020-10-09TNI", None),
    ("Aliyev said earlier in the day that it was over.", "2020-10-09", "earlier in the day", "DATE", "2020-10-09", None),
    ("Villages were shelled overnight.", "2020-10-08", "overnight", "TIME", "2020-10-07TNI", None),
    ("Shelling resumed this morning.", "2020-10-09", "this morning", "TIME", "2020-10-09TMO", None),
    // Calendar units.
    ("Talks are planned this week.", "2020-10-09", "this week", "DATE", "2020-W41", None),
    ("Clashes erupted late last month.", "2020-10-09", "late last month", "DATE", "2020-09", Some("END")),
    ("Sales rose last year.", "2020-10-09", "last year", "DATE", "2019", None),
    ("Prices fell earlier this year.", "2020-10-09", "earlier this year", "DATE", "2020", None),
    ("It opens next month.", "2020-10-09", "next month", "DATE", "2020-11", None),
    ("It was built 4 years ago.", "2020-10-09", "4 years ago", "DATE", "2016", None),
    ("Profit fell in the third quarter of last year.", "2020-10-09", "the third quarter of last year", "DATE", "2019-Q3", None),
    ("Results for the first quarter of 2009 were poor.", "2020-10-09", "the first quarter of 2009", "DATE", "2009-Q1", None),
    ("It happened at the end of 2019.", "2020-10-09", "the end of 2019", "DATE", "2019", Some("END")),
    ("It was cold in the summer of 1944.", "2020-10-09", "the summer of 1944", "DATE", "1944-SU", None),
    // Absolute dates.
    ("Fighting on October 7 was heavy.", "2020-10-08", "October 7", "DATE", "2020-10-07", None),
    ("She spoke on Oct. 29 in Baku.", "2020-10-29", "Oct. 29", "DATE", "2020-10-29", None),
    ("BAKU, Azerbaijan, Oct.29 report.", "2020-10-29", "Oct.29", "DATE", "2020-10-29", None),
    ("Fighting began Sept. 27 in the region.", "2020-10-09", "Sept. 27", "DATE", "2020-09-27", None),
    ("It was posted on October 09, 2020 online.", "2020-10-09", "October 09, 2020", "DATE", "2020-10-09", None),
    ("It was posted on 9 October 2020 online.", "2020-10-12", "9 October 2020", "DATE", "2020-10-09", None),
    ("The file is dated 2020-10-08 here.", "2020-10-12", "2020-10-08", "DATE", "2020-10-08", None),
    ("The fighting continued into October 2020 as well.", "2020-10-29", "October 2020", "DATE", "2020-10", None),
    ("The war ended on Dec. 29 last.", "2021-01-03", "Dec. 29", "DATE", "2020-12-29", None),
    ("It was signed on March 3.", "2020-10-09", "March 3", "DATE", "2020-03-03", None),
    ("It will be signed on March 3.", "2020-10-09", "March 3", "DATE", "2021-03-03", None),
    ("It was signed on June 1st.", "2020-10-09", "June 1st", "DATE", "2020-06-01", None),
    // Years, decades, centuries.
    ("The 1994 ceasefire held.", "2020-10-09", "1994", "DATE", "1994", None),
    ("The war ended in 1994 with 30,000 killed.", "2020-10-09", "1994", "DATE", "1994", None),
    ("It started in the early 1990s.", "2020-10-09", "the early 1990s", "DATE", "199X", Some("START")),
    ("It was set up in the 1990s.", "2020-10-09", "the 1990s", "DATE", "199X", None),
    ("By the mid-1990s it was over.", "2020-10-09", "the mid-1990s", "DATE", "199X", Some("MID")),
    ("It was a 19th century fort.", "2020-10-09", "19th century", "DATE", "18", None),
    ("Athens fell in 480 BC.", "2020-10-09", "480 BC", "DATE", "BC0480", None),
    ("The fleet sailed in April 480 BC.", "2020-10-09", "April 480 BC", "DATE", "BC0480-04", None),
    ("It returned in the spring of 479 BC.", "2020-10-09", "the spring of 479 BC", "DATE", "BC0479-SP", None),
    ("In 1989's third quarter it fell.", "2020-10-09", "1989's third quarter", "DATE", "1989-Q3", None),
    ("It grew in mid-2011.", "2020-10-09", "mid-2011", "DATE", "2011", Some("MID")),
    // Times.
    ("At 08:30 the enemy attacked.", "2020-10-08", "08:30", "TIME", "2020-10-08T08:30", None),
    ("The truce starts from 8:00 on October 26.", "2020-10-25", "8:00 on October 26", "TIME", "2020-10-26T08:00", None),
    ("They met at 4 p.m. in Moscow.", "2020-10-09", "4 p.m.", "TIME", "2020-10-09T16:00", None),
    ("They met at noon.", "2020-10-09", "noon", "TIME", "2020-10-09T12:00", None),
    ("Trading stopped at 18:00 UTC.", "2020-10-09", "18:00 UTC", "TIME", "2020-10-09T18:00Z", None),
    // Durations.
    ("Fighting raged for nearly two weeks.", "2020-10-09", "nearly two weeks", "DURATION", "P2W", Some("LESS_THAN")),
    ("Talks lasted some six hours.", "2020-10-09", "some six hours", "DURATION", "PT6H", Some("APPROX")),
    ("The worst in more than a quarter-century.", "2020-10-09", "more than a quarter-century", "DURATION", "P25Y", Some("MORE_THAN")),
    ("After nearly three decades of talks.", "2020-10-09", "nearly three decades", "DURATION", "P3DE", Some("LESS_THAN")),
    ("Baku will not wait another 30 years.", "2020-10-13", "another 30 years", "DURATION", "P30Y", None),
    ("Killed during two weeks of fighting.", "2020-10-13", "two weeks", "DURATION", "P2W", None),
    ("Cases rose in the past 24 hours.", "2020-10-13", "the past 24 hours", "DURATION", "PT24H", None),
    ("It took two and a half years.", "2020-10-13", "two and a half years", "DURATION", "P2.5Y", None),
    ("A five-year plan.", "2020-10-13", "five-year", "DURATION", "P5Y", None),
    ("Stocks fell for six straight days.", "2020-10-13", "six straight days", "DURATION", "P6D", None),
    ("It has lasted for decades.", "2020-10-13", "decades", "DURATION", "PXDE", None),
    // Sets.
    ("Protesters gather every Friday.", "2020-10-13", "every Friday", "SET", "XXXX-WXX-5", None),
    ("The paper is published daily.", "2020-10-13", "daily", "SET", "P1D", None),
    ("They meet twice a week.", "2020-10-13", "twice a week", "SET", "P1W", None),
    // A rate after an amount is how often, not how long.
    ("Egypt earns about $5.6 billion a year from the canal.", "2021-03-26", "a year", "SET", "P1Y", None),
    ("It holds up $9.6 billion of goods a day.", "2021-03-26", "a day", "SET", "P1D", None),
    ("Prices rose 3% a year.", "2021-03-26", "a year", "SET", "P1Y", None),
    ("Sales were 2% higher than a year ago.", "2021-03-26", "a year ago", "DATE", "2020", None),
    ("The plant will reopen a year from now.", "2021-03-26", "a year from now", "DATE", "2022", None),
    // Fixtures in the present, and what `was likely`, lie ahead.
    ("Argentina begin their campaign on Tuesday.", "2022-11-19", "Tuesday", "DATE", "2022-11-22", None),
    ("The two sides meet on Friday.", "2022-11-19", "Friday", "DATE", "2022-11-25", None),
    ("Lagarde signalled a cut in June was likely.", "2024-03-15", "June", "DATE", "2024-06", None),
    ("Lagarde signalled a cut in June.", "2024-09-15", "June", "DATE", "2024-06", None),
    // Anaphoric: from the last date mentioned.
    ("He joined in 1985 and retired five years later.", "2020-10-09", "five years later", "DATE", "1990", None),
    ("On May 3, 2001 it fell; two days later it rose.", "2020-10-09", "two days later", "DATE", "2001-05-05", None),
    ("On May 3 it fell; the day before, it rose.", "2020-10-09", "the day before", "DATE", "2020-05-02", None),
    ("Profit rose 12% from a year earlier.", "2020-10-09", "a year earlier", "DATE", "2019", None),
    ("Markets closed lower after the weekend.", "2020-10-13", "the weekend", "DATE", "2020-W41-WE", None),
    ("Stocks ended the day higher.", "2020-10-13", "the day", "DATE", "2020-10-13", None),
    ("Shops closed on Christmas Day.", "2020-12-27", "Christmas Day", "DATE", "2020-12-25", None),
    // Two days off, fortnights, bare units ago.
    ("A decision is due the day after tomorrow.", "2013-03-14", "the day after tomorrow", "DATE", "2013-03-16", None),
    ("They met the day before yesterday.", "2013-03-14", "the day before yesterday", "DATE", "2013-03-12", None),
    ("He left a fortnight ago.", "2013-03-14", "a fortnight ago", "DATE", "2013-02-28", None),
    ("The strike lasted two fortnights.", "2013-03-14", "two fortnights", "DURATION", "P4W", None),
    ("The talks collapsed weeks ago.", "2013-03-14", "weeks ago", "DATE", "PAST_REF", None),
    ("The church got hit some hours ago.", "2013-03-14", "some hours ago", "DATE", "PAST_REF", None),
    // How long per unit: a set.
    ("The plant runs 24 hours a day, seven days a week.", "2013-03-14", "24 hours a day", "SET", "P1D", None),
    ("The plant runs 24 hours a day, seven days a week.", "2013-03-14", "seven days a week", "SET", "P1W", None),
    ("Staff work 40 hours per week.", "2013-03-14", "40 hours per week", "SET", "P1W", None),
    // Hundreds name centuries, except the 2000s.
    ("The firm was founded in the late 1800s.", "2013-03-14", "the late 1800s", "DATE", "18", Some("END")),
    ("Prices rose in the 1900s.", "2013-03-14", "the 1900s", "DATE", "19", None),
    ("Prices rose in the 2000s.", "2013-03-14", "the 2000s", "DATE", "200X", None),
    // Named days: feasts by the calendar, named weekdays by their written date.
    ("Churches were full on Good Friday.", "2020-04-14", "Good Friday", "DATE", "2020-04-10", None),
    ("Shoppers will queue on Black Friday.", "2019-11-20", "Black Friday", "DATE", "2019-11-29", None),
    ("Online sales peaked on Cyber Monday.", "2008-12-03", "Cyber Monday", "DATE", "2008-12-01", None),
    ("Families met at Thanksgiving.", "2020-12-01", "Thanksgiving", "DATE", "2020-11-26", None),
    ("The vote came after Easter 2019.", "2020-10-09", "Easter 2019", "DATE", "2019-04-21", None),
    ("Parades are planned for Labor Day.", "2020-08-20", "Labor Day", "DATE", "2020-09-07", None),
    ("Voters go to the polls on Election Day.", "2020-10-09", "Election Day", "DATE", "2020-11-03", None),
    ("Shops opened on Boxing Day.", "2020-12-28", "Boxing Day", "DATE", "2020-12-26", None),
    ("It recalled Black Monday, October 19, 1987, when stocks crashed.", "2007-10-20", "Black Monday, October 19, 1987", "DATE", "1987-10-19", None),
    // `today's` of the present age, not of the day.
    ("Jobs are scarce in today's economy.", "2013-12-10", "today", "DATE", "PRESENT_REF", None),
    ("It is hard for today's young people.", "2013-12-10", "today", "DATE", "PRESENT_REF", None),
    ("This is an exciting time at today's GM.", "2013-12-10", "today", "DATE", "PRESENT_REF", None),
    ("Today's meeting was tense.", "2013-12-10", "Today", "DATE", "2013-12-10", None),
    ("He spoke at today's Senate hearing.", "2013-12-10", "today", "DATE", "2013-12-10", None),
    ("It was in today's New York Times.", "2013-12-10", "today", "DATE", "2013-12-10", None),
    // Ranges of durations: one expression per number.
    ("It would take between 60 and 90 days.", "2009-06-04", "60", "DURATION", "P60D", None),
    ("It would take between 60 and 90 days.", "2009-06-04", "90 days", "DURATION", "P90D", None),
    ("Repairs take two to three weeks.", "2009-06-04", "two", "DURATION", "P2W", None),
    ("Repairs take two to three weeks.", "2009-06-04", "three weeks", "DURATION", "P3W", None),
    ("Sentences of 5-10 years are common.", "2009-06-04", "5", "DURATION", "P5Y", None),
    // The latest of a streak: the anchor's unit.
    ("Trading was suspended for a second consecutive day.", "2008-09-17", "a second consecutive day", "DATE", "2008-09-17", None),
    ("Stocks fell for the third straight session.", "2008-09-17", "the third straight session", "DATE", "2008-09-17", None),
    ("US stocks log gains for fourth week in a row.", "2009-04-04", "fourth week", "DATE", "2009-W14", None),
    ("Sales fell for the 5th consecutive month.", "2009-04-04", "the 5th consecutive month", "DATE", "2009-04", None),
    // Named events and names with numbers.
    ("Markets reopened after the September 11th terrorist attacks.", "2007-02-27", "September 11th", "DATE", "2001-09-11", None),
    ("He joined the firm in '82.", "2007-02-27", "'82", "DATE", "1982", None),
    // `by that time`: the date last mentioned.
    ("Talks end on June 10. If no price is agreed by that time, Fiat pays.", "2011-05-29", "that time", "DATE", "2011-06-10", None),
    ("Sales fell in March 2009; at that time the plant closed.", "2011-05-29", "that time", "DATE", "2009-03", None),
    // Vague stretches.
    ("The plant changed hands over the years.", "2006-01-27", "the years", "DURATION", "PXY", None),
    // Tense: participles after `be` take the auxiliary's tense; a deferral
    // points ahead even in a past-tense sentence.
    ("The vote will be held on Monday.", "2020-10-09", "Monday", "DATE", "2020-10-12", None),
    ("The final will be played on Sunday.", "2020-10-09", "Sunday", "DATE", "2020-10-11", None),
    ("The vote was postponed to March 3.", "2020-10-09", "March 3", "DATE", "2021-03-03", None),
    ("The hearing was pushed back until Thursday.", "2020-10-09", "Thursday", "DATE", "2020-10-15", None),
    ("The launch was delayed until October 2021.", "2020-10-09", "October 2021", "DATE", "2021-10", None),
    ("The vote was held on Monday.", "2020-10-09", "Monday", "DATE", "2020-10-05", None),
    // `last` as a verb is no past cue; `takes effect` schedules.
    ("Officials said the truce would last 72 hours, starting at midnight Friday.", "2013-03-14", "midnight Friday", "TIME", "2013-03-15T24:00", None),
    ("The law takes effect Jan. 1.", "2013-03-14", "Jan. 1", "DATE", "2014-01-01", None),
    ("The law took effect Jan. 1.", "2013-03-14", "Jan. 1", "DATE", "2013-01-01", None),
    // Tense of arrangements and of `until`.
    ("The trial is set to begin on Wednesday.", "2006-03-28", "Wednesday", "DATE", "2006-03-29", None),
    ("The government has continued to hold markets closed until Friday.", "2008-09-18", "Friday", "DATE", "2008-09-19", None),
    ("Markets remained closed until Friday.", "2008-09-20", "Friday", "DATE", "2008-09-19", None),
    // `the day`: the day the story last spoke of.
    ("Stocks fell on Monday and ended the day at 7,114.", "2009-02-24", "the day", "DATE", "2009-02-23", None),
    // A month of a shifted year.
    ("Franchises end after October of next year.", "2009-05-15", "October of next year", "DATE", "2010-10", None),
    ("It opened in March of last year.", "2009-05-15", "March of last year", "DATE", "2008-03", None),
    // The same period a year back: the period last spoken of.
    ("Sales rose 43% in February compared to the same period last year.", "2010-03-03", "the same period last year", "DATE", "2009-02", None),
    ("Sales fell in January, compared to the same month a year ago.", "2009-02-03", "the same month a year ago", "DATE", "2008-01", None),
    ("Profit in the third quarter of 2009 beat the year-earlier quarter.", "2009-10-16", "the year-earlier quarter", "DATE", "2008-Q3", None),
    ("Output fell 5% from the same quarter of the previous year.", "2009-10-16", "the same quarter of the previous year", "DATE", "2008-Q4", None),
    ("Costs fell last year, $19.8 billion less than the year previous.", "2010-01-28", "the year previous", "DATE", "2008", None),
    // Holidays with their year; the week of a month; the whole year spoken of.
    ("Troops were home by Christmas 2007.", "2009-12-19", "Christmas 2007", "DATE", "2007-12-25", None),
    ("Sales plunged in the last week of March.", "2009-04-01", "the last week of March", "DATE", "2009-W13", None),
    ("Talks began in the first week of March 2009.", "2020-10-09", "the first week of March 2009", "DATE", "2009-W10", None),
    ("It lost $4.8 billion in the fourth quarter of 2005 and $8.6 billion for the entire year.", "2006-01-27", "the entire year", "DATE", "2005", None),
    // The present perfect reaches up to now: no pull into the past.
    ("Ford has announced cuts, with plants idle during the fourth quarter.", "2006-08-19", "the fourth quarter", "DATE", "2006-Q4", None),
    ("Ford reported a loss in the fourth quarter.", "2006-08-19", "the fourth quarter", "DATE", "2005-Q4", None),
    // Vague amounts before `later` / `earlier` give only a direction.
    ("A few days later the city fell.", "2020-10-09", "A few days later", "DATE", "FUTURE_REF", None),
    ("Only a few days earlier, talks had failed.", "2020-10-09", "a few days earlier", "DATE", "PAST_REF", None),
    // `the last year`: the year before, unless a stretch (`over the last year`).
    ("Ford posted a profit for the last year of $2.7 billion.", "2010-01-28", "the last year", "DATE", "2009", None),
    ("Prices doubled over the last year.", "2010-01-28", "the last year", "DURATION", "P1Y", None),
    // `the year-ago quarter`: the last quarter spoken of, not the last value.
    ("Profit rose in the third quarter; sales for fiscal 1989 fell from the year-ago quarter.", "1989-10-30", "the year-ago quarter", "DATE", "1988-Q3", None),
    // A period is a month, quarter or year: a day mentioned since does not count.
    ("Profit rose in the third quarter and shares fell on Friday, from 4% in the year-earlier period.", "1989-10-30", "the year-earlier period", "DATE", "1988-Q3", None),
    // A scheduled event in the present tense lies ahead.
    ("The trial begins on Monday in London.", "2006-03-28", "Monday", "DATE", "2006-04-03", None),
    ("The offer expires Friday.", "1989-10-30", "Friday", "DATE", "1989-11-03", None),
    // A clock time with its zone, then its day.
    ("The offer will expire at 5 p.m. EST Friday.", "1989-10-30", "5 p.m. EST Friday", "TIME", "1989-11-03T17:00", None),
    // A clock time followed by its day.
    ("In a press conference at 16:15 UTC, June 1st, he spoke.", "2009-06-04", "16:15 UTC", "TIME", "2009-06-01T16:15Z", None),
    // `by that time`: the date last mentioned.
    ("Talks end on June 10. If no price is agreed by that time, Fiat pays.", "2011-05-29", "that time", "DATE", "2011-06-10", None),
    ("Sales fell in March 2009; at that time the plant closed.", "2011-05-29", "that time", "DATE", "2009-03", None),
    // Vague stretches.
    // `in recent years`: a time in the past (TimeML, HeidelTime); `over
    // recent years`: a stretch up to now.
    ("It has struggled in recent years.", "2006-08-19", "recent years", "DATE", "PAST_REF", None),
    ("The biggest losses in recent months.", "2008-01-21", "recent months", "DATE", "PAST_REF", None),
    ("Recent weeks saw heavy selling.", "2008-01-21", "Recent weeks", "DATE", "PAST_REF", None),
    ("Prices have doubled over recent years.", "2008-01-21", "recent years", "DURATION", "PXY", None),
    // Idioms of a day that is no calendar day.
    ("If there ever came a day when I could not serve, I would say so.", "2011-08-25", "a day", "DATE", "FUTURE_REF", None),
    ("There will come a day when the debt is paid.", "2011-08-25", "a day", "DATE", "FUTURE_REF", None),
    ("A day will come when we win.", "2011-08-25", "A day", "DATE", "FUTURE_REF", None),
    ("He met her on May 3. Unfortunately, that day has come.", "2011-08-25", "that day", "DATE", "PRESENT_REF", None),
    ("The day has finally arrived for the fans.", "2011-08-25", "The day", "DATE", "PRESENT_REF", None),
    ("In 1920 the mill boomed, but there came a day when it closed.", "2011-08-25", "a day", "DATE", "PAST_REF", None),
    ("The strike lasted a day.", "2011-08-25", "a day", "DURATION", "P1D", None),
    ("He met her on May 3, and that day he left.", "2011-08-25", "that day", "DATE", "2011-05-03", None),
    // `the day` under a mod: the day the story last spoke of.
    ("October 10, 2008. Following a large fall at the start of the day, the Dow rose.", "2008-10-20", "the start of the day", "DATE", "2008-10-10", Some("START")),
    ("Stocks rose at the end of the day.", "2008-10-20", "the end of the day", "DATE", "2008-10-20", Some("END")),
    ("Stocks fell sharply yesterday, although they later recovered to end the day with a small loss.", "2010-05-07", "the day", "DATE", "2010-05-06", None),
    // Quarterly reports: `the quarter`, a streak of quarters and `a year
    // earlier` hang on the quarter reported; `fiscal 2022` is `FY2022`.
    ("Revenue rose in the third quarter from a year earlier.", "2021-10-27", "a year earlier", "DATE", "2020-Q3", None),
    ("Sales rose in the third quarter, up 5% from a year ago.", "2021-10-27", "a year ago", "DATE", "2020-Q3", None),
    ("He joined the firm a year ago.", "2021-10-27", "a year ago", "DATE", "2020", None),
    ("Profit rose in the third quarter, the ninth consecutive quarter of growth.", "2021-10-27", "the ninth consecutive quarter", "DATE", "2021-Q3", None),
    ("Profit rose in the third quarter. Revenue for the quarter was $4 billion.", "2021-10-27", "the quarter", "DATE", "2021-Q3", None),
    ("Revenue for the quarter was $4 billion.", "2021-10-27", "the quarter", "DATE", "2021-Q4", None),
    ("Revenue rose in the third quarter from a year earlier and beat the year-earlier period.", "2021-10-27", "the year-earlier period", "DATE", "2020-Q3", None),
    ("It raised its forecast for fiscal 2022.", "2021-10-27", "fiscal 2022", "DATE", "FY2022", None),
    ("It met its goals for fiscal year 2020.", "2021-10-27", "fiscal year 2020", "DATE", "FY2020", None),
    ("Q4 bookings were strong.", "2021-10-27", "Q4", "DATE", "2021-Q4", None),
    ("Results for Q3 2020 were weak.", "2021-10-27", "Q3 2020", "DATE", "2020-Q3", None),
    // Clock times with their zones: an offset keeps local time.
    ("The sentence came at 10 a.m. ET on the day.", "2021-03-12", "10 a.m. ET", "TIME", "2021-03-12T10:00", None),
    ("The flight took off at 6:40 p.m. (GMT+8) on Wednesday.", "2022-06-02", "6:40 p.m. (GMT+8) on Wednesday", "TIME", "2022-06-01T18:40", None),
    ("Markets open at 09:00 GMT+3.", "2022-06-02", "09:00 GMT+3", "TIME", "2022-06-02T09:00", None),
    ("Kick-off is at 8.15pm GMT.", "2021-03-08", "8.15pm GMT", "TIME", "2021-03-08T20:15Z", None),
    // Arrangements: `is set for`, `is forecast for`.
    ("A hearing is set for April 14.", "2021-03-12", "April 14", "DATE", "2021-04-14", None),
    ("More snow is forecast for Tuesday night.", "2021-02-15", "Tuesday night", "TIME", "2021-02-16TNI", None),
    ("The hearing was set for March 1 but never held.", "2021-03-12", "March 1", "DATE", "2021-03-01", None),
    // No tense: the weekday the text named before.
    ("City face Southampton on Wednesday 10 March. Kick-off on Wednesday is at 8.15pm.", "2021-03-08", "Wednesday", "DATE", "2021-03-10", None),
    // `the rest of the week`: the week itself.
    ("The storm will linger through the rest of the week.", "2021-02-15", "the rest of the week", "DATE", "2021-W07", None),
    // `a warmer March`: an adjective makes `March` a month.
    ("Forecasters expect a warmer March.", "2021-02-15", "March", "DATE", "2021-03", None),
    // `in the coming weeks`: some time ahead; `over the coming weeks` a stretch.
    ("It will seek approval in the coming weeks.", "2020-11-10", "the coming weeks", "DATE", "FUTURE_REF", None),
    ("Prices will rise over the coming weeks.", "2020-11-10", "the coming weeks", "DURATION", "PXW", None),
    // A possibility ahead outweighs the report's `said`; present-tense returns are scheduled.
    ("Officials said the first shots could be given before Christmas.", "2020-11-10", "Christmas", "DATE", "2020-12-25", None),
    ("Senators return from their recess on Monday.", "2022-01-07", "Monday", "DATE", "2022-01-10", None),
    // US Monday holidays and the days of parents.
    ("The vote comes by Jan. 17, Martin Luther King Jr. Day.", "2022-01-07", "Martin Luther King Jr. Day", "DATE", "2022-01-17", None),
    ("Markets close for MLK Day.", "2022-01-07", "MLK Day", "DATE", "2022-01-17", None),
    ("Parades are planned for Columbus Day.", "2022-09-20", "Columbus Day", "DATE", "2022-10-10", None),
    ("Florists are busy before Mother's Day.", "2022-05-01", "Mother's Day", "DATE", "2022-05-08", None),
    // Vague references.
    ("Prices are now higher.", "2020-10-13", "now", "DATE", "PRESENT_REF", None),
    ("Prices rose recently.", "2020-10-13", "recently", "DATE", "PAST_REF", None),
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("iso date")
}

fn find<'a>(times: &'a [Timex], text: &str, surface: &str) -> Option<&'a Timex> {
    times.iter().find(|t| t.span.text(text) == surface)
}

#[test]
fn constructions() {
    let mut failures = Vec::new();
    for &(text, anchor, surface, kind, value, modifier) in ROWS {
        let times = tag_text_with_anchor(text, Some(date(anchor)), &TimeConfig::default());
        match find(&times, text, surface) {
            Some(t) if t.kind.as_str() == kind && t.value == value && t.modifier == modifier => {}
            Some(t) => failures.push(format!(
                "{text:?}: {surface:?} is {} {} {:?}, want {kind} {value} {modifier:?}",
                t.kind.as_str(),
                t.value,
                t.modifier
            )),
            None => failures.push(format!(
                "{text:?}: {surface:?} not found; got {:?}",
                times
                    .iter()
                    .map(|t| (t.span.text(text), t.value.as_str()))
                    .collect::<Vec<_>>()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        ROWS.len(),
        failures.join("\n")
    );
}

#[test]
fn a_named_weekday_without_its_date_is_no_weekday() {
    let text = "Today marks 20 years since Black Monday. On 'Bloody Sunday' troops fired. Super Tuesday looms.";
    let times = tag_text_with_anchor(text, Some(date("2007-10-20")), &TimeConfig::default());
    let got: Vec<&str> = times.iter().map(|t| t.span.text(text)).collect();
    assert_eq!(got, ["Today", "20 years"], "{times:?}");
}

#[test]
fn numbers_joined_without_a_unit_are_no_durations() {
    let text = "The index rose between 60 and 90 points; 3 or 4 analysts agreed.";
    let times = tag_text_with_anchor(text, Some(date("2009-06-04")), &TimeConfig::default());
    assert!(times.is_empty(), "{times:?}");
}

#[test]
fn names_with_numbers_are_not_dates() {
    let text = "The Russell 2000 Index fell. Apple released iLife '11 and Office '97 stayed. The second day of the summit began.";
    let times = tag_text_with_anchor(text, Some(date("2010-10-23")), &TimeConfig::default());
    assert!(
        times.is_empty(),
        "{:?}",
        times.iter().map(|t| t.span.text(text)).collect::<Vec<_>>()
    );
}

#[test]
fn a_named_event_does_not_move_the_story() {
    // Two `September 11` references do not make a 2001 narrative: a
    // year-less date still takes the year nearest publication.
    let text = "Since the September 11 attacks and the September 11 commission, security rose. Talks resume on March 3.";
    let times = tag_text_with_anchor(text, Some(date("2007-02-27")), &TimeConfig::default());
    let march = times.iter().find(|t| t.span.text(text) == "March 3");
    assert_eq!(
        march.map(|t| t.value.as_str()),
        Some("2007-03-03"),
        "{times:?}"
    );
}

#[test]
fn decimals_are_not_clock_times() {
    let text = "The rate rose to 2.15 percent and 8.30 points; a winter of 1.5 degrees.";
    let times = tag_text_with_anchor(text, Some(date("2021-03-08")), &TimeConfig::default());
    let got: Vec<&str> = times.iter().map(|t| t.span.text(text)).collect();
    assert_eq!(got, ["winter"], "{times:?}");
}

#[test]
fn counts_are_not_years() {
    let text =
        "Some 376 servicemen and 1500 troops died; 30,000 killed; 2000 people fled; $2020 paid.";
    let times = tag_text_with_anchor(text, Some(date("2020-10-09")), &TimeConfig::default());
    assert!(
        times.is_empty(),
        "{:?}",
        times.iter().map(|t| t.span.text(text)).collect::<Vec<_>>()
    );
}

#[test]
fn lists_and_ranges_give_one_expression_per_date() {
    let text = "Talks on October 7 and 8 failed, as did those from 1992 to 1994.";
    let times = tag_text_with_anchor(text, Some(date("2020-10-09")), &TimeConfig::default());
    let got: Vec<(&str, &str)> = times
        .iter()
        .map(|t| (t.span.text(text), t.value.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("October 7", "2020-10-07"),
            ("8", "2020-10-08"),
            ("1992", "1992"),
            ("1994", "1994")
        ]
    );
}

#[test]
fn numeric_dates_follow_the_configured_order() {
    let text = "It was filed on 03/04/2024.";
    let day_first = tag_text_with_anchor(text, None, &TimeConfig::default());
    assert_eq!(day_first[0].value, "2024-04-03");
    let month_first = TimeConfig {
        numeric_dates: NumericDateOrder::MonthFirst,
    };
    assert_eq!(
        tag_text_with_anchor(text, None, &month_first)[0].value,
        "2024-03-04"
    );
    // 13 cannot be a month: one reading only, whatever the order.
    assert_eq!(
        tag_text_with_anchor("On 13/04/2024.", None, &month_first)[0].value,
        "2024-04-13"
    );
}

#[test]
fn a_plan_ahead_does_not_move_a_narrative() {
    // A history far from its publication date: `11 March` follows the
    // story (1975), not the campaign planned for 1976.
    let text = "In 1964 the war widened. In 1968 it peaked. In 1972 talks began. \
                On 10 March 1975 the offensive began, ahead of a campaign planned for 1976. \
                The town fell on 11 March.";
    let times = tag_text_with_anchor(text, Some(date("2009-12-19")), &TimeConfig::default());
    assert_eq!(
        find(&times, text, "11 March").map(|t| t.value.as_str()),
        Some("1975-03-11")
    );
}

#[test]
fn a_bare_clock_time_in_a_narrative_is_on_the_story_s_day() {
    let anchor = Some(date("2009-12-19"));
    let config = TimeConfig::default();
    let mut state = TagState::default();
    let first = "In 1964 the war widened; in 1968 it peaked. On 27 December 1979 troops landed.";
    tag_paragraph(first, 0, anchor, &config, &mut state);
    let second = "At 19:15 the attack began.";
    let times = tag_paragraph(second, 100, anchor, &config, &mut state);
    assert_eq!(times[0].value, "1979-12-27T19:15");
}

#[test]
fn the_next_year_follows_a_narrative_and_stretches_ahead_in_news() {
    let history = "In 1954 the French left. In 1956 elections failed. In 1958 the war began. \
                   The next year the rebels struck.";
    let times = tag_text_with_anchor(history, Some(date("2009-12-19")), &TimeConfig::default());
    let next = find(&times, history, "The next year").expect("found");
    assert_eq!((next.kind.as_str(), next.value.as_str()), ("DATE", "1959"));
    let news = "Prices will keep rising over the next year.";
    let times = tag_text_with_anchor(news, Some(date("2009-12-19")), &TimeConfig::default());
    let next = find(&times, news, "the next year").expect("found");
    assert_eq!(
        (next.kind.as_str(), next.value.as_str()),
        ("DURATION", "P1Y")
    );
}

#[test]
fn numeric_dates_follow_the_style_of_spelled_dates() {
    // An article that writes `July 9, 2007` reads `7/8/07` month first,
    // whatever the configured default; one that writes `9 July` day first.
    let american = "On July 9, 2007 it was shown: the date reads 7/8/07.";
    let times = tag_text_with_anchor(american, None, &TimeConfig::default());
    assert_eq!(
        find(&times, american, "7/8/07").map(|t| t.value.as_str()),
        Some("2007-07-08")
    );
    let british = "On 9 July 2007 it was shown: the date reads 7/8/07.";
    let month_first = TimeConfig {
        numeric_dates: NumericDateOrder::MonthFirst,
    };
    let times = tag_text_with_anchor(british, None, &month_first);
    assert_eq!(
        find(&times, british, "7/8/07").map(|t| t.value.as_str()),
        Some("2007-08-07")
    );
}

#[test]
fn without_anchor_relative_values_are_underspecified() {
    let text = "He spoke on Thursday, yesterday and on October 7; last month was calm.";
    let times = tag_text_with_anchor(text, None, &TimeConfig::default());
    let got: Vec<(&str, &str)> = times
        .iter()
        .map(|t| (t.span.text(text), t.value.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Thursday", "XXXX-WXX-4"),
            ("yesterday", "XXXX-XX-XX"),
            ("October 7", "XXXX-10-07"),
            ("last month", "PAST_REF")
        ]
    );
    assert!(times.iter().all(|t| t.day.is_none()));
}

#[test]
fn every_value_knows_its_rule_and_anchor() {
    let text = "Putin spoke on Thursday.";
    let times = tag_text_with_anchor(text, Some(date("2020-10-09")), &TimeConfig::default());
    assert_eq!(times[0].anchor, Some(date("2020-10-09")));
    assert_eq!(times[0].rule, "weekday-past-tense");
    assert!(!times[0].absolute);
}
