//! `overdue` as a user runs it: the real binary, its stdout, stderr and exit code.

mod common;

use std::io::Write;
use std::process::{Command, Output};

use common::*;
use serde_json::Value;

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn extract_seeds_with_sidecar_meta() {
    let meta = seeds().join("meta.tsv");
    let mut args = vec!["extract", "--meta", meta.to_str().unwrap()];
    let paths = seed_paths();
    // Given in reverse: records come out in the order given.
    args.extend(paths.iter().rev().map(String::as_str));
    let out = overdue(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 5);
    for (rec, path) in recs.iter().zip(paths.iter().rev()) {
        assert_eq!(rec["doc"], path.as_str());
        assert_eq!(rec["published"]["source"], "sidecar");
        for key in [
            "boilerplate",
            "timexes",
            "quantities",
            "entities",
            "statements",
        ] {
            assert!(rec[key].is_array(), "{key} missing in {rec}");
        }
    }
    assert_eq!(recs[4]["published"]["value"], "2018-04-13");
    assert_eq!(recs[0]["published"]["value"], "2013-10-23");
    assert_eq!(
        recs[0]["title"],
        "Construction of Kalashnikov Factories in Venezuala Behind Schedule"
    );
}

#[test]
fn extract_date_flag_wins_and_bad_date_is_usage_error() {
    let paths = seed_paths();
    let out = overdue(&["extract", "--date", "2018-04-04", &paths[0]]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        records(&out)[0]["published"],
        serde_json::json!({"value": "2018-04-04", "source": "flag"})
    );
    let out = overdue(&["extract", "--date", "next week", &paths[0]]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--date \"next week\" is not a date"),
        "{}",
        stderr(&out)
    );
    assert!(overdue(&["extract"]).status.code() == Some(2));
    let out = overdue(&["extract", "--meta", "no/such/meta.tsv", &paths[0]]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no/such/meta.tsv"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn extract_example_corpus_in_every_format() {
    let out = overdue(&[
        "extract",
        "--meta",
        "examples/meta.tsv",
        "examples/articles/2016-03-14-kestrel-bay-bridge-approved.txt",
        "examples/articles/2017-09-02-works-begin.html",
        "examples/articles/2019-06-20-steel-shortage.txt",
        "examples/articles/2020-11-05-and-2021-12-10-wire.jsonl",
        "examples/articles/2022-05-30-bridge-opens.html",
        "examples/articles/2024-02-15-rail-link-delayed.txt",
        "--with-text",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    let got: Vec<(&str, &str, &str)> = recs
        .iter()
        .map(|r| {
            (
                r["doc"].as_str().unwrap(),
                r["published"]["value"].as_str().unwrap(),
                r["published"]["source"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "examples/articles/2016-03-14-kestrel-bay-bridge-approved.txt",
                "2016-03-14",
                "sidecar"
            ),
            (
                "examples/articles/2017-09-02-works-begin.html",
                "2017-09-02",
                "meta"
            ),
            (
                "examples/articles/2019-06-20-steel-shortage.txt",
                "2019-06-20",
                "meta"
            ),
            (
                "examples/articles/2020-11-05-and-2021-12-10-wire.jsonl#cw-2020-1105",
                "2020-11-05",
                "meta"
            ),
            (
                "examples/articles/2020-11-05-and-2021-12-10-wire.jsonl#cw-2021-1210",
                "2021-12-10",
                "meta"
            ),
            (
                "examples/articles/2022-05-30-bridge-opens.html",
                "2022-05-30",
                "meta"
            ),
            (
                "examples/articles/2024-02-15-rail-link-delayed.txt",
                "2024-02-15",
                "text"
            ),
        ]
    );
    // HTML: main content only, headline first, canonical address.
    let html = &recs[1];
    let text = html["text"].as_str().unwrap();
    assert!(text.starts_with("Work finally begins on Kestrel Bay Bridge\n\nConstruction of the Kestrel Bay Bridge began this spring"), "{text}");
    assert!(
        !text.contains("Most read") && !text.contains("Privacy"),
        "{text}"
    );
    assert_eq!(
        html["url"],
        "https://coastal-courier.example/2017/09/02/kestrel-bay-bridge-works-begin"
    );
    // Boilerplate ranges slice the text at line edges.
    for rec in &recs {
        let text = rec["text"].as_str().unwrap();
        for b in rec["boilerplate"].as_array().unwrap() {
            let (s, e) = (
                b[0].as_u64().unwrap() as usize,
                b[1].as_u64().unwrap() as usize,
            );
            let slice = &text[s..e];
            assert_eq!(slice, slice.trim());
        }
    }
    let first = &recs[0];
    let t = first["text"].as_str().unwrap();
    let marked: Vec<&str> = first["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &t[b[0].as_u64().unwrap() as usize..b[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(
        marked[0],
        "Subscribe to the Harbour Ledger for €1 a month\nSupport independent local journalism. Sign up today."
    );
    assert!(
        marked[1].starts_with("Related\nFerry operator") && marked[1].ends_with("Advertisement"),
        "{marked:?}"
    );
}

#[test]
fn extract_jobs_keep_input_order_and_output() {
    let mut args = vec!["extract", "--meta", "examples/meta.tsv"];
    let paths = seed_paths();
    args.extend(paths.iter().map(String::as_str));
    args.extend([
        "examples/articles/2020-11-05-and-2021-12-10-wire.jsonl",
        "examples/articles/2017-09-02-works-begin.html",
    ]);
    let one = overdue(&[&args[..], &["--jobs", "1"]].concat());
    let two = overdue(&[&args[..], &["--jobs", "2"]].concat());
    let four = overdue(&[&args[..], &["-j", "4"]].concat());
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(records(&one).len(), 8);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn warc_record(id: &str, html: &str) -> String {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Target-URI: https://news.test/{id}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
}

const PAGE: &str = "<html><head><title>Dam to open in 2030</title></head><body><article><p>The dam will open in 2030, the minister said on Monday, five years later than first planned by the government.</p><p>Work on the spillway began in 2021 and is now half done, the contractor said in a statement.</p></article></body></html>";

#[test]
fn extract_reads_warc_gz_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    let data = [warc_record("a", PAGE), warc_record("b", PAGE)].concat();
    // One gzip member per record, as crawls write them.
    let mut bytes = gz(warc_record("a", PAGE).as_bytes());
    bytes.extend(gz(warc_record("b", PAGE).as_bytes()));
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    let out = overdue(&["extract", "--with-text", p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["doc"], format!("{p}#urn:uuid:a"));
    assert_eq!(recs[1]["url"], "https://news.test/b");
    // The crawl date bounds the publication date; it is not the date.
    assert_eq!(recs[0]["published"]["value"], Value::Null);
    assert_eq!(recs[0]["published"]["not_after"], "2024-05-06");
    assert!(
        recs[0]["text"]
            .as_str()
            .unwrap()
            .contains("The dam will open in 2030")
    );
    // Plain WARC too.
    let plain = dir.path().join("crawl.warc");
    std::fs::write(&plain, data).unwrap();
    assert_eq!(
        records(&overdue(&["extract", plain.to_str().unwrap()])).len(),
        2
    );
}

#[test]
fn extract_bad_inputs_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| {
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    };
    let good = write(
        "good.txt",
        b"The tunnel will open in 2027, the mayor said.\n",
    );
    let empty = write("empty.txt", b"");
    let binary = write("binary.bin", &[0u8, 159, 146, 150, 0, 1, 2, 3, 4, 5]);
    let bad_utf8 = write("bad.txt", b"Valid start, then \xff\xfe bad bytes.");
    let big = d.join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(500 << 20)
        .unwrap();
    let big = big.to_string_lossy().into_owned();
    let deep = write(
        "deep.html",
        format!(
            "<html><body>{}<p>Deep but fine text.</p>{}</body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        )
        .as_bytes(),
    );
    let mut warc = gz(warc_record("a", PAGE).as_bytes());
    warc.extend(gz(warc_record("b", PAGE).as_bytes()));
    let cut = warc.len() - 40;
    let truncated = write("cut.warc.gz", &warc[..cut]);
    let jsonl = write("feed.jsonl", b"{\"id\": \"one\", \"text\": \"The port will reopen next year.\"}\n{not json\n\n[1, 2]\n{\"id\": \"four\", \"title\": \"no text\"}\n{\"id\": \"five\", \"content\": \"The mill closed in 2020.\"}\n");
    let missing = d.join("missing.txt").to_string_lossy().into_owned();
    let args = [
        "extract", "-j", "2", &good, &empty, &binary, &bad_utf8, &big, &deep, &truncated, &jsonl,
        &missing,
    ];
    let out = overdue(&args);
    assert_eq!(out.status.code(), Some(1));
    let docs: Vec<String> = records(&out)
        .iter()
        .map(|r| r["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        docs,
        [
            good.clone(),
            deep.clone(),
            format!("{truncated}#urn:uuid:a"),
            format!("{jsonl}#one"),
            format!("{jsonl}#five")
        ]
    );
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    let expect = [
        format!("overdue: {empty}: empty document"),
        format!("overdue: {binary}: binary file (control bytes where text should be)"),
        format!(
            "overdue: {bad_utf8}: invalid UTF-8 at byte 18 (use --lossy to replace invalid bytes)"
        ),
        format!(
            "overdue: {big}: document of 524288000 bytes is larger than the limit of 67108864 bytes (see --max-bytes)"
        ),
        format!(
            "overdue: {truncated} (record 2): WARC: file is truncated (compressed stream ends early)"
        ),
        format!(
            "overdue: {jsonl}#2: line 2: not a JSON object: key must be a string at line 1 column 2"
        ),
        format!(
            "overdue: {jsonl}#3: line 4: not a JSON object: a JSON value that is not an object"
        ),
        format!(
            "overdue: {jsonl}#four: line 5: no text field (looked for text, content, body, article, maintext, article_text, html, raw_html, content_html, body_html)"
        ),
    ];
    for e in &expect {
        assert!(lines.contains(&e.as_str()), "missing {e:?} in\n{err}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("overdue: {missing}: No such file"))),
        "{err}"
    );
    assert_eq!(lines.len(), expect.len() + 1, "{err}");
    // --lossy reads the bad bytes as U+FFFD.
    let out = overdue(&["extract", "--lossy", "--with-text", &bad_utf8]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        records(&out)[0]["text"],
        "Valid start, then \u{fffd}\u{fffd} bad bytes."
    );
}

#[test]
fn extract_jsonl_field_flags_and_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.ndjson");
    std::fs::write(&feed, "{\"key\": \"k1\", \"story\": \"The line will open in May.\", \"when\": \"Tue, 03 Mar 2020 10:00:00 GMT\"}\n").unwrap();
    let out = overdue(&[
        "extract",
        "--text-field",
        "story",
        "--date-field",
        "when",
        "--id-field",
        "key",
        "--with-text",
        feed.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = &records(&out)[0];
    assert_eq!(r["doc"], format!("{}#k1", feed.display()));
    assert_eq!(r["published"]["value"], "2020-03-03");
    assert_eq!(r["text"], "The line will open in May.");
    let txt = dir.path().join("fm.txt");
    std::fs::write(
        &txt,
        "\u{feff}---\r\ndate: 2021-07-01\r\ntitle: Port reopens\r\n---\r\nThe port reopened.\r\n",
    )
    .unwrap();
    let out = overdue(&["extract", "--with-text", txt.to_str().unwrap()]);
    let r = &records(&out)[0];
    assert_eq!(
        r["published"],
        serde_json::json!({"value": "2021-07-01", "source": "meta"})
    );
    assert_eq!(r["title"], "Port reopens");
    // BOM excluded, CRLF kept, front matter marked, never cut.
    assert_eq!(
        r["text"],
        "---\r\ndate: 2021-07-01\r\ntitle: Port reopens\r\n---\r\nThe port reopened.\r\n"
    );
    assert_eq!(r["boilerplate"], serde_json::json!([[0, 47]]));
}

#[test]
fn extract_pretty_format() {
    let out = overdue(&[
        "extract",
        "--format",
        "pretty",
        "--meta",
        "examples/meta.tsv",
        "examples/articles/2016-03-14-kestrel-bay-bridge-approved.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("── examples/articles/2016-03-14-kestrel-bay-bridge-approved.txt\n   published  2016-03-14 (sidecar)\n"), "{s}");
    assert!(
        s.contains("   boilerplate [0..101] \"Subscribe to the Harbour Ledger"),
        "{s}"
    );
}

/// Crates depend on each other one way only: text → read → extractors → pipeline →
/// timeline → store → cli.
#[test]
fn layering_of_the_workspace() {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rank = |name: &str| match name {
        "overdue-text" => 0,
        "overdue-read" | "overdue-time" | "overdue-quantity" | "overdue-entity" => 1,
        "overdue-statement" => 2,
        "overdue-pipeline" => 3,
        "overdue-timeline" => 4,
        "overdue-store" => 5,
        "overdue-web" => 6,
        "overdue-cli" => 7,
        other => panic!("crate {other} has no place in the layering"),
    };
    let mut edges = 0;
    for pkg in meta["packages"].as_array().unwrap() {
        let name = pkg["name"].as_str().unwrap();
        for dep in pkg["dependencies"].as_array().unwrap() {
            let dn = dep["name"].as_str().unwrap();
            if dn.starts_with("overdue-") && dep["kind"].is_null() {
                edges += 1;
                assert!(
                    rank(dn) < rank(name),
                    "{name} depends on {dn}, against the flow"
                );
                assert!(
                    !(name == "overdue-read" && dn != "overdue-text"),
                    "{name} → {dn}"
                );
            }
        }
    }
    assert!(edges >= 10);
}

/// The JSON report `command` writes for the five seeds with their sidecar.
fn seeds_report(command: &str, extra: &[&str]) -> Value {
    let meta = seeds().join("meta.tsv");
    let paths = seed_paths();
    let mut args = vec![
        command,
        "--format",
        "json",
        "--meta",
        meta.to_str().unwrap(),
    ];
    args.extend(extra);
    args.extend(paths.iter().map(String::as_str));
    let out = overdue(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn ledger_of_the_seeds() {
    let v = seeds_report("ledger", &[]);
    assert_eq!(v["as_of"], "2025-07-04", "the newest publication date");
    let rows = v["rows"].as_array().unwrap();
    let find = |speaker: &str, event: &str| -> &Value {
        rows.iter()
            .find(|r| {
                r["event"] == event
                    && r["speaker"]["name"]
                        .as_str()
                        .is_some_and(|n| n.contains(speaker))
            })
            .unwrap_or_else(|| panic!("no {event} row by {speaker}: {rows:#?}"))
    };
    for (speaker, event, deadline, status) in [
        ("Soteldo", "operation_start", "2018-12-31", "overdue"),
        ("Lopez", "operation_start", "2019-12-31", "overdue"),
        ("Rogozin", "full_capacity", "2019-12-31", "overdue"),
        ("Chavez", "construction_complete", "2022-12-31", "overdue"),
        // Spring 2013 ends on 2013-06-20; 18 months on. Only a part of one plant is
        // reported done, which keeps no promise about both.
        ("Busygin", "construction_complete", "2014-12-20", "overdue"),
    ] {
        let r = find(speaker, event);
        assert_eq!(r["deadline"], deadline, "{speaker}");
        assert_eq!(r["status"], status, "{speaker}");
        assert!(r["outcome"].is_null(), "{speaker}");
    }
    // Every row of the seed gold's ledger with its facility: one plant, the other, or
    // both (gold `subject`), read from the subject, the products named, or the plant the
    // article named last.
    let gold: Value =
        serde_json::from_slice(&std::fs::read(seeds().join("gold.json")).unwrap()).unwrap();
    for g in gold["ledger"]["rows"].as_array().unwrap() {
        let slug = g["speaker"].as_str().unwrap();
        let surname = slug.rsplit('-').next().unwrap();
        let event = g["event"].as_str().unwrap();
        let r = rows
            .iter()
            .find(|r| {
                r["event"] == event
                    && r["speaker"]["name"]
                        .as_str()
                        .is_some_and(|n| n.to_lowercase().contains(surname))
                    && (r["status"] == g["status"]
                        || g["alt_status"]
                            .as_array()
                            .is_some_and(|a| a.contains(&r["status"])))
            })
            .unwrap_or_else(|| panic!("no {event} row by {slug}: {rows:#?}"));
        let mut facilities: Vec<&str> = r["facilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        facilities.sort();
        let want: &[&str] = match g["subject"].as_str().unwrap() {
            "both" => &["ammunition plant", "rifle plant"],
            "rifle_plant" => &["rifle plant"],
            "ammunition_plant" => &["ammunition plant"],
            other => panic!("gold subject {other}"),
        };
        assert_eq!(facilities, want, "{slug} {event}");
        assert_eq!(r["project"], "p1", "{slug}");
    }
    let soon = find("Yevtushenko", "operation_start");
    assert_eq!(soon["status"], "open");
    assert!(soon["deadline"].is_null());
    // Every source cites a seed and a span inside it.
    for r in rows {
        for s in r["sources"].as_array().unwrap() {
            let text = std::fs::read(s["doc"].as_str().unwrap()).unwrap();
            let end = s["span"][1].as_u64().unwrap() as usize;
            assert!(end <= text.len() + 3, "{s}");
        }
    }
    // The project's chain of deadlines, in the order said: 2013 → … → 2022-H2.
    let chains = v["slippage"].as_array().unwrap();
    let milestones = chains
        .iter()
        .find(|c| c["event"] == "milestones" && c["facility"].is_null())
        .unwrap_or_else(|| panic!("no project chain: {chains:#?}"));
    let points: Vec<(&str, &str)> = milestones["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["said"].as_str().unwrap(), p["deadline"].as_str().unwrap()))
        .collect();
    assert_eq!(
        points.first(),
        Some(&("2013-SP", "2014-12-20")),
        "{points:?}"
    );
    assert_eq!(
        points.last(),
        Some(&("2021-10", "2022-12-31")),
        "{points:?}"
    );
    assert!(points.contains(&("2017", "2018-12-31")), "{points:?}");
    assert!(points.contains(&("2016-12", "2019-12-31")), "{points:?}");
    assert_eq!(milestones["slip_days"], 2933);
    // As of 2019-06-30 the 2019 promises are still pending.
    let early = seeds_report("ledger", &["--as-of", "2019-06-30"]);
    let rows = early["rows"].as_array().unwrap();
    let rogozin = rows.iter().find(|r| r["event"] == "full_capacity").unwrap();
    assert_eq!(rogozin["status"], "pending");
}

#[test]
fn ledger_of_the_example_corpus_matches_its_snapshot() {
    let mut args = vec!["ledger", "--format", "csv", "--meta", "examples/meta.tsv"];
    let paths = example_paths();
    args.extend(paths.iter().map(String::as_str));
    let out = overdue(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = String::from_utf8(out.stdout).unwrap();
    let snapshot = root().join("crates/cli/tests/snapshots/ledger-examples.csv");
    if std::env::var_os("OVERDUE_BLESS").is_some() {
        std::fs::write(&snapshot, &got).unwrap();
    }
    let want = std::fs::read_to_string(&snapshot).unwrap();
    assert_eq!(got, want, "rerun with OVERDUE_BLESS=1 to accept a change");
    assert!(got.contains("late,2019-12-31,operation_start"));
    assert!(got.contains("kept,2022-06-20,operation_start"));
}

#[test]
fn ledger_bad_as_of_is_a_usage_error() {
    let out = overdue(&["ledger", "--as-of", "soon", "examples/meta.tsv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--as-of \"soon\" is not a date"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn people_of_the_seeds_report_the_contested_post() {
    let v = seeds_report("people", &[]);
    let conflicts = v["role_conflicts"].as_array().unwrap();
    let rostec = conflicts
        .iter()
        .find(|c| c["org"] == "Rostec" && c["post"] == "head")
        .unwrap_or_else(|| panic!("no conflict over the head of Rostec: {conflicts:#?}"));
    let names: Vec<&str> = rostec["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert!(names.iter().any(|n| n.contains("Chemezov")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("Yevtushenko")), "{names:?}");
    // One identity per person, with the names as written and the statements made.
    let people = v["people"].as_array().unwrap();
    let busygin = people
        .iter()
        .find(|p| p["name"] == "Konstantin Busygin")
        .unwrap();
    assert_eq!(busygin["kind"], "PERSON");
    assert_eq!(busygin["statements"].as_array().unwrap().len(), 1);
    assert_eq!(busygin["roles"][0]["title"], "head");
    assert_eq!(busygin["roles"][0]["org"], "Izhmash");
}

#[test]
fn figures_of_the_seeds_flag_the_conflict_and_the_restated_rate() {
    let v = seeds_report("figures", &[]);
    let measures = v["measures"].as_array().unwrap();
    let conflicts: Vec<(String, String)> = measures
        .iter()
        .flat_map(|m| m["conflicts"].as_array().unwrap())
        .map(|c| {
            (
                c["a"]["text"].as_str().unwrap().to_string(),
                c["b"]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        conflicts.iter().any(
            |(a, b)| a.starts_with("up to 70 million") && b.starts_with("more than 70 million")
        ),
        "{conflicts:?}"
    );
    // A yearly capacity and a count of rifles delivered are different measures.
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let restated = v["restated"].as_array().unwrap();
    let r = restated
        .iter()
        .find(|r| r["b"]["text"] == "nearly 200,000 rounds per day")
        .unwrap_or_else(|| panic!("{restated:#?}"));
    assert_eq!(r["consistent"], true);
    assert_eq!(r["why"], "70,000,000 / 365 = 191,781 per day");
}

#[test]
fn timeline_of_the_seeds_is_in_order_and_cites_each_sentence() {
    let v = seeds_report("timeline", &[]);
    let entries = v["entries"].as_array().unwrap();
    let pos = |speaker: &str| {
        entries
            .iter()
            .position(|e| e["speaker"].as_str().is_some_and(|s| s.contains(speaker)))
            .unwrap_or_else(|| panic!("no entry by {speaker}"))
    };
    // Said in spring 2013, December 2016, 2017, October 2021.
    assert!(pos("Busygin") < pos("Rogozin"));
    assert!(pos("Rogozin") < pos("Soteldo"));
    assert!(pos("Soteldo") < pos("Chavez"));
    // Each entry's text is its sentence, whitespace folded.
    for e in entries {
        let doc = std::fs::read_to_string(e["source"]["doc"].as_str().unwrap()).unwrap();
        let (s, t) = (
            e["source"]["span"][0].as_u64().unwrap() as usize,
            e["source"]["span"][1].as_u64().unwrap() as usize,
        );
        let folded: Vec<&str> = doc[s..t].split_whitespace().collect();
        assert_eq!(e["text"], folded.join(" "));
    }
}

/// The documents of every corpus beside the checkout: the seeds, forecasts-dev (four
/// projects) and the example corpus, with the project each belongs to.
fn corpora() -> (tempfile::TempDir, Vec<(String, String)>) {
    let shared = root().join("../shared/corpus");
    let dir = tempfile::tempdir().unwrap();
    let mut meta = String::from("path\tpublished\n");
    let mut docs = Vec::new();
    for (corpus, file) in [
        ("seeds", "seeds/meta.tsv"),
        ("dev", "forecasts-dev/meta.tsv"),
    ] {
        let text = std::fs::read_to_string(shared.join(file)).unwrap();
        let base = shared.join(file).parent().unwrap().to_path_buf();
        for line in text.lines().skip(1) {
            let mut cols = line.split('\t');
            let (path, date) = (cols.next().unwrap(), cols.next().unwrap());
            let full = base.join(path).to_string_lossy().into_owned();
            meta.push_str(&format!("{full}\t{date}\n"));
            let project = match corpus {
                "seeds" => "seeds".to_string(),
                _ => path.split('/').next().unwrap().to_string(),
            };
            docs.push((full, project));
        }
    }
    for e in std::fs::read_dir(root().join("examples/articles")).unwrap() {
        let path = e.unwrap().path().to_string_lossy().into_owned();
        docs.push((path, "examples".into()));
    }
    std::fs::write(dir.path().join("meta.tsv"), meta).unwrap();
    (dir, docs)
}

/// `overdue projects` on the corpora, with extra arguments.
fn projects_of_corpora(extra: &[&str]) -> (Vec<(String, String)>, Value) {
    let (dir, docs) = corpora();
    let meta = dir.path().join("meta.tsv");
    let mut args = vec![
        "projects",
        "--format",
        "json",
        "--meta",
        meta.to_str().unwrap(),
    ];
    args.extend(extra);
    args.extend(docs.iter().map(|(p, _)| p.as_str()));
    let out = overdue(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (docs, serde_json::from_slice(&out.stdout).unwrap())
}

/// For each project found, the true projects of its documents.
fn found_groups(docs: &[(String, String)], v: &Value) -> Vec<Vec<String>> {
    v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["documents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    let d = d.as_str().unwrap();
                    let path = d.split('#').next().unwrap();
                    docs.iter().find(|(p, _)| p == path).unwrap().1.clone()
                })
                .collect()
        })
        .collect()
}

#[test]
fn projects_of_six_corpora_are_told_apart() {
    let (docs, v) = projects_of_corpora(&[]);
    let groups = found_groups(&docs, &v);
    // Purity: no project mixes documents of two true projects.
    for g in &groups {
        assert!(g.iter().all(|p| *p == g[0]), "mixed: {g:?}");
    }
    // Completeness: the seeds, the example corpus and three of the four forecasts-dev
    // projects are one project each; california-hsr is in at most three.
    let count = |name: &str| groups.iter().filter(|g| g[0] == name).count();
    for name in [
        "seeds",
        "examples",
        "akkuyu-npp",
        "boeing-777x",
        "tesla-robotaxi",
    ] {
        assert_eq!(count(name), 1, "{name}: {groups:?}");
    }
    assert!(count("california-hsr") <= 3, "{groups:?}");
    let seeds = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["documents"][0].as_str().unwrap().contains("seeds"))
        .unwrap();
    let facilities: Vec<&str> = seeds["facilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(&facilities[..2], ["rifle plant", "ammunition plant"]);
}

#[test]
fn corrections_merge_and_split_projects_and_facilities() {
    let dir = tempfile::tempdir().unwrap();
    let fix = dir.path().join("fix.toml");
    std::fs::write(
        &fix,
        r#"
[[split]]
project = "Old wire stories"
documents = ["2019-06-20-steel-shortage.txt"]

[[merge]]
projects = ["california-hsr/02.txt", "california-hsr/03.txt", "california-hsr/01.txt"]
name = "California high-speed rail"

[[facility]]
name = "ammunition plant"
same = ["cartridge plant"]
"#,
    )
    .unwrap();
    let (docs, v) = projects_of_corpora(&["--corrections", fix.to_str().unwrap()]);
    let groups = found_groups(&docs, &v);
    for g in &groups {
        assert!(g.iter().all(|p| *p == g[0]), "mixed: {g:?}");
    }
    let projects = v["projects"].as_array().unwrap();
    let split = projects
        .iter()
        .find(|p| p["name"] == "Old wire stories")
        .unwrap();
    assert_eq!(split["documents"].as_array().unwrap().len(), 1);
    let merged = projects
        .iter()
        .find(|p| p["name"] == "California high-speed rail")
        .unwrap();
    assert!(merged["documents"].as_array().unwrap().len() >= 3);
    let seeds = projects
        .iter()
        .find(|p| p["documents"][0].as_str().unwrap().contains("seeds"))
        .unwrap();
    let ammunition = seeds["facilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "ammunition plant")
        .unwrap();
    assert!(
        ammunition["also"]
            .as_array()
            .unwrap()
            .contains(&Value::from("cartridge plant")),
        "{ammunition}"
    );
    // A file that is not a corrections file is an error naming it.
    std::fs::write(&fix, "[[merj]]\nprojects = []\n").unwrap();
    let out = overdue(&[
        "projects",
        "--corrections",
        fix.to_str().unwrap(),
        "examples/articles/2019-06-20-steel-shortage.txt",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("fix.toml") && err.contains("merj"), "{err}");
}
