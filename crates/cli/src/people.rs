//! `overdue people`: the people and organisations of the documents given, their names,
//! roles and statements, and posts given to more than one person.

use std::io::Write;

use anyhow::Result;
use overdue_pipeline::Analysis;
use overdue_store::Items;
use overdue_timeline::people::{Gathering, People, build};
use overdue_timeline::projects::Grouping;

use crate::Exit;
use crate::report::{Parts, Report, ReportArgs};

/// Runs `overdue people`.
pub fn run(args: ReportArgs) -> Result<Exit> {
    crate::report::run_in_parts(
        &args,
        Report {
            items: Items::People,
            build: |docs, _| build(docs),
            csv: |out, x: &People| write_csv(out, x),
            text: |out, x: &People, md| write_text(out, x, md),
        },
        // Each chunk's entities and statements let go once its people are gathered.
        Parts {
            start: Gathering::default(),
            add: |people: &mut Gathering, _, docs: Vec<Analysis>, _: &Grouping| {
                docs.iter().for_each(|a| people.add(a))
            },
            done: Gathering::done,
        },
    )
}

fn roles(p: &overdue_timeline::people::Person) -> String {
    let mut seen: Vec<String> = Vec::new();
    for r in &p.roles {
        let s = match &r.org {
            Some(org) => format!("{} of {org}", r.title),
            None => r.title.clone(),
        };
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    seen.join("; ")
}

fn names(p: &overdue_timeline::people::Person) -> String {
    p.names.iter().cloned().collect::<Vec<_>>().join(" / ")
}

fn write_csv(out: &mut impl Write, people: &People) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "kind",
        "name",
        "names",
        "mentions",
        "roles",
        "statements",
    ])?;
    for p in &people.people {
        w.write_record([
            p.id.clone(),
            p.kind.to_string(),
            p.name.clone(),
            names(p),
            p.mentions.to_string(),
            roles(p),
            p.statements.len().to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn write_text(out: &mut impl Write, people: &People, markdown: bool) -> Result<()> {
    if markdown {
        writeln!(
            out,
            "| id | kind | name | names | mentions | roles | statements |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|---|")?;
    }
    for p in &people.people {
        let cols = [
            p.id.clone(),
            p.kind.to_string(),
            p.name.clone(),
            names(p),
            p.mentions.to_string(),
            roles(p),
            p.statements.len().to_string(),
        ];
        if markdown {
            let c: Vec<String> = cols.iter().map(|c| c.replace('|', "\\|")).collect();
            writeln!(out, "| {} |", c.join(" | "))?;
        } else {
            writeln!(
                out,
                "{:<6} {:<6} {:<32} {:>3} mentions  {} statements  {}  [{}]",
                cols[0], cols[1], cols[2], cols[4], cols[6], cols[5], cols[3]
            )?;
        }
    }
    if !people.role_conflicts.is_empty() {
        writeln!(out, "\nRole conflicts (or successions: see the dates)")?;
        for c in &people.role_conflicts {
            let holders: Vec<String> = c
                .holders
                .iter()
                .map(|h| {
                    format!(
                        "{} ({} of {}, {} {}:{}-{})",
                        h.name,
                        h.role.title,
                        h.role.org.as_deref().unwrap_or("?"),
                        h.role.published.as_deref().unwrap_or("undated"),
                        h.role.source.doc,
                        h.role.source.span.start(),
                        h.role.source.span.end()
                    )
                })
                .collect();
            writeln!(out, "- {} of {}: {}", c.post, c.org, holders.join("; "))?;
        }
    }
    Ok(())
}
