//! Database tooling: `db list`, `db test`, `explain CLAIM_ID` and `explain --text`.
//!
//! This module only formats: the work is done by the engine (`check::run_examples`,
//! `check::check`, `check::frame_report`, `check::sentence_figures`, `check::sentences`).
#![allow(clippy::print_stderr)] // the CLI edge is where errors are written

use std::io::{self, Read, Write};
use std::ops::Range;

use serde_json::{Value, json};

use crate::check::{self, Finding, FrameReport};
use crate::db::{Claim, Database, Fact, FactKind, format_number, format_when};
use crate::extract::{Bound, Figure, Kind, Precision, When};
use crate::report;
use crate::terms::TermGroup;

use super::{ToolFormat, load_databases, read_sources};

/// Loads the databases (none: the built-in one), printing positioned errors on failure.
fn load_or_report(paths: &[String]) -> Option<Database> {
    match load_databases(paths) {
        Ok(db) => Some(db),
        Err(msg) => {
            say!("{msg}");
            say!("claimcheck: the database has errors");
            None
        }
    }
}

fn write_json(out: &mut impl Write, v: &Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v).map_err(io::Error::other)?;
    writeln!(out)
}

// ---------------------------------------------------------------------------------------
// db list

/// `claimcheck db list`.
pub fn db_list(dbs: &[String], format: ToolFormat) -> io::Result<u8> {
    let Some(db) = load_or_report(dbs) else {
        return Ok(2);
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        ToolFormat::Human => {
            let width = db.claims.iter().map(|c| c.id.len()).max().unwrap_or(0);
            for c in &db.claims {
                writeln!(out, "{:width$}  {}", c.id, report::collapse(&c.statement))?;
            }
        }
        ToolFormat::Json => {
            let claims: Vec<Value> = db
                .claims
                .iter()
                .map(|c| {
                    json!({
                        "id": c.id,
                        "statement": c.statement,
                        "facts": c.facts.iter().map(|f| f.kind.name()).collect::<Vec<_>>(),
                        "sources": c.sources.len(),
                        "origin": c.origin,
                        "line": c.line,
                    })
                })
                .collect();
            write_json(&mut out, &json!({ "claims": claims }))?;
        }
    }
    out.flush()?;
    Ok(0)
}

// ---------------------------------------------------------------------------------------
// db test

/// `claimcheck db test`: every claim's examples through the checker.
/// `db lint`: every problem with its position; 0 clean, 1 errors, 2 unreadable.
pub fn db_lint(dbs: &[String], format: ToolFormat) -> io::Result<u8> {
    let sources = match read_sources(dbs) {
        Ok(s) => s,
        Err(msg) => {
            say!("claimcheck: {msg}");
            return Ok(2);
        }
    };
    let problems = crate::lint::lint(&sources);
    let errors = problems
        .iter()
        .filter(|p| p.severity == crate::lint::Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        ToolFormat::Human => {
            for p in &problems {
                let severity = match p.severity {
                    crate::lint::Severity::Error => "error",
                    crate::lint::Severity::Warning => "warning",
                };
                writeln!(
                    out,
                    "{}:{}:{}: {severity}[{}]: {}",
                    p.path, p.line, p.column, p.code, p.message
                )?;
            }
            let claims: usize = sources
                .iter()
                .map(|(_, s)| s.lines().filter(|l| l.trim() == "[[claim]]").count())
                .sum();
            writeln!(
                out,
                "{} checked ({claims} claims): {errors} {}, {warnings} {}",
                if sources.len() == 1 {
                    sources[0].0.clone()
                } else {
                    format!("{} files", sources.len())
                },
                if errors == 1 { "error" } else { "errors" },
                if warnings == 1 { "warning" } else { "warnings" },
            )?;
        }
        ToolFormat::Json => write_json(
            &mut out,
            &json!({ "problems": problems, "errors": errors, "warnings": warnings }),
        )?,
    }
    out.flush()?;
    Ok(u8::from(errors > 0))
}

