//! The page's logic that does not need a browser: the lint request the worker answers, the
//! marks under the editor text, permalinks, fixes, offsets. Tested natively.

use base64::Engine as _;
use lint_core::project::{MemFile, lint_files, normalize};
use lint_core::{Config, Report};
use serde::{Deserialize, Serialize};

/// An open tab.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tab {
    pub path: String,
    pub text: String,
}

/// What the page asks the worker.
#[derive(Serialize, Deserialize)]
pub struct Request {
    pub id: u64,
    pub files: Vec<Tab>,
}

/// What the worker answers: one entry per tab, in tab order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub id: u64,
    pub files: Vec<FileResult>,
    /// Set by the worker's script when linting failed (a trap in the module).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileResult {
    pub path: String,
    pub kind: Option<String>,
    /// Recognised, but this build has no rules for the kind.
    pub skipped: bool,
    pub findings: Vec<Finding>,
    /// The text is clearly another kind than the tab's name says: its findings (a wall of
    /// "unknown instruction") are left out, and the page offers the name that fits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrong_kind: Option<WrongKind>,
}

/// What a tab's text looks like when its name says another kind, and a free name that fits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrongKind {
    /// In words: "Compose file", "Dockerfile".
    pub looks_like: String,
    pub rename_to: String,
    /// How many findings the wrong kind's rules made (not shown).
    pub hidden: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub code: String,
    pub name: String,
    pub severity: String,
    pub message: String,
    pub help: Option<String>,
    pub line: usize,
    pub column: usize,
    /// Byte span in the file.
    pub start: usize,
    pub end: usize,
    pub fix: Option<FixOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixOut {
    pub message: String,
    pub safe: bool,
    /// (start, end, replacement), byte offsets.
    pub edits: Vec<(usize, usize, String)>,
}

/// Lints the tabs (the worker's job).
pub fn answer(request_json: &str) -> String {
    let response = match serde_json::from_str::<Request>(request_json) {
        Ok(request) => Response {
            id: request.id,
            files: lint_tabs(&request.files),
            error: None,
        },
        Err(_) => Response::default(),
    };
    serde_json::to_string(&response).unwrap_or_default()
}

pub fn reports(tabs: &[Tab]) -> Vec<Report> {
    let files: Vec<MemFile<'_>> = tabs
        .iter()
        .map(|t| MemFile {
            path: &t.path,
            text: &t.text,
        })
        .collect();
    lint_files(&files, &Config::default())
}

pub fn lint_tabs(tabs: &[Tab]) -> Vec<FileResult> {
    reports(tabs)
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let mut result = file_result(r);
            result.wrong_kind = wrong_kind(tabs, i).map(|(looks_like, rename_to)| WrongKind {
                looks_like: looks_like.into(),
                rename_to,
                hidden: std::mem::take(&mut result.findings).len(),
            });
            result
        })
        .collect()
}

/// When tab `i`'s text clearly is another kind than its name gives it (or its name gives none):
/// that kind in words, and the first name for it in the tab's folder that no other tab has.
pub fn wrong_kind(tabs: &[Tab], i: usize) -> Option<(&'static str, String)> {
    use lint_core::FileKind as K;
    let tab = tabs.get(i)?;
    let path = normalize(&tab.path);
    let content = K::from_content(&tab.text)?;
    if K::from_path(&path) == Some(content) {
        return None;
    }
    let (looks_like, names): (_, &[&str]) = match content {
        K::Dockerfile => ("Dockerfile", &["Dockerfile"]),
        K::Compose => ("Compose file", &["compose.yaml", "docker-compose.yml"]),
        _ => return None,
    };
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let in_dir = |name: &str| {
        if dir.is_empty() {
            name.to_string()
        } else {
            format!("{dir}/{name}")
        }
    };
    let taken = |name: &str| {
        tabs.iter()
            .enumerate()
            .any(|(j, t)| j != i && normalize(&t.path) == name)
    };
    let numbered = (2..).map(|n| match content {
        K::Dockerfile => format!("Dockerfile.{n}"),
        _ => format!("compose.{n}.yaml"),
    });
    let name = names
        .iter()
        .map(|n| in_dir(n))
        .chain(numbered.map(|n| in_dir(&n)))
        .find(|n| !taken(n))?;
    Some((looks_like, name))
}

