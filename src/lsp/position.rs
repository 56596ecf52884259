//! Positions as the client counts them: lines split at `\n`, `\r\n` or `\r` (as the protocol
//! says), columns in the code units of the negotiated encoding (UTF-16 by default, UTF-8 or
//! UTF-32 when the client offers them).

use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit of `Position::character`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The server's pick among the encodings a client offers: UTF-8 (the text's own, no
    /// conversion) before UTF-32 before UTF-16, which every client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// How many code units a character takes.
    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// The line starts of a document, for turning byte offsets into positions and back.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of each line's first character; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`: a line ends after `\n`, after `\r\n`, and after a `\r` not followed by
    /// `\n`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// How many lines the text has (an empty text has one).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of line `line` (0-based) without its line ending; `None` past the end.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line)?;
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let content = text.get(start..next).unwrap_or("");
        let end = start + content.trim_end_matches(['\n', '\r']).len();
        Some(start..end)
    }

    /// The position of byte offset `at` (clamped into the text, and back to a character
    /// boundary).
    pub fn position(&self, text: &str, at: usize, enc: Encoding) -> Position {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = match enc {
            Encoding::Utf8 => (at - start) as u32,
            _ => text[start..at].chars().map(|c| enc.units(c)).sum(),
        };
        Position {
            line: line as u32,
            character,
        }
    }

    /// The range of a byte range.
    pub fn range(&self, text: &str, r: &std::ops::Range<usize>, enc: Encoding) -> Range {
        Range {
            start: self.position(text, r.start, enc),
            end: self.position(text, r.end, enc),
        }
    }

    /// The byte offset of a position. As the protocol asks, a column past the end of its line
    /// means the line's end, and a line past the end of the text means the text's end; a
    /// column inside a character (half a surrogate pair, a byte inside a UTF-8 sequence)
    /// means that character's start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let Some(line) = self.line_range(text, pos.line as usize) else {
            return text.len();
        };
        let mut left = pos.character;
        let mut at = line.start;
        for c in text[line.clone()].chars() {
            let n = enc.units(c);
            if n > left {
                break;
            }
            left -= n;
            at += c.len_utf8();
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let t = "a\r\nb\rc\nd";
        let ix = LineIndex::new(t);
        assert_eq!(ix.lines(), 4);
        assert_eq!(ix.line_range(t, 0), Some(0..1));
        assert_eq!(ix.line_range(t, 1), Some(3..4));
        assert_eq!(ix.line_range(t, 3), Some(7..8));
        assert_eq!(ix.line_range(t, 4), None);
        assert_eq!(
            ix.position(t, t.find('d').unwrap(), Encoding::Utf16),
            pos(3, 0)
        );
        // The middle of a CRLF is still on the first line.
        assert_eq!(ix.position(t, 2, Encoding::Utf16), pos(0, 2));
    }

    #[test]
    fn columns_count_the_negotiated_units() {
        // An emoji is 4 UTF-8 bytes, 2 UTF-16 units, 1 UTF-32 unit; a CJK character 3, 1, 1;
        // a BOM 3, 1, 1.
        let t = "\u{feff}x\r\n🙂 中 86%\r\n";
        let ix = LineIndex::new(t);
        let at = t.find("86").unwrap();
        assert_eq!(ix.position(t, at, Encoding::Utf8), pos(1, 9));
        assert_eq!(ix.position(t, at, Encoding::Utf16), pos(1, 5));
        assert_eq!(ix.position(t, at, Encoding::Utf32), pos(1, 4));
        assert_eq!(ix.position(t, 4, Encoding::Utf16), pos(0, 2));
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let p = ix.position(t, at, enc);
            assert_eq!(ix.offset(t, p, enc), at, "{enc:?}");
        }
    }

    #[test]
    fn offsets_of_positions_outside_the_text_are_clamped() {
        let t = "ab\n🙂c";
        let ix = LineIndex::new(t);
        assert_eq!(ix.offset(t, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(ix.offset(t, pos(9, 0), Encoding::Utf16), t.len());
        // Half of a surrogate pair: the emoji's start.
        assert_eq!(ix.offset(t, pos(1, 1), Encoding::Utf16), 3);
        assert_eq!(ix.offset(t, pos(1, 2), Encoding::Utf16), 7);
        // Inside a UTF-8 sequence.
        assert_eq!(ix.offset(t, pos(1, 2), Encoding::Utf8), 3);
        assert_eq!(ix.position(t, 5, Encoding::Utf8), pos(1, 0));
    }

    #[test]
    fn negotiation_prefers_utf8_and_defaults_to_utf16() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        let offered = [PositionEncodingKind::UTF32, PositionEncodingKind::UTF16];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf32);
        let offered = [PositionEncodingKind::new("utf-7")];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf16);
    }
}
