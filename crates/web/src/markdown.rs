//! The report as Markdown: the same sections as the HTML page, tables and lists, the
//! chart as an SVG file beside it, every source numbered and anchored. Article text is
//! escaped so that no HTML and no emphasis comes through.

use std::fmt::Write as _;

use crate::dossier::Dossier;

/// Markdown-safe text: no HTML, no emphasis, no table breaks.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '*' | '_' | '`' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn link(d: &Dossier, s: &overdue_timeline::ledger::Source) -> String {
    let n = d.number_of(s);
    format!("[\\[{n}\\]](#s{n})")
}

/// The first `shown` of a row's `all` items joined by `sep`, and "and 12 more".
fn first(items: impl Iterator<Item = String>, all: usize, shown: usize, sep: &str) -> String {
    let mut v: Vec<String> = items.take(shown).collect();
    if all > shown {
        v.push(format!("and {} more", all - shown));
    }
    v.join(sep)
}

/// The line under a view an abridged report cut short.
fn more(m: &mut String, left: usize, what: &str, command: &str) {
    if left > 0 {
        let _ = writeln!(
            m,
            "\n{left} more {what} are left out of this report: `overdue {command} --db FILE` lists them all, and `overdue report --rows 0` writes a report with every one."
        );
    }
}

/// The report as Markdown; the chart, if any, is the SVG file `svg` beside it.
pub fn render(d: &Dossier, title: &str, svg: Option<&str>) -> String {
    let mut m = String::new();
    let several = d.grouping.projects.len() > 1;
    let per_row = d.left.per_row;
    let _ = writeln!(m, "# {}\n\n{}\n", md(title), md(&d.summary));
    if d.left.any() {
        let _ = writeln!(
            m,
            "This report shows the first {} rows of each table and at most {per_row} sources in a row; the summary and the chart are of everything.\n",
            d.left.rows
        );
    }
    if let Some(svg) = svg {
        let _ = writeln!(
            m,
            "## Milestone trend\n\n![Milestone trend: promised date against the date it was promised]({svg})\n"
        );
    }
    let _ = writeln!(
        m,
        "## Ledger of promised dates\n\nStatus as of {}.\n\n|{} status | deadline | event | facility | speaker | said | target | sources | outcome |\n|{}",
        d.ledger.as_of,
        if several { " project |" } else { "" },
        "---|".repeat(if several { 10 } else { 9 })
    );
    for r in &d.ledger.rows {
        let speaker = r.speaker_label();
        let target = r.target.as_ref().map_or(String::new(), |t| {
            format!("{} {}", t.bound, t.value.as_deref().unwrap_or("–"))
        });
        let sources = first(
            r.sources.iter().map(|s| link(d, s)),
            r.sources.len(),
            per_row,
            " ",
        );
        let outcome = r.outcome.as_ref().map_or(String::new(), |o| {
            format!(
                "{} {}",
                md(&o.when),
                link(
                    d,
                    &overdue_timeline::ledger::Source {
                        doc: o.doc.clone(),
                        span: o.span
                    }
                )
            )
        });
        let _ = writeln!(
            m,
            "|{} **{}** | {} | {} | {} | {} | {} | {} | {} | {} |",
            if several {
                format!(" {} |", md(&r.project))
            } else {
                String::new()
            },
            r.status,
            r.deadline.as_deref().unwrap_or(""),
            md(r.event),
            md(r.facility.as_deref().unwrap_or("")),
            md(&speaker),
            md(r.said.as_deref().unwrap_or("")),
            md(&target),
            sources,
            outcome
        );
    }
    more(&mut m, d.left.ledger, "ledger rows", "ledger");
    if !d.ledger.slippage.is_empty() {
        m.push_str("\n### Slippage\n\n");
        for c in &d.ledger.slippage {
            let chain: Vec<String> = c
                .points
                .iter()
                .map(|p| format!("{} (said {})", p.deadline, p.said))
                .collect();
            let _ = writeln!(
                m,
                "- {} {}: {}; slip {} days",
                md(c.facility.as_deref().unwrap_or("project")),
                md(c.event),
                chain.join(" → "),
                c.slip_days
            );
        }
    }
    m.push_str("\n## Timeline\n\n| date | kind | event | facility | speaker | statement |\n|---|---|---|---|---|---|\n");
    for e in &d.timeline {
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} | {} {} |",
            md(e.date.as_deref().unwrap_or("")),
            e.kind,
            md(e.event),
            md(e.facility.as_deref().unwrap_or("")),
            md(e.speaker.as_deref().unwrap_or("")),
            md(&e.text),
            link(d, &e.source)
        );
    }
    more(&mut m, d.left.timeline, "timeline entries", "timeline");
    m.push_str("\n## Figures\n\n");
    for f in &d.figures.measures {
        let _ = writeln!(m, "### {}\n", md(&f.unit));
        for v in f.values.iter().take(per_row) {
            let _ = writeln!(m, "- {} {}", md(&v.text), link(d, &v.source));
        }
        if f.values.len() > per_row {
            let _ = writeln!(m, "- and {} more", f.values.len() - per_row);
        }
        for c in f.conflicts.iter().take(per_row) {
            let _ = writeln!(
                m,
                "- **Conflict**: “{}” {} and “{}” {} cannot both hold",
                md(&c.a.text),
                link(d, &c.a.source),
                md(&c.b.text),
                link(d, &c.b.source)
            );
        }
        if f.conflicts.len() > per_row {
            let _ = writeln!(m, "- and {} more conflicts", f.conflicts.len() - per_row);
        }
        m.push('\n');
    }
    for r in &d.figures.restated {
        let _ = writeln!(
            m,
            "- “{}” and “{}” {}: {}",
            md(&r.a.text),
            md(&r.b.text),
            if r.consistent { "agree" } else { "disagree" },
            md(&r.why)
        );
    }
    more(
        &mut m,
        d.left.measures + d.left.restated,
        "figures",
        "figures",
    );
    m.push_str("\n## People and organisations\n\n| name | type | roles | statements |\n|---|---|---|---|\n");
    for p in &d.people.people {
        let roles = first(
            p.roles.iter().map(|r| match &r.org {
                Some(o) => md(&format!("{} of {o}", r.title)),
                None => md(&r.title),
            }),
            p.roles.len(),
            per_row,
            "; ",
        );
        let statements = first(
            p.statements.iter().map(|s| link(d, s)),
            p.statements.len(),
            per_row,
            " ",
        );
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} |",
            md(&p.name),
            p.kind,
            roles,
            statements
        );
    }
    for c in &d.people.role_conflicts {
        let holders: Vec<String> = c.holders.iter().map(|x| md(&x.name)).collect();
        let _ = writeln!(
            m,
            "\n**Post given to more than one person**: {} of {}: {}",
            md(&c.post),
            md(&c.org),
            holders.join(", ")
        );
    }
    more(
        &mut m,
        d.left.people + d.left.role_conflicts,
        "people, organisations and posts",
        "people",
    );
    m.push_str("\n## Sources\n\n");
    for (doc, span) in &d.cited {
        let n = d.number(doc, *span);
        let (before, passage, after) = d.context(doc, *span, 160);
        let _ = writeln!(
            m,
            "{n}. <a id=\"s{n}\"></a>{} **{}** {} — {}, bytes {}–{}",
            md(&before),
            md(&passage),
            md(&after),
            md(doc),
            span.start(),
            span.end()
        );
    }
    m
}
