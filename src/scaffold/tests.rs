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
