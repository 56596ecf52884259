//! The engine: finds the sentences that are about a claim and judges what they state.
//!
//! One prefilter pass over the text finds paragraphs that mention any claim's terms; only
//! those are split into sentences, and only sentences whose frame matches a claim have their
//! figures extracted. The engine returns findings with byte spans and never formats text.

use std::cell::OnceCell;
use std::ops::Range;

use crate::db::{Claim, Database, Fact, FactKind};
use crate::extract::{self, Bound, Figure, Kind, When};
use crate::people;
use crate::terms::{Term, TermGroup, Words};
use crate::text::{self, TokKind};

/// The checker's judgement of a sentence against a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// What the sentence states is consistent with the sources.
    Agrees,
    /// The sentence states something else for the same measure.
    Conflicts,
}

impl Verdict {
    /// The wire spelling: `agrees` or `conflicts`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Agrees => "agrees",
            Verdict::Conflicts => "conflicts",
        }
    }
}

/// One sentence judged against one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the claim in `Database::claims`.
    pub claim: usize,
    /// Index of the deciding fact in the claim's facts.
    pub fact: usize,
    pub verdict: Verdict,
    /// Byte span of the sentence.
    pub sentence: Range<usize>,
    /// Byte span of what the sentence states (the figure, date or name), or of the sentence.
    pub span: Range<usize>,
    /// The words at `span`: what the text states.
    pub stated: String,
    /// The claim was recognised with help from the previous sentence.
    pub with_previous: bool,
}

/// A sentence and what has been worked out about it so far.
struct Sentence {
    range: Range<usize>,
    /// Tokenized on first use: most sentences of a candidate paragraph are ruled out by the
    /// prefilter's hits before any term is matched.
    words: OnceCell<Words>,
    analysis: OnceCell<Analysis>,
}

/// The figures of a sentence and the periods each one is stated for.
struct Analysis {
    figures: Vec<Figure>,
    /// For each figure, the periods that apply to it (its own, or the sentence's).
    periods: Vec<Vec<When>>,
}

impl Sentence {
    fn new(range: Range<usize>) -> Sentence {
        Sentence {
            range,
            words: OnceCell::new(),
            analysis: OnceCell::new(),
        }
    }

    fn words(&self, text: &str) -> &Words {
        self.words
            .get_or_init(|| Words::new(text, text::tokenize(text, self.range.clone())))
    }

    fn analysis(&self, text: &str) -> &Analysis {
        self.analysis.get_or_init(|| {
            let figures = extract::figures(text, self.words(text));
            let mut periods = assign_periods(&figures);
            pair_span_endpoints(self.words(text), &figures, &mut periods);
            Analysis { figures, periods }
        })
    }

    fn has(&self, text: &str, g: &TermGroup) -> bool {
        g.occurs(text, self.words(text))
    }
}

fn is_quantity(k: Kind) -> bool {
    matches!(
        k,
        Kind::Count | Kind::Share | Kind::Mass | Kind::Multiplier | Kind::Money
    )
}

/// Gives each period to the nearest quantity (ties go to the quantity before it: "5,544 in
/// 2014"); a quantity that owns none is stated for every period of the sentence.
fn assign_periods(figs: &[Figure]) -> Vec<Vec<When>> {
    let gap = |q: &Figure, f: &Figure| {
        if q.toks.end <= f.toks.start {
            (f.toks.start - q.toks.end, 0)
        } else if f.toks.end <= q.toks.start {
            (q.toks.start - f.toks.end, 1)
        } else {
            (0, 0)
        }
    };
    // Each period goes to its nearest quantity; a quantity keeps only its nearest periods
    // ("risen every year since 2018, reaching about 70,000 in 2021": 70,000 is for 2021).
    let mut own: Vec<Vec<(usize, When)>> = vec![Vec::new(); figs.len()];
    let all: Vec<When> = figs.iter().filter_map(|f| f.when).collect();
    for f in figs {
        let Some(w) = f.when else { continue };
        if let Some((qi, q)) = figs
            .iter()
            .enumerate()
            .filter(|(_, q)| is_quantity(q.kind))
            .min_by_key(|(_, q)| gap(q, f))
        {
            own[qi].push((gap(q, f).0, w));
        }
    }
    figs.iter()
        .zip(own)
        .map(|(f, o)| {
            if !is_quantity(f.kind) {
                Vec::new()
            } else if o.is_empty() {
                all.clone()
            } else {
                let nearest = o.iter().map(|(d, _)| *d).min().unwrap_or(0);
                o.into_iter()
                    .filter(|(d, _)| *d == nearest)
                    .map(|(_, w)| w)
                    .collect()
            }
        })
        .collect()
}

