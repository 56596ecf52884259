//! The database's JSON Schema and ClaimReview export/import.

use std::collections::BTreeMap;

use crate::util::*;

fn run_db(args: &[&str]) -> std::process::Output {
    claimcheck()
        .arg("db")
        .args(args)
        .output()
        .expect("claimcheck runs")
}

#[test]
fn committed_schema_is_up_to_date() {
    let out = run_db(&["schema"]);
    assert_eq!(code(&out), 0);
    let committed = std::fs::read_to_string(crate_dir().join("claims.schema.json"))
        .expect("claims.schema.json is committed");
    assert!(
        stdout(&out) == committed,
        "claims.schema.json is out of date: run `cargo run -- db schema > claims.schema.json`"
    );
    let first = std::fs::read_to_string(crate_dir().join("claims.toml")).unwrap();
    assert!(first.starts_with("#:schema ./claims.schema.json\n"));
}

#[test]
fn claims_toml_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate_dir().join("claims.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let db: toml::Table = std::fs::read_to_string(crate_dir().join("claims.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let doc = serde_json::to_value(&db).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator is not vacuous: an unknown key, a missing field and a wrong type fail.
    let mut broken = doc.clone();
    broken["claim"][0]["colour"] = serde_json::json!("red");
    assert!(!validator.is_valid(&broken));
    let mut broken = doc.clone();
    broken["claim"][0]
        .as_object_mut()
        .unwrap()
        .remove("statement");
    assert!(!validator.is_valid(&broken));
    let mut broken = doc;
    broken["claim"][0]["fact"][0]["kind"] = serde_json::json!("colour");
    assert!(!validator.is_valid(&broken));
}

/// (statement, source URLs) per claim id, from a TOML database.
fn claims_of(toml_text: &str) -> BTreeMap<String, (String, Vec<String>)> {
    let t: toml::Table = toml_text.parse().expect("TOML");
    let mut out = BTreeMap::new();
    for c in t["claim"].as_array().expect("claims") {
        let urls = c
            .get("source")
            .and_then(|s| s.as_array())
            .map(|s| {
                s.iter()
                    .filter_map(|x| x.get("url").and_then(|u| u.as_str()).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        out.insert(
            c["id"].as_str().unwrap().to_string(),
            (c["statement"].as_str().unwrap().to_string(), urls),
        );
    }
    out
}

#[test]
fn shipped_database_round_trips_through_claimreview() {
    let out = run_db(&["export", "--format", "claimreview"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let reviews: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reviews = reviews.as_array().expect("an array of reviews");
    for r in reviews {
        assert_eq!(r["@type"], "ClaimReview");
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
        assert!(r["reviewRating"]["ratingValue"].is_number());
        assert!(r["url"].as_str().unwrap().starts_with("https://"));
    }
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("reviews.json");
    std::fs::write(&json, &out.stdout).unwrap();
    let out = run_db(&["import", json.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let shipped = claims_of(&std::fs::read_to_string(crate_dir().join("claims.toml")).unwrap());
    let imported = claims_of(&stdout(&out));
    assert_eq!(reviews.len(), shipped.len());
    assert_eq!(
        imported, shipped,
        "ids, statements and source URLs survive the round trip"
    );
}

#[test]
fn import_reads_objects_arrays_and_graphs_and_never_overwrites() {
    let review = serde_json::json!({
        "@context": "https://schema.org", "@type": "ClaimReview",
        "claimReviewed": "The Harbor Bridge is 1,200 m long.",
        "url": "https://factcheck.example/bridge",
        "reviewRating": {"@type": "Rating", "alternateName": "True"},
        "itemReviewed": {"@type": "Claim", "appearance": {"@type": "CreativeWork",
            "url": "https://example.org/bridge", "name": "Bridge survey"}}
    });
    let page = serde_json::json!({"@context": "https://schema.org",
        "@graph": [{"@type": "WebPage", "name": "x"}, review.clone()]});
    let dir = tempfile::tempdir().unwrap();
    for (name, doc) in [
        ("one.json", review.clone()),
        (
            "array.json",
            serde_json::json!([review.clone(), review.clone()]),
        ),
        ("page.json", page),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, doc.to_string()).unwrap();
        let out = run_db(&["import", path.to_str().unwrap()]);
        assert_eq!(code(&out), 0, "{name}: {}", describe(&out));
        let claims = claims_of(&stdout(&out));
        assert!(
            claims.contains_key("the-harbor-bridge-is-1-200"),
            "{name}: {claims:?}"
        );
        assert!(stdout(&out).contains("rating: \\\"True\\\"") || stdout(&out).contains("\"True\""));
        assert_eq!(claims.len(), if name == "array.json" { 2 } else { 1 });
    }
    let input = dir.path().join("one.json");
    let output = dir.path().join("stubs.toml");
    std::fs::write(&output, "# a curator's work\n").unwrap();
    let out = run_db(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--force"), "{}", describe(&out));
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "# a curator's work\n"
    );
    let out = run_db(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(
        std::fs::read_to_string(&output)
            .unwrap()
            .contains("[[claim]]")
    );
    // Not JSON, or no review in it: exit 2 with a reason.
    std::fs::write(&input, "{not json").unwrap();
    let out = run_db(&["import", input.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("one.json:1:2"), "{}", describe(&out));
    std::fs::write(&input, "{\"@type\": \"WebPage\"}").unwrap();
    let out = run_db(&["import", input.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no ClaimReview"),
        "{}",
        describe(&out)
    );
}
