//! Calendar dates as metadata and datelines write them: enough to read a publication
//! date, not a time-expression extractor (that is `overdue-time`).

use jiff::civil::Date;

/// The month (1–12) a word names: `April`, `Apr`, `Apr.`, `Sept`.
pub fn month_number(word: &str) -> Option<i8> {
    overdue_text::words::month(word.trim_end_matches('.')).map(|m| m as i8)
}

fn date(y: i32, m: i8, d: i8) -> Option<Date> {
    if !(1800..=2200).contains(&y) {
        return None;
    }
    Date::new(y as i16, m, d).ok()
}

fn two_digit_year(y: i32) -> i32 {
    if y < 100 {
        if y < 70 { 2000 + y } else { 1900 + y }
    } else {
        y
    }
}

/// Reads a date as metadata writes it (ISO 8601 with or without time, `2018/04/13`,
/// RFC 2822, `April 13, 2018`, `13 April 2018`) and returns it as TIMEX3's
/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
pub fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    // ISO 8601 and its relatives: 2018-04-13, 2018-04-13T10:00Z, 2018/04/13, 2018-04, 2018.
    if b.len() >= 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && b.get(4).is_none_or(|c| !c.is_ascii_digit())
    {
        let y: i32 = s[..4].parse().ok()?;
        let rest = &s[4..];
        if rest.is_empty() {
            return (1800..=2200).contains(&y).then(|| format!("{y:04}"));
        }
        let sep = rest.as_bytes()[0];
        if sep == b'-' || sep == b'/' || sep == b'.' {
            let parts: Vec<&str> = rest[1..]
                .split(|c: char| !c.is_ascii_digit())
                .take(2)
                .collect();
            let m: i8 = parts.first()?.parse().ok()?;
            let day_str = parts.get(1).copied().unwrap_or("");
            let after_month = &rest[1 + parts[0].len()..];
            if day_str.is_empty() || !after_month.starts_with(sep as char) {
                return (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}"));
            }
            let d: i8 = day_str.parse().ok()?;
            return date(y, m, d).map(|d| d.to_string());
        }
        return None;
    }
    // Otherwise the first date found in the string (RFC 2822, "April 13, 2018", …).
    find(s).first().map(|f| f.date.to_string())
}

/// A date found in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset after its last character.
    pub end: usize,
    /// The date.
    pub date: Date,
}

/// Finds full dates (with day and year) in `s`: `April 13, 2018`, `Apr. 13, 2018`,
/// `13 April 2018`, `Fri, 13 Apr 2018`, `2018-04-13`, and `04/13/18` (month first, as
/// American outlets and most English web pages write it, unless the first number
/// cannot be a month).
pub fn find(s: &str) -> Vec<Found> {
    let words = words(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((n, f)) = date_at(s, &words, i) {
            out.push(f);
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

fn words(s: &str) -> Vec<(usize, usize)> {
    // On bytes: ASCII letters and digits, `-`, `/`, inner `.`, and any non-ASCII byte
    // (so that words never split a character).
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 5 + 1);
    let mut start = None;
    let mut in_char = false; // inside a non-ASCII letter
    for (i, &c) in b.iter().enumerate() {
        if c >= 0x80 {
            if c >= 0xC0 {
                in_char = s[i..].chars().next().is_some_and(char::is_alphanumeric);
            }
        } else {
            in_char = false;
        }
        let part = c.is_ascii_alphanumeric()
            || in_char
            || c == b'-'
            || c == b'/'
            || (c == b'.' && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

fn number(w: &str) -> Option<i32> {
    let w = w.trim_end_matches('.');
    let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 13th
    if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

fn date_at(s: &str, words: &[(usize, usize)], i: usize) -> Option<(usize, Found)> {
    let w = |k: usize| words.get(i + k).map(|&(a, b)| &s[a..b]);
    let found = |n: usize, d: Date| {
        Some((
            n,
            Found {
                start: words[i].0,
                end: words[i + n - 1].1.min(s.len()),
                date: d,
            },
        ))
    };
    let first = w(0)?.trim_end_matches('.');
    // Month D, YYYY / Month D YYYY
    if let Some(m) = month_number(first) {
        let d = number(w(1)?)?;
        let y = number(w(2)?)?;
        if (1..=31).contains(&d) && w(2)?.len() == 4 {
            return date(y, m, d as i8).and_then(|dt| found(3, dt));
        }
        return None;
    }
    // D Month YYYY
    if let Some(d) = number(first)
        && let (Some(mw), Some(yw)) = (w(1), w(2))
        && let (Some(m), Some(y)) = (month_number(mw), number(yw))
        && (1..=31).contains(&d)
        && yw.len() == 4
    {
        return date(y, m, d as i8).and_then(|dt| found(3, dt));
    }
    // 2018-04-13 and 04/13/18, as one word.
    let parts: Vec<&str> = first.split(['-', '/']).collect();
    let first = first.trim_end_matches('.');
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let n: Vec<i32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if parts[0].len() == 4 && first.contains('-') {
            return date(n[0], n[1] as i8, n[2] as i8).and_then(|dt| found(1, dt));
        }
        if first.contains('/') && parts[2].len() != 3 && parts[0].len() <= 2 && parts[1].len() <= 2
        {
            let y = two_digit_year(n[2]);
            let (m, d) = if n[0] > 12 {
                (n[1], n[0])
            } else {
                (n[0], n[1])
            };
            return date(y, m as i8, d as i8).and_then(|dt| found(1, dt));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalize_metadata_forms() {
        assert_eq!(
            normalize("2018-04-13T10:22:00+00:00").as_deref(),
            Some("2018-04-13")
        );
        assert_eq!(normalize("2018-04-13").as_deref(), Some("2018-04-13"));
        assert_eq!(normalize("2018/04/13").as_deref(), Some("2018-04-13"));
        assert_eq!(normalize("2018-04").as_deref(), Some("2018-04"));
        assert_eq!(normalize("2018").as_deref(), Some("2018"));
        assert_eq!(
            normalize("Fri, 13 Apr 2018 10:22:00 GMT").as_deref(),
            Some("2018-04-13")
        );
        assert_eq!(normalize("April 13, 2018").as_deref(), Some("2018-04-13"));
        assert_eq!(normalize("2018-02-30"), None);
        assert_eq!(normalize("yesterday"), None);
        assert_eq!(normalize("12345"), None);
    }

    #[test]
    fn dates_found_in_running_text() {
        let s = "BR549 on Apr 17, 2018; retrieved 04/04/18 and 13 May 2020, 2021-01-02.";
        let got: Vec<String> = find(s).iter().map(|f| f.date.to_string()).collect();
        assert_eq!(
            got,
            ["2018-04-17", "2018-04-04", "2020-05-13", "2021-01-02"]
        );
        assert_eq!(&s[find(s)[0].start..find(s)[0].end], "Apr 17, 2018");
        assert!(find("Su-30MK2 and AK-103 in 24/7 mode, page 12/13").is_empty());
        let s = "Décembre — March 14, 2016—the day";
        assert_eq!(&s[find(s)[0].start..find(s)[0].end], "March 14, 2016");
        let s = "São Paulo, March 14, 2016 — the day";
        assert_eq!(&s[find(s)[0].start..find(s)[0].end], "March 14, 2016");
    }
}
