//! The scaffold as TOML: one `[[claim]]` with `draft = true`, its facts, what was left out
//! as comments, one source made from the URL, and the examples.

use std::fmt::Write as _;

use super::read::{ProposedFact, Skipped, quote};

/// A claim being scaffolded.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub id: String,
    pub sentence: String,
    pub about: Vec<String>,
    pub periods: Vec<String>,
    pub facts: Vec<ProposedFact>,
    /// Facts proposed but left out, with the reason (as comments).
    pub left_out: Vec<(ProposedFact, Option<String>)>,
    /// Figures that are no fact, with the reason (as comments).
    pub skipped: Vec<Skipped>,
    /// Altered sentences the checker finds conflicting.
    pub conflicts: Vec<String>,
    pub url: String,
    pub today: String,
    /// `period-required`, when the scaffold sets it.
    pub period_required: Option<bool>,
}

/// `["a", "b"]`.
fn list(items: &[String]) -> String {
    let q: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", q.join(", "))
}

/// A one-line comment: no line break can end it early, and no control character (which TOML
/// refuses in a comment) is written.
fn comment(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.replace(char::is_control, "\u{FFFD}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The publisher and a title guessed from a URL: its host without `www.`, and its last path
/// segment with dashes read as spaces.
fn from_url(url: &str) -> (String, String) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_start_matches("www.").to_string();
    let last = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    let title: String = last.replace(['-', '_'], " ").trim().to_string();
    let title = if title.is_empty() {
        host.clone()
    } else {
        title
    };
    (host, title)
}

impl Draft {
    /// The claim as TOML.
    pub fn toml(&self) -> String {
        let mut s = String::new();
        let _ = self.write(&mut s);
        s
    }

    fn write(&self, s: &mut String) -> std::fmt::Result {
        writeln!(s, "[[claim]]")?;
        writeln!(s, "id = {}", quote(&self.id))?;
        writeln!(
            s,
            "# Scaffolded by `claimcheck db new` from a sentence, not from the source: check each"
        )?;
        writeln!(
            s,
            "# figure against the source, then delete `draft = true` (until then `check` skips it)."
        )?;
        writeln!(s, "draft = true")?;
        writeln!(s, "statement = {}", quote(&self.sentence))?;
        writeln!(
            s,
            "# A sentence must contain a term of every group; add the other words sources use."
        )?;
        let groups: Vec<String> = self
            .about
            .iter()
            .map(|t| list(std::slice::from_ref(t)))
            .collect();
        writeln!(s, "about = [{}]", groups.join(", "))?;
        if !self.periods.is_empty() {
            writeln!(s, "period = {}", list(&self.periods))?;
        }
        if let Some(r) = self.period_required {
            writeln!(
                s,
                "# The sentence's figure is read with no period: a figure stated for another one is still never compared."
            )?;
            writeln!(s, "period-required = {r}")?;
        }
        writeln!(
            s,
            "# excludes = [\"a word of a neighbouring measure\"]   # the claim is silent on it"
        )?;
        for f in &self.facts {
            writeln!(s)?;
            writeln!(s, "[[claim.fact]]")?;
            writeln!(s, "# as stated: {}", comment(&f.stated))?;
            if let Some(n) = &f.note {
                writeln!(s, "# {}", comment(n))?;
            }
            writeln!(s, "kind = {}", quote(f.kind.name()))?;
            for (k, v) in &f.fields {
                writeln!(s, "{k} = {v}")?;
            }
            if !matches!(f.kind.name(), "person" | "record" | "tally" | "date") {
                writeln!(
                    s,
                    "# lookalikes = [{{ value = …, note = \"a neighbouring figure the source also gives\" }}]"
                )?;
            }
        }
        for (f, why) in &self.left_out {
            writeln!(s)?;
            writeln!(
                s,
                "# Not proposed: \"{}\" as a {} fact: {}",
                comment(&f.stated),
                f.kind.name(),
                comment(why.as_deref().unwrap_or("not understood"))
            )?;
        }
        for k in &self.skipped {
            writeln!(s)?;
            writeln!(
                s,
                "# Not proposed: \"{}\": {}",
                comment(&k.stated),
                comment(&k.why)
            )?;
        }
        let (publisher, title) = from_url(&self.url);
        writeln!(s)?;
        writeln!(s, "[[claim.source]]")?;
        writeln!(s, "role = \"primary\"")?;
        writeln!(
            s,
            "# Title and publisher are read from the URL: write the source's own."
        )?;
        writeln!(s, "title = {}", quote(&title))?;
        writeln!(s, "publisher = {}", quote(&publisher))?;
        writeln!(s, "url = {}", quote(&self.url))?;
        writeln!(
            s,
            "# The day this was scaffolded: write the source's publication date."
        )?;
        writeln!(s, "date = {}", quote(&self.today))?;
        writeln!(
            s,
            "# Replace with the source's own words that support the claim."
        )?;
        writeln!(s, "quote = {}", quote(&self.sentence))?;
        writeln!(s)?;
        writeln!(s, "[claim.examples]")?;
        writeln!(s, "agrees = {}", list(std::slice::from_ref(&self.sentence)))?;
        if self.conflicts.is_empty() {
            writeln!(
                s,
                "# conflicts = [\"the sentence with a wrong figure\"]   # none generated was caught"
            )?;
        } else {
            writeln!(s, "conflicts = {}", list(&self.conflicts))?;
        }
        writeln!(
            s,
            "# silent = [\"a sentence with a neighbouring figure (another year, place or measure)\"]"
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publisher_and_title_come_from_the_url() {
        assert_eq!(
            from_url("https://www.bls.gov/news.release/cpi-june-2022.htm?x=1"),
            ("bls.gov".to_string(), "cpi june 2022".to_string())
        );
        assert_eq!(
            from_url("https://example.org"),
            ("example.org".to_string(), "example.org".to_string())
        );
    }
}
