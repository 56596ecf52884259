//! Hover text, as Markdown: a finding (the claim, what the text states against what the
//! sources say, the curator's note, the sources) and a claim of a database being edited.

use std::fmt::Write as _;

use super::prose::Found;
use crate::check::Verdict;
use crate::db::{Claim, Database};
use crate::report::collapse;

/// The hover of a finding.
pub fn finding(db: &Database, f: &Found) -> Option<String> {
    let claim = db.claims.get(f.claim)?;
    let fact = claim.facts.get(f.fact)?;
    let verdict = match f.verdict {
        Verdict::Agrees => "agrees with the sources",
        Verdict::Conflicts => "conflicts with the sources",
    };
    let mut md = String::new();
    let _ = writeln!(md, "**claimcheck** · `{}` · {verdict}\n", claim.id);
    let _ = writeln!(md, "**Claim:** {}\n", escape(&collapse(&claim.statement)));
    let _ = writeln!(
        md,
        "**The text states:** {} — **the sources say:** {}\n",
        escape(&collapse(&f.stated)),
        escape(&fact.expected())
    );
    sources(&mut md, claim);
    Some(md)
}

/// The hover of a claim id in a database: its statement, note and sources.
pub fn claim(c: &Claim) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "**{}** ({}:{})\n", c.id, escape(&c.origin), c.line);
    let _ = writeln!(md, "{}\n", escape(&collapse(&c.statement)));
    sources(&mut md, c);
    md
}

/// The curator's note and the sources: title, publisher, date, link and quote.
fn sources(md: &mut String, claim: &Claim) {
    if let Some(note) = claim.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = writeln!(md, "**Note:** {}\n", escape(&collapse(note)));
    }
    if claim.sources.is_empty() {
        return;
    }
    let _ = writeln!(md, "**Sources**\n");
    for (k, s) in claim.sources.iter().enumerate() {
        let title = escape(&collapse(&s.title));
        let title = if s.url.is_empty() {
            title
        } else {
            format!("[{title}](<{}>)", s.url.replace('>', "%3E"))
        };
        let mut line = format!("{}. {title}", k + 1);
        for extra in [&s.publisher, &s.date] {
            if !extra.trim().is_empty() {
                line.push_str(" — ");
                line.push_str(&escape(&collapse(extra)));
            }
        }
        let _ = writeln!(md, "{line}");
        if !s.quote.trim().is_empty() {
            let _ = writeln!(md, "\n   > {}\n", escape(&collapse(&s.quote)));
        }
    }
}

/// Text shown as itself in Markdown: the characters that would start markup are escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::Format;

    #[test]
    fn a_finding_hover_has_the_claim_the_figures_and_the_sources() {
        let db = Database::embedded().unwrap();
        let c = &db.claims[0];
        let Some(sentence) = c.examples.conflicts.first() else {
            return;
        };
        let found = super::super::prose::check_document(&db, Format::Text, sentence);
        let f = found.iter().find(|f| f.claim == 0).unwrap();
        let md = finding(&db, f).unwrap();
        assert!(md.contains(&c.id), "{md}");
        assert!(md.contains("conflicts with the sources"), "{md}");
        assert!(md.contains("**The text states:**"), "{md}");
        assert!(md.contains(&c.sources[0].url), "{md}");
        assert!(claim(c).contains("**Sources**"));
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("a*b_[c]<d>"), "a\\*b\\_\\[c\\]\\<d\\>");
    }
}
