//! The conflicting example: the sentence with one figure altered in the same wording, so
//! `db test` checks that the slip is caught. One rule per form, for any subject: a number is
//! scaled, a tally's margin widened, a date or a record's year moved, a person replaced.

use std::ops::Range;

use crate::extract::{Figure, FigureValue, Kind, Measure};

/// A name no database holds, put in place of the person a sentence names (a title before it
/// still makes it a person).
pub const STAND_IN_NAME: &str = "Jordan Avery";

/// How far a year is moved: a date one year off conflicts with any day, month or year.
const YEAR_SHIFT: i64 = 1;

/// How far a record's "since" year is moved: records compare within a year.
const SINCE_SHIFT: i64 = -10;

/// Percentages above this are halved, others doubled (a share stays under 100%).
const HALVE_ABOVE: f64 = 50.0;

/// A number written in the text: its byte span and value.
struct Written {
    span: Range<usize>,
    value: f64,
    decimals: usize,
    grouped: bool,
}

/// The numbers written with digits in `text[span]`.
fn numbers_in(text: &str, span: &Range<usize>) -> Vec<Written> {
    let Some(s) = text.get(span.clone()) else {
        return Vec::new();
    };
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit()
                || ((bytes[i] == b',' || bytes[i] == b'.')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let raw = &s[start..i];
        let clean = raw.replace(',', "");
        if let Ok(value) = clean.parse::<f64>() {
            out.push(Written {
                span: span.start + start..span.start + i,
                value,
                decimals: clean.split_once('.').map_or(0, |(_, d)| d.len()),
                grouped: raw.contains(','),
            });
        }
    }
    out
}

/// A number written like `like` (its decimals, its thousands separators).
fn write_like(like: &Written, v: f64) -> String {
    let s = format!("{v:.*}", like.decimals);
    if !like.grouped {
        return s;
    }
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    }
}

/// `sentence` with the given replacements (byte spans in `text`, sorted, disjoint).
fn replace(
    text: &str,
    sentence: &Range<usize>,
    edits: &[(Range<usize>, String)],
) -> Option<String> {
    let mut out = String::new();
    let mut at = sentence.start;
    for (r, s) in edits {
        out.push_str(text.get(at..r.start)?);
        out.push_str(s);
        at = r.end;
    }
    out.push_str(text.get(at..sentence.end)?);
    Some(out)
}

/// The sentence with figure `f` altered, or `None` when its words hold no digits to alter
/// ("three times", "unanimously").
pub(super) fn altered(text: &str, sentence: &Range<usize>, f: &Figure) -> Option<String> {
    let nums = numbers_in(text, &f.span);
    let year = |n: &Written| n.decimals == 0 && !n.grouped && (1000.0..3000.0).contains(&n.value);
    let edits: Vec<(Range<usize>, String)> = match (f.kind(), f.value()) {
        (Kind::When, _) => nums
            .iter()
            .filter(|n| year(n))
            .map(|n| (n.span.clone(), format!("{}", n.value as i64 + YEAR_SHIFT)))
            .collect(),
        (_, FigureValue::Measure(Measure::Tally { .. })) => {
            let [a, b] = nums.as_slice() else {
                return None;
            };
            // Widen the margin: the larger side gains what the smaller loses.
            let d = (a.value - b.value).abs().max(1.0);
            let (big, small) = if a.value >= b.value { (a, b) } else { (b, a) };
            let small_v = (small.value - d).max(0.0);
            let mut e = vec![
                (big.span.clone(), write_like(big, big.value + d)),
                (small.span.clone(), write_like(small, small_v)),
            ];
            e.sort_by_key(|x| x.0.start);
            e
        }
        (_, FigureValue::Measure(Measure::Record { .. })) => {
            let n = nums.first()?;
            let v = if year(n) {
                format!("{}", n.value as i64 + SINCE_SHIFT)
            } else {
                write_like(n, n.value * 2.0)
            };
            vec![(n.span.clone(), v)]
        }
        (Kind::Share, _) | (_, FigureValue::Measure(Measure::Change { .. })) => nums
            .iter()
            .map(|n| {
                let v = if n.value > HALVE_ABOVE {
                    n.value / 2.0
                } else {
                    n.value * 2.0
                };
                (n.span.clone(), write_like(n, v))
            })
            .collect(),
        _ => nums
            .iter()
            .map(|n| (n.span.clone(), write_like(n, n.value * 2.0)))
            .collect(),
    };
    if edits.is_empty() {
        return None;
    }
    replace(text, sentence, &edits)
}

/// The sentence with the person at `name` replaced by [`STAND_IN_NAME`].
pub(super) fn other_person(
    text: &str,
    sentence: &Range<usize>,
    name: &Range<usize>,
) -> Option<String> {
    replace(text, sentence, &[(name.clone(), STAND_IN_NAME.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_writing() {
        let w = Written {
            span: 0..1,
            value: 1204.0,
            decimals: 0,
            grouped: true,
        };
        assert_eq!(write_like(&w, 2408.0), "2,408");
        assert_eq!(write_like(&w, 1_204_000.0), "1,204,000");
        let d = Written {
            span: 0..1,
            value: 5.25,
            decimals: 2,
            grouped: false,
        };
        assert_eq!(write_like(&d, 10.5), "10.50");
    }

    #[test]
    fn digits_are_found_with_separators() {
        let t = "passed 220-207 and $1,204.5";
        let n = numbers_in(t, &(0..t.len()));
        let v: Vec<f64> = n.iter().map(|n| n.value).collect();
        assert_eq!(v, vec![220.0, 207.0, 1204.5]);
    }
}
