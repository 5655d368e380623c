//! Slippage: for each facility and event, the chain of successive deadlines in the order
//! they were said, the total slip and the slip per year of reporting (what a
//! milestone-trend chart draws: x when said, y the deadline).

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::deadline::interval;
use crate::ledger::{Ledger, Source};

/// One point of a chain.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// When it was said, a TIMEX3 value.
    pub said: String,
    /// The deadline then promised.
    pub deadline: String,
    /// Who said it.
    pub speaker: Option<String>,
    /// Where.
    pub sources: Vec<Source>,
}

/// The successive deadlines of one facility's event.
#[derive(Debug, Clone, Serialize)]
pub struct Chain {
    /// The project's id.
    pub project: String,
    /// The facility, none for the project as a whole.
    pub facility: Option<String>,
    /// The event, or `milestones` for the project's chain over the stages that finish it.
    pub event: &'static str,
    /// The deadlines in the order said.
    pub points: Vec<Point>,
    /// The last deadline minus the first, in days.
    pub slip_days: i64,
    /// Days of slip per year between the first and the last time it was said; none when
    /// both were said within a month.
    pub slip_days_per_year: Option<f64>,
}

/// A row with the first day it was said and its deadline.
type Dated<'a> = (Date, Date, &'a crate::ledger::Row);

/// The points of a chain, one per date said and deadline.
fn merge(points: Vec<Dated<'_>>) -> Vec<Point> {
    let mut out: Vec<(Date, Date, Point)> = Vec::new();
    for (said, dl, r) in points {
        if let Some((_, _, p)) = out.iter_mut().find(|(s, d, _)| *s == said && *d == dl) {
            p.sources.extend(r.sources.iter().cloned());
            if p.speaker.is_none() {
                p.speaker = r.speaker.as_ref().map(|s| s.name.clone());
            }
            continue;
        }
        out.push((
            said,
            dl,
            Point {
                said: r.said.clone().unwrap_or_default(),
                deadline: dl.to_string(),
                speaker: r.speaker.as_ref().map(|s| s.name.clone()),
                sources: r.sources.clone(),
            },
        ));
    }
    out.into_iter().map(|(_, _, p)| p).collect()
}

/// The chains of a ledger with at least two different deadlines, longest slip first:
/// one per facility and event, and the project's `milestones` chain over the stages that
/// finish it (construction complete, operation, full capacity).
pub fn chains(ledger: &Ledger) -> Vec<Chain> {
    type Key<'k> = (&'k str, Option<&'k str>, &'static str);
    let mut groups: BTreeMap<Key<'_>, Vec<Dated<'_>>> = BTreeMap::new();
    for r in &ledger.rows {
        let (Some(said), Some(dl)) = (
            r.said.as_deref().and_then(interval),
            r.deadline.as_deref().and_then(|d| d.parse::<Date>().ok()),
        ) else {
            continue;
        };
        // A promise about several facilities is a point of each one's chain.
        if r.facilities.is_empty() {
            groups
                .entry((&r.project, None, r.event))
                .or_default()
                .push((said.first, dl, r));
        }
        for f in &r.facilities {
            groups
                .entry((&r.project, Some(f), r.event))
                .or_default()
                .push((said.first, dl, r));
        }
        // The project's chain: when every facility is to be done (complete, working or
        // at full capacity).
        if matches!(
            r.event,
            "construction_complete" | "operation_start" | "full_capacity"
        ) {
            groups
                .entry((&r.project, None, "milestones"))
                .or_default()
                .push((said.first, dl, r));
        }
    }
    let mut out: Vec<Chain> = groups
        .into_iter()
        .filter_map(|((project, facility, event), mut points)| {
            points.sort_by_key(|(said, dl, _)| (*said, *dl));
            let (first_said, first_dl, _) = *points.first()?;
            let (last_said, last_dl, _) = *points.last()?;
            if points.iter().all(|(_, dl, _)| *dl == first_dl) {
                return None;
            }
            let slip_days = i64::from(first_dl.until(last_dl).ok()?.get_days());
            let span_days = i64::from(first_said.until(last_said).ok()?.get_days());
            Some(Chain {
                project: project.to_string(),
                facility: facility.map(str::to_string),
                event,
                slip_days,
                slip_days_per_year: (span_days > 30)
                    .then(|| slip_days as f64 * 365.25 / span_days as f64),
                points: merge(points),
            })
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.slip_days));
    out
}
