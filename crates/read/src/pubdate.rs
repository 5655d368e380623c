//! The publication date when nothing but the article text gives one.
//!
//! Only strong evidence counts: a dateline or byline date near the top of the article
//! gives the date; a reference "retrieved" on a day or an embedded post of a day gives
//! the earliest it can be; a dated comment gives the latest. A date inside a banner or
//! any other boilerplate is never taken as the article's date.

use jiff::civil::Date;
use overdue_text::{DateSource, Published, Span};

use crate::dates;

/// How a byline or date line begins.
const BYLINE_STARTS: &[&str] = &[
    "by ",
    "published",
    "posted",
    "updated",
    "date",
    "first published",
];

/// Infers a publication date from `text`, with `boilerplate` its marked furniture.
/// `not_after` is an outside upper bound (a crawl date).
pub fn infer(text: &str, boilerplate: &[Span], not_after: Option<Date>) -> Published {
    let mut exact: Option<Date> = None;
    let mut lower: Option<Date> = None;
    let mut upper: Option<Date> = not_after;
    let mut body_lines = 0;
    let mut pos = 0;
    // Past the first lines only boilerplate and embedded posts count: without a post,
    // jump from one boilerplate range to the next.
    let posts = memchr::memmem::find(text.as_bytes(), b"(@").is_some();
    let mut lines = text.split_inclusive('\n');
    while let Some(raw) = lines.next() {
        let start = pos;
        pos += raw.len();
        if !posts && body_lines > 12 {
            match boilerplate.iter().find(|b| b.end() > start) {
                None => break,
                Some(b) if b.start() > pos => {
                    // Skip to the line holding the range's start.
                    let skip = &text[pos..b.start()];
                    let whole = skip.rfind('\n').map_or(0, |k| k + 1);
                    for _ in 0..skip[..whole].matches('\n').count() {
                        let _ = lines.next();
                    }
                    pos += whole;
                    continue;
                }
                Some(_) => {}
            }
        }
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let in_bp = boilerplate
            .iter()
            .any(|b| b.start() < pos && start < b.end());
        if !in_bp {
            body_lines += 1;
        }
        let header_zone = !in_bp && exact.is_none() && body_lines <= 12;
        let post = memchr::memmem::find(line.as_bytes(), b"(@");
        if !(header_zone || in_bp || post.is_some()) || !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // An embedded post: "— Name (@handle) July 4, 2025": the article is not older.
        if let Some(k) = post
            && line.starts_with(['—', '–', '-'])
        {
            if let Some(f) = dates::find(&line[k..]).last() {
                lower = lower.max(Some(f.date));
            }
            continue;
        }
        if in_bp {
            let lower_line = line.to_ascii_lowercase();
            for f in dates::find(line) {
                let before = lower_line[..f.start].trim_end();
                if before.ends_with("retrieved")
                    || before.ends_with("accessed")
                    || before.ends_with("accessed on")
                {
                    // A reference retrieved on a day: the article is not older.
                    lower = lower.max(Some(f.date));
                } else if before.ends_with(" on") && line.split_whitespace().count() <= 10 {
                    // A dated comment ("Justy on Apr 17, 2018"): the article is not newer.
                    upper = Some(upper.map_or(f.date, |u| u.min(f.date)));
                }
            }
            continue;
        }
        if !header_zone {
            continue;
        }
        let words = line.split_whitespace().count();
        let head = line
            .get(..line.len().min(16))
            .unwrap_or(line)
            .to_ascii_lowercase();
        let byline = words <= 12
            && (BYLINE_STARTS.iter().any(|c| head.starts_with(c))
                || line.contains(" | ")
                || line.contains(" · "));
        if byline || words <= 6 {
            // A byline or a date line: "By Jane Roe | March 3, 2021", "March 3, 2021".
            if let Some(f) = dates::find(line).first()
                && (byline || (f.start == 0 && line[f.end..].trim().len() <= 12))
            {
                exact = Some(f.date);
            }
        } else if starts_like_dateline(line) {
            // A dateline: "LISBON, May 3, 2020 — …" at the start of the first paragraph.
            let mut end = line.len().min(100);
            while !line.is_char_boundary(end) {
                end -= 1;
            }
            let scope = &line[..end];
            if let Some(f) = dates::find(scope).first()
                && f.start <= 60
                && (is_dateline(scope, f.start)
                    || (f.start == 0 && scope[f.end..].trim_start().starts_with(['—', '–', '-'])))
            {
                exact = Some(f.date);
            }
        }
    }
    let fmt = |d: Option<Date>| d.map(|d| d.to_string());
    if let Some(d) = exact {
        return Published {
            value: Some(d.to_string()),
            source: DateSource::Text,
            not_before: fmt(lower),
            not_after: fmt(upper),
        };
    }
    let value = match (lower, upper) {
        (Some(l), Some(u)) if l <= u && l.year() == u.year() && l.month() == u.month() => {
            Some(format!("{:04}-{:02}", l.year(), l.month()))
        }
        _ => None,
    };
    Published {
        source: if value.is_some() {
            DateSource::Text
        } else {
            DateSource::Unknown
        },
        value,
        not_before: fmt(lower),
        not_after: fmt(upper),
    }
}

