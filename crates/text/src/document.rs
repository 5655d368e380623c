//! A document: the text it owns and what is known about it before any extractor runs.

use serde::{Deserialize, Serialize};

use crate::Span;

/// Where a publication date came from, in the order of trust that overdue applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Given on the command line (`--date`).
    Flag,
    /// A metadata file beside the documents (`--meta`).
    Sidecar,
    /// The document's own metadata (HTML meta tags, JSON-LD, a feed's date field).
    Meta,
    /// Inferred from the article text (a dateline, a byline date, bounds).
    Text,
    /// Nothing gave one.
    #[default]
    Unknown,
}

/// A publication date as FORMAT.md writes it: a TIMEX3-style calendar value
/// (`2018-04-13`, `2018-04` or `2018`) or none, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Published {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `None` when unknown.
    pub value: Option<String>,
    /// Where the value came from.
    pub source: DateSource,
    /// The earliest day the document can have been published, when the text bounds it
    /// (a reference retrieved on that day, an embedded post of that day).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub not_before: Option<String>,
    /// The latest day it can have been published (a dated comment, a crawl date).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub not_after: Option<String>,
}

impl Published {
    /// A known date from `source`.
    pub fn known(value: impl Into<String>, source: DateSource) -> Published {
        Published {
            value: Some(value.into()),
            source,
            not_before: None,
            not_after: None,
        }
    }

    /// Whether a value is known.
    pub fn is_known(&self) -> bool {
        self.value.is_some()
    }
}

/// What is known about a document besides its text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// The headline, when the container gives one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// The canonical address of the article.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
    /// The outlet that published it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub outlet: Option<String>,
    /// The publication date.
    pub published: Published,
}

/// One document: its identifier as FORMAT.md gives it, the text it owns and the ranges
/// of that text that are web furniture rather than article.
///
/// Every annotation made later is a [`Span`] into `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The path as given, or `container#record` for a record inside a container.
    pub id: String,
    /// The analysed text; spans index into it.
    pub text: String,
    /// Metadata known before extraction.
    pub meta: Meta,
    /// Ranges of `text` that are not article: banners, biographies, comment threads,
    /// front matter. Sorted, not overlapping.
    pub boilerplate: Vec<Span>,
}

impl Document {
    /// A document with no metadata and no boilerplate marked yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            meta: Meta::default(),
            boilerplate: Vec::new(),
        }
    }

    /// Whether `span` overlaps a boilerplate range.
    pub fn in_boilerplate(&self, span: Span) -> bool {
        self.boilerplate.iter().any(|b| b.overlaps(span))
    }
}
