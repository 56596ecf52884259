//! Finding the inputs: walking directories (ignore files, globs), `--files-from`, and the
//! changed lines of `--diff-base` (git) or `--diff`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::CheckArgs;
use super::feed::Input;
use crate::diff::ChangedLines;
use crate::input::read_limited;
use crate::report::InputError;

/// The largest `--files-from` list read.
pub const MAX_LIST_BYTES: usize = 64 << 20;

/// The largest `--diff` read.
pub const MAX_DIFF_BYTES: usize = 256 << 20;

/// How directories are walked.
pub struct WalkOptions<'a> {
    pub globs: &'a [String],
    pub excludes: &'a [String],
    pub hidden: bool,
    pub no_ignore: bool,
}

/// Expands directories (recursively, honouring ignore files, sorted) into files.
pub fn expand(
    paths: &[PathBuf],
    stdin_name: &str,
    walk: &WalkOptions,
    errors: &mut Vec<InputError>,
) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::Stdin(stdin_name.to_string())];
    }
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Input::Stdin(stdin_name.to_string()));
            continue;
        }
        if !path.is_dir() {
            out.push(Input::file(path));
            continue;
        }
        let p = path.to_string_lossy().into_owned();
        let mut builder = ignore::WalkBuilder::new(path);
        builder
            .sort_by_file_path(|a, b| a.cmp(b))
            .hidden(!walk.hidden)
            .git_ignore(!walk.no_ignore)
            .git_global(!walk.no_ignore)
            .git_exclude(!walk.no_ignore)
            .ignore(!walk.no_ignore)
            .parents(!walk.no_ignore)
            // .gitignore files count even outside a git repository, as in ripgrep.
            .require_git(false);
        let filter = match GlobFilter::new(walk.globs, walk.excludes) {
            Ok(f) => std::sync::Arc::new(f),
            Err(message) => {
                errors.push(InputError {
                    path: p.clone(),
                    message,
                });
                continue;
            }
        };
        let root = path.to_path_buf();
        {
            let (filter, root) = (filter.clone(), root.clone());
            builder.filter_entry(move |e| !filter.excludes(&root, e.path()));
        }
        for entry in builder.build() {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    if filter.includes(&root, e.path()) {
                        out.push(Input::file(e.path()));
                    }
                }
                Ok(_) => {}
                Err(e) => errors.push(InputError {
                    path: p.clone(),
                    message: e.to_string(),
                }),
            }
        }
    }
    out
}

/// `--glob` / `--exclude` (and the project file's `include` / `exclude`), applied after the
/// ignore files, so an ignored file stays ignored. A glob without `/` matches a name at any
/// depth; one with `/` matches the path relative to the directory walked.
pub(crate) struct GlobFilter {
    include: Option<(globset::GlobSet, globset::GlobSet)>,
    exclude: (globset::GlobSet, globset::GlobSet),
}

impl GlobFilter {
    pub(crate) fn new(globs: &[String], excludes: &[String]) -> Result<GlobFilter, String> {
        let mut include = Vec::new();
        let mut exclude: Vec<&str> = excludes.iter().map(String::as_str).collect();
        for g in globs {
            match g.strip_prefix('!') {
                Some(negated) => exclude.push(negated),
                None => include.push(g.as_str()),
            }
        }
        let sets = |globs: &[&str]| -> Result<(globset::GlobSet, globset::GlobSet), String> {
            let mut names = globset::GlobSetBuilder::new();
            let mut paths = globset::GlobSetBuilder::new();
            for g in globs {
                let glob = globset::GlobBuilder::new(g.trim_start_matches('/'))
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("not a valid glob: {e}"))?;
                if g.contains('/') {
                    paths.add(glob);
                } else {
                    names.add(glob);
                }
            }
            let build = |b: globset::GlobSetBuilder| b.build().map_err(|e| e.to_string());
            Ok((build(names)?, build(paths)?))
        };
        Ok(GlobFilter {
            include: if include.is_empty() {
                None
            } else {
                Some(sets(&include)?)
            },
            exclude: sets(&exclude)?,
        })
    }

    fn matches(set: &(globset::GlobSet, globset::GlobSet), root: &Path, path: &Path) -> bool {
        let relative = path.strip_prefix(root).unwrap_or(path);
        path.file_name().is_some_and(|n| set.0.is_match(n)) || set.1.is_match(relative)
    }

    pub(crate) fn excludes(&self, root: &Path, path: &Path) -> bool {
        path != root && GlobFilter::matches(&self.exclude, root, path)
    }

    pub(crate) fn includes(&self, root: &Path, path: &Path) -> bool {
        self.include
            .as_ref()
            .is_none_or(|set| GlobFilter::matches(set, root, path))
    }
}

