//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards.

use crate::diagnostic::Severity;
use crate::{Report, registry};
use serde_json::{Value, json};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

pub fn render(reports: &[Report], version: &str) -> String {
    let rules: Vec<Value> = registry::rules()
        .iter()
        .map(|r| {
            json!({
                "id": r.meta.code,
                "name": r.meta.name,
                "shortDescription": {"text": r.meta.summary()},
                "fullDescription": {"text": r.meta.doc_section("Why is this bad?").unwrap_or_default()},
                "helpUri": crate::diagnostic::rule_url(r.meta.code),
                "help": {"text": r.meta.summary(), "markdown": r.meta.doc()},
                "defaultConfiguration": {"level": level(r.meta.severity), "enabled": r.meta.enabled_by_default},
                "properties": {"aliases": r.meta.aliases},
            })
        })
        .collect();
    let index_of = |code: &str| registry::rules().iter().position(|r| r.meta.code == code);
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|report| {
            report.diagnostics.iter().map(move |l| {
                let d = &l.diagnostic;
                let text = match &d.help {
                    Some(help) => format!("{} ({help})", d.message),
                    None => d.message.clone(),
                };
                let mut result = json!({
                    "ruleId": d.code,
                    "level": level(d.severity),
                    "message": {"text": text},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": report.path.replace('\\', "/")},
                            "region": {
                                "startLine": l.start.line,
                                "startColumn": l.start.column,
                                "endLine": l.end.line,
                                "endColumn": l.end.column,
                                "charOffset": d.span.start,
                                "charLength": d.span.len(),
                            }
                        }
                    }],
                });
                if let Some(i) = index_of(d.code) {
                    result["ruleIndex"] = json!(i);
                }
                result
            })
        })
        .collect();
    let out = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "rlint",
                "version": version,
                "informationUri": "https://github.com/rlint/rlint",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}
