//! Resolution: a meaning and a reference date in, a TIMEX3 type, value and modifier out.
//! All calendar arithmetic lives here (with `jiff`), none in the rules.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::lex::Unit;
use crate::sem::{Mod, Part, RefKind, Sem};

/// A reference date as precise as it is known: `2018`, `2018-04`, `2018-04-13`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefDate {
    /// Year.
    pub y: i32,
    /// Month, if known.
    pub m: Option<u8>,
    /// Day, if known.
    pub d: Option<u8>,
}

impl RefDate {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<RefDate> {
        let mut parts = s.trim().split('-');
        let y: i32 = parts.next()?.parse().ok()?;
        let m: Option<u8> = match parts.next() {
            Some(p) => Some(p.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let d: Option<u8> = match parts.next() {
            Some(p) => Some(p.parse().ok()?),
            None => None,
        };
        if !(1..=9999).contains(&y) {
            return None;
        }
        let r = RefDate { y, m, d };
        if let (Some(m), Some(d)) = (m, d) {
            Date::new(y as i16, m as i8, d as i8).ok()?;
        }
        Some(r)
    }

    fn date(self) -> Option<Date> {
        Date::new(self.y as i16, self.m? as i8, self.d? as i8).ok()
    }

    fn from_date(d: Date) -> RefDate {
        RefDate {
            y: i32::from(d.year()),
            m: Some(d.month() as u8),
            d: Some(d.day() as u8),
        }
    }
}

/// What resolution needs besides the meaning.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ctx {
    /// The publication date, or the time of the statement the expression sits in.
    pub reference: Option<RefDate>,
    /// The last date the text gave before the expression (for `the following year`).
    pub anchor: Option<RefDate>,
    /// Whether the sentence speaks of the future (decides `in May`, `Wednesday`).
    pub future: bool,
}

/// A resolved expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: &'static str,
    /// The TIMEX3 value.
    pub value: String,
    /// The modifier.
    pub modifier: Option<Mod>,
}

fn date_kind(value: String) -> Option<Resolved> {
    Some(Resolved {
        kind: "DATE",
        value,
        modifier: None,
    })
}

fn unknown_ref(n: i32) -> String {
    match n.signum() {
        -1 => "PAST_REF",
        1 => "FUTURE_REF",
        _ => "PRESENT_REF",
    }
    .to_string()
}

/// `y-m` plus `n` months.
fn add_months(y: i32, m: u8, n: i32) -> (i32, u8) {
    let total = y * 12 + i32::from(m) - 1 + n;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
}

fn season_start_month(s: u8) -> u8 {
    [3, 6, 9, 12][s as usize % 4]
}

const SEASON_CODES: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// The value of a point `n` units from `r`.
fn rel_value(r: RefDate, unit: Unit, n: i32) -> String {
    match unit {
        Unit::Year => format!("{:04}", r.y + n),
        Unit::Decade => format!("{:03}", (r.y / 10) + n),
        Unit::Century => format!("{:02}", (r.y / 100) + n),
        Unit::Quarter => match r.m {
            Some(m) => {
                let (y, m) = add_months(r.y, m, 3 * n);
                format!("{y:04}-Q{}", (m - 1) / 3 + 1)
            }
            None => unknown_ref(n),
        },
        Unit::Month => match r.m {
            Some(m) => {
                let (y, m) = add_months(r.y, m, n);
                format!("{y:04}-{m:02}")
            }
            None => unknown_ref(n),
        },
        Unit::Week => match r.date().and_then(|d| d.checked_add((7 * n).days()).ok()) {
            Some(d) => {
                let w = d.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            None => unknown_ref(n),
        },
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            match r.date().and_then(|d| d.checked_add(n.days()).ok()) {
                Some(d) => d.to_string(),
                None => unknown_ref(n),
            }
        }
    }
}

