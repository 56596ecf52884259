//! Real published text (issue 13): the sentence shapes of news and government pages that the
//! shipped claims once got wrong, by category, each with variants that agree, conflict and
//! stay silent. Every test names the findings a text must get: (claim id, verdict) pairs,
//! nothing more and nothing less. A text may hold two sentences of one paragraph.

use crate::util::*;

// 1. A figure in a relative clause belongs to the clause's antecedent.
expect_findings! {
    relative_clause_of_the_comparator_is_silent:
        "Fentanyl is 50 times stronger than heroin, which is twice as strong as morphine." => [("fentanyl-potency", "agrees")];
    relative_clause_with_its_own_pronoun_is_silent:
        "It is 100 times as potent as fentanyl, which makes it 5,000 times stronger than morphine." => [];
    relative_clause_of_the_subject_agrees:
        "Carfentanil is 10,000 times stronger than morphine and 100 times stronger than fentanyl, which is itself 50 times stronger than heroin." => [("fentanyl-potency", "agrees")];
    relative_clause_of_the_subject_conflicts:
        "Carfentanil is 100 times stronger than fentanyl, which is itself 500 times stronger than heroin." => [("fentanyl-potency", "conflicts")];
    relative_clause_about_the_comparator_is_silent:
        "Fentanyl is far deadlier than heroin, which is itself about three times as potent as morphine." => [];
    relative_clause_after_an_analogue_agrees:
        "Nitazenes can be even stronger than fentanyl, which is itself 50 times stronger than heroin." => [("fentanyl-potency", "agrees")];
    non_restrictive_clause_of_the_subject_conflicts:
        "Fentanyl, which is 5 to 10 times stronger than heroin, is often pressed into counterfeit pills." => [("fentanyl-potency", "conflicts")];
}

// 2. A hypothetical quantity is not a count of the measure.
expect_findings! {
    enough_to_kill_is_silent:
        "Border agents seized about 4,800 pounds of fentanyl in 2021, enough to kill 1.1 billion people." => [];
    could_kill_is_silent:
        "The fentanyl seized in 2022 could kill 150,000 people, officials said." => [];
    could_have_killed_is_silent:
        "In 2021, the pills seized by agents could have killed 2 million Americans, police said of the fentanyl." => [];
    enough_to_kill_later_in_the_sentence_is_silent:
        "Police in 2022 seized enough fentanyl to kill 500,000 people." => [];
    hypothetical_clause_does_not_hide_the_real_count:
        "Fentanyl killed about 71,000 Americans in 2021, enough to fill a football stadium." => [("synthetic-opioid-deaths-2021", "agrees")];
    real_count_beside_a_hypothetical_conflicts:
        "Fentanyl killed about 17,000 Americans in 2021." => [("synthetic-opioid-deaths-2021", "conflicts")];
}

// 3. A share with another predicate is another measure.
expect_findings! {
    share_of_citizens_among_arrests_is_silent:
        "Roughly 93% of fentanyl arrests at the border have been of U.S. citizens, not migrants." => [];
    share_of_arrests_involving_citizens_is_silent:
        "Most Border Patrol arrests of people carrying fentanyl involve U.S. citizens, not asylum seekers." => [];
    share_with_the_fact_predicate_agrees:
        "Only 0.02 percent of migrants arrested by Border Patrol were carrying fentanyl." => [("border-patrol-arrestees-with-fentanyl", "agrees")];
    share_with_the_fact_predicate_conflicts:
        "About 3% of migrants arrested by Border Patrol were found with fentanyl." => [("border-patrol-arrestees-with-fentanyl", "conflicts")];
    share_of_arrestees_with_another_predicate_is_silent:
        "About 70% of the migrants Border Patrol arrested for carrying fentanyl were men." => [];
}

