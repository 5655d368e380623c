//! `overdue projects`: how the documents given group into projects and facilities, so that
//! a user can check it and correct it with `--corrections FILE`.

use std::io::Write;

use anyhow::Result;
use overdue_store::Items;
use overdue_timeline::projects::{Grouping, Project};

use crate::Exit;
use crate::report::{Report, ReportArgs};

/// Runs `overdue projects`.
pub fn run(args: ReportArgs) -> Result<Exit> {
    crate::report::run(
        &args,
        Report {
            items: Items::None,
            build: |_, grouping: &Grouping| grouping.clone(),
            csv: |out, g: &Grouping| write_csv(out, g),
            text: |out, g: &Grouping, md| write_text(out, g, md),
        },
    )
}

fn facilities(p: &Project) -> String {
    p.facilities
        .iter()
        .map(|f| {
            if f.also.is_empty() {
                format!("{} ({})", f.name, f.mentions)
            } else {
                format!("{} ({}; also {})", f.name, f.mentions, f.also.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn write_csv(out: &mut impl Write, g: &Grouping) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["project", "name", "names", "documents", "facilities"])?;
    for p in &g.projects {
        w.write_record([
            p.id.clone(),
            p.name.clone(),
            p.names.join("; "),
            p.documents.join(" "),
            facilities(p),
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn write_text(out: &mut impl Write, g: &Grouping, markdown: bool) -> Result<()> {
    let (h, item) = if markdown { ("## ", "- ") } else { ("", "  ") };
    writeln!(
        out,
        "{}{} projects",
        if markdown { "# " } else { "" },
        g.projects.len()
    )?;
    for p in &g.projects {
        writeln!(out, "\n{h}{} {}", p.id, p.name)?;
        writeln!(out, "{item}names: {}", p.names.join(", "))?;
        writeln!(out, "{item}facilities: {}", facilities(p))?;
        writeln!(out, "{item}documents ({}):", p.documents.len())?;
        for d in &p.documents {
            writeln!(out, "{item}  {d}")?;
        }
    }
    if !markdown {
        writeln!(
            out,
            "\nWrong? Write merges and splits in a file and pass it with --corrections FILE \
             (see `overdue projects --help`)."
        )?;
    }
    Ok(())
}
