//! Integration tests of the `claimcheck` command line, in one test binary.
//!
//! Fixtures live in `tests/fixtures/`; the binary runs from the crate root so that fixture
//! paths are given (and reported) as `tests/fixtures/...`.

mod archive;
mod browser;
mod check;
mod ci;
mod database;
mod date_roles;
mod db_new;
mod explain_why;
mod formats;
mod hardening;
mod interchange;
mod lint;
mod markup;
mod measures;
mod misreads;
mod readme;
mod real_text;
mod records;
mod regressions;
mod reliability;
mod sentences;
mod shared;
mod site;
mod spark;
mod subject_measures;
mod tooling;
mod uncovered;
mod util;
