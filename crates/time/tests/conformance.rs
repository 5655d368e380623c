//! Conformance with a peer's specification cases: Microsoft Recognizers-Text's English
//! date, date-period and duration parser cases (`../shared/conformance/recognizers-text`,
//! MIT). Their resolutions are mapped to TIMEX3 values as overdue writes them: a month,
//! quarter, half, year or ISO week written as a range `(start,end,duration)` becomes
//! `2016-10`, `2016-Q3`, `2016-H2`, `2016`, `2016-W45`; a date without a year counts as
//! right when resolved to either of the peer's future and past readings; a relative
//! expression resolved at a coarser grain than the peer's day (`a month ago` → `2016-10`,
//! `in 3 weeks` → `2018-W30`, as TimeML writes it) counts as right when it is the peer's
//! day truncated, or the ISO week that holds it.
//!
//! A case passes when every expected expression is found (overlapping span, mapped
//! value) and nothing else of the file's type is (a date file says nothing of the
//! durations in its sentences, the duration file nothing of dates). The cases that fail today are listed in
//! `tests/conformance/known-failures.txt`; the test fails when another case fails, and
//! when a listed case passes (so that the list only shrinks). Run with `--nocapture` for
//! the pass rate per file.

use std::collections::BTreeSet;
use std::path::PathBuf;

use jiff::civil::Date;
use overdue_text::{DateSource, Document, Published, segment};
use overdue_time::extract;
use serde_json::Value;

const FILES: &[&str] = &[
    "DateParser.json",
    "DatePeriodParser.json",
    "DurationParser.json",
];

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/conformance/recognizers-text/DateTime");
    assert!(
        d.is_dir(),
        "the conformance cases are expected in {}",
        d.display()
    );
    d
}

/// The TIMEX3 values overdue may write for one expected result.
fn accepted(result: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let value = &result["Value"];
    if let Some(t) = value["Timex"].as_str() {
        out.push(range_to_timex(t).unwrap_or_else(|| t.to_string()));
    }
    for key in ["FutureResolution", "PastResolution"] {
        let res = &value[key];
        if let Some(d) = res["date"].as_str() {
            out.push(d.to_string());
        }
        if let (Some(a), Some(b)) = (res["startDate"].as_str(), res["endDate"].as_str())
            && let Some(t) = dates_to_timex(a, b)
        {
            out.push(t);
        }
    }
    out
}

/// A range given by its first day and the day after it, as a calendar unit's value:
/// `2017-02-01`, `2017-03-01` → `2017-02`; `2016-11-14`, `2016-11-21` → `2016-W46`.
fn dates_to_timex(start: &str, end: &str) -> Option<String> {
    let (a, b): (Date, Date) = (start.parse().ok()?, end.parse().ok()?);
    if a.until(b).ok()?.get_days() == 7 {
        return range_to_timex(&format!("({start},{end},P7D)"));
    }
    let months = (i32::from(b.year()) - i32::from(a.year())) * 12 + i32::from(b.month())
        - i32::from(a.month());
    if b.day() != a.day() {
        return None;
    }
    let dur = match months {
        1 => "P1M",
        3 => "P3M",
        6 => "P6M",
        12 => "P1Y",
        120 => "P10Y",
        1200 => "P100Y",
        _ => return None,
    };
    range_to_timex(&format!("({start},{end},{dur})"))
}

/// `(2016-10-01,2016-11-01,P1M)` → `2016-10`, and so on for quarters, halves, years and
/// ISO weeks.
fn range_to_timex(t: &str) -> Option<String> {
    let inner = t.strip_prefix('(')?.strip_suffix(')')?;
    let mut parts = inner.split(',');
    let (start, _end, dur) = (parts.next()?, parts.next()?, parts.next()?);
    let d: Date = start.parse().ok()?;
    let (y, m, day) = (d.year(), d.month(), d.day());
    Some(match dur {
        "P1M" if day == 1 => format!("{y:04}-{m:02}"),
        "P3M" if day == 1 && (m - 1) % 3 == 0 => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
        "P6M" if day == 1 && (m == 1 || m == 7) => {
            format!("{y:04}-H{}", if m == 1 { 1 } else { 2 })
        }
        "P1Y" if day == 1 && m == 1 => format!("{y:04}"),
        "P10Y" if day == 1 && m == 1 && y % 10 == 0 => format!("{:03}", y / 10),
        "P100Y" if day == 1 && m == 1 && y % 100 == 0 => format!("{:02}", y / 100),
        "P7D" | "P1W" if d.weekday() == jiff::civil::Weekday::Monday => {
            let w = d.iso_week_date();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        _ => return None,
    })
}

/// A duration as (months, seconds), so that `P0.5Y` equals `P6M` and `PT1.5H` `PT90M`.
fn duration_size(v: &str) -> Option<(f64, f64)> {
    let rest = v.strip_prefix('P')?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut months = 0.0;
    let mut secs = 0.0;
    for (part, is_time) in [(date, false), (time, true)] {
        let mut num = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
                continue;
            }
            let n: f64 = num.parse().ok()?;
            num.clear();
            match (c, is_time) {
                ('Y', false) => months += 12.0 * n,
                ('M', false) => months += n,
                ('W', false) => secs += 7.0 * 86400.0 * n,
                ('D', false) => secs += 86400.0 * n,
                ('H', true) => secs += 3600.0 * n,
                ('M', true) => secs += 60.0 * n,
                ('S', true) => secs += n,
                _ => return None,
            }
        }
        if !num.is_empty() {
            return None;
        }
    }
    Some((months, secs))
}

