//! The time grammar's tokens: a finer cut than the document's tokens (`mid-2020` is
//! `mid`, `-`, `2020`; `17-year` is `17`, `-`, `year`), each with what the lexicon knows
//! of it. Months, weekdays, number words and units are general English.

use std::collections::HashMap;
use std::sync::LazyLock;

use overdue_text::Span;
use overdue_text::words::CARDINALS;

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
}

/// What the lexicon says a token is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lex {
    /// A month name, 1–12.
    Month(u8),
    /// A weekday, 1 (Monday) – 7.
    Weekday(u8),
    /// A number in digits or words.
    Num(f64),
    /// An ordinal: `third`, `3rd`.
    Ord(u32),
    /// A calendar unit, singular or plural.
    Unit(Unit),
    /// A season: 0 spring, 1 summer, 2 autumn, 3 winter.
    Season(u8),
    /// Any other word or mark.
    Other,
}

/// One token of the time grammar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tok<'a> {
    /// Where it is in the document.
    pub span: Span,
    /// Its text.
    pub text: &'a str,
    /// What the lexicon says.
    pub lex: Lex,
    /// Whether space separates it from the previous token.
    pub space_before: bool,
    /// Its number in the grammar's vocabulary, if the grammar uses the word.
    pub word: Option<u16>,
}

impl Tok<'_> {
    /// Whether the token is `word`, ignoring ASCII case.
    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }

    /// Whether the token is one of `words`, ignoring ASCII case.
    pub fn is_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.text.eq_ignore_ascii_case(w))
    }

    /// The number it stands for, if it is one.
    pub fn num(&self) -> Option<f64> {
        match self.lex {
            Lex::Num(n) => Some(n),
            _ => None,
        }
    }

    /// The integer its digits spell, if it is digits only.
    pub fn digits(&self) -> Option<u32> {
        if self.text.len() <= 9
            && !self.text.is_empty()
            && self.text.bytes().all(|b| b.is_ascii_digit())
        {
            self.text.parse().ok()
        } else {
            None
        }
    }
}

const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, u8)] = &[
    ("monday", 1),
    ("mon", 1),
    ("tuesday", 2),
    ("tue", 2),
    ("tues", 2),
    ("wednesday", 3),
    ("wed", 3),
    ("thursday", 4),
    ("thu", 4),
    ("thur", 4),
    ("thurs", 4),
    ("friday", 5),
    ("fri", 5),
    ("saturday", 6),
    ("sat", 6),
    ("sunday", 7),
    ("sun", 7),
];

/// Number words beyond the shared cardinals (`overdue_text::words::CARDINALS`).
const NUMBERS: &[(&str, f64)] = &[
    ("hundred", 100.0),
    ("dozen", 12.0),
    ("a", 1.0),
    ("an", 1.0),
    ("half", 0.5),
];

const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("last", 0),
];

const UNITS: &[(&str, Unit)] = &[
    ("seconds", Unit::Second),
    ("sec", Unit::Second),
    ("secs", Unit::Second),
    ("minute", Unit::Minute),
    ("minutes", Unit::Minute),
    ("min", Unit::Minute),
    ("mins", Unit::Minute),
    ("h", Unit::Hour),
    ("hr", Unit::Hour),
    ("hrs", Unit::Hour),
    ("wk", Unit::Week),
    ("wks", Unit::Week),
    ("hour", Unit::Hour),
    ("hours", Unit::Hour),
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("quarter", Unit::Quarter),
    ("quarters", Unit::Quarter),
    ("year", Unit::Year),
    ("years", Unit::Year),
    ("yr", Unit::Year),
    ("yrs", Unit::Year),
    ("decade", Unit::Decade),
    ("decades", Unit::Decade),
    ("century", Unit::Century),
    ("centuries", Unit::Century),
];

const SEASONS: &[(&str, u8)] = &[
    ("spring", 0),
    ("summer", 1),
    ("autumn", 2),
    ("fall", 2),
    ("winter", 3),
];

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    if word.len() > 10 {
        return None;
    }
    table
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, v)| v)
}

