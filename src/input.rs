//! Reading input: bytes to text (byte-order marks, UTF-16, invalid UTF-8), bounded reads of
//! a file or standard input, and the line index that turns byte offsets into 1-based lines
//! and character columns.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r` (as editors and GitHub count them).

use std::borrow::Cow;
use std::io::{self, Read};
use std::path::Path;

pub use crate::text::LineIndex;
use crate::text::line_index::{floor_boundary, line_starts};

/// Text decoded from a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Invalid UTF-8 was replaced with U+FFFD.
    pub lossy: bool,
}

/// Decodes bytes as UTF-8, dropping a UTF-8 byte-order mark and replacing invalid sequences.
/// (A UTF-16 mark is not honoured here: the bytes are read as UTF-8. `check` decodes UTF-16 as
/// it reads, with [`Utf16Decoder`].)
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let body = match Encoding::sniff(&bytes) {
        (Encoding::Utf8, bom) => &bytes[bom..],
        _ => &bytes[..],
    };
    let (text, lossy) = utf8_lossy(body);
    Decoded {
        text: text.into_owned(),
        lossy,
    }
}

/// Bytes as UTF-8 text, invalid sequences replaced with U+FFFD; `true` when any was. The one
/// place bytes become text, for whole files and for chunks alike.
pub fn utf8_lossy(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    }
}

/// The UTF-8 byte-order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a file's bytes encode its text, as its byte-order mark says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark (the default).
    #[default]
    Utf8,
    /// UTF-16, little-endian (mark `FF FE`).
    Utf16Le,
    /// UTF-16, big-endian (mark `FE FF`).
    Utf16Be,
}

impl Encoding {
    /// The encoding announced by a byte-order mark at the start of `bytes`, and the mark's
    /// length (0 when there is none: UTF-8 is assumed).
    pub fn sniff(bytes: &[u8]) -> (Encoding, usize) {
        if bytes.starts_with(UTF8_BOM) {
            (Encoding::Utf8, UTF8_BOM.len())
        } else if bytes.starts_with(b"\xFF\xFE") {
            (Encoding::Utf16Le, 2)
        } else if bytes.starts_with(b"\xFE\xFF") {
            (Encoding::Utf16Be, 2)
        } else {
            (Encoding::Utf8, 0)
        }
    }

    /// The longest byte-order mark: how many bytes [`Encoding::sniff`] needs to be sure.
    pub const MAX_BOM: usize = 3;
}

/// Decodes UTF-16 to UTF-8 as bytes arrive (a unit or a surrogate pair may be split between
/// two reads). Unpaired surrogates become U+FFFD.
#[derive(Debug, Clone)]
pub struct Utf16Decoder {
    big_endian: bool,
    /// A byte of a unit whose other byte has not arrived.
    odd: Option<u8>,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
    /// Something was replaced with U+FFFD.
    pub lossy: bool,
}

impl Utf16Decoder {
    /// A decoder for `encoding`, or `None` for UTF-8 (which needs none).
    pub fn new(encoding: Encoding) -> Option<Utf16Decoder> {
        let big_endian = match encoding {
            Encoding::Utf8 => return None,
            Encoding::Utf16Le => false,
            Encoding::Utf16Be => true,
        };
        Some(Utf16Decoder {
            big_endian,
            odd: None,
            high: None,
            lossy: false,
        })
    }

    /// Decodes `bytes`, appending UTF-8 to `out`.
    pub fn push(&mut self, mut bytes: &[u8], out: &mut Vec<u8>) {
        if let Some(first) = self.odd.take() {
            match bytes.split_first() {
                Some((&second, rest)) => {
                    self.unit([first, second], out);
                    bytes = rest;
                }
                None => {
                    self.odd = Some(first);
                    return;
                }
            }
        }
        let mut pairs = bytes.chunks_exact(2);
        for pair in &mut pairs {
            self.unit([pair[0], pair[1]], out);
        }
        self.odd = pairs.remainder().first().copied();
    }

    /// The end of the input: a lone byte or high surrogate left over becomes U+FFFD.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if self.high.take().is_some() | self.odd.take().is_some() {
            self.replacement(out);
        }
    }

    fn unit(&mut self, bytes: [u8; 2], out: &mut Vec<u8>) {
        let u = if self.big_endian {
            u16::from_be_bytes(bytes)
        } else {
            u16::from_le_bytes(bytes)
        };
        if let Some(high) = self.high.take() {
            if (0xDC00..0xE000).contains(&u) {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                push_char(char::from_u32(c).unwrap_or('\u{FFFD}'), out);
                return;
            }
            self.replacement(out);
        }
        match u {
            0xD800..0xDC00 => self.high = Some(u),
            0xDC00..0xE000 => self.replacement(out),
            _ => push_char(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'), out),
        }
    }

    fn replacement(&mut self, out: &mut Vec<u8>) {
        self.lossy = true;
        push_char('\u{FFFD}', out);
    }
}