/// Whether a value of ours is the peer's: equal, the same duration, or the same date
/// where the peer leaves the year open (`XXXX-03`, a season `SU`) and overdue resolved it.
fn same_value(ours: &str, theirs: &str) -> bool {
    let theirs_dated;
    let theirs = if matches!(theirs, "SP" | "SU" | "FA" | "WI") {
        theirs_dated = format!("XXXX-{theirs}");
        theirs_dated.as_str()
    } else {
        theirs
    };
    ours == theirs
        || (theirs.starts_with("XXXX-") && same_day(ours, theirs))
        || (ours.starts_with('P')
            && duration_size(ours).is_some()
            && duration_size(ours) == duration_size(theirs))
}

/// The first day a TIMEX3 date value covers: `2014` → `2014-01-01`, `2017-10` →
/// `2017-10-01`; `XXXX` stays for a year not given.
fn first_day(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        value
            .get(r)
            .is_some_and(|p| p.bytes().all(|c| c.is_ascii_digit() || c == b'X'))
    };
    match b.len() {
        4 if digits(0..4) => Some(format!("{value}-01-01")),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => Some(format!("{value}-01")),
        10 if digits(0..4) && digits(5..7) && digits(8..10) => Some(value.to_string()),
        _ => None,
    }
}

fn same_day(ours: &str, theirs: &str) -> bool {
    ours.len() == theirs.len()
        && ours
            .bytes()
            .zip(theirs.bytes())
            .all(|(a, b)| a == b || a == b'X' || b == b'X')
}

/// TimeML has no value for a range: "from 2014 to 2018" is two DATE expressions, one per
/// end, and "within 5 days", "the past 3 weeks" (a range that starts or ends at the
/// reference) one DURATION. The peer writes either as one range `(start,end,duration)`;
/// its case passes when the expressions found inside its span are the TimeML reading:
/// one that starts on its first day and another on its end day, or a duration of its
/// length.
fn as_timeml_range(
    r: &Value,
    reference: Option<&str>,
    inside: &[usize],
    got: &[overdue_time::Timex],
) -> Option<Vec<usize>> {
    let t = r["Value"]["Timex"].as_str()?;
    let inner = t.strip_prefix('(')?.strip_suffix(')')?;
    let mut parts = inner.split(',');
    let (start, end, dur) = (parts.next()?, parts.next()?, parts.next()?);
    let starts = |k: &usize, day: &str| {
        got[*k].kind == "DATE" && first_day(&got[*k].value).is_some_and(|f| same_day(&f, day))
    };
    if let Some(a) = inside.iter().find(|k| starts(k, start))
        && let Some(b) = inside.iter().find(|k| *k != a && starts(k, end))
    {
        return Some(vec![*a, *b]);
    }
    let reference: Date = reference?.parse().ok()?;
    let next = reference.tomorrow().ok()?.to_string();
    let reference = reference.to_string();
    let anchored = [reference.as_str(), next.as_str()].contains(&start) || end == reference;
    if !anchored {
        return None;
    }
    inside
        .iter()
        .find(|k| got[**k].kind == "DURATION" && same_value(&got[**k].value, dur))
        .map(|k| vec![*k])
}

/// Whether our value is the peer's day at a coarser grain: its year or month
/// (`2016-10` for `2016-10-07`) or its ISO week (`2018-W30` for `2018-07-26`).
fn coarser(ours: &str, day: &str) -> bool {
    if day.len() > ours.len() && day.starts_with(ours) {
        return true;
    }
    let Ok(d) = day.parse::<Date>() else {
        return false;
    };
    let w = d.iso_week_date();
    ours == format!("{:04}-W{:02}", w.year(), w.week())
}

fn char_to_byte(s: &str, c: usize) -> usize {
    s.char_indices().nth(c).map_or(s.len(), |(b, _)| b)
}

