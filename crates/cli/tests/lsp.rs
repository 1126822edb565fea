//! `rlint server` driven as an editor drives it: the built binary spawned, JSON-RPC framed
//! messages (lsp-server's `Message`, lsp-types' params) over its stdin and stdout.

use lsp_server::{Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use serde_json::{Value, json};
use std::io::BufReader;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::str::FromStr;
use std::sync::mpsc;
use std::time::Duration;

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: mpsc::Receiver<Message>,
    next: i32,
    /// Notifications read while waiting for something else.
    seen: Vec<Notification>,
}

impl Client {
    fn start(capabilities: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rlint"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn rlint server");
        let stdin = child.stdin.take().expect("stdin");
        let stdout: ChildStdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(msg)) = Message::read(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            next: 0,
            seen: Vec::new(),
        };
        let result = client.request(
            lsp::request::Initialize::METHOD,
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        let init: lsp::InitializeResult = serde_json::from_value(result).expect("initialize");
        assert_eq!(init.server_info.expect("info").name, "rlint");
        client.notify(lsp::notification::Initialized::METHOD, json!({}));
        client
    }

    fn send(&mut self, msg: Message) {
        msg.write(&mut self.stdin).expect("write to server");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    fn recv(&mut self) -> Message {
        self.incoming
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answers within 30 s")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.into(),
            params,
        )));
        loop {
            match self.recv() {
                Message::Response(Response {
                    id: got,
                    response_result,
                }) if got == id => {
                    return response_result.unwrap_or_else(|e| panic!("{method}: {e:?}"));
                }
                Message::Notification(n) => self.seen.push(n),
                Message::Request(r) => {
                    // Server-to-client requests (registerCapability, refresh): accept.
                    self.send(Message::Response(Response::new_ok(r.id, Value::Null)));
                }
                Message::Response(_) => {}
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> lsp::PublishDiagnosticsParams {
        if let Some(i) = self.seen.iter().position(|n| is_publish(n, uri)) {
            let n = self.seen.remove(i);
            return serde_json::from_value(n.params).expect("publishDiagnostics");
        }
        loop {
            match self.recv() {
                Message::Notification(n) if is_publish(&n, uri) => {
                    return serde_json::from_value(n.params).expect("publishDiagnostics");
                }
                Message::Notification(n) => self.seen.push(n),
                Message::Request(r) => {
                    self.send(Message::Response(Response::new_ok(r.id, Value::Null)));
                }
                Message::Response(_) => {}
            }
        }
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            lsp::notification::DidOpenTextDocument::METHOD,
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn shutdown(mut self) {
        let result = self.request(lsp::request::Shutdown::METHOD, Value::Null);
        assert_eq!(result, Value::Null);
        self.notify(lsp::notification::Exit::METHOD, Value::Null);
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "exit status {status}");
    }
}

fn is_publish(n: &Notification, uri: &str) -> bool {
    n.method == lsp::notification::PublishDiagnostics::METHOD
        && n.params.get("uri").and_then(Value::as_str) == Some(uri)
}

fn codes(p: &lsp::PublishDiagnosticsParams) -> Vec<String> {
    p.diagnostics.iter().map(code).collect()
}

fn code(d: &lsp::Diagnostic) -> String {
    match &d.code {
        Some(lsp::NumberOrString::String(s)) => s.clone(),
        other => panic!("code {other:?}"),
    }
}

fn file_uri(path: &std::path::Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// Applies LSP text edits (UTF-16 positions) to `text`, last first.
fn apply(text: &str, edits: &[lsp::TextEdit]) -> String {
    let offset = |p: lsp::Position| -> usize {
        let mut at = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            if i == p.line as usize {
                let mut units = 0;
                for (j, c) in line.char_indices() {
                    if units >= p.character as usize || c == '\n' {
                        return at + j;
                    }
                    units += c.len_utf16();
                }
                return at + line.len();
            }
            at += line.len();
        }
        text.len()
    };
    let mut edits: Vec<&lsp::TextEdit> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(offset(e.range.start)..offset(e.range.end), &e.new_text);
    }
    out
}

