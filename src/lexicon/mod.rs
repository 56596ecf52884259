//! The English the engine reads, as data: every word list of every stage (number words,
//! bounds, units, rates, change words, quantifiers, months, abbreviations, sentence openers,
//! function words, negators, titles, attribution verbs, non-names).
//!
//! The engine knows no subject. [`Lexicon::english`] is general English, embedded from
//! `en.toml`; a claims database extends it with its own `[lexicon]` table
//! ([`LexiconExtension`]), as typos' `extend-words` extends its dictionary. Lookups are binary
//! searches over sorted slices, built once when a database is loaded.

mod entries;
pub mod measures;
mod subject;

use std::sync::OnceLock;

use serde::Deserialize;

pub use subject::PerDimension;
use subject::SubjectMeasures;

/// The embedded English lexicon.
pub const ENGLISH_TOML: &str = include_str!("en.toml");

/// Which first bytes and lengths the words of a set have: most words a stage looks up are in
/// no set, and are ruled out by two bit tests instead of a binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Sieve {
    first: [u64; 4],
    lengths: u64,
}

impl Sieve {
    fn of<'a>(words: impl Iterator<Item = &'a str>) -> Sieve {
        let mut sieve = Sieve::default();
        for w in words {
            let b = usize::from(w.as_bytes().first().copied().unwrap_or(0));
            sieve.first[b / 64] |= 1 << (b % 64);
            sieve.lengths |= 1 << w.len().min(63);
        }
        sieve
    }

    /// Whether `word` may be in the set (no false negatives).
    fn may_hold(&self, word: &str) -> bool {
        let b = usize::from(word.as_bytes().first().copied().unwrap_or(0));
        self.first[b / 64] & (1 << (b % 64)) != 0 && self.lengths & (1 << word.len().min(63)) != 0
    }
}

/// A set of normalised words, sorted for binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSet {
    words: Vec<Box<str>>,
    sieve: Sieve,
}

impl WordSet {
    /// Whether `word` (normalised) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.sieve.may_hold(word) && self.words.binary_search_by(|w| (**w).cmp(word)).is_ok()
    }

    /// Every word, in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| &**w)
    }

    fn extend(&mut self, words: &[String]) {
        self.words.extend(words.iter().map(|w| w.as_str().into()));
        self.words.sort_unstable();
        self.words.dedup();
        self.sieve = Sieve::of(self.iter());
    }
}

impl From<Vec<String>> for WordSet {
    fn from(words: Vec<String>) -> WordSet {
        let mut set = WordSet::default();
        set.extend(&words);
        set
    }
}

impl<'de> Deserialize<'de> for WordSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WordSet, D::Error> {
        Vec::<String>::deserialize(d).map(WordSet::from)
    }
}

/// Normalised words with a value each, sorted for binary search.
#[derive(Debug, Clone, PartialEq)]
pub struct WordMap<T> {
    entries: Vec<(Box<str>, T)>,
    sieve: Sieve,
}

impl<T: Copy> WordMap<T> {
    /// The value of `word` (normalised).
    pub fn get(&self, word: &str) -> Option<T> {
        if !self.sieve.may_hold(word) {
            return None;
        }
        self.entries
            .binary_search_by(|(w, _)| (**w).cmp(word))
            .ok()
            .map(|i| self.entries[i].1)
    }

    /// Every word and its value, in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, T)> {
        self.entries.iter().map(|(w, v)| (&**w, *v))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for WordMap<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WordMap<T>, D::Error> {
        let map = std::collections::BTreeMap::<String, T>::deserialize(d)?;
        let entries: Vec<(Box<str>, T)> = map
            .into_iter()
            .map(|(w, v)| (w.into_boxed_str(), v))
            .collect();
        let sieve = Sieve::of(entries.iter().map(|(w, _)| &**w));
        Ok(WordMap { entries, sieve })
    }
}

/// Phrases (space-separated normalised tokens) with a value each, in the order they are
/// tried.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseList<T>(Vec<(String, T)>);

impl<T: Copy> PhraseList<T> {
    /// Every phrase and its value, in the order they are tried.
    pub fn iter(&self) -> impl Iterator<Item = (&str, T)> {
        self.0.iter().map(|(p, v)| (p.as_str(), *v))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for PhraseList<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PhraseList<T>, D::Error> {
        Vec::<(String, T)>::deserialize(d).map(PhraseList)
    }
}

/// Phrases without values, in the order they are tried.
pub type Phrases = Vec<String>;

/// How a bound phrase bounds its figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BoundWord {
    /// "more than", "over".
    AtLeast,
    /// "fewer than", "up to".
    AtMost,
    /// "about", "roughly".
    Approx,
    /// "nearly", "almost": a little below.
    Below,
}

