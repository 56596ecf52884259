//! `explain --text`: what the checker makes of each sentence of a text, and why.
#![allow(clippy::print_stderr)] // the CLI edge is where errors are written

use crate::extract::Measure;
use crate::lexicon::Lexicon;
use std::io::{self, Write};
use std::ops::Range;

use serde_json::{Value, json};

use super::claim::{finite, interval};
use super::why::{self, Seen};
use super::{load_or_report, write_json};
use crate::check::{self, Finding, FrameReport, PersonRead, Trace};
use crate::cli::ToolFormat;
use crate::db::{Claim, Database, format_when};
use crate::extract::{Bound, Figure, Kind, Precision, When};
use crate::report;

/// Largest text `explain --text -` reads: it explains sentences, not archives.
const MAX_EXPLAIN_BYTES: usize = 16 << 20;

pub(super) fn kind_name(k: Kind) -> &'static str {
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

/// One claim's frame on a sentence and, when it matched, the judge's findings and account.
struct FrameView<'a> {
    claim: &'a Claim,
    report: FrameReport,
    judged: Option<(Vec<Finding>, Trace)>,
}

/// One sentence and what the checker makes of it.
struct SentenceView<'a> {
    index: usize,
    paragraph: usize,
    range: Range<usize>,
    figures: Vec<(Figure, Vec<When>)>,
    people: Vec<PersonRead>,
    frames: Vec<FrameView<'a>>,
    findings: Vec<&'a Finding>,
}

impl SentenceView<'_> {
    fn seen<'s>(&'s self, text: &'s str) -> Seen<'s> {
        Seen {
            text,
            figures: &self.figures,
            people: &self.people,
        }
    }
}

/// Whether `explain --text` lists a claim's frame: every frame that has all its `about`
/// groups (matched or not); with `all`, every claim with some group in the sentence; without,
/// also those only one group short that have at least two (the frames a curator most likely
/// meant to match: a subject word alone is in too many sentences to list every claim of it).
fn listed(r: &FrameReport, all: bool) -> bool {
    let found = r.groups.iter().filter(|g| g.term.is_some()).count();
    r.all_groups || (found > 0 && all) || (found >= 2 && found + 1 == r.groups.len())
}

fn figure_json(lex: &Lexicon, text: &str, f: &Figure, periods: &[When]) -> Value {
    // A figure of the measures (money, change, tally…) states its values in `measure`; its
    // `lo`/`hi` would read as zero.
    let numeric = f.kind() != Kind::When && f.measure().is_none();
    json!({
        "text": &text[f.span.clone()],
        "kind": kind_name(f.kind()),
        "measure": f.measure().map(|m| measure_text(lex, m)),
        "lo": if numeric { finite(f.lo()) } else { None },
        "hi": if numeric { finite(f.hi()) } else { None },
        "unit": if numeric { Some(kind_unit(f.kind()).trim()) } else { None },
        "bound": bound_name(f.bound),
        "per": f.per.map(crate::extract::Per::name),
        "when": f.when().as_ref().map(when_text),
        "periods": periods.iter().map(when_text).collect::<Vec<_>>(),
        "byte_start": f.span.start,
        "byte_end": f.span.end,
    })
}

fn frame_json(v: &FrameView, seen: &Seen) -> Value {
    let (c, r) = (v.claim, &v.report);
    let why_not = why::frame_why(c, r);
    let (result, lines) = match &v.judged {
        Some((found, trace)) => (
            Some(why::result(found)),
            why::lines_json(c, &why::lines(c, found, trace, seen)),
        ),
        None => (None, Vec::new()),
    };
    json!({
        "claim_id": c.id,
        "matched": r.matched,
        "result": result,
        "why_not": why_not.map(|(code, message)| json!({"code": code, "message": message})),
        "facts": lines.iter().filter(|l| !l["fact"].is_null()).collect::<Vec<_>>(),
        "notes": lines.iter().filter(|l| l["fact"].is_null()).map(|l| json!({"code": l["code"], "message": l["message"]})).collect::<Vec<_>>(),
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
        "draft": claim.draft,
        "with_previous": f.with_previous,
        "byte_start": f.span.start,
        "byte_end": f.span.end,
        "sentence": &text[f.sentence.clone()],
    })
}

