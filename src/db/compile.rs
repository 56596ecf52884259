//! Compiling a claim: sets expanded, terms compiled, periods parsed, sources and examples
//! checked; facts are compiled in [`super::compile_fact`].

use std::ops::Range;

use super::compile_fact::compile_fact;
use super::error::{DbErrorCode, Problems};
use super::limits::{MAX_TERM_BYTES, MAX_TERMS_PER_CLAIM};
use super::model::{Claim, Examples, Fact, Source};
use super::schema::RawClaim;
use crate::extract::{Precision, When};
use crate::policy::ClaimPolicy;
use crate::terms::{Term, TermError, TermGroup};
use toml::Spanned;

/// The code of an empty source key: a missing url or quote has its own.
fn source_key_code(key: &str) -> DbErrorCode {
    match key {
        "url" => DbErrorCode::SourceWithoutUrl,
        "quote" => DbErrorCode::SourceWithoutQuote,
        _ => DbErrorCode::Invalid,
    }
}

/// Replaces `"@name"` entries of every term list with the terms of the named set.
pub(super) fn expand_sets(
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
                        DbErrorCode::Invalid,
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
        let f = f.get_mut();
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
pub(super) fn count_terms(rc: &RawClaim) -> (usize, usize) {
    let groups = rc.about.iter().chain(&rc.conflict_requires);
    let lists = [&rc.excludes, &rc.anaphora].into_iter().chain(groups);
    let fact_lists = rc
        .fact
        .iter()
        .map(Spanned::get_ref)
        .flat_map(|f| [&f.nouns, &f.of, &f.is, &f.is_not, &f.than]);
    let names = rc
        .fact
        .iter()
        .flat_map(|f| &f.get_ref().people)
        .flat_map(|person| std::iter::once(&person.name).chain(&person.aliases));
    let all = lists.chain(fact_lists).flatten().chain(names);
    all.fold((0, 0), |(n, pats), t| {
        (n + 1, pats + usize::from(is_pattern(t)))
    })
}

pub(super) fn compile_group(
    terms: &[String],
    span: &Range<usize>,
    what: &str,
    p: &mut Problems,
) -> TermGroup {
    let mut out = Vec::new();
    for t in terms {
        if t.len() > MAX_TERM_BYTES {
            let head: String = t.chars().take(24).collect();
            p.within(
                span,
                &head,
                DbErrorCode::Invalid,
                format!(
                    "{what} term \"{head}…\" is {} bytes long; terms are phrases of at most {MAX_TERM_BYTES} bytes",
                    t.len()
                ),
            );
            continue;
        }
        match Term::compile(t) {
            Ok(term) => out.push(term),
            Err(e) => {
                let code = if e == TermError::MatchesEmpty {
                    DbErrorCode::EmptyMatch
                } else {
                    DbErrorCode::Invalid
                };
                p.within(span, t, code, format!("{what} term \"{t}\": {e}"))
            }
        }
    }
    TermGroup { terms: out }
}

pub(super) fn compile_claim(
    rc: RawClaim,
    span: &Range<usize>,
    path: &str,
    line: usize,
    p: &mut Problems,
    lex: &crate::lexicon::Lexicon,
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
            &rc.id, DbErrorCode::Invalid,
            format!(
                "claim id `{}` must be lowercase letters, digits and '-' (like `river-length-2020`)",
                rc.id
            ),
        );
    }
    if rc.statement.trim().is_empty() {
        p.within(
            span,
            "statement",
            DbErrorCode::Invalid,
            "`statement` is empty: state the claim in one sentence",
        );
    }
    if rc.about.is_empty() {
        p.within(
            span,
            &rc.id,
            DbErrorCode::Invalid,
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
                    DbErrorCode::Invalid,
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
            "about", DbErrorCode::Invalid,
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
                s, DbErrorCode::Invalid,
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
            DbErrorCode::Invalid,
            "`period-required` is set but `period` is empty",
        );
    }
    if rc.fact.is_empty() {
        p.within(
            span,
            &rc.id,
            DbErrorCode::Invalid,
            format!(
                "claim `{}` has no `[[claim.fact]]`: add at least one fact to check",
                rc.id
            ),
        );
    }
    // Each fact's and source's problems are looked for in its own table: from its header to
    // the next header of the claim (the parser's span covers the header only).
    let mut headers: Vec<usize> = rc
        .fact
        .iter()
        .map(|f| f.span().start)
        .chain(rc.source.iter().map(|s| s.span().start))
        .collect();
    headers.sort_unstable();
    let region = |start: usize| {
        let end = headers
            .iter()
            .find(|&&h| h > start)
            .copied()
            .unwrap_or(span.end);
        start..end.max(start)
    };
    let facts: Vec<Fact> = rc
        .fact
        .iter()
        .filter_map(|f| compile_fact(f.get_ref(), &region(f.span().start), p, lex))
        .collect();
    if rc.source.is_empty() {
        p.within(
            span,
            &rc.id,
            DbErrorCode::MissingSource,
            format!(
                "claim `{}` has no `[[claim.source]]`: every claim needs a source",
                rc.id
            ),
        );
    }
    let mut sources = Vec::new();
    for spanned in &rc.source {
        let s = spanned.get_ref();
        let span = &region(spanned.span().start);
        for (key, v) in [
            ("title", &s.title),
            ("publisher", &s.publisher),
            ("url", &s.url),
            ("date", &s.date),
            ("quote", &s.quote),
        ] {
            if v.trim().is_empty() {
                p.within(
                    span,
                    key,
                    source_key_code(key),
                    format!("source `{key}` is empty"),
                );
            }
        }
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            p.within(
                span,
                &s.url,
                DbErrorCode::SourceWithoutUrl,
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
                DbErrorCode::Invalid,
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
                DbErrorCode::Invalid,
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
            p.within(span, key, DbErrorCode::Invalid, format!("`{key}` = {v} is out of range: bound-reach is a factor of at least 1, lookalike-near a share from 0 to 1"));
        }
    }
    if p.count > before {
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
        policy,
        facts,
        sources,
        examples,
        draft: rc.draft,
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
