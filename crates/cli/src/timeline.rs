//! `overdue timeline`: every statement of the documents in the order of when it happened
//! or was said.

use std::io::Write;

use anyhow::Result;
use overdue_pipeline::Analysis;
use overdue_store::Items;
use overdue_timeline::events::{Entry, build, entries_of, sort};
use overdue_timeline::projects::Grouping;
use serde::Serialize;

use crate::Exit;
use crate::report::{Parts, Report, ReportArgs};

/// The timeline as `--format json` writes it.
#[derive(Serialize)]
struct Timeline {
    entries: Vec<Entry>,
}

/// Runs `overdue timeline`.
pub fn run(args: ReportArgs) -> Result<Exit> {
    crate::report::run_in_parts(
        &args,
        Report {
            items: Items::Statements,
            build: |docs, grouping| Timeline {
                entries: build(docs, grouping),
            },
            csv: |out, t: &Timeline| write_csv(out, &t.entries),
            text: |out, t: &Timeline, md| write_text(out, &t.entries, md),
        },
        // Each chunk's statements and texts let go once its entries are made.
        Parts {
            start: Vec::new(),
            add: |entries: &mut Vec<Entry>, first, docs: Vec<Analysis>, grouping: &Grouping| {
                entries.extend(entries_of(&docs, first, grouping))
            },
            done: |mut entries: Vec<Entry>| {
                sort(&mut entries);
                Timeline { entries }
            },
        },
    )
}

fn write_csv(out: &mut impl Write, entries: &[Entry]) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "date", "kind", "event", "facility", "speaker", "target", "text", "doc", "start", "end",
    ])?;
    for e in entries {
        w.write_record(cells(e))?;
    }
    w.flush()?;
    Ok(())
}

fn write_text(out: &mut impl Write, entries: &[Entry], md: bool) -> Result<()> {
    if md {
        writeln!(
            out,
            "| date | kind | event | speaker | target | text | source |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|---|")?;
    }
    for e in entries {
        let c = cells(e);
        let source = format!("{}:{}-{}", c[7], c[8], c[9]);
        let text: String = if c[6].chars().count() > 100 {
            c[6].chars().take(100).chain(['…']).collect()
        } else {
            c[6].clone()
        };
        if md {
            let row: Vec<String> = [&c[0], &c[1], &c[2], &c[4], &c[5], &text, &source]
                .iter()
                .map(|s| s.replace('|', "\\|"))
                .collect();
            writeln!(out, "| {} |", row.join(" | "))?;
        } else {
            writeln!(
                out,
                "{:<10}  {:<8} {:<22} {:<24} {:<10} {text}  [{source}]",
                c[0], c[1], c[2], c[4], c[5]
            )?;
        }
    }
    Ok(())
}

fn cells(e: &Entry) -> [String; 10] {
    [
        e.date.clone().unwrap_or_default(),
        e.kind.to_string(),
        e.event.to_string(),
        e.facility.clone().unwrap_or_default(),
        e.speaker.clone().unwrap_or_default(),
        e.target.clone().unwrap_or_default(),
        e.text.clone(),
        e.source.doc.clone(),
        e.source.span.start().to_string(),
        e.source.span.end().to_string(),
    ]
}
