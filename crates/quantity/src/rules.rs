//! The rules of the quantity extractor, one named function per step: a number, its
//! bound, its currency, what follows it (percent, currency, measure, noun phrase), and
//! the rate after it. Examples are in `corpus.toml`, run by `tests/corpus.rs`.

use std::borrow::Cow;

use overdue_text::{Segmentation, Token, TokenKind};

use crate::Quantity;
use crate::currency::{self, Named};
use crate::lexicon::*;

/// A sentence's tokens and text.
struct Sent<'a> {
    text: &'a str,
    toks: &'a [Token],
    seg: &'a Segmentation,
}

impl<'a> Sent<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.span])
    }
    fn is(&self, i: usize, word: &str) -> bool {
        self.w(i).eq_ignore_ascii_case(word)
    }
    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(i, w))
    }
    /// Whether token `i` follows token `i - 1` with no space.
    fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i - 1].span.end() == self.toks[i].span.start()
    }
    fn lower(&self, i: usize) -> Cow<'a, str> {
        self.toks
            .get(i)
            .map_or(Cow::Borrowed(""), |t| self.seg.lower(t.span))
    }
    fn capitalised(&self, i: usize) -> bool {
        self.w(i).chars().next().is_some_and(char::is_uppercase)
    }
}

/// A number read at some token: its value, where it ends, and what it carried.
struct Number {
    value: f64,
    end: usize,
    /// A glued unit of measure (`39mm`), if any.
    measure: Option<&'static str>,
    /// At least this much (`hundreds of thousands`).
    vague: bool,
    /// The scale of its last word (`two million` → 1e6), which a fraction after `and`
    /// is a part of (`two million and a half`).
    scale: f64,
}

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, v)| v)
}