/// The time span of a rate word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpanWord {
    Day,
    Week,
    Month,
    Year,
}

/// Number words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Numbers {
    pub small: WordMap<f64>,
    pub tens: WordMap<f64>,
    pub scales: WordMap<f64>,
    pub groups: WordMap<f64>,
    pub fractions: WordMap<f64>,
    pub ambiguous_fractions: WordSet,
    pub fold_stems: WordMap<f64>,
    pub digit_scales: WordMap<f64>,
    pub digit_times: WordSet,
    pub ordinal_suffixes: WordSet,
    pub articles: WordSet,
    pub conjunction: String,
}

/// Bound phrases and the words around them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Bounds {
    pub before: PhraseList<BoundWord>,
    pub after: PhraseList<BoundWord>,
    pub fillers: WordSet,
    pub range_opener: String,
    pub range_joiners: WordSet,
}

/// Unit words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Units {
    pub percent: WordSet,
    pub percent_phrases: Phrases,
    pub points: WordSet,
    pub times: WordSet,
    pub mass: PhraseList<f64>,
    pub ratio_phrases: Phrases,
    pub ratio_every: String,
    pub twice: String,
    pub twice_before: WordSet,
    pub dotted_mass: WordSet,
    pub currency_signs: WordSet,
}

/// Rate words ("a day", "daily", "per 100,000").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Rates {
    pub adverbs: WordMap<SpanWord>,
    pub spans: WordMap<SpanWord>,
    pub introducers: WordSet,
    pub single: String,
    pub time_not_rate: WordSet,
    pub population_introducers: WordSet,
    pub population_phrase: String,
    pub capita: String,
}

/// Words of change ("rose 50%", "a 79% increase").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Changes {
    pub verbs: WordSet,
    pub nouns: WordSet,
    pub comparatives: WordSet,
    pub make_up_verbs: WordSet,
    pub make_up_particle: String,
    pub unit_words: Vec<String>,
}

/// Quantifier words ("most", "the vast majority", "a tiny fraction").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Quantifiers {
    pub most: String,
    pub majority: String,
    pub minority: String,
    pub all: String,
    pub none: String,
    pub few: String,
    pub hardly_any: String,
    pub fraction: String,
    pub fraction_not_after: WordSet,
    pub majority_not_after: WordSet,
    pub indefinite_article: String,
    pub majority_adverbs: WordSet,
    pub majority_nouns: WordSet,
    pub large_majority: WordSet,
    pub slim_majority: WordSet,
    pub plain_majority: WordSet,
    pub small_share: WordSet,
    pub share_nouns: WordSet,
    pub near_all: WordSet,
    pub near_none: WordSet,
    pub not_most_before: WordSet,
    pub adjectives_after_most: WordSet,
    pub not_few_before: WordSet,
}

/// Date words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Dates {
    pub months: WordMap<u32>,
    pub ambiguous_months: WordSet,
    pub relative_openers: WordSet,
    pub relative_units: WordSet,
    pub relative_days: WordSet,
    pub since: String,
    pub span_openers: WordSet,
    pub span_joiners: WordSet,
    pub year_span_joiners: WordSet,
    pub short_span_joiners: WordSet,
    pub fiscal_prefix: String,
    pub fiscal: String,
    pub year: String,
    pub article: String,
    pub of: String,
    pub parts_of_month: WordSet,
    pub hyphenated_part: String,
    pub change_from: String,
    pub change_to: String,
    pub month_introducers: WordSet,
}

/// Sentence boundaries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Sentences {
    pub abbreviations: WordSet,
    /// Compared as written, not normalised.
    pub openers: WordSet,
}

/// What binds a figure to the words around it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Binding {
    pub function_words: WordSet,
    pub verb_suffix: String,
    pub of: String,
    pub than: String,
    #[serde(rename = "as")]
    pub as_: String,
    pub negators: WordSet,
    pub negator_suffix: String,
}

/// Words about people.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct People {
    pub titles: Phrases,
    pub plural_titles: WordSet,
    pub attribution_verbs: WordSet,
    pub by: String,
    pub according: Vec<String>,
    pub non_names: WordSet,
}

/// Every word list the engine uses. Stages receive it by reference (through
/// [`crate::text::Words`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lexicon {
    pub numbers: Numbers,
    pub bounds: Bounds,
    pub units: Units,
    pub rates: Rates,
    pub changes: Changes,
    pub quantifiers: Quantifiers,
    pub dates: Dates,
    pub sentences: Sentences,
    pub binding: Binding,
    pub people: People,
    pub clauses: Clauses,
    /// Every word that can start a figure (derived from the lists above when loaded).
    #[serde(skip)]
    starters: Starters,
    /// The measures a database adds: its units and denominators.
    #[serde(skip)]
    subject: SubjectMeasures,
}

