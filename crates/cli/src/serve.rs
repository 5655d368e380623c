//! `overdue serve`: the read-only web page over a store.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Result;

use crate::Exit;

/// Arguments of `overdue serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The store to show.
    #[arg(long, value_name = "FILE", default_value = "overdue.db")]
    pub db: PathBuf,
    /// Where to listen.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The pages' title.
    #[arg(long, default_value = "What was promised, and what happened")]
    pub title: String,
}

/// Runs `overdue serve` until interrupted.
pub fn run(args: Args) -> Result<Exit> {
    overdue_web::server::serve(&overdue_web::server::Options {
        db: args.db,
        addr: args.addr,
        title: args.title,
    })?;
    Ok(Exit::Success)
}
