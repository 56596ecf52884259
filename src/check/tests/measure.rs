//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! Judging the kinds of issue 16 on small neutral databases (a town's budget, a river's
//! temperature, a council's votes): one test per rule that decides agree, conflict or
//! silence.

use crate::check::{Verdict, check};
use crate::db::Database;

/// A database of one claim: `about`, `period` and the fact's TOML lines.
fn db(about: &str, period: Option<&str>, fact: &str) -> Database {
    let period = period.map_or(String::new(), |p| format!("period = [\"{p}\"]\n"));
    let src = format!(
        "[[claim]]\nid = \"c\"\nstatement = \"s\"\nabout = [[{about}]]\n{period}\n[[claim.fact]]\n{fact}\n\n\
         [[claim.source]]\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://example.org\"\ndate = \"2024\"\nquote = \"q\"\n"
    );
    match Database::from_sources(&[("fixture.toml".into(), src)]) {
        Ok(d) => d,
        Err(e) => panic!("fixture database: {e}"),
    }
}

/// The verdicts on `text` (sorted, deduplicated).
fn verdicts(d: &Database, text: &str) -> Vec<Verdict> {
    let mut v: Vec<Verdict> = check(d, text).into_iter().map(|f| f.verdict).collect();
    v.sort();
    v.dedup();
    v
}

const AGREES: &[Verdict] = &[Verdict::Agrees];
const CONFLICTS: &[Verdict] = &[Verdict::Conflicts];
const SILENT: &[Verdict] = &[];

#[test]
fn money_compares_within_its_currency_only() {
    let d = db(
        "\"budget\"",
        None,
        "kind = \"money\"\nvalue = \"$4.2 million\"",
    );
    assert_eq!(verdicts(&d, "The town budget is $4.2 million."), AGREES);
    assert_eq!(
        verdicts(&d, "The town budget is about 4.2 million dollars."),
        AGREES
    );
    assert_eq!(verdicts(&d, "The town budget is $6 million."), CONFLICTS);
    // Another currency is another measure: no exchange rates.
    assert_eq!(verdicts(&d, "The town budget is €6 million."), SILENT);
}

#[test]
fn money_per_unit_is_part_of_the_measure() {
    let d = db(
        "\"water\"",
        None,
        "kind = \"money\"\nvalue = \"$3.10 a gallon\"",
    );
    assert_eq!(verdicts(&d, "Bottled water costs $3.10 a gallon."), AGREES);
    assert_eq!(verdicts(&d, "Bottled water costs $5 a gallon."), CONFLICTS);
    // A barrel is 42 gallons: prices per volumes convert.
    assert_eq!(
        verdicts(&d, "Bottled water costs $130.20 a barrel."),
        AGREES
    );
    assert_eq!(verdicts(&d, "Bottled water costs $5 a barrel."), CONFLICTS);
    // A price per week, or a bare amount, is another measure.
    assert_eq!(verdicts(&d, "Bottled water costs $3.10 a week."), SILENT);
    assert_eq!(verdicts(&d, "Bottled water costs $3.10."), SILENT);
}

#[test]
fn temperature_differences_convert_by_factor_only() {
    let d = db(
        "\"river\"",
        None,
        "kind = \"quantity\"\nvalue = \"1.5 °C\"\ndifference = true",
    );
    assert_eq!(
        verdicts(&d, "The river is 2.7 °F warmer than in 1990."),
        AGREES
    );
    assert_eq!(
        verdicts(&d, "The river is 1.5C warmer than in 1990."),
        AGREES
    );
    assert_eq!(
        verdicts(&d, "The river is 34.7 °F warmer than in 1990."),
        CONFLICTS
    );
    // A reading is not a difference.
    assert_eq!(verdicts(&d, "The river was 1.5 °C at dawn."), SILENT);
}

#[test]
fn quantities_of_another_dimension_are_silent() {
    let d = db("\"dam\"", None, "kind = \"quantity\"\nvalue = \"2 GW\"");
    assert_eq!(verdicts(&d, "The dam produces 2,000 megawatts."), AGREES);
    assert_eq!(verdicts(&d, "The dam produces 3 GW."), CONFLICTS);
    assert_eq!(verdicts(&d, "The dam produces 2 TWh a year."), SILENT);
}

#[test]
fn changes_keep_direction_unit_and_base() {
    let d = db(
        "\"fares\"",
        None,
        "kind = \"change\"\nvalue = 4.5\nunit = \"%\"\nbase = \"year\"",
    );
    assert_eq!(verdicts(&d, "Fares rose 4.5% from a year earlier."), AGREES);
    assert_eq!(verdicts(&d, "Fares rose 4.5%."), AGREES);
    // Direction is part of the figure.
    assert_eq!(
        verdicts(&d, "Fares fell 4.5% from a year earlier."),
        CONFLICTS
    );
    assert_eq!(
        verdicts(&d, "Fares rose 9% from a year earlier."),
        CONFLICTS
    );
    // Another base is another measure; points are not percent.
    assert_eq!(
        verdicts(&d, "Fares rose 9% from the previous month."),
        SILENT
    );
    assert_eq!(verdicts(&d, "Fares rose 4.5 percentage points."), SILENT);
}

