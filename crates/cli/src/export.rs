//! `overdue export`: the timeline as Knight Lab TimelineJS JSON, or every extracted item
//! as a Parquet table, from files or from a store.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use overdue_web::dossier::Dossier;

use crate::Exit;
use crate::report::{ReportArgs, analyses, grouped};

/// Arguments of `overdue export`.
#[derive(clap::Args)]
pub struct Args {
    /// The documents (or --db), as for the report commands.
    #[command(flatten)]
    pub report: ReportArgs,
    /// Write the timeline as TimelineJS JSON (<https://timeline.knightlab.com>).
    #[arg(long, conflicts_with = "parquet")]
    pub timelinejs: bool,
    /// Write every extracted item (time expressions, quantities, entities, statements)
    /// as a Parquet table.
    #[arg(long)]
    pub parquet: bool,
    /// Where to write (default: standard output for JSON; required for Parquet).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The title of the TimelineJS timeline.
    #[arg(long, default_value = "What was promised, and what happened")]
    pub title: String,
}

/// Runs `overdue export`.
pub fn run(args: Args) -> Result<Exit> {
    if !args.timelinejs && !args.parquet {
        bail!("say what to export: --timelinejs or --parquet");
    }
    if args.parquet && args.out.is_none() {
        bail!("--parquet needs --out FILE");
    }
    let corrections = crate::report::corrections(args.report.corrections.as_deref())?;
    if args.parquet {
        let (docs, exit) = analyses(&args.report, true)?;
        let path = args.out.as_ref().expect("checked above");
        let file = std::fs::File::create(path)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        let rows = overdue_web::export::parquet(&docs, std::io::BufWriter::new(file))
            .with_context(|| format!("{}", path.display()))?;
        eprintln!("overdue: {rows} items written to {}", path.display());
        return Ok(exit);
    }
    let (docs, grouping, exit) = grouped(&args.report, &corrections, overdue_store::Items::Views)?;
    let d = Dossier::build(docs, grouping, None);
    let json = overdue_web::export::timelinejs(&d.timeline, &args.title, &d.summary);
    let text = serde_json::to_string_pretty(&json)?;
    match &args.out {
        Some(path) => std::fs::write(path, text + "\n")
            .with_context(|| format!("{}: cannot write", path.display()))?,
        None => println!("{text}"),
    }
    Ok(exit)
}
