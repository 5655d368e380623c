//! What a time expression means before it is resolved: calendar fields where the text
//! gives them, offsets where it gives those, and modifiers. Resolution (`resolve.rs`)
//! turns a meaning into a TIMEX3 value against a reference date.

use crate::lex::Unit;

/// A TIMEX3 modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mod {
    /// The beginning of a period: `early 2019`.
    Start,
    /// Its middle: `mid-2020`.
    Mid,
    /// Its end: `late 2019`, `the end of 2019`.
    End,
    /// About: `nearly two decades`.
    Approx,
    /// `less than`.
    LessThan,
    /// `more than`, `over`.
    MoreThan,
    /// `up to`, `at most`.
    EqualOrLess,
    /// `at least`.
    EqualOrMore,
    /// After a point: `more than two weeks after today`.
    After,
    /// Before a point: `more than two days before yesterday`.
    Before,
}

impl Mod {
    /// TIMEX3's name of the modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
            Mod::LessThan => "LESS_THAN",
            Mod::MoreThan => "MORE_THAN",
            Mod::EqualOrLess => "EQUAL_OR_LESS",
            Mod::EqualOrMore => "EQUAL_OR_MORE",
            Mod::After => "AFTER",
            Mod::Before => "BEFORE",
        }
    }
}

/// A part of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Quarter 1–4.
    Quarter(u8),
    /// Half 1–2.
    Half(u8),
    /// Season: 0 spring, 1 summer, 2 autumn, 3 winter.
    Season(u8),
    /// Month 1–12 (of a year given relatively: `June next year`).
    Month(u8),
}

/// A reference to the present, past or future without a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// `now`, `currently`.
    Present,
    /// `recently`, `in recent years`.
    Past,
    /// `soon`, `eventually`, `as soon as possible`.
    Future,
}

