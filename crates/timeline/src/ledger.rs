//! The ledger: one row per forecast across documents, with its deadline and its status as
//! of a date, citing every sentence that made it and the outcome that settles it.
//!
//! Which facility a statement is about comes from [`crate::projects`]. A forecast about
//! a facility is settled by an outcome about it (one about several facilities needs one for
//! each); a forecast about the project as a whole, by an outcome about the whole, or about
//! any facility when the project has at most one for that event.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use jiff::civil::Date;
use overdue_pipeline::Analysis;
use overdue_pipeline::statement::{Speaker, Statement, Target};
use overdue_pipeline::text::Span;
use serde::Serialize;

use crate::deadline::{Status, deadline, interval, status};
use crate::projects::{About, Grouping};

/// Where a forecast or an outcome was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The document.
    pub doc: String,
    /// The sentence.
    pub span: Span,
}

/// The outcome that settles a forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settled {
    /// The document.
    pub doc: String,
    /// The sentence.
    pub span: Span,
    /// When it happened, a TIMEX3 value.
    pub when: String,
}

/// One promised date.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The project's id.
    pub project: String,
    /// The facilities it is about, joined with ` + `; none for the project as a whole.
    pub facility: Option<String>,
    /// The facilities it is about, one by one.
    pub facilities: Vec<String>,
    /// The event promised.
    pub event: &'static str,
    /// Who promised it.
    pub speaker: Option<Speaker>,
    /// When it was first said, a TIMEX3 value.
    pub said: Option<String>,
    /// When it is to happen.
    pub target: Option<Target>,
    /// The last day the wording allows.
    pub deadline: Option<String>,
    /// Where it stands as of the ledger's date.
    pub status: &'static str,
    /// Every statement of this forecast.
    pub sources: Vec<Source>,
    /// The outcome that settles a kept or late row.
    pub outcome: Option<Settled>,
}

impl Row {
    /// Who promised it, as a report shows it: "Adan Chavez (president)"; empty for the
    /// outlet's own voice.
    pub fn speaker_label(&self) -> String {
        self.speaker
            .as_ref()
            .map_or(String::new(), |s| match &s.role {
                Some(role) => format!("{} ({role})", s.name),
                None => s.name.clone(),
            })
    }
}

/// The ledger of the documents given.
#[derive(Debug, Clone, Serialize)]
pub struct Ledger {
    /// The date statuses are given as of.
    pub as_of: String,
    /// One row per forecast, in the order first said.
    pub rows: Vec<Row>,
    /// For each facility and event, the successive deadlines (filled by [`build`]).
    pub slippage: Vec<crate::slippage::Chain>,
}

/// The events an outcome of which can settle a forecast: the stages and delivery.
const SETTLING: [&str; 6] = [
    "announced",
    "construction_start",
    "construction_complete",
    "operation_start",
    "full_capacity",
    "delivery",
];

/// How far along a project an event is; an outcome of a later stage settles a forecast of
/// an earlier one. `None` for events that settle nothing but themselves.
fn stage(event: &str) -> Option<u8> {
    match event {
        "announced" => Some(0),
        "construction_start" => Some(1),
        "construction_complete" => Some(2),
        "operation_start" => Some(3),
        "full_capacity" => Some(4),
        _ => None,
    }
}

fn settles(outcome: &str, forecast: &str) -> bool {
    match (stage(outcome), stage(forecast)) {
        (Some(o), Some(f)) => o >= f,
        (None, None) => outcome == forecast && outcome == "delivery",
        _ => false,
    }
}

/// The day a TIMEX3 value is known to have passed by: the last day of its interval.
fn last_day(value: &str) -> Option<Date> {
    interval(value).map(|iv| iv.last)
}

struct Item<'a> {
    doc: &'a str,
    st: &'a Statement,
    project: &'a str,
    about: &'a About,
}

/// One statement as the ledger reads it: its document, the statement, its project and
/// what it is about.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The document's id.
    pub doc: &'a str,
    /// The statement.
    pub statement: &'a Statement,
    /// The project's id.
    pub project: &'a str,
    /// The facilities it is about.
    pub about: &'a About,
}

/// Builds the ledger of `docs`, grouped as `grouping` says, as of `as_of` (default: the
/// newest publication date).
pub fn build(docs: &[Analysis], grouping: &Grouping, as_of: Option<Date>) -> Ledger {
    let newest = newest(docs.iter().map(|a| a.doc.meta.published.value.as_deref()));
    let inputs = docs.iter().enumerate().flat_map(|(d, a)| {
        a.statements.iter().enumerate().map(move |(k, st)| Input {
            doc: &a.doc.id,
            statement: st,
            project: &grouping.project(d).id,
            about: grouping.about(d, k),
        })
    });
    build_from(inputs, as_of.or(newest))
}

/// The last day of the newest of these publication dates (TIMEX3 values): the date a
/// ledger is given as of unless told.
pub fn newest<'a>(published: impl Iterator<Item = Option<&'a str>>) -> Option<Date> {
    published.filter_map(|p| p.and_then(last_day)).max()
}

