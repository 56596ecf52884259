//! A database's own measures: units and price denominators in its `[lexicon]` (and the
//! denominator a fact's `per` names), and prices compared across denominators of one
//! dimension (litres and gallons, weeks and months).

use crate::util::*;

/// A database on a made-up subject: ferry speeds, fuel and pass prices, a vial price.
const DB: &str = r#"
[lexicon]
units = [{ spelling = "knots", dimension = "speed", factor = 0.514444 }]
per-words = ["crossing"]

[[claim]]
id = "ferry-speed"
statement = "The new ferry's top speed is 30 knots."
about = [["ferry"]]

[[claim.fact]]
kind = "quantity"
value = "30 knots"
nouns = ["speed"]

[[claim.source]]
title = "Fleet notes"
publisher = "Harbour Board"
url = "https://example.org/fleet"
date = "2026-01-01"
quote = "a top speed of 30 knots"

[[claim]]
id = "diesel-price"
statement = "Marine diesel cost €1.40 a litre at the quay."
about = [["diesel"]]

[[claim.fact]]
kind = "money"
value = "€1.40 a litre"

[[claim.source]]
title = "Price list"
publisher = "Harbour Board"
url = "https://example.org/prices"
date = "2026-01-01"
quote = "€1.40 a litre"

[[claim]]
id = "pass-price"
statement = "A commuter pass costs €60 a month; a single fare €4 a crossing."
about = [["pass", "fare"]]

[[claim.fact]]
kind = "money"
value = "€60"
per = "month"
nouns = ["pass"]

[[claim.fact]]
kind = "money"
value = "€4"
per = "crossing"
nouns = ["fare"]

[[claim.source]]
title = "Fares"
publisher = "Harbour Board"
url = "https://example.org/fares"
date = "2026-01-01"
quote = "€60 a month"

[[claim]]
id = "serum-price"
statement = "The serum costs $25 a vial."
about = [["serum"]]

[[claim.fact]]
kind = "money"
value = "$25"
per = "vial"

[[claim.source]]
title = "Formulary"
publisher = "Clinic"
url = "https://example.org/formulary"
date = "2026-01-01"
quote = "$25 a vial"
"#;

/// `src` in a temporary `.toml` file.
fn db_file_of(src: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(".toml")
        .tempfile()
        .expect("temp file");
    std::io::Write::write_all(&mut f, src.as_bytes()).expect("write db");
    f
}

/// The (claim, verdict) findings of `sentence` against [`DB`].
fn verdicts(sentence: &str) -> Vec<(String, &'static str)> {
    let db = db_file_of(DB);
    let path = db.path().to_string_lossy().to_string();
    let (out, report) = run_json(&["--db", &path, "-"], &format!("{sentence}\n"));
    assert!(matches!(code(&out), 0 | 1), "{}", describe(&out));
    report
        .findings
        .iter()
        .map(|f| {
            let v = match f.verdict {
                Verdict::Agrees => "agrees",
                Verdict::Conflicts => "conflicts",
            };
            (f.claim_id.clone(), v)
        })
        .collect()
}

fn one(id: &str, v: &'static str) -> Vec<(String, &'static str)> {
    vec![(id.to_string(), v)]
}

#[test]
fn a_unit_of_the_database_is_read_and_converted() {
    assert_eq!(
        verdicts("The ferry reaches a top speed of 30 knots."),
        one("ferry-speed", "agrees")
    );
    // 55.6 km/h is 30 knots.
    assert_eq!(
        verdicts("The ferry has a top speed of 55.6 km/h."),
        one("ferry-speed", "agrees")
    );
    assert_eq!(
        verdicts("The ferry has a top speed of 36 knots."),
        one("ferry-speed", "conflicts")
    );
}

#[test]
fn prices_convert_between_physical_denominators() {
    // €1.40 a litre is €5.30 a US gallon.
    assert_eq!(
        verdicts("Diesel at the quay sold for €5.30 a gallon."),
        one("diesel-price", "agrees")
    );
    assert_eq!(
        verdicts("Diesel at the quay sold for €6.50 a gallon."),
        one("diesel-price", "conflicts")
    );
    // Another currency, or no denominator, is another measure.
    assert!(verdicts("Diesel at the quay sold for $5.30 a gallon.").is_empty());
    assert!(verdicts("Diesel at the quay cost €1.90.").is_empty());
}

#[test]
fn prices_convert_between_spans_of_time() {
    assert_eq!(
        verdicts("A commuter pass costs €720 a year."),
        one("pass-price", "agrees")
    );
    assert_eq!(
        verdicts("A commuter pass costs €60 a week."),
        one("pass-price", "conflicts")
    );
    // A time is not a volume.
    assert!(verdicts("A commuter pass costs €60 a litre.").is_empty());
}

#[test]
fn denominators_a_database_names_are_read_in_prose() {
    // From `[lexicon] per-words`.
    assert_eq!(
        verdicts("A single fare is €4 a crossing."),
        one("pass-price", "agrees")
    );
    assert_eq!(
        verdicts("A single fare is €5 per crossing."),
        one("pass-price", "conflicts")
    );
    // From the fact's own `per`.
    assert_eq!(
        verdicts("The serum costs $25 a vial."),
        one("serum-price", "agrees")
    );
    assert_eq!(
        verdicts("The serum costs $30 a vial."),
        one("serum-price", "conflicts")
    );
    // A bare amount is not a price per vial.
    assert!(verdicts("The serum costs $30.").is_empty());
}

#[test]
fn badly_written_units_and_denominators_are_refused_with_their_position() {
    let cases = [
        (
            DB.replace("spelling = \"knots\"", "spelling = \"Knots\""),
            "can never match",
        ),
        (
            DB.replace("factor = 0.514444", "factor = 0.0"),
            "positive, finite `factor`",
        ),
        (
            DB.replace("per = \"vial\"", "per = \"glass vial\""),
            "must be one word",
        ),
    ];
    for (src, want) in cases {
        let f = db_file_of(&src);
        let path = f.path().to_string_lossy().to_string();
        let out = claimcheck()
            .args(["db", "lint", &path])
            .output()
            .expect("claimcheck runs");
        assert_ne!(code(&out), 0, "{}", describe(&out));
        let err = stdout(&out) + &stderr(&out);
        assert!(err.contains(want), "{want}: {err}");
        // file:line:column
        assert!(
            err.lines()
                .any(|l| l.contains(".toml:") && l.contains(want)),
            "{err}"
        );
    }
}