/// Every word of the lexicon (months, weekdays, numbers, ordinals, units, seasons), for
/// a quick look at whether a sentence can hold a time expression at all.
pub fn lexicon_words() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    out.extend(MONTHS.iter().map(|(w, _)| *w));
    out.extend(WEEKDAYS.iter().map(|(w, _)| *w));
    out.extend(
        CARDINALS
            .iter()
            .chain(NUMBERS)
            .map(|(w, _)| *w)
            .filter(|w| w.len() > 2),
    );
    out.extend(ORDINALS.iter().map(|(w, _)| *w));
    out.extend(UNITS.iter().map(|(w, _)| *w));
    out.extend(SEASONS.iter().map(|(w, _)| *w));
    out
}

/// What the tokenizer knows of a word: its lexicon class with whether it must be
/// capitalised, and its number in a grammar's vocabulary.
type Entry = (Option<(Lex, bool)>, Option<u16>);

/// The words the tokenizer knows, lower case: what the lexicon says of each (and
/// whether it must be capitalised to count: month and weekday names, "may" is a verb),
/// and its number in a grammar's vocabulary. One lookup per token gives both.
#[derive(Debug, Clone, Default)]
pub struct Words {
    map: HashMap<u128, Entry, rustc_hash::FxBuildHasher>,
}

/// A word of at most sixteen ASCII bytes, lower-cased and zero-padded, as one number: a
/// key that hashes and compares in a few instructions.
fn key(word: &[u8]) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let mut k = 0u128;
    for (i, &b) in word.iter().enumerate() {
        if b >= 0x80 {
            return None;
        }
        k |= u128::from(b.to_ascii_lowercase()) << (8 * i);
    }
    Some(k)
}

impl Words {
    /// The general English lexicon: months, weekdays, numbers, ordinals, units, seasons.
    pub fn lexicon() -> Words {
        let mut w = Words::default();
        // Later tables win: "march" is a month when capitalised, "second" an ordinal.
        let mut put = |word: &str, lex: Lex, capital: bool| {
            if let Some(k) = key(word.as_bytes()) {
                w.map.entry(k).or_insert((None, None)).0 = Some((lex, capital));
            }
        };
        for &(x, v) in SEASONS {
            put(x, Lex::Season(v), false);
        }
        for &(x, v) in ORDINALS {
            put(x, Lex::Ord(v), false);
        }
        for &(x, v) in CARDINALS.iter().chain(NUMBERS) {
            put(x, Lex::Num(v), false);
        }
        for &(x, v) in UNITS {
            put(x, Lex::Unit(v), false);
        }
        // Names must be capitalised, but for the full names that are no other English
        // word ("july", "monday" in lower-case text; not "march", "may", "august", nor
        // abbreviations such as "sun" or "dec").
        let capital = |x: &str| x.len() <= 3 || matches!(x, "march" | "august");
        for &(x, v) in WEEKDAYS {
            put(x, Lex::Weekday(v), capital(x) || x.len() <= 5);
        }
        for &(x, v) in MONTHS {
            put(x, Lex::Month(v), capital(x));
        }
        w
    }

    /// Gives `word` (lower case) the vocabulary number `id`.
    pub fn set_id(&mut self, word: &str, id: u16) {
        if let Some(k) = key(word.as_bytes()) {
            self.map.entry(k).or_insert((None, None)).1 = Some(id);
        }
    }

    /// The vocabulary number of `word`, if it has one.
    pub fn id(&self, word: &str) -> Option<u16> {
        self.map.get(&key(word.as_bytes())?).and_then(|e| e.1)
    }

    fn get(&self, word: &str) -> Option<&Entry> {
        self.map.get(&key(word.as_bytes())?)
    }
}

static LEXICON: LazyLock<Words> = LazyLock::new(Words::lexicon);

