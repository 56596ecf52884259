//! Reproducible benchmark inputs, shared by `examples/gen_corpus.rs`, `examples/gen_db.rs`
//! and `benches/engine.rs` (included with `#[path]`, so the library's API stays clean).
//!
//! The corpus is news-register prose on many topics — numbers, dates, names, places — with a
//! controlled share of paragraphs carrying a sentence about a claim of the database (taken
//! from the claims' own agreeing, conflicting and silent examples). The synthetic database
//! holds the shipped claims plus K generated claims in the real schema, with distinct terms,
//! so the prefilter automaton grows as a real database would.
#![allow(dead_code)] // each includer uses part of it

/// splitmix64: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const SUBJECTS: &[&str] = &[
    "The city council",
    "A spokesperson for the transit authority",
    "The school board",
    "Local farmers",
    "The state auditor",
    "Researchers at the university",
    "The county health department",
    "Hospital administrators",
    "The harbor commission",
    "Two former mayors",
    "The regional water utility",
    "Union leaders",
    "The museum's director",
    "Volunteers from the food bank",
    "The planning commission",
    "Wildlife officials",
    "The fire marshal",
    "Economists at the central bank",
    "The league's commissioner",
    "Parents at the meeting",
];

const VERBS: &[&str] = &[
    "said",
    "announced",
    "reported",
    "warned",
    "estimated",
    "confirmed",
    "argued",
    "predicted",
    "noted",
    "told reporters",
];

const CLAUSES: &[&str] = &[
    "that ridership rose by {pct} percent over the summer",
    "that the new bridge would cost about ${money} million",
    "that {count} residents signed the petition before {month}",
    "that the harvest came in {pct}% below last year's",
    "that the budget gap had narrowed to ${money} million in {year}",
    "that {count} students enrolled in the program this fall",
    "that the reservoir stood at {pct} percent of capacity in {month} {year}",
    "that the festival drew roughly {count} visitors",
    "that wait times fell to {small} minutes on average",
    "that the stadium renovation would finish by {month} {year}",
    "that {small} new clinics would open across the county",
    "that the median rent reached ${count} a month",
    "that the deer population had grown by a third since {year}",
    "that unemployment held at {small}.{small} percent",
    "that the library lent {count} books last year",
    "that the ferry service carried {count} passengers in {year}",
    "that the storm knocked out power to {count} homes",
    "that test scores improved for the {ordinal} straight year",
    "that the orchestra would play {small} free concerts",
    "that the airport handled {count} flights in {month}",
];

const FOLLOWUPS: &[&str] = &[
    "Critics questioned the figures.",
    "The proposal goes to a vote next week.",
    "Officials did not respond to a request for comment.",
    "The report was released on {weekday}.",
    "Turnout at the hearing was higher than expected.",
    "Several residents spoke in favor of the plan.",
    "The numbers have not been independently verified.",
    "A final decision is expected in {month}.",
    "The group has met {small} times since {year}.",
    "Similar measures passed in {place} and {place}.",
    "The agency plans to publish a full report in {year}.",
    "Weather delayed the work by {small} days.",
    "The mayor, {name}, praised the effort.",
    "Maintenance crews worked through the weekend.",
    "Neighbors described the change as overdue.",
];

const PLACES: &[&str] = &[
    "Springfield",
    "Riverton",
    "Lake County",
    "Bayside",
    "Fairview",
    "Oak Hill",
    "Marion",
    "Greenville",
    "Cedar Falls",
    "Port Allen",
];

