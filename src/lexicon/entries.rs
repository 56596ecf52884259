//! Every entry of a lexicon with the name of its list: for the tests that every entry is
//! one normalised token where it is matched as one, and for telling English from a subject's
//! words.

use super::{Lexicon, WordSet};

impl Lexicon {
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
        let word_sets: [(&'static str, &WordSet); 60] = [
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
            (
                "quantifiers.majority-nouns",
                &self.quantifiers.majority_nouns,
            ),
            ("clauses.relative-pronouns", &self.clauses.relative_pronouns),
            ("clauses.pronouns", &self.clauses.pronouns),
            (
                "clauses.definite-determiners",
                &self.clauses.definite_determiners,
            ),
            ("clauses.hypothetical", &self.clauses.hypothetical),
            ("clauses.forecast", &self.clauses.forecast),
            ("clauses.contrast", &self.clauses.contrast),
            ("clauses.copulas", &self.clauses.copulas),
            ("clauses.auxiliaries", &self.clauses.auxiliaries),
            ("clauses.time-openers", &self.clauses.time_openers),
            ("clauses.time-words", &self.clauses.time_words),
            (
                "clauses.participation-verbs",
                &self.clauses.participation_verbs,
            ),
            ("clauses.companion-words", &self.clauses.companion_words),
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