// 4. Naming other people at an event is not attributing the claim to them.
expect_findings! {
    chair_and_guest_are_not_witnesses:
        "Senator Ortiz chaired a Senate Foreign Relations Committee hearing on the fentanyl crisis with Secretary Blinken." => [];
    another_witness_conflicts:
        "Secretary of State Antony Blinken testified at the February 2023 Senate Foreign Relations Committee hearing on fentanyl." => [("gupta-sfrc-fentanyl-hearing", "conflicts")];
    presiding_senator_beside_the_witness_agrees:
        "Rahul Gupta testified at the Senate Foreign Relations Committee hearing on fentanyl, with Senator Pete Ortiz presiding." => [("gupta-sfrc-fentanyl-hearing", "agrees")];
    questioning_senator_is_not_a_witness:
        "Senator Jeanne Shaheen questioned witnesses at a Senate Foreign Relations Committee hearing on fentanyl." => [];
    the_host_met_is_not_a_delegate:
        "Senate Majority Leader Chuck Schumer met Chinese Premier Li Qiang in Beijing in October 2023 to discuss fentanyl." => [("senators-china-trip-oct-2023", "agrees")];
    a_traveller_outside_the_delegation_conflicts:
        "Senators Chuck Schumer and Lindsey Graham traveled to Beijing in October 2023 to discuss fentanyl." => [("senators-china-trip-oct-2023", "conflicts")];
    a_critic_of_the_travellers_is_not_a_traveller:
        "Senator Ted Cruz criticized the senators who traveled to Beijing in October 2023 to discuss fentanyl." => [("senators-china-trip-oct-2023", "agrees")];
    a_speaker_is_not_the_announcer:
        "The visa restrictions on relatives of fentanyl traffickers took effect in June 2025, State Department spokesperson Tammy Bruce said." => [];
}

// 5. A bound that fails is a conflict, however loose.
expect_findings! {
    failing_loose_upper_bound_conflicts:
        "Fewer than 9,000 Americans died from synthetic opioids in 2021." => [("synthetic-opioid-deaths-2021", "conflicts")];
    failing_tight_upper_bound_conflicts:
        "Synthetic opioids killed fewer than 5,000 people in 2021." => [("synthetic-opioid-deaths-2021", "conflicts")];
    failing_upper_bound_near_a_lookalike_conflicts:
        "Fewer than 3,000 people died from synthetic opioids in 2014." => [("synthetic-opioid-deaths-2014", "conflicts")];
    failing_lower_bound_conflicts:
        "Fentanyl overdoses killed more than 150,000 Americans in 2022." => [("synthetic-opioid-deaths-2022", "conflicts")];
    holding_loose_bound_is_silent:
        "More than 20,000 Americans died from synthetic opioids in 2021." => [];
    failing_bound_on_a_rate_conflicts:
        "Fewer than 50 people a day die of fentanyl overdoses." => [("fentanyl-deaths-per-day", "conflicts")];
}

// 6. Several counts in one sentence, anchored by an exact agreement.
expect_findings! {
    exact_count_anchors_a_conflicting_count:
        "Prosecutors charged eight China-based chemical suppliers and 30 of their employees over fentanyl precursors." => [("doj-charges-chinese-precursor-companies", "agrees"), ("doj-charges-chinese-precursor-companies", "conflicts"), ("fentanyl-precursors-from-abroad", "agrees")];
    exact_count_anchors_another_conflict:
        "Federal prosecutors charged eight Chinese companies and 25 of their employees with selling fentanyl precursors." => [("doj-charges-chinese-precursor-companies", "agrees"), ("doj-charges-chinese-precursor-companies", "conflicts"), ("fentanyl-precursors-from-abroad", "agrees")];
    both_counts_agree_without_a_date:
        "Prosecutors charged eight China-based chemical companies and twelve of their employees over fentanyl precursors." => [("doj-charges-chinese-precursor-companies", "agrees")];
    /// The look-alike silences its own figure ("four", another case's count); the exact
    /// "eight" still agrees.
    a_lookalike_silences_its_own_figure_only:
        "Prosecutors charged eight China-based chemical companies and four of their officers over fentanyl precursors." => [("doj-charges-chinese-precursor-companies", "agrees")];
    no_exact_anchor_cannot_conflict:
        "Prosecutors charged about a dozen Chinese companies and 30 employees over fentanyl precursors." => [];
    dated_sentence_reports_each_figure:
        "In October 2023, prosecutors charged eight Chinese companies and 30 of their executives with fentanyl crimes." => [("doj-charges-chinese-precursor-companies", "agrees"), ("doj-charges-chinese-precursor-companies", "conflicts")];
}

