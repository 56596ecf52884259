//! `claimcheck lsp`: a language server for prose and for claims databases, over stdio.
//!
//! Built on `lsp-server` and `lsp-types` (rust-analyzer's): a synchronous server, no async
//! runtime, so the event loop — debounced checks, results dropped when their version is
//! stale — is plain code around the synchronous engine. One thread reads the client
//! ([`transport`]), one checks documents ([`worker`]), and the main thread holds the state
//! ([`server`], [`sync`] for documents, [`features`] for requests) and answers.

mod actions;
mod dbdoc;
mod documents;
mod features;
mod hover;
mod position;
mod prose;
mod server;
mod settings;
mod sync;
mod transport;
mod worker;

use std::io::{self, BufRead, Write};
use std::sync::mpsc;

use lsp_types as lsp;

pub use position::{Encoding, LineIndex};
pub use settings::{DEFAULT_DEBOUNCE_MS, Options};

use server::{Flow, Server};
use transport::{Incoming, Output};
use worker::Done;

/// What the main loop waits for.
enum Event {
    Incoming(Incoming),
    Done(Done),
}

/// Runs the server on standard input and output; returns the exit code (0 after
/// `shutdown` and `exit`, 1 when the client exits or goes away without `shutdown`).
pub fn run() -> u8 {
    serve(io::BufReader::new(io::stdin()), io::stdout())
}

/// Runs the server on any pair of streams (the reader runs on its own thread).
pub fn serve(input: impl BufRead + Send + 'static, output: impl Write) -> u8 {
    let (tx, rx) = mpsc::channel::<Event>();
    let reader = tx.clone();
    std::thread::spawn(move || {
        transport::read_loop(input, |m| reader.send(Event::Incoming(m)).is_ok());
    });
    let worker = worker::spawn(move |d| tx.send(Event::Done(d)).is_ok());
    let mut server = Server::new(Output::new(io::BufWriter::new(output)), worker);
    loop {
        let event = match server.next_due() {
            Some(at) => {
                let wait = at.saturating_duration_since(std::time::Instant::now());
                match rx.recv_timeout(wait) {
                    Ok(e) => Some(e),
                    Err(mpsc::RecvTimeoutError::Timeout) => None,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return 1,
                }
            }
            None => match rx.recv() {
                Ok(e) => Some(e),
                Err(_) => return 1,
            },
        };
        match event {
            Some(Event::Incoming(m)) => {
                if let Flow::Exit(code) = server.incoming(m) {
                    return code;
                }
            }
            Some(Event::Done(d)) => server.done(d),
            None => {}
        }
        server.run_due();
    }
}

/// What the server offers.
fn capabilities(enc: Encoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(
                    lsp::SaveOptions {
                        include_text: Some(false),
                    },
                )),
                ..lsp::TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::new("quickfix.explain"),
                ]),
                ..lsp::CodeActionOptions::default()
            },
        )),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: vec![actions::EXPLAIN_COMMAND.to_string()],
            ..lsp::ExecuteCommandOptions::default()
        }),
        ..lsp::ServerCapabilities::default()
    }
}

/// A last word on stderr (which clients keep as the server's log), when the client can no
/// longer be told.
fn log_stderr(message: &str) {
    let _ = writeln!(io::stderr(), "claimcheck lsp: {message}");
}