/// Words that tell the parts of a sentence apart: relative clauses, pronouns, hypotheticals,
/// contrasts, predicates, and the words between a name and its verb.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Clauses {
    pub relative_pronouns: WordSet,
    pub pronouns: WordSet,
    pub definite_determiners: WordSet,
    pub hypothetical: WordSet,
    pub forecast: WordSet,
    pub contrast: WordSet,
    pub copulas: WordSet,
    pub auxiliaries: WordSet,
    pub time_openers: WordSet,
    pub time_words: WordSet,
    pub participation_verbs: WordSet,
    pub companion_words: WordSet,
}

/// The words that can start a figure: number words, fraction words, articles, date words,
/// quantifiers. The extractor skips every other word at once, instead of trying each of its
/// forms on it (most words of a sentence start no figure).
#[derive(Debug, Clone, Default)]
struct Starters(rustc_hash::FxHashSet<Box<str>>);

impl Starters {
    fn of(lex: &Lexicon) -> Starters {
        let n = &lex.numbers;
        let d = &lex.dates;
        let q = &lex.quantifiers;
        let maps = [&n.small, &n.tens, &n.scales, &n.groups, &n.fractions]
            .into_iter()
            .flat_map(|m| m.iter().map(|(w, _)| w))
            .chain(d.months.iter().map(|(w, _)| w));
        let sets = [
            &n.articles,
            &d.relative_openers,
            &d.relative_days,
            &d.span_openers,
            &d.parts_of_month,
            &q.majority_adverbs,
            &q.near_all,
            &q.near_none,
        ]
        .into_iter()
        .flat_map(WordSet::iter);
        let words = [
            &d.since,
            &d.fiscal,
            &d.fiscal_prefix,
            &d.article,
            &d.hyphenated_part,
            &q.most,
            &q.majority,
            &q.few,
            &lex.units.twice,
        ]
        .into_iter()
        .map(String::as_str)
        .chain(q.hardly_any.split(' ').take(1));
        Starters(maps.chain(sets).chain(words).map(Box::from).collect())
    }
}

/// The ending of a one-word multiplier ("twelvefold").
pub const FOLD_SUFFIX: &str = "fold";

/// A database's additions to the lexicon: the words of its subject (`[lexicon]` in a claims
/// file). Every list is added to the English one of the same name.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconExtension {
    /// Titles before a name ("chief medical officer"), lowercase.
    #[serde(default)]
    pub titles: Vec<String>,
    /// Titles that introduce a list of names ("commissioners").
    #[serde(default)]
    pub plural_titles: Vec<String>,
    /// Capitalized words that are never part of a person's name ("Reserve", "Bureau").
    #[serde(default)]
    pub non_names: Vec<String>,
    /// Verbs that make the name before them the speaker or actor ("ruled").
    #[serde(default)]
    pub attribution_verbs: Vec<String>,
    /// Words that start a sentence even after an abbreviation like "U.S.", capitalized as
    /// written ("Inflation").
    #[serde(default)]
    pub openers: Vec<String>,
    /// Words that end with a dot without ending a sentence ("dept"), lowercase, no dot.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Adjectives after which "most" is a superlative, not a share ("most potent").
    #[serde(default)]
    pub adjectives_after_most: Vec<String>,
    /// Words that may follow a number without naming what it counts ("died").
    #[serde(default)]
    pub function_words: Vec<String>,
    /// Verbs of change ("ticked").
    #[serde(default)]
    pub change_verbs: Vec<String>,
    /// Words that negate what follows them.
    #[serde(default)]
    pub negators: Vec<String>,
    /// Words an amount of money may be stated per ("vial": "$25 a vial"), lowercase. A fact's
    /// `per` adds its own word.
    #[serde(default)]
    pub per_words: Vec<String>,
    /// Units of the subject's quantities, in a dimension the engine knows:
    /// `{ spelling = "knots", dimension = "speed", factor = 0.514444 }`.
    #[serde(default)]
    pub units: Vec<UnitEntry>,
}

/// A database's unit: its spelling (lowercase words separated by spaces), its dimension, and
/// its value in the dimension's canonical unit (`v * factor + offset`).
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UnitEntry {
    /// As written after a number, normalised ("nautical miles").
    pub spelling: String,
    /// One of temperature, temperature-difference, mass, length, area, volume, energy,
    /// power, concentration, speed.
    pub dimension: measures::Dimension,
    /// The canonical units in one of this unit (m/s for speed, m³ for volume, kg, J, W,
    /// m, m², ppm, °C).
    pub factor: f64,
    /// Added after the factor (absolute temperatures only).
    #[serde(default)]
    pub offset: f64,
}

