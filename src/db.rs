//! The claims database: its TOML schema, loading with positioned errors, validation, and
//! compilation into the matchers the checker runs.
//!
//! The schema is documented in the README ("The claims database"); the doc comments on the
//! raw types below are the field-by-field reference.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use toml::Spanned;

use crate::extract::{OPEN_END, Per, Precision, When, unit_to_kg};

mod measure;
mod measure_value;
use crate::lexicon::{Lexicon, LexiconExtension};
use crate::policy::ClaimPolicy;
use crate::terms::{Term, TermGroup};
pub use measure::MeasureSpec;
use measure_value::RawValue;

/// The database compiled into the binary (`claims.toml` at the crate root).
pub const EMBEDDED: &str = include_str!("../claims.toml");
/// How the embedded database is named in messages.
pub const EMBEDDED_NAME: &str = "<built-in claims.toml>";

/// Limits that keep a careless or hostile database from exhausting the machine: most claims
/// in all databases together.
pub const MAX_CLAIMS: usize = 100_000;
/// Most terms one claim may list (every term list and person name, `@set`s expanded).
pub const MAX_TERMS_PER_CLAIM: usize = 2_000;
/// Most terms all databases together may list, `@set`s expanded.
pub const MAX_TERMS: usize = 1_000_000;
/// Most `/pattern/` terms all databases together may list: each may compile to up to
/// [`crate::terms::PATTERN_SIZE_LIMIT`] bytes.
pub const MAX_PATTERNS: usize = 256;
/// Largest database file accepted.
pub const MAX_DB_BYTES: usize = 64 << 20;
/// Most problems listed per database file; the rest are counted in one last message.
pub const MAX_ERRORS_PER_FILE: usize = 1_000;

// ---------------------------------------------------------------------------------------
// Raw schema (what the TOML says)

/// A claimcheck claims database: named term sets and `[[claim]]` tables. See the README,
/// "The claims database".
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "claimcheck claims database")]
struct RawDb {
    /// Named term lists, referenced from any term list as `"@name"`.
    #[serde(default)]
    sets: std::collections::BTreeMap<String, Vec<String>>,
    /// Words of this database's subject that extend the engine's English lexicon: titles,
    /// non-names, sentence openers, adjectives after "most"... (see README, "Extending the
    /// lexicon").
    #[serde(default)]
    lexicon: LexiconExtension,
    /// The claims.
    #[serde(default)]
    #[schemars(with = "Vec<RawClaim>")]
    claim: Vec<Spanned<RawClaim>>,
}

/// One `[[claim]]`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawClaim {
    /// Stable identifier: lowercase letters, digits and `-`.
    id: String,
    /// The claim in one sentence, as the sources support it.
    statement: String,
    /// Term groups; a sentence must contain a term of every group.
    about: Vec<Vec<String>>,
    /// Phrases that refer back to a subject named in the previous sentence.
    #[serde(default)]
    anaphora: Vec<String>,
    /// Term groups that must also be present for a conflict.
    #[serde(default)]
    conflict_requires: Vec<Vec<String>>,
    /// Terms that mark a neighbouring measure: the claim stays silent.
    #[serde(default)]
    excludes: Vec<String>,
    /// Periods the figures cover.
    #[serde(default)]
    period: Vec<String>,
    /// Whether a figure must state one of the periods (default: true when `period` is set).
    period_required: Option<bool>,
    /// Curator's note.
    note: Option<String>,
    /// Thresholds of this claim that differ from the engine's (see README, "Policy").
    policy: Option<RawPolicy>,
    /// The checkable facts.
    #[serde(default)]
    fact: Vec<RawFact>,
    /// The sources.
    #[serde(default)]
    source: Vec<RawSource>,
    /// Example sentences, run as tests.
    examples: Option<RawExamples>,
}

/// A claim's own judgement thresholds.
#[derive(Debug, Deserialize, Clone, Copy, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPolicy {
    /// How far past a one-sided bound ("over 1,000") the sources' figure may lie for the
    /// bound to state it, as a factor (default 1.25).
    bound_reach: Option<f64>,
    /// How near a one-sided statement's end must lie to a look-alike's value to read as it,
    /// as a share of the value (default 0.10).
    lookalike_near: Option<f64>,
}

/// A tolerance: `"2%"` or a number in the fact's unit.
#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(untagged)]
enum RawTolerance {
    Number(f64),
    Text(String),
}

