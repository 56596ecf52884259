//! Web archives (WARC, ISO 28500, as written by Common Crawl and the Internet Archive), plain
//! or gzip-compressed, read with the `warc` crate one record at a time.
//!
//! Each `response` record whose HTTP payload is HTML (status 2xx, `Content-Type` naming
//! html) becomes a [`Document`] named by its `WARC-Record-ID`, with the `WARC-Target-URI` as
//! its url and the `WARC-Date` as its date. Every other record (requests, metadata, redirects,
//! images, PDFs) is skipped and counted. A record with bad headers is reported and skipped; a
//! truncated or unreadable file is reported, and reading it stops there (the framing of what
//! follows cannot be trusted).

use std::io::{self, BufRead, Read};

use ::warc::{RawRecordHeader, WarcHeader, WarcReader};

use super::{Document, Item, MAX_RECORD_BYTES, Place};
use crate::markup::Format;

/// Whether a path names a web archive (`.warc`, `.warc.gz`, any case).
pub fn is_warc_path(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".warc") || p.ends_with(".warc.gz")
}

type RawIter<R> = ::warc::RawRecordIter<R>;

/// The records of one web archive.
pub struct WarcRecords<R: BufRead> {
    records: RawIter<R>,
    source: String,
    record: usize,
    /// Set after an error that loses the framing: nothing more is read.
    done: bool,
}

/// A web archive being read from any reader; gzip is detected by its magic bytes, so a
/// `.warc.gz` piped on standard input works too.
pub fn open(
    mut reader: Box<dyn BufRead + Send>,
    source: &str,
) -> io::Result<WarcRecords<Box<dyn BufRead + Send>>> {
    let gzip = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let mut reader: Box<dyn BufRead + Send> = if gzip {
        // Archives are written as one gzip member per record; read them all.
        let decoder = libflate::gzip::MultiDecoder::new(reader)?;
        Box::new(io::BufReader::with_capacity(1 << 20, decoder))
    } else {
        reader
    };
    // Anything else would be read as one long, silently empty record.
    let head = reader.fill_buf()?;
    if !head.is_empty() && !head.starts_with(b"WARC/") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a web archive: it does not start with \"WARC/\"",
        ));
    }
    Ok(WarcRecords {
        records: WarcReader::new(reader).iter_raw_records(),
        source: source.to_string(),
        record: 0,
        done: false,
    })
}

impl<R: BufRead> WarcRecords<R> {
    /// The next item, or `None` at the end of the archive.
    pub fn next_item(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        let next = self.records.next()?;
        self.record += 1;
        let place = Place {
            source: self.source.clone(),
            record: self.record,
            line: 0,
        };
        match next {
            Ok((header, body)) => Some(self.document(place, header, body)),
            Err(e) => {
                self.done = true;
                let what = match e {
                    ::warc::Error::UnexpectedEOB => {
                        "truncated: the archive ends inside this record".to_string()
                    }
                    ::warc::Error::ReadData(io) => format!("cannot read: {io}"),
                    ::warc::Error::ParseHeaders(_) => "not a WARC record (bad headers)".to_string(),
                    other => other.to_string(),
                };
                Some(Item::Bad(
                    place,
                    format!("{what}; nothing after it can be read"),
                ))
            }
        }
    }

    fn document(&self, place: Place, header: RawRecordHeader, body: Vec<u8>) -> Item {
        let get = |h: WarcHeader| {
            header
                .headers
                .get(&h)
                .map(|v| String::from_utf8_lossy(v).trim().to_string())
        };
        let Some(kind) = get(WarcHeader::WarcType) else {
            return Item::Bad(place, "no WARC-Type header".into());
        };
        if !kind.eq_ignore_ascii_case("response") {
            return Item::Skipped;
        }
        let Some(url) = get(WarcHeader::TargetURI) else {
            return Item::Bad(place, "a response without WARC-Target-URI".into());
        };
        let id = get(WarcHeader::RecordID).unwrap_or_else(|| url.clone());
        let date = get(WarcHeader::Date);
        match html_payload(&body) {
            Ok(Some(html)) => Item::Doc(
                place,
                Document {
                    id,
                    url: Some(url),
                    date,
                    format: Format::Html,
                    text: crate::input::decode(html).text,
                },
            ),
            Ok(None) => Item::Skipped,
            Err(msg) => Item::Bad(place, format!("{url}: {msg}")),
        }
    }
}

