//! Documents that are not files: JSON Lines records (`check --records`) and the response
//! records of web archives ([`warc`]).
//!
//! A record is one JSON object per line:
//! `{"id": "...", "text": "...", "format": "markdown|html|text", "url": "...", "date": "..."}`
//! (`format`, `url` and `date` optional; other keys are ignored, so records straight out of a
//! pipeline need no trimming). Each source yields [`Item`]s one at a time, so memory stays
//! flat however many records a file holds.

pub mod output;
pub mod sarif;
pub mod warc;

use std::io::{self, BufRead};

use serde::Deserialize;

use crate::markup::Format;

/// A record longer than this is reported and skipped: one document of more than 64 MiB is
/// a broken export, not prose, and reading it whole would break the flat-memory promise.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// One document to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The record's `id` (for a web archive, its `WARC-Record-ID`).
    pub id: String,
    /// Where the document was published (`url`, or the archive's `WARC-Target-URI`).
    pub url: Option<String>,
    /// When it was published or captured (`date`, or the archive's `WARC-Date`).
    pub date: Option<String>,
    pub format: Format,
    pub text: String,
}

/// Where an item came from, for messages: the file, the line and the record's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The input's name (`-` for standard input).
    pub source: String,
    /// The record's 1-based number within its input.
    pub record: usize,
    /// The 1-based line it starts on (JSON Lines), or 0 when lines mean nothing (WARC).
    pub line: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: record {}", self.source, self.line, self.record)
        } else {
            write!(f, "{}: record {}", self.source, self.record)
        }
    }
}

/// What a source yields, one at a time.
#[derive(Debug)]
pub enum Item {
    /// A document to check.
    Doc(Place, Document),
    /// A record that cannot be checked (malformed, truncated, too long): reported, skipped.
    Bad(Place, String),
    /// A record that is not a document (a WARC request, metadata, a non-HTML response):
    /// skipped silently and counted.
    Skipped,
    /// The input cannot be read any further.
    Failed(String),
}

/// A record on the wire.
#[derive(Debug, Deserialize)]
struct Wire {
    id: Id,
    text: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// Record ids come as strings or as numbers.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// Parses one JSON Lines record; the error says what is wrong, for a person to fix.
pub fn parse_record(line: &str) -> Result<Document, String> {
    let wire: Wire = serde_json::from_str(line).map_err(|e| {
        let what = e.to_string();
        // serde_json's position is within the line; the caller names the line.
        match what.rfind(" at line ") {
            Some(i) => format!("{} (column {})", &what[..i], e.column()),
            None => what,
        }
    })?;
    let format = match wire.format.as_deref() {
        None => Format::Text,
        Some(f) => parse_format(f)
            .ok_or_else(|| format!("unknown format \"{f}\"; use markdown, html or text"))?,
    };
    let id = match wire.id {
        Id::Text(s) => s,
        Id::Number(n) => n.to_string(),
    };
    if id.is_empty() {
        return Err("the record's id is empty".into());
    }
    Ok(Document {
        id,
        url: wire.url.filter(|u| !u.is_empty()),
        date: wire.date.filter(|d| !d.is_empty()),
        format,
        text: wire.text,
    })
}

fn parse_format(f: &str) -> Option<Format> {
    match f.to_ascii_lowercase().as_str() {
        "markdown" | "md" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        "text" | "txt" | "plain" => Some(Format::Text),
        _ => None,
    }
}

/// JSON Lines records read one line at a time.
pub struct JsonLines<R> {
    reader: R,
    source: String,
    line: usize,
    record: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonLines<R> {
    /// Reads records from `reader`, naming it `source` in messages.
    pub fn new(reader: R, source: &str) -> Self {
        JsonLines {
            reader,
            source: source.to_string(),
            line: 0,
            record: 0,
            buf: Vec::new(),
        }
    }

    /// The next item, or `None` at the end of the input. Blank lines are not records.
    pub fn next_item(&mut self) -> Option<Item> {
        loop {
            self.buf.clear();
            let too_long = match read_line(&mut self.reader, &mut self.buf, MAX_RECORD_BYTES) {
                Ok(None) => return None,
                Ok(Some(too_long)) => too_long,
                Err(e) => {
                    return Some(Item::Failed(format!("{}: cannot read: {e}", self.source)));
                }
            };
            self.line += 1;
            if !too_long && self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.record += 1;
            let place = Place {
                source: self.source.clone(),
                record: self.record,
                line: self.line,
            };
            if too_long {
                let mib = MAX_RECORD_BYTES >> 20;
                return Some(Item::Bad(
                    place,
                    format!("longer than {mib} MiB; split the document"),
                ));
            }
            let text = match std::str::from_utf8(&self.buf) {
                Ok(t) => t,
                Err(e) => {
                    let msg = format!("not valid UTF-8 (byte {})", e.valid_up_to() + 1);
                    return Some(Item::Bad(place, msg));
                }
            };
            return Some(match parse_record(text) {
                Ok(doc) => Item::Doc(place, doc),
                Err(msg) => Item::Bad(place, msg),
            });
        }
    }
}

/// Reads one line (without its end) into `buf`, keeping at most `limit` bytes and skipping
/// the rest of a longer line. `None` at the end of the input; `Some(true)` for a line that
/// was too long.
fn read_line(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<bool>> {
    let mut read_any = false;
    let mut too_long = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(read_any.then_some(too_long));
        }
        read_any = true;
        let (part, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if !too_long {
            if buf.len() + part.len() > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        if done.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(too_long));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &str) -> Vec<Item> {
        let mut r = JsonLines::new(input.as_bytes(), "in.jsonl");
        std::iter::from_fn(|| r.next_item()).collect()
    }

    #[test]
    fn records_parse_with_optional_fields() {
        let d = parse_record(r#"{"id":"a","text":"T","format":"html","url":"u","x":1}"#);
        let d = d.unwrap();
        assert_eq!((d.id.as_str(), d.format), ("a", Format::Html));
        assert_eq!(d.url.as_deref(), Some("u"));
        assert_eq!(parse_record(r#"{"id":7,"text":""}"#).unwrap().id, "7");
    }

    #[test]
    fn malformed_records_say_what_is_wrong() {
        let e = parse_record(r#"{"text":"T"}"#).unwrap_err();
        assert!(e.contains("missing field `id`"), "{e}");
        let e = parse_record(r#"{"id":"a","text":"T","format":"pdf"}"#).unwrap_err();
        assert!(e.contains("unknown format \"pdf\""), "{e}");
        let e = parse_record("{not json").unwrap_err();
        assert!(e.contains("column"), "{e}");
    }

    #[test]
    fn lines_are_numbered_and_blank_lines_skipped() {
        let got = items("{\"id\":\"a\",\"text\":\"x\"}\r\n\n{bad\n{\"id\":\"b\",\"text\":\"y\"}");
        assert_eq!(got.len(), 3);
        assert!(matches!(&got[0], Item::Doc(p, d) if p.line == 1 && d.id == "a"));
        assert!(matches!(&got[1], Item::Bad(p, _) if p.line == 3 && p.record == 2));
        assert!(matches!(&got[2], Item::Doc(p, d) if p.line == 4 && d.id == "b"));
    }

    #[test]
    fn overlong_lines_are_skipped_whole() {
        let mut buf = Vec::new();
        let mut r = io::BufReader::with_capacity(4, "abcdefgh\nxy\n".as_bytes());
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Some(true));
        buf.clear();
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Some(false));
        assert_eq!(buf, b"xy");
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), None);
    }
}
