//! Scaffolding a claim from a sourced sentence (`claimcheck db new`): the sentence is read by
//! the checker's own stages (sentences, figures, people), each figure becomes a fact written
//! as the database accepts it ([`read`]), the content words nearest the figures become the
//! `about` groups ([`about`]), and a copy of the sentence with each figure altered becomes a
//! conflicting example ([`alter`]). The claim is then loaded and run on both sentences: a fact
//! that does not load, or that the checker does not find agreeing in its own sentence, is
//! left as a comment, and so is an altered sentence the checker does not find conflicting.
//! The claim is written `draft = true`: its figure is the curator's sentence's, not yet the
//! source's, so `check` skips it until a curator confirms it.

mod about;
mod alter;
mod read;
mod render;

use std::ops::Range;

use crate::check::{Verdict, check_with_drafts, figures_read_with};
use crate::db::Database;
use crate::lexicon::Lexicon;
use crate::text::{Words, tokenize};

pub use about::MAX_GROUPS;
pub use alter::STAND_IN_NAME;
pub use read::{ProposedFact, Skipped};

/// How many words after a figure its noun ("1,204 asylum applications") is looked for in.
const NOUN_WINDOW: usize = 4;

/// What `db new` is asked to scaffold.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The text holding the sourced sentence (one sentence, or a paragraph).
    pub text: &'a str,
    /// The source's URL.
    pub url: &'a str,
    /// The claim's id; `None`: made from the `about` words and the period.
    pub id: Option<&'a str>,
    /// The source's date (`YYYY-MM-DD`), until the curator writes the publication date.
    pub today: &'a str,
    /// Databases the claim will join (loaded with it, for their `[lexicon]`), as (name, text).
    pub context: &'a [(String, String)],
    /// Ids already taken: a made-up id gets a number to be unique.
    pub taken: &'a [String],
}

/// A scaffolded claim.
#[derive(Debug, Clone)]
pub struct Scaffold {
    pub id: String,
    /// The claim as TOML, ready to print or append.
    pub toml: String,
    /// The sentence it was made from.
    pub sentence: String,
    /// Which sentence of the text it is (1-based), and how many the text has.
    pub sentence_index: (usize, usize),
    /// The facts proposed, in the claim.
    pub facts: Vec<ProposedFact>,
    /// Figures read but not proposed, and why (comments in the TOML).
    pub skipped: Vec<Skipped>,
    /// Whether the claim has a conflicting example.
    pub has_conflict_example: bool,
}

/// Why no claim could be scaffolded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScaffoldError {
    #[error("the text is empty: give the sentence your source publishes")]
    Empty,
    #[error(
        "no figure in \"{0}\": `db new` needs a sentence that states a number, a date or a titled person; write the claim by hand (README, \"Claims for your own subject\")"
    )]
    NoFigure(String),
    #[error(
        "no words in \"{0}\" say what it is about (only numbers and function words): write the claim by hand"
    )]
    NoTerms(String),
    #[error("the checker reads no comparable figure in \"{sentence}\": {why}")]
    NothingComparable { sentence: String, why: String },
    #[error("the databases it joins do not load: {0}")]
    Context(String),
}

/// Chooses the sentence to scaffold: the first that states a figure other than a date, else
/// the first with a date or a person. Returns its range and index.
fn pick_sentence(text: &str, lex: &Lexicon) -> Result<(Range<usize>, usize, usize), ScaffoldError> {
    let spans: Vec<Range<usize>> = crate::text::sentences(text, lex)
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r| !text[r.clone()].trim().is_empty())
        .collect();
    let Some(first) = spans.first() else {
        return Err(ScaffoldError::Empty);
    };
    let n = spans.len();
    let score = |r: &Range<usize>| {
        let figures = figures_read_with(lex, text, r.clone());
        if figures
            .iter()
            .any(|(f, _)| f.kind() != crate::extract::Kind::When)
        {
            2
        } else if !figures.is_empty() || !people_in(text, r, lex).is_empty() {
            1
        } else {
            0
        }
    };
    let scored: Vec<usize> = spans.iter().map(score).collect();
    let best = scored.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return Err(ScaffoldError::NoFigure(collapse(&text[first.clone()])));
    }
    let k = scored.iter().position(|&s| s == best).unwrap_or(0);
    Ok((spans[k].clone(), k + 1, n))
}

fn people_in(text: &str, r: &Range<usize>, lex: &Lexicon) -> Vec<crate::people::Mention> {
    let w = Words::new(text, tokenize(text, r.clone()), lex);
    crate::people::mentions(text, &w)
        .into_iter()
        .filter(|m| m.titled || m.attributed)
        .collect()
}

