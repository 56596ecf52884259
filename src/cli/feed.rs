//! Reading the inputs of `check` into tasks: plain text in chunks cut at paragraph breaks
//! (so memory stays flat), Markdown and HTML whole (up to a bound), UTF-16 decoded as it is
//! read, binary files recognised and skipped.

use std::ffi::OsStr;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diff::DiffScope;
use crate::input::{self, Encoding, Origin, Utf16Decoder, describe_io, describe_size};
use crate::markup::Format;
use crate::report::InputError;

/// Plain text is read in chunks of about this size, cut at paragraph breaks, so memory stays
/// flat however large the file.
pub const CHUNK_BYTES: usize = 4 << 20;

/// Markdown and HTML are parsed whole; larger ones are refused (the parse keeps about 13
/// bytes per byte of source: 64 MiB is under a gigabyte).
pub const MAX_MARKUP_BYTES: usize = 64 << 20;

/// How many leading bytes are looked at for a NUL, the sign of a binary file (as ripgrep).
const BINARY_PROBE: usize = 8 << 10;

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, reported under this name.
    Stdin(String),
    /// A file: the path to open (any bytes), and the name it is reported under (the path,
    /// lossily converted to UTF-8 where it is not).
    File { path: PathBuf, name: String },
}

impl Input {
    /// A file input, named by its path.
    pub fn file(path: impl Into<PathBuf>) -> Input {
        let path = path.into();
        let name = path.to_string_lossy().into_owned();
        Input::File { path, name }
    }

    /// The name findings are reported under.
    pub fn name(&self) -> &str {
        match self {
            Input::Stdin(n) | Input::File { name: n, .. } => n,
        }
    }

    /// The path on disk, if a file (for comparing with other paths).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin(_) => None,
            Input::File { path, .. } => Some(path),
        }
    }

    /// The path diffs and baselines know this input by: the file's path, or standard input's
    /// `--stdin-filename`.
    pub fn key_path(&self) -> &Path {
        match self {
            Input::Stdin(n) => Path::new(OsStr::new(n)),
            Input::File { path, .. } => path,
        }
    }
}

/// A piece of work: one chunk of one input (a whole file for Markdown and HTML).
pub struct Task<'a> {
    pub input: usize,
    /// The chunk's number within its input.
    pub seq: usize,
    /// This is the input's last chunk.
    pub last: bool,
    pub text: String,
    /// The file bytes of a text that was not valid UTF-8 (for byte offsets into the file).
    pub raw: Option<Vec<u8>>,
    /// How the file was encoded (UTF-16 offsets count two bytes a unit).
    pub encoding: Encoding,
    pub origin: Origin,
    pub format: Format,
    pub scope: Arc<DiffScope<'a>>,
    /// Set while reading: the input could not be read, or is binary.
    pub outcome: ReadOutcome,
}

/// What reading found, before any checking.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    /// The input could not be read (the path is filled in when it is reported).
    pub error: Option<InputError>,
    /// The first chunk of a file that is checked (it counts as a file).
    pub checked: bool,
    /// A binary file, skipped.
    pub skipped: bool,
    /// Invalid UTF-8 (or UTF-16) was replaced.
    pub lossy: bool,
    /// How the input is encoded.
    pub encoding: Encoding,
}

/// An input being read chunk by chunk.
struct Open<'a> {
    input: usize,
    seq: usize,
    reader: Box<dyn Read + Send + 'a>,
    /// Text read and not yet handed out, as UTF-8 (or as the file's bytes, when they are not
    /// valid UTF-8).
    buf: Vec<u8>,
    /// Set for UTF-16 files, which are decoded as they are read.
    utf16: Option<Utf16Decoder>,
    encoding: Encoding,
    origin: Origin,
    format: Format,
    scope: Arc<DiffScope<'a>>,
}

/// Hands out tasks in input order; reading happens here, under the feed's lock, so chunks
/// come off each input in sequence while checking runs in parallel.
pub struct Feed<'a> {
    next_input: usize,
    open: Option<Open<'a>>,
    /// Tasks handed out and not yet printed; the workers wait while it is at its bound, so
    /// what is kept in memory never grows with the input.
    pub outstanding: usize,
}

