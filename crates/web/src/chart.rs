//! The milestone-trend chart as SVG: x is when a date was promised, y the date promised,
//! one line per facility and event, and the diagonal where a promise falls due.

use std::fmt::Write;

use jiff::civil::Date;
use overdue_timeline::slippage::Chain;

use crate::html::esc;

/// Colours of the lines, in turn (readable on white, told apart in grey too).
const COLOURS: [&str; 8] = [
    "#1b6ca8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b",
];

/// A chain's points as days since 1970: (said, deadline).
fn points(c: &Chain) -> Vec<(f64, f64)> {
    c.points
        .iter()
        .filter_map(|p| {
            let said = overdue_timeline::deadline::interval(&p.said)?.first;
            let dl: Date = p.deadline.parse().ok()?;
            Some((days(said), days(dl)))
        })
        .collect()
}

fn days(d: Date) -> f64 {
    f64::from(
        jiff::civil::date(1970, 1, 1)
            .until(d)
            .map_or(0, |s| s.get_days()),
    )
}

fn year_start(y: i16) -> f64 {
    days(jiff::civil::date(y, 1, 1))
}

/// The chart of `chains` (each named by its label) as one SVG element; none when no
/// chain has a point.
pub fn svg(chains: &[(String, &Chain)]) -> Option<String> {
    let lines: Vec<(&str, Vec<(f64, f64)>)> = chains
        .iter()
        .map(|(label, c)| (label.as_str(), points(c)))
        .filter(|(_, p)| !p.is_empty())
        .collect();
    let all: Vec<(f64, f64)> = lines.iter().flat_map(|(_, p)| p.iter().copied()).collect();
    if all.is_empty() {
        return None;
    }
    // One scale for both axes, whole years, so that the diagonal is at 45°.
    let lo = all
        .iter()
        .map(|p| p.0.min(p.1))
        .fold(f64::INFINITY, f64::min);
    let hi = all
        .iter()
        .map(|p| p.0.max(p.1))
        .fold(f64::NEG_INFINITY, f64::max);
    let year = |d: f64| 1970 + (d / 365.2425).floor() as i16;
    let (y0, y1) = (year(lo), year(hi) + 1);
    let (lo, hi) = (year_start(y0), year_start(y1));
    let (w, h, m) = (640.0, 440.0, 56.0);
    let x = |d: f64| m + (d - lo) / (hi - lo) * (w - 2.0 * m);
    let y = |d: f64| h - m - (d - lo) / (hi - lo) * (h - 2.0 * m);
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="chart-title" font-family="sans-serif" font-size="11"><title id="chart-title">Milestone trend: promised date against the date it was promised</title><rect width="{w}" height="{h}" fill="#fff"/>"##
    );
    // Grid and year labels.
    let step = ((y1 - y0) as f64 / 10.0).ceil().max(1.0) as i16;
    let mut yr = y0;
    while yr <= y1 {
        let d = year_start(yr);
        let _ = write!(
            s,
            r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#e5e5e5"/><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#e5e5e5"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">{yr}</text><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555">{yr}</text>"##,
            x(d),
            y(lo),
            x(d),
            y(hi),
            x(lo),
            y(d),
            x(hi),
            y(d),
            x(d),
            h - m + 16.0,
            m - 6.0,
            y(d) + 4.0
        );
        yr += step;
    }
    // The diagonal: a promise on it falls due the day it is made.
    let _ = write!(
        s,
        r##"<line class="diagonal" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#999" stroke-dasharray="4 4"><title>due on the day said</title></line>"##,
        x(lo),
        y(lo),
        x(hi),
        y(hi)
    );
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#333">date said</text><text transform="translate(14 {:.1}) rotate(-90)" text-anchor="middle" fill="#333">date promised</text>"##,
        w / 2.0,
        h - 12.0,
        h / 2.0
    );
    for (i, (label, pts)) in lines.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let path: Vec<String> = pts
            .iter()
            .map(|(a, b)| format!("{:.1},{:.1}", x(*a), y(*b)))
            .collect();
        let _ = write!(
            s,
            r##"<g class="series"><title>{}</title><polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"##,
            esc(label),
            path.join(" ")
        );
        for (a, b) in pts {
            let _ = write!(
                s,
                r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{colour}"/>"##,
                x(*a),
                y(*b)
            );
        }
        // The legend sits in the lower right, where promises would fall due before
        // they were made, so that no line runs under it.
        let row = h - m - 8.0 - 14.0 * (lines.len() - i) as f64;
        let _ = write!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="10" height="10" fill="{colour}"/><text x="{:.1}" y="{:.1}">{}</text></g>"##,
            w - m - 220.0,
            row,
            w - m - 205.0,
            row + 9.0,
            esc(label)
        );
    }
    s.push_str("</svg>");
    Some(s)
}
