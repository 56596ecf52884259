//! The wire: JSON-RPC messages framed by `Content-Length` headers, read from one stream and
//! written to another.
//!
//! `lsp-server` gives the message types; the framing is read here so that a malformed message
//! costs that message only: its body is skipped, the client gets the JSON-RPC error (Parse
//! error, Invalid Request) and the server goes on, where `lsp-server`'s own reader ends.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

/// The largest message body accepted. A 1 MB document is a few MB of JSON once escaped; a
/// body beyond this is skipped unread and answered with an error.
pub const MAX_MESSAGE_BYTES: usize = 256 << 20;

/// What the reader hands over.
#[derive(Debug)]
pub enum Incoming {
    /// A well-formed request, notification or response.
    Message(Message),
    /// A message that could not be used; the client is told (when it can be) and the server
    /// goes on.
    Malformed(Malformed),
    /// The input ended (the client closed it or went away), or could not be read.
    Closed(Option<io::Error>),
}

/// Why a message could not be used, and how to answer it.
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    /// JSON-RPC error code: Parse error (-32700) or Invalid Request (-32600).
    pub code: i32,
    /// The request's id when one could be read (`null` otherwise, as JSON-RPC says).
    pub id: Value,
    pub message: String,
}

impl Malformed {
    fn parse(message: String) -> Malformed {
        Malformed {
            code: ErrorCode::ParseError as i32,
            id: Value::Null,
            message,
        }
    }

    /// The error response to send.
    pub fn response(&self) -> Value {
        json!({
            "jsonrpc": "2.0",
            "id": self.id,
            "error": { "code": self.code, "message": self.message },
        })
    }
}

/// Reads messages until the input ends, handing each to `deliver`; stops early when
/// `deliver` returns false (the server has gone).
pub fn read_loop(mut input: impl BufRead, mut deliver: impl FnMut(Incoming) -> bool) {
    loop {
        let item = match read_one(&mut input) {
            Ok(Some(item)) => item,
            Ok(None) => Incoming::Closed(None),
            Err(e) => Incoming::Closed(Some(e)),
        };
        let closed = matches!(item, Incoming::Closed(_));
        if !deliver(item) || closed {
            return;
        }
    }
}

/// Reads one framed message; `None` at the end of the input.
fn read_one(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = String::new();
    let mut any_header = false;
    loop {
        line.clear();
        if read_header_line(input, &mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if any_header {
                break;
            }
            // Blank lines between messages are tolerated.
            continue;
        }
        any_header = true;
        let Some((name, value)) = header.split_once(':') else {
            return Ok(Some(Incoming::Malformed(Malformed::parse(format!(
                "malformed header {header:?}: expected `Name: value`"
            )))));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse::<usize>().map_err(|_| value.to_string()));
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(v)) => {
            return Ok(Some(Incoming::Malformed(Malformed::parse(format!(
                "Content-Length {:?} is not a number of bytes",
                v.trim()
            )))));
        }
        None => {
            return Ok(Some(Incoming::Malformed(Malformed::parse(
                "a message without a Content-Length header".to_string(),
            ))));
        }
    };
    if length > MAX_MESSAGE_BYTES {
        let skipped = io::copy(&mut input.take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(None);
        }
        return Ok(Some(Incoming::Malformed(Malformed::parse(format!(
            "a message of {length} bytes is larger than the {} MiB accepted",
            MAX_MESSAGE_BYTES >> 20
        )))));
    }
    let mut body = vec![0u8; length];
    match input.read_exact(&mut body) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    Ok(Some(parse_body(&body)))
}

/// Reads a header line, refusing lines of unbounded length (a stream that is not LSP at all).
fn read_header_line(input: &mut impl BufRead, line: &mut String) -> io::Result<usize> {
    /// Header lines are short; this is far more than any real one.
    const MAX_HEADER_LINE: u64 = 8 << 10;
    let mut raw = Vec::new();
    let n = input
        .by_ref()
        .take(MAX_HEADER_LINE)
        .read_until(b'\n', &mut raw)?;
    line.push_str(&String::from_utf8_lossy(&raw));
    Ok(n)
}

/// A message body: a JSON-RPC message, or why it is not one.
fn parse_body(body: &[u8]) -> Incoming {
    match serde_json::from_slice::<Message>(body) {
        Ok(m) => Incoming::Message(m),
        Err(e) => match serde_json::from_slice::<Value>(body) {
            Err(_) => Incoming::Malformed(Malformed::parse(format!("not JSON: {e}"))),
            Ok(v) => Incoming::Malformed(Malformed {
                code: ErrorCode::InvalidRequest as i32,
                id: v.get("id").cloned().unwrap_or(Value::Null),
                message: format!("not a JSON-RPC request, response or notification: {e}"),
            }),
        },
    }
}

/// Writes framed messages.
pub struct Output<W: Write> {
    out: W,
}

impl<W: Write> Output<W> {
    pub fn new(out: W) -> Output<W> {
        Output { out }
    }

    /// Writes one message and flushes it.
    pub fn send(&mut self, m: Message) -> io::Result<()> {
        m.write(&mut self.out)
    }

    /// Writes a raw JSON-RPC value (the error answer to a malformed message).
    pub fn send_raw(&mut self, v: &Value) -> io::Result<()> {
        let text = v.to_string();
        write!(self.out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn read_all(input: &str) -> Vec<Incoming> {
        let mut out = Vec::new();
        read_loop(io::Cursor::new(input.as_bytes().to_vec()), |m| {
            out.push(m);
            true
        });
        out
    }

    #[test]
    fn a_malformed_message_costs_only_itself() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#),
            "Content-Type: x\r\n\r\n".to_string(),
            "Content-Length: ten\r\n\r\n".to_string(),
            frame(good),
        ]
        .concat();
        let got = read_all(&input);
        assert_eq!(got.len(), 6, "{got:?}");
        let Incoming::Malformed(m) = &got[0] else {
            panic!("{got:?}")
        };
        assert_eq!((m.code, &m.id), (-32700, &Value::Null));
        let Incoming::Malformed(m) = &got[1] else {
            panic!("{got:?}")
        };
        assert_eq!((m.code, &m.id), (-32600, &json!(7)));
        assert!(matches!(&got[2], Incoming::Malformed(m) if m.message.contains("Content-Length")));
        assert!(matches!(&got[3], Incoming::Malformed(m) if m.message.contains("\"ten\"")));
        assert!(
            matches!(&got[4], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
        assert!(matches!(&got[5], Incoming::Closed(None)));
    }

    #[test]
    fn a_body_cut_short_is_the_end_of_input() {
        let got = read_all("Content-Length: 100\r\n\r\n{\"jsonrpc\"");
        assert!(
            matches!(got.as_slice(), [Incoming::Closed(None)]),
            "{got:?}"
        );
    }

    #[test]
    fn error_answers_are_framed_json_rpc() {
        let mut buf = Vec::new();
        Output::new(&mut buf)
            .send_raw(&Malformed::parse("x".into()).response())
            .unwrap();
        let text = String::from_utf8(buf).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(head, format!("Content-Length: {}", body.len()));
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["error"]["code"], -32700);
        assert_eq!(v["id"], Value::Null);
    }
}