impl LexiconExtension {
    /// Every word of the extension with the name of its list, for checks and messages.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let lists: [(&'static str, &Vec<String>); 11] = [
            ("titles", &self.titles),
            ("plural-titles", &self.plural_titles),
            ("non-names", &self.non_names),
            ("attribution-verbs", &self.attribution_verbs),
            ("openers", &self.openers),
            ("abbreviations", &self.abbreviations),
            ("adjectives-after-most", &self.adjectives_after_most),
            ("function-words", &self.function_words),
            ("change-verbs", &self.change_verbs),
            ("negators", &self.negators),
            ("per-words", &self.per_words),
        ];
        lists
            .into_iter()
            .flat_map(|(name, words)| words.iter().map(move |w| (name, w.as_str())))
    }

    /// Whether the extension adds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries().next().is_none() && self.units.is_empty()
    }

    /// Adds the denominators a database's facts name (`per = "vial"`) that English does not
    /// know, once each.
    pub fn add_per_words<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        let english = measures::Measures::get();
        for word in words {
            let word = word.trim().to_lowercase();
            if english.per_index(&word).is_none() && !self.per_words.contains(&word) {
                self.per_words.push(word);
            }
        }
    }

    /// Adds another extension's words to this one.
    pub fn merge(&mut self, other: &LexiconExtension) {
        let pairs: [(&mut Vec<String>, &Vec<String>); 11] = [
            (&mut self.titles, &other.titles),
            (&mut self.plural_titles, &other.plural_titles),
            (&mut self.non_names, &other.non_names),
            (&mut self.attribution_verbs, &other.attribution_verbs),
            (&mut self.openers, &other.openers),
            (&mut self.abbreviations, &other.abbreviations),
            (
                &mut self.adjectives_after_most,
                &other.adjectives_after_most,
            ),
            (&mut self.function_words, &other.function_words),
            (&mut self.change_verbs, &other.change_verbs),
            (&mut self.negators, &other.negators),
            (&mut self.per_words, &other.per_words),
        ];
        for (into, from) in pairs {
            into.extend(from.iter().cloned());
        }
        self.units.extend(other.units.iter().cloned());
    }
}

impl Lexicon {
    /// The embedded English lexicon, parsed once.
    pub fn english() -> &'static Lexicon {
        static ENGLISH: OnceLock<Lexicon> = OnceLock::new();
        ENGLISH.get_or_init(|| {
            // The file is part of the binary and a unit test parses it: failing here is a
            // build defect, not an input error.
            let mut lex: Lexicon =
                toml::from_str(ENGLISH_TOML).expect("the embedded lexicon/en.toml parses");
            lex.starters = Starters::of(&lex);
            lex
        })
    }

    /// Whether a word (normalised) can start a figure: the extractor tries its forms only on
    /// such words (and on numbers).
    pub fn may_start_figure(&self, word: &str) -> bool {
        self.starters.0.contains(word)
            || word.starts_with(self.dates.fiscal_prefix.as_str())
            || word.ends_with(FOLD_SUFFIX)
    }

    /// English extended with a database's words.
    pub fn extended(ext: &LexiconExtension) -> Lexicon {
        let mut lex = Lexicon::english().clone();
        if ext.is_empty() {
            return lex;
        }
        // A database's titles come first among titles of the same length, so the longest
        // title still wins ("secretary of state" before "secretary").
        let mut titles: Vec<String> = ext.titles.clone();
        titles.append(&mut lex.people.titles);
        titles.sort_by_key(|t| std::cmp::Reverse(t.split(' ').count()));
        titles.dedup();
        lex.people.titles = titles;
        lex.people.plural_titles.extend(&ext.plural_titles);
        lex.people.non_names.extend(&ext.non_names);
        lex.people.attribution_verbs.extend(&ext.attribution_verbs);
        lex.sentences.openers.extend(&ext.openers);
        lex.sentences.abbreviations.extend(&ext.abbreviations);
        lex.quantifiers
            .adjectives_after_most
            .extend(&ext.adjectives_after_most);
        lex.binding.function_words.extend(&ext.function_words);
        lex.changes.verbs.extend(&ext.change_verbs);
        lex.binding.negators.extend(&ext.negators);
        lex.subject = SubjectMeasures::of(ext);
        lex.starters = Starters::of(&lex);
        lex
    }
}

#[cfg(test)]
mod tests;
