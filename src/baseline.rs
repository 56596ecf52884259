//! Baselines: findings recorded once (`--write-baseline`) and not reported again
//! (`--baseline`), so an archive with known issues can adopt the checker and fail only on
//! new ones.
//!
//! A finding is recorded by its path, claim id and a hash of the sentence and what it states,
//! never by line number, so edits elsewhere in the file do not break the match. A baseline
//! entry absorbs one finding: a second identical sentence in the same file is new.
//!
//! Paths are recorded relative to the baseline's own folder (version 2), so a baseline matches
//! whatever directory claimcheck runs from and however the files are named (relative or
//! absolute). Version 1 files, whose paths were relative to the directory they were written
//! from, are still read, relative to the current directory.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The baseline file, as JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version: 2 (paths relative to the baseline's folder); 1 is still read (paths
    /// relative to the current directory).
    pub version: u32,
    /// The recorded findings.
    pub findings: Vec<Entry>,
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file's path relative to the baseline's folder (forward slashes).
    pub path: String,
    /// The claim the finding is about.
    pub claim_id: String,
    /// `agrees` or `conflicts`.
    pub verdict: String,
    /// Hash of the claim id, the sentence and what it states.
    pub fingerprint: String,
    /// The sentence, for people reading the file; not used for matching.
    #[serde(default)]
    pub sentence: String,
}

/// The unmatched entries of a baseline, for one file: each absorbs one finding.
#[derive(Debug, Clone, Default)]
pub struct Remaining {
    counts: HashMap<(String, String), usize>,
}

impl Remaining {
    /// Whether a finding with this claim id and fingerprint is in the baseline; if so, it uses
    /// up one entry.
    pub fn take(&mut self, claim_id: &str, fingerprint: &str) -> bool {
        match self
            .counts
            .get_mut(&(claim_id.to_string(), fingerprint.to_string()))
        {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}

/// The format version this claimcheck writes.
pub const VERSION: u32 = 2;

impl Baseline {
    /// Reads a baseline; the error says what is wrong, with line and column.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline =
            serde_json::from_str(text).map_err(|e| format!("{}:{}: {e}", e.line(), e.column()))?;
        if !(1..=VERSION).contains(&b.version) {
            return Err(format!(
                "baseline version {} is not supported (this claimcheck writes version {VERSION})",
                b.version
            ));
        }
        Ok(b)
    }

    /// The entries per file, keyed by absolute path ([`absolute`]). `folder` is the
    /// baseline's folder (version 2 paths are relative to it), `cwd` the current directory
    /// (version 1 paths are relative to it).
    pub fn by_path(&self, folder: &Path, cwd: &Path) -> HashMap<PathBuf, Remaining> {
        let base = if self.version == 1 { cwd } else { folder };
        let mut out: HashMap<PathBuf, Remaining> = HashMap::new();
        for e in &self.findings {
            *out.entry(absolute(&base.join(&e.path), cwd))
                .or_default()
                .counts
                .entry((e.claim_id.clone(), e.fingerprint.clone()))
                .or_default() += 1;
        }
        out
    }

    /// The baseline as pretty JSON, entries sorted so the file diffs well.
    pub fn to_json(&mut self) -> String {
        self.findings.sort();
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Writes the baseline to `path` atomically: into a temporary file beside it, then renamed
    /// over it, so a full disk or a kill never leaves a truncated baseline.
    pub fn write_atomic(&mut self, path: &Path) -> std::io::Result<()> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(".claimcheck-baseline")
            .tempfile_in(dir)?;
        tmp.write_all(self.to_json().as_bytes())?;
        // The temporary file is private (0600); a baseline is shared like any project file.
        if let Some(permissions) = std::fs::metadata(path)
            .map(|m| m.permissions())
            .ok()
            .or_else(default_permissions)
        {
            tmp.as_file().set_permissions(permissions)?;
        }
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The permissions of a new baseline: readable by all, as files usually are.
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// A path as a key: absolute (from `cwd`), with symbolic links resolved when it exists (or
/// its folder does), and `.` and `..` removed otherwise.
pub fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let joined = cwd.join(path);
    if let Ok(p) = std::fs::canonicalize(&joined) {
        return p;
    }
    let joined = lexical(&joined);
    match (joined.parent(), joined.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(joined),
        _ => joined,
    }
}

/// `path` with `.` and `..` components resolved by name.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The path of `to` relative to the folder `from` (both absolute), with forward slashes.
pub fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_used_once() {
        let mut b = Baseline {
            version: VERSION,
            findings: vec![Entry {
                path: "./a.md".into(),
                claim_id: "c".into(),
                verdict: "conflicts".into(),
                fingerprint: "f".into(),
                sentence: String::new(),
            }],
        };
        let json = b.to_json();
        let back = Baseline::parse(&json).unwrap();
        let mut by = back.by_path(Path::new("/base"), Path::new("/cwd"));
        let r = by.get_mut(Path::new("/base/a.md")).unwrap();
        assert!(r.take("c", "f"));
        assert!(!r.take("c", "f"));
    }

    #[test]
    fn bad_baselines_say_where() {
        let e = Baseline::parse("{\"version\": 1,\n \"findings\": [{\"path\": 3}]}").unwrap_err();
        assert!(e.starts_with("2:"), "{e}");
        let e = Baseline::parse("{\"version\": 3, \"findings\": []}").unwrap_err();
        assert!(e.contains("version 3"), "{e}");
    }

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        assert_eq!(
            relative(Path::new("/a/b"), Path::new("/a/b/c/d.md")),
            "c/d.md"
        );
        assert_eq!(relative(Path::new("/a/b"), Path::new("/a/x.md")), "../x.md");
        let b = Baseline::parse(
            "{\"version\": 1, \"findings\": [{\"path\": \"./d/a.md\", \"claim_id\": \"c\", \
             \"verdict\": \"agrees\", \"fingerprint\": \"f\"}]}",
        )
        .unwrap();
        let by = b.by_path(Path::new("/base"), Path::new("/cwd"));
        assert!(
            by.contains_key(Path::new("/cwd/d/a.md")),
            "version 1: from the cwd"
        );
        assert_eq!(
            absolute(Path::new("x/../y/./z.md"), Path::new("/no/such")),
            Path::new("/no/such/y/z.md")
        );
    }
}
