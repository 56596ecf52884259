//! The English of measures (issue 16), as data: physical units with their dimension and
//! conversion, currencies, the words of change, records, tallies and durations. Embedded from
//! `measures.toml` and parsed once, like [`super::Lexicon::english`].
//!
//! Units are a table, not a units crate: they arrive at run time, from prose and from TOML
//! strings, so a compile-time dimension type (uom, dimensioned) would still need this table
//! of spellings; see `docs/fact-kinds.md`, "Units".

use std::sync::OnceLock;

use serde::Deserialize;

use super::{Phrases, WordMap, WordSet};

/// The embedded measures lexicon.
pub const MEASURES_TOML: &str = include_str!("measures.toml");

/// What a physical quantity measures. Quantities of different dimensions are never
/// compared; a temperature difference is not a temperature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// An absolute temperature (canonical: °C).
    Temperature,
    /// A rise, fall or anomaly of temperature (canonical: °C, converted by factor only).
    TemperatureDifference,
    /// Mass (canonical: kg).
    Mass,
    /// Length (canonical: m).
    Length,
    /// Area (canonical: m²).
    Area,
    /// Volume (canonical: m³).
    Volume,
    /// Energy (canonical: J).
    Energy,
    /// Power (canonical: W).
    Power,
    /// Concentration (canonical: ppm).
    Concentration,
    /// Speed (canonical: m/s).
    Speed,
}

impl Dimension {
    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Temperature => "temperature",
            Dimension::TemperatureDifference => "temperature difference",
            Dimension::Mass => "mass",
            Dimension::Length => "length",
            Dimension::Area => "area",
            Dimension::Volume => "volume",
            Dimension::Energy => "energy",
            Dimension::Power => "power",
            Dimension::Concentration => "concentration",
            Dimension::Speed => "speed",
        }
    }

    /// The canonical unit, for messages.
    pub fn canonical(self) -> &'static str {
        match self {
            Dimension::Temperature | Dimension::TemperatureDifference => "°C",
            Dimension::Mass => "kg",
            Dimension::Length => "m",
            Dimension::Area => "m²",
            Dimension::Volume => "m³",
            Dimension::Energy => "J",
            Dimension::Power => "W",
            Dimension::Concentration => "ppm",
            Dimension::Speed => "m/s",
        }
    }
}

/// One unit: a spelling (normalised tokens), its dimension, and its conversion to the
/// dimension's canonical unit (`v * factor + offset`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Unit {
    pub spelling: String,
    pub dimension: Dimension,
    pub factor: f64,
    pub offset: f64,
}

impl Unit {
    /// A value in this unit, in the canonical unit of its dimension (of `dimension`, which may
    /// be the difference variant of a temperature unit: then the offset does not apply).
    pub fn to_canonical(&self, v: f64, dimension: Dimension) -> f64 {
        if dimension == Dimension::TemperatureDifference {
            v * self.factor
        } else {
            v * self.factor + self.offset
        }
    }
}

/// The measures lexicon (see `measures.toml` for what each list holds).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Measures {
    pub units: Vec<Unit>,
    pub glued: Vec<(String, String)>,
    pub difference_after: WordSet,
    pub difference_before: Phrases,
    pub negative_signs: WordSet,
    pub currency_signs: WordMap<Currency>,
    pub dollar_prefixes: WordMap<Currency>,
    pub currency_codes: WordMap<Currency>,
    pub currency_words: WordMap<Currency>,
    pub money_scales: WordMap<f64>,
    pub per_introducers: WordSet,
    pub per_words: Vec<String>,
    pub change_up: WordSet,
    pub change_down: WordSet,
    pub change_nouns_up: WordSet,
    pub change_nouns_down: WordSet,
    pub change_multiples: WordMap<f64>,
    pub comparative_up: WordSet,
    pub comparative_down: WordSet,
    pub noun_phrase_openers: WordSet,
    pub phrase_breakers: WordSet,
    pub points: Phrases,
    pub basis_points: Phrases,
    pub base_year: Phrases,
    pub base_month: Phrases,
    pub base_introducers: WordSet,
    pub base_introducer_phrases: Phrases,
    pub superlatives: WordSet,
    pub record_words: Phrases,
    pub record_rank: WordMap<u32>,
    pub record_after_span: WordSet,
    pub record_span_in: WordSet,
    pub record_quantity: WordSet,
    pub record_quantity_not_before: WordSet,
    pub tally_context: WordSet,
    pub tally_unanimous: WordSet,
    pub tally_vote_words: WordSet,
    pub tally_for: Phrases,
    pub tally_with: String,
    pub duration_units: WordMap<f64>,
    pub age_before: WordSet,
    pub age_after: Phrases,
    pub consecutive: Phrases,
    /// For each unit's first token, the units that start with it (in table order): a unit is
    /// looked up once per number, not tried spelling by spelling.
    #[serde(skip)]
    unit_starts: std::collections::HashMap<String, Vec<usize>>,
    /// Every word that can start a measure (a currency, a change word, a superlative,
    /// "unanimously", a number word): most words start none, and one lookup says so.
    #[serde(skip)]
    word_starts: std::collections::HashSet<String>,
    /// Every word that can follow a number in a measure (a unit's first token, a currency
    /// word, a duration unit, percent, "to", an age's "and older"): a number followed by none
    /// of them within a few words starts no measure.
    #[serde(skip)]
    number_followers: std::collections::HashSet<String>,
}

/// An ISO 4217 currency code, stored inline so figures stay `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(pub [u8; 3]);

impl Currency {
    /// The US dollar: what "$" means.
    pub const USD: Currency = Currency(*b"USD");

