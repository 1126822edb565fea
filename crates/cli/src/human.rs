//! `--format human`: miette code frames with the rule code, help and documentation link.

use std::sync::Arc;

use lint_core::source::floor_char_boundary;
use lint_core::{LineIndex, Report, Severity};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

/// The most source a code frame shows: past it (a 10 MB line, a span over a whole generated
/// file) the frame is the span's first line, cut to [`CUT_BEFORE`] bytes before the span and
/// [`CUT_WIDTH`] in all, and labels are cut to it. Without this a finding on a 10 MB one-line
/// file printed 10 MB, and a hundred findings a gigabyte.
const MAX_FRAME_BYTES: usize = 2_000;
const CUT_BEFORE: usize = 60;
const CUT_WIDTH: usize = 200;

/// A file's text, shared by all its findings' frames (not copied per finding), with its line
/// index: each frame is found in O(log lines), not by scanning the file from its start.
#[derive(Clone)]
struct Source {
    name: String,
    text: Arc<str>,
    index: Arc<LineIndex>,
}

impl Source {
    /// The byte range a frame of `span` shows, with the 0-based line it starts on and whether it
    /// was cut.
    fn frame(&self, start: usize, len: usize, context: usize) -> (usize, usize, usize, bool) {
        let text = &*self.text;
        let start = floor_char_boundary(text, start.min(text.len()));
        let last = floor_char_boundary(text, (start + len.max(1) - 1).min(text.len()));
        let first_line = self.index.line_of(start);
        let last_line = self.index.line_of(last);
        let from_line = first_line.saturating_sub(context);
        let to_line = (last_line + context).min(self.index.line_count() - 1);
        let from = self.index.line_start(from_line);
        let to = self.line_end(to_line);
        if to - from <= MAX_FRAME_BYTES {
            return (from, to, from_line, false);
        }
        let line_start = self.index.line_start(first_line);
        let line_end = self.line_end(first_line);
        let from = floor_char_boundary(text, start.saturating_sub(CUT_BEFORE).max(line_start));
        let to = floor_char_boundary(text, (from + CUT_WIDTH).min(line_end));
        (from, to.max(from), first_line, true)
    }

    /// Where line `line0` ends, its line break included (as miette's own frames do).
    fn line_end(&self, line0: usize) -> usize {
        if line0 + 1 < self.index.line_count() {
            self.index.line_start(line0 + 1)
        } else {
            self.text.len()
        }
    }

    /// `span` (start, length) cut to what its frame shows.
    fn label(&self, start: usize, len: usize) -> (usize, usize) {
        let (from, to, _, cut) = self.frame(start, len, 1);
        if !cut {
            return (start, len);
        }
        let start = start.clamp(from, to);
        (start, (start + len).min(to) - start)
    }
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if span.offset() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let context = context_lines_before.max(context_lines_after);
        let (from, to, line, _) = if context == 0 {
            // Without context miette only wants where the span starts (the header's
            // `file:line:col`): the span itself, cut.
            let from = floor_char_boundary(&self.text, span.offset());
            let end = (from + span.len().min(CUT_WIDTH)).min(self.text.len());
            let to = floor_char_boundary(&self.text, end);
            (from, to, self.index.line_of(from), false)
        } else {
            self.frame(span.offset(), span.len(), context)
        };
        let data = &self.text[from..to];
        let lines = data.lines().count().max(1);
        let column = from - self.index.line_start(line);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data.as_bytes(),
            SourceSpan::new(from.into(), to - from),
            line,
            column,
            lines,
        )))
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info | Severity::Style => miette::Severity::Advice,
    }
}

