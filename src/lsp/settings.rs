//! Configuration as `check` has it — the project file found from the workspace folder, its
//! databases or the built-in one, `show` and `fail-on` — with the client's
//! `initializationOptions` (or `workspace/didChangeConfiguration` settings) on top.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::DiagnosticSeverity;
use serde::Deserialize;

use crate::cli::{Config, FailOn, Show};
use crate::db::Database;

/// How long after the last change a document is checked, unless the client says otherwise.
pub const DEFAULT_DEBOUNCE_MS: u64 = 150;

/// How agreements are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Agreements {
    Information,
    Hint,
    Off,
}

/// What a client may set, in `initializationOptions` or under `claimcheck` in
/// `workspace/didChangeConfiguration`. Paths are relative to the workspace folder.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Options {
    /// Databases to check against instead of the project file's (`[]`: the built-in one).
    pub db: Option<Vec<String>>,
    /// `conflicts` hides agreements; `all` shows them.
    pub show: Option<Show>,
    /// The severity of agreements: `information` (default), `hint`, or `off`.
    pub agreements: Option<Agreements>,
    /// A project file to use instead of looking for claimcheck.toml.
    pub config: Option<String>,
    /// Ignore claimcheck.toml.
    pub no_config: bool,
    /// Milliseconds to wait after a change before checking.
    pub debounce_ms: Option<u64>,
}

impl Options {
    /// Reads options from JSON; `null` is the defaults. The error says which key is wrong.
    pub fn from_json(v: Option<serde_json::Value>) -> Result<Options, String> {
        match v {
            None | Some(serde_json::Value::Null) => Ok(Options::default()),
            Some(v) => serde_json::from_value(v).map_err(|e| {
                format!(
                    "{e} (keys: db, show, agreements, config, noConfig, debounceMs); using the defaults"
                )
            }),
        }
    }
}

/// The configuration in force.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The workspace folder (where the project file is looked for and paths are relative to).
    pub root: Option<PathBuf>,
    /// The project file, when there is one.
    pub project: Option<Config>,
    /// The database files in force (absolute); empty: the built-in database.
    pub db_paths: Vec<PathBuf>,
    /// The severity of a conflict: Error, or Warning when `fail-on = "never"`.
    pub conflict: DiagnosticSeverity,
    /// The severity of an agreement, or `None` when agreements are not shown.
    pub agreement: Option<DiagnosticSeverity>,
    pub debounce: std::time::Duration,
}

/// Settings and the database they name.
pub struct Loaded {
    pub settings: Settings,
    /// `Err`: what is wrong with the project file or a database (file, line, column).
    pub db: Result<Arc<Database>, String>,
}

impl Settings {
    /// Reads the project file and the databases. Problems with the project file are
    /// reported and it is left out; problems with a database are returned in `db`.
    pub fn load(root: Option<&Path>, options: &Options, problems: &mut Vec<String>) -> Loaded {
        let project_path = if options.no_config {
            None
        } else if let Some(p) = &options.config {
            Some(resolve(root, p))
        } else {
            root.and_then(Config::find)
        };
        let project = match project_path.map(|p| Config::load(&p)).transpose() {
            Ok(c) => c,
            Err(e) => {
                problems.push(format!(
                    "{e}\nthe project file is left out until it is fixed"
                ));
                None
            }
        };
        let db_paths: Vec<PathBuf> = match &options.db {
            Some(paths) => paths.iter().map(|p| resolve(root, p)).collect(),
            None => project
                .as_ref()
                .map(|c| c.db_paths().iter().map(|p| resolve(root, p)).collect())
                .unwrap_or_default(),
        };
        let show = options
            .show
            .or(project.as_ref().and_then(|c| c.show))
            .unwrap_or(Show::All);
        let agreement = match (show, options.agreements.unwrap_or(Agreements::Information)) {
            (Show::Conflicts, _) | (_, Agreements::Off) => None,
            (Show::All, Agreements::Information) => Some(DiagnosticSeverity::INFORMATION),
            (Show::All, Agreements::Hint) => Some(DiagnosticSeverity::HINT),
        };
        // A project that never fails on conflicts shows them as warnings.
        let conflict = match project.as_ref().and_then(|c| c.fail_on) {
            Some(FailOn::Never) => DiagnosticSeverity::WARNING,
            _ => DiagnosticSeverity::ERROR,
        };
        let names: Vec<String> = db_paths
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let db = crate::cli::load_databases(&names).map(Arc::new);
        Loaded {
            settings: Settings {
                root: root.map(Path::to_path_buf),
                project,
                db_paths,
                conflict,
                agreement,
                debounce: std::time::Duration::from_millis(
                    options.debounce_ms.unwrap_or(DEFAULT_DEBOUNCE_MS),
                ),
            },
            db,
        }
    }

