//! Persistence: documents, every extracted item with its span, identities and the
//! ledger, in SQLite, with migrations and incremental ingest.
//!
//! Not built yet (issue 8).

pub use overdue_timeline as timeline;