pub fn render(reports: &[(Report, String)], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(110)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for (report, text) in reports {
        // Code frames print source lines: secrets in them are masked first.
        let text: Arc<str> = lint_core::diagnostic::masked_source(
            text,
            report.diagnostics.iter().map(|l| &l.diagnostic),
        )
        .into();
        let index = Arc::new(LineIndex::new(&text));
        let source = Source {
            name: report.path.clone(),
            text,
            index,
        };
        for l in &report.diagnostics {
            let d = &l.diagnostic;
            let mut labels = vec![LabeledSpan::new_primary_with_span(
                Some(d.name.to_string()),
                source.label(d.span.start, d.span.len()),
            )];
            labels.extend(d.labels.iter().map(|label| {
                LabeledSpan::new_with_span(
                    Some(label.message.clone()),
                    source.label(label.span.start, label.span.len()),
                )
            }));
            let mut help = d.help.clone().unwrap_or_default();
            if let Some(fix) = &d.fix {
                let how = match fix.applicability {
                    lint_core::Applicability::Safe => "--fix",
                    lint_core::Applicability::Unsafe => "--fix --unsafe-fixes",
                };
                if !help.is_empty() {
                    help.push('\n');
                }
                help.push_str(&format!("fix available ({how}): {}", fix.message));
            }
            let alias = if d.aliases.is_empty() {
                String::new()
            } else {
                format!(" ({})", d.aliases.join(", "))
            };
            let mut diag = MietteDiagnostic::new(format!(
                "{}:{}:{}: {}",
                report.path, l.start.line, l.start.column, d.message
            ))
            .with_code(format!("{}{alias}", d.code))
            .with_severity(miette_severity(d.severity))
            .with_url(d.url())
            .with_labels(labels);
            if !help.is_empty() {
                diag = diag.with_help(help);
            }
            let report = miette::Report::new(diag).with_source_code(source.clone());
            let mut rendered = String::new();
            if handler
                .render_report(&mut rendered, report.as_ref())
                .is_ok()
            {
                out.push_str(&rendered);
                out.push('\n');
            }
        }
    }
    out
}

/// Lines of human output past which a run ends with [`LONG_OUTPUT_HINT`].
pub const SCREENFUL: usize = 50;

pub const LONG_OUTPUT_HINT: &str = "hint: `rlint --format concise` prints one line per finding; \
`rlint --statistics` counts the findings per rule.\n";

/// `--format concise`: `file:line:col: severity code message`, one line per finding.
pub fn concise(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        for l in &report.diagnostics {
            let d = &l.diagnostic;
            // One line each: a message never spans lines here.
            let message = d.message.replace(['\n', '\r'], " ");
            out.push_str(&format!(
                "{}:{}:{}: {} {} {}\n",
                report.path,
                l.start.line,
                l.start.column,
                d.severity.as_str(),
                d.code,
                message
            ));
        }
    }
    out
}

/// Per rule: how many findings, how many of them fixable, and the rule's code, name and severity
/// (the most severe of its findings), most frequent first.
struct RuleCount {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    count: usize,
    fixable: usize,
}

fn count_by_rule(reports: &[Report]) -> Vec<RuleCount> {
    let mut rows: Vec<RuleCount> = Vec::new();
    for d in reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|l| &l.diagnostic)
    {
        let row = match rows.iter().position(|r| r.code == d.code) {
            Some(i) => &mut rows[i],
            None => {
                rows.push(RuleCount {
                    code: d.code,
                    name: d.name,
                    severity: d.severity,
                    count: 0,
                    fixable: 0,
                });
                rows.last_mut().expect("just pushed")
            }
        };
        row.count += 1;
        row.fixable += usize::from(d.fix.is_some());
        row.severity = row.severity.max(d.severity);
    }
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    rows
}

/// `--statistics`: a table of findings per rule.
pub fn statistics(reports: &[Report]) -> String {
    let rows = count_by_rule(reports);
    if rows.is_empty() {
        return "No problems found.\n".to_string();
    }
    let width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let name_width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in &rows {
        let fixable = match r.fixable {
            0 => String::new(),
            n if n == r.count => "  [fixable]".to_string(),
            n => format!("  [{n} fixable]"),
        };
        out.push_str(&format!(
            "{:>width$}  {:<6} {:<name_width$}  {}{fixable}\n",
            r.count,
            r.code,
            r.name,
            r.severity.as_str(),
        ));
    }
    let total: usize = rows.iter().map(|r| r.count).sum();
    let fixable: usize = rows.iter().map(|r| r.fixable).sum();
    out.push_str(&format!(
        "{total} finding{} from {} rule{}; {fixable} fixable.\n",
        if total == 1 { "" } else { "s" },
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
    ));
    out
}

