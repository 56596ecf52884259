//! The raw schema: what a claims file says, as serde reads it. The doc comments are the
//! field-by-field reference (and the descriptions of claims.schema.json).

use serde::Deserialize;
use toml::Spanned;

use crate::lexicon::LexiconExtension;

/// A claimcheck claims database: named term sets and `[[claim]]` tables. See the README,
/// "The claims database".
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "claimcheck claims database")]
pub(super) struct RawDb {
    /// Named term lists, referenced from any term list as `"@name"`.
    #[serde(default)]
    pub(super) sets: std::collections::BTreeMap<String, Vec<String>>,
    /// Words of this database's subject that extend the engine's English lexicon: titles,
    /// non-names, sentence openers, adjectives after "most"... (see README, "Extending the
    /// lexicon").
    #[serde(default)]
    pub(super) lexicon: LexiconExtension,
    /// The claims.
    #[serde(default)]
    #[schemars(with = "Vec<RawClaim>")]
    pub(super) claim: Vec<Spanned<RawClaim>>,
}

/// One `[[claim]]`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawClaim {
    /// Stable identifier: lowercase letters, digits and `-`.
    pub(super) id: String,
    /// The claim in one sentence, as the sources support it.
    pub(super) statement: String,
    /// Term groups; a sentence must contain a term of every group.
    pub(super) about: Vec<Vec<String>>,
    /// Phrases that refer back to a subject named in the previous sentence.
    #[serde(default)]
    pub(super) anaphora: Vec<String>,
    /// Term groups that must also be present for a conflict.
    #[serde(default)]
    pub(super) conflict_requires: Vec<Vec<String>>,
    /// Terms that mark a neighbouring measure: the claim stays silent.
    #[serde(default)]
    pub(super) excludes: Vec<String>,
    /// Periods the figures cover.
    #[serde(default)]
    pub(super) period: Vec<String>,
    /// Whether a figure must state one of the periods (default: true when `period` is set).
    pub(super) period_required: Option<bool>,
    /// Curator's note.
    pub(super) note: Option<String>,
    /// Thresholds of this claim that differ from the engine's (see README, "Policy").
    pub(super) policy: Option<RawPolicy>,
    /// The checkable facts.
    #[serde(default)]
    #[schemars(with = "Vec<RawFact>")]
    pub(super) fact: Vec<Spanned<RawFact>>,
    /// The sources.
    #[serde(default)]
    #[schemars(with = "Vec<RawSource>")]
    pub(super) source: Vec<Spanned<RawSource>>,
    /// Example sentences, run as tests.
    pub(super) examples: Option<RawExamples>,
    /// A scaffold not yet checked against its source (`claimcheck db new` writes it): `check`
    /// and the language server skip the claim, `db test` still runs its examples and `db lint`
    /// warns. Delete it once the figure is confirmed.
    #[serde(default)]
    pub(super) draft: bool,
}

/// A claim's own judgement thresholds.
#[derive(Debug, Deserialize, Clone, Copy, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawPolicy {
    /// How far past a one-sided bound ("over 1,000") the sources' figure may lie for the
    /// bound to state it, as a factor (default 1.25).
    pub(super) bound_reach: Option<f64>,
    /// How near a one-sided statement's end must lie to a look-alike's value to read as it,
    /// as a share of the value (default 0.10).
    pub(super) lookalike_near: Option<f64>,
}

/// A tolerance: `"2%"` or a number in the fact's unit.
#[derive(Debug, Deserialize, Clone, schemars::JsonSchema)]
#[serde(untagged)]
pub(super) enum RawTolerance {
    Number(f64),
    Text(String),
}