/// One `[[claim.fact]]`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFact {
    /// What is stated: count, rate, share, mass, multiplier, date, person, assertion, money,
    /// change, level, tally, record, duration or quantity.
    #[schemars(regex(
        pattern = r"^(count|rate|share|mass|multiplier|date|person|assertion|money|change|level|tally|record|duration|quantity)$"
    ))]
    kind: String,
    /// What the figure measures, as shown in messages ("U.S. citizens among ...").
    label: Option<String>,
    /// The sourced value (a share in percent, a mass in `unit`), or for money, quantity,
    /// duration and tally facts the figure as a source writes it ("$115.9 billion",
    /// "1.48 °C", "49 years", "53-47").
    value: Option<RawValue>,
    /// The unit of a mass (kg, lb, g, mg, t), a quantity ("°C", "GW"), a duration ("years")
    /// or a change ("%", "pp", "bp", a currency code or a physical unit).
    unit: Option<String>,
    /// For money: the ISO 4217 currency code (default USD, or the one the value's sign shows).
    currency: Option<String>,
    /// For a quantity: the value is a temperature difference (a rise, an anomaly), not a
    /// reading.
    #[serde(default)]
    difference: bool,
    /// For a change: what it is measured against: "year", "month", or a date ("2016").
    base: Option<String>,
    /// For a change: a stated change with no base is not compared.
    #[serde(default)]
    base_required: bool,
    /// For a record: 1 for the record itself, 2 for the second-highest...
    rank: Option<u32>,
    /// For a record: the date it is counted since ("1850").
    since: Option<String>,
    /// For a record: the span of years it covers (174 for "a 174-year record").
    span: Option<f64>,
    /// For a tally: the votes for (instead of `value`).
    yes: Option<f64>,
    /// For a tally: the votes against (instead of `value`).
    no: Option<f64>,
    /// For a tally: the vote was unanimous.
    #[serde(default)]
    unanimous: bool,
    /// Term groups that must be present for this fact to conflict.
    #[serde(default)]
    conflict_requires: Vec<Vec<String>>,
    /// The period of a rate: day, week, month, year or capita.
    per: Option<String>,
    /// How far a stated figure may be from `value` and still agree: a number in the fact's
    /// unit, or a percentage of the value such as "2%".
    tolerance: Option<RawTolerance>,
    /// A range of values that agree, instead of `value` and `tolerance`.
    range: Option<[f64; 2]>,
    /// Figures between the tolerance and this margin are near misses: neither agree nor
    /// conflict.
    margin: Option<RawTolerance>,
    /// Nouns a count must be stated with ("deaths", "people").
    #[serde(default)]
    nouns: Vec<String>,
    /// Terms that must follow a share or mass ("of fentanyl traffickers").
    #[serde(default)]
    of: Vec<String>,
    /// For a share: what the group is ("U.S. citizens").
    #[serde(default)]
    is: Vec<String>,
    /// For a share: what the rest of the group is ("foreign nationals", "non-citizens").
    #[serde(default)]
    is_not: Vec<String>,
    /// For a multiplier: what it is compared with ("than heroin").
    #[serde(default)]
    than: Vec<String>,
    /// For a date fact: the date, as YYYY, YYYY-MM or YYYY-MM-DD.
    date: Option<String>,
    /// For a person fact: the people who may be named.
    #[serde(default)]
    people: Vec<RawPerson>,
    /// For a person fact: naming any one of `people` agrees.
    #[serde(default)]
    any_of: bool,
    /// Figures of neighbouring measures that must stay silent, not conflict.
    #[serde(default)]
    lookalikes: Vec<RawLookalike>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPerson {
    /// The full name.
    name: String,
    /// Other ways the text may name the person (surname, title and surname).
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLookalike {
    /// The look-alike figure (for the kinds of issue 16, as a source writes it: "51-48",
    /// "$100 billion", "473 GW").
    value: Option<RawValue>,
    /// How close a stated figure must be to count as the look-alike.
    tolerance: Option<RawTolerance>,
    /// A range of look-alike values, instead of `value`.
    range: Option<[f64; 2]>,
    /// The period of the look-alike figure.
    date: Option<String>,
    /// What the look-alike measures, for curators.
    note: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSource {
    /// The title of the page or document.
    title: String,
    /// Who published it.
    publisher: String,
    /// Where it is (https:// or http://).
    url: String,
    /// When it was published: YYYY, YYYY-MM or YYYY-MM-DD.
    date: String,
    /// The words of the source that support the claim.
    quote: String,
    /// The source's role, e.g. "primary" or "secondary".
    role: Option<String>,
    /// A curator's note on the source.
    note: Option<String>,
}

#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawExamples {
    /// Sentences that must agree with the claim.
    #[serde(default)]
    agrees: Vec<String>,
    /// Sentences that must conflict with the claim.
    #[serde(default)]
    conflicts: Vec<String>,
    /// Sentences the claim must not judge (look-alikes, other periods).
    #[serde(default)]
    silent: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// Compiled form

/// What kind of fact a claim checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Count,
    Rate,
    Share,
    Mass,
    Multiplier,
    Date,
    Person,
    Assertion,
    /// An amount of money in a currency.
    Money,
    /// A change: percent, percentage points or an absolute change, with its direction.
    Change,
    /// A level in percent that is not a share of a population (a rate, turnout).
    Level,
    /// A vote or ruling ("53-47").
    Tally,
    /// A record: rank, since, span.
    Record,
    /// A span of time.
    Duration,
    /// A physical quantity with a dimension.
    Quantity,
}

impl FactKind {
    fn parse(s: &str) -> Option<FactKind> {
        Some(match s {
            "count" => FactKind::Count,
            "rate" => FactKind::Rate,
            "share" => FactKind::Share,
            "mass" => FactKind::Mass,
            "multiplier" => FactKind::Multiplier,
            "date" => FactKind::Date,
            "person" => FactKind::Person,
            "assertion" => FactKind::Assertion,
            "money" => FactKind::Money,
            "change" => FactKind::Change,
            "level" => FactKind::Level,
            "tally" => FactKind::Tally,
            "record" => FactKind::Record,
            "duration" => FactKind::Duration,
            "quantity" => FactKind::Quantity,
            _ => return None,
        })
    }

    /// The database spelling.
    pub fn name(self) -> &'static str {
        match self {
            FactKind::Count => "count",
            FactKind::Rate => "rate",
            FactKind::Share => "share",
            FactKind::Mass => "mass",
            FactKind::Multiplier => "multiplier",
            FactKind::Date => "date",
            FactKind::Person => "person",
            FactKind::Assertion => "assertion",
            FactKind::Money => "money",
            FactKind::Change => "change",
            FactKind::Level => "level",
            FactKind::Tally => "tally",
            FactKind::Record => "record",
            FactKind::Duration => "duration",
            FactKind::Quantity => "quantity",
        }
    }

    fn is_numeric(self) -> bool {
        matches!(
            self,
            FactKind::Count
                | FactKind::Rate
                | FactKind::Share
                | FactKind::Mass
                | FactKind::Multiplier
        )
    }
}