/// The value of the point `parts` before (`sign` -1) or after `r`, as precise as the
/// finest part: days (and weeks) give a day, months a month, whole years a year.
fn shifted(r: RefDate, parts: &[(f64, Unit)], sign: i32) -> Option<String> {
    let (mut months, mut days) = (0.0, 0.0);
    for &(n, unit) in parts {
        match unit {
            Unit::Century => months += 1200.0 * n,
            Unit::Decade => months += 120.0 * n,
            Unit::Year => months += 12.0 * n,
            Unit::Quarter => months += 3.0 * n,
            Unit::Month => months += n,
            Unit::Week => days += 7.0 * n,
            Unit::Day => days += n,
            Unit::Hour | Unit::Minute | Unit::Second => return None,
        }
    }
    if months.fract() != 0.0 || days.fract() != 0.0 {
        return None;
    }
    let (months, days) = (sign * months as i32, sign * days as i32);
    if days != 0 {
        // Spans out of jiff's range ("9999 centuries and a day") are no date, not a panic.
        let span = jiff::Span::new()
            .try_months(months)
            .and_then(|s| s.try_days(days))
            .ok()?;
        return Some(r.date()?.checked_add(span).ok()?.to_string());
    }
    if months % 12 != 0 {
        let (y, m) = add_months(r.y, r.m?, months);
        return Some(format!("{y:04}-{m:02}"));
    }
    Some(format!("{:04}", r.y + months / 12))
}

fn duration_code(unit: Unit) -> (f64, &'static str, bool) {
    match unit {
        Unit::Second => (1.0, "S", true),
        Unit::Minute => (1.0, "M", true),
        Unit::Hour => (1.0, "H", true),
        Unit::Day => (1.0, "D", false),
        Unit::Week => (1.0, "W", false),
        Unit::Month => (1.0, "M", false),
        Unit::Quarter => (3.0, "M", false),
        Unit::Year => (1.0, "Y", false),
        Unit::Decade => (10.0, "Y", false),
        Unit::Century => (100.0, "Y", false),
    }
}

