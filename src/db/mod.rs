//! The claims database: its TOML schema ([`schema`]), loading with positioned, typed errors
//! ([`error`]), compilation into the matchers the checker runs ([`compile`],
//! [`compile_fact`]), the compiled model ([`model`]) and the prefilter ([`index`]).
//!
//! The schema is documented in the README ("The claims database"); the doc comments on the
//! raw types are the field-by-field reference.

mod compile;
mod compile_fact;
mod error;
mod index;
mod lexicon_words;
mod limits;
mod measure;
mod measure_value;
mod model;
mod schema;

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use crate::lexicon::{Lexicon, LexiconExtension};
use compile::{compile_claim, count_terms, expand_sets};
use index::{Prefilter, build_prefilter};
use schema::RawDb;

pub use crate::display::{format_number, format_when};
pub use crate::text::line_col;
pub use error::{DbError, DbErrorCode, DbErrors};
pub use limits::*;
pub use measure::MeasureSpec;
pub use measure_value::expected as measure_expected;
pub use model::{
    Band, Claim, Examples, Fact, FactKind, FactSpec, Lookalike, LookalikeValue, MassUnit, Person,
    Source, Tolerance,
};

use error::Problems;

/// The database compiled into the binary (`claims.toml` at the crate root).
pub const EMBEDDED: &str = include_str!("../../claims.toml");
/// How the embedded database is named in messages.
pub const EMBEDDED_NAME: &str = "<built-in claims.toml>";

/// A loaded database (one or several files), ready to check text against.
#[derive(Debug)]
pub struct Database {
    pub claims: Vec<Claim>,
    /// English, extended with the words of every loaded database's `[lexicon]`.
    pub lexicon: Lexicon,
    /// The databases' own lexicon words, merged.
    pub lexicon_extension: LexiconExtension,
    prefilter: Prefilter,
}

impl Database {
    /// The JSON Schema of the database format (generated from the types the loader reads), as
    /// committed in `claims.schema.json`.
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(RawDb);
        let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The database compiled into the binary.
    pub fn embedded() -> Result<Database, DbErrors> {
        Database::from_sources(&[(EMBEDDED_NAME.to_string(), EMBEDDED.to_string())])
    }

    /// Loads and compiles one or more database files given as (name, contents); every problem
    /// in every file is reported, and a database with any problem is refused.
    pub fn from_sources(sources: &[(String, String)]) -> Result<Database, DbErrors> {
        let (db, errors) = Database::from_sources_lenient(sources);
        if errors.is_empty() {
            Ok(db)
        } else {
            Err(DbErrors(errors))
        }
    }

