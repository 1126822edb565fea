//! The page: tabs, an editor with gutter markers and underlines, the results list, the rule
//! panel, examples, permalink, downloads and fixes. Small tabs are linted in the page on the
//! keystroke; large or slow ones in a Web Worker (`www/worker.js` loads this same module and
//! calls `lint_request`), so a huge or hostile paste never freezes the page; a lint that runs too
//! long there is stopped and reported.
//!
//! This file holds the state and what each message does; each part of the page draws itself in
//! a file of its own: `header.rs` (the bar), `tabs.rs`, `editor.rs` (textarea, underlines,
//! gutter), `findings.rs` (the list), `doc.rs` (the rule panel), `layers.rs` (the layer-cache
//! panel shown instead of the list for a Dockerfile).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlTextAreaElement, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::prelude::*;

use std::hash::{Hash, Hasher};
use std::rc::Rc;

use crate::examples::{EXAMPLES, tabs as example_tabs};
use crate::model::{self, FileResult, Finding, Response, Tab};

mod doc;
mod editor;
mod findings;
mod header;
mod layers;
mod tabs;

/// Pixels per editor line (kept equal to `--line` in style.css).
const LINE_PX: i32 = 20;
/// A lint still running after this long is stopped (the worker is replaced).
const TIMEOUT_MS: i32 = 15_000;
/// Tabs up to this size in all are linted in the page itself, on the keystroke, as long as the
/// lint is predicted to take at most `INLINE_BUDGET_MS` (see [`model::LintCost`]): that answers
/// within the frame (a round trip to the worker and back costs more than the lint). Larger or
/// slower inputs go to the worker, so the page never waits for them.
const INLINE_LIMIT: usize = 128 * 1024;
const INLINE_BUDGET_MS: f64 = 8.0;
/// Findings listed at most (a generated file can have tens of thousands; all stay underlined).
const SHOWN: usize = 1000;
/// Texts larger than this are linted in full but not edited in place: a browser textarea needs
/// seconds of layout for a few hundred thousand lines (measured: 7.7 s for 5 MB in chromium), so
/// the editor shows the first `PREVIEW_LINES` lines read-only, without underlines.
const DRAW_LIMIT: usize = 512 * 1024;
const PREVIEW_LINES: usize = 2000;

/// The first lines of a large text, for the read-only editor.
fn preview(text: &str) -> String {
    let end = text
        .match_indices('\n')
        .nth(PREVIEW_LINES - 1)
        .map_or(text.len(), |(i, _)| i + 1);
    let mut out = text[..end].to_string();
    if end < text.len() {
        out.push_str(&format!(
            "… {} more bytes not shown here (the whole file is checked)\n",
            text.len() - end
        ));
    }
    out
}

pub enum Msg {
    /// The textarea's new text, and the input's `inputType` (`historyUndo` for Ctrl+Z).
    Edit(String, String),
    Cursor(u32),
    Scrolled,
    Select(usize),
    Results(String, f64),
    WorkerReady,
    Timeout(u64),
    WorkerError(String),
    Goto(usize),
    NextFinding,
    ShowDoc(String),
    CloseDoc,
    /// A rule page fetched: its URL, and its HTML (`None` when it could not be loaded).
    DocLoaded(String, Option<String>),
    ApplyFix(usize),
    FixAll,
    CopyFixed,
    Share,
    Download(bool),
    LoadExample(usize),
    StartAdd,
    AddName(String),
    CommitAdd,
    CancelAdd,
    StartRename(usize),
    /// Renames a tab in one click (to the name its content asks for).
    RenameTo(usize, String),
    /// Ctrl+Z (`false`) / Ctrl+Shift+Z (`true`), or the browser's Undo / Redo, in the editor.
    Undo(bool),
    RenameName(String),
    CommitRename,
    Close(usize),
    /// The results area shows the layer-cache panel (`true`) or the findings.
    ShowLayers(bool),
    /// Ticks or unticks "changed" on a context file.
    ToggleChanged(String),
    /// The panel's "add a path" input.
    LayerPath(String),
    AddLayerPath,
    RemoveLayerPath(String),
    /// "Compare with saved version" on (the Dockerfile's text now is saved) or off.
    Compare(bool),
    /// Saves the Dockerfile's current text as the version to compare with.
    SaveVersion,
    /// Selects the instruction of the step at this line in the editor.
    GotoStep(usize),
}