/// "Between 2014 and 2021, deaths rose from 5,544 to more than 70,000": the span's first year
/// belongs to the figure after "from", its last year to the figure after "to".
fn pair_span_endpoints(w: &Words, figs: &[Figure], periods: &mut [Vec<When>]) {
    let Some(span) = figs.iter().filter_map(|f| f.when).find(|p| {
        p.precision == extract::Precision::Span && p.lo % 10000 == 101 && p.hi % 10000 == 1231
    }) else {
        return;
    };
    let quantities: Vec<usize> = (0..figs.len())
        .filter(|&i| is_quantity(figs[i].kind))
        .collect();
    for pair in quantities.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let after =
            |i: usize, word: &str| figs[i].toks.start > 0 && w.is(figs[i].toks.start - 1, word);
        let only_span = |i: usize| periods[i].iter().all(|p| *p == span);
        if figs[a].kind == figs[b].kind
            && after(a, "from")
            && after(b, "to")
            && only_span(a)
            && only_span(b)
        {
            let year = |y: u32| When::parse(&y.to_string());
            if let (Some(first), Some(last)) = (year(span.lo / 10000), year(span.hi / 10000)) {
                periods[a] = vec![first];
                periods[b] = vec![last];
            }
        }
    }
}

/// Longest sentence the checker reads.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Checks a whole text against the database.
pub fn check(db: &Database, text: &str) -> Vec<Finding> {
    let mut hits: Vec<(usize, &[(usize, usize)])> = db.hits(text).collect();
    hits.sort_by_key(|h| h.0);
    let mut out = Vec::new();
    let mut k = 0;
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut claims: Vec<usize> = Vec::new();
    while k < hits.len() {
        let para = text::paragraph_bounds(text, hits[k].0);
        // Every pass takes at least this hit, even one the paragraph does not hold (at the end
        // of the text or on a blank line), so the loop always ends.
        let taken = para.end.max(hits[k].0 + 1);
        groups.clear();
        let first_hit = k;
        while k < hits.len() && hits[k].0 < taken {
            groups.extend_from_slice(hits[k].1);
            k += 1;
        }
        groups.sort_unstable();
        groups.dedup();
        // A claim is a candidate only if every plain group of it has a hit in the paragraph.
        claims.clear();
        for run in groups.chunk_by(|a, b| a.0 == b.0) {
            if run.len() == db.plain_groups(run[0].0) {
                claims.push(run[0].0);
            }
        }
        if !claims.is_empty() {
            check_paragraph(db, text, para, &claims, &hits[first_hit..k], &mut out);
        }
    }
    out
}

fn check_paragraph(
    db: &Database,
    text: &str,
    para: Range<usize>,
    claims: &[usize],
    hits: &[(usize, &[(usize, usize)])],
    out: &mut Vec<Finding>,
) {
    // Prose sentences are far shorter; a "sentence" of many kilobytes is a table, a dump or
    // a file with no punctuation, and frame matching on it would cost tokens × terms.
    let sentences: Vec<Sentence> = text::split_sentences(text, para)
        .into_iter()
        .filter(|r| r.len() <= MAX_SENTENCE_BYTES)
        .map(Sentence::new)
        .collect();
    // The (claim, group) hits of the prefilter in each sentence: a plain group can only match
    // a sentence holding one of its literals, so most (claim, sentence) pairs are ruled out
    // here without matching a single term.
    let mut in_sentence: Vec<Vec<(usize, usize)>> = Vec::with_capacity(sentences.len());
    let mut h = 0;
    for s in &sentences {
        while h < hits.len() && hits[h].0 < s.range.start {
            h += 1;
        }
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut j = h;
        while j < hits.len() && hits[j].0 < s.range.end {
            found.extend_from_slice(hits[j].1);
            j += 1;
        }
        found.sort_unstable();
        found.dedup();
        in_sentence.push(found);
    }
    let mut near: Vec<(usize, usize)> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let prev = si.checked_sub(1).map(|p| &sentences[p]);
        near.clear();
        near.extend_from_slice(&in_sentence[si]);
        if let Some(p) = si.checked_sub(1) {
            near.extend_from_slice(&in_sentence[p]);
            near.sort_unstable();
            near.dedup();
        }
        for &ci in claims {
            let lo = near.partition_point(|&(c, _)| c < ci);
            let hi = near.partition_point(|&(c, _)| c <= ci);
            if hi - lo < db.plain_groups(ci) {
                continue;
            }
            if let Some(f) = judge(&db.claims[ci], ci, text, s, prev) {
                out.push(f);
            }
        }
    }
}

