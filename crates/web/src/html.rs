//! The report as one self-contained HTML page: no script, no network, no external font;
//! every row links to its source sentence, shown in context with the passage marked.
//! Every piece of article text is escaped.

use std::fmt::Write;

use overdue_timeline::ledger::{Row, Source};

use crate::dossier::Dossier;

/// `s` with the characters HTML gives meaning to escaped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;max-width:1100px;margin:2em auto;padding:0 1em}\
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border-bottom:1px solid #eee;padding:.3em .5em;text-align:left;vertical-align:top}\
th{background:#f6f6f6}.overdue{color:#b00020;font-weight:600}.late{color:#b36b00;font-weight:600}.kept{color:#1b7f3b;font-weight:600}.pending{color:#1b6ca8}.open{color:#666}\
mark{background:#fff1a8;padding:0 .1em}.ctx{margin:.2em 0}.ref{color:#666;font-size:.85em;margin:0 0 1em}\
.summary{font-size:1.05em;background:#f8f8f8;border-left:4px solid #1b6ca8;padding:.6em 1em}\
li:target{background:#fffbe0}a{color:#1b6ca8}.conflict{color:#b00020}";

/// How a page links to a cited passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// To the numbered passages at the end of the page (the report file).
    Anchors,
    /// To the passage in its document's page (the web view).
    Documents,
}

/// A link to a cited passage.
fn cite(d: &Dossier, links: Links, s: &Source) -> String {
    let n = d.number_of(s);
    let href = match links {
        Links::Anchors => format!("#s{n}"),
        Links::Documents => doc_href(&s.doc, s.span.start()),
    };
    format!(
        "<a href=\"{}\" title=\"{}\">[{n}]</a>",
        esc(&href),
        esc(&format!("{} {}–{}", s.doc, s.span.start(), s.span.end()))
    )
}

fn target(r: &Row) -> String {
    r.target.as_ref().map_or(String::new(), |t| {
        let value = t.value.as_deref().unwrap_or("–");
        match t.modifier {
            Some(m) => format!("{} {value} ({m})", t.bound),
            None => format!("{} {value}", t.bound),
        }
    })
}

/// The whole page, self-contained (the report file).
pub fn render(d: &Dossier, title: &str) -> String {
    let mut h = head(title);
    top(&mut h, d, title, &[]);
    if d.left.any() {
        let _ = write!(
            h,
            "<p class=\"ref\">This report shows the first {} rows of each table and at most {} sources in a row; the summary and the chart are of everything.</p>",
            d.left.rows, d.left.per_row
        );
    }
    chart(&mut h, d);
    ledger(&mut h, d, Links::Anchors, d.left.per_row);
    more(&mut h, d.left.ledger, "ledger rows", "ledger");
    timeline(&mut h, d, Links::Anchors, 0..d.timeline.len());
    more(&mut h, d.left.timeline, "timeline entries", "timeline");
    figures(&mut h, d, Links::Anchors);
    more(
        &mut h,
        d.left.measures + d.left.restated,
        "figures",
        "figures",
    );
    people(&mut h, d, Links::Anchors, usize::MAX);
    more(
        &mut h,
        d.left.people + d.left.role_conflicts,
        "people, organisations and posts",
        "people",
    );
    projects(&mut h, d, Links::Anchors);
    more(&mut h, d.left.projects, "projects", "projects");
    sources(&mut h, d);
    h.push_str("<p class=\"ref\">Made by overdue. Every row cites the sentences it was read from.</p></body></html>\n");
    h
}

/// "and 12 more" after the first `shown` of `all` items of a row.
fn and_more(items: &mut Vec<String>, all: usize, shown: usize) {
    if all > shown {
        items.push(format!("and {} more", all - shown));
    }
}

/// The line under a view an abridged report cut short: how much it left out and where
/// to find it.
fn more(h: &mut String, left: usize, what: &str, command: &str) {
    if left > 0 {
        let _ = write!(
            h,
            "<p class=\"ref\">{left} more {what} are left out of this report: <code>overdue {command} --db FILE</code> lists them all, and <code>overdue report --rows 0</code> writes a report with every one.</p>"
        );
    }
}

/// The start of every page: its head, inline style, and title.
pub fn head(title: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body>",
        esc(title)
    )
}

/// The address of a project's page in the web view.
pub fn project_href(id: &str) -> String {
    format!(
        "/project?id={}",
        percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC)
    )
}

/// The address of a document's page in the web view, at a passage.
pub fn doc_href(doc: &str, at: usize) -> String {
    format!(
        "/doc?id={}#o{at}",
        percent_encoding::utf8_percent_encode(doc, percent_encoding::NON_ALPHANUMERIC)
    )
}

/// The title, the summary and the menu (`menu`: the web view's pages, else the report's
/// sections).
pub fn top(h: &mut String, d: &Dossier, title: &str, menu: &[(&str, &str)]) {
    let _ = write!(
        h,
        "<h1>{}</h1><p class=\"summary\" id=\"summary\">{}</p><nav>",
        esc(title),
        esc(&d.summary)
    );
    let report: [(&str, &str); 7] = [
        ("#chart", "Chart"),
        ("#ledger", "Ledger"),
        ("#timeline", "Timeline"),
        ("#figures", "Figures"),
        ("#people", "People"),
        ("#projects", "Projects"),
        ("#sources", "Sources"),
    ];
    let items: Vec<String> = if menu.is_empty() { &report[..] } else { menu }
        .iter()
        .map(|(href, label)| format!("<a href=\"{href}\">{label}</a>"))
        .collect();
    h.push_str(&items.join(" · "));
    h.push_str("</nav>");
}

/// The milestone-trend chart with its legend.
pub fn chart(h: &mut String, d: &Dossier) {
    h.push_str("<h2 id=\"chart\">Milestone trend</h2>");
    match d.chart() {
        Some(svg) => {
            h.push_str("<p>Each line is one facility's event: x is when a date was promised, y the date promised. A line that climbs is a date that slipped; the dashed diagonal is where a promise falls due.</p>");
            h.push_str(&svg);
        }
        None => h.push_str("<p>No event was promised for two different dates.</p>"),
    }
}

/// The ledger table and the slippage chains; at most `max_sources` sources a row.
pub fn ledger(h: &mut String, d: &Dossier, links: Links, max_sources: usize) {
    let several = d.grouping.projects.len() > 1;
    let _ = write!(
        h,
        "<h2 id=\"ledger\">Ledger of promised dates</h2><p>Status as of {}. A promise is kept when the event, or a later stage of it, is reported done by its deadline.</p><table><thead><tr>{}<th>Status</th><th>Deadline</th><th>Event</th><th>Facility</th><th>Speaker</th><th>Said</th><th>Target</th><th>Sources</th><th>Outcome</th></tr></thead><tbody>",
        esc(&d.ledger.as_of),
        if several { "<th>Project</th>" } else { "" }
    );
    for r in &d.ledger.rows {
        let speaker = r.speaker_label();
        let mut sources: Vec<String> = r
            .sources
            .iter()
            .take(max_sources)
            .map(|s| cite(d, links, s))
            .collect();
        and_more(&mut sources, r.sources.len(), max_sources);
        let outcome = r.outcome.as_ref().map_or(String::new(), |o| {
            format!(
                "{} {}",
                esc(&o.when),
                cite(
                    d,
                    links,
                    &Source {
                        doc: o.doc.clone(),
                        span: o.span
                    }
                )
            )
        });
        let _ = write!(
            h,
            "<tr class=\"row\">{}<td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if several {
                format!("<td>{}</td>", esc(&r.project))
            } else {
                String::new()
            },
            r.status,
            r.status,
            esc(r.deadline.as_deref().unwrap_or("")),
            r.event.replace('_', " "),
            esc(r.facility.as_deref().unwrap_or("")),
            esc(&speaker),
            esc(r.said.as_deref().unwrap_or("")),
            esc(&target(r)),
            sources.join(" "),
            outcome
        );
    }
    h.push_str("</tbody></table>");
    if !d.ledger.slippage.is_empty() {
        h.push_str("<h3>Slippage</h3><ul>");
        for c in &d.ledger.slippage {
            let chain: Vec<String> = c
                .points
                .iter()
                .map(|p| format!("{} (said {})", esc(&p.deadline), esc(&p.said)))
                .collect();
            let rate = c.slip_days_per_year.map_or(String::new(), |r| {
                format!(", {r:.0} days a year of reporting")
            });
            let _ = write!(
                h,
                "<li>{}{} {}: {}; slip {} days{rate}</li>",
                if several {
                    format!("{}: ", esc(&c.project))
                } else {
                    String::new()
                },
                esc(c.facility.as_deref().unwrap_or("project")),
                c.event.replace('_', " "),
                chain.join(" → "),
                c.slip_days
            );
        }
        h.push_str("</ul>");
    }
}

