//! How sentences are read: a subject carried over from the previous sentence, and
//! look-alike figures (neighbouring measures) that must never read as conflicts.

use crate::util::*;

const FIRST_WEEK: &str = "blue-lotus-first-week-seizures";

// ---------------------------------------------------------------------------------------
// Neighbouring sentences

#[test]
fn previous_sentence_names_the_subject() {
    let input = "DHS began Operation Blue Lotus on March 13, 2023. \
                 In its first week, the operation seized 300 pounds of fentanyl.\n";
    let (out, report) = run_json(&[], input);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let found = of_claim(&report.findings, FIRST_WEEK);
    assert_eq!(found.len(), 1, "\n{}", brief(&report.findings));
    let f = found[0];
    assert_eq!(
        f.verdict,
        Verdict::Conflicts,
        "\n{}",
        brief(&report.findings)
    );
    assert!(
        f.with_previous,
        "the claim was recognised with the previous sentence: {f:#?}"
    );
    assert_eq!(f.stated, "300 pounds");
    assert_eq!(
        f.text,
        "In its first week, the operation seized 300 pounds of fentanyl."
    );
    assert_positions(input, f);
}

#[test]
fn previous_sentence_is_shown_in_human_output() {
    let input = "DHS began Operation Blue Lotus on March 13, 2023. \
                 In its first week, the operation seized 300 pounds of fentanyl.\n";
    let out = run(&["--color", "never"], input);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("conflicts [{FIRST_WEEK}]")),
        "{text}"
    );
    assert!(text.contains("previous sentence"), "{text}");
}

#[test]
fn another_paragraph_does_not_name_the_subject() {
    let input = "DHS began Operation Blue Lotus on March 13, 2023.\n\
                 \n\
                 In its first week, the operation seized 300 pounds of fentanyl.\n";
    let (out, report) = run_json(&[], input);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(
        of_claim(&report.findings, FIRST_WEEK).is_empty(),
        "a blank line ends the paragraph; nothing carries over:\n{}",
        brief(&report.findings)
    );
}

#[test]
fn sentence_naming_its_own_subject_is_not_with_previous() {
    let input = "Operation Blue Lotus seized 300 pounds of fentanyl in its first week.\n";
    let (out, report) = run_json(&[], input);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let found = of_claim(&report.findings, FIRST_WEEK);
    assert_eq!(found.len(), 1, "\n{}", brief(&report.findings));
    assert!(!found[0].with_previous);
}

// ---------------------------------------------------------------------------------------
// Look-alikes: published-style sentences about neighbouring measures must not conflict.

/// Checks one sentence on standard input: exit 0 and no conflict of any claim.
fn assert_no_conflict(sentence: &str) {
    let (out, report) = run_json(&[], &format!("{sentence}\n"));
    let bad = conflicts(&report.findings);
    assert!(
        bad.is_empty() && code(&out) == 0,
        "{sentence:?} must not conflict (exit {:?}), got:\n{}",
        out.status.code(),
        brief(&report.findings)
    );
}

macro_rules! no_conflict {
    ($($(#[$doc:meta])* $name:ident: $sentence:expr;)*) => {
        $(
            $(#[$doc])*
            #[test]
            fn $name() {
                assert_no_conflict($sentence);
            }
        )*
    };
}

no_conflict! {
    // The examples from the specification.
    lookalike_all_drug_deaths_2021:
        "More than 100,000 Americans died of drug overdoses in 2021.";
    lookalike_per_day_in_2021:
        "Fentanyl was involved in nearly 200 deaths a day in 2021.";
    lookalike_cocaine_seizures:
        "Cocaine seizures at the southern border reached 30,000 pounds in 2022.";
    lookalike_poll_item_migrants_bring_most:
        "An NPR/Ipsos poll found 39% believe most fentanyl is brought by migrants crossing illegally.";

    /// All-drug deaths, not synthetic-opioid deaths.
    lookalike_all_drug_deaths_2022:
        "Drug overdoses of every kind, fentanyl included, killed about 107,000 people in the United States in 2022.";
    /// A yearly figure in a sentence that also says "since 2018" is not the cumulative toll.
    lookalike_yearly_figure_beside_since_2018:
        "Fentanyl deaths have risen every year since 2018, reaching about 70,000 in 2021.";
    /// Per year, not per day.
    lookalike_per_year_is_not_per_day:
        "Fentanyl overdoses now kill roughly 70,000 Americans a year.";
    /// Per day, not cumulative since 2018.
    lookalike_per_day_is_not_cumulative:
        "Since 2018, fentanyl has killed about 200 people every day.";
    /// Another fiscal year of border seizures.
    lookalike_fiscal_2023_seizures:
        "In fiscal year 2023, agents seized nearly 27,000 pounds of fentanyl at the southern border.";
    /// A calendar year that is not the claim's fiscal year.
    lookalike_calendar_2023_seizures:
        "In calendar year 2023, border agents seized roughly 27,000 pounds of fentanyl at the U.S.-Mexico border.";
    /// The citizen share for another fiscal year.
    lookalike_fiscal_2022_citizen_share:
        "In fiscal year 2022, 89 percent of the people sentenced for fentanyl trafficking were U.S. citizens.";
    /// Another item of the same poll.
    lookalike_poll_item_open_border:
        "The same 2022 NPR/Ipsos poll found that 42% of respondents blamed open border policies for fentanyl overdoses.";
    /// Another item of the same poll.
    lookalike_poll_item_invasion:
        "In the 2022 NPR/Ipsos poll, 54 percent of respondents agreed that the situation at the southern border is an invasion.";
    /// Another court case (June 2023, not October 2023).
    lookalike_june_2023_court_case:
        "In June 2023, the Justice Department charged four China-based companies and eight individuals over fentanyl precursor sales.";
    /// Another substance seized by the same operation in the same week.
    lookalike_blue_lotus_cocaine:
        "In its first week, Operation Blue Lotus also stopped roughly 100 pounds of cocaine.";
    /// Another year of synthetic-opioid deaths.
    lookalike_synthetic_opioid_deaths_2019:
        "About 36,000 people died of synthetic opioid overdoses in 2019.";
}

#[test]
fn lookalike_june_2023_court_case_is_silent_for_the_october_case() {
    let input = "In June 2023, the Justice Department charged four China-based companies \
                 and eight individuals over fentanyl precursor sales.\n";
    let (_, report) = run_json(&[], input);
    assert!(
        of_claim(&report.findings, "doj-charges-chinese-precursor-companies").is_empty(),
        "another case must be silent for the October 2023 charges:\n{}",
        brief(&report.findings)
    );
}