/// A known figure of a neighbouring measure: a stated figure that fits it is not a conflict.
#[derive(Debug, Clone)]
pub struct Lookalike {
    /// Values (in the fact's canonical unit) that the look-alike covers.
    pub lo: f64,
    pub hi: f64,
    /// For date facts.
    pub when: Option<When>,
    pub note: String,
}

/// A person a claim names.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    /// The name and its aliases, compiled.
    pub names: TermGroup,
}

/// One checkable fact of a claim, compiled.
#[derive(Debug, Clone)]
pub struct Fact {
    pub kind: FactKind,
    pub label: Option<String>,
    /// The sources' figure in the canonical unit (kg for masses, percent for shares).
    pub value: Option<f64>,
    /// Values that agree, canonical unit.
    pub agree: (f64, f64),
    /// Values where the checker stays silent (the agreeing values plus the margin).
    pub near: (f64, f64),
    /// As written: tolerance and range, for messages.
    pub tolerance_text: Option<String>,
    pub range: Option<[f64; 2]>,
    /// Mass unit as written (`lb`) and its size in kg.
    pub unit: Option<(String, f64)>,
    pub per: Option<Per>,
    pub nouns: TermGroup,
    pub of: TermGroup,
    pub is: TermGroup,
    pub is_not: TermGroup,
    pub than: TermGroup,
    pub date: Option<When>,
    pub date_text: Option<String>,
    pub people: Vec<Person>,
    pub any_of: bool,
    pub lookalikes: Vec<Lookalike>,
    /// For the kinds of issue 16: what the fact compares beyond its bands.
    pub measure: Option<MeasureSpec>,
    /// Term groups that must be present for this fact to conflict.
    pub conflict_requires: Vec<TermGroup>,
}

/// A source that supports a claim.
#[derive(Debug, Clone)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub date: String,
    pub quote: String,
    pub role: Option<String>,
    pub note: Option<String>,
}

/// The example sentences of a claim.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    pub agrees: Vec<String>,
    pub conflicts: Vec<String>,
    pub silent: Vec<String>,
}

/// A compiled claim.
#[derive(Debug, Clone)]
pub struct Claim {
    pub id: String,
    pub statement: String,
    pub about: Vec<TermGroup>,
    pub anaphora: TermGroup,
    pub conflict_requires: Vec<TermGroup>,
    pub excludes: TermGroup,
    pub period: Vec<When>,
    pub period_text: Vec<String>,
    pub period_required: bool,
    pub note: Option<String>,
    /// The claim's own thresholds, where the database sets them.
    pub policy: ClaimPolicy,
    pub facts: Vec<Fact>,
    pub sources: Vec<Source>,
    pub examples: Examples,
    /// Where the claim is defined: database name and 1-based line.
    pub origin: String,
    pub line: usize,
}

/// A loaded database (one or several files), ready to check text against.
#[derive(Debug)]
pub struct Database {
    pub claims: Vec<Claim>,
    /// English, extended with the words of every loaded database's `[lexicon]`.
    pub lexicon: Lexicon,
    /// The databases' own lexicon words, merged.
    pub lexicon_extension: LexiconExtension,
    prefilter: Option<AhoCorasick>,
    /// For each prefilter pattern, the (claim, plain group) pairs whose terms start with it.
    pattern_groups: Vec<Vec<(usize, usize)>>,
    /// For each claim, how many of its `about` groups are plain terms: a paragraph can be
    /// about the claim only if each of them has a hit.
    plain_groups: Vec<usize>,
}

/// One problem in a database, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// Every problem found while loading databases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbErrors(pub Vec<DbError>);

impl std::fmt::Display for DbErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (k, e) in self.0.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DbErrors {}

pub use crate::text::line_col;

/// Collects positioned problems for one source file.
struct Problems<'a> {
    path: &'a str,
    src: &'a str,
    /// Byte offsets of line starts: positions are found by binary search, not by counting
    /// from the top of a file of up to 64 MiB for each of up to 100,000 claims.
    lines: Vec<usize>,
    list: Vec<DbError>,
    /// Problems found, listed or not (see [`MAX_ERRORS_PER_FILE`]).
    count: usize,
}