/// Whether the case passes, and a line saying why not.
fn check(case: &Value, kind: &str) -> Result<(), String> {
    let input = case["Input"].as_str().unwrap_or("");
    let reference = case["Context"]["ReferenceDateTime"]
        .as_str()
        .map(|r| &r[..10]);
    let mut doc = Document::new("case", input);
    if let Some(r) = reference {
        doc.meta.published = Published::known(r, DateSource::Flag);
    }
    let seg = segment(&doc.text);
    let got = extract(&doc, &seg);
    let mut used = vec![false; got.len()];
    let empty = Vec::new();
    for r in case["Results"].as_array().unwrap_or(&empty) {
        let start = r["Start"].as_u64().unwrap_or(0) as usize;
        let len = r["Length"]
            .as_u64()
            .map(|l| l as usize)
            .or_else(|| r["End"].as_u64().map(|e| e as usize + 1 - start))
            .unwrap_or(0);
        let (bs, be) = (char_to_byte(input, start), char_to_byte(input, start + len));
        let want = accepted(r);
        let hit = got.iter().enumerate().find(|(_, t)| {
            t.span.start() < be
                && bs < t.span.end()
                && (want.iter().any(|w| same_value(&t.value, w))
                    || ["ago", "last|next", "later", "from now", "in <num>"]
                        .iter()
                        .any(|r| t.rule.contains(r))
                        && want.iter().any(|w| coarser(&t.value, w)))
        });
        let hit = hit.map(|(k, _)| vec![k]).or_else(|| {
            let inside: Vec<usize> = (0..got.len())
                .filter(|&k| got[k].span.start() < be && bs < got[k].span.end())
                .collect();
            as_timeml_range(r, reference, &inside, &got)
        });
        match hit {
            Some(ks) => ks.into_iter().for_each(|k| used[k] = true),
            None => {
                let found: Vec<String> = got
                    .iter()
                    .map(|t| format!("{:?}={}", t.text, t.value))
                    .collect();
                return Err(format!(
                    "want {:?} {want:?}, found {found:?}",
                    r["Text"].as_str().unwrap_or("")
                ));
            }
        }
    }
    // A file speaks for its own type only: the date files say nothing of durations.
    if let Some(k) = (0..got.len()).find(|&k| !used[k] && got[k].kind == kind) {
        return Err(format!("extra {:?}={}", got[k].text, got[k].value));
    }
    Ok(())
}

fn supported_by_peer(case: &Value) -> bool {
    let lists = [
        case["NotSupported"].as_str(),
        case["NotSupportedByDesign"].as_str(),
    ];
    !lists
        .iter()
        .flatten()
        .any(|l| l.to_ascii_lowercase().contains("dotnet"))
}

#[test]
fn conformance_recognizers_text_dates() {
    let known_text = include_str!("conformance/known-failures.txt");
    let known: BTreeSet<(String, String)> = known_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(f, i)| (f.to_string(), i.to_string()))
        .collect();
    let mut new_failures = Vec::new();
    let mut now_passing = Vec::new();
    let mut failing = Vec::new();
    let (mut all_pass, mut all_fail) = (0, 0);
    for file in FILES {
        let text = std::fs::read_to_string(dir().join(file)).unwrap();
        let cases: Vec<Value> = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        let (mut pass, mut fail) = (0, 0);
        for case in cases.iter().filter(|c| supported_by_peer(c)) {
            let input = case["Input"]
                .as_str()
                .unwrap_or("")
                .replace(['\t', '\n'], " ");
            let key = (file.to_string(), input.clone());
            let kind = if file.starts_with("Duration") {
                "DURATION"
            } else {
                "DATE"
            };
            match check(case, kind) {
                Ok(()) => {
                    pass += 1;
                    if known.contains(&key) {
                        now_passing.push(format!("{file}\t{input}"));
                    }
                }
                Err(why) => {
                    fail += 1;
                    failing.push(format!("{file}\t{input}"));
                    if std::env::var_os("OVERDUE_CONFORMANCE_WHY").is_some() {
                        println!("FAIL {file} {input:?}: {why}");
                    }
                    if !known.contains(&key) {
                        new_failures.push(format!("{file} {input:?}: {why}"));
                    }
                }
            }
        }
        println!(
            "conformance {file} — {pass} passed, {fail} failed ({:.1}%)",
            100.0 * pass as f64 / (pass + fail).max(1) as f64
        );
        all_pass += pass;
        all_fail += fail;
    }
    println!(
        "conformance all — {all_pass} passed, {all_fail} failed ({:.1}%)",
        100.0 * all_pass as f64 / (all_pass + all_fail).max(1) as f64
    );
    if std::env::var_os("OVERDUE_WRITE_KNOWN_FAILURES").is_some() {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/known-failures.txt");
        let header = "# Recognizers-Text cases that fail today (file, TAB, input). The list may only shrink:\n# regenerate with OVERDUE_WRITE_KNOWN_FAILURES=1 cargo test -p overdue-time --test conformance\n";
        std::fs::write(path, format!("{header}{}\n", failing.join("\n"))).unwrap();
        return;
    }
    assert!(
        new_failures.is_empty(),
        "{} cases fail that are not known failures:\n{}",
        new_failures.len(),
        new_failures.join("\n")
    );
    assert!(
        now_passing.is_empty(),
        "{} known failures pass now; remove them from known-failures.txt:\n{}",
        now_passing.len(),
        now_passing.join("\n")
    );
}
