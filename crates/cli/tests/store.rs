//! The store as a user meets it: `overdue ingest`, reports with `--db`, a kill in the
//! middle of an ingest.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

fn ingest(db: &Path, meta: &Path, paths: &[String]) -> Output {
    let mut args = vec![
        "ingest",
        "--db",
        db.to_str().unwrap(),
        "--meta",
        meta.to_str().unwrap(),
    ];
    args.extend(paths.iter().map(String::as_str));
    overdue(&args)
}

fn json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The ledger the store at `db` gives, as JSON.
fn stored_ledger(db: &Path) -> Value {
    json(&overdue(&[
        "ledger",
        "--format",
        "json",
        "--db",
        db.to_str().unwrap(),
    ]))
}

#[test]
fn ingest_twice_gives_the_ledger_of_all_files_and_adds_nothing_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("overdue.db");
    let seeds_meta = seeds().join("meta.tsv");
    let examples_meta = root().join("examples/meta.tsv");
    let out = ingest(&db, &seeds_meta, &seed_paths());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("5 documents added"),
        "{}",
        stderr(&out)
    );
    let out = ingest(&db, &examples_meta, &example_paths());
    assert!(
        stderr(&out).contains("7 documents added"),
        "{}",
        stderr(&out)
    );
    // Again: nothing new.
    let out = ingest(&db, &seeds_meta, &seed_paths());
    assert!(
        stderr(&out).contains("0 documents added, 0 updated, 5 already stored"),
        "{}",
        stderr(&out)
    );
    // The same ledger, people (identities given in two ingests), figures, timeline and
    // projects as all the files read at once, in the same order.
    let (s, e) = (seed_paths(), example_paths());
    for command in ["ledger", "people", "figures", "timeline", "projects"] {
        let mut files = vec![
            command,
            "--format",
            "json",
            "--meta",
            seeds_meta.to_str().unwrap(),
            "--meta",
            examples_meta.to_str().unwrap(),
        ];
        files.extend(s.iter().chain(&e).map(String::as_str));
        let from_files = json(&overdue(&files));
        let stored = json(&overdue(&[
            command,
            "--format",
            "json",
            "--db",
            db.to_str().unwrap(),
        ]));
        assert_eq!(stored, from_files, "{command}");
        assert!(stored.is_object(), "{command}");
        if command == "ledger" {
            assert!(stored["rows"].as_array().unwrap().len() >= 20);
        }
    }
    // --db and files together is a usage error; a missing store is named.
    let out = overdue(&["ledger", "--db", db.to_str().unwrap(), "x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let missing = dir.path().join("none.db");
    let out = overdue(&["ledger", "--db", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("none.db"), "{}", stderr(&out));
}

#[test]
fn a_corrected_article_replaces_its_stored_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("overdue.db");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    let first = "Harbour terminal delayed\n\nThe port authority said on Monday that the \
                 terminal would open by the end of 2027. Cranes are on order.\n";
    let corrected = "Harbour terminal delayed\n\nThe port authority said on Monday that the \
                     terminal would open by the end of 2029. Dredging resumed.\n";
    std::fs::write(&a, first).unwrap();
    std::fs::write(
        &b,
        "Rail link opens\n\nThe transport ministry said the rail link opened in March.\n",
    )
    .unwrap();
    let run = |paths: &[&Path]| {
        let mut args = vec![
            "ingest",
            "--db",
            db.to_str().unwrap(),
            "--date",
            "2026-06-01",
        ];
        args.extend(paths.iter().map(|p| p.to_str().unwrap()));
        let out = overdue(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stderr(&out)
    };
    run(&[&a, &b]);
    std::fs::write(&a, corrected).unwrap();
    let said = run(&[&a, &b]);
    assert!(
        said.contains("0 documents added, 1 updated, 1 already stored") && said.contains("2 in"),
        "{said}"
    );
    // The store gives what the files give now, in the order first added.
    let ledger = |args: &[&str]| {
        let mut all = vec!["ledger", "--format", "json"];
        all.extend(args);
        json(&overdue(&all))
    };
    let from_files = ledger(&[
        "--date",
        "2026-06-01",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(ledger(&["--db", db.to_str().unwrap()]), from_files);
    assert!(from_files.to_string().contains("2029"), "{from_files}");
    assert!(!from_files.to_string().contains("2027"), "{from_files}");
    // Search knows the new words and has forgotten the old.
    let store = overdue_store::Store::open_read_only(&db).unwrap();
    assert_eq!(store.search("dredging", 10).unwrap().len(), 1);
    assert!(store.search("cranes", 10).unwrap().is_empty());
    let hits = store.search("terminal open", 10).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].text.contains("2029"), "{hits:?}");
    assert_eq!(store.documents().unwrap().len(), 2);
    assert_eq!(store.documents().unwrap()[0].doc, a.to_str().unwrap());
    // The same corrected text again: nothing to do.
    assert!(run(&[&a]).contains("0 documents added, 0 updated, 1 already stored"));
}

/// A JSON Lines corpus of `n` distinct generated articles.
fn generated(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("wire.jsonl");
    let mut out = String::new();
    for i in 0..n {
        let text = format!(
            "Harbour works item {i}\n\nThe port authority said on Monday that the new container \
             terminal number {i} would open by the end of {}, two years later than planned. \
             \"We expect the first ships to berth in the second half of {},\" chief executive \
             Maria Lind{} told reporters. The terminal will handle up to {} containers a year. \
             Construction began in {} and has been delayed by a shortage of steel.\n",
            2020 + i % 10,
            2021 + i % 10,
            i % 50,
            100_000 + i,
            2010 + i % 10
        );
        out.push_str(
            &serde_json::json!({"id": format!("w{i}"), "text": text, "date": "2019-05-06"})
                .to_string(),
        );
        out.push('\n');
    }
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn a_killed_ingest_leaves_the_store_as_before_and_readers_read_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("overdue.db");
    let seeds_meta = seeds().join("meta.tsv");
    let out = ingest(&db, &seeds_meta, &seed_paths());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = stored_ledger(&db);
    // Large enough that the ingest is still writing when the reader below is done (on
    // two cores 6,000 documents were not always).
    let corpus = generated(dir.path(), 20_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_overdue"))
        .args([
            "ingest",
            "-q",
            "--db",
            db.to_str().unwrap(),
            corpus.to_str().unwrap(),
        ])
        .current_dir(root())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the ingest has committed some documents to SQLite (it does as it goes,
    // unseen by readers), then read the store while it writes, then kill it.
    let unfinished = || {
        overdue_store::Store::open_read_only(&db)
            .and_then(|s| s.unfinished())
            .unwrap()
    };
    let start = Instant::now();
    while unfinished() == 0 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the ingest ended before it could be killed; make the corpus larger"
        );
        assert!(start.elapsed() < Duration::from_secs(120), "no write seen");
        std::thread::sleep(Duration::from_millis(10));
    }
    let during = stored_ledger(&db);
    assert_eq!(during, before, "a reader sees the store as it was");
    assert!(
        child.try_wait().unwrap().is_none(),
        "the ingest ended before it could be killed; make the corpus larger"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let after = stored_ledger(&db);
    assert_eq!(after, before, "readers see nothing of the killed batch");
    let written = unfinished();
    assert!(written > 0);
    let docs = json(&overdue(&[
        "projects",
        "--format",
        "json",
        "--db",
        db.to_str().unwrap(),
    ]));
    let n: usize = docs["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["documents"].as_array().unwrap().len())
        .sum();
    assert_eq!(n, 5);
    // The next ingest completes it, taking up what the killed one wrote (not analysed
    // again), and the store gives the ledger of all the files read at once.
    let out = overdue(&[
        "ingest",
        "-q",
        "--db",
        db.to_str().unwrap(),
        corpus.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains(&format!(
            "20000 documents added, 0 updated ({written} of them written by an ingest that \
             did not end, taken up), 0 already stored"
        )) && said.contains("20005 in"),
        "{said}"
    );
    assert_eq!(unfinished(), 0);
    let mut files = vec![
        "ledger".to_string(),
        "--format".into(),
        "json".into(),
        "--meta".into(),
        seeds_meta.to_str().unwrap().into(),
    ];
    files.extend(seed_paths());
    files.push(corpus.to_str().unwrap().into());
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let stored = stored_ledger(&db);
    assert_eq!(stored, json(&overdue(&files)));
}

/// Every row of every table of the store at `db`, in order, as text.
fn rows(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables {
        let mut st = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = st.column_count();
        let mut q = st.query([]).unwrap();
        while let Some(row) = q.next().unwrap() {
            let values: Vec<String> = (0..n)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            out.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    out
}

#[test]
fn the_same_files_make_the_same_store() {
    // Identities, each one's context among them, are given in the order of the text,
    // not of a hash map's: two ingests of the same files keep the same rows.
    let dir = tempfile::tempdir().unwrap();
    let stores: Vec<Vec<String>> = ["a.db", "b.db"]
        .iter()
        .map(|name| {
            let db = dir.path().join(name);
            let out = ingest(&db, &seeds().join("meta.tsv"), &seed_paths());
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            rows(&db)
        })
        .collect();
    assert!(stores[0].iter().any(|r| r.starts_with("identities: ")));
    assert!(stores[0].iter().any(|r| r.starts_with("registry: ")));
    assert_eq!(stores[0], stores[1]);
}
