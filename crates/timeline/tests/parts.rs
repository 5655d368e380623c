//! Every view made a chunk of documents at a time (as from a large store) is the view
//! of them all: the timeline, the figures and the people.

use overdue_pipeline::Analysis;
use overdue_pipeline::text::{DateSource, Document, Published};
use overdue_timeline::projects::{Grouping, group};
use overdue_timeline::{events, figures, people};

/// Articles on a bridge and a terminal, published on different days, with forecasts and
/// outcomes, figures given twice and a rate restated, and people with posts.
fn docs() -> Vec<Analysis> {
    let texts = [
        (
            "2024-05-06",
            "Transport minister Ana Morel said on Monday that the Lind bridge will open in \
             2027. The bridge will carry 40,000 vehicles a day.",
        ),
        (
            "2025-02-10",
            "The Lind bridge will carry 50,000 vehicles a day, or 18 million vehicles a \
             year, the city said. Work began in 2019.",
        ),
        (
            "2024-11-20",
            "Harbour Link chief executive Tom Reyes said the Pell terminal would be \
             finished by the end of 2026. It cost $300 million.",
        ),
        (
            "2026-03-02",
            "The Pell terminal is late. It was to open in 2025, Harbour Link said on \
             Friday; it cost $450 million.",
        ),
        (
            "2028-04-01",
            "The Lind bridge opened in March 2028, transport minister Ana Morel said.",
        ),
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, (date, text))| {
            let mut d = Document::new(format!("{i}.txt"), *text);
            d.meta.published = Published::known(*date, DateSource::Flag);
            overdue_pipeline::analyse(d)
        })
        .collect()
}

/// The documents in chunks of `size`, each with the place of its first document.
fn chunks(docs: &[Analysis], size: usize) -> impl Iterator<Item = (usize, Vec<Analysis>)> + '_ {
    docs.chunks(size)
        .enumerate()
        .map(move |(c, chunk)| (c * size, chunk.to_vec()))
}

fn json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap()
}

#[test]
fn every_view_made_a_part_at_a_time_is_the_whole() {
    let docs = docs();
    let grouping: Grouping = group(&docs, &Default::default());
    let timeline = events::build(&docs, &grouping);
    let figures = figures::build(&docs, &grouping);
    let people = people::build(&docs);
    // What the views hold, so that the test tests something.
    assert!(timeline.len() >= 4, "{timeline:?}");
    assert!(!figures.measures.is_empty(), "{figures:?}");
    assert!(people.people.iter().any(|p| !p.roles.is_empty()));
    for size in [1, 2, 5] {
        let mut entries = Vec::new();
        let mut tally = figures::Tally::default();
        let mut gathering = people::Gathering::default();
        for (first, chunk) in chunks(&docs, size) {
            entries.extend(events::entries_of(&chunk, first, &grouping));
            for (i, a) in chunk.iter().enumerate() {
                tally.add(a, &grouping.project(first + i).id);
                gathering.add(a);
            }
        }
        events::sort(&mut entries);
        assert_eq!(
            json(&entries),
            json(&timeline),
            "timeline in parts of {size}"
        );
        assert_eq!(json(&tally.done()), json(&figures), "figures, {size}");
        assert_eq!(json(&gathering.done()), json(&people), "people, {size}");
    }
}
