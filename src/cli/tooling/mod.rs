//! Database tooling: `db list`, `db lint`, `db test`, `db export`, `db import` ([`database`]),
//! `db new` ([`scaffold`]),
//! `explain CLAIM_ID` ([`claim`]) and `explain --text` ([`text`]).
//!
//! The work is done by the engine (`check::run_examples`,
//! `check::check`, `check::frame_report`, `check::sentence_figures`, `check::sentences`).
#![allow(clippy::print_stderr)] // the CLI edge is where errors are written

mod claim;
mod database;
mod scaffold;
mod text;
mod why;

use std::io::{self, Write};

use serde_json::Value;

use crate::db::Database;

use super::load_databases;

pub use claim::explain_claim;
pub(crate) use claim::write_claim;
pub use database::{db_export, db_import, db_lint, db_list, db_test};
pub use scaffold::db_new;
pub use text::explain_text;

/// Loads the databases (none: the built-in one), printing positioned errors on failure.
pub(super) fn load_or_report(paths: &[String]) -> Option<Database> {
    match load_databases(paths) {
        Ok(db) => Some(db),
        Err(msg) => {
            say!("{msg}");
            say!("claimcheck: the database has errors");
            None
        }
    }
}

pub(super) fn write_json(out: &mut impl Write, v: &Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v).map_err(io::Error::other)?;
    writeln!(out)
}