/// The timeline's entries in `range`.
pub fn timeline(h: &mut String, d: &Dossier, links: Links, range: std::ops::Range<usize>) {
    h.push_str("<h2 id=\"timeline\">Timeline</h2><table><thead><tr><th>Date</th><th>Kind</th><th>Event</th><th>Facility</th><th>Speaker</th><th>Target</th><th>Statement</th></tr></thead><tbody>");
    for e in &d.timeline[range] {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td></tr>",
            esc(e.date.as_deref().unwrap_or("")),
            e.kind,
            e.event.replace('_', " "),
            esc(e.facility.as_deref().unwrap_or("")),
            esc(e.speaker.as_deref().unwrap_or("")),
            esc(e.target.as_deref().unwrap_or("")),
            esc(&e.text),
            cite(d, links, &e.source)
        );
    }
    h.push_str("</tbody></table>");
}

/// Figures given more than once, their conflicts, and rates restated.
pub fn figures(h: &mut String, d: &Dossier, links: Links) {
    let several = d.grouping.projects.len() > 1;
    h.push_str("<h2 id=\"figures\">Figures</h2>");
    if d.figures.measures.is_empty() && d.figures.restated.is_empty() {
        h.push_str("<p>No figure is given more than once.</p>");
    }
    for m in &d.figures.measures {
        let _ = write!(
            h,
            "<h3>{}{}</h3><ul>",
            esc(&m.unit),
            if several {
                format!(" ({})", esc(&m.project))
            } else {
                String::new()
            }
        );
        let per_row = d.left.per_row;
        for v in m.values.iter().take(per_row) {
            let _ = write!(h, "<li>{} {}</li>", esc(&v.text), cite(d, links, &v.source));
        }
        if m.values.len() > per_row {
            let _ = write!(h, "<li>and {} more</li>", m.values.len() - per_row);
        }
        for c in m.conflicts.iter().take(per_row) {
            let _ = write!(
                h,
                "<li class=\"conflict\">Conflict: “{}” {} and “{}” {} cannot both hold</li>",
                esc(&c.a.text),
                cite(d, links, &c.a.source),
                esc(&c.b.text),
                cite(d, links, &c.b.source)
            );
        }
        if m.conflicts.len() > per_row {
            let _ = write!(
                h,
                "<li class=\"conflict\">and {} more conflicts</li>",
                m.conflicts.len() - per_row
            );
        }
        h.push_str("</ul>");
    }
    if !d.figures.restated.is_empty() {
        h.push_str("<h3>Rates restated in another period</h3><ul>");
        for r in &d.figures.restated {
            let _ = write!(
                h,
                "<li>“{}” {} and “{}” {}: {} ({})</li>",
                esc(&r.a.text),
                cite(d, links, &r.a.source),
                esc(&r.b.text),
                cite(d, links, &r.b.source),
                if r.consistent { "agree" } else { "disagree" },
                esc(&r.why)
            );
        }
        h.push_str("</ul>");
    }
}

