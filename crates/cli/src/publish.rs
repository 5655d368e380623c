//! `overdue report`: the whole dossier as one self-contained HTML page or as Markdown
//! (with the chart as an SVG file beside it), from files, from a store, or both (the
//! files are ingested into the store first).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use overdue_timeline::projects::group;

use crate::Exit;
use crate::extract::{Input, analyse_all};
use overdue_web::dossier::{Dossier, Draft};

/// Arguments of `overdue report`.
#[derive(clap::Args)]
pub struct Args {
    /// The documents and how to read them (ingested into --db first when both are given).
    #[command(flatten)]
    pub input: Input,
    /// The store to report on (and to ingest the files given into).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Where to write: `.html` for one self-contained page, `.md` for Markdown.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Give statuses as of this date (YYYY-MM-DD; default: the newest publication date).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Corrections to the grouping into projects and facilities.
    #[arg(long, value_name = "FILE")]
    pub corrections: Option<PathBuf>,
    /// The report's title.
    #[arg(long, default_value = "What was promised, and what happened")]
    pub title: String,
    /// Only this project (its id, `p3`, or its name, as `overdue projects` lists them).
    #[arg(long, value_name = "PROJECT")]
    pub project: Option<String>,
    /// At most this many rows in each table (ledger, timeline, figures, people,
    /// projects), and then at most 20 sources cited in a row, so that the report of a
    /// large store stays readable; 0 for every row. The summary and the chart are always
    /// of everything, and the commands of each view list every row.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub rows: usize,
}

/// Runs `overdue report`.
pub fn run(args: Args) -> Result<Exit> {
    let kind = match args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => Kind::Html,
        Some("md" | "markdown") => Kind::Markdown,
        _ => bail!("--out {}: name a .html or .md file", args.out.display()),
    };
    let as_of = crate::ledger::parse_as_of(args.as_of.as_deref())?;
    let corrections = crate::report::corrections(args.corrections.as_deref())?;
    let mut exit = Exit::Success;
    // The dossier of analyses, with the grouping kept if any, else one made here.
    let build = |docs: Vec<_>, kept: Option<_>| {
        let grouping = kept.unwrap_or_else(|| group(&docs, &corrections));
        Dossier::build(docs, grouping, as_of)
    };
    let mut dossier = match &args.db {
        Some(db) => {
            if !args.input.paths.is_empty() {
                let s = crate::ingest::ingest(&crate::ingest::Args {
                    input: args.input.clone(),
                    db: db.clone(),
                })?;
                eprintln!(
                    "overdue: {} documents added to {}, {} updated, {} already there, {} \
                     unreadable",
                    s.added,
                    db.display(),
                    s.updated,
                    s.known,
                    s.failed
                );
                if s.failed > 0 {
                    exit = Exit::SomeFailed;
                }
            }
            let store = overdue_store::Store::open_read_only(db)?;
            // With its grouping as the ingest kept it, a chunk of documents at a time,
            // unless corrected.
            let read = match args.corrections {
                None => Dossier::of_store(&store, None, as_of, |ledger| {
                    let draft = Draft::new(true, ledger);
                    // The report of the whole abridged: the first rows of the timeline
                    // are all it holds of it.
                    if args.project.is_none() && args.rows > 0 {
                        draft.timeline_at_most(args.rows)
                    } else {
                        draft
                    }
                })?,
                Some(_) => None,
            };
            match read {
                Some(dossier) => dossier,
                None => {
                    let (docs, kept) = store.views()?;
                    build(docs, kept.filter(|_| args.corrections.is_none()))
                }
            }
        }
        None => {
            let mut docs = Vec::new();
            exit = analyse_all(&args.input, |a| docs.push(a))?;
            build(docs, None)
        }
    };
    if let Some(key) = &args.project {
        let Some(id) = dossier.grouping.find(key).map(|p| p.id.clone()) else {
            let known: Vec<String> = dossier
                .grouping
                .projects
                .iter()
                .take(20)
                .map(|p| format!("{} {}", p.id, p.name))
                .collect();
            bail!(
                "--project {key:?}: no project has that id or name; the projects are: {}{}",
                known.join("; "),
                if dossier.grouping.projects.len() > known.len() {
                    "; … (overdue projects lists them all)"
                } else {
                    ""
                }
            );
        };
        dossier = dossier.project(&id).unwrap_or(dossier);
    }
    if args.rows > 0 {
        dossier = dossier.abridge(args.rows, SOURCES_PER_ROW);
    }
    match kind {
        Kind::Html => write(&args.out, &overdue_web::html::render(&dossier, &args.title))?,
        Kind::Markdown => {
            let svg_path = args.out.with_extension("svg");
            let svg = dossier.chart();
            if let Some(svg) = &svg {
                write(&svg_path, svg)?;
            }
            let svg_name = svg
                .as_ref()
                .and_then(|_| svg_path.file_name())
                .map(|n| n.to_string_lossy().into_owned());
            write(
                &args.out,
                &overdue_web::markdown::render(&dossier, &args.title, svg_name.as_deref()),
            )?;
        }
    }
    println!(
        "Report written to {}\n\n{}",
        args.out.display(),
        dossier.summary
    );
    Ok(exit)
}

/// The sources cited in one row of an abridged report, at most.
const SOURCES_PER_ROW: usize = 20;

enum Kind {
    Html,
    Markdown,
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text)
        .with_context(|| format!("{}: cannot write the report", path.display()))
}