/// `db export --format claimreview`: every claim as a ClaimReview, one JSON-LD array.
pub fn db_export(dbs: &[String], author: &str, url_base: &str) -> io::Result<u8> {
    let Some(db) = load_or_report(dbs) else {
        return Ok(2);
    };
    let publisher = crate::claimreview::Publisher {
        name: author,
        url_base,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    write_json(&mut out, &crate::claimreview::export(&db, &publisher))?;
    out.flush()?;
    Ok(0)
}

/// `db import FILE`: ClaimReview JSON-LD to TOML claim stubs; never overwrites without
/// `force`.
pub fn db_import(file: &str, output: Option<&str>, force: bool) -> io::Result<u8> {
    let text = if file == "-" {
        let mut s = String::new();
        if let Err(e) = io::stdin().lock().read_to_string(&mut s) {
            say!("claimcheck: cannot read standard input: {e}");
            return Ok(2);
        }
        s
    } else {
        match std::fs::read_to_string(file) {
            Ok(s) => s,
            Err(e) => {
                say!("claimcheck: {file}: cannot read: {e}");
                return Ok(2);
            }
        }
    };
    let doc: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            say!(
                "claimcheck: {file}:{}:{}: not JSON-LD: {e}",
                e.line(),
                e.column()
            );
            return Ok(2);
        }
    };
    let (stubs, n) = crate::claimreview::import(&doc);
    if n == 0 {
        say!("claimcheck: {file}: no ClaimReview found (looked in objects, arrays and @graph)");
        return Ok(2);
    }
    match output {
        None => {
            let mut out = io::stdout().lock();
            out.write_all(stubs.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            if !force && std::path::Path::new(path).exists() {
                say!("claimcheck: {path} exists; not overwritten (use --force to replace it)");
                return Ok(2);
            }
            if let Err(e) = std::fs::write(path, stubs) {
                say!("claimcheck: {path}: cannot write: {e}");
                return Ok(2);
            }
            say!("claimcheck: wrote {n} claim stubs to {path}");
        }
    }
    Ok(0)
}

/// `db test`: every example through the checker.
pub fn db_test(dbs: &[String], format: ToolFormat) -> io::Result<u8> {
    let Some(db) = load_or_report(dbs) else {
        return Ok(2);
    };
    let examples: usize = db
        .claims
        .iter()
        .map(|c| c.examples.agrees.len() + c.examples.conflicts.len() + c.examples.silent.len())
        .sum();
    let failures = check::run_examples(&db);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        ToolFormat::Human => {
            for f in &failures {
                writeln!(
                    out,
                    "FAIL [{}] {}",
                    f.claim_id,
                    report::collapse(&f.sentence)
                )?;
                writeln!(out, "  expected: {}", f.expected)?;
                writeln!(out, "  found:    {}", f.found)?;
                if let Some(h) = &f.hint {
                    writeln!(out, "  hint:     {h}")?;
                }
            }
            writeln!(out, "{examples} examples, {} failed", failures.len())?;
        }
        ToolFormat::Json => {
            let list: Vec<Value> = failures
                .iter()
                .map(|f| {
                    json!({
                        "claim_id": f.claim_id,
                        "sentence": f.sentence,
                        "expected": f.expected,
                        "found": f.found,
                    })
                })
                .collect();
            write_json(&mut out, &json!({ "examples": examples, "failures": list }))?;
        }
    }
    out.flush()?;
    Ok(if failures.is_empty() { 0 } else { 1 })
}

// ---------------------------------------------------------------------------------------
// explain CLAIM_ID

fn sources_of(g: &TermGroup) -> Vec<String> {
    g.terms.iter().map(|t| t.source().to_string()).collect()
}

