//! Inline suppressions, in the style of markdownlint.
//!
//! In every format (Markdown, HTML, and plain text, which is often rendered later):
//! `<!-- claimcheck-disable-next-line -->`, `<!-- claimcheck-disable-line -->`,
//! `<!-- claimcheck-disable -->` … `<!-- claimcheck-enable -->` and
//! `<!-- claimcheck-disable-file -->`, each optionally followed by claim ids to limit it. In
//! plain text, a line containing `claimcheck: ignore` (optionally followed by claim ids) is
//! not reported either.

use crate::input::Locator;
use crate::markup::Format;

/// Which claims a directive covers: all of them, or the listed ids.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Claims {
    All,
    Only(Vec<String>),
}

impl Claims {
    fn parse(rest: &str) -> Claims {
        // Ids run up to the first word that cannot be one, or a closing bracket.
        let mut ids: Vec<String> = Vec::new();
        for word in rest.split(|c: char| c.is_whitespace() || c == ',') {
            let id = word.trim_end_matches([')', ']', '}', '>', ';']);
            let is_id = id
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
            if !is_id {
                break;
            }
            if !id.is_empty() {
                ids.push(id.to_string());
            }
            if id.len() != word.len() {
                break;
            }
        }
        if ids.is_empty() {
            Claims::All
        } else {
            Claims::Only(ids)
        }
    }

    fn covers(&self, id: &str) -> bool {
        match self {
            Claims::All => true,
            Claims::Only(ids) => ids.iter().any(|i| i == id),
        }
    }
}

/// A stretch of lines (inclusive, 1-based) where some claims are not reported.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    first: usize,
    last: usize,
    claims: Claims,
}

/// The suppressions of one file (or one chunk of a plain-text file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    rules: Vec<Rule>,
}

const PREFIX: &str = "claimcheck-";

impl Suppressions {
    /// Reads the directives of a text whose lines `locator` indexes.
    pub fn parse(format: Format, text: &str, locator: &Locator) -> Suppressions {
        let mut rules = Vec::new();
        // Open `disable` blocks: start line and claims.
        let mut open: Vec<(usize, Claims)> = Vec::new();
        let mut last_line = 0;
        let comments = text.contains("<!--");
        // Most texts have no directive at all: skip the line-by-line reading.
        if !comments && (format != Format::Text || !text.contains("claimcheck: ignore")) {
            return Suppressions { rules };
        }
        for (line, content) in locator.lines() {
            last_line = line;
            if format == Format::Text
                && let Some(at) = content.find("claimcheck: ignore")
            {
                let rest = &content[at + "claimcheck: ignore".len()..];
                rules.push(Rule {
                    first: line,
                    last: line,
                    claims: Claims::parse(rest.split("-->").next().unwrap_or("")),
                });
            }
            if !comments {
                continue;
            }
            let mut search = content;
            while let Some(at) = search.find("<!--") {
                let body_and_rest = &search[at + 4..];
                let end = body_and_rest.find("-->").unwrap_or(body_and_rest.len());
                let body = body_and_rest[..end].trim();
                search = &body_and_rest[end..];
                let Some(directive) = body.strip_prefix(PREFIX) else {
                    continue;
                };
                let name_len = directive
                    .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
                    .unwrap_or(directive.len());
                let claims = Claims::parse(&directive[name_len..]);
                match &directive[..name_len] {
                    "disable-next-line" => rules.push(Rule {
                        first: line + 1,
                        last: line + 1,
                        claims,
                    }),
                    "disable-line" => rules.push(Rule {
                        first: line,
                        last: line,
                        claims,
                    }),
                    "disable-file" => rules.push(Rule {
                        first: 0,
                        last: usize::MAX,
                        claims,
                    }),
                    "disable" => open.push((line, claims)),
                    "enable" => {
                        // `enable` ends every open block it covers: all of them when it names
                        // no claim, else those ids.
                        let mut keep = Vec::new();
                        for (first, c) in open.drain(..) {
                            match (&claims, c) {
                                (Claims::All, c) => rules.push(Rule {
                                    first,
                                    last: line,
                                    claims: c,
                                }),
                                (Claims::Only(ids), Claims::Only(open_ids)) => {
                                    let (closed, still): (Vec<String>, Vec<String>) =
                                        open_ids.into_iter().partition(|i| ids.contains(i));
                                    if !closed.is_empty() {
                                        rules.push(Rule {
                                            first,
                                            last: line,
                                            claims: Claims::Only(closed),
                                        });
                                    }
                                    if !still.is_empty() {
                                        keep.push((first, Claims::Only(still)));
                                    }
                                }
                                // Enabling some claims inside a block that disables all of
                                // them keeps the block: say it precisely, by ids, to split it.
                                (Claims::Only(_), Claims::All) => keep.push((first, Claims::All)),
                            }
                        }
                        open = keep;
                    }
                    _ => {}
                }
            }
        }
        for (first, claims) in open {
            rules.push(Rule {
                first,
                last: last_line.max(first),
                claims,
            });
        }
        Suppressions { rules }
    }

    /// Whether a finding of claim `id` on `line` (1-based) is suppressed.
    pub fn covers(&self, line: usize, id: &str) -> bool {
        self.rules
            .iter()
            .any(|r| r.first <= line && line <= r.last && r.claims.covers(id))
    }

    /// Whether the file has no directive at all.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Origin;

    fn parse(format: Format, text: &str) -> Suppressions {
        Suppressions::parse(format, text, &Locator::new(text, Origin::default()))
    }

    #[test]
    fn next_line_and_line() {
        let s = parse(
            Format::Markdown,
            "a\n<!-- claimcheck-disable-next-line -->\nb\nc <!-- claimcheck-disable-line x -->\n",
        );
        assert!(s.covers(3, "any"));
        assert!(!s.covers(2 + 2, "any"));
        assert!(s.covers(4, "x"));
        assert!(!s.covers(1, "x"));
    }

    #[test]
    fn blocks_and_file() {
        let t = "1\n<!-- claimcheck-disable a b -->\n3\n<!-- claimcheck-enable a -->\n5\n<!-- claimcheck-enable -->\n7";
        let s = parse(Format::Html, t);
        assert!(s.covers(3, "a") && s.covers(3, "b") && !s.covers(3, "c"));
        assert!(!s.covers(5, "a") && s.covers(5, "b"));
        assert!(!s.covers(7, "b"));
        let s = parse(Format::Markdown, "x\n<!-- claimcheck-disable -->\ny\nz");
        assert!(s.covers(4, "q"), "an unclosed block runs to the end");
        let s = parse(Format::Markdown, "x\n\n<!-- claimcheck-disable-file c1 -->");
        assert!(s.covers(1, "c1") && !s.covers(1, "c2"));
    }

    #[test]
    fn plain_text_marker() {
        let s = parse(Format::Text, "a 41% here  # claimcheck: ignore\nnext");
        assert!(s.covers(1, "any") && !s.covers(2, "any"));
        let s = parse(
            Format::Text,
            "a 41% (claimcheck: ignore) and\nb (claimcheck: ignore c1 c2)",
        );
        assert!(s.covers(1, "any") && s.covers(2, "c2") && !s.covers(2, "c3"));
        let s = parse(Format::Markdown, "a claimcheck: ignore");
        assert!(s.is_empty(), "Markdown uses comments");
    }
}
