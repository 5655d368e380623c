//! Throughput over a generated corpus: reading plus segmentation on one core, and the
//! whole batch (files on disk, `overdue extract`'s code path) with one and two jobs.
//!
//! `cargo bench -p overdue-pipeline [-- DOCS]` (default 10,000 documents).
//! `cargo bench -p overdue-pipeline --bench throughput -- DOCS --write-corpus DIR` writes the generated
//! articles to `DIR` instead, to time the `overdue` binary on them.

use std::time::{Duration, Instant};

/// The allocator of the `overdue` binary, so that the figures are the product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use overdue_pipeline::read::{Body, Loader, RawDoc, ReadOptions, infer_published};
use overdue_pipeline::text::{
    DateSource, Document, Published, Segmentation, mark_boilerplate, segment,
};
use overdue_pipeline::{Batch, Outcome, run_batch};

#[path = "common/corpus.rs"]
mod corpus;
use corpus::{Rng, article};

fn report(what: &str, bytes: usize, docs: usize, took: Duration) {
    let secs = took.as_secs_f64();
    println!(
        "{what:44} {:>8.1} MB/s {:>9.0} docs/s  ({docs} docs, {:.1} MB, {:.3} s)",
        bytes as f64 / 1e6 / secs,
        docs as f64 / secs,
        bytes as f64 / 1e6,
        secs
    );
}

/// A generated article read as `overdue extract` reads a plain-text file.
fn load(loader: &Loader, text: &str) -> Document {
    let raw = RawDoc {
        id: "bench.txt".into(),
        body: Body::Text(text.as_bytes().to_vec()),
        meta: Default::default(),
        crawl_date: None,
        content_type: None,
    };
    loader.load(raw).expect("generated text loads")
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = None;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f();
        let el = t.elapsed();
        if best.is_none_or(|b| el < b) {
            best = Some(el);
        }
        out = Some(r);
    }
    (best.unwrap(), out.unwrap())
}

