//! `--format json`: the contract other tools build on (DESIGN.md §3). Version 1.

use crate::{Located, Report};
use serde_json::{Value, json};

fn diagnostic(report: &Report, l: &Located) -> Value {
    let d = &l.diagnostic;
    json!({
        "path": report.path,
        "kind": report.kind.map(|k| k.as_str()),
        "code": d.code,
        "name": d.name,
        "aliases": d.aliases,
        "severity": d.severity,
        "message": d.message,
        "help": d.help,
        "url": d.url(),
        "span": {
            "start": {"line": l.start.line, "column": l.start.column},
            "end": {"line": l.end.line, "column": l.end.column},
            "offset": d.span.start,
            "length": d.span.len(),
        },
        "labels": d.labels.iter().map(|label| json!({
            "message": label.message,
            "offset": label.span.start,
            "length": label.span.len(),
        })).collect::<Vec<_>>(),
        "fix": d.fix.as_ref().map(|f| json!({
            "message": f.message,
            "applicability": f.applicability,
            "edits": f.edits.iter().map(|e| json!({
                "offset": e.span.start,
                "length": e.span.len(),
                "replacement": e.replacement,
            })).collect::<Vec<_>>(),
        })),
    })
}

pub fn render(reports: &[Report]) -> String {
    let diagnostics: Vec<Value> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |l| diagnostic(r, l)))
        .collect();
    let out = json!({
        "version": 1,
        "files": reports.len(),
        "diagnostics": diagnostics,
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}
