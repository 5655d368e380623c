//! Time expressions: finds them in a document and normalises them to TIMEX3 values
//! (`2019`, `2022-H2`, `P18M`, `PRESENT_REF`) against the publication date, or against
//! the time of the statement they sit in.
//!
//! Recognition is not built yet (issue 3); [`extract`] finds nothing. The item type is
//! the one `overdue extract` writes, so that the record has its final shape.

use overdue_text::{Segmentation, Span};
use serde::Serialize;

/// One time expression as FORMAT.md writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// Its text, `&doc.text[span]`.
    pub text: String,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The TIMEX3 value.
    pub value: String,
    /// The TIMEX3 modifier, when there is one.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

/// The time expressions of a segmented text, resolved against `reference`
/// (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or none).
pub fn extract(_text: &str, _seg: &Segmentation, _reference: Option<&str>) -> Vec<Timex> {
    Vec::new()
}
