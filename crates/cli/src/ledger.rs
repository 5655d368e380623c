//! `overdue ledger`: the promised dates of the documents given, with their status.

use std::io::Write;

use anyhow::{Result, bail};
use overdue_store::Items;
use overdue_timeline::ledger::{Ledger, Row, build};

use crate::Exit;
use crate::report::{Report, ReportArgs};

/// Arguments of `overdue ledger`.
#[derive(clap::Args)]
pub struct Args {
    /// The documents, how to read them, and the output format.
    #[command(flatten)]
    pub report: ReportArgs,
    /// Give statuses as of this date (YYYY-MM-DD; default: the newest publication date).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

/// Reads `--as-of`.
pub fn parse_as_of(s: Option<&str>) -> Result<Option<jiff::civil::Date>> {
    match s {
        Some(d) => match d.trim().parse::<jiff::civil::Date>() {
            Ok(d) => Ok(Some(d)),
            Err(_) => bail!("--as-of {d:?} is not a date (YYYY-MM-DD)"),
        },
        None => Ok(None),
    }
}

/// Runs `overdue ledger`.
pub fn run(args: Args) -> Result<Exit> {
    let as_of = parse_as_of(args.as_of.as_deref())?;
    // A store keeps the grouping without corrections: its ledger is read with it.
    if let Some(db) = &args.report.db
        && args.report.corrections.is_none()
        && args.report.input.paths.is_empty()
    {
        let store = overdue_store::Store::open_read_only(db)?;
        if let Some(ledger) = store.ledger(as_of)? {
            crate::report::write(args.report.format, &ledger, write_csv, write_table)?;
            return Ok(Exit::Success);
        }
    }
    crate::report::run(
        &args.report,
        Report {
            items: Items::Views,
            build: |docs, grouping| build(docs, grouping, as_of),
            csv: |out, l| write_csv(out, l),
            text: |out, l, md| write_table(out, l, md),
        },
    )
}

const HEADER: [&str; 9] = [
    "status", "deadline", "event", "facility", "speaker", "said", "target", "sources", "outcome",
];

fn cells(r: &Row) -> [String; 9] {
    let target = r.target.as_ref().map_or(String::new(), |t| {
        let value = t.value.as_deref().unwrap_or("-");
        match t.modifier {
            Some(m) => format!("{} {value} ({m})", t.bound),
            None => format!("{} {value}", t.bound),
        }
    });
    let speaker = r.speaker_label();
    let sources: Vec<String> = r
        .sources
        .iter()
        .map(|s| format!("{}:{}-{}", s.doc, s.span.start(), s.span.end()))
        .collect();
    let outcome = r.outcome.as_ref().map_or(String::new(), |o| {
        format!("{} {}:{}-{}", o.when, o.doc, o.span.start(), o.span.end())
    });
    [
        r.status.to_string(),
        r.deadline.clone().unwrap_or_default(),
        r.event.to_string(),
        r.facility.clone().unwrap_or_default(),
        speaker,
        r.said.clone().unwrap_or_default(),
        target,
        sources.join(" "),
        outcome,
    ]
}

fn write_csv(out: &mut impl Write, ledger: &Ledger) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for r in &ledger.rows {
        w.write_record(cells(r))?;
    }
    w.flush()?;
    Ok(())
}

fn write_table(out: &mut impl Write, ledger: &Ledger, markdown: bool) -> Result<()> {
    let rows: Vec<[String; 9]> = ledger.rows.iter().map(cells).collect();
    if markdown {
        writeln!(out, "Ledger as of {}\n", ledger.as_of)?;
        writeln!(out, "| {} |", HEADER.join(" | "))?;
        writeln!(out, "|{}", "---|".repeat(HEADER.len()))?;
        for r in &rows {
            let escaped: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
            writeln!(out, "| {} |", escaped.join(" | "))?;
        }
        return write_slippage(out, ledger, true);
    }
    writeln!(out, "Ledger as of {} ({} rows)", ledger.as_of, rows.len())?;
    // The wide columns (sources, outcome) go last and are not padded.
    let widths: Vec<usize> = (0..7)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([HEADER[i].len()])
                .max()
                .unwrap_or(0)
                .min(40)
        })
        .collect();
    let line = |cols: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, c) in cols.iter().enumerate() {
            if i < 7 {
                let cut: String = c.chars().take(widths[i]).collect();
                s.push_str(&format!("{cut:<w$}  ", w = widths[i]));
            } else {
                s.push_str(c);
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(HEADER.to_vec()))?;
    for r in &rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    write_slippage(out, ledger, false)
}

fn write_slippage(out: &mut impl Write, ledger: &Ledger, markdown: bool) -> Result<()> {
    if ledger.slippage.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\n{}Slippage (deadlines in the order said)\n",
        if markdown { "## " } else { "" }
    )?;
    for c in &ledger.slippage {
        let chain: Vec<String> = c
            .points
            .iter()
            .map(|p| format!("{} (said {})", p.deadline, p.said))
            .collect();
        let rate = c.slip_days_per_year.map_or(String::new(), |r| {
            format!(", {r:.0} days a year of reporting")
        });
        writeln!(
            out,
            "{}{} {}: {}; slip {} days{rate}",
            if markdown { "- " } else { "" },
            c.facility.as_deref().unwrap_or("project"),
            c.event,
            chain.join(" → "),
            c.slip_days
        )?;
    }
    Ok(())
}