/// One sentence's white space collapsed, for messages and TOML strings.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scaffolds a claim from the sourced sentence of `req.text`.
pub fn scaffold(req: &Request<'_>) -> Result<Scaffold, ScaffoldError> {
    let context = if req.context.is_empty() {
        None
    } else {
        Some(
            Database::from_sources(req.context)
                .map_err(|e| ScaffoldError::Context(e.to_string()))?,
        )
    };
    let lex: &Lexicon = match &context {
        Some(d) => &d.lexicon,
        None => Lexicon::english(),
    };
    let (range, index, of) = pick_sentence(req.text, lex)?;
    // The sentence on its own, white space collapsed: the statement, quote and examples.
    let sentence = collapse(&req.text[range.clone()]);
    let text = sentence.as_str();
    let whole = 0..text.len();
    let words = Words::new(text, tokenize(text, whole.clone()), lex);
    let figures = figures_read_with(lex, text, whole.clone());
    let mut facts = Vec::new();
    let mut skipped = Vec::new();
    let mut periods: Vec<String> = Vec::new();
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut anchors = Vec::new();
    for (k, (f, _)) in figures.iter().enumerate() {
        taken.push(f.toks.clone());
        let is_period = f.when().is_some_and(|d| period_of_others(&figures, k, &d));
        match read::fact_of(text, &whole, &words, f, is_period) {
            read::Reading::Fact(p) => {
                anchors.push(f.toks.start);
                facts.push(p);
            }
            read::Reading::Skip(s) => skipped.push(s),
            read::Reading::Period => {
                if let Some(s) = f
                    .when()
                    .as_ref()
                    .and_then(read::when_spelling)
                    .filter(|s| !periods.contains(s))
                {
                    periods.push(s);
                }
            }
        }
    }
    let has_figures = !facts.is_empty();
    for m in crate::people::mentions(text, &words)
        .into_iter()
        .filter(|m| m.titled || m.attributed)
    {
        taken.push(m.toks.clone());
        // The speaker of a sentence that states figures is not what it claims.
        let says = crate::people::verb_after(&words, m.toks.end)
            .is_some_and(|v| lex.people.attribution_verbs.contains(&words.norm[v]));
        if has_figures && says {
            skipped.push(Skipped {
                stated: text[m.span.clone()].to_string(),
                why: "the speaker, not what the sentence claims: add a person fact if the claim is who said it".into(),
            });
            continue;
        }
        if let Some(p) = read::person_fact(text, &whole, &words, &m) {
            anchors.push(m.toks.start);
            facts.push(p);
        }
    }
    if facts.is_empty() {
        return Err(if skipped.is_empty() {
            ScaffoldError::NoFigure(sentence.clone())
        } else {
            ScaffoldError::NothingComparable {
                sentence: sentence.clone(),
                why: skipped_list(&skipped),
            }
        });
    }
    let about = about::propose(text, &words, &taken, &anchors);
    if about.is_empty() {
        return Err(ScaffoldError::NoTerms(sentence.clone()));
    }
    let id = match req.id {
        Some(id) => id.to_string(),
        None => unique_id(&made_id(&about, &periods), req.taken),
    };
    let mut draft = render::Draft {
        id,
        sentence: sentence.clone(),
        about,
        periods,
        facts,
        left_out: Vec::new(),
        conflicts: Vec::new(),
        period_required: None,
        url: req.url.to_string(),
        today: req.today.to_string(),
        skipped,
    };
    verify(&mut draft, req.context)?;
    let has_conflict_example = !draft.conflicts.is_empty();
    Ok(Scaffold {
        id: draft.id.clone(),
        toml: draft.toml(),
        sentence,
        sentence_index: (index, of),
        facts: draft.facts.clone(),
        skipped: draft.skipped.clone(),
        has_conflict_example,
    })
}

/// Whether the date `d` (figure `k`) is the period of the sentence's other figures rather
/// than a date of its own: a month, a year or a span in a sentence that states other
/// figures, or a day the extractor gives another figure as its period.
fn period_of_others(
    figures: &[(crate::extract::Figure, Vec<crate::extract::When>)],
    k: usize,
    d: &crate::extract::When,
) -> bool {
    use crate::extract::{Kind, Precision};
    let others = figures
        .iter()
        .enumerate()
        .filter(|(j, (g, _))| *j != k && g.kind() != Kind::When);
    let mut others = others.peekable();
    if others.peek().is_none() {
        return false;
    }
    d.precision != Precision::Day || others.any(|(_, (_, ps))| ps.contains(d))
}

