//! The English the engine reads, as data: every word list of every stage (number words,
//! bounds, units, rates, change words, quantifiers, months, abbreviations, sentence openers,
//! function words, negators, titles, attribution verbs, non-names).
//!
//! The engine knows no subject. [`Lexicon::english`] is general English, embedded from
//! `en.toml`; a claims database extends it with its own `[lexicon]` table
//! ([`LexiconExtension`]), as typos' `extend-words` extends its dictionary. Lookups are binary
//! searches over sorted slices, built once when a database is loaded.

pub mod measures;

use std::sync::OnceLock;

use serde::Deserialize;

/// The embedded English lexicon.
pub const ENGLISH_TOML: &str = include_str!("en.toml");

/// A set of normalised words, sorted for binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSet(Vec<Box<str>>);

impl WordSet {
    /// Whether `word` (normalised) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.0.binary_search_by(|w| (**w).cmp(word)).is_ok()
    }

    /// Every word, in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|w| &**w)
    }

    fn extend(&mut self, words: &[String]) {
        self.0.extend(words.iter().map(|w| w.as_str().into()));
        self.0.sort_unstable();
        self.0.dedup();
    }
}

impl From<Vec<String>> for WordSet {
    fn from(words: Vec<String>) -> WordSet {
        let mut set = WordSet(Vec::new());
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
pub struct WordMap<T>(Vec<(Box<str>, T)>);

impl<T: Copy> WordMap<T> {
    /// The value of `word` (normalised).
    pub fn get(&self, word: &str) -> Option<T> {
        self.0
            .binary_search_by(|(w, _)| (**w).cmp(word))
            .ok()
            .map(|i| self.0[i].1)
    }

    /// Every word and its value, in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, T)> {
        self.0.iter().map(|(w, v)| (&**w, *v))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for WordMap<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WordMap<T>, D::Error> {
        let map = std::collections::BTreeMap::<String, T>::deserialize(d)?;
        Ok(WordMap(
            map.into_iter()
                .map(|(w, v)| (w.into_boxed_str(), v))
                .collect(),
        ))
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
}

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
}

impl LexiconExtension {
    /// Every word of the extension with the name of its list, for checks and messages.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let lists: [(&'static str, &Vec<String>); 10] = [
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
        ];
        lists
            .into_iter()
            .flat_map(|(name, words)| words.iter().map(move |w| (name, w.as_str())))
    }

    /// Whether the extension adds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries().next().is_none()
    }

    /// Adds another extension's words to this one.
    pub fn merge(&mut self, other: &LexiconExtension) {
        let pairs: [(&mut Vec<String>, &Vec<String>); 10] = [
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
        ];
        for (into, from) in pairs {
            into.extend(from.iter().cloned());
        }
    }
}