fn lookup_exact<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// Rule "<digits>": `25,000`, `7.62`, `1.5bn`, `3m`, `39mm`. Not `35M`, `3rd`, `1990s`,
/// `30MK2`, nor digits glued to a word before them (`Mi-35`).
fn digits(s: &Sent<'_>, i: usize) -> Option<Number> {
    let t = s.toks.get(i)?;
    // ".08": a decimal without its zero.
    if s.w(i) == "."
        && !s.glued(i)
        && s.glued(i + 1)
        && s.w(i + 1).bytes().all(|b| b.is_ascii_digit())
    {
        return Some(Number {
            value: format!("0.{}", s.w(i + 1)).parse().ok()?,
            end: i + 2,
            measure: None,
            vague: false,
            scale: 1.0,
        });
    }
    if t.kind != TokenKind::Number {
        return None;
    }
    let w = s.w(i);
    let num_end = w
        .char_indices()
        .find(|&(k, c)| {
            !(c.is_ascii_digit()
                || ((c == ',' || c == '.') && w[k + 1..].starts_with(|d: char| d.is_ascii_digit())))
        })
        .map_or(w.len(), |(k, _)| k);
    let (num, suffix) = w.split_at(num_end);
    if num.contains(['/', ':']) {
        return None;
    }
    // "3/4": a proper fraction (not "24/7", not a date, which has two slashes).
    if let Some(den) = suffix.strip_prefix('/') {
        let (a, b) = (num.parse::<f64>().ok()?, den.parse::<f64>().ok()?);
        if num.contains([',', '.']) || !den.bytes().all(|c| c.is_ascii_digit()) || a >= b {
            return None;
        }
        return Some(Number {
            value: a / b,
            end: i + 1,
            measure: None,
            vague: false,
            scale: 1.0,
        });
    }
    // A comma groups thousands (25,000); a point is a decimal point (7.62). Text that
    // writes 25.000 for twenty-five thousand is not English (ARCHITECTURE.md, quantity).
    let value: f64 = num.replace(',', "").parse().ok()?;
    if num.contains(',')
        && !num.split(',').skip(1).all(|g| {
            g.len() == 3 || g.contains('.') && g.split('.').next().is_some_and(|h| h.len() == 3)
        })
    {
        return None;
    }
    let mut n = Number {
        value,
        end: i + 1,
        measure: None,
        vague: false,
        scale: 1.0,
    };
    // "40 000", "1 234 567", "40 000" with a narrow space: groups of three after a
    // space, as some style books write thousands.
    if suffix.is_empty() && num.len() <= 3 && !num.contains([',', '.']) {
        let mut grouped = num.to_string();
        let mut k = i + 1;
        while let Some(g) = s.toks.get(k) {
            let gap = &s.text[s.toks[k - 1].span.end()..g.span.start()];
            let group = s.w(k);
            let head = group.split('.').next().unwrap_or("");
            if g.kind != TokenKind::Number
                || !matches!(gap, " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
                || head.len() != 3
                || !head.bytes().all(|b| b.is_ascii_digit())
                || !(group[3..].is_empty()
                    || group[3..].starts_with('.')
                        && group[4..].bytes().all(|b| b.is_ascii_digit()))
            {
                break;
            }
            grouped.push_str(group);
            k += 1;
            if group.contains('.') {
                break;
            }
        }
        if k > i + 1 {
            n.value = grouped.parse().ok()?;
            n.end = k;
            return Some(n);
        }
    }
    if !suffix.is_empty() {
        // "1e10", "-12e-1", "12.32e+14": scientific notation.
        if let Some(exp) = suffix.strip_prefix(['e', 'E']) {
            let (exp, end) =
                if exp.is_empty() && s.is(i + 1, "+") && s.glued(i + 1) && s.glued(i + 2) {
                    (s.w(i + 2), i + 3)
                } else {
                    (exp, i + 1)
                };
            if let Ok(e) = exp.parse::<i32>() {
                n.value *= 10f64.powi(e);
                n.end = end;
                return n.value.is_finite().then_some(n);
            }
        }
        // "2½".
        if let Some(f) = vulgar(suffix) {
            n.value += f;
            return Some(n);
        }
        if suffix == "m" && s.is_any(i + 1, &["tall", "long", "wide", "high", "deep", "away"]) {
            // "1.8m tall": metres, not millions.
            n.measure = Some("m");
        } else if matches!(suffix, "x10" | "×10") && s.is(i + 1, "^") {
            // The power follows.
        } else if let Some(scale) = lookup_exact(SUFFIXES, suffix) {
            n.value *= scale;
        } else if let Some(unit) = lookup(MEASURES, suffix.trim_start_matches('-')) {
            n.measure = Some(unit);
        } else {
            return None; // 3rd, 1990s, 30MK2, 35M
        }
    }
    // "1.1^23", "2.5^-1", "1.3x10^6": powers.
    if s.is(n.end, "^") && s.glued(n.end) {
        let mut k = n.end + 1;
        let mut sign = 1;
        while s.is_any(k, &["-", "+"]) {
            if s.is(k, "-") {
                sign = -sign;
            }
            k += 1;
        }
        if let Ok(e) = s.w(k).parse::<i32>() {
            let times_ten = suffix.strip_prefix(['x', '×']) == Some("10");
            let base: f64 = if times_ten { 10.0 } else { n.value };
            let p = base.powi(sign * e);
            n.value = if times_ten { n.value * p } else { p };
            n.end = k + 1;
            return n.value.is_finite().then_some(n);
        }
    }
    // "1 4/5", "2 ½": a whole number and a fraction.
    if n.value.fract() == 0.0
        && let Some(f) = s
            .toks
            .get(n.end)
            .filter(|t| t.kind == TokenKind::Number && s.w(n.end).contains('/'))
            .and_then(|_| digits(s, n.end))
            .filter(|f| f.value < 1.0)
            .or_else(|| {
                vulgar(s.w(n.end)).map(|value| Number {
                    value,
                    end: n.end + 1,
                    measure: None,
                    vague: false,
                    scale: 1.0,
                })
            })
    {
        n.value += f.value;
        n.end = f.end;
    }
    Some(n)
}

/// A vulgar fraction written as one character: `½`, `¾`.
fn vulgar(w: &str) -> Option<f64> {
    let mut cs = w.chars();
    let c = cs.next()?;
    if cs.next().is_some() {
        return None;
    }
    VULGAR_FRACTIONS
        .iter()
        .find(|(f, _)| *f == c)
        .map(|&(_, v)| v)
}

/// The value of a denominator word: `fifth`/`fifths` → 5, `halves` → 2, `twenty-fifth`
/// → 25.
fn denominator(w: &str) -> Option<f64> {
    let w = overdue_text::words::lower(w);
    let single = |x: &str| {
        lookup_exact(DENOMINATORS, x).or_else(|| {
            if x == "halves" {
                Some(2.0)
            } else {
                x.strip_suffix('s')
                    .and_then(|y| lookup_exact(DENOMINATORS, y))
            }
        })
    };
    if let Some((tens, unit)) = w.rsplit_once('-') {
        let tens = overdue_text::words::cardinal(tens).filter(|t| *t >= 20.0 && t % 10.0 == 0.0)?;
        let unit = single(unit).filter(|u| *u < 10.0).or_else(|| {
            lookup_exact(UNIT_ORDINALS, unit).or_else(|| {
                unit.strip_suffix('s')
                    .and_then(|u| lookup_exact(UNIT_ORDINALS, u))
            })
        })?;
        return Some(tens + unit);
    }
    single(&w)
}

/// Rule "<number> <denominator>", "<number> and a <denominator>": `three fifths`, `a
/// third`, `one and a half`, `twenty and three fifths`. A numerator of one (or `a`)
/// takes a singular denominator, any other a plural.
fn with_fraction(s: &Sent<'_>, start: usize, mut n: Number) -> Number {
    let proper = |num: f64, at: usize| -> Option<f64> {
        let w = s.w(at);
        let den = denominator(w)?;
        let plural = w.ends_with('s');
        (num < den && (plural != (num == 1.0) || den == 2.0 && num == 1.0)).then_some(num / den)
    };
    if let Some(f) = proper(n.value, n.end) {
        n.value = f;
        n.end += 1;
        return n;
    }
    // More than one: "twenty-three fifths" (not "four quarters", a year's). A tens word
    // after other number words opens the denominator: "one hundred thirty fifths" is a
    // hundred thirty-fifths, "three twenty firsts" three twenty-firsts.
    let w = s.w(n.end);
    let last = n.end.saturating_sub(1);
    let tens = number_word(&s.lower(last)).filter(|t| *t >= 20.0 && t % 10.0 == 0.0);
    // "three twenty firsts": a unit ordinal that ends a compound only.
    let den = denominator(w).or_else(|| {
        tens.and_then(|_| {
            w.strip_suffix('s')
                .and_then(|u| lookup_exact(UNIT_ORDINALS, &u.to_lowercase()))
        })
    });
    if w.ends_with('s')
        && n.value.fract() == 0.0
        && !["quarters", "halves", "Quarters"].contains(&w)
        && let Some(den) = den
    {
        let (num, den) = match tens {
            Some(t) if last > start && !s.is(last - 1, "and") && den < 10.0 => {
                (n.value - t, t + den)
            }
            _ => (n.value, den),
        };
        if num >= 1.0 && num >= den.min(2.0) {
            n.value = num / den;
            n.end += 1;
            return n;
        }
    }
    if s.is(n.end, "and") {
        let at = n.end + 1;
        let num = if s.is_any(at, &["a", "an"]) {
            Some(Number {
                value: 1.0,
                end: at + 1,
                measure: None,
                vague: false,
                scale: 1.0,
            })
        } else {
            cardinal(s, at)
        };
        if let Some(num) = num
            && let Some(f) = proper(num.value, num.end)
        {
            // "one billion and a half million": the part of the scale after it; "two
            // million and a half": of the number's last scale.
            // "five and a half million": (5 + ½) million; "two million and a half": of
            // its own scale (of a thousand or more: "a hundred and three quarters" is
            // 100.75).
            let after = num.end + 1;
            match lookup(SCALES, s.w(after)).filter(|sc| *sc >= 100.0) {
                Some(sc) if n.scale > sc => {
                    n.value += f * sc;
                    n.end = after + 1;
                }
                Some(sc) => {
                    n.value = (n.value + f) * sc;
                    n.end = after + 1;
                }
                None => {
                    n.value += f * if n.scale >= 1e3 { n.scale } else { 1.0 };
                    n.end = after;
                }
            }
        }
    }
    n
}

/// Rule "<number> point <digits>": `five point five`, `two hundred point zero three`.
fn with_point(s: &Sent<'_>, mut n: Number) -> Number {
    if !s.is(n.end, "point") || n.value.fract() != 0.0 {
        return n;
    }
    let mut decimals = String::new();
    let mut k = n.end + 1;
    while let Some(d) = number_word(&s.lower(k)).filter(|d| *d < 10.0) {
        decimals.push(char::from(b'0' + d as u8));
        k += 1;
    }
    if decimals.is_empty()
        && let Some(c) = cardinal(s, k)
        && c.value.fract() == 0.0
    {
        decimals = format!("{}", c.value as u64);
        k = c.end;
    }
    if let Ok(f) = format!("0.{decimals}").parse::<f64>()
        && !decimals.is_empty()
    {
        n.value += f;
        n.end = k;
    }
    n
}

/// Rule "<number word>": `four`, `twenty-five`, `a dozen`, `hundreds of thousands`.
fn words(s: &Sent<'_>, i: usize) -> Option<Number> {
    let w = s.lower(i);
    let one = |value: f64, end: usize| {
        Some(Number {
            value,
            end,
            measure: None,
            vague: false,
            scale: 1.0,
        })
    };
    if let Some(f) = vulgar(s.w(i)) {
        return one(f, i + 1);
    }
    // "half a million", "half million", "quarter million", "half a dozen".
    if let Some(part) = match w.as_ref() {
        "half" => Some(0.5),
        "quarter" => Some(0.25),
        _ => None,
    } {
        let at = i + 1 + usize::from(s.is_any(i + 1, &["a", "an"]));
        return lookup(SCALES, s.w(at))
            .filter(|sc| *sc >= 12.0 && s.w(at).len() > 3)
            .and_then(|sc| one(part * sc, at + 1));
    }
    // "a third", "a hundredth", "a twenty-first".
    if (w == "a" || w == "an")
        && let Some(den) = denominator(s.w(i + 1)).filter(|_| !s.w(i + 1).ends_with('s'))
    {
        return one(1.0 / den, i + 2);
    }
    // "one-eighth", "five-eighths": the fraction in one word.
    if let Some((num, den)) = w.split_once('-')
        && let Some(num) = number_word(num).filter(|n| *n < 10.0)
        && let Some(den) = denominator(den).filter(|d| *d < 10.0)
    {
        return one(num / den, i + 1);
    }
    // "one - fourth", "five - eighths", as tokenised text writes them.
    if let Some(num) = number_word(&w).filter(|n| *n < 10.0)
        && s.is(i + 1, "-")
        && let Some(den) = denominator(s.w(i + 2)).filter(|d| *d < 10.0 && num < *d)
    {
        return one(num / den, i + 3);
    }
    // "a six-mile trip", "a three-foot fall": a number word and a unit in one word.
    if let Some((num, unit)) = w.split_once('-')
        && let Some(num) = number_word(num)
        && let Some(unit) = lookup(MEASURES, unit).filter(|_| unit.len() > 1)
    {
        return Some(Number {
            value: num,
            end: i + 1,
            measure: Some(unit),
            vague: false,
            scale: 1.0,
        });
    }
    // "the one you mentioned", "which one": a pronoun.
    if w == "one"
        && i > 0
        && s.is_any(
            i - 1,
            &[
                "the", "this", "that", "which", "each", "every", "any", "no", "another",
            ],
        )
        && (s.toks.get(i + 1).is_none_or(|t| t.kind != TokenKind::Word)
            || s.is_any(
                i + 1,
                &[
                    "you", "i", "we", "they", "he", "she", "it", "is", "was", "are", "do", "does",
                    "did", "can", "could", "will", "would", "that", "which", "who",
                ],
            ))
    {
        return None;
    }
    if w == "a" && s.is(i + 1, "dozen") {
        return Some(Number {
            value: 12.0,
            end: i + 2,
            measure: None,
            vague: false,
            scale: 1.0,
        });
    }
    // "hundreds of thousands of": at least two of the larger.
    let vague_scale = |w: &str| match w {
        "dozens" => Some(12.0),
        "hundreds" => Some(100.0),
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        "tens" => Some(10.0),
        _ => None,
    };
    if let Some(a) = vague_scale(&w) {
        if s.is(i + 1, "of")
            && let Some(b) = vague_scale(&s.lower(i + 2))
            && b > a
        {
            return Some(Number {
                value: 2.0 * a * b,
                end: i + 3,
                measure: None,
                vague: true,
                scale: 1.0,
            });
        }
        if a >= 100.0 || w == "dozens" {
            return Some(Number {
                value: 2.0 * a,
                end: i + 1,
                measure: None,
                vague: true,
                scale: 1.0,
            });
        }
        return None;
    }
    let n = cardinal(s, i)?;
    Some(with_point(s, with_fraction(s, i, n)))
}

/// The value of a number word (not `dozen`, which needs its article).
fn number_word(w: &str) -> Option<f64> {
    if w.len() > 9 || !w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    match w {
        "nought" | "naught" => Some(0.0),
        _ => overdue_text::words::cardinal(w),
    }
}

/// Rule "<cardinal in words>": `four`, `twenty-five`, `one hundred and six`, `two
/// thousand and two hundred`, `a hundred`.
fn cardinal(s: &Sent<'_>, i: usize) -> Option<Number> {
    let word_value = |w: &str| -> Option<f64> {
        let mut total = 0.0;
        for part in w.split('-') {
            total += number_word(part)?;
        }
        Some(total)
    };
    let scale_of = |w: &str| match w {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    };
    let (mut total, mut current) = (0.0f64, 0.0f64);
    let mut k = i;
    let mut any = false;
    // Where the last number word ended: a trailing "and" is not the number's.
    let mut last = i;
    let mut scale = 1.0;
    // "a hundred", "a thousand".
    if s.is(k, "a") && (s.is(k + 1, "hundred") || scale_of(&s.lower(k + 1)).is_some()) {
        current = 1.0;
        k += 1;
        any = true;
    }
    loop {
        let w = s.lower(k);
        if let Some(v) = word_value(&w) {
            current += v;
            scale = 1.0;
        } else if w == "hundred" && any {
            current = current.max(1.0) * 100.0;
            scale = 100.0;
        } else if let Some(sc) = scale_of(&w).filter(|_| any) {
            total += current.max(1.0) * sc;
            current = 0.0;
            scale = sc;
        } else if w == "and"
            && any
            && let Some(next) = word_value(&s.lower(k + 1))
            // "one hundred and three quarters" ends before "and"; "one hundred and
            // thirty fifths" (130/5) does not.
            && denominator(s.w(k + 2)).is_none_or(|d| next >= d)
        {
            k += 1;
            continue;
        } else if w == "-"
            && any
            && !s.glued(k)
            && current % 10.0 == 0.0
            && current >= 20.0
            && word_value(&s.lower(k + 1)).is_some_and(|v| v < 10.0)
        {
            // "fifty - two", as tokenised text writes "fifty-two".
            k += 1;
            continue;
        } else {
            break;
        }
        any = true;
        k += 1;
        last = k;
    }
    any.then_some(Number {
        value: total + current,
        end: last,
        measure: None,
        vague: false,
        scale,
    })
}

/// Rule "<number> <scale>": `70 million`, `1.2 trillion`, `two hundred`.
fn scaled(s: &Sent<'_>, mut n: Number) -> Number {
    let mut last = None;
    while let Some(scale) = lookup(SCALES, s.w(n.end)) {
        if s.w(n.end).chars().next().is_some_and(char::is_uppercase) && s.w(n.end).len() <= 3 {
            break; // "MN" as a state, "BN" as a battalion
        }
        n.value *= scale;
        n.end += 1;
        n.scale = scale;
        last = Some(scale);
    }
    // "two thirds of a million".
    if n.value < 1.0
        && s.is(n.end, "of")
        && s.is_any(n.end + 1, &["a", "an"])
        && let Some(sc) = lookup(SCALES, s.w(n.end + 2)).filter(|sc| *sc >= 1e3)
    {
        n.value *= sc;
        n.end += 3;
        return n;
    }
    if last.is_some() {
        n = with_fraction(s, n.end, n);
    }
    // "4 thousand 3 hundred and 21": a smaller part after a scale word, itself scaled or
    // after "and".
    while let Some(sc) = last.filter(|sc| *sc >= 100.0) {
        let and = s.is(n.end, "and");
        let at = n.end + usize::from(and);
        let Some(part) = digits(s, at)
            .or_else(|| if and { cardinal(s, at) } else { None })
            .filter(|p| p.value.fract() == 0.0 && p.value > 0.0 && p.measure.is_none())
        else {
            break;
        };
        let after = lookup(SCALES, s.w(part.end));
        let next = after.filter(|x| *x < sc && *x >= 12.0);
        if !(and || next.is_some()) || after.is_some_and(|x| x >= sc) {
            break;
        }
        let value = part.value * next.unwrap_or(1.0);
        if value >= sc {
            break;
        }
        n.value += value;
        n.end = part.end + usize::from(next.is_some());
        last = next;
    }
    n
}

/// Rule "<currency symbol>": `$`, `US$`, `€`, `£`, `₡` right before the number; `C$`,
/// `HK$`, `MXN$`, also with a space (`hk $`); a code (`USD 200`, `MAUD 60`). Gives the
/// currency and the token where it starts.
fn currency_before(s: &Sent<'_>, i: usize) -> Option<(Named, usize)> {
    let w = s.w(i);
    let one = |code| Named { code, factor: 1.0 };
    if let Some(named) = currency::code(w) {
        return Some((named, i));
    }
    let code = lookup_exact(CURRENCY_SYMBOLS, w).or_else(|| currency::symbol(w))?;
    // "US$", "A$", "HK$", "MXN$": a prefix before the dollar sign, glued or not.
    if w == "$" && i > 0 && s.toks[i - 1].kind == TokenKind::Word {
        let pre = s.w(i - 1).to_uppercase();
        let known = lookup_exact(CURRENCY_SYMBOLS, &format!("{pre}$"))
            .or_else(|| currency::code(&pre).map(|n| n.code))
            .or_else(|| (pre == "MEX").then_some("MXN"));
        if let Some(c) = known.filter(|_| s.glued(i) || pre.len() <= 2) {
            return Some((one(c), i - 1));
        }
    }
    Some((one(code), i))
}

/// Rule "<number> <currency>": a name (`dollars`, `australian dollars`, `cents`), a code
/// (`USD`, `MEUR`) or a symbol (`10 €`) after the number. Gives the currency and the token
/// after it.
fn currency_after(s: &Sent<'_>, at: usize) -> Option<(Named, usize)> {
    let words = [s.w(at), s.w(at + 1), s.w(at + 2)];
    if let Some((named, n)) = currency::name(&words) {
        return Some((named, at + n));
    }
    let one = |code| Named { code, factor: 1.0 };
    lookup(CURRENCY_WORDS, words[0])
        .map(one)
        .or_else(|| currency::code(words[0]))
        .or_else(|| {
            lookup_exact(CURRENCY_SYMBOLS, words[0])
                .filter(|_| words[0].chars().all(|c| !c.is_alphanumeric()))
                .or_else(|| currency::symbol(words[0]))
                .map(one)
        })
        .map(|named| (named, at + 1))
}

/// Rule "<money> (and) <cents>": `3 dollars 50 cents`, `thirteen dollars and forty-five
/// cents`, `15 dollars 50.` Gives the part of the unit and the token after it.
fn cents_after(s: &Sent<'_>, at: usize) -> Option<(f64, usize)> {
    let at = at + usize::from(s.is(at, "and"));
    let part = digits(s, at).or_else(|| cardinal(s, at))?;
    if part.value.fract() != 0.0 || part.value >= 100.0 || part.measure.is_some() {
        return None;
    }
    if s.is_any(part.end, &["cents", "cent", "pence", "p"]) {
        return Some((part.value / 100.0, part.end + 1));
    }
    // A bare number after the unit only where nothing follows it.
    (s.toks
        .get(part.end)
        .is_none_or(|t| t.kind == TokenKind::Punct))
    .then_some((part.value / 100.0, part.end))
}

/// Rule "<number> <unit of measure>": the unit after a number (a glued one it carries,
/// a word, a phrase of words, or one in brackets), and the token after it.
fn measure_at(s: &Sent<'_>, n: &Number) -> Option<(&'static str, usize)> {
    if let Some(unit) = n.measure {
        return Some((unit, n.end));
    }
    let at = n.end;
    for (words, unit) in MEASURE_PHRASES {
        if words.iter().enumerate().all(|(k, w)| s.is(at + k, w)) {
            return Some((unit, at + words.len()));
        }
    }
    let single = |k: usize| {
        let w = s.w(k);
        (w.len() > 1 || w == "m")
            .then(|| lookup(MEASURES, w))
            .flatten()
    };
    if let Some(unit) = single(at) {
        return Some((unit, at + 1));
    }
    // "20 (kg)", "20 [kg]".
    let close = match s.w(at) {
        "(" => ")",
        "[" => "]",
        "{" => "}",
        "<" => ">",
        _ => return None,
    };
    single(at + 1)
        .filter(|_| s.w(at + 2) == close)
        .map(|unit| (unit, at + 3))
}

/// Rule "<measure> (and) <number> <smaller unit>": "5 feet 2 inches" is 5 1/6 feet.
/// Gives the part of the larger unit and the token after the smaller.
fn smaller_measure(s: &Sent<'_>, unit: &str, at: usize) -> Option<(f64, usize)> {
    let &(_, small, per) = COMPOUND_MEASURES.iter().find(|(big, _, _)| *big == unit)?;
    let at = at + usize::from(s.is(at, "and"));
    let part = digits(s, at).or_else(|| cardinal(s, at))?;
    // "5 ft 2 in": after feet, "in" is inches.
    let (small_unit, end) = if small == "in" && s.is(part.end, "in") {
        ("in", part.end + 1)
    } else {
        measure_at(s, &part)?
    };
    (small_unit == small && part.value < per).then_some((part.value / per, end))
}

/// Rule "<bound> <number>": `up to`, `more than`, `nearly`, `an estimated`; also
/// `estimated at` a few words before.
fn bound_before(s: &Sent<'_>, start: usize) -> (Option<&'static str>, usize) {
    for (words, bound) in BOUNDS {
        let n = words.len();
        if start >= n && (0..n).all(|k| s.is(start - n + k, words[k])) {
            // "an estimated" qualifies the figure but is not part of it.
            let keep = words.last() == Some(&"estimated");
            return (Some(bound), if keep { start } else { start - n });
        }
    }
    let from = start.saturating_sub(3);
    if (from..start).any(|k| s.is_any(k, &["estimated", "estimate", "approximately", "roughly"])) {
        return (Some("approx"), start);
    }
    (None, start)
}

/// Rule "<rate>": `a year`, `per day`, `each month`, `annually`, right after.
fn rate_after(s: &Sent<'_>, i: usize) -> Option<(&'static str, usize)> {
    if let Some(p) = lookup(RATE_WORDS, s.w(i)) {
        return Some((p, i + 1));
    }
    if s.is_any(i, &["a", "an", "per", "each", "every", "/"]) {
        let unit = s.lower(i + 1);
        // "a year", "per day": a singular unit.
        if !unit.ends_with('s')
            && let Some(p) = lookup(TIME_UNITS, &unit)
        {
            return Some((p, i + 2));
        }
    }
    None
}

/// Whether the number at `i` is part of a date or a designation rather than a quantity.
fn not_a_quantity(s: &Sent<'_>, i: usize, n: &Number) -> bool {
    let w = s.w(i);
    let prev = i.checked_sub(1).map(|p| s.w(p)).unwrap_or("");
    // A year: four digits from 1800 to 2100 without a thousands separator.
    let year = w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (1800.0..=2100.0).contains(&n.value);
    // A day of a month: "May 27", "27 May".
    let month = |x: &str| overdue_text::words::month(x.trim_end_matches('.')).is_some();
    let day = (month(prev) && prev.starts_with(char::is_uppercase))
        || (month(s.w(n.end)) && s.w(n.end).starts_with(char::is_uppercase));
    // A designation: a number glued to a word or a hyphen before it ("Mi- 35M" aside),
    // or right after a capitalised name ("Boeing 737", "Route 66").
    let glued = i > 0 && s.glued(i) && s.toks[i - 1].kind != TokenKind::Symbol;
    let named = |k: usize| s.capitalised(k) || s.w(k).chars().skip(1).any(char::is_uppercase);
    let after_name = i > 0
        && named(i - 1)
        && s.toks[i - 1].kind == TokenKind::Word
        && !s.is_any(
            i - 1,
            &[
                "The", "A", "An", "Some", "About", "Nearly", "Over", "Around", "Up", "More",
                "Almost", "Just", "Only", "All", "In", "For", "With", "By",
            ],
        )
        && i > 1;
    // A time of day: "6:30".
    let clock = s.is(n.end, ":") || prev == ":";
    // Glued after a hyphen: "Mi-17" is one token already; "Mi- 35M" has a space. After
    // a multiplication sign: the second number of a calibre, "7.62×39mm".
    let after_hyphen = prev == "-" || prev == "–" || (s.glued(i) && (prev == "×" || prev == "x"));
    year || day || glued || after_name || clock || after_hyphen
}

/// Rule "<number> <noun phrase>": the head noun in the singular, with the nouns before
/// it that name the same thing (`assault rifle`, `production line`), without adjectives,
/// names, designations, possessives and calibres. Returns the unit and the token after
/// the head.
fn noun_phrase(s: &Sent<'_>, start: usize) -> Option<(String, usize)> {
    let mut i = start;
    let mut parts: Vec<String> = Vec::new();
    let mut head_end = None;
    while i < s.toks.len() && i < start + 8 {
        let t = &s.toks[i];
        let w = s.w(i);
        let lower = overdue_text::words::lower(w);
        if NP_STOPS.contains(&lower.as_ref()) || rate_after(s, i).is_some() {
            break;
        }
        match t.kind {
            TokenKind::Punct | TokenKind::Symbol => {
                // A glued apostrophe-s belongs to a name before it; "×" to a calibre.
                if w == "×" || w == "x" {
                    i += 1;
                    continue;
                }
                break;
            }
            TokenKind::Number => {
                // A calibre or size inside the phrase: "7.62 mm caliber".
                if s.w(i + 1).chars().all(|c| c.is_ascii_alphabetic())
                    && lookup(MEASURES, s.w(i + 1)).is_some()
                {
                    i += 2;
                    if s.is_any(i, &["caliber", "calibre"]) {
                        i += 1;
                    }
                    parts.clear();
                    continue;
                }
                if w.chars().any(|c| c.is_ascii_alphabetic()) {
                    i += 1; // 39mm
                    continue;
                }
                break;
            }
            TokenKind::Word => {
                if w == "'s" || w == "’s" || w.eq_ignore_ascii_case("s") {
                    parts.clear();
                    i += 1;
                    continue;
                }
                let designation = w.chars().any(|c| c.is_ascii_digit())
                    || w.contains('.') && w.chars().filter(|c| c.is_uppercase()).count() >= 2;
                if designation || s.capitalised(i) {
                    // Names and designations qualify the noun but are not the unit.
                    parts.clear();
                    i += 1;
                    continue;
                }
                if lookup(TIME_UNITS, &lower).is_some() && parts.is_empty() {
                    return None; // a duration: the time extractor's
                }
                if is_adjective(&lower) {
                    if head_end.is_some() {
                        break; // "treaties signed": the phrase is over
                    }
                    parts.clear();
                    i += 1;
                    continue;
                }
                let adverb = [
                    "ally", "ively", "ously", "edly", "ingly", "fully", "ately", "ently", "antly",
                    "ibly", "ably",
                ]
                .iter()
                .any(|e| lower.ends_with(e));
                if adverb || lower.ends_with("ing") && head_end.is_some() {
                    break;
                }
                parts.push(lower.into_owned());
                head_end = Some(i + 1);
                i += 1;
            }
        }
    }
    let end = head_end?;
    let last = parts.pop()?;
    parts.push(singular(&last));
    Some((parts.join(" "), end))
}

/// Every number of one sentence, bare or not, with its value (the numeral layer).
pub fn numbers(
    text: &str,
    seg: &Segmentation,
    si: usize,
    out: &mut Vec<(overdue_text::Span, f64)>,
) {
    let toks = seg.sentence_tokens(si);
    let s = Sent { text, toks, seg };
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        let sign = if s.is_any(i, &["minus", "negative", "-"]) && i + 1 < toks.len() {
            -1.0
        } else {
            1.0
        };
        let at = if sign < 0.0 { i + 1 } else { i };
        match digits(&s, at).or_else(|| words(&s, at)) {
            // "180ml", "29km": a measure, not a bare number.
            Some(n) if n.measure.is_some() => i = n.end,
            Some(n) => {
                let mut n = scaled(&s, n);
                // "one over three", "two out of five hundred", "1 in 21": a ratio.
                let of = if s.is(n.end, "over") {
                    Some(n.end + 1)
                } else if s.is(n.end, "out") && s.is(n.end + 1, "of") {
                    Some(n.end + 2)
                } else if s.is(n.end, "in") && n.value.fract() == 0.0 && n.value <= 10.0 {
                    Some(n.end + 1)
                } else {
                    None
                };
                if let Some(at) = of
                    && let Some(d) = digits(&s, at).or_else(|| words(&s, at))
                {
                    let d = scaled(&s, d);
                    // "2000 over 3 years" is no ratio, nor "12 out of 10".
                    let over = s.is(n.end, "over");
                    let noun_after = s.toks.get(d.end).is_some_and(|t| t.kind == TokenKind::Word);
                    if d.value > 0.0
                        && (if over {
                            !noun_after
                        } else {
                            n.value <= d.value
                        })
                    {
                        n.value /= d.value;
                        n.end = d.end;
                    }
                }
                let span = toks[start].span.cover(toks[n.end - 1].span);
                if n.value.is_finite() {
                    out.push((span, sign * n.value));
                }
                i = n.end;
            }
            None => i += 1,
        }
    }
}