/// How one `about` group of a claim matched a sentence (see [`frame_report`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMatch {
    /// The group's terms as written in the database.
    pub terms: Vec<String>,
    /// The first of the group's terms found: in the sentence, or (when `carried`) in the
    /// previous sentence of the paragraph. `None`: the group is missing.
    pub term: Option<String>,
    /// The group was found only in the previous sentence.
    pub carried: bool,
}

/// How a sentence's frame matches a claim: what decides whether the checker goes on to judge
/// the claim's facts on it. Only [`frame_report`] fills `groups`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrameReport {
    /// Each `about` group, in database order.
    pub groups: Vec<GroupMatch>,
    /// Every `about` group was found, in the sentence or in the previous one.
    pub all_groups: bool,
    /// Some group was found only in the previous sentence.
    pub carried: bool,
    /// Some group was found in the sentence itself.
    pub here: bool,
    /// The anaphor found in the sentence (looked for only when a group is carried).
    pub anaphor: Option<String>,
    /// The `excludes` term that fired, and whether it was in the previous sentence.
    pub excluded_by: Option<(String, bool)>,
    /// The sentence is about the claim: its facts are judged.
    pub matched: bool,
}

/// The first term of a group that occurs in a sentence.
fn first_term<'c>(g: &'c TermGroup, text: &str, s: &Sentence) -> Option<&'c Term> {
    g.terms.iter().find(|t| t.occurs(text, s.words(text)))
}

/// The frame of a sentence for a claim: every `about` group here, or in the previous sentence
/// of the paragraph; no `excludes` term; and, when the subject is carried, a term of the claim
/// or an anaphor here and no `excludes` term in the previous sentence. With `full`, every part
/// is worked out and described; without, the work stops as soon as the answer is known.
fn frame(
    claim: &Claim,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
    full: bool,
) -> FrameReport {
    let mut r = FrameReport {
        all_groups: true,
        ..FrameReport::default()
    };
    for g in &claim.about {
        let (term, carried) = match first_term(g, text, s) {
            Some(t) => {
                r.here = true;
                (Some(t), false)
            }
            None => match prev.and_then(|p| first_term(g, text, p)) {
                Some(t) => {
                    r.carried = true;
                    (Some(t), true)
                }
                None => (None, false),
            },
        };
        if term.is_none() {
            r.all_groups = false;
            if !full {
                return r;
            }
        }
        if full {
            r.groups.push(GroupMatch {
                terms: g.terms.iter().map(|t| t.source().to_string()).collect(),
                term: term.map(|t| t.source().to_string()),
                carried,
            });
        }
    }
    if let Some(t) = first_term(&claim.excludes, text, s) {
        r.excluded_by = Some((t.source().to_string(), false));
        if !full {
            return r;
        }
    }
    if r.carried {
        r.anaphor = first_term(&claim.anaphora, text, s).map(|t| t.source().to_string());
        if r.excluded_by.is_none()
            && let Some(t) = prev.and_then(|p| first_term(&claim.excludes, text, p))
        {
            r.excluded_by = Some((t.source().to_string(), true));
        }
    }
    r.matched =
        r.all_groups && r.excluded_by.is_none() && (!r.carried || r.here || r.anaphor.is_some());
    r
}