/// Digits with thousands separators or a decimal point, as a number.
fn parse_number(digits: &str) -> Option<f64> {
    if digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
        // Whole numbers, most of them: no float parsing.
        return Some(
            digits
                .bytes()
                .fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64,
        );
    }
    if !digits.contains(',') {
        return digits.parse().ok();
    }
    let mut n = 0.0f64;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => n = n * 10.0 + f64::from(b - b'0'),
            b',' => {}
            _ => return None,
        }
    }
    Some(n)
}

fn classify(text: &str, words: &Words) -> (Lex, Option<u16>) {
    let b = text.as_bytes();
    if b.is_empty() {
        return (Lex::Other, None);
    }
    if b[0].is_ascii_digit() {
        // 25,000 / 7.62 / 3rd / 1990s
        let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &text[digits.len()..];
        if suffix.is_empty() {
            return (
                parse_number(digits).map(Lex::Num).unwrap_or(Lex::Other),
                None,
            );
        }
        if ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(suffix))
        {
            return (digits.parse().map(Lex::Ord).unwrap_or(Lex::Other), None);
        }
        return (Lex::Other, None);
    }
    let word = if b[0].is_ascii_alphabetic() {
        // Trailing full stops ("Dec."), byte by byte.
        let dots = b.iter().rev().take_while(|&&c| c == b'.').count();
        &text[..b.len() - dots]
    } else {
        text
    };
    match words.get(word) {
        Some(&(lex, id)) => {
            let lex = match lex {
                Some((lex, capital)) if !capital || b[0].is_ascii_uppercase() => lex,
                // "march" and "may" in lower case: not months.
                _ => Lex::Other,
            };
            (lex, id)
        }
        None => (Lex::Other, None),
    }
}

/// The lexicon's reading of one word, without a grammar.
pub fn lexicon_class(text: &str) -> Lex {
    classify(text, &LEXICON).0
}

/// Cuts the text of `span` into time-grammar tokens.
pub fn tokenize<'a>(text: &'a str, span: Span, words: &Words) -> Vec<Tok<'a>> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    tokenize_into(text, span, words, &mut out);
    out
}

