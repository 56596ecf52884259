//! People named in a sentence, for attribution claims ("released by Secretary of State Marco
//! Rubio", "Senators Chuck Schumer, Bill Cassidy and Maggie Hassan").
//!
//! Only names we are sure are people count against a claim: a name after a title, in a list
//! after "Senators", or directly followed by a verb of saying. A capitalized phrase alone
//! ("Operation Blue Lotus") is never taken for a person.

use std::ops::Range;

use crate::policy::Policy;
use crate::text::{TokKind, Words};

/// A person named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Token range of the name (title excluded).
    pub toks: Range<usize>,
    /// Byte span of the name.
    pub span: Range<usize>,
    /// After a title or in a titled list: surely a person.
    pub titled: bool,
    /// The person is the one who said or did the thing: "by X", "X said".
    pub attributed: bool,
    /// The verbs the name is read with, in order: the verb after it ("X has announced"), a
    /// participle right after a titled name ("with Justice X writing for the majority"), or
    /// a participle set off by commas and the verb after it ("Justice X, writing for the
    /// majority, said").
    pub verbs: Vec<usize>,
}

/// The ending of a present participle ("writing", "presiding").
const PARTICIPLE_SUFFIX: &str = "ing";

/// Whether token `k` is a participle: a lowercase word ending in "-ing" ("writing") that is
/// no function word ("during", "according"), or, when `past` is allowed, in "-ed"
/// ("joined by").
pub fn is_participle(text: &str, w: &Words, k: usize, past: bool) -> bool {
    let Some(t) = w.toks.get(k) else {
        return false;
    };
    let x = w.norm[k].as_str();
    t.kind == TokKind::Word
        && t.text(text).chars().next().is_some_and(char::is_lowercase)
        && x.len() > Policy::DEFAULT.verb_min_len
        && !w.lex.binding.function_words.contains(x)
        && !w.lex.clauses.time_words.contains(x)
        && (x.ends_with(PARTICIPLE_SUFFIX) || (past && verb_like(w, k)))
}

/// The verbs a name ending at token `end` is read with (see [`Mention::verbs`]). Only a
/// titled name is read with a participle; after a companion word ("the mayor, with Deputy
/// Mayor X, opened") only a participle right after the name makes it the actor of that
/// participle ("with Justice X writing"), never one after a comma.
fn verbs_of(text: &str, w: &Words, end: usize, titled: bool, companion: bool) -> Vec<usize> {
    let mut out: Vec<usize> = verb_after(w, end).into_iter().collect();
    if !titled || !out.is_empty() {
        return out;
    }
    if is_participle(text, w, end, false) {
        out.push(end);
    } else if !companion && w.is(end, ",") && is_participle(text, w, end + 1, true) {
        out.push(end + 1);
        // The verb after the participle's phrase: "Justice X, writing for the majority,
        // said" is the speaker as well.
        let limit = (end + 1 + Policy::DEFAULT.verb_lookahead).min(w.toks.len());
        if let Some(c) = (end + 2..limit).find(|&k| w.is(k, ",")) {
            out.extend(verb_after(w, c + 1));
        }
    }
    out
}

fn is_capitalized(text: &str, w: &Words, i: usize) -> bool {
    w.toks.get(i).is_some_and(|t| {
        t.kind == TokKind::Word && t.text(text).chars().next().is_some_and(char::is_uppercase)
    })
}

/// A name starting at token `i`: capitalized words, initials allowed, up to the next title;
/// returns its end.
fn name_at(text: &str, w: &Words, i: usize) -> Option<usize> {
    let mut k = i;
    while k < w.toks.len()
        && k - i < Policy::DEFAULT.name_max_words
        && is_capitalized(text, w, k)
        && !w.lex.people.non_names.contains(&w.norm[k])
        && (k == i || title_at(text, w, k).is_none())
    {
        k += 1;
        // "J." initials
        if w.is(k, ".") && w.norm[k - 1].chars().count() == 1 {
            k += 1;
        }
    }
    (k > i).then_some(k)
}

