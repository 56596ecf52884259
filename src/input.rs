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

fn memchr_newlines(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    b.iter()
        .enumerate()
        .filter_map(|(i, &c)| (c == b'\n').then_some(i))
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
    fn columns_count_characters() {
        let t = "one\r\n🙂 86% here\nlast";
        let ix = LineIndex::new(t);
        let at = t.find("86").unwrap();
        assert_eq!(ix.line_col(t, at), (2, 3));
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, t.len()), (3, 5));
    }
}
