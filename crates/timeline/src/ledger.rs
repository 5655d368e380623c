//! The ledger: one row per forecast across documents, with its deadline and its status as
//! of a date, citing every sentence that made it and the outcome that settles it.
//!
//! First version (issue 7, part 2). Facilities are told apart by the common noun before a
//! facility noun in the subject ("the rifle plant", "the ammunition plant"); a forecast
//! that names no such type ("the plant") is settled only by an outcome that names none
//! either, unless the documents name at most one type for that event; one that names a type
//! is settled only by an outcome naming the same.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;
use overdue_pipeline::Analysis;
use overdue_pipeline::statement::{Speaker, Statement, Target};
use overdue_pipeline::text::Span;
use serde::Serialize;

use crate::deadline::{Status, deadline, interval, status};

/// Nouns that name a facility or a phase of a project.
const FACILITY_NOUNS: &[&str] = &[
    "plant",
    "plants",
    "factory",
    "factories",
    "facility",
    "facilities",
    "works",
    "mill",
    "mills",
    "refinery",
    "refinerys",
    "reactor",
    "reactors",
    "unit",
    "units",
    "line",
    "lines",
    "terminal",
    "terminals",
    "station",
    "stations",
    "bridge",
    "bridges",
    "tunnel",
    "tunnels",
    "airport",
    "airports",
    "runway",
    "runways",
    "port",
    "dam",
    "dams",
    "mine",
    "mines",
    "pipeline",
    "pipelines",
    "railway",
    "section",
    "sections",
    "stage",
    "stages",
    "phase",
    "phases",
    "tower",
    "towers",
    "complex",
];

/// Facility nouns that name a part of a whole.
const PHASE_NOUNS: &[&str] = &["phase", "stage", "section"];

/// Ordinals that pick one part of a whole.
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "initial", "final", "last", "1st", "2nd", "3rd",
    "4th", "5th",
];

/// The part of a whole a text names: "the first phase of the plant" → "first phase".
pub fn phase(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.windows(2).find_map(|w| {
        let noun = singular(&w[1]);
        (ORDINALS.contains(&w[0].as_str()) && PHASE_NOUNS.contains(&noun.as_str()))
            .then(|| format!("{} {noun}", w[0]))
    })
}

/// Words before a facility noun that do not name its type.
const NOT_TYPES: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "our",
    "new",
    "first",
    "second",
    "third",
    "two",
    "both",
    "whole",
    "entire",
    "planned",
    "future",
    "main",
    "big",
    "largest",
    "huge",
    "troubled",
    "other",
    "same",
    "of",
    "for",
    "and",
    "one",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "several",
    "many",
    "some",
    "all",
    "more",
    "additional",
    "further",
    "remaining",
    "existing",
    "last",
    "next",
];

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
    /// The facility or phase, as the type word names it ("rifle plant"); none for the
    /// project as a whole.
    pub facility: Option<String>,
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