pub struct App {
    tabs: Vec<Tab>,
    active: usize,
    /// The newest answer.
    results: Option<Answer>,
    next_id: u64,
    in_flight: Option<u64>,
    /// Bytes handed to the worker with the request in flight.
    sent_size: usize,
    /// How long lints took: decides whether the next one runs in the page or in the worker.
    cost: model::LintCost,
    dirty: bool,
    worker: Option<Worker>,
    _on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    cursor: usize,
    doc: Option<String>,
    /// Rule pages fetched so far, by URL (the wasm holds no rule docs; see `doc.rs`).
    doc_pages: std::collections::HashMap<String, Option<String>>,
    docs_loading: std::collections::HashSet<String>,
    adding: Option<String>,
    renaming: Option<(usize, String)>,
    notice: Option<String>,
    share: Option<String>,
    generation: u64,
    first_results_done: bool,
    /// The editor's layers need their scroll positions aligned after the next render.
    resync: bool,
    /// The example the tabs were loaded from (the examples menu shows it while they are unedited).
    example: Option<usize>,
    /// Undo and redo of every tab. The page keeps its own: see [`Msg::Undo`]'s handling.
    history: model::History,
    /// Byte range of the open tab to select (and scroll to) after the next render.
    select_after: Option<(usize, usize)>,
    /// Listens for the browser's own Undo / Redo (its Edit and context menus).
    _on_beforeinput: Option<Closure<dyn FnMut(web_sys::InputEvent)>>,
    textarea: NodeRef,
    backdrop: NodeRef,
    gutter: NodeRef,
    examples: NodeRef,
    /// Made once, so the rows, lines and markers that get them compare equal between renders
    /// (a child component whose props are unchanged is not drawn again).
    on_goto: Callback<usize>,
    on_doc: Callback<AttrValue>,
    on_fix: Callback<usize>,
    on_step: Callback<usize>,
    /// The layer-cache panel: shown (for a Dockerfile tab), the user's choices, and the panel
    /// for the inputs it was computed from.
    layers: LayersState,
}

#[derive(Default)]
struct LayersState {
    shown: bool,
    choices: crate::layers::Choices,
    /// The saved version: (Dockerfile tab path, text).
    saved: Option<(String, String)>,
    new_path: String,
    /// The panel, what it was computed from, and how long that took (ms).
    panel: Option<(Rc<crate::layers::Panel>, LayersKey, f64)>,
    generation: u64,
}

/// What a panel depends on: recomputed when any of it changes.
#[derive(PartialEq)]
struct LayersKey {
    tabs: Vec<Tab>,
    active: usize,
    choices: crate::layers::Choices,
}

