//! The project file, `claimcheck.toml` (or `.claimcheck.toml`): found from the current
//! directory upward; command-line flags override it.
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

/// The names looked for, in order, in each directory.
pub const NAMES: [&str; 2] = ["claimcheck.toml", ".claimcheck.toml"];

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
    /// The nearest project file from `start` upward, if any.
    pub fn find(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .find_map(|dir| NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file()))
    }

    /// Reads a project file; errors name the file, line and column.
    pub fn load(path: &Path) -> Result<Config, String> {
        let shown = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{shown}: cannot read the project file: {e}"))?;
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
}
