//! Documents kept in sync with the client and checked: open, change (debounced), save,
//! close; what kind of document each is; handing checks to the worker and publishing what
//! comes back; reloads when a watched file or the settings change.

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use lsp_types::notification::Notification as _;
use lsp_types::{self as lsp, MessageType, notification as note};

use super::documents::{Document, Kind};
use super::server::Server;
use super::settings::Options;
use super::worker::Job;
use super::{dbdoc, prose};

impl<W: Write> Server<W> {
    /// Decides what an open document is under the settings in force.
    pub(super) fn classify(&mut self, uri: &str) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        let path = doc.path.clone();
        let toml = doc.language_id == "toml"
            || path
                .as_ref()
                .is_some_and(|p| p.extension().is_some_and(|e| e == "toml"));
        let kind = if dbdoc::is_database(path.as_deref(), &doc.text, &self.settings) {
            Kind::Database
        } else if toml {
            Kind::Skipped("a TOML file that is not a claims database".to_string())
        } else if path.as_ref().is_some_and(|p| !self.settings.walked(p)) {
            Kind::Skipped(
                "check skips it in the workspace (.gitignore, a hidden path, or the project's \
                 include/exclude)"
                    .to_string(),
            )
        } else {
            Kind::Prose(prose::format_of(&doc.language_id, &doc.name()))
        };
        if doc.kind != kind {
            doc.kind = kind;
            doc.found = None;
            doc.problems = None;
            if let Kind::Skipped(why) = &doc.kind
                && !why.starts_with("a TOML")
            {
                let m = format!("{}: not checked: {why}", doc.name());
                self.log(MessageType::INFO, m);
            }
        }
    }

    /// Checks a document after `delay` (keeping an earlier deadline).
    pub(super) fn schedule(&mut self, uri: &str, delay: Duration, examples: bool) {
        let at = Instant::now() + delay;
        let entry = self.due.entry(uri.to_string()).or_insert((at, examples));
        entry.0 = entry.0.min(at);
        entry.1 |= examples;
    }

    pub(super) fn start_check(&mut self, uri: &str, examples: bool) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let job = match &doc.kind {
            Kind::Prose(format) => {
                let Some(db) = &self.db else { return };
                Job::Prose {
                    uri: uri.to_string(),
                    stamp: doc.stamp,
                    generation: self.generation,
                    format: *format,
                    text: doc.text.clone(),
                    db: db.clone(),
                }
            }
            Kind::Database => Job::Database {
                uri: uri.to_string(),
                stamp: doc.stamp,
                name: doc.name(),
                text: doc.text.clone(),
                examples,
            },
            Kind::Skipped(_) => return self.publish(uri),
        };
        // The thread only stops with the process; a failed send means it died.
        if self.worker.send(job).is_err() {
            self.log(
                MessageType::ERROR,
                "the checking thread has stopped".to_string(),
            );
        }
    }

    /// Publishes the diagnostics of a document's current results.
    pub(super) fn publish(&mut self, uri: &str) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let diagnostics = match (&doc.kind, &self.db) {
            (Kind::Prose(_), Some(db)) => match &doc.found {
                Some((_, found)) => {
                    prose::diagnostics(db, found, &doc.text, &doc.lines, self.enc, &self.settings)
                }
                None => return,
            },
            (Kind::Database, _) => match &doc.problems {
                Some((problems, _)) => {
                    dbdoc::diagnostics(problems, &doc.text, &doc.lines, self.enc)
                }
                None => return,
            },
            _ => Vec::new(),
        };
        let params = lsp::PublishDiagnosticsParams {
            uri: match doc.uri.parse() {
                Ok(u) => u,
                Err(_) => return,
            },
            diagnostics,
            version: Some(doc.version),
        };
        self.notify(note::PublishDiagnostics::METHOD, params);
    }

    pub(super) fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let d = p.text_document;
        let uri = d.uri.as_str().to_string();
        let mut doc = Document::new(uri.clone(), d.language_id, d.version, d.text);
        self.next_stamp += 1;
        doc.stamp = self.next_stamp;
        self.docs.insert(uri.clone(), doc);
        self.classify(&uri);
        self.schedule(&uri, Duration::ZERO, true);
    }

    pub(super) fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let uri = p.text_document.uri.as_str().to_string();
        let enc = self.enc;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return self.log(
                MessageType::WARNING,
                format!("{uri}: a change to a document that is not open"),
            );
        };
        doc.apply(p.content_changes, p.text_document.version, enc);
        self.next_stamp += 1;
        doc.stamp = self.next_stamp;
        let delay = self.settings.debounce;
        self.schedule(&uri, delay, false);
    }

    pub(super) fn did_save(&mut self, p: lsp::DidSaveTextDocumentParams) {
        let uri = p.text_document.uri.as_str().to_string();
        let path = super::documents::file_path(&uri);
        if path.as_ref().is_some_and(|p| self.settings.watches(p)) {
            self.reload();
        }
        // On save a database document also has its examples run.
        if self.docs.contains_key(&uri) {
            self.schedule(&uri, Duration::ZERO, true);
        }
    }

    pub(super) fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        self.due.remove(uri.as_str());
        if self.docs.remove(uri.as_str()).is_some() {
            let params = lsp::PublishDiagnosticsParams {
                uri,
                diagnostics: Vec::new(),
                version: None,
            };
            self.notify(note::PublishDiagnostics::METHOD, params);
        }
    }

    pub(super) fn watched(&mut self, p: lsp::DidChangeWatchedFilesParams) {
        let relevant = p.changes.iter().any(|c| {
            super::documents::file_path(c.uri.as_str()).is_some_and(|p| self.settings.watches(&p))
        });
        if relevant {
            self.reload();
        }
    }

    pub(super) fn configuration(&mut self, p: lsp::DidChangeConfigurationParams) {
        // Settings come under a `claimcheck` key; other keys belong to other servers.
        let Some(ours) = p.settings.get("claimcheck").cloned() else {
            return;
        };
        match Options::from_json(Some(ours)) {
            Ok(o) if o != self.options => {
                self.options = o;
                self.reload();
            }
            Ok(_) => {}
            Err(e) => self.tell(MessageType::ERROR, format!("settings: {e}")),
        }
    }

    /// The findings of a document's current text (computed here if the checking thread has
    /// not delivered them yet).
    pub(super) fn current_findings(&mut self, uri: &str) -> Option<Arc<Vec<prose::Found>>> {
        let db = self.db.clone()?;
        let generation = self.generation;
        let doc = self.docs.get_mut(uri)?;
        let Kind::Prose(format) = doc.kind else {
            return None;
        };
        if let Some((g, found)) = &doc.found
            && *g == generation
        {
            return Some(found.clone());
        }
        let found = Arc::new(prose::check_document(&db, format, &doc.text));
        doc.found = Some((generation, found.clone()));
        Some(found)
    }
}