#[test]
fn basis_points_and_quarter_points_are_points() {
    let d = db(
        "\"rate\"",
        None,
        "kind = \"change\"\nvalue = 0.25\nunit = \"pp\"",
    );
    assert_eq!(
        verdicts(&d, "The council raised the rate by 25 basis points."),
        AGREES
    );
    assert_eq!(verdicts(&d, "The rate got a quarter-point hike."), AGREES);
    assert_eq!(
        verdicts(&d, "The council raised the rate by 50 basis points."),
        CONFLICTS
    );
}

#[test]
fn level_ranges_match_contain_or_stay_silent() {
    let d = db(
        "\"rate\"",
        None,
        "kind = \"level\"\nrange = [5.25, 5.5]\nnouns = [\"rate\"]",
    );
    assert_eq!(verdicts(&d, "The rate stands at 5.25% to 5.5%."), AGREES);
    assert_eq!(verdicts(&d, "The rate stands at 5.4%."), AGREES);
    assert_eq!(verdicts(&d, "The rate stands at 6.5%."), CONFLICTS);
    // A range that only overlaps says nothing.
    assert_eq!(verdicts(&d, "The rate stands at 5% to 5.4%."), SILENT);
}

#[test]
fn levels_bind_to_their_nearest_noun() {
    let src = "[[claim]]\nid = \"c\"\nstatement = \"s\"\nabout = [[\"referendum\"]]\n\
        [[claim.fact]]\nkind = \"level\"\nvalue = 58\nnouns = [\"Yes\"]\n\
        [[claim.fact]]\nkind = \"level\"\nvalue = 64\nnouns = [\"turnout\"]\n\
        [[claim.source]]\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://example.org\"\ndate = \"2024\"\nquote = \"q\"\n";
    let d =
        Database::from_sources(&[("f.toml".into(), src.into())]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        verdicts(&d, "In the referendum Yes won 58% on a turnout of 64%."),
        AGREES
    );
    assert_eq!(
        verdicts(&d, "In the referendum Yes won 54% on a turnout of 64%."),
        CONFLICTS
    );
}

#[test]
fn tallies_compare_as_pairs_with_lookalikes() {
    let d = db(
        "\"council\"",
        None,
        "kind = \"tally\"\nvalue = \"7-2\"\nlookalikes = [{ value = \"5-4\", note = \"first reading\" }]",
    );
    assert_eq!(verdicts(&d, "The council approved the plan 7-2."), AGREES);
    // Written smaller side first after a word of voting: the same pair (README: "in either
    // order").
    assert_eq!(
        verdicts(&d, "The council approved the plan by a vote of 2 to 7."),
        AGREES
    );
    assert_eq!(
        verdicts(&d, "The council approved the plan 6-3."),
        CONFLICTS
    );
    assert_eq!(
        verdicts(&d, "The council approved the plan unanimously."),
        CONFLICTS
    );
    // The look-alike's own figure goes silent.
    assert_eq!(verdicts(&d, "The council approved the plan 5-4."), SILENT);
}

#[test]
fn a_lookalike_silences_its_own_fact_only() {
    let src = "[[claim]]\nid = \"c\"\nstatement = \"s\"\nabout = [[\"council\"]]\n\
        [[claim.fact]]\nkind = \"tally\"\nvalue = \"7-2\"\nlookalikes = [{ value = \"5-4\" }]\n\
        [[claim.fact]]\nkind = \"date\"\ndate = \"2024-03-05\"\n\
        [[claim.source]]\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://example.org\"\ndate = \"2024\"\nquote = \"q\"\n";
    let d =
        Database::from_sources(&[("f.toml".into(), src.into())]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        verdicts(&d, "The council voted 5-4 on March 5, 2024."),
        AGREES
    );
    // Beside the other vote's tally, another date is likely that vote's: the conflict is
    // withheld.
    assert_eq!(
        verdicts(&d, "The council voted 5-4 on March 9, 2024."),
        SILENT
    );
    assert_eq!(
        verdicts(&d, "The council voted 7-2 on March 9, 2024."),
        CONFLICTS
    );
}

