//! `rlint server`: the language server, over stdio.
//!
//! Built on `lsp-server` + `lsp-types` (rust-analyzer's synchronous scaffold) rather than
//! `tower-lsp`: the CLI is synchronous and lint-core is pure and fast (a file lints in well under a
//! millisecond), so one blocking loop over one channel is all a server needs; an async runtime
//! would only add a dependency tree and a second way of running code.
//!
//! Each buffer is linted with the pipeline `rlint --stdin-filename PATH -` uses: the kind from the
//! name (then the content), the configuration found from the file's folder (`rlint.toml`,
//! `.hadolint.yaml`), and the related files around it (the `.dockerignore`, the `.env`, a Compose
//! file's build contexts) read from disk, except those open in the editor, whose buffers win.
//! Changes are coalesced: the loop lints only once no message is waiting, so a burst of keystrokes
//! costs one lint. Positions are UTF-16 code units (the protocol's default).

// lsp-types' `Uri` caches its parsed parts in a `Cell`, but hashes, compares and orders by its
// string, so it is a sound map key.
#![allow(clippy::mutable_key_type)]

use crate::config;
use lint_core::Files as _;
use lint_core::{Config, Edit, FileKind, LineIndex, Located, Preset, Severity};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

/// The configuration file names whose change re-reads configuration.
const CONFIG_NAMES: [&str; 3] = ["rlint.toml", ".hadolint.yaml", ".hadolint.yml"];

pub fn run() -> ExitCode {
    let (conn, reader, writer) = stdio();
    let code = match serve(&conn) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("rlint server: {e}");
            ExitCode::from(1)
        }
    };
    drop(conn);
    let _ = writer.join();
    // The reader ends at `exit` or end of input; after a protocol error it may still be blocked
    // on stdin, so it is not waited for.
    drop(reader);
    code
}

/// The stdio transport with unbounded queues: `Connection::stdio()` hands each message over a
/// rendezvous channel, so its reader parses the next message only once the loop has taken the
/// last, and a burst of changes never queues up to be coalesced. Here the reader reads ahead
/// while a lint runs.
fn stdio() -> (
    Connection,
    std::thread::JoinHandle<()>,
    std::thread::JoinHandle<()>,
) {
    let (to_loop, receiver) = crossbeam_channel::unbounded::<Message>();
    let (sender, from_loop) = crossbeam_channel::unbounded::<Message>();
    let reader = std::thread::spawn(move || {
        let mut stdin = std::io::stdin().lock();
        while let Ok(Some(msg)) = Message::read(&mut stdin) {
            let exit = matches!(&msg, Message::Notification(n) if n.method == lsp::notification::Exit::METHOD);
            if to_loop.send(msg).is_err() || exit {
                break;
            }
        }
    });
    let writer = std::thread::spawn(move || {
        let mut stdout = std::io::stdout().lock();
        for msg in from_loop {
            if msg.write(&mut stdout).is_err() {
                break;
            }
        }
    });
    (Connection { sender, receiver }, reader, writer)
}

struct Doc {
    text: String,
    version: i32,
    language: String,
    path: Option<PathBuf>,
    /// The last lint of `text`; `None` when the text (or what it depends on) changed since.
    linted: Option<Vec<Located>>,
}

#[derive(Default)]
struct Settings {
    config: Option<PathBuf>,
    preset: Option<Preset>,
}

struct Server<'a> {
    conn: &'a Connection,
    docs: HashMap<lsp::Uri, Doc>,
    /// Documents to lint (push) once no message is waiting.
    dirty: BTreeSet<lsp::Uri>,
    configs: HashMap<PathBuf, config::Loaded>,
    settings: Settings,
    root: Option<PathBuf>,
    /// The client pulls diagnostics (`textDocument/diagnostic`): nothing is pushed.
    pull: bool,
    refresh_support: bool,
    refresh_needed: bool,
    document_changes: bool,
    shown: BTreeSet<String>,
    next_id: i32,
    shutdown: bool,
}

fn serve(conn: &Connection) -> Result<bool, String> {
    let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
    let params: lsp::InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("initialize: {e}"))?;
    let caps = &params.capabilities;
    let pull = caps
        .text_document
        .as_ref()
        .is_some_and(|t| t.diagnostic.is_some());
    let workspace = caps.workspace.as_ref();
    let refresh_support = workspace
        .and_then(|w| w.diagnostic.as_ref())
        .and_then(|d| d.refresh_support)
        .unwrap_or(false);
    let document_changes = workspace
        .and_then(|w| w.workspace_edit.as_ref())
        .and_then(|e| e.document_changes)
        .unwrap_or(false);
    let watch = workspace
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    #[allow(deprecated)]
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| uri_to_path(&f.uri))
        .or_else(|| params.root_uri.as_ref().and_then(uri_to_path));
    let mut settings = Settings::default();
    if let Some(options) = &params.initialization_options {
        read_settings(&mut settings, options);
    }
    let capabilities = lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            },
        )),
        diagnostic_provider: pull.then(|| {
            lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                identifier: Some("rlint".into()),
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                ..Default::default()
            })
        }),
        ..Default::default()
    };
    let result = lsp::InitializeResult {
        capabilities,
        server_info: Some(lsp::ServerInfo {
            name: "rlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    conn.initialize_finish(id, serde_json::to_value(result).unwrap_or_default())
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        conn,
        docs: HashMap::new(),
        dirty: BTreeSet::new(),
        configs: HashMap::new(),
        settings,
        root,
        pull,
        refresh_support,
        refresh_needed: false,
        document_changes,
        shown: BTreeSet::new(),
        next_id: 0,
        shutdown: false,
    };
    if watch {
        let watchers = ["**/rlint.toml", "**/.hadolint.yaml", "**/.hadolint.yml"]
            .map(|g| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(g.into()),
                kind: None,
            })
            .to_vec();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        server.request(
            lsp::request::RegisterCapability::METHOD,
            lsp::RegistrationParams {
                registrations: vec![lsp::Registration {
                    id: "rlint-config".into(),
                    method: lsp::notification::DidChangeWatchedFiles::METHOD.into(),
                    register_options: serde_json::to_value(options).ok(),
                }],
            },
        );
    }
    server.main_loop()
}

