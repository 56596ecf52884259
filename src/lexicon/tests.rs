//! Test code: this module is declared `#[cfg(test)]` by its parent and built only for tests.
//!
//! The lexicon file parses, every entry can match what it is compared with, and a database's
//! `[lexicon]` table changes how the engine reads a text.

use super::{ENGLISH_TOML, Lexicon, LexiconExtension};
use crate::check::check;
use crate::db::Database;
use crate::text::{TokKind, normalize, tokenize};

#[test]
fn en_toml_parses_into_every_list() {
    let lex: Lexicon = match toml::from_str(ENGLISH_TOML) {
        Ok(lex) => lex,
        Err(e) => panic!("lexicon/en.toml: {e}"),
    };
    assert_eq!(lex.numbers.small.get("seven"), Some(7.0));
    assert_eq!(lex.dates.months.get("sept"), Some(9));
    assert!(lex.binding.negators.contains("not"));
    assert!(!lex.entries().is_empty());
    // Every list of the file has words.
    let mut empty: Vec<&str> = lex
        .entries()
        .iter()
        .filter(|(_, entry, _)| entry.is_empty())
        .map(|(list, _, _)| *list)
        .collect();
    empty.dedup();
    assert!(empty.is_empty(), "empty entries in {empty:?}");
    assert_eq!(lex.entries(), Lexicon::english().entries());
}

#[test]
fn an_unknown_list_in_the_lexicon_file_is_refused() {
    // The file is read with `deny_unknown_fields`: a misspelt list cannot be silently ignored.
    let bad = ENGLISH_TOML.replace("[binding]", "[binding]\nnegatorz = [\"not\"]");
    assert_ne!(bad, ENGLISH_TOML);
    let e = toml::from_str::<Lexicon>(&bad).err().map(|e| e.to_string());
    assert!(e.is_some_and(|e| e.contains("negatorz")));
}

/// How `entry` tokenizes: the tokens' texts and normalised forms.
fn read(entry: &str) -> Vec<(String, String)> {
    tokenize(entry, 0..entry.len())
        .iter()
        .map(|t| (t.text(entry).to_string(), normalize(t.text(entry))))
        .collect()
}

/// Why `entry` (of `list`, matched as one token when `single`) can never match, if it cannot.
fn unmatchable(list: &str, entry: &str, single: bool) -> Option<String> {
    let as_written = list == "sentences.openers";
    // An opener starts a sentence: compared as written, a lowercase one never matches.
    if as_written && !entry.chars().next().is_some_and(char::is_uppercase) {
        return Some(format!("{list}: {entry:?} is not capitalized"));
    }
    if single {
        // A dotted abbreviation ("e.g", "u.s") is stored without the final dot that the
        // normal form drops: the text holds it with the dot.
        let forms = [entry.to_string(), format!("{entry}.")];
        let one = forms.iter().any(|form| {
            let toks = read(form);
            toks.len() == 1
                && if as_written {
                    toks[0].0 == *entry
                } else {
                    toks[0].1 == *entry
                }
        });
        return (!one).then(|| format!("{list}: {entry:?} reads as {:?}", read(entry)));
    }
    // A phrase is matched word by word: each of its space-separated words is one token in
    // its normal form, with no empty word from a doubled or outer space.
    entry
        .split(' ')
        .find(|word| word.is_empty() || unmatchable("", word, true).is_some())
        .map(|word| {
            format!(
                "{list}: phrase {entry:?}: word {word:?} reads as {:?}",
                read(word)
            )
        })
}