/// Whether a long line may open with a dateline: an upper-case place (`LISBON,`), a
/// month, or a number.
fn starts_like_dateline(line: &str) -> bool {
    let first = line.split([' ', ',']).next().unwrap_or("");
    let letters = first.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 3 && first.chars().all(|c| !c.is_lowercase()))
        || dates::month_number(first).is_some()
        || first.starts_with(|c: char| c.is_ascii_digit())
}

/// A wire dateline: `WASHINGTON, May 3 (Reuters) -` or `LONDON, May 3, 2020 —`: an
/// upper-case place, a comma, then the date.
fn is_dateline(line: &str, date_start: usize) -> bool {
    let head = line[..date_start].trim_end();
    let Some(place) = head.strip_suffix(',') else {
        return false;
    };
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use overdue_text::mark_boilerplate;

    fn infer_text(text: &str) -> Published {
        infer(text, &mark_boilerplate(text), None)
    }

    #[test]
    fn pubdate_from_byline_and_dateline() {
        let p = infer_text(
            "Bridge Opens\nBy Jane Roe | March 3, 2021\n\nThe bridge opened on Monday after years of delay, officials said.\n",
        );
        assert_eq!(p.value.as_deref(), Some("2021-03-03"));
        assert_eq!(p.source, DateSource::Text);
        let p = infer_text(
            "LISBON, May 3, 2020 — The new terminal will open next year, the operator said on Tuesday.\n",
        );
        assert_eq!(p.value.as_deref(), Some("2020-05-03"));
    }

    #[test]
    fn pubdate_bounds_from_references_and_comments() {
        let text = "Plant to Open\n\nThe plant will open next year, the minister said in a statement on Tuesday.\nIt has been delayed twice since the work began in 2015, officials said.\n\n‘Plant delayed’, Daily News, retrieved 04/04/18, from source\n\nJoin the conversation\n2 comments\n  • Sam on Apr 17, 2018\n\n    Never going to happen, if you ask me, not at this rate anyway.\n";
        let p = infer_text(text);
        assert_eq!(p.value.as_deref(), Some("2018-04"));
        assert_eq!(p.not_before.as_deref(), Some("2018-04-04"));
        assert_eq!(p.not_after.as_deref(), Some("2018-04-17"));
    }

    #[test]
    fn pubdate_not_from_dates_in_running_text() {
        let p = infer_text(
            "Bridge Opens\n\nThe bridge, approved on March 3, 2016, was delayed by floods.\n",
        );
        assert_eq!(p.value, None);
        let p = infer_text(
            "May 3, 2020 — The terminal will open next year, the operator said on Tuesday, after a delay of two years.\n",
        );
        assert_eq!(p.value.as_deref(), Some("2020-05-03"));
    }

    #[test]
    fn pubdate_never_from_a_banner() {
        let text = "Enjoying ad-free content?\nSince July 1, 2024, we have disabled all ads to improve your reading experience.\nSupport us\n\nFactories Behind Schedule\n\nConstruction is falling behind schedule on the factories, an official said on Wednesday.\n";
        let p = infer_text(text);
        assert_eq!(p.value, None);
        assert_eq!(p.source, DateSource::Unknown);
    }

    #[test]
    fn pubdate_embedded_post_is_a_lower_bound_only() {
        let text = "The plant opened.\nIt is big, with four lines that already make cartridges, the company said.\n— Some One (@someone) July 4, 2025\n";
        let p = infer_text(text);
        assert_eq!(p.value, None);
        assert_eq!(p.not_before.as_deref(), Some("2025-07-04"));
    }
}