/// How the checker reads a sentence's frame for one claim: which `about` groups matched (and
/// which were carried from `prev`, the previous sentence of the same paragraph), the anaphor,
/// and the `excludes` term that fired. Side-effect free; `check` decides with the same code.
pub fn frame_report(
    claim: &Claim,
    text: &str,
    sentence: Range<usize>,
    prev: Option<Range<usize>>,
) -> FrameReport {
    let s = Sentence::new(sentence);
    let p = prev.map(Sentence::new);
    frame(claim, text, &s, p.as_ref(), true)
}

/// The figures the checker extracts from a sentence, each with the periods it is taken to be
/// stated for (its own or the sentence's).
pub fn sentence_figures(text: &str, sentence: Range<usize>) -> Vec<(Figure, Vec<When>)> {
    let s = Sentence::new(sentence);
    let an = s.analysis(text);
    an.figures
        .iter()
        .cloned()
        .zip(an.periods.iter().cloned())
        .collect()
}

/// Every sentence of a text as the checker splits it: paragraphs (runs of non-blank lines)
/// split into sentences, without those longer than [`MAX_SENTENCE_BYTES`], which the checker
/// skips. Each sentence comes with its paragraph's index.
pub fn sentences(text: &str) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut paragraph = 0;
    let mut pos = 0;
    let mut flush = |start: usize, end: usize, out: &mut Vec<(usize, Range<usize>)>| {
        for r in text::split_sentences(text, start..end) {
            if r.len() <= MAX_SENTENCE_BYTES {
                out.push((paragraph, r));
            }
        }
        paragraph += 1;
    };
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let blank = text[pos..end].bytes().all(|c| c.is_ascii_whitespace());
        match (blank, para_start) {
            (true, Some(start)) => {
                // The paragraph ends where its last line does (without the newline).
                flush(start, pos.saturating_sub(1).max(start), &mut out);
                para_start = None;
            }
            (false, None) => para_start = Some(pos),
            _ => {}
        }
        pos = end + 1;
    }
    if let Some(start) = para_start {
        flush(start, text.len(), &mut out);
    }
    out
}

/// What one fact makes of a sentence.
#[derive(Debug, Clone)]
enum Outcome {
    Agree(Range<usize>),
    Conflict(Range<usize>),
    Silent,
    /// The sentence states a known figure of a neighbouring measure: it is about something
    /// else, and the whole claim stays silent.
    Lookalike,
}

fn judge(
    claim: &Claim,
    ci: usize,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
) -> Option<Finding> {
    let frame = frame(claim, text, s, prev, false);
    if !frame.matched {
        return None;
    }
    let carried = frame.carried;
    let anaphor = frame.anaphor.is_some();
    // Without an anaphor, a subject carried from the previous sentence is a guess: agree
    // only. Likewise when the claim's conflict-requires terms are absent.
    let can_conflict = (!carried || anaphor)
        && claim
            .conflict_requires
            .iter()
            .all(|g| s.has(text, g) || (anaphor && prev.is_some_and(|p| p.has(text, g))));
    // A sentence dated to another time is about another event: the claim's period gates its
    // date, person and assertion facts (quantities are matched to periods figure by figure).
    let other_time = !claim.period.is_empty() && {
        let stated: Vec<When> = s
            .analysis(text)
            .figures
            .iter()
            .filter_map(|f| f.when)
            .filter(|w| w.precision != extract::Precision::Relative)
            .collect();
        !stated.is_empty()
            && !stated
                .iter()
                .any(|w| claim.period.iter().any(|p| p.overlaps(w)))
    };
    let mut first_agree: Option<(usize, Range<usize>)> = None;
    let mut first_conflict: Option<(usize, Range<usize>)> = None;
    for (fi, fact) in claim.facts.iter().enumerate() {
        let dated = matches!(
            fact.kind,
            FactKind::Date | FactKind::Person | FactKind::Assertion
        );
        if dated && other_time {
            continue;
        }
        match judge_fact(claim, fact, text, s) {
            Outcome::Agree(span) => {
                first_agree.get_or_insert((fi, span));
            }
            Outcome::Conflict(span) => {
                first_conflict.get_or_insert((fi, span));
            }
            Outcome::Silent => {}
            Outcome::Lookalike => return None,
        }
    }
    let (verdict, (fact, span)) = match (first_conflict, first_agree) {
        (Some(c), _) if can_conflict => (Verdict::Conflicts, c),
        // A conflict we may not report makes any agreement doubtful too.
        (Some(_), _) => return None,
        (None, Some(a)) => (Verdict::Agrees, a),
        (None, None) => return None,
    };
    Some(Finding {
        claim: ci,
        fact,
        verdict,
        sentence: s.range.clone(),
        stated: text[span.clone()].to_string(),
        span,
        with_previous: carried,
    })
}

