//! `claimcheck report --write-stubs FILE`: claims.toml stubs for the most often stated
//! uncovered figures, for a curator to complete.
//!
//! Each stub has an id, the example sentence as its statement, the sentence's subject terms
//! and the word the figure counts as `about` groups, and a fact holding the figure as the
//! pages state it. It has no source: the database refuses a claim without one, so the stub
//! file loads once the curator has found and added the source (and checked the figure,
//! which is what the pages say, not what the source says). Figures of kinds the database
//! has no fact for (money, changes) are listed as comments instead.

use std::fmt::Write as _;

use super::UncoveredGroup;
use crate::check;
use crate::extract::{Figure, Kind};
use crate::text::{self, TokKind};

/// Words that do not name what a figure counts ("of", "the", "percent").
const NOT_NOUNS: &[&str] = &[
    "of", "the", "a", "an", "in", "on", "at", "to", "for", "and", "or", "than", "more", "less",
    "percent", "per", "cent", "were", "was", "are", "is", "have", "had", "has", "by", "from",
    "about", "some", "all", "those", "these", "its", "their", "his", "her",
];

/// A TOML basic string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// An id from a figure and its subject: lowercase words joined by `-`.
fn slug(parts: &[&str], taken: &mut Vec<String>) -> String {
    let mut id: String = parts
        .iter()
        .flat_map(|p| p.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    id.truncate(60);
    let id = format!("uncovered-{}", id.trim_end_matches('-'));
    let mut unique = id.clone();
    let mut n = 2;
    while taken.contains(&unique) {
        unique = format!("{id}-{n}");
        n += 1;
    }
    taken.push(unique.clone());
    unique
}

/// The figure of `sentence` whose words are `words` (case and spacing aside).
fn find_figure(sentence: &str, words: &str) -> Option<Figure> {
    let want = crate::report::collapse(words).to_lowercase();
    check::figures_read_with(
        crate::lexicon::Lexicon::english(),
        sentence,
        0..sentence.len(),
    )
    .into_iter()
    .map(|(f, _)| f)
    .find(|f| {
        sentence
            .get(f.span.clone())
            .is_some_and(|w| crate::report::collapse(w).to_lowercase() == want)
    })
}

/// The first content word after the figure that is not a subject term: what it counts
/// ("pills" in "100 fentanyl pills", "milligrams").
fn counted_noun(sentence: &str, f: &Figure, subject: &[String]) -> Option<String> {
    text::tokenize(sentence, f.span.end..sentence.len())
        .into_iter()
        .take(4)
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| t.text(sentence).to_lowercase())
        .find(|w| w.len() > 2 && !NOT_NOUNS.contains(&w.as_str()) && !subject.contains(w))
}

/// Formats a number for TOML without a needless fraction.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The fact lines of a stub, or `None` for kinds the database has no fact for.
fn fact(f: &Figure) -> Option<String> {
    let value = |unit: &str| {
        let mid = (f.lo() + f.hi()) / 2.0;
        let mut s = format!("value = {}{unit}\n", number(mid));
        if f.hi() > f.lo() {
            let _ = writeln!(s, "tolerance = {}", number((f.hi() - f.lo()) / 2.0));
        }
        s
    };
    let (kind, body) = match f.kind() {
        Kind::Count if f.per.is_some() => ("rate", value("")),
        Kind::Count => ("count", value("")),
        Kind::Share => ("share", value("")),
        Kind::Multiplier => ("multiplier", value("")),
        Kind::Mass => ("mass", value("\nunit = \"kg\"")),
        Kind::When => {
            let w = f.when()?;
            let (y, m, d) = (w.lo / 10000, w.lo / 100 % 100, w.lo % 100);
            let date = match w.precision {
                crate::extract::Precision::Day => format!("{y:04}-{m:02}-{d:02}"),
                _ => format!("{y:04}-{m:02}"),
            };
            ("date", format!("date = {}\n", quote(&date)))
        }
        Kind::Money | Kind::Change | Kind::Measure => return None,
    };
    // Population rates ("per 100,000") have no `per` spelling: the curator picks the fact.
    let per = match f.per {
        Some(crate::extract::Per::Capita) => return None,
        Some(p) => format!("per = {}\n", quote(p.name())),
        None => String::new(),
    };
    Some(format!("kind = \"{kind}\"\n{body}{per}"))
}

/// The stub file for the first `top` groups.
pub fn render(groups: &[UncoveredGroup], top: usize) -> String {
    let mut s = String::from(
        "# claimcheck claim stubs: the uncovered figures most often stated.\n\
         # Each stub needs a [[claim.source]] (title, publisher, url, date, quote) before it\n\
         # loads; check the figure against the source, and the terms, before adding it.\n",
    );
    let mut taken = Vec::new();
    for g in groups.iter().take(top) {
        let Some(example) = g.examples.first() else {
            continue;
        };
        let pages = format!(
            "# stated in {} sentences on {} pages, e.g. {}\n",
            g.sentences, g.pages, example.page
        );
        let figure = find_figure(&example.sentence, &g.figure);
        let fact_lines = figure.as_ref().and_then(fact);
        let (Some(f), Some(fact_lines)) = (figure, fact_lines) else {
            let _ = write!(
                s,
                "\n# Not stubbed: \"{}\" ({}) on {}: no fact kind for it yet.\n{pages}# {}\n",
                g.figure,
                g.kind,
                g.terms.join(", "),
                example.sentence
            );
            continue;
        };
        let noun = counted_noun(&example.sentence, &f, &g.terms);
        let subject: Vec<&str> = g.terms.iter().map(String::as_str).collect();
        let mut parts: Vec<&str> = subject.iter().take(1).copied().collect();
        parts.push(&g.figure);
        if let Some(n) = &noun {
            parts.push(n);
        }
        let id = slug(&parts, &mut taken);
        let terms: Vec<String> = subject.iter().map(|t| quote(t)).collect();
        let mut about = format!("about = [[{}]", terms.join(", "));
        if let Some(n) = &noun {
            let _ = write!(about, ", [{}]", quote(n));
        }
        about.push(']');
        let _ = write!(
            s,
            "\n{pages}[[claim]]\nid = {}\nstatement = {}\n{about}\n\n[[claim.fact]]\n{fact_lines}",
            quote(&id),
            quote(&example.sentence)
        );
    }
    s
}
