//! `overdue ingest`: new documents into the store (by content hash), in one transaction.

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
}

/// Runs `overdue ingest`.
pub fn run(args: Args) -> Result<Exit> {
    let s = ingest(&args)?;
    eprintln!(
        "overdue: {} documents added, {} updated, {} already stored, {} unreadable; {} in {} \
         ({:.2} s)",
        s.added,
        s.updated,
        s.known,
        s.failed,
        s.total,
        args.db.display(),
        s.store_secs,
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
    let stored = store.hashes()?;
    // (An empty store skips nothing: no text is hashed twice.)
    let skip = |doc: &overdue_pipeline::text::Document| {
        !stored.is_empty() && stored.contains(&content_hash(&doc.text))
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
    let mut tx = store.ingest()?;
    let (mut known, mut failed) = (0, 0);
    let mut error = None;
    // Records are made on the workers, with the identities of their own document; the
    // store gives identities across documents as it adds them, in order.
    run_batch(&batch, NewDoc::of, |outcome| match outcome {
        Outcome::Done(d) if error.is_none() => match tx.add(d, today) {
            Ok(Added::New | Added::Updated) => {}
            Ok(Added::Known) => known += 1,
            Err(e) => error = Some(e),
        },
        Outcome::Done(_) => {}
        Outcome::Skipped(_) => known += 1,
        Outcome::Failed(e) => {
            failed += 1;
            report_failure(&progress, &e);
        }
        Outcome::FileDone(_, size) => file_done(&progress, size),
    });
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    // On an error the transaction is dropped: the store stays as it was.
    if let Some(e) = error {
        return Err(e).context("storing the documents; nothing was stored");
    }
    let (added, updated) = (tx.added(), tx.updated());
    let total = tx.commit()?;
    Ok(Summary {
        added,
        updated,
        known,
        failed,
        total,
        store_secs: started.elapsed().as_secs_f64(),
    })
}
