//! English rules, one per surface form, named in surface grammar. Their examples are in
//! `corpus.toml` beside this file and run as tests (`tests/corpus.rs`).

use crate::engine::{Item, Matched, Pat, Rule};
use crate::lex::{Lex, Tok, Unit};
use crate::sem::{Mod, Part, RefKind, Sem};

use Pat::*;

fn month(i: &Item<'_>) -> Option<u8> {
    match i.tok()?.lex {
        Lex::Month(m) => Some(m),
        _ => None,
    }
}

fn weekday(i: &Item<'_>) -> Option<u8> {
    match i.tok()?.lex {
        Lex::Weekday(d) => Some(d),
        _ => None,
    }
}

fn season(i: &Item<'_>) -> Option<u8> {
    match i.tok()?.lex {
        Lex::Season(s) => Some(s),
        _ => None,
    }
}

fn ord(i: &Item<'_>) -> Option<u32> {
    match i.tok()?.lex {
        Lex::Ord(o) => Some(o),
        _ => None,
    }
}

fn year(i: &Item<'_>) -> Option<i32> {
    i.tok()?.digits().map(|y| y as i32)
}

fn day(i: &Item<'_>) -> Option<u8> {
    let t = i.tok()?;
    match t.lex {
        Lex::Num(n) => Some(n as u8),
        Lex::Ord(o) => Some(o as u8),
        _ => None,
    }
}

fn word(i: &Item<'_>) -> String {
    i.tok()
        .map(|t| t.text.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The direction a word gives: `last` -1, `next` 1, `this` 0.
fn direction(w: &str) -> Option<i32> {
    match w {
        "last" | "past" | "previous" | "preceding" => Some(-1),
        "next" | "coming" | "following" | "upcoming" => Some(1),
        "this" | "current" | "present" => Some(0),
        _ => None,
    }
}

fn modifier(w: &str) -> Option<Mod> {
    match w {
        "early" | "beginning" | "start" | "dawn" => Some(Mod::Start),
        "mid" | "middle" => Some(Mod::Mid),
        "late" | "end" | "close" => Some(Mod::End),
        "nearly" | "almost" | "about" | "around" | "roughly" | "approximately" | "some"
        | "approx" => Some(Mod::Approx),
        "more" | "over" => Some(Mod::MoreThan),
        "less" | "under" => Some(Mod::LessThan),
        _ => None,
    }
}

/// Two durations written one after the other, largest unit first: `1 year 1 month`.
fn compound(a: &Sem, b: &Sem) -> Option<Sem> {
    let parts = |s: &Sem| -> Option<Vec<(f64, Unit)>> {
        match s {
            Sem::Dur { n, unit, max: None } => Some(vec![(*n, *unit)]),
            Sem::DurParts(p) => Some(p.clone()),
            _ => None,
        }
    };
    let mut all = parts(a)?;
    let rest = parts(b)?;
    if rest.first()?.1 >= all.last()?.1 {
        return None;
    }
    all.extend(rest);
    Some(Sem::DurParts(all))
}

fn part_of_day(w: &str) -> &'static str {
    match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    }
}

fn date(y: Option<i32>, m: Option<u8>, d: Option<u8>) -> Option<Sem> {
    if let Some(d) = d
        && !(1..=31).contains(&d)
    {
        return None;
    }
    Some(Sem::Date { y, m, d })
}

fn dur(n: f64, unit: Unit) -> Option<Sem> {
    (n > 0.0 && n < 10_000.0).then_some(Sem::Dur { n, unit, max: None })
}

/// A number word or digits written before a unit: not a year, not a quantity with a
/// thousands separator of a count (`25,000 years` is still a duration).
fn amount(i: &Item<'_>) -> Option<f64> {
    i.num()
}

/// A whole number of units, at least one: "half days later" is not a point.
fn whole(n: f64) -> Option<i32> {
    (n >= 1.0 && n.fract() == 0.0 && n < 100_000.0).then_some(n as i32)
}

/// Words that open a time expression of their own: the trigger words and the decades by
/// name. The engine skips sentences that have none of these and no number, month,
/// weekday, unit, season or ordinal.
pub fn triggers() -> impl Iterator<Item = &'static str> {
    TRIGGERS.iter().chain(DECADE_WORDS).copied()
}

/// Words that open a time expression of their own, besides the decades.
const TRIGGERS: &[&str] = &[
    "now",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "tmrw",
    "currently",
    "presently",
    "recently",
    "lately",
    "soon",
    "shortly",
    "eventually",
    "annually",
    "yearly",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
    "fy",
    "present",
    "morning",
    "afternoon",
    "evening",
    "future",
    "weekend",
    "noon",
    "midday",
    "midnight",
    "fortnight",
    "christmas",
    "halloween",
    "valentine",
    "hourly",
    "daily",
    "nightly",
    "weekly",
    "monthly",
    "quarterly",
    "noughties",
];

/// Words that join the two ends of a range of days: `4 to 22 January`, `19-20`.
const RANGE_WORDS: &[&str] = &["to", "-", "–", "and", "until", "till", "through", "thru"];

fn tok_day(t: &Tok<'_>) -> Option<u8> {
    let n = match t.lex {
        Lex::Num(n) if t.text.len() <= 2 && t.digits().is_some() => n as u32,
        Lex::Ord(o) if t.text.as_bytes()[0].is_ascii_digit() => o,
        _ => return None,
    };
    (1..=31).contains(&n).then_some(n as u8)
}

fn weekday_tok(t: &Tok<'_>) -> Option<u8> {
    match t.lex {
        Lex::Weekday(d) => Some(d),
        _ => None,
    }
}

fn tok_month(t: &Tok<'_>) -> Option<u8> {
    match t.lex {
        Lex::Month(m) => Some(m),
        _ => None,
    }
}

fn tok_year(t: &Tok<'_>) -> Option<i32> {
    let y = t.digits()?;
    (t.text.len() == 4 && (1800..=2199).contains(&y)).then_some(y as i32)
}

/// The year written after a date: `, 1995`, ` 1995`, `, nineteen ninety-five`.
fn year_after(rest: &[Tok<'_>]) -> Option<i32> {
    let rest = match rest {
        [c, rest @ ..] if c.text == "," => rest,
        _ => rest,
    };
    match rest {
        [y, ..] if tok_year(y).is_some() => tok_year(y),
        _ => spelled_year_at(rest)
            .filter(|(_, k)| ends_year(rest.get(*k)))
            .map(|(y, _)| y),
    }
}

/// What follows the second day of a range that this day opens: `to 22 January, 1995` →
/// `January, 1995`; `and 12 of Sept` → `Sept`; `-23 in May` → `May`.
fn after_range_end<'t>(before: Option<&Tok<'_>>, rest: &'t [Tok<'t>]) -> Option<&'t [Tok<'t>]> {
    let [conn, d, rest @ ..] = rest else {
        return None;
    };
    // "and" joins two days after "between" only: "hired 3 and fired 22 January" is none.
    if !conn.is_any(RANGE_WORDS) || (conn.is("and") && !before.is_some_and(|b| b.is("between"))) {
        return None;
    }
    tok_day(d)?;
    Some(match rest {
        [of, rest @ ..] if of.is_any(&["of", "in"]) => rest,
        _ => rest,
    })
}

/// The end of a range of days that gives the month: `to 22 January, 1995`, `and 12 of
/// Sept` → the month and the year if written.
fn range_end(before: Option<&Tok<'_>>, rest: &[Tok<'_>]) -> Option<(u8, Option<i32>)> {
    let [month, rest @ ..] = after_range_end(before, rest)? else {
        return None;
    };
    Some((tok_month(month)?, year_after(rest)))
}