fn skipped_list(skipped: &[Skipped]) -> String {
    skipped
        .iter()
        .map(|s| format!("\"{}\" ({})", s.stated, s.why))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Loads the draft with the databases it joins; the claim's index, or the loader's message.
fn load(draft: &render::Draft, context: &[(String, String)]) -> Result<(Database, usize), String> {
    let mut sources = context.to_vec();
    sources.push(("<scaffold>".to_string(), draft.toml()));
    let db = Database::from_sources(&sources).map_err(|e| e.to_string())?;
    let ci = db
        .claims
        .iter()
        .position(|c| c.id == draft.id && c.origin == "<scaffold>")
        .ok_or_else(|| "the scaffold did not load".to_string())?;
    Ok((db, ci))
}

/// How the claim judges `sentence`: whether it agrees and whether it conflicts.
fn verdicts(
    draft: &render::Draft,
    context: &[(String, String)],
    sentence: &str,
) -> Result<(bool, bool), String> {
    let (db, ci) = load(draft, context)?;
    let found: Vec<Verdict> = check_with_drafts(&db, sentence)
        .into_iter()
        .filter(|f| f.claim == ci)
        .map(|f| f.verdict)
        .collect();
    Ok((
        found.contains(&Verdict::Agrees),
        found.contains(&Verdict::Conflicts),
    ))
}

/// Which of `facts` load and agree with the sentence each on its own claim (with `periods`
/// required or not); the others with the reason.
fn sort_facts(
    draft: &render::Draft,
    facts: &[ProposedFact],
    context: &[(String, String)],
) -> (Vec<ProposedFact>, Vec<(ProposedFact, Option<String>)>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for f in facts {
        let mut one = draft.clone();
        one.facts = vec![f.clone()];
        match verdicts(&one, context, &draft.sentence) {
            Ok((true, false)) => ok.push(f.clone()),
            Ok(_) => bad.push((
                f.clone(),
                Some("the checker does not find it agreeing in the sentence itself (see `explain --text`)".to_string()),
            )),
            Err(e) => bad.push((f.clone(), Some(loader_reason(&e)))),
        }
    }
    (ok, bad)
}

/// Keeps the facts that load and agree with their own sentence, and the altered sentences
/// the checker finds conflicting; the rest become comments. When the periods keep a figure
/// from being compared (the extractor gives it none), they are made optional.
fn verify(draft: &mut render::Draft, context: &[(String, String)]) -> Result<(), ScaffoldError> {
    let all = std::mem::take(&mut draft.facts);
    let (mut ok, mut bad) = sort_facts(draft, &all, context);
    if !bad.is_empty() && !draft.periods.is_empty() {
        let mut loose = draft.clone();
        loose.period_required = Some(false);
        let (ok2, bad2) = sort_facts(&loose, &all, context);
        if ok2.len() > ok.len() {
            draft.period_required = Some(false);
            (ok, bad) = (ok2, bad2);
        }
    }
    draft.facts = ok;
    draft.left_out = bad;
    // Together: the sentence must agree and not conflict (a fact that conflicts with
    // another's reading of the sentence is left out, last first).
    while !draft.facts.is_empty() {
        match verdicts(draft, context, &draft.sentence) {
            Ok((true, false)) => break,
            _ => {
                if let Some(f) = draft.facts.pop() {
                    draft.left_out.push((
                        f,
                        Some("with the other facts, the sentence itself does not agree".into()),
                    ));
                }
            }
        }
    }
    if draft.facts.is_empty() {
        let why = draft
            .left_out
            .iter()
            .map(|(f, e)| {
                format!(
                    "\"{}\" as a {} fact: {}",
                    f.stated,
                    f.kind.name(),
                    e.as_deref().unwrap_or("")
                )
            })
            .chain(
                draft
                    .skipped
                    .iter()
                    .map(|s| format!("\"{}\": {}", s.stated, s.why)),
            )
            .collect::<Vec<_>>()
            .join("; ");
        return Err(ScaffoldError::NothingComparable {
            sentence: draft.sentence.clone(),
            why,
        });
    }
    // The altered sentences: kept when the checker finds the slip.
    let candidates: Vec<String> = draft
        .facts
        .iter()
        .filter_map(|f| f.altered.clone())
        .collect();
    for s in candidates {
        if s == draft.sentence || draft.conflicts.contains(&s) {
            continue;
        }
        if let Ok((_, true)) = verdicts(draft, context, &s) {
            draft.conflicts.push(s);
        }
    }
    Ok(())
}

/// The loader's message without the position in the scaffold (the curator has no such file).
fn loader_reason(e: &str) -> String {
    let first = e.lines().next().unwrap_or(e);
    first
        .strip_prefix("<scaffold>:")
        .and_then(|r| r.split_once(": "))
        .map_or(first, |(_, m)| m)
        .to_string()
}

/// An id from the `about` words and the first period's year ("federal-deficit-2023").
fn made_id(about: &[String], periods: &[String]) -> String {
    let mut parts: Vec<String> = about
        .iter()
        .map(|t| {
            t.to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect::<String>()
        })
        .collect();
    if let Some(y) = periods
        .first()
        .map(|p| {
            p.chars()
                .filter(char::is_ascii_digit)
                .take(4)
                .collect::<String>()
        })
        .filter(|y| y.len() == 4)
    {
        parts.push(y);
    }
    let joined = parts.join("-");
    let id: Vec<&str> = joined.split('-').filter(|s| !s.is_empty()).collect();
    if id.is_empty() {
        "claim".to_string()
    } else {
        id.join("-")
    }
}

/// `id`, or `id-2`, `id-3`… when it is taken.
fn unique_id(id: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == id) {
        return id.to_string();
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| id.to_string())
}

/// Whether a claim id is well formed: lowercase letters, digits and `-`, not starting with
/// `-` (what the loader accepts).
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests;