    /// Loads what can be loaded: every problem, and a database of the claims that compiled
    /// (for `db lint`, which goes on to run their examples).
    pub fn from_sources_lenient(sources: &[(String, String)]) -> (Database, Vec<DbError>) {
        let mut claims = Vec::new();
        let mut errors = Vec::new();
        let mut seen: std::collections::HashMap<String, (String, usize)> = Default::default();
        // Claims, terms and patterns so far, in all files: the limits are for the whole.
        let (mut n_claims, mut n_terms, mut n_patterns) = (0usize, 0usize, 0usize);
        let mut extension = LexiconExtension::default();
        for (path, src) in sources {
            if src.len() > MAX_DB_BYTES {
                // Not even indexed for positions: the file is refused unread.
                errors.push(DbError {
                    code: DbErrorCode::Invalid,
                    path: path.clone(),
                    line: 1,
                    column: 1,
                    message: format!("the database is larger than {} MiB", MAX_DB_BYTES >> 20),
                });
                continue;
            }
            let mut p = Problems::new(path, src);
            let mut raw: RawDb = match toml::from_str(src) {
                Ok(raw) => raw,
                Err(e) => {
                    let at = e.span().map_or(0, |s| s.start);
                    let msg = e.message().trim().to_string();
                    p.at(
                        at,
                        DbErrorCode::Schema,
                        format!("{msg} (fix the TOML at this position)"),
                    );
                    // The file does not deserialize as a whole; its other claims may still
                    // show problems of their own (a duplicate id, say): read them one by one.
                    recheck_claims(src, at, &mut seen, path, &mut p);
                    errors.extend(p.finish());
                    continue;
                }
            };
            lexicon_words::check_lexicon(&raw.lexicon, src, &mut p);
            extension.merge(&raw.lexicon);
            // A fact's denominator ("per = \"vial\"") is a word of its database: prose reads
            // "$25 a vial" only when the lexicon knows "vial".
            extension.add_per_words(
                raw.claim
                    .iter()
                    .flat_map(|c| c.get_ref().fact.iter())
                    .filter_map(|f| lexicon_words::fact_per_word(f.get_ref())),
            );
            // The facts of this file are read with the words of the files so far.
            let lex = Lexicon::extended(&extension);
            // A claim's span covers only its `[[claim]]` header: its region runs to the next.
            let starts: Vec<usize> = raw.claim.iter().map(|c| c.span().start).collect();
            let allowed = MAX_CLAIMS.saturating_sub(n_claims);
            if let Some(&first_over) = starts.get(allowed) {
                p.at(
                    first_over,
                    DbErrorCode::Invalid,
                    format!("more than {MAX_CLAIMS} claims in all; this one and those after it are not read"),
                );
            }
            n_claims += raw.claim.len();
            let claims_in_file = std::mem::take(&mut raw.claim);
            for (k, spanned) in claims_in_file.into_iter().take(allowed).enumerate() {
                let span = spanned.span().start..starts.get(k + 1).copied().unwrap_or(src.len());
                let rc = spanned.into_inner();
                let line = p.line(span.start);
                if let Some((other, other_line)) = seen.get(&rc.id) {
                    let msg = format!(
                        "duplicate claim id `{}` (also defined at {other}:{other_line}); ids must be unique",
                        rc.id
                    );
                    p.within(&span, &rc.id, DbErrorCode::DuplicateId, msg);
                } else {
                    seen.insert(rc.id.clone(), (path.clone(), line));
                }
                let rc = expand_sets(rc, &raw.sets, &span, &mut p);
                // Count before compiling, so a hostile database costs no more than the limits.
                let (terms, patterns) = count_terms(&rc);
                if terms > MAX_TERMS_PER_CLAIM {
                    p.within(
                        &span,
                        "about",
                        DbErrorCode::Invalid,
                        format!(
                            "claim `{}` lists more than {MAX_TERMS_PER_CLAIM} terms (sets expanded); split it or shorten its lists",
                            rc.id
                        ),
                    );
                    continue;
                }
                n_terms += terms;
                n_patterns += patterns;
                if n_terms > MAX_TERMS || n_patterns > MAX_PATTERNS {
                    let what = if n_terms > MAX_TERMS {
                        format!("{MAX_TERMS} terms")
                    } else {
                        format!("{MAX_PATTERNS} /pattern/ terms")
                    };
                    p.within(
                        &span,
                        "about",
                        DbErrorCode::Invalid,
                        format!("the databases list more than {what} in all; this claim and those after it are not read"),
                    );
                    break;
                }
                if let Some(c) = compile_claim(rc, &span, path, line, &mut p, &lex) {
                    claims.push(c);
                }
            }
            errors.extend(p.finish());
            if n_terms > MAX_TERMS || n_patterns > MAX_PATTERNS {
                break;
            }
        }
        let prefilter = build_prefilter(&claims);
        let db = Database {
            claims,
            lexicon: Lexicon::extended(&extension),
            lexicon_extension: extension,
            prefilter,
        };
        (db, errors)
    }

    /// Prefilter hits: `(byte offset, (claim, group) pairs)` for every literal of a plain
    /// `about` term found at a word start.
    pub fn hits<'a, 't>(
        &'a self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, &'a [(usize, usize)])> + use<'a, 't> {
        self.prefilter.automaton.iter().flat_map(move |ac| {
            ac.find_overlapping_iter(text).filter_map(move |m| {
                // A term starts at a word boundary.
                let before = text[..m.start()].chars().next_back();
                if before.is_some_and(char::is_alphanumeric) {
                    return None;
                }
                Some((
                    m.start(),
                    self.prefilter.pattern_groups[m.pattern().as_usize()].as_slice(),
                ))
            })
        })
    }

    /// How many plain-term `about` groups claim `ci` has.
    pub fn plain_groups(&self, ci: usize) -> usize {
        self.prefilter.plain_groups[ci]
    }

    /// Looks a claim up by id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }
}

/// The ids of a file's claims, read loosely when the file does not deserialize as a whole.
#[derive(Deserialize)]
struct LooseDb {
    #[serde(default)]
    claim: Vec<Spanned<toml::Table>>,
}

