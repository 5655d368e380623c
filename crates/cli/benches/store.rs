//! The store and the web page against extraction, on generated corpora (issue 8):
//! `overdue ingest` against `overdue extract` on the same 10,000 documents (and what
//! storing alone would keep up with), generated and, where `../shared` is beside the
//! checkout, its real articles repeated; and the web page's answer time on a store of
//! 100,000.
//!
//! `cargo bench -p overdue-cli --bench store [-- DOCS WEB_DOCS]`; `OVERDUE_BENCH_ROUNDS`
//! rounds of extract then ingest (default 5), `OVERDUE_BENCH_KEEP=DIR` to keep the
//! corpora and stores.

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
    let (took, _, err) = run_cpu(args);
    (took, err)
}

/// Runs overdue with `args`: its wall time, the CPU seconds it used (`NaN` where
/// `/proc` does not say), and what it wrote to the standard error.
fn run_cpu(args: &[&str]) -> (Duration, f64, String) {
    let cpu = children_cpu();
    let t = Instant::now();
    let out = Command::new(OVERDUE)
        .args(args)
        .stdout(Stdio::null())
        .output()
        .unwrap();
    let took = t.elapsed();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {err}");
    (took, children_cpu() - cpu, err)
}

/// The CPU seconds (user and system) of this process's children waited for, from
/// `/proc/self/stat` (in ticks of 1/100 s); `NaN` elsewhere.
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // (After the command's name, which ends with the last ')'.)
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    // cutime and cstime, fields 16 and 17 of the line (13 and 14 after the name).
    match (fields.get(13), fields.get(14)) {
        (Some(u), Some(s)) => match (u.parse::<f64>(), s.parse::<f64>()) {
            (Ok(u), Ok(s)) => (u + s) / 100.0,
            _ => f64::NAN,
        },
        _ => f64::NAN,
    }
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
    println!(
        "corpus: {docs} documents, {:.1} MB of text",
        bytes as f64 / 1e6
    );
    compare(&path, bytes, docs, dir_path);
    // Real news is sparser than the generated articles (a facility named every 740 bytes,
    // not every 120) and shorter: the same comparison on the articles of `../shared`
    // (the seeds, MEANTIME and forecasts-dev), where they are beside the checkout.
    if let Some((path, bytes)) = real(dir_path, docs) {
        println!(
            "real articles, repeated: {docs} documents, {:.1} MB of text",
            bytes as f64 / 1e6
        );
        compare(&path, bytes, docs, dir_path);
    }
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
    println!("serve: listening in {:.1} s", t.elapsed().as_secs_f64());
    // (Meanwhile the page asks to be reloaded: 503 with Retry-After.)
    while http::get(&addr, "/").0 != 200 {
        std::thread::sleep(Duration::from_millis(200));
    }
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

/// `overdue ingest` against `overdue extract` on the corpus at `path` (`bytes` of text in
/// `docs` documents), in rounds; prints the rates and ratios.
fn compare(path: &Path, bytes: usize, docs: usize, dir_path: &Path) {
    let p = path.to_str().unwrap();
    let mut extract = f64::INFINITY;
    let (mut stored, mut whole, mut storing) = (f64::INFINITY, f64::INFINITY, f64::INFINITY);
    // Each round an extract, then an ingest: the machine's speed drifts, so each ingest
    // is also measured against the extract right before it, in wall time and in CPU
    // time (both use every core).
    let mut paired: Vec<(f64, f64)> = Vec::new();
    // OVERDUE_BENCH_ROUNDS=N rounds (default 5).
    let rounds: usize = std::env::var("OVERDUE_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    for round in 0..rounds.max(1) {
        let (t, extract_cpu, _) = run_cpu(&["extract", "-q", p]);
        extract = extract.min(t.as_secs_f64());
        let db = dir_path.join(format!("bench-{round}.db"));
        for file in [
            db.clone(),
            db.with_extension("db-wal"),
            db.with_extension("db-shm"),
        ] {
            let _ = std::fs::remove_file(file);
        }
        let (u, ingest_cpu, err) = run_cpu(&["ingest", "-q", "--db", db.to_str().unwrap(), p]);
        let (secs, storing_secs) = reported(&err);
        stored = stored.min(secs);
        storing = storing.min(storing_secs);
        whole = whole.min(u.as_secs_f64());
        paired.push((t.as_secs_f64() / u.as_secs_f64(), extract_cpu / ingest_cpu));
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
    let spread = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        format!(
            "{:.0}% {:.0}% {:.0}%",
            100.0 * v[0],
            100.0 * v[v.len() / 2],
            100.0 * v[v.len() - 1]
        )
    };
    println!(
        "ingest ÷ the extract before it, each of {} rounds (least, median, most): \
         wall {}, CPU {}",
        paired.len(),
        spread(paired.iter().map(|p| p.0).collect()),
        spread(paired.iter().map(|p| p.1).collect()),
    );
    // The thread that stores documents, busy (the rest of the time it waits for
    // analyses): what storage alone would keep up with.
    println!(
        "storing alone               {}  = {:.1}× extract (its thread busy {:.0}% of the ingest)",
        rate(bytes, docs, storing),
        extract / storing,
        100.0 * storing / stored
    );
}

/// The articles of `../shared/corpus` (seeds, MEANTIME, forecasts-dev), repeated to
/// `n` documents as one JSON Lines file (each with a line of its own, so that no two
/// are the same text), with the size of their text; `None` where they are not beside
/// the checkout.
fn real(dir: &Path, n: usize) -> Option<(PathBuf, usize)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in ["seeds", "meantime-apple", "forecasts-dev"] {
        let mut dirs = vec![shared.join(sub)];
        while let Some(d) = dirs.pop() {
            for entry in std::fs::read_dir(&d).ok()?.flatten() {
                let p = entry.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|e| e == "txt") {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    if texts.is_empty() {
        return None;
    }
    let path = dir.join("real.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).ok()?);
    let mut bytes = 0;
    for i in 0..n {
        let text = format!("{}\nRef {i}.\n", texts[i % texts.len()]);
        bytes += text.len();
        let rec = serde_json::json!({
            "id": format!("r{i}"),
            "date": format!("{}-{:02}-{:02}", 2010 + i % 15, 1 + i % 12, 1 + i % 28),
            "text": text,
        });
        writeln!(out, "{rec}").ok()?;
    }
    out.flush().ok()?;
    Some((path, bytes))
}

/// A child process killed when dropped (also when the bench panics).
struct Stop(std::process::Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
