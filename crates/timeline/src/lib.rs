//! Across documents: groups statements into projects and facilities, builds the ledger
//! of promised dates with their status, the slippage of successive targets, the figures
//! that sources report, and the people with their roles. Pure: no I/O.
//!
//! Not built yet (issue 7).

pub use overdue_pipeline as pipeline;
