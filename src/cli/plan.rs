//! What a `check` run will do, settled before anything is checked: the project file, the
//! databases, the inputs, the diff and the baseline. Every refusal here ends the run with
//! exit 2 and nothing checked.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::feed::Input;
use super::walk::{self, WalkOptions};
use super::{CheckArgs, Config, FailOn, Format, Show};
use crate::baseline::{self, Baseline, Remaining};
use crate::db::Database;
use crate::diff::ChangedLines;
use crate::input::read_limited;
use crate::report::InputError;

/// The largest baseline read (about 200,000 findings at 300 bytes each would be 64 MiB).
pub const MAX_BASELINE_BYTES: usize = 256 << 20;

/// Why a run does not start: details for stderr as they are (a database's problems, each
/// with its position), then the message.
#[derive(Debug)]
pub struct Refusal {
    pub details: Option<String>,
    pub message: String,
}

impl From<String> for Refusal {
    fn from(message: String) -> Refusal {
        Refusal {
            details: None,
            message,
        }
    }
}

/// A baseline read for `--baseline`.
pub struct BaselineIn {
    pub path: String,
    /// Entries per file, keyed by absolute path.
    pub entries: HashMap<PathBuf, Remaining>,
    /// How many entries it holds.
    pub len: usize,
}

/// Everything a run needs.
pub struct Plan {
    pub db: Database,
    /// The project file in use.
    pub config: Option<PathBuf>,
    pub format: Format,
    pub show: Show,
    pub fail_on: FailOn,
    pub inputs: Vec<Input>,
    /// Inputs that could not be expanded (a directory walk's errors, a bad glob).
    pub errors: Vec<InputError>,
    pub changed: Option<ChangedLines>,
    pub baseline: Option<BaselineIn>,
    /// `--write-baseline`: the file, and its folder as an absolute path.
    pub write_baseline: Option<(PathBuf, PathBuf)>,
    pub threads: usize,
    pub cwd: PathBuf,
}

/// Settles a run from its arguments (and the project file).
pub fn plan(mut args: CheckArgs) -> Result<Plan, Refusal> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let config_path = if args.no_config {
        None
    } else {
        match &args.config {
            Some(p) => Some(PathBuf::from(p)),
            None => Config::find(&cwd),
        }
    };
    let config = match &config_path {
        Some(p) => Config::load(p).map_err(|details| Refusal {
            details: Some(details),
            message: "the project file has errors; nothing was checked".into(),
        })?,
        None => Config::default(),
    };
    let dbs = if args.dbs.is_empty() {
        config.db_paths()
    } else {
        std::mem::take(&mut args.dbs)
    };
    let globs: Vec<String> = config.include.iter().chain(&args.globs).cloned().collect();
    let excludes: Vec<String> = config
        .exclude
        .iter()
        .chain(&args.excludes)
        .cloned()
        .collect();
    let db = super::load_databases(&dbs).map_err(|details| Refusal {
        details: Some(details),
        message: "the database has errors; nothing was checked".into(),
    })?;
    let is_stdin = |p: &Path| p.as_os_str() == "-";
    let stdin_uses = usize::from(args.files_from.as_deref().is_some_and(is_stdin))
        + usize::from(args.diff.as_deref() == Some("-"))
        + usize::from(args.paths.iter().any(|p| is_stdin(p)));
    if stdin_uses > 1 {
        return Err(
            "standard input can be read only once (--files-from -, --diff -, or `-`)"
                .to_string()
                .into(),
        );
    }
    let mut paths = std::mem::take(&mut args.paths);
    if let Some(from) = &args.files_from {
        paths.extend(walk::read_path_list(from)?);
        if paths.is_empty() {
            return Err(format!(
                "{}: the list of paths is empty; nothing to check",
                from.display()
            )
            .into());
        }
    }
    let changed = walk::changed_lines(&args, &cwd)?;
    let baseline = match &args.baseline {
        Some(path) => Some(read_baseline(path, &cwd)?),
        None => None,
    };
    let walk = WalkOptions {
        globs: &globs,
        excludes: &excludes,
        hidden: args.hidden,
        no_ignore: args.no_ignore,
    };
    let mut errors = Vec::new();
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("-");
    let inputs = walk::expand(&paths, stdin_name, &walk, &mut errors);
    let write_baseline = match &args.write_baseline {
        Some(p) => {
            let target = baseline::absolute(Path::new(p), &cwd);
            guard_baseline(p, &target, &paths, &inputs, &walk, &cwd)?;
            let folder = target
                .parent()
                .map_or_else(|| cwd.clone(), Path::to_path_buf);
            Some((PathBuf::from(p), folder))
        }
        None => None,
    };
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    Ok(Plan {
        db,
        format: args.format.or(config.format).unwrap_or(Format::Human),
        show: args.show.or(config.show).unwrap_or(Show::All),
        fail_on: args.fail_on.or(config.fail_on).unwrap_or(FailOn::Conflicts),
        config: config_path,
        inputs,
        errors,
        changed,
        baseline,
        write_baseline,
        // More threads than CPUs only add switching: the work is all computation.
        threads: args.threads.unwrap_or(cpus).clamp(1, cpus),
        cwd,
    })
}

/// Reads `--baseline`.
fn read_baseline(path: &str, cwd: &Path) -> Result<BaselineIn, Refusal> {
    let refuse = |msg: String| {
        format!("{path}: cannot use the baseline: {msg} (write one with --write-baseline)")
    };
    let bytes =
        read_limited(Path::new(path), MAX_BASELINE_BYTES).map_err(|e| refuse(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| refuse("not valid UTF-8".into()))?;
    let b = Baseline::parse(&text).map_err(refuse)?;
    let target = baseline::absolute(Path::new(path), cwd);
    let folder = target.parent().unwrap_or(cwd);
    Ok(BaselineIn {
        path: path.to_string(),
        entries: b.by_path(folder, cwd),
        len: b.findings.len(),
    })
}

/// Refuses a `--write-baseline` path that would overwrite a file being checked, or that lies
/// where a later walk of the same directories would check it.
fn guard_baseline(
    shown: &str,
    target: &Path,
    paths: &[PathBuf],
    inputs: &[Input],
    walk: &WalkOptions,
    cwd: &Path,
) -> Result<(), Refusal> {
    let checked = inputs
        .iter()
        .filter_map(Input::path)
        .any(|p| baseline::absolute(p, cwd) == target);
    if checked {
        return Err(format!(
            "--write-baseline {shown} would overwrite a file being checked; \
             write the baseline to another file"
        )
        .into());
    }
    if target.exists() {
        return Ok(());
    }
    for root in paths.iter().filter(|p| p.is_dir()) {
        let root = baseline::absolute(root, cwd);
        if walk::would_walk(&root, target, walk) {
            return Err(format!(
                "--write-baseline {shown} lies in {}, which is being checked, so later runs \
                 would check the baseline too; give it a hidden name (.claimcheck-baseline.json) \
                 or write it outside",
                root.display()
            )
            .into());
        }
    }
    Ok(())
}