fn push_char(c: char, out: &mut Vec<u8>) {
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    /// The file or standard input could not be read.
    Io(io::Error),
    /// It holds more than the limit (in bytes).
    TooLarge(usize),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&describe_io(e)),
            ReadError::TooLarge(limit) => write!(f, "larger than {}", describe_size(*limit)),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads the file `path`, or standard input for `-`, refusing more than `limit` bytes. At most
/// `limit + 1` bytes are read whatever the file is (a device, a pipe, a FIFO: their reported
/// size says nothing), so `/dev/zero` is refused at once instead of filling memory.
pub fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    if path.as_os_str() == "-" {
        return read_to_limit(io::stdin().lock(), limit);
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // A regular file says its size: refuse a large one before reading it.
    if let Ok(meta) = file.metadata()
        && meta.is_file()
        && meta.len() > limit as u64
    {
        return Err(ReadError::TooLarge(limit));
    }
    read_to_limit(file, limit)
}

/// Reads `reader` to its end, or fails once it has given more than `limit` bytes.
pub fn read_to_limit(reader: impl Read, limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(ReadError::Io)?;
    if buf.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(buf)
}

/// A human description of an I/O error.
pub fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// A size for messages: `64 MiB`, `512 KiB`, `100 bytes`.
pub fn describe_size(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// Where a piece of text starts in its file, for text read in chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    /// Bytes of the file before the text (a byte-order mark, earlier chunks).
    pub offset: usize,
    /// Lines of the file before the text's first line.
    pub lines: usize,
    /// Characters already on the text's first line (a chunk cut mid-line).
    pub chars: usize,
    /// Bytes already on the text's first line.
    pub bytes: usize,
}

impl Origin {
    /// Moves past a piece of text that took `file_bytes` bytes of the file. The text must not
    /// end between the `\r` and `\n` of a line ending.
    pub fn advance(&mut self, text: &str, file_bytes: usize) {
        self.offset += file_bytes;
        let starts = line_starts(text.as_bytes());
        let last = starts.last().copied().unwrap_or(0);
        if starts.len() > 1 {
            self.lines += starts.len() - 1;
            self.chars = text[last..].chars().count();
            self.bytes = text.len() - last;
        } else {
            self.chars += text.chars().count();
            self.bytes += text.len();
        }
    }
}

/// A place in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column counted in characters (Unicode scalar values).
    pub column: usize,
    /// 1-based column counted in UTF-8 bytes (reviewdog's unit).
    pub byte_column: usize,
    /// 0-based byte offset in the file.
    pub offset: usize,
}

/// How far apart the counting marks of a [`Locator`] are, in bytes: a position costs at most
/// this much counting, however long its line (minified HTML is one line of megabytes).
const MARK_BYTES: usize = 4 << 10;

/// Turns byte offsets of a text (the whole file, or one chunk of it) into file positions.
#[derive(Debug, Clone)]
pub struct Locator<'a> {
    text: &'a str,
    lines: LineIndex,
    origin: Origin,
    /// Where the text is longer or shorter than the file bytes it was decoded from (each
    /// invalid byte became a three-byte U+FFFD): from each text offset on, the file offset is
    /// the text offset plus the difference. Sorted; empty for valid UTF-8.
    shifts: Vec<(usize, isize)>,
    /// The file is UTF-16: its offsets count two bytes per UTF-16 unit.
    utf16: bool,
    /// Every [`MARK_BYTES`] or so: a text offset, the characters before it and the UTF-16
    /// units before it. Built on first need: a long line, or a UTF-16 file.
    marks: std::cell::OnceCell<Vec<(usize, usize, usize)>>,
}

