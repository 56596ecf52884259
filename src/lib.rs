//! claimcheck: checks prose against a curated database of sourced factual claims.
//!
//! Pipeline: [`input`] (bytes to text, positions) → [`markup`] (the prose of Markdown or HTML,
//! with a map back to the source) → [`db`] (the compiled claims and their prefilter) →
//! [`check`] (candidate paragraphs, [`text`] sentences, [`terms`] frames, [`extract`] figures,
//! [`people`] names, verdicts) → [`suppress`], [`diff`], [`baseline`] (which findings to report)
//! → [`report`] (printers over placed findings). The engine never prints: printing from the
//! library is a lint error outside `cli`.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod aggregate;
pub mod baseline;
pub mod check;
pub mod claimreview;
pub mod cli;
pub mod db;
pub mod diff;
pub mod display;
pub mod extract;
pub mod input;
pub mod lexicon;
pub mod lint;
pub mod lsp;
pub mod markup;
pub mod people;
pub mod policy;
pub mod records;
pub mod report;
pub mod scaffold;
pub mod suppress;
pub mod terms;
pub mod text;
pub mod uncovered;
