//! `--format human`: miette code frames with the rule code, help and documentation link.

use lint_core::{Report, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

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
        let text = lint_core::diagnostic::masked_source(
            text,
            report.diagnostics.iter().map(|l| &l.diagnostic),
        );
        for l in &report.diagnostics {
            let d = &l.diagnostic;
            let mut labels = vec![LabeledSpan::new_primary_with_span(
                Some(d.name.to_string()),
                (d.span.start, d.span.len()),
            )];
            labels.extend(d.labels.iter().map(|label| {
                LabeledSpan::new_with_span(
                    Some(label.message.clone()),
                    (label.span.start, label.span.len()),
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
            let source = NamedSource::new(report.path.clone(), text.clone());
            let report = miette::Report::new(diag).with_source_code(source);
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
