//! What the report commands (`ledger`, `timeline`, `figures`, `people`) share: their
//! inputs and formats, and the run that reads the documents, builds the report and
//! writes it.

use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::ValueEnum;
use overdue_pipeline::Analysis;
use overdue_store::Items;
use overdue_timeline::projects::{Corrections, Grouping, group};
use serde::Serialize;

use crate::Exit;
use crate::extract::{Input, analyse_all};

/// Output formats of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A readable table.
    Table,
    /// One JSON object (FORMAT.md).
    Json,
    /// Comma-separated values, one row per line.
    Csv,
    /// A Markdown table.
    Md,
}

/// The arguments every report takes.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// The documents and how to read them.
    #[command(flatten)]
    pub input: Input,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Read the documents from this store instead of files (see `overdue ingest`).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Corrections to the grouping into projects and facilities, a TOML or JSON file of
    /// merges and splits (see `overdue projects --help`).
    #[arg(long, value_name = "FILE")]
    pub corrections: Option<PathBuf>,
}

/// Reads a corrections file, if one is given.
pub fn corrections(path: Option<&std::path::Path>) -> Result<Corrections> {
    let Some(path) = path else {
        return Ok(Corrections::default());
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the corrections", path.display()))?;
    Corrections::parse(path, &text).with_context(|| format!("{}", path.display()))
}

/// How one report is built and written as CSV and as text (a table, or Markdown).
pub struct Report<T, B, C, X>
where
    B: FnOnce(&[Analysis], &Grouping) -> T,
    C: FnOnce(&mut Out, &T) -> Result<()>,
    X: FnOnce(&mut Out, &T, bool) -> Result<()>,
{
    /// The items of a store's records the report reads (when the store keeps the
    /// grouping); the others are not read.
    pub items: Items,
    /// Builds the report from the analyses and their grouping into projects.
    pub build: B,
    /// Writes it as CSV.
    pub csv: C,
    /// Writes it as a table (`false`) or Markdown (`true`).
    pub text: X,
}

/// The analyses of the documents `args` names: from its store (with their time
/// expressions only if `timexes`: the views do not read them), or read from files.
pub fn analyses(args: &ReportArgs, timexes: bool) -> Result<(Vec<Analysis>, Exit)> {
    if let Some(db) = &args.db {
        if !args.input.paths.is_empty() {
            anyhow::bail!("give --db or files, not both");
        }
        let store = overdue_store::Store::open_read_only(db)?;
        let docs = if timexes {
            store.analyses()?
        } else {
            store.analyses_for_views()?
        };
        return Ok((docs, Exit::Success));
    }
    let mut docs = Vec::new();
    let exit = analyse_all(&args.input, |a| docs.push(a))?;
    Ok((docs, exit))
}

/// The analyses of the documents `args` names (without their time expressions) and
/// their grouping into projects: a store's as its last ingest kept it when there are no
/// corrections, else made here.
pub fn grouped(
    args: &ReportArgs,
    corrections: &Corrections,
    items: Items,
) -> Result<(Vec<Analysis>, Grouping, Exit)> {
    if let Some(db) = kept_grouping(args) {
        let (docs, grouping) = overdue_store::Store::open_read_only(db)?.views_of(items)?;
        let grouping = grouping.unwrap_or_else(|| group(&docs, corrections));
        return Ok((docs, grouping, Exit::Success));
    }
    let (docs, exit) = analyses(args, false)?;
    let grouping = group(&docs, corrections);
    Ok((docs, grouping, exit))
}

/// The store whose grouping as its last ingest kept it a view reads, if it reads one:
/// `--db` without corrections and without files.
pub fn kept_grouping(args: &ReportArgs) -> Option<&std::path::Path> {
    args.db
        .as_deref()
        .filter(|_| args.corrections.is_none() && args.input.paths.is_empty())
}

/// Where a report is written.
pub type Out = BufWriter<StdoutLock<'static>>;

/// Reads the documents of `args`, builds the report and writes it in the format asked.
pub fn run<T, B, C, X>(args: &ReportArgs, report: Report<T, B, C, X>) -> Result<Exit>
where
    T: Serialize,
    B: FnOnce(&[Analysis], &Grouping) -> T,
    C: FnOnce(&mut Out, &T) -> Result<()>,
    X: FnOnce(&mut Out, &T, bool) -> Result<()>,
{
    let corrections = corrections(args.corrections.as_deref())?;
    let (docs, grouping, exit) = grouped(args, &corrections, report.items)?;
    let built = (report.build)(&docs, &grouping);
    write(args.format, &built, report.csv, report.text)?;
    leave((docs, grouping, built));
    Ok(exit)
}

/// A view made a chunk of documents at a time (see [`run_in_parts`]): its state at the
/// start, what adds a chunk to it (the place of the chunk's first document, its
/// analyses, the grouping) and what makes the view of the state at the end.
pub struct Parts<S, A, D> {
    /// The state before any document.
    pub start: S,
    /// Adds a chunk of documents.
    pub add: A,
    /// The view of the documents added.
    pub done: D,
}

/// [`run`], but a view of a store's grouping as its last ingest kept it
/// ([`kept_grouping`]) is made with `parts`, a chunk of documents at a time, each
/// chunk's items let go once added: what the view keeps is held, not every analysis.
pub fn run_in_parts<T, B, C, X, S, A, D>(
    args: &ReportArgs,
    report: Report<T, B, C, X>,
    parts: Parts<S, A, D>,
) -> Result<Exit>
where
    T: Serialize,
    B: FnOnce(&[Analysis], &Grouping) -> T,
    C: FnOnce(&mut Out, &T) -> Result<()>,
    X: FnOnce(&mut Out, &T, bool) -> Result<()>,
    A: FnMut(&mut S, usize, Vec<Analysis>, &Grouping),
    D: FnOnce(S) -> T,
{
    if let Some(db) = kept_grouping(args) {
        let Parts {
            mut start,
            mut add,
            done,
        } = parts;
        let store = overdue_store::Store::open_read_only(db)?;
        if let Some(grouping) = store.views_each(report.items, |first, docs, grouping| {
            add(&mut start, first, docs, grouping)
        })? {
            let built = done(start);
            write(args.format, &built, report.csv, report.text)?;
            leave((grouping, built));
            return Ok(Exit::Success);
        }
    }
    run(args, report)
}

/// Lets go of what a command built, without freeing it, when the command is done and the
/// process ends next: the system takes a process's memory back at once, where freeing the
/// millions of items of a large store's views one by one took a sixth of the run
/// (`overdue timeline --db` of 100,000 documents: 7.1–7.3 s, 5.6–6.2 s without).
pub fn leave<T>(built: T) {
    std::mem::forget(built);
}

/// Writes a report built in the format asked, to the standard output.
pub fn write<T: Serialize>(
    format: ReportFormat,
    built: &T,
    csv: impl FnOnce(&mut Out, &T) -> Result<()>,
    text: impl FnOnce(&mut Out, &T, bool) -> Result<()>,
) -> Result<()> {
    // Buffered: the standard output writes every line through otherwise, and the pretty
    // JSON of a large store's ledger has millions.
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, built)?;
            writeln!(out)?;
        }
        ReportFormat::Csv => csv(&mut out, built)?,
        ReportFormat::Table => text(&mut out, built, false)?,
        ReportFormat::Md => text(&mut out, built, true)?,
    }
    out.flush().context("writing the output")
}
