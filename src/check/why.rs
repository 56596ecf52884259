//! Why a fact or a claim stayed silent on a sentence: the judge's own reasons, recorded as it
//! decides. They are small `Copy` values (indices and byte offsets, never text), so `check`
//! carries them at no cost and drops them; `explain --text` asks for a [`Trace`] and its
//! printer words them.

/// Why one fact said nothing about a sentence. `figure` is an index into the sentence's
/// figures (as [`super::sentence_figures`] lists them), `mention` into its people (as
/// [`super::sentence_people`] lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Silence {
    /// The sentence states no figure (date, name, statement) of the fact's kind.
    NoFigure,
    /// The fact states no value to compare with (an unfinished claim).
    NoValue,
    /// The sentence is dated to another time than the claim's period: its date, person and
    /// statement facts are not judged.
    OtherTime,
    /// An excluded term stands outside the clause about the claim's subject: only that
    /// clause's comparisons are judged.
    Excluded,
    /// A figure of another kind (a count for a share, a rate for a count, an age).
    OtherKind { figure: usize },
    /// A relative date ("last year"): never compared.
    RelativeDate { figure: usize },
    /// A figure stated for another period than the claim's.
    OtherPeriod { figure: usize },
    /// The claim requires a period and the figure is stated for none.
    Undated { figure: usize },
    /// A fractional number for a count of whole things ("21.8").
    Fractional { figure: usize },
    /// A hypothetical figure ("enough to kill", "could").
    Hypothetical { figure: usize },
    /// A figure outside the clause the claim is limited to (see [`Silence::Excluded`]).
    OutsideClause { figure: usize },
    /// The figure is of something else: another noun, substance or comparator at it.
    OtherNoun { figure: usize },
    /// None of the fact's nouns (or, without nouns, of the claim's subject words) stands near
    /// the figure.
    NoNoun { figure: usize },
    /// A level whose nearest noun is another level fact's.
    NearerNoun { figure: usize },
    /// A comparison made by another subject ("heroin, which is twice as strong").
    OtherComparison { figure: usize },
    /// A share of something that is neither the fact's predicate nor its opposite.
    OtherPredicate { figure: usize },
    /// A share whose predicate (or its opposite) the sentence does not say.
    NoPolarity { figure: usize },
    /// A date on the other side of a comparison ("than any year since 2019").
    ComparedDate { figure: usize },
    /// A date with none of the date fact's `roles` beside it: the date of another event
    /// ("declared in January 2020" for the date the emergency expired).
    NoDateRole { figure: usize },
    /// The figure fits a known look-alike of the fact: `lookalike` indexes the fact's
    /// `lookalikes` (for a tally, the tally's look-alike pairs).
    Lookalike { figure: usize, lookalike: usize },
    /// Close to the sources' figure but outside the agreeing band: neither agrees nor
    /// conflicts.
    NearMiss { figure: usize },
    /// A figure someone expects ("economists expect … 6.5%"): it would conflict, but a
    /// forecast is not a measured figure.
    Forecast { figure: usize },
    /// The figure agrees with another fact of the claim (`fact`): it is that fact's.
    AgreesElsewhere { figure: usize, fact: usize },
    /// One side of a vote that is the fact's smaller side ("35 votes in favour" of a 63-35
    /// vote): which side voted for is not known from the pair.
    OtherSide { figure: usize },
    /// A bound that holds but reaches too far from the figure to state it.
    LooseBound { figure: usize },
    /// Money in another currency (no exchange rates).
    OtherCurrency { figure: usize },
    /// Money per another unit (a gallon price against a barrel price), or per none.
    OtherDenominator { figure: usize },
    /// A quantity of another dimension (a length against a mass).
    OtherDimension { figure: usize },
    /// Another unit of change (percent against percentage points), or a tally in percent
    /// against one in votes.
    OtherUnit { figure: usize },
    /// A change against another base period (monthly against 12-month).
    OtherBase { figure: usize },
    /// A change with no base where the fact requires one.
    NoBase { figure: usize },
    /// A fall stated for a fact that is a rise (a temperature difference).
    OtherDirection { figure: usize },
    /// A stated range that overlaps the fact's range without matching it.
    OverlappingRange { figure: usize },
    /// Nobody named is one of the fact's people, and nobody else is given its role.
    NoPerson,
    /// A person named without the fact's role (a host, a companion, someone who did another
    /// thing).
    NoRole { mention: usize },
    /// A person who speaks about what was done, not the one who did it.
    Speaker { mention: usize },
    /// Neither the statement nor its opposite is made.
    NoAssertion,
    /// Both the statement and its opposite are made.
    BothWays,
    /// The fact would conflict (at `start..end`), but its conflict-requires group `group`
    /// has no term in the sentence.
    RequiresMissing {
        group: usize,
        start: usize,
        end: usize,
    },
}

