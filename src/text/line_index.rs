//! Line and column of a byte offset: one index of line starts for every reader of positions
//! (printers through `input::Locator`, database and project-file messages, the language
//! server). A line ends at `\n`, `\r\n` or a lone `\r`, as editors count.

/// Where the lines of `bytes` start: 0, and after each `\n`, `\r\n` and lone `\r`.
pub(crate) fn line_starts(bytes: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        // The `\r` of a `\r\n` ends nothing: its `\n` does.
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            continue;
        }
        starts.push(i + 1);
    }
    starts
}

/// Byte offsets of line starts, for mapping spans to line and column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: line_starts(text.as_bytes()),
        }
    }

    /// 1-based line and 1-based column counted in characters (Unicode scalar values).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line - 1];
        let col = text[start..offset].chars().count() + 1;
        (line, col)
    }

    /// The byte offset where the 1-based `line` starts (the end of the text past the last).
    pub fn line_start(&self, line: usize, text: &str) -> usize {
        self.starts
            .get(line.max(1) - 1)
            .copied()
            .unwrap_or(text.len())
    }

    /// Where the 1-based `line` (at most [`LineIndex::lines`]) starts.
    pub(crate) fn start_of(&self, line: usize) -> usize {
        self.starts[line - 1]
    }

    /// How many lines the text has.
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line holding byte offset `at`.
    pub fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).max(1)
    }

    /// Where the 1-based `line` ends (before its line ending), in `text`.
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        // `\r\n`: the `\r` is part of the ending too.
        if end > 0 && end < text.len() && text.as_bytes()[end] == b'\n' {
            end - usize::from(text.as_bytes()[end - 1] == b'\r')
        } else {
            end
        }
    }
}

/// The largest character boundary of `text` at or before `at`.
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// 1-based line and column (in characters) of a byte offset, for a message about a file read
/// whole (a database, a project file).
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(src).line_col(src, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters_from_one() {
        let s = "ab\nçd\nef";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        assert_eq!(line_col(s, 5), (2, 2));
        assert_eq!(line_col(s, 4), (2, 1), "inside a character: its start");
        assert_eq!(line_col(s, 99), (3, 3));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let s = "a\r\nb\rc";
        assert_eq!(line_col(s, 3), (2, 1));
        assert_eq!(line_col(s, 5), (3, 1));
        assert_eq!(LineIndex::new(s).line_start(3, s), 5);
    }
}