fn read_settings(settings: &mut Settings, value: &serde_json::Value) {
    let value = value.get("rlint").unwrap_or(value);
    if let Some(path) = value
        .get("config")
        .or_else(|| value.get("configPath"))
        .and_then(|v| v.as_str())
    {
        settings.config = (!path.is_empty()).then(|| PathBuf::from(path));
    }
    if let Some(preset) = value.get("preset").and_then(|v| v.as_str()) {
        settings.preset = Preset::parse(preset);
    }
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<bool, String> {
        let mut backlog: VecDeque<Message> = VecDeque::new();
        let mut since_lint = 0usize;
        loop {
            let msg = match backlog.pop_front() {
                Some(m) => m,
                None => match self.conn.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(false),
                },
            };
            match msg {
                Message::Request(req) => self.on_request(req),
                Message::Response(_) => {}
                Message::Notification(n) => {
                    if n.method == lsp::notification::Exit::METHOD {
                        return Ok(self.shutdown);
                    }
                    self.on_notification(n);
                }
            }
            // Coalescing: take whatever the client has sent meanwhile before linting.
            while let Ok(m) = self.conn.receiver.try_recv() {
                backlog.push_back(m);
            }
            since_lint += 1;
            if backlog.is_empty() || since_lint > 200 {
                since_lint = 0;
                self.flush();
            }
        }
    }

    fn send(&self, msg: Message) {
        let _ = self.conn.sender.send(msg);
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    fn request(&mut self, method: &str, params: impl serde::Serialize) {
        self.next_id += 1;
        let id = RequestId::from(format!("rlint-{}", self.next_id));
        self.send(Message::Request(Request::new(id, method.into(), params)));
    }

    fn show_error(&mut self, message: String) {
        if self.shown.insert(message.clone()) {
            self.notify(
                lsp::notification::ShowMessage::METHOD,
                lsp::ShowMessageParams {
                    typ: lsp::MessageType::WARNING,
                    message: format!("rlint: {message}"),
                },
            );
        }
    }

    /// Lints and publishes what changed (push), or asks the client to pull again.
    fn flush(&mut self) {
        if self.pull {
            self.dirty.clear();
            if self.refresh_needed && self.refresh_support {
                self.request(lsp::request::WorkspaceDiagnosticRefresh::METHOD, ());
            }
            self.refresh_needed = false;
            return;
        }
        let dirty = std::mem::take(&mut self.dirty);
        for uri in dirty {
            let Some(items) = self.diagnostics(&uri) else {
                continue;
            };
            let version = self.docs.get(&uri).map(|d| d.version);
            self.notify(
                lsp::notification::PublishDiagnostics::METHOD,
                lsp::PublishDiagnosticsParams {
                    uri,
                    diagnostics: items,
                    version,
                },
            );
        }
    }

    /// Marks documents stale; `all` for changes that may touch any of them (a file opened or
    /// closed, configuration), else the ones beside `uri` (its related files live there).
    fn invalidate(&mut self, uri: &lsp::Uri, all: bool) {
        let dir = self
            .docs
            .get(uri)
            .and_then(|d| d.path.as_ref())
            .and_then(|p| p.parent())
            .map(Path::to_path_buf);
        for (other, doc) in &mut self.docs {
            let near = other == uri
                || all
                || dir.is_some() && doc.path.as_ref().and_then(|p| p.parent()) == dir.as_deref();
            if near {
                doc.linted = None;
                self.dirty.insert(other.clone());
                if other != uri {
                    self.refresh_needed = true;
                }
            }
        }
    }

    fn on_notification(&mut self, n: Notification) {
        use lsp::notification as n_;
        match n.method.as_str() {
            n_::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let doc = p.text_document;
                self.docs.insert(
                    doc.uri.clone(),
                    Doc {
                        path: uri_to_path(&doc.uri),
                        text: doc.text,
                        version: doc.version,
                        language: doc.language_id,
                        linted: None,
                    },
                );
                self.invalidate(&doc.uri, true);
            }
            n_::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return;
                };
                for change in p.content_changes {
                    match change.range {
                        Some(range) => {
                            let index = LineIndex::new(&doc.text);
                            let start = offset_at(&doc.text, &index, range.start);
                            let end = offset_at(&doc.text, &index, range.end).max(start);
                            doc.text.replace_range(start..end, &change.text);
                        }
                        None => doc.text = change.text,
                    }
                }
                doc.version = p.text_document.version;
                self.invalidate(&uri, false);
            }
            n_::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                self.invalidate(&uri, true);
                self.docs.remove(&uri);
                self.dirty.remove(&uri);
                if !self.pull {
                    self.notify(
                        n_::PublishDiagnostics::METHOD,
                        lsp::PublishDiagnosticsParams {
                            uri,
                            diagnostics: Vec::new(),
                            version: None,
                        },
                    );
                }
            }
            n_::DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params)
                else {
                    return;
                };
                if is_config(&p.text_document.uri) {
                    self.reload_config();
                }
            }
            n_::DidChangeWatchedFiles::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeWatchedFilesParams>(n.params)
                else {
                    return;
                };
                if p.changes.iter().any(|c| is_config(&c.uri)) {
                    self.reload_config();
                }
            }
            n_::DidChangeConfiguration::METHOD => {
                if let Some(settings) = n.params.get("settings") {
                    read_settings(&mut self.settings, settings);
                }
                self.reload_config();
            }
            _ => {}
        }
    }

    fn reload_config(&mut self) {
        self.configs.clear();
        self.shown.clear();
        let uris: Vec<lsp::Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            if let Some(doc) = self.docs.get_mut(&uri) {
                doc.linted = None;
            }
            self.dirty.insert(uri);
        }
        self.refresh_needed = true;
    }

    fn on_request(&mut self, req: Request) {
        use lsp::request as r;
        if self.shutdown {
            self.send(Message::Response(Response::new_err(
                req.id,
                lsp_server::ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            )));
            return;
        }
        let id = req.id.clone();
        let result = match req.method.as_str() {
            r::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            r::DocumentDiagnosticRequest::METHOD => {
                parse::<lsp::DocumentDiagnosticParams>(req.params).map(|p| {
                    let items = self.diagnostics(&p.text_document.uri).unwrap_or_default();
                    let report = lsp::DocumentDiagnosticReportResult::Report(
                        lsp::DocumentDiagnosticReport::Full(
                            lsp::RelatedFullDocumentDiagnosticReport {
                                related_documents: None,
                                full_document_diagnostic_report:
                                    lsp::FullDocumentDiagnosticReport {
                                        result_id: None,
                                        items,
                                    },
                            },
                        ),
                    );
                    serde_json::to_value(report).unwrap_or_default()
                })
            }
            r::CodeActionRequest::METHOD => parse::<lsp::CodeActionParams>(req.params)
                .map(|p| serde_json::to_value(self.code_actions(&p)).unwrap_or_default()),
            r::HoverRequest::METHOD => parse::<lsp::HoverParams>(req.params)
                .map(|p| serde_json::to_value(self.hover(&p)).unwrap_or_default()),
            _ => Err((
                lsp_server::ErrorCode::MethodNotFound,
                format!("rlint does not handle {}", req.method),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(response));
    }

    /// The configuration for a file: `initializationOptions.config` when given, else found from
    /// the file's folder as the CLI finds it (cached per folder until a config file changes).
    fn config_for(&mut self, path: Option<&Path>) -> Config {
        let start = path
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.root.clone())
            .unwrap_or_default();
        let key = self
            .settings
            .config
            .clone()
            .unwrap_or_else(|| start.clone());
        if !self.configs.contains_key(&key) {
            let loaded = match &self.settings.config {
                Some(explicit) => config::load_explicit(explicit),
                None => config::discover(&start),
            };
            let loaded = loaded.unwrap_or_else(|e| {
                self.show_error(e);
                config::Loaded::default()
            });
            self.configs.insert(key.clone(), loaded);
        }
        let mut loaded = self.configs.get(&key).cloned().unwrap_or_default();
        loaded.config.preset = self.settings.preset.or(loaded.config.preset);
        match path {
            Some(p) => config::for_file(&loaded, p),
            None => loaded.config,
        }
    }

    /// Lints `uri` when its last result is stale; returns its findings.
    fn lint(&mut self, uri: &lsp::Uri) -> Option<&Vec<Located>> {
        let doc = self.docs.get(uri)?;
        if doc.linted.is_none() {
            let path = doc.path.clone();
            let config = self.config_for(path.as_deref());
            let doc = self.docs.get(uri)?;
            let (name, kind) = name_and_kind(doc, uri);
            let open = self.open_files();
            let findings = match kind {
                Some(kind) => {
                    let around = Around::read(path.as_deref(), kind, &open);
                    let related = around.related();
                    lint_core::lint_bytes_with(
                        &name,
                        doc.text.as_bytes(),
                        Some(kind),
                        &config,
                        related,
                    )
                    .diagnostics
                }
                None => Vec::new(),
            };
            self.docs.get_mut(uri)?.linted = Some(findings);
        }
        self.docs.get(uri)?.linted.as_ref()
    }

    /// The open buffers that have a path, for the related-file lookups.
    fn open_files(&self) -> Vec<(PathBuf, String)> {
        self.docs
            .values()
            .filter_map(|d| Some((normalize(d.path.as_ref()?), d.text.clone())))
            .collect()
    }

    fn diagnostics(&mut self, uri: &lsp::Uri) -> Option<Vec<lsp::Diagnostic>> {
        let findings = self.lint(uri)?.clone();
        let doc = self.docs.get(uri)?;
        let index = LineIndex::new(&doc.text);
        Some(
            findings
                .iter()
                .map(|l| to_lsp(&doc.text, &index, uri, l))
                .collect(),
        )
    }

    fn code_actions(&mut self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        let Some(findings) = self.lint(uri).cloned() else {
            return Vec::new();
        };
        let Some(doc) = self.docs.get(uri) else {
            return Vec::new();
        };
        let allowed = |kind: &lsp::CodeActionKind| match &p.context.only {
            None => true,
            Some(only) => only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            }),
        };
        let (name, kind) = name_and_kind(doc, uri);
        let text = &doc.text;
        let index = LineIndex::new(text);
        let wanted = offset_at(text, &index, p.range.start)..offset_at(text, &index, p.range.end);
        let mut actions = Vec::new();
        let quickfix = lsp::CodeActionKind::QUICKFIX;
        for l in &findings {
            let d = &l.diagnostic;
            let touches = d.span.start <= wanted.end && wanted.start <= d.span.end;
            if !touches || !allowed(&quickfix) {
                continue;
            }
            let lsp_diag = to_lsp(text, &index, uri, l);
            let action = |title: String, edits: Vec<Edit>, preferred: bool| {
                lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title,
                    kind: Some(quickfix.clone()),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(self.workspace_edit(uri, doc, &index, &edits)),
                    is_preferred: preferred.then_some(true),
                    ..Default::default()
                })
            };
            if let Some(fix) = &d.fix {
                let safe = fix.applicability == lint_core::Applicability::Safe;
                let title = if safe {
                    fix.message.clone()
                } else {
                    format!("{} (unsafe: may change behaviour)", fix.message)
                };
                actions.push(action(title, fix.edits.clone(), safe));
            }
            let always_on = lint_core::rule(d.code).is_some_and(|r| r.meta.always_on);
            if let (Some(kind), false) = (kind, always_on) {
                if let Some(edit) = ignore_line(kind, text, d.span.start, d.code) {
                    let place = if kind == FileKind::Dockerfile {
                        "for this instruction"
                    } else {
                        "on this line"
                    };
                    actions.push(action(
                        format!("Ignore {} {place}", d.code),
                        vec![edit],
                        false,
                    ));
                }
                if let Some(edit) = ignore_file(kind, text, d.code) {
                    actions.push(action(
                        format!("Ignore {} in this file", d.code),
                        vec![edit],
                        false,
                    ));
                }
            }
        }
        let fix_all = lsp::CodeActionKind::SOURCE_FIX_ALL;
        let fixable = findings.iter().any(|l| {
            l.diagnostic
                .fix
                .as_ref()
                .is_some_and(|f| f.applicability == lint_core::Applicability::Safe)
        });
        if fixable && p.context.only.is_some() && allowed(&fix_all) {
            let path = doc.path.clone();
            let text = text.clone();
            let config = self.config_for(path.as_deref());
            let open = self.open_files();
            let around = Around::read(path.as_deref(), kind.unwrap_or(FileKind::Dockerfile), &open);
            let outcome =
                lint_core::fix::fix_text_with(&name, &text, kind, &config, false, around.related());
            if let Some(doc) = self.docs.get(uri) {
                let edit = Edit::replace(lint_core::Span::new(0, text.len()), outcome.text);
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: "Apply every safe rlint fix".into(),
                    kind: Some(fix_all),
                    edit: Some(self.workspace_edit(uri, doc, &index, &[edit])),
                    ..Default::default()
                }));
            }
        }
        actions
    }

    fn workspace_edit(
        &self,
        uri: &lsp::Uri,
        doc: &Doc,
        index: &LineIndex,
        edits: &[Edit],
    ) -> lsp::WorkspaceEdit {
        let text_edits: Vec<lsp::TextEdit> = edits
            .iter()
            .map(|e| lsp::TextEdit {
                range: range_of(&doc.text, index, e.span),
                new_text: e.replacement.clone(),
            })
            .collect();
        if self.document_changes {
            lsp::WorkspaceEdit {
                document_changes: Some(lsp::DocumentChanges::Edits(vec![lsp::TextDocumentEdit {
                    text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                        uri: uri.clone(),
                        version: Some(doc.version),
                    },
                    edits: text_edits.into_iter().map(lsp::OneOf::Left).collect(),
                }])),
                ..Default::default()
            }
        } else {
            lsp::WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), text_edits)])),
                ..Default::default()
            }
        }
    }

    fn hover(&mut self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let uri = &p.text_document_position_params.text_document.uri;
        let findings = self.lint(uri)?.clone();
        let doc = self.docs.get(uri)?;
        let text = &doc.text;
        let index = LineIndex::new(text);
        let at = offset_at(text, &index, p.text_document_position_params.position);
        let mut codes: Vec<&'static str> = Vec::new();
        let mut range = None;
        for l in &findings {
            let s = l.diagnostic.span;
            if (s.start <= at && at < s.end) || (s.is_empty() && s.start == at) {
                if !codes.contains(&l.diagnostic.code) {
                    codes.push(l.diagnostic.code);
                }
                range.get_or_insert(range_of(text, &index, s));
            }
        }
        if codes.is_empty()
            && let Some((span, code)) = pragma_code_at(text, at)
        {
            codes.push(code);
            range = Some(range_of(text, &index, span));
        }
        let pages: Vec<String> = codes
            .iter()
            .filter_map(|c| lint_core::rule(c))
            .map(lint_core::registry::rule_page)
            .collect();
        if pages.is_empty() {
            return None;
        }
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: pages.join("\n\n---\n\n"),
            }),
            range,
        })
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, (lsp_server::ErrorCode, String)> {
    serde_json::from_value(value).map_err(|e| (lsp_server::ErrorCode::InvalidParams, e.to_string()))
}