// 7. Events at another date.
expect_findings! {
    the_delegation_at_another_date_conflicts:
        "In September 2021, Senators Chuck Schumer, Jon Ossoff and John Kennedy went to Beijing to raise fentanyl with Xi Jinping." => [("senators-china-trip-oct-2023", "conflicts")];
    two_delegates_at_another_date_conflict:
        "Senators Chuck Schumer, Mike Crapo and Bill Cassidy met Xi Jinping in Beijing in April 2022 to press him on fentanyl." => [("senators-china-trip-oct-2023", "conflicts")];
    one_delegate_at_another_date_is_another_trip:
        "Senator Chuck Schumer visited Beijing in 2015 to discuss fentanyl." => [];
    another_senator_at_another_date_is_silent:
        "Senator Tammy Duckworth visited Beijing in 2024 to discuss fentanyl." => [];
    witnesses_at_another_date_conflict:
        "Rahul Gupta and Anne Milgram testified before the Senate Foreign Relations Committee on fentanyl trafficking in February 2022." => [("gupta-sfrc-fentanyl-hearing", "conflicts")];
    a_statistic_of_another_year_stays_another_measure:
        "Synthetic opioid deaths climbed to 56,516 in 2020." => [];
}

// 8. Reference back by pronoun or definite description.
expect_findings! {
    pronoun_and_definite_description_conflict:
        "The Sentencing Commission reviewed fentanyl trafficking cases from fiscal 2021. It found that only 40% of the offenders were U.S. citizens." => [("fentanyl-traffickers-us-citizens", "conflicts")];
    pronoun_and_definite_description_agree:
        "The Sentencing Commission reviewed fentanyl trafficking cases from fiscal 2021. It found that 86% of the offenders were U.S. citizens." => [("fentanyl-traffickers-us-citizens", "agrees")];
    inserted_pronoun_conflicts:
        "The Sentencing Commission tallied every fentanyl trafficking case sentenced in fiscal year 2021. Fewer than half of the offenders, it found, were U.S. citizens." => [("fentanyl-traffickers-us-citizens", "conflicts")];
    pronoun_takes_the_previous_sentence_excluded_place:
        "Ohio tracks overdose deaths closely. It recorded 4,000 fentanyl deaths in 2021." => [];
    carried_subject_without_a_referring_word_only_agrees:
        "The Sentencing Commission reviewed fentanyl trafficking cases from fiscal 2021. Only 40% of offenders were U.S. citizens." => [];
    pronoun_subject_conflicts_on_potency:
        "Fentanyl is a synthetic opioid made in clandestine labs. It is roughly 1,000 times more potent than morphine, health officials warn." => [("fentanyl-potency", "conflicts")];
    pronoun_subject_and_that_year_conflict:
        "Fentanyl was the deadliest drug in America in 2021. It was involved in about 60,000 overdose deaths that year, CDC data show." => [("synthetic-opioid-deaths-2021", "conflicts")];
}

// 9. Periods and populations in other words.
expect_findings! {
    those_convicted_in_five_years_agree:
        "Roughly 86% of those convicted of trafficking fentanyl in the five years between 2017 and 2021 were American citizens, sentencing data show." => [("fentanyl-traffickers-us-citizens", "agrees")];
    those_convicted_conflict:
        "Only 60% of those convicted of trafficking fentanyl between 2017 and 2021 were American citizens." => [("fentanyl-traffickers-us-citizens", "conflicts")];
    defendants_over_the_period_agree:
        "Over the 2017-2021 period, 86 percent of defendants in federal fentanyl cases were U.S. citizens." => [("fentanyl-traffickers-us-citizens", "agrees")];
    defendants_over_the_period_conflict:
        "Over the 2017-2021 period, 50 percent of defendants in federal fentanyl trafficking cases were U.S. citizens." => [("fentanyl-traffickers-us-citizens", "conflicts")];
    another_year_of_those_convicted_is_silent:
        "Roughly 89% of those convicted of trafficking fentanyl in 2022 were American citizens." => [];
    a_range_starting_on_the_launch_agrees:
        "The operation ran from March 13 to May 10, 2023, DHS said of Operation Blue Lotus." => [("blue-lotus-launch-date", "agrees")];
    a_range_starting_on_another_day_conflicts:
        "Operation Blue Lotus ran from March 2 to May 10, 2023." => [("blue-lotus-launch-date", "conflicts")];
}