fn edits_of(action: &Value, uri: &str) -> Vec<lsp::TextEdit> {
    let edit: lsp::WorkspaceEdit =
        serde_json::from_value(action["edit"].clone()).expect("workspace edit");
    let uri = lsp::Uri::from_str(uri).expect("uri");
    if let Some(changes) = edit.changes {
        return changes.get(&uri).cloned().unwrap_or_default();
    }
    match edit.document_changes {
        Some(lsp::DocumentChanges::Edits(docs)) => docs
            .into_iter()
            .filter(|d| d.text_document.uri == uri)
            .flat_map(|d| d.edits)
            .map(|e| match e {
                lsp::OneOf::Left(e) => e,
                lsp::OneOf::Right(a) => a.text_edit,
            })
            .collect(),
        _ => Vec::new(),
    }
}

const DOCKERFILE: &str =
    "FROM ubuntu:22.04\nRUN echo \"café 😀\" && apt-get install -y curl\nMAINTAINER José\n";

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> lsp::Range {
    lsp::Range::new(lsp::Position::new(l1, c1), lsp::Position::new(l2, c2))
}

fn find<'a>(p: &'a lsp::PublishDiagnosticsParams, wanted: &str) -> &'a lsp::Diagnostic {
    p.diagnostics
        .iter()
        .find(|d| code(d) == wanted)
        .unwrap_or_else(|| panic!("no {wanted} in {:?}", codes(p)))
}

fn change(c: &mut Client, uri: &str, version: i32, changes: Value) {
    c.notify(
        lsp::notification::DidChangeTextDocument::METHOD,
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
    );
}

fn actions(c: &mut Client, uri: &str, at: lsp::Range) -> Vec<Value> {
    let result = c.request(
        lsp::request::CodeActionRequest::METHOD,
        json!({"textDocument": {"uri": uri}, "range": at, "context": {"diagnostics": []}}),
    );
    result.as_array().cloned().unwrap_or_default()
}

fn titled(actions: &[Value], prefix: &str) -> Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(prefix)))
        .cloned()
        .unwrap_or_else(|| panic!("no action `{prefix}` in {actions:#?}"))
}

