//! Compiling one `[[claim.fact]]`: the keys each kind takes, its band of agreeing values, its
//! look-alikes, and one small function per kind that builds its [`FactSpec`].

use std::ops::Range;

use super::compile::compile_group;
use super::error::{DbErrorCode, Problems};
use super::measure_value::RawValue;
use super::model::{
    Band, Fact, FactKind, FactSpec, Lookalike, LookalikeValue, MassUnit, Person, Tolerance,
};
use super::schema::{RawFact, RawTolerance};
use crate::extract::{OPEN_END, Per, When, unit_to_kg};
use crate::terms::TermGroup;

/// A range's near-miss margin, when the database sets none: a twentieth of its width.
const RANGE_MARGIN_SHARE: f64 = 1.0 / 20.0;

/// The term lists of a fact, compiled (every list, so that every bad term is reported).
struct Groups {
    nouns: TermGroup,
    of: TermGroup,
    is: TermGroup,
    is_not: TermGroup,
    than: TermGroup,
}

/// Compiles a fact; `None` after reporting its problems.
pub(super) fn compile_fact(
    f: &RawFact,
    span: &Range<usize>,
    p: &mut Problems,
    lex: &crate::lexicon::Lexicon,
) -> Option<Fact> {
    let before = p.count;
    let Some(kind) = FactKind::parse(&f.kind) else {
        p.within(
            span,
            &f.kind,
            DbErrorCode::Invalid,
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
        return super::measure::compile(f, kind, span, p, conflict_requires, lex);
    }
    check_measure_keys(f, kind, span, p);
    check_keys(f, kind, span, p);
    let unit = (kind == FactKind::Mass)
        .then(|| mass_unit(f, span, p))
        .flatten();
    let per = (kind == FactKind::Rate)
        .then(|| rate_per(f, span, p))
        .flatten();
    let scale = unit.as_ref().map_or(1.0, |u| u.kg);
    let band = kind.is_numeric().then(|| band(f, kind, scale, span, p));
    let date = (kind == FactKind::Date).then(|| date(f, span, p)).flatten();
    let people = if kind == FactKind::Person {
        people(f, span, p)
    } else {
        Vec::new()
    };
    if kind == FactKind::Assertion && f.is.is_empty() && f.is_not.is_empty() {
        p.within(
            span,
            "kind",
            DbErrorCode::Invalid,
            "an assertion fact needs `is` or `is-not` terms",
        );
    }
    let lookalikes = lookalikes(f, scale, span, p);
    let g = Groups {
        nouns: compile_group(&f.nouns, span, "`nouns`", p),
        of: compile_group(&f.of, span, "`of`", p),
        is: compile_group(&f.is, span, "`is`", p),
        is_not: compile_group(&f.is_not, span, "`is-not`", p),
        than: compile_group(&f.than, span, "`than`", p),
    };
    let roles = compile_group(&f.roles, span, "`roles`", p);
    if p.count > before {
        return None;
    }
    let spec = match kind {
        FactKind::Count => count(band?, g),
        FactKind::Rate => rate(band?, per?, g),
        FactKind::Share => share(band?, g),
        FactKind::Mass => mass(band?, unit?, g),
        FactKind::Multiplier => multiplier(band?, g),
        FactKind::Date => FactSpec::Date {
            date: date?,
            text: f.date.clone().unwrap_or_default(),
            roles,
        },
        FactKind::Person => FactSpec::Person {
            people,
            any_of: f.any_of,
            roles,
        },
        FactKind::Assertion => assertion(g),
        // Compiled by `super::measure` above.
        _ => return None,
    };
    Some(Fact {
        label: f.label.clone(),
        spec,
        lookalikes,
        conflict_requires,
    })
}

/// The keys of issue 16's kinds, and text values, on a fact of an older kind.
fn check_measure_keys(f: &RawFact, kind: FactKind, span: &Range<usize>, p: &mut Problems) {
    let k = kind.name();
    if let Some(RawValue::Text(t)) = &f.value {
        p.within(
            span,
            t,
            DbErrorCode::Invalid,
            format!("a {k} fact's `value` is a number; \"{t}\" is text"),
        );
    }
    let keys: [(&str, bool); 8] = [
        ("currency", f.currency.is_some()),
        ("difference", f.difference),
        ("base", f.base.is_some() || f.base_required),
        ("rank", f.rank.is_some()),
        ("since", f.since.is_some()),
        ("span", f.span.is_some()),
        ("yes", f.yes.is_some() || f.no.is_some()),
        ("unanimous", f.unanimous),
    ];
    for (key, present) in keys {
        if present {
            p.within(
                span,
                key,
                DbErrorCode::Invalid,
                format!("`{key}` does not apply to a {k} fact"),
            );
        }
    }
}

fn count(band: Band, g: Groups) -> FactSpec {
    FactSpec::Count {
        band,
        nouns: g.nouns,
    }
}

fn rate(band: Band, per: Per, g: Groups) -> FactSpec {
    FactSpec::Rate {
        band,
        per,
        nouns: g.nouns,
    }
}

fn share(band: Band, g: Groups) -> FactSpec {
    FactSpec::Share {
        band,
        of: g.of,
        is: g.is,
        is_not: g.is_not,
    }
}

fn mass(band: Band, unit: MassUnit, g: Groups) -> FactSpec {
    FactSpec::Mass {
        band,
        unit,
        of: g.of,
    }
}

fn multiplier(band: Band, g: Groups) -> FactSpec {
    FactSpec::Multiplier { band, than: g.than }
}

fn assertion(g: Groups) -> FactSpec {
    FactSpec::Assertion {
        is: g.is,
        is_not: g.is_not,
    }
}

/// Keys that make sense only for some kinds.
fn check_keys(f: &RawFact, kind: FactKind, span: &Range<usize>, p: &mut Problems) {
    let k = kind.name();
    let misplaced: [(&str, bool, bool); 13] = [
        ("value", value_number(f).is_some(), kind.is_numeric()),
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
            "roles",
            !f.roles.is_empty(),
            matches!(kind, FactKind::Person | FactKind::Date),
        ),
        (
            "is",
            !f.is.is_empty() || !f.is_not.is_empty(),
            matches!(kind, FactKind::Share | FactKind::Assertion),
        ),
    ];
    for (key, present, allowed) in misplaced {
        if present && !allowed {
            p.within(
                span,
                key,
                DbErrorCode::Invalid,
                format!("`{key}` does not apply to a {k} fact"),
            );
        }
    }
    if f.any_of && kind != FactKind::Person {
        p.within(
            span,
            "any-of",
            DbErrorCode::Invalid,
            format!("`any-of` does not apply to a {k} fact"),
        );
    }
}