fn quoted(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The unit a fact's figures are written in, and its size in the canonical unit.
fn fact_unit(f: &Fact) -> (String, f64) {
    match f.kind {
        FactKind::Share => ("%".into(), 1.0),
        FactKind::Mass => f
            .unit
            .as_ref()
            .map_or((" kg".into(), 1.0), |(u, kg)| (format!(" {u}"), *kg)),
        FactKind::Multiplier => ("×".into(), 1.0),
        FactKind::Rate => (
            format!(" a {}", f.per.map_or("?", crate::extract::Per::name)),
            1.0,
        ),
        _ => (String::new(), 1.0),
    }
}

fn interval(lo: f64, hi: f64, unit: &str) -> String {
    if lo == hi {
        format!("{}{unit}", format_number(lo))
    } else {
        format!("{}..{}{unit}", format_number(lo), format_number(hi))
    }
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

fn fact_json(f: &Fact) -> Value {
    let (unit, scale) = fact_unit(f);
    let numeric = f.agree.0.is_finite();
    let pair = |(a, b): (f64, f64)| {
        if numeric {
            json!([finite(a / scale), finite(b / scale)])
        } else {
            Value::Null
        }
    };
    json!({
        "kind": f.kind.name(),
        "label": f.label,
        "expected": f.expected(),
        "value": f.value.map(|v| v / scale),
        "unit": unit.trim(),
        "per": f.per.map(crate::extract::Per::name),
        "tolerance": f.tolerance_text,
        "range": f.range,
        "agree": pair(f.agree),
        "near": pair(f.near),
        "nouns": sources_of(&f.nouns),
        "of": sources_of(&f.of),
        "is": sources_of(&f.is),
        "is_not": sources_of(&f.is_not),
        "than": sources_of(&f.than),
        "date": f.date_text,
        "people": f.people.iter().map(|p| json!({"name": p.name, "names": sources_of(&p.names)})).collect::<Vec<_>>(),
        "any_of": f.any_of,
        "lookalikes": f.lookalikes.iter().map(|l| json!({
            "lo": finite(l.lo / scale),
            "hi": finite(l.hi / scale),
            "date": l.when.as_ref().map(format_when),
            "note": l.note,
        })).collect::<Vec<_>>(),
    })
}

fn claim_json(c: &Claim) -> Value {
    json!({
        "id": c.id,
        "statement": c.statement,
        "origin": c.origin,
        "line": c.line,
        "about": c.about.iter().map(sources_of).collect::<Vec<_>>(),
        "anaphora": sources_of(&c.anaphora),
        "conflict_requires": c.conflict_requires.iter().map(sources_of).collect::<Vec<_>>(),
        "excludes": sources_of(&c.excludes),
        "period": c.period_text,
        "period_required": c.period_required,
        "facts": c.facts.iter().map(fact_json).collect::<Vec<_>>(),
        "sources": c.sources.iter().map(|s| json!({
            "role": s.role,
            "title": s.title,
            "publisher": s.publisher,
            "url": s.url,
            "date": s.date,
            "quote": s.quote,
            "note": s.note,
        })).collect::<Vec<_>>(),
        "note": c.note,
        "examples": {
            "agrees": c.examples.agrees,
            "conflicts": c.examples.conflicts,
            "silent": c.examples.silent,
        },
    })
}

fn write_claim(out: &mut impl Write, c: &Claim) -> io::Result<()> {
    writeln!(out, "{}  ({}:{})", c.id, c.origin, c.line)?;
    writeln!(out, "  {}", report::collapse(&c.statement))?;
    writeln!(out)?;
    writeln!(out, "about (a sentence needs a term of every group):")?;
    for (k, g) in c.about.iter().enumerate() {
        writeln!(out, "  {}. {}", k + 1, quoted(&sources_of(g)))?;
    }
    let list = |g: &TermGroup| {
        let s = sources_of(g);
        if s.is_empty() {
            "(none)".to_string()
        } else {
            quoted(&s)
        }
    };
    writeln!(out, "excludes: {}", list(&c.excludes))?;
    writeln!(out, "anaphora: {}", list(&c.anaphora))?;
    if !c.conflict_requires.is_empty() {
        writeln!(out, "conflict-requires (for a conflict):")?;
        for (k, g) in c.conflict_requires.iter().enumerate() {
            writeln!(out, "  {}. {}", k + 1, quoted(&sources_of(g)))?;
        }
    }
    if c.period.is_empty() {
        writeln!(out, "period: (any)")?;
    } else {
        let periods: Vec<String> = c.period.iter().map(format_when).collect();
        let req = if c.period_required {
            "a figure must state it"
        } else {
            "a figure with no period counts too"
        };
        writeln!(out, "period: {} ({req})", periods.join(", "))?;
    }
    writeln!(out)?;
    writeln!(out, "facts:")?;
    for (k, f) in c.facts.iter().enumerate() {
        let label = f
            .label
            .as_deref()
            .map_or_else(String::new, |l| format!(": {l}"));
        writeln!(out, "  {}. {}{label}", k + 1, f.kind.name())?;
        writeln!(out, "     agrees: {}", f.expected())?;
        let (unit, scale) = fact_unit(f);
        if f.agree.0.is_finite() {
            if let Some(t) = &f.tolerance_text {
                writeln!(out, "     tolerance: {t}")?;
            }
            if let Some([a, b]) = f.range {
                writeln!(out, "     range: {}", interval(a, b, &unit))?;
            }
            writeln!(
                out,
                "     agreeing values: {}",
                interval(f.agree.0 / scale, f.agree.1 / scale, &unit)
            )?;
            writeln!(
                out,
                "     near miss (silent): {}",
                interval(f.near.0 / scale, f.near.1 / scale, &unit)
            )?;
        }
        for (name, g) in [
            ("nouns", &f.nouns),
            ("of", &f.of),
            ("is", &f.is),
            ("is-not", &f.is_not),
            ("than", &f.than),
        ] {
            if !g.terms.is_empty() {
                writeln!(out, "     {name}: {}", quoted(&sources_of(g)))?;
            }
        }
        for p in &f.people {
            writeln!(out, "     person: {}", quoted(&sources_of(&p.names)))?;
        }
        if f.kind == FactKind::Person && f.any_of {
            writeln!(out, "     any-of: every person named must be one of these")?;
        }
        for l in &f.lookalikes {
            let what = match &l.when {
                Some(w) => format_when(w),
                None => interval(l.lo / scale, l.hi / scale, &unit),
            };
            let note = if l.note.is_empty() {
                String::new()
            } else {
                format!(": {}", l.note)
            };
            writeln!(out, "     look-alike {what}{note}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "sources:")?;
    for (k, s) in c.sources.iter().enumerate() {
        let role = s
            .role
            .as_deref()
            .map_or_else(String::new, |r| format!("[{r}] "));
        writeln!(
            out,
            "  {}. {role}{}, {}, {}",
            k + 1,
            report::collapse(&s.title),
            s.publisher,
            s.date
        )?;
        writeln!(out, "     {}", s.url)?;
        writeln!(out, "     \"{}\"", report::collapse(&s.quote))?;
        if let Some(n) = &s.note {
            writeln!(out, "     note: {}", report::collapse(n))?;
        }
    }
    if let Some(n) = &c.note {
        writeln!(out)?;
        writeln!(out, "note: {}", report::collapse(n))?;
    }
    let ex = &c.examples;
    if !(ex.agrees.is_empty() && ex.conflicts.is_empty() && ex.silent.is_empty()) {
        writeln!(out)?;
        writeln!(out, "examples:")?;
        for (name, list) in [
            ("agrees", &ex.agrees),
            ("conflicts", &ex.conflicts),
            ("silent", &ex.silent),
        ] {
            for s in list {
                writeln!(out, "  {name:9} {}", report::collapse(s))?;
            }
        }
    }
    Ok(())
}

/// `claimcheck explain CLAIM_ID`.
pub fn explain_claim(dbs: &[String], format: ToolFormat, id: &str) -> io::Result<u8> {
    let Some(db) = load_or_report(dbs) else {
        return Ok(2);
    };
    let Some(claim) = db.claims.iter().find(|c| c.id == id) else {
        if dbs.is_empty() {
            say!(
                "claimcheck: no claim with id \"{id}\"; see claimcheck db list (the built-in database: for a claim of another database, pass it with --db PATH)"
            );
        } else {
            say!("claimcheck: no claim with id \"{id}\"; see claimcheck db list");
        }
        return Ok(2);
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        ToolFormat::Human => write_claim(&mut out, claim)?,
        ToolFormat::Json => write_json(&mut out, &claim_json(claim))?,
    }
    out.flush()?;
    Ok(0)
}

// ---------------------------------------------------------------------------------------
// explain --text

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Count => "count",
        Kind::Share => "share",
        Kind::Mass => "mass",
        Kind::Multiplier => "multiplier",
        Kind::Money => "money",
        Kind::When => "date",
        Kind::Change => "change",
        Kind::Measure => "measure",
    }
}

fn kind_unit(k: Kind) -> &'static str {
    match k {
        Kind::Share => "%",
        Kind::Mass => " kg",
        Kind::Multiplier => "×",
        Kind::Money => " $",
        _ => "",
    }
}

fn bound_name(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "exact",
        Bound::Approx => "approx",
        Bound::Below => "below",
        Bound::AtLeast => "at-least",
        Bound::AtMost => "at-most",
        Bound::Range => "range",
        Bound::Quantifier => "quantifier",
    }
}

fn when_text(w: &When) -> String {
    if w.precision == Precision::Relative {
        "a relative date (never compared)".into()
    } else {
        format_when(w)
    }
}

/// One sentence and what the checker makes of it.
struct SentenceView<'a> {
    index: usize,
    paragraph: usize,
    range: Range<usize>,
    figures: Vec<(Figure, Vec<When>)>,
    frames: Vec<(&'a Claim, FrameReport)>,
    findings: Vec<&'a Finding>,
}

fn figure_json(text: &str, f: &Figure, periods: &[When]) -> Value {
    let numeric = f.kind() != Kind::When;
    json!({
        "text": &text[f.span.clone()],
        "kind": kind_name(f.kind()),
        "measure": f.measure().map(|m| m.to_string()),
        "lo": if numeric { finite(f.lo()) } else { None },
        "hi": if numeric { finite(f.hi()) } else { None },
        "unit": kind_unit(f.kind()).trim(),
        "bound": bound_name(f.bound),
        "per": f.per.map(crate::extract::Per::name),
        "when": f.when().as_ref().map(when_text),
        "periods": periods.iter().map(when_text).collect::<Vec<_>>(),
        "byte_start": f.span.start,
        "byte_end": f.span.end,
    })
}

fn frame_json(c: &Claim, r: &FrameReport) -> Value {
    json!({
        "claim_id": c.id,
        "matched": r.matched,
        "carried": r.carried,
        "anaphor": r.anaphor,
        "excluded_by": r.excluded_by.as_ref().map(|(t, prev)| json!({"term": t, "in_previous": prev})),
        "groups": r.groups.iter().map(|g| json!({
            "terms": g.terms,
            "matched": g.term,
            "carried": g.carried,
        })).collect::<Vec<_>>(),
    })
}

fn finding_json(db: &Database, text: &str, f: &Finding) -> Value {
    let claim = &db.claims[f.claim];
    let fact = &claim.facts[f.fact];
    json!({
        "claim_id": claim.id,
        "verdict": f.verdict.as_str(),
        "stated": f.stated,
        "expected": fact.expected(),
        "message": report::message(f, fact),
        "with_previous": f.with_previous,
        "byte_start": f.span.start,
        "byte_end": f.span.end,
        "sentence": &text[f.sentence.clone()],
    })
}

/// `claimcheck explain --text SENTENCE` (`-`: standard input).
pub fn explain_text(dbs: &[String], format: ToolFormat, arg: &str) -> io::Result<u8> {
    let Some(db) = load_or_report(dbs) else {
        return Ok(2);
    };
    let text = if arg == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        crate::input::decode(buf).text
    } else {
        arg.to_string()
    };
    let findings = check::check(&db, &text);
    let spans = check::sentences(&db, &text);
    let mut views = Vec::new();
    for (k, (paragraph, range)) in spans.iter().enumerate() {
        let prev = k
            .checked_sub(1)
            .map(|p| &spans[p])
            .filter(|(pp, _)| pp == paragraph)
            .map(|(_, r)| r.clone());
        let frames = db
            .claims
            .iter()
            .map(|c| {
                (
                    c,
                    check::frame_report(&db, c, &text, range.clone(), prev.clone()),
                )
            })
            .filter(|(_, r)| r.all_groups)
            .collect();
        views.push(SentenceView {
            index: k + 1,
            paragraph: paragraph + 1,
            range: range.clone(),
            figures: check::sentence_figures(&db, &text, range.clone()),
            frames,
            findings: findings
                .iter()
                .filter(|f| f.sentence.start >= range.start && f.sentence.end <= range.end)
                .collect(),
        });
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        ToolFormat::Json => {
            let sentences: Vec<Value> = views
                .iter()
                .map(|v| {
                    json!({
                        "index": v.index,
                        "paragraph": v.paragraph,
                        "text": &text[v.range.clone()],
                        "byte_start": v.range.start,
                        "byte_end": v.range.end,
                        "figures": v.figures.iter().map(|(f, p)| figure_json(&text, f, p)).collect::<Vec<_>>(),
                        "frames": v.frames.iter().map(|(c, r)| frame_json(c, r)).collect::<Vec<_>>(),
                        "findings": v.findings.iter().map(|f| finding_json(&db, &text, f)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            write_json(&mut out, &json!({ "sentences": sentences }))?;
        }
        ToolFormat::Human => {
            for (k, v) in views.iter().enumerate() {
                if k > 0 {
                    writeln!(out)?;
                }
                write_sentence(&mut out, &db, &text, v)?;
            }
            if views.is_empty() {
                writeln!(out, "no sentences")?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

fn write_sentence(
    out: &mut impl Write,
    db: &Database,
    text: &str,
    v: &SentenceView<'_>,
) -> io::Result<()> {
    writeln!(
        out,
        "sentence {} (paragraph {}, bytes {}..{}): {}",
        v.index,
        v.paragraph,
        v.range.start,
        v.range.end,
        report::collapse(&text[v.range.clone()])
    )?;
    if v.figures.is_empty() {
        writeln!(out, "  figures: none")?;
    } else {
        writeln!(out, "  figures:")?;
    }
    for (f, periods) in &v.figures {
        let mut parts = vec![kind_name(f.kind()).to_string()];
        if let Some(m) = f.measure() {
            parts = vec![m.to_string(), bound_name(f.bound).to_string()];
        } else if f.kind() != Kind::When {
            parts.push(interval(f.lo(), f.hi(), kind_unit(f.kind())));
            parts.push(bound_name(f.bound).to_string());
        }
        if let Some(p) = f.per {
            parts.push(format!("per {}", p.name()));
        }
        if let Some(w) = &f.when() {
            parts.push(when_text(w));
        } else if !periods.is_empty() {
            let p: Vec<String> = periods.iter().map(when_text).collect();
            parts.push(format!("for {}", p.join(", ")));
        }
        parts.push(format!("bytes {}..{}", f.span.start, f.span.end));
        writeln!(
            out,
            "    \"{}\"  {}",
            report::collapse(&text[f.span.clone()]),
            parts.join(", ")
        )?;
    }
    if v.frames.is_empty() {
        writeln!(out, "  claims: none matched")?;
    } else {
        writeln!(out, "  claims:")?;
    }
    for (c, r) in &v.frames {
        let state = if r.matched {
            "matched".to_string()
        } else if let Some((t, prev)) = &r.excluded_by {
            let whence = if *prev {
                " in the previous sentence"
            } else {
                ""
            };
            format!("not matched: excluded by \"{t}\"{whence}")
        } else {
            "not matched: the subject is carried from the previous sentence with no anaphor"
                .to_string()
        };
        writeln!(out, "    {} ({state})", c.id)?;
        for (k, g) in r.groups.iter().enumerate() {
            let how = match (&g.term, g.carried) {
                (Some(t), false) => format!("\"{t}\""),
                (Some(t), true) => format!("\"{t}\" (carried from the previous sentence)"),
                (None, _) => "missing".to_string(),
            };
            writeln!(out, "      group {}: {how}", k + 1)?;
        }
        if let Some(a) = &r.anaphor {
            writeln!(out, "      anaphor: \"{a}\"")?;
        }
    }
    if v.findings.is_empty() {
        writeln!(out, "  findings: none")?;
    } else {
        writeln!(out, "  findings:")?;
    }
    for f in &v.findings {
        let claim = &db.claims[f.claim];
        let fact = &claim.facts[f.fact];
        writeln!(
            out,
            "    {} [{}] {}",
            f.verdict.as_str(),
            claim.id,
            report::message(f, fact)
        )?;
    }
    Ok(())
}
