//! The checking thread: documents are checked off the thread that talks to the client, so a
//! hover is answered while a large document is being checked. Only the newest job of each
//! document is run; results carry the version they are for, and the server drops those that
//! are no longer current.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc;

use super::dbdoc;
use super::prose::{self, Found};
use crate::db::Database;
use crate::lint::Problem;
use crate::markup::Format;

/// A document to check.
pub enum Job {
    /// A prose document against the database in force.
    Prose {
        uri: String,
        /// The document's edit stamp when the job was made (see `Document::stamp`).
        stamp: u64,
        /// The configuration generation the database belongs to.
        generation: u64,
        format: Format,
        text: Arc<str>,
        db: Arc<Database>,
    },
    /// A claims database being edited.
    Database {
        uri: String,
        /// The document's edit stamp when the job was made (see `Document::stamp`).
        stamp: u64,
        /// The name problems are reported under.
        name: String,
        text: Arc<str>,
        /// Also run the claims' examples (on open and save).
        examples: bool,
    },
}

impl Job {
    fn uri(&self) -> &str {
        match self {
            Job::Prose { uri, .. } | Job::Database { uri, .. } => uri,
        }
    }
}

/// A job's result.
pub enum Done {
    Prose {
        uri: String,
        stamp: u64,
        generation: u64,
        found: Vec<Found>,
    },
    Database {
        uri: String,
        stamp: u64,
        examples: bool,
        problems: Vec<Problem>,
    },
    /// The engine failed on a document (a bug): the server logs it and goes on.
    Failed { uri: String, message: String },
}

/// Starts the checking thread; results go to `deliver` until it returns false.
pub fn spawn(deliver: impl Fn(Done) -> bool + Send + 'static) -> mpsc::Sender<Job> {
    let (tx, rx) = mpsc::channel::<Job>();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            // Jobs that queued up while the last one ran: only the newest per document.
            let mut jobs = vec![first];
            jobs.extend(rx.try_iter());
            let mut newest: HashMap<String, usize> = HashMap::new();
            for (k, j) in jobs.iter().enumerate() {
                newest.insert(j.uri().to_string(), k);
            }
            for (k, job) in jobs.into_iter().enumerate() {
                if newest.get(job.uri()) != Some(&k) {
                    continue;
                }
                if !deliver(run(job)) {
                    return;
                }
            }
        }
    });
    tx
}

/// Runs one job; a panic in the engine becomes a `Failed` result instead of a dead thread.
fn run(job: Job) -> Done {
    let uri = job.uri().to_string();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match job {
        Job::Prose {
            uri,
            stamp,
            generation,
            format,
            text,
            db,
        } => Done::Prose {
            found: prose::check_document(&db, format, &text),
            uri,
            stamp,
            generation,
        },
        Job::Database {
            uri,
            stamp,
            name,
            text,
            examples,
        } => Done::Database {
            problems: dbdoc::problems(&name, &text, examples),
            uri,
            stamp,
            examples,
        },
    }));
    outcome.unwrap_or_else(|_| Done::Failed {
        uri,
        message: "internal error while checking (a bug in claimcheck; please report it \
                  with the document)"
            .to_string(),
    })
}
