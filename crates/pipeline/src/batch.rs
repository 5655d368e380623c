//! Many files through the pipeline on several threads, results in input order.
//!
//! One thread reads (files are streamed in order, record by record), `jobs` threads
//! load and analyse, and the caller's thread receives the outcomes in the order the
//! documents were read. At most `4 × jobs` documents are in flight, so memory stays
//! bounded however large the input.

use std::collections::BTreeMap;

use crossbeam_channel::bounded;
use overdue_read::{Loader, ReadError, ReadOptions, open};

use crate::{Analysis, analyse};

/// What became of one document (or of a file that could not be opened).
pub enum Outcome {
    /// A document read and analysed.
    Done(Box<Analysis>),
    /// A document or file that could not be read.
    Failed(ReadError),
    /// A file finished: its path and its size in bytes (for progress).
    FileDone(String, u64),
}

/// A batch: what to read and how.
pub struct Batch<'a> {
    /// Paths as given.
    pub paths: &'a [String],
    /// How to read them.
    pub read: &'a ReadOptions,
    /// How to load documents.
    pub loader: &'a Loader,
    /// Threads that load and analyse (1 = all on the caller's thread).
    pub jobs: usize,
}

fn read_all(batch: &Batch<'_>, mut emit: impl FnMut(Work) -> bool) {
    for path in batch.paths {
        match open(path, batch.read) {
            Ok(stream) => {
                for item in stream {
                    let work = match item {
                        Ok(raw) => Work::Raw(Box::new(raw)),
                        Err(e) => Work::Failed(e),
                    };
                    if !emit(work) {
                        return;
                    }
                }
            }
            Err(e) => {
                if !emit(Work::Failed(e)) {
                    return;
                }
            }
        }
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if !emit(Work::FileDone(path.clone(), size)) {
            return;
        }
    }
}

enum Work {
    Raw(Box<overdue_read::RawDoc>),
    Failed(ReadError),
    FileDone(String, u64),
}

fn process(loader: &Loader, work: Work) -> Outcome {
    match work {
        Work::Raw(raw) => match loader.load(*raw) {
            Ok(doc) => Outcome::Done(Box::new(analyse(doc))),
            Err(e) => Outcome::Failed(e),
        },
        Work::Failed(e) => Outcome::Failed(e),
        Work::FileDone(p, n) => Outcome::FileDone(p, n),
    }
}

/// Runs a batch, handing every outcome to `sink` in input order.
pub fn run_batch(batch: &Batch<'_>, mut sink: impl FnMut(Outcome)) {
    if batch.jobs <= 1 {
        read_all(batch, |work| {
            sink(process(batch.loader, work));
            true
        });
        return;
    }
    let window = 4 * batch.jobs;
    let (work_tx, work_rx) = bounded::<(u64, Work)>(window);
    let (done_tx, done_rx) = bounded::<(u64, Outcome)>(window);
    // One permit per document in flight; the reader takes one, the writer returns it.
    let (permit_tx, permit_rx) = bounded::<()>(window);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut seq = 0u64;
            read_all(batch, |work| {
                if permit_tx.send(()).is_err() {
                    return false;
                }
                let ok = work_tx.send((seq, work)).is_ok();
                seq += 1;
                ok
            });
        });
        for _ in 0..batch.jobs {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                for (seq, work) in work_rx {
                    if done_tx.send((seq, process(batch.loader, work))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(work_rx);
        drop(done_tx);
        let mut next = 0u64;
        let mut pending = BTreeMap::new();
        for (seq, outcome) in done_rx {
            pending.insert(seq, outcome);
            while let Some(outcome) = pending.remove(&next) {
                sink(outcome);
                next += 1;
                let _ = permit_rx.recv();
            }
        }
    });
}