    /// Whether a change to `path` means reloading: a database in force, the project file,
    /// or a project file that may now be found.
    pub fn watches(&self, path: &Path) -> bool {
        let same = |a: &Path| same_file(a, path);
        self.db_paths.iter().any(|p| same(p))
            || self.project.as_ref().is_some_and(|c| same(&c.path))
            || path
                .file_name()
                .is_some_and(|n| crate::cli::config::NAMES.iter().any(|m| n == *m))
    }

    /// Whether `check` would check `path` when walking the workspace: not hidden, not
    /// ignored by .gitignore and its kin, selected by the project's `include`/`exclude`.
    /// Files outside the workspace folder are always checked, as `check FILE` would.
    pub fn walked(&self, path: &Path) -> bool {
        let Some(root) = &self.root else { return true };
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        // Outside the folder, or not on disk yet (a new buffer): checked, as `check FILE`.
        if !path.starts_with(&root) || path == root || !path.exists() {
            return true;
        }
        let (include, exclude) = self
            .project
            .as_ref()
            .map_or((&[][..], &[][..]), |c| (&c.include[..], &c.exclude[..]));
        let filter = match crate::cli::walk::GlobFilter::new(include, exclude) {
            Ok(f) => std::sync::Arc::new(f),
            Err(_) => return true,
        };
        let mut builder = ignore::WalkBuilder::new(&root);
        // The same walk as `check DIR`, pruned to the directories that lead to `path`.
        builder
            .hidden(true)
            .git_ignore(true)
            .git_global(true)
            .git_exclude(true)
            .ignore(true)
            .parents(true)
            .require_git(false);
        {
            let (filter, root, target) = (filter.clone(), root.clone(), path.clone());
            builder.filter_entry(move |e| {
                target.starts_with(e.path()) && !filter.excludes(&root, e.path())
            });
        }
        builder
            .build()
            .filter_map(Result::ok)
            .any(|e| e.path() == path && filter.includes(&root, e.path()))
    }
}

/// `p` relative to the workspace folder (or as given when absolute or without a folder).
fn resolve(root: Option<&Path>, p: &str) -> PathBuf {
    let p = Path::new(p);
    match root {
        Some(r) if p.is_relative() => r.join(p),
        _ => p.to_path_buf(),
    }
}

/// Two paths name the same file (compared canonically when they exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    a == b || canon(a) == canon(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_override_the_project_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("claimcheck.toml"),
            "db = [\"nope.toml\"]\nshow = \"conflicts\"\nfail-on = \"never\"\n",
        )
        .unwrap();
        let mut problems = Vec::new();
        let loaded = Settings::load(Some(root), &Options::default(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let err = loaded.db.err().unwrap();
        assert!(err.contains("nope.toml"), "{err}");
        assert_eq!(loaded.settings.agreement, None);
        assert_eq!(loaded.settings.conflict, DiagnosticSeverity::WARNING);
        assert!(loaded.settings.watches(&root.join("nope.toml")));

        let options = Options::from_json(Some(serde_json::json!({
            "db": [], "show": "all", "agreements": "hint", "debounceMs": 0
        })))
        .unwrap();
        let loaded = Settings::load(Some(root), &options, &mut problems);
        assert!(loaded.db.is_ok());
        assert_eq!(loaded.settings.agreement, Some(DiagnosticSeverity::HINT));
        assert_eq!(loaded.settings.debounce, std::time::Duration::ZERO);

        let e = Options::from_json(Some(serde_json::json!({"databases": []}))).unwrap_err();
        assert!(e.contains("databases") && e.contains("keys:"), "{e}");
    }

    #[test]
    fn a_broken_project_file_is_reported_and_left_out() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("claimcheck.toml"), "formats = 1\n").unwrap();
        let mut problems = Vec::new();
        let loaded = Settings::load(Some(dir.path()), &Options::default(), &mut problems);
        assert!(loaded.settings.project.is_none());
        assert!(problems[0].contains("claimcheck.toml:1:1"), "{problems:?}");
        assert!(loaded.db.is_ok());
    }

    #[test]
    fn ignored_hidden_and_excluded_files_are_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for d in ["drafts", "docs", ".hidden"] {
            std::fs::create_dir(root.join(d)).unwrap();
        }
        std::fs::write(root.join(".gitignore"), "drafts/\n").unwrap();
        std::fs::write(root.join("claimcheck.toml"), "exclude = [\"old.md\"]\n").unwrap();
        for f in ["drafts/a.md", "docs/b.md", ".hidden/c.md", "docs/old.md"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let loaded = Settings::load(Some(root), &Options::default(), &mut Vec::new());
        let s = loaded.settings;
        assert!(s.walked(&root.join("docs/b.md")));
        assert!(!s.walked(&root.join("drafts/a.md")));
        assert!(!s.walked(&root.join(".hidden/c.md")));
        assert!(!s.walked(&root.join("docs/old.md")));
        assert!(s.walked(Path::new("/elsewhere/x.md")));
    }
}
