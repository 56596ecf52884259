//! Progress on stderr for long runs (files or documents done, rate, findings so far):
//! forced by `--progress`, off with `--no-progress`, otherwise drawn only when stderr is a
//! terminal and `CI` is not set, so logs never fill with it.

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use super::CheckArgs;

/// A progress line on stderr: forced by `--progress`, off with `--no-progress`, otherwise on
/// when stderr is a terminal and `CI` is not set (never in logs).
pub(super) fn progress_bar(args: &CheckArgs, unit: &str) -> Option<indicatif::ProgressBar> {
    let on = if args.progress {
        true
    } else if args.no_progress {
        false
    } else {
        io::stderr().is_terminal() && std::env::var_os("CI").is_none_or(|v| v.is_empty())
    };
    if !on {
        return None;
    }
    let pb = indicatif::ProgressBar::with_draw_target(
        None,
        // A forced bar draws even when stderr is not a terminal (for logs that want it).
        if io::stderr().is_terminal() {
            indicatif::ProgressDrawTarget::stderr()
        } else {
            indicatif::ProgressDrawTarget::term_like_with_hz(
                Box::new(LogLines),
                LOG_LINES_PER_SECOND,
            )
        },
    );
    let style = indicatif::ProgressStyle::with_template(&format!(
        "{{spinner}} {{pos}} {unit} [{{elapsed_precise}}] {{per_sec}}  {{msg}}"
    ))
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    pb.set_style(style);
    if io::stderr().is_terminal() {
        pb.enable_steady_tick(Duration::from_millis(200));
    }
    Some(pb)
}

/// Shows a file run's progress: files checked, findings so far.
pub(super) fn show_progress(pb: &indicatif::ProgressBar, s: &crate::report::Summary) {
    pb.set_position(s.files as u64);
    pb.set_message(format!("{} conflicts, {} agree", s.conflicts, s.agrees));
}

/// How often forced progress writes a line to a stderr that is not a terminal.
const LOG_LINES_PER_SECOND: u8 = 1;

/// Progress for a stderr that is not a terminal: whole lines, one a second at most.
#[derive(Debug)]
struct LogLines;

impl indicatif::TermLike for LogLines {
    fn width(&self) -> u16 {
        100
    }
    fn move_cursor_up(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn move_cursor_down(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn move_cursor_right(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn move_cursor_left(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn write_line(&self, s: &str) -> io::Result<()> {
        writeln!(io::stderr(), "{s}")
    }
    fn write_str(&self, s: &str) -> io::Result<()> {
        if s.trim().is_empty() {
            return Ok(());
        }
        writeln!(io::stderr(), "{s}")
    }
    fn clear_line(&self) -> io::Result<()> {
        Ok(())
    }
    fn flush(&self) -> io::Result<()> {
        io::stderr().flush()
    }
}