/// The facility type a subject names: the lower-case words right before its first
/// facility noun ("the first Kalashnikov ammunition plant" → "ammunition plant").
pub fn facility(subject: &str) -> Option<String> {
    let words: Vec<&str> = subject
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let head = words
        .iter()
        .position(|w| FACILITY_NOUNS.contains(&w.to_lowercase().as_str()))?;
    let mut start = head;
    while start > 0 {
        let w = words[start - 1];
        let lower = w.to_lowercase();
        if w.chars().next().is_some_and(char::is_uppercase)
            || NOT_TYPES.contains(&lower.as_str())
            || w.chars().all(|c| c.is_ascii_digit())
        {
            break;
        }
        start -= 1;
    }
    let noun = singular(&words[head].to_lowercase());
    // "the first phase of the cartridge plant": the facility the phase belongs to.
    if PHASE_NOUNS.contains(&noun.as_str())
        && words
            .get(head + 1)
            .is_some_and(|w| w.eq_ignore_ascii_case("of"))
        && let Some(whole) = facility(&words[head + 2..].join(" "))
    {
        return Some(whole);
    }
    if start < head {
        let types: Vec<String> = words[start..head]
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        return Some(format!("{} {noun}", types.join(" ")));
    }
    // "a plant for the production of assault rifles", "a factory producing tyres": the
    // last lower-case word of what it makes.
    let after: Vec<String> = words[head + 1..].iter().map(|w| w.to_lowercase()).collect();
    let skip = [
        &["for", "the", "production", "of"][..],
        &["for", "producing"],
        &["for", "making"],
        &["to", "produce"],
        &["to", "make"],
        &["producing"],
        &["making"],
    ]
    .iter()
    .find(|p| after.len() > p.len() && after.iter().zip(p.iter()).all(|(a, b)| a == b))?
    .len();
    let made: Vec<&str> = words[head + 1 + skip..]
        .iter()
        .take_while(|w| {
            !NOT_TYPES.contains(&w.to_lowercase().as_str())
                && !["in", "at", "by", "with", "from", "to"].contains(&w.to_lowercase().as_str())
        })
        .copied()
        .collect();
    let last = made.last()?;
    (!last.chars().next().is_some_and(char::is_uppercase))
        .then(|| format!("{} {noun}", singular(&last.to_lowercase())))
}

/// Whether a text names several facilities ("the factories", "both plants"): a promise
/// about several is not kept by a report about one.
pub fn several(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .any(|w| {
            w == "both" || w != "works" && FACILITY_NOUNS.contains(&w.as_str()) && singular(&w) != w
        })
}

/// A plural noun's singular, for the common English endings.
fn singular(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix("ies") {
        format!("{stem}y")
    } else if noun.ends_with("ss") || noun == "works" || !noun.ends_with('s') {
        noun.to_string()
    } else {
        noun[..noun.len() - 1].to_string()
    }
}

/// The day a TIMEX3 value is known to have passed by: the last day of its interval.
fn last_day(value: &str) -> Option<Date> {
    interval(value).map(|iv| iv.last)
}

struct Item<'a> {
    doc: &'a str,
    st: &'a Statement,
    facility: Option<String>,
    phase: Option<String>,
    several: bool,
}

/// One statement as the ledger reads it: its document, the statement, and the text of
/// its sentence.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The document's id.
    pub doc: &'a str,
    /// The statement.
    pub statement: &'a Statement,
    /// The sentence's text (where the facility is looked for when the subject names none).
    pub sentence: &'a str,
}