fn judge_fact(claim: &Claim, fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    match fact.kind {
        FactKind::Count
        | FactKind::Rate
        | FactKind::Share
        | FactKind::Mass
        | FactKind::Multiplier => judge_quantity(claim, fact, text, s),
        FactKind::Date => judge_date(fact, text, s),
        FactKind::Person => judge_person(fact, text, s),
        FactKind::Assertion => judge_assertion(fact, text, s),
    }
}

/// Intervals meet (with a little slack for unit conversions).
fn meets(lo: f64, hi: f64, a: (f64, f64)) -> bool {
    let eps = 1e-9 * a.0.abs().max(a.1.abs()).max(1.0);
    lo <= a.1 + eps && a.0 <= hi + eps
}

fn judge_quantity(claim: &Claim, fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    let an = s.analysis(text);
    let w = s.words(text);
    let mut agree: Option<Range<usize>> = None;
    let mut conflict: Option<Range<usize>> = None;
    let mut lookalike = false;
    for (fi, f) in an.figures.iter().enumerate() {
        let fits = match fact.kind {
            FactKind::Count => f.kind == Kind::Count && f.per.is_none(),
            FactKind::Rate => f.kind == Kind::Count && f.per.is_some() && f.per == fact.per,
            FactKind::Share => f.kind == Kind::Share,
            FactKind::Mass => f.kind == Kind::Mass,
            FactKind::Multiplier => f.kind == Kind::Multiplier,
            _ => false,
        };
        // People and things are counted in whole numbers: an unscaled "21.8" is a rate or an
        // average, never such a count ("1.2 million" and "70.6k" are whole).
        let fractional = f.bound == Bound::Exact && f.lo == f.hi && f.lo.fract() != 0.0;
        if !fits
            || !period_fits(claim, &an.periods[fi])
            || (fact.kind == FactKind::Count && fractional)
        {
            continue;
        }
        let binding = match fact.kind {
            FactKind::Count | FactKind::Rate => noun_binding(text, w, f, &fact.nouns),
            FactKind::Share | FactKind::Mass => of_binding(text, w, f, &fact.of),
            FactKind::Multiplier => match than_binding(text, w, f, &fact.than) {
                Binding::Unbound => Binding::Other, // a comparator must be stated
                b => b,
            },
            _ => Binding::Unbound,
        };
        if binding == Binding::Other {
            continue;
        }
        let (mut lo, mut hi) = (f.lo, f.hi);
        if fact.kind == FactKind::Share
            && !(fact.is.terms.is_empty() && fact.is_not.terms.is_empty())
        {
            match share_polarity(text, w, &an.figures, fi, fact) {
                Some(true) => (lo, hi) = (100.0 - hi, 100.0 - lo),
                Some(false) => {}
                // With an opposite to tell apart, a share of neither is a share of something
                // else; without one, `is` only serves to catch negation.
                None if !fact.is_not.terms.is_empty() => continue,
                None => {}
            }
        }
        // A known neighbouring figure decides first: even a loosely agreeing bound ("more
        // than 12,000 pounds" at ports of entry) is then about the other measure.
        if fact
            .lookalikes
            .iter()
            .any(|l| l.when.is_none() && fits_lookalike(f, lo, hi, (l.lo, l.hi)))
            && !meets(lo, hi, exact_value(fact))
        {
            lookalike = true;
        } else if meets(lo, hi, fact.agree) {
            if !loose_bound(f, fact) {
                agree.get_or_insert(f.span.clone());
            }
        } else if meets(lo, hi, fact.near) {
            // A near miss: say nothing.
        } else {
            conflict.get_or_insert(f.span.clone());
        }
    }
    if lookalike && agree.is_none() {
        return Outcome::Lookalike;
    }
    match (agree, conflict) {
        (Some(a), _) => Outcome::Agree(a),
        (None, Some(c)) => Outcome::Conflict(c),
        (None, None) => Outcome::Silent,
    }
}