/// People and organisations (the `max` most mentioned), and posts given twice.
pub fn people(h: &mut String, d: &Dossier, links: Links, max: usize) {
    h.push_str("<h2 id=\"people\">People and organisations</h2><table><thead><tr><th>Name</th><th>Type</th><th>Also written</th><th>Roles</th><th>Statements</th></tr></thead><tbody>");
    for p in d.people.people.iter().take(max) {
        let per_row = d.left.per_row;
        let mut roles: Vec<String> = p
            .roles
            .iter()
            .take(per_row)
            .map(|r| {
                let post = match &r.org {
                    Some(o) => format!("{} of {o}", r.title),
                    None => r.title.clone(),
                };
                format!("{} {}", esc(&post), cite(d, links, &r.source))
            })
            .collect();
        and_more(&mut roles, p.roles.len(), per_row);
        let mut statements: Vec<String> = p
            .statements
            .iter()
            .take(per_row)
            .map(|s| cite(d, links, s))
            .collect();
        and_more(&mut statements, p.statements.len(), per_row);
        let names: Vec<&str> = p
            .names
            .iter()
            .map(String::as_str)
            .filter(|n| *n != p.name)
            .collect();
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.name),
            p.kind,
            esc(&names.join(" / ")),
            roles.join("; "),
            statements.join(" ")
        );
    }
    h.push_str("</tbody></table>");
    if !d.people.role_conflicts.is_empty() {
        h.push_str("<h3>Posts given to more than one person</h3><ul>");
        for c in &d.people.role_conflicts {
            let holders: Vec<String> = c
                .holders
                .iter()
                .map(|x| {
                    format!(
                        "{} ({}) {}",
                        esc(&x.name),
                        esc(x.role.published.as_deref().unwrap_or("undated")),
                        cite(d, links, &x.role.source)
                    )
                })
                .collect();
            let _ = write!(
                h,
                "<li class=\"conflict\">{} of {}: {}</li>",
                esc(&c.post),
                esc(&c.org),
                holders.join(", ")
            );
        }
        h.push_str("</ul>");
    }
}