fn file_result(r: Report) -> FileResult {
    FileResult {
        path: r.path.clone(),
        kind: r.kind.map(|k| k.as_str().to_string()),
        skipped: r.skipped,
        wrong_kind: None,
        findings: r
            .diagnostics
            .iter()
            .map(|l| {
                let d = &l.diagnostic;
                Finding {
                    code: d.code.to_string(),
                    name: d.name.to_string(),
                    severity: d.severity.to_string(),
                    message: d.message.clone(),
                    help: d.help.clone(),
                    line: l.start.line,
                    column: l.start.column,
                    start: d.span.start,
                    end: d.span.end,
                    fix: d.fix.as_ref().map(|f| FixOut {
                        message: f.message.clone(),
                        safe: f.applicability == lint_core::Applicability::Safe,
                        edits: f
                            .edits
                            .iter()
                            .map(|e| (e.span.start, e.span.end, e.replacement.clone()))
                            .collect(),
                    }),
                }
            })
            .collect(),
    }
}

/// The kind a tab's name gives it, in words.
pub fn kind_label(path: &str) -> &'static str {
    use lint_core::FileKind as K;
    match K::from_path(&normalize(path)) {
        Some(K::Dockerfile) => "Dockerfile",
        Some(K::Dockerignore) => ".dockerignore",
        Some(K::Compose) => "Compose",
        Some(K::Buildspec) => "CodeBuild buildspec",
        Some(K::Travis) => "Travis CI",
        Some(K::Circleci) => "CircleCI",
        Some(K::GithubWorkflow) => "GitHub Actions workflow",
        Some(K::GithubAction) => "GitHub Actions action",
        Some(K::Dockerrun) => "Dockerrun.aws.json",
        Some(K::EcsTaskDefinition) => "ECS task definition",
        Some(K::Dotenv) => "env file",
        Some(K::DaemonJson) => "Docker daemon.json",
        None => "unknown kind",
    }
}

/// A stretch of the text under the editor, marked with the worst severity covering it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub severity: Option<&'static str>,
}

fn rank(severity: &str) -> u8 {
    match severity {
        "error" => 3,
        "warning" => 2,
        "info" => 1,
        _ => 0,
    }
}

fn severity_name(rank: u8) -> Option<&'static str> {
    match rank {
        3 => Some("error"),
        2 => Some("warning"),
        1 => Some("info"),
        _ => None,
    }
}

/// Splits `text` into marked and unmarked stretches. An empty span marks the character it points
/// at (or the one before it at a line end), so every finding is visible.
pub fn segments(text: &str, findings: &[Finding]) -> Vec<Segment> {
    let bounds: Vec<(usize, usize, u8)> = findings
        .iter()
        .filter_map(|f| {
            let start = f.start.min(text.len());
            let mut end = f.end.min(text.len()).max(start);
            let mut start = start;
            if start == end {
                let next = text[start..].chars().next();
                match next {
                    Some(c) if c != '\n' && c != '\r' => end = start + c.len_utf8(),
                    _ => {
                        let prev = text[..start].chars().next_back();
                        match prev {
                            Some(c) if c != '\n' => start -= c.len_utf8(),
                            _ => return None,
                        }
                    }
                }
            }
            (text.is_char_boundary(start) && text.is_char_boundary(end)).then_some((
                start,
                end,
                rank(&f.severity),
            ))
        })
        .collect();
    // One sweep over the span boundaries, counting the open spans of each severity.
    let mut events: Vec<(usize, i32, u8)> = Vec::with_capacity(bounds.len() * 2 + 2);
    for &(start, end, rank) in &bounds {
        events.push((start, 1, rank));
        events.push((end, -1, rank));
    }
    events.sort_unstable_by_key(|e| e.0);
    let mut open = [0i32; 4];
    let mut out: Vec<Segment> = Vec::new();
    let mut at = 0;
    let mut i = 0;
    loop {
        let next = events.get(i).map_or(text.len(), |e| e.0);
        if next > at {
            let worst = (1..4u8).rev().find(|&r| open[r as usize] > 0).unwrap_or(0);
            let severity = severity_name(worst);
            match out.last_mut() {
                Some(last) if last.severity == severity => last.end = next,
                _ => out.push(Segment {
                    start: at,
                    end: next,
                    severity,
                }),
            }
            at = next;
        }
        let Some(&(_, delta, rank)) = events.get(i) else {
            break;
        };
        open[rank as usize] += delta;
        i += 1;
    }
    if out.is_empty() {
        out.push(Segment {
            start: 0,
            end: text.len(),
            severity: None,
        });
    }
    out
}

/// Predicts how long linting a text of a given size takes, from the last few lints: the median
/// of their milliseconds per KiB, so one slow lint (a garbage collection, a busy machine) does not
/// move the page's choice between linting in place and in the worker, while an input that is
/// slow for its size (deep YAML, thousands of findings) moves it after two lints.
#[derive(Clone, Debug, Default)]
pub struct LintCost {
    /// Milliseconds per KiB of the last `SAMPLES` lints, oldest first.
    rates: std::collections::VecDeque<f64>,
}

