//! The front door of overdue's library: a [`Document`] through segmentation and every
//! extractor into an [`Analysis`], written out as the [`Record`] of FORMAT.md, and
//! [`run_batch`] to do that for many files on several threads with the output in
//! input order.
//!
//! ```
//! use overdue_pipeline::{analyse, Record};
//! use overdue_text::Document;
//! let analysis = analyse(Document::new("a.txt", "The plant will open in 2019."));
//! let json = serde_json::to_string(&Record::new(&analysis, false)).unwrap();
//! assert!(json.starts_with(r#"{"doc":"a.txt","published":{"value":null,"source":"unknown"}"#));
//! ```

mod batch;

pub use batch::{Batch, Outcome, run_batch};
pub use overdue_entity as entity;
pub use overdue_quantity as quantity;
pub use overdue_read as read;
pub use overdue_statement as statement;
pub use overdue_text as text;
pub use overdue_time as time;

use overdue_entity::Entity;
use overdue_quantity::Quantity;
use overdue_statement::Statement;
use overdue_text::{Document, Published, Segmentation, Span, segment};
use overdue_time::Timex;
use serde::Serialize;

/// A document with everything found in it.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The document.
    pub doc: Document,
    /// Its sentences and tokens.
    pub seg: Segmentation,
    /// Time expressions.
    pub timexes: Vec<Timex>,
    /// Quantities.
    pub quantities: Vec<Quantity>,
    /// Entity mentions.
    pub entities: Vec<Entity>,
    /// Forecasts and outcomes.
    pub statements: Vec<Statement>,
}

/// Segments a document and runs every extractor on it.
pub fn analyse(doc: Document) -> Analysis {
    let seg = segment(&doc.text);
    let timexes = overdue_time::extract(&doc, &seg);
    let quantities = overdue_quantity::extract(&doc, &seg);
    let entities = overdue_entity::extract(&doc, &seg);
    let statements = overdue_statement::extract(&overdue_statement::Layers {
        doc: &doc,
        seg: &seg,
        timexes: &timexes,
        quantities: &quantities,
        entities: &entities,
    });
    Analysis {
        doc,
        seg,
        timexes,
        quantities,
        entities,
        statements,
    }
}

/// One line of `overdue extract`'s output, as FORMAT.md fixes it.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// The document's id.
    pub doc: &'a str,
    /// Its publication date and where it came from.
    pub published: &'a Published,
    /// The headline, when the container gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// The address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// The outlet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<&'a str>,
    /// Boilerplate ranges.
    pub boilerplate: &'a [Span],
    /// Time expressions.
    pub timexes: &'a [Timex],
    /// Quantities.
    pub quantities: &'a [Quantity],
    /// Entity mentions.
    pub entities: &'a [Entity],
    /// Statements.
    pub statements: &'a [Statement],
    /// The analysed text (`--with-text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
}

impl<'a> Record<'a> {
    /// The record of an analysis, with its text if `with_text`.
    pub fn new(a: &'a Analysis, with_text: bool) -> Record<'a> {
        Record {
            doc: &a.doc.id,
            published: &a.doc.meta.published,
            title: a.doc.meta.title.as_deref(),
            url: a.doc.meta.url.as_deref(),
            outlet: a.doc.meta.outlet.as_deref(),
            boilerplate: &a.doc.boilerplate,
            timexes: &a.timexes,
            quantities: &a.quantities,
            entities: &a.entities,
            statements: &a.statements,
            text: with_text.then_some(a.doc.text.as_str()),
        }
    }
}
