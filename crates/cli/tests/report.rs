//! `overdue report` as a user reads it: one self-contained page, every row linked to its
//! source sentence, article text escaped.

mod common;

use common::*;

#[test]
fn html_report_of_the_examples_is_self_contained_and_every_link_lands() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("report.html");
    let db = dir.path().join("overdue.db");
    let mut args = vec![
        "report",
        "--db",
        db.to_str().unwrap(),
        "--meta",
        "examples/meta.tsv",
        "--out",
        out_path.to_str().unwrap(),
    ];
    let paths = example_paths();
    args.extend(paths.iter().map(String::as_str));
    let out = overdue(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Report written to"), "{stdout}");
    assert!(
        stdout.contains("7 articles published from 2016-03-14 to 2024-02-15"),
        "{stdout}"
    );
    assert!(
        stdout.contains("promised dates as of 2024-02-15"),
        "{stdout}"
    );
    let html = std::fs::read_to_string(&out_path).unwrap();
    // Self-contained: no script, no stylesheet or image fetched, no font.
    for banned in ["<script", "<link", " src=", "@import", "url("] {
        assert!(!html.contains(banned), "{banned}");
    }
    assert!(html.contains("<svg") && html.contains("class=\"diagonal\""));
    assert!(html.matches("<polyline").count() >= 2, "a line per chain");
    // Every link to a source lands on a source shown with its passage marked.
    let mut links = 0;
    for part in html.split("href=\"#s").skip(1) {
        let n: String = part.chars().take_while(char::is_ascii_digit).collect();
        if n.is_empty() {
            continue; // "#sources", the menu
        }
        assert!(html.contains(&format!("<li id=\"s{n}\">")), "s{n}");
        links += 1;
    }
    assert!(links >= 30, "{links}");
    assert!(html.matches("<mark>").count() >= 20);
    // The ledger's rows, with their statuses.
    assert!(html.matches("<tr class=\"row\">").count() >= 15);
    assert!(html.contains("class=\"late\""));
    // Reporting the store again, without files, gives the same page.
    let again = dir.path().join("again.html");
    let out = overdue(&[
        "report",
        "--db",
        db.to_str().unwrap(),
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&again).unwrap(), html);
}

/// `overdue report` on the examples and the seeds (two projects) with `extra` arguments,
/// written to `out`.
fn report_of_examples_and_seeds(extra: &[&str], out: &std::path::Path) -> std::process::Output {
    let seeds_meta = seeds().join("meta.tsv");
    let (examples, seed) = (example_paths(), seed_paths());
    let mut args = vec![
        "report",
        "--meta",
        "examples/meta.tsv",
        "--meta",
        seeds_meta.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    args.extend(examples.iter().chain(&seed).map(String::as_str));
    overdue(&args)
}

#[test]
fn a_report_on_one_project_of_several() {
    let dir = tempfile::tempdir().unwrap();
    let report = |project: &str, out: &std::path::Path| {
        report_of_examples_and_seeds(&["--project", project], out)
    };
    // By name, in any case: only that project's articles, ledger and sources.
    let md = dir.path().join("bridge.md");
    let out = report("kestrel bay bridge", &md);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("7 articles published from 2016-03-14 to 2024-02-15, about one project (Kestrel Bay Bridge)"),
        "{stdout}"
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("examples/articles/"), "{text}");
    assert!(!text.contains("seeds/"), "{text}");
    // By id, the other one.
    let html = dir.path().join("p2.html");
    let out = report("p2", &html);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("5 articles published from 2013"),
        "{stdout}"
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("Kestrel"), "the other project's rows");
    // A project that is not there is named, with those that are.
    let out = report("Harbour Tunnel", &dir.path().join("x.html"));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("\"Harbour Tunnel\"") && err.contains("p1 Kestrel Bay Bridge"),
        "{err}"
    );
}

