//! `overdue figures`: the measures the documents give more than once, conflicts between
//! them, and rates restated in another period.

use std::io::Write;

use anyhow::Result;
use overdue_pipeline::Analysis;
use overdue_store::Items;
use overdue_timeline::figures::{Figures, Seen, Tally, build};
use overdue_timeline::projects::Grouping;

use crate::Exit;
use crate::report::{Parts, Report, ReportArgs};

/// Runs `overdue figures`.
pub fn run(args: ReportArgs) -> Result<Exit> {
    crate::report::run_in_parts(
        &args,
        Report {
            items: Items::Quantities,
            build: |docs, grouping| build(docs, grouping),
            csv: |out, x: &Figures| write_csv(out, x),
            text: |out, x: &Figures, md| write_text(out, x, md),
        },
        // Each chunk's quantities let go once tallied.
        Parts {
            start: Tally::default(),
            add: |tally: &mut Tally, first, docs: Vec<Analysis>, grouping: &Grouping| {
                for (i, a) in docs.iter().enumerate() {
                    tally.add(a, &grouping.project(first + i).id);
                }
            },
            done: Tally::done,
        },
    )
}

fn cite(s: &Seen) -> String {
    format!(
        "\"{}\" ({}:{}-{})",
        s.text,
        s.source.doc,
        s.source.span.start(),
        s.source.span.end()
    )
}

fn write_csv(out: &mut impl Write, figures: &Figures) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "project", "unit", "text", "value", "bound", "per", "doc", "start", "end",
    ])?;
    for m in &figures.measures {
        for s in &m.values {
            w.write_record([
                m.project.clone(),
                m.unit.clone(),
                s.text.clone(),
                s.value.to_string(),
                s.bound.to_string(),
                s.per.unwrap_or("").to_string(),
                s.source.doc.clone(),
                s.source.span.start().to_string(),
                s.source.span.end().to_string(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

fn write_text(out: &mut impl Write, figures: &Figures, markdown: bool) -> Result<()> {
    let (h, li) = if markdown { ("## ", "- ") } else { ("", "  ") };
    for m in &figures.measures {
        writeln!(
            out,
            "{h}{} ({} figures, {})",
            m.unit,
            m.values.len(),
            m.project
        )?;
        for s in &m.values {
            writeln!(out, "{li}{}", cite(s))?;
        }
        for c in &m.conflicts {
            writeln!(out, "{li}CONFLICT: {} vs {}", cite(&c.a), cite(&c.b))?;
        }
    }
    if !figures.restated.is_empty() {
        writeln!(out, "\n{h}Rates restated in another period")?;
        for r in &figures.restated {
            writeln!(
                out,
                "{li}{} and {}: {} ({})",
                cite(&r.a),
                cite(&r.b),
                if r.consistent {
                    "consistent"
                } else {
                    "INCONSISTENT"
                },
                r.why
            )?;
        }
    }
    Ok(())
}