impl LintCost {
    const SAMPLES: usize = 3;

    /// Sizes below one KiB cost as much as one KiB (the fixed part of a lint).
    fn kib(bytes: usize) -> f64 {
        (bytes as f64 / 1024.0).max(1.0)
    }

    /// Records a lint of `bytes` that took `ms`.
    pub fn record(&mut self, bytes: usize, ms: f64) {
        if self.rates.len() == Self::SAMPLES {
            self.rates.pop_front();
        }
        self.rates.push_back(ms / Self::kib(bytes));
    }

    /// Forgets what was measured and assumes every lint is slow (after a lint was stopped).
    pub fn assume_slow(&mut self) {
        self.rates = std::iter::repeat_n(f64::INFINITY, Self::SAMPLES).collect();
    }

    /// Predicted milliseconds for `bytes`; nothing measured yet predicts 0.
    pub fn predict(&self, bytes: usize) -> f64 {
        let mut rates: Vec<f64> = self.rates.iter().copied().collect();
        rates.sort_by(f64::total_cmp);
        match rates.len() {
            0 => 0.0,
            n => rates[(n - 1) / 2] * Self::kib(bytes),
        }
    }
}

/// One line of the editor's backdrop: its text (without the newline) and its marked stretches,
/// as byte offsets within the line. The page draws each line as its own component, so a keystroke
/// redraws the line it changed, not the file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MarkedLine<'a> {
    pub text: &'a str,
    pub marks: Vec<(usize, usize, &'static str)>,
}

/// Cuts the marked [`segments`] of `text` at its line ends (a newline itself is never marked).
pub fn marked_lines<'a>(text: &'a str, segments: &[Segment]) -> Vec<MarkedLine<'a>> {
    let marked: Vec<&Segment> = segments.iter().filter(|s| s.severity.is_some()).collect();
    let mut out = Vec::new();
    let mut next = 0; // first marked segment that may reach this line
    let mut line_start = 0;
    for line in text.split('\n') {
        let line_end = line_start + line.len();
        while marked.get(next).is_some_and(|s| s.end <= line_start) {
            next += 1;
        }
        let mut marks = Vec::new();
        for s in marked[next..].iter().take_while(|s| s.start < line_end) {
            let (a, b) = (s.start.max(line_start), s.end.min(line_end));
            if a < b
                && let Some(sev) = s.severity
            {
                marks.push((a - line_start, b - line_start, sev));
            }
        }
        out.push(MarkedLine { text: line, marks });
        line_start = line_end + 1;
    }
    out
}

/// Byte offset → index in UTF-16 code units (what a textarea's selection counts).
pub fn utf16_index(text: &str, byte: usize) -> u32 {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    text[..byte].encode_utf16().count() as u32
}

/// UTF-16 index → byte offset.
pub fn byte_index(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// `text` with the edits applied (byte offsets into `text`); `None` when they do not fit.
pub fn apply_edits(text: &str, edits: &[(usize, usize, String)]) -> Option<String> {
    let mut sorted: Vec<&(usize, usize, String)> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.0, e.1));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, replacement) in sorted {
        if *start < at
            || *end < *start
            || *end > text.len()
            || !text.is_char_boundary(*start)
            || !text.is_char_boundary(*end)
        {
            return None;
        }
        out.push_str(&text[at..*start]);
        out.push_str(replacement);
        at = *end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// The one stretch that differs between `old` and `new`, as byte offsets: `old[start..old_end]`
/// became `new[start..new_end]` (the common prefix and suffix, at char boundaries). The page
/// replaces just that stretch, as one edit the browser can undo.
pub fn changed_range(old: &str, new: &str) -> (usize, usize, usize) {
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let longest = old.len().min(new.len()) - start;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(longest)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (start, old.len() - suffix, new.len() - suffix)
}

/// One undoable change of a tab's text: `removed` at byte `start` became `inserted`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Step {
    start: usize,
    removed: String,
    inserted: String,
    /// Typed (or deleted) character by character: the next keystroke may join it.
    typing: bool,
    /// Made with other tabs' steps by one action ("Fix all"): undone and redone with them.
    group: Option<u64>,
}

/// What an edit was, for grouping it into undo steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// A key typed or deleted (`insertText`, `deleteContentBackward`, ...).
    Typing,
    /// A paste, a cut, a fix: one step of its own.
    Other,
}

