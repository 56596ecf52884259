//! Requests about a place in a document: hover, code actions, and the explain command.

use std::collections::HashMap;
use std::io::Write;

use lsp_server::ErrorCode;
use lsp_types::{self as lsp, MessageType};
use serde_json::Value;

use super::actions::{self, EXPLAIN_COMMAND};
use super::documents::Kind;
use super::prose::Found;
use super::server::{Server, to_json};
use crate::check::Verdict;

impl<W: Write> Server<W> {
    pub(super) fn hover(&mut self, p: lsp::HoverParams) -> Option<lsp::Hover> {
        let uri = p
            .text_document_position_params
            .text_document
            .uri
            .as_str()
            .to_string();
        let pos = p.text_document_position_params.position;
        let Some(doc) = self.docs.get(&uri) else {
            self.log(
                MessageType::WARNING,
                format!("{uri}: hover on a document that is not open"),
            );
            return None;
        };
        let at = doc.lines.offset(&doc.text, pos, self.enc);
        let markdown = match doc.kind {
            Kind::Database => super::dbdoc::hover(&doc.name(), &doc.text, at)?,
            Kind::Prose(_) => {
                let db = self.db.clone()?;
                let found = self.current_findings(&uri)?;
                let f = found
                    .iter()
                    .find(|f| f.span.start <= at && at <= f.span.end)?;
                let shown = f.verdict == Verdict::Conflicts || self.settings.agreement.is_some();
                if !shown {
                    return None;
                }
                let md = super::hover::finding(&db, f)?;
                let doc = self.docs.get(&uri)?;
                return Some(lsp::Hover {
                    contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                        kind: lsp::MarkupKind::Markdown,
                        value: md,
                    }),
                    range: Some(doc.lines.range(&doc.text, &f.span, self.enc)),
                });
            }
            Kind::Skipped(_) => return None,
        };
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: markdown,
            }),
            range: None,
        })
    }

    pub(super) fn code_actions(
        &mut self,
        p: lsp::CodeActionParams,
    ) -> Vec<lsp::CodeActionOrCommand> {
        let uri = p.text_document.uri.as_str().to_string();
        if !self.docs.contains_key(&uri) {
            self.log(
                MessageType::WARNING,
                format!("{uri}: code actions on a document that is not open"),
            );
            return Vec::new();
        }
        let (Some(db), Some(found)) = (self.db.clone(), self.current_findings(&uri)) else {
            return Vec::new();
        };
        let Some(doc) = self.docs.get(&uri) else {
            return Vec::new();
        };
        let Kind::Prose(format) = doc.kind else {
            return Vec::new();
        };
        let (text, lines, enc) = (&doc.text, &doc.lines, self.enc);
        let start = lines.offset(text, p.range.start, enc);
        let end = lines.offset(text, p.range.end, enc);
        let wanted = |kind: &lsp::CodeActionKind| {
            p.context
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
        };
        let shown =
            |f: &&Found| f.verdict == Verdict::Conflicts || self.settings.agreement.is_some();
        let mut out = Vec::new();
        for f in found
            .iter()
            .filter(shown)
            .filter(|f| f.span.start <= end && start <= f.span.end)
        {
            let Some(claim) = db.claims.get(f.claim) else {
                continue;
            };
            let diagnostic = super::prose::diagnostics(
                &db,
                std::slice::from_ref(f),
                text,
                lines,
                enc,
                &self.settings,
            );
            let edit = |e: actions::Edit| {
                // lsp-types' `Uri` caches its parse in a cell; it is never mutated as a key.
                #[allow(clippy::mutable_key_type)]
                let mut changes = HashMap::new();
                let uri = p.text_document.uri.clone();
                changes.insert(
                    uri,
                    vec![lsp::TextEdit {
                        range: lines.range(text, &e.range, enc),
                        new_text: e.text,
                    }],
                );
                lsp::WorkspaceEdit {
                    changes: Some(changes),
                    ..lsp::WorkspaceEdit::default()
                }
            };
            if wanted(&lsp::CodeActionKind::QUICKFIX) {
                if let Some(fix) = actions::sourced_figure(&db, f, text, format) {
                    out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title: format!("Use the sourced figure: {}", fix.text),
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(diagnostic.clone()),
                        edit: Some(edit(fix)),
                        is_preferred: Some(true),
                        ..lsp::CodeAction::default()
                    }));
                }
                let silence = actions::suppress(format, &claim.id, text, lines, f.span.start);
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: format!("Suppress {} on this line", claim.id),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(diagnostic),
                    edit: Some(edit(silence)),
                    ..lsp::CodeAction::default()
                }));
            }
            let explain_kind = lsp::CodeActionKind::new("quickfix.explain");
            if wanted(&explain_kind) {
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: format!("Explain {}", claim.id),
                    kind: Some(explain_kind),
                    command: Some(lsp::Command {
                        title: format!("Explain {}", claim.id),
                        command: EXPLAIN_COMMAND.to_string(),
                        arguments: Some(vec![Value::String(claim.id.clone())]),
                    }),
                    ..lsp::CodeAction::default()
                }));
            }
        }
        out
    }

    pub(super) fn execute(
        &mut self,
        p: lsp::ExecuteCommandParams,
    ) -> Result<Value, (ErrorCode, String)> {
        if p.command != EXPLAIN_COMMAND {
            return Err((
                ErrorCode::InvalidParams,
                format!("unknown command {:?}", p.command),
            ));
        }
        let Some(Value::String(id)) = p.arguments.first() else {
            return Err((
                ErrorCode::InvalidParams,
                format!("{EXPLAIN_COMMAND} takes one argument, a claim id"),
            ));
        };
        let db = self.db.clone().ok_or((
            ErrorCode::RequestFailed,
            "no database is loaded".to_string(),
        ))?;
        actions::explain(&db, id).map(to_json).ok_or((
            ErrorCode::InvalidParams,
            format!("no claim with id {id:?}; see claimcheck db list"),
        ))
    }
}
