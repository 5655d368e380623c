//! Byte spans into a document's text: the one way every annotation points at its evidence.

use std::fmt;
use std::ops::{Index, Range};

use serde::{Deserialize, Serialize};

/// Why a span could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpanError {
    /// `start` lies after `end`.
    #[error("span start {start} lies after its end {end}")]
    Reversed {
        /// The offending start.
        start: usize,
        /// The offending end.
        end: usize,
    },
    /// `end` lies past the end of the text.
    #[error("span end {end} lies past the end of a text of {len} bytes")]
    OutOfRange {
        /// The offending end.
        end: usize,
        /// The length of the text.
        len: usize,
    },
    /// An offset cuts a UTF-8 character in two.
    #[error("offset {offset} is not on a character boundary")]
    NotCharBoundary {
        /// The offending offset.
        offset: usize,
    },
    /// The text is longer than a span can address (4 GiB).
    #[error("text of {len} bytes is longer than spans can address")]
    TooLong {
        /// The length of the text.
        len: usize,
    },
}

/// A half-open range of UTF-8 byte offsets `[start, end)` into one text.
///
/// A `Span` can only be built against the text it points into, and only when both
/// offsets lie on character boundaries inside it, so slicing that text with it never
/// panics:
///
/// ```
/// use overdue_text::Span;
/// let text = "Construction began in 2019.";
/// let span = Span::new(text, 22, 26).unwrap();
/// assert_eq!(&text[span], "2019");
/// assert!(Span::new(text, 22, 99).is_err());
/// ```
///
/// It serialises as the two-element array `[start, end]` of FORMAT.md.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(into = "[u32; 2]", try_from = "[u32; 2]")]
pub struct Span {
    // Invariant: start <= end.
    start: u32,
    end: u32,
}

impl Span {
    /// A span of `text` from `start` to `end`, checked against it.
    pub fn new(text: &str, start: usize, end: usize) -> Result<Span, SpanError> {
        if start > end {
            return Err(SpanError::Reversed { start, end });
        }
        if end > text.len() {
            return Err(SpanError::OutOfRange {
                end,
                len: text.len(),
            });
        }
        if u32::try_from(text.len()).is_err() {
            return Err(SpanError::TooLong { len: text.len() });
        }
        for offset in [start, end] {
            if !text.is_char_boundary(offset) {
                return Err(SpanError::NotCharBoundary { offset });
            }
        }
        Ok(Span {
            start: start as u32,
            end: end as u32,
        })
    }

    /// A span whose offsets the caller has just computed from `text` itself (character
    /// positions found while scanning it). Checked in debug builds only.
    #[inline]
    pub(crate) fn trusted(text: &str, start: usize, end: usize) -> Span {
        debug_assert!(Span::new(text, start, end).is_ok(), "{start}..{end}");
        let _ = text;
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The span that covers all of `text`.
    pub fn full(text: &str) -> Result<Span, SpanError> {
        Span::new(text, 0, text.len())
    }

    /// A span of `text` given as a range.
    pub fn from_range(text: &str, range: Range<usize>) -> Result<Span, SpanError> {
        Span::new(text, range.start, range.end)
    }

    /// The first byte of the span.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// One past the last byte of the span.
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// Its length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether it covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a range of byte offsets.
    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies wholly inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span that covers both. Both must come from the same text,
    /// which makes the cover valid in it too.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// This span with the surrounding whitespace of `text` left out.
    pub fn trim(self, text: &str) -> Span {
        let s = &text[self];
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        Span {
            start: self.start + lead as u32,
            end: self.start + (lead + trimmed.len()) as u32,
        }
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Span> for [u32; 2] {
    fn from(s: Span) -> [u32; 2] {
        [s.start, s.end]
    }
}

impl TryFrom<[u32; 2]> for Span {
    type Error = SpanError;
    /// Deserialised spans are only checked for order; check them against their text
    /// with [`Span::new`] before slicing.
    fn try_from([start, end]: [u32; 2]) -> Result<Span, SpanError> {
        if start > end {
            return Err(SpanError::Reversed {
                start: start as usize,
                end: end as usize,
            });
        }
        Ok(Span { start, end })
    }
}

impl Index<Span> for str {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

impl Index<Span> for String {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self.as_str()[span.range()]
    }
}

/// Anything that points at its evidence in a document's text.
pub trait Spanned {
    /// The span of the item's evidence.
    fn span(&self) -> Span;

    /// The evidence itself.
    fn text_in<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span()]
    }
}

impl Spanned for Span {
    fn span(&self) -> Span {
        *self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_rejects_out_of_range_and_split_chars() {
        let text = "Chávez said";
        assert!(Span::new(text, 0, 6).is_ok());
        assert_eq!(
            Span::new(text, 3, 4),
            Err(SpanError::NotCharBoundary { offset: 3 })
        );
        assert_eq!(
            Span::new(text, 5, 4),
            Err(SpanError::Reversed { start: 5, end: 4 })
        );
        assert!(matches!(
            Span::new(text, 0, 13),
            Err(SpanError::OutOfRange { .. })
        ));
    }

    #[test]
    fn span_serialises_as_pair() {
        let text = "abc def";
        let s = Span::new(text, 4, 7).unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), "[4,7]");
        let back: Span = serde_json::from_str("[4,7]").unwrap();
        assert_eq!(back, s);
        assert!(serde_json::from_str::<Span>("[7,4]").is_err());
    }

    #[test]
    fn span_trim_and_cover() {
        let text = "  hello  world ";
        let s = Span::full(text).unwrap().trim(text);
        assert_eq!(&text[s], "hello  world");
        let a = Span::new(text, 2, 7).unwrap();
        let b = Span::new(text, 9, 14).unwrap();
        assert_eq!(&text[a.cover(b)], "hello  world");
        assert!(!a.overlaps(b));
        assert!(a.cover(b).contains(b));
    }
}
