//! `overdue`: reads news articles about a long-running project and rebuilds what was
//! promised, by whom, for when, and what happened. This binary is glue: clap arguments
//! become a configuration, and each subcommand is a module.

mod export;
mod extract;
mod figures;
mod ingest;
mod ledger;
mod people;
mod projects;
mod publish;
mod report;
mod serve;
mod timeline;

use std::process::ExitCode;

/// mimalloc: the extractors allocate many small strings per sentence, and the system
/// allocator was a tenth of `overdue extract`'s time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Every document was read.
    Success,
    /// Some documents could not be read (each reported on stderr).
    SomeFailed,
    /// The command line or a file it names is wrong.
    Usage,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        match e {
            Exit::Success => ExitCode::SUCCESS,
            Exit::SomeFailed => ExitCode::from(1),
            Exit::Usage => ExitCode::from(2),
        }
    }
}

#[derive(Parser)]
#[command(
    name = "overdue",
    version,
    about = "Rebuild, with a source for every line, what was promised about a project, by whom, for when, and what happened.",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The long help of `overdue projects`: the corrections file.
const PROJECTS_HELP: &str =
    "How the documents group into projects and facilities, and how to correct it.

Documents that share the names they make most of are one project; a project's
facilities are the kinds of facility its documents name. Correct the grouping with
a TOML (or JSON) file given to every report command as `--corrections FILE`:

  [[merge]]                     # these projects are one (ids, names or documents)
  projects = [\"p1\", \"p3\"]
  name = \"Kestrel Bay Bridge\"   # optional

  [[split]]                     # these documents are a project of their own
  project = \"Harbour tunnel\"
  documents = [\"articles/05.txt\"]

  [[facility]]                  # these facilities are one, shown as `name`
  name = \"ammunition plant\"
  same = [\"cartridge plant\"]

Splits apply first, then merges; ids in a merge are those without corrections.";

#[derive(Subcommand)]
enum Command {
    /// Read documents and write one JSON record per document (FORMAT.md).
    Extract(extract::Args),
    /// Add new documents to the store (by content hash); a document stored under the same
    /// id with another text is replaced.
    Ingest(ingest::Args),
    /// The promised dates of the documents, with their deadline and status (FORMAT.md).
    Ledger(ledger::Args),
    /// People and organisations: names, roles, statements and role conflicts.
    People(report::ReportArgs),
    /// Figures given more than once: conflicts and rates restated in another period.
    Figures(report::ReportArgs),
    /// Every statement in the order of when it happened or was said.
    Timeline(report::ReportArgs),
    /// Write the whole report: one self-contained HTML page (--out report.html) or
    /// Markdown with the chart beside it (--out report.md).
    Report(publish::Args),
    /// Export the timeline for TimelineJS, or every extracted item as Parquet.
    Export(export::Args),
    /// Serve the store as a read-only web page (report, search, documents, /api/).
    Serve(serve::Args),
    /// How the documents group into projects and facilities, and how to correct it.
    #[command(long_about = PROJECTS_HELP)]
    Projects(report::ReportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Ledger(args) => ledger::run(args),
        Command::People(args) => people::run(args),
        Command::Figures(args) => figures::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Projects(args) => projects::run(args),
        Command::Report(args) => publish::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Export(args) => export::run(args),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("overdue: error: {err:#}");
            Exit::Usage.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
