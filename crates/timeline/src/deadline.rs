//! Deadlines and statuses: the last day a forecast's wording allows, and whether the
//! promise was kept, came late, is overdue, pending or open as of a date.
//!
//! Rounding, always towards the speaker (the last day the words allow):
//! - a period (`2019`, `2019-12`, `2022-H2`, `2020-Q3`, `2019-W05`, `2018-SU`) ends on its
//!   last day; `early`/`mid`/`late` (TIMEX3 `START`/`MID`/`END`) end after the first, second
//!   and last third of it;
//! - `before X` ends the day before X begins; `after X` gives no deadline;
//! - `within P18M` counts the duration from the last day of when it was said;
//! - `soon`, `as soon as possible` and no time at all give no deadline.

use jiff::civil::{Date, date};
use jiff::{Span, ToSpan};

/// A date interval, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// The first day.
    pub first: Date,
    /// The last day.
    pub last: Date,
}

/// The interval a TIMEX3 date value names, or none for references (`FUTURE_REF`),
/// durations and values overdue cannot read.
pub fn interval(value: &str) -> Option<Interval> {
    let (year, rest) = match value.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (value, None),
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i16 = year.parse().ok()?;
    let span = |first: Date, last: Date| Some(Interval { first, last });
    let month_end = |m: i8| date(y, m, 1).last_of_month();
    let Some(rest) = rest else {
        return span(date(y, 1, 1), date(y, 12, 31));
    };
    let num = |s: &str| s.parse::<i8>().ok();
    match rest.as_bytes() {
        [b'H', _] => match num(&rest[1..])? {
            1 => span(date(y, 1, 1), date(y, 6, 30)),
            2 => span(date(y, 7, 1), date(y, 12, 31)),
            _ => None,
        },
        [b'Q', _] => {
            let q = num(&rest[1..]).filter(|q| (1..=4).contains(q))?;
            span(date(y, 3 * q - 2, 1), month_end(3 * q))
        }
        [b'W', b'I'] => span(date(y, 12, 21), Date::new(y.checked_add(1)?, 3, 19).ok()?),
        [b'S', b'P'] => span(date(y, 3, 20), date(y, 6, 20)),
        [b'S', b'U'] => span(date(y, 6, 21), date(y, 9, 22)),
        [b'F', b'A'] => span(date(y, 9, 23), date(y, 12, 20)),
        [b'W', ..] => {
            let w = num(rest.get(1..3)?)?;
            let first = jiff::civil::ISOWeekDate::new(y, w, jiff::civil::Weekday::Monday)
                .ok()?
                .date();
            span(first, first.checked_add(6.days()).ok()?)
        }
        [_, _] => {
            let m = num(rest).filter(|m| (1..=12).contains(m))?;
            span(date(y, m, 1), month_end(m))
        }
        _ => {
            let d: Date = value.get(..10)?.parse().ok()?;
            span(d, d)
        }
    }
}

/// A TIMEX3 duration (`P18M`, `P1Y`, `P1.5Y`, `P2W`, `P10D`) as a span, or none.
pub fn duration(value: &str) -> Option<Span> {
    let body = value.strip_prefix('P')?;
    let unit = body.chars().last()?;
    let n: f64 = body.strip_suffix(unit)?.parse().ok()?;
    if !(0.0..=1000.0).contains(&n) {
        return None;
    }
    let whole = |x: f64| x.ceil() as i64;
    Some(match unit {
        'Y' if n.fract() == 0.0 => whole(n).years(),
        'Y' => whole(n * 12.0).months(),
        'M' => whole(n).months(),
        'W' => whole(n * 7.0).days(),
        'D' => whole(n).days(),
        _ => return None,
    })
}

/// The last day a target allows: `value` and `modifier` as the TIMEX3 gives them, `bound`
/// as the statement extractor writes it (`by`, `in`, `within`, `before`, `after`, `soon`,
/// `asap`, `none`), `said` the TIMEX3 value of when it was said.
pub fn deadline(
    value: Option<&str>,
    modifier: Option<&str>,
    bound: &str,
    said: Option<&str>,
) -> Option<Date> {
    let value = value?;
    if matches!(bound, "after" | "soon" | "asap" | "none") {
        return None;
    }
    // "within a year to 18 months" (`P1Y/P18M`): the longer.
    if let Some((_, longer)) = value.split_once('/') {
        return deadline(Some(longer), modifier, bound, said);
    }
    if let Some(span) = duration(value) {
        // "within 18 months": from the last day of when it was said.
        let from = interval(said?)?.last;
        return from.checked_add(span).ok();
    }
    let iv = interval(value)?;
    if bound == "before" || modifier == Some("BEFORE") {
        return iv.first.yesterday().ok();
    }
    let days = i64::from(iv.first.until(iv.last).ok()?.get_days());
    let third = |k: i64| iv.first.checked_add(((days + 1) * k / 3 - 1).days()).ok();
    match modifier {
        Some("START") => third(1),
        Some("MID") => third(2),
        _ => Some(iv.last),
    }
}

