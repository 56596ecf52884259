//! `db new`: scaffolds a draft claim from a sourced sentence ([`crate::scaffold`]) and prints
//! it, or appends it to a database file.
#![allow(clippy::print_stderr)] // the CLI edge is where errors are written

use std::io::{self, Write};
use std::path::Path;

use crate::cli::NewArgs;
use crate::db::Database;
use crate::input::{ReadError, read_limited};
use crate::scaffold::{self, Request};

/// Largest text `db new -` reads: a sentence or a paragraph, not a document.
const MAX_SENTENCE_INPUT: usize = 1 << 20;

/// Whether `url` is an http(s) address with a host and nothing a URL cannot hold.
fn valid_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || ".-:[]_".contains(c))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Today's date (UTC) as `YYYY-MM-DD`: the scaffold's source date until the curator writes
/// the publication date.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Reads the sentence argument (`-` or none: standard input).
fn read_sentence(arg: Option<&str>) -> Result<String, String> {
    match arg {
        Some(s) if s != "-" => Ok(s.to_string()),
        _ => match read_limited(Path::new("-"), MAX_SENTENCE_INPUT) {
            Ok(buf) => Ok(crate::input::decode(buf).text),
            Err(ReadError::TooLarge(_)) => Err(format!(
                "standard input: more than {} KiB; give the one sentence your source publishes",
                MAX_SENTENCE_INPUT >> 10
            )),
            Err(e) => Err(format!("standard input: cannot read: {e}")),
        },
    }
}

/// `claimcheck db new`.
pub fn db_new(a: &NewArgs) -> io::Result<u8> {
    if !valid_url(&a.source) {
        say!(
            "claimcheck: --source \"{}\" is not an http or https URL; give the address of the page that publishes the sentence",
            crate::report::escape_controls(&a.source)
        );
        return Ok(2);
    }
    if let Some(id) = a.id.as_deref().filter(|id| !scaffold::valid_id(id)) {
        say!(
            "claimcheck: --id `{}` must be lowercase letters, digits and '-' (like `river-length-2020`)",
            crate::report::escape_controls(id)
        );
        return Ok(2);
    }
    let text = match read_sentence(a.sentence.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            say!("claimcheck: {e}");
            return Ok(2);
        }
    };
    // The databases the claim joins: --db files and the file it is appended to.
    let mut context = match super::super::read_sources(&a.dbs) {
        Ok(s) if !a.dbs.is_empty() => s,
        Ok(_) => Vec::new(),
        Err(e) => {
            say!("{e}");
            return Ok(2);
        }
    };
    if let Some(path) = a.append.as_deref().filter(|p| Path::new(p).exists()) {
        match super::super::read_sources(&[path.to_string()]) {
            Ok(s) => context.extend(s.into_iter().filter(|(p, _)| !a.dbs.contains(p))),
            Err(e) => {
                say!("{e}");
                return Ok(2);
            }
        }
    }
    let known = if context.is_empty() {
        Database::embedded().map_err(|e| e.to_string())
    } else {
        Database::from_sources(&context).map_err(|e| e.to_string())
    };
    let known = match known {
        Ok(db) => db,
        Err(e) => {
            say!("{e}");
            say!(
                "claimcheck: the database has errors; fix them (`claimcheck db lint`) before adding a claim"
            );
            return Ok(2);
        }
    };
    if let Some(c) = a.id.as_deref().and_then(|id| known.claim(id)) {
        say!(
            "claimcheck: claim id `{}` is already in {}:{}; choose another with --id",
            c.id,
            c.origin,
            c.line
        );
        return Ok(2);
    }
    let taken: Vec<String> = known.claims.iter().map(|c| c.id.clone()).collect();
    let today = today();
    let req = Request {
        text: &text,
        url: &a.source,
        id: a.id.as_deref(),
        today: &today,
        context: &context,
        taken: &taken,
    };
    let s = match scaffold::scaffold(&req) {
        Ok(s) => s,
        Err(e) => {
            say!("claimcheck: {e}");
            return Ok(2);
        }
    };
    let (k, n) = s.sentence_index;
    if n > 1 {
        say!("claimcheck: used sentence {k} of {n}: {}", s.sentence);
    }
    match a.append.as_deref() {
        None => {
            let mut out = io::stdout().lock();
            out.write_all(s.toml.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            if let Err(e) = append(path, &s.toml) {
                say!("claimcheck: {path}: cannot write: {e}");
                return Ok(2);
            }
            say!(
                "claimcheck: added draft claim `{}` to {path} ({} facts); check it against the source, then delete `draft = true`",
                s.id,
                s.facts.len()
            );
        }
    }
    Ok(0)
}

/// Appends a claim to a database file (created if missing), a blank line before it.
fn append(path: &str, toml: &str) -> io::Result<()> {
    let existing = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let sep = if existing.is_empty() || existing.ends_with(b"\n\n") {
        ""
    } else if existing.ends_with(b"\n") {
        "\n"
    } else {
        "\n\n"
    };
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(sep.as_bytes())?;
    f.write_all(toml.as_bytes())?;
    f.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_http_with_a_host() {
        assert!(valid_url("https://www.bls.gov/news.release/cpi.htm"));
        assert!(valid_url("http://example.org"));
        for bad in [
            "ftp://x.org",
            "https://",
            "www.bls.gov",
            "https://a b.org",
            "https:///x",
        ] {
            assert!(!valid_url(bad), "{bad}");
        }
    }

    #[test]
    fn today_is_a_date() {
        let t = today();
        assert!(crate::extract::When::parse(&t).is_some(), "{t}");
    }
}