fn amount(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn duration_value(n: f64, unit: Unit) -> String {
    let (k, code, time) = duration_code(unit);
    let n = n * k;
    // Half units become the next smaller unit: half a year is P6M, half an hour PT30M.
    let (n, code) = match code {
        "Y" if n.fract() != 0.0 => (n * 12.0, "M"),
        "H" if time && n.fract() != 0.0 => (n * 60.0, "M"),
        "D" if n.fract() != 0.0 => return format!("PT{}H", amount(n * 24.0)),
        _ => (n, code),
    };
    if time {
        format!("PT{}{code}", amount(n))
    } else {
        format!("P{}{code}", amount(n))
    }
}

/// `P1Y1M21D`, `PT1H30M`.
fn duration_parts(parts: &[(f64, Unit)]) -> String {
    let mut date = String::new();
    let mut time = String::new();
    for &(n, unit) in parts {
        let (k, code, is_time) = duration_code(unit);
        let piece = format!("{}{code}", amount(n * k));
        if is_time {
            time.push_str(&piece)
        } else {
            date.push_str(&piece)
        }
    }
    if time.is_empty() {
        format!("P{date}")
    } else {
        format!("P{date}T{time}")
    }
}

/// Resolves a meaning.
pub fn resolve(sem: &Sem, ctx: &Ctx) -> Option<Resolved> {
    let r = ctx.reference;
    match sem {
        Sem::Num(_) => None,
        Sem::Date { y, m, d } => {
            let value = match (y, m, d) {
                (Some(y), None, _) => format!("{y:04}"),
                (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
                (Some(y), Some(m), Some(d)) => {
                    Date::new(*y as i16, *m as i8, *d as i8).ok()?;
                    format!("{y:04}-{m:02}-{d:02}")
                }
                (None, Some(m), d) => {
                    let y = match r {
                        Some(r) => year_for(r, *m, *d, ctx.future),
                        None => {
                            return date_kind(match d {
                                Some(d) => format!("XXXX-{m:02}-{d:02}"),
                                None => format!("XXXX-{m:02}"),
                            });
                        }
                    };
                    match d {
                        Some(d) => {
                            // "February 29" is the nearest one that exists, in the
                            // direction of the reading.
                            let step = if ctx.future { 1 } else { -1 };
                            let y = (0..8)
                                .map(|k| y + k * step)
                                .find(|&y| Date::new(y as i16, *m as i8, *d as i8).is_ok())?;
                            format!("{y:04}-{m:02}-{d:02}")
                        }
                        None => format!("{y:04}-{m:02}"),
                    }
                }
                (None, None, Some(d)) => {
                    // "on the 27th": this month's, or the next (previous) month's when the
                    // day has passed (is still to come) and the reading is future (past).
                    let (Some(rm), Some(rd)) = (r.and_then(|r| r.m), r.and_then(|r| r.d)) else {
                        return date_kind(format!("XXXX-XX-{d:02}"));
                    };
                    let y = r.map_or(0, |r| r.y);
                    let step = if ctx.future { 1 } else { -1 };
                    let first = match (ctx.future, *d >= rd, *d <= rd) {
                        (true, true, _) | (false, _, true) => 0,
                        _ => step,
                    };
                    let (y, m) = (0..3)
                        .map(|k| add_months(y, rm, first + k * step))
                        .find(|&(y, m)| Date::new(y as i16, m as i8, *d as i8).is_ok())?;
                    format!("{y:04}-{m:02}-{d:02}")
                }
                (None, None, None) => return None,
            };
            date_kind(value)
        }
        Sem::Decade(d) => date_kind(format!("{d:03}")),
        Sem::DecadeOfCentury(t) => {
            let t = i32::from(*t);
            // This century's, unless it has not begun yet; the last century's without a
            // reference.
            let century = match r {
                Some(r) if (r.y / 100) * 100 + t * 10 <= r.y => r.y / 100,
                Some(r) => r.y / 100 - 1,
                None => 19,
            };
            date_kind(format!("{:03}", century * 10 + t))
        }
        Sem::Century(c) => date_kind(format!("{c:02}")),
        Sem::Shift(parts, sign, anchored) => {
            let base = if *anchored { ctx.anchor.or(r) } else { r };
            let Some(base) = base else {
                return date_kind(unknown_ref(*sign));
            };
            date_kind(shifted(base, parts, *sign)?)
        }
        Sem::ShiftFrom(parts, sign, day) => {
            let base = resolve(day, ctx)?;
            if base.value.len() != 10 {
                return None;
            }
            date_kind(shifted(RefDate::parse(&base.value)?, parts, *sign)?)
        }
        Sem::DayOf(d, month) => {
            let m = resolve(month, ctx)?.value;
            let day = format!("{m}-{d:02}");
            (m.len() == 7 && day.parse::<Date>().is_ok()).then(|| date_kind(day))?
        }
        Sem::WeekdayOf(wd, week) => {
            let w = resolve(week, ctx)?;
            // `2016-W46` → its Monday, then the weekday.
            let (y, n) = w.value.split_once("-W")?;
            let monday = jiff::civil::ISOWeekDate::new(
                y.parse().ok()?,
                n.parse().ok()?,
                Weekday::from_monday_one_offset(*wd as i8).ok()?,
            )
            .ok()?;
            date_kind(monday.date().to_string())
        }
        Sem::Weekend(dir) => {
            let Some(today) = r.and_then(RefDate::date) else {
                return date_kind("XXXX-WXX-WE".into());
            };
            let in_weekend = today.weekday().to_monday_one_offset() >= 6;
            let weeks = match dir {
                Some(n) => *n,
                None if in_weekend || ctx.future => 0,
                None => -1,
            };
            let d = today.checked_add((7 * weeks).days()).ok()?;
            let w = d.iso_week_date();
            date_kind(format!("{:04}-W{:02}-WE", w.year(), w.week()))
        }
        Sem::NthWeekday(n, wd, month) => {
            let m = resolve(month, ctx)?;
            let first: Date = format!("{}-01", m.value).parse().ok()?;
            if m.value.len() != 7 {
                return None;
            }
            let target = Weekday::from_monday_one_offset(*wd as i8).ok()?;
            date_kind(first.nth_weekday_of_month(*n, target).ok()?.to_string())
        }
        Sem::WeekOf(day) => {
            let v = resolve(day, ctx)?.value;
            match v.parse::<Date>() {
                Ok(date) => {
                    let w = date.iso_week_date();
                    date_kind(format!("{:04}-W{:02}", w.year(), w.week()))
                }
                // A day whose year or month is not known keeps its value.
                Err(_) if v.len() == 10 && v.starts_with('X') => date_kind(v),
                Err(_) => None,
            }
        }
        Sem::NthWeek(n, within) => {
            let v = resolve(within, ctx)?.value;
            // The weeks whose Thursday falls in the month or year.
            let (first, last): (Date, Date) = match v.len() {
                4 => (
                    format!("{v}-01-01").parse().ok()?,
                    format!("{v}-12-31").parse().ok()?,
                ),
                7 => {
                    let f: Date = format!("{v}-01").parse().ok()?;
                    (f, f.last_of_month())
                }
                _ => return None,
            };
            // (A year's first Thursday is January's, its last December's.)
            let first_thu = first.nth_weekday_of_month(1, Weekday::Thursday).ok()?;
            let last_thu = last.nth_weekday_of_month(-1, Weekday::Thursday).ok()?;
            let thu = match *n {
                -1 => last_thu,
                k @ 1..=53 => first_thu.checked_add((7 * (k as i64 - 1)).days()).ok()?,
                _ => return None,
            };
            if thu > last_thu {
                return None;
            }
            let w = thu.iso_week_date();
            date_kind(format!("{:04}-W{:02}", w.year(), w.week()))
        }
        Sem::MonthNear(m, dir) => {
            let Some(r) = r else {
                return date_kind(format!("XXXX-{m:02}"));
            };
            let rm = r.m.unwrap_or(6);
            let y = match dir {
                0 => r.y,
                n if *n < 0 => {
                    if *m < rm {
                        r.y
                    } else {
                        r.y - 1
                    }
                }
                _ => {
                    if *m > rm {
                        r.y
                    } else {
                        r.y + 1
                    }
                }
            };
            date_kind(format!("{y:04}-{m:02}"))
        }
        Sem::InUnits(unit, n) => {
            let sem = if ctx.future {
                Sem::Rel(*unit, *n)
            } else {
                Sem::Dur {
                    n: f64::from(*n),
                    unit: *unit,
                    max: None,
                }
            };
            resolve(&sem, ctx)
        }
        Sem::Rel(unit, n) => date_kind(match r {
            Some(r) => rel_value(r, *unit, *n),
            None => unknown_ref(*n),
        }),
        Sem::Anchored(unit, n) => date_kind(match ctx.anchor.or(r) {
            Some(a) => rel_value(a, *unit, *n),
            None => unknown_ref(*n),
        }),
        Sem::Part(base, part) => {
            let base = resolve(base, ctx)?;
            let year = base
                .value
                .get(..4)
                .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
            let code = match part {
                Part::Quarter(q) => format!("Q{q}"),
                Part::Half(h) => format!("H{h}"),
                Part::Season(s) => SEASON_CODES[*s as usize % 4].to_string(),
                Part::Month(m) => format!("{m:02}"),
            };
            date_kind(format!("{year}-{code}"))
        }
        Sem::PartNear(part, ahead) => {
            let (first, last) = match *part {
                Part::Quarter(q @ 1..=4) => (3 * q - 2, 3 * q),
                Part::Half(h @ 1..=2) => (6 * h - 5, 6 * h),
                _ => return None,
            };
            let year = match r {
                Some(RefDate { y, m: Some(rm), .. }) if !ctx.future && first > rm => {
                    Sem::year(y - 1)
                }
                Some(RefDate { y, m: Some(rm), .. }) if *ahead && ctx.future && last < rm => {
                    Sem::year(y + 1)
                }
                _ => Sem::Rel(Unit::Year, 0),
            };
            resolve(&Sem::Part(Box::new(year), *part), ctx)
        }
        Sem::Season(s, dir) => {
            let Some(r) = r else {
                return date_kind(format!("XXXX-{}", SEASON_CODES[*s as usize % 4]));
            };
            let start = season_start_month(*s);
            let now = (r.y, r.m.unwrap_or(6));
            // The season of year y runs three months from its start (winter into the
            // next year).
            let begins = |y: i32| (y, start);
            let ends = |y: i32| add_months(y, start, 3);
            let current = (r.y - 1..=r.y).find(|&y| begins(y) <= now && now < ends(y));
            let last = (r.y - 2..=r.y)
                .rev()
                .find(|&y| ends(y) <= now)
                .unwrap_or(r.y - 1);
            let next = (r.y..=r.y + 2)
                .find(|&y| begins(y) > now)
                .unwrap_or(r.y + 1);
            let y = match dir {
                Some(0) => r.y,
                Some(n) if *n < 0 => last,
                Some(_) => next,
                None => current.unwrap_or(if ctx.future { next } else { last }),
            };
            date_kind(format!("{y:04}-{}", SEASON_CODES[*s as usize % 4]))
        }
        Sem::Weekday(wd, dir) => {
            let Some(today) = r.and_then(RefDate::date) else {
                return date_kind(match dir.unwrap_or(0) {
                    n if n < 0 => "PAST_REF".into(),
                    n if n > 0 => "FUTURE_REF".into(),
                    _ => "XXXX-XX-XX".into(),
                });
            };
            let target = Weekday::from_monday_one_offset(*wd as i8).ok()?;
            let back = (today.weekday().to_monday_one_offset() - target.to_monday_one_offset())
                .rem_euclid(7);
            let fwd = (target.to_monday_one_offset() - today.weekday().to_monday_one_offset())
                .rem_euclid(7);
            let day = match dir {
                Some(n) if *n < 0 => today
                    .checked_sub((if back == 0 { 7 } else { back } as i32).days())
                    .ok()?,
                // "next Sunday" is that day of next week: this week's is plain "Sunday".
                Some(n) if *n > 0 => today
                    .checked_add(
                        i32::from(
                            7 - today.weekday().to_monday_one_offset()
                                + target.to_monday_one_offset(),
                        )
                        .days(),
                    )
                    .ok()?,
                _ if ctx.future => today.checked_add((fwd as i32).days()).ok()?,
                _ => today.checked_sub((back as i32).days()).ok()?,
            };
            date_kind(day.to_string())
        }
        Sem::Dur { n, unit, max } => {
            let mut value = duration_value(*n, *unit);
            if let Some((mn, mu)) = max {
                value = format!("{value}/{}", duration_value(*mn, *mu));
            }
            Some(Resolved {
                kind: "DURATION",
                value,
                modifier: None,
            })
        }
        Sem::DurParts(parts) => Some(Resolved {
            kind: "DURATION",
            value: duration_parts(parts),
            modifier: None,
        }),
        Sem::DurVague(unit) => Some(Resolved {
            kind: "DURATION",
            value: match unit {
                Unit::Second | Unit::Minute | Unit::Hour => "PTXH",
                Unit::Day => "PXD",
                Unit::Week => "PXW",
                Unit::Month | Unit::Quarter => "PXM",
                Unit::Year | Unit::Decade | Unit::Century => "PXY",
            }
            .to_string(),
            modifier: None,
        }),
        Sem::Clock { day, h, min } => {
            let date = match day {
                Some(day) => resolve(day, ctx)?.value,
                None => match r.and_then(RefDate::date) {
                    Some(d) => d.to_string(),
                    None => "XXXX-XX-XX".into(),
                },
            };
            if date.len() != 10 {
                return None;
            }
            Some(Resolved {
                kind: "TIME",
                value: format!("{date}T{h:02}:{min:02}"),
                modifier: None,
            })
        }
        Sem::TimeOfDay(day, part) => {
            let d = resolve(day, ctx)?;
            let value = if d.value.len() == 10 {
                format!("{}T{part}", d.value)
            } else {
                d.value
            };
            Some(Resolved {
                kind: "TIME",
                value,
                modifier: None,
            })
        }
        Sem::Set(unit) => Some(Resolved {
            kind: "SET",
            value: duration_value(1.0, *unit),
            modifier: None,
        }),
        Sem::SetEvery(n, unit) => Some(Resolved {
            kind: "SET",
            value: duration_value(*n, *unit),
            modifier: None,
        }),
        Sem::Ref(kind) => date_kind(
            match kind {
                RefKind::Present => "PRESENT_REF",
                RefKind::Past => "PAST_REF",
                RefKind::Future => "FUTURE_REF",
            }
            .to_string(),
        ),
        Sem::Mod(inner, m) => {
            let mut res = resolve(inner, ctx)?;
            res.modifier = Some(*m);
            Some(res)
        }
    }
}

/// The year of a month (and day) written without one: the last such date on or before
/// the reference in a sentence about the past, the next one on or after it otherwise.
fn year_for(r: RefDate, m: u8, d: Option<u8>, future: bool) -> i32 {
    let Some(rm) = r.m else {
        return r.y;
    };
    let here = (rm, r.d.unwrap_or(if future { 1 } else { 31 }));
    let there = (m, d.unwrap_or(if future { 31 } else { 1 }));
    if future {
        if there >= here { r.y } else { r.y + 1 }
    } else if there <= here {
        r.y
    } else {
        r.y - 1
    }
}

/// The date a resolved value stands for, as a reference for what follows it.
pub fn as_anchor(value: &str) -> Option<RefDate> {
    RefDate::parse(value).filter(|_| value.len() == 4 || value.len() == 7 || value.len() == 10)
}

/// A reference date `n` units before or after `r`, at `r`'s precision.
pub fn shift(r: RefDate, unit: Unit, n: i32) -> RefDate {
    match (unit, r.date()) {
        (Unit::Day, Some(d)) => d.checked_add(n.days()).map(RefDate::from_date).unwrap_or(r),
        (Unit::Month, _) if r.m.is_some() => {
            let (y, m) = add_months(r.y, r.m.unwrap_or(1), n);
            RefDate {
                y,
                m: Some(m),
                d: None,
            }
        }
        (Unit::Year, _) => RefDate { y: r.y + n, ..r },
        _ => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(r: &str, future: bool) -> Ctx {
        Ctx {
            reference: RefDate::parse(r),
            anchor: None,
            future,
        }
    }

    fn value(sem: Sem, r: &str, future: bool) -> String {
        resolve(&sem, &ctx(r, future)).unwrap().value
    }

    #[test]
    fn resolve_months_by_tense() {
        let may = Sem::Date {
            y: None,
            m: Some(5),
            d: None,
        };
        assert_eq!(value(may.clone(), "2025-07-04", false), "2025-05");
        assert_eq!(value(may.clone(), "2025-07-04", true), "2026-05");
        assert_eq!(value(may, "2025-03-04", false), "2024-05");
        let may27 = Sem::Date {
            y: None,
            m: Some(5),
            d: Some(27),
        };
        assert_eq!(value(may27, "2022-06-18", false), "2022-05-27");
    }

    #[test]
    fn resolve_relative_points() {
        assert_eq!(value(Sem::Rel(Unit::Year, 1), "2018-04-13", false), "2019");
        // A shift beyond the calendar's range is no value (and no panic).
        let far = Sem::Shift(vec![(9999.0, Unit::Century), (1.0, Unit::Day)], -1, false);
        assert!(resolve(&far, &ctx("2018-04-13", false)).is_none());
        assert_eq!(
            value(Sem::Rel(Unit::Month, -1), "2010-08-09", false),
            "2010-07"
        );
        assert_eq!(
            value(Sem::Rel(Unit::Week, 0), "2006-03-29", false),
            "2006-W13"
        );
        assert_eq!(
            value(Sem::Rel(Unit::Quarter, -1), "2007-01-18", false),
            "2006-Q4"
        );
        assert_eq!(
            value(Sem::Rel(Unit::Day, -1), "2010-06-08", false),
            "2010-06-07"
        );
        assert_eq!(value(Sem::Rel(Unit::Year, -1), "", false), "PAST_REF");
    }

    #[test]
    fn resolve_weekdays_and_seasons() {
        // 2013-10-23 was a Wednesday.
        assert_eq!(
            value(Sem::Weekday(3, None), "2013-10-23", false),
            "2013-10-23"
        );
        assert_eq!(
            value(Sem::Weekday(1, None), "2013-10-23", false),
            "2013-10-21"
        );
        assert_eq!(
            value(Sem::Weekday(1, None), "2013-10-23", true),
            "2013-10-28"
        );
        assert_eq!(
            value(Sem::Weekday(3, Some(-1)), "2013-10-23", false),
            "2013-10-16"
        );
        assert_eq!(
            value(Sem::Season(0, Some(-1)), "2013-10-23", false),
            "2013-SP"
        );
        assert_eq!(
            value(Sem::Season(0, Some(-1)), "2013-04-10", false),
            "2012-SP"
        );
        assert_eq!(
            value(Sem::Season(0, Some(1)), "2013-10-23", false),
            "2014-SP"
        );
        assert_eq!(
            value(Sem::Season(3, Some(0)), "2013-10-23", false),
            "2013-WI"
        );
    }

    #[test]
    fn resolve_durations() {
        let d = |n, unit, max| value(Sem::Dur { n, unit, max }, "2020", false);
        assert_eq!(d(18.0, Unit::Month, None), "P18M");
        assert_eq!(d(1.0, Unit::Year, Some((18.0, Unit::Month))), "P1Y/P18M");
        assert_eq!(d(2.0, Unit::Decade, None), "P20Y");
        assert_eq!(d(1.0, Unit::Hour, None), "PT1H");
        assert_eq!(d(0.5, Unit::Year, None), "P6M");
    }
}