/// The findings (from the page or the worker), shared with the components that draw them, and the
/// tabs they are for.
struct Answer {
    files: Vec<Rc<FileResult>>,
    linted: Vec<Tab>,
    /// Milliseconds spent linting, and where: "page" or "worker".
    ms: f64,
    place: &'static str,
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

impl App {
    fn spawn_worker(&mut self, ctx: &Context<Self>) {
        if let Some(w) = self.worker.take() {
            w.terminate();
        }
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        match Worker::new_with_options("./worker.js", &options) {
            Ok(worker) => {
                let link = ctx.link().clone();
                let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                    // `["ready"]` once its module is loaded, then `["answer", JSON, milliseconds
                    // spent]` per request (see worker.js).
                    let data = js_sys::Array::from(&e.data());
                    match (data.get(0).as_string().as_deref(), data.get(1).as_string()) {
                        (Some("ready"), _) => link.send_message(Msg::WorkerReady),
                        (Some("answer"), Some(text)) => link
                            .send_message(Msg::Results(text, data.get(2).as_f64().unwrap_or(0.0))),
                        _ => link.send_message(Msg::WorkerError(
                            "the checker sent an unreadable answer".into(),
                        )),
                    }
                });
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                self.worker = Some(worker);
                self._on_message = Some(on_message);
            }
            Err(_) => {
                self.notice =
                    Some("this browser cannot start the checker (Web Workers are off)".into())
            }
        }
    }

    /// Lints the tabs: in the page when they are small and predicted quick (then the
    /// findings are in place on return, and `true` says so), else in the worker, unless a lint
    /// is running there (then once it answers).
    fn request(&mut self, ctx: &Context<Self>) -> bool {
        let size: usize = self.tabs.iter().map(|t| t.text.len()).sum();
        if size <= INLINE_LIMIT && self.cost.predict(size) <= INLINE_BUDGET_MS {
            let started = now();
            let files = model::lint_tabs(&self.tabs);
            let ms = now() - started;
            // A worker answer still on its way is for older text.
            self.in_flight = None;
            self.dirty = false;
            self.answered(files, size, ms, "page");
            return true;
        }
        self.send_to_worker(ctx, size);
        false
    }

    /// Keeps an answer for the current tabs.
    fn answered(&mut self, files: Vec<FileResult>, size: usize, ms: f64, place: &'static str) {
        self.cost.record(size, ms);
        self.results = Some(Answer {
            files: files.into_iter().map(Rc::new).collect(),
            linted: self.tabs.clone(),
            ms,
            place,
        });
        self.generation += 1;
    }

    /// Hands the tabs (`size` bytes in all) to the worker.
    fn send_to_worker(&mut self, ctx: &Context<Self>, size: usize) {
        if self.in_flight.is_some() {
            self.dirty = true;
            return;
        }
        let Some(worker) = &self.worker else { return };
        self.next_id += 1;
        let id = self.next_id;
        let request = model::Request {
            id,
            files: self.tabs.clone(),
        };
        let Ok(json) = serde_json::to_string(&request) else {
            return;
        };
        if worker.post_message(&JsValue::from_str(&json)).is_err() {
            self.notice = Some("could not hand the files to the checker".into());
            return;
        }
        self.in_flight = Some(id);
        self.sent_size = size;
        self.dirty = false;
        let link = ctx.link().clone();
        let timeout = Closure::once_into_js(move || link.send_message(Msg::Timeout(id)));
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            timeout.unchecked_ref(),
            TIMEOUT_MS,
        );
    }

    fn textarea(&self) -> Option<HtmlTextAreaElement> {
        self.textarea.cast::<HtmlTextAreaElement>()
    }

    fn active_tab(&self) -> &Tab {
        &self.tabs[self.active]
    }

    /// The findings of the active tab, when they belong to its current text.
    fn active_result(&self) -> Option<&Rc<FileResult>> {
        let answer = self.results.as_ref()?;
        let tab = self.active_tab();
        let i = answer.linted.iter().position(|t| t.path == tab.path)?;
        (answer.linted[i].text == tab.text)
            .then(|| answer.files.get(i))
            .flatten()
    }

    /// The newest findings of the active tab, and whether they belong to its current text (while
    /// a lint runs, the previous findings stay on screen instead of flashing away).
    fn shown_result(&self) -> Option<(&Rc<FileResult>, bool)> {
        let fresh = self.active_result();
        match fresh {
            Some(r) => Some((r, true)),
            None => self.result_of(&self.active_tab().path).map(|r| (r, false)),
        }
    }

    /// Index of the finding under the cursor, if any.
    fn finding_at_cursor(&self) -> Option<usize> {
        let cursor = self.cursor;
        self.shown_result()?
            .0
            .findings
            .iter()
            .position(|f| f.start <= cursor && cursor <= f.end.max(f.start + 1))
    }

    fn result_of(&self, path: &str) -> Option<&Rc<FileResult>> {
        let answer = self.results.as_ref()?;
        let i = answer.linted.iter().position(|t| t.path == path)?;
        answer.files.get(i)
    }

    fn stale(&self) -> bool {
        self.results
            .as_ref()
            .is_none_or(|answer| answer.linted != self.tabs)
    }

    fn goto(&self, finding: &Finding) {
        let Some(ta) = self.textarea() else { return };
        let text = &self.active_tab().text;
        let start = model::utf16_index(text, finding.start);
        let end = model::utf16_index(text, finding.end.max(finding.start));
        let _ = ta.focus();
        let _ = ta.set_selection_range(start, end);
        ta.set_scroll_top(((finding.line as i32) - 4).max(0) * LINE_PX);
        self.sync_scroll();
    }

    /// The page keeps its own undo history instead of the browser's: Chromium ends its group of
    /// typed characters whenever any node of the document is removed (measured in Chromium 156:
    /// one removed element anywhere, even in a shadow tree or a moment later, and Ctrl+Z undoes
    /// one character), and the page removes nodes on nearly every keystroke (the underlined
    /// lines, gutter markers and findings it redraws), so the browser's Ctrl+Z undid typing a
    /// character at a time. Fixes alone could go through it (`execCommand("insertText")` keeps
    /// them undoable), but not "Fix all" over the tabs that are not shown. So Ctrl+Z, Ctrl+Shift+Z,
    /// Ctrl+Y and the browser's menus' Undo / Redo all come to [`model::History`].
    fn listen_for_browser_undo(&mut self, ctx: &Context<Self>) {
        let Some(ta) = self.textarea() else { return };
        let link = ctx.link().clone();
        let on_beforeinput =
            Closure::<dyn FnMut(web_sys::InputEvent)>::new(move |e: web_sys::InputEvent| {
                let redo = match e.input_type().as_str() {
                    "historyUndo" => false,
                    "historyRedo" => true,
                    _ => return,
                };
                e.prevent_default();
                link.send_message(Msg::Undo(redo));
            });
        let _ = ta.add_event_listener_with_callback(
            "beforeinput",
            on_beforeinput.as_ref().unchecked_ref(),
        );
        self._on_beforeinput = Some(on_beforeinput);
    }

    /// Selects a byte range of the open tab and scrolls it into view (after an undo or a fix,
    /// where the text was set, which puts the caret at its end).
    fn select_and_reveal(&self, start: usize, end: usize) {
        let Some(ta) = self.textarea() else { return };
        let text = &self.active_tab().text;
        let _ = ta.focus();
        let _ = ta.set_selection_range(
            model::utf16_index(text, start),
            model::utf16_index(text, end),
        );
        let line = text.get(..end).unwrap_or(text).matches('\n').count() as i32;
        let (top, height) = (ta.scroll_top(), ta.client_height());
        let y = line * LINE_PX;
        if y < top || y + 2 * LINE_PX > top + height {
            ta.set_scroll_top((y - height / 2).max(0));
        }
        self.sync_scroll();
    }

    /// Moves the gutter's numbers and the underlines by as much as the textarea's text is
    /// scrolled. A transform, not the layers' own scroll position: a layer cannot scroll further
    /// than its content reaches, and when a paste scrolls the textarea before the new lines are
    /// drawn under it (the findings come from the worker), the layers would stay at the top.
    fn sync_scroll(&self) {
        let Some(ta) = self.textarea() else { return };
        let (top, left) = (ta.scroll_top(), ta.scroll_left());
        for (layer, x) in [(&self.backdrop, left), (&self.gutter, 0)] {
            if let Some(layer) = layer.cast::<web_sys::HtmlElement>() {
                let _ = layer
                    .style()
                    .set_property("transform", &format!("translate({}px, {}px)", -x, -top));
            }
        }
    }

    fn set_tabs(&mut self, ctx: &Context<Self>, tabs: Vec<Tab>, active: usize) {
        self.tabs = if tabs.is_empty() {
            vec![Tab {
                path: "Dockerfile".into(),
                text: String::new(),
            }]
        } else {
            tabs
        };
        self.active = active.min(self.tabs.len() - 1);
        self.cursor = 0;
        self.resync = true;
        self.request(ctx);
    }

    /// Whether the tabs are an example's files as it has them.
    fn is_unedited(&self, example: &crate::examples::Example) -> bool {
        self.tabs.len() == example.files.len()
            && self
                .tabs
                .iter()
                .zip(example.files)
                .all(|(t, (path, text))| t.path == *path && t.text == *text)
    }

    fn valid_name(&self, name: &str, except: Option<usize>) -> Result<String, String> {
        let name = model_normalize(name);
        if name.is_empty() {
            return Err(
                "give the file a name (it decides the kind: Dockerfile, compose.yaml, ...)".into(),
            );
        }
        if self
            .tabs
            .iter()
            .enumerate()
            .any(|(i, t)| Some(i) != except && model_normalize(&t.path) == name)
        {
            return Err(format!("`{name}` is already open"));
        }
        Ok(name)
    }

    fn download(&self, name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(content));
        let bag = web_sys::BlobPropertyBag::new();
        bag.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = window().document().ok_or(JsValue::NULL)?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        web_sys::Url::revoke_object_url(&url)?;
        Ok(())
    }

    fn copy(&self, text: &str) {
        let _ = window().navigator().clipboard().write_text(text);
    }
}