/// Reads `--files-from`: one path per line (any bytes but NUL and newline: a file name need
/// not be UTF-8), blank lines skipped.
pub fn read_path_list(from: &Path) -> Result<Vec<PathBuf>, String> {
    let shown = if from.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        from.display().to_string()
    };
    let bytes = read_limited(from, MAX_LIST_BYTES)
        .map_err(|e| format!("{shown}: cannot read the list of paths: {e}"))?;
    Ok(bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .map(path_from_bytes)
        .collect())
}

/// A path from the bytes of its name.
#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Runs git with `args`; its standard output, or an error with its message.
fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = std::process::Command::new("git")
        // Names as they are (not C-quoted octal): the diff reader unquotes what is left.
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .map_err(|e| format!("--diff-base needs git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// The commit `rev` names, checked by git as a revision (never read as an option: a value
/// such as `--output=x` is refused, not obeyed).
fn commit_of(rev: &str) -> Result<String, String> {
    let spec = format!("{rev}^{{commit}}");
    let out = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        &spec,
    ])
    .map_err(|_| format!("--diff-base {rev}: not a commit in this git repository"))?;
    let hash = String::from_utf8_lossy(&out).trim().to_string();
    if hash.is_empty() || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!(
            "--diff-base {rev}: not a commit in this git repository"
        ));
    }
    Ok(hash)
}

/// The changed lines of `--diff-base REV` (git) or `--diff FILE`, keyed by absolute path.
pub fn changed_lines(args: &CheckArgs, cwd: &Path) -> Result<Option<ChangedLines>, String> {
    let key = |p: &Path| super::run::absolute(p, cwd).to_string_lossy().into_owned();
    if let Some(rev) = &args.diff_base {
        let commit = commit_of(rev)?;
        let root = String::from_utf8_lossy(&git(&["rev-parse", "--show-toplevel"])?).into_owned();
        let root = Path::new(root.trim_end_matches(['\n', '\r']));
        let diff = git(&[
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--relative=",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            "--unified=0",
            "--end-of-options",
            &commit,
            "--",
        ])?;
        let mut changed = ChangedLines::parse(&String::from_utf8_lossy(&diff))
            .map_err(|e| format!("git diff: {e}"))?;
        // Files not yet added to git are new in their entirety (NUL-separated: any name).
        let untracked = git(&[
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--full-name",
        ])?;
        for f in untracked.split(|&b| b == 0).filter(|f| !f.is_empty()) {
            changed.add_whole_file(&String::from_utf8_lossy(f));
        }
        let changed = changed.rekey(|p| Some(key(&root.join(p))));
        return Ok(Some(changed));
    }
    if let Some(file) = &args.diff {
        let shown = if file == "-" { "standard input" } else { file };
        let bytes = read_limited(Path::new(file), MAX_DIFF_BYTES)
            .map_err(|e| format!("{shown}: cannot read the diff: {e}"))?;
        let changed = ChangedLines::parse(&String::from_utf8_lossy(&bytes))
            .map_err(|e| format!("{shown}: {e}"))?;
        return Ok(Some(changed.rekey(|p| Some(key(Path::new(p))))));
    }
    Ok(None)
}

/// Whether a file not yet written at `path` would be found by walking `root` (it lies inside,
/// and neither a hidden name nor the globs leave it out; ignore files are not consulted).
pub fn would_walk(root: &Path, path: &Path, walk: &WalkOptions) -> bool {
    let Ok(rest) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = rest
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden && !walk.hidden {
        return false;
    }
    match GlobFilter::new(walk.globs, walk.excludes) {
        Ok(f) => {
            f.includes(root, path)
                && !path
                    .ancestors()
                    .take_while(|a| a.starts_with(root))
                    .any(|a| f.excludes(root, a))
        }
        Err(_) => false,
    }
}
