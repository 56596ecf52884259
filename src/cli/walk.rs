//! Finding the inputs: walking directories (ignore files, globs), `--files-from`, and the
//! changed lines of `--diff-base` (git) or `--diff`.

use std::io::{self, Read};
use std::path::Path;

use super::CheckArgs;
use super::run::{self, Input};
use crate::diff::ChangedLines;
use crate::report::InputError;

/// How directories are walked.
pub struct WalkOptions<'a> {
    pub globs: &'a [String],
    pub excludes: &'a [String],
    pub hidden: bool,
    pub no_ignore: bool,
}

/// Expands directories (recursively, honouring ignore files, sorted) into files.
pub fn expand(
    paths: &[String],
    stdin_name: &str,
    walk: &WalkOptions,
    errors: &mut Vec<InputError>,
) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::Stdin(stdin_name.to_string())];
    }
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(Input::Stdin(stdin_name.to_string()));
            continue;
        }
        let path = Path::new(p);
        if !path.is_dir() {
            out.push(Input::File(p.clone()));
            continue;
        }
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
                        out.push(Input::File(e.path().to_string_lossy().into_owned()));
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
struct GlobFilter {
    include: Option<(globset::GlobSet, globset::GlobSet)>,
    exclude: (globset::GlobSet, globset::GlobSet),
}

impl GlobFilter {
    fn new(globs: &[String], excludes: &[String]) -> Result<GlobFilter, String> {
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

    fn excludes(&self, root: &Path, path: &Path) -> bool {
        path != root && GlobFilter::matches(&self.exclude, root, path)
    }

    fn includes(&self, root: &Path, path: &Path) -> bool {
        self.include
            .as_ref()
            .is_none_or(|set| GlobFilter::matches(set, root, path))
    }
}

/// Reads `--files-from`: one path per line, blank lines skipped.
pub fn read_path_list(from: &str) -> Result<Vec<String>, String> {
    let text = if from == "-" {
        let mut s = String::new();
        io::stdin()
            .lock()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read the list of paths from standard input: {e}"))?;
        s
    } else {
        std::fs::read_to_string(from).map_err(|e| {
            format!(
                "{from}: cannot read the list of paths: {}",
                run::describe_io(&e)
            )
        })?
    };
    Ok(text
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect())
}

/// The changed lines of `--diff-base REV` (git) or `--diff FILE`, keyed by absolute path.
pub fn changed_lines(args: &CheckArgs) -> Result<Option<ChangedLines>, String> {
    if let Some(rev) = &args.diff_base {
        let git = |args: &[&str]| -> Result<String, String> {
            let out = std::process::Command::new("git")
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
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let root = git(&["rev-parse", "--show-toplevel"])?;
        let root = Path::new(root.trim_end_matches(['\n', '\r']));
        let diff = git(&[
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--relative=",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            "--unified=0",
            rev,
            "--",
        ])?;
        let mut changed = ChangedLines::parse(&diff).map_err(|e| format!("git diff: {e}"))?;
        // Files not yet added to git are new in their entirety.
        let untracked = git(&["ls-files", "--others", "--exclude-standard", "--full-name"])?;
        for f in untracked.lines().filter(|l| !l.is_empty()) {
            changed.add_whole_file(f);
        }
        let changed = changed.rekey(|p| Some(run::absolute(&root.join(p).to_string_lossy())));
        return Ok(Some(changed));
    }
    if let Some(file) = &args.diff {
        let text = if file == "-" {
            let mut s = String::new();
            io::stdin()
                .lock()
                .read_to_string(&mut s)
                .map_err(|e| format!("cannot read the diff from standard input: {e}"))?;
            s
        } else {
            std::fs::read_to_string(file)
                .map_err(|e| format!("{file}: cannot read the diff: {}", run::describe_io(&e)))?
        };
        let changed = ChangedLines::parse(&text).map_err(|e| format!("{file}: {e}"))?;
        return Ok(Some(changed.rekey(|p| Some(run::absolute(p)))));
    }
    Ok(None)
}