#[test]
fn the_report_of_a_large_store_shows_the_first_rows_of_each_table() {
    let dir = tempfile::tempdir().unwrap();
    let report = |rows: Option<&str>, out: &std::path::Path| {
        let extra = rows.map_or(Vec::new(), |r| vec!["--rows", r]);
        let o = report_of_examples_and_seeds(&extra, out);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        (
            String::from_utf8(o.stdout).unwrap(),
            std::fs::read_to_string(out).unwrap(),
        )
    };
    let (summary, whole) = report(None, &dir.path().join("whole.html"));
    // Under the default bound nothing is left out: every row, as with --rows 0.
    let (_, all) = report(Some("0"), &dir.path().join("all.html"));
    assert_eq!(whole, all);
    assert!(!whole.contains("left out of this report"));
    let rows = whole.matches("<tr class=\"row\">").count();
    assert!(rows > 3, "{rows}");
    let (short_summary, short) = report(Some("3"), &dir.path().join("short.html"));
    // The summary is of everything; the tables hold three rows each.
    let paragraph = |out: &str| out.split_once("\n\n").map(|(_, p)| p.to_string());
    assert_eq!(paragraph(&short_summary), paragraph(&summary));
    assert!(paragraph(&summary).is_some_and(|p| p.contains("32 promised dates")));
    assert_eq!(short.matches("<tr class=\"row\">").count(), 3);
    assert!(
        short.contains(&format!(
            "{} more ledger rows are left out of this report",
            rows - 3
        )),
        "{short}"
    );
    assert!(short.contains("more timeline entries are left out"));
    assert!(short.contains("shows the first 3 rows of each table"));
    // Only the sources of the rows shown, and every link lands on one.
    let sources = |h: &str| h.matches("<li id=\"s").count();
    assert!(sources(&short) < sources(&whole));
    let mut links = 0;
    for part in short.split("href=\"#s").skip(1) {
        let n: String = part.chars().take_while(char::is_ascii_digit).collect();
        if !n.is_empty() {
            assert!(short.contains(&format!("<li id=\"s{n}\">")), "s{n}");
            links += 1;
        }
    }
    assert!(links >= 6, "{links}");
    // The same in Markdown.
    let (_, md) = report(Some("3"), &dir.path().join("short.md"));
    assert!(
        md.contains("more ledger rows are left out of this report"),
        "{md}"
    );
    for part in md.split("](#s").skip(1) {
        let n: String = part.chars().take_while(char::is_ascii_digit).collect();
        assert!(md.contains(&format!("<a id=\"s{n}\"></a>")), "s{n}");
    }
}

#[test]
fn article_text_is_escaped_in_html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("evil.txt");
    std::fs::write(
        &article,
        "Harbour tunnel <script>alert('x')</script> delayed\n\n\
         The harbour authority said on Monday that the tunnel <script>alert(1)</script> \
         would open by the end of 2027. The authority said the tunnel will open in 2025.\n",
    )
    .unwrap();
    let html_path = dir.path().join("r.html");
    let out = overdue(&[
        "report",
        "--date",
        "2024-03-04",
        "--out",
        html_path.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let md_path = dir.path().join("r.md");
    let out = overdue(&[
        "report",
        "--date",
        "2024-03-04",
        "--out",
        md_path.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(!md.contains("<script"), "{md}");
    assert!(md.contains("&lt;script&gt;"));
    assert!(md.contains("## Ledger of promised dates"));
    // The chart is an SVG beside the Markdown, linked from it.
    assert!(md.contains("](r.svg)"));
    assert!(dir.path().join("r.svg").exists());
    // A name that is neither .html nor .md is refused.
    let out = overdue(&["report", "--out", "r.pdf", article.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".html or .md"));
}

#[test]
fn exports_for_timelinejs_and_parquet() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let dir = tempfile::tempdir().unwrap();
    let paths = example_paths();
    let mut args = vec!["export", "--timelinejs", "--meta", "examples/meta.tsv"];
    args.extend(paths.iter().map(String::as_str));
    let out = overdue(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let tl: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = tl["events"].as_array().unwrap();
    assert!(events.len() >= 25, "{}", events.len());
    assert!(tl["title"]["text"]["headline"].is_string());
    for e in events {
        assert!(
            e["start_date"]["year"]
                .as_str()
                .unwrap()
                .parse::<i32>()
                .is_ok(),
            "{e}"
        );
        assert!(["forecast", "outcome"].contains(&e["group"].as_str().unwrap()));
    }
    // Parquet: one row per item, with its span.
    let pq = dir.path().join("items.parquet");
    let mut args = vec![
        "export",
        "--parquet",
        "--out",
        pq.to_str().unwrap(),
        "--meta",
        "examples/meta.tsv",
    ];
    args.extend(paths.iter().map(String::as_str));
    let out = overdue(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let reader = SerializedFileReader::new(std::fs::File::open(&pq).unwrap()).unwrap();
    let meta = reader.metadata();
    let rows = meta.file_metadata().num_rows();
    assert!(
        stderr(&out).contains(&format!("{rows} items written")),
        "{}",
        stderr(&out)
    );
    assert!(rows >= 100, "{rows}");
    let columns: Vec<String> = meta
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(
        columns,
        [
            "doc",
            "published",
            "layer",
            "kind",
            "start",
            "end",
            "text",
            "value",
            "event",
            "speaker",
            "said",
            "target"
        ]
    );
    // Nothing to export is a usage error.
    let out = overdue(&["export", "examples/articles/2019-06-20-steel-shortage.txt"]);
    assert_eq!(out.status.code(), Some(2));
}
