//! Quantities, money and rates: "up to 70 million cartridges a year", "$11 billion",
//! with the counted noun, the rate period and the bound.
//!
//! Recognition is not built yet (issue 4); [`extract`] finds nothing. The item type is
//! the one `overdue extract` writes.

use overdue_text::{Segmentation, Span};
use serde::Serialize;

/// One quantity as FORMAT.md writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// Where it is.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// `count`, `money`, `percent`, `dimension` or `duration`.
    pub kind: String,
    /// The number (the low end of a range).
    pub value: f64,
    /// The counted noun in the singular, or the unit of a dimension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// ISO 4217 code of money.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The period of a rate, a TIMEX3 duration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// `exact`, `approx`, `up_to`, `at_most`, `more_than`, `at_least`, `less_than`, `range`.
    pub bound: String,
}

/// The quantities of a segmented text.
pub fn extract(_text: &str, _seg: &Segmentation) -> Vec<Quantity> {
    Vec::new()
}
