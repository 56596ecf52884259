//! The server's state and its answers to the client: the lifecycle (initialize, shutdown,
//! exit), documents opened, changed, saved and closed, configuration reloads, and the
//! results of the checking thread, published only while they are current.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::{self as lsp, MessageType, notification as note};
use serde_json::Value;

use super::documents::Document;
use super::position::Encoding;
use super::settings::{Options, Settings};
use super::transport::{Incoming, Output};
use super::worker::{Done, Job};
use crate::db::Database;

/// Where the server is in the protocol's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`: requests are refused with ServerNotInitialized.
    Waiting,
    Running,
    /// After `shutdown`: only `exit` is expected.
    ShutDown,
}

/// What the main loop does next.
pub enum Flow {
    Continue,
    /// Exit with this code.
    Exit(u8),
}

pub struct Server<W: Write> {
    out: Output<W>,
    phase: Phase,
    pub(super) enc: Encoding,
    root: Option<std::path::PathBuf>,
    pub(super) options: Options,
    pub(super) settings: Settings,
    /// The database in force; `None` when none could be loaded.
    pub(super) db: Option<Arc<Database>>,
    /// Bumped at each reload: results for an older configuration are dropped.
    pub(super) generation: u64,
    pub(super) docs: HashMap<String, Document>,
    /// Documents waiting to be checked, and when (changes are debounced).
    pub(super) due: HashMap<String, (Instant, bool)>,
    pub(super) worker: Sender<Job>,
    next_id: i32,
    /// The last edit stamp given to a document.
    pub(super) next_stamp: u64,
    /// Problems found while loading, told to the client once it is initialized.
    pending_messages: Vec<(MessageType, String)>,
    can_watch: bool,
    /// The file watchers are registered with the client.
    watching: bool,
}

/// The id of the file watchers' registration.
const WATCH_ID: &str = "claimcheck-watch";

impl<W: Write> Server<W> {
    pub fn new(out: Output<W>, worker: Sender<Job>) -> Server<W> {
        let mut problems = Vec::new();
        let loaded = Settings::load(None, &Options::default(), &mut problems);
        Server {
            out,
            phase: Phase::Waiting,
            enc: Encoding::Utf16,
            root: None,
            options: Options::default(),
            settings: loaded.settings,
            db: None,
            generation: 0,
            docs: HashMap::new(),
            due: HashMap::new(),
            worker,
            next_id: 0,
            next_stamp: 0,
            pending_messages: Vec::new(),
            can_watch: false,
            watching: false,
        }
    }

    /// When the next debounced check is due.
    pub fn next_due(&self) -> Option<Instant> {
        self.due.values().map(|(t, _)| *t).min()
    }

