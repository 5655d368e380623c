//! The rules of the quantity extractor, one named function per step: a number, its
//! bound, its currency, what follows it (percent, currency, measure, noun phrase), and
//! the rate after it. Examples are in `corpus.toml`, run by `tests/corpus.rs`.

use overdue_text::{Token, TokenKind};

use crate::Quantity;
use crate::lexicon::*;

/// A sentence's tokens and text.
struct Sent<'a> {
    text: &'a str,
    toks: &'a [Token],
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
    fn lower(&self, i: usize) -> String {
        self.w(i).to_lowercase()
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
    // A comma groups thousands (25,000); a point is a decimal point (7.62). Text that
    // writes 25.000 for twenty-five thousand is not English news: see ARCHITECTURE.md.
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
    };
    if !suffix.is_empty() {
        if let Some(scale) = lookup_exact(SUFFIXES, suffix) {
            n.value *= scale;
        } else if let Some(unit) = lookup(MEASURES, suffix.trim_start_matches('-')) {
            n.measure = Some(unit);
        } else {
            return None; // 3rd, 1990s, 30MK2, 35M
        }
    }
    Some(n)
}

/// Rule "<number word>": `four`, `twenty-five`, `a dozen`, `hundreds of thousands`.
fn words(s: &Sent<'_>, i: usize) -> Option<Number> {
    let w = s.lower(i);
    if w == "a" && s.is(i + 1, "dozen") {
        return Some(Number {
            value: 12.0,
            end: i + 2,
            measure: None,
            vague: false,
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
            });
        }
        if a >= 100.0 || w == "dozens" {
            return Some(Number {
                value: 2.0 * a,
                end: i + 1,
                measure: None,
                vague: true,
            });
        }
        return None;
    }
    cardinal(s, i)
}

/// The value of a number word (not `dozen`, which needs its article).
fn number_word(w: &str) -> Option<f64> {
    if w.len() > 9 || !w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    overdue_text::words::cardinal(w)
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
        } else if w == "hundred" && any {
            current = current.max(1.0) * 100.0;
        } else if let Some(sc) = scale_of(&w).filter(|_| any) {
            total += current.max(1.0) * sc;
            current = 0.0;
        } else if w == "and"
            && any
            && (word_value(&s.lower(k + 1)).is_some() || s.is(k + 1, "a"))
            && !s.is(k + 2, "half")
        {
            k += 1;
            continue;
        } else {
            break;
        }
        any = true;
        k += 1;
    }
    any.then_some(Number {
        value: total + current,
        end: k,
        measure: None,
        vague: false,
    })
}

/// Rule "<number> <scale>": `70 million`, `1.2 trillion`, `two hundred`.
fn scaled(s: &Sent<'_>, mut n: Number) -> Number {
    while let Some(scale) = lookup(SCALES, s.w(n.end)) {
        if s.w(n.end).chars().next().is_some_and(char::is_uppercase) && s.w(n.end).len() <= 3 {
            break; // "MN" as a state, "BN" as a battalion
        }
        n.value *= scale;
        n.end += 1;
    }
    n
}

/// Rule "<currency symbol>": `$`, `US$`, `€`, `£` right before the number.
fn currency_before(s: &Sent<'_>, i: usize) -> Option<(&'static str, usize)> {
    let w = s.w(i);
    let code = lookup_exact(CURRENCY_SYMBOLS, w)?;
    // "US$", "A$", "HK$": a prefix glued before the dollar sign.
    if w == "$" && i > 0 && s.glued(i) {
        let pre = format!("{}$", s.w(i - 1));
        if let Some(c) = lookup_exact(CURRENCY_SYMBOLS, &pre) {
            return Some((c, i - 1));
        }
    }
    Some((code, i))
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
        let lower = w.to_lowercase();
        if NP_STOPS.contains(&lower.as_str()) || rate_after(s, i).is_some() {
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
                parts.push(lower);
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
pub fn numbers(text: &str, toks: &[Token], out: &mut Vec<(overdue_text::Span, f64)>) {
    let s = Sent { text, toks };
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
            Some(n) => {
                let n = scaled(&s, n);
                let span = toks[start].span.cover(toks[n.end - 1].span);
                out.push((span, sign * n.value));
                i = n.end;
            }
            None => i += 1,
        }
    }
}

/// Reads the quantities of one sentence.
pub fn sentence(text: &str, toks: &[Token], out: &mut Vec<Quantity>) {
    let s = Sent { text, toks };
    let mut i = 0;
    while i < toks.len() {
        match quantity_at(&s, i) {
            Some((q, end)) => {
                out.push(q);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
}

fn quantity_at(s: &Sent<'_>, i: usize) -> Option<(Quantity, usize)> {
    // A currency symbol, then the number.
    let (currency, num_at) = match currency_before(s, i) {
        Some((code, _))
            if s.toks
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Number) =>
        {
            (Some(code), i + 1)
        }
        Some(_) => return None,
        None => (None, i),
    };
    let start_tok = match currency {
        Some(_) => currency_before(s, i).map_or(i, |(_, at)| at),
        None => i,
    };
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
    let span_start = if between {
        bound_start
            .saturating_sub(1)
            .min(start_tok.saturating_sub(1))
    } else {
        bound_start
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
    // Money: a symbol before, or a currency after ("11 billion dollars", "500 million bolívares").
    let code_after = lookup(CURRENCY_WORDS, s.w(n.end));
    if let Some(code) = currency.or(code_after) {
        let mut end = n.end + usize::from(code_after.is_some() && currency.is_none());
        let per = rate_after(s, end).map(|(p, e)| {
            end = e;
            p
        });
        if rule == "<number> <noun phrase>" {
            rule = "<number> <currency>";
        }
        return finish("money", Some(code.into()), Some(code), per, end, rule);
    }
    // A unit of measure: "1,200 MW", "2.4 km", "39mm".
    let measure = n.measure.or_else(|| {
        let w = s.w(n.end);
        (w.len() > 1 || w == "m")
            .then(|| lookup(MEASURES, w))
            .flatten()
    });
    if let Some(unit) = measure {
        let mut end = if n.measure.is_some() {
            n.end
        } else {
            n.end + 1
        };
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
