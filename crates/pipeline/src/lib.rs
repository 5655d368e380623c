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
use overdue_text::{Document, Meta, Published, Segmentation, Span, SpanError, segment};
use overdue_time::Timex;
use serde::{Deserialize, Serialize};

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

/// A record read back: [`Record`]'s fields, owned, as a store keeps them (without the
/// text, which is kept beside it). Each kind of item is read as its parameter says:
/// `Vec` of the items, or [`serde::de::IgnoredAny`], which passes over them (a reader
/// that needs only the statements does not make the rest); [`StoredRecord::read`] gives
/// the record with no items of the kinds passed over.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredRecord<T = Vec<Timex>, Q = Vec<Quantity>, E = Vec<Entity>, S = Vec<Statement>> {
    /// The document's id.
    pub doc: String,
    /// Its publication date and where it came from.
    pub published: Published,
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Boilerplate ranges.
    pub boilerplate: Vec<Span>,
    /// Time expressions.
    pub timexes: T,
    /// Quantities.
    pub quantities: Q,
    /// Entity mentions.
    pub entities: E,
    /// Statements.
    pub statements: S,
}

/// One kind of item of a [`StoredRecord`] as read: the items, or none when passed over.
pub trait Layer<X> {
    /// The items read.
    fn items(self) -> Vec<X>;
}

impl<X> Layer<X> for Vec<X> {
    fn items(self) -> Vec<X> {
        self
    }
}

impl<X> Layer<X> for serde::de::IgnoredAny {
    fn items(self) -> Vec<X> {
        Vec::new()
    }
}

impl<T, Q, E, S> StoredRecord<T, Q, E, S>
where
    T: Layer<Timex>,
    Q: Layer<Quantity>,
    E: Layer<Entity>,
    S: Layer<Statement>,
{
    /// The record with the items read, and none of the kinds passed over.
    pub fn read(self) -> StoredRecord {
        StoredRecord {
            doc: self.doc,
            published: self.published,
            title: self.title,
            url: self.url,
            outlet: self.outlet,
            boilerplate: self.boilerplate,
            timexes: self.timexes.items(),
            quantities: self.quantities.items(),
            entities: self.entities.items(),
            statements: self.statements.items(),
        }
    }
}

impl StoredRecord {
    /// The record of an analysis.
    pub fn of(a: &Analysis) -> StoredRecord {
        StoredRecord {
            doc: a.doc.id.clone(),
            published: a.doc.meta.published.clone(),
            title: a.doc.meta.title.clone(),
            url: a.doc.meta.url.clone(),
            outlet: a.doc.meta.outlet.clone(),
            boilerplate: a.doc.boilerplate.clone(),
            timexes: a.timexes.clone(),
            quantities: a.quantities.clone(),
            entities: a.entities.clone(),
            statements: a.statements.clone(),
        }
    }

    /// The analysis again, over `text`: every span is checked against it (in range, on
    /// character boundaries), the text is segmented again.
    pub fn into_analysis(self, text: String) -> Result<Analysis, SpanError> {
        let mut a = self.into_unsegmented(text)?;
        a.seg = segment(&a.doc.text);
        Ok(a)
    }

    /// As [`StoredRecord::into_analysis`], with the segmentation left empty: for the
    /// steps across documents, which read the items and not the sentences.
    pub fn into_unsegmented(self, text: String) -> Result<Analysis, SpanError> {
        let check = |sp: Span| Span::new(&text, sp.start(), sp.end()).map(|_| ());
        self.boilerplate.iter().try_for_each(|s| check(*s))?;
        self.timexes.iter().try_for_each(|t| check(t.span))?;
        self.quantities.iter().try_for_each(|q| check(q.span))?;
        self.entities.iter().try_for_each(|e| check(e.span))?;
        self.statements.iter().try_for_each(|s| check(s.span))?;
        Ok(Analysis {
            doc: Document {
                id: self.doc,
                text,
                meta: Meta {
                    title: self.title,
                    url: self.url,
                    outlet: self.outlet,
                    published: self.published,
                },
                boilerplate: self.boilerplate,
            },
            seg: Segmentation::default(),
            timexes: self.timexes,
            quantities: self.quantities,
            entities: self.entities,
            statements: self.statements,
        })
    }
}

/// `f` of 0..n on every core, in order (on this thread alone for fewer than 64).
pub fn parallel_map<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    parallel_into((0..n).collect(), f)
}

/// `f` of each of `items`, taken by value, on every core, in order (on this thread
/// alone for fewer than 64).
pub fn parallel_into<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let n = items.len();
    if threads < 2 || n < 64 {
        return items.into_iter().map(f).collect();
    }
    let chunk = n.div_ceil(threads);
    let mut parts = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    while items.len() > 0 {
        parts.push(items.by_ref().take(chunk).collect::<Vec<T>>());
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(f).collect::<Vec<U>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The identities across documents of one document's entities: for each id of its own,
/// the identity's id and name.
pub type Identities = std::collections::HashMap<String, (String, String)>;

/// Gives a document's entities and speakers their identities across the documents
/// `registry` has seen; call it on documents in input order. Returns them.
pub fn identify(registry: &mut overdue_entity::Registry, a: &mut Analysis) -> Identities {
    let ids = registry.assign(&mut a.entities);
    relabel(a, &ids, false);
    ids
}

/// Gives a document's entities and speakers the identities [`identify`] gave them
/// before (kept in a store, say); what `ids` does not name keeps its own id.
pub fn apply_identities(a: &mut Analysis, ids: &Identities) {
    relabel(a, ids, true);
}

/// Gives statements' speakers the identities [`identify`] gave their document's
/// entities (statements kept apart from their document).
pub fn apply_identities_to<'a>(
    statements: impl IntoIterator<Item = &'a mut overdue_statement::Statement>,
    ids: &Identities,
) {
    for st in statements {
        if let Some(sp) = &mut st.speaker
            && let Some((id, name)) = ids.get(&sp.id)
        {
            sp.id = id.clone();
            sp.name = name.clone();
        }
    }
}

fn relabel(a: &mut Analysis, ids: &Identities, entities: bool) {
    if entities {
        for e in &mut a.entities {
            if let Some((id, name)) = ids.get(&e.id) {
                e.id = id.clone();
                e.name = name.clone();
            }
        }
    }
    apply_identities_to(&mut a.statements, ids);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_records_come_back_whole() {
        let text = "The Harbour Authority said on Monday that the new terminal will open by the end of 2027 and handle up to 2 million passengers a year.";
        let a = analyse(Document::new("a.txt", text));
        assert!(!a.statements.is_empty() && !a.quantities.is_empty() && !a.timexes.is_empty());
        let json = serde_json::to_string(&StoredRecord::of(&a)).unwrap();
        // A borrowed record writes the same.
        assert_eq!(
            json,
            serde_json::to_string(&Record::new(&a, false)).unwrap()
        );
        let back: StoredRecord = serde_json::from_str(&json).unwrap();
        let b = back.clone().into_analysis(text.to_string()).unwrap();
        assert_eq!(b.statements, a.statements);
        assert_eq!(
            b.timexes,
            a.timexes
                .iter()
                .map(|t| Timex {
                    rule: "",
                    ..t.clone()
                })
                .collect::<Vec<_>>()
        );
        assert_eq!(b.entities, a.entities);
        assert_eq!(b.doc, a.doc);
        // A span that does not fit the text is refused.
        assert!(back.into_analysis("short".into()).is_err());
    }
}