fn is_config(uri: &lsp::Uri) -> bool {
    let s = uri.as_str();
    CONFIG_NAMES.iter().any(|n| s.ends_with(&format!("/{n}")))
}

/// The name a buffer is linted under (its path, else the URI's last segment) and its kind: by
/// name, then content; an unnamed buffer the editor calls `dockerfile` is a Dockerfile.
fn name_and_kind(doc: &Doc, uri: &lsp::Uri) -> (String, Option<FileKind>) {
    let name = match &doc.path {
        Some(p) => p.to_string_lossy().into_owned(),
        None => uri
            .as_str()
            .rsplit('/')
            .next()
            .map(percent_decode)
            .unwrap_or_default(),
    };
    let language = doc.language.to_ascii_lowercase();
    let kind = lint_core::detect(&name, &doc.text).or_else(|| {
        matches!(language.as_str(), "dockerfile" | "containerfile").then_some(FileKind::Dockerfile)
    });
    (name, kind)
}

fn to_lsp(text: &str, index: &LineIndex, uri: &lsp::Uri, l: &Located) -> lsp::Diagnostic {
    let d = &l.diagnostic;
    let severity = match d.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Style => lsp::DiagnosticSeverity::HINT,
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| lsp::DiagnosticRelatedInformation {
            location: lsp::Location {
                uri: uri.clone(),
                range: range_of(text, index, label.span),
            },
            message: label.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: range_of(text, index, d.span),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.code.into())),
        code_description: lsp::Uri::from_str(&d.url())
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("rlint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// The LSP position (0-based line, UTF-16 column) of a byte offset.
fn position_of(text: &str, index: &LineIndex, offset: usize) -> lsp::Position {
    let at = index.line_col_utf16(text, offset);
    lsp::Position {
        line: u32::try_from(at.line - 1).unwrap_or(u32::MAX),
        character: u32::try_from(at.column - 1).unwrap_or(u32::MAX),
    }
}

fn range_of(text: &str, index: &LineIndex, span: lint_core::Span) -> lsp::Range {
    lsp::Range {
        start: position_of(text, index, span.start),
        end: position_of(text, index, span.end),
    }
}

/// The byte offset of an LSP position; a column past the line's end means its end.
fn offset_at(text: &str, index: &LineIndex, pos: lsp::Position) -> usize {
    let line = pos.line as usize;
    if line >= index.line_count() {
        return text.len();
    }
    let start = index.line_start(line);
    let rest = text.get(start..).unwrap_or("");
    let line_text = rest.split('\n').next().unwrap_or("");
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let mut units = 0;
    for (i, c) in line_text.char_indices() {
        if units >= pos.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + line_text.len()
}

/// A `file:` URI's path (percent-decoded); `None` for other schemes.
pub(crate) fn uri_to_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let path = if rest.starts_with('/') {
        rest
    } else {
        &rest[rest.find('/')?..]
    };
    let path = percent_decode(path.split(['?', '#']).next().unwrap_or(path));
    // `file:///C:/x` on Windows.
    let path = match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => {
            path[1..].to_string()
        }
        _ => path,
    };
    Some(PathBuf::from(path))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `a/./b/../c` → `a/c`, without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// What the buffer's cross-file checks read around it, as `Around` in main.rs reads it for
/// `--stdin-filename`, with open buffers taking precedence over the disk.
struct Around<'a> {
    view: Overlay<'a>,
    has_view: bool,
    dockerignore: Option<String>,
    dotenv: Option<String>,
    dockerfile: Option<String>,
    compose: Vec<String>,
}

