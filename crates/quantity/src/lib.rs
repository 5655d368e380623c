//! Quantities, money and rates: "up to 70 million cartridges a year", "$11 billion",
//! "25%", "1,200 MW", with the counted noun in the singular, the rate period as a TIMEX3
//! duration and the bound ("up to", "more than", "nearly").
//!
//! The extractor reads each sentence's tokens (`overdue-text`) left to right. At a
//! number (digits, words, a scale word or suffix, a currency symbol before it) it asks,
//! in this order, what follows: a percent sign or word, a currency, a unit of measure,
//! or a noun phrase, whose head noun in the singular is the unit counted. Model names
//! and designations (`AK-103`, `Su-30MK2`, `Boeing 737`, `35M`), years, dates, ordinals
//! and calibres read as counts are not quantities. Each rule is a named function in
//! `rules.rs`; `corpus.toml` holds their examples, run as tests.
//!
//! ```
//! use overdue_text::{Document, segment};
//! let doc = Document::new("a.txt", "The plant will produce up to 70 million cartridges a year.");
//! let q = overdue_quantity::extract(&doc, &segment(&doc.text));
//! assert_eq!(q[0].text, "up to 70 million cartridges a year");
//! assert_eq!((q[0].value, q[0].unit.as_deref(), q[0].per.as_deref(), q[0].bound), (70e6, Some("cartridge"), Some("P1Y"), "up_to"));
//! ```

pub mod currency;
pub mod lexicon;
mod rules;

use overdue_text::{Document, Segmentation, Span};
use serde::{Deserialize, Serialize};

/// One quantity as FORMAT.md writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Where it is.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// `count`, `money`, `percent`, `dimension` or `duration`.
    #[serde(deserialize_with = "overdue_text::interned::str")]
    pub kind: overdue_text::interned::Name,
    /// The number (the low end of a range).
    pub value: f64,
    /// The high end of a range.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value_max: Option<f64>,
    /// The counted noun in the singular, the unit of a dimension, or the currency.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit: Option<String>,
    /// ISO 4217 code of money.
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "overdue_text::interned::opt"
    )]
    pub currency: Option<overdue_text::interned::Name>,
    /// The period of a rate, a TIMEX3 duration.
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "overdue_text::interned::opt"
    )]
    pub per: Option<overdue_text::interned::Name>,
    /// `exact`, `approx`, `up_to`, `at_most`, `more_than`, `at_least`, `less_than`, `range`.
    #[serde(deserialize_with = "overdue_text::interned::str")]
    pub bound: overdue_text::interned::Name,
    /// The rule that found it.
    #[serde(skip, default = "overdue_text::interned::none")]
    pub rule: overdue_text::interned::Name,
}

impl Quantity {
    /// The value of a rate over one day, for comparing rates given per year, month,
    /// week or day: `70 million a year` is about 191,781 a day.
    pub fn per_day(&self) -> Option<f64> {
        let days = match self.per? {
            "P1Y" => 365.0,
            "P1M" => 365.0 / 12.0,
            "P1W" => 7.0,
            "P1D" => 1.0,
            "PT1H" => 1.0 / 24.0,
            _ => return None,
        };
        Some(self.value / days)
    }
}

/// Every number of a segmented document, bare or not, with its value: the numeral layer
/// that the quantity rules build on.
pub fn numbers(doc: &Document, seg: &Segmentation) -> Vec<(Span, f64)> {
    let mut out = Vec::new();
    for i in 0..seg.sentences.len() {
        rules::numbers(&doc.text, seg, i, &mut out);
    }
    out
}

/// The quantities of a segmented document, outside its boilerplate.
pub fn extract(doc: &Document, seg: &Segmentation) -> Vec<Quantity> {
    let mut out = Vec::new();
    for (i, sentence) in seg.sentences.iter().enumerate() {
        if doc.in_boilerplate(sentence.span) {
            continue;
        }
        rules::sentence(&doc.text, seg, i, &mut out);
    }
    out
}
