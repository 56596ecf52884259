//! The project file, `claimcheck.toml` (or `.claimcheck.toml`): found from the current
//! directory upward, no further than the repository's root (the first directory holding
//! `.git`) and never across a file-system boundary, so a file in a shared parent directory
//! cannot change what a project checks; command-line flags override it.
//!
//! ```toml
//! db = ["claims.toml"]          # databases, relative to this file (default: the built-in one)
//! include = ["content/**/*.md"] # globs selecting files in directory walks
//! exclude = ["content/drafts/**"]
//! format = "human"              # human | json | jsonl | sarif | github | rdjsonl
//! fail-on = "conflicts"         # conflicts | any | never
//! show = "all"                  # conflicts | all
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{FailOn, Format, Show};
use crate::db;
use crate::input::read_limited;

/// The names looked for, in order, in each directory.
pub const NAMES: [&str; 2] = ["claimcheck.toml", ".claimcheck.toml"];

/// The largest project file read (a real one is a few hundred bytes).
pub const MAX_CONFIG_BYTES: usize = 1 << 20;

/// A parsed project file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Databases to check against, relative to the project file.
    #[serde(default)]
    pub db: Vec<String>,
    /// Globs selecting the files of directory walks.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs excluding files and directories from walks.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The default output format.
    pub format: Option<Format>,
    /// When the exit code is 1.
    pub fail_on: Option<FailOn>,
    /// Which findings human, github and rdjsonl output show.
    pub show: Option<Show>,
    /// The directory of the project file (database paths are relative to it).
    #[serde(skip)]
    pub dir: PathBuf,
    /// The project file itself.
    #[serde(skip)]
    pub path: PathBuf,
}

impl Config {
    /// The nearest project file from `start` upward, if any: the search stops after the
    /// repository's root (a directory holding `.git`) and at a file-system boundary.
    pub fn find(start: &Path) -> Option<PathBuf> {
        let device = device_of(start);
        for dir in start.ancestors() {
            if device.is_some() && device_of(dir) != device {
                return None;
            }
            if let Some(p) = NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file()) {
                return Some(p);
            }
            if dir.join(".git").exists() {
                return None;
            }
        }
        None
    }

    /// Reads a project file; errors name the file, line and column.
    pub fn load(path: &Path) -> Result<Config, String> {
        let shown = path.display();
        let bytes = read_limited(path, MAX_CONFIG_BYTES)
            .map_err(|e| format!("{shown}: cannot read the project file: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, col) = db::line_col(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            format!("{shown}:{line}:{col}: the project file is not valid UTF-8")
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let (line, col) = e.span().map_or((1, 1), |s| db::line_col(&text, s.start));
            format!(
                "{shown}:{line}:{col}: {}\n  (keys: db, include, exclude, format, fail-on, show)",
                e.message()
            )
        })?;
        config.dir = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        config.path = path.to_path_buf();
        Ok(config)
    }

    /// The databases, as paths usable from the current directory.
    pub fn db_paths(&self) -> Vec<String> {
        self.db
            .iter()
            .map(|p| self.dir.join(p).to_string_lossy().into_owned())
            .collect()
    }
}

/// The file system (device) a directory is on, where the platform says.
#[cfg(unix)]
fn device_of(dir: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().map(|m| m.dev())
}

#[cfg(not(unix))]
fn device_of(_dir: &Path) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_with_positions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("claimcheck.toml");
        std::fs::write(&p, "db = [\"x.toml\"]\nformats = \"json\"\n").unwrap();
        let e = Config::load(&p).unwrap_err();
        assert!(e.contains("claimcheck.toml:2:1:"), "{e}");
        std::fs::write(&p, "format = \"yaml\"\n").unwrap();
        let e = Config::load(&p).unwrap_err();
        assert!(e.contains(":1:10:"), "{e}");
        std::fs::write(&p, "db = [\"x.toml\"]\nfail-on = \"any\"\n").unwrap();
        let c = Config::load(&p).unwrap();
        assert_eq!(c.fail_on, Some(FailOn::Any));
        assert_eq!(
            c.db_paths(),
            vec![dir.path().join("x.toml").to_string_lossy().into_owned()]
        );
        assert_eq!(Config::find(&dir.path().join("a/b")), Some(p));
    }

    #[test]
    fn the_search_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("claimcheck.toml"), "").unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("docs")).unwrap();
        assert_eq!(Config::find(&repo.join("docs")), None);
        std::fs::write(repo.join(".claimcheck.toml"), "").unwrap();
        assert_eq!(
            Config::find(&repo.join("docs")),
            Some(repo.join(".claimcheck.toml"))
        );
    }
}