impl<'a> Locator<'a> {
    /// Indexes `text`, which starts at `origin` in its file.
    pub fn new(text: &'a str, origin: Origin) -> Locator<'a> {
        Locator {
            text,
            lines: LineIndex::new(text),
            origin,
            shifts: Vec::new(),
            utf16: false,
            marks: std::cell::OnceCell::new(),
        }
    }

    fn marks(&self) -> &[(usize, usize, usize)] {
        self.marks.get_or_init(|| {
            let text = self.text;
            let mut marks = vec![(0, 0, 0)];
            let (mut at, mut chars, mut units) = (0, 0, 0);
            while at < text.len() {
                let mut next = (at + MARK_BYTES).min(text.len());
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                let piece = &text.as_bytes()[at..next];
                let c = count_chars(piece);
                chars += c;
                units += c + count_astral(piece);
                at = next;
                marks.push((at, chars, units));
            }
            marks
        })
    }

    /// Like [`Locator::new`], for text decoded lossily from `bytes`: byte offsets then still
    /// count the file's bytes.
    pub fn lossy(text: &'a str, origin: Origin, bytes: &[u8]) -> Locator<'a> {
        let mut shifts = Vec::new();
        let (mut decoded, mut raw) = (0usize, 0usize);
        for chunk in bytes.utf8_chunks() {
            decoded += chunk.valid().len();
            raw += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                decoded += '\u{FFFD}'.len_utf8();
                raw += chunk.invalid().len();
                shifts.push((decoded, raw as isize - decoded as isize));
            }
        }
        Locator {
            shifts,
            ..Locator::new(text, origin)
        }
    }

    /// Like [`Locator::new`], for text decoded from UTF-16: byte offsets count the file's
    /// two-byte units.
    pub fn utf16(text: &'a str, origin: Origin) -> Locator<'a> {
        Locator {
            utf16: true,
            ..Locator::new(text, origin)
        }
    }

    /// Characters and UTF-16 units before text offset `at` (a character boundary).
    fn counts_before(&self, at: usize) -> (usize, usize) {
        let marks = self.marks();
        let k = marks.partition_point(|m| m.0 <= at).max(1) - 1;
        let (from, chars, units) = marks[k];
        let piece = &self.text.as_bytes()[from..at];
        let c = count_chars(piece);
        (chars + c, units + c + count_astral(piece))
    }

    /// The file position of byte offset `at` of the text (clamped to a character boundary).
    pub fn position(&self, at: usize) -> Position {
        let at = floor_boundary(self.text, at);
        let line = self.lines.line_of(at);
        let start = self.lines.start_of(line);
        // A short line is counted from its start; a long one from the nearest mark.
        let mut column = if at - start <= MARK_BYTES {
            count_chars(&self.text.as_bytes()[start..at]) + 1
        } else {
            self.counts_before(at).0 - self.counts_before(start).0 + 1
        };
        let mut byte_column = at - start + 1;
        if line == 1 {
            column += self.origin.chars;
            byte_column += self.origin.bytes;
        }
        let offset = if self.utf16 {
            self.origin.offset + 2 * self.counts_before(at).1
        } else {
            let shift = self
                .shifts
                .partition_point(|&(from, _)| from <= at)
                .checked_sub(1)
                .map_or(0, |k| self.shifts[k].1);
            (self.origin.offset + at).saturating_add_signed(shift)
        };
        Position {
            line: line + self.origin.lines,
            column,
            byte_column,
            offset,
        }
    }

    /// The text of a byte range (empty when it is not one of the text's ranges).
    pub fn slice(&self, range: std::ops::Range<usize>) -> &'a str {
        self.text.get(range).unwrap_or("")
    }

    /// The text of the line holding byte offset `at`, without its line ending.
    pub fn line_text(&self, at: usize) -> &'a str {
        let line = self.lines.line_of(at.min(self.text.len()));
        self.line(line)
    }

    fn line(&self, line: usize) -> &'a str {
        let start = self.lines.start_of(line);
        let end = self.lines.line_end(self.text, line);
        self.text.get(start..end.max(start)).unwrap_or("")
    }

    /// The text's lines: 1-based file line numbers and their text.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        (1..=self.lines.lines()).map(|i| (i + self.origin.lines, self.line(i)))
    }
}