/// One `[[claim.fact]]`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawFact {
    /// What is stated: count, rate, share, mass, multiplier, date, person, assertion, money,
    /// change, level, tally, record, duration or quantity.
    #[schemars(regex(
        pattern = r"^(count|rate|share|mass|multiplier|date|person|assertion|money|change|level|tally|record|duration|quantity)$"
    ))]
    pub(super) kind: String,
    /// What the figure measures, as shown in messages ("U.S. citizens among ...").
    pub(super) label: Option<String>,
    /// The sourced value (a share in percent, a mass in `unit`).
    /// (For money, quantity, duration and tally facts: or the figure as a source writes it,
    /// "$115.9 billion", "1.48 °C", "49 years", "53-47".)
    pub(super) value: Option<super::measure_value::RawValue>,
    /// The unit of a mass (kg, lb, g, mg, t), a quantity ("°C", "GW"), a duration ("years")
    /// or a change ("%", "pp", "bp", a currency code or a physical unit).
    pub(super) unit: Option<String>,
    /// For money: the ISO 4217 currency code (default USD, or the one the value's sign shows).
    pub(super) currency: Option<String>,
    /// For a quantity: the value is a temperature difference (a rise, an anomaly), not a
    /// reading.
    #[serde(default)]
    pub(super) difference: bool,
    /// For a change: what it is measured against: "year", "month", or a date ("2016").
    pub(super) base: Option<String>,
    /// For a change: a stated change with no base is not compared.
    #[serde(default)]
    pub(super) base_required: bool,
    /// For a record: 1 for the record itself, 2 for the second-highest...
    pub(super) rank: Option<u32>,
    /// For a record: the date it is counted since ("1850").
    pub(super) since: Option<String>,
    /// For a record: the span of years it covers (174 for "a 174-year record").
    pub(super) span: Option<f64>,
    /// For a tally: the votes for (instead of `value`).
    pub(super) yes: Option<f64>,
    /// For a tally: the votes against (instead of `value`).
    pub(super) no: Option<f64>,
    /// For a tally: the vote was unanimous.
    #[serde(default)]
    pub(super) unanimous: bool,
    /// Term groups that must be present for this fact to conflict.
    #[serde(default)]
    pub(super) conflict_requires: Vec<Vec<String>>,
    /// The period of a rate: day, week, month, year or capita.
    pub(super) per: Option<String>,
    /// How far a stated figure may be from `value` and still agree: a number in the fact's
    /// unit, or a percentage of the value such as "2%".
    pub(super) tolerance: Option<RawTolerance>,
    /// A range of values that agree, instead of `value` and `tolerance`.
    pub(super) range: Option<[f64; 2]>,
    /// Figures between the tolerance and this margin are near misses: neither agree nor
    /// conflict.
    pub(super) margin: Option<RawTolerance>,
    /// Nouns a count must be stated with ("deaths", "people").
    #[serde(default)]
    pub(super) nouns: Vec<String>,
    /// Terms that must follow a share or mass ("of fentanyl traffickers").
    #[serde(default)]
    pub(super) of: Vec<String>,
    /// For a share: what the group is ("U.S. citizens").
    #[serde(default)]
    pub(super) is: Vec<String>,
    /// For a share: what the rest of the group is ("foreign nationals", "non-citizens").
    #[serde(default)]
    pub(super) is_not: Vec<String>,
    /// For a multiplier: what it is compared with ("than heroin").
    #[serde(default)]
    pub(super) than: Vec<String>,
    /// For a date fact: the date, as YYYY, YYYY-MM or YYYY-MM-DD.
    pub(super) date: Option<String>,
    /// For a person fact: the people who may be named.
    #[serde(default)]
    pub(super) people: Vec<RawPerson>,
    /// For a person fact: naming any one of `people` agrees.
    #[serde(default)]
    pub(super) any_of: bool,
    /// For a person fact: the verbs of the role the people had ("testif*", "announc*"). Another
    /// person conflicts only when given this role; a speaker quoted about it does not. For a
    /// date fact: the words of the event it dates ("expired", "signed"): a date is the fact's
    /// only when one of them stands with it in its clause, so another event's date is silent.
    #[serde(default)]
    pub(super) roles: Vec<String>,
    /// Figures of neighbouring measures that must stay silent, not conflict.
    #[serde(default)]
    pub(super) lookalikes: Vec<RawLookalike>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawPerson {
    /// The full name.
    pub(super) name: String,
    /// Other ways the text may name the person (surname, title and surname).
    #[serde(default)]
    pub(super) aliases: Vec<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawLookalike {
    /// The look-alike figure (for the kinds of issue 16, as a source writes it: "51-48",
    /// "$100 billion", "473 GW").
    pub(super) value: Option<super::measure_value::RawValue>,
    /// How close a stated figure must be to count as the look-alike.
    pub(super) tolerance: Option<RawTolerance>,
    /// A range of look-alike values, instead of `value`.
    pub(super) range: Option<[f64; 2]>,
    /// The period of the look-alike figure.
    pub(super) date: Option<String>,
    /// What the look-alike measures, for curators.
    pub(super) note: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawSource {
    /// The title of the page or document.
    pub(super) title: String,
    /// Who published it.
    pub(super) publisher: String,
    /// Where it is (https:// or http://).
    pub(super) url: String,
    /// When it was published: YYYY, YYYY-MM or YYYY-MM-DD.
    pub(super) date: String,
    /// The words of the source that support the claim.
    pub(super) quote: String,
    /// The source's role, e.g. "primary" or "secondary".
    pub(super) role: Option<String>,
    /// A curator's note on the source.
    pub(super) note: Option<String>,
}

#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawExamples {
    /// Sentences that must agree with the claim.
    #[serde(default)]
    pub(super) agrees: Vec<String>,
    /// Sentences that must conflict with the claim.
    #[serde(default)]
    pub(super) conflicts: Vec<String>,
    /// Sentences the claim must not judge (look-alikes, other periods).
    #[serde(default)]
    pub(super) silent: Vec<String>,
}