const NAMES: &[&str] = &[
    "Maria Lopez",
    "James Chen",
    "Aisha Bello",
    "Tom Novak",
    "Priya Raman",
    "Luis Ortega",
    "Grace Kim",
    "Samuel Adeyemi",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

const ORDINALS: &[&str] = &["second", "third", "fourth", "fifth", "sixth"];

/// Fills the `{slot}`s of a template.
fn fill(rng: &mut Rng, template: &str, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let slot = &rest[open + 1..open + close];
        match slot {
            "pct" => out.push_str(&(rng.below(90) + 2).to_string()),
            "money" => out.push_str(&(rng.below(900) + 5).to_string()),
            "count" => {
                let n = rng.below(90_000) + 100;
                out.push_str(&format_thousands(n));
            }
            "small" => out.push_str(&(rng.below(12) + 2).to_string()),
            "year" => out.push_str(&(1990 + rng.below(35)).to_string()),
            "month" => out.push_str(rng.pick(MONTHS)),
            "weekday" => out.push_str(rng.pick(WEEKDAYS)),
            "ordinal" => out.push_str(rng.pick(ORDINALS)),
            "place" => out.push_str(rng.pick(PLACES)),
            "name" => out.push_str(rng.pick(NAMES)),
            _ => out.push_str(slot),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

fn format_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One sentence of unrelated prose.
pub fn filler_sentence(rng: &mut Rng, out: &mut String) {
    if rng.chance(0.3) {
        let template = rng_pick_owned(rng, FOLLOWUPS);
        fill(rng, template, out);
        return;
    }
    let lead = if rng.chance(0.3) {
        format!("In {}, ", rng.pick(PLACES))
    } else {
        String::new()
    };
    out.push_str(&lead);
    let subject = rng.pick(SUBJECTS);
    if lead.is_empty() {
        out.push_str(subject);
    } else {
        out.push_str(&subject[..1].to_lowercase());
        out.push_str(&subject[1..]);
    }
    out.push(' ');
    out.push_str(rng.pick(VERBS));
    out.push(' ');
    let template = rng_pick_owned(rng, CLAUSES);
    fill(rng, template, out);
    out.push('.');
}

fn rng_pick_owned(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.below(items.len())]
}

/// The example sentences of a claims database (agreeing, conflicting and silent), as claim
/// sentences for the corpus.
pub fn example_sentences(db_toml: &str) -> Vec<String> {
    let Ok(value) = db_toml.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let claims = value.get("claim").and_then(|c| c.as_array());
    for claim in claims.into_iter().flatten() {
        let Some(examples) = claim.get("examples").and_then(|e| e.as_table()) else {
            continue;
        };
        for key in ["agrees", "conflicts", "silent"] {
            for s in examples
                .get(key)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                if let Some(s) = s.as_str() {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

/// Writes about `bytes` bytes of prose: paragraphs of 3–6 sentences, a share `density` of
/// which carry one claim sentence.
pub fn corpus(bytes: usize, density: f64, seed: u64, claim_sentences: &[String]) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(bytes + 1024);
    while out.len() < bytes {
        let n = 3 + rng.below(4);
        let claim_at = (!claim_sentences.is_empty() && rng.chance(density)).then(|| rng.below(n));
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            if claim_at == Some(i) {
                out.push_str(&claim_sentences[rng.below(claim_sentences.len())]);
            } else {
                filler_sentence(&mut rng, &mut out);
            }
        }
        out.push_str("\n\n");
    }
    out
}

const SYLLABLES: &[&str] = &[
    "ka", "zo", "vel", "mir", "tan", "qua", "ris", "bo", "lum", "dra", "fen", "xo", "pel", "gri",
    "sto", "vak", "nim", "jor", "wex", "ul",
];

/// A made-up word, distinct for distinct `n`.
pub fn word(n: usize) -> String {
    let mut s = String::new();
    let mut k = n + SYLLABLES.len();
    while k > 0 {
        s.push_str(SYLLABLES[k % SYLLABLES.len()]);
        k /= SYLLABLES.len();
    }
    s
}

/// A database of the shipped claims plus `k` synthetic ones, in the real schema.
pub fn synthetic_db(shipped: &str, k: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(shipped.len() + k * 700);
    out.push_str(shipped);
    out.push_str("\n# ---- synthetic claims (bench/gen.rs) ----\n");
    let kinds = ["count", "share", "mass"];
    for i in 0..k {
        let (a, b, c) = (word(3 * i), word(3 * i + 1), word(3 * i + 2));
        let kind = kinds[i % kinds.len()];
        let year = 2000 + rng.below(24);
        let (fact, statement) = match kind {
            "count" => {
                let v = 1000 + rng.below(90_000);
                (
                    format!("kind = \"count\"\nvalue = {v}\nnouns = [\"{c}s\", \"cases\"]\n"),
                    format!("{v} {c}s were recorded in the {a} {b} survey in {year}."),
                )
            }
            "share" => {
                let v = 5 + rng.below(90);
                (
                    format!("kind = \"share\"\nvalue = {v}\ntolerance = 1\n"),
                    format!("{v}% of {a} {b} respondents backed the {c} plan in {year}."),
                )
            }
            _ => {
                let v = 10 + rng.below(900);
                (
                    format!("kind = \"mass\"\nvalue = {v}\nunit = \"kg\"\n"),
                    format!("The {a} {b} seized {v} kg of {c} in {year}."),
                )
            }
        };
        out.push_str(&format!(
            "\n[[claim]]\nid = \"synthetic-{i}\"\nstatement = \"{statement}\"\n\
             about = [[\"{a}\", \"{a} {b}\"], [\"{c}*\", \"{b} {c}\"]]\nperiod = [\"{year}\"]\n\
             \n[[claim.fact]]\n{fact}\n[[claim.source]]\ntitle = \"{a} {b} annual report\"\n\
             publisher = \"{b} institute\"\nurl = \"https://example.org/{a}/{b}/{year}\"\n\
             date = \"{year}\"\nquote = \"{statement}\"\n"
        ));
    }
    out
}
