//! Line reading with a bound: a line longer than the limit is skipped, not held.

use std::io::{self, BufRead};

/// One line, or the news that it was too long.
pub enum Line {
    /// A line, without its line break.
    Text {
        /// The 1-based line number.
        number: u64,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// A line longer than the limit, skipped.
    TooLong {
        /// The 1-based line number.
        number: u64,
        /// Its size.
        size: u64,
    },
}

/// Reads lines of at most `limit` bytes from a buffered reader.
pub struct LineReader<R> {
    reader: R,
    limit: u64,
    number: u64,
    done: bool,
}

impl<R: BufRead> LineReader<R> {
    /// A reader with a limit per line.
    pub fn new(reader: R, limit: u64) -> LineReader<R> {
        LineReader {
            reader,
            limit,
            number: 0,
            done: false,
        }
    }

    /// The limit per line.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Stops reading: every later call returns `None`.
    pub fn stop(&mut self) {
        self.done = true;
    }

    /// The next line.
    pub fn next_line(&mut self) -> io::Result<Option<Line>> {
        if self.done {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        let mut size: u64 = 0;
        let mut too_long = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                if size == 0 {
                    self.done = true;
                    return Ok(None);
                }
                break;
            }
            let (chunk, found) = match memchr::memchr(b'\n', buf) {
                Some(k) => (&buf[..k], Some(k)),
                None => (buf, None),
            };
            size += chunk.len() as u64;
            if size > self.limit {
                too_long = true;
                bytes = Vec::new();
            } else {
                bytes.extend_from_slice(chunk);
            }
            let used = found.map_or(buf.len(), |k| k + 1);
            self.reader.consume(used);
            if found.is_some() {
                break;
            }
        }
        self.number += 1;
        if too_long {
            return Ok(Some(Line::TooLong {
                number: self.number,
                size,
            }));
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        Ok(Some(Line::Text {
            number: self.number,
            bytes,
        }))
    }
}