#[test]
fn records_check_rank_since_and_span() {
    let d = db(
        "\"flood\"",
        None,
        "kind = \"record\"\nrank = 1\nsince = \"1900\"\nspan = 124",
    );
    assert_eq!(verdicts(&d, "It was the highest flood on record."), AGREES);
    assert_eq!(verdicts(&d, "It was the highest flood since 1900."), AGREES);
    assert_eq!(verdicts(&d, "It was a 123-year flood record."), AGREES);
    assert_eq!(
        verdicts(&d, "It was the second-highest flood on record."),
        CONFLICTS
    );
    assert_eq!(
        verdicts(&d, "It was the highest flood since 1950."),
        CONFLICTS
    );
}

#[test]
fn durations_need_their_noun_and_ages_are_no_durations() {
    let d = db(
        "\"mayor\"",
        None,
        "kind = \"duration\"\nvalue = \"22 years\"\nnouns = [\"served\", \"office\"]",
    );
    assert_eq!(verdicts(&d, "The mayor served for 22 years."), AGREES);
    assert_eq!(verdicts(&d, "The mayor served for 12 years."), CONFLICTS);
    // Two decades is 20 years: a near miss of 22, neither agreeing nor conflicting.
    assert_eq!(verdicts(&d, "The mayor served for two decades."), SILENT);
    assert_eq!(
        verdicts(&d, "The mayor served for more than two decades."),
        AGREES
    );
    assert_eq!(verdicts(&d, "The mayor, aged 65 and over, served."), SILENT);
    assert_eq!(verdicts(&d, "The mayor planned a 10-year budget."), SILENT);
}

#[test]
fn a_fact_conflicts_only_with_its_own_conflict_requires() {
    let src = "[[claim]]\nid = \"c\"\nstatement = \"s\"\nabout = [[\"ruling\"]]\n\
        [[claim.fact]]\nkind = \"tally\"\nvalue = \"6-3\"\n\
        [[claim.fact]]\nkind = \"person\"\npeople = [{ name = \"Ann Lee\", aliases = [\"Lee\"] }]\nconflict-requires = [[\"majority\"]]\n\
        [[claim.source]]\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://example.org\"\ndate = \"2024\"\nquote = \"q\"\n";
    let d =
        Database::from_sources(&[("f.toml".into(), src.into())]).unwrap_or_else(|e| panic!("{e}"));
    // Another judge who "said" something is no conflict without "majority"; the tally still
    // conflicts freely.
    assert_eq!(
        verdicts(&d, "Judge Tom Ray said the ruling was 6-3."),
        AGREES
    );
    assert_eq!(
        verdicts(&d, "Judge Tom Ray wrote the majority in the 6-3 ruling."),
        CONFLICTS
    );
    assert_eq!(
        verdicts(&d, "Judge Ann Lee said the ruling was 7-2."),
        CONFLICTS
    );
}

#[test]
fn a_bare_number_is_no_count() {
    let d = db(
        "\"council\"",
        None,
        "kind = \"count\"\nvalue = 3\ntolerance = 0\nnouns = [\"members\"]",
    );
    // An age set off by commas after a name is no count of anything.
    assert_eq!(
        verdicts(&d, "The council chair, Ann Lee, 51, was re-elected."),
        SILENT
    );
    assert_eq!(verdicts(&d, "The council approved it 6-3."), SILENT);
    assert_eq!(verdicts(&d, "Three council members voted no."), AGREES);
}

#[test]
fn a_record_with_nouns_is_judged_only_next_to_them() {
    let d = db(
        "\"inflation\"",
        None,
        "kind = \"record\"\nsince = \"1981\"\nnouns = [\"inflation\", \"consumer prices\"]",
    );
    assert_eq!(
        verdicts(&d, "Inflation was the highest since 1981."),
        AGREES
    );
    assert_eq!(
        verdicts(&d, "Inflation was the highest since 1991."),
        CONFLICTS
    );
    // Far from the record's nouns, another record is another measure.
    assert_eq!(
        verdicts(
            &d,
            "Gas prices reached their highest level in the whole period since 2008, while inflation climbed."
        ),
        SILENT
    );
}

#[test]
fn a_level_without_nouns_needs_the_subject_near_it() {
    let d = db("\"jobless rate\"", None, "kind = \"level\"\nvalue = 3.4");
    assert_eq!(verdicts(&d, "The jobless rate fell to 3.4%."), AGREES);
    assert_eq!(verdicts(&d, "The jobless rate fell to 3.9%."), CONFLICTS);
    assert_eq!(
        verdicts(
            &d,
            "The jobless rate was mentioned once in a long report that also said wages grew by a modest 4.4% across all sectors."
        ),
        SILENT
    );
}

#[test]
fn a_figure_far_from_the_subject_is_another_measure() {
    let d = db(
        "\"consumer prices\"",
        None,
        "kind = \"change\"\nvalue = 9.1\nunit = \"%\"",
    );
    assert_eq!(verdicts(&d, "Consumer prices rose 9.1% in June."), AGREES);
    assert_eq!(
        verdicts(&d, "Consumer prices rose 8.1% in June."),
        CONFLICTS
    );
    // The wage rise stands a clause away from the claim's subject.
    assert_eq!(
        verdicts(
            &d,
            "Consumer prices rose 9.1% in June, while average hourly earnings for workers in most private industries rose only 5.1%."
        ),
        AGREES
    );
}