impl<'a> Feed<'a> {
    pub fn new() -> Feed<'a> {
        Feed {
            next_input: 0,
            open: None,
            outstanding: 0,
        }
    }

    /// The next task, or `None` when every input has been read. `scope` gives an input's
    /// diff scope.
    pub fn next_task(
        &mut self,
        inputs: &'a [Input],
        forced: Option<Format>,
        scope: impl Fn(&Input) -> DiffScope<'a>,
    ) -> Option<Task<'a>> {
        let task = self.next(inputs, forced, scope);
        self.outstanding += usize::from(task.is_some());
        task
    }

    fn next(
        &mut self,
        inputs: &'a [Input],
        forced: Option<Format>,
        scope: impl Fn(&Input) -> DiffScope<'a>,
    ) -> Option<Task<'a>> {
        if let Some(open) = &mut self.open {
            let task = open_chunk(open);
            if task.last {
                self.open = None;
            }
            return Some(task);
        }
        let input = self.next_input;
        let entry = inputs.get(input)?;
        self.next_input += 1;
        let format = forced.unwrap_or_else(|| Format::from_path(entry.name()));
        let scope = Arc::new(scope(entry));
        let reader: io::Result<Box<dyn Read + Send + 'a>> = match entry {
            Input::Stdin(_) => Ok(Box::new(io::stdin())),
            Input::File { path, .. } => {
                std::fs::File::open(path).map(|f| Box::new(f) as Box<dyn Read + Send + 'a>)
            }
        };
        let mut open = Open {
            input,
            seq: 0,
            reader: Box::new(io::empty()),
            buf: Vec::new(),
            utf16: None,
            encoding: Encoding::Utf8,
            origin: Origin::default(),
            format,
            scope,
        };
        match reader {
            Ok(reader) => {
                open.reader = reader;
                let task = open_chunk(&mut open);
                if !task.last {
                    self.open = Some(open);
                }
                Some(task)
            }
            Err(e) => {
                let mut task = empty_task(&open, 0);
                task.last = true;
                task.outcome.error = Some(read_error(entry, &e));
                Some(task)
            }
        }
    }
}

fn empty_task<'a>(open: &Open<'a>, seq: usize) -> Task<'a> {
    Task {
        input: open.input,
        seq,
        last: false,
        text: String::new(),
        raw: None,
        encoding: open.encoding,
        origin: open.origin,
        format: open.format,
        scope: open.scope.clone(),
        outcome: ReadOutcome::default(),
    }
}

/// Reads the next chunk of an open input.
fn open_chunk<'a>(open: &mut Open<'a>) -> Task<'a> {
    let seq = open.seq;
    open.seq += 1;
    let mut task = empty_task(open, seq);
    let result = if seq == 0 { start(open) } else { Ok(false) };
    // Markup is parsed whole (up to its bound); plain text streams.
    let limit = if open.format == Format::Text {
        CHUNK_BYTES
    } else {
        MAX_MARKUP_BYTES + 1
    };
    let eof = result.and_then(|eof| {
        if eof {
            return Ok(true);
        }
        fill(open, limit)
    });
    let eof = match eof {
        Ok(eof) => eof,
        Err(e) => {
            task.outcome.error = Some(InputError {
                path: String::new(),
                message: format!("cannot read: {}", describe_io(&e)),
            });
            task.last = true;
            return task;
        }
    };
    if open.format != Format::Text && open.buf.len() > MAX_MARKUP_BYTES {
        task.outcome.error = Some(InputError {
            path: String::new(),
            message: format!(
                "{} is larger than {}, which is the most read as {} (it is parsed whole); \
                 split it, or check it as plain text with --input-format text",
                open.format.name(),
                describe_size(MAX_MARKUP_BYTES),
                open.format.name(),
            ),
        });
        task.last = true;
        return task;
    }
    task.encoding = open.encoding;
    task.origin = open.origin;
    if seq == 0 {
        if open.buf[..open.buf.len().min(BINARY_PROBE)].contains(&0) {
            task.outcome.skipped = true;
            task.last = true;
            return task;
        }
        task.outcome.checked = true;
    }
    let cut = if eof {
        open.buf.len()
    } else {
        chunk_cut(&open.buf)
    };
    let (text, lossy) = input::utf8_lossy(&open.buf[..cut]);
    let text = text.into_owned();
    if lossy {
        task.outcome.lossy = true;
        task.raw = Some(open.buf[..cut].to_vec());
    }
    let file_bytes = match open.encoding {
        Encoding::Utf8 => cut,
        Encoding::Utf16Le | Encoding::Utf16Be => 2 * text.encode_utf16().count(),
    };
    open.origin.advance(&text, file_bytes);
    open.buf.drain(..cut);
    task.outcome.lossy |= open.utf16.as_ref().is_some_and(|d| d.lossy);
    task.outcome.encoding = open.encoding;
    task.text = text;
    task.last = eof;
    task
}

/// Reads the start of an input: its byte-order mark says how to decode the rest. `true` when
/// the input has already ended.
fn start(open: &mut Open) -> io::Result<bool> {
    let mut head = Vec::new();
    let eof = read_some(&mut open.reader, &mut head, Encoding::MAX_BOM)?;
    let (encoding, bom) = Encoding::sniff(&head);
    open.encoding = encoding;
    open.origin.offset = bom;
    open.utf16 = Utf16Decoder::new(encoding);
    match &mut open.utf16 {
        Some(d) => {
            d.push(&head[bom..], &mut open.buf);
            if eof {
                d.finish(&mut open.buf);
            }
        }
        None => open.buf.extend_from_slice(&head[bom..]),
    }
    Ok(eof)
}