impl Silence {
    /// The stable code of the reason, as `explain --format json` writes it.
    pub fn code(self) -> &'static str {
        match self {
            Silence::NoFigure => "no-figure",
            Silence::NoValue => "no-value",
            Silence::OtherTime => "other-time",
            Silence::Excluded | Silence::OutsideClause { .. } => "excluded",
            Silence::OtherKind { .. } => "other-kind",
            Silence::RelativeDate { .. } => "relative-date",
            Silence::OtherPeriod { .. } => "other-period",
            Silence::Undated { .. } => "undated",
            Silence::Fractional { .. } => "fractional",
            Silence::Hypothetical { .. } => "hypothetical",
            Silence::OtherNoun { .. } => "other-noun",
            Silence::NoNoun { .. } => "no-noun",
            Silence::NearerNoun { .. } => "nearer-noun",
            Silence::OtherComparison { .. } => "other-comparison",
            Silence::OtherPredicate { .. } => "other-predicate",
            Silence::NoPolarity { .. } => "no-polarity",
            Silence::ComparedDate { .. } => "compared-date",
            Silence::NoDateRole { .. } => "no-role",
            Silence::Lookalike { .. } => "lookalike",
            Silence::NearMiss { .. } => "near-miss",
            Silence::OtherSide { .. } => "other-side",
            Silence::AgreesElsewhere { .. } => "agrees-elsewhere",
            Silence::Forecast { .. } => "forecast",
            Silence::LooseBound { .. } => "loose-bound",
            Silence::OtherCurrency { .. } => "other-currency",
            Silence::OtherDenominator { .. } => "other-denominator",
            Silence::OtherDimension { .. } => "other-dimension",
            Silence::OtherUnit { .. } => "other-unit",
            Silence::OtherBase { .. } => "other-base",
            Silence::NoBase { .. } => "no-base",
            Silence::OtherDirection { .. } => "other-direction",
            Silence::OverlappingRange { .. } => "overlapping-range",
            Silence::NoPerson => "no-person",
            Silence::NoRole { .. } => "no-role",
            Silence::Speaker { .. } => "speaker",
            Silence::NoAssertion => "no-assertion",
            Silence::BothWays => "both-ways",
            Silence::RequiresMissing { .. } => "requires-missing",
        }
    }

    /// The sentence figure the reason is about, if one.
    pub fn figure(self) -> Option<usize> {
        match self {
            Silence::OtherKind { figure }
            | Silence::RelativeDate { figure }
            | Silence::OtherPeriod { figure }
            | Silence::Undated { figure }
            | Silence::Fractional { figure }
            | Silence::Hypothetical { figure }
            | Silence::OutsideClause { figure }
            | Silence::OtherNoun { figure }
            | Silence::NoNoun { figure }
            | Silence::NearerNoun { figure }
            | Silence::OtherComparison { figure }
            | Silence::OtherPredicate { figure }
            | Silence::NoPolarity { figure }
            | Silence::ComparedDate { figure }
            | Silence::NoDateRole { figure }
            | Silence::Lookalike { figure, .. }
            | Silence::NearMiss { figure }
            | Silence::OtherSide { figure }
            | Silence::AgreesElsewhere { figure, .. }
            | Silence::Forecast { figure }
            | Silence::LooseBound { figure }
            | Silence::OtherCurrency { figure }
            | Silence::OtherDenominator { figure }
            | Silence::OtherDimension { figure }
            | Silence::OtherUnit { figure }
            | Silence::OtherBase { figure }
            | Silence::NoBase { figure }
            | Silence::OtherDirection { figure }
            | Silence::OverlappingRange { figure } => Some(figure),
            _ => None,
        }
    }

    /// How far the judge got with the figure before it stopped: of a fact's silent figures,
    /// the one that got furthest explains the fact's silence best ("another period" says
    /// more than "a figure of another kind", a near miss more than either).
    fn stage(self) -> u8 {
        match self {
            Silence::NoFigure | Silence::NoValue => 0,
            Silence::OtherKind { .. } | Silence::RelativeDate { .. } => 1,
            Silence::OtherPeriod { .. }
            | Silence::Undated { .. }
            | Silence::Fractional { .. }
            | Silence::Hypothetical { .. }
            | Silence::OutsideClause { .. }
            | Silence::NoDateRole { .. } => 2,
            Silence::Lookalike { .. }
            | Silence::NearMiss { .. }
            | Silence::OtherSide { .. }
            | Silence::AgreesElsewhere { .. }
            | Silence::Forecast { .. }
            | Silence::LooseBound { .. }
            | Silence::OverlappingRange { .. }
            | Silence::RequiresMissing { .. } => 4,
            _ => 3,
        }
    }

    /// Keeps in `self` the reason that got further (the first one on a tie).
    pub(super) fn keep(&mut self, other: Silence) {
        if other.stage() > self.stage() {
            *self = other;
        }
    }
}