    /// Parses a three-letter code ("usd" or "USD").
    pub fn parse(s: &str) -> Option<Currency> {
        let b = s.trim().as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        Some(Currency([
            b[0].to_ascii_uppercase(),
            b[1].to_ascii_uppercase(),
            b[2].to_ascii_uppercase(),
        ]))
    }

    /// The code ("USD").
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Currency, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{s}\" is not a currency code")))
    }
}

impl Measures {
    /// The embedded measures lexicon, parsed once.
    pub fn get() -> &'static Measures {
        static MEASURES: OnceLock<Measures> = OnceLock::new();
        MEASURES.get_or_init(|| {
            // The file is part of the binary and a unit test parses it: failing here is a
            // build defect, not an input error.
            let mut m: Measures =
                toml::from_str(MEASURES_TOML).expect("the embedded lexicon/measures.toml parses");
            for (k, u) in m.units.iter().enumerate() {
                let first = u.spelling.split(' ').next().unwrap_or_default().to_string();
                m.unit_starts.entry(first).or_default().push(k);
            }
            let numbers = &super::Lexicon::english().numbers;
            let starts: Vec<String> = m
                .dollar_prefixes
                .iter()
                .chain(m.currency_signs.iter())
                .chain(m.currency_codes.iter())
                .map(|(w, _)| w)
                .chain(m.change_multiples.iter().map(|(w, _)| w))
                .chain(m.change_up.iter())
                .chain(m.change_down.iter())
                .chain(m.change_nouns_up.iter())
                .chain(m.change_nouns_down.iter())
                .chain(m.superlatives.iter())
                .chain(m.record_quantity.iter())
                .chain(m.record_words.iter().filter_map(|p| p.split(' ').next()))
                .chain(m.tally_unanimous.iter())
                .chain(numbers.small.iter().map(|(w, _)| w))
                .chain(numbers.tens.iter().map(|(w, _)| w))
                .chain(numbers.fractions.iter().map(|(w, _)| w))
                .chain(numbers.articles.iter())
                .map(str::to_string)
                .collect();
            m.word_starts.extend(starts);
            let units = &super::Lexicon::english().units;
            let followers: Vec<String> =
                m.unit_starts
                    .keys()
                    .map(String::as_str)
                    .chain(m.currency_words.iter().map(|(w, _)| w))
                    .chain(m.duration_units.iter().map(|(w, _)| w))
                    .chain(m.change_nouns_up.iter())
                    .chain(m.change_nouns_down.iter())
                    .chain(m.age_after.iter().filter_map(|p| p.split(' ').next()))
                    .chain(
                        m.points
                            .iter()
                            .chain(&m.basis_points)
                            .filter_map(|p| p.split(' ').next()),
                    )
                    .chain(units.percent.iter())
                    .chain(
                        units
                            .percent_phrases
                            .iter()
                            .filter_map(|p| p.split(' ').next()),
                    )
                    .chain(units.mass.iter().filter_map(|(p, _)| p.split(' ').next()))
                    .chain(
                        m.tally_for.iter().flat_map(|p| p.split(' ')).filter(|t| {
                            !super::Lexicon::english().binding.function_words.contains(t)
                        }),
                    )
                    .chain(["to", "pounds"])
                    .map(str::to_string)
                    .collect();
            m.number_followers.extend(followers);
            m
        })
    }

    /// Whether `token` (normalised) can follow a number in a measure.
    pub fn follows_number(&self, token: &str) -> bool {
        self.number_followers.contains(token)
    }

    /// Whether a measure can start at the word `token` (normalised).
    pub fn word_starts_measure(&self, token: &str) -> bool {
        self.word_starts.contains(token)
    }

    /// The units whose spelling starts with `token` (normalised), in table order.
    pub fn units_starting(&self, token: &str) -> impl Iterator<Item = &Unit> {
        self.unit_starts
            .get(token)
            .into_iter()
            .flatten()
            .map(|&k| &self.units[k])
    }

    /// The unit spelled by `spelling` (normalised tokens, space-separated).
    pub fn unit(&self, spelling: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.spelling == spelling)
    }

    /// The index of a `per` word ("gallon").
    pub fn per_index(&self, word: &str) -> Option<u16> {
        self.per_words
            .iter()
            .position(|p| p == word)
            .and_then(|i| u16::try_from(i).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_measures_parse_and_are_normalised() {
        let m: Measures = toml::from_str(MEASURES_TOML).unwrap();
        for u in &m.units {
            assert!(u.factor > 0.0, "{}", u.spelling);
            for tok in u.spelling.split(' ') {
                assert_eq!(tok, crate::text::normalize(tok), "{}", u.spelling);
            }
        }
        for (letters, unit) in &m.glued {
            assert!(
                m.unit(unit).is_some(),
                "glued {letters} names unknown unit {unit}"
            );
        }
        assert_eq!(
            m.unit("gallon").map(|u| u.dimension),
            Some(Dimension::Volume)
        );
    }

    #[test]
    fn fahrenheit_converts_as_reading_and_as_difference() {
        let m = Measures::get();
        let f = m.unit("° f").unwrap();
        assert!((f.to_canonical(212.0, Dimension::Temperature) - 100.0).abs() < 1e-9);
        // A rise of 2.7 °F is 1.5 °C, not (2.7 - 32) / 1.8.
        assert!((f.to_canonical(2.7, Dimension::TemperatureDifference) - 1.5).abs() < 1e-9);
    }

    #[test]
    fn currency_codes_parse() {
        assert_eq!(Currency::parse("usd"), Some(Currency::USD));
        assert_eq!(Currency::parse("US"), None);
        assert_eq!(Currency::parse("€€€"), None);
        assert_eq!(Currency::USD.code(), "USD");
    }
}
