//! The engine knows English, never a topic: no word of the shipped database's subject may
//! stand in a string literal of the engine's code.
//!
//! The topic words are every word of `claims.toml`'s terms (`about`, `excludes`, `anaphora`,
//! `conflict-requires`, `[sets]`, each fact's `nouns`, `of`, `is`, `is-not`, `than`, people's
//! names and aliases, and the `[lexicon]` table), less general English: any word of
//! `src/lexicon/en.toml`, and words under three letters. The engine's code is every
//! non-test source file of the stages (lexicon, text, terms, extract, people, db, check,
//! policy), each read up to its `#[cfg(test)]`; comments and doc comments are skipped, so a
//! comment may still cite the example it was written for.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Words shorter than this are too common to be a subject's ("us", "of").
const MIN_WORD_LEN: usize = 3;

/// General English that `claims.toml` uses inside its subject's phrases ("this number", "age
/// group", "12-month period", "heroin use*", "agree*") and that the engine's own messages need
/// ("a number", "every group", "kind"), although no lexicon list has them. Each is here
/// because a message of the engine uses it; a word of a subject never belongs here.
const GENERAL_ENGLISH: &[&str] = &[
    "agree", "carried", "figure", "group", "kind", "number", "period", "start", "use",
];

/// Topic words in engine code today, by path prefix: each is reported until removed, and an
/// entry that no longer matches fails the test so that the list only shrinks. (The example
/// id in the database loader's message on a bad id, as of issue 12.)
const KNOWN_IN_ENGINE: &[(&str, &str)] = &[];

/// The engine's code, relative to the crate root: files and folders.
const ENGINE: &[&str] = &[
    "src/lexicon",
    "src/text",
    "src/terms.rs",
    "src/extract",
    "src/people.rs",
    "src/db",
    "src/check",
    "src/policy.rs",
];

/// The words of a term or name: lowercase, split on anything that is not a letter. A regular
/// expression's escapes (`\b`, `\w`) are not letters of a word.
fn words(s: &str) -> Vec<String> {
    let mut plain = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            plain.push(' ');
        } else {
            plain.push(c);
        }
    }
    plain
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The subject's words: whole words, and stems (a term's word written with a trailing `*`)
/// that match any word they begin.
#[derive(Debug, Default)]
struct TopicWords {
    whole: BTreeSet<String>,
    stems: BTreeSet<String>,
}

impl TopicWords {
    fn add_term(&mut self, term: &str) {
        for raw in term.split_whitespace() {
            let stem = raw.ends_with('*');
            let ws = words(raw);
            let last = ws.len().saturating_sub(1);
            for (k, w) in ws.into_iter().enumerate() {
                if stem && k == last {
                    self.stems.insert(w);
                } else {
                    self.whole.insert(w);
                }
            }
        }
    }

    fn remove_known(&mut self, known: &BTreeSet<String>) {
        let keep = |w: &String| w.chars().count() >= MIN_WORD_LEN && !known.contains(w);
        self.whole.retain(keep);
        self.stems.retain(keep);
    }

    /// The topic word `w` (a lowercase word of a literal) is, if any.
    fn matches(&self, w: &str) -> Option<String> {
        if self.whole.contains(w) {
            return Some(w.to_string());
        }
        self.stems
            .iter()
            .find(|s| w.starts_with(s.as_str()))
            .map(|s| format!("{s}*"))
    }

    fn len(&self) -> usize {
        self.whole.len() + self.stems.len()
    }
}

/// Every string in a TOML value (arrays and tables walked).
fn strings(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        toml::Value::Table(t) => t.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// Every key and string of a TOML value.
fn keys_and_strings(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(a) => a.iter().for_each(|x| keys_and_strings(x, out)),
        toml::Value::Table(t) => {
            for (k, x) in t {
                out.push(k.clone());
                keys_and_strings(x, out);
            }
        }
        _ => {}
    }
}

/// The term lists of a claim and of a fact.
const CLAIM_TERMS: &[&str] = &["about", "excludes", "anaphora", "conflict-requires"];
const FACT_TERMS: &[&str] = &["nouns", "of", "is", "is-not", "than", "people"];

fn topic_words(claims_toml: &str) -> Result<TopicWords, String> {
    let db: toml::Value = toml::from_str(claims_toml).map_err(|e| e.to_string())?;
    let mut terms: Vec<String> = Vec::new();
    for table in ["sets", "lexicon"] {
        if let Some(v) = db.get(table) {
            strings(v, &mut terms);
        }
    }
    let claims = db
        .get("claim")
        .and_then(toml::Value::as_array)
        .ok_or("no [[claim]] tables")?;
    for claim in claims {
        for key in CLAIM_TERMS {
            if let Some(v) = claim.get(key) {
                strings(v, &mut terms);
            }
        }
        for fact in claim
            .get("fact")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            for key in FACT_TERMS {
                // `people` holds names and aliases: every string in it.
                if let Some(v) = fact.get(key) {
                    strings(v, &mut terms);
                }
            }
        }
    }
    let mut topic = TopicWords::default();
    for t in terms.iter().filter(|t| !t.starts_with('@')) {
        topic.add_term(t);
    }
    Ok(topic)
}

