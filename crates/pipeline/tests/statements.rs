//! Statement examples through the whole analysis: what counts as a forecast or an
//! outcome, each sentence with the events it should give.

use overdue_pipeline::analyse;
use overdue_pipeline::text::{DateSource, Document, Published};

fn statements(text: &str) -> Vec<(&'static str, &'static str)> {
    let mut doc = Document::new("example", text);
    doc.meta.published = Published::known("2024-03-01".to_string(), DateSource::Flag);
    analyse(doc)
        .statements
        .iter()
        .map(|s| (s.kind, s.event))
        .collect()
}

#[test]
fn aimed_at_is_not_done() {
    // An effort or an aim is not a report that it happened.
    assert_eq!(
        statements("Workers are doing everything possible to complete the bridge."),
        vec![]
    );
    assert_eq!(
        statements("The company has yet to complete the terminal."),
        vec![]
    );
    // Managing to do it is.
    assert_eq!(
        statements("The contractor managed to complete the bridge in May."),
        vec![("outcome", "construction_complete")]
    );
    assert_eq!(
        statements("The contractor completed the bridge in May."),
        vec![("outcome", "construction_complete")]
    );
}

#[test]
fn future_forms_are_forecasts() {
    assert_eq!(
        statements("The minister said the bridge will open by the end of 2026."),
        vec![("forecast", "operation_start")]
    );
}
