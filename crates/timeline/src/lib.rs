//! Across documents: groups statements into projects and facilities, builds the ledger
//! of promised dates with their status, the slippage of successive targets, the figures
//! that sources report, and the people with their roles. Pure: no I/O.
//!
//! Built so far (issue 7): [`projects`], documents grouped into projects and the
//! facility each statement is about ([`facilities`] reads the words); [`deadline`], the last day a forecast allows and its status;
//! [`ledger`], one row per forecast across documents; [`people`], identities, roles and
//! role conflicts; [`slippage`], the chains of successive deadlines; [`figures`], the
//! same measure from several sources, conflicts and restated rates; [`events`], the
//! timeline of every statement.

pub mod deadline;
pub mod events;
pub mod facilities;
pub mod figures;
pub mod ledger;
pub mod people;
pub mod projects;
pub mod slippage;

pub use overdue_pipeline as pipeline;
