//! Statements: forecasts ("will begin production by the end of 2019") and outcomes
//! ("completed the construction of the first phase"), with speaker, event, subject and
//! dates, built on the time, quantity and entity extractors.
//!
//! Not built yet (issue 6); [`extract`] finds nothing. The item type is the one
//! `overdue extract` writes.

use overdue_entity::Entity;
use overdue_quantity::Quantity;
use overdue_text::{Segmentation, Span};
use overdue_time::Timex;
use serde::Serialize;

/// One statement as FORMAT.md writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The sentence or clause it was found in.
    pub span: Span,
    /// `forecast` or `outcome`.
    pub kind: String,
    /// The event vocabulary of FORMAT.md.
    pub event: String,
    /// When it was said, a TIMEX3 value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub said: Option<String>,
}

/// What the statement extractor reads.
pub struct Layers<'a> {
    /// The document text.
    pub text: &'a str,
    /// Its sentences and tokens.
    pub seg: &'a Segmentation,
    /// Its time expressions.
    pub timexes: &'a [Timex],
    /// Its quantities.
    pub quantities: &'a [Quantity],
    /// Its entity mentions.
    pub entities: &'a [Entity],
}

/// The statements of a document.
pub fn extract(_layers: &Layers<'_>) -> Vec<Statement> {
    Vec::new()
}
