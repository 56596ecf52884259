//! What a sentence states, as the facts of a claim: each figure the extractor reads (and each
//! person [`crate::people`] finds) becomes a fact written as the database accepts it, or a
//! reason why it cannot be one. Nothing here parses prose: values come from the figures.

use std::ops::Range;

use super::alter;
use crate::db::FactKind;
use crate::extract::{Base, Bound, ChangeUnit, Figure, FigureValue, Kind, Measure, Per, When};
use crate::lexicon::measures::{Dimension, Measures};
use crate::people::Mention;
use crate::text::{TokKind, Words};

/// A fact proposed from one figure of the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposedFact {
    pub kind: FactKind,
    /// `key = value` lines, values already written as TOML.
    pub fields: Vec<(&'static str, String)>,
    /// A note for the curator above the fact (how the sentence bounds the figure).
    pub note: Option<String>,
    /// The words of the sentence that state it.
    pub stated: String,
    /// The sentence with this figure altered, for a conflicting example.
    pub altered: Option<String>,
}

/// A figure the scaffold does not turn into a fact, and why (written as a comment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub stated: String,
    pub why: String,
}

/// What [`fact_of`] makes of a figure.
pub(super) enum Reading {
    Fact(ProposedFact),
    Skip(Skipped),
    /// A date that is the period of another figure: it goes to the claim's `period`.
    Period,
}