fn main() {
    let docs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let corpus: Vec<String> = (0..docs).map(|_| article(&mut rng)).collect();
    let bytes: usize = corpus.iter().map(String::len).sum();
    let args: Vec<String> = std::env::args().collect();
    if let Some(k) = args.iter().position(|a| a == "--write-corpus") {
        let dir = std::path::Path::new(args.get(k + 1).expect("--write-corpus DIR"));
        std::fs::create_dir_all(dir).expect("create the corpus folder");
        for (i, text) in corpus.iter().enumerate() {
            std::fs::write(dir.join(format!("{i:06}.txt")), text).expect("write an article");
        }
        println!(
            "wrote {docs} generated articles, {:.1} MB, to {}",
            bytes as f64 / 1e6,
            dir.display()
        );
        return;
    }
    println!(
        "corpus: {docs} generated articles, {:.1} MB",
        bytes as f64 / 1e6
    );

    // 1. Reading (decode, front matter, boilerplate, publication date) plus
    //    segmentation, in memory, one core.
    let loader = Loader::default();
    let (took, sentences) = best_of(3, || {
        let mut sentences = 0usize;
        for text in &corpus {
            let doc = load(&loader, text);
            sentences += segment(&doc.text).sentences.len();
        }
        sentences
    });
    assert!(sentences > docs * 15, "{sentences} sentences");
    report("read + boilerplate + segment, 1 core", bytes, docs, took);

    let (took, n) = best_of(3, || {
        corpus
            .iter()
            .map(|t| segment(t).tokens.len())
            .sum::<usize>()
    });
    assert!(n > 0);
    report("segment only, 1 core", bytes, docs, took);
    let (took, n) = best_of(3, || {
        corpus
            .iter()
            .map(|t| mark_boilerplate(t).len())
            .sum::<usize>()
    });
    assert!(n >= docs);
    report("boilerplate only, 1 core", bytes, docs, took);
    let (took, n) = best_of(3, || {
        corpus
            .iter()
            .map(|t| infer_published(t, &[], None).not_after.is_some() as usize)
            .sum::<usize>()
    });
    std::hint::black_box(n);
    report("publication date from text only, 1 core", bytes, docs, took);

    // 2. Each extractor alone, on documents already read and segmented.
    let docs_read: Vec<(Document, Segmentation)> = corpus
        .iter()
        .map(|t| {
            let mut d = Document::new("bench.txt", t.clone());
            d.meta.published = Published::known("2018-04-13", DateSource::Flag);
            let seg = segment(&d.text);
            (d, seg)
        })
        .collect();
    let (took, n) = best_of(3, || {
        docs_read
            .iter()
            .map(|(d, s)| overdue_pipeline::time::extract(d, s).len())
            .sum::<usize>()
    });
    assert!(n > docs * 10, "{n} time expressions");
    report("time expressions only, 1 core", bytes, docs, took);
    let (took, n) = best_of(3, || {
        docs_read
            .iter()
            .map(|(d, s)| overdue_pipeline::quantity::extract(d, s).len())
            .sum::<usize>()
    });
    assert!(n > docs, "{n} quantities");
    report("quantities only, 1 core", bytes, docs, took);
    let (took, n) = best_of(3, || {
        docs_read
            .iter()
            .map(|(d, s)| overdue_pipeline::entity::extract(d, s).len())
            .sum::<usize>()
    });
    assert!(n > docs, "{n} entity mentions");
    report(
        "entity mentions and identities in a document, 1 core",
        bytes,
        docs,
        took,
    );
    // Statements need the other layers: those are made first, not timed.
    let layered: Vec<_> = docs_read
        .iter()
        .map(|(d, s)| {
            (
                overdue_pipeline::time::extract(d, s),
                overdue_pipeline::quantity::extract(d, s),
                overdue_pipeline::entity::extract(d, s),
            )
        })
        .collect();
    let (took, n) = best_of(3, || {
        docs_read
            .iter()
            .zip(&layered)
            .map(|((d, s), (t, q, e))| {
                overdue_pipeline::statement::extract(&overdue_pipeline::statement::Layers {
                    doc: d,
                    seg: s,
                    timexes: t,
                    quantities: q,
                    entities: e,
                })
                .len()
            })
            .sum::<usize>()
    });
    assert!(n > docs, "{n} statements");
    report("statements only, 1 core", bytes, docs, took);
    drop(layered);
    drop(docs_read);

    // Identities across 100,000 documents: generated mentions, twenty a document, of
    // people (a given name and a surname of two to four syllables, 27,000 possible) and
    // organisations, drawn so that names recur across documents.
    let syllables = [
        "ka", "lo", "mi", "ra", "ten", "vo", "shi", "ban", "del", "gor", "nu", "pe", "sta", "vin",
        "zu", "ar", "bel", "co", "dra", "fen", "hal", "ix", "jor", "kel", "mar", "nor", "ol",
        "pra", "qui", "ros",
    ];
    let given = [
        "Oleg", "Sergei", "Maria", "Ana", "John", "Li", "Ahmed", "Vladimir", "Elena", "Pedro",
    ];
    let mut rng2 = Rng(0xfeed_0000_0000_0001);
    let (took, (identities, mentions)) = best_of(1, || {
        let mut registry = overdue_pipeline::entity::Registry::new();
        let mut mentions = 0usize;
        for _ in 0..100_000 {
            let mut es: Vec<overdue_pipeline::entity::Entity> = (0..20)
                .map(|k| {
                    let g = given[(rng2.next() % 10) as usize];
                    let n = rng2.next() % 5_000;
                    let mut family = String::new();
                    let mut seed = n;
                    for _ in 0..(2 + n % 3) {
                        family.push_str(syllables[(seed % 30) as usize]);
                        seed /= 30;
                    }
                    let family = format!("{}{}", family[..1].to_uppercase(), &family[1..]);
                    let (kind, name) = if k % 4 == 0 {
                        ("ORG", format!("{family} Group"))
                    } else {
                        ("PERSON", format!("{g} {family}"))
                    };
                    overdue_pipeline::entity::Entity {
                        span: Default::default(),
                        text: name.clone(),
                        kind,
                        id: format!("L{k}"),
                        name,
                        role: None,
                    }
                })
                .collect();
            mentions += es.len();
            registry.assign(&mut es);
        }
        (registry.len(), mentions)
    });
    println!(
        "{:44} {:>8.1} s for 100,000 documents ({mentions} mentions, {identities} identities, {:.0} docs/s)",
        "identities across documents",
        took.as_secs_f64(),
        100_000.0 / took.as_secs_f64()
    );

    // The same on real news: the seed and MEANTIME articles in ../shared, repeated.
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut real: Vec<(Document, Segmentation)> = Vec::new();
    for sub in ["seeds", "meantime-apple"] {
        let Ok(entries) = std::fs::read_dir(shared.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                let mut d = Document::new(p.to_string_lossy(), t);
                d.meta.published = Published::known("2018-04-13", DateSource::Flag);
                d.boilerplate = mark_boilerplate(&d.text);
                let seg = segment(&d.text);
                real.push((d, seg));
            }
        }
    }
    if !real.is_empty() {
        let one: usize = real.iter().map(|(d, _)| d.text.len()).sum();
        let rounds = (20_000_000 / one.max(1)).max(1);
        let (took, n) = best_of(3, || {
            (0..rounds)
                .map(|_| {
                    real.iter()
                        .map(|(d, s)| overdue_pipeline::time::extract(d, s).len())
                        .sum::<usize>()
                })
                .sum::<usize>()
        });
        assert!(n > 0);
        report(
            &format!("time expressions only, real news x{rounds}, 1 core"),
            one * rounds,
            real.len() * rounds,
            took,
        );
        let (took, n) = best_of(3, || {
            (0..rounds)
                .map(|_| {
                    real.iter()
                        .map(|(d, s)| overdue_pipeline::quantity::extract(d, s).len())
                        .sum::<usize>()
                })
                .sum::<usize>()
        });
        assert!(n > 0);
        report(
            &format!("quantities only, real news x{rounds}, 1 core"),
            one * rounds,
            real.len() * rounds,
            took,
        );
    }

    // 3. Reading and every extractor on documents in memory, then the batch on files,
    //    as `overdue extract` runs it.
    let (took, n) = best_of(3, || {
        let mut n = 0usize;
        for text in &corpus {
            let doc = load(&loader, text);
            n += overdue_pipeline::analyse(doc).statements.len();
        }
        n
    });
    assert!(n > docs, "{n} statements");
    report("read and analyse in memory, 1 core", bytes, docs, took);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let paths: Vec<String> = corpus
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let p = dir.path().join(format!("{i:06}.txt"));
            std::fs::write(&p, text).expect("write");
            p.to_string_lossy().into_owned()
        })
        .collect();
    let read = ReadOptions::default();
    let mut times = Vec::new();
    for jobs in [1, 2] {
        let batch = Batch {
            paths: &paths,
            read: &read,
            loader: &loader,
            jobs,
            skip: None,
        };
        let (took, done) = best_of(3, || {
            let mut done = 0usize;
            run_batch(
                &batch,
                |a| a.seg.sentences.len(),
                |o| {
                    if let Outcome::Done(n) = o {
                        done += 1;
                        std::hint::black_box(n);
                    }
                },
            );
            done
        });
        assert_eq!(done, docs);
        report(
            &format!("extract batch from files, --jobs {jobs}"),
            bytes,
            docs,
            took,
        );
        times.push(took.as_secs_f64());
    }
    println!("speed-up with 2 jobs: {:.2}x", times[0] / times[1]);
}
