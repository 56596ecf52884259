//! A database's own measures: the units and price denominators its `[lexicon]` (and its
//! facts' `per`) add to the English ones, and what a denominator measures, for converting
//! prices between denominators of one dimension.

use super::{Lexicon, LexiconExtension, measures};

/// What a denominator of a price measures: prices per units of one dimension convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerDimension {
    /// A span of time ("a week", "a year"), in years.
    Time,
    /// A physical unit ("a litre", "a kWh").
    Physical(measures::Dimension),
}

/// A database's units and denominators, added to the English measures.
#[derive(Debug, Clone, Default)]
pub(super) struct SubjectMeasures {
    units: Vec<measures::Unit>,
    per_words: Vec<String>,
    /// First tokens of the units and the denominators: words that can follow a number.
    followers: Vec<String>,
}

impl SubjectMeasures {
    pub(super) fn of(ext: &LexiconExtension) -> SubjectMeasures {
        let units: Vec<measures::Unit> = ext
            .units
            .iter()
            .map(|u| measures::Unit {
                spelling: u.spelling.clone(),
                dimension: u.dimension,
                factor: u.factor,
                offset: u.offset,
            })
            .collect();
        let followers = units
            .iter()
            .filter_map(|u| u.spelling.split(' ').next())
            .map(str::to_string)
            .collect();
        SubjectMeasures {
            units,
            per_words: ext.per_words.clone(),
            followers,
        }
    }
}

impl Lexicon {
    /// The index of a denominator word ("gallon", or a database's "vial"): English words
    /// first, then the database's.
    pub fn per_index(&self, word: &str) -> Option<u16> {
        let english = measures::Measures::get();
        english.per_index(word).or_else(|| {
            let k = self.subject.per_words.iter().position(|p| p == word)?;
            u16::try_from(english.per_words.len() + k).ok()
        })
    }

    /// The denominator word of an index from [`Lexicon::per_index`].
    pub fn per_word(&self, index: u16) -> Option<&str> {
        let english = &measures::Measures::get().per_words;
        let k = usize::from(index);
        english
            .get(k)
            .or_else(|| self.subject.per_words.get(k.checked_sub(english.len())?))
            .map(String::as_str)
    }

    /// What a denominator measures, for converting prices between denominators ("a litre"
    /// and "a gallon" are volumes, "a week" and "a month" times): its dimension and its size
    /// in the dimension's canonical unit (years for times).
    pub fn per_size(&self, index: u16) -> Option<(PerDimension, f64)> {
        let word = self.per_word(index)?;
        let m = measures::Measures::get();
        if let Some(years) = m.duration_units.get(word) {
            return Some((PerDimension::Time, years));
        }
        let unit = m
            .unit(word)
            .or_else(|| self.subject.units.iter().find(|u| u.spelling == word));
        if let Some(u) = unit {
            return Some((PerDimension::Physical(u.dimension), u.factor));
        }
        self.units
            .mass
            .iter()
            .find(|(p, _)| *p == word)
            .map(|(_, kg)| (PerDimension::Physical(measures::Dimension::Mass), kg))
    }

    /// The database's units whose spelling starts with `token` (normalised).
    pub fn subject_units_starting<'a>(
        &'a self,
        token: &'a str,
    ) -> impl Iterator<Item = &'a measures::Unit> + 'a {
        self.subject
            .units
            .iter()
            .filter(move |u| u.spelling.split(' ').next() == Some(token))
    }

    /// Whether a token (normalised) can follow a number in a measure: English's words, and
    /// the database's units and denominators.
    pub fn follows_number(&self, token: &str) -> bool {
        measures::Measures::get().follows_number(token)
            || self.subject.followers.iter().any(|f| f == token)
    }
}