/// How far past a one-sided bound the sources' figure may lie for the bound to state it:
/// "over 70,000" states 70,601; "over 150 a day" does not state 202 a day (it is another
/// year's figure), although it holds.
const BOUND_REACH: f64 = 1.25;

/// A bound that holds but is too loose to be about the claim's figure (never for shares:
/// "fewer than one in five were non-citizens" fairly states 13.7%).
fn loose_bound(f: &Figure, fact: &Fact) -> bool {
    if fact.kind == FactKind::Share {
        return false;
    }
    match f.bound {
        Bound::AtLeast => fact.agree.0 > f.lo * BOUND_REACH,
        Bound::AtMost => fact.agree.1 * BOUND_REACH < f.hi,
        _ => false,
    }
}

/// The sources' own figure as an interval (or the agreeing range when there is no value):
/// a figure that states it exactly is never taken for a look-alike.
fn exact_value(fact: &Fact) -> (f64, f64) {
    fact.value.map_or(fact.agree, |v| (v, v))
}

/// Whether a stated interval reads as a known neighbouring figure. A one-sided statement
/// ("more than 100,000", "fewer than a third", "most") fits only when its bound lies near the
/// look-alike: "more than 100,000" reads as the 106,699 all-drug deaths, "fewer than a third"
/// does not read as 8.5%.
fn fits_lookalike(f: &Figure, lo: f64, hi: f64, l: (f64, f64)) -> bool {
    if !matches!(f.bound, Bound::AtLeast | Bound::AtMost | Bound::Quantifier) {
        return meets(lo, hi, l);
    }
    const NEAR: f64 = 0.10;
    let max = if f.kind == Kind::Share {
        100.0
    } else {
        f64::INFINITY
    };
    // The ends that the words state (not the ends of the scale).
    [(lo, lo > 0.0), (hi, hi < max)]
        .into_iter()
        .any(|(e, stated)| stated && e >= l.0 * (1.0 - NEAR) && e <= l.1 * (1.0 + NEAR))
}

/// Whether a figure's periods allow comparing it with the claim.
fn period_fits(claim: &Claim, periods: &[When]) -> bool {
    if claim.period.is_empty() {
        return true;
    }
    if periods.is_empty() {
        return !claim.period_required;
    }
    periods
        .iter()
        .any(|w| claim.period.iter().any(|p| p.same_period(w)))
}

/// How a figure relates to the words a fact expects around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Binding {
    /// The expected noun, substance or comparator is stated with the figure.
    Matches,
    /// Something else is: "12 executives" for a count of companies.
    Other,
    /// Nothing is said right at the figure ("5,544 in 2014").
    Unbound,
}

/// Words that may follow a number without naming what it counts.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "in" | "of"
            | "to"
            | "from"
            | "for"
            | "on"
            | "at"
            | "by"
            | "with"
            | "and"
            | "or"
            | "but"
            | "were"
            | "was"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "that"
            | "which"
            | "who"
            | "this"
            | "these"
            | "those"
            | "since"
            | "during"
            | "between"
            | "than"
            | "as"
            | "a"
            | "an"
            | "the"
            | "per"
            | "each"
            | "every"
            | "according"
            | "after"
            | "before"
            | "while"
            | "when"
            | "where"
            | "more"
            | "less"
            | "fewer"
            | "over"
            | "under"
            | "last"
            | "this year"
            | "alone"
            | "total"
            | "overall"
            | "altogether"
            | "annually"
            | "daily"
            | "die"
            | "died"
            | "dying"
            | "die,"
            | "across"
            | "nationwide"
            | "within"
            | "through"
            | "into"
            | "up"
            | "down"
            | "out"
            | "about"
            | "around"
            | "it"
            | "they"
            | "we"
            | "he"
            | "she"
            | "there"
            | "here"
            | "now"
            | "then"
            | "also"
            | "only"
            | "just"
            | "already"
    )
}

fn is_verb_like(w: &str) -> bool {
    w.len() > 3 && w.ends_with("ed")
}