fn mass_unit(f: &RawFact, span: &Range<usize>, p: &mut Problems) -> Option<MassUnit> {
    match f.unit.as_deref() {
        Some(u) => match unit_to_kg(u) {
            Some(kg) => Some(MassUnit {
                name: u.to_string(),
                kg,
            }),
            None => {
                p.within(span, u, DbErrorCode::Invalid, format!("unknown unit \"{u}\"; use lb, kg, g, mg, oz, t (metric ton) or ton (short ton)"));
                None
            }
        },
        None => {
            p.within(
                span,
                "kind",
                DbErrorCode::Invalid,
                "a mass fact needs `unit` (lb, kg, g, mg, oz, t or ton)",
            );
            None
        }
    }
}

fn rate_per(f: &RawFact, span: &Range<usize>, p: &mut Problems) -> Option<Per> {
    match f.per.as_deref() {
        Some(s) => {
            let per = Per::parse(s);
            if per.is_none() {
                p.within(
                    span,
                    s,
                    DbErrorCode::Invalid,
                    format!("unknown `per` \"{s}\"; use day, week, month or year"),
                );
            }
            per
        }
        None => {
            p.within(
                span,
                "kind",
                DbErrorCode::Invalid,
                "a rate fact needs `per` (day, week, month or year)",
            );
            None
        }
    }
}

/// A tolerance as the database writes it: a number in the fact's unit, or `"N%"`.
pub(super) fn parse_tolerance(t: &RawTolerance) -> Result<Tolerance, String> {
    match t {
        RawTolerance::Number(n) if *n >= 0.0 && n.is_finite() => Ok(Tolerance::Absolute(*n)),
        RawTolerance::Number(n) => Err(format!("tolerance {n} must be a number ≥ 0")),
        RawTolerance::Text(s) => {
            let s = s.trim();
            if let Some(pct) = s.strip_suffix('%') {
                match pct.trim().parse::<f64>() {
                    Ok(v) if v >= 0.0 && v.is_finite() => Ok(Tolerance::Relative(v / 100.0)),
                    _ => Err(format!("tolerance \"{s}\" is not a percentage like \"2%\"")),
                }
            } else {
                match s.parse::<f64>() {
                    Ok(v) if v >= 0.0 && v.is_finite() => Ok(Tolerance::Absolute(v)),
                    _ => Err(format!(
                        "tolerance \"{s}\" must be \"N%\" (relative) or a number in the fact's unit"
                    )),
                }
            }
        }
    }
}

/// A tolerance as written, for messages.
pub(super) fn tolerance_text(t: &RawTolerance) -> String {
    match t {
        RawTolerance::Number(n) => format!("{n}"),
        RawTolerance::Text(s) => s.clone(),
    }
}

/// A tolerance key's value, its problem reported (and no tolerance taken) when it is bad.
fn tolerance_of(
    t: Option<&RawTolerance>,
    key: &str,
    span: &Range<usize>,
    p: &mut Problems,
) -> Option<Tolerance> {
    match t.map(parse_tolerance)? {
        Ok(t) => Some(t),
        Err(e) => {
            p.within(span, key, DbErrorCode::Invalid, e);
            Some(Tolerance::NONE)
        }
    }
}