/// A project's facilities with how often they are named, escaped: "rifle plant (4),
/// toll station (1)", or "none named".
pub fn facilities(p: &overdue_timeline::projects::Project) -> String {
    if p.facilities.is_empty() {
        return "none named".to_string();
    }
    let named: Vec<String> = p
        .facilities
        .iter()
        .map(|f| format!("{} ({})", esc(&f.name), f.mentions))
        .collect();
    named.join(", ")
}

/// The projects and their facilities.
pub fn projects(h: &mut String, d: &Dossier, links: Links) {
    h.push_str("<h2 id=\"projects\">Projects and facilities</h2><ul>");
    let shown = d.grouping.projects.len() - d.left.projects;
    for p in &d.grouping.projects[..shown] {
        // In the web view each project has a page of its own.
        let name = match links {
            Links::Anchors => esc(&p.name),
            Links::Documents => format!("<a href=\"{}\">{}</a>", project_href(&p.id), esc(&p.name)),
        };
        let _ = write!(
            h,
            "<li><b>{} {}</b>: {} documents; facilities: {}</li>",
            esc(&p.id),
            name,
            p.documents.len(),
            facilities(p)
        );
    }
    h.push_str("</ul>");
}

/// Every cited passage, numbered, in context with the passage marked.
pub fn sources(h: &mut String, d: &Dossier) {
    h.push_str("<h2 id=\"sources\">Sources</h2><ol>");
    for (doc, span) in &d.cited {
        let n = d.number(doc, *span);
        let (before, passage, after) = d.context(doc, *span, 240);
        let info = d.docs.get(doc);
        let _ = write!(
            h,
            "<li id=\"s{n}\"><p class=\"ctx\">{}<mark>{}</mark>{}</p><p class=\"ref\">{}{}, bytes {}–{}</p></li>",
            esc(&before),
            esc(&passage),
            esc(&after),
            esc(doc),
            info.and_then(|i| i.published.as_deref())
                .map_or(String::new(), |p| format!(" ({})", esc(p))),
            span.start(),
            span.end()
        );
    }
    h.push_str("</ol>");
}