fn hover(c: &mut Client, uri: &str, line: u32, character: u32) -> String {
    let result = c.request(
        lsp::request::HoverRequest::METHOD,
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    result["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn full_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("Dockerfile");
    std::fs::write(&path, DOCKERFILE).expect("write");
    let uri = file_uri(&path);
    let mut c = Client::start(json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}));
    c.open(&uri, "dockerfile", DOCKERFILE);
    let published = c.diagnostics(&uri);
    assert_eq!(published.version, Some(1));
    let found = codes(&published);
    for wanted in ["DF004", "DF029"] {
        assert!(found.contains(&wanted.to_string()), "{found:?}");
    }
    // UTF-16 columns: `é` is one unit, `😀` two, so `apt-get` starts at 22 (21 characters).
    let df029 = find(&published, "DF029");
    assert_eq!(df029.range, range(1, 22, 1, 45));
    assert_eq!(df029.source.as_deref(), Some("rlint"));
    assert_eq!(find(&published, "DF004").range, range(2, 0, 2, 15));

    // An incremental change: a line inserted above moves every finding down one line.
    let mut text = format!("# base\n{DOCKERFILE}");
    change(
        &mut c,
        &uri,
        2,
        json!([{"range": range(0, 0, 0, 0), "text": "# base\n"}]),
    );
    let published = c.diagnostics(&uri);
    assert_eq!(published.version, Some(2));
    assert_eq!(find(&published, "DF029").range, range(2, 22, 2, 45));

    // Hover on the finding shows the rule's page.
    let doc = hover(&mut c, &uri, 2, 30);
    assert!(doc.contains("# DF029"), "{doc}");

    // The quick fix of DF004 (MAINTAINER → LABEL), applied, then sent back: DF004 is gone.
    let df004 = find(&published, "DF004").range;
    let list = actions(&mut c, &uri, df004);
    let fix = list
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .cloned()
        .unwrap_or_else(|| panic!("no fix in {list:#?}"));
    assert_eq!(fix["diagnostics"][0]["code"], "DF004");
    assert_eq!(
        fix["edit"]["documentChanges"][0]["textDocument"]["version"],
        2
    );
    text = apply(&text, &edits_of(&fix, &uri));
    assert!(!text.contains("MAINTAINER"), "{text}");
    change(&mut c, &uri, 3, json!([{"text": text}]));
    let published = c.diagnostics(&uri);
    assert!(
        !codes(&published).contains(&"DF004".to_string()),
        "{:?}",
        codes(&published)
    );

    // "Ignore DF029 for this instruction" writes the pragma that silences it.
    let list = actions(&mut c, &uri, find(&published, "DF029").range);
    let ignore = titled(&list, "Ignore DF029 for this instruction");
    text = apply(&text, &edits_of(&ignore, &uri));
    assert!(text.contains("# rlint ignore=DF029\nRUN echo"), "{text}");
    change(&mut c, &uri, 4, json!([{"text": text}]));
    let published = c.diagnostics(&uri);
    assert!(
        !codes(&published).contains(&"DF029".to_string()),
        "{:?}",
        codes(&published)
    );
    // Hover on the code inside the pragma.
    let doc = hover(&mut c, &uri, 2, 17);
    assert!(doc.contains("# DF029"), "{doc}");

    // "Ignore ... in this file" for what is left.
    let left = published.diagnostics.first().cloned();
    if let Some(d) = left {
        let list = actions(&mut c, &uri, d.range);
        let ignore = titled(&list, &format!("Ignore {} in this file", code(&d)));
        text = apply(&text, &edits_of(&ignore, &uri));
        change(&mut c, &uri, 5, json!([{"text": text}]));
        let published = c.diagnostics(&uri);
        assert!(!codes(&published).contains(&code(&d)), "{text}");
    }

    // Closing clears the file's diagnostics.
    c.notify(
        lsp::notification::DidCloseTextDocument::METHOD,
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(c.diagnostics(&uri).diagnostics.is_empty());
    c.shutdown();
}

/// A Compose file whose build names a Dockerfile: missing on disk is reported, an unsaved buffer
/// of it counts as there, and one on disk is found.
#[test]
fn compose_sees_the_dockerfile_on_disk_and_in_buffers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let compose = "services:\n  api:\n    build:\n      context: .\n      dockerfile: api.Dockerfile\n  web:\n    build:\n      context: .\n      dockerfile: web.Dockerfile\n";
    std::fs::write(dir.path().join("compose.yaml"), compose).expect("write");
    std::fs::write(dir.path().join("api.Dockerfile"), "FROM alpine:3.20\n").expect("write");
    let uri = file_uri(&dir.path().join("compose.yaml"));
    let mut c = Client::start(json!({}));
    c.open(&uri, "yaml", compose);
    let published = c.diagnostics(&uri);
    let missing: Vec<&lsp::Diagnostic> = published
        .diagnostics
        .iter()
        .filter(|d| code(d) == "DC038")
        .collect();
    assert_eq!(missing.len(), 1, "{:#?}", published.diagnostics);
    assert!(missing[0].message.contains("web.Dockerfile"));
    assert_eq!(missing[0].range.start.line, 8);
    // Opening an unsaved web.Dockerfile re-lints the Compose file: nothing is missing now.
    let web = file_uri(&dir.path().join("web.Dockerfile"));
    c.open(&web, "dockerfile", "FROM alpine:3.20\n");
    let published = loop {
        let p = c.diagnostics(&uri);
        if !codes(&p).contains(&"DC038".to_string()) {
            break p;
        }
    };
    assert!(!codes(&published).contains(&"DC038".to_string()));
    c.shutdown();
}