/// Characters in UTF-8 bytes: the bytes that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Characters of four UTF-8 bytes (beyond the Basic Multilingual Plane): each takes two
/// UTF-16 units.
fn count_astral(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b >= 0xF0).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_invalid_bytes() {
        let d = decode(b"\xEF\xBB\xBFhello".to_vec());
        assert_eq!(
            d,
            Decoded {
                text: "hello".into(),
                lossy: false
            }
        );
        let d = decode(b"caf\xE9 86%".to_vec());
        assert!(d.lossy);
        assert_eq!(d.text, "caf\u{FFFD} 86%");
    }

    fn utf16(encoding: Encoding, bytes: &[u8], split: usize) -> (String, bool) {
        let mut d = Utf16Decoder::new(encoding).unwrap();
        let mut out = Vec::new();
        d.push(&bytes[..split], &mut out);
        d.push(&bytes[split..], &mut out);
        d.finish(&mut out);
        (String::from_utf8(out).unwrap(), d.lossy)
    }

    #[test]
    fn utf16_decodes_across_reads() {
        let text = "caf\u{e9} 🙂 86%";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for split in 0..=le.len() {
            assert_eq!(utf16(Encoding::Utf16Le, &le, split), (text.into(), false));
            assert_eq!(utf16(Encoding::Utf16Be, &be, split), (text.into(), false));
        }
        // A lone low surrogate, a high surrogate before a letter, an odd byte at the end.
        let bad = [0x00, 0xDC, 0x00, 0xD8, b'a', 0, b'b'];
        assert_eq!(
            utf16(Encoding::Utf16Le, &bad, 3),
            ("\u{FFFD}\u{FFFD}a\u{FFFD}".into(), true)
        );
        assert_eq!(Encoding::sniff(b"\xFF\xFEa"), (Encoding::Utf16Le, 2));
        assert_eq!(Encoding::sniff(b"\xFE\xFF"), (Encoding::Utf16Be, 2));
        assert_eq!(Encoding::sniff(b"\xEF\xBB\xBFa"), (Encoding::Utf8, 3));
        assert_eq!(Encoding::sniff(b"ab"), (Encoding::Utf8, 0));
        assert!(Utf16Decoder::new(Encoding::Utf8).is_none());
    }

    #[test]
    fn utf16_offsets_count_file_bytes() {
        let text = "a🙂\nb 86%";
        let loc = Locator::utf16(
            text,
            Origin {
                offset: 2,
                ..Origin::default()
            },
        );
        let p = loc.position(text.find("86").unwrap());
        // BOM 2 + a 2 + 🙂 4 + \n 2 + b 2 + space 2.
        assert_eq!((p.line, p.column, p.offset), (2, 3, 14));
    }

    #[test]
    fn reads_are_bounded_whatever_the_size_says() {
        let r = read_to_limit(io::repeat(0), 1000);
        assert!(matches!(r, Err(ReadError::TooLarge(1000))), "{r:?}");
        assert_eq!(read_to_limit(&b"abc"[..], 3).unwrap(), b"abc");
        let e = read_limited(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(e.to_string(), "larger than 1 MiB");
        let e = read_limited(Path::new("/no/such/file"), 10).unwrap_err();
        assert_eq!(e.to_string(), "no such file or directory");
        assert_eq!(describe_size(100), "100 bytes");
        assert_eq!(describe_size(64 << 10), "64 KiB");
    }

    #[test]
    fn positions_in_a_chunk_continue_the_file() {
        let chunk = "tail 86%\nnext 🙂 41%";
        let origin = Origin {
            offset: 100,
            lines: 9,
            chars: 3,
            bytes: 5,
        };
        let loc = Locator::new(chunk, origin);
        let p = loc.position(chunk.find("86").unwrap());
        assert_eq!(
            (p.line, p.column, p.byte_column, p.offset),
            (10, 9, 11, 105)
        );
        let p = loc.position(chunk.find("41").unwrap());
        assert_eq!((p.line, p.column, p.byte_column), (11, 8, 11));
        assert_eq!(loc.line_text(chunk.len()), "next 🙂 41%");
        let lines: Vec<_> = loc.lines().collect();
        assert_eq!(lines, vec![(10, "tail 86%"), (11, "next 🙂 41%")]);
    }

    #[test]
    fn columns_count_characters() {
        let t = "one\r\n🙂 86% here\nlast";
        let ix = LineIndex::new(t);
        let at = t.find("86").unwrap();
        assert_eq!(ix.line_col(t, at), (2, 3));
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, t.len()), (3, 5));
    }

    #[test]
    fn a_lone_cr_ends_a_line() {
        let t = "one\rtwo 86%\r\nthree\n\rfive";
        let loc = Locator::new(t, Origin::default());
        let p = loc.position(t.find("86").unwrap());
        assert_eq!((p.line, p.column), (2, 5));
        let p = loc.position(t.find("five").unwrap());
        assert_eq!((p.line, p.column), (5, 1));
        let lines: Vec<_> = loc.lines().map(|(_, l)| l).collect();
        assert_eq!(lines, vec!["one", "two 86%", "three", "", "five"]);
        let mut o = Origin::default();
        o.advance("one\rtwo", 7);
        assert_eq!((o.lines, o.chars), (1, 3));
    }

    #[test]
    fn columns_far_along_one_long_line() {
        let t = format!("{}🙂 86%", "é".repeat(10_000));
        let loc = Locator::new(&t, Origin::default());
        let at = t.find("86").unwrap();
        let p = loc.position(at);
        assert_eq!((p.line, p.column, p.byte_column), (1, 10_003, at + 1));
    }
}
