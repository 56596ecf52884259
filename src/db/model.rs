//! The compiled form of a database: claims, their facts (one variant per kind, so a date
//! fact has no numeric band and a multiplier always has a comparator), sources and examples.

use crate::extract::{Per, When};
use crate::policy::ClaimPolicy;
use crate::terms::TermGroup;

/// What kind of fact a claim checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Count,
    Rate,
    Share,
    Mass,
    Multiplier,
    Date,
    Person,
    Assertion,
    /// An amount of money in a currency.
    Money,
    /// A change: percent, percentage points or an absolute change, with its direction.
    Change,
    /// A level in percent that is not a share of a population (a rate, turnout).
    Level,
    /// A vote or ruling ("53-47").
    Tally,
    /// A record: rank, since, span.
    Record,
    /// A span of time.
    Duration,
    /// A physical quantity with a dimension.
    Quantity,
}

impl FactKind {
    /// Every kind, in the order the README lists them.
    pub const ALL: [FactKind; 15] = [
        FactKind::Count,
        FactKind::Rate,
        FactKind::Share,
        FactKind::Mass,
        FactKind::Multiplier,
        FactKind::Date,
        FactKind::Person,
        FactKind::Assertion,
        FactKind::Money,
        FactKind::Change,
        FactKind::Level,
        FactKind::Tally,
        FactKind::Record,
        FactKind::Duration,
        FactKind::Quantity,
    ];

    /// Parses the database spelling.
    pub fn parse(s: &str) -> Option<FactKind> {
        FactKind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The database spelling.
    pub fn name(self) -> &'static str {
        match self {
            FactKind::Count => "count",
            FactKind::Rate => "rate",
            FactKind::Share => "share",
            FactKind::Mass => "mass",
            FactKind::Multiplier => "multiplier",
            FactKind::Date => "date",
            FactKind::Person => "person",
            FactKind::Assertion => "assertion",
            FactKind::Money => "money",
            FactKind::Change => "change",
            FactKind::Level => "level",
            FactKind::Tally => "tally",
            FactKind::Record => "record",
            FactKind::Duration => "duration",
            FactKind::Quantity => "quantity",
        }
    }

    /// Whether the kind states a number compared within a band.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            FactKind::Count
                | FactKind::Rate
                | FactKind::Share
                | FactKind::Mass
                | FactKind::Multiplier
        )
    }
}

/// How far a stated figure may be from the sources' and still agree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    /// In the fact's unit ("1" point of a share, "500" deaths).
    Absolute(f64),
    /// A share of the value (`"2%"` is 0.02).
    Relative(f64),
}

impl Tolerance {
    /// No tolerance: only the value itself.
    pub const NONE: Tolerance = Tolerance::Absolute(0.0);

    /// Widens `[lo, hi]` by the tolerance around `value`.
    pub fn widen(self, lo: f64, hi: f64, value: f64) -> (f64, f64) {
        let d = match self {
            Tolerance::Absolute(d) => d,
            Tolerance::Relative(r) => value.abs() * r,
        };
        (lo - d, hi + d)
    }
}

/// The values of a numeric fact, in its canonical unit (kg for masses, percent for shares).
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The sources' figure.
    pub value: Option<f64>,
    /// Values that agree.
    pub agree: (f64, f64),
    /// Values where the checker stays silent (the agreeing values plus the margin).
    pub near: (f64, f64),
    /// As written: tolerance and range, for messages.
    pub tolerance_text: Option<String>,
    pub range: Option<[f64; 2]>,
}

impl Band {
    /// The sources' own figure as an interval (or the agreeing range when there is no value):
    /// a figure that states it exactly is never taken for a look-alike.
    pub fn exact(&self) -> (f64, f64) {
        self.value.map_or(self.agree, |v| (v, v))
    }
}

/// A mass unit as the database writes it, and its size in kilograms.
#[derive(Debug, Clone, PartialEq)]
pub struct MassUnit {
    pub name: String,
    pub kg: f64,
}

/// What a look-alike covers.
#[derive(Debug, Clone, PartialEq)]
pub enum LookalikeValue {
    /// Values in the fact's canonical unit: `lo..=hi` with the tolerance; `figure`, the
    /// look-alike's own value (or range) without it.
    Values {
        lo: f64,
        hi: f64,
        figure: (f64, f64),
    },
    /// A date or period (for date facts).
    Date(When),
}

/// A known figure of a neighbouring measure: a stated figure that fits it is not a conflict.
#[derive(Debug, Clone, PartialEq)]
pub struct Lookalike {
    pub value: LookalikeValue,
    pub note: String,
}

/// A person a claim names.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    /// The name and its aliases, compiled.
    pub names: TermGroup,
}

/// What a fact checks, by kind.
#[derive(Debug, Clone)]
pub enum FactSpec {
    /// A number of things, stated with one of `nouns`.
    Count { band: Band, nouns: TermGroup },
    /// A number of things per time span.
    Rate {
        band: Band,
        per: Per,
        nouns: TermGroup,
    },
    /// A percentage of a group (`of`), of those who are `is` (or, flipped, `is_not`).
    Share {
        band: Band,
        of: TermGroup,
        is: TermGroup,
        is_not: TermGroup,
    },
    /// A mass of `of`, in kilograms; written in `unit`.
    Mass {
        band: Band,
        unit: MassUnit,
        of: TermGroup,
    },
    /// "N times" a comparator.
    Multiplier { band: Band, than: TermGroup },
    /// The date or period of an event; `roles`: the words of that event ("expired",
    /// "signed"), which must stand with a date for it to be the fact's (empty: any date is).
    Date {
        date: When,
        text: String,
        roles: TermGroup,
    },
    /// Who did or said it; `roles`: the verbs of what they did (empty: any).
    Person {
        people: Vec<Person>,
        any_of: bool,
        roles: TermGroup,
    },
    /// A qualitative statement (`is`) and its opposite (`is_not`).
    Assertion { is: TermGroup, is_not: TermGroup },
    /// One of the kinds of issue 16 (money, change, level, tally, record, duration,
    /// quantity): its kind, band (empty for tallies and records), nouns and what it compares.
    Measure {
        kind: FactKind,
        band: Band,
        nouns: TermGroup,
        measure: super::MeasureSpec,
    },
}