#[test]
fn a_bound_on_money_must_reach_the_figure_from_the_end_it_states() {
    let d = db(
        "\"ticket\"",
        None,
        "kind = \"money\"\nvalue = \"$110 per seat\"",
    );
    // "as much as" states a high end: true of $110 but too far above it to state it.
    assert_eq!(
        verdicts(&d, "A ticket costs as much as $230 per seat."),
        SILENT
    );
    assert_eq!(
        verdicts(&d, "A ticket costs as much as $120 per seat."),
        AGREES
    );
    // "more than" states a low end.
    assert_eq!(
        verdicts(&d, "A ticket costs more than $40 per seat."),
        SILENT
    );
    assert_eq!(
        verdicts(&d, "A ticket costs more than $100 per seat."),
        AGREES
    );
    // A bound that fails conflicts however loose.
    assert_eq!(
        verdicts(&d, "A ticket costs more than $200 per seat."),
        CONFLICTS
    );
}

#[test]
fn a_hedge_is_no_wider_than_the_digits_written() {
    let d = db(
        "\"pupils\"",
        None,
        "kind = \"level\"\nvalue = 93.1\nnouns = [\"vaccinated\"]",
    );
    // Three figures: "about" rounds to the last one, not 5% either way.
    assert_eq!(
        verdicts(&d, "About 95.1% of pupils were vaccinated."),
        CONFLICTS
    );
    assert_eq!(
        verdicts(&d, "About 93.4% of pupils were vaccinated."),
        AGREES
    );
    // Two figures: the usual hedge.
    assert_eq!(verdicts(&d, "About 95% of pupils were vaccinated."), AGREES);
}

#[test]
fn one_side_of_a_vote_is_compared_with_the_larger_side() {
    let d = db("\"Ferry Act\"", None, "kind = \"tally\"\nvalue = \"63-35\"");
    assert_eq!(
        verdicts(&d, "The Ferry Act passed with 63 votes in favour."),
        AGREES
    );
    assert_eq!(
        verdicts(&d, "The Ferry Act passed the council with 61 votes."),
        CONFLICTS
    );
    // The smaller side: which side voted for is not known from the pair.
    assert_eq!(
        verdicts(&d, "The Ferry Act got 35 votes in favour."),
        SILENT
    );
}

#[test]
fn a_forecast_agrees_but_never_conflicts() {
    let d = db(
        "\"vacancy\"",
        None,
        "kind = \"level\"\nvalue = 5.8\nnouns = [\"rate\"]",
    );
    assert_eq!(
        verdicts(
            &d,
            "Analysts expect the vacancy rate to climb to 6.5% next year."
        ),
        SILENT
    );
    assert_eq!(
        verdicts(&d, "Analysts expected the vacancy rate to reach 5.8%."),
        AGREES
    );
    assert_eq!(verdicts(&d, "The vacancy rate climbed to 6.5%."), CONFLICTS);
}

#[test]
fn a_figure_that_agrees_with_one_fact_is_no_wrong_figure_of_another() {
    // Two facts of one kind: a monthly price and a yearly subsidy.
    let d = match Database::from_sources(&[(
        "fixture.toml".into(),
        "[[claim]]\nid = \"c\"\nstatement = \"s\"\nabout = [[\"pass\"]]\n\n\
         [[claim.fact]]\nkind = \"money\"\nvalue = \"€49\"\nper = \"month\"\n\n\
         [[claim.fact]]\nkind = \"money\"\nvalue = \"€1.5 billion\"\nper = \"year\"\n\n\
         [[claim.source]]\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://example.org\"\ndate = \"2024\"\nquote = \"q\"\n"
            .to_string(),
    )]) {
        Ok(d) => d,
        Err(e) => panic!("fixture database: {e}"),
    };
    assert_eq!(verdicts(&d, "The pass costs 49 euros a month."), AGREES);
    assert_eq!(verdicts(&d, "The pass costs 59 euros a month."), CONFLICTS);
}

#[test]
fn a_money_range_reads_in_written_or_currency_units() {
    for range in ["[18.8, 19.0]", "[18.8e9, 19.0e9]"] {
        let d = db(
            "\"line\"",
            None,
            &format!("kind = \"money\"\nvalue = \"£18.9 billion\"\nrange = {range}"),
        );
        assert_eq!(verdicts(&d, "The line cost £18.9bn."), AGREES, "{range}");
        assert_eq!(verdicts(&d, "The line cost £25bn."), CONFLICTS, "{range}");
    }
}
