//! `--format rdjson`: reviewdog's Diagnostic Format (`reviewdog -f=rdjson`), which posts findings
//! as pull-request review comments. Columns are UTF-8 byte counts, as reviewdog specifies; a safe
//! fix of one edit becomes a suggestion the reviewer can apply with a click.

use super::Masked;
use crate::diagnostic::{Applicability, Severity};
use crate::{Located, Report};
use serde_json::{Value, json};

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info | Severity::Style => "INFO",
    }
}

fn range(masked: &Masked, start: usize, end: usize) -> Value {
    let (sl, sc) = masked.byte_position(start);
    let (el, ec) = masked.byte_position(end);
    json!({"start": {"line": sl, "column": sc}, "end": {"line": el, "column": ec}})
}

fn suggestions(l: &Located, masked: &Masked) -> Vec<Value> {
    let d = &l.diagnostic;
    match &d.fix {
        // A secret finding's fix is never offered as text (it could carry the value).
        Some(fix)
            if fix.applicability == Applicability::Safe && fix.edits.len() == 1 && !d.secret =>
        {
            fix.edits
                .iter()
                .map(|e| json!({"range": range(masked, e.span.start, e.span.end), "text": e.replacement}))
                .collect()
        }
        _ => Vec::new(),
    }
}

pub fn render(files: &[(Report, String)]) -> String {
    let mut diagnostics: Vec<Value> = Vec::new();
    for (report, text) in files {
        let masked = Masked::new(report, text);
        for l in &report.diagnostics {
            let d = &l.diagnostic;
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\n\n");
                message.push_str(help);
            }
            let mut entry = json!({
                "message": message,
                "location": {
                    "path": report.path,
                    "range": range(&masked, d.span.start, d.span.end),
                },
                "severity": severity(d.severity),
                "code": {"value": d.code, "url": d.url()},
            });
            let suggestions = suggestions(l, &masked);
            if !suggestions.is_empty() {
                entry["suggestions"] = Value::Array(suggestions);
            }
            diagnostics.push(entry);
        }
    }
    let out = json!({
        "source": {"name": "rlint", "url": "https://github.com/rlint/rlint"},
        "diagnostics": diagnostics,
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}