/// Builds the ledger of statements as of `as_of` (default: 1970-01-01, so give one).
/// Time and memory grow with the number of statements, not faster.
pub fn build_from<'a>(inputs: impl IntoIterator<Item = Input<'a>>, as_of: Option<Date>) -> Ledger {
    let mut forecasts = Vec::new();
    let mut outcomes = Vec::new();
    for input in inputs {
        let st = input.statement;
        let item = Item {
            doc: input.doc,
            st,
            project: input.project,
            about: input.about,
        };
        match st.kind {
            // A forecast of a delay or of an event outside the stages is no promise.
            "forecast" if stage(st.event).is_some() || st.event == "delivery" => {
                forecasts.push(item)
            }
            "outcome" => outcomes.push(item),
            _ => {}
        }
    }
    let as_of = as_of.unwrap_or(jiff::civil::date(1970, 1, 1));
    // Per project and event, the facilities the documents name (two at most: enough
    // to know whether there is more than one).
    let mut types: HashMap<(&str, &str), BTreeSet<&str>> = HashMap::default();
    for i in forecasts.iter().chain(&outcomes) {
        let set = types.entry((i.project, i.st.event)).or_default();
        for f in &i.about.facilities {
            if set.len() < 2 {
                set.insert(f);
            }
        }
    }
    // Dated outcomes by project and event, all facilities and by facility, sorted by date.
    type Dated = Vec<(Date, usize)>;
    let mut by_event: HashMap<(&str, &str), Dated> = HashMap::default();
    let mut by_facility: HashMap<(&str, &str, Option<&str>), Dated> = HashMap::default();
    for (k, o) in outcomes.iter().enumerate() {
        let Some(d) = o.st.when.as_deref().and_then(interval).map(|iv| iv.first) else {
            continue;
        };
        if d > as_of {
            continue;
        }
        by_event
            .entry((o.project, o.st.event))
            .or_default()
            .push((d, k));
        if o.about.facilities.is_empty() {
            by_facility
                .entry((o.project, o.st.event, None))
                .or_default()
                .push((d, k));
        }
        for f in &o.about.facilities {
            by_facility
                .entry((o.project, o.st.event, Some(f)))
                .or_default()
                .push((d, k));
        }
    }
    for list in by_event.values_mut().chain(by_facility.values_mut()) {
        list.sort_unstable();
    }
    type RowKey<'k> = (
        &'k str,
        &'k str,
        &'k [String],
        Option<&'k str>,
        Option<Date>,
        Option<&'k str>,
    );
    let mut index: HashMap<RowKey<'_>, usize> = HashMap::default();
    let mut rows: Vec<Row> = Vec::new();
    for f in &forecasts {
        let target = f.st.target.as_ref();
        let dl = target.and_then(|t| {
            deadline(
                t.value.as_deref(),
                t.modifier,
                t.bound,
                f.st.said.as_deref(),
            )
        });
        let source = Source {
            doc: f.doc.to_string(),
            span: f.st.span,
        };
        let key = (
            f.project,
            f.st.event,
            f.about.facilities.as_slice(),
            f.st.speaker.as_ref().map(|s| s.id.as_str()),
            dl,
            target.and_then(|t| t.value.as_deref()),
        );
        if let Some(&r) = index.get(&key) {
            rows[r].sources.push(source);
            continue;
        }
        index.insert(key, rows.len());
        // The earliest outcome that settles it. A promise about a facility needs a report
        // about it (about several, one for each); one about the project as a whole, a
        // report naming no facility or the only one named. An outcome reported before the
        // forecast was made (or on the day) is an earlier event; a part done does not settle a promise
        // about the whole.
        let single_type = types
            .get(&(f.project, f.st.event))
            .is_none_or(|t| t.len() <= 1);
        let said_from = f.st.said.as_deref().and_then(interval).map(|iv| iv.first);
        let first_after = |list: &Dated| -> Option<(Date, usize)> {
            // Reported after it was said: what was done when it was said is not what it
            // promises.
            let from = said_from.map_or(0, |s| list.partition_point(|(d, _)| *d <= s));
            list[from..]
                .iter()
                .find(|(_, k)| {
                    let o = &outcomes[*k];
                    (o.about.phase.is_none() || o.about.phase == f.about.phase)
                        && (o.about.several || !f.about.several)
                })
                .copied()
        };
        let settled = SETTLING
            .into_iter()
            .filter(|e| settles(e, f.st.event))
            .filter_map(|e| {
                if f.about.facilities.is_empty() {
                    let list = if single_type {
                        by_event.get(&(f.project, e))
                    } else {
                        by_facility.get(&(f.project, e, None))
                    };
                    return first_after(list?);
                }
                // Every facility reported, the last of them.
                f.about
                    .facilities
                    .iter()
                    .map(|fac| first_after(by_facility.get(&(f.project, e, Some(fac.as_str())))?))
                    .collect::<Option<Vec<_>>>()?
                    .into_iter()
                    .max()
            })
            .min();
        let st = status(dl, settled.map(|(d, _)| d), as_of);
        rows.push(Row {
            project: f.project.to_string(),
            facility: (!f.about.facilities.is_empty()).then(|| f.about.facilities.join(" + ")),
            facilities: f.about.facilities.clone(),
            event: f.st.event,
            speaker: f.st.speaker.clone(),
            said: f.st.said.clone(),
            target: target.cloned(),
            deadline: dl.map(|d| d.to_string()),
            status: st.as_str(),
            sources: vec![source],
            outcome: settled
                .filter(|_| matches!(st, Status::Kept | Status::Late))
                .and_then(|(_, k)| {
                    let o = &outcomes[k];
                    Some(Settled {
                        doc: o.doc.to_string(),
                        span: o.st.span,
                        when: o.st.when.clone()?,
                    })
                }),
        });
    }
    let mut ledger = Ledger {
        as_of: as_of.to_string(),
        rows,
        slippage: Vec::new(),
    };
    ledger.slippage = crate::slippage::chains(&ledger);
    ledger
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_stages_settle_earlier_ones() {
        assert!(settles("operation_start", "construction_complete"));
        assert!(settles("construction_complete", "construction_complete"));
        assert!(!settles("construction_start", "operation_start"));
        assert!(!settles("delayed", "operation_start"));
        assert!(settles("delivery", "delivery"));
        assert!(!settles("delivery", "operation_start"));
    }
}
