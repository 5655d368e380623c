//! Entities: mentions of people, organisations, places, facilities and products, their
//! roles, and one identity for the same one across documents.
//!
//! Recognition is not built yet (issue 5); [`extract`] finds nothing. The item type is
//! the one `overdue extract` writes.

use overdue_text::{Segmentation, Span};
use serde::Serialize;

/// One entity mention as FORMAT.md writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Where it is.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// `PERSON`, `ORG`, `GPE`, `LOC`, `FAC`, `PRODUCT` or `EVENT`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The identity, shared across the documents of one run.
    pub id: String,
    /// The fullest well-formed name of that identity.
    pub name: String,
}

/// The entity mentions of a segmented text.
pub fn extract(_text: &str, _seg: &Segmentation) -> Vec<Entity> {
    Vec::new()
}