/// Every word of the English lexicon file: its keys (number words, months are keys) and its
/// strings.
fn english_words(en_toml: &str) -> Result<BTreeSet<String>, String> {
    let v: toml::Value = toml::from_str(en_toml).map_err(|e| e.to_string())?;
    let mut all = Vec::new();
    keys_and_strings(&v, &mut all);
    Ok(all.iter().flat_map(|s| words(s)).collect())
}

/// A string literal of a source file: its 1-based line and its text (escapes as spaces).
#[derive(Debug, PartialEq)]
struct Literal {
    line: usize,
    text: String,
}

/// The string literals of Rust source code up to its first `#[cfg(test)]`, outside comments
/// and doc comments: plain, byte and raw strings. Char literals (`'"'`) and lifetimes are
/// skipped, so a quote in one does not open a string.
fn literals(src: &str) -> Vec<Literal> {
    let code = src
        .lines()
        .take_while(|l| l.trim_start() != "#[cfg(test)]")
        .collect::<Vec<_>>()
        .join("\n");
    let b: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            // Block comments nest in Rust.
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if b[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r'))) && (i == 0 || !ident(b[i - 1])) && {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            while b.get(j) == Some(&'#') {
                j += 1;
            }
            b.get(j) == Some(&'"')
        } {
            // A raw string: r"…", r#"…"#, br"…".
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while b[j] == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            let start_line = line;
            let mut text = String::new();
            while j < b.len() {
                if b[j] == '"' && (1..=hashes).all(|k| b.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                if b[j] == '\n' {
                    line += 1;
                }
                text.push(b[j]);
                j += 1;
            }
            out.push(Literal {
                line: start_line,
                text,
            });
            i = j;
        } else if c == '"' {
            let start_line = line;
            let mut text = String::new();
            let mut j = i + 1;
            while j < b.len() && b[j] != '"' {
                if b[j] == '\\' {
                    // An escape is no letter of a word: "\n" in "a\nb" separates a and b.
                    j += 1;
                    if b.get(j) == Some(&'u') {
                        while j < b.len() && b[j] != '}' {
                            j += 1;
                        }
                    }
                    if b.get(j) == Some(&'\n') {
                        line += 1;
                    }
                    text.push(' ');
                } else {
                    if b[j] == '\n' {
                        line += 1;
                    }
                    text.push(b[j]);
                }
                j += 1;
            }
            out.push(Literal {
                line: start_line,
                text,
            });
            i = j + 1;
        } else if c == '\'' {
            // A char literal ('"', '\'', '\u{2019}') or a lifetime ('a): skip either.
            if next == Some('\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if ident(c) {
            // Skip a whole identifier, so the `r` or `b` inside `bar"` never starts a string.
            while i < b.len() && ident(b[i]) {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The topic words found in the literals of `src`: "path:line: word in \"literal\"".
fn scan(path: &str, src: &str, topic: &TopicWords) -> Vec<String> {
    let mut found = Vec::new();
    for lit in literals(src) {
        for w in words(&lit.text) {
            if let Some(t) = topic.matches(&w) {
                found.push(format!(
                    "{path}:{}: `{t}` in {:?}",
                    lit.line,
                    lit.text.trim()
                ));
            }
        }
    }
    found
}

/// The engine's non-test source files under `root`: test modules (`tests.rs`, a `tests/`
/// folder) are left out, as `#[cfg(test)]` leaves them out of the build.
fn engine_files(root: &Path) -> Vec<PathBuf> {
    fn walk(p: &Path, out: &mut Vec<PathBuf>) {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "tests") {
                return;
            }
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .collect();
            entries.sort();
            for e in entries {
                walk(&e, out);
            }
        } else if p.is_file()
            && p.extension().is_some_and(|e| e == "rs")
            && p.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(p.to_path_buf());
        }
    }
    let mut out = Vec::new();
    for rel in ENGINE {
        walk(&root.join(rel), &mut out);
    }
    out
}

fn read(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

#[test]
fn no_topic_word_in_engine_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut topic = match topic_words(&read(&root.join("claims.toml"))) {
        Ok(t) => t,
        Err(e) => panic!("claims.toml: {e}"),
    };
    let mut known = match english_words(&read(&root.join("src/lexicon/en.toml"))) {
        Ok(k) => k,
        Err(e) => panic!("src/lexicon/en.toml: {e}"),
    };
    // Both lists are large; a scan against an empty one would pass for nothing.
    assert!(known.len() > 300, "{} English words", known.len());
    known.extend(GENERAL_ENGLISH.iter().map(|w| w.to_string()));
    let before = topic.len();
    topic.remove_known(&known);
    assert!(
        topic.len() > 50 && topic.len() < before,
        "{} topic words",
        topic.len()
    );
    assert!(topic.matches("fentanyl").is_some());
    assert!(topic.matches("the").is_none() && topic.matches("than").is_none());

    let files = engine_files(root);
    // Every stage is there.
    for stage in [
        "lexicon", "text", "extract", "check", "terms", "people", "policy",
    ] {
        assert!(
            files.iter().any(|f| f.to_string_lossy().contains(stage)),
            "no engine file of {stage}"
        );
    }
    assert!(files.iter().any(|f| f.to_string_lossy().contains("src/db")));
    let mut found = Vec::new();
    let mut n_literals = 0;
    for f in &files {
        let src = read(f);
        n_literals += literals(&src).len();
        let rel = f.strip_prefix(root).unwrap_or(f).display().to_string();
        found.extend(scan(&rel, &src, &topic));
    }
    assert!(n_literals > 100, "only {n_literals} literals read");
    let is_known = |(prefix, word): &(&str, &str), hit: &str| {
        hit.starts_with(prefix) && hit.contains(&format!(": `{word}` in "))
    };
    let gone: Vec<String> = KNOWN_IN_ENGINE
        .iter()
        .filter(|k| !found.iter().any(|hit| is_known(k, hit)))
        .map(|(prefix, word)| format!("{prefix}: {word}"))
        .collect();
    found.retain(|hit| !KNOWN_IN_ENGINE.iter().any(|k| is_known(k, hit)));
    assert!(
        gone.is_empty(),
        "no longer in engine code, remove from KNOWN_IN_ENGINE: {gone:?}"
    );
    assert!(
        found.is_empty(),
        "topic words of claims.toml in engine code (move them to the database's [lexicon], \
         or to lexicon/en.toml if they are general English):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scanner_reports_a_topic_word_in_a_literal() {
    let mut topic = TopicWords::default();
    topic.add_term("fentanyl");
    topic.add_term("traffick*");
    topic.add_term("the border");
    topic.remove_known(&["the".to_string()].into_iter().collect());
    let src = r##"
//! Fentanyl in a doc comment is fine.
/// So is "fentanyl" quoted in one.
fn opener(w: &str) -> bool {
    // "fentanyl" in a comment
    let quote = '"'; let fentanyl = 1; /* "fentanyl" /* nested */ "fentanyl" */
    w == "Fentanyl" || w.starts_with(r#"trafficking "ring""#) || w == "\"bor\
der\"" || w == "one\nborder"
}
fn lifetime<'a>(s: &'a str) -> &'a str { "fine" }
#[cfg(test)]
mod tests {
    const X: &str = "fentanyl";
}
"##;
    assert_eq!(
        scan("fake.rs", src, &topic),
        [
            "fake.rs:7: `fentanyl` in \"Fentanyl\"",
            "fake.rs:7: `traffick*` in \"trafficking \\\"ring\\\"\"",
            "fake.rs:8: `border` in \"one border\"",
        ]
    );
    // The escaped line break splits "bor\<newline>der": not reported as a word. The literal
    // after it ends where it should, so the next one is still read on its own line.
    let lits = literals(src);
    let texts: Vec<&str> = lits.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Fentanyl",
            "trafficking \"ring\"",
            " bor der ",
            "one border",
            "fine"
        ]
    );
    assert_eq!(lits[4].line, 10);
}

#[test]
fn topic_words_come_from_every_term_list() {
    let toml = r#"
[sets]
places = ["Lakeside"]
[lexicon]
openers = ["Quinoa"]
[[claim]]
about = [["Marigold*"], ["@places"]]
excludes = ["tulips"]
anaphora = ["the greenhouse"]
conflict-requires = [["harvest"]]
statement = "Statement words are not terms."
[[claim.fact]]
nouns = ["seedlings"]
of = ["compost"]
is = ["organic"]
is-not = ["synthetic"]
than = ["lettuce"]
people = [{ name = "Ada Gardener", aliases = ["Gardener"] }]
"#;
    let mut t = match topic_words(toml) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    t.remove_known(&["the".to_string()].into_iter().collect());
    let whole: Vec<&str> = t.whole.iter().map(String::as_str).collect();
    assert_eq!(
        whole,
        [
            "ada",
            "compost",
            "gardener",
            "greenhouse",
            "harvest",
            "lakeside",
            "lettuce",
            "organic",
            "quinoa",
            "seedlings",
            "synthetic",
            "tulips"
        ]
    );
    assert_eq!(t.matches("marigolds"), Some("marigold*".to_string()));
    assert_eq!(t.matches("statement"), None);
}