fn model_normalize(path: &str) -> String {
    lint_core::project::normalize(path.trim())
}

impl App {
    /// One message: what it changes, and whether the page is drawn again.
    fn handle(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Edit(text, input_type) => {
                let big = text.len() > DRAW_LIMIT || self.active_tab().text.len() > DRAW_LIMIT;
                let tab = &mut self.tabs[self.active];
                let old = std::mem::replace(&mut tab.text, text);
                let kind = model::EditKind::of_input(&input_type);
                self.history.record(&tab.path, &old, &tab.text, kind);
                let had_link = self.share.take().is_some();
                let answered = self.request(ctx);
                // The textarea already shows what was typed: the page is drawn again with the
                // findings for it (now, or when the worker answers), not twice per keystroke.
                return answered || had_link || big || self.worker.is_none() || self.layers_shown();
            }
            Msg::Cursor(at) => {
                let before = self.finding_at_cursor();
                self.cursor = model::byte_index(&self.active_tab().text, at);
                // Drawn again only when the hint changes.
                return before != self.finding_at_cursor();
            }
            Msg::Scrolled => {
                self.sync_scroll();
                return false;
            }
            Msg::Select(i) => {
                if i < self.tabs.len() && i != self.active {
                    self.active = i;
                    self.cursor = 0;
                    self.resync = true;
                }
            }
            Msg::Results(json, ms) => {
                let Ok(response) = serde_json::from_str::<Response>(&json) else {
                    self.notice = Some("the checker sent an unreadable answer".into());
                    self.in_flight = None;
                    return true;
                };
                if Some(response.id) != self.in_flight {
                    return false;
                }
                self.in_flight = None;
                let size = self.sent_size;
                if let Some(error) = response.error {
                    // The module trapped: its instance is unusable, so start a fresh worker.
                    self.notice = Some(format!("the checker failed on this input: {error}"));
                    self.spawn_worker(ctx);
                    self.results = None;
                    return true;
                }
                if self.dirty {
                    // Edited since this request was sent: ask again rather than show stale findings.
                    self.cost.record(size, ms);
                    self.request(ctx);
                } else {
                    self.answered(response.files, size, ms, "worker");
                    if self
                        .notice
                        .as_deref()
                        .is_some_and(|n| n.starts_with("stopped"))
                    {
                        self.notice = None;
                    }
                }
            }
            Msg::WorkerReady => {
                // For tests and benchmarks: the page and both copies of the module are loaded.
                if let Some(root) = window().document().and_then(|d| d.document_element()) {
                    let _ = root.set_attribute("data-worker-ready", "");
                }
                return false;
            }
            Msg::Timeout(id) => {
                if self.in_flight != Some(id) {
                    return false;
                }
                self.in_flight = None;
                self.cost.assume_slow();
                self.notice = Some(format!(
                    "stopped checking after {} s: the input is too large or too complex for the page; the CLI handles it",
                    TIMEOUT_MS / 1000
                ));
                self.spawn_worker(ctx);
                self.results = None;
            }
            Msg::WorkerError(e) => {
                self.in_flight = None;
                self.notice = Some(e);
            }
            Msg::Goto(i) => {
                if let Some(f) = self.active_result().and_then(|r| r.findings.get(i)) {
                    self.goto(f);
                    self.cursor = f.start;
                }
            }
            Msg::NextFinding => {
                let cursor = self.cursor;
                if let Some(r) = self.active_result() {
                    let next = r
                        .findings
                        .iter()
                        .find(|f| f.start > cursor)
                        .or_else(|| r.findings.first())
                        .cloned();
                    if let Some(f) = next {
                        self.goto(&f);
                        self.cursor = f.start;
                    }
                }
            }
            Msg::ShowDoc(code) => {
                self.fetch_doc(ctx, &code);
                self.doc = Some(code);
            }
            Msg::CloseDoc => self.doc = None,
            Msg::DocLoaded(url, page) => {
                self.docs_loading.remove(&url);
                self.doc_pages.insert(url, page);
            }
            Msg::ApplyFix(i) => {
                let fix = self
                    .active_result()
                    .and_then(|r| r.findings.get(i))
                    .and_then(|f| f.fix.clone());
                if let Some(fix) = fix {
                    match model::apply_edits(&self.active_tab().text, &fix.edits) {
                        Some(text) => {
                            let tab = &mut self.tabs[self.active];
                            let old = std::mem::replace(&mut tab.text, text);
                            self.history
                                .record(&tab.path, &old, &tab.text, model::EditKind::Other);
                            let (_, _, end) = model::changed_range(&old, &tab.text);
                            self.select_after = Some((end, end));
                            self.request(ctx);
                        }
                        None => self.notice = Some("that fix no longer fits the text".into()),
                    }
                }
            }
            Msg::FixAll => {
                let fixed = model::fix_all(&self.tabs);
                let changed = fixed
                    .iter()
                    .zip(&self.tabs)
                    .filter(|(a, b)| a.text != b.text)
                    .count();
                self.notice = Some(if changed == 0 {
                    "no safe fix applies".into()
                } else {
                    format!("fixed {changed} file(s); Ctrl+Z undoes it")
                });
                let changes: Vec<(&str, &str, &str)> = self
                    .tabs
                    .iter()
                    .zip(&fixed)
                    .map(|(old, new)| (old.path.as_str(), old.text.as_str(), new.text.as_str()))
                    .collect();
                self.history
                    .record_group(&changes, &self.tabs[self.active].path);
                self.tabs = fixed;
                self.resync = true;
                self.request(ctx);
            }
            Msg::Undo(redo) => {
                let Some(selection) = self.history.undo(&mut self.tabs, self.active, redo) else {
                    return false;
                };
                self.select_after = Some(selection);
                self.share = None;
                self.request(ctx);
            }
            Msg::CopyFixed => {
                // Fixed with the other tabs beside it, as its findings are linted.
                let fixed = model::fix_all(&self.tabs);
                self.copy(&fixed[self.active].text);
                self.notice = Some(format!("copied the fixed `{}`", self.active_tab().path));
            }
            Msg::Share => {
                let fragment = model::encode_share(&self.tabs, self.active);
                let _ = window().history().map(|h| {
                    h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")))
                });
                let link = window().location().href().unwrap_or_default();
                self.copy(&link);
                self.share = Some(link);
            }
            Msg::Download(sarif) => {
                let (name, mime) = if sarif {
                    ("rlint.sarif", "application/sarif+json")
                } else {
                    ("rlint.json", "application/json")
                };
                let content = model::report(&self.tabs, sarif);
                if self.download(name, mime, &content).is_err() {
                    self.notice = Some("the browser refused the download".into());
                }
            }
            Msg::LoadExample(i) => {
                if let Some(example) = EXAMPLES.get(i) {
                    self.history.clear();
                    // Ticks and the saved version were for the files that were open.
                    self.layers.forget_choices();
                    self.set_tabs(ctx, example_tabs(example), 0);
                    self.example = Some(i);
                    self.share = None;
                }
            }
            Msg::StartAdd => self.adding = Some(String::new()),
            Msg::AddName(name) => self.adding = Some(name),
            Msg::CancelAdd => self.adding = None,
            Msg::CommitAdd => {
                let name = self.adding.clone().unwrap_or_default();
                match self.valid_name(&name, None) {
                    Ok(name) => {
                        self.tabs.push(Tab {
                            path: name,
                            text: String::new(),
                        });
                        self.active = self.tabs.len() - 1;
                        self.adding = None;
                        self.resync = true;
                        self.request(ctx);
                    }
                    Err(e) => self.notice = Some(e),
                }
            }
            Msg::StartRename(i) => {
                if let Some(t) = self.tabs.get(i) {
                    self.renaming = Some((i, t.path.clone()));
                }
            }
            Msg::RenameTo(i, name) => match self.valid_name(&name, Some(i)) {
                Ok(name) if i < self.tabs.len() => {
                    self.history.rename(&self.tabs[i].path, &name);
                    self.tabs[i].path = name;
                    self.request(ctx);
                }
                Ok(_) => {}
                Err(e) => self.notice = Some(e),
            },
            Msg::RenameName(name) => {
                if let Some((_, n)) = &mut self.renaming {
                    *n = name;
                }
            }
            Msg::CommitRename => {
                if let Some((i, name)) = self.renaming.take() {
                    match self.valid_name(&name, Some(i)) {
                        Ok(name) => {
                            self.history.rename(&self.tabs[i].path, &name);
                            self.tabs[i].path = name;
                            self.request(ctx);
                        }
                        Err(e) => self.notice = Some(e),
                    }
                }
            }
            msg @ (Msg::ShowLayers(_)
            | Msg::ToggleChanged(_)
            | Msg::LayerPath(_)
            | Msg::AddLayerPath
            | Msg::RemoveLayerPath(_)
            | Msg::Compare(_)
            | Msg::SaveVersion
            | Msg::GotoStep(_)) => return self.handle_layers(msg),
            Msg::Close(i) => {
                if i < self.tabs.len() {
                    let closed = self.tabs.remove(i);
                    self.history.forget(&closed.path);
                    let active = if self.active >= i && self.active > 0 {
                        self.active - 1
                    } else {
                        self.active
                    };
                    let tabs = std::mem::take(&mut self.tabs);
                    self.set_tabs(ctx, tabs, active);
                }
            }
        }
        true
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let mut app = App {
            tabs: Vec::new(),
            active: 0,
            results: None,
            next_id: 0,
            in_flight: None,
            sent_size: 0,
            cost: model::LintCost::default(),
            dirty: false,
            worker: None,
            _on_message: None,
            cursor: 0,
            doc: None,
            doc_pages: std::collections::HashMap::new(),
            docs_loading: std::collections::HashSet::new(),
            adding: None,
            renaming: None,
            notice: None,
            share: None,
            generation: 0,
            first_results_done: false,
            resync: true,
            example: None,
            history: model::History::default(),
            select_after: None,
            _on_beforeinput: None,
            textarea: NodeRef::default(),
            backdrop: NodeRef::default(),
            gutter: NodeRef::default(),
            examples: NodeRef::default(),
            on_goto: ctx.link().callback(Msg::Goto),
            on_doc: ctx
                .link()
                .callback(|code: AttrValue| Msg::ShowDoc(code.to_string())),
            on_fix: ctx.link().callback(Msg::ApplyFix),
            on_step: ctx.link().callback(Msg::GotoStep),
            layers: LayersState::default(),
        };
        app.spawn_worker(ctx);
        let hash = window().location().hash().unwrap_or_default();
        let shared = (hash.len() > 1).then(|| model::decode_share(&hash));
        let (tabs, active) = match shared {
            Some(Ok(shared)) => shared,
            Some(Err(e)) => {
                app.notice = Some(format!("{e}; showing an example instead"));
                app.example = Some(0);
                (example_tabs(&EXAMPLES[0]), 0)
            }
            None => {
                app.example = Some(0);
                (example_tabs(&EXAMPLES[0]), 0)
            }
        };
        app.set_tabs(ctx, tabs, active);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        let draw = self.handle(ctx, msg);
        if draw {
            self.refresh_layers();
        }
        draw
    }

    fn rendered(&mut self, ctx: &Context<Self>, first: bool) {
        if first {
            self.listen_for_browser_undo(ctx);
        }
        if let Some((start, end)) = self.select_after.take() {
            self.select_and_reveal(start, end);
        }
        // Reading the textarea's scroll position forces a layout: only after a tab change or load,
        // not on every keystroke (the scroll handler keeps the layers in step otherwise).
        if std::mem::take(&mut self.resync) {
            self.sync_scroll();
        }
        // The menu names the example that is open, until its files are edited ("Examples…"
        // then, so choosing the example again loads it afresh).
        if let Some(select) = self.examples.cast::<web_sys::HtmlSelectElement>() {
            let open = self
                .example
                .filter(|&i| EXAMPLES.get(i).is_some_and(|e| self.is_unedited(e)));
            let index = open.map_or(0, |i| i as i32 + 1);
            if select.selected_index() != index {
                select.set_selected_index(index);
            }
        }
        if !self.first_results_done && self.results.is_some() {
            self.first_results_done = true;
            if let Some(root) = window().document().and_then(|d| d.document_element()) {
                let _ = root.set_attribute("data-first-results-ms", &format!("{:.1}", now()));
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        html! {
            <div class="page" onkeydown={link.batch_callback(|e: KeyboardEvent| match e.key().as_str() {
                "Escape" => Some(Msg::CloseDoc),
                "F8" => { e.prevent_default(); Some(Msg::NextFinding) }
                _ => None,
            })}>
                { self.view_header(ctx) }
                { self.view_tabs(ctx) }
                if let Some(n) = &self.notice {
                    <p class="notice" role="status" id="notice">{ n }</p>
                }
                <main class={classes!("work", self.doc.is_some().then_some("with-doc"))}>
                    { self.view_editor(ctx) }
                    { self.view_results(ctx) }
                    { self.view_doc(ctx) }
                </main>
            </div>
        }
    }
}

fn severity_static(s: &str) -> &'static str {
    match s {
        "error" => "error",
        "warning" => "warning",
        _ => "info",
    }
}