/// Reads until `buf` holds `limit` bytes or the input ends; `true` at the end.
fn read_some(reader: &mut impl Read, buf: &mut Vec<u8>, limit: usize) -> io::Result<bool> {
    let mut block = vec![0u8; (limit - buf.len().min(limit)).min(64 << 10)];
    while buf.len() < limit {
        let want = (limit - buf.len()).min(block.len());
        let n = match reader.read(&mut block[..want]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(true);
        }
        buf.extend_from_slice(&block[..n]);
    }
    Ok(false)
}

/// Reads (and decodes, for UTF-16) until the buffer holds `limit` bytes or the input ends;
/// `true` at the end.
fn fill(open: &mut Open, limit: usize) -> io::Result<bool> {
    let Some(decoder) = &mut open.utf16 else {
        return read_some(&mut open.reader, &mut open.buf, limit);
    };
    let mut raw = Vec::new();
    while open.buf.len() < limit {
        raw.clear();
        let eof = read_some(&mut open.reader, &mut raw, 64 << 10)?;
        decoder.push(&raw, &mut open.buf);
        if eof {
            decoder.finish(&mut open.buf);
            return Ok(true);
        }
    }
    Ok(false)
}

fn read_error(input: &Input, e: &io::Error) -> InputError {
    let message = match input {
        Input::Stdin(_) => format!("cannot read standard input: {}", describe_io(e)),
        Input::File { .. } => format!("cannot read: {}", describe_io(e)),
    };
    InputError {
        path: input.name().to_string(),
        message,
    }
}

/// Where to end a chunk of plain text: after the last blank line (a paragraph break, so the
/// checker sees every paragraph whole); failing that after the last sentence end, line or
/// space; at worst at a character boundary. Never between the `\r` and `\n` of a line end.
pub fn chunk_cut(buf: &[u8]) -> usize {
    let cut = chunk_cut_anywhere(buf);
    if cut == 0 || buf[cut - 1] != b'\r' {
        return cut;
    }
    match buf.get(cut) {
        Some(b'\n') => cut + 1,
        Some(_) => cut,
        // The next byte is not read yet and may be the `\n`: leave the `\r` for then.
        None if cut > 1 => cut - 1,
        None => cut,
    }
}

fn chunk_cut_anywhere(buf: &[u8]) -> usize {
    // The last line that is blank (white space only), found from the end.
    let mut newlines = memchr::memrchr_iter(b'\n', buf);
    let mut next = newlines.next();
    while let Some(end) = next {
        next = newlines.next();
        let start = next.map_or(0, |i| i + 1);
        if next.is_some() && buf[start..end].iter().all(u8::is_ascii_whitespace) {
            return end + 1;
        }
        // Only look back over a bounded stretch: a chunk with no paragraph break near its
        // end is cut at a sentence instead.
        if buf.len() - end > 1 << 20 {
            break;
        }
    }
    // A paragraph of megabytes: cut where a sentence ends, so no sentence is split.
    let sentence_end = |w: &[u8]| {
        matches!(w[0], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') && matches!(w[1], b' ' | b'\n')
    };
    if let Some(i) = buf.windows(2).rposition(sentence_end) {
        return i + 2;
    }
    if let Some(i) = buf.iter().rposition(|&b| b == b'\n') {
        return i + 1;
    }
    if let Some(i) = buf.iter().rposition(|&b| b == b' ') {
        return i + 1;
    }
    let mut cut = buf.len();
    while cut > 0 && buf[cut - 1] & 0xC0 == 0x80 {
        cut -= 1;
    }
    // `cut - 1` now starts a character that may be incomplete: leave it for the next chunk.
    if cut > 0 && buf[cut - 1] >= 0xC0 {
        cut -= 1;
    }
    if cut == 0 { buf.len() } else { cut }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_at_paragraph_breaks() {
        assert_eq!(chunk_cut(b"a\n\nb\n\nc"), 6);
        assert_eq!(chunk_cut(b"a\r\n\r\nb"), 5);
        assert_eq!(chunk_cut(b"a\nb"), 2);
        assert_eq!(chunk_cut(b"Done.\nA long\nsentence"), 6);
        assert_eq!(chunk_cut(b"One. Two"), 5);
        assert_eq!(chunk_cut(b"ab cd"), 3);
        assert_eq!(chunk_cut("x\u{e9}".as_bytes()), 1);
        assert_eq!(chunk_cut(b"abc"), 3);
        assert_eq!(chunk_cut(b"ab\r\ncd"), 4);
        assert_eq!(chunk_cut(b"abcd\r"), 4, "the LF may follow");
    }

    #[test]
    fn origins_follow_lines_and_columns() {
        let mut o = Origin::default();
        o.advance("ab\ncd", 5);
        assert_eq!(
            o,
            Origin {
                offset: 5,
                lines: 1,
                chars: 2,
                bytes: 2
            }
        );
        o.advance("\u{e9}f", 3);
        assert_eq!(
            o,
            Origin {
                offset: 8,
                lines: 1,
                chars: 4,
                bytes: 5
            }
        );
    }
}