impl EditKind {
    /// From an `input` event's `inputType`.
    pub fn of_input(input_type: &str) -> Self {
        match input_type {
            "insertText" | "insertLineBreak" | "deleteContentBackward" | "deleteContentForward" => {
                Self::Typing
            }
            _ => Self::Other,
        }
    }
}

/// The undo history of every tab, by path. Consecutive typing at one place is one step, ended
/// by a new line, a jump elsewhere, or a change that is not typing, as in a browser textarea;
/// a fix, a paste and "Fix all" (over every tab it changed) are one step each.
#[derive(Debug, Default)]
pub struct History {
    tabs: std::collections::HashMap<String, (Vec<Step>, Vec<Step>)>,
    groups: u64,
}

/// Steps kept per tab.
const HISTORY_STEPS: usize = 200;

impl History {
    /// Records that the tab at `path` went from `old` to `new`.
    pub fn record(&mut self, path: &str, old: &str, new: &str, kind: EditKind) {
        self.push(path, old, new, kind, None);
    }

    /// Records one action that changed several tabs (`(path, old, new)` each) as one step,
    /// which Ctrl+Z in any of them undoes, `active` (the open tab) included when the action left
    /// it as it was.
    pub fn record_group(&mut self, changes: &[(&str, &str, &str)], active: &str) {
        self.groups += 1;
        let group = Some(self.groups);
        for (path, old, new) in changes {
            if old != new || *path == active {
                self.push(path, old, new, EditKind::Other, group);
            }
        }
    }

    fn push(&mut self, path: &str, old: &str, new: &str, kind: EditKind, group: Option<u64>) {
        if old == new && group.is_none() {
            return;
        }
        let (start, old_end, new_end) = changed_range(old, new);
        let step = Step {
            start,
            removed: old[start..old_end].to_string(),
            inserted: new[start..new_end].to_string(),
            typing: kind == EditKind::Typing && group.is_none(),
            group,
        };
        let (undo, redo) = self.tabs.entry(path.to_string()).or_default();
        redo.clear();
        if let Some(last) = undo.last_mut().filter(|l| l.typing && step.typing)
            && Self::join(last, &step)
        {
            return;
        }
        if undo.len() == HISTORY_STEPS {
            undo.remove(0);
        }
        undo.push(step);
    }

    /// Adds a keystroke to the typing step before it, when it continues it.
    fn join(last: &mut Step, next: &Step) -> bool {
        let line_ended = last.inserted.ends_with('\n');
        let typed_on = last.removed.is_empty()
            && next.removed.is_empty()
            && next.start == last.start + last.inserted.len();
        let deleted_on = last.inserted.is_empty()
            && next.inserted.is_empty()
            && (next.start + next.removed.len() == last.start || next.start == last.start);
        if line_ended || !(typed_on || deleted_on) {
            return false;
        }
        if typed_on {
            last.inserted.push_str(&next.inserted);
        } else if next.start < last.start {
            last.removed.insert_str(0, &next.removed);
            last.start = next.start;
        } else {
            last.removed.push_str(&next.removed);
        }
        true
    }

    /// Forgets the history of every tab (other files were loaded).
    pub fn clear(&mut self) {
        self.tabs.clear();
    }

    /// Forgets a closed tab's history.
    pub fn forget(&mut self, path: &str) {
        self.tabs.remove(path);
    }

    pub fn rename(&mut self, from: &str, to: &str) {
        if let Some(h) = self.tabs.remove(from) {
            self.tabs.insert(to.to_string(), h);
        }
    }

    /// Undoes (or with `redo`, redoes) the newest step of the tab `active` of `tabs`, and the
    /// steps made with it in other tabs. Returns the byte range of the active tab's text to
    /// select afterwards, `None` when there is nothing to undo (or the text no longer fits).
    pub fn undo(&mut self, tabs: &mut [Tab], active: usize, redo: bool) -> Option<(usize, usize)> {
        let path = tabs.get(active)?.path.clone();
        let group = self.apply(tabs, active, redo, None)?;
        let selection = {
            let (undo, redo_stack) = self.tabs.get(&path)?;
            let step = if redo { undo.last() } else { redo_stack.last() }?;
            let changed = if redo { &step.inserted } else { &step.removed };
            (step.start, step.start + changed.len())
        };
        if let Some(group) = group {
            for i in (0..tabs.len()).filter(|&i| i != active) {
                self.apply(tabs, i, redo, Some(group));
            }
        }
        Some(selection)
    }