impl<'a> Problems<'a> {
    fn new(path: &'a str, src: &'a str) -> Problems<'a> {
        let mut lines = vec![0];
        lines.extend(
            src.bytes()
                .enumerate()
                .filter_map(|(i, b)| (b == b'\n').then_some(i + 1)),
        );
        Problems {
            path,
            src,
            lines,
            list: Vec::new(),
            count: 0,
        }
    }

    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.lines.partition_point(|&s| s <= offset).max(1)
    }

    fn at(&mut self, offset: usize, message: impl Into<String>) {
        self.count += 1;
        if self.list.len() >= MAX_ERRORS_PER_FILE {
            return;
        }
        let mut offset = offset.min(self.src.len());
        while !self.src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self.lines[line - 1];
        let column = self.src[start..offset].chars().count() + 1;
        self.list.push(DbError {
            path: self.path.to_string(),
            line,
            column,
            message: message.into(),
        });
    }

    /// The listed problems, and a last one counting those not listed.
    fn finish(mut self) -> Vec<DbError> {
        if self.count > self.list.len() {
            let more = self.count - self.list.len();
            self.list.push(DbError {
                path: self.path.to_string(),
                line: 1,
                column: 1,
                message: format!("… and {more} more problems in this file"),
            });
        }
        self.list
    }

    /// Points at `needle` inside the claim's span (the first occurrence as a TOML string, or
    /// a key), or at the claim itself.
    fn within(&mut self, span: &Range<usize>, needle: &str, message: impl Into<String>) {
        let end = span.end.min(self.src.len());
        let start = span.start.min(end);
        let hay = self.src.get(start..end).unwrap_or("");
        let quoted = format!("\"{needle}\"");
        // As a basic string spells it: "/\\w+/" for the term /\w+/.
        let escaped = format!("\"{}\"", needle.replace('\\', "\\\\").replace('"', "\\\""));
        let at = hay
            .find(&quoted)
            .or_else(|| hay.find(&escaped))
            .or_else(|| hay.find(&format!("{needle} =")))
            .or_else(|| hay.find(needle).filter(|_| !needle.is_empty()))
            .map_or(start, |k| start + k);
        self.at(at, message);
    }
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
                    p.at(at, format!("{msg} (fix the TOML at this position)"));
                    errors.extend(p.finish());
                    continue;
                }
            };
            extension.merge(&raw.lexicon);
            // A claim's span covers only its `[[claim]]` header: its region runs to the next.
            let starts: Vec<usize> = raw.claim.iter().map(|c| c.span().start).collect();
            let allowed = MAX_CLAIMS.saturating_sub(n_claims);
            if let Some(&first_over) = starts.get(allowed) {
                p.at(
                    first_over,
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
                    p.within(&span, &rc.id, msg);
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
                        format!("the databases list more than {what} in all; this claim and those after it are not read"),
                    );
                    break;
                }
                if let Some(c) = compile_claim(rc, &span, path, line, &mut p) {
                    claims.push(c);
                }
            }
            errors.extend(p.finish());
            if n_terms > MAX_TERMS || n_patterns > MAX_PATTERNS {
                break;
            }
        }
        let (prefilter, pattern_groups, plain_groups) = build_prefilter(&claims);
        let db = Database {
            claims,
            lexicon: Lexicon::extended(&extension),
            lexicon_extension: extension,
            prefilter,
            pattern_groups,
            plain_groups,
        };
        (db, errors)
    }

    /// Prefilter hits: `(byte offset, (claim, group) pairs)` for every literal of a plain
    /// `about` term found at a word start.
    pub fn hits<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, &'a [(usize, usize)])> + 'a {
        self.prefilter.iter().flat_map(move |ac| {
            ac.find_overlapping_iter(text).filter_map(move |m| {
                // A term starts at a word boundary.
                let before = text[..m.start()].chars().next_back();
                if before.is_some_and(char::is_alphanumeric) {
                    return None;
                }
                Some((
                    m.start(),
                    self.pattern_groups[m.pattern().as_usize()].as_slice(),
                ))
            })
        })
    }

    /// How many plain-term `about` groups claim `ci` has.
    pub fn plain_groups(&self, ci: usize) -> usize {
        self.plain_groups[ci]
    }

    /// Looks a claim up by id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }
}

