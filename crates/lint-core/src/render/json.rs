//! `--format json`: the contract other tools build on (DESIGN.md §3). Version 1.

use crate::diagnostic::{Applicability, Severity};
use crate::{Located, Report};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: usize,
    diagnostics: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct SpanOut {
    start: Position,
    end: Position,
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
struct LabelOut<'a> {
    message: &'a str,
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
struct EditOut<'a> {
    offset: usize,
    length: usize,
    replacement: Cow<'a, str>,
}

#[derive(Serialize)]
struct FixOut<'a> {
    message: &'a str,
    applicability: Applicability,
    edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    kind: Option<&'static str>,
    code: &'static str,
    name: &'static str,
    aliases: &'static [&'static str],
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    url: String,
    span: SpanOut,
    labels: Vec<LabelOut<'a>>,
    fix: Option<FixOut<'a>>,
}

fn entry<'a>(report: &'a Report, l: &'a Located) -> Entry<'a> {
    let d = &l.diagnostic;
    Entry {
        path: &report.path,
        kind: report.kind.map(|k| k.as_str()),
        code: d.code,
        name: d.name,
        aliases: d.aliases,
        severity: d.severity,
        message: &d.message,
        help: d.help.as_deref(),
        url: d.url(),
        span: SpanOut {
            start: Position {
                line: l.start.line,
                column: l.start.column,
            },
            end: Position {
                line: l.end.line,
                column: l.end.column,
            },
            offset: d.span.start,
            length: d.span.len(),
        },
        labels: d
            .labels
            .iter()
            .map(|label| LabelOut {
                message: &label.message,
                offset: label.span.start,
                length: label.span.len(),
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| FixOut {
            message: &f.message,
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| EditOut {
                    offset: e.span.start,
                    length: e.span.len(),
                    // A secret finding's fix could carry the value; it is shown masked.
                    replacement: if d.secret && !e.replacement.is_empty() {
                        Cow::Owned(crate::diagnostic::mask_secret(&e.replacement))
                    } else {
                        Cow::Borrowed(&e.replacement)
                    },
                })
                .collect(),
        }),
    }
}

/// One JSON document (pretty-printed, keys in a stable order) for all reports.
pub fn render(reports: &[Report]) -> String {
    let out = Output {
        version: 1,
        files: reports.len(),
        diagnostics: reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(move |l| entry(r, l)))
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Diagnostic, Edit, Fix, Severity, Span};
    use crate::source::LineCol;
    use crate::{Located, Report};

    #[test]
    fn a_secret_findings_fix_text_is_masked() {
        let at = LineCol { line: 1, column: 1 };
        let report = Report {
            path: "Dockerfile".into(),
            kind: None,
            skipped: false,
            diagnostics: vec![Located {
                diagnostic: Diagnostic {
                    code: "DF086",
                    name: "secret-value",
                    aliases: &[],
                    severity: Severity::Error,
                    message: "a secret".into(),
                    help: None,
                    span: Span { start: 0, end: 20 },
                    labels: Vec::new(),
                    fix: Some(Fix::safe(
                        "move it",
                        vec![Edit::replace(
                            Span { start: 0, end: 20 },
                            "AKIAZ7Q4RT2LMN8WXY35",
                        )],
                    )),
                    secret: true,
                    at_most: None,
                },
                start: at,
                end: at,
            }],
        };
        let out = super::render(std::slice::from_ref(&report));
        assert!(!out.contains("AKIAZ7Q4RT2LMN8WXY35"), "{out}");
        assert!(out.contains("AKIA****XY35"), "{out}");
        let rd = crate::render::rdjson::render(&[(report, "AKIAZ7Q4RT2LMN8WXY35\n".into())]);
        assert!(!rd.contains("AKIAZ7Q4RT2LMN8WXY35"), "{rd}");
    }
}