/// One checkable fact of a claim, compiled.
#[derive(Debug, Clone)]
pub struct Fact {
    pub label: Option<String>,
    pub spec: FactSpec,
    pub lookalikes: Vec<Lookalike>,
    /// Term groups that must be present for this fact to conflict.
    pub conflict_requires: Vec<TermGroup>,
}

impl Fact {
    /// The fact's kind.
    pub fn kind(&self) -> FactKind {
        match &self.spec {
            FactSpec::Count { .. } => FactKind::Count,
            FactSpec::Rate { .. } => FactKind::Rate,
            FactSpec::Share { .. } => FactKind::Share,
            FactSpec::Mass { .. } => FactKind::Mass,
            FactSpec::Multiplier { .. } => FactKind::Multiplier,
            FactSpec::Date { .. } => FactKind::Date,
            FactSpec::Person { .. } => FactKind::Person,
            FactSpec::Assertion { .. } => FactKind::Assertion,
            FactSpec::Measure { kind, .. } => *kind,
        }
    }

    /// What a fact of issue 16's kinds compares, beyond its band.
    pub fn measure(&self) -> Option<&super::MeasureSpec> {
        match &self.spec {
            FactSpec::Measure { measure, .. } => Some(measure),
            _ => None,
        }
    }

    /// The band of a numeric fact.
    pub fn band(&self) -> Option<&Band> {
        match &self.spec {
            FactSpec::Count { band, .. }
            | FactSpec::Rate { band, .. }
            | FactSpec::Share { band, .. }
            | FactSpec::Mass { band, .. }
            | FactSpec::Multiplier { band, .. }
            | FactSpec::Measure { band, .. } => Some(band),
            _ => None,
        }
    }

    /// The fact's term list `name` (`nouns`, `of`, `is`, `is-not` or `than`); empty where the
    /// kind has none.
    pub fn group(&self, name: &str) -> &TermGroup {
        static NONE: TermGroup = TermGroup { terms: Vec::new() };
        match (&self.spec, name) {
            (
                FactSpec::Count { nouns, .. }
                | FactSpec::Rate { nouns, .. }
                | FactSpec::Measure { nouns, .. },
                "nouns",
            ) => nouns,
            (FactSpec::Share { of, .. } | FactSpec::Mass { of, .. }, "of") => of,
            (FactSpec::Share { is, .. } | FactSpec::Assertion { is, .. }, "is") => is,
            (FactSpec::Share { is_not, .. } | FactSpec::Assertion { is_not, .. }, "is-not") => {
                is_not
            }
            (FactSpec::Multiplier { than, .. }, "than") => than,
            _ => &NONE,
        }
    }

    /// The span of a rate fact.
    pub fn per(&self) -> Option<Per> {
        match self.spec {
            FactSpec::Rate { per, .. } => Some(per),
            _ => None,
        }
    }

    /// The people of a person fact, and whether naming any of them agrees.
    pub fn people(&self) -> (&[Person], bool) {
        match &self.spec {
            FactSpec::Person { people, any_of, .. } => (people, *any_of),
            _ => (&[], false),
        }
    }

    /// The date of a date fact, as the database writes it.
    pub fn date_text(&self) -> Option<&str> {
        match &self.spec {
            FactSpec::Date { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The size of the unit the database writes the fact's values in (kg per unit for a
    /// mass; 1 otherwise).
    pub fn scale(&self) -> f64 {
        match &self.spec {
            FactSpec::Mass { unit, .. } => unit.kg,
            _ => 1.0,
        }
    }
}

/// A source that supports a claim.
#[derive(Debug, Clone)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub date: String,
    pub quote: String,
    pub role: Option<String>,
    pub note: Option<String>,
}

/// The example sentences of a claim.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    pub agrees: Vec<String>,
    pub conflicts: Vec<String>,
    pub silent: Vec<String>,
}

/// A compiled claim.
#[derive(Debug, Clone)]
pub struct Claim {
    pub id: String,
    pub statement: String,
    pub about: Vec<TermGroup>,
    pub anaphora: TermGroup,
    pub conflict_requires: Vec<TermGroup>,
    pub excludes: TermGroup,
    pub period: Vec<When>,
    pub period_text: Vec<String>,
    pub period_required: bool,
    pub note: Option<String>,
    /// The claim's own thresholds, where the database sets them.
    pub policy: ClaimPolicy,
    pub facts: Vec<Fact>,
    pub sources: Vec<Source>,
    pub examples: Examples,
    /// Not yet checked against its source (`draft = true`): judged only for `db test` and
    /// `db lint`, never on users' text.
    pub draft: bool,
    /// Where the claim is defined: database name and 1-based line.
    pub origin: String,
    pub line: usize,
}