// 10. Qualitative claims in new words.
expect_findings! {
    primarily_at_official_crossings_agrees:
        "Most fentanyl enters the country primarily at official crossings, largely in vehicles driven by U.S. citizens." => [("drugs-mostly-via-ports-of-entry", "agrees")];
    overwhelmingly_through_legal_ports_agrees:
        "Fentanyl is smuggled overwhelmingly through legal ports of entry." => [("drugs-mostly-via-ports-of-entry", "agrees")];
    the_bulk_through_border_checkpoints_agrees:
        "The bulk of the fentanyl smuggled into the country comes through border checkpoints." => [("drugs-mostly-via-ports-of-entry", "agrees")];
    largely_through_land_ports_agrees:
        "Fentanyl is largely smuggled in through land ports." => [("drugs-mostly-via-ports-of-entry", "agrees")];
    primarily_between_ports_conflicts:
        "Fentanyl is primarily smuggled between ports of entry, not through official crossings." => [("drugs-mostly-via-ports-of-entry", "conflicts")];
    a_quantifier_with_no_route_is_silent:
        "Most fentanyl seizures make headlines." => [];
}

// 11. An excluded term elsewhere in the sentence.
expect_findings! {
    excluded_contrast_does_not_hide_a_conflict:
        "In 2021, 61 percent of people convicted of fentanyl trafficking were U.S. citizens, far more than illegal immigrants." => [("fentanyl-traffickers-us-citizens", "conflicts")];
    excluded_contrast_does_not_hide_an_agreement:
        "In 2021, 86 percent of people convicted of fentanyl trafficking were U.S. citizens, far more than illegal immigrants." => [("fentanyl-traffickers-us-citizens", "agrees")];
    excluded_term_qualifying_the_figure_is_silent:
        "In 2021, fewer than 8.5 percent of people convicted of fentanyl trafficking were illegal immigrants." => [];
    excluded_source_after_the_figure_is_silent:
        "Fentanyl killed 4,000 people in 2021, the Ohio health department said." => [];
    excluded_place_before_the_figure_is_silent:
        "In Ohio, fentanyl killed 4,000 people in 2021." => [];
}

// 12. A titled name with an auxiliary, an adverb, a time phrase or a passive "by".
expect_findings! {
    titled_name_with_a_plain_verb_conflicts:
        "Secretary of State Hillary Clinton announced visa restrictions on relatives of foreign fentanyl traffickers." => [("fentanyl-visa-policy-rubio", "conflicts")];
    titled_name_with_an_auxiliary_conflicts:
        "To curb the fentanyl crisis, Secretary of State John Kerry has announced new visa restrictions aimed at relatives and associates of foreign drug traffickers." => [("fentanyl-visa-policy-rubio", "conflicts")];
    titled_name_with_a_time_phrase_conflicts:
        "Secretary of State John Kerry on Monday unveiled visa restrictions on relatives of fentanyl traffickers." => [("fentanyl-visa-policy-rubio", "conflicts")];
    titled_name_with_any_verb_conflicts:
        "Secretary of State John Kerry imposed visa restrictions on relatives of fentanyl traffickers." => [("fentanyl-visa-policy-rubio", "conflicts")];
    passive_by_after_a_date_conflicts:
        "The visa policy, announced on June 26, 2025 by Secretary of State John Kerry, targets relatives of fentanyl traffickers." => [("fentanyl-visa-policy-rubio", "conflicts")];
    #[ignore = "issue 13: a role dated to another year than the claim's period reads as another act (the other-year gate wins over the passive 'by')"]
    passive_by_with_another_year_conflicts:
        "The visa policy, announced on May 2, 2024 by Secretary of State John Kerry, targets relatives of fentanyl traffickers." => [("fentanyl-visa-policy-rubio", "conflicts")];
    right_name_with_a_time_phrase_agrees:
        "Secretary of State Marco Rubio on Thursday unveiled visa restrictions on relatives of fentanyl traffickers." => [("fentanyl-visa-policy-rubio", "agrees")];
    right_name_with_an_auxiliary_agrees:
        "Secretary of State Marco Rubio has announced visa restrictions targeting relatives of drug traffickers." => [("fentanyl-visa-policy-rubio", "agrees")];
    another_policy_is_silent:
        "Secretary of State John Kerry has announced new student visa rules." => [];
}

