//! Sentences that once misfired (or nearly did), each with the findings it must get: the claim
//! ids and verdicts, nothing more and nothing less. Named for the phenomenon, not the sentence.

use crate::util::*;

expect_findings! {
    /// A state's figure is not the national one.
    state_figure_is_silent:
        "Fentanyl deaths in Ohio reached 4,000 in 2021." => [];
    /// A percentage change is not a share.
    percent_rise_is_not_a_share:
        "Fentanyl seizures at the southern border rose 50% in 2022." => [];
    /// "increased by" introduces a change.
    increase_by_is_not_a_share:
        "Fentanyl seizures at the southern border increased by 25 percent from the previous year." => [];
    /// "made up" introduces a share, not a change.
    made_up_is_a_share:
        "Non-citizens made up 60% of fentanyl trafficking offenders in 2017-2021." => [("fentanyl-traffickers-us-citizens", "conflicts")];
    /// A look-alike date silences the whole claim, even a person who would agree.
    other_trip_year_is_silent:
        "Senator Maggie Hassan visited Beijing in 2019 to press China on fentanyl." => [];
    /// Another senator's trip in another year is another event.
    other_senator_other_year_is_silent:
        "Senator Tammy Duckworth visited Beijing in 2024 to discuss fentanyl." => [];
    /// A dated sentence with a senator who was not on the trip conflicts.
    wrong_delegation_member_conflicts:
        "Senators Chuck Schumer and Lindsey Graham traveled to Beijing in October 2023." => [("senators-china-trip-oct-2023", "conflicts")];
    /// A dateless count of Chinese companies charged may be another case.
    dateless_other_case_count_is_silent:
        "Two Chinese companies were charged with selling fentanyl precursors." => [("fentanyl-precursors-from-abroad", "agrees")];
    /// Another visa policy, dated to another year, is not the claim's.
    other_year_visa_policy_is_silent:
        "Secretary of State Antony Blinken announced fentanyl-related visa restrictions in 2021." => [];
    /// "heard about migrants" without fentanyl is another poll item.
    other_poll_item_without_fentanyl_is_silent:
        "In an NPR/Ipsos poll, 66% of respondents said they had heard about migrants at the border." => [];
    /// A bound near a look-alike reads as the look-alike, even if it would agree.
    bound_near_lookalike_is_silent:
        "In calendar year 2022, agents seized more than 12,000 pounds of fentanyl at ports of entry along the southern border." => [];
    /// A bound far from a look-alike is still judged: "fewer than a third" is not 8.5%.
    bound_far_from_lookalike_conflicts:
        "Fewer than a third of fentanyl trafficking offenders sentenced in fiscal year 2021 were U.S. citizens." => [("fentanyl-traffickers-us-citizens", "conflicts")];
    /// The span's years pair with "from X to Y".
    span_years_pair_with_from_to:
        "Between 2014 and 2021, synthetic opioid deaths rose from 5,544 to more than 70,000." => [("synthetic-opioid-deaths-2014", "agrees"), ("synthetic-opioid-deaths-2021", "agrees")];
    /// ... and the wrong endpoint still conflicts.
    span_years_pair_wrong_endpoint_conflicts:
        "From 2014 to 2021, synthetic opioid deaths rose from 5,544 to about 7,000." => [("synthetic-opioid-deaths-2014", "agrees"), ("synthetic-opioid-deaths-2021", "conflicts")];
    /// A comparison with heroin is not a heroin death toll.
    heroin_comparison_does_not_silence_deaths:
        "Fentanyl — fifty times stronger than heroin — now kills about 200 Americans daily." => [("fentanyl-potency", "agrees"), ("fentanyl-deaths-per-day", "agrees")];
    /// An adverb quantifier binds to no noun: "mostly enters".
    adverb_quantifier_agrees:
        "Fentanyl mostly enters the country through the southern border." => [("fentanyl-mostly-via-us-mexico-border", "agrees")];
    /// A title is not part of a name: Garland is not on the hearing's witness list.
    titled_non_witness_conflicts:
        "Attorney General Merrick Garland testified at the February 2023 Senate Foreign Relations Committee hearing on fentanyl trafficking." => [("gupta-sfrc-fentanyl-hearing", "conflicts")];
    /// Rate words later in the clause: "… die from synthetic opioid overdoses every day".
    rate_words_later_in_the_clause:
        "More than 200 people die from synthetic opioid overdoses every day." => [("fentanyl-deaths-per-day", "agrees")];
    /// A bound that holds but lies far below the figure states another figure.
    loose_lower_bound_is_silent:
        "Fentanyl overdoses kill more than 150 Americans every day." => [];
    /// A tight bound states the figure.
    tight_upper_bound_agrees:
        "Fewer than 80,000 people died of fentanyl overdoses in 2022." => [("synthetic-opioid-deaths-2022", "agrees")];
    /// A population rate stated without "per 100,000" is not a count of deaths.
    unscaled_decimal_is_not_a_death_count:
        "Synthetic opioid deaths reached 22.7 in 2022, up from 21.8 in 2021." => [];
}
