//! The document model of overdue and the text handling every extractor stands on.
//!
//! A [`Document`] owns its text. Everything found in it later — boilerplate ranges,
//! sentences, tokens, time expressions, quantities, entities, statements — is a
//! [`Span`]: a half-open range of UTF-8 byte offsets into that text, which can only be
//! built in range and on character boundaries. `&doc.text[span]` is always the
//! evidence.
//!
//! ```
//! use overdue_text::{Document, mark_boilerplate, segment};
//! let mut doc = Document::new("a.txt", "Share this article\nThe bridge will open in 2027, the minister said.\n");
//! doc.boilerplate = mark_boilerplate(&doc.text);
//! let seg = segment(&doc.text);
//! let body: Vec<&str> = seg.sentences.iter()
//!     .filter(|s| !doc.in_boilerplate(s.span))
//!     .map(|s| &doc.text[s.span])
//!     .collect();
//! assert_eq!(body, ["The bridge will open in 2027, the minister said."]);
//! ```

mod boilerplate;
mod document;
pub mod interned;
mod segment;
mod span;
pub mod words;

pub use boilerplate::mark_boilerplate;
pub use document::{DateSource, Document, Meta, Published};
pub use segment::{Segmentation, Sentence, Token, TokenKind, segment, tokenize_into};
pub use span::{Span, SpanError, Spanned};