/// Whether this day closes a range of days whose first day came just before: `between
/// 3 and` in `between 3 and 12 of September`.
fn closes_range(prev: &[Tok<'_>]) -> bool {
    let [.., d, conn] = prev else {
        return false;
    };
    // "and" after "between" only: "aged 5 and 6 months" is no range of days.
    let between = matches!(prev, [.., b, _, _] if b.is("between"));
    conn.is_any(RANGE_WORDS) && (!conn.is("and") || between) && tok_day(d).is_some()
}

/// The month a range of days was given with before this day: `November 19-` → the month.
fn range_start(prev: &[Tok<'_>]) -> Option<u8> {
    let [.., month, d, conn] = prev else {
        return None;
    };
    // "and" after "between" only: "on May 5 and 6 people died" is one date.
    let between = matches!(prev, [.., b, _, _, _] if b.is("between"));
    (conn.is_any(RANGE_WORDS) && (!conn.is("and") || between) && tok_day(d).is_some())
        .then(|| tok_month(month))
        .flatten()
}

/// Whether a range of numbers after `prev` is one of quantities: after a verb of change
/// ("rose from 4 to 22 this month", "fell 4 to 3"), not of days.
fn after_change_verb(prev: &[Tok<'_>]) -> bool {
    // Verbs of quantity only: "moved from 4 to 22 this month" may be a meeting's days.
    const STEMS: &[&str] = &[
        "ris", "rose", "fell", "fall", "grew", "grow", "increas", "decreas", "climb", "drop",
        "jump", "soar", "surg", "slip", "declin", "rais", "reduc", "cut", "went", "gone", "doubl",
        "tripl", "halv", "shr", "expand", "plung", "tumbl", "slid", "gain", "lost", "losing",
        "upped", "lift", "lower", "boost", "swell", "swoll",
    ];
    let verb = match prev {
        [.., v, w] if w.is_any(&["from", "between"]) => v,
        [.., v] => v,
        [] => return false,
    };
    let w = verb.text.to_ascii_lowercase();
    STEMS.iter().any(|s| w.starts_with(s))
}

/// A month the text points at, written after a range of days: `this month`, `of next
/// month`, `in last month` → its direction.
fn relative_month(toks: &[Tok<'_>]) -> Option<i32> {
    let toks = match toks {
        [of, rest @ ..] if of.is_any(&["of", "in"]) => rest,
        _ => toks,
    };
    match toks {
        [dir, m, ..] if m.is("month") => direction(&dir.text.to_ascii_lowercase()),
        _ => None,
    }
}

/// The decades of a century by name: `the seventies` (triggers too).
const DECADE_WORDS: &[&str] = &[
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// A two-digit decade token: `70s` → 7.
fn short_decade(i: &Item<'_>) -> Option<u8> {
    let t = i.tok()?.text.as_bytes();
    (t.len() == 3 && t[0].is_ascii_digit() && t[1] == b'0' && t[2] == b's').then(|| t[0] - b'0')
}

/// A decade token (`1990s`, `90s`) with the part of it a word gives: `late` → END.
fn decade_with(part: &Item<'_>, decade: &str) -> Option<Sem> {
    let d = match decade.len() {
        5 => Sem::Decade(decade.get(..3)?.parse().ok()?),
        3 => Sem::DecadeOfCentury(decade.as_bytes()[0].checked_sub(b'0')?),
        _ => return None,
    };
    Some(Sem::Mod(Box::new(d), modifier(&word(part))?))
}

/// A time on the clock from an hour, minutes and `am`/`pm` if written: `2:46 p.m.` is
/// 14:46; without them the hour is on the 24-hour clock.
fn clock(h: &Item<'_>, min: Option<&Item<'_>>, ampm: Option<&Item<'_>>) -> Option<Sem> {
    let ht = h.tok()?;
    let hour = ht.digits()?;
    if ht.text.len() > 2 {
        return None;
    }
    let min = match min {
        Some(m) => {
            let t = m.tok()?;
            (t.text.len() == 2).then_some(t.digits()?)?
        }
        None => 0,
    };
    let hour = match ampm.map(word) {
        Some(w) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            if w.starts_with('p') {
                hour % 12 + 12
            } else {
                hour % 12
            }
        }
        None => hour,
    };
    (hour <= 23 && min <= 59).then_some(Sem::Clock {
        day: None,
        h: hour as u8,
        min: min as u8,
    })
}

/// A time on the clock on a day: a date with its day, a weekday, `today`.
fn on_day(clock: &Sem, day: &Sem) -> Option<Sem> {
    let Sem::Clock { h, min, .. } = clock else {
        return None;
    };
    matches!(
        day,
        Sem::Date { d: Some(_), .. } | Sem::Weekday(..) | Sem::Rel(Unit::Day, _)
    )
    .then(|| Sem::Clock {
        day: Some(Box::new(day.clone())),
        h: *h,
        min: *min,
    })
}

/// Whether the next token is a word in lower case: the name before it modifies it.
fn before_lower_word(after: Option<&Tok<'_>>) -> bool {
    after.is_some_and(|a| a.text.starts_with(|c: char| c.is_ascii_lowercase()))
}

/// Whether "than" follows the match: "two years later than planned" compares.
fn than_after(m: &Matched<'_, '_>) -> bool {
    m.after.is_some_and(|a| a.is("than"))
}

/// A weekday in a week the text points at: "Tuesday next week", "last week on Friday".
fn weekday_of(wd: &Item<'_>, week: &Sem) -> Option<Sem> {
    matches!(week, Sem::Rel(Unit::Week, _))
        .then(|| Some(Sem::WeekdayOf(weekday(wd)?, Box::new(week.clone()))))
        .flatten()
}

/// Four digits before the years a bare number is read as (`1391`, `1789`); the later
/// ones are the `<year>` rules'.
fn old_year(i: &Item<'_>) -> Option<i32> {
    let t = i.tok()?;
    let y = t.digits().filter(|_| t.text.len() == 4)?;
    (1000..1800).contains(&y).then_some(y as i32)
}

/// A reference to the past or future when the unit is plural: "in recent years", "in
/// the coming months" (not "in the coming month").
fn plural_ref(unit: &Item<'_>, kind: RefKind) -> Option<Sem> {
    unit.tok()?.text.ends_with('s').then_some(Sem::Ref(kind))
}

/// Whether a word is written with a capital, as names of holidays are.
fn capitalised(i: &Item<'_>) -> bool {
    i.tok()
        .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Whether a word before `a year` counts what the rate is of: a number, a plural
/// (`rifles`), `once`, `billion`, a unit written short (`kWh`); not a verb ("there came
/// a day when").
fn counts(b: &Tok<'_>) -> bool {
    let t = b.text;
    b.digits().is_some()
        || (b.num().is_some() && !b.is_any(&["a", "an", "half"]))
        || (t.len() > 3 && t.ends_with('s') && t.chars().all(|c| c.is_alphabetic()))
        || b.is_any(&[
            "once", "twice", "thrice", "billion", "million", "thousand", "hundred", "dozen",
        ])
        || (t.len() <= 4
            && t.chars().all(char::is_alphanumeric)
            && t.chars().any(|c| c.is_ascii_uppercase()))
}

/// Tokens written together, with no space between them.
fn glued(items: &[Item<'_>]) -> bool {
    items
        .iter()
        .all(|i| i.tok().is_some_and(|t| !t.space_before))
}

/// `Q3` or `H2` as a part of a year.
fn quarter_or_half(i: &Item<'_>) -> Option<Part> {
    let t = i.tok()?.text;
    let n = t.get(1..)?.parse().ok()?;
    Some(if t.starts_with(['H', 'h']) {
        Part::Half(n)
    } else {
        Part::Quarter(n)
    })
}

/// A month of a year given relatively (`June next year`, `March of last year`) or in
/// words (`June of nineteen ninety-nine`; a year in digits has rules of its own).
fn month_of(m: u8, year: &Sem) -> Option<Sem> {
    match year {
        Sem::Date {
            y: Some(y),
            m: None,
            d: None,
        } => date(Some(*y), Some(m), None),
        _ => part_of_relative(Part::Month(m), year),
    }
}

/// A number word from one to ninety-nine, as written (`seventy`, `eight`; not digits,
/// not `a`).
fn word_number(t: &Tok<'_>) -> Option<i32> {
    overdue_text::words::cardinal(&t.text.to_ascii_lowercase()).map(|n| n as i32)
}

/// A number below a hundred in words: `eighteen`, `seventy`, `seventy eight`,
/// `seventy-eight`; nothing is 0.
fn below_hundred(toks: &[Tok<'_>]) -> Option<i32> {
    let tens = |t: &Tok<'_>| word_number(t).filter(|n| n % 10 == 0 && (20..=90).contains(n));
    let unit = |t: &Tok<'_>| word_number(t).filter(|n| (1..=9).contains(n));
    match toks {
        [] => Some(0),
        [x] => word_number(x).filter(|n| (1..=99).contains(n)),
        [t, u] => Some(tens(t)? + unit(u)?),
        [t, j, u] if j.text == "-" && !j.space_before && !u.space_before => {
            Some(tens(t)? + unit(u)?)
        }
        _ => None,
    }
}

/// A year written in words, all of `toks`: `nineteen seventy-eight` 1978, `nineteen oh
/// five` 1905, `nineteen hundred` 1900, `nineteen hundred and ninety` 1990, `twenty
/// nineteen` 2019, `two thousand and eighteen` 2018, `two thousand` 2000.
fn spelled_year(toks: &[Tok<'_>]) -> Option<i32> {
    match toks {
        [two, thousand, rest @ ..] if two.is("two") && thousand.is("thousand") => {
            let rest = match rest {
                [and, r @ ..] if and.is("and") && !r.is_empty() => r,
                _ => rest,
            };
            Some(2000 + below_hundred(rest)?)
        }
        [c, rest @ ..] if !rest.is_empty() => {
            let century = word_number(c).filter(|n| (18..=20).contains(n))? * 100;
            let tail = match rest {
                [h] if h.is("hundred") => 0,
                [h, and, rest @ ..] if h.is("hundred") && and.is("and") => {
                    below_hundred(rest).filter(|n| *n > 0)?
                }
                [o, u] if o.is_any(&["oh", "o", "zero"]) => {
                    word_number(u).filter(|n| (1..=9).contains(n))?
                }
                _ => below_hundred(rest).filter(|n| *n >= 10)?,
            };
            Some(century + tail)
        }
        _ => None,
    }
}

/// Whether a year in words may end before `after`: not before a noun it would count
/// ("nineteen ninety-eight cases", "two thousand people"), nor a hyphen joining on.
fn ends_year(after: Option<&Tok<'_>>) -> bool {
    // A lower-case word after it is a noun it counts unless it is one of these.
    const NOT_NOUNS: &[&str] = &[
        "and", "or", "but", "to", "until", "till", "through", "when", "as", "at", "in", "on",
        "for", "with", "by", "of", "the", "a", "an", "that", "which", "was", "were", "is", "are",
        "will", "would", "had", "has", "have", "saw",
    ];
    after.is_none_or(|a| {
        let glued_hyphen = a.text == "-" && !a.space_before;
        !glued_hyphen
            && (!a.text.starts_with(|c: char| c.is_ascii_lowercase()) || a.is_any(NOT_NOUNS))
    })
}

/// A year in words at the start of `toks`, and how many tokens it takes (the longest).
fn spelled_year_at(toks: &[Tok<'_>]) -> Option<(i32, usize)> {
    (2..=toks.len().min(6))
        .rev()
        .find_map(|k| spelled_year(&toks[..k]).map(|y| (y, k)))
}

/// A year in words where a year is expected: after `in`, `of`, `since`, `by`, a month or
/// a comma (and a bare `two thousand` not after `of`, `from` or `to`: "a crowd of two
/// thousand"), and not before a noun ("nineteen ninety-eight cases").
fn spelled_year_here(m: &Matched<'_, '_>) -> Option<Sem> {
    let y = spelled_year(m.inner)?;
    let bare = y == 2000 && m.inner.len() == 2;
    let before = m.before.is_some_and(|b| {
        b.is_any(&["in", "since", "until", "till", "by", "year", ","])
            || tok_month(b).is_some()
            || matches!(b.lex, Lex::Ord(1..=31))
            // "jan twenty one two thousand and eighteen"
            || matches!(m.prev, [.., mo, t, u] if tok_month(mo).is_some()
                && word_number(t).is_some() && word_number(u).is_some())
            || (!bare && b.is_any(&["of", "from", "to"]))
            // "from two thousand until two thousand and fourteen"
            || (b.is("from") && matches!(m.rest, [to, rest @ ..]
                if to.is_any(&["to", "until", "till", "through"]) && spelled_year_at(rest).is_some()))
    });
    let after = ends_year(m.after);
    (before && after).then(|| Sem::year(y))
}

/// A part of a year given relatively, with no `of`: `June next year`, `the first half
/// next year`, `the third quarter this year`.
fn part_of_relative(part: Part, year: &Sem) -> Option<Sem> {
    matches!(year, Sem::Rel(Unit::Year, _) | Sem::Anchored(Unit::Year, _))
        .then(|| Sem::Part(Box::new(year.clone()), part))
}

/// The `n`th week of a month or a year (not of a day or a season).
fn nth_week(n: i8, within: &Sem) -> Option<Sem> {
    let fits = match n {
        -1 | 1..=5 => is_month(within) || within.is_year(),
        6..=53 => within.is_year(),
        _ => false,
    };
    fits.then(|| Sem::NthWeek(n, Box::new(within.clone())))
}

/// A day of a year written out (in words: the digit forms have rules of their own).
fn written_year_date(year: &Sem, m: u8, d: u8) -> Option<Sem> {
    match year {
        Sem::Date {
            y: Some(y),
            m: None,
            d: None,
        } => date(Some(*y), Some(m), Some(d)),
        _ => None,
    }
}

/// The week of a day the text gives: `the week of March 16`.
fn week_of(day: &Sem) -> Option<Sem> {
    matches!(day, Sem::Date { d: Some(_), .. }).then(|| Sem::WeekOf(Box::new(day.clone())))
}

/// A month the text names or points at: `July`, `next month`, `last September`.
fn is_month(s: &Sem) -> bool {
    matches!(
        s,
        Sem::Date {
            m: Some(_),
            d: None,
            ..
        } | Sem::Rel(Unit::Month, _)
            | Sem::MonthNear(..)
    )
}

/// `on the 27th`, `for the 27`, `on the second`: a day of the month near the
/// reference, after a preposition of time and at the end of a clause, so not an ordinal
/// of something ("the 21st century", "the 3rd round", "for the second time").
fn the_nth(m: &Matched<'_, '_>) -> Option<Sem> {
    let prep = m.before.is_some_and(|b| {
        b.is_any(&[
            "on", "by", "for", "until", "till", "since", "before", "after",
        ])
    }) || matches!(m.prev, [.., w, of] if w.is("week") && of.is("of"));
    // In words it must follow "on" and close the clause: not `for the first "point"
    // release`, nor `set for the fourth.` (of a noun said before: the fourth quarter).
    let digits = m.items[1]
        .tok()?
        .text
        .starts_with(|c: char| c.is_ascii_digit());
    if !digits && !m.before.is_some_and(|b| b.is("on")) {
        return None;
    }
    let ends = m.after.is_none_or(|a| {
        if digits {
            !a.text.starts_with(char::is_alphanumeric)
        } else {
            a.is_any(&[".", ",", ";", ":", "!", "?", ")"])
        }
    });
    let d = day(&m.items[1])?;
    (prep && ends && (1..=31).contains(&d)).then(|| date(None, None, Some(d)))?
}

/// `first Sunday of June` (ordinal, weekday, `of`, month): that weekday of the month.
fn nth_weekday_of(items: &[Item<'_>]) -> Option<Sem> {
    let n = ord(&items[0])?;
    let month = items[3].sem()?;
    ((1..=5).contains(&n) && is_month(month)).then(|| {
        Sem::NthWeekday(
            n as i8,
            weekday(&items[1]).unwrap_or(1),
            Box::new(month.clone()),
        )
    })
}

/// The day an ordinal gives in a month (and year): `22nd of June`, `May twenty-first`.
fn ordinal_date(o: &Item<'_>, mo: &Item<'_>, y: Option<i32>) -> Option<Sem> {
    let o = ord(o)?;
    (1..=31)
        .contains(&o)
        .then(|| date(y, Some(month(mo)?), Some(o as u8)))?
}

/// A day of the month in words after its month: `May twenty-one`, `jan twenty two, 2018`.
/// It ends the clause or comes before a year: `in May twenty one people` is no date.
fn month_day_in_words(m: &Matched<'_, '_>, d: f64) -> Option<Sem> {
    let words = m.inner[1..]
        .iter()
        .all(|t| !t.text.starts_with(|c: char| c.is_ascii_digit()));
    let ends = match m.rest {
        [] => true,
        [a, ..] if !a.text.starts_with(char::is_alphanumeric) => true,
        rest => spelled_year_at(rest).is_some() || rest.first().and_then(tok_year).is_some(),
    };
    (words && ends && d.fract() == 0.0 && (20.0..=31.0).contains(&d))
        .then(|| date(None, Some(month(&m.items[0])?), Some(d as u8)))?
}

/// The second end of "from 4 to 22 this month", "4 till 23 of next month", with the
/// month it names.
fn day_to_day_of(m: &Matched<'_, '_>) -> Option<Sem> {
    let month = m.items.last()?.sem()?;
    let [.., first, conn] = m.prev else {
        return None;
    };
    let before_first = &m.prev[..m.prev.len() - 2];
    let second = m.items[0].tok()?;
    if !days_range(before_first, tok_day(first)?, conn, second)
        || !matches!(month, Sem::Rel(Unit::Month, _))
    {
        return None;
    }
    Some(Sem::DayOf(tok_day(second)?, Box::new(month.clone())))
}

/// Whether day `a`, the word `conn` and the token `second` make a range of days after
/// `prev`: the second a later day, joined by a range word ("and" after "between" only),
/// and not after a verb of change (a range of quantities).
fn days_range(prev: &[Tok<'_>], a: u8, conn: &Tok<'_>, second: &Tok<'_>) -> bool {
    let between = prev.last().is_some_and(|b| b.is("between"));
    let joins = conn.is_any(RANGE_WORDS) && (!conn.is("and") || between);
    joins && tok_day(second).is_some_and(|b| a < b) && !after_change_verb(prev)
}

/// A day of the month with its year written after it: `08/12,2015`, `jan twenty two,
/// 2018`, `September the twenty-first nineteen seventy eight`.
fn day_with_year(day: &Sem, year: &Sem) -> Option<Sem> {
    match (day, year) {
        (
            Sem::Date {
                y: None,
                m: Some(m),
                d: Some(d),
            },
            Sem::Date {
                y: Some(y),
                m: None,
                d: None,
            },
        ) => date(Some(*y), Some(*m), Some(*d)),
        _ => None,
    }
}

macro_rules! rule {
    ($name:expr, [$($p:expr),*], $prod:expr) => {
        Rule { name: $name, pattern: &[$($p),*], prod: $prod }
    };
}

/// The English rules, in no particular order: the engine takes the longest parse.
pub fn rules() -> Vec<Rule> {
    vec![
        // ---- numbers ----
        rule!("<tens>-<unit number>", [Num, Join, Num], |m| {
            let (a, b) = (m.items[0].num()?, m.items[2].num()?);
            ((20.0..100.0).contains(&a) && a % 10.0 == 0.0 && (1.0..10.0).contains(&b))
                .then_some(Sem::Num(a + b))
        }),
        rule!(
            "a couple of",
            [W(&["a"]), W(&["couple"]), W(&["of"])],
            |_| Some(Sem::Num(2.0))
        ),
        rule!("a dozen", [W(&["a"]), W(&["dozen"])], |_| Some(Sem::Num(
            12.0
        ))),
        // ---- years and decades ----
        rule!("<year>", [Year], |m| Some(Sem::year(year(&m.items[0])?))),
        // A year in words: `nineteen seventy`, `twenty nineteen`, `nineteen hundred`.
        rule!("<year in words>", [Num, Num], spelled_year_here),
        rule!("<year in words> 3", [Num, Num, Num], spelled_year_here),
        rule!(
            "<year in words> 4",
            [Num, Num, Join, Num],
            spelled_year_here
        ),
        rule!(
            "<year in words> oh",
            [Num, W(&["oh", "o"]), Num],
            spelled_year_here
        ),
        rule!(
            "<century> hundred and <n>",
            [Num, W(&["hundred"]), W(&["and"]), Num],
            spelled_year_here
        ),
        rule!(
            "<century> hundred and <n> 5",
            [Num, W(&["hundred"]), W(&["and"]), Num, Num],
            spelled_year_here
        ),
        rule!(
            "<century> hundred and <n> 6",
            [Num, W(&["hundred"]), W(&["and"]), Num, Join, Num],
            spelled_year_here
        ),
        rule!(
            "two thousand [and] <n>",
            [W(&["two"]), W(&["thousand"])],
            spelled_year_here
        ),
        rule!(
            "two thousand [and] <n> 3",
            [W(&["two"]), W(&["thousand"]), Num],
            spelled_year_here
        ),
        rule!(
            "two thousand [and] <n> 4",
            [W(&["two"]), W(&["thousand"]), Num, Num],
            spelled_year_here
        ),
        rule!(
            "two thousand [and] <n> 5",
            [W(&["two"]), W(&["thousand"]), Num, Join, Num],
            spelled_year_here
        ),
        rule!(
            "two thousand and <n>",
            [W(&["two"]), W(&["thousand"]), W(&["and"]), Num],
            spelled_year_here
        ),
        rule!(
            "two thousand and <n> 5",
            [W(&["two"]), W(&["thousand"]), W(&["and"]), Num, Num],
            spelled_year_here
        ),
        rule!(
            "two thousand and <n> 6",
            [W(&["two"]), W(&["thousand"]), W(&["and"]), Num, Join, Num],
            spelled_year_here
        ),
        rule!(
            "the nineteen seventies",
            [W(&["eighteen", "nineteen"]), W(DECADE_WORDS)],
            |m| {
                // After "the": "the nineteen seventies" → 197.
                let c = word_number(m.inner.first()?)?;
                let tens = DECADE_WORDS.iter().position(|w| m.inner[1].is(w))? as i32 + 2;
                m.before
                    .is_some_and(|b| b.is("the"))
                    .then_some(Sem::Decade(c * 10 + tens))
            }
        ),
        rule!(
            "the twenty-tens",
            [W(&["twenty"]), Join, W(&["tens"])],
            |m| m
                .before
                .is_some_and(|b| b.is("the"))
                .then_some(Sem::Decade(201))
        ),
        rule!("the two thousands", [W(&["two"]), W(&["thousands"])], |m| m
            .before
            .is_some_and(|b| b.is("the"))
            .then_some(Sem::Decade(200))),
        rule!("the year <year>", [W(&["the"]), W(&["year"]), Year], |m| {
            Some(Sem::year(year(&m.items[2])?))
        }),
        rule!("fiscal <year>", [W(&["fiscal", "FY"]), Year], |m| Some(
            Sem::year(year(&m.items[1])?)
        )),
        rule!("FY<year>", [W(&["FY"]), Join, Year], |m| Some(Sem::year(
            year(&m.items[2])?
        ))),
        rule!("the <decade>s", [W(&["the"]), DecadeTok], |m| {
            let t = m.items[1].tok()?;
            Some(Sem::Decade(t.text.get(..3)?.parse().ok()?)).filter(|_| t.text.len() == 5)
        }),
        rule!("<yyyy>'s", [Year, W(&["'", "’"]), W(&["s"])], |m| {
            // "the 1970's": the apostrophe of a plural, not a possessive year.
            let y = year(&m.items[0])?;
            (y % 10 == 0 && glued(&m.items[1..])).then_some(Sem::Decade(y / 10))
        }),
        rule!(
            "the <yyyy>'s",
            [W(&["the"]), Year, W(&["'", "’"]), W(&["s"])],
            |m| {
                let y = year(&m.items[1])?;
                (y % 10 == 0 && glued(&m.items[2..])).then_some(Sem::Decade(y / 10))
            }
        ),
        rule!(
            "the '<yy>s",
            [W(&["the"]), W(&["'", "’"]), DecadeTok],
            |m| {
                (glued(&m.items[2..]))
                    .then(|| Some(Sem::DecadeOfCentury(short_decade(&m.items[2])?)))
                    .flatten()
            }
        ),
        rule!("the <yy>s", [W(&["the"]), DecadeTok], |m| Some(
            Sem::DecadeOfCentury(short_decade(&m.items[1])?)
        )),
        rule!(
            "the <yy>'s",
            [W(&["the"]), Num, W(&["'", "’"]), W(&["s"])],
            |m| {
                let t = m.items[1].tok()?;
                let n = t.digits()?;
                (t.text.len() == 2 && n % 10 == 0 && n > 0 && glued(&m.items[2..]))
                    .then_some(Sem::DecadeOfCentury((n / 10) as u8))
            }
        ),
        rule!("<yy>'s", [Num, W(&["'", "’"]), W(&["s"])], |m| {
            let t = m.items[0].tok()?;
            let n = t.digits()?;
            (t.text.len() == 2 && n % 10 == 0 && n > 0 && glued(&m.items[1..]))
                .then_some(Sem::DecadeOfCentury((n / 10) as u8))
        }),
        rule!("the noughties", [W(&["the"]), W(&["noughties"])], |_| Some(
            Sem::DecadeOfCentury(0)
        )),
        rule!(
            "the early <decade>s",
            [W(&["the"]), W(&["early", "late", "mid"]), DecadeTok],
            |m| decade_with(&m.items[1], m.items[2].tok()?.text)
        ),
        rule!(
            "the mid-<decade>s",
            [W(&["the"]), W(&["early", "late", "mid"]), Join, DecadeTok],
            |m| decade_with(&m.items[1], m.items[3].tok()?.text)
        ),
        rule!(
            "the early '<yy>s",
            [
                W(&["the"]),
                W(&["early", "late", "mid"]),
                W(&["'", "’"]),
                DecadeTok
            ],
            |m| glued(&m.items[3..])
                .then(|| decade_with(&m.items[1], m.items[3].tok()?.text))
                .flatten()
        ),
        rule!("the seventies", [W(&["the"]), W(DECADE_WORDS)], |m| {
            let w = word(&m.items[1]);
            let k = DECADE_WORDS.iter().position(|d| *d == w)?;
            Some(Sem::DecadeOfCentury(k as u8 + 2))
        }),
        rule!(
            "the <ordinal> century",
            [W(&["the"]), Ord, W(&["century"])],
            |m| {
                let n = ord(&m.items[1])?;
                (1..=22).contains(&n).then_some(Sem::Century(n as i32 - 1))
            }
        ),
        rule!("<ordinal> century", [Ord, W(&["century"])], |m| {
            let n = ord(&m.items[0])?;
            (1..=22).contains(&n).then_some(Sem::Century(n as i32 - 1))
        }),
        rule!("<ordinal>-century", [Ord, Join, W(&["century"])], |m| {
            let n = ord(&m.items[0])?;
            (1..=22).contains(&n).then_some(Sem::Century(n as i32 - 1))
        }),
        // ---- calendar dates ----
        rule!("<month> <year>", [Month, Year], |m| date(
            Some(year(&m.items[1])?),
            Some(month(&m.items[0])?),
            None
        )),
        rule!("<month>, <year>", [Month, W(&[","]), Year], |m| date(
            Some(year(&m.items[2])?),
            Some(month(&m.items[0])?),
            None
        )),
        // "2016 November": a month after its year. Not "May" or "March", which after a
        // year are as often a name or a word ("In 2016 May became prime minister").
        rule!("<year> <month>", [Year, Month], |m| {
            // "May" and "March" after a year are a name or a verb ("in 2018 May said"),
            // unless they close the clause.
            let name = m.items[1].tok()?.text.to_ascii_lowercase();
            let closes = m
                .after
                .is_none_or(|a| a.is_any(&[".", ",", ";", ":", "!", "?", ")"]));
            if (name.starts_with("may") || name.starts_with("mar")) && !closes {
                return None;
            }
            date(Some(year(&m.items[0])?), Some(month(&m.items[1])?), None)
        }),
        rule!("<month> next|last|this year", [Month, YearNode], |m| {
            month_of(month(&m.items[0])?, m.items[1].sem()?)
        }),
        rule!(
            "<month> of next|last|this year",
            [Month, W(&["of"]), YearNode],
            |m| month_of(month(&m.items[0])?, m.items[2].sem()?)
        ),
        rule!("<month> of <year>", [Month, W(&["of"]), Year], |m| date(
            Some(year(&m.items[2])?),
            Some(month(&m.items[0])?),
            None
        )),
        rule!(
            "<month> <day>, <year>",
            [Month, Day, W(&[","]), Year],
            |m| {
                date(
                    Some(year(&m.items[3])?),
                    Some(month(&m.items[0])?),
                    Some(day(&m.items[1])?),
                )
            }
        ),
        rule!("<month> <day> <year>", [Month, Day, Year], |m| {
            date(
                Some(year(&m.items[2])?),
                Some(month(&m.items[0])?),
                Some(day(&m.items[1])?),
            )
        }),
        rule!("<day> <month> <year>", [Day, Month, Year], |m| {
            date(
                Some(year(&m.items[2])?),
                Some(month(&m.items[1])?),
                Some(day(&m.items[0])?),
            )
        }),
        rule!("<day> <month> <yyyy>", [Day, Month, Num], |m| {
            // A year before those a bare number is read as ("5 December 1391", "14 July
            // 1789"): after a day and a month, four digits are a year.
            date(
                Some(old_year(&m.items[2])?),
                Some(month(&m.items[1])?),
                Some(day(&m.items[0])?),
            )
        }),
        rule!("<month> <day>, <yyyy>", [Month, Day, W(&[","]), Num], |m| {
            date(
                Some(old_year(&m.items[3])?),
                Some(month(&m.items[0])?),
                Some(day(&m.items[1])?),
            )
        }),
        rule!(
            "<day> <month>, <year>",
            [Day, Month, W(&[","]), Year],
            |m| {
                date(
                    Some(year(&m.items[3])?),
                    Some(month(&m.items[1])?),
                    Some(day(&m.items[0])?),
                )
            }
        ),
        rule!("<day> <month>", [Day, Month], |m| date(
            None,
            Some(month(&m.items[1])?),
            Some(day(&m.items[0])?)
        )),
        rule!("<month> <day>", [Month, Day], |m| {
            // "May 2019" is month and year; a day is one or two digits or an ordinal. The
            // first day of "November 19-20, 2016" takes the range's year.
            let y = match m.rest {
                [conn, d, rest @ ..] if conn.is_any(RANGE_WORDS) && tok_day(d).is_some() => {
                    year_after(rest)
                }
                _ => None,
            };
            date(y, Some(month(&m.items[0])?), Some(day(&m.items[1])?))
        }),
        rule!("<day> to <day> <month>", [Day], |m| {
            // The first end of "4 to 22 January" and "3-5 March", a date of its own.
            let (mo, y) = range_end(m.before, m.rest)?;
            date(y, Some(mo), Some(day(&m.items[0])?))
        }),
        rule!("<day> of <month>", [Day, W(&["of"]), Month], |m| {
            // "22 of Jan", and the second end of "between 3 and 12 of September"; not a
            // month's possessive ("3 of May's games"), nor a count before "of" that is not
            // a day ("3 of the 12 members" has no month).
            let possessive = m.after.is_some_and(|a| a.text == "'" || a.text == "’");
            (!possessive || closes_range(m.prev))
                .then(|| date(None, Some(month(&m.items[2])?), Some(day(&m.items[0])?)))?
        }),
        rule!(
            "<day>. <month> <year>",
            [Day, W(&["."]), Month, Year],
            |m| {
                // "16. Nov. 2016": a day with its full stop, as German and Nordic texts write.
                let (d, dot) = (m.items[0].tok()?, m.items[1].tok()?);
                (!dot.space_before && d.text.bytes().all(|b| b.is_ascii_digit())).then(|| {
                    date(
                        Some(year(&m.items[3])?),
                        Some(month(&m.items[2])?),
                        Some(day(&m.items[0])?),
                    )
                })?
            }
        ),
        rule!(
            "the week of <date>",
            [W(&["the"]), W(&["week"]), W(&["of"]), Point],
            |m| week_of(m.items[3].sem()?)
        ),
        rule!("week of <date>", [W(&["week"]), W(&["of"]), Point], |m| {
            week_of(m.items[2].sem()?)
        }),
        rule!("<month> <day> to <day>", [Day], |m| {
            // The second end of "November 19-20" and "March 3 to 5".
            let mo = range_start(m.prev)?;
            date(None, Some(mo), Some(day(&m.items[0])?))
        }),
        rule!(
            "<month> <day> to <day>, <year>",
            [Day, W(&[","]), Year],
            |m| {
                let mo = range_start(m.prev)?;
                date(Some(year(&m.items[2])?), Some(mo), Some(day(&m.items[0])?))
            }
        ),
        rule!("<month> <day> to <day> <year>", [Day, Year], |m| {
            let mo = range_start(m.prev)?;
            date(Some(year(&m.items[1])?), Some(mo), Some(day(&m.items[0])?))
        }),
        rule!("the <nth>", [W(&["the"]), Day], the_nth),
        rule!("the <nth in words>", [W(&["the"]), Ord], the_nth),
        rule!(
            "<month> <day>, <year in words>",
            [Month, Day, W(&[","]), YearNode],
            |m| written_year_date(m.items[3].sem()?, month(&m.items[0])?, day(&m.items[1])?)
        ),
        rule!(
            "<day> <month> <year in words>",
            [Day, Month, YearNode],
            |m| written_year_date(m.items[2].sem()?, month(&m.items[1])?, day(&m.items[0])?)
        ),
        rule!(
            "<day> <month>, <year in words>",
            [Day, Month, W(&[","]), YearNode],
            |m| written_year_date(m.items[3].sem()?, month(&m.items[1])?, day(&m.items[0])?)
        ),
        rule!(
            "the <ordinal> of <month>, <year in words>",
            [W(&["the"]), Ord, W(&["of"]), Month, W(&[","]), YearNode],
            |m| written_year_date(
                m.items[5].sem()?,
                month(&m.items[3])?,
                ord(&m.items[1])? as u8
            )
        ),
        rule!(
            "the <ordinal> of <month>",
            [W(&["the"]), Ord, W(&["of"]), Month],
            |m| {
                date(
                    None,
                    Some(month(&m.items[3])?),
                    Some(ord(&m.items[1])? as u8),
                )
            }
        ),
        rule!(
            "<weekday>, <date>",
            [Weekday, W(&[","]), Point],
            |m| match m.items[2].sem()? {
                s @ Sem::Date { d: Some(_), .. } => Some(s.clone()),
                _ => None,
            }
        ),
        rule!(
            "<weekday> <date>",
            [Weekday, Point],
            |m| match m.items[1].sem()? {
                s @ Sem::Date { d: Some(_), .. } => Some(s.clone()),
                _ => None,
            }
        ),
        // Before "<month>": of two parses of one month, the first rule's is kept.
        rule!("<month> to <month> <year>", [Month], |m| {
            // The first end of "from March through September 2019": the second's year.
            let [conn, mo, y, ..] = m.rest else {
                return None;
            };
            let between = m.before.is_some_and(|b| b.is("between"));
            let joins = conn.is_any(&["to", "through", "thru", "until", "till", "-", "–"])
                || (between && conn.is("and"));
            (joins && tok_month(mo).is_some())
                .then(|| date(Some(tok_year(y)?), Some(month(&m.items[0])?), None))?
        }),
        rule!("<month>", [Month], |m| {
            // A month name alone, unless it is sentence-initial "May" as a verb.
            let t = m.items[0].tok()?;
            if t.text == "May"
                && m.before.is_none()
                && m.after
                    .is_some_and(|a| a.text.chars().all(char::is_lowercase))
            {
                return None;
            }
            date(None, Some(month(&m.items[0])?), None)
        }),
        rule!(
            "<yyyy>-<mon>-<d>",
            [Year, W(&["-", "/"]), Month, W(&["-", "/"]), Day],
            |m| {
                // "2019-sep-1", "2019/Sep/01": written together, one separator.
                let sep = m.items[1].tok()?.text;
                (glued(&m.items[1..]) && m.items[3].tok()?.text == sep)
                    .then(|| {
                        date(
                            Some(year(&m.items[0])?),
                            Some(month(&m.items[2])?),
                            Some(day(&m.items[4])?),
                        )
                    })
                    .flatten()
            }
        ),
        rule!("<yyyy>-<mm>-<dd>", [Year, Join, Num, Join, Num], |m| {
            let (mm, dd) = (m.items[2].tok()?, m.items[4].tok()?);
            if mm.text.len() != 2 || dd.text.len() != 2 {
                return None;
            }
            date(
                Some(year(&m.items[0])?),
                Some(mm.digits()? as u8).filter(|v| (1..=12).contains(v)),
                Some(dd.digits()? as u8),
            )
        }),
        rule!(
            "<mm>/<dd>/<yy>",
            [Num, W(&["/"]), Num, W(&["/"]), Num],
            |m| {
                // Month first, as American outlets and most English pages write it, unless
                // the first number cannot be a month.
                let (a, b, c) = (
                    m.items[0].tok()?.digits()?,
                    m.items[2].tok()?.digits()?,
                    m.items[4].tok()?,
                );
                let yy = c.digits()?;
                // With full stops, the year has four digits: "3.6.13" is a version.
                let dots = m.items[1].tok()?.text == ".";
                let y = match c.text.len() {
                    2 if !dots => {
                        if yy < 70 {
                            2000 + yy
                        } else {
                            1900 + yy
                        }
                    }
                    4 => yy,
                    _ => return None,
                };
                let (mo, d) = if a > 12 { (b, a) } else { (a, b) };
                // Written as one word: "04/04/18".
                if !(1..=12).contains(&mo)
                    || m.items[1..]
                        .iter()
                        .any(|i| i.tok().is_some_and(|t| t.space_before))
                {
                    return None;
                }
                date(Some(y as i32), Some(mo as u8), Some(d as u8))
            }
        ),
        rule!("today", [W(&["today"])], |_| Some(Sem::Rel(Unit::Day, 0))),
        rule!("yesterday", [W(&["yesterday"])], |_| Some(Sem::Rel(
            Unit::Day,
            -1
        ))),
        rule!("tomorrow", [W(&["tomorrow", "tmrw"])], |_| Some(Sem::Rel(
            Unit::Day,
            1
        ))),
        // Before "<weekday>": of two parses of one weekday, the first rule's is kept.
        rule!(
            "next week between <weekday> and <weekday> 2",
            [Weekday],
            |m| {
                // Its second end, in the week named before the first.
                let [.., dir, week, between, wd, conn] = m.prev else {
                    return None;
                };
                let and = if between.is("between") { "and" } else { "to" };
                if !week.is("week")
                    || !between.is_any(&["between", "from"])
                    || weekday_tok(wd).is_none()
                    || !conn.is_any(&[and, "until", "till", "through", "-"])
                {
                    return None;
                }
                let n = direction(&dir.text.to_ascii_lowercase())?;
                weekday_of(&m.items[0], &Sem::Rel(Unit::Week, n))
            }
        ),
        rule!("<weekday>", [Weekday], |m| Some(Sem::Weekday(
            weekday(&m.items[0])?,
            None
        ))),
        rule!(
            "last|next|this <weekday>",
            [W(&["last", "next", "this", "past", "coming"]), Weekday],
            |m| {
                let dir = direction(&word(&m.items[0]))?;
                Some(Sem::Weekday(
                    weekday(&m.items[1])?,
                    (dir != 0).then_some(dir),
                ))
            }
        ),
        // ---- relative points ----
        rule!(
            "last|next|this <unit>",
            [
                W(&[
                    "last", "next", "this", "past", "previous", "coming", "current", "upcoming"
                ]),
                Unit
            ],
            |m| {
                let u = m.items[1].unit()?;
                let w = m.items[1].tok()?.text;
                if w.ends_with('s') {
                    return None; // "the last years" is a vague duration, "next months" too
                }
                Some(Sem::Rel(u, direction(&word(&m.items[0]))?))
            }
        ),
        rule!(
            "the last|current <unit>",
            [
                W(&["the"]),
                W(&["last", "current", "previous", "past", "coming", "upcoming"]),
                Unit
            ],
            |m| {
                let u = m.items[2].unit()?;
                if m.items[2].tok()?.text.ends_with('s')
                    || matches!(u, Unit::Decade | Unit::Century)
                {
                    return None; // "the past decade" is a duration
                }
                let dir = direction(&word(&m.items[1]))?;
                Some(Sem::Rel(u, dir))
            }
        ),
        rule!(
            "the following|previous <unit>",
            [
                W(&["the"]),
                W(&["following", "previous", "preceding", "same"]),
                Unit
            ],
            |m| {
                let u = m.items[2].unit()?;
                let dir = match word(&m.items[1]).as_str() {
                    "following" => 1,
                    "same" => 0,
                    _ => -1,
                };
                Some(Sem::Anchored(u, dir))
            }
        ),
        rule!("<num> <unit> ago", [Num, Unit, W(&["ago"])], |m| Some(
            Sem::Rel(m.items[1].unit()?, -whole(amount(&m.items[0])?)?)
        )),
        rule!("<num node> <unit> ago", [NumNode, Unit, W(&["ago"])], |m| {
            Some(Sem::Rel(m.items[1].unit()?, -whole(m.items[0].num()?)?))
        }),
        rule!(
            "a <unit> ago",
            [W(&["a", "an", "one"]), Unit, W(&["ago"])],
            |m| Some(Sem::Rel(m.items[1].unit()?, -1))
        ),
        rule!(
            "<num> or <num> <unit> ago",
            [Num, W(&["or", "to"]), Num, Unit, W(&["ago"])],
            |m| {
                Some(Sem::Mod(
                    Box::new(Sem::Rel(m.items[3].unit()?, -(amount(&m.items[0])? as i32))),
                    Mod::Approx,
                ))
            }
        ),
        rule!(
            "some <point ago>",
            [
                W(&["some", "about", "around", "nearly", "almost", "roughly"]),
                Point
            ],
            |m| match m.items[1].sem()? {
                s @ Sem::Rel(..) => Some(Sem::Mod(Box::new(s.clone()), Mod::Approx)),
                s @ Sem::Mod(_, Mod::Approx) => Some(s.clone()),
                _ => None,
            }
        ),
        rule!("in <num> <units>", [W(&["in"]), Num, Unit], |m| {
            // "in three years", "in 3 weeks": whole days, weeks, months or years.
            let unit = m.items[2].unit()?;
            let plural = m.items[2].tok()?.text.ends_with(['s', 'S']);
            let n = whole(amount(&m.items[1])?)?;
            (plural && (Unit::Day..=Unit::Year).contains(&unit) && unit != Unit::Quarter)
                .then_some(Sem::InUnits(unit, n))
        }),
        rule!(
            "<num> <unit> later",
            [Num, Unit, W(&["later", "earlier"])],
            |m| {
                // "five years later than planned" is a delay: the duration rule's.
                if than_after(m) {
                    return None;
                }
                let n = whole(amount(&m.items[0])?)?;
                Some(Sem::Anchored(
                    m.items[1].unit()?,
                    if word(&m.items[2]) == "later" { n } else { -n },
                ))
            }
        ),
        rule!(
            "a <unit> later",
            [W(&["a", "an", "one"]), Unit, W(&["later", "earlier"])],
            |m| {
                if than_after(m) {
                    return None;
                }
                Some(Sem::Anchored(
                    m.items[1].unit()?,
                    if word(&m.items[2]) == "later" { 1 } else { -1 },
                ))
            }
        ),
        rule!(
            "<dur> ago",
            [Dur, W(&["ago", "later", "earlier", "hence"])],
            |m| {
                if than_after(m) {
                    return None;
                }
                // One whole unit is "<num> <unit> ago" (at that unit's precision).
                let parts = match m.items[0].sem()? {
                    Sem::DurParts(p) => p.clone(),
                    Sem::Dur { n, unit, max: None } if n.fract() != 0.0 => vec![(*n, *unit)],
                    _ => return None,
                };
                let (sign, anchored) = match word(&m.items[1]).as_str() {
                    "ago" => (-1, false),
                    "hence" => (1, false),
                    "later" => (1, true),
                    _ => (-1, true),
                };
                Some(Sem::Shift(parts, sign, anchored))
            }
        ),
        rule!(
            "<dur> after <day>",
            [Dur, W(&["from", "after", "before"]), Point],
            |m| {
                // "two days after today", "three weeks from tomorrow": a day the text names.
                let day = m.items[2].sem()?;
                if !matches!(day, Sem::Rel(Unit::Day, _) | Sem::Date { d: Some(_), .. }) {
                    return None;
                }
                let sign = if word(&m.items[1]) == "before" { -1 } else { 1 };
                let parts = |d: &Sem| match d {
                    Sem::DurParts(p) => Some(p.clone()),
                    Sem::Dur { n, unit, max: None } => Some(vec![(*n, *unit)]),
                    _ => None,
                };
                // "within two weeks from today", "for 3 days from today": the stretch.
                let stretch = m.inner[0].is("within") || m.before.is_some_and(|b| b.is("for"));
                match m.items[0].sem()? {
                    d if stretch && sign > 0 => parts(d).map(|_| d.clone()),
                    // "more than two weeks after today": a point past that day; "less
                    // than two weeks from today": the stretch up to it.
                    Sem::Mod(d, Mod::MoreThan) => Some(Sem::Mod(
                        Box::new(Sem::ShiftFrom(parts(d)?, sign, Box::new(day.clone()))),
                        if sign < 0 { Mod::Before } else { Mod::After },
                    )),
                    s @ Sem::Mod(d, Mod::LessThan) => parts(d).map(|_| s.clone()),
                    d => Some(Sem::ShiftFrom(parts(d)?, sign, Box::new(day.clone()))),
                }
            }
        ),
        rule!("<weekday> next week", [Weekday, Point], |m| weekday_of(
            &m.items[0],
            m.items[1].sem()?
        )),
        rule!(
            "<weekday> of next week",
            [Weekday, W(&["of"]), Point],
            |m| weekday_of(&m.items[0], m.items[2].sem()?)
        ),
        rule!(
            "next week on <weekday>",
            [Point, W(&["on"]), Weekday],
            |m| { weekday_of(&m.items[2], m.items[0].sem()?) }
        ),
        rule!("next week <weekday>", [Point, Weekday], |m| weekday_of(
            &m.items[1],
            m.items[0].sem()?
        )),
        rule!(
            "next week between <weekday> and <weekday>",
            [Point, W(&["between", "from"]), Weekday],
            |m| {
                // The first end of "next week between Wednesday and Friday", "this week
                // from Tuesday to Thursday".
                let [conn, wd, ..] = m.rest else { return None };
                let and = if m.inner[m.inner.len() - 2].is("between") {
                    "and"
                } else {
                    "to"
                };
                (conn.is_any(&[and, "until", "till", "through", "-"]) && weekday_tok(wd).is_some())
                    .then(|| weekday_of(&m.items[2], m.items[0].sem()?))?
            }
        ),
        rule!("<month>.<day>", [Month, W(&["."]), Day], |m| {
            // "september.16th": a full stop typed for a space.
            m.items[1..]
                .iter()
                .all(|i| i.tok().is_some_and(|t| !t.space_before))
                .then(|| date(None, Some(month(&m.items[0])?), Some(day(&m.items[2])?)))?
        }),
        rule!("<year> the <quarter>", [YearNode, Point], |m| {
            // "2016 the third quarter": the quarter or half of that year.
            let y = m.items[0].sem()?;
            match m.items[1].sem()? {
                Sem::PartNear(part, _) if m.inner.get(1).is_some_and(|t| t.is("the")) => matches!(
                    y,
                    Sem::Date {
                        y: Some(_),
                        m: None,
                        d: None
                    }
                )
                .then(|| Sem::Part(Box::new(y.clone()), *part)),
                _ => None,
            }
        }),
        rule!(
            "<month> between <day> and <day>",
            [Month, W(&["between"]), Day],
            |m| {
                // The first end of "November between 19 and 20".
                let [and, d, ..] = m.rest else { return None };
                (and.is("and") && tok_day(d).is_some())
                    .then(|| date(None, Some(month(&m.items[0])?), Some(day(&m.items[2])?)))?
            }
        ),
        rule!("<month> between <day> and <day> 2", [Day], |m| {
            // Its second end.
            let [.., mo, between, first, and] = m.prev else {
                return None;
            };
            (between.is("between") && and.is("and") && tok_day(first).is_some())
                .then(|| date(None, Some(tok_month(mo)?), Some(day(&m.items[0])?)))?
        }),
        rule!(
            "<weekday> the <nth in words>",
            [Weekday, W(&["the"]), Num],
            |m| {
                // "Friday the fifteen": a day in words, closing the clause.
                let t = m.items[2].tok()?;
                let n = t.num()?;
                let ends = m
                    .after
                    .is_none_or(|a| a.is_any(&[".", ",", ";", ":", "!", "?", ")"]));
                (ends
                    && t.text.starts_with(|c: char| c.is_ascii_alphabetic())
                    && (1.0..=31.0).contains(&n)
                    && n.fract() == 0.0)
                    .then(|| date(None, None, Some(n as u8)))?
            }
        ),
        rule!("<weekday> the <nth>", [Weekday, W(&["the"]), Day], |m| {
            // "Friday the 13th": the day of the month; the weekday only confirms it.
            date(None, None, Some(day(&m.items[2])?))
        }),
        rule!(
            "<dur> from now",
            [Dur, W(&["from"]), W(&["now", "today"])],
            |m| match m.items[0].sem()? {
                Sem::Dur { n, unit, max: None } if n.fract() == 0.0 => {
                    Some(Sem::Rel(*unit, *n as i32))
                }
                Sem::Dur { n, unit, max: None } => Some(Sem::Shift(vec![(*n, *unit)], 1, false)),
                Sem::DurParts(p) => Some(Sem::Shift(p.clone(), 1, false)),
                _ => None,
            }
        ),
        rule!(
            "the <unit> after next",
            [
                W(&["the"]),
                Unit,
                W(&["after", "before"]),
                W(&["next", "last"])
            ],
            |m| {
                let u = m.items[1].unit()?;
                match (word(&m.items[2]).as_str(), word(&m.items[3]).as_str()) {
                    ("after", "next") => Some(Sem::Rel(u, 2)),
                    ("before", "last") => Some(Sem::Rel(u, -2)),
                    _ => None,
                }
            }
        ),
        rule!(
            "the <unit> after the next",
            [W(&["the"]), Unit, W(&["after"]), W(&["the"]), W(&["next"])],
            |m| Some(Sem::Rel(m.items[1].unit()?, 2))
        ),
        rule!(
            "later in the <unit>",
            [
                W(&["later", "earlier", "late", "early"]),
                W(&["in"]),
                W(&["the"]),
                W(&["day", "week", "month", "year", "decade"])
            ],
            |m| {
                // "earlier in the day" is the day of the report, as news writes it (a day
                // the text gave before is "earlier that day"); "later in the year" the
                // year the text speaks of.
                let unit = m.items[3].unit()?;
                let point = if unit == Unit::Day {
                    Sem::Rel(unit, 0)
                } else {
                    Sem::Anchored(unit, 0)
                };
                // "late in the year" is its end; "later in the year" only in it.
                Some(match word(&m.items[0]).as_str() {
                    w @ ("late" | "early") => Sem::Mod(Box::new(point), modifier(w)?),
                    _ => point,
                })
            }
        ),
        // ---- weekends and weekdays of a month ----
        rule!(
            "this|last|next weekend",
            [
                W(&["this", "last", "next", "past", "coming"]),
                W(&["weekend"])
            ],
            |m| Some(Sem::Weekend(Some(direction(&word(&m.items[0]))?)))
        ),
        rule!("on weekend", [W(&["weekend"])], |m| {
            // Headline and casual English drop the article: "on weekend", "over weekend".
            m.before
                .is_some_and(|b| b.is_any(&["on", "at", "over", "during"]))
                .then_some(Sem::Weekend(None))
        }),
        rule!(
            "the weekend after [the] next",
            [
                W(&["the"]),
                W(&["weekend"]),
                W(&["after"]),
                W(&["the"]),
                W(&["next"])
            ],
            |_| Some(Sem::Weekend(Some(2)))
        ),
        rule!(
            "the weekend after next",
            [W(&["the"]), W(&["weekend"]), W(&["after"]), W(&["next"])],
            |_| Some(Sem::Weekend(Some(2)))
        ),
        rule!("the weekend", [W(&["the"]), W(&["weekend"])], |m| {
            // "the weekend of the vote" is another weekend; "the weekend's talks" is this one.
            if m.after
                .is_some_and(|a| a.is_any(&["of", "before", "after"]))
            {
                return None;
            }
            Some(Sem::Weekend(None))
        }),
        rule!(
            "the <ordinal> <weekday> of <month>",
            [W(&["the"]), Ord, Weekday, W(&["of", "in"]), Point],
            |m| nth_weekday_of(&m.items[1..])
        ),
        rule!(
            "<ordinal> <weekday> of <month>",
            [Ord, Weekday, W(&["of", "in"]), Point],
            |m| nth_weekday_of(m.items)
        ),
        rule!(
            "the last <weekday> of <month>",
            [W(&["the"]), W(&["last"]), Weekday, W(&["of", "in"]), Point],
            |m| {
                let month = m.items[4].sem()?;
                is_month(month).then(|| {
                    Sem::NthWeekday(
                        -1,
                        weekday(&m.items[2]).unwrap_or(1),
                        Box::new(month.clone()),
                    )
                })
            }
        ),
        rule!(
            "[the] <ordinal> week of <month or year>",
            [W(&["the"]), Ord, W(&["week"]), W(&["of", "in"]), Point],
            |m| nth_week(ord(&m.items[1])? as i8, m.items[4].sem()?)
        ),
        rule!(
            "<ordinal> week of <month or year>",
            [Ord, W(&["week"]), W(&["of", "in"]), Point],
            |m| nth_week(ord(&m.items[0])? as i8, m.items[3].sem()?)
        ),
        rule!(
            "[the] last week of <month or year>",
            [
                W(&["the"]),
                W(&["last", "final"]),
                W(&["week"]),
                W(&["of", "in"]),
                Point
            ],
            |m| nth_week(-1, m.items[4].sem()?)
        ),
        rule!(
            "last week of <month or year>",
            [W(&["last", "final"]), W(&["week"]), W(&["of", "in"]), Point],
            |m| nth_week(-1, m.items[3].sem()?)
        ),
        // ---- parts of years ----
        rule!("<season>", [Season], |m| {
            // "spring" and "fall" are verbs and nouns too: a season stands after a
            // preposition of time.
            let before = m.before?;
            before
                .is_any(&[
                    "in", "by", "since", "until", "during", "through", "this", "that", "early",
                    "late", "mid", "from", "before", "after",
                ])
                .then_some(Sem::Season(season(&m.items[0])?, None))
        }),
        rule!("the <season>", [W(&["the"]), Season], |m| {
            // "in the spring", "by the autumn", "the end of the summer"; "the fall of the
            // wall" is no season.
            let prep = m.before.is_some_and(|b| {
                b.is_any(&[
                    "in", "by", "since", "until", "during", "through", "from", "before", "after",
                    "over",
                ])
            }) || matches!(m.prev, [.., part, of]
                if of.is("of") && part.is_any(&["end", "start", "beginning", "middle"]));
            // "summer", "winter" and "autumn" are seasons only: "spent the summer",
            // unless a noun follows ("the winter storm").
            let only_season =
                m.items[1].tok()?.is_any(&["summer", "winter", "autumn"]) && ends_year(m.after);
            ((prep || only_season) && !m.after.is_some_and(|a| a.is("of")))
                .then(|| Some(Sem::Season(season(&m.items[1])?, None)))
                .flatten()
        }),
        rule!(
            "last|next|this <season>",
            [W(&["last", "next", "this", "past", "coming"]), Season],
            |m| {
                Some(Sem::Season(
                    season(&m.items[1])?,
                    Some(direction(&word(&m.items[0]))?),
                ))
            }
        ),
        rule!("<season> <year>", [Season, YearNode], |m| Some(Sem::Part(
            Box::new(m.items[1].sem()?.clone()),
            Part::Season(season(&m.items[0])?)
        ))),
        rule!("<season> of <year>", [Season, W(&["of"]), YearNode], |m| {
            Some(Sem::Part(
                Box::new(m.items[2].sem()?.clone()),
                Part::Season(season(&m.items[0])?),
            ))
        }),
        rule!(
            "the <season> of <year>",
            [W(&["the"]), Season, W(&["of"]), YearNode],
            |m| {
                Some(Sem::Part(
                    Box::new(m.items[3].sem()?.clone()),
                    Part::Season(season(&m.items[1])?),
                ))
            }
        ),
        rule!(
            "the <ordinal> half of <year>",
            [W(&["the"]), Ord, W(&["half"]), W(&["of"]), YearNode],
            |m| {
                let h = ord(&m.items[1])?;
                let h = if h == 0 { 2 } else { h };
                (1..=2).contains(&h).then(|| {
                    Sem::Part(
                        Box::new(m.items[4].sem().cloned().unwrap_or(Sem::Rel(Unit::Year, 0))),
                        Part::Half(h as u8),
                    )
                })
            }
        ),
        rule!(
            "the <ordinal> half",
            [W(&["the"]), Ord, W(&["half"])],
            |m| {
                let h = ord(&m.items[1])?;
                let h = if h == 0 { 2 } else { h };
                if m.after.is_some_and(|a| a.is_any(&["of", "a", "an", "the"])) {
                    return None;
                }
                (1..=2)
                    .contains(&h)
                    .then_some(Sem::PartNear(Part::Half(h as u8), true))
            }
        ),
        rule!(
            "the <ordinal> quarter of <year>",
            [W(&["the"]), Ord, W(&["quarter"]), W(&["of"]), YearNode],
            |m| {
                let q = ord(&m.items[1])?;
                (1..=4).contains(&q).then(|| {
                    Sem::Part(
                        Box::new(m.items[4].sem().cloned().unwrap_or(Sem::Rel(Unit::Year, 0))),
                        Part::Quarter(q as u8),
                    )
                })
            }
        ),
        rule!(
            "the <ordinal> half|quarter next|last|this year",
            [W(&["the"]), Ord, W(&["half", "quarter"]), YearNode],
            |m| {
                let n = ord(&m.items[1])?;
                let part = if word(&m.items[2]) == "half" {
                    let n = if n == 0 { 2 } else { n };
                    (1..=2).contains(&n).then_some(Part::Half(n as u8))?
                } else {
                    (1..=4).contains(&n).then_some(Part::Quarter(n as u8))?
                };
                part_of_relative(part, m.items[3].sem()?)
            }
        ),
        rule!(
            "the <ordinal> quarter",
            [W(&["the"]), Ord, W(&["quarter"])],
            |m| {
                let q = ord(&m.items[1])?;
                if m.after.is_some_and(|a| a.is_any(&["of"])) {
                    return None;
                }
                (1..=4)
                    .contains(&q)
                    .then_some(Sem::PartNear(Part::Quarter(q as u8), true))
            }
        ),
        rule!(
            "Q<n>|H<n> <year>",
            [W(&["Q1", "Q2", "Q3", "Q4", "H1", "H2"]), YearNode],
            |m| Some(Sem::Part(
                Box::new(m.items[1].sem()?.clone()),
                quarter_or_half(&m.items[0])?
            ))
        ),
        rule!("Q<n>", [W(&["Q1", "Q2", "Q3", "Q4"])], |m| Some(
            Sem::PartNear(quarter_or_half(&m.items[0])?, true)
        )),
        rule!(
            "<year> Q<n>|H<n>",
            [YearNode, W(&["Q1", "Q2", "Q3", "Q4", "H1", "H2"])],
            |m| Some(Sem::Part(
                Box::new(m.items[0].sem()?.clone()),
                quarter_or_half(&m.items[1])?
            ))
        ),
        // ---- modifiers of points ----
        rule!(
            "early|late <point>",
            [W(&["early", "late", "mid"]), Point],
            |m| {
                let s = m.items[1].sem()?;
                if matches!(s, Sem::Mod(..) | Sem::Weekday(..)) {
                    return None;
                }
                Some(Sem::Mod(Box::new(s.clone()), modifier(&word(&m.items[0]))?))
            }
        ),
        rule!(
            "mid-<point>",
            [W(&["mid", "early", "late", "end"]), Join, Point],
            |m| {
                let s = m.items[2].sem()?;
                if matches!(s, Sem::Mod(..)) {
                    return None;
                }
                Some(Sem::Mod(Box::new(s.clone()), modifier(&word(&m.items[0]))?))
            }
        ),
        rule!(
            "the end of <point>",
            [
                W(&["the"]),
                W(&["end", "beginning", "start", "middle", "close", "dawn"]),
                W(&["of"]),
                Point
            ],
            |m| {
                let s = m.items[3].sem()?;
                if matches!(s, Sem::Mod(..)) {
                    return None;
                }
                Some(Sem::Mod(Box::new(s.clone()), modifier(&word(&m.items[1]))?))
            }
        ),
        rule!(
            "the end of the <unit>",
            [
                W(&["the"]),
                W(&["end", "beginning", "start", "middle", "close"]),
                W(&["of"]),
                W(&["the"]),
                Unit
            ],
            |m| {
                let u = m.items[4].unit()?;
                if m.items[4].tok()?.text.ends_with('s') {
                    return None;
                }
                Some(Sem::Mod(
                    Box::new(Sem::Rel(u, 0)),
                    modifier(&word(&m.items[1]))?,
                ))
            }
        ),
        // Headline English drops the articles: "by end of year", "start of next year" is
        // the rule above.
        rule!(
            "end of <unit>",
            [
                W(&["end", "beginning", "start", "middle"]),
                W(&["of"]),
                Unit
            ],
            |m| {
                let u = m.items[2].unit()?;
                let t = &m.items[2].tok()?.text;
                if t.ends_with('s') || m.before.is_some_and(|b| b.is_any(&["the", "an", "a"])) {
                    return None;
                }
                Some(Sem::Mod(
                    Box::new(Sem::Rel(u, 0)),
                    modifier(&word(&m.items[0]))?,
                ))
            }
        ),
        rule!("by year end", [W(&["year"]), W(&["end"])], |m| {
            // "by year end", "at year end": without its hyphen after a preposition.
            m.before
                .is_some_and(|b| {
                    b.is_any(&[
                        "by", "at", "before", "until", "till", "after", "around", "near", "toward",
                        "towards",
                    ])
                })
                .then(|| Sem::Mod(Box::new(Sem::Rel(Unit::Year, 0)), Mod::End))
        }),
        rule!(
            "the fiscal <ordinal> quarter",
            [W(&["the"]), W(&["fiscal"]), Ord, W(&["quarter"])],
            |m| {
                let q = ord(&m.items[2])?;
                let of = m.after.is_some_and(|a| a.is("of"));
                ((1..=4).contains(&q) && !of).then_some(Sem::PartNear(Part::Quarter(q as u8), true))
            }
        ),
        rule!(
            "the latest <unit>",
            [
                W(&["the"]),
                W(&["latest"]),
                W(&["quarter", "month", "week"])
            ],
            |m| Some(Sem::Rel(m.items[2].unit()?, -1))
        ),
        rule!("every <num> <units>", [W(&["every"]), Num, Unit], |m| {
            // "every two years": a recurrence, not a duration.
            let n = amount(&m.items[1])?;
            let plural = m.items[2].tok()?.text.ends_with(['s', 'S']);
            (plural && n >= 2.0 && n.fract() == 0.0 && n < 1000.0)
                .then_some(Sem::SetEvery(n, m.items[2].unit()?))
        }),
        rule!(
            "<num> consecutive <units>",
            [Num, W(&["consecutive", "straight", "successive"]), Unit],
            |m| {
                // "five consecutive quarters", "three straight years".
                let plural = m.items[2].tok()?.text.ends_with(['s', 'S']);
                plural.then(|| dur(amount(&m.items[0])?, m.items[2].unit()?))?
            }
        ),
        rule!("late <weekday>", [W(&["late", "early"]), Weekday], |m| {
            // "late Friday": the end of that day.
            let md = modifier(&word(&m.items[0]))?;
            Some(Sem::Mod(
                Box::new(Sem::Weekday(weekday(&m.items[1])?, None)),
                md,
            ))
        }),
        rule!(
            "year-end <year>",
            [W(&["year"]), Join, W(&["end"]), YearNode],
            |m| {
                let y = m.items[3].sem()?;
                y.is_year().then(|| Sem::Mod(Box::new(y.clone()), Mod::End))
            }
        ),
        rule!("year-end", [W(&["year"]), Join, W(&["end"])], |_| Some(
            Sem::Mod(Box::new(Sem::Rel(Unit::Year, 0)), Mod::End)
        )),
        rule!(
            "mid-decade",
            [
                W(&["mid"]),
                Join,
                W(&["decade", "year", "month", "week", "century"])
            ],
            |m| Some(Sem::Mod(
                Box::new(Sem::Rel(m.items[2].unit()?, 0)),
                Mod::Mid
            ))
        ),
        rule!(
            "the <ordinal> half of the year",
            [
                W(&["the"]),
                Ord,
                W(&["half", "quarter"]),
                W(&["of"]),
                W(&["the", "this", "next", "last"]),
                W(&["year"])
            ],
            |m| {
                let n = ord(&m.items[1])?;
                let n = if n == 0 { 4 } else { n };
                let year = Sem::Rel(Unit::Year, direction(&word(&m.items[4])).unwrap_or(0));
                let part = if m.items[2].tok()?.is("half") {
                    let h = if n == 4 { 2 } else { n };
                    (1..=2).contains(&h).then_some(Part::Half(h as u8))?
                } else {
                    (1..=4).contains(&n).then_some(Part::Quarter(n as u8))?
                };
                Some(Sem::Part(Box::new(year), part))
            }
        ),
        rule!("<point> end", [YearNode, W(&["end"])], |m| Some(Sem::Mod(
            Box::new(m.items[0].sem()?.clone()),
            Mod::End
        ))),
        // ---- durations ----
        rule!("<num> <unit>", [Num, Unit], |m| {
            // "25,000 years" is fine; "2019 years" is not a duration.
            let t = m.items[0].tok()?;
            if t.digits().is_some_and(|n| n >= 1000 && t.text.len() == 4) {
                return None;
            }
            dur(amount(&m.items[0])?, m.items[1].unit()?)
        }),
        rule!("<num node> <unit>", [NumNode, Unit], |m| dur(
            m.items[0].num()?,
            m.items[1].unit()?
        )),
        rule!("a <unit>", [W(&["a", "an", "one"]), Unit], |m| {
            let u = m.items[1].unit()?;
            // "a quarter of the way", "a quarter of the revenue": a share.
            if u == Unit::Quarter && m.after.is_some_and(|a| a.is("of")) {
                return None;
            }
            if m.items[1].tok()?.text.ends_with('s') {
                return None;
            }
            // After a count ("25,000 rifles a year") it is a rate.
            let after_count = m.before.is_some_and(|b| {
                !b.is_any(&[
                    "for", "within", "in", "than", "about", "around", "nearly", "almost", "over",
                    "under", "half", "of", "to", "after", "before", "least", "most", "take",
                    "takes", "took", "taken", "last", "lasted", "spent", "spend", "only", "just",
                    "another", "up", "and", "or", "by", "some", "roughly",
                ]) && (counts(b)
                    // "one flight a day": a noun after a number.
                    || m.prev.len() >= 2 && counts(&m.prev[m.prev.len() - 2]))
                    && b.text.chars().all(char::is_alphanumeric)
                    && !matches!(b.lex, Lex::Unit(_))
                    && m.items[0].tok().is_some_and(|t| t.is_any(&["a", "an"]))
                    // "opened a year later", "a year behind schedule": a stretch of time.
                    && !m.after.is_some_and(|a| {
                        a.is_any(&[
                            "later", "earlier", "ago", "after", "before", "than", "late", "early",
                            "behind", "ahead", "from",
                        ])
                    })
            });
            if after_count {
                return Some(Sem::Set(u));
            }
            dur(1.0, u)
        }),
        rule!("<num>-<unit>", [Num, Join, Unit], |m| dur(
            amount(&m.items[0])?,
            m.items[2].unit()?
        )),
        rule!("<num node>-<unit>", [NumNode, Join, Unit], |m| dur(
            m.items[0].num()?,
            m.items[2].unit()?
        )),
        rule!(
            "<num> and a half <unit>",
            [Num, W(&["and"]), W(&["a"]), W(&["half"]), Unit],
            |m| dur(amount(&m.items[0])? + 0.5, m.items[4].unit()?)
        ),
        rule!(
            "a <unit> and a half",
            [
                W(&["a", "an", "one"]),
                Unit,
                W(&["and"]),
                W(&["a"]),
                W(&["half"])
            ],
            |m| dur(1.5, m.items[1].unit()?)
        ),
        rule!(
            "half a <unit>",
            [W(&["half"]), W(&["a", "an"]), Unit],
            |m| dur(0.5, m.items[2].unit()?)
        ),
        rule!(
            "<dur> to <dur>",
            [Dur, W(&["to", "-", "–"]), Dur],
            |m| match (m.items[0].sem()?, m.items[2].sem()?) {
                (
                    Sem::Dur { n, unit, max: None },
                    Sem::Dur {
                        n: n2,
                        unit: u2,
                        max: None,
                    },
                ) => Some(Sem::Dur {
                    n: *n,
                    unit: *unit,
                    max: Some((*n2, *u2))
                }),
                _ => None,
            }
        ),
        rule!(
            "<num> to <num> <unit>",
            [Num, W(&["to", "or", "-", "–"]), Num, Unit],
            |m| {
                let u = m.items[3].unit()?;
                let (a, b) = (amount(&m.items[0])?, amount(&m.items[2])?);
                (a < b).then_some(Sem::Dur {
                    n: a,
                    unit: u,
                    max: Some((b, u)),
                })
            }
        ),
        rule!("within <dur>", [W(&["within"]), Dur], |m| Some(
            m.items[1].sem()?.clone()
        )),
        rule!(
            "nearly <dur>",
            [
                W(&[
                    "nearly",
                    "almost",
                    "about",
                    "around",
                    "roughly",
                    "approximately",
                    "some",
                    "over"
                ]),
                Dur
            ],
            |m| {
                let s = m.items[1].sem()?;
                // "over the past 12 months" is a preposition, not "more than".
                if matches!(s, Sem::Mod(..))
                    || (word(&m.items[0]) == "over" && m.inner.get(1).is_some_and(|t| t.is("the")))
                {
                    return None;
                }
                Some(Sem::Mod(Box::new(s.clone()), modifier(&word(&m.items[0]))?))
            }
        ),
        rule!(
            "more than <dur>",
            [W(&["more", "less", "fewer"]), W(&["than"]), Dur],
            |m| {
                let md = if word(&m.items[0]) == "more" {
                    Mod::MoreThan
                } else {
                    Mod::LessThan
                };
                Some(Sem::Mod(Box::new(m.items[2].sem()?.clone()), md))
            }
        ),
        rule!(
            "at least <dur>",
            [W(&["at", "up"]), W(&["least", "most", "to"]), Dur],
            |m| {
                let md = match word(&m.items[1]).as_str() {
                    "least" => Mod::EqualOrMore,
                    _ => Mod::EqualOrLess,
                };
                Some(Sem::Mod(Box::new(m.items[2].sem()?.clone()), md))
            }
        ),
        rule!(
            "the past|next <num> <unit>",
            [
                W(&["the"]),
                W(&["past", "last", "next", "coming", "first", "previous"]),
                Dur
            ],
            |m| {
                match m.items[2].sem()? {
                    s @ Sem::Dur { .. } => Some(s.clone()),
                    _ => None,
                }
            }
        ),
        rule!("the past <unit>", [W(&["the"]), W(&["past"]), Unit], |m| {
            let u = m.items[2].unit()?;
            if m.items[2].tok()?.text.ends_with('s') {
                return None;
            }
            dur(1.0, u)
        }),
        rule!("within weeks", [W(&["within", "for"]), Unit], |m| {
            // "within weeks", "for years": a stretch of unknown length in that unit.
            let t = m.items[1].tok()?;
            let u = m.items[1].unit()?;
            let ends = m.after.is_none_or(|a| !a.is_any(&["of", "'", "’"]));
            (t.text.ends_with('s') && u >= Unit::Day && ends).then_some(Sem::DurVague(u))
        }),
        rule!("<units>-long", [Unit, Join, W(&["long"])], |m| {
            let t = m.items[0].tok()?;
            t.text
                .ends_with('s')
                .then_some(Sem::DurVague(m.items[0].unit()?))
        }),
        // ---- sets ----
        rule!("annually", [W(&["annually", "yearly"])], |_| Some(
            Sem::Set(Unit::Year)
        )),
        rule!(
            "<day> morning",
            [Point, W(&["morning", "afternoon", "evening", "night"])],
            |m| {
                let s = m.items[0].sem()?;
                let day = matches!(
                    s,
                    Sem::Weekday(..) | Sem::Rel(Unit::Day, _) | Sem::Date { d: Some(_), .. }
                );
                day.then(|| Sem::TimeOfDay(Box::new(s.clone()), part_of_day(&word(&m.items[1]))))
            }
        ),
        rule!(
            "this morning",
            [
                W(&["this", "tonight"]),
                W(&["morning", "afternoon", "evening"])
            ],
            |m| {
                Some(Sem::TimeOfDay(
                    Box::new(Sem::Rel(Unit::Day, 0)),
                    part_of_day(&word(&m.items[1])),
                ))
            }
        ),
        rule!("per <unit>", [W(&["per", "every", "each"]), Unit], |m| {
            let u = m.items[1].unit()?;
            (!m.items[1].tok()?.text.ends_with('s')).then_some(Sem::Set(u))
        }),
        // ---- references ----
        rule!("now", [W(&["now", "currently", "presently"])], |_| Some(
            Sem::Ref(RefKind::Present)
        )),
        rule!("at present", [W(&["at"]), W(&["present"])], |_| Some(
            Sem::Ref(RefKind::Present)
        )),
        rule!("recently", [W(&["recently", "lately"])], |_| Some(
            Sem::Ref(RefKind::Past)
        )),
        rule!(
            "more recently",
            [W(&["more", "most"]), W(&["recently"])],
            |_| Some(Sem::Ref(RefKind::Past))
        ),
        rule!(
            "in recent <units>",
            [W(&["in"]), W(&["recent"]), Unit],
            |m| plural_ref(&m.items[2], RefKind::Past)
        ),
        rule!(
            "in the past few <units>",
            [
                W(&["in", "over"]),
                W(&["the"]),
                W(&["past", "last"]),
                W(&["few", "several"]),
                Unit
            ],
            |_| Some(Sem::Ref(RefKind::Past))
        ),
        rule!("a fortnight", [W(&["a", "one"]), W(&["fortnight"])], |_| {
            dur(2.0, Unit::Week)
        }),
        rule!(
            "couple of <units>",
            [W(&["couple"]), W(&["of"]), Unit],
            |m| {
                // "a couple of" before a unit is the number rule's; this is without "a".
                if m.before.is_some_and(|b| b.is("a")) {
                    return None;
                }
                dur(2.0, m.items[2].unit()?)
            }
        ),
        // ---- times on the clock ----
        rule!(
            "<h>:<mm> pm",
            [Num, W(&[":"]), Num, W(&["am", "pm"])],
            |m| {
                glued(&m.items[1..3])
                    .then(|| clock(&m.items[0], Some(&m.items[2]), Some(&m.items[3])))
                    .flatten()
            }
        ),
        rule!(
            "<h>:<mm> p.m.",
            [
                Num,
                W(&[":"]),
                Num,
                W(&["a", "p"]),
                W(&["."]),
                W(&["m"]),
                W(&["."])
            ],
            |m| (glued(&m.items[1..3]) && glued(&m.items[4..]))
                .then(|| clock(&m.items[0], Some(&m.items[2]), Some(&m.items[3])))
                .flatten()
        ),
        rule!(
            "<h>:<mm> p.m",
            [Num, W(&[":"]), Num, W(&["a", "p"]), W(&["."]), W(&["m"])],
            |m| (glued(&m.items[1..3]) && glued(&m.items[4..]))
                .then(|| clock(&m.items[0], Some(&m.items[2]), Some(&m.items[3])))
                .flatten()
        ),
        rule!("<h> pm", [Num, W(&["am", "pm"])], |m| clock(
            &m.items[0],
            None,
            Some(&m.items[1])
        )),
        rule!(
            "<h> p.m.",
            [Num, W(&["a", "p"]), W(&["."]), W(&["m"]), W(&["."])],
            |m| glued(&m.items[2..])
                .then(|| clock(&m.items[0], None, Some(&m.items[1])))
                .flatten()
        ),
        rule!(
            "<h> p.m",
            [Num, W(&["a", "p"]), W(&["."]), W(&["m"])],
            |m| glued(&m.items[2..])
                .then(|| clock(&m.items[0], None, Some(&m.items[1])))
                .flatten()
        ),
        rule!("at <hh>:<mm>", [Num, W(&[":"]), Num], |m| {
            // The 24-hour clock, after a preposition of time: "at 14:30", not "a 2:1 vote".
            let prep = m
                .before
                .is_some_and(|b| b.is_any(&["at", "by", "until", "from", "before", "after"]));
            (prep && glued(&m.items[1..]))
                .then(|| clock(&m.items[0], Some(&m.items[2]), None))
                .flatten()
        }),
        rule!("noon", [W(&["noon", "midday", "midnight"])], |m| {
            let h = if word(&m.items[0]) == "midnight" {
                24
            } else {
                12
            };
            Some(Sem::Clock {
                day: None,
                h,
                min: 0,
            })
        }),
        rule!("<clock> <day>", [ClockNode, Point], |m| on_day(
            m.items[0].sem()?,
            m.items[1].sem()?
        )),
        rule!("<clock> on <day>", [ClockNode, W(&["on"]), Point], |m| {
            on_day(m.items[0].sem()?, m.items[2].sem()?)
        }),
        rule!("<day> at <clock>", [Point, W(&["at"]), ClockNode], |m| {
            on_day(m.items[2].sem()?, m.items[0].sem()?)
        }),
        // Holidays on a fixed day of the year, as general knowledge.
        rule!("Christmas", [W(&["Christmas"])], |m| {
            // "Christmas sales", "the Christmas and New Year period" are a season.
            date(None, Some(12), Some(25))
                .filter(|_| capitalised(&m.items[0]) && !before_lower_word(m.after))
        }),
        rule!("Christmas <year>", [W(&["Christmas"]), Year], |m| {
            date(Some(year(&m.items[1])?), Some(12), Some(25)).filter(|_| capitalised(&m.items[0]))
        }),
        rule!(
            "Christmas Eve|Day",
            [W(&["Christmas"]), W(&["Eve", "Day"])],
            |m| {
                let eve = m.items[1].tok().is_some_and(|t| t.is("Eve"));
                date(None, Some(12), Some(if eve { 24 } else { 25 }))
                    .filter(|_| capitalised(&m.items[1]))
            }
        ),
        rule!(
            "New Year's Day",
            [
                W(&["New"]),
                W(&["Year"]),
                W(&["'", "’"]),
                W(&["s"]),
                W(&["Day", "Eve"])
            ],
            |m| {
                let eve = m.items[4].tok().is_some_and(|t| t.is("Eve"));
                let (mo, d) = if eve { (12, 31) } else { (1, 1) };
                date(None, Some(mo), Some(d)).filter(|_| capitalised(&m.items[4]))
            }
        ),
        rule!(
            "Valentine's Day",
            [W(&["Valentine"]), W(&["'", "’"]), W(&["s"]), W(&["Day"])],
            |m| date(None, Some(2), Some(14)).filter(|_| capitalised(&m.items[0]))
        ),
        rule!("Halloween", [W(&["Halloween"])], |m| {
            date(None, Some(10), Some(31))
                .filter(|_| capitalised(&m.items[0]) && !before_lower_word(m.after))
        }),
        rule!(
            "early in <point>",
            [W(&["early", "late"]), W(&["in"]), Point],
            |m| {
                // "early in 2020": a year or a decade.
                let s = m.items[2].sem()?;
                if !(s.is_year() || matches!(s, Sem::Decade(_) | Sem::DecadeOfCentury(_))) {
                    return None;
                }
                Some(Sem::Mod(Box::new(s.clone()), modifier(&word(&m.items[0]))?))
            }
        ),
        rule!(
            "in the years ahead",
            [
                W(&["in", "over"]),
                W(&["the"]),
                W(&["years", "months", "weeks", "days", "decades"]),
                W(&["ahead"])
            ],
            |_| Some(Sem::Ref(RefKind::Future))
        ),
        rule!(
            "in the years to come",
            [
                W(&["in", "over"]),
                W(&["the"]),
                W(&["years", "months", "weeks", "days", "decades"]),
                W(&["to"]),
                W(&["come"])
            ],
            |_| Some(Sem::Ref(RefKind::Future))
        ),
        rule!(
            "in a few <units>",
            [W(&["in", "within"]), W(&["a"]), W(&["few", "couple"]), Unit],
            |m| plural_ref(&m.items[3], RefKind::Future)
        ),
        rule!(
            "in the next few <units>",
            [
                W(&["in", "over", "within", "during"]),
                W(&["the"]),
                W(&["next", "coming"]),
                W(&["few", "several"]),
                Unit
            ],
            |_| Some(Sem::Ref(RefKind::Future))
        ),
        rule!(
            "daily",
            [W(&[
                "hourly",
                "daily",
                "nightly",
                "weekly",
                "monthly",
                "quarterly"
            ])],
            |m| {
                let u = match word(&m.items[0]).as_str() {
                    "hourly" => Unit::Hour,
                    "daily" | "nightly" => Unit::Day,
                    "weekly" => Unit::Week,
                    "monthly" => Unit::Month,
                    _ => Unit::Quarter,
                };
                Some(Sem::Set(u))
            }
        ),
        rule!(
            "<ordinal>-quarter",
            [Ord, Join, W(&["quarter", "half"])],
            |m| {
                // "third-quarter profit", "first-half sales": the one near, by tense (never
                // next year's: "third-quarter results later this month" are the last
                // quarter's).
                let n = ord(&m.items[0])?;
                let part = if m.items[2].tok()?.is("half") {
                    (1..=2).contains(&n).then_some(Part::Half(n as u8))?
                } else {
                    (1..=4).contains(&n).then_some(Part::Quarter(n as u8))?
                };
                Some(Sem::PartNear(part, false))
            }
        ),
        rule!(
            "the <unit> before",
            [
                W(&["the"]),
                W(&["year", "month", "week", "day"]),
                W(&["before"])
            ],
            |m| {
                // "the year before" ends its phrase; "the day before the vote" is the vote's.
                if m.after
                    .is_some_and(|a| a.text.starts_with(char::is_alphanumeric))
                {
                    return None;
                }
                Some(Sem::Anchored(m.items[1].unit()?, -1))
            }
        ),
        rule!("soon", [W(&["soon", "eventually", "shortly"])], |m| {
            // "as soon as" compares; "as soon as possible" is handled below. "Shortly after
            // the vote" is the vote's time.
            if m.before.is_some_and(|b| b.is_any(&["as", "so", "too"]))
                || m.after
                    .is_some_and(|a| a.is_any(&["after", "before", "afterwards"]))
            {
                return None;
            }
            Some(Sem::Ref(RefKind::Future))
        }),
        rule!(
            "as soon as possible",
            [W(&["as"]), W(&["soon"]), W(&["as"]), W(&["possible"])],
            |_| Some(Sem::Ref(RefKind::Future))
        ),
        rule!(
            "in the coming <units>",
            [
                W(&["in", "over"]),
                W(&["the"]),
                W(&["coming", "next"]),
                Unit
            ],
            |m| plural_ref(&m.items[3], RefKind::Future)
        ),
        rule!(
            "in the near future",
            [W(&["in"]), W(&["the"]), W(&["near"]), W(&["future"])],
            |_| Some(Sem::Ref(RefKind::Future))
        ),
        // ---- more calendar forms ----
        rule!(
            "the day before yesterday",
            [
                W(&["the"]),
                W(&["day"]),
                W(&["before", "after"]),
                W(&["yesterday", "tomorrow", "tmrw"])
            ],
            |m| {
                let base = if word(&m.items[3]) == "yesterday" {
                    -1
                } else {
                    1
                };
                let step = if word(&m.items[2]) == "before" { -1 } else { 1 };
                Some(Sem::Rel(Unit::Day, base + step))
            }
        ),
        rule!("<month>-<day>", [Month, W(&["-", "/"]), Day], |m| {
            if m.items[1..]
                .iter()
                .any(|i| i.tok().is_some_and(|t| t.space_before))
            {
                return None;
            }
            date(None, Some(month(&m.items[0])?), Some(day(&m.items[2])?))
        }),
        rule!("<m>/<d>", [Num, W(&["/"]), Num], |m| {
            // Month first; "24/7" and fractions are not dates.
            let (a, b) = (m.items[0].tok()?, m.items[2].tok()?);
            if b.space_before
                || m.items[1].tok()?.space_before
                || a.text.len() > 2
                || b.text.len() > 2
            {
                return None;
            }
            let (mut mo, mut d) = (a.digits()?, b.digits()?);
            // Day first where it cannot be a month and the month is written with its
            // zero ("22/04"); "15/10" is a ratio or a score.
            if mo > 12 && d <= 12 && b.text.len() == 2 && b.text.starts_with('0') {
                (mo, d) = (d, mo);
            }
            if !(1..=12).contains(&mo)
                || !(1..=31).contains(&d)
                || m.after.is_some_and(|t| {
                    !t.space_before
                        && t.text
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '/' || c == '-')
                })
            {
                return None;
            }
            date(None, Some(mo as u8), Some(d as u8))
        }),
        rule!(
            "<a>-<b>-<yy>",
            [Num, W(&["-", "/", "."]), Num, W(&["-", "/", "."]), Num],
            |m| {
                let (a, b, c) = (m.items[0].tok()?, m.items[2].tok()?, m.items[4].tok()?);
                if m.items[1..]
                    .iter()
                    .any(|i| i.tok().is_some_and(|t| t.space_before))
                    || a.text.len() > 2
                    || b.text.len() > 2
                {
                    return None;
                }
                // With full stops, the year has four digits: "3.6.13" is a version.
                let dots = m.items[1].tok()?.text == ".";
                let y = match c.text.len() {
                    2 if !dots => {
                        let yy = c.digits()? as i32;
                        if yy < 70 { 2000 + yy } else { 1900 + yy }
                    }
                    4 => c.digits()? as i32,
                    _ => return None,
                };
                let (x, z) = (a.digits()?, b.digits()?);
                let (mo, d) = if x > 12 { (z, x) } else { (x, z) };
                if !(1..=12).contains(&mo) {
                    return None;
                }
                date(Some(y), Some(mo as u8), Some(d as u8))
            }
        ),
        rule!(
            "<yyyy>/<mm>/<dd>",
            [Year, W(&["/", "."]), Num, W(&["/", "."]), Num],
            |m| {
                if m.items[1..]
                    .iter()
                    .any(|i| i.tok().is_some_and(|t| t.space_before))
                {
                    return None;
                }
                let mo = m.items[2].tok()?.digits()? as u8;
                date(
                    Some(year(&m.items[0])?),
                    Some(mo).filter(|v| (1..=12).contains(v)),
                    Some(m.items[4].tok()?.digits()? as u8),
                )
            }
        ),
        rule!("<yyyy>/<mm>", [Year, W(&["/", "-", "."]), Num], |m| {
            let t = m.items[2].tok()?;
            if t.text.len() > 2
                || m.after.is_some_and(|a| {
                    !a.space_before && a.text.chars().all(|c| c == '/' || c == '-' || c == '.')
                })
            {
                return None;
            }
            let mo = t.digits()? as u8;
            (1..=12).contains(&mo).then_some(Sem::Date {
                y: Some(year(&m.items[0])?),
                m: Some(mo),
                d: None,
            })
        }),
        rule!("<mm>/<yyyy>", [Num, W(&["/", "-"]), Year], |m| {
            let t = m.items[0].tok()?;
            if t.text.len() > 2 || m.items[1].tok()?.space_before && !m.items[2].tok()?.space_before
            {
                return None;
            }
            let mo = t.digits()? as u8;
            (1..=12).contains(&mo).then_some(Sem::Date {
                y: Some(year(&m.items[2])?),
                m: Some(mo),
                d: None,
            })
        }),
        rule!("<month> <ordinal>", [Month, Ord], |m| {
            ordinal_date(&m.items[1], &m.items[0], None)
        }),
        rule!(
            "<ordinal> of <month> <year>",
            [Ord, W(&["of"]), Month, Year],
            |m| ordinal_date(&m.items[0], &m.items[2], year(&m.items[3]))
        ),
        rule!(
            "<ordinal> of <month>, <year>",
            [Ord, W(&["of"]), Month, W(&[","]), Year],
            |m| ordinal_date(&m.items[0], &m.items[2], year(&m.items[4]))
        ),
        rule!("<ordinal> of <month>", [Ord, W(&["of"]), Month], |m| {
            ordinal_date(&m.items[0], &m.items[2], None)
        }),
        rule!(
            "a few <unit> ago",
            [W(&["a"]), W(&["few", "couple"]), Unit, W(&["ago"])],
            |m| {
                let n = if word(&m.items[1]) == "few" { 3 } else { 2 };
                Some(Sem::Mod(
                    Box::new(Sem::Rel(m.items[2].unit()?, -n)),
                    Mod::Approx,
                ))
            }
        ),
        rule!(
            "few <unit> ago",
            [W(&["few", "several"]), Unit, W(&["ago"])],
            |m| {
                Some(Sem::Mod(
                    Box::new(Sem::Rel(m.items[1].unit()?, -3)),
                    Mod::Approx,
                ))
            }
        ),
        rule!("<month> the <ordinal>", [Month, W(&["the"]), Ord], |m| {
            ordinal_date(&m.items[2], &m.items[0], None)
        }),
        rule!("<month> <day in words>", [Month, NumNode], |m| {
            month_day_in_words(m, m.items[1].num()?)
        }),
        rule!("<month> <tens> <unit in words>", [Month, Num, Num], |m| {
            let (a, b) = (m.items[1].num()?, m.items[2].num()?);
            (a % 10.0 == 0.0 && (1.0..10.0).contains(&b)).then(|| month_day_in_words(m, a + b))?
        }),
        rule!("<day>, <year>", [Point, W(&[","]), Year], |m| {
            // "08/12,2015", "jan twenty two, 2018".
            day_with_year(m.items[0].sem()?, &Sem::year(year(&m.items[2])?))
        }),
        rule!("<day> <year in words>", [Point, YearNode], |m| {
            let y = m.items[1].sem()?;
            // A year in words, not "May 5 2019" (a rule of its own) nor "next year".
            let words = m
                .inner
                .last()?
                .text
                .starts_with(|c: char| c.is_ascii_alphabetic());
            words.then(|| day_with_year(m.items[0].sem()?, y))?
        }),
        rule!("<ordinal> <weekday>", [Ord, Weekday], |m| {
            // "second Sunday": that weekday of this month; not "the first Sunday" (of
            // something named after it), "every first Monday", "their first Sunday".
            let n = ord(&m.items[0])?;
            let det = m.before.is_some_and(|b| {
                b.is_any(&[
                    "the", "a", "every", "each", "his", "her", "their", "its", "our", "my", "your",
                    "that", "this",
                ])
            });
            let of = m
                .after
                .is_some_and(|a| a.is_any(&["of", "in", "after", "before", "since", "following"]));
            ((1..=4).contains(&n) && !det && !of).then(|| {
                Sem::NthWeekday(
                    n as i8,
                    weekday(&m.items[1]).unwrap_or(1),
                    Box::new(Sem::Rel(Unit::Month, 0)),
                )
            })
        }),
        rule!("from <day> to <month> <day>", [Day], |m| {
            if !m.before.is_some_and(|b| b.is("from")) {
                return None;
            }
            // The first end of "from 4 to January 22, 1995": the second end's month.
            let [conn, mo, d, rest @ ..] = m.rest else {
                return None;
            };
            if !conn.is_any(&["to", "until", "till", "through"]) || tok_day(d).is_none() {
                return None;
            }
            date(
                year_after(rest),
                Some(tok_month(mo)?),
                Some(day(&m.items[0])?),
            )
        }),
        rule!("<day> to <day> this month", [Day], |m| {
            // The first end of "from 4 to 22 this month", "between 4 and 22 next month".
            let [conn, d, rest @ ..] = m.rest else {
                return None;
            };
            let a = tok_day(m.items[0].tok()?)?;
            if !days_range(m.prev, a, conn, d) {
                return None;
            }
            let dir = relative_month(rest)?;
            Some(Sem::DayOf(a, Box::new(Sem::Rel(Unit::Month, dir))))
        }),
        rule!("<day> to <day> this month 2", [Day, Point], day_to_day_of),
        rule!(
            "<day> to <day> of this month 2",
            [Day, W(&["of", "in"]), Point],
            day_to_day_of
        ),
        rule!("<decimal> second", [Num, W(&["second"])], |m| {
            // "3.5 second": an ordinal only after a whole number.
            let n = m.items[0].num()?;
            (n.fract() != 0.0).then(|| dur(n, Unit::Second))?
        }),
        // ---- more durations ----
        rule!("<dur> <dur>", [Dur, Dur], |m| {
            // Side by side, in any order: "2 days 1 month".
            let (a, b) = (m.items[0].sem()?, m.items[1].sem()?);
            compound(a, b).or_else(|| {
                let Sem::DurParts(mut p) = compound(b, a)? else {
                    return None;
                };
                p.sort_by_key(|x| std::cmp::Reverse(x.1));
                Some(Sem::DurParts(p))
            })
        }),
        rule!("<dur> and <dur>", [Dur, W(&["and", ","]), Dur], |m| {
            compound(m.items[0].sem()?, m.items[2].sem()?)
        }),
        rule!(
            "<dur> and a half",
            [Dur, W(&["and"]), W(&["half"])],
            |m| match m.items[0].sem()? {
                Sem::Dur { n, unit, max: None } => dur(n + 0.5, *unit),
                _ => None,
            }
        ),
        rule!(
            "all day",
            [W(&["all", "full", "whole", "entire", "another"]), Unit],
            |m| {
                let t = m.items[1].tok()?;
                (!t.text.ends_with('s'))
                    .then(|| dur(1.0, m.items[1].unit()?))
                    .flatten()
            }
        ),
        rule!("all-day", [W(&["all", "full", "whole"]), Join, Unit], |m| {
            dur(1.0, m.items[2].unit()?)
        }),
        rule!(
            "this|last|next <month>",
            [W(&["this", "last", "next", "past", "coming"]), Month],
            |m| {
                let mo = month(&m.items[1])?;
                // "last June" is last year's June, even when this year's is past ("this
                // past June", "in June").
                if m.items[0].tok()?.is("last") {
                    return month_of(mo, &Sem::Rel(Unit::Year, -1));
                }
                Some(Sem::MonthNear(mo, direction(&word(&m.items[0]))?))
            }
        ),
    ]
}
