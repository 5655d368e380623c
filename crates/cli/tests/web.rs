//! `overdue serve` as a person uses it: every view over HTTP, nothing outside the store,
//! a new ingest seen without a restart, and (where Chromium is installed) a browser
//! clicking from the ledger to a source sentence and its document.

mod common;

use std::path::PathBuf;
use std::process::{Child, Command};

use common::http::{encode, get, serve};
use common::*;
use serde_json::Value;

/// A store of the example corpus and a server on it, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_examples() -> Server {
    serve_corpora(&[("examples/meta.tsv".into(), example_paths())])
}

/// A server on a store of the corpora given (each a `--meta` file and its paths), one
/// ingest each, in order.
fn serve_corpora(corpora: &[(String, Vec<String>)]) -> Server {
    serve_store(corpora, |_| ())
}

/// [`serve_corpora`], with `change` done to the store before it is served.
fn serve_store(corpora: &[(String, Vec<String>)], change: impl FnOnce(&std::path::Path)) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("overdue.db");
    for (meta, paths) in corpora {
        let mut args = vec!["ingest", "-q", "--db", db.to_str().unwrap(), "--meta", meta];
        args.extend(paths.iter().map(String::as_str));
        let out = overdue(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    change(&db);
    let (child, addr) = serve(env!("CARGO_BIN_EXE_overdue"), &db, &root());
    Server {
        child,
        addr,
        db,
        _dir: dir,
    }
}

/// Ingests one more article, `text` published on `date`, into the server's store.
fn ingest_one(s: &Server, name: &str, date: &str, text: &str) {
    let path = s._dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let out = overdue(&[
        "ingest",
        "-q",
        "--db",
        s.db.to_str().unwrap(),
        "--date",
        date,
        path.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A store whose grouping cannot be read back: the server listens all the same, its
/// report's pages say why (naming the store, the document and what is wrong), and what
/// is read from the store itself (search, the documents) still answers.
#[test]
fn a_store_whose_report_cannot_be_read_is_said_so_on_its_pages() {
    let s = serve_store(
        &[("examples/meta.tsv".into(), example_paths())],
        |db: &std::path::Path| {
            let conn = rusqlite::Connection::open(db).unwrap();
            conn.execute(
                "UPDATE grouping SET about = x'00' WHERE seq = (SELECT min(seq) FROM grouping)",
                [],
            )
            .unwrap();
        },
    );
    let db = s.db.display().to_string();
    for path in ["/", "/timeline", "/api/ledger"] {
        let (status, body) = get(&s.addr, path);
        assert_eq!(status, 500, "{path}: {body}");
        assert!(
            body.contains(&db) && body.contains("document") && body.contains("grouping"),
            "{path}: {body}"
        );
    }
    let (status, body) = get(&s.addr, "/api/documents");
    assert_eq!(status, 200, "{body}");
    let docs: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(docs.as_array().unwrap().len(), 7);
    let (status, body) = get(&s.addr, "/search?q=bridge");
    assert_eq!(status, 200, "{body}");
    // Once the store changes (the broken row gone, one more article ingested, which
    // groups that document again), the report is made again.
    rusqlite::Connection::open(&s.db)
        .unwrap()
        .execute("DELETE FROM grouping WHERE about = x'00'", [])
        .unwrap();
    ingest_one(
        &s,
        "more.txt",
        "2024-03-01",
        "The Kestrel Bay Bridge will be repainted in 2027, the city said.",
    );
    let mut page = get(&s.addr, "/");
    for _ in 0..100 {
        if page.0 == 200 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        page = get(&s.addr, "/");
    }
    assert_eq!(page.0, 200, "{}", page.1);
    assert!(page.1.contains("8 articles"), "{}", page.1);
}

#[test]
fn serve_answers_every_view_and_nothing_outside_the_store() {
    let s = serve_examples();
    let (status, page) = get(&s.addr, "/");
    assert_eq!(status, 200);
    assert!(
        page.contains("7 articles published from 2016-03-14"),
        "{page}"
    );
    assert!(page.contains("<svg") && page.contains("tr class=\"row\""));
    // The API gives the same ledger as the command.
    let (status, api) = get(&s.addr, "/api/ledger");
    assert_eq!(status, 200);
    let api: Value = serde_json::from_str(&api).unwrap();
    let out = overdue(&["ledger", "--format", "json", "--db", s.db.to_str().unwrap()]);
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(api, cli);
    // A page of the ledger.
    let (status, page) = get(&s.addr, "/api/ledger?limit=3&offset=2");
    assert_eq!(status, 200);
    let page: Value = serde_json::from_str(&page).unwrap();
    let all = api["rows"].as_array().unwrap();
    assert_eq!(page["total"], all.len());
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for (got, want) in rows.iter().zip(&all[2..5]) {
        assert_eq!(got["said"], want["said"]);
        assert_eq!(
            got["sources_total"],
            want["sources"].as_array().unwrap().len()
        );
    }
    let (_, one) = get(&s.addr, "/api/ledger?limit=50&sources=1");
    let one: Value = serde_json::from_str(&one).unwrap();
    assert!(
        one["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["sources"].as_array().unwrap().len() <= 1)
    );
    // A page of the timeline: the entries of the whole view from the offset.
    let (_, raw) = get(&s.addr, "/api/timeline");
    let whole: Value = serde_json::from_str(&raw).unwrap();
    let entries = whole["entries"].as_array().unwrap();
    assert!(entries.len() > 4);
    // The same timeline as the command's, its fields in the same order (`kind` before
    // `event`, as the entries declare them; not sorted by name).
    let out = overdue(&[
        "timeline",
        "--format",
        "json",
        "--db",
        s.db.to_str().unwrap(),
    ]);
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(whole, cli);
    let text = String::from_utf8(out.stdout).unwrap();
    for json in [&raw, &text] {
        let at = |key: &str| json.find(&format!("\"{key}\"")).unwrap();
        assert!(at("kind") < at("event"), "{}", &json[..200.min(json.len())]);
    }
    let (status, page) = get(&s.addr, "/api/timeline?limit=3&offset=2");
    assert_eq!(status, 200);
    let page: Value = serde_json::from_str(&page).unwrap();
    assert_eq!(page["total"], entries.len());
    assert_eq!(page["offset"], 2);
    assert_eq!(page["entries"].as_array().unwrap(), &entries[2..5]);
    let (_, last) = get(
        &s.addr,
        &format!("/api/timeline?limit=10&offset={}", entries.len() - 1),
    );
    let last: Value = serde_json::from_str(&last).unwrap();
    assert_eq!(
        last["entries"].as_array().unwrap(),
        &entries[entries.len() - 1..]
    );
    let (_, past) = get(&s.addr, "/api/timeline?limit=10&offset=100000");
    let past: Value = serde_json::from_str(&past).unwrap();
    assert!(past["entries"].as_array().unwrap().is_empty());
    for view in ["timeline", "figures", "people", "projects", "documents"] {
        let (status, body) = get(&s.addr, &format!("/api/{view}"));
        assert_eq!(status, 200, "{view}");
        assert!(serde_json::from_str::<Value>(&body).is_ok(), "{view}");
    }
    // Search over sentences, as a page and as JSON.
    let (status, hits) = get(&s.addr, "/api/search?q=toll%20stations");
    assert_eq!(status, 200);
    let hits: Value = serde_json::from_str(&hits).unwrap();
    assert!(
        hits[0]["text"].as_str().unwrap().contains("toll stations"),
        "{hits}"
    );
    let (_, page) = get(&s.addr, "/search?q=%22steel%22+shortage");
    assert!(
        page.contains("sentences.") && page.contains("/doc?id="),
        "{page}"
    );
    // A document's page: its text with its annotations marked, escaped.
    let doc = hits[0]["doc"].as_str().unwrap();
    let encoded = encode(doc);
    let (status, page) = get(&s.addr, &format!("/doc?id={encoded}"));
    assert_eq!(status, 200);
    assert!(page.contains("class=\"statement") && page.contains("class=\"timex"));
    // Nothing outside the store.
    for path in [
        "/etc/passwd",
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/doc?id=Cargo.toml",
        "/doc?id=..%2F..%2FCargo.toml",
        "/api/secrets",
        "/static/report.html",
    ] {
        assert_eq!(get(&s.addr, path).0, 404, "{path}");
    }
    // An ingest while it serves is seen at the next request, without a restart.
    ingest_one(
        &s,
        "late.txt",
        "2026-06-01",
        "Kestrel Bay rail link opens\n\nThe Coastal Transport Authority said on Monday that the light-rail line across the Kestrel Bay Bridge has opened.\n",
    );
    let (_, page) = get(&s.addr, "/");
    assert!(
        page.contains("8 articles published from 2016-03-14 to 2026-06-01"),
        "{page}"
    );
}

#[test]
fn each_project_has_a_page_and_its_part_of_every_view() {
    let s = serve_corpora(&[
        ("examples/meta.tsv".into(), example_paths()),
        (
            seeds().join("meta.tsv").to_str().unwrap().to_string(),
            seed_paths(),
        ),
    ]);
    let (_, all) = get(&s.addr, "/api/projects");
    let all: Value = serde_json::from_str(&all).unwrap();
    let projects = all["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 2, "{all}");
    // The projects page links to each one's page.
    let (_, page) = get(&s.addr, "/projects");
    for p in projects {
        let href = format!("href=\"/project?id={}\"", p["id"].as_str().unwrap());
        assert!(page.contains(&href), "{href} in {page}");
    }
    let (_, ledger) = get(&s.addr, "/api/ledger");
    let ledger: Value = serde_json::from_str(&ledger).unwrap();
    let rows = ledger["rows"].as_array().unwrap();
    let mut seen = 0;
    for p in projects {
        let id = p["id"].as_str().unwrap();
        let name = p["name"].as_str().unwrap();
        // Its part of the ledger, timeline and figures: exactly the rows of its id.
        let (status, own) = get(&s.addr, &format!("/api/ledger?project={id}"));
        assert_eq!(status, 200);
        let own: Value = serde_json::from_str(&own).unwrap();
        let want: Vec<&Value> = rows.iter().filter(|r| r["project"] == id).collect();
        let got: Vec<&Value> = own["rows"].as_array().unwrap().iter().collect();
        assert!(!got.is_empty(), "{id}");
        assert_eq!(got, want, "{id}");
        seen += got.len();
        for view in ["timeline", "figures"] {
            let (_, body) = get(&s.addr, &format!("/api/{view}?project={id}"));
            let body: Value = serde_json::from_str(&body).unwrap();
            let items = body[if view == "timeline" {
                "entries"
            } else {
                "measures"
            }]
            .as_array()
            .unwrap();
            assert!(items.iter().all(|e| e["project"] == id), "{view} {id}");
        }
        let (_, people) = get(&s.addr, &format!("/api/people?project={id}"));
        let people: Value = serde_json::from_str(&people).unwrap();
        let docs: Vec<&Value> = p["documents"].as_array().unwrap().iter().collect();
        for person in people["people"].as_array().unwrap() {
            for st in person["statements"].as_array().unwrap() {
                assert!(docs.contains(&&st["doc"]), "{person}");
            }
        }
        // Its page: its own summary, documents, chart and ledger.
        let (status, page) = get(&s.addr, &format!("/project?id={id}"));
        assert_eq!(status, 200);
        let n = docs.len();
        assert!(
            page.contains(&format!("{n} articles published"))
                && page.contains(&format!("about one project ({name})"))
                && page.contains(&format!("{n} documents</summary>")),
            "{page}"
        );
        assert!(page.contains("tr class=\"row\"") && page.contains("/doc?id="));
    }
    assert_eq!(seen, rows.len());
    for path in ["/project?id=p9", "/project", "/api/ledger?project=p9"] {
        assert_eq!(get(&s.addr, path).0, 404, "{path}");
    }
}

#[test]
fn a_person_clicks_from_the_ledger_to_the_source_in_chromium() {
    // Installed by .ci/run: Debian's chromium, and playwright-core from npm.
    let (Ok(chromium), Ok(modules)) = (
        std::env::var("OVERDUE_CHROMIUM"),
        std::env::var("OVERDUE_PLAYWRIGHT"),
    ) else {
        eprintln!("skipped: set OVERDUE_CHROMIUM and OVERDUE_PLAYWRIGHT (see .ci/run)");
        return;
    };
    let s = serve_examples();
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join("ledger-source.png");
    let out = Command::new("node")
        .arg(root().join("crates/cli/tests/browser/drive.cjs"))
        .arg(format!("http://{}/", s.addr))
        .arg(&shot)
        .env("OVERDUE_CHROMIUM", chromium)
        .env("NODE_PATH", modules)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seen["title"], "What was promised, and what happened");
    assert!(seen["rows"].as_u64().unwrap() >= 15, "{seen}");
    assert!(
        seen["lines"].as_u64().unwrap() >= 2,
        "the chart's lines: {seen}"
    );
    // The row's link opens the document at the sentence, outlined among its
    // annotations.
    let href = seen["href"].as_str().unwrap();
    assert!(href.starts_with("/doc?id="), "{seen}");
    let hash = seen["hash"].as_str().unwrap();
    assert!(hash.starts_with("#o") && href.ends_with(hash), "{seen}");
    assert!(seen["docUrl"].as_str().unwrap().ends_with(href), "{seen}");
    assert_eq!(seen["visible"], true);
    assert!(
        seen["classes"].as_str().unwrap().contains("statement"),
        "{seen}"
    );
    assert!(!seen["marked"].as_str().unwrap().is_empty(), "{seen}");
    assert!(seen["statements"].as_u64().unwrap() >= 1, "{seen}");
    for name in ["ledger-source.png", "ledger-source-chart.png"] {
        let size = std::fs::metadata(shots.join(name)).map_or(0, |m| m.len());
        assert!(size > 10_000, "{name}: {size} bytes");
    }
}
