//! Unit tests of the scaffold: each kind of figure, read from a sentence written here.

use super::*;

fn scaffold_of(text: &str) -> Result<Scaffold, ScaffoldError> {
    scaffold(&Request {
        text,
        url: "https://example.org/release",
        id: None,
        today: "2026-01-01",
        context: &[],
        taken: &[],
    })
}

#[test]
fn a_money_figure_becomes_a_money_fact() {
    let s = scaffold_of("The federal deficit reached $1.7 trillion in fiscal year 2023.").unwrap();
    assert!(s.toml.contains("kind = \"money\""), "{}", s.toml);
    assert!(s.toml.contains("value = \"$1.7 trillion\""), "{}", s.toml);
    assert!(s.toml.contains("period = [\"FY2023\"]"), "{}", s.toml);
    assert!(s.has_conflict_example, "{}", s.toml);
}

#[test]
fn a_date_alone_is_a_date_fact_and_beside_a_figure_a_period() {
    let s = scaffold_of("The treaty was signed on December 12, 2015.").unwrap();
    assert!(s.toml.contains("date = \"2015-12-12\""), "{}", s.toml);
    assert!(!s.toml.contains("period ="), "{}", s.toml);
    let s = scaffold_of("The agency processed 1,204 applications in March 2024.").unwrap();
    assert!(s.toml.contains("period = [\"2024-03\"]"), "{}", s.toml);
    assert!(!s.toml.contains("kind = \"date\""), "{}", s.toml);
}

#[test]
fn an_attributed_person_is_a_person_fact_with_a_role() {
    let s =
        scaffold_of("Chief Justice John Roberts wrote the principal dissent in the case.").unwrap();
    assert!(s.toml.contains("name = \"John Roberts\""), "{}", s.toml);
    assert!(s.toml.contains("roles = [\"wrote\"]"), "{}", s.toml);
    assert!(s.toml.contains(STAND_IN_NAME), "{}", s.toml);
}

#[test]
fn texts_without_a_figure_are_refused() {
    assert_eq!(scaffold_of("  \n ").unwrap_err(), ScaffoldError::Empty);
    assert!(matches!(
        scaffold_of("The weather was pleasant."),
        Err(ScaffoldError::NoFigure(_))
    ));
    assert!(matches!(
        scaffold_of("Most residents agreed."),
        Err(ScaffoldError::NothingComparable { .. })
    ));
}

#[test]
fn ids_are_made_from_the_about_words_and_kept_unique() {
    assert_eq!(
        made_id(
            &["Federal Reserve".into(), "rate*".into()],
            &["2023-09".into()]
        ),
        "federal-reserve-rate-2023"
    );
    assert_eq!(made_id(&["é".into()], &[]), "claim");
    let taken = vec!["a".to_string(), "a-2".to_string()];
    assert_eq!(unique_id("a", &taken), "a-3");
    assert!(valid_id("a-1") && !valid_id("-a") && !valid_id("A") && !valid_id(""));
}

#[test]
fn the_scaffold_is_refused_nothing_by_the_loader() {
    let s = scaffold_of("Consumer prices rose 9.1% over the year in June 2022.").unwrap();
    let db = Database::from_sources(&[("s.toml".into(), s.toml.clone())]).unwrap();
    assert!(db.claims[0].draft);
    assert!(crate::check::check(&db, &s.sentence).is_empty());
    assert!(!check_with_drafts(&db, &s.sentence).is_empty());
}

#[test]
fn odd_inputs_never_panic_and_what_is_written_loads() {
    let long = "The agency processed 1,204 applications. ".repeat(400);
    let inputs = [
        "\u{1}The agency processed 1,204\u{7} applications\u{0} in 2024.",
        "$$$ 1-2-3-4 %%% 0.0000001% of 99999999999999999999 dollars",
        "99999999999999999999999999999999999999 people attended in 2023.",
        "Prices rose 1e308% in 2023.",
        "12",
        "2023",
        "—",
        "The vote was 0-0 on 2/30/2023.",
        "Officials said 🎉 1,000,000,000,000,000,000,000 tonnes of CO2 were emitted in 2022.",
        "تم تسجيل 500 حالة في 2023.",
        "Temperatures hit -40 °F, the lowest since 1899, and rose 200% after that.",
        long.as_str(),
    ];
    for text in inputs {
        if let Ok(s) = scaffold_of(text) {
            let loaded = Database::from_sources(&[("s.toml".into(), s.toml.clone())]);
            assert!(loaded.is_ok(), "{text}: {loaded:?}\n{}", s.toml);
        }
    }
}

#[test]
fn a_bounded_measure_is_written_without_its_bound_and_a_negative_is_refused() {
    let s = scaffold_of("Wind capacity grew by 50% in 2023 to almost 510 gigawatts.").unwrap();
    assert!(s.toml.contains("value = \"510 gigawatts\""), "{}", s.toml);
    assert!(
        s.toml.contains("the sentence says \"nearly\""),
        "{}",
        s.toml
    );
    let s = scaffold_of("Sea levels have risen about 21 centimeters since 1880.").unwrap();
    assert!(s.toml.contains("unit = \"centimeters\""), "{}", s.toml);
    let s = scaffold_of("Temperatures hit -40 °F in January 2024, the lowest since 1899.").unwrap();
    // The extractor keeps the sign: never the positive reading.
    assert!(!s.toml.contains("value = \"40 °F\""), "{}", s.toml);
    assert!(s.toml.contains("-40 °F"), "{}", s.toml);
}

#[test]
fn a_stated_range_of_a_quantity_is_not_written_as_one_end() {
    let r = scaffold_of("Warming over 2011-2020 was between 0.95 and 1.20°C above 1850-1900.");
    if let Ok(s) = r {
        assert!(!s.toml.contains("value = \"1.20°C\""), "{}", s.toml);
    }
}

#[test]
fn a_possessive_name_is_the_name() {
    let s = scaffold_of(
        "NOAA's analysis found the ocean in 2023 averaged 1.18°C above the 20th-century average.",
    )
    .unwrap();
    assert!(!s.toml.contains("NOAA's\"]"), "{}", s.toml);
}