impl<'a> Around<'a> {
    fn read(path: Option<&Path>, kind: FileKind, open: &'a [(PathBuf, String)]) -> Around<'a> {
        let dir = path
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let view = Overlay { dir, open };
        let mut around = Around {
            has_view: path.is_some(),
            dockerignore: None,
            dotenv: None,
            dockerfile: None,
            compose: Vec::new(),
            view,
        };
        let Some(name) = path
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
        else {
            return around;
        };
        let v = &around.view;
        match kind {
            FileKind::Dockerfile => {
                around.dockerignore = v
                    .read(&format!("{name}.dockerignore"))
                    .or_else(|| v.read(".dockerignore"));
            }
            FileKind::Dockerignore => {
                let stem = name.strip_suffix(".dockerignore").unwrap_or("");
                around.dockerfile = if !stem.is_empty() {
                    v.read(stem)
                } else if v.exists_here("Dockerfile.dockerignore") {
                    None
                } else {
                    v.read("Dockerfile")
                };
            }
            _ => {}
        }
        if kind != FileKind::Dockerfile {
            around.dotenv = v.read(".env");
        }
        if kind == FileKind::Dotenv {
            let mut names: Vec<String> = v
                .list("")
                .unwrap_or_default()
                .into_iter()
                .filter(|n| FileKind::from_path(n) == Some(FileKind::Compose))
                .collect();
            names.sort();
            names.dedup();
            around.compose = names.iter().filter_map(|n| v.read(n)).collect();
        }
        around
    }

    fn related(&self) -> lint_core::Related<'_> {
        lint_core::Related {
            dockerignore: self.dockerignore.as_deref(),
            dotenv: self.dotenv.as_deref(),
            files: self.has_view.then_some(&self.view as &dyn lint_core::Files),
            build: None,
            dockerfile: self.dockerfile.as_deref(),
            compose: &self.compose,
        }
    }
}

