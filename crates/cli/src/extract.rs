//! `overdue extract`: documents in, one JSON record per document out.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use overdue_pipeline::read::{Format, Loader, ReadOptions, Sidecar, normalize_date};
use overdue_pipeline::{Analysis, Batch, Outcome, Record, run_batch};

use crate::Exit;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per line (FORMAT.md).
    Jsonl,
    /// A readable summary per document.
    Pretty,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Guess from the extension and the first bytes.
    Auto,
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// JSON Lines.
    Jsonl,
    /// WARC, plain or gzipped.
    Warc,
}

/// Arguments of `overdue extract`.
#[derive(clap::Args)]
pub struct Args {
    /// The documents and how to read them.
    #[command(flatten)]
    pub input: Input,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Add the analysed text to each record as "text".
    #[arg(long)]
    pub with_text: bool,
}

/// The documents to read and how: shared by every command that reads documents.
#[derive(clap::Args, Clone)]
pub struct Input {
    /// Files to read: plain text, HTML, JSON Lines or WARC (.gz too).
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// The publication date of every document given (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A TSV of document metadata: path (or doc), published, url, title, outlet.
    #[arg(long, value_name = "FILE")]
    pub meta: Vec<PathBuf>,
    /// Documents analysed in parallel (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Replace invalid UTF-8 in plain text instead of failing the document.
    #[arg(long)]
    pub lossy: bool,
    /// The largest document or record read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = overdue_pipeline::read::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Read every file as this format.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// JSON Lines field holding plain text (tried before the usual names).
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,
    /// JSON Lines field holding HTML.
    #[arg(long, value_name = "NAME")]
    pub html_field: Option<String>,
    /// JSON Lines field holding the publication date.
    #[arg(long, value_name = "NAME")]
    pub date_field: Option<String>,
    /// JSON Lines field holding the address.
    #[arg(long, value_name = "NAME")]
    pub url_field: Option<String>,
    /// JSON Lines field holding the headline.
    #[arg(long, value_name = "NAME")]
    pub title_field: Option<String>,
    /// JSON Lines field holding the record id.
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

fn prepend(list: &mut Vec<String>, name: &Option<String>) {
    if let Some(n) = name {
        list.insert(0, n.clone());
    }
}

/// The read options and the loader the arguments ask for.
pub fn configure(args: &Input) -> Result<(ReadOptions, Loader)> {
    if args.paths.is_empty() {
        bail!("no PATH given: name the files to read");
    }
    let mut read = ReadOptions {
        lossy: args.lossy,
        max_bytes: args.max_bytes,
        format: match args.input_format {
            InputFormat::Auto => None,
            InputFormat::Text => Some(Format::Text),
            InputFormat::Html => Some(Format::Html),
            InputFormat::Jsonl => Some(Format::Jsonl),
            InputFormat::Warc => Some(Format::Warc),
        },
        ..ReadOptions::default()
    };
    let f = &mut read.jsonl;
    prepend(&mut f.text, &args.text_field);
    prepend(&mut f.html, &args.html_field);
    prepend(&mut f.date, &args.date_field);
    prepend(&mut f.url, &args.url_field);
    prepend(&mut f.title, &args.title_field);
    prepend(&mut f.id, &args.id_field);
    let date = match &args.date {
        Some(d) => match normalize_date(d) {
            Some(n) if n.len() == d.trim().len() => Some(n),
            _ => bail!("--date {d:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
        },
        None => None,
    };
    let mut sidecar = Sidecar::default();
    for m in &args.meta {
        sidecar.extend(Sidecar::load(m).with_context(|| format!("--meta {}", m.display()))?);
    }
    Ok((
        read,
        Loader {
            lossy: args.lossy,
            date,
            sidecar,
        },
    ))
}

/// Runs `overdue extract`.
pub fn run(args: Args) -> Result<Exit> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut write_err: Option<io::Error> = None;
    let (format, with_text) = (args.format, args.with_text);
    let mut buf = Vec::with_capacity(1 << 16);
    let exit = analyse_all(&args.input, |a| {
        if write_err.is_some() {
            return;
        }
        buf.clear();
        let r = match format {
            OutputFormat::Jsonl => write_jsonl(&mut buf, &a, with_text),
            OutputFormat::Pretty => write_pretty(&mut buf, &a, with_text),
        };
        if let Err(e) = r.and_then(|()| out.write_all(&buf)) {
            write_err = Some(e);
        }
    })?;
    if let Some(e) = write_err {
        return Err(e).context("writing the output");
    }
    out.flush().context("writing the output")?;
    Ok(exit)
}

/// The number of worker threads asked for, else the number of cores.
pub fn jobs(input: &Input) -> usize {
    input
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// Reads and analyses every document of `input`, giving each to `each` in input order
/// with its identities across documents; a document that cannot be read is reported on
/// stderr and skipped.
pub fn analyse_all(input: &Input, mut each: impl FnMut(Analysis)) -> Result<Exit> {
    let (read, loader) = configure(input)?;
    let jobs = jobs(input);
    let progress = progress_bar(input);
    let mut failed = 0usize;
    let mut docs = 0usize;
    let batch = Batch {
        paths: &input.paths,
        read: &read,
        loader: &loader,
        jobs,
        skip: None,
    };
    // Documents are analysed in parallel; identities across documents are given here,
    // in input order, so that ids are the same whatever the number of jobs.
    let mut registry = overdue_pipeline::entity::Registry::new();
    run_batch(&batch, Box::new, |outcome| match outcome {
        Outcome::Done(mut a) => {
            overdue_pipeline::identify(&mut registry, &mut a);
            each(*a);
            docs += 1;
            if let Some(pb) = &progress
                && docs.is_multiple_of(64)
            {
                pb.set_message(format!("{docs} documents"));
            }
        }
        Outcome::Failed(e) => {
            failed += 1;
            report_failure(&progress, &e);
        }
        Outcome::FileDone(_, size) => file_done(&progress, size),
        Outcome::Skipped(_) => {}
    });
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    Ok(if failed > 0 {
        Exit::SomeFailed
    } else {
        Exit::Success
    })
}

/// Reports a document or file that could not be read, as one line on stderr (above the
/// progress bar, if there is one).
pub fn report_failure(progress: &Option<ProgressBar>, e: &impl std::fmt::Display) {
    let line = format!("overdue: {e}");
    match progress {
        Some(pb) => pb.println(line),
        None => eprintln!("{line}"),
    }
}

/// Moves the progress bar on by a finished file's size.
pub fn file_done(progress: &Option<ProgressBar>, size: u64) {
    if let Some(pb) = progress {
        pb.inc(size);
    }
}

/// A progress bar over the inputs' bytes, when stderr is a terminal and the input large.
pub fn progress_bar(args: &Input) -> Option<ProgressBar> {
    if args.quiet || !io::stderr().is_terminal() {
        return None;
    }
    let total: u64 = args
        .paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if args.paths.len() < 4 && total < (64 << 20) {
        return None;
    }
    let pb = ProgressBar::new(total);
    pb.set_style(
        ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(pb)
}

fn write_jsonl(out: &mut impl Write, a: &Analysis, with_text: bool) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Record::new(a, with_text))?;
    out.write_all(b"\n")
}

fn snippet(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        flat
    } else {
        let cut: String = flat.chars().take(n).collect();
        format!("{cut}…")
    }
}