/// The meaning of a time expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// A number (an intermediate node, never output).
    Num(f64),
    /// Calendar fields as written: `2019`, `December 2016`, `May 27`, `2022-05-27`.
    Date {
        /// The year, when written.
        y: Option<i32>,
        /// The month.
        m: Option<u8>,
        /// The day.
        d: Option<u8>,
    },
    /// A decade: `the 1990s` → 199.
    Decade(i32),
    /// A decade named without its century: `the '70s`, `the seventies` (tens digit 7),
    /// the latest one that is not after the reference.
    DecadeOfCentury(u8),
    /// A century by its ordinal: `the 21st century` → 20.
    Century(i32),
    /// A weekend: `this weekend` (0), `last weekend` (-1), `next weekend` (1), `over the
    /// weekend` (by tense: None).
    Weekend(Option<i32>),
    /// The `n`th weekday of a month (`n` -1 for the last): `the first Friday of July`.
    NthWeekday(i8, u8, Box<Sem>),
    /// The `n`th week of a month or year (`n` -1 for the last): `the first week of
    /// October`, `the third week of 2027`. A month's weeks are the ISO weeks whose
    /// Thursday is in it, as a year's are.
    NthWeek(i8, Box<Sem>),
    /// A day of a month the text points at: `4` in `from 4 to 22 this month`.
    DayOf(u8, Box<Sem>),
    /// The ISO week of a day: `the week of March 16`.
    WeekOf(Box<Sem>),
    /// A point a duration of several parts, or of a fraction of a unit, before (-1) or
    /// after (1) the reference (`false`) or the last date the text gave (`true`): `1 month
    /// and 21 days ago`, `a year and a half ago`.
    Shift(Vec<(f64, Unit)>, i32, bool),
    /// A point a duration before (-1) or after (1) a day the text gives: `two days after
    /// today`, `three weeks from tomorrow`.
    ShiftFrom(Vec<(f64, Unit)>, i32, Box<Sem>),
    /// A weekday in a week the text gives: `Tuesday next week`, `next week on Friday`.
    WeekdayOf(u8, Box<Sem>),
    /// `in three years`: the point that many units after the reference when the text
    /// speaks of the future, else the stretch of time ("four versions released in 5
    /// years").
    InUnits(Unit, i32),
    /// A point `n` units from the reference: `next year` (Year, 1), `yesterday` (Day, -1),
    /// `two years ago` (Year, -2), `this week` (Week, 0).
    Rel(Unit, i32),
    /// A point `n` units from the last date the text gave: `the following year`.
    Anchored(Unit, i32),
    /// A part of a year: `the second half of 2022`, `Q3 2021`, `spring 2012`.
    Part(Box<Sem>, Part),
    /// A quarter or half of the year near the reference, by tense: this year's, or last
    /// year's when the text speaks of the past and this year's has not begun ("took a
    /// charge in the fourth quarter", said in February), or (if the flag is set) next
    /// year's when it speaks of the future and this year's is over ("will open in the
    /// first quarter", said in October; not "its third-quarter report later this
    /// month", a report on the quarter just over).
    PartNear(Part, bool),
    /// A season near the reference: `last spring` (-1), `next winter` (1), `this summer`
    /// (0), or by tense (None).
    Season(u8, Option<i32>),
    /// A month near the reference: `this past September` (-1: the last one before this
    /// month; `last September` is last year's), `next June` (1), `this September` (0:
    /// this year's).
    MonthNear(u8, i32),
    /// A weekday near the reference: `last Friday` (-1), `Wednesday` (by tense).
    Weekday(u8, Option<i32>),
    /// A duration, or a range of durations: `18 months`, `a year to 18 months`.
    Dur {
        /// Its amount.
        n: f64,
        /// Its unit.
        unit: Unit,
        /// The upper end of a range.
        max: Option<(f64, Unit)>,
    },
    /// A duration of several parts: `1 year 1 month 21 days`, largest unit first.
    DurParts(Vec<(f64, Unit)>),
    /// A duration of unknown length in a unit: `decades-long`, `for years`.
    DurVague(Unit),
    /// A recurring period: `annually`, `per day`.
    Set(Unit),
    /// A recurrence every so many units: `every two years`.
    SetEvery(f64, Unit),
    /// The present, past or future.
    Ref(RefKind),
    /// A meaning with a modifier.
    Mod(Box<Sem>, Mod),
    /// A part of a day: `Friday morning` (TIMEX3 `MO`, `AF`, `EV`, `NI`).
    TimeOfDay(Box<Sem>, &'static str),
    /// A time on the clock, on a day the text gives or (None) the reference's:
    /// `2:46 p.m.`, `10 a.m. Tuesday`, `midnight Friday` (hour 24).
    Clock {
        /// The day, when written.
        day: Option<Box<Sem>>,
        /// Hour, 0–24.
        h: u8,
        /// Minute.
        min: u8,
    },
}

impl Sem {
    /// A year.
    pub fn year(y: i32) -> Sem {
        Sem::Date {
            y: Some(y),
            m: None,
            d: None,
        }
    }

    /// Whether it names a point or period of the calendar (not a duration or set).
    pub fn is_point(&self) -> bool {
        match self {
            Sem::Date { .. }
            | Sem::Decade(_)
            | Sem::DecadeOfCentury(_)
            | Sem::Century(_)
            | Sem::Weekend(_)
            | Sem::NthWeekday(..)
            | Sem::NthWeek(..)
            | Sem::WeekOf(..)
            | Sem::DayOf(..)
            | Sem::Shift(..)
            | Sem::ShiftFrom(..)
            | Sem::WeekdayOf(..)
            | Sem::Rel(..)
            | Sem::InUnits(..)
            | Sem::Anchored(..)
            | Sem::Part(..)
            | Sem::PartNear(..)
            | Sem::Season(..)
            | Sem::Weekday(..)
            | Sem::MonthNear(..) => true,
            Sem::Mod(inner, _) => inner.is_point(),
            _ => false,
        }
    }

    /// Whether it is a year: written or relative.
    pub fn is_year(&self) -> bool {
        matches!(
            self,
            Sem::Date {
                y: Some(_),
                m: None,
                d: None
            } | Sem::Rel(Unit::Year, _)
                | Sem::Anchored(Unit::Year, _)
        )
    }

    /// Whether it is a duration.
    pub fn is_duration(&self) -> bool {
        match self {
            Sem::Dur { .. } | Sem::DurVague(_) | Sem::DurParts(_) => true,
            Sem::Mod(inner, _) => inner.is_duration(),
            _ => false,
        }
    }
}
