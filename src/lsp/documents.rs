//! Open documents: their text (kept in sync with the client's, incrementally), line index,
//! what kind of document each is, and the last results for its current version.

use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::TextDocumentContentChangeEvent;

use super::position::{Encoding, LineIndex};
use super::prose::Found;
use crate::lint::Problem;
use crate::markup::Format;

/// What a document is to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Prose, checked against the database.
    Prose(Format),
    /// A claims database: linted.
    Database,
    /// Not checked: why (ignored by .gitignore, excluded, a TOML file that is no database).
    Skipped(String),
}

/// One open document.
pub struct Document {
    /// The URI as the client wrote it (the key diagnostics are published under).
    pub uri: String,
    pub language_id: String,
    pub version: i32,
    /// Unique to this text of this document (each open and change gets a new one): results
    /// are matched by it, since a client's version numbers repeat when a file is reopened.
    pub stamp: u64,
    pub text: Arc<str>,
    pub lines: LineIndex,
    /// The file, for `file:` URIs.
    pub path: Option<PathBuf>,
    pub kind: Kind,
    /// The findings of the current version, once checked: (configuration generation,
    /// findings).
    pub found: Option<(u64, Arc<Vec<Found>>)>,
    /// The problems of a database document, and whether its examples were run.
    pub problems: Option<(Vec<Problem>, bool)>,
}

impl Document {
    pub fn new(uri: String, language_id: String, version: i32, text: String) -> Document {
        let path = file_path(&uri);
        Document {
            lines: LineIndex::new(&text),
            text: Arc::from(text),
            uri,
            language_id,
            version,
            stamp: 0,
            path,
            kind: Kind::Skipped(String::new()),
            found: None,
            problems: None,
        }
    }

    /// A name for messages and database problems: the path, or the URI.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| self.uri.clone(), |p| p.to_string_lossy().into_owned())
    }

    /// Applies the client's changes in order (a change without a range replaces the text)
    /// and moves to `version`. Results of the old text are dropped.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        enc: Encoding,
    ) {
        let mut text = String::from(&*self.text);
        let mut lines = std::mem::take(&mut self.lines);
        for change in changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let start = lines.offset(&text, range.start, enc);
                    let end = lines.offset(&text, range.end, enc).max(start);
                    text.replace_range(start..end, &change.text);
                }
            }
            lines = LineIndex::new(&text);
        }
        self.lines = lines;
        self.text = Arc::from(text);
        self.version = version;
        self.found = None;
    }
}

/// The file path of a `file:` URI (percent-decoded); `None` for other schemes.
pub fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri
        .strip_prefix("file://")
        .or_else(|| uri.strip_prefix("FILE://"))?;
    // The authority (empty or `localhost`) runs to the path's first slash.
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    #[cfg(windows)]
    {
        // file:///C:/dir → C:/dir
        let d = decoded.strip_prefix('/').unwrap_or(&decoded);
        return Some(PathBuf::from(d));
    }
    #[cfg(not(windows))]
    Some(PathBuf::from(decoded.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            file_path("file:///home/a%20b/x.md"),
            Some(PathBuf::from("/home/a b/x.md"))
        );
        assert_eq!(
            file_path("file://localhost/tmp/x.md"),
            Some(PathBuf::from("/tmp/x.md"))
        );
        assert_eq!(file_path("untitled:Untitled-1"), None);
    }

    #[test]
    fn incremental_changes_count_the_negotiated_units() {
        let mut d = Document::new(
            "untitled:1".into(),
            "markdown".into(),
            1,
            "🙂 14%\r\nx".into(),
        );
        let change = |l1, c1, l2, c2, t: &str| TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position {
                    line: l1,
                    character: c1,
                },
                end: Position {
                    line: l2,
                    character: c2,
                },
            }),
            range_length: None,
            text: t.into(),
        };
        d.apply(vec![change(0, 3, 0, 5, "86")], 2, Encoding::Utf16);
        assert_eq!(&*d.text, "🙂 86%\r\nx");
        d.apply(vec![change(0, 5, 0, 7, "9")], 3, Encoding::Utf8);
        assert_eq!(&*d.text, "🙂 9%\r\nx");
        d.apply(
            vec![change(1, 0, 1, 1, "y"), change(0, 0, 0, 0, ">")],
            4,
            Encoding::Utf32,
        );
        assert_eq!(&*d.text, ">🙂 9%\r\ny");
        assert_eq!(d.version, 4);
        d.apply(
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            }],
            5,
            Encoding::Utf16,
        );
        assert_eq!(&*d.text, "new");
    }
}