impl Lexicon {
    /// The embedded English lexicon, parsed once.
    pub fn english() -> &'static Lexicon {
        static ENGLISH: OnceLock<Lexicon> = OnceLock::new();
        ENGLISH.get_or_init(|| {
            // The file is part of the binary and a unit test parses it: failing here is a
            // build defect, not an input error.
            toml::from_str(ENGLISH_TOML).expect("the embedded lexicon/en.toml parses")
        })
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
        lex
    }

    /// Whether `word` (normalised) is anywhere in the lexicon: general English the engine
    /// knows, as opposed to a subject's word.
    pub fn knows(&self, word: &str) -> bool {
        self.words().any(|w| w == word)
    }

    /// Every word of every list, phrases split into their words.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.entries()
            .into_iter()
            .flat_map(|(_, entry, _)| entry.split(' ').collect::<Vec<_>>())
    }

    /// Every entry with the name of its list and whether it is matched as one token (phrase
    /// lists are matched word by word).
    pub fn entries(&self) -> Vec<(&'static str, &str, bool)> {
        let mut out: Vec<(&'static str, &str, bool)> = Vec::new();
        let n = &self.numbers;
        let single_maps: [(&'static str, Vec<&str>); 8] = [
            ("numbers.small", n.small.iter().map(|p| p.0).collect()),
            ("numbers.tens", n.tens.iter().map(|p| p.0).collect()),
            ("numbers.scales", n.scales.iter().map(|p| p.0).collect()),
            ("numbers.groups", n.groups.iter().map(|p| p.0).collect()),
            (
                "numbers.fractions",
                n.fractions.iter().map(|p| p.0).collect(),
            ),
            (
                "numbers.fold-stems",
                n.fold_stems.iter().map(|p| p.0).collect(),
            ),
            (
                "rates.adverbs",
                self.rates.adverbs.iter().map(|p| p.0).collect(),
            ),
            (
                "dates.months",
                self.dates.months.iter().map(|p| p.0).collect(),
            ),
        ];
        for (name, words) in single_maps {
            out.extend(words.into_iter().map(|w| (name, w, true)));
        }
        out.extend(self.rates.spans.iter().map(|p| ("rates.spans", p.0, true)));
        let word_sets: [(&'static str, &WordSet); 47] = [
            ("numbers.ambiguous-fractions", &n.ambiguous_fractions),
            ("numbers.articles", &n.articles),
            ("bounds.fillers", &self.bounds.fillers),
            ("bounds.range-joiners", &self.bounds.range_joiners),
            ("units.percent", &self.units.percent),
            ("units.points", &self.units.points),
            ("units.times", &self.units.times),
            ("units.dotted-mass", &self.units.dotted_mass),
            ("units.twice-before", &self.units.twice_before),
            ("units.currency-signs", &self.units.currency_signs),
            ("rates.introducers", &self.rates.introducers),
            ("rates.time-not-rate", &self.rates.time_not_rate),
            (
                "rates.population-introducers",
                &self.rates.population_introducers,
            ),
            ("changes.verbs", &self.changes.verbs),
            ("changes.nouns", &self.changes.nouns),
            ("changes.comparatives", &self.changes.comparatives),
            ("changes.make-up-verbs", &self.changes.make_up_verbs),
            (
                "quantifiers.majority-adverbs",
                &self.quantifiers.majority_adverbs,
            ),
            (
                "quantifiers.large-majority",
                &self.quantifiers.large_majority,
            ),
            ("quantifiers.slim-majority", &self.quantifiers.slim_majority),
            (
                "quantifiers.plain-majority",
                &self.quantifiers.plain_majority,
            ),
            ("quantifiers.small-share", &self.quantifiers.small_share),
            ("quantifiers.share-nouns", &self.quantifiers.share_nouns),
            ("quantifiers.near-all", &self.quantifiers.near_all),
            ("quantifiers.near-none", &self.quantifiers.near_none),
            (
                "quantifiers.not-most-before",
                &self.quantifiers.not_most_before,
            ),
            (
                "quantifiers.adjectives-after-most",
                &self.quantifiers.adjectives_after_most,
            ),
            (
                "quantifiers.not-few-before",
                &self.quantifiers.not_few_before,
            ),
            (
                "quantifiers.fraction-not-after",
                &self.quantifiers.fraction_not_after,
            ),
            (
                "quantifiers.majority-not-after",
                &self.quantifiers.majority_not_after,
            ),
            ("dates.ambiguous-months", &self.dates.ambiguous_months),
            ("dates.relative-openers", &self.dates.relative_openers),
            ("dates.relative-units", &self.dates.relative_units),
            ("dates.relative-days", &self.dates.relative_days),
            ("dates.span-openers", &self.dates.span_openers),
            ("dates.span-joiners", &self.dates.span_joiners),
            ("dates.year-span-joiners", &self.dates.year_span_joiners),
            ("dates.short-span-joiners", &self.dates.short_span_joiners),
            ("dates.parts-of-month", &self.dates.parts_of_month),
            ("dates.month-introducers", &self.dates.month_introducers),
            ("sentences.abbreviations", &self.sentences.abbreviations),
            ("binding.function-words", &self.binding.function_words),
            ("binding.negators", &self.binding.negators),
            ("people.plural-titles", &self.people.plural_titles),
            ("people.attribution-verbs", &self.people.attribution_verbs),
            ("people.non-names", &self.people.non_names),
            ("numbers.ordinal-suffixes", &n.ordinal_suffixes),
        ];
        for (name, set) in word_sets {
            out.extend(set.iter().map(|w| (name, w, true)));
        }
        // Openers are compared as written; they are single tokens all the same.
        out.extend(
            self.sentences
                .openers
                .iter()
                .map(|w| ("sentences.openers", w, true)),
        );
        let singles: [(&'static str, &str); 26] = [
            ("numbers.conjunction", &n.conjunction),
            ("bounds.range-opener", &self.bounds.range_opener),
            ("rates.single", &self.rates.single),
            ("dates.since", &self.dates.since),
            ("dates.fiscal-prefix", &self.dates.fiscal_prefix),
            ("dates.fiscal", &self.dates.fiscal),
            ("dates.year", &self.dates.year),
            ("dates.article", &self.dates.article),
            ("dates.of", &self.dates.of),
            ("dates.hyphenated-part", &self.dates.hyphenated_part),
            ("dates.change-from", &self.dates.change_from),
            ("dates.change-to", &self.dates.change_to),
            ("binding.of", &self.binding.of),
            ("binding.than", &self.binding.than),
            ("binding.as", &self.binding.as_),
            ("units.ratio-every", &self.units.ratio_every),
            ("changes.make-up-particle", &self.changes.make_up_particle),
            ("quantifiers.most", &self.quantifiers.most),
            ("quantifiers.majority", &self.quantifiers.majority),
            ("quantifiers.minority", &self.quantifiers.minority),
            ("quantifiers.all", &self.quantifiers.all),
            ("quantifiers.none", &self.quantifiers.none),
            ("quantifiers.few", &self.quantifiers.few),
            ("quantifiers.fraction", &self.quantifiers.fraction),
            (
                "quantifiers.indefinite-article",
                &self.quantifiers.indefinite_article,
            ),
            ("units.twice", &self.units.twice),
        ];
        out.extend(singles.into_iter().map(|(name, w)| (name, w, true)));
        out.extend(
            [("people.by", self.people.by.as_str())]
                .into_iter()
                .map(|(name, w)| (name, w, true)),
        );
        out.extend(
            self.people
                .according
                .iter()
                .map(|w| ("people.according", w.as_str(), true)),
        );
        // Phrase lists: matched word by word.
        out.extend(
            self.bounds
                .before
                .iter()
                .map(|p| ("bounds.before", p.0, false)),
        );
        out.extend(
            self.bounds
                .after
                .iter()
                .map(|p| ("bounds.after", p.0, false)),
        );
        out.extend(self.units.mass.iter().map(|p| ("units.mass", p.0, false)));
        out.push((
            "rates.population-phrase",
            &self.rates.population_phrase,
            false,
        ));
        out.push(("rates.capita", &self.rates.capita, false));
        out.push((
            "quantifiers.hardly-any",
            &self.quantifiers.hardly_any,
            false,
        ));
        out.extend(
            self.changes
                .unit_words
                .iter()
                .map(|p| ("changes.unit-words", p.as_str(), true)),
        );
        out.extend(
            self.units
                .ratio_phrases
                .iter()
                .map(|p| ("units.ratio-phrases", p.as_str(), false)),
        );
        out.extend(
            self.units
                .percent_phrases
                .iter()
                .map(|p| ("units.percent-phrases", p.as_str(), false)),
        );
        out.extend(
            self.people
                .titles
                .iter()
                .map(|p| ("people.titles", p.as_str(), false)),
        );
        out
    }
}
