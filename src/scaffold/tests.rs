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