/// A Dockerfile's `.dockerignore` is read from the open buffer when there is one, else from
/// disk: DF096 (COPY of an excluded file) follows the buffer as it changes, the file on disk
/// never touched, and comes back from the disk when the buffer is closed.
#[test]
fn dockerfile_sees_the_open_dockerignore_over_the_one_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dockerfile = "FROM alpine:3.20\nCOPY config/local.yml /etc/app/\n";
    let on_disk = "config/local.yml\n";
    std::fs::write(dir.path().join("Dockerfile"), dockerfile).expect("write");
    std::fs::write(dir.path().join(".dockerignore"), on_disk).expect("write");
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let ignore_uri = file_uri(&dir.path().join(".dockerignore"));
    let df096 = |p: &lsp::PublishDiagnosticsParams| -> Vec<String> {
        p.diagnostics
            .iter()
            .filter(|d| code(d) == "DF096")
            .map(|d| d.message.clone())
            .collect()
    };
    let mut c = Client::start(json!({}));
    c.open(&uri, "dockerfile", dockerfile);
    let published = c.diagnostics(&uri);
    let found = df096(&published);
    assert_eq!(found.len(), 1, "{:?}", codes(&published));
    assert!(
        found[0].contains("(`config/local.yml`, line 1)"),
        "{found:?}"
    );
    assert_eq!(find(&published, "DF096").range, range(1, 5, 1, 21));

    // Opened, and edited so the file is no longer excluded: the finding goes.
    c.open(&ignore_uri, "ignore", on_disk);
    assert_eq!(df096(&c.diagnostics(&uri)).len(), 1);
    change(&mut c, &ignore_uri, 2, json!([{"text": "*.md\n"}]));
    let published = c.diagnostics(&uri);
    assert!(df096(&published).is_empty(), "{:?}", published.diagnostics);

    // Another pattern of the buffer excludes it again: reported with the buffer's pattern.
    change(&mut c, &ignore_uri, 3, json!([{"text": "*.md\nconfig/\n"}]));
    let found = df096(&c.diagnostics(&uri));
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("(`config/`, line 2)"), "{found:?}");
    let disk = std::fs::read_to_string(dir.path().join(".dockerignore")).expect("read");
    assert_eq!(disk, on_disk);

    // Closed without saving: the disk's pattern again.
    change(&mut c, &ignore_uri, 4, json!([{"text": "*.md\n"}]));
    assert!(df096(&c.diagnostics(&uri)).is_empty());
    c.notify(
        lsp::notification::DidCloseTextDocument::METHOD,
        json!({"textDocument": {"uri": ignore_uri}}),
    );
    let found = df096(&c.diagnostics(&uri));
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("(`config/local.yml`, line 1)"),
        "{found:?}"
    );
    c.shutdown();
}

/// A workflow calling a reusable workflow of its folder is checked against the called file:
/// the one on disk, then the unsaved buffer of it, which takes precedence.
#[test]
fn workflow_call_sees_the_called_workflow_on_disk_and_in_buffers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let workflows = dir.path().join(".github/workflows");
    std::fs::create_dir_all(&workflows).expect("mkdir");
    let callee = |input: &str| {
        format!(
            "on:\n  workflow_call:\n    inputs:\n      {input}:\n        type: string\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
        )
    };
    std::fs::write(workflows.join("deploy.yml"), callee("environment")).expect("write");
    let caller = "on: push\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n    with:\n      target: production\n";
    let uri = file_uri(&workflows.join("ci.yml"));
    let mut c = Client::start(json!({}));
    c.open(&uri, "yaml", caller);
    let published = c.diagnostics(&uri);
    let found = find(&published, "GA030");
    assert!(
        found.message.contains("declares no input `target`"),
        "{}",
        found.message
    );
    assert_eq!(found.range.start.line, 5);
    let callee_uri = file_uri(&workflows.join("deploy.yml"));
    c.open(&callee_uri, "yaml", &callee("target"));
    let published = loop {
        let p = c.diagnostics(&uri);
        if !codes(&p).contains(&"GA030".to_string()) {
            break p;
        }
    };
    assert!(!codes(&published).contains(&"GA030".to_string()));
    c.shutdown();
}

/// A client that pulls (LSP 3.17) gets diagnostics from `textDocument/diagnostic`, none pushed.
#[test]
fn pull_diagnostics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let mut c =
        Client::start(json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}));
    c.open(&uri, "dockerfile", DOCKERFILE);
    let report = c.request(
        lsp::request::DocumentDiagnosticRequest::METHOD,
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(report["kind"], "full");
    let items: Vec<lsp::Diagnostic> =
        serde_json::from_value(report["items"].clone()).expect("items");
    let found: Vec<String> = items.iter().map(code).collect();
    assert!(found.contains(&"DF004".to_string()), "{found:?}");
    assert!(found.contains(&"DF029".to_string()), "{found:?}");
    assert!(!c.seen.iter().any(|n| is_publish(n, &uri)), "pushed too");
    c.shutdown();
}

/// `rlint.toml` is honoured, and re-read when the editor reports it changed.
#[test]
fn config_is_read_and_reread() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("rlint.toml"), "ignore = [\"DF004\"]\n").expect("write");
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let mut c = Client::start(json!({}));
    c.open(&uri, "dockerfile", DOCKERFILE);
    let published = c.diagnostics(&uri);
    assert!(!codes(&published).contains(&"DF004".to_string()));
    std::fs::write(dir.path().join("rlint.toml"), "ignore = []\n").expect("write");
    c.notify(
        lsp::notification::DidChangeWatchedFiles::METHOD,
        json!({"changes": [{"uri": file_uri(&dir.path().join("rlint.toml")), "type": 2}]}),
    );
    let published = c.diagnostics(&uri);
    assert!(codes(&published).contains(&"DF004".to_string()));
    c.shutdown();
}