/// One automaton over the literal of every plain term of every `about` group.
#[allow(clippy::type_complexity)]
fn build_prefilter(
    claims: &[Claim],
) -> (Option<AhoCorasick>, Vec<Vec<(usize, usize)>>, Vec<usize>) {
    let mut literals: Vec<String> = Vec::new();
    let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut plain = vec![0; claims.len()];
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for (ci, c) in claims.iter().enumerate() {
        for (gi, group) in c.about.iter().enumerate() {
            // A group is plain when every term has a literal the raw text must contain.
            let literal = |t: &Term| t.literal().and_then(prefilter_literal);
            if group.terms.is_empty() || !group.terms.iter().all(|t| literal(t).is_some()) {
                continue;
            }
            plain[ci] += 1;
            for t in &group.terms {
                let Some(lit) = literal(t) else { continue };
                let k = *index.entry(lit.clone()).or_insert_with(|| {
                    literals.push(lit);
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                if owners[k].last() != Some(&(ci, gi)) {
                    owners[k].push((ci, gi));
                }
            }
        }
    }
    if literals.is_empty() {
        return (None, owners, plain);
    }
    // A DFA scans fastest; past a few thousand literals its memory grows too much and the
    // builder's own choice (a contiguous NFA) is kept.
    let kind = (literals.len() <= 100_000).then_some(aho_corasick::AhoCorasickKind::DFA);
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(kind)
        .build(&literals)
        .ok();
    (ac, owners, plain)
}

/// The part of a term's first word that raw text is sure to contain: its first run without
/// an apostrophe (curly or straight in the text). `None` for a word of apostrophes only: an
/// empty literal would match at every offset (a hang, found by fuzzing).
fn prefilter_literal(word: &str) -> Option<String> {
    word.split('\'')
        .find(|part| !part.is_empty())
        .map(str::to_string)
}

/// Replaces `"@name"` entries of every term list with the terms of the named set.
fn expand_sets(
    mut rc: RawClaim,
    sets: &std::collections::BTreeMap<String, Vec<String>>,
    span: &Range<usize>,
    p: &mut Problems,
) -> RawClaim {
    // A set referenced many times could expand to billions of terms: expand no further than
    // one term past the claim's limit, which is then reported.
    let mut room = MAX_TERMS_PER_CLAIM + 1;
    let mut expand = |list: &mut Vec<String>| {
        if !list.iter().any(|t| t.starts_with('@')) {
            return;
        }
        let mut out = Vec::with_capacity(list.len());
        for t in list.drain(..) {
            match t.strip_prefix('@') {
                Some(name) => match sets.get(name) {
                    Some(terms) => {
                        out.extend(terms.iter().take(room).cloned());
                        room = room.saturating_sub(terms.len());
                    }
                    None => p.within(
                        span,
                        &t,
                        format!(
                            "unknown term set \"{t}\"; define it under [sets] as {name} = [...]"
                        ),
                    ),
                },
                None => out.push(t),
            }
        }
        *list = out;
    };
    rc.about.iter_mut().for_each(&mut expand);
    rc.conflict_requires.iter_mut().for_each(&mut expand);
    expand(&mut rc.excludes);
    expand(&mut rc.anaphora);
    for f in &mut rc.fact {
        for list in [
            &mut f.nouns,
            &mut f.of,
            &mut f.is,
            &mut f.is_not,
            &mut f.than,
        ] {
            expand(list);
        }
    }
    rc
}

/// How many terms a claim lists (every term list and person name) and how many of them are
/// `/pattern/`s.
fn count_terms(rc: &RawClaim) -> (usize, usize) {
    let groups = rc.about.iter().chain(&rc.conflict_requires);
    let lists = [&rc.excludes, &rc.anaphora].into_iter().chain(groups);
    let fact_lists = rc
        .fact
        .iter()
        .flat_map(|f| [&f.nouns, &f.of, &f.is, &f.is_not, &f.than]);
    let names = rc
        .fact
        .iter()
        .flat_map(|f| &f.people)
        .flat_map(|person| std::iter::once(&person.name).chain(&person.aliases));
    let all = lists.chain(fact_lists).flatten().chain(names);
    all.fold((0, 0), |(n, pats), t| {
        (n + 1, pats + usize::from(is_pattern(t)))
    })
}

fn compile_group(terms: &[String], span: &Range<usize>, what: &str, p: &mut Problems) -> TermGroup {
    let mut out = Vec::new();
    for t in terms {
        match Term::compile(t) {
            Ok(term) => out.push(term),
            Err(e) => p.within(span, t, format!("{what} term \"{t}\": {e}")),
        }
    }
    TermGroup { terms: out }
}

fn parse_tolerance(t: &RawTolerance) -> Result<(f64, bool), String> {
    match t {
        RawTolerance::Number(n) if *n >= 0.0 && n.is_finite() => Ok((*n, false)),
        RawTolerance::Number(n) => Err(format!("tolerance {n} must be a number ≥ 0")),
        RawTolerance::Text(s) => {
            let s = s.trim();
            if let Some(p) = s.strip_suffix('%') {
                match p.trim().parse::<f64>() {
                    Ok(v) if v >= 0.0 && v.is_finite() => Ok((v / 100.0, true)),
                    _ => Err(format!("tolerance \"{s}\" is not a percentage like \"2%\"")),
                }
            } else {
                match s.parse::<f64>() {
                    Ok(v) if v >= 0.0 && v.is_finite() => Ok((v, false)),
                    _ => Err(format!(
                        "tolerance \"{s}\" must be \"N%\" (relative) or a number in the fact's unit"
                    )),
                }
            }
        }
    }
}

fn tolerance_text(t: &RawTolerance) -> String {
    match t {
        RawTolerance::Number(n) => format!("{n}"),
        RawTolerance::Text(s) => s.clone(),
    }
}

/// Widens `[lo, hi]` by a tolerance around `value`.
fn widen(lo: f64, hi: f64, value: f64, tol: (f64, bool)) -> (f64, f64) {
    let d = if tol.1 { value.abs() * tol.0 } else { tol.0 };
    (lo - d, hi + d)
}

fn compile_claim(
    rc: RawClaim,
    span: &Range<usize>,
    path: &str,
    line: usize,
    p: &mut Problems,
) -> Option<Claim> {
    let before = p.count;
    if rc.id.is_empty()
        || !rc
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        || rc.id.starts_with('-')
    {
        p.within(
            span,
            &rc.id,
            format!(
                "claim id `{}` must be lowercase letters, digits and '-' (like `fentanyl-deaths-2021`)",
                rc.id
            ),
        );
    }
    if rc.statement.trim().is_empty() {
        p.within(
            span,
            "statement",
            "`statement` is empty: state the claim in one sentence",
        );
    }
    if rc.about.is_empty() {
        p.within(
            span,
            &rc.id,
            "`about` is missing or empty: give at least one group of terms",
        );
    }
    let about: Vec<TermGroup> = rc
        .about
        .iter()
        .map(|g| {
            if g.is_empty() {
                p.within(
                    span,
                    "about",
                    "`about` has an empty group; every group needs a term",
                );
            }
            compile_group(g, span, "`about`", p)
        })
        .collect();
    if !rc.about.is_empty()
        && !rc
            .about
            .iter()
            .any(|g| !g.is_empty() && g.iter().all(|t| !is_pattern(t)))
    {
        p.within(
            span,
            "about",
            "every `about` group uses a /pattern/; at least one group must be plain terms (they select candidate sentences)",
        );
    }
    let anaphora = compile_group(&rc.anaphora, span, "`anaphora`", p);
    let conflict_requires = rc
        .conflict_requires
        .iter()
        .map(|g| compile_group(g, span, "`conflict-requires`", p))
        .collect();
    let excludes = compile_group(&rc.excludes, span, "`excludes`", p);
    let mut period = Vec::new();
    for s in &rc.period {
        match When::parse(s) {
            Some(w) => period.push(w),
            None => p.within(
                span,
                s,
                format!(
                    "period \"{s}\" is not understood; write \"2021\", \"FY2021\", \"2017..2021\", \"since 2018\", \"2023-10\" or \"2023-10-03\""
                ),
            ),
        }
    }
    if rc.period_required.is_some() && rc.period.is_empty() {
        p.within(
            span,
            "period-required",
            "`period-required` is set but `period` is empty",
        );
    }
    if rc.fact.is_empty() {
        p.within(
            span,
            &rc.id,
            format!(
                "claim `{}` has no `[[claim.fact]]`: add at least one fact to check",
                rc.id
            ),
        );
    }
    let facts: Vec<Fact> = rc
        .fact
        .iter()
        .filter_map(|f| compile_fact(f, span, p))
        .collect();
    if rc.source.is_empty() {
        p.within(
            span,
            &rc.id,
            format!(
                "claim `{}` has no `[[claim.source]]`: every claim needs a source",
                rc.id
            ),
        );
    }
    let mut sources = Vec::new();
    for s in &rc.source {
        for (key, v) in [
            ("title", &s.title),
            ("publisher", &s.publisher),
            ("url", &s.url),
            ("date", &s.date),
            ("quote", &s.quote),
        ] {
            if v.trim().is_empty() {
                p.within(span, key, format!("source `{key}` is empty"));
            }
        }
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            p.within(
                span,
                &s.url,
                format!(
                    "source url \"{}\" must start with https:// or http://",
                    s.url
                ),
            );
        }
        if !valid_source_date(&s.date) {
            p.within(
                span,
                &s.date,
                format!(
                    "source date \"{}\" must be YYYY, YYYY-MM or YYYY-MM-DD",
                    s.date
                ),
            );
        }
        if let Some(r) = &s.role
            && !matches!(r.as_str(), "primary" | "secondary" | "article")
        {
            p.within(
                span,
                r,
                format!("source role \"{r}\" must be primary, secondary or article"),
            );
        }
        sources.push(Source {
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            url: s.url.clone(),
            date: s.date.clone(),
            quote: s.quote.clone(),
            role: s.role.clone(),
            note: s.note.clone(),
        });
    }
    let examples = rc.examples.map_or_else(Examples::default, |e| Examples {
        agrees: e.agrees,
        conflicts: e.conflicts,
        silent: e.silent,
    });
    if p.count > before {
        return None;
    }
    let policy = ClaimPolicy {
        bound_reach: rc.policy.and_then(|p| p.bound_reach),
        lookalike_near: rc.policy.and_then(|p| p.lookalike_near),
    };
    for (key, value) in [
        (
            "bound-reach",
            policy.bound_reach.filter(|v| !(v.is_finite() && *v >= 1.0)),
        ),
        (
            "lookalike-near",
            policy
                .lookalike_near
                .filter(|v| !(v.is_finite() && (0.0..1.0).contains(v))),
        ),
    ] {
        if let Some(v) = value {
            p.within(span, key, format!("`{key}` = {v} is out of range: bound-reach is a factor of at least 1, lookalike-near a share from 0 to 1"));
        }
    }
    Some(Claim {
        id: rc.id,
        statement: rc.statement,
        about,
        anaphora,
        conflict_requires,
        excludes,
        period_required: rc.period_required.unwrap_or(!period.is_empty()),
        period,
        period_text: rc.period,
        note: rc.note,
        policy,
        facts,
        sources,
        examples,
        origin: path.to_string(),
        line,
    })
}

fn is_pattern(t: &str) -> bool {
    let t = t.trim();
    t.len() >= 2 && t.starts_with('/') && t.ends_with('/')
}

fn valid_source_date(s: &str) -> bool {
    When::parse(s).is_some_and(|w| {
        matches!(
            w.precision,
            Precision::Day | Precision::Month | Precision::Year
        )
    })
}

fn compile_fact(f: &RawFact, span: &Range<usize>, p: &mut Problems) -> Option<Fact> {
    let before = p.count;
    let Some(kind) = FactKind::parse(&f.kind) else {
        p.within(
            span,
            &f.kind,
            format!(
                "unknown fact kind \"{}\"; use count, rate, share, mass, multiplier, date, person, assertion, money, change, level, tally, record, duration or quantity",
                f.kind
            ),
        );
        return None;
    };
    let conflict_requires: Vec<TermGroup> = f
        .conflict_requires
        .iter()
        .map(|g| compile_group(g, span, "`conflict-requires`", p))
        .collect();
    if kind.is_measure() {
        return measure::compile(f, kind, span, p, conflict_requires);
    }
    let k = kind.name();
    let value_num = match &f.value {
        Some(RawValue::Text(t)) => {
            p.within(
                span,
                t,
                format!("a {k} fact's `value` is a number; \"{t}\" is text"),
            );
            None
        }
        Some(RawValue::Number(n)) => Some(*n),
        None => None,
    };
    let new_keys: [(&str, bool); 8] = [
        ("currency", f.currency.is_some()),
        ("difference", f.difference),
        ("base", f.base.is_some() || f.base_required),
        ("rank", f.rank.is_some()),
        ("since", f.since.is_some()),
        ("span", f.span.is_some()),
        ("yes", f.yes.is_some() || f.no.is_some()),
        ("unanimous", f.unanimous),
    ];
    for (key, present) in new_keys {
        if present {
            p.within(span, key, format!("`{key}` does not apply to a {k} fact"));
        }
    }
    // Keys that make sense only for some kinds.
    let misplaced: [(&str, bool, bool); 12] = [
        ("value", value_num.is_some(), kind.is_numeric()),
        ("unit", f.unit.is_some(), kind == FactKind::Mass),
        ("per", f.per.is_some(), kind == FactKind::Rate),
        ("tolerance", f.tolerance.is_some(), kind.is_numeric()),
        ("range", f.range.is_some(), kind.is_numeric()),
        ("margin", f.margin.is_some(), kind.is_numeric()),
        (
            "nouns",
            !f.nouns.is_empty(),
            matches!(kind, FactKind::Count | FactKind::Rate),
        ),
        (
            "of",
            !f.of.is_empty(),
            matches!(kind, FactKind::Share | FactKind::Mass),
        ),
        ("than", !f.than.is_empty(), kind == FactKind::Multiplier),
        ("date", f.date.is_some(), kind == FactKind::Date),
        ("people", !f.people.is_empty(), kind == FactKind::Person),
        (
            "is",
            !f.is.is_empty() || !f.is_not.is_empty(),
            matches!(kind, FactKind::Share | FactKind::Assertion),
        ),
    ];
    for (key, present, allowed) in misplaced {
        if present && !allowed {
            p.within(span, key, format!("`{key}` does not apply to a {k} fact"));
        }
    }
    if f.any_of && kind != FactKind::Person {
        p.within(
            span,
            "any-of",
            format!("`any-of` does not apply to a {k} fact"),
        );
    }
    let mut unit = None;
    if kind == FactKind::Mass {
        match f.unit.as_deref() {
            Some(u) => match unit_to_kg(u) {
                Some(kg) => unit = Some((u.to_string(), kg)),
                None => p.within(span, u, format!("unknown unit \"{u}\"; use lb, kg, g, mg, oz, t (metric ton) or ton (short ton)")),
            },
            None => p.within(span, "kind", "a mass fact needs `unit` (lb, kg, g, mg, oz, t or ton)"),
        }
    }
    let scale = unit.as_ref().map_or(1.0, |(_, kg)| *kg);
    let mut per = None;
    if kind == FactKind::Rate {
        match f.per.as_deref() {
            Some(s) => match Per::parse(s) {
                Some(x) => per = Some(x),
                None => p.within(
                    span,
                    s,
                    format!("unknown `per` \"{s}\"; use day, week, month or year"),
                ),
            },
            None => p.within(
                span,
                "kind",
                "a rate fact needs `per` (day, week, month or year)",
            ),
        }
    }
    let mut agree = (f64::NAN, f64::NAN);
    let mut near = agree;
    if kind.is_numeric() {
        if value_num.is_none() && f.range.is_none() {
            p.within(
                span,
                "kind",
                format!("a {k} fact needs `value` (or `range`)"),
            );
        }
        let tol = match f.tolerance.as_ref().map(parse_tolerance) {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                p.within(span, "tolerance", e);
                (0.0, false)
            }
            None => (0.0, false),
        };
        let value = value_num
            .or(f.range.map(|[a, b]| (a + b) / 2.0))
            .unwrap_or(0.0);
        if !value.is_finite() {
            p.within(span, "value", "`value` must be a finite number");
        }
        let (lo, hi) = match f.range {
            Some([a, b]) if a <= b => (a, b),
            Some([a, b]) => {
                p.within(
                    span,
                    "range",
                    format!("`range` [{a}, {b}] must be [low, high]"),
                );
                (a, b)
            }
            None => (value, value),
        };
        let (alo, ahi) = if f.range.is_some() {
            (lo, hi)
        } else {
            widen(lo, hi, value, tol)
        };
        let margin = match f.margin.as_ref().map(parse_tolerance) {
            Some(Ok(m)) => m,
            Some(Err(e)) => {
                p.within(span, "margin", e);
                (0.0, false)
            }
            // Default: the tolerance again, or for ranges a twentieth of their width.
            None if f.range.is_some() => ((hi - lo) / 20.0, false),
            None => tol,
        };
        let (nlo, nhi) = widen(alo, ahi, value, margin);
        agree = (alo * scale, ahi * scale);
        near = (nlo * scale, nhi * scale);
        if kind == FactKind::Multiplier && f.than.is_empty() {
            p.within(
                span,
                "kind",
                "a multiplier fact needs `than` (the comparator, e.g. [\"heroin\"])",
            );
        }
    }
    let mut date = None;
    if kind == FactKind::Date {
        match f.date.as_deref() {
            Some(s) => match When::parse(s) {
                Some(w) if w.hi != OPEN_END => date = Some(w),
                _ => p.within(span, s, format!("date \"{s}\" is not understood; write \"2023-03-13\", \"2023-03\", \"2023\" or \"2023-10-07..2023-10-10\"")),
            },
            None => p.within(span, "kind", "a date fact needs `date`"),
        }
    }
    let mut people = Vec::new();
    if kind == FactKind::Person {
        if f.people.is_empty() {
            p.within(span, "kind", "a person fact needs `people`");
        }
        for person in &f.people {
            let mut names = vec![person.name.clone()];
            names.extend(person.aliases.iter().cloned());
            people.push(Person {
                name: person.name.clone(),
                names: compile_group(&names, span, "person", p),
            });
        }
    }
    if kind == FactKind::Assertion && f.is.is_empty() && f.is_not.is_empty() {
        p.within(
            span,
            "kind",
            "an assertion fact needs `is` or `is-not` terms",
        );
    }
    let mut lookalikes = Vec::new();
    for l in &f.lookalikes {
        let note = l.note.clone().unwrap_or_default();
        if let Some(d) = &l.date {
            match When::parse(d) {
                Some(w) => lookalikes.push(Lookalike {
                    lo: f64::NAN,
                    hi: f64::NAN,
                    when: Some(w),
                    note,
                }),
                None => p.within(
                    span,
                    d,
                    format!("look-alike date \"{d}\" is not understood"),
                ),
            }
            continue;
        }
        let (lo, hi) = match (l.value.as_ref().and_then(RawValue::number), l.range) {
            (_, Some([a, b])) if a <= b => (a, b),
            (Some(v), None) => {
                let tol = match l.tolerance.as_ref().map(parse_tolerance) {
                    Some(Ok(t)) => t,
                    Some(Err(e)) => {
                        p.within(span, "tolerance", e);
                        (0.0, false)
                    }
                    None => (0.0, false),
                };
                widen(v, v, v, tol)
            }
            _ => {
                p.within(
                    span,
                    "lookalikes",
                    "a look-alike needs `value`, `range` [low, high] or `date`",
                );
                continue;
            }
        };
        lookalikes.push(Lookalike {
            lo: lo * scale,
            hi: hi * scale,
            when: None,
            note,
        });
    }
    let nouns = compile_group(&f.nouns, span, "`nouns`", p);
    let of = compile_group(&f.of, span, "`of`", p);
    let is = compile_group(&f.is, span, "`is`", p);
    let is_not = compile_group(&f.is_not, span, "`is-not`", p);
    let than = compile_group(&f.than, span, "`than`", p);
    if p.count > before {
        return None;
    }
    Some(Fact {
        kind,
        label: f.label.clone(),
        value: value_num.map(|v| v * scale),
        agree,
        near,
        tolerance_text: f.tolerance.as_ref().map(tolerance_text),
        range: f.range,
        unit,
        per,
        nouns,
        of,
        is,
        is_not,
        than,
        date,
        date_text: f.date.clone(),
        people,
        any_of: f.any_of,
        lookalikes,
        measure: None,
        conflict_requires,
    })
}