/// Where the first word after a figure leaves it: `Unbound` for punctuation, function words and
/// verbs; `Other` for anything else (a noun we do not expect).
fn first_word_binding(w: &Words, at: usize) -> Binding {
    match w.toks.get(at) {
        None => Binding::Unbound,
        Some(t) if t.kind != TokKind::Word => Binding::Unbound,
        Some(_) => {
            let x = &w.norm[at];
            if is_function_word(x) || is_verb_like(x) {
                Binding::Unbound
            } else {
                Binding::Other
            }
        }
    }
}

/// Whether a term of `group` starts at a token in `from..to`, without crossing punctuation or
/// another number.
fn group_in_window(text: &str, w: &Words, group: &TermGroup, from: usize, to: usize) -> bool {
    let to = to.min(w.toks.len());
    let mut stop = to;
    for k in from..to {
        let t = w.toks[k];
        if (t.kind == TokKind::Punct && !w.is_joiner(k)) || (t.kind == TokKind::Number && k > from)
        {
            stop = k;
            break;
        }
    }
    group
        .find_all(text, w)
        .iter()
        .any(|&(a, _)| a >= from && a < stop)
}

/// A count's noun: "70,000 overdose deaths", "eight Chinese companies".
fn noun_binding(text: &str, w: &Words, f: &Figure, nouns: &TermGroup) -> Binding {
    if nouns.terms.is_empty() {
        return Binding::Unbound;
    }
    if group_in_window(text, w, nouns, f.after, f.after + 4) {
        return Binding::Matches;
    }
    // "200 a day": look past the rate words.
    first_word_binding(w, f.after)
}

/// A share's or mass's "of …": "86% of fentanyl trafficking offenders", "900 pounds of
/// fentanyl", "most drugs".
fn of_binding(text: &str, w: &Words, f: &Figure, of: &TermGroup) -> Binding {
    // "mostly", "predominantly": adverbs; what follows is a verb, not what they are a share of.
    if of.terms.is_empty() || (f.bound == Bound::Quantifier && w.norm[f.toks.start].ends_with("ly"))
    {
        return Binding::Unbound;
    }
    let mut k = f.after;
    let had_of = w.is(k, "of");
    if had_of {
        k += 1;
    }
    if group_in_window(text, w, of, k, k + 5) {
        return Binding::Matches;
    }
    if had_of {
        return Binding::Other;
    }
    first_word_binding(w, k)
}

/// A multiplier's comparator: "50 times more powerful than heroin", "as potent as heroin".
fn than_binding(text: &str, w: &Words, f: &Figure, than: &TermGroup) -> Binding {
    let end = (f.after + 6).min(w.toks.len());
    for k in f.after..end {
        if w.is(k, "than") || (w.is(k, "as") && k > f.after) || w.is(k, "of") {
            return if group_in_window(text, w, than, k + 1, k + 4) {
                Binding::Matches
            } else {
                Binding::Other
            };
        }
        if w.toks[k].kind == TokKind::Punct && !w.is_joiner(k) {
            break;
        }
    }
    Binding::Unbound
}

/// Negation just before token `at`: "not", "n't", "never", "rather than", "instead of".
fn negated_before(w: &Words, at: usize) -> bool {
    let from = at.saturating_sub(3);
    (from..at).any(|k| {
        let x = w.norm[k].as_str();
        matches!(x, "not" | "never" | "no" | "rather" | "instead" | "non") || x.ends_with("n't")
    })
}

/// Whether a share is stated of the claim's predicate (`Some(false)`), of its opposite or
/// negated (`Some(true)`: the complement), or of neither (`None`).
fn share_polarity(text: &str, w: &Words, figs: &[Figure], fi: usize, fact: &Fact) -> Option<bool> {
    let f = &figs[fi];
    let next_share = figs[fi + 1..]
        .iter()
        .find(|g| g.kind == Kind::Share)
        .map_or(w.toks.len(), |g| g.toks.start);
    let prev_share = figs[..fi]
        .iter()
        .rev()
        .find(|g| g.kind == Kind::Share)
        .map_or(0, |g| g.toks.end);
    let mut marks: Vec<(usize, bool)> = fact
        .is
        .find_all(text, w)
        .into_iter()
        .map(|(a, _)| (a, false))
        .chain(
            fact.is_not
                .find_all(text, w)
                .into_iter()
                .map(|(a, _)| (a, true)),
        )
        .collect();
    marks.sort();
    let pick = marks
        .iter()
        .find(|(a, _)| *a >= f.after && *a < next_share)
        .or_else(|| {
            marks
                .iter()
                .rev()
                .find(|(a, _)| *a < f.toks.start && *a >= prev_share)
        });
    pick.map(|&(a, opposite)| opposite != negated_before(w, a))
}

