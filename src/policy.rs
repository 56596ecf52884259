//! The judgement thresholds of the engine, in one place: how wide a hedge is, how far a bound
//! reaches, how near a look-alike must be, how many words a binding looks at. Each field says
//! why it has its value; `check::tests` shows each on a neutral database.
//!
//! The reading thresholds (`hedge` … `plural_min_len`) are English and the same for every
//! claim. The judging ones (`bound_reach`, `lookalike_near`) are properties of a claim as much
//! as of the language: a database may set them per claim (`[claim.policy]`).

/// Every threshold the engine judges by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    /// Relative width of a hedge: "about 5,500" means 5,225 to 5,775. Writers round to two
    /// significant figures; 5% covers that rounding without taking in the next round figure.
    pub hedge: f64,
    /// A hedge is no wider than this many steps of the last written digit either side: a
    /// writer who gives three figures ("about 95.1%", "about 47.4 million") rounds to the last
    /// one, so 5% would take in figures that are plainly others (93.1%, 49.4 million).
    pub hedge_steps: f64,
    /// "nearly 200" covers from 90% of the value up to it: "nearly" is not said of a figure
    /// more than a tenth short.
    pub below: f64,
    /// A bare fraction word ("half", "a third") is a round share: it covers this many
    /// percentage points either side (a third covers 31.3% to 35.3%), and never more than a
    /// hedge would.
    pub fraction_band: f64,
    /// How far past a one-sided bound the sources' figure may lie for the bound to state it:
    /// "over 1,000" states 1,100 but not 5,000, although it holds. Writers round a figure
    /// down to the next round number; a quarter covers that (900 → "over 750").
    pub bound_reach: f64,
    /// A one-sided statement ("more than 100", "most") reads as a curated look-alike only
    /// when its stated end lies within this share of the look-alike's value.
    pub lookalike_near: f64,
    /// Words after a count in which its noun must stand ("70,000 overdose deaths").
    pub noun_window: usize,
    /// Words after a share's or mass's "of" in which what it is of must stand.
    pub of_window: usize,
    /// Words after a multiplier in which "than"/"as" must stand.
    pub than_window: usize,
    /// Words after "than"/"as" in which the comparator must stand.
    pub comparator_window: usize,
    /// Words before a term in which a negator counts ("not U.S. citizens").
    pub negation_lookback: usize,
    /// Words after a count in which a rate word may stand ("200 people die … every day").
    pub rate_window: usize,
    /// Shortest word taken for a plural noun after a year-like number ("2000 deaths"; "2000
    /// was" is a year).
    pub plural_min_len: usize,
    /// Shortest word taken for a verb by its "-ed" ending ("5,544 recorded"; "red" is not).
    pub verb_min_len: usize,
    /// "per 100,000" is a population rate from this denominator up; "per 10 people" is not.
    pub population_min: f64,
    /// Longest name read after a title, in words.
    pub name_max_words: usize,
    /// Earliest and latest year read as a date: early enough for history, late enough for
    /// forecasts, narrow enough that "2500 were arrested" is a count.
    pub years: (u32, u32),
    /// How far a yearless date ("March 13") is compared with a dated period, in years.
    pub yearless_reach_years: u32,
    /// Words before a figure, in its clause, in which "enough", "could" or "potentially" make
    /// it hypothetical: "enough fentanyl to kill 500,000" puts four words between.
    pub hypothetical_lookback: usize,
    /// Words after a name in which its verb is looked for, past auxiliaries, adverbs and a
    /// time phrase ("John Kerry on Monday, May 2, 2024 unveiled").
    pub verb_lookahead: usize,
    /// People of an event's participant list a sentence must name for another date to be a
    /// wrong date of that event rather than another event: one person does many things, a
    /// delegation or a witness panel meets once.
    pub event_participants: usize,
}

impl Policy {
    /// The engine's defaults.
    pub const DEFAULT: Policy = Policy {
        hedge: 0.05,
        hedge_steps: 10.0,
        below: 0.10,
        fraction_band: 2.0,
        bound_reach: 1.25,
        lookalike_near: 0.10,
        noun_window: 4,
        of_window: 5,
        than_window: 6,
        comparator_window: 3,
        negation_lookback: 3,
        rate_window: 9,
        plural_min_len: 4,
        verb_min_len: 4,
        population_min: 1000.0,
        name_max_words: 4,
        years: (1600, 2100),
        yearless_reach_years: 2,
        hypothetical_lookback: 5,
        verb_lookahead: 10,
        event_participants: 2,
    };

    /// Whether `y` is read as a year.
    pub fn is_year(&self, y: u32) -> bool {
        (self.years.0..=self.years.1).contains(&y)
    }
}

impl Default for Policy {
    fn default() -> Policy {
        Policy::DEFAULT
    }
}

/// A claim's own thresholds, where its database sets them (`[claim.policy]`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClaimPolicy {
    /// Overrides [`Policy::bound_reach`].
    pub bound_reach: Option<f64>,
    /// Overrides [`Policy::lookalike_near`].
    pub lookalike_near: Option<f64>,
}

impl ClaimPolicy {
    /// The engine's policy with this claim's overrides.
    pub fn resolve(&self) -> Policy {
        let d = Policy::DEFAULT;
        Policy {
            bound_reach: self.bound_reach.unwrap_or(d.bound_reach),
            lookalike_near: self.lookalike_near.unwrap_or(d.lookalike_near),
            ..d
        }
    }
}