    /// Moves the newest step of tab `i` (of `group`, when given) from one stack to the other,
    /// changing its text. Returns the step's group.
    fn apply(
        &mut self,
        tabs: &mut [Tab],
        i: usize,
        redo: bool,
        group: Option<u64>,
    ) -> Option<Option<u64>> {
        let tab = tabs.get_mut(i)?;
        let (undo, redo_stack) = self.tabs.get_mut(&tab.path)?;
        let (from, to) = if redo {
            (redo_stack, undo)
        } else {
            (undo, redo_stack)
        };
        let step = from
            .last()
            .filter(|s| group.is_none() || s.group == group)?;
        let (now, then) = if redo {
            (&step.removed, &step.inserted)
        } else {
            (&step.inserted, &step.removed)
        };
        let end = step.start + now.len();
        if tab.text.get(step.start..end) != Some(now.as_str()) {
            // Changed since without the history knowing: the steps no longer fit.
            from.clear();
            return None;
        }
        tab.text.replace_range(step.start..end, then);
        let step = from.pop()?;
        let group = step.group;
        to.push(step);
        Some(group)
    }
}

/// Every tab with every safe fix applied (linted again until nothing more applies), each with
/// the related files the other tabs give it, as the findings are linted.
pub fn fix_all(tabs: &[Tab]) -> Vec<Tab> {
    let files: Vec<MemFile<'_>> = tabs
        .iter()
        .map(|t| MemFile {
            path: &t.path,
            text: &t.text,
        })
        .collect();
    lint_core::project::fix_files(&files, &Config::default(), false)
        .into_iter()
        .zip(tabs)
        .map(|(outcome, t)| Tab {
            path: t.path.clone(),
            text: outcome.text,
        })
        .collect()
}