/// A TOML string.
pub(super) fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A number as TOML: integers without a fraction, others rounded to what a source writes.
pub(super) fn num(v: f64) -> String {
    let r = (v * 1e9).round() / 1e9;
    if r.fract() == 0.0 && r.abs() < 1e15 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// The database's spelling of a date or period (`When::parse` reads it back), or `None` for
/// one without a year.
pub(super) fn when_spelling(w: &When) -> Option<String> {
    use crate::extract::Precision as P;
    let day = |v: u32| format!("{:04}-{:02}-{:02}", v / 10000, v / 100 % 100, v % 100);
    let s = match w.precision {
        P::Day => day(w.lo),
        P::Month => format!("{:04}-{:02}", w.lo / 10000, w.lo / 100 % 100),
        P::Year => format!("{}", w.lo / 10000),
        P::Fiscal => format!("FY{}", w.hi / 10000),
        P::Span if w.is_whole_years() => format!("{}..{}", w.lo / 10000, w.hi / 10000),
        P::Span => format!("{}..{}", day(w.lo), day(w.hi)),
        P::Since => format!("since {}", w.lo / 10000),
        P::MonthOnly | P::MonthDay | P::Relative => return None,
    };
    When::parse(&s).is_some().then_some(s)
}

/// The value of a one-number figure as the sources' figure: the number the sentence writes,
/// whatever bound it puts on it ("more than 900" → 900), and a note on the bound.
fn point(f: &Figure, lo: f64, hi: f64) -> (f64, Option<&'static str>) {
    match f.bound {
        Bound::Exact | Bound::Range | Bound::Quantifier => (lo, None),
        Bound::Approx => (
            (lo + hi) / 2.0,
            Some("the sentence rounds (\"about\"): write the source's exact figure"),
        ),
        Bound::Below => (
            hi,
            Some("the sentence says \"nearly\": write the source's exact figure"),
        ),
        Bound::AtLeast => (
            lo,
            Some("the sentence gives a lower bound: write the source's figure, or `range`"),
        ),
        Bound::AtMost => (
            hi,
            Some("the sentence gives an upper bound: write the source's figure, or `range`"),
        ),
    }
}

/// `value = …`, or `range = [lo, hi]` for a stated range.
fn value_fields(f: &Figure, lo: f64, hi: f64) -> (Vec<(&'static str, String)>, Option<String>) {
    if f.bound == Bound::Range || (f.bound == Bound::Exact && lo != hi) {
        return (vec![("range", format!("[{}, {}]", num(lo), num(hi)))], None);
    }
    let (v, note) = point(f, lo, hi);
    (vec![("value", num(v))], note.map(str::to_string))
}

/// The content words after token `from` (past `skip` and function words), up to a
/// punctuation mark, a number or a function word: the head noun is the last of them. As a
/// term: a plural's stem with a wildcard ("applications" → "application*").
pub(super) fn noun_after(w: &Words, from: usize, skip: Option<&str>) -> Option<String> {
    let mut k = from;
    if let Some(s) = skip {
        if !w.is(k, s) {
            return None;
        }
        k += 1;
    }
    while k < w.toks.len() && super::about::is_function(w, k) && w.toks[k].kind == TokKind::Word {
        k += 1;
    }
    let mut last = None;
    while k < w.toks.len()
        && w.toks[k].kind == TokKind::Word
        && !super::about::is_function(w, k)
        && k - from < super::NOUN_WINDOW
    {
        last = Some(k);
        // A plural ends the noun phrase ("registered voters cast a ballot").
        let x = &w.norm[k];
        if x.ends_with('s') && !x.ends_with("ss") {
            break;
        }
        k += 1;
    }
    last.map(|k| super::about::stem_term(&w.norm[k]))
}

/// The words of a bounded measure ("almost 510 gigawatts") without its bound ("510
/// gigawatts"): the longest tail of its words the extractor reads as an exact figure of the
/// same form, as a source would write the value.
fn as_written(text: &str, w: &Words, f: &Figure) -> Option<String> {
    let name = f.measure()?.name();
    f.toks.clone().skip(1).find_map(|k| {
        let tail = text.get(w.toks[k].start..f.span.end)?.trim();
        let toks = crate::text::tokenize(tail, 0..tail.len());
        let tw = Words::new(tail, toks, w.lex);
        let g = crate::extract::figures(tail, &tw).into_iter().next()?;
        (g.bound == Bound::Exact
            && g.span == (0..tail.len())
            && g.measure().is_some_and(|m| m.name() == name))
        .then(|| tail.to_string())
    })
}

/// An absolute change of a quantity ("risen about 21 centimeters") in the unit the sentence
/// writes: the number as written and the unit's words ("centimeters"), read from the tail of
/// the change's words that the extractor reads as that quantity.
fn change_in_written_unit(text: &str, w: &Words, f: &Figure) -> Option<(f64, String)> {
    f.toks.clone().skip(1).find_map(|k| {
        let tail = text.get(w.toks[k].start..f.span.end)?.trim();
        let toks = crate::text::tokenize(tail, 0..tail.len());
        let first_end = toks.first()?.end;
        let tw = Words::new(tail, toks, w.lex);
        let g = crate::extract::figures(tail, &tw).into_iter().next()?;
        let (v, _) = g.written_quantity()?;
        // The written value counts the scale ("565 million tonnes": 565,000,000 tonnes).
        let unit: Vec<&str> = tail
            .get(first_end..)?
            .split_whitespace()
            .filter(|u| w.lex.numbers.scales.get(&u.to_lowercase()).is_none())
            .collect();
        (g.bound == Bound::Exact && g.span == (0..tail.len()) && !unit.is_empty())
            .then(|| (v, unit.join(" ")))
    })
}

/// Whether the figure's number is written negative ("-40 °F"), a sign the extractor does not
/// keep: its value would be read without it.
fn negative(text: &str, f: &Figure) -> bool {
    let before = text.get(..f.span.start).unwrap_or("");
    let mut rev = before.chars().rev();
    matches!(rev.next(), Some('-' | '−')) && rev.next().is_none_or(char::is_whitespace)
}

/// The mass units a fact's `unit` accepts (see [`crate::extract::unit_to_kg`]).
const MASS_UNITS: [&str; 7] = ["lb", "kg", "g", "mg", "oz", "t", "ton"];

/// The database's name and size of the mass unit a mass figure is written in.
fn mass_unit_of(w: &Words, f: &Figure) -> Option<(&'static str, f64)> {
    let kg = f.toks.clone().find_map(|k| {
        w.lex
            .units
            .mass
            .iter()
            .find(|(unit, _)| w.is_phrase(k, unit).is_some())
            .map(|(_, kg)| kg)
    })?;
    MASS_UNITS.into_iter().find_map(|u| {
        crate::extract::unit_to_kg(u)
            .filter(|size| (size - kg).abs() <= kg * 1e-6)
            .map(|size| (u, size))
    })
}

/// Turns one figure into a fact. `periods`: the other figures' periods (a date among them is
/// a period, not a fact).
pub(super) fn fact_of(
    text: &str,
    sentence: &Range<usize>,
    w: &Words,
    f: &Figure,
    used_as_period: bool,
) -> Reading {
    let stated = text[f.span.clone()].to_string();
    let skip = |why: &str| {
        Reading::Skip(Skipped {
            stated: stated.clone(),
            why: why.to_string(),
        })
    };
    if f.bound == Bound::Quantifier {
        return skip("a quantifier (\"most\", \"the majority\") is no figure to check");
    }
    if negative(text, f) {
        return skip(
            "a negative figure, which the checker reads without its sign: write the fact by hand",
        );
    }
    let altered = alter::altered(text, sentence, f);
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    let mut note = None;
    let kind = match (f.kind(), f.value()) {
        (_, FigureValue::BadDate) => return skip("a date that does not exist"),
        (Kind::When, FigureValue::Date(d)) => {
            if used_as_period {
                return Reading::Period;
            }
            let Some(s) = when_spelling(&d) else {
                return skip("a date without a year (or relative): write `date` by hand");
            };
            fields.push(("date", quote(&s)));
            FactKind::Date
        }
        (Kind::Count, _) => {
            let (v, n) = value_fields(f, f.lo(), f.hi());
            fields.extend(v);
            note = n;
            let kind = match f.per {
                Some(Per::Capita) => {
                    return skip("a rate per population: write a `rate` fact by hand");
                }
                Some(p) => {
                    fields.push(("per", quote(p.name())));
                    FactKind::Rate
                }
                None => FactKind::Count,
            };
            if let Some(noun) = noun_after(w, f.after, None) {
                fields.push(("nouns", format!("[{}]", quote(&noun))));
            }
            kind
        }
        (Kind::Share, _) => {
            let (v, n) = value_fields(f, f.lo(), f.hi());
            fields.extend(v);
            note = n;
            match noun_after(w, f.after, Some(&w.lex.binding.of)) {
                Some(of) => {
                    fields.push(("of", format!("[{}]", quote(&of))));
                    FactKind::Share
                }
                // A percentage of no group is a level (a rate, turnout).
                None => FactKind::Level,
            }
        }
        (Kind::Mass, _) => {
            // In the unit the sentence writes ("900 pounds": 900 lb), else in kilograms.
            let (unit, kg) = mass_unit_of(w, f).unwrap_or(("kg", 1.0));
            let (v, n) = value_fields(f, f.lo() / kg, f.hi() / kg);
            fields.extend(v);
            fields.push(("unit", quote(unit)));
            note = n;
            if let Some(of) = noun_after(w, f.after, Some(&w.lex.binding.of)) {
                fields.push(("of", format!("[{}]", quote(&of))));
            }
            FactKind::Mass
        }
        (Kind::Multiplier, _) => {
            let than = noun_after(w, f.after, Some(&w.lex.binding.than))
                .or_else(|| noun_after(w, f.after, Some(&w.lex.binding.as_)));
            let Some(than) = than else {
                return skip("a multiplier with no comparator (\"than …\")");
            };
            let (v, n) = value_fields(f, f.lo(), f.hi());
            fields.extend(v);
            note = n;
            fields.push(("than", format!("[{}]", quote(&than))));
            FactKind::Multiplier
        }
        (_, FigureValue::Measure(m)) => match measure_fields(
            f,
            &stated,
            as_written(text, w, f).as_deref(),
            change_in_written_unit(text, w, f),
            m,
            &mut fields,
        ) {
            Ok((k, n)) => {
                note = n;
                k
            }
            Err(why) => return skip(why),
        },
        _ => return skip("a figure of a kind the database cannot state"),
    };
    Reading::Fact(ProposedFact {
        kind,
        fields,
        note,
        stated,
        altered,
    })
}

/// The fields of a measure (money, quantity, change, tally, record, duration).
fn measure_fields(
    f: &Figure,
    stated: &str,
    written: Option<&str>,
    change_in: Option<(f64, String)>,
    m: Measure,
    fields: &mut Vec<(&'static str, String)>,
) -> Result<(FactKind, Option<String>), &'static str> {
    let exact = f.bound == Bound::Exact;
    let mut note = None;
    // A bounded amount or quantity as the sentence writes it, without its bound.
    if let (Some(t), Measure::Money { lo, hi, .. } | Measure::Quantity { lo, hi, .. }) =
        (written.filter(|_| !exact && f.bound != Bound::Range), m)
    {
        fields.push(("value", quote(t)));
        note = point(f, lo, hi).1.map(str::to_string);
        let kind = if matches!(m, Measure::Money { .. }) {
            FactKind::Money
        } else {
            if let Measure::Quantity {
                dimension: Dimension::TemperatureDifference,
                ..
            } = m
            {
                fields.push(("difference", "true".into()));
            }
            FactKind::Quantity
        };
        return Ok((kind, note));
    }
    let kind = match m {
        Measure::Money {
            lo,
            hi,
            currency,
            per,
        } => {
            if exact && lo == hi {
                // As the source writes it ("$1.7 trillion", "$3.50 a gallon").
                fields.push(("value", quote(stated.trim())));
            } else {
                let (v, n) = value_fields(f, lo, hi);
                if v.iter().any(|(k, _)| *k == "range") {
                    return Err("a range of money: write `value` and `range` by hand");
                }
                fields.extend(v);
                fields.push(("currency", quote(currency.code())));
                note = n;
            }
            // An exact amount keeps its "a gallon" in the value as written.
            if let Some(p) = per
                .filter(|_| !exact)
                .and_then(|p| Measures::get().per_words.get(usize::from(p)))
            {
                fields.push(("per", quote(p)));
            }
            FactKind::Money
        }
        Measure::Quantity {
            lo, hi, dimension, ..
        } => {
            if exact && lo == hi {
                fields.push(("value", quote(stated.trim())));
            } else {
                let (v, n) = value_fields(f, lo, hi);
                if v.iter().any(|(k, _)| *k == "range") {
                    return Err("a range of a quantity: write `value` and `range` by hand");
                }
                fields.extend(v);
                fields.push(("unit", quote(dimension.canonical())));
                note = n;
            }
            if dimension == Dimension::TemperatureDifference {
                fields.push(("difference", "true".into()));
            }
            FactKind::Quantity
        }
        Measure::Change {
            lo, hi, unit, base, ..
        } => {
            let u = match (unit, change_in) {
                // In the sentence's unit: "21 centimeters", not 0.21 m.
                (ChangeUnit::Quantity(_), Some((v, u))) => {
                    let sign = if lo < 0.0 { -1.0 } else { 1.0 };
                    fields.push(("value", num(sign * v)));
                    note = point(f, lo, hi).1.map(str::to_string);
                    u
                }
                _ => {
                    let (v, n) = value_fields(f, lo, hi);
                    fields.extend(v);
                    note = n;
                    match unit {
                        ChangeUnit::Percent => "%".to_string(),
                        ChangeUnit::Points => "pp".to_string(),
                        ChangeUnit::Quantity(d) => d.canonical().to_string(),
                        ChangeUnit::Money(c) => c.code().to_string(),
                        ChangeUnit::Years => "years".to_string(),
                    }
                }
            };
            fields.push(("unit", quote(&u)));
            match base {
                Some(Base::Year) => fields.push(("base", quote("year"))),
                Some(Base::Month) => fields.push(("base", quote("month"))),
                Some(Base::Date(d)) => {
                    if let Some(s) = when_spelling(&d) {
                        fields.push(("base", quote(&s)));
                    }
                }
                None => {}
            }
            FactKind::Change
        }
        Measure::Tally { yes, no, percent } => {
            let p = if percent { "%" } else { "" };
            fields.push(("value", quote(&format!("{}{p}-{}{p}", num(yes), num(no)))));
            FactKind::Tally
        }
        Measure::Unanimous => {
            fields.push(("unanimous", "true".into()));
            FactKind::Tally
        }
        Measure::TallyFor { .. } => {
            return Err("one side of a vote: write the whole tally (\"63-35\") from the source");
        }
        Measure::Record { rank, since, span } => {
            fields.push(("rank", rank.to_string()));
            if let Some(s) = since.as_ref().and_then(when_spelling) {
                fields.push(("since", quote(&s)));
            }
            if let Some(y) = span {
                fields.push(("span", num(y)));
            }
            FactKind::Record
        }
        Measure::Duration { lo, hi } => {
            let (v, n) = point(f, lo, hi);
            if f.bound == Bound::Range || (f.bound == Bound::Exact && lo != hi) {
                return Err("a range of durations: write `value` and `range` by hand");
            }
            fields.push(("value", quote(&format!("{} years", num(v)))));
            note = n.map(str::to_string);
            FactKind::Duration
        }
        Measure::Age { .. } => return Err("an age that names a group is no figure to check"),
    };
    Ok((kind, note))
}

/// A person the sentence names as the actor: a fact with their name, the last word of it as
/// an alias, and the verb of what they did as the role.
pub(super) fn person_fact(
    text: &str,
    sentence: &Range<usize>,
    w: &Words,
    m: &Mention,
) -> Option<ProposedFact> {
    let name = text[m.span.clone()].to_string();
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut person = format!("{{ name = {}", quote(&name));
    if let (true, Some(last)) = (words.len() > 1, words.last()) {
        person.push_str(&format!(", aliases = [{}]", quote(last)));
    }
    person.push_str(" }");
    let mut fields = vec![("people", format!("[{person}]"))];
    let verb = crate::people::verb_after(w, m.toks.end)?;
    fields.push(("roles", format!("[{}]", quote(&w.norm[verb]))));
    Some(ProposedFact {
        kind: FactKind::Person,
        fields,
        note: None,
        stated: name,
        altered: alter::other_person(text, sentence, &m.span),
    })
}