/// A burst of changes is linted once it has been read: the last published diagnostics are for
/// the last version, and the burst costs fewer lints than changes. How many arrive together
/// depends on the scheduler (measured: 2 publishes for 201 changes, every run, with the machine
/// busy), so the bound is loose: one change taken together with the next is enough to pass;
/// linting each change on its own, as the server did when stdin was read through a
/// rendezvous channel (179-194 publishes), fails.
#[test]
fn queued_changes_coalesce() {
    let dir = tempfile::tempdir().expect("tempdir");
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let mut c = Client::start(json!({}));
    c.open(&uri, "dockerfile", "FROM ubuntu:22.04\n");
    c.diagnostics(&uri);
    let burst = 200;
    let mut text = String::from("FROM ubuntu:22.04\n");
    for v in 2..burst + 2 {
        text.push_str("RUN true\n");
        change(&mut c, &uri, v, json!([{"text": text}]));
    }
    text.push_str("MAINTAINER me\n");
    change(&mut c, &uri, burst + 2, json!([{"text": text}]));
    let mut published = 0;
    loop {
        let p = c.diagnostics(&uri);
        published += 1;
        if p.version == Some(burst + 2) {
            assert!(codes(&p).contains(&"DF004".to_string()));
            break;
        }
    }
    let changes = burst + 1;
    eprintln!("{changes} changes, {published} publishes");
    assert!(
        published < changes,
        "{changes} changes, {published} publishes"
    );
    c.shutdown();
}