fn write_pretty(out: &mut impl Write, a: &Analysis, with_text: bool) -> io::Result<()> {
    let d = &a.doc;
    let p = &d.meta.published;
    writeln!(out, "── {}", d.id)?;
    writeln!(
        out,
        "   published  {} ({})",
        p.value.as_deref().unwrap_or("unknown"),
        serde_json::to_value(p.source)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    )?;
    if let Some(t) = &d.meta.title {
        writeln!(out, "   title      {t}")?;
    }
    if let Some(u) = &d.meta.url {
        writeln!(out, "   url        {u}")?;
    }
    let body_sentences = a
        .seg
        .sentences
        .iter()
        .filter(|s| !d.in_boilerplate(s.span))
        .count();
    writeln!(
        out,
        "   text       {} bytes, {} sentences ({} in boilerplate), {} tokens",
        d.text.len(),
        a.seg.sentences.len(),
        a.seg.sentences.len() - body_sentences,
        a.seg.tokens.len()
    )?;
    for b in &d.boilerplate {
        writeln!(
            out,
            "   boilerplate [{}..{}] {:?}",
            b.start(),
            b.end(),
            snippet(&d.text[*b], 60)
        )?;
    }
    writeln!(
        out,
        "   found      {} timexes, {} quantities, {} entities, {} statements",
        a.timexes.len(),
        a.quantities.len(),
        a.entities.len(),
        a.statements.len()
    )?;
    for st in &a.statements {
        let who = st
            .speaker
            .as_ref()
            .map_or("(the outlet)".to_string(), |sp| match &sp.role {
                Some(r) => format!("{} ({r})", sp.name),
                None => sp.name.clone(),
            });
        let when = match (&st.target, &st.when) {
            (Some(t), _) => format!(
                "{} {}{}",
                t.bound,
                t.value.as_deref().unwrap_or("no date"),
                t.modifier.map(|m| format!(" ({m})")).unwrap_or_default()
            ),
            (None, Some(w)) => format!("as of {w}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "   {:<8} {:<21} {:<24} {} | {}",
            st.kind,
            st.event,
            when,
            who,
            snippet(&d.text[st.span], 70)
        )?;
    }
    for q in &a.quantities {
        writeln!(
            out,
            "   figure   {:<40} {} {}{}{} [{}]",
            format!("{:?}", q.text),
            q.value,
            q.unit.as_deref().unwrap_or(""),
            q.per.map(|p| format!(" per {p}")).unwrap_or_default(),
            q.value_max.map(|m| format!(" to {m}")).unwrap_or_default(),
            q.bound
        )?;
    }
    let mut named: Vec<String> = Vec::new();
    for e in &a.entities {
        let label = format!("{} {}", e.kind, e.name);
        if !named.contains(&label) {
            named.push(label);
        }
    }
    if !named.is_empty() {
        writeln!(out, "   named    {}", named.join("; "))?;
    }
    if with_text {
        for s in &a.seg.sentences {
            let mark = if d.in_boilerplate(s.span) {
                '·'
            } else {
                '│'
            };
            writeln!(out, "   {mark} {}", snippet(&d.text[s.span], 100))?;
        }
    }
    writeln!(out)
}