/// The files around a buffer: open buffers first, then the disk.
struct Overlay<'a> {
    dir: PathBuf,
    open: &'a [(PathBuf, String)],
}

impl Overlay<'_> {
    fn buffer(&self, path: &str) -> Option<&str> {
        let wanted = normalize(&self.dir.join(path));
        self.open
            .iter()
            .find(|(p, _)| *p == wanted)
            .map(|(_, t)| t.as_str())
    }

    fn exists_here(&self, path: &str) -> bool {
        lint_core::Files::exists(self, path)
    }
}

impl lint_core::Files for Overlay<'_> {
    fn exists(&self, path: &str) -> bool {
        let wanted = normalize(&self.dir.join(path));
        self.buffer(path).is_some()
            || self.open.iter().any(|(p, _)| p.starts_with(&wanted))
            || self.dir.join(path).try_exists().unwrap_or(true)
    }

    fn read(&self, path: &str) -> Option<String> {
        self.buffer(path)
            .map(String::from)
            .or_else(|| std::fs::read_to_string(self.dir.join(path)).ok())
    }

    fn list(&self, path: &str) -> Option<Vec<String>> {
        let folder = normalize(&self.dir.join(path));
        let mut names: Vec<String> = std::fs::read_dir(self.dir.join(path))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        for (p, _) in self.open {
            if p.parent() == Some(folder.as_path())
                && let Some(name) = p.file_name()
            {
                names.push(name.to_string_lossy().into_owned());
            }
        }
        names.sort();
        names.dedup();
        Some(names)
    }

    fn dangling_link(&self, path: &str) -> Option<String> {
        if self.buffer(path).is_some() {
            return None;
        }
        let link = self.dir.join(path);
        if link.try_exists().unwrap_or(true) {
            return None;
        }
        std::fs::read_link(link)
            .ok()
            .map(|t| t.to_string_lossy().into_owned())
    }
}

