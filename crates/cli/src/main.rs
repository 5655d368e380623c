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

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_t` (`libmimalloc-sys` names only
/// version 2's options; `the_purge_delay_option_is_the_one_set` checks it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long memory mimalloc no longer uses is kept before it goes back to the system.
/// By default it went back and was asked for again all the time: the reports over a
/// store of 100,000 documents spent more time in the kernel, zeroing pages (huge ones,
/// before `no_thp`), than in overdue (`ledger --db`: 17.7 s, 12.7 s of it in the kernel;
/// 10.5 s and 1.8 s with this and `no_thp`). Ten seconds keep it through a report and
/// still give it back when a server is idle.
const PURGE_DELAY_MS: std::ffi::c_long = 10_000;

/// Sets mimalloc's options, first thing in `main`.
#[allow(unsafe_code)]
fn tune_allocator() {
    // SAFETY: `mi_option_set` takes any option number and value, at any time: it
    // stores the value (an atomic) and reads no pointer.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) }
}

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
    tune_allocator();
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

#[cfg(test)]
mod tests {
    use libmimalloc_sys::{mi_option_get, mi_version};

    /// The option number set is mimalloc 3's purge delay (its default, a second, is
    /// there before it is set), so that an upgrade that renumbers the options fails here.
    #[test]
    #[allow(unsafe_code)]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: both read a number (an atomic), as `tune_allocator` stores one.
        let (version, before) =
            unsafe { (mi_version(), mi_option_get(super::MI_OPTION_PURGE_DELAY)) };
        assert_eq!(version / 10_000, 3, "mimalloc {version}");
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(before, 1000);
        }
        super::tune_allocator();
        // SAFETY: as above.
        let after = unsafe { mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(after, super::PURGE_DELAY_MS);
    }
}