/// `--statistics --format json`: the same table as a JSON array.
pub fn statistics_json(reports: &[Report]) -> String {
    let rows: Vec<serde_json::Value> = count_by_rule(reports)
        .iter()
        .map(|r| {
            serde_json::json!({
                "code": r.code, "name": r.name, "severity": r.severity.as_str(),
                "count": r.count, "fixable": r.fixable,
            })
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
}

/// What rlint looks for, for a folder that held none of it.
pub fn nothing_to_lint(
    folder: &std::path::Path,
    skipped_here: usize,
    skipped: &[std::path::PathBuf],
) -> String {
    let mut message = format!(
        "{}: no files to lint.\n  rlint looks for Dockerfiles (Dockerfile, Containerfile, \
         Dockerfile.*, *.Dockerfile), Compose files (compose.yaml, docker-compose*.yml, other \
         YAML with a top-level `services:`), GitHub Actions workflows (.github/workflows/*.yml), \
         .circleci/config.yml, buildspec*.yml, *.travis.yml, Dockerrun.aws.json, ECS task \
         definitions (task-definition.json, taskdef.json), daemon.json, .dockerignore and .env \
         files,\n  and skips what .gitignore excludes. To lint a \
         file under another name: rlint --kind dockerfile FILE",
        folder.display()
    );
    if skipped_here > 0 {
        let names: Vec<String> = skipped
            .iter()
            .filter(|p| p.starts_with(folder))
            .take(3)
            .map(|p| crate::walk::display(p))
            .collect();
        message.push_str(&format!(
            "\n  It holds {skipped_here} file{} of kinds this version does not lint yet ({}{}).",
            if skipped_here == 1 { "" } else { "s" },
            names.join(", "),
            if skipped_here > names.len() {
                ", ..."
            } else {
                ""
            }
        ));
    }
    message
}

/// The last line of the human output. `fixable_in[i]` says whether `--fix` would rewrite the
/// file of `reports[i]` (a Dockerfile read only because a Compose file builds it is not).
pub fn summary(
    reports: &[(Report, String)],
    fixable_in: &[bool],
    skipped: usize,
    fixed: usize,
) -> String {
    let mut counts = [0usize; 4];
    let (mut safe, mut unsafe_only) = (0, 0);
    for (i, (r, _)) in reports.iter().enumerate() {
        let fixable = fixable_in.get(i).copied().unwrap_or(true);
        for l in &r.diagnostics {
            counts[l.diagnostic.severity as usize] += 1;
            if !fixable {
                continue;
            }
            match l.diagnostic.fix.as_ref().map(|f| f.applicability) {
                Some(lint_core::Applicability::Safe) => safe += 1,
                Some(lint_core::Applicability::Unsafe) => unsafe_only += 1,
                None => {}
            }
        }
    }
    let total: usize = counts.iter().sum();
    let files = reports.len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = if total == 0 {
        format!("No problems found in {}.", plural(files, "file"))
    } else {
        let parts: Vec<String> = [(3, "error"), (2, "warning"), (1, "info"), (0, "style")]
            .iter()
            .filter(|(i, _)| counts[*i] > 0)
            .map(|(i, word)| {
                if *word == "info" {
                    format!("{} info", counts[*i])
                } else {
                    plural(counts[*i], word)
                }
            })
            .collect();
        format!(
            "Found {} ({}) in {}.",
            plural(total, "problem"),
            parts.join(", "),
            plural(files, "file")
        )
    };
    match (safe, unsafe_only) {
        (0, 0) => {}
        (safe, 0) => line.push_str(&format!(" {safe} fixable with `rlint --fix`.")),
        (0, n) => line.push_str(&format!(
            " {n} fixable with `rlint --fix --unsafe-fixes` (review the changes)."
        )),
        (safe, n) => line.push_str(&format!(
            " {safe} fixable with `rlint --fix`, {n} more with `--unsafe-fixes`."
        )),
    }
    if fixed > 0 {
        line.push_str(&format!(" Fixed {}.", plural(fixed, "problem")));
    }
    if skipped > 0 {
        line.push_str(&format!(
            " Skipped {} of kinds rlint does not lint.",
            plural(skipped, "file")
        ));
    }
    line + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(path: &str, text: &str) -> String {
        let report = lint_core::lint_text(path, text, None, &lint_core::Config::default());
        render(&[(report, text.to_string())], false)
    }

    #[test]
    fn frames_of_huge_lines_are_cut_around_the_finding() {
        // One 500 KB line: the finding past the value budget sits near its end.
        let text = format!(
            "services:\n  a:\n    image: x\n    command: [{}1]\n",
            "1,".repeat(lint_core::syntax::yaml::NODE_BUDGET)
        );
        let out = rendered("compose.yaml", &text);
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(out.contains("compose.yaml:4:"), "{out}");
        assert!(out.contains(" 4 │ 1,1,1"), "the frame is line 4: {out}");
        assert!(out.contains("╰── yaml-syntax-error"), "{out}");
    }

    #[test]
    fn ordinary_frames_are_whole_lines_with_context() {
        let text = "services:\n  web:\n    image: nginx\n    restart: sometimes\n";
        let out = rendered("compose.yaml", text);
        assert!(out.contains(" 3 │     image: nginx"), "{out}");
        assert!(out.contains(" 4 │     restart: sometimes"), "{out}");
    }
}
