//! Changed lines: which lines of which files a unified diff adds or changes, so a pull request
//! is judged by its own lines (`--diff-base REV`, `--diff FILE`).

use std::collections::HashMap;
use std::ops::RangeInclusive;

/// The added or changed lines of each file a diff touches, keyed by the path after the diff's
/// `+++ b/` prefix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedLines {
    files: HashMap<String, Vec<RangeInclusive<usize>>>,
}

impl ChangedLines {
    /// Parses a unified diff (`git diff`, `diff -u`). Lines that are not part of a hunk header
    /// or a file header are ignored, so any diff with context or without parses.
    pub fn parse(diff: &str) -> Result<ChangedLines, String> {
        let mut files: HashMap<String, Vec<RangeInclusive<usize>>> = HashMap::new();
        let mut current: Option<String> = None;
        // Line number in the new file of the next line in the current hunk, and lines left.
        let mut next_new = 0usize;
        let mut in_hunk = false;
        let mut hunk_left = 0usize;
        for (n, line) in diff.lines().enumerate() {
            if in_hunk && hunk_left > 0 {
                match line.as_bytes().first() {
                    Some(b'+') => {
                        if let Some(path) = &current {
                            add(files.entry(path.clone()).or_default(), next_new);
                        }
                        next_new += 1;
                        hunk_left -= 1;
                        continue;
                    }
                    Some(b' ') | None => {
                        next_new += 1;
                        hunk_left -= 1;
                        continue;
                    }
                    Some(b'-') => continue,
                    Some(b'\\') => continue, // "\ No newline at end of file"
                    _ => in_hunk = false,
                }
            }
            if let Some(path) = line.strip_prefix("+++ ") {
                let path = match path.strip_prefix('"') {
                    Some(quoted) => unquote(quoted),
                    None => path.split('\t').next().unwrap_or("").trim_end().to_string(),
                };
                current = if path == "/dev/null" {
                    None
                } else {
                    Some(strip_prefix(&path).to_string())
                };
                in_hunk = false;
            } else if let Some(header) = line.strip_prefix("@@ ") {
                let (start, len) = new_range(header).ok_or_else(|| {
                    format!("line {}: a hunk header I cannot read: {line}", n + 1)
                })?;
                next_new = start;
                hunk_left = len;
                in_hunk = true;
            }
        }
        Ok(ChangedLines { files })
    }

    /// Marks every line of `path` as changed (a new, untracked file).
    pub fn add_whole_file(&mut self, path: &str) {
        self.files.insert(path.to_string(), vec![1..=usize::MAX]);
    }

    /// The files the diff touches.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The changed lines of `path`, if the diff touches it.
    pub fn lines(&self, path: &str) -> Option<&[RangeInclusive<usize>]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Re-keys the files, e.g. to absolute paths; files `f` maps to `None` are dropped.
    pub fn rekey(self, mut f: impl FnMut(&str) -> Option<String>) -> ChangedLines {
        ChangedLines {
            files: self
                .files
                .into_iter()
                .filter_map(|(k, v)| f(&k).map(|k| (k, v)))
                .collect(),
        }
    }
}

/// Which findings of one input a diff lets through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffScope<'a> {
    /// No diff is in force: every finding.
    All,
    /// Only findings whose sentence touches one of these lines.
    Lines(&'a [RangeInclusive<usize>]),
    /// A diff is in force and does not touch this input: no finding.
    Untouched,
}