/// The URL fragment carrying every tab: deflated JSON, base64url.
pub fn encode_share(tabs: &[Tab], active: usize) -> String {
    let json = serde_json::to_vec(&(active, tabs)).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!(
        "files={}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

/// Largest permalink payload accepted once inflated (a hostile link cannot exhaust memory).
const MAX_SHARED: usize = 16 * 1024 * 1024;

/// The tabs of a fragment written by [`encode_share`] (with or without the leading `#`).
pub fn decode_share(fragment: &str) -> Result<(Vec<Tab>, usize), String> {
    let data = fragment
        .trim_start_matches('#')
        .strip_prefix("files=")
        .ok_or("the link carries no files")?;
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(data.trim())
        .map_err(|_| "the link is damaged (not base64url)")?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_SHARED)
        .map_err(|_| "the link is damaged or too large (it does not inflate)")?;
    let (active, tabs): (usize, Vec<Tab>) =
        serde_json::from_slice(&json).map_err(|_| "the link is damaged (not a list of files)")?;
    if tabs.is_empty() {
        return Err("the link carries no files".into());
    }
    let active = active.min(tabs.len() - 1);
    Ok((tabs, active))
}

/// The report of every tab as `rlint --format json` or SARIF would write it.
pub fn report(tabs: &[Tab], sarif: bool) -> String {
    let reports = reports(tabs);
    if sarif {
        lint_core::render::sarif::render(&reports, env!("CARGO_PKG_VERSION"))
    } else {
        lint_core::render::json::render(&reports)
    }
}

/// A rule's page as HTML (from the same doc comments as `rlint rule`).
pub fn rule_html(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// Where the page fetches a rule's published page (scripts/web.sh copies rules/*.md there): the
/// wasm holds no rule documentation (lint-core without its `docs` feature).
pub fn rule_page_url(code: &str) -> Option<String> {
    lint_core::rule(code).map(|r| format!("rules/{}.md", r.meta.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab(path: &str, text: &str) -> Tab {
        Tab {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Every fix the page offers on lint-core's rule fixtures is the CLI's `--fix` of that
    /// finding: the same edits, applied to the same text.
    #[test]
    fn page_fixes_are_the_cli_fixes() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../lint-core/tests/fixtures");
        let names = [
            ("dockerfile", "Dockerfile"),
            ("compose", "compose.yaml"),
            ("buildspec", "buildspec.yml"),
            ("travis", ".travis.yml"),
            ("workflow", ".github/workflows/ci.yml"),
            ("circleci", ".circleci/config.yml"),
            ("dockerignore", ".dockerignore"),
        ];
        let mut checked = 0;
        for (dir, name) in names {
            for rule_dir in std::fs::read_dir(root.join(dir)).unwrap() {
                for file in std::fs::read_dir(rule_dir.unwrap().path()).unwrap() {
                    let Ok(text) = std::fs::read_to_string(file.unwrap().path()) else {
                        continue;
                    };
                    let page = lint_tabs(&[tab(name, &text)]);
                    let cli = lint_core::lint_text(name, &text, None, &Config::default());
                    for f in &page[0].findings {
                        let Some(fix) = &f.fix else { continue };
                        let d = cli
                            .diagnostics
                            .iter()
                            .map(|l| &l.diagnostic)
                            .find(|d| d.code == f.code && d.span.start == f.start)
                            .expect("the CLI reports what the page shows");
                        let expected = lint_core::fix::apply_fixes(&text, &[d], true).0;
                        assert_eq!(
                            apply_edits(&text, &fix.edits).as_deref(),
                            Some(expected.as_str()),
                            "{dir}: {}",
                            f.code
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 50, "only {checked} fixes seen");
    }

    #[test]
    fn worker_answers_per_tab() {
        let request = serde_json::to_string(&Request {
            id: 7,
            files: vec![
                tab("Dockerfile", "FROM ubuntu\nMAINTAINER me\n"),
                tab(
                    ".circleci/config.yml",
                    "version: 2.1\njobs:\n  b:\n    docker: [{image: cimg/base:2024.01}]\n    steps: [chekout]\n",
                ),
            ],
        })
        .unwrap();
        let response: Response = serde_json::from_str(&answer(&request)).unwrap();
        assert_eq!(response.id, 7);
        let codes: Vec<&str> = response.files[0]
            .findings
            .iter()
            .map(|f| f.code.as_str())
            .collect();
        assert!(codes.contains(&"DF004"), "{codes:?}");
        let maintainer = response.files[0]
            .findings
            .iter()
            .find(|f| f.code == "DF004")
            .unwrap();
        assert_eq!(maintainer.line, 2);
        // Every kind is linted: the CircleCI tab gets its own findings.
        assert!(!response.files[1].skipped);
        assert!(
            response.files[1].findings.iter().any(|f| f.code == "CC012"),
            "{:?}",
            response.files[1].findings
        );
        assert_eq!(
            answer("not json"),
            serde_json::to_string(&Response::default()).unwrap()
        );
    }

    #[test]
    fn a_daemon_json_tab_is_linted() {
        let request = serde_json::to_string(&Request {
            id: 1,
            files: vec![tab(
                "daemon.json",
                "{\n  \"insecure-registries\": [\"registry.internal:5000\"]\n}\n",
            )],
        })
        .unwrap();
        let response: Response = serde_json::from_str(&answer(&request)).unwrap();
        let file = &response.files[0];
        assert_eq!(file.kind.as_deref(), Some("daemon-json"));
        assert!(!file.skipped);
        assert_eq!(file.findings[0].code, "DJ002");
        assert_eq!(kind_label("daemon.json"), "Docker daemon.json");
    }

    #[test]
    fn a_paste_of_another_kind_is_told_once_with_a_free_name() {
        let compose = "services:\n  web:\n    image: nginx:1.27\n";
        let dockerfile = "FROM alpine:3.20\nRUN apk add curl\n";
        let tabs = vec![
            tab("Dockerfile", compose),
            tab("compose.yaml", dockerfile),
            tab("api/compose.yaml", dockerfile),
            tab("notes.txt", compose),
            tab("docker-compose.yml", compose),
        ];
        let results = lint_tabs(&tabs);
        let wrong: Vec<Option<(&str, &str)>> = results
            .iter()
            .map(|r| {
                r.wrong_kind
                    .as_ref()
                    .map(|w| (w.looks_like.as_str(), w.rename_to.as_str()))
            })
            .collect();
        assert_eq!(
            wrong,
            [
                // compose.yaml and docker-compose.yml are open: the next free Compose name.
                Some(("Compose file", "compose.2.yaml")),
                // The Dockerfile tab holds Compose now; the name is still taken.
                Some(("Dockerfile", "Dockerfile.2")),
                Some(("Dockerfile", "api/Dockerfile")),
                Some(("Compose file", "compose.2.yaml")),
                None,
            ]
        );
        // The wrong kind's findings are counted, not listed.
        let first = &results[0];
        assert!(first.findings.is_empty());
        assert!(first.wrong_kind.as_ref().unwrap().hidden > 0, "{first:?}");
    }

    #[test]
    fn segments_cover_the_text_and_keep_the_worst() {
        let text = "abcdef\nxyz\n";
        let f = |start, end, severity: &str| Finding {
            code: "X".into(),
            name: "x".into(),
            severity: severity.into(),
            message: String::new(),
            help: None,
            line: 1,
            column: 1,
            start,
            end,
            fix: None,
        };
        let segs = segments(
            text,
            &[f(1, 4, "info"), f(2, 3, "error"), f(6, 6, "warning")],
        );
        let joined: String = segs.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(joined, text);
        let marked: Vec<(&str, Option<&str>)> = segs
            .iter()
            .map(|s| (&text[s.start..s.end], s.severity))
            .collect();
        assert_eq!(
            marked,
            [
                ("a", None),
                ("b", Some("info")),
                ("c", Some("error")),
                ("d", Some("info")),
                ("e", None),
                ("f", Some("warning")),
                ("\nxyz\n", None)
            ]
        );
    }

    #[test]
    fn lint_cost_follows_the_median_not_one_slow_lint() {
        let mut cost = LintCost::default();
        assert_eq!(cost.predict(4096), 0.0);
        cost.record(2048, 2.0); // 1 ms per KiB
        cost.record(2048, 2.0);
        cost.record(2048, 60.0); // one hiccup
        assert_eq!(cost.predict(4096), 4.0);
        cost.record(512, 30.0); // a small input that is slow for its size, twice
        assert_eq!(cost.predict(512), 30.0);
        // Sizes scale the prediction; below a KiB it stays at the fixed part.
        assert_eq!(cost.predict(100), 30.0);
        assert_eq!(cost.predict(10 * 1024), 300.0);
        cost.assume_slow();
        assert!(cost.predict(1).is_infinite());
        cost.record(1024, 1.0);
        assert!(
            cost.predict(1).is_infinite(),
            "one quick lint is not enough after a stop"
        );
        cost.record(1024, 1.0);
        assert_eq!(cost.predict(1), 1.0);
    }

    #[test]
    fn marked_lines_split_marks_at_line_ends() {
        let text = "ab\ncdef\n\ngh";
        let seg = |start, end, severity| Segment {
            start,
            end,
            severity,
        };
        // "b\ncd" is one warning across a line end; "f" an error; "gh" unmarked.
        let segs = [
            seg(0, 1, None),
            seg(1, 5, Some("warning")),
            seg(5, 6, None),
            seg(6, 7, Some("error")),
            seg(7, text.len(), None),
        ];
        let lines = marked_lines(text, &segs);
        let line = |text, marks| MarkedLine { text, marks };
        assert_eq!(
            lines,
            [
                line("ab", vec![(1, 2, "warning")]),
                line("cdef", vec![(0, 2, "warning"), (3, 4, "error")]),
                line("", vec![]),
                line("gh", vec![]),
            ]
        );
        assert_eq!(marked_lines("", &segments("", &[])).len(), 1);
        assert_eq!(marked_lines("x\n", &segments("x\n", &[])).len(), 2);
    }

    #[test]
    fn offsets_round_trip_through_utf16() {
        let text = "é😀x";
        for (byte, unit) in [(0, 0), (2, 1), (6, 3), (7, 4)] {
            assert_eq!(utf16_index(text, byte), unit);
            assert_eq!(byte_index(text, unit), byte);
        }
    }

    #[test]
    fn changed_range_is_the_one_stretch_that_differs() {
        let cases = [
            ("MAINTAINER me\nFROM a\n", "FROM a\n", (0, 14, 0)),
            ("aXb", "aYYb", (1, 2, 3)),
            ("same", "same", (4, 4, 4)),
            ("aaa", "aaaa", (3, 3, 4)),
            // Never inside a character: é (c3 a9) and è (c3 a8) share their first byte.
            ("xé", "xè", (1, 3, 3)),
            ("", "new", (0, 0, 3)),
        ];
        for (old, new, range) in cases {
            let got = changed_range(old, new);
            assert_eq!(got, range, "{old:?} -> {new:?}");
            let (start, old_end, new_end) = got;
            assert_eq!(
                format!(
                    "{}{}{}",
                    &old[..start],
                    &new[start..new_end],
                    &old[old_end..]
                ),
                new
            );
        }
    }

    #[test]
    fn history_groups_typing_and_undoes_fix_all_over_every_tab() {
        let mut h = History::default();
        let mut tabs = vec![tab("Dockerfile", "FROM a\n"), tab("compose.yaml", "x: 1\n")];
        let edit = |h: &mut History, tabs: &mut Vec<Tab>, new: &str, kind| {
            let old = std::mem::replace(&mut tabs[0].text, new.to_string());
            h.record("Dockerfile", &old, new, kind);
        };
        // Typed key by key: "RUN x" then a new line, then "USER y"; a backspace.
        let mut text = String::from("FROM a\n");
        for c in "RUN x\nUSER y".chars() {
            text.push(c);
            edit(&mut h, &mut tabs, &text.clone(), EditKind::Typing);
        }
        text.pop();
        edit(&mut h, &mut tabs, &text.clone(), EditKind::Typing);
        assert_eq!(h.undo(&mut tabs, 0, false), Some((18, 19)));
        assert_eq!(tabs[0].text, "FROM a\nRUN x\nUSER y");
        assert_eq!(h.undo(&mut tabs, 0, false), Some((13, 13)));
        assert_eq!(tabs[0].text, "FROM a\nRUN x\n");
        assert_eq!(h.undo(&mut tabs, 0, false), Some((7, 7)));
        assert_eq!(tabs[0].text, "FROM a\n");
        assert_eq!(h.undo(&mut tabs, 0, false), None);
        assert_eq!(h.undo(&mut tabs, 0, true), Some((7, 13)));
        assert_eq!(tabs[0].text, "FROM a\nRUN x\n");

        // A paste is a step of its own; Fix all is one step over both tabs.
        edit(&mut h, &mut tabs, "FROM a\nRUN x\nCMD z", EditKind::Other);
        let before = tabs.clone();
        let after = vec![
            tab("Dockerfile", "FROM a:1\nRUN x\nCMD z"),
            tab("compose.yaml", "x: 2\n"),
        ];
        h.record_group(
            &[
                ("Dockerfile", &before[0].text, &after[0].text),
                ("compose.yaml", &before[1].text, &after[1].text),
            ],
            "Dockerfile",
        );
        tabs.clone_from(&after);
        h.undo(&mut tabs, 0, false).unwrap();
        assert_eq!(tabs, before);
        h.undo(&mut tabs, 0, true).unwrap();
        assert_eq!(tabs, after);
        h.undo(&mut tabs, 1, false).unwrap();
        assert_eq!(tabs, before, "from either tab");
        h.undo(&mut tabs, 0, false).unwrap();
        assert_eq!(tabs[0].text, "FROM a\nRUN x\n");
        // Fix all from a tab it left alone: Ctrl+Z there undoes it in the others.
        let fixed = vec![
            tab("Dockerfile", "FROM a\nRUN x\n"),
            tab("compose.yaml", "x: 3\n"),
        ];
        h.record_group(
            &[
                ("Dockerfile", &tabs[0].text, &fixed[0].text),
                ("compose.yaml", &tabs[1].text, &fixed[1].text),
            ],
            "Dockerfile",
        );
        let unfixed = std::mem::replace(&mut tabs, fixed);
        h.undo(&mut tabs, 0, false).unwrap();
        assert_eq!(tabs, unfixed);
        // A text changed behind the history's back is not undone into garbage.
        tabs[0].text = "other".into();
        assert_eq!(h.undo(&mut tabs, 0, false), None);
        assert_eq!(tabs[0].text, "other");
    }

    #[test]
    fn share_round_trip_and_damage() {
        let tabs = vec![
            tab("Dockerfile", "FROM alpine:3.20\n"),
            tab("compose.yaml", "services: {}\n"),
        ];
        let link = encode_share(&tabs, 1);
        assert_eq!(decode_share(&format!("#{link}")), Ok((tabs, 1)));
        assert!(decode_share("#files=%%%").is_err());
        assert!(decode_share("#other").is_err());
        let junk = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b"junk");
        assert!(decode_share(&format!("files={junk}")).is_err());
    }

    #[test]
    fn fixes_apply() {
        assert_eq!(
            apply_edits("abc", &[(1, 2, "XY".into()), (0, 0, ">".into())]).as_deref(),
            Some(">aXYc")
        );
        assert_eq!(apply_edits("abc", &[(2, 9, String::new())]), None);
        let fixed = fix_all(&[tab("compose.yaml", "version: \"3\"\nservices: {}\n")]);
        assert!(!fixed[0].text.contains("version"), "{}", fixed[0].text);
    }

    #[test]
    fn rule_pages_render() {
        // The page the browser fetches: the generated rules/DF004.md, which the docs test keeps
        // equal to lint-core's rule page.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let markdown = std::fs::read_to_string(root.join("rules/DF004.md")).unwrap();
        let html = rule_html(&markdown);
        assert!(html.contains("<table>") && html.contains("<pre>"), "{html}");
        assert_eq!(rule_page_url("DF004").as_deref(), Some("rules/DF004.md"));
        // Aliases name the rule's own page.
        assert_eq!(rule_page_url("DL3000").as_deref(), Some("rules/DF005.md"));
        assert!(rule_page_url("NOPE").is_none());
        assert!(report(&[tab("Dockerfile", "FROM a\n")], true).contains("\"version\": \"2.1.0\""));
    }
}
