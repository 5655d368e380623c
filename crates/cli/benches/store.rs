//! The store and the web page against extraction, on generated corpora (issue 8):
//! `overdue ingest` against `overdue extract` on the same 10,000 documents (and what
//! storing alone would keep up with), and the web page's answer time on a store of
//! 100,000.
//!
//! `cargo bench -p overdue-cli --bench store [-- DOCS WEB_DOCS]`.

#[path = "../../pipeline/benches/common/corpus.rs"]
mod corpus;
#[path = "../tests/common/http.rs"]
mod http;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use corpus::{Rng, article};

const OVERDUE: &str = env!("CARGO_BIN_EXE_overdue");

/// `n` generated articles as one JSON Lines file, with the size of their text in bytes.
fn corpus(dir: &Path, name: &str, n: usize, seed: u64) -> (PathBuf, usize) {
    let path = dir.join(name);
    let mut rng = Rng(seed);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let mut bytes = 0;
    for i in 0..n {
        let text = format!("{}\nRef {i}.\n", article(&mut rng));
        bytes += text.len();
        let rec = serde_json::json!({
            "id": format!("a{i}"),
            "date": format!("{}-{:02}-{:02}", 2010 + i % 15, 1 + i % 12, 1 + i % 28),
            "text": text,
        });
        writeln!(out, "{rec}").unwrap();
    }
    out.flush().unwrap();
    (path, bytes)
}

fn run(args: &[&str]) -> (Duration, String) {
    let t = Instant::now();
    let out = Command::new(OVERDUE)
        .args(args)
        .stdout(Stdio::null())
        .output()
        .unwrap();
    let took = t.elapsed();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {err}");
    (took, err)
}

