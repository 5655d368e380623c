//! `overdue ingest`: new documents into the store (by content hash), shown to readers
//! together when it ends.

use std::path::PathBuf;

use anyhow::{Context, Result};
use overdue_pipeline::{Batch, Outcome, run_batch};
use overdue_store::{Added, NewDoc, Store, content_hash};

use crate::Exit;
use crate::extract::{Input, configure, file_done, jobs, progress_bar, report_failure};

/// Arguments of `overdue ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// The documents and how to read them.
    #[command(flatten)]
    pub input: Input,
    /// The store (made if there is none).
    #[arg(long, value_name = "FILE", default_value = "overdue.db")]
    pub db: PathBuf,
}

/// What an ingest did.
pub struct Summary {
    /// Documents added.
    pub added: usize,
    /// Of those added and updated, how many an ingest that never ended had analysed and
    /// written (taken up, not analysed again).
    pub taken_up: usize,
    /// Stored documents replaced by another version (same id, another text).
    pub updated: usize,
    /// Documents already stored (same text).
    pub known: usize,
    /// Documents or files that could not be read.
    pub failed: usize,
    /// Documents in the store now.
    pub total: usize,
    /// Seconds spent reading, analysing and storing the documents.
    pub store_secs: f64,
    /// Of those, the seconds the thread that stores documents was busy storing them (and
    /// ending the ingest): the rest of the time it waited for analyses. Storage holds up
    /// the ingest only if this comes near `store_secs`.
    pub storing_secs: f64,
}

/// Runs `overdue ingest`.
pub fn run(args: Args) -> Result<Exit> {
    let s = ingest(&args)?;
    let taken_up = if s.taken_up > 0 {
        format!(
            " ({} of them written by an ingest that did not end, taken up)",
            s.taken_up
        )
    } else {
        String::new()
    };
    eprintln!(
        "overdue: {} documents added, {} updated{taken_up}, {} already stored, {} unreadable; \
         {} in {} ({:.2} s, of which storing {:.2} s)",
        s.added,
        s.updated,
        s.known,
        s.failed,
        s.total,
        args.db.display(),
        s.store_secs,
        s.storing_secs,
    );
    Ok(if s.failed > 0 {
        Exit::SomeFailed
    } else {
        Exit::Success
    })
}

/// Adds the documents of `args` to its store.
pub fn ingest(args: &Args) -> Result<Summary> {
    let started = std::time::Instant::now();
    let (read, loader) = configure(&args.input)?;
    let mut store = Store::open(&args.db)?;
    let mut tx = store.ingest(|| {
        eprintln!(
            "overdue: another ingest into {} is running; waiting for it to end",
            args.db.display()
        )
    })?;
    let stored = tx.stored()?;
    // (An empty store skips nothing: no text is hashed twice.)
    let skip = |doc: &overdue_pipeline::text::Document| {
        !stored.hashes.is_empty() && stored.hashes.contains(&content_hash(&doc.text))
    };
    let batch = Batch {
        paths: &args.input.paths,
        read: &read,
        loader: &loader,
        jobs: jobs(&args.input),
        skip: Some(&skip),
    };
    let progress = progress_bar(&args.input);
    let now = jiff::Timestamp::now().to_string();
    let today = now.get(..10).unwrap_or(&now);
    let (mut known, mut failed) = (0, 0);
    let mut error = None;
    let mut storing = std::time::Duration::ZERO;
    // Records are made on the workers, with the identities of their own document; the
    // store gives identities across documents as it adds them, in order.
    run_batch(&batch, NewDoc::of, |outcome| match outcome {
        Outcome::Done(d) if error.is_none() => {
            let began = std::time::Instant::now();
            match tx.add(d, today) {
                Ok(Added::New | Added::Updated) => {}
                Ok(Added::Known) => known += 1,
                Err(e) => error = Some(e),
            }
            storing += began.elapsed();
        }
        Outcome::Done(_) => {}
        // (What an ingest that did not end wrote is counted as this one's.)
        Outcome::Skipped(id) if !stored.taken_up.contains(&id) => known += 1,
        Outcome::Skipped(_) => {}
        Outcome::Failed(e) => {
            failed += 1;
            report_failure(&progress, &e);
        }
        Outcome::FileDone(_, size) => file_done(&progress, size),
    });
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    // On an error the ingest is dropped: readers see the store as it was, and the next
    // ingest takes up what this one wrote.
    if let Some(e) = error {
        return Err(e).context("storing the documents; none was added");
    }
    let (added, updated, taken_up) = (tx.added(), tx.updated(), tx.taken_up());
    let began = std::time::Instant::now();
    let total = tx.commit()?;
    storing += began.elapsed();
    Ok(Summary {
        added,
        taken_up,
        updated,
        known,
        failed,
        total,
        store_secs: started.elapsed().as_secs_f64(),
        storing_secs: storing.as_secs_f64(),
    })
}
