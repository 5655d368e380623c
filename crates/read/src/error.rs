//! The errors of reading: each names the file (or record) and the reason.

use std::fmt;
use std::io;

/// A document or file that could not be read, and why.
#[derive(Debug)]
pub struct ReadError {
    /// The file as given, or `file#record` for a record inside a container.
    pub path: String,
    /// Why.
    pub kind: ErrorKind,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be opened or read.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The file or record holds no text.
    #[error("empty document")]
    Empty,
    /// The file is not text.
    #[error("binary file ({0})")]
    Binary(&'static str),
    /// Text that is not UTF-8.
    #[error("invalid UTF-8 at byte {offset} (use --lossy to replace invalid bytes)")]
    InvalidUtf8 {
        /// The first invalid byte, counted from the start of the file.
        offset: usize,
    },
    /// A document larger than the limit.
    #[error("document of {size} bytes is larger than the limit of {limit} bytes (see --max-bytes)")]
    TooLarge {
        /// Its size, or a lower bound of it.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A JSON Lines record that is not a JSON object.
    #[error("line {line}: not a JSON object: {message}")]
    Json {
        /// The 1-based line number.
        line: u64,
        /// What the JSON parser said.
        message: String,
    },
    /// A JSON Lines record without any field that holds text.
    #[error("line {line}: no text field (looked for {fields})")]
    NoTextField {
        /// The 1-based line number.
        line: u64,
        /// The field names looked for.
        fields: String,
    },
    /// A WARC file that is not well formed.
    #[error("WARC: {0}")]
    Warc(String),
    /// A metadata file that is not well formed.
    #[error("line {line}: {message}")]
    Meta {
        /// The 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

impl ReadError {
    /// An error about `path`.
    pub fn new(path: impl Into<String>, kind: impl Into<ErrorKind>) -> ReadError {
        ReadError {
            path: path.into(),
            kind: kind.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.kind.source()
    }
}