// ---------------------------------------------------------------------------------------
// How facts read in messages

/// A number with thousands separators and at most three decimals ("70,601", "0.02").
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "∞".into();
    }
    let neg = v < 0.0;
    let v = v.abs();
    // Thousandths counted in an integer below 10^15 (exact in u64); beyond, whole numbers
    // with every digit ("1e25 deaths" must not print u64's saturated maximum).
    let (digits, thousandths) = if v < 1e15 {
        let millis = (v * 1000.0).round() as u64;
        ((millis / 1000).to_string(), millis % 1000)
    } else {
        (format!("{:.0}", v.round()), 0)
    };
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if thousandths > 0 {
        out.push('.');
        out.push_str(format!("{thousandths:03}").trim_end_matches('0'));
    }
    if neg && out != "0" {
        format!("-{out}")
    } else {
        out
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date or period as people write it: "March 13, 2023", "October 7–10, 2023", "FY2022".
pub fn format_when(w: &When) -> String {
    let (y, m, d) = (w.lo / 10000, (w.lo / 100 % 100) as usize, w.lo % 100);
    let month = |m: usize| MONTHS.get(m.wrapping_sub(1)).copied().unwrap_or("?");
    match w.precision {
        Precision::Day => format!("{} {d}, {y}", month(m)),
        Precision::Month => format!("{} {y}", month(m)),
        Precision::Year => format!("{y}"),
        Precision::Fiscal => format!("FY{}", w.hi / 10000),
        Precision::Since => format!("since {y}"),
        Precision::MonthOnly => month(m).to_string(),
        Precision::MonthDay => format!("{} {d}", month(m)),
        Precision::Relative => "a relative date".to_string(),
        Precision::Span => {
            let (y2, m2, d2) = (w.hi / 10000, (w.hi / 100 % 100) as usize, w.hi % 100);
            if m == 1 && d == 1 && m2 == 12 && d2 == 31 {
                format!("{y}–{y2}")
            } else if y == y2 && m == m2 {
                format!("{} {d}–{d2}, {y}", month(m))
            } else {
                format!("{} {d}, {y} – {} {d2}, {y2}", month(m), month(m2))
            }
        }
    }
}

impl Fact {
    /// What the sources say, for messages: "86.3% (±1 point)", "14,104 lb", "March 13, 2023".
    pub fn expected(&self) -> String {
        match self.kind {
            FactKind::Count
            | FactKind::Rate
            | FactKind::Share
            | FactKind::Mass
            | FactKind::Multiplier => {
                let scale = self.unit.as_ref().map_or(1.0, |(_, kg)| *kg);
                let unit = match self.kind {
                    FactKind::Share => "%".to_string(),
                    FactKind::Mass => {
                        format!(" {}", self.unit.as_ref().map_or("", |(u, _)| u.as_str()))
                    }
                    FactKind::Multiplier => "×".to_string(),
                    FactKind::Rate => format!(" a {}", self.per.map_or("", Per::name)),
                    _ => String::new(),
                };
                let mut s = match self.value {
                    Some(v) => format!("{}{unit}", format_number(v / scale)),
                    None => String::new(),
                };
                if let Some([a, b]) = self.range {
                    let r = format!("{}–{}{unit}", format_number(a), format_number(b));
                    s = if s.is_empty() {
                        r
                    } else {
                        format!("{s} ({r} agree)")
                    };
                } else if let Some(t) = &self.tolerance_text
                    && t != "0"
                    && t != "0%"
                {
                    let t = if self.kind == FactKind::Share && !t.ends_with('%') {
                        let unit = if t == "1" { "point" } else { "points" };
                        format!("{t} {unit}")
                    } else {
                        t.clone()
                    };
                    s = format!("{s} (±{t})");
                }
                s
            }
            FactKind::Date => self.date.as_ref().map_or_else(String::new, format_when),
            FactKind::Person => {
                let names: Vec<&str> = self.people.iter().map(|p| p.name.as_str()).collect();
                if self.any_of {
                    format!("one of {}", names.join(", "))
                } else {
                    names.join(" or ")
                }
            }
            FactKind::Assertion => self
                .is
                .terms
                .first()
                .map_or_else(String::new, |t| t.source().to_string()),
            _ => measure_value::expected(self),
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
        assert_eq!(db.claims[0].facts[0].agree, (8.0, 8.0));
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
        assert_eq!(prefilter_literal("'90s").as_deref(), Some("90s"));
        assert_eq!(prefilter_literal("'''"), None);
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
        let f = |s: &str| format_when(&When::parse(s).unwrap());
        assert_eq!(f("2023-03-13"), "March 13, 2023");
        assert_eq!(f("2023-10"), "October 2023");
        assert_eq!(f("2017..2021"), "2017–2021");
        assert_eq!(f("2023-10-07..2023-10-10"), "October 7–10, 2023");
        assert_eq!(f("FY2022"), "FY2022");
        assert_eq!(f("since 2018"), "since 2018");
    }
}