/// Whether the kind has inline pragmas at all (JSON kinds have no comments).
fn has_pragmas(kind: FileKind) -> bool {
    !lint_core::kinds::get(kind).pragma.starts_with("none")
}

fn line_start_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// Where to add `,CODE` to a pragma comment `line` (`# rlint ignore=A` or `# rlint global
/// ignore=A`, per `scope`): the end of its id list.
fn merge_point(line: &str, scope: &str) -> Option<usize> {
    let body = line.trim_start().strip_prefix('#')?.trim_start();
    let rest = body.strip_prefix("rlint")?.trim_start();
    let rest = rest.strip_prefix(scope)?;
    if !rest.starts_with("ignore=") {
        return None;
    }
    let at = line.len() - rest.len() + "ignore=".len();
    let len = line[at..]
        .find(char::is_whitespace)
        .unwrap_or(line.len() - at);
    Some(at + len)
}

/// The edit that silences `code` where the finding at `offset` is: `# rlint ignore=CODE` on its
/// own line above the Dockerfile instruction holding it, or above the line holding it in the
/// line-comment kinds (YAML, `.env`, `.dockerignore`) — or `,CODE` added to such a pragma already
/// there. Inside a YAML block scalar (a `run: |` script) the comment becomes a line of the
/// script: a shell comment there, which is what suppress.rs reads.
fn ignore_line(kind: FileKind, text: &str, offset: usize, code: &str) -> Option<Edit> {
    if !has_pragmas(kind) {
        return None;
    }
    let anchor = if kind == FileKind::Dockerfile {
        let df = lint_core::syntax::dockerfile::parse(text);
        let i = df
            .instructions
            .iter()
            .find(|i| i.span.start <= offset && offset < i.span.end.max(i.span.start + 1))?;
        i.span.start
    } else {
        offset
    };
    let line_start = line_start_of(text, anchor.min(text.len()));
    if line_start > 0 {
        let prev_start = line_start_of(text, line_start - 1);
        let prev = text.get(prev_start..line_start - 1)?;
        let prev = prev.strip_suffix('\r').unwrap_or(prev);
        if let Some(at) = merge_point(prev, "") {
            return Some(Edit::insert(prev_start + at, format!(",{code}")));
        }
    }
    let line = text.get(line_start..).unwrap_or("");
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Some(Edit::insert(
        line_start,
        format!("{indent}# rlint ignore={code}{}", eol(text)),
    ))
}