/// A capitalized title starting at token `i`: where the name after it starts, and whether it
/// introduces a list ("Senators").
fn title_at(text: &str, w: &Words, i: usize) -> Option<(usize, bool)> {
    if !is_capitalized(text, w, i) {
        return None;
    }
    for t in &w.lex.people.titles {
        if let Some(end) = w.is_phrase(i, t) {
            // The abbreviation dot of "Dr." / "Sen.".
            let end = if w.is(end, ".") { end + 1 } else { end };
            return Some((end, w.lex.people.plural_titles.contains(t)));
        }
    }
    None
}

/// Every person the sentence names.
pub fn mentions(text: &str, w: &Words) -> Vec<Mention> {
    let mut out = Vec::new();
    let n = w.toks.len();
    let mut i = 0;
    while i < n {
        let title = title_at(text, w, i);
        let start = title.map_or(i, |(e, _)| e);
        let people = &w.lex.people;
        if !is_capitalized(text, w, start) || people.non_names.contains(&w.norm[start]) {
            i += 1;
            continue;
        }
        let Some(end) = name_at(text, w, start) else {
            i += 1;
            continue;
        };
        let titled = title.is_some();
        let according = people.according.len();
        let attributed_before = i > 0
            && (w.is(i - 1, &people.by)
                || (i >= according
                    && (0..according).all(|k| w.is(i - according + k, &people.according[k]))));
        // "Secretary of State John Kerry has announced", "… on Monday unveiled": past
        // auxiliaries, adverbs and a time phrase; after a title any verb makes the actor.
        let companion = i > 0 && w.lex.clauses.companion_words.contains(&w.norm[i - 1]);
        let verbs = verbs_of(text, w, end, titled, companion);
        let attributed_after = verbs.iter().any(|&v| {
            people.attribution_verbs.contains(&w.norm[v])
                || (titled && (verb_like(w, v) || is_participle(text, w, v, false)))
        });
        let attributed = attributed_before || attributed_after;
        // An untitled capitalized phrase is a person only as the speaker: "Jane Doe said".
        if titled || (end - start >= 2 && attributed) {
            out.push(Mention {
                toks: start..end,
                span: w.toks[start].start..w.toks[end - 1].end,
                titled,
                attributed,
                verbs,
            });
        }
        i = end;
        // "Senators A B, C D and E F": the list shares the title.
        if let Some((_, true)) = title {
            loop {
                let mut k = i;
                if w.is(k, ",") {
                    k += 1;
                }
                if w.is(k, &w.lex.numbers.conjunction) {
                    k += 1;
                }
                if k == i || !is_capitalized(text, w, k) {
                    break;
                }
                let Some(e) = name_at(text, w, k) else { break };
                out.push(Mention {
                    toks: k..e,
                    span: w.toks[k].start..w.toks[e - 1].end,
                    titled: true,
                    attributed: false,
                    verbs: Vec::new(),
                });
                i = e;
            }
        }
    }
    out
}

/// A word taken for a verb in the past by its ending ("imposed", "unveiled").
fn verb_like(w: &Words, k: usize) -> bool {
    let x = &w.norm[k];
    x.len() >= Policy::DEFAULT.verb_min_len && x.ends_with(w.lex.binding.verb_suffix.as_str())
}

