//! The publication date when nothing but the article text gives one.
//!
//! Only strong evidence counts: a dateline or byline date near the top of the article
//! gives the date; a reference "retrieved" on a day or an embedded post of a day gives
//! the earliest it can be; a dated comment gives the latest. A date inside a banner or
//! any other boilerplate is never taken as the article's date.

use jiff::civil::Date;
use overdue_text::{DateSource, Published, Span};

use crate::dates;

/// Words that mark a line as a dateline or byline.
const BYLINE_CUES: &[&str] = &[
    "published",
    "posted",
    "updated",
    "by ",
    "| ",
    "—",
    " - ",
    "(reuters)",
    "(ap)",
    "(afp)",
];

/// Infers a publication date from `text`, with `boilerplate` its marked furniture.
/// `not_after` is an outside upper bound (a crawl date).
pub fn infer(text: &str, boilerplate: &[Span], not_after: Option<Date>) -> Published {
    let mut exact: Option<Date> = None;
    let mut lower: Option<Date> = None;
    let mut upper: Option<Date> = not_after;
    let mut body_lines = 0;
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
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
        // Past the top, only boilerplate (references, comments) and embedded posts can
        // bound the date; and only a line with a digit can hold one.
        if (!header_zone && !in_bp && memchr::memmem::find(line.as_bytes(), b"(@").is_none())
            || !line.bytes().any(|b| b.is_ascii_digit())
        {
            continue;
        }
        // A dateline sits at the start of its paragraph, a byline or reference line is
        // short, and an embedded post ends with its handle and date.
        let scope = if let Some(k) = memchr::memmem::find(line.as_bytes(), b"(@") {
            &line[k..]
        } else if line.len() <= 160 {
            line
        } else {
            let mut end = 100;
            while !line.is_char_boundary(end) {
                end -= 1;
            }
            &line[..end]
        };
        let lower_line = scope.to_ascii_lowercase();
        let cue = lower_line.contains("retrieved")
            || lower_line.contains("accessed")
            || scope.starts_with("(@")
            || (in_bp && lower_line.contains(" on "));
        if !header_zone && !cue {
            continue;
        }
        let found = dates::find(scope);
        for f in &found {
            let before = lower_line[..f.start.min(lower_line.len())].trim_end();
            if before.ends_with("retrieved")
                || before.ends_with("accessed")
                || before.ends_with("accessed on")
            {
                lower = lower.max(Some(f.date));
            } else if scope.starts_with("(@") && line.starts_with(['—', '–', '-']) {
                // An embedded post: "— Name (@handle) July 4, 2025".
                lower = lower.max(Some(f.date));
            } else if in_bp && before.ends_with(" on") && line.split_whitespace().count() <= 10 {
                // A dated comment: "Justy on Apr 17, 2018".
                upper = Some(upper.map_or(f.date, |u| u.min(f.date)));
            } else if !in_bp && exact.is_none() && body_lines <= 12 {
                let short = line.split_whitespace().count() <= 20;
                let whole = f.start == 0 && scope[f.end..].trim().len() <= 12;
                let cued = BYLINE_CUES.iter().any(|c| lower_line.contains(c));
                let dateline = f.start <= 60 && is_dateline(scope, f.start);
                if dateline || (short && (whole || cued)) {
                    exact = Some(f.date);
                }
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
