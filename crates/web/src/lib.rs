//! What a person reads: the report of a set of documents or of a store, as one
//! self-contained HTML page ([`html`]) or Markdown ([`markdown`]), with the milestone-trend
//! chart drawn as SVG ([`chart`]), all from one [`dossier::Dossier`]; and the read-only web
//! page over a store ([`server`]); exports for TimelineJS and Parquet ([`export`]).

pub mod chart;
pub mod dossier;
pub mod export;
pub mod html;
pub mod markdown;
pub mod server;