/// As [`tokenize`], into `out` (cleared first), so that its buffer serves every sentence.
pub fn tokenize_into<'a>(text: &'a str, span: Span, words: &Words, out: &mut Vec<Tok<'a>>) {
    out.clear();
    let s = &text[span];
    let base = span.start();
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut space = true;
    // Inside a run of numbers cut at their full stops (`13.5.2015`), until a space.
    let mut dotted = false;
    let (mut word_ordinal, mut lower_abbreviation) = (false, false);
    while i < bytes.len() {
        let c = if bytes[i] < 0x80 {
            bytes[i] as char
        } else {
            s[i..].chars().next().unwrap_or(' ')
        };
        if c.is_whitespace() {
            space = true;
            dotted = false;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            // Digits with inner thousands separators or a decimal point, then letters.
            i += 1;
            while i < bytes.len() {
                let b = bytes[i];
                let joined = (b == b',' || b == b'.')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    && !(b == b',' && bytes.get(i + 4).is_some_and(u8::is_ascii_digit));
                if b.is_ascii_digit() || joined {
                    i += 1;
                } else {
                    break;
                }
            }
            // Numbers with two full stops are a date or a version (`13.5.2015`,
            // `2015.5.13`, `1.2.3`), not a decimal: each number is a token of its own.
            let run = &bytes[start..i];
            if dotted || run.iter().filter(|&&b| b == b'.').count() > 1 && !run.contains(&b',') {
                dotted = true;
                i = start + run.iter().position(|&b| b == b'.').unwrap_or(run.len());
            }
            let digits_end = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            // "2016H2", "2016Q3": a year glued to a half or quarter is two tokens.
            if i == digits_end + 1
                && digits_end - start == 4
                && matches!(bytes[digits_end], b'H' | b'Q' | b'h' | b'q')
                && bytes.get(i).is_some_and(u8::is_ascii_digit)
                && !bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
            {
                i = digits_end;
            }
            // "3h", "3day", "3.5years", "10am": a number glued to a unit or to am/pm is two
            // tokens.
            let glued = &s[digits_end..i];
            if i > digits_end
                && (matches!(classify(glued, words).0, Lex::Unit(_))
                    || glued.eq_ignore_ascii_case("am")
                    || glued.eq_ignore_ascii_case("pm"))
            {
                i = digits_end;
            }
        } else if c.is_alphabetic() {
            i += c.len_utf8();
            'word: loop {
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    // "Oct2", "October2": a month name glued to a day is two tokens.
                    if bytes[i].is_ascii_digit() && month_glued(&s[start..i], &bytes[i..]) {
                        break 'word;
                    }
                    i += 1;
                }
                let Some(d) = s[i..].chars().next() else {
                    break;
                };
                if d.is_alphanumeric() {
                    i += d.len_utf8();
                    continue;
                }
                if d != '\'' && d != '’' {
                    break;
                }
                // An apostrophe inside a word stays ("don't"), the possessive goes
                // ("year's" is "year" and "'s").
                let rest = &s[i + d.len_utf8()..];
                let mut after = rest.chars();
                let possessive = matches!(after.next(), Some('s' | 'S'))
                    && !after.next().is_some_and(char::is_alphabetic);
                if rest.starts_with(|x: char| x.is_alphabetic()) && !possessive {
                    i += d.len_utf8();
                } else {
                    break;
                }
            }
            // "Dec." and "Sept." keep their full stop before a day or a year.
            if bytes.get(i) == Some(&b'.')
                && i - start <= 4
                && !s[start..i].eq_ignore_ascii_case("may")
                && lookup(MONTHS, &s[start..i]).is_some()
                && s[i + 1..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
            {
                i += 1;
            }
        } else {
            i += c.len_utf8();
        }
        let tok_text = &s[start..i];
        let Ok(sp) = Span::from_range(text, base + start..base + i) else {
            continue;
        };
        let (lex, word) = classify(tok_text, words);
        // What the passes below look for, noted here so that most sentences skip them.
        if let Lex::Ord(1..=9) = lex
            && tok_text.as_bytes()[0].is_ascii_alphabetic()
        {
            let tens =
                |t: Option<&Tok<'_>>| t.is_some_and(|t| matches!(t.lex, Lex::Num(n) if n >= 20.0));
            let n = out.len();
            word_ordinal |=
                tens(out.last()) || n >= 2 && out[n - 1].text == "-" && tens(out.get(n - 2));
        }
        lower_abbreviation |=
            lex == Lex::Other && LOWER_ABBREVIATIONS.contains(&tok_text.trim_end_matches('.'));
        out.push(Tok {
            span: sp,
            text: tok_text,
            lex,
            space_before: space,
            word,
        });
        space = false;
    }
    if word_ordinal {
        join_ordinals(text, out);
    }
    if lower_abbreviation {
        lower_case_months(out);
    }
}

/// Whether the letters `word` are a capitalised month name and `rest` starts with one
/// or two digits that end there: `Oct2`, `October21`, not `Jun2a` or `Mar123`.
fn month_glued(word: &str, rest: &[u8]) -> bool {
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    digits <= 2
        && !rest.get(digits).is_some_and(u8::is_ascii_alphanumeric)
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && lookup(MONTHS, word).is_some()
}