/// Why a claim whose frame matched said less than its facts found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimNote {
    /// The sentence is dated to another time than the claim's period: its date, person and
    /// statement facts were not judged.
    OtherTime,
    /// An excluded term stands outside a clause about the claim's subject: only that clause's
    /// comparisons were judged.
    Excluded,
    /// A look-alike of fact `fact` means the sentence may be about a neighbouring measure: a
    /// conflict of the claim was withheld, and with it the agreements.
    Lookalike { fact: usize },
    /// A fact would conflict, but the subject is carried from the previous sentence with no
    /// word that refers back to it: such a sentence may only agree, and a conflict makes its
    /// agreements doubtful too.
    CarriedSubject,
    /// A fact would conflict, but the claim's conflict-requires group `group` has no term in
    /// the sentence (nor any exact figure of the sources that identifies the case).
    RequiresMissing { group: usize },
}

impl ClaimNote {
    /// The stable code of the note, as `explain --format json` writes it.
    pub fn code(self) -> &'static str {
        match self {
            ClaimNote::OtherTime => "other-time",
            ClaimNote::Excluded => "excluded",
            ClaimNote::Lookalike { .. } => "lookalike",
            ClaimNote::CarriedSubject => "carried-subject",
            ClaimNote::RequiresMissing { .. } => "requires-missing",
        }
    }
}

/// What the judge made of one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactOutcome {
    /// The words at `start..end` agree with the sources.
    Agrees { start: usize, end: usize },
    /// The words at `start..end` conflict with the sources.
    Conflicts { start: usize, end: usize },
    /// Nothing, and why.
    Silent(Silence),
}

/// The judge's account of one claim on one sentence whose frame matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    /// Each fact judged, in the claim's order, with what the judge made of it (a fact the
    /// judge did not reach after a claim-wide look-alike is absent).
    pub facts: Vec<(usize, FactOutcome)>,
    /// Why the claim said less than its facts found, in the order the judge decided.
    pub notes: Vec<ClaimNote>,
}