/// After a schema error at `bad`, reads the file's claims one by one: each other claim's
/// schema errors, and every claim's id for duplicates.
fn recheck_claims(
    src: &str,
    bad: usize,
    seen: &mut HashMap<String, (String, usize)>,
    path: &str,
    p: &mut Problems,
) {
    let Ok(loose) = toml::from_str::<LooseDb>(src) else {
        return; // not even TOML: the one error said it
    };
    let starts: Vec<usize> = loose.claim.iter().map(|c| c.span().start).collect();
    for (k, spanned) in loose.claim.into_iter().enumerate() {
        let span = spanned.span().start..starts.get(k + 1).copied().unwrap_or(src.len());
        let table = spanned.into_inner();
        let line = p.line(span.start);
        if let Some(id) = table.get("id").and_then(toml::Value::as_str) {
            if let Some((other, other_line)) = seen.get(id) {
                let msg = format!(
                    "duplicate claim id `{id}` (also defined at {other}:{other_line}); ids must be unique"
                );
                p.within(&span, id, DbErrorCode::DuplicateId, msg);
            } else {
                seen.insert(id.to_string(), (path.to_string(), line));
            }
        }
        if span.contains(&bad) {
            continue; // its schema error is the one reported
        }
        // The claim's region read as a file of its own: its errors at their exact spans.
        let Some(region) = src.get(span.clone()) else {
            continue;
        };
        if let Err(e) = toml::from_str::<RawDb>(region) {
            let at = span.start + e.span().map_or(0, |s| s.start);
            let msg = e.message().trim().to_string();
            p.at(
                at,
                DbErrorCode::Schema,
                format!("{msg} (fix the TOML at this position)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(src: &str) -> Result<Database, DbErrors> {
        Database::from_sources(&[("t.toml".to_string(), src.to_string())])
    }

    const MINIMAL: &str = r#"
[[claim]]
id = "a-claim"
statement = "Eight companies were charged."
about = [["companies"], ["charged"]]

[[claim.fact]]
kind = "count"
value = 8
nouns = ["companies"]

[[claim.source]]
title = "T"
publisher = "P"
url = "https://example.org/"
date = "2023-10-03"
quote = "eight companies"
"#;

    /// 1-based line of the `nth` occurrence of `needle`.
    fn line_of(src: &str, needle: &str, nth: usize) -> usize {
        let at = src.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap();
        src[..at].matches('\n').count() + 1
    }

    #[test]
    fn the_embedded_database_loads() {
        let db = Database::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(!db.claims.is_empty());
    }

    #[test]
    fn a_minimal_claim_compiles() {
        let db = load(MINIMAL).unwrap();
        assert_eq!(
            db.claims[0].facts[0].band().map(|b| b.agree),
            Some((8.0, 8.0))
        );
        assert_eq!(db.hits("Ten companies were charged").count(), 2);
    }

    #[test]
    fn bad_toml_names_line_and_column() {
        let e = load("[[claim]]\nid = \"x\"\nstatement = oops\n").unwrap_err();
        assert_eq!((e.0[0].line, e.0[0].column), (3, 13), "{e}");
    }

    #[test]
    fn unknown_and_missing_keys_are_errors() {
        let src = MINIMAL.replace("nouns =", "nounz =");
        let e = load(&src).unwrap_err();
        assert!(e.0[0].message.contains("nounz"), "{e}");
        assert_eq!(e.0[0].line, line_of(&src, "nounz", 0));
        let e = load(&MINIMAL.replace("statement = \"Eight companies were charged.\"\n", ""))
            .unwrap_err();
        assert!(e.0[0].message.contains("statement"), "{e}");
    }

    #[test]
    fn semantic_errors_point_at_the_value() {
        let twice = format!("{MINIMAL}\n{MINIMAL}");
        let e = load(&twice).unwrap_err();
        assert!(e.0[0].message.contains("duplicate claim id"), "{e}");
        assert_eq!(e.0[0].line, line_of(&twice, "\"a-claim\"", 1));
        let src = MINIMAL.replace("[\"charged\"]", "[\"/(/\"]");
        let e = load(&src).unwrap_err();
        let at = line_of(&src, "/(/", 0);
        assert!(
            e.0.iter()
                .any(|x| x.message.contains("does not compile") && x.line == at),
            "{e}"
        );
        let bad_unit = MINIMAL
            .replace("kind = \"count\"", "kind = \"mass\"\nunit = \"stone\"")
            .replace("nouns = [\"companies\"]", "");
        let e = load(&bad_unit).unwrap_err();
        let at = line_of(&bad_unit, "stone", 0);
        assert!(
            e.0.iter()
                .any(|x| x.message.contains("unknown unit \"stone\"") && x.line == at),
            "{e}"
        );
        // "tally" became a kind (issue 16): "poll" is still unknown.
        let e = load(&MINIMAL.replace("\"count\"", "\"poll\"")).unwrap_err();
        assert!(e.0[0].message.contains("unknown fact kind"), "{e}");
    }

    /// `n` copies of MINIMAL with distinct ids.
    fn claims(n: usize) -> String {
        (0..n)
            .map(|k| MINIMAL.replace("a-claim", &format!("claim-{k}")))
            .collect()
    }

    #[test]
    fn a_set_referenced_many_times_is_refused_without_expanding_it() {
        // Regression (hostile database): 10,000 references to a 1,000-term set expanded to
        // ten million terms per claim before the limit was checked.
        let set: Vec<String> = (0..1000).map(|k| format!("\"w{k}\"")).collect();
        let refs = vec!["\"@big\""; 10_000].join(", ");
        let src = format!(
            "[sets]\nbig = [{}]\n{}",
            set.join(", "),
            claims(50).replace("[\"charged\"]", &format!("[{refs}]"))
        );
        let e = load(&src).unwrap_err();
        assert_eq!(e.0.len(), 50, "{e}");
        assert!(e.0[0].message.contains("more than 2000 terms"), "{e}");
        assert_eq!(e.0[0].line, line_of(&src, "about", 0));
    }

    #[test]
    fn terms_and_patterns_are_bounded_across_the_databases() {
        let pattern = MINIMAL.replace("[\"charged\"]", "[\"charged\", \"/indict[a-z]+/\"]");
        let one = |k: usize| pattern.replace("a-claim", &format!("claim-{k}"));
        let a: String = (0..MAX_PATTERNS / 2).map(one).collect();
        let b: String = (MAX_PATTERNS / 2..MAX_PATTERNS + 1).map(one).collect();
        let e = Database::from_sources(&[("a.toml".into(), a), ("b.toml".into(), b.clone())])
            .unwrap_err();
        assert_eq!(e.0.len(), 1, "{e}");
        assert_eq!(e.0[0].path, "b.toml");
        assert!(
            e.0[0].message.contains("more than 256 /pattern/ terms"),
            "{e}"
        );
        assert_eq!(e.0[0].line, line_of(&b, "about", MAX_PATTERNS / 2));
    }

    #[test]
    fn problems_are_listed_up_to_a_limit_and_then_counted() {
        let src = claims(MAX_ERRORS_PER_FILE + 5).replace("\"count\"", "\"poll\"");
        let e = load(&src).unwrap_err();
        assert_eq!(e.0.len(), MAX_ERRORS_PER_FILE + 1);
        assert_eq!(
            e.0[MAX_ERRORS_PER_FILE - 1].line,
            line_of(&src, "poll", MAX_ERRORS_PER_FILE - 1)
        );
        assert!(
            e.0[MAX_ERRORS_PER_FILE].message.contains("5 more problems"),
            "{e}"
        );
    }

    #[test]
    fn many_claims_load_in_linear_time() {
        // Regression (hostile database): each claim's line was counted from the top of the
        // file, quadratic in its size. 20,000 claims now load in a moment, even unoptimized.
        let db = load(&claims(20_000)).unwrap();
        assert_eq!(db.claims.len(), 20_000);
        assert_eq!(
            db.claims[19_999].line,
            line_of(&claims(20_000), "[[claim]]", 19_999)
        );
    }

    #[test]
    fn terms_that_start_with_an_apostrophe_neither_hang_nor_go_unfound() {
        // Regression (fuzzing, db_load): the term "'''777" gave the prefilter an empty
        // literal, which matched at the very end of the text, where `check` looped forever.
        let src = MINIMAL.replace("[\"charged\"]", "[\"charged\", \"'''777\", \"'90s\"]");
        let db = load(&src).unwrap();
        for text in [
            "",
            "\n\n",
            "Ten companies were charged.\n\n\n",
            "Two companies in the ’90s",
        ] {
            let found = crate::check::check(&db, text);
            let want = usize::from(text.contains("companies"));
            assert_eq!(found.len(), want, "{text:?}: {found:?}");
        }
        assert_eq!(index::prefilter_literal("'90s").as_deref(), Some("90s"));
        assert_eq!(index::prefilter_literal("'''"), None);
    }

    #[test]
    fn a_bad_pattern_with_escapes_is_located_at_its_line() {
        // Regression (reliability tests): a term written "/\\w{500}/" in TOML was looked for
        // unescaped, so the error pointed at the claim's header instead of the term.
        let src = MINIMAL.replace("[\"charged\"]", "[\"charged\",\n  \"/\\\\w{500}/\"]");
        let e = load(&src).unwrap_err();
        assert!(e.0[0].message.contains("size limit"), "{e}");
        assert_eq!(
            (e.0[0].line, e.0[0].column),
            (line_of(&src, "w{500}", 0), 3),
            "{e}"
        );
    }

    #[test]
    fn a_schema_error_does_not_hide_a_duplicate_id() {
        // A claim with an unknown key made the whole file unreadable, so the duplicate id
        // of another claim went unreported.
        let mut src = MINIMAL.replace("nouns = ", "nounz = ");
        src.push_str(MINIMAL);
        let e = load(&src).unwrap_err();
        let codes: Vec<DbErrorCode> = e.0.iter().map(|e| e.code).collect();
        assert_eq!(
            codes,
            [DbErrorCode::Schema, DbErrorCode::DuplicateId],
            "{e}"
        );
        assert!(e.0[0].message.contains("nounz"), "{e}");
    }

    #[test]
    fn a_long_term_is_refused_at_its_line_without_building_the_automaton() {
        // Regression (issue 17): a 40,000-character "aaaa…" term took about a minute to load.
        let long = "a".repeat(40_000);
        let src = MINIMAL.replace("[\"charged\"]", &format!("[\"charged\",\n  \"{long}\"]"));
        let e = load(&src).unwrap_err();
        assert!(e.0[0].message.contains("at most 256 bytes"), "{e}");
        assert_eq!(e.0[0].line, line_of(&src, "aaaa", 0), "{e}");
    }

    #[test]
    fn lexicon_words_that_could_never_match_are_refused() {
        let src = format!(
            "[lexicon]\nnon-names = [\"Quayside\"]\ntitles = [\"Harbour  Master\"]\nopeners = [\"Quay\"]\n{MINIMAL}"
        );
        let e = load(&src).unwrap_err();
        assert_eq!(e.0.len(), 2, "{e}");
        let quayside =
            e.0.iter()
                .find(|e| e.message.contains("\"Quayside\" can never match"));
        assert_eq!(quayside.map(|e| (e.line, e.column)), Some((2, 14)), "{e}");
        let title = e.0.iter().find(|e| e.message.contains("Harbour  Master"));
        assert!(
            title.is_some_and(|e| e.message.contains("\"harbour master\"")),
            "{e}"
        );
    }

    #[test]
    fn schema_errors_in_two_claims_are_both_located() {
        let second = MINIMAL
            .replace("a-claim", "b-claim")
            .replace("publisher = ", "publsher = ");
        let src = format!("{}{second}", MINIMAL.replace("nouns = ", "nounz = "));
        let e = load(&src).unwrap_err();
        let at: Vec<(DbErrorCode, usize, usize)> =
            e.0.iter().map(|e| (e.code, e.line, e.column)).collect();
        assert_eq!(
            at,
            [
                (DbErrorCode::Schema, line_of(&src, "nounz", 0), 1),
                (DbErrorCode::Schema, line_of(&src, "publsher", 0), 1)
            ],
            "{e}"
        );
    }

    #[test]
    fn errors_carry_their_code_where_raised() {
        let src = MINIMAL.replace("\"charged\"", "\"/a*/\"");
        let e = load(&src).unwrap_err();
        assert_eq!(e.0[0].code, DbErrorCode::EmptyMatch, "{e}");
    }

    #[test]
    fn numbers_format_for_people() {
        assert_eq!(format_number(70601.0), "70,601");
        assert_eq!(format_number(0.02), "0.02");
        assert_eq!(format_number(86.3), "86.3");
        assert_eq!(format_number(1234567.5), "1,234,567.5");
        // Regression (property test): beyond u64, the digits were garbage.
        assert_eq!(format_number(1e25), "10,000,000,000,000,000,905,969,664");
        assert_eq!(format_number(-0.0004), "0");
        assert_eq!(format_number(-2.5), "-2.5");
        assert_eq!(format_number(9.9996), "10");
    }

    #[test]
    fn dates_format_for_people() {
        let f = |s: &str| format_when(&crate::extract::When::parse(s).unwrap());
        assert_eq!(f("2023-03-13"), "March 13, 2023");
        assert_eq!(f("2023-10"), "October 2023");
        assert_eq!(f("2017..2021"), "2017–2021");
        assert_eq!(f("2023-10-07..2023-10-10"), "October 7–10, 2023");
        assert_eq!(f("FY2022"), "FY2022");
        assert_eq!(f("since 2018"), "since 2018");
    }
}