/// The string literals of `const NAME = [ ... ];` in the extension's source.
fn ts_list(source: &str, name: &str) -> Vec<String> {
    let start = source
        .find(&format!("const {name} = ["))
        .unwrap_or_else(|| panic!("no `const {name}` in extension.ts"));
    let body = &source[start..];
    let body = &body[body.find('[').expect("[") + 1..body.find("];").expect("];")];
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

fn glob(pattern: &str) -> globset::GlobMatcher {
    globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .unwrap_or_else(|e| panic!("`{pattern}`: {e}"))
        .compile_matcher()
}

/// Files the extension's globs select although rlint reads no kind in them (a glob cannot
/// leave out an extension), with what such a file holds: the server must stay quiet on them.
const OVER_SELECTED: [(&str, &str, &str); 5] = [
    ("Dockerfile.go", "go", "package main\n\nfunc main() {}\n"),
    (
        "Dockerfile.md",
        "markdown",
        "# Notes\n\nThe image is built in CI.\n",
    ),
    (
        ".env.js",
        "javascript",
        "module.exports = { port: 3000 };\n",
    ),
    (".env.json", "json", "{\"port\": 3000}\n"),
    (
        "taskdef.schema.json",
        "json",
        "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"properties\": {\"containerDefinitions\": {\"type\": \"array\"}}}\n",
    ),
];

/// The VS Code extension hands the server every file rlint reads by name: its `PATTERNS`
/// (VS Code matches them case-sensitively on the absolute path; globset with `literal_separator`
/// has the same `**`, `*`, `{a,b}` and `[aA]`) select every name lint-core's kinds place or leave
/// to the content, and the `workspaceContains:` activation globs cover every name that settles a
/// kind. What they select beyond that is listed in `OVER_SELECTED`, and the server publishes
/// nothing for those.
#[test]
fn vscode_extension_selects_every_file_rlint_reads_by_name() {
    let extension = root_file("editors/vscode/src/extension.ts");
    let patterns = ts_list(&extension, "PATTERNS");
    let languages = ts_list(&extension, "LANGUAGES");
    assert!(patterns.len() > 10, "{patterns:?}");
    let manifest: Value =
        serde_json::from_str(&root_file("editors/vscode/package.json")).expect("package.json");
    let events: Vec<&str> = manifest["activationEvents"]
        .as_array()
        .expect("activationEvents")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let activation: Vec<&str> = events
        .iter()
        .filter_map(|e| e.strip_prefix("workspaceContains:"))
        .collect();
    let mut wrong = Vec::new();
    for glob in &activation {
        if !patterns.iter().any(|p| p == glob) {
            wrong.push(format!("activation glob `{glob}` is not one of PATTERNS"));
        }
    }
    for language in &languages {
        if !events.contains(&format!("onLanguage:{language}").as_str()) {
            wrong.push(format!(
                "LANGUAGES has {language}, activationEvents no onLanguage:{language}"
            ));
        }
    }
    let selects: Vec<globset::GlobMatcher> = patterns.iter().map(|p| glob(p)).collect();
    let activates: Vec<globset::GlobMatcher> = activation.iter().map(|p| glob(p)).collect();
    let names = [
        // Dockerfiles: settled, then left to the content.
        "Dockerfile",
        "dockerfile",
        "Containerfile",
        "containerfile",
        "svc/Dockerfile.dev",
        "api.Dockerfile",
        "api.dockerfile",
        "react.Dockerfile.dev",
        "web/react.Dockerfile.prod",
        "Containerfile.alpine",
        "base.containerfile",
        "Dockerfile-old",
        "Dockerfile_alpine",
        "base_dockerfile",
        "app-dockerfile",
        "Dockerfile.j2",
        "Dockerfile.template",
        "Dockerfile.go",
        "Dockerfile.md",
        ".dockerignore",
        "api/Dockerfile.dockerignore",
        "api.Dockerfile.dockerignore",
        // Compose.
        "compose.yaml",
        "compose.yml",
        "compose.override.yml",
        "compose.prod.yaml",
        "docker-compose.yml",
        "docker-compose.yaml",
        "deploy/docker-compose.prod.yaml",
        "kono.docker-compose.yml",
        "my-docker-compose.yml",
        "docker-compose-dev.yml",
        "compose-dev.yml",
        // CI.
        ".github/workflows/ci.yml",
        ".github/workflows/release.yaml",
        ".github/dependabot.yml",
        ".circleci/config.yml",
        ".circleci/config.yaml",
        ".circleci/continue_config.yml",
        "circleci.yml",
        "circleci-config.yml",
        "buildspec.yml",
        "ci/buildspec-prod.yaml",
        "buildspec_apply.yml",
        ".travis.yml",
        "react-test.travis.yml",
        // AWS and dockerd.
        "Dockerrun.aws.json",
        "dockerrun.aws.json",
        "task-definition.json",
        "taskdef.json",
        "taskdefinition.json",
        "TaskDefinition.json",
        "web.task-definition.json",
        "ecs/web_task_def.json",
        "my_task_def.json",
        "container-definitions.json",
        "container_definitions.json",
        "containerDefinitions.json",
        "ecs-web.json",
        "taskdef.schema.json",
        "daemon.json",
        "etc/docker/daemon.json",
        "docker-daemon.json",
        "prod.daemon.json",
        "docker/daemon-prod.json",
        // .env files.
        ".env",
        ".env.production",
        ".env.local",
        ".env.example",
        "config/app.env",
        ".env.js",
        ".env.json",
        ".envrc",
        // Nothing of rlint's.
        "README.md",
        "src/main.rs",
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        "Cargo.toml",
        "values.yaml",
        "environment.yml",
        "Makefile",
    ];
    for name in names {
        let absolute = format!("/home/user/project/{name}");
        let selected = selects.iter().any(|g| g.is_match(&absolute));
        let settled = lint_core::FileKind::from_path(name);
        let read = settled.or_else(|| lint_core::FileKind::maybe_from_path(name));
        if read.is_some() && !selected {
            wrong.push(format!(
                "{name}: rlint reads it ({read:?}), PATTERNS miss it"
            ));
        }
        if read.is_none() && selected && !OVER_SELECTED.iter().any(|(n, ..)| *n == name) {
            wrong.push(format!("{name}: not rlint's, PATTERNS select it"));
        }
        if settled.is_some() && !activates.iter().any(|g| g.is_match(name)) {
            wrong.push(format!("{name}: {settled:?}, no workspaceContains glob"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");

    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = Client::start(json!({}));
    for (name, language, text) in OVER_SELECTED {
        let path = dir.path().join(name);
        assert!(selects.iter().any(|g| g.is_match(&path)));
        let uri = file_uri(&path);
        c.open(&uri, language, text);
        let published = c.diagnostics(&uri);
        assert!(
            published.diagnostics.is_empty(),
            "{name}: {:?}",
            codes(&published)
        );
    }
    c.shutdown();
}

fn root_file(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}