/// The seconds `overdue ingest` reports: reading, analysing and storing (not starting
/// the process), and of those, storing ("(1.90 s, of which storing 0.69 s)").
fn reported(stderr: &str) -> (f64, f64) {
    let said = stderr.rsplit('(').next().unwrap_or("");
    let secs = |s: Option<&str>| {
        s.and_then(|r| r.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(f64::NAN)
    };
    (secs(Some(said)), secs(said.split("storing ").nth(1)))
}

fn rate(bytes: usize, docs: usize, secs: f64) -> String {
    format!(
        "{:>7.1} MB/s {:>8.0} docs/s ({secs:.2} s)",
        bytes as f64 / 1e6 / secs,
        docs as f64 / secs
    )
}

/// GET `path`: how long until the whole answer was read, and its size.
fn get(addr: &str, path: &str) -> (Duration, usize) {
    let t = Instant::now();
    let (status, body) = http::get(addr, path);
    assert_eq!(status, 200, "{path}");
    (t.elapsed(), body.len())
}

/// Times each (what, path, runs): the median of its runs, and its size.
fn measure(addr: &str, gets: &[(&str, &str, usize)]) {
    for &(what, path, runs) in gets {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..runs {
            let (t, n) = get(addr, path);
            times.push(t);
            size = n;
        }
        println!(
            "{what:40} {:>7.1} ms median of {runs} ({:.1} MB)",
            median(times).as_secs_f64() * 1e3,
            size as f64 / 1e6
        );
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let docs = args.first().copied().unwrap_or(10_000);
    let web_docs = args.get(1).copied().unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    // OVERDUE_BENCH_KEEP=DIR keeps the corpora and stores there, to look at afterwards.
    let kept = std::env::var_os("OVERDUE_BENCH_KEEP").map(PathBuf::from);
    let dir_path = kept.as_deref().unwrap_or(dir.path());
    let (path, bytes) = corpus(dir_path, "corpus.jsonl", docs, 0x5eed_0008);
    let p = path.to_str().unwrap();
    println!(
        "corpus: {docs} documents, {:.1} MB of text",
        bytes as f64 / 1e6
    );
    let mut extract = f64::INFINITY;
    let (mut stored, mut whole, mut storing) = (f64::INFINITY, f64::INFINITY, f64::INFINITY);
    for round in 0..3 {
        let (t, _) = run(&["extract", "-q", p]);
        extract = extract.min(t.as_secs_f64());
        let db = dir_path.join(format!("bench-{round}.db"));
        let _ = std::fs::remove_file(&db);
        let (t, err) = run(&["ingest", "-q", "--db", db.to_str().unwrap(), p]);
        let (secs, storing_secs) = reported(&err);
        stored = stored.min(secs);
        storing = storing.min(storing_secs);
        whole = whole.min(t.as_secs_f64());
    }
    println!("extract                     {}", rate(bytes, docs, extract));
    println!(
        "ingest (whole command)      {}  = {:.0}% of extract",
        rate(bytes, docs, whole),
        100.0 * extract / whole
    );
    println!(
        "ingest (as it reports)      {} (without starting and ending the process)",
        rate(bytes, docs, stored),
    );
    // The thread that stores documents, busy (the rest of the time it waits for
    // analyses): what storage alone would keep up with.
    println!(
        "storing alone               {}  = {:.1}× extract (its thread busy {:.0}% of the ingest)",
        rate(bytes, docs, storing),
        extract / storing,
        100.0 * storing / stored
    );
    // The web page over a large store.
    let (path, bytes) = corpus(dir_path, "large.jsonl", web_docs, 0x5eed_0100);
    let db = dir_path.join("large.db");
    let _ = std::fs::remove_file(&db);
    let (t, err) = run(&[
        "ingest",
        "-q",
        "--db",
        db.to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    println!(
        "store of {web_docs} documents ({:.0} MB of text): ingest {:.1} s ({:.1} s reported)",
        bytes as f64 / 1e6,
        t.as_secs_f64(),
        reported(&err).0
    );
    let t = Instant::now();
    let (child, addr) = http::serve(OVERDUE, &db, Path::new("."));
    let child = Stop(child);
    println!(
        "serve: the first page in {:.1} s (the ledger and projects, from the store's overview)",
        t.elapsed().as_secs_f64()
    );
    // The ledger while the other views are built behind it.
    measure(
        &addr,
        &[
            (
                "GET /api/ledger?limit=1000 (meanwhile)",
                "/api/ledger?limit=1000",
                7,
            ),
            ("GET / (meanwhile)", "/", 7),
        ],
    );
    while http::get(&addr, "/timeline").0 != 200 {
        std::thread::sleep(Duration::from_millis(200));
    }
    println!(
        "serve: the whole report in {:.1} s (the timeline, figures and people too)",
        t.elapsed().as_secs_f64()
    );
    let doc = http::encode(&format!("{}#a99", path.display()));
    let doc = format!("/doc?id={doc}");
    measure(
        &addr,
        &[
            ("GET /api/ledger", "/api/ledger", 7),
            ("GET /api/ledger?limit=1000", "/api/ledger?limit=1000", 7),
            ("GET / (the ledger page)", "/", 7),
            ("GET /timeline?page=3", "/timeline?page=3", 7),
            (
                "GET /search?q=bridge+delayed",
                "/search?q=bridge+delayed",
                7,
            ),
            ("GET /doc?id=… (one document)", doc.as_str(), 7),
        ],
    );
    // An ingest while it serves: the pages go on answering from the report as it was
    // while it is built again.
    let (more, _) = corpus(dir_path, "more.jsonl", 100, 0x5eed_0101);
    let t = Instant::now();
    run(&[
        "ingest",
        "-q",
        "--db",
        db.to_str().unwrap(),
        more.to_str().unwrap(),
    ]);
    println!(
        "ingest of 100 more documents while serving: {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let changed = Instant::now();
    for what in ["first", "second"] {
        let (t, _) = get(&addr, "/");
        println!(
            "GET / after it ({what})           {:>7.1} ms",
            t.as_secs_f64() * 1e3
        );
    }
    let total = format!("{} articles", web_docs + 100);
    while !http::get(&addr, "/").1.contains(&total) {
        std::thread::sleep(Duration::from_millis(200));
    }
    println!(
        "the pages show the new documents {:.1} s after the ingest",
        changed.elapsed().as_secs_f64()
    );
    drop(child);
}

/// A child process killed when dropped (also when the bench panics).
struct Stop(std::process::Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
