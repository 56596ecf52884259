//! schema.org `ClaimReview` interchange: the JSON-LD fact-checkers publish and Google's Fact
//! Check tools read. Export turns each claim into a review; import turns reviews into TOML
//! claim stubs for a curator to complete.

use serde::Serialize;
use serde_json::{Value, json};

use crate::db::Database;

/// The reviewing organisation and where the reviews live.
#[derive(Debug, Clone)]
pub struct Publisher<'a> {
    /// The organisation's name (`author` of every review).
    pub name: &'a str,
    /// A review's `url` is this, `#`, and the claim id.
    pub url_base: &'a str,
}

/// Every claim of `db` as a `ClaimReview` object.
pub fn export(db: &Database, publisher: &Publisher) -> Value {
    let reviews: Vec<Value> = db
        .claims
        .iter()
        .map(|c| {
            let appearance: Vec<Value> = c
                .sources
                .iter()
                .map(|s| {
                    json!({
                        "@type": "CreativeWork",
                        "url": s.url,
                        "name": s.title,
                        "publisher": {"@type": "Organization", "name": s.publisher},
                        "datePublished": s.date,
                        "text": s.quote,
                    })
                })
                .collect();
            // The review is as recent as its newest source (the database has no review date).
            let newest = c.sources.iter().map(|s| s.date.as_str()).max().unwrap_or("");
            let first = c.sources.first();
            let mut review = json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": c.id,
                "url": format!("{}#{}", publisher.url_base, c.id),
                "claimReviewed": c.statement,
                "author": {"@type": "Organization", "name": publisher.name},
                "datePublished": newest,
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": 5,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": "Supported by the sources",
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Organization", "name": first.map_or("", |s| s.publisher.as_str())},
                    "datePublished": first.map_or("", |s| s.date.as_str()),
                    "appearance": appearance,
                },
            });
            if let Some(note) = &c.note {
                review["reviewBody"] = json!(note);
            }
            review
        })
        .collect();
    Value::Array(reviews)
}

/// A claim stub as written to TOML.
#[derive(Debug, Serialize)]
struct Stub {
    id: String,
    statement: String,
    about: Vec<Vec<String>>,
    note: String,
    source: Vec<StubSource>,
}

#[derive(Debug, Serialize)]
struct StubSource {
    title: String,
    publisher: String,
    url: String,
    date: String,
    quote: String,
}

#[derive(Debug, Serialize)]
struct StubFile {
    claim: Vec<Stub>,
}

/// Every `ClaimReview` node of a JSON-LD document: one object, an array, a page's `@graph`,
/// or nested deeper.
pub fn reviews(doc: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    collect(doc, &mut out, 0);
    out
}

fn collect<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    // JSON-LD nests a few levels; a hostile document must not exhaust the stack.
    if depth > 64 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect(i, out, depth + 1)),
        Value::Object(map) => {
            let is_review = match map.get("@type") {
                Some(Value::String(t)) => t == "ClaimReview",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "ClaimReview"),
                _ => false,
            };
            if is_review {
                out.push(v);
            } else {
                map.values().for_each(|i| collect(i, out, depth + 1));
            }
        }
        _ => {}
    }
}

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(m)) => text(m.get("name")),
        Some(Value::Array(a)) => text(a.first()),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A claim id from a review: its `identifier` when it is a valid id, else a slug of the
/// statement.
fn stub_id(
    review: &Value,
    statement: &str,
    taken: &mut std::collections::HashSet<String>,
) -> String {
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let given = text(review.get("identifier"));
    let mut id = if valid(&given) {
        given
    } else {
        let slug: Vec<String> = statement
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(6)
            .map(|w| {
                w.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        if slug.is_empty() {
            "imported-claim".to_string()
        } else {
            slug.join("-")
        }
    };
    let base = id.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// TOML claim stubs for every review in `doc`, and how many there were.
pub fn import(doc: &Value) -> (String, usize) {
    let mut taken = std::collections::HashSet::new();
    let claims: Vec<Stub> = reviews(doc)
        .into_iter()
        .map(|r| {
            let statement = text(r.get("claimReviewed"));
            let id = stub_id(r, &statement, &mut taken);
            let rating = r.get("reviewRating");
            let verdict = text(rating.and_then(|x| x.get("alternateName")));
            let item = r.get("itemReviewed");
            let appearances: Vec<&Value> = match item.and_then(|i| i.get("appearance")) {
                Some(Value::Array(a)) => a.iter().collect(),
                Some(v @ Value::Object(_)) => vec![v],
                _ => Vec::new(),
            };
            let mut source: Vec<StubSource> = appearances
                .into_iter()
                .map(|a| StubSource {
                    title: text(a.get("name").or_else(|| a.get("headline"))),
                    publisher: text(a.get("publisher").or_else(|| a.get("author"))),
                    url: text(a.get("url")),
                    date: text(a.get("datePublished")),
                    quote: text(a.get("text")),
                })
                .collect();
            if source.is_empty() {
                // The review itself is the only source known.
                source.push(StubSource {
                    title: text(r.get("name").or_else(|| r.get("headline"))),
                    publisher: text(r.get("author")),
                    url: text(r.get("url")),
                    date: text(r.get("datePublished")),
                    quote: String::new(),
                });
            }
            make_stub(id, statement, &verdict, source)
        })
        .collect();
    let n = claims.len();
    let body = toml::to_string(&StubFile { claim: claims }).unwrap_or_default();
    let header = "# Claim stubs imported from ClaimReview JSON-LD by `claimcheck db import`.\n\
# To complete each claim: replace the TODO `about` terms, add its `[[claim.fact]]` (what the\n\
# sources state, with tolerance), fill empty source fields (quote, date, publisher), add\n\
# examples, then run `claimcheck db lint` on this file.\n\n";
    (format!("{header}{body}"), n)
}

/// A stub: the review's statement and sources, TODO terms, the rating kept in the note.
fn make_stub(id: String, statement: String, verdict: &str, source: Vec<StubSource>) -> Stub {
    let rating = if verdict.is_empty() {
        String::new()
    } else {
        format!(" The review's rating: \"{verdict}\".")
    };
    Stub {
        id,
        statement,
        about: vec![vec!["TODO".to_string()]],
        note: format!("Imported from ClaimReview.{rating} TODO: terms, facts, examples."),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_reviews_in_objects_arrays_and_graphs() {
        let one = json!({"@type": "ClaimReview", "claimReviewed": "A"});
        assert_eq!(reviews(&one).len(), 1);
        let page = json!({"@context": "https://schema.org", "@graph": [
            {"@type": "WebPage"}, {"@type": ["ClaimReview"], "claimReviewed": "B"},
            {"@type": "Article", "review": {"@type": "ClaimReview", "claimReviewed": "C"}}]});
        assert_eq!(reviews(&page).len(), 2);
        assert!(reviews(&json!([1, "x", null])).is_empty());
    }

    #[test]
    fn ids_are_kept_or_made_and_never_repeat() {
        let mut taken = std::collections::HashSet::new();
        let r = json!({"identifier": "ok-id"});
        assert_eq!(stub_id(&r, "x", &mut taken), "ok-id");
        assert_eq!(stub_id(&r, "x", &mut taken), "ok-id-2");
        let r = json!({"identifier": "Not Valid"});
        assert_eq!(
            stub_id(&r, "Fentanyl deaths rose 5% in 2022!", &mut taken),
            "fentanyl-deaths-rose-5-in-2022"
        );
    }
}