fn judge_date(fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    let Some(truth) = fact.date else {
        return Outcome::Silent;
    };
    let an = s.analysis(text);
    let mut conflict = None;
    let mut lookalike = false;
    for f in &an.figures {
        let Some(w) = f.when else { continue };
        if w.precision == extract::Precision::Relative {
            continue;
        }
        if w.overlaps(&truth) {
            return Outcome::Agree(f.span.clone());
        }
        if fact
            .lookalikes
            .iter()
            .any(|l| l.when.is_some_and(|lw| lw.overlaps(&w)))
        {
            lookalike = true;
            continue;
        }
        conflict.get_or_insert(f.span.clone());
    }
    if lookalike {
        return Outcome::Lookalike;
    }
    conflict.map_or(Outcome::Silent, Outcome::Conflict)
}

fn judge_person(fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    let w = s.words(text);
    let named = |range: &Range<usize>| {
        fact.people.iter().any(|p| {
            p.names
                .find_all(text, w)
                .iter()
                .any(|&(a, b)| a >= range.start && b <= range.end)
        })
    };
    let first_named = fact
        .people
        .iter()
        .flat_map(|p| p.names.find_all(text, w))
        .min()
        .map(|(a, b)| w.toks[a].start..w.toks[b - 1].end);
    let mentions = people::mentions(text, w);
    if fact.any_of {
        if let Some(m) = mentions.iter().find(|m| m.titled && !named(&m.toks)) {
            return Outcome::Conflict(m.span.clone());
        }
    } else if first_named.is_none()
        && let Some(m) = mentions.iter().find(|m| m.attributed && !named(&m.toks))
    {
        return Outcome::Conflict(m.span.clone());
    }
    first_named.map_or(Outcome::Silent, Outcome::Agree)
}

fn judge_assertion(fact: &Fact, text: &str, s: &Sentence) -> Outcome {
    let w = s.words(text);
    let mut agree = None;
    let mut conflict = None;
    for (group, opposite) in [(&fact.is, false), (&fact.is_not, true)] {
        for (a, b) in group.find_all(text, w) {
            let span = w.toks[a].start..w.toks[b - 1].end;
            if opposite != negated_before(w, a) {
                conflict.get_or_insert(span);
            } else {
                agree.get_or_insert(span);
            }
        }
    }
    match (agree, conflict) {
        (Some(a), None) => Outcome::Agree(a),
        (None, Some(c)) => Outcome::Conflict(c),
        _ => Outcome::Silent, // both or neither: not sure
    }
}

/// An example sentence whose verdict is not the one the database expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub claim_id: String,
    pub sentence: String,
    /// `agrees`, `conflicts` or `silent`.
    pub expected: &'static str,
    /// What the checker said about this claim: `agrees`, `conflicts`, `silent` (or both).
    pub found: String,
}

/// Runs every claim's example sentences through the checker, each sentence on its own.
pub fn run_examples(db: &Database) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for (ci, claim) in db.claims.iter().enumerate() {
        let groups: [(&'static str, &Vec<String>); 3] = [
            ("agrees", &claim.examples.agrees),
            ("conflicts", &claim.examples.conflicts),
            ("silent", &claim.examples.silent),
        ];
        for (expected, sentences) in groups {
            for sentence in sentences {
                let mut verdicts: Vec<&str> = check(db, sentence)
                    .into_iter()
                    .filter(|f| f.claim == ci)
                    .map(|f| f.verdict.as_str())
                    .collect();
                verdicts.sort_unstable();
                verdicts.dedup();
                let found = if verdicts.is_empty() {
                    "silent".to_string()
                } else {
                    verdicts.join(",")
                };
                if found != expected {
                    failures.push(ExampleFailure {
                        claim_id: claim.id.clone(),
                        sentence: sentence.clone(),
                        expected,
                        found,
                    });
                }
            }
        }
    }
    failures
}