/// Builds the ledger of `docs` as of `as_of` (default: the newest publication date).
pub fn build(docs: &[Analysis], as_of: Option<Date>) -> Ledger {
    let newest = docs
        .iter()
        .filter_map(|a| a.doc.meta.published.value.as_deref().and_then(last_day))
        .max();
    let inputs = docs.iter().flat_map(|a| {
        a.statements.iter().map(|st| Input {
            doc: &a.doc.id,
            statement: st,
            sentence: &a.doc.text[st.span],
        })
    });
    build_from(inputs, as_of.or(newest))
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
            // The subject's facility, else the first the sentence names.
            facility: st
                .subject
                .as_ref()
                .and_then(|s| facility(&s.text))
                .or_else(|| facility(input.sentence)),
            phase: phase(input.sentence),
            several: several(st.subject.as_ref().map_or(input.sentence, |s| &s.text)),
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
    // Per event, the facility types the documents name.
    let mut types: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for i in forecasts.iter().chain(&outcomes) {
        let set = types.entry(i.st.event).or_default();
        if let (Some(f), true) = (i.facility.as_deref(), set.len() < 2) {
            set.insert(f);
        }
    }
    // Dated outcomes by event, all facilities and by facility, sorted by date.
    type Dated = Vec<(Date, usize)>;
    let mut by_event: HashMap<&str, Dated> = HashMap::new();
    let mut by_facility: HashMap<(&str, Option<&str>), Dated> = HashMap::new();
    for (k, o) in outcomes.iter().enumerate() {
        let Some(d) = o.st.when.as_deref().and_then(interval).map(|iv| iv.first) else {
            continue;
        };
        if d > as_of {
            continue;
        }
        by_event.entry(o.st.event).or_default().push((d, k));
        by_facility
            .entry((o.st.event, o.facility.as_deref()))
            .or_default()
            .push((d, k));
    }
    for list in by_event.values_mut().chain(by_facility.values_mut()) {
        list.sort_unstable();
    }
    type RowKey<'k> = (
        &'k str,
        Option<&'k str>,
        Option<&'k str>,
        Option<Date>,
        Option<&'k str>,
    );
    let mut index: HashMap<RowKey<'_>, usize> = HashMap::new();
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
            f.st.event,
            f.facility.as_deref(),
            f.st.speaker.as_ref().map(|s| s.id.as_str()),
            dl,
            target.and_then(|t| t.value.as_deref()),
        );
        if let Some(&r) = index.get(&key) {
            rows[r].sources.push(source);
            continue;
        }
        index.insert(key, rows.len());
        // The earliest outcome that settles it. A promise about a named facility needs a
        // report about it; one about the project as a whole, a report naming no facility
        // or the only one named. An outcome reported before the forecast was made is an
        // earlier event; a part done does not settle a promise about the whole.
        let single_type = types.get(f.st.event).is_none_or(|t| t.len() <= 1);
        let said_from = f.st.said.as_deref().and_then(interval).map(|iv| iv.first);
        let settled = [
            "announced",
            "construction_start",
            "construction_complete",
            "operation_start",
            "full_capacity",
            "delivery",
        ]
        .into_iter()
        .filter(|e| settles(e, f.st.event))
        .filter_map(|e| {
            let list = if f.facility.is_none() && single_type {
                by_event.get(e)
            } else {
                by_facility.get(&(e, f.facility.as_deref()))
            }?;
            let from = said_from.map_or(0, |s| list.partition_point(|(d, _)| *d < s));
            list[from..]
                .iter()
                .find(|(_, k)| {
                    let o = &outcomes[*k];
                    (o.phase.is_none() || o.phase == f.phase) && (o.several || !f.several)
                })
                .copied()
        })
        .min();
        let st = status(dl, settled.map(|(d, _)| d), as_of);
        rows.push(Row {
            facility: f.facility.clone(),
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
    fn facility_examples() {
        for (subject, want) in [
            ("the rifle plant", Some("rifle plant")),
            (
                "the first Kalashnikov ammunition plant",
                Some("ammunition plant"),
            ),
            ("The plant", None),
            ("the country's Kalashnikov plant", None),
            ("the Kestrel Bay Bridge", None),
            ("the new rail terminal", Some("rail terminal")),
            ("the second reactor", None),
            ("the 2 units", None),
            ("Venezuela", None),
            (
                "of a plant for the production of Kalashnikov assault rifles in Venezuela",
                Some("rifle plant"),
            ),
            ("a factory producing tyres", Some("tyre factory")),
            (
                "the four cartridge assembly lines",
                Some("cartridge assembly line"),
            ),
            ("a plant for Venezuela", None),
            (
                "completed the first phase of the plant for the production of 7.62 mm cartridges for rifles",
                Some("cartridge plant"),
            ),
        ] {
            assert_eq!(facility(subject).as_deref(), want, "{subject}");
        }
    }

    #[test]
    fn several_examples() {
        assert!(several("the construction of the Venezuelan factories"));
        assert!(several("both plants"));
        assert!(!several("the rifle plant"));
        assert!(!several("the steel works"));
        assert!(!several("this complex infrastructure project"));
    }

    #[test]
    fn phase_examples() {
        assert_eq!(
            phase("the commissioning of the first phase of the plant").as_deref(),
            Some("first phase")
        );
        assert_eq!(
            phase("Stage 2 and the second stages").as_deref(),
            Some("second stage")
        );
        assert_eq!(phase("the phase-out of coal"), None);
    }

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
