//! What the CLI's test files share: where the checkout and the seeds are, running the
//! binary, the corpora's paths, and talking HTTP to `overdue serve`.

#![allow(dead_code)] // each test file uses a part

pub mod http;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The checkout.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed corpus beside the checkout.
pub fn seeds() -> PathBuf {
    let dir = root().join("../shared/corpus/seeds");
    assert!(dir.is_dir(), "the seeds are expected in {}", dir.display());
    dir
}

/// Runs `overdue` from the checkout.
pub fn overdue(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_overdue"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the overdue binary runs")
}

/// What a run wrote on stderr.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The seed articles, sorted.
pub fn seed_paths() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The example corpus, relative to the checkout, sorted.
pub fn example_paths() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("examples/articles"))
        .unwrap()
        .map(|e| {
            format!(
                "examples/articles/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    v.sort();
    v
}
