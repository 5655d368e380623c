//! The timeline: every statement of the documents in the order of when it happened
//! (outcomes) or was said (forecasts), each citing its sentence.

use overdue_pipeline::Analysis;
use serde::Serialize;

use crate::deadline::interval;
use crate::ledger::Source;
use crate::projects::Grouping;

/// One entry of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// When it happened or was said, a TIMEX3 value.
    pub date: Option<String>,
    /// `forecast` or `outcome`.
    pub kind: &'static str,
    /// The event.
    pub event: &'static str,
    /// The project's id.
    pub project: String,
    /// The facilities it is about, joined with ` + `; none for the project as a whole.
    pub facility: Option<String>,
    /// Who said it.
    pub speaker: Option<String>,
    /// For a forecast, the TIMEX3 value of its target.
    pub target: Option<String>,
    /// The sentence.
    pub text: String,
    /// Where.
    pub source: Source,
}

/// The timeline of `docs`: dated entries first, by date (the first day of the period),
/// then undated ones in input order.
pub fn build(docs: &[Analysis], grouping: &Grouping) -> Vec<Entry> {
    let mut entries = entries_of(docs, 0, grouping);
    sort(&mut entries);
    entries
}

/// The entries of `docs`, the documents of `grouping` from the `first`, in input order:
/// a timeline built a part at a time is these of every part, then [`sort`]ed.
pub fn entries_of(docs: &[Analysis], first: usize, grouping: &Grouping) -> Vec<Entry> {
    // Each document's entries on every core.
    let per_doc = overdue_pipeline::parallel_map(docs.len(), |i| {
        let (a, d) = (&docs[i], first + i);
        let project = &grouping.project(d).id;
        a.statements
            .iter()
            .enumerate()
            .map(|(k, st)| Entry {
                date: match st.kind {
                    "outcome" => st.when.clone(),
                    _ => st.said.clone(),
                },
                kind: st.kind,
                event: st.event,
                project: project.clone(),
                facility: {
                    let f = &grouping.about(d, k).facilities;
                    (!f.is_empty()).then(|| f.join(" + "))
                },
                speaker: st.speaker.as_ref().map(|s| s.name.clone()),
                target: st.target.as_ref().and_then(|t| t.value.clone()),
                text: squash(&a.doc.text[st.span]),
                source: Source {
                    doc: a.doc.id.clone(),
                    span: st.span,
                },
            })
            .collect::<Vec<_>>()
    });
    let mut entries = Vec::with_capacity(per_doc.iter().map(Vec::len).sum());
    for d in per_doc {
        entries.extend(d);
    }
    entries
}

/// Puts entries in the timeline's order: by date (stable: undated and same-day entries
/// keep the input order), undated last.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by_cached_key(|e| {
        let first = e.date.as_deref().and_then(interval).map(|iv| iv.first);
        (first.is_none(), first)
    });
}

/// The text with every run of whitespace made one space, and none at either end.
fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
