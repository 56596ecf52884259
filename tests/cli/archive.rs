//! A generated archive: documents with known agreeing, conflicting and uncovered sentences,
//! written as JSON Lines records and as a web archive (WARC, plain or gzip per record).

use std::fmt::Write as _;
use std::io::Write as _;

use super::util::{AGREEING, CONFLICTING, UNRELATED};

/// One generated document.
pub struct Doc {
    pub id: String,
    pub url: String,
    pub date: String,
    /// HTML.
    pub html: String,
}

/// Sentences stating a figure no built-in claim covers (`{n}` varies per document).
const UNCOVERED: &[&str] = &[
    "Police seized {n} fentanyl pills during the raid.",
    "The county recorded {n} opioid overdoses last year.",
    "Chinese customs inspected {n} chemical shipments in 2024.",
];

/// `n` documents: every third agrees, every fifth conflicts, every second states an
/// uncovered figure, all have filler; dates spread over 2024.
pub fn documents(n: usize) -> Vec<Doc> {
    (0..n)
        .map(|i| {
            let mut body = format!("<h1>Story {i}</h1>\n<p>{UNRELATED}</p>\n");
            if i % 3 == 0 {
                let _ = writeln!(body, "<p>{AGREEING}</p>");
            }
            if i % 5 == 0 {
                let _ = writeln!(body, "<p>{}</p>", CONFLICTING.replace('&', "&amp;"));
            }
            if i % 2 == 0 {
                let s = UNCOVERED[i % UNCOVERED.len()].replace("{n}", &(100 + i % 7).to_string());
                let _ = writeln!(body, "<p>{s}</p>");
            }
            Doc {
                id: format!("doc-{i:04}"),
                url: format!("https://news.example/{i:04}"),
                date: format!("2024-{:02}-{:02}T08:00:00Z", i % 12 + 1, i % 28 + 1),
                html: format!("<!doctype html><html><body>{body}</body></html>"),
            }
        })
        .collect()
}

/// The documents as JSON Lines records.
pub fn to_jsonl(docs: &[Doc]) -> String {
    let mut s = String::new();
    for d in docs {
        let rec = serde_json::json!({
            "id": d.id, "url": d.url, "date": d.date, "format": "html", "text": d.html,
        });
        let _ = writeln!(s, "{rec}");
    }
    s
}

fn warc_record(kind: &str, id: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: {date}\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// The documents as a web archive: for each, a request and an HTML response; plus an image
/// response (skipped); each record gzip-compressed on its own when `gzip`.
pub fn to_warc(docs: &[Doc], gzip: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut push = |rec: Vec<u8>| {
        if gzip {
            let mut e = libflate::gzip::Encoder::new(Vec::new()).expect("gzip");
            e.write_all(&rec).expect("gzip");
            out.extend(e.finish().into_result().expect("gzip"));
        } else {
            out.extend(rec);
        }
    };
    for (i, d) in docs.iter().enumerate() {
        let req = format!("GET /{i:04} HTTP/1.1\r\nHost: news.example\r\n\r\n");
        push(warc_record(
            "request",
            &format!("q{i}"),
            &d.url,
            &d.date,
            req.as_bytes(),
        ));
        let resp = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{}",
            d.html.len(),
            d.html
        );
        push(warc_record(
            "response",
            &d.id,
            &d.url,
            &d.date,
            resp.as_bytes(),
        ));
    }
    let img = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
    push(warc_record(
        "response",
        "img",
        "https://news.example/a.png",
        "2024-01-01T00:00:00Z",
        img,
    ));
    out
}
