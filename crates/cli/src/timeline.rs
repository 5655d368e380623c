//! `overdue timeline`: every statement of the documents in the order of when it happened
//! or was said.

use std::io::{self, Write};

use anyhow::{Context, Result};
use overdue_timeline::events::{Entry, build};

use crate::Exit;
use crate::extract::{Input, analyse_all};
use crate::ledger::ReportFormat;

/// Arguments of `overdue timeline`.
#[derive(clap::Args)]
pub struct Args {
    /// The documents and how to read them.
    #[command(flatten)]
    pub input: Input,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

/// Runs `overdue timeline`.
pub fn run(args: Args) -> Result<Exit> {
    let mut docs = Vec::new();
    let exit = analyse_all(&args.input, |a| docs.push(a))?;
    let entries = build(&docs);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "entries": entries }))?;
            writeln!(out)?;
        }
        ReportFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "date", "kind", "event", "facility", "speaker", "target", "text", "doc", "start",
                "end",
            ])?;
            for e in &entries {
                w.write_record(cells(e))?;
            }
            w.flush()?;
        }
        ReportFormat::Table | ReportFormat::Md => {
            let md = args.format == ReportFormat::Md;
            if md {
                writeln!(
                    out,
                    "| date | kind | event | speaker | target | text | source |"
                )?;
                writeln!(out, "|---|---|---|---|---|---|---|")?;
            }
            for e in &entries {
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
        }
    }
    out.flush().context("writing the output")?;
    Ok(exit)
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
