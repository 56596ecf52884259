//! `explain CLAIM_ID`: a claim as the checker reads it.
#![allow(clippy::print_stderr)] // the CLI edge is where errors are written

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::db::{Claim, Fact, LookalikeValue, format_number, format_when};
use crate::report;
use crate::terms::TermGroup;

use super::{load_or_report, write_json};
use crate::cli::ToolFormat;

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
    (f.unit_label(), f.scale())
}

pub(super) fn interval(lo: f64, hi: f64, unit: &str) -> String {
    if lo == hi {
        format!("{}{unit}", format_number(lo))
    } else {
        format!("{}..{}{unit}", format_number(lo), format_number(hi))
    }
}

pub(super) fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

fn fact_json(f: &Fact) -> Value {
    let (unit, scale) = fact_unit(f);
    let band = f.band();
    let pair = |(a, b): (f64, f64)| json!([finite(a / scale), finite(b / scale)]);
    let (people, any_of) = f.people();
    json!({
        "kind": f.kind().name(),
        "label": f.label,
        "expected": f.expected(),
        "value": band.and_then(|b| b.value).map(|v| v / scale),
        "unit": unit.trim(),
        "per": f.per().map(crate::extract::Per::name),
        "tolerance": band.and_then(|b| b.tolerance_text.clone()),
        "range": band.and_then(|b| b.range),
        "agree": band.map_or(Value::Null, |b| pair(b.agree)),
        "near": band.map_or(Value::Null, |b| pair(b.near)),
        "nouns": sources_of(f.group("nouns")),
        "of": sources_of(f.group("of")),
        "is": sources_of(f.group("is")),
        "is_not": sources_of(f.group("is-not")),
        "than": sources_of(f.group("than")),
        "date": f.date_text(),
        "people": people.iter().map(|p| json!({"name": p.name, "names": sources_of(&p.names)})).collect::<Vec<_>>(),
        "any_of": any_of,
        "lookalikes": f.lookalikes.iter().map(|l| {
            let (lo, hi, date) = match &l.value {
                LookalikeValue::Values { lo, hi, .. } => (finite(lo / scale), finite(hi / scale), None),
                LookalikeValue::Date(w) => (None, None, Some(format_when(w))),
            };
            json!({"lo": lo, "hi": hi, "date": date, "note": l.note})
        }).collect::<Vec<_>>(),
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
        "draft": c.draft,
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

pub(crate) fn write_claim(out: &mut impl Write, c: &Claim) -> io::Result<()> {
    writeln!(out, "{}  ({}:{})", c.id, c.origin, c.line)?;
    writeln!(out, "  {}", report::collapse(&c.statement))?;
    if c.draft {
        writeln!(
            out,
            "  draft: `check` skips it until its figures are checked against the source and `draft = true` is deleted"
        )?;
    }
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
        writeln!(out, "  {}. {}{label}", k + 1, f.kind().name())?;
        writeln!(out, "     agrees: {}", f.expected())?;
        let (unit, scale) = fact_unit(f);
        if let Some(band) = f.band() {
            if let Some(t) = &band.tolerance_text {
                writeln!(out, "     tolerance: {t}")?;
            }
            if let Some([a, b]) = band.range {
                writeln!(out, "     range: {}", interval(a, b, &unit))?;
            }
            writeln!(
                out,
                "     agreeing values: {}",
                interval(band.agree.0 / scale, band.agree.1 / scale, &unit)
            )?;
            writeln!(
                out,
                "     near miss (silent): {}",
                interval(band.near.0 / scale, band.near.1 / scale, &unit)
            )?;
        }
        for name in ["nouns", "of", "is", "is-not", "than"] {
            let g = f.group(name);
            if !g.terms.is_empty() {
                writeln!(out, "     {name}: {}", quoted(&sources_of(g)))?;
            }
        }
        let (people, any_of) = f.people();
        for p in people {
            writeln!(out, "     person: {}", quoted(&sources_of(&p.names)))?;
        }
        if any_of {
            writeln!(out, "     any-of: every person named must be one of these")?;
        }
        for l in &f.lookalikes {
            let what = match &l.value {
                LookalikeValue::Date(w) => format_when(w),
                LookalikeValue::Values { lo, hi, .. } => interval(lo / scale, hi / scale, &unit),
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