/// The agreeing and near values of a numeric fact.
fn band(f: &RawFact, kind: FactKind, scale: f64, span: &Range<usize>, p: &mut Problems) -> Band {
    let k = kind.name();
    if value_number(f).is_none() && f.range.is_none() {
        p.within(
            span,
            "kind",
            DbErrorCode::Invalid,
            format!("a {k} fact needs `value` (or `range`)"),
        );
    }
    let tol = tolerance_of(f.tolerance.as_ref(), "tolerance", span, p).unwrap_or(Tolerance::NONE);
    let value = value_number(f)
        .or(f.range.map(|[a, b]| (a + b) / 2.0))
        .unwrap_or(0.0);
    if !value.is_finite() {
        p.within(
            span,
            "value",
            DbErrorCode::Invalid,
            "`value` must be a finite number",
        );
    }
    let (lo, hi) = match f.range {
        Some([a, b]) if a <= b => (a, b),
        Some([a, b]) => {
            p.within(
                span,
                "range",
                DbErrorCode::Invalid,
                format!("`range` [{a}, {b}] must be [low, high]"),
            );
            (a, b)
        }
        None => (value, value),
    };
    let (alo, ahi) = if f.range.is_some() {
        (lo, hi)
    } else {
        tol.widen(lo, hi, value)
    };
    // Default margin: the tolerance again, or for ranges a twentieth of their width.
    let margin =
        tolerance_of(f.margin.as_ref(), "margin", span, p).unwrap_or(if f.range.is_some() {
            Tolerance::Absolute((hi - lo) * RANGE_MARGIN_SHARE)
        } else {
            tol
        });
    let (nlo, nhi) = margin.widen(alo, ahi, value);
    if kind == FactKind::Multiplier && f.than.is_empty() {
        p.within(
            span,
            "kind",
            DbErrorCode::Invalid,
            "a multiplier fact needs `than` (the comparator, e.g. [\"coal\"])",
        );
    }
    Band {
        value: value_number(f).map(|v| v * scale),
        agree: (alo * scale, ahi * scale),
        near: (nlo * scale, nhi * scale),
        tolerance_text: f.tolerance.as_ref().map(tolerance_text),
        range: f.range,
    }
}

fn date(f: &RawFact, span: &Range<usize>, p: &mut Problems) -> Option<When> {
    match f.date.as_deref() {
        Some(s) => match When::parse(s) {
            Some(w) if w.hi != OPEN_END => Some(w),
            _ => {
                p.within(span, s, DbErrorCode::Invalid, format!("date \"{s}\" is not understood; write \"2023-03-13\", \"2023-03\", \"2023\" or \"2023-10-07..2023-10-10\""));
                None
            }
        },
        None => {
            p.within(
                span,
                "kind",
                DbErrorCode::Invalid,
                "a date fact needs `date`",
            );
            None
        }
    }
}

fn people(f: &RawFact, span: &Range<usize>, p: &mut Problems) -> Vec<Person> {
    if f.people.is_empty() {
        p.within(
            span,
            "kind",
            DbErrorCode::Invalid,
            "a person fact needs `people`",
        );
    }
    f.people
        .iter()
        .map(|person| {
            let mut names = vec![person.name.clone()];
            names.extend(person.aliases.iter().cloned());
            Person {
                name: person.name.clone(),
                names: compile_group(&names, span, "person", p),
            }
        })
        .collect()
}

fn lookalikes(f: &RawFact, scale: f64, span: &Range<usize>, p: &mut Problems) -> Vec<Lookalike> {
    let mut out = Vec::new();
    for l in &f.lookalikes {
        let note = l.note.clone().unwrap_or_default();
        if let Some(d) = &l.date {
            match When::parse(d) {
                Some(w) => out.push(Lookalike {
                    value: LookalikeValue::Date(w),
                    note,
                }),
                None => p.within(
                    span,
                    d,
                    DbErrorCode::Invalid,
                    format!("look-alike date \"{d}\" is not understood"),
                ),
            }
            continue;
        }
        let ((lo, hi), figure) = match (l.value.as_ref().and_then(RawValue::number), l.range) {
            (_, Some([a, b])) if a <= b => ((a, b), (a, b)),
            (Some(v), None) => {
                let tol = tolerance_of(l.tolerance.as_ref(), "tolerance", span, p)
                    .unwrap_or(Tolerance::NONE);
                (tol.widen(v, v, v), (v, v))
            }
            _ => {
                p.within(
                    span,
                    "lookalikes",
                    DbErrorCode::Invalid,
                    "a look-alike needs `value`, `range` [low, high] or `date`",
                );
                continue;
            }
        };
        out.push(Lookalike {
            value: LookalikeValue::Values {
                lo: lo * scale,
                hi: hi * scale,
                figure: (figure.0 * scale, figure.1 * scale),
            },
            note,
        });
    }
    out
}

/// A fact's value when it is a number (the older kinds take no text).
fn value_number(f: &RawFact) -> Option<f64> {
    f.value.as_ref().and_then(RawValue::number)
}
