//! Reading input: bytes to text (BOM removed, invalid UTF-8 replaced) and the line index that
//! turns byte offsets into 1-based lines and character columns.

/// Text decoded from a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Invalid UTF-8 was replaced with U+FFFD.
    pub lossy: bool,
}

/// Decodes bytes as UTF-8, dropping a byte-order mark and replacing invalid sequences.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Decoded {
            text: s.to_string(),
            lossy: false,
        },
        Err(_) => Decoded {
            text: String::from_utf8_lossy(body).into_owned(),
            lossy: true,
        },
    }
}

/// Byte offsets of line starts, for mapping spans to line and column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (after each `\n`).
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 1-based column counted in characters (Unicode scalar values).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text[start..offset].chars().count() + 1;
        (line, col)
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
}

impl<'a> Locator<'a> {
    /// Indexes `text`, which starts at `origin` in its file.
    pub fn new(text: &'a str, origin: Origin) -> Locator<'a> {
        Locator {
            text,
            lines: LineIndex::new(text),
            origin,
            shifts: Vec::new(),
        }
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

    /// The file position of byte offset `at` of the text (clamped to a character boundary).
    pub fn position(&self, at: usize) -> Position {
        let mut at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.lines.starts.partition_point(|&s| s <= at).max(1);
        let start = self.lines.starts[line - 1];
        let mut column = self.text[start..at].chars().count() + 1;
        let mut byte_column = at - start + 1;
        if line == 1 {
            column += self.origin.chars;
            byte_column += self.origin.bytes;
        }
        let shift = self
            .shifts
            .partition_point(|&(from, _)| from <= at)
            .checked_sub(1)
            .map_or(0, |k| self.shifts[k].1);
        Position {
            line: line + self.origin.lines,
            column,
            byte_column,
            offset: (self.origin.offset + at).saturating_add_signed(shift),
        }
    }

    /// The text of the line holding byte offset `at`, without its line ending.
    pub fn line_text(&self, at: usize) -> &'a str {
        let at = at.min(self.text.len());
        let line = self.lines.starts.partition_point(|&s| s <= at).max(1);
        let start = self.lines.starts[line - 1];
        let end = self
            .lines
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r')
    }

    /// The text's lines: 1-based file line numbers and their text.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.lines.starts.iter().enumerate().map(|(i, &start)| {
            let end = self
                .lines
                .starts
                .get(i + 1)
                .map_or(self.text.len(), |&next| next - 1);
            (
                i + 1 + self.origin.lines,
                self.text
                    .get(start..end)
                    .unwrap_or("")
                    .trim_end_matches('\r'),
            )
        })
    }
}

/// Newline offsets, found with SIMD (this runs over every chunk that has a finding).
fn memchr_newlines(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', b)
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
}