/// Joins a tens word and an ordinal word into one ordinal token: `twenty-first`,
/// `thirty first`, `twenty second` → 21, 31, 22 (`the twenty-first century`, `May
/// twenty-first`).
#[cold]
#[inline(never)]
fn join_ordinals<'a>(text: &'a str, out: &mut Vec<Tok<'a>>) {
    let tens = |t: &Tok<'_>| match t.lex {
        Lex::Num(n)
            if t.text.starts_with(|c: char| c.is_ascii_alphabetic())
                && (20.0..100.0).contains(&n)
                && n % 10.0 == 0.0 =>
        {
            Some(n as u32)
        }
        _ => None,
    };
    let unit = |t: &Tok<'_>| match t.lex {
        Lex::Ord(o)
            if (1..10).contains(&o) && t.text.starts_with(|c: char| c.is_ascii_alphabetic()) =>
        {
            Some(o)
        }
        _ => None,
    };
    let mut k = 0;
    while k + 1 < out.len() {
        let Some(t) = tens(&out[k]) else {
            k += 1;
            continue;
        };
        let hyphen = out[k + 1].text == "-" && !out[k + 1].space_before;
        let o = if hyphen { k + 2 } else { k + 1 };
        let fits = out
            .get(o)
            .is_some_and(|x| unit(x).is_some() && (!hyphen || !x.space_before));
        if !fits {
            k += 1;
            continue;
        }
        let (start, end) = (out[k].span.start(), out[o].span.end());
        if let Ok(span) = Span::from_range(text, start..end) {
            let n = t + unit(&out[o]).unwrap_or(0);
            out[k] = Tok {
                span,
                text: &text[start..end],
                lex: Lex::Ord(n),
                space_before: out[k].space_before,
                word: None,
            };
            out.drain(k + 1..=o);
        }
        k += 1;
    }
}

/// The months' abbreviations that lower case leaves no month by themselves (not `mar`,
/// a verb; `june` and `july` are months in any case).
const LOWER_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// A month's abbreviation in lower case is a month beside a number: `jan 22`, `20th
/// dec`, `2019-sep-1` (not `mar`, a verb; alone, `dec` and `jan` are no months).
#[cold]
#[inline(never)]
fn lower_case_months(out: &mut [Tok<'_>]) {
    let number = |t: Option<&Tok<'_>>| {
        t.is_some_and(|t| {
            t.text.starts_with(|c: char| c.is_ascii_digit())
                && matches!(t.lex, Lex::Num(_) | Lex::Ord(_))
                || matches!(t.lex, Lex::Num(n) if n >= 2.0) && t.text.len() > 2
        })
    };
    for k in 0..out.len() {
        let t = &out[k];
        let word = t.text.trim_end_matches('.');
        if t.lex != Lex::Other || !LOWER_ABBREVIATIONS.contains(&word) {
            continue;
        }
        let Some(m) = lookup(MONTHS, word) else {
            continue;
        };
        // The neighbour on either side, across one joining mark (`2019-sep-1`).
        let join = |x: &Tok<'_>| matches!(x.text, "-" | "/" | "." | ",");
        let before = match k.checked_sub(1).map(|j| &out[j]) {
            Some(j) if join(j) => k.checked_sub(2).map(|j| &out[j]),
            other => other,
        };
        let after = match out.get(k + 1) {
            Some(j) if join(j) => out.get(k + 2),
            other => other,
        };
        if number(before) || number(after) {
            out[k].lex = Lex::Month(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, Lex)> {
        tokenize(s, Span::full(s).unwrap(), &LEXICON)
            .into_iter()
            .map(|t| (t.text.to_string(), t.lex))
            .collect()
    }

    #[test]
    fn lex_cuts_compounds_and_knows_words() {
        assert_eq!(toks("this year's")[1].0, "year");
        assert_eq!(toks("Monday’s")[0].1, Lex::Weekday(1));
        let t = toks("mid-2020 a 17-year delay, Dec. 2016 25,000 7.62 3rd May may");
        let texts: Vec<&str> = t.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            texts,
            [
                "mid", "-", "2020", "a", "17", "-", "year", "delay", ",", "Dec.", "2016", "25,000",
                "7.62", "3rd", "May", "may"
            ]
        );
        assert_eq!(t[2].1, Lex::Num(2020.0));
        assert_eq!(t[6].1, Lex::Unit(Unit::Year));
        assert_eq!(t[9].1, Lex::Month(12));
        assert_eq!(t[11].1, Lex::Num(25000.0));
        assert_eq!(t[13].1, Lex::Ord(3));
        assert_eq!(t[14].1, Lex::Month(5));
        assert_eq!(t[15].1, Lex::Other);
    }
}
