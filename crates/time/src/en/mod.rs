//! English: the rules of the time grammar and, in `corpus.toml`, their examples.

mod rules;

pub use rules::{rules, triggers};