impl<'a> DiffScope<'a> {
    /// The scope of the input known to `changed` as `path` (no diff: every finding).
    pub fn of(changed: Option<&'a ChangedLines>, path: &str) -> DiffScope<'a> {
        match changed.map(|c| c.lines(path)) {
            None => DiffScope::All,
            Some(Some(lines)) => DiffScope::Lines(lines),
            Some(None) => DiffScope::Untouched,
        }
    }

    /// Whether a finding in a sentence on lines `first..=last` is reported.
    pub fn reports(&self, first: usize, last: usize) -> bool {
        match self {
            DiffScope::All => true,
            DiffScope::Lines(lines) => touches(lines, first, last),
            DiffScope::Untouched => false,
        }
    }
}

/// Whether any line in `first..=last` is among `changed`.
pub fn touches(changed: &[RangeInclusive<usize>], first: usize, last: usize) -> bool {
    changed
        .iter()
        .any(|r| *r.start() <= last && first <= *r.end())
}

fn add(ranges: &mut Vec<RangeInclusive<usize>>, line: usize) {
    if let Some(last) = ranges.last_mut()
        && *last.end() + 1 == line
    {
        *last = *last.start()..=line;
        return;
    }
    ranges.push(line..=line);
}

/// A C-style quoted name as git writes it (`"caf\303\251.md"`, after the opening quote): the
/// escapes `\a \b \t \n \v \f \r \" \\` and three-digit octal bytes; the bytes are UTF-8
/// (converted lossily where they are not).
fn unquote(quoted: &str) -> String {
    let mut bytes = Vec::new();
    let mut it = quoted.bytes().peekable();
    while let Some(b) = it.next() {
        match b {
            b'"' => break,
            b'\\' => match it.next() {
                Some(d @ b'0'..=b'7') => {
                    let mut v = u32::from(d - b'0');
                    for _ in 0..2 {
                        if let Some(&d @ b'0'..=b'7') = it.peek() {
                            v = v * 8 + u32::from(d - b'0');
                            it.next();
                        }
                    }
                    bytes.push(u8::try_from(v).unwrap_or(b'?'));
                }
                Some(b'a') => bytes.push(0x07),
                Some(b'b') => bytes.push(0x08),
                Some(b't') => bytes.push(b'\t'),
                Some(b'n') => bytes.push(b'\n'),
                Some(b'v') => bytes.push(0x0B),
                Some(b'f') => bytes.push(0x0C),
                Some(b'r') => bytes.push(b'\r'),
                Some(other) => bytes.push(other),
                None => {}
            },
            b => bytes.push(b),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `b/path` → `path` (git's default prefixes).
fn strip_prefix(path: &str) -> &str {
    path.strip_prefix("b/").unwrap_or(path)
}

/// The `+start,len` part of a hunk header `-a,b +c,d @@`.
fn new_range(header: &str) -> Option<(usize, usize)> {
    let plus = header.split_whitespace().find(|p| p.starts_with('+'))?;
    let mut it = plus[1..].splitn(2, ',');
    let start: usize = it.next()?.parse().ok()?;
    let len: usize = match it.next() {
        Some(l) => l.parse().ok()?,
        None => 1,
    };
    Some((start, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str = "diff --git a/doc.md b/doc.md
index 1..2 100644
--- a/doc.md
+++ b/doc.md
@@ -1,3 +1,4 @@
 one
-two
+TWO
+three
 four
@@ -10,0 +12,2 @@ heading
+new a
+new b
diff --git a/gone.md b/gone.md
--- a/gone.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
";

    #[test]
    fn added_lines_per_file() {
        let c = ChangedLines::parse(DIFF).unwrap();
        let lines = c.lines("doc.md").unwrap();
        assert_eq!(lines, &[2..=3, 12..=13]);
        assert!(c.lines("gone.md").is_none());
        assert!(touches(lines, 3, 3));
        assert!(!touches(lines, 4, 11));
        assert!(touches(lines, 11, 12));
    }

    #[test]
    fn headers_without_lengths_and_bad_headers() {
        let c = ChangedLines::parse("+++ b/x\n@@ -1 +1 @@\n+a\n").unwrap();
        assert_eq!(c.lines("x").unwrap(), &[1..=1]);
        assert!(ChangedLines::parse("+++ b/x\n@@ nonsense @@\n").is_err());
    }

    #[test]
    fn quoted_names_are_unquoted() {
        let c = ChangedLines::parse(
            "+++ \"b/caf\\303\\251 \\\"q\\\".md\"\n@@ -0,0 +1 @@\n+a\n+++ \"b/tab\\there\"\t\n@@ -0,0 +2 @@\n+b\n",
        )
        .unwrap();
        assert_eq!(c.lines("caf\u{e9} \"q\".md").unwrap(), &[1..=1]);
        assert_eq!(c.lines("tab\there").unwrap(), &[2..=2]);
    }
}
