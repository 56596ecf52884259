//! `claimcheck man`: one full manual page (roff) — the top-level page, then a section for
//! every subcommand with its synopsis, description and options, then the exit status.

use std::io::{self, Write};

use clap::CommandFactory;

use super::Cli;

/// The exit status section, shared by every command.
const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
No conflict found (or nothing \fB\-\-fail\-on\fR counts); for the database tools, success.
.TP
\fB1\fR
\fBcheck\fR: at least one conflict (or what \fB\-\-fail\-on\fR names). \fBdb test\fR: an
example failed. \fBdb lint\fR: an error in a database.
.TP
\fB2\fR
An error: bad usage, an unreadable path, a database, project file or baseline with errors,
an input over a size limit. Other paths are still checked and reported.
.TP
\fB141\fR
\fBcheck\fR: the output was closed (\fB| head\fR) before any conflict was seen, so the run
stopped without knowing.
"#;

/// Writes the manual page.
pub fn render(out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    clap_mangen::Man::new(cmd.clone()).render(out)?;
    for sub in cmd.get_subcommands() {
        section(sub, out)?;
    }
    out.write_all(EXIT_STATUS.as_bytes())
}

/// A subcommand's section (and its own subcommands').
fn section(cmd: &clap::Command, out: &mut dyn Write) -> io::Result<()> {
    if cmd.get_name() == "help" {
        return Ok(());
    }
    let name = cmd.get_bin_name().unwrap_or(cmd.get_name()).to_uppercase();
    writeln!(out, ".SH \"{}\"", name.replace('"', ""))?;
    let man = clap_mangen::Man::new(cmd.clone());
    let mut roff = Vec::new();
    man.render_synopsis_section(&mut roff)?;
    man.render_description_section(&mut roff)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut roff)?;
    }
    // The page's sections become subsections of the command's.
    let roff = String::from_utf8_lossy(&roff).replace("\n.SH ", "\n.SS ");
    let roff = roff
        .strip_prefix(".SH ")
        .map_or(roff.clone(), |r| format!(".SS {r}"));
    out.write_all(roff.as_bytes())?;
    for sub in cmd.get_subcommands() {
        section(sub, out)?;
    }
    Ok(())
}