/// The verb after a name ending at token `from`: the first word past auxiliaries ("has"),
/// adverbs ("formally", "-ly") and a time phrase ("on Monday", "on May 2, 2024", "last
/// week"), within [`Policy::verb_lookahead`] words; `None` at punctuation or the end.
pub fn verb_after(w: &Words, from: usize) -> Option<usize> {
    let cl = &w.lex.clauses;
    let limit = (from + Policy::DEFAULT.verb_lookahead).min(w.toks.len());
    let mut k = from;
    while k < limit {
        if w.toks[k].kind != TokKind::Word {
            return None;
        }
        let x = w.norm[k].as_str();
        if cl.auxiliaries.contains(x) || (x.len() > 4 && x.ends_with("ly")) {
            k += 1;
            continue;
        }
        if cl.time_openers.contains(x) {
            // A time phrase: weekdays, months, numbers and the commas between them.
            let dated = |j: usize| {
                cl.time_words.contains(&w.norm[j])
                    || w.lex.dates.months.get(&w.norm[j]).is_some()
                    || w.toks[j].kind == TokKind::Number
            };
            let mut j = k + 1;
            while j < limit
                && (dated(j)
                    || (w.is(j, ",") && j + 1 < limit && dated(j + 1))
                    || (w.is(j, ".") && j > k + 1))
            {
                j += 1;
            }
            if j > k + 1 {
                k = j;
                continue;
            }
        }
        return Some(k);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Lexicon, LexiconExtension};
    use crate::text::tokenize;

    /// English plus the institution words of a subject the tests speak of.
    fn lex() -> Lexicon {
        Lexicon::extended(&LexiconExtension {
            non_names: ["homeland", "security", "operation"]
                .map(String::from)
                .to_vec(),
            ..LexiconExtension::default()
        })
    }

    fn names(s: &str) -> Vec<(String, bool, bool)> {
        let lex = lex();
        let w = Words::new(s, tokenize(s, 0..s.len()), &lex);
        mentions(s, &w)
            .into_iter()
            .map(|m| (s[m.span].to_string(), m.titled, m.attributed))
            .collect()
    }

    #[test]
    fn titled_names() {
        assert_eq!(
            names("The policy was released by Secretary of State Marco Rubio."),
            [("Marco Rubio".to_string(), true, true)]
        );
        assert_eq!(
            names("Dr. Rahul Gupta spoke"),
            [("Rahul Gupta".to_string(), true, false)]
        );
    }

    #[test]
    fn lists_after_plural_titles() {
        let got: Vec<String> =
            names("Senators Chuck Schumer, Bill Cassidy, and Maggie Hassan went")
                .into_iter()
                .map(|m| m.0)
                .collect();
        assert_eq!(got, ["Chuck Schumer", "Bill Cassidy", "Maggie Hassan"]);
    }

    #[test]
    fn titles_are_not_part_of_names() {
        assert_eq!(
            names("Attorney General Merrick Garland testified"),
            [("Merrick Garland".to_string(), true, true)]
        );
        assert_eq!(
            names("DHS Secretary Alejandro Mayorkas spoke"),
            [("Alejandro Mayorkas".to_string(), true, false)]
        );
    }

    #[test]
    fn titled_names_act_past_auxiliaries_adverbs_and_time_phrases() {
        for s in [
            "Secretary Jane Roe has announced a plan",
            "Secretary Jane Roe formally unveiled a plan",
            "Secretary Jane Roe on Monday imposed a plan",
            "Secretary Jane Roe on May 2, 2024 signed a plan",
        ] {
            assert_eq!(names(s), [("Jane Roe".to_string(), true, true)], "{s}");
        }
        // A title alone does not make a subject without a verb the actor.
        assert_eq!(
            names("a talk with Secretary Jane Roe, a guest"),
            [("Jane Roe".to_string(), true, false)]
        );
    }

    #[test]
    fn titled_names_act_with_a_participle() {
        for s in [
            "The court ruled, with Judge Jane Roe writing for the panel.",
            "Judge Jane Roe, writing for the panel, said the ruling stands.",
            "Director Jane Roe, joined by the board, announced a plan.",
        ] {
            assert_eq!(names(s), [("Jane Roe".to_string(), true, true)], "{s}");
        }
        for s in [
            // A companion stays a companion past a comma.
            "The mayor, with Director Jane Roe, opened the hall.",
            "The mayor met Director Jane Roe, visiting the hall.",
            // A preposition in -ing is no participle.
            "a visit of Director Jane Roe during the storm",
            // An untitled name is not read with a participle.
            "a visit, with Jane Roe writing the report",
        ] {
            assert!(
                names(s).iter().all(|(_, _, attributed)| !attributed),
                "{s}: {:?}",
                names(s)
            );
        }
    }

    #[test]
    fn speakers_and_non_people() {
        assert_eq!(
            names("Alejandro Mayorkas called fentanyl a challenge"),
            [("Alejandro Mayorkas".to_string(), false, true)]
        );
        assert!(names("Operation Blue Lotus began").is_empty());
        assert!(names("The Department of Homeland Security said").is_empty());
    }
}