/// `claimcheck explain --text SENTENCE` (`-`: standard input).
pub fn explain_text(dbs: &[String], format: ToolFormat, arg: &str, all: bool) -> io::Result<u8> {
    let Some(db) = load_or_report(dbs) else {
        return Ok(2);
    };
    let text = if arg == "-" {
        match crate::input::read_limited(std::path::Path::new("-"), MAX_EXPLAIN_BYTES) {
            Ok(buf) => crate::input::decode(buf).text,
            Err(e) => {
                say!("claimcheck: standard input: cannot read: {e}");
                return Ok(2);
            }
        }
    } else {
        arg.to_string()
    };
    // Draft claims' findings are shown (marked) so a curator can try a scaffold here.
    let findings = check::check_with_drafts(&db, &text);
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
            .enumerate()
            .filter_map(|(ci, c)| {
                let report = check::frame_report(&db, c, &text, range.clone(), prev.clone());
                if !listed(&report, all) {
                    return None;
                }
                let judged = report
                    .matched
                    .then(|| check::judge_sentence(&db, ci, &text, range.clone(), prev.clone()));
                Some(FrameView {
                    claim: c,
                    report,
                    judged,
                })
            })
            .collect();
        views.push(SentenceView {
            index: k + 1,
            paragraph: paragraph + 1,
            range: range.clone(),
            figures: check::sentence_figures(&db, &text, range.clone()),
            people: check::sentence_people(&db, &text, range.clone()),
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
                    let seen = v.seen(&text);
                    json!({
                        "index": v.index,
                        "paragraph": v.paragraph,
                        "text": &text[v.range.clone()],
                        "byte_start": v.range.start,
                        "byte_end": v.range.end,
                        "figures": v.figures.iter().map(|(f, p)| figure_json(&db.lexicon, &text, f, p)).collect::<Vec<_>>(),
                        "people": v.people.iter().map(|p| why::person_json(&seen, p)).collect::<Vec<_>>(),
                        "frames": v.frames.iter().map(|f| frame_json(f, &seen)).collect::<Vec<_>>(),
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

/// A measure as `explain` shows it, with a database's own denominator ("per vial"), which
/// the measure's own `Display` (English words only) cannot name.
fn measure_text(lex: &Lexicon, m: Measure) -> String {
    let shown = m.to_string();
    match m {
        Measure::Money { per: Some(p), .. } if !shown.contains(" per ") => match lex.per_word(p) {
            Some(word) => format!("{shown} per {word}"),
            None => shown,
        },
        _ => shown,
    }
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
            parts = vec![
                measure_text(&db.lexicon, m),
                bound_name(f.bound).to_string(),
            ];
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
    let seen = v.seen(text);
    if !v.people.is_empty() {
        writeln!(out, "  people:")?;
        for p in &v.people {
            writeln!(out, "    {}", why::person_line(&seen, p))?;
        }
    }
    if v.frames.is_empty() {
        writeln!(out, "  claims: none matched")?;
    } else {
        writeln!(out, "  claims:")?;
    }
    for fv in &v.frames {
        let (c, r) = (fv.claim, &fv.report);
        let state = match (why::frame_why(c, r), &fv.judged) {
            (None, Some((found, _))) => format!("matched): {}", why::result(found)),
            (None, None) => "matched)".to_string(),
            (Some((_, message)), _) => format!("not matched: {message})"),
        };
        writeln!(out, "    {} ({state}", c.id)?;
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
        if let Some((found, trace)) = &fv.judged {
            for l in why::lines(c, found, trace, &seen) {
                let head = match l.fact.and_then(|k| c.facts.get(k).map(|f| (k, f))) {
                    Some((k, f)) => why::fact_name(f, k),
                    None => "claim".to_string(),
                };
                let code = l.code.map_or_else(String::new, |code| format!(" [{code}]"));
                writeln!(out, "      {head}: {}{code}: {}", l.shown(), l.message)?;
            }
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
        let draft = if claim.draft {
            " (draft: `check` does not report it)"
        } else {
            ""
        };
        writeln!(
            out,
            "    {} [{}]{draft} {}",
            f.verdict.as_str(),
            claim.id,
            report::message(f, fact)
        )?;
    }
    Ok(())
}