    /// Sends the checks that are due to the checking thread.
    pub fn run_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<(String, bool)> = self
            .due
            .iter()
            .filter(|(_, (t, _))| *t <= now)
            .map(|(u, (_, examples))| (u.clone(), *examples))
            .collect();
        for (uri, examples) in ready {
            self.due.remove(&uri);
            self.start_check(&uri, examples);
        }
    }

    /// One thing from the client.
    pub fn incoming(&mut self, item: Incoming) -> Flow {
        match item {
            Incoming::Message(Message::Request(r)) => self.request(r),
            Incoming::Message(Message::Notification(n)) => return self.notification(n),
            Incoming::Message(Message::Response(_)) => {} // answers to our registrations
            Incoming::Malformed(m) => {
                self.log(
                    MessageType::ERROR,
                    format!("malformed message: {}", m.message),
                );
                self.send_raw(&m.response());
            }
            Incoming::Closed(e) => {
                let why = e.map_or_else(|| "closed".to_string(), |e| format!("failed: {e}"));
                return Flow::Exit(if self.phase == Phase::ShutDown {
                    0
                } else {
                    // The client went away without `shutdown`: the protocol's error exit.
                    crate::lsp::log_stderr(&format!(
                        "the client's connection {why} before shutdown"
                    ));
                    1
                });
            }
        }
        Flow::Continue
    }

    /// A result from the checking thread: published if it is for the current version and
    /// configuration, dropped otherwise.
    pub fn done(&mut self, done: Done) {
        match done {
            Done::Prose {
                uri,
                stamp,
                generation,
                found,
            } => {
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return;
                };
                if doc.stamp != stamp || generation != self.generation {
                    return; // stale
                }
                doc.found = Some((generation, Arc::new(found)));
                self.publish(&uri);
            }
            Done::Database {
                uri,
                stamp,
                examples,
                problems,
            } => {
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return;
                };
                if doc.stamp != stamp {
                    return;
                }
                doc.problems = Some((problems, examples));
                self.publish(&uri);
            }
            Done::Failed { uri, message } => {
                self.log(MessageType::ERROR, format!("{uri}: {message}"))
            }
        }
    }

    fn request(&mut self, r: Request) {
        let id = r.id.clone();
        if self.phase == Phase::Waiting && r.method != "initialize" {
            return self.error(
                id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet",
            );
        }
        if self.phase != Phase::Waiting && r.method == "initialize" {
            return self.error(
                id,
                ErrorCode::InvalidRequest,
                "initialize was already received",
            );
        }
        if self.phase == Phase::ShutDown {
            return self.error(id, ErrorCode::InvalidRequest, "the server is shutting down");
        }
        let result = match r.method.as_str() {
            "initialize" => self.initialize(r.params),
            "shutdown" => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            "textDocument/hover" => parse(r.params).map(|p| to_json(self.hover(p))),
            "textDocument/codeAction" => parse(r.params).map(|p| to_json(self.code_actions(p))),
            "workspace/executeCommand" => parse(r.params).and_then(|p| self.execute(p)),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("claimcheck does not handle the request {other:?}"),
            )),
        };
        match result {
            Ok(v) => self.send(Response::new_ok(id, v).into()),
            Err((code, message)) => self.error(id, code, &message),
        }
    }

    fn notification(&mut self, n: Notification) -> Flow {
        if n.method == note::Exit::METHOD {
            return Flow::Exit(if self.phase == Phase::ShutDown { 0 } else { 1 });
        }
        if self.phase != Phase::Running {
            return Flow::Continue; // dropped, as the protocol says
        }
        let method = n.method.clone();
        let outcome = match method.as_str() {
            note::Initialized::METHOD => {
                self.initialized();
                Ok(())
            }
            note::DidOpenTextDocument::METHOD => parse(n.params).map(|p| self.did_open(p)),
            note::DidChangeTextDocument::METHOD => parse(n.params).map(|p| self.did_change(p)),
            note::DidSaveTextDocument::METHOD => parse(n.params).map(|p| self.did_save(p)),
            note::DidCloseTextDocument::METHOD => parse(n.params).map(|p| self.did_close(p)),
            note::DidChangeWatchedFiles::METHOD => parse(n.params).map(|p| self.watched(p)),
            note::DidChangeConfiguration::METHOD => parse(n.params).map(|p| self.configuration(p)),
            _ => Ok(()), // $/cancelRequest, $/setTrace and the rest need nothing
        };
        if let Err((_, message)) = outcome {
            self.log(MessageType::ERROR, format!("{method}: {message}"));
        }
        Flow::Continue
    }

    fn initialize(&mut self, params: Value) -> Result<Value, (ErrorCode, String)> {
        let p: lsp::InitializeParams = parse(params)?;
        self.enc = Encoding::negotiate(
            p.capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        self.can_watch = p
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)] // rootUri and rootPath: for clients without workspace folders
        let root = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .and_then(|f| super::documents::file_path(f.uri.as_str()))
            .or_else(|| {
                p.root_uri
                    .as_ref()
                    .and_then(|u| super::documents::file_path(u.as_str()))
            })
            .or_else(|| p.root_path.as_ref().map(std::path::PathBuf::from));
        self.root = root.or_else(|| std::env::current_dir().ok());
        self.options = match Options::from_json(p.initialization_options) {
            Ok(o) => o,
            Err(e) => {
                self.pending_messages
                    .push((MessageType::ERROR, format!("initializationOptions: {e}")));
                Options::default()
            }
        };
        self.phase = Phase::Running;
        self.reload();
        let result = lsp::InitializeResult {
            capabilities: super::capabilities(self.enc),
            server_info: Some(lsp::ServerInfo {
                name: "claimcheck".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        };
        Ok(to_json(result))
    }

    /// After `initialized`: what went wrong while loading, and the file watchers.
    fn initialized(&mut self) {
        for (t, m) in std::mem::take(&mut self.pending_messages) {
            self.tell(t, m);
        }
        self.watch();
    }

    /// Asks the client to watch the project files and the databases in force (again after a
    /// reload, which may name other databases).
    fn watch(&mut self) {
        if !self.can_watch {
            return;
        }
        if self.watching {
            let unregister = lsp::UnregistrationParams {
                unregisterations: vec![lsp::Unregistration {
                    id: WATCH_ID.to_string(),
                    method: note::DidChangeWatchedFiles::METHOD.to_string(),
                }],
            };
            self.request_client("client/unregisterCapability", unregister);
        }
        let mut globs = vec![
            "**/claimcheck.toml".to_string(),
            "**/.claimcheck.toml".to_string(),
        ];
        globs.extend(
            self.settings
                .db_paths
                .iter()
                .map(|p| p.to_string_lossy().into_owned()),
        );
        let watchers: Vec<lsp::FileSystemWatcher> = globs
            .into_iter()
            .map(|g| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(g),
                kind: None,
            })
            .collect();
        let registration = lsp::Registration {
            id: WATCH_ID.to_string(),
            method: note::DidChangeWatchedFiles::METHOD.to_string(),
            register_options: Some(to_json(lsp::DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })),
        };
        self.request_client(
            "client/registerCapability",
            lsp::RegistrationParams {
                registrations: vec![registration],
            },
        );
        self.watching = true;
    }

    /// Sends a request to the client (its answer is not waited for).
    fn request_client(&mut self, method: &str, params: impl serde::Serialize) {
        self.next_id += 1;
        let id = RequestId::from(format!("claimcheck-{}", self.next_id));
        self.send(Request::new(id, method.to_string(), params).into());
    }

    /// Reads the configuration and databases again; every open document is checked again.
    pub(super) fn reload(&mut self) {
        let mut problems = Vec::new();
        let loaded = Settings::load(self.root.as_deref(), &self.options, &mut problems);
        self.settings = loaded.settings;
        for p in problems {
            self.tell(MessageType::ERROR, p);
        }
        match loaded.db {
            Ok(db) => {
                self.log(
                    MessageType::INFO,
                    format!(
                        "{} claims from {}",
                        db.claims.len(),
                        if self.settings.db_paths.is_empty() {
                            "the built-in database".to_string()
                        } else {
                            self.settings
                                .db_paths
                                .iter()
                                .map(|p| p.display().to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    ),
                );
                self.db = Some(db);
            }
            Err(e) => {
                let keeping = if self.db.is_some() {
                    "the previous database stays in use until it is fixed"
                } else {
                    "nothing is checked until it is fixed"
                };
                self.tell(
                    MessageType::ERROR,
                    format!("{e}\nthe database has errors; {keeping}"),
                );
            }
        }
        self.generation += 1;
        if self.watching {
            self.watch();
        }
        let uris: Vec<String> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.classify(&uri);
            self.schedule(&uri, Duration::ZERO, false);
        }
    }

    pub(super) fn log(&mut self, typ: MessageType, message: String) {
        self.notify(
            note::LogMessage::METHOD,
            lsp::LogMessageParams { typ, message },
        );
    }

    /// Logs a message and shows it to the user.
    pub(super) fn tell(&mut self, typ: MessageType, message: String) {
        if self.phase == Phase::Waiting {
            return self.pending_messages.push((typ, message));
        }
        self.log(typ, message.clone());
        self.notify(
            note::ShowMessage::METHOD,
            lsp::ShowMessageParams { typ, message },
        );
    }

    pub(super) fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params).into());
    }

    fn error(&mut self, id: RequestId, code: ErrorCode, message: &str) {
        self.send(Response::new_err(id, code as i32, message.to_string()).into());
    }

    fn send(&mut self, m: Message) {
        // A client that is gone shows up as the end of its input, which ends the loop.
        let _ = self.out.send(m);
    }

    fn send_raw(&mut self, v: &Value) {
        let _ = self.out.send_raw(v);
    }
}

/// Reads request or notification parameters; a mismatch is InvalidParams.
pub(super) fn parse<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(v)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}

/// A result as JSON (the protocol's types always serialize).
pub(super) fn to_json(v: impl serde::Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}
