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

pub fn summary(reports: &[(Report, String)], skipped: usize, fixed: usize) -> String {
    let mut counts = [0usize; 4];
    let mut fixable = 0;
    for l in reports.iter().flat_map(|(r, _)| &r.diagnostics) {
        counts[l.diagnostic.severity as usize] += 1;
        fixable += usize::from(l.diagnostic.fix.is_some());
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
    if fixable > 0 {
        line.push_str(&format!(
            " {fixable} fixable with `rlint --fix` (some need --unsafe-fixes)."
        ));
    }
    if fixed > 0 {
        line.push_str(&format!(" Fixed {}.", plural(fixed, "problem")));
    }
    if skipped > 0 {
        line.push_str(&format!(
            " Skipped {} of kinds this version does not lint yet (CI configs, Dockerrun).",
            plural(skipped, "file")
        ));
    }
    line + "\n"
}