/// Where a promise stands as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The event was reported on or before the deadline.
    Kept,
    /// The event was reported after the deadline.
    Late,
    /// The deadline passed and the event has not been reported.
    Overdue,
    /// The deadline has not been reached.
    Pending,
    /// No date was given and the event has not been reported.
    Open,
}

impl Status {
    /// The word the ledger writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Kept => "kept",
            Status::Late => "late",
            Status::Overdue => "overdue",
            Status::Pending => "pending",
            Status::Open => "open",
        }
    }
}

/// The status of a forecast with `deadline` whose event was first reported on `done`
/// (if at all), as of `as_of`. Reports after `as_of` are not yet known.
pub fn status(deadline: Option<Date>, done: Option<Date>, as_of: Date) -> Status {
    match (deadline, done.filter(|d| *d <= as_of)) {
        (Some(dl), Some(d)) if d > dl => Status::Late,
        (_, Some(_)) => Status::Kept,
        (Some(dl), None) if dl < as_of => Status::Overdue,
        (Some(_), None) => Status::Pending,
        (None, None) => Status::Open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// value, modifier, bound, said → deadline.
    type Example = (
        &'static str,
        Option<&'static str>,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    );

    /// Examples of the module's rounding rules.
    const EXAMPLES: &[Example] = &[
        ("2019", None, "by", None, Some("2019-12-31")),
        ("2019", Some("END"), "by", None, Some("2019-12-31")),
        ("2019", Some("START"), "in", None, Some("2019-05-01")),
        ("2019", Some("MID"), "in", None, Some("2019-08-31")),
        ("2022-H2", None, "in", None, Some("2022-12-31")),
        ("2022-H1", None, "in", None, Some("2022-06-30")),
        ("2020-Q3", None, "by", None, Some("2020-09-30")),
        ("2024-02", None, "by", None, Some("2024-02-29")),
        ("2019-06-15", None, "on", None, Some("2019-06-15")),
        ("2019-W05", None, "in", None, Some("2019-02-03")),
        ("2018-SU", None, "in", None, Some("2018-09-22")),
        ("2018-WI", None, "in", None, Some("2019-03-19")),
        ("2019", None, "before", None, Some("2018-12-31")),
        ("2019", None, "after", None, None),
        (
            "P18M",
            None,
            "within",
            Some("2013-05-13"),
            Some("2014-11-13"),
        ),
        ("P1Y", None, "within", Some("2013-05"), Some("2014-05-31")),
        (
            "P1.5Y",
            None,
            "within",
            Some("2013-05-13"),
            Some("2014-11-13"),
        ),
        (
            "P2W",
            None,
            "within",
            Some("2013-05-13"),
            Some("2013-05-27"),
        ),
        ("P18M", None, "within", None, None),
        ("FUTURE_REF", None, "soon", None, None),
        ("PRESENT_REF", None, "by", None, None),
        ("2019-13", None, "by", None, None),
        ("19XX", None, "by", None, None),
        ("9999-WI", None, "in", None, None),
        ("2019-W", None, "in", None, None),
        ("PÉ", None, "within", Some("2019"), None),
        ("P9999Y", None, "within", Some("2019"), None),
    ];

    #[test]
    fn deadline_examples() {
        for &(value, modifier, bound, said, want) in EXAMPLES {
            assert_eq!(
                deadline(Some(value), modifier, bound, said),
                want.map(d),
                "{value} {modifier:?} {bound} said {said:?}"
            );
        }
    }

    #[test]
    fn statuses() {
        let as_of = d("2025-07-04");
        let dl = Some(d("2019-12-31"));
        assert_eq!(status(dl, None, as_of), Status::Overdue);
        assert_eq!(status(dl, Some(d("2019-06-01")), as_of), Status::Kept);
        assert_eq!(status(dl, Some(d("2021-03-01")), as_of), Status::Late);
        // A report after the as-of date is not known yet.
        assert_eq!(status(dl, Some(d("2026-01-01")), as_of), Status::Overdue);
        assert_eq!(status(Some(d("2026-12-31")), None, as_of), Status::Pending);
        assert_eq!(status(None, None, as_of), Status::Open);
        assert_eq!(status(None, Some(d("2025-01-01")), as_of), Status::Kept);
    }
}