/// The HTML of an HTTP response (`None` when it is not a 2xx HTML response).
fn html_payload(http: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let Some(end) = memchr::memmem::find(http, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(http, b"\n\n").map(|i| (i, i + 2)))
    else {
        return Err("the HTTP response has no end of headers".into());
    };
    let head = String::from_utf8_lossy(&http[..end.0]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code = status.split_whitespace().nth(1).unwrap_or("");
    if !status.starts_with("HTTP/") || code.len() != 3 {
        return Err(format!("not an HTTP response (\"{}\")", status.trim()));
    }
    if !code.starts_with('2') {
        return Ok(None);
    }
    let header = |name: &str| {
        head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_ascii_lowercase())
        })
    };
    if !header("content-type").is_some_and(|t| t.contains("html")) {
        return Ok(None);
    }
    let mut payload = http[end.1..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        payload = dechunk(&payload).ok_or("bad chunked transfer encoding")?;
    }
    match header("content-encoding").as_deref() {
        None | Some("identity") => {}
        Some("gzip" | "x-gzip") => {
            let mut out = Vec::new();
            libflate::gzip::Decoder::new(payload.as_slice())
                .and_then(|d| d.take(MAX_RECORD_BYTES as u64).read_to_end(&mut out))
                .map_err(|e| format!("cannot decompress the gzip payload: {e}"))?;
            payload = out;
        }
        // Brotli, deflate and others: rare in archives, which store what they decoded.
        Some(_) => return Ok(None),
    }
    Ok(Some(payload))
}

/// Decodes an HTTP/1.1 chunked body; `None` when it is malformed.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = memchr::memmem::find(body, b"\r\n")?;
        let size = std::str::from_utf8(&body[..eol]).ok()?;
        let size = size.split(';').next()?.trim();
        let n = usize::from_str_radix(size, 16).ok()?;
        body = &body[eol + 2..];
        if n == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..n)?);
        body = body.get(n..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\n\
             WARC-Target-URI: https://example.org/{uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
             Content-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    fn items(archive: String) -> Vec<Item> {
        let reader: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(archive.into_bytes()));
        let mut r = open(reader, "a.warc").unwrap();
        std::iter::from_fn(|| r.next_item()).collect()
    }

    const PAGE: &str =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hi.</p>";

    #[test]
    fn html_responses_become_documents() {
        let got = items(
            record("request", "a", "GET / HTTP/1.1\r\n\r\n") + &record("response", "b", PAGE),
        );
        assert!(matches!(got[0], Item::Skipped));
        let Item::Doc(place, doc) = &got[1] else {
            panic!("{got:?}")
        };
        assert_eq!(place.record, 2);
        assert_eq!(doc.url.as_deref(), Some("https://example.org/b"));
        assert_eq!(doc.date.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(doc.text, "<p>Hi.</p>");
    }

    #[test]
    fn other_payloads_are_skipped() {
        let png = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG";
        let moved = "HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<p>x</p>";
        let got = items(record("response", "a", png) + &record("response", "b", moved));
        assert!(got.iter().all(|i| matches!(i, Item::Skipped)), "{got:?}");
    }

    #[test]
    fn truncated_archives_are_reported() {
        let mut a = record("response", "a", PAGE);
        a.truncate(a.len() - 12);
        let got = items(a);
        assert!(
            matches!(&got[0], Item::Bad(_, m) if m.contains("truncated")),
            "{got:?}"
        );
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn other_files_are_refused() {
        let reader: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(b"<html>".to_vec()));
        let e = open(reader, "x.warc").err().unwrap();
        assert!(e.to_string().contains("not a web archive"), "{e}");
        let empty: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(Vec::new()));
        let mut r = open(empty, "x.warc").unwrap();
        assert!(r.next_item().is_none());
    }

    #[test]
    fn chunked_payloads_are_decoded() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
    }
}