// 13. Dates without a year, or after a person.
expect_findings! {
    yearless_date_in_a_paragraph_about_the_trip_conflicts:
        "In October 2023, six senators flew to China to discuss fentanyl. The senators met Chinese President Xi Jinping in Beijing on Oct. 21." => [("senators-china-trip-oct-2023", "agrees"), ("senators-china-trip-oct-2023", "conflicts")];
    yearless_date_in_a_paragraph_about_the_trip_agrees:
        "In October 2023, six senators flew to China to discuss fentanyl. The senators met Chinese President Xi Jinping in Beijing on Oct. 9." => [("senators-china-trip-oct-2023", "agrees"), ("senators-china-trip-oct-2023", "agrees")];
    date_after_the_person_conflicts:
        "Dr. Rahul Gupta told the Senate Foreign Relations Committee on March 8, 2023 that fentanyl is the deadliest drug threat." => [("gupta-sfrc-fentanyl-hearing", "conflicts")];
    date_after_the_person_agrees:
        "Dr. Rahul Gupta told the Senate Foreign Relations Committee on Feb. 15, 2023 that fentanyl is the deadliest drug threat." => [("gupta-sfrc-fentanyl-hearing", "agrees")];
    same_year_other_day_of_the_trip_conflicts:
        "The bipartisan delegation, which included Schumer, Cassidy and Hassan, met Xi Jinping in Beijing on Oct. 19, 2023." => [("senators-china-trip-oct-2023", "conflicts")];
    one_person_may_say_it_again_another_month:
        "Mayorkas told a House panel in July 2023 that fentanyl is the single greatest challenge we face as a country." => [];
    another_year_is_another_hearing:
        "Rahul Gupta told a Senate Foreign Relations Committee hearing on fentanyl in February 2021 that seizures alone would not solve the problem." => [];
}

// Dates need roles: a figure's period is not an attribution date, "since X" is a start.
expect_findings! {
    attribution_date_is_not_the_figure_period:
        "Fentanyl killed about 30,000 Americans, the CDC said in 2022." => [];
    period_and_attribution_date_agree:
        "In 2021, synthetic opioids killed about 71,000 Americans, the CDC said on May 11, 2022." => [("synthetic-opioid-deaths-2021", "agrees")];
    since_a_later_year_is_not_the_start:
        "Operation Blue Lotus has been running since 2022." => [("blue-lotus-launch-date", "conflicts")];
    since_the_start_month_agrees:
        "Operation Blue Lotus has been running since March 2023." => [("blue-lotus-launch-date", "agrees")];
    since_after_a_bound_is_still_the_start:
        "Operation Blue Lotus has seized more than 4,000 pounds of fentanyl since March 2023." => [("blue-lotus-launch-date", "agrees")];
    since_a_comparison_point_is_not_a_date_fact:
        "Operation Blue Lotus has seized more fentanyl since its launch than any operation since 2019." => [];
}

/// `tests/data/real-register.tsv`: sentences in the register of news and government pages,
/// each labelled with the verdicts it must get (`none`, `agrees`, `conflicts` or
/// `agrees,conflicts`), in the format of the shared evaluation sets (`score.py` reads it).
/// Every case is its own paragraph of one text, as `score.py` runs them.
#[test]
fn real_register_set_gets_its_labels() {
    let tsv = std::fs::read_to_string(crate_dir().join("tests/data/real-register.tsv"))
        .expect("tests/data/real-register.tsv is committed");
    let cases: Vec<(&str, &str, &str)> = tsv
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "a case has id, tier, expect and text: {l:?}");
            (cols[0], cols[2], cols[3])
        })
        .collect();
    assert!(cases.len() >= 90, "the set holds {} cases", cases.len());
    let input: String = cases.iter().map(|c| format!("{}\n\n", c.2)).collect();
    let (_, report) = run_json(&[], &input);
    let mut wrong = Vec::new();
    for (i, (id, expect, text)) in cases.iter().enumerate() {
        let line = 2 * i + 1;
        let mut got: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.line == line)
            .map(|f| match f.verdict {
                Verdict::Agrees => "agrees",
                Verdict::Conflicts => "conflicts",
            })
            .collect();
        got.sort_unstable();
        got.dedup();
        let got = if got.is_empty() {
            "none".to_string()
        } else {
            got.join(",")
        };
        if got != *expect {
            wrong.push(format!("{id}: want {expect}, got {got}: {text}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
