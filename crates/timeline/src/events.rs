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
    let mut entries: Vec<(Option<jiff::civil::Date>, usize, Entry)> = Vec::new();
    for (d, a) in docs.iter().enumerate() {
        for (k, st) in a.statements.iter().enumerate() {
            let date = match st.kind {
                "outcome" => st.when.clone(),
                _ => st.said.clone(),
            };
            let sentence = &a.doc.text[st.span];
            let first = date.as_deref().and_then(interval).map(|iv| iv.first);
            let n = entries.len();
            entries.push((
                first,
                n,
                Entry {
                    date,
                    kind: st.kind,
                    event: st.event,
                    project: grouping.project(d).id.clone(),
                    facility: {
                        let f = &grouping.about(d, k).facilities;
                        (!f.is_empty()).then(|| f.join(" + "))
                    },
                    speaker: st.speaker.as_ref().map(|s| s.name.clone()),
                    target: st.target.as_ref().and_then(|t| t.value.clone()),
                    text: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                    source: Source {
                        doc: a.doc.id.clone(),
                        span: st.span,
                    },
                },
            ));
        }
    }
    entries.sort_by_key(|(d, n, _)| (d.is_none(), *d, *n));
    entries.into_iter().map(|(_, _, e)| e).collect()
}