#[test]
fn every_entry_is_one_normalised_token_where_it_is_matched_as_one() {
    let lex = Lexicon::english();
    let bad: Vec<String> = lex
        .entries()
        .iter()
        .filter_map(|&(list, entry, single)| unmatchable(list, entry, single))
        .collect();
    assert!(
        bad.is_empty(),
        "entries that can never match:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_entry_check_catches_what_can_never_match() {
    // The two defects the check was written for, and their kind.
    assert!(unmatchable("dates.relative-units", "this year", true).is_some());
    assert!(unmatchable("binding.function-words", "die,", true).is_some());
    assert!(unmatchable("binding.function-words", "Died", true).is_some());
    assert!(unmatchable("binding.function-words", "cats'", true).is_some());
    assert!(unmatchable("sentences.openers", "the", true).is_some());
    assert!(unmatchable("sentences.openers", "The.", true).is_some());
    assert!(unmatchable("bounds.before", "more  than", false).is_some());
    assert!(unmatchable("bounds.before", "more than,", false).is_some());
    // And what can.
    assert!(unmatchable("sentences.openers", "The", true).is_none());
    assert!(unmatchable("people.non-names", "u.s", true).is_none());
    assert!(unmatchable("units.percent", "%", true).is_none());
    assert!(unmatchable("bounds.before", "more than", false).is_none());
    assert!(unmatchable("people.titles", "secretary of state", false).is_none());
}

#[test]
fn every_word_of_a_phrase_list_is_a_word_or_a_sign() {
    // Phrases are compared with normalised tokens; a number in one would never be a word.
    let lex = Lexicon::english();
    for (list, entry, _) in lex.entries() {
        for word in entry.split(' ') {
            let kinds: Vec<TokKind> = tokenize(word, 0..word.len())
                .iter()
                .map(|t| t.kind)
                .collect();
            assert!(
                !kinds.contains(&TokKind::Number),
                "{list}: {entry:?} holds a number"
            );
        }
    }
}

#[test]
fn knows_is_general_english_only() {
    let lex = Lexicon::english();
    assert!(lex.knows("than"));
    assert!(lex.knows("secretary"));
    assert!(!lex.knows("bridge"));
    assert!(!lex.knows(""));
}

#[test]
fn an_extension_adds_to_the_lists_of_the_same_name() {
    let ext: LexiconExtension = match toml::from_str(
        r#"
titles = ["harbour master"]
plural-titles = ["councillors"]
non-names = ["quayside"]
attribution-verbs = ["ruled"]
openers = ["Lumen"]
abbreviations = ["dept"]
adjectives-after-most = ["scenic"]
function-words = ["arriving"]
change-verbs = ["ticked"]
negators = ["hardly"]
"#,
    ) {
        Ok(ext) => ext,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(ext.entries().count(), 10);
    let lex = Lexicon::extended(&ext);
    assert!(lex.people.titles.iter().any(|t| t == "harbour master"));
    // Longest titles first, so "harbour master" is tried before "director".
    let pos = |t: &str| lex.people.titles.iter().position(|x| x == t);
    assert!(pos("harbour master") < pos("director"));
    assert!(pos("secretary of state") < pos("harbour master"));
    assert!(lex.people.plural_titles.contains("councillors"));
    assert!(lex.people.non_names.contains("quayside"));
    assert!(lex.people.attribution_verbs.contains("ruled"));
    assert!(lex.sentences.openers.contains("Lumen"));
    assert!(lex.quantifiers.adjectives_after_most.contains("scenic"));
    assert!(lex.binding.function_words.contains("arriving"));
    assert!(lex.changes.verbs.contains("ticked"));
    assert!(lex.binding.negators.contains("hardly"));
    // English is still all there.
    assert!(lex.people.non_names.contains("department"));
    // And the embedded English is untouched.
    assert!(!Lexicon::english().people.non_names.contains("quayside"));
    // An unknown list is refused, not ignored.
    assert!(toml::from_str::<LexiconExtension>("adjectives = [\"scenic\"]").is_err());
}

// ---- An extension changes the engine's reading (through `check`) -------------------------

const SOURCE: &str = r#"
[[claim.source]]
role = "primary"
title = "A made-up source"
publisher = "Test"
url = "https://example.org/source"
date = "2020"
quote = "The figure."
"#;

/// A database of `claim`, with `lexicon` as its `[lexicon]` table when not empty.
fn load(lexicon: &str, claim: &str) -> Database {
    let head = if lexicon.is_empty() {
        String::new()
    } else {
        format!("[lexicon]\n{lexicon}\n")
    };
    let src = format!("{head}{claim}{SOURCE}");
    match Database::from_sources(&[("test.toml".to_string(), src)]) {
        Ok(db) => db,
        Err(e) => panic!("{e}"),
    }
}

/// The findings on `text` as "verdict `stated`", or "silent".
fn says(db: &Database, text: &str) -> String {
    let found: Vec<String> = check(db, text)
        .iter()
        .map(|f| format!("{} `{}`", f.verdict.as_str(), f.stated))
        .collect();
    if found.is_empty() {
        "silent".to_string()
    } else {
        found.join(" | ")
    }
}

const TOWN: &str = r#"
[[claim]]
id = "lumen-population"
statement = "Lumen has 52,000 residents."
about = [["Lumen"], ["residents"]]
excludes = ["county"]

[[claim.fact]]
kind = "count"
label = "residents"
value = 52000
nouns = ["residents"]
"#;

#[test]
fn an_opener_ends_a_sentence_after_a_dotted_abbreviation() {
    let text = "The county grew faster than anywhere in the U.S. Lumen has 90,000 residents.";
    // "U.S." ends a sentence only before a known opener: here the two sentences are read as
    // one, and "county" silences the claim.
    assert_eq!(says(&load("", TOWN), text), "silent");
    let db = load(r#"openers = ["Lumen"]"#, TOWN);
    assert_eq!(says(&db, text), "conflicts `90,000`");
    let f = &check(&db, text)[0];
    assert_eq!(&text[f.sentence.clone()], "Lumen has 90,000 residents.");
}

const INSPECTION: &str = r#"
[[claim]]
id = "riverside-inspection"
statement = "Senators Ann Lee and Tom Hart inspected the Riverside bridge."
about = [["Riverside bridge"], ["inspected"]]

[[claim.fact]]
kind = "person"
label = "the inspectors"
any-of = true
people = [{ name = "Ann Lee" }, { name = "Tom Hart" }]
"#;

#[test]
fn a_title_makes_the_name_after_it_a_person() {
    let text = "Harbourmaster Bea Moss inspected the Riverside bridge.";
    // An untitled name that is not the speaker is not surely a person: nothing to say.
    assert_eq!(says(&load("", INSPECTION), text), "silent");
    let db = load(r#"titles = ["harbourmaster"]"#, INSPECTION);
    assert_eq!(says(&db, text), "conflicts `Bea Moss`");
    // A plural title makes a list of names.
    // Without it, only the named inspector is seen, and agrees.
    let text = "Councillors Ann Lee and Bea Moss inspected the Riverside bridge.";
    assert_eq!(says(&load("", INSPECTION), text), "agrees `Ann Lee`");
    let db = load(r#"plural-titles = ["councillors"]"#, INSPECTION);
    assert_eq!(says(&db, text), "agrees `Ann Lee`", "not a title by itself");
    let db = load(
        r#"titles = ["councillors"]
plural-titles = ["councillors"]"#,
        INSPECTION,
    );
    assert_eq!(says(&db, text), "conflicts `Bea Moss`");
}

const CLOSURE: &str = r#"
[[claim]]
id = "riverside-closure"
statement = "Mayor Ann Lee announced the closure of the Riverside bridge."
about = [["Riverside bridge"], ["closure"]]

[[claim.fact]]
kind = "person"
label = "who announced the closure"
people = [{ name = "Ann Lee" }]
"#;

#[test]
fn a_non_name_is_never_read_as_a_person() {
    let text = "The closure of the Riverside bridge was announced by Quayside Trust.";
    assert_eq!(says(&load("", CLOSURE), text), "conflicts `Quayside Trust`");
    assert_eq!(
        says(&load(r#"non-names = ["quayside"]"#, CLOSURE), text),
        "silent"
    );
}

#[test]
fn an_attribution_verb_makes_the_name_before_it_the_speaker() {
    let text = "Tom Hart confirmed the closure of the Riverside bridge.";
    assert_eq!(says(&load("", CLOSURE), text), "silent");
    assert_eq!(
        says(&load(r#"attribution-verbs = ["confirmed"]"#, CLOSURE), text),
        "conflicts `Tom Hart`"
    );
}

const CYCLISTS: &str = r#"
[[claim]]
id = "lumen-cyclists"
statement = "A fifth of Lumen's commuters cycle."
about = [["Lumen"], ["commuters", "cycling"]]

[[claim.fact]]
kind = "share"
label = "commuters who cycle"
value = 20
tolerance = 2
"#;

#[test]
fn an_adjective_after_most_makes_it_a_superlative() {
    let text = "In Lumen, cycling is most scenic along the river for commuters.";
    // "most" alone is a majority, which 20% is not.
    assert_eq!(says(&load("", CYCLISTS), text), "conflicts `most`");
    assert_eq!(
        says(
            &load(r#"adjectives-after-most = ["scenic"]"#, CYCLISTS),
            text
        ),
        "silent"
    );
}

const FESTIVAL: &str = r#"
[[claim]]
id = "lumen-festival"
statement = "The Lumen festival drew 5,000 visitors."
about = [["Lumen festival"]]

[[claim.fact]]
kind = "count"
label = "visitors"
value = 5000
nouns = ["visitors"]
"#;

#[test]
fn a_function_word_leaves_a_count_unbound() {
    // "9,000 arriving": without the word, "arriving" reads as what was counted.
    let text = "For the Lumen festival, 9,000 arriving by train were counted.";
    assert_eq!(says(&load("", FESTIVAL), text), "silent");
    assert_eq!(
        says(&load(r#"function-words = ["arriving"]"#, FESTIVAL), text),
        "conflicts `9,000`"
    );
}

#[test]
fn a_change_verb_makes_the_figure_a_change() {
    // "ticked 9,000": a level without the word, a change with it.
    let text = "Attendance at the Lumen festival ticked 9,000 visitors.";
    assert_eq!(says(&load("", FESTIVAL), text), "conflicts `9,000`");
    assert_eq!(
        says(&load(r#"change-verbs = ["ticked"]"#, FESTIVAL), text),
        "silent"
    );
}

const TRAINS: &str = r#"
[[claim]]
id = "riverside-trains"
statement = "The Riverside bridge carries trains."
about = [["Riverside bridge"]]

[[claim.fact]]
kind = "assertion"
label = "what it carries"
is = ["trains"]
"#;

#[test]
fn a_negator_negates_what_follows_it() {
    let text = "The Riverside bridge nowise carries trains.";
    assert_eq!(says(&load("", TRAINS), text), "agrees `trains`");
    assert_eq!(
        says(&load(r#"negators = ["nowise"]"#, TRAINS), text),
        "conflicts `trains`"
    );
}

#[test]
fn an_abbreviation_does_not_end_a_sentence() {
    // "Harb." is not known: the sentence ends there and the name is cut off.
    let text = "Lumen has 90,000 residents, says the Harb. Dept. of Lumen.";
    let db = load("", TOWN);
    let whole = |db: &Database| {
        crate::check::sentences(db, text)
            .into_iter()
            .map(|(_, r)| text[r].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(whole(&db).len(), 2);
    let db = load(r#"abbreviations = ["harb"]"#, TOWN);
    assert_eq!(whole(&db), [text]);
}

#[test]
fn the_shipped_databases_lexicon_words_can_match() {
    // The loader takes a `[lexicon]` word as written; one that is not in the form it is
    // compared in ("Quayside" as a non-name) would silently do nothing.
    let db = match Database::embedded() {
        Ok(db) => db,
        Err(e) => panic!("{e}"),
    };
    let ext = &db.lexicon_extension;
    assert!(!ext.is_empty());
    let bad: Vec<String> = ext
        .entries()
        .filter_map(|(list, entry)| {
            let (list, single) = match list {
                "openers" => ("sentences.openers", true),
                "titles" => ("people.titles", false),
                other => (other, true),
            };
            unmatchable(list, entry, single)
        })
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
