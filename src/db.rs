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
use crate::terms::{Term, TermGroup};

/// The database compiled into the binary (`claims.toml` at the crate root).
pub const EMBEDDED: &str = include_str!("../claims.toml");
/// How the embedded database is named in messages.
pub const EMBEDDED_NAME: &str = "<built-in claims.toml>";

/// Limits that keep a careless or hostile database from exhausting the machine.
pub const MAX_CLAIMS: usize = 100_000;
/// Most terms one claim may list (all groups together).
pub const MAX_TERMS_PER_CLAIM: usize = 2_000;
/// Largest database file accepted.
pub const MAX_DB_BYTES: usize = 64 << 20;

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
    /// The checkable facts.
    #[serde(default)]
    fact: Vec<RawFact>,
    /// The sources.
    #[serde(default)]
    source: Vec<RawSource>,
    /// Example sentences, run as tests.
    examples: Option<RawExamples>,
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
    /// What is stated: count, rate, share, mass, multiplier, date, person or assertion.
    #[schemars(regex(pattern = r"^(count|rate|share|mass|multiplier|date|person|assertion)$"))]
    kind: String,
    /// What the figure measures, as shown in messages ("U.S. citizens among ...").
    label: Option<String>,
    /// The sourced value (a share in percent, a mass in `unit`).
    value: Option<f64>,
    /// The unit of a mass (kg, lb, g, mg, t) or rate.
    unit: Option<String>,
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
    /// The look-alike figure.
    value: Option<f64>,
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

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Collects positioned problems for one source file.
struct Problems<'a> {
    path: &'a str,
    src: &'a str,
    list: Vec<DbError>,
}

impl Problems<'_> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, column) = line_col(self.src, offset);
        self.list.push(DbError {
            path: self.path.to_string(),
            line,
            column,
            message: message.into(),
        });
    }

    /// Points at `needle` inside the claim's span (the first occurrence as a TOML string, or
    /// a key), or at the claim itself.
    fn within(&mut self, span: &Range<usize>, needle: &str, message: impl Into<String>) {
        let end = span.end.min(self.src.len());
        let start = span.start.min(end);
        let hay = self.src.get(start..end).unwrap_or("");
        let quoted = format!("\"{needle}\"");
        let at = hay
            .find(&quoted)
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
        for (path, src) in sources {
            let mut p = Problems {
                path,
                src,
                list: Vec::new(),
            };
            if src.len() > MAX_DB_BYTES {
                p.at(
                    0,
                    format!("the database is larger than {} MiB", MAX_DB_BYTES >> 20),
                );
                errors.extend(p.list);
                continue;
            }
            let mut raw: RawDb = match toml::from_str(src) {
                Ok(raw) => raw,
                Err(e) => {
                    let at = e.span().map_or(0, |s| s.start);
                    let msg = e.message().trim().to_string();
                    p.at(at, format!("{msg} (fix the TOML at this position)"));
                    errors.extend(p.list);
                    continue;
                }
            };
            if raw.claim.len() > MAX_CLAIMS {
                p.at(0, format!("more than {MAX_CLAIMS} claims"));
            }
            // A claim's span covers only its `[[claim]]` header: its region runs to the next.
            let starts: Vec<usize> = raw.claim.iter().map(|c| c.span().start).collect();
            let claims_in_file = std::mem::take(&mut raw.claim);
            // Lines are counted on from the previous claim: counting from the top for every
            // claim would make loading 10,000 claims quadratic.
            let (mut counted_to, mut line) = (0, 1);
            for (k, spanned) in claims_in_file.into_iter().take(MAX_CLAIMS).enumerate() {
                let span = spanned.span().start..starts.get(k + 1).copied().unwrap_or(src.len());
                let rc = spanned.into_inner();
                if let Some(between) = src.get(counted_to..span.start) {
                    line += between.bytes().filter(|&b| b == b'\n').count();
                    counted_to = span.start;
                }
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
                if let Some(c) = compile_claim(rc, &span, path, line, &mut p) {
                    claims.push(c);
                }
            }
            errors.extend(p.list);
        }
        let (prefilter, pattern_groups, plain_groups) = build_prefilter(&claims);
        let db = Database {
            claims,
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
            if group.terms.is_empty() || !group.terms.iter().all(|t| t.literal().is_some()) {
                continue;
            }
            plain[ci] += 1;
            for t in &group.terms {
                let Some(lit) = t.literal() else { continue };
                let lit = prefilter_literal(lit);
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

/// The part of a term's first word that raw text is sure to contain: up to an apostrophe
/// (curly or straight in the text).
fn prefilter_literal(word: &str) -> String {
    word.split('\'').next().unwrap_or(word).to_string()
}

/// Replaces `"@name"` entries of every term list with the terms of the named set.
fn expand_sets(
    mut rc: RawClaim,
    sets: &std::collections::BTreeMap<String, Vec<String>>,
    span: &Range<usize>,
    p: &mut Problems,
) -> RawClaim {
    let mut expand = |list: &mut Vec<String>| {
        if !list.iter().any(|t| t.starts_with('@')) {
            return;
        }
        let mut out = Vec::with_capacity(list.len());
        for t in list.drain(..) {
            match t.strip_prefix('@') {
                Some(name) => match sets.get(name) {
                    Some(terms) => out.extend(terms.iter().cloned()),
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
    let before = p.list.len();
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
    let term_count: usize = rc.about.iter().map(Vec::len).sum::<usize>()
        + rc.excludes.len()
        + rc.anaphora.len()
        + rc.conflict_requires.iter().map(Vec::len).sum::<usize>();
    if term_count > MAX_TERMS_PER_CLAIM {
        p.within(
            span,
            "about",
            format!(
                "claim `{}` lists {term_count} terms; at most {MAX_TERMS_PER_CLAIM} are allowed",
                rc.id
            ),
        );
        return None;
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
    if p.list.len() > before {
        return None;
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
    let before = p.list.len();
    let Some(kind) = FactKind::parse(&f.kind) else {
        p.within(
            span,
            &f.kind,
            format!(
                "unknown fact kind \"{}\"; use count, rate, share, mass, multiplier, date, person or assertion",
                f.kind
            ),
        );
        return None;
    };
    let k = kind.name();
    // Keys that make sense only for some kinds.
    let misplaced: [(&str, bool, bool); 12] = [
        ("value", f.value.is_some(), kind.is_numeric()),
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
        if f.value.is_none() && f.range.is_none() {
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
        let value = f
            .value
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
        let (lo, hi) = match (l.value, l.range) {
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
    if p.list.len() > before {
        return None;
    }
    Some(Fact {
        kind,
        label: f.label.clone(),
        value: f.value.map(|v| v * scale),
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
    let rounded = (v * 1000.0).round() / 1000.0;
    let int = rounded.trunc() as u64;
    let frac = rounded - int as f64;
    let digits = int.to_string();
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if frac > 1e-9 {
        let f = format!("{frac:.3}");
        out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
    }
    if neg { format!("-{out}") } else { out }
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
        let e = load(&MINIMAL.replace("\"count\"", "\"tally\"")).unwrap_err();
        assert!(e.0[0].message.contains("unknown fact kind"), "{e}");
    }

    #[test]
    fn numbers_format_for_people() {
        assert_eq!(format_number(70601.0), "70,601");
        assert_eq!(format_number(0.02), "0.02");
        assert_eq!(format_number(86.3), "86.3");
        assert_eq!(format_number(1234567.5), "1,234,567.5");
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