/// Reads the quantities of one sentence.
pub fn sentence(text: &str, seg: &Segmentation, si: usize, out: &mut Vec<Quantity>) {
    let toks = seg.sentence_tokens(si);
    let s = Sent { text, toks, seg };
    let mut i = 0;
    while i < toks.len() {
        if !may_start(&s, i) {
            i += 1;
            continue;
        }
        match quantity_at(&s, i) {
            // A value too large for a number ("1e999") is no quantity.
            Some((q, end))
                if !q.value.is_finite() || q.value_max.is_some_and(|v| !v.is_finite()) =>
            {
                i = end.max(i + 1)
            }
            Some((q, end)) => {
                out.push(q);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
}

/// Words a number in words can begin with (besides the cardinals).
const WORD_STARTS: &[&str] = &[
    "a",
    "an",
    "half",
    "quarter",
    "nought",
    "naught",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "tens",
];

/// The words a number in words can begin with: [`WORD_STARTS`], the cardinals, `nought`.
static START_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        WORD_STARTS
            .iter()
            .copied()
            .chain(overdue_text::words::CARDINALS.iter().map(|&(w, _)| w))
            .chain(["nought", "naught"])
            .collect()
    });

/// Whether a quantity can begin at token `i`: digits, a currency symbol or code, a number
/// word, a vulgar fraction, the point of ".5". Most tokens cannot, and this asks without
/// allocating.
fn may_start(s: &Sent<'_>, i: usize) -> bool {
    let t = &s.toks[i];
    if t.kind == TokenKind::Number {
        return true;
    }
    let w = s.w(i);
    let Some(first) = w.chars().next() else {
        return false;
    };
    if !first.is_alphabetic() {
        return w == "."
            || vulgar(w).is_some()
            || lookup_exact(CURRENCY_SYMBOLS, w).is_some()
            || currency::symbol(w).is_some();
    }
    if first.is_uppercase() && (3..=4).contains(&w.len()) && currency::code(w).is_some() {
        return true;
    }
    // The word, or its part before a hyphen, in lower case: one set lookup.
    let lower = s.lower(i);
    let head = match lower.bytes().position(|b| b == b'-') {
        Some(k) => &lower[..k],
        None => &lower[..],
    };
    if head.len() > 12 || !head.is_ascii() {
        return vulgar(w).is_some();
    }
    START_WORDS.contains(head)
}

fn quantity_at(s: &Sent<'_>, i: usize) -> Option<(Quantity, usize)> {
    // A currency symbol, then the number; the quantity starts where the currency does.
    let (before, num_at, start_tok) = match currency_before(s, i) {
        Some((named, at))
            if s.toks
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Number) =>
        {
            (Some(named), i + 1, at)
        }
        Some(_) => return None,
        None => (None, i, i),
    };
    let currency = before.map(|n| n.code);
    let raw = digits(s, num_at).or_else(|| {
        if currency.is_none() {
            words(s, num_at)
        } else {
            None
        }
    })?;
    if currency.is_none() && not_a_quantity(s, num_at, &raw) {
        return None;
    }
    let raw_value = raw.value;
    let mut n = scaled(s, raw);
    // A share told as a fraction: "two thirds of the budget", "a quarter of the plant".
    let share = currency.is_none()
        && n.value > 0.0
        && n.value < 1.0
        && s.is(n.end, "of")
        && s.toks[num_at].kind != TokenKind::Number;
    if share {
        n.value *= 100.0;
    }
    let first_unscaled = n.value == raw_value;
    let mut rule = if currency.is_some() {
        "<currency> <number>"
    } else {
        "<number> <noun phrase>"
    };
    let (mut bound, bound_start) = bound_before(s, start_tok);
    if n.vague {
        bound = Some("at_least");
    }
    // A range: "between 2 and 3 million", "20 to 30", "20-30".
    let mut value_max = None;
    let between = bound_start > 0 && s.is(bound_start - 1, "between")
        || start_tok > 0 && s.is(start_tok - 1, "between");
    if s.is_any(n.end, &["to", "-", "–"]) || between && s.is(n.end, "and") {
        let second_at =
            n.end + 1 + usize::from(currency.is_some() && currency_before(s, n.end + 1).is_some());
        if let Some(m_raw) = digits(s, second_at).or_else(|| words(s, second_at)) {
            let raw_high = m_raw.value;
            let m = scaled(s, m_raw);
            // "2 to 3 million": the scale of the second applies to the first too.
            let factor = if raw_high > 0.0 {
                m.value / raw_high
            } else {
                1.0
            };
            let low = if first_unscaled && factor > 1.0 {
                n.value * factor
            } else {
                n.value
            };
            if low < m.value {
                n.value = low;
                value_max = Some(m.value);
                n.end = m.end;
                bound = Some("range");
            }
        }
    }
    let bound = bound.unwrap_or("exact");
    // Money: a currency before, or one after ("11 billion dollars", "125 million
    // australian dollars", "50 cents"), in the currency's unit; and cents after it.
    let after = if before.is_none() && !share {
        currency_after(s, n.end)
    } else {
        None
    };
    // "25 pounds" weighs; "361 million pounds" or "pounds sterling" is money.
    let after = after.filter(|(named, end)| {
        !(named.code == "GBP"
            && s.is_any(end - 1, &["pound", "pounds"])
            && n.scale < 1e3
            && !s.is(*end, "sterling"))
    });
    let money = before.map(|b| (b, n.end)).or(after);
    if let Some((named, end)) = money {
        n.value *= named.factor;
        value_max = value_max.map(|v| v * named.factor);
        if named.factor == 1.0
            && let Some((cents, e)) = cents_after(s, end)
            && value_max.is_none()
        {
            n.value += cents;
            n.end = e;
        } else {
            n.end = end;
        }
    }
    let span_start = if between {
        bound_start
            .saturating_sub(1)
            .min(start_tok.saturating_sub(1))
    } else {
        bound_start
    };
    // A unit of measure: "1,200 MW", "2.4 km", "39mm", "660 square meters", "20 (kg)",
    // and a smaller unit after it ("5 feet 2 inches").
    let dim = if money.is_some() || share {
        None
    } else {
        measure_at(s, &n).map(|(unit, mut end)| {
            if let Some((small, e)) = smaller_measure(s, unit, end) {
                n.value += small;
                end = e;
            }
            (unit, end)
        })
    };
    let finish = |kind: &'static str,
                  unit: Option<String>,
                  cur: Option<&'static str>,
                  per: Option<&'static str>,
                  end: usize,
                  rule: &'static str| {
        let span = s.toks[span_start].span.cover(s.toks[end - 1].span);
        let q = Quantity {
            span,
            text: s.text[span].to_string(),
            kind,
            value: n.value,
            value_max,
            unit,
            currency: cur,
            per,
            bound,
            rule,
        };
        Some((q, end))
    };
    if share {
        return finish(
            "percent",
            Some("percent".into()),
            None,
            None,
            n.end,
            "<fraction> of",
        );
    }
    // Percent.
    if s.is_any(n.end, &["%", "percent"]) || s.is(n.end, "per") && s.is(n.end + 1, "cent") {
        let end = n.end + if s.is(n.end, "per") { 2 } else { 1 };
        return finish(
            "percent",
            Some("percent".into()),
            None,
            None,
            end,
            "<number> percent",
        );
    }
    if let Some((named, _)) = money {
        let code = named.code;
        let mut end = n.end;
        let per = rate_after(s, end).map(|(p, e)| {
            end = e;
            p
        });
        if rule == "<number> <noun phrase>" {
            rule = "<number> <currency>";
        }
        return finish("money", Some(code.into()), Some(code), per, end, rule);
    }
    if let Some((unit, mut end)) = dim {
        if s.is_any(end, &["caliber", "calibre"]) {
            end += 1;
        }
        let per = rate_after(s, end).map(|(p, e)| {
            end = e;
            p
        });
        // A calibre before a noun ("7.62 mm cartridges") is a property, not a figure.
        if unit == "mm"
            && s.toks
                .get(end)
                .is_some_and(|t| t.kind == TokenKind::Word && !s.capitalised(end))
        {
            return None;
        }
        return finish(
            "dimension",
            Some(unit.into()),
            None,
            per,
            end,
            "<number> <unit of measure>",
        );
    }
    // A count: the noun phrase after the number.
    // "7.62×39": a calibre; a count is a whole number of things.
    if s.is_any(n.end, &["×", "x"]) || n.value.fract() != 0.0 {
        return None;
    }
    let np_start = if n.vague && s.is(n.end, "of") {
        n.end + 1
    } else {
        n.end
    };
    let (unit, mut end) = noun_phrase(s, np_start)?;
    let per = rate_after(s, end).map(|(p, e)| {
        end = e;
        p
    });
    finish("count", Some(unit), None, per, end, rule)
}