/// The edit that silences `code` in the whole file: `,CODE` added to a `# rlint global ignore=`
/// comment already there, else that comment on the first line (in a Dockerfile, after its parser
/// directives, which must stay first).
fn ignore_file(kind: FileKind, text: &str, code: &str) -> Option<Edit> {
    if !has_pragmas(kind) {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(at) = merge_point(body, "global ") {
            return Some(Edit::insert(offset + at, format!(",{code}")));
        }
        offset += line.len();
    }
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if kind == FileKind::Dockerfile {
        let df = lint_core::syntax::dockerfile::parse(text);
        if let Some(last) = df.directives.last() {
            at = text
                .get(last.span.end..)
                .and_then(|t| t.find('\n'))
                .map_or(text.len(), |i| last.span.end + i + 1);
        }
    }
    let prefix = if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        eol(text)
    } else {
        ""
    };
    Some(Edit::insert(
        at,
        format!("{prefix}# rlint global ignore={code}{}", eol(text)),
    ))
}

/// The rule a pragma comment names at `offset` (`# rlint ignore=DF015`, `# hadolint
/// ignore=DL3008`, `# check=skip=JSONArgsRecommended`, `# dclint disable-line rule`), with the
/// id's span.
fn pragma_code_at(text: &str, offset: usize) -> Option<(lint_core::Span, &'static str)> {
    let line_start = line_start_of(text, offset.min(text.len()));
    let line_end = text
        .get(line_start..)?
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = text.get(line_start..line_end)?;
    let hash = line.find('#')?;
    let comment = &line[hash..];
    if !["ignore", "skip=", "disable", "experimental="]
        .iter()
        .any(|w| comment.contains(w))
    {
        return None;
    }
    let is_id = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let at = offset.checked_sub(line_start)?;
    if at < hash || at > line.len() {
        return None;
    }
    let start = line[..at].rfind(|c: char| !is_id(c)).map_or(0, |i| i + 1);
    let end = line[at..]
        .find(|c: char| !is_id(c))
        .map_or(line.len(), |i| at + i);
    let word = line.get(start..end)?;
    if word.is_empty() {
        return None;
    }
    let rule = lint_core::rule(word)?;
    Some((
        lint_core::Span::new(line_start + start, line_start + end),
        rule.meta.code,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each fixture folder of lint-core's rule tests and the name its files are linted under.
    const FIXTURE_NAMES: [(&str, &str); 11] = [
        ("dockerfile", "Dockerfile"),
        ("compose", "compose.yaml"),
        ("dockerrun", "Dockerrun.aws.json"),
        ("ecs", "task-definition.json"),
        ("buildspec", "buildspec.yml"),
        ("travis", ".travis.yml"),
        ("workflow", ".github/workflows/ci.yml"),
        ("circleci", ".circleci/config.yml"),
        ("dockerignore", ".dockerignore"),
        ("dotenv", ".env"),
        ("daemon", "daemon.json"),
    ];

    /// Every fix of every rule fixture, sent as LSP text edits (UTF-16 positions) and applied
    /// the way a client applies them, makes the same text as the CLI's `--fix` of that finding.
    #[test]
    fn code_action_edits_are_the_cli_fixes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lint-core/tests/fixtures");
        let mut checked = 0;
        for (dir, name) in FIXTURE_NAMES {
            for rule_dir in std::fs::read_dir(root.join(dir)).unwrap() {
                for file in std::fs::read_dir(rule_dir.unwrap().path()).unwrap() {
                    let Ok(text) = std::fs::read_to_string(file.unwrap().path()) else {
                        continue;
                    };
                    let config = Config {
                        preset: Some(lint_core::Preset::Strict),
                        ..Config::default()
                    };
                    let report = lint_core::lint_text(name, &text, None, &config);
                    let index = LineIndex::new(&text);
                    for l in &report.diagnostics {
                        let Some(fix) = &l.diagnostic.fix else {
                            continue;
                        };
                        let cli = lint_core::fix::apply_fixes(&text, &[&l.diagnostic], true).0;
                        // A client applies the edits from the last to the first.
                        let mut ranges: Vec<(usize, usize, &str)> = fix
                            .edits
                            .iter()
                            .map(|e| {
                                let r = range_of(&text, &index, e.span);
                                let start = offset_at(&text, &index, r.start);
                                let end = offset_at(&text, &index, r.end);
                                (start, end, e.replacement.as_str())
                            })
                            .collect();
                        ranges.sort_by_key(|r| std::cmp::Reverse(r.0));
                        let mut lsp = text.clone();
                        for (start, end, replacement) in ranges {
                            lsp.replace_range(start..end, replacement);
                        }
                        assert_eq!(lsp, cli, "{dir}: {}", l.diagnostic.code);
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100, "only {checked} fixes seen");
    }

    fn apply(text: &str, edit: &Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
        out
    }

    fn codes(path: &str, text: &str) -> Vec<(&'static str, usize)> {
        lint_core::lint_text(path, text, None, &Config::default())
            .diagnostics
            .iter()
            .map(|l| (l.diagnostic.code, l.diagnostic.span.start))
            .collect()
    }

    /// For each kind with pragmas: the inserted line pragma silences that finding (and only
    /// it), the file pragma every finding of the rule, and a second action merges.
    #[test]
    fn inserted_pragmas_silence_the_finding() {
        let cases = [
            (
                "Dockerfile",
                "# syntax=docker/dockerfile:1\nFROM ubuntu:22.04\nMAINTAINER me\nRUN apt-get update && \\\n    apt-get install -y curl\n",
                "DF029",
            ),
            ("Dockerfile", "FROM ubuntu:22.04\nMAINTAINER me\n", "DF004"),
            (
                "compose.yaml",
                "services:\n  web:\n    image: nginx\n    privileged: true\n",
                "",
            ),
            (
                ".github/workflows/ci.yml",
                "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n",
                "",
            ),
            (".env", "A=1\nDB_PASSWORD=hunter2secretvalue\n", "EN001"),
        ];
        for (path, text, wanted) in cases {
            let found = codes(path, text);
            let (code, start) = *found
                .iter()
                .find(|(c, _)| wanted.is_empty() || *c == wanted)
                .unwrap_or_else(|| panic!("{path}: no finding in {found:?}"));
            let kind = lint_core::detect(path, text).expect("kind");
            let before = found.iter().filter(|(c, _)| *c == code).count();
            let edit = ignore_line(kind, text, start, code).expect("line pragma");
            let fixed = apply(text, &edit);
            let after = codes(path, &fixed)
                .iter()
                .filter(|(c, _)| *c == code)
                .count();
            assert_eq!(after, before - 1, "{path}: line pragma\n{fixed}");
            let edit = ignore_file(kind, text, code).expect("file pragma");
            let fixed = apply(text, &edit);
            assert!(
                !codes(path, &fixed).iter().any(|(c, _)| *c == code),
                "{path}: file pragma\n{fixed}"
            );
            // A second file pragma merges into the first.
            let again = ignore_file(kind, &fixed, "DF001").expect("merge");
            assert_eq!(again.replacement, ",DF001", "{path}");
            if kind == FileKind::Dockerfile && text.starts_with("# syntax") {
                assert!(fixed.starts_with("# syntax=docker/dockerfile:1\n# rlint global"));
            }
        }
        assert!(ignore_line(FileKind::DaemonJson, "{}", 0, "X").is_none());
    }

    #[test]
    fn line_pragma_merges_into_the_one_above() {
        let text = "FROM ubuntu:22.04\n# rlint ignore=DF004 # why\nRUN apt-get install -y curl\n";
        let start = text.find("apt-get").expect("run");
        let edit = ignore_line(FileKind::Dockerfile, text, start, "DF015").expect("edit");
        assert_eq!(
            apply(text, &edit),
            "FROM ubuntu:22.04\n# rlint ignore=DF004,DF015 # why\nRUN apt-get install -y curl\n"
        );
    }

    #[test]
    fn utf16_positions_round_trip() {
        let text = "é😀x\nab\r\nc";
        let index = LineIndex::new(text);
        let x = text.find('x').expect("x");
        let p = position_of(text, &index, x);
        assert_eq!((p.line, p.character), (0, 3));
        assert_eq!(offset_at(text, &index, p), x);
        let c = text.find('c').expect("c");
        assert_eq!(offset_at(text, &index, lsp::Position::new(2, 0)), c);
        // Past the end of a CRLF line: before the `\r`.
        assert_eq!(offset_at(text, &index, lsp::Position::new(1, 9)), c - 2);
        assert_eq!(
            offset_at(text, &index, lsp::Position::new(9, 0)),
            text.len()
        );
    }

    #[test]
    fn uris_to_paths() {
        let uri = lsp::Uri::from_str("file:///tmp/a%20b/Dockerfile").expect("uri");
        assert_eq!(
            uri_to_path(&uri),
            Some(PathBuf::from("/tmp/a b/Dockerfile"))
        );
        let untitled = lsp::Uri::from_str("untitled:Untitled-1").expect("uri");
        assert_eq!(uri_to_path(&untitled), None);
    }

    #[test]
    fn hover_finds_codes_in_pragmas() {
        let text = "# hadolint ignore=DL3008,DL3015\nRUN x\n";
        let at = text.find("DL3015").expect("code") + 2;
        let (span, code) = pragma_code_at(text, at).expect("code");
        assert_eq!(&text[span.start..span.end], "DL3015");
        assert_eq!(code, lint_core::rule("DL3015").expect("rule").meta.code);
        assert!(pragma_code_at(text, text.find("RUN").expect("run")).is_none());
    }
}
