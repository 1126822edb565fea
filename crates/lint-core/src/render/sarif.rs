//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps,
//! SonarQube). Every rule is described in `tool.driver.rules` (results point at it by
//! `ruleIndex`); columns count Unicode characters (`columnKind`); `partialFingerprints` keep an
//! alert the same alert when lines move (see [`super::fingerprints`]).

use super::{Masked, fingerprints};
use crate::diagnostic::Severity;
use crate::{Report, registry};
use serde_json::{Value, json};
use std::collections::HashMap;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

/// A path as a relative URI reference: unreserved characters and `/` as they are, everything else
/// (spaces, `&`, `#`, `:`, non-ASCII) percent-encoded as UTF-8.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// SARIF without the source text: fingerprints then rest on the path, rule and the finding's
/// position in its file only (the web page's download, which has no lines to read).
pub fn render(reports: &[Report], version: &str) -> String {
    let files: Vec<(&Report, &str)> = reports.iter().map(|r| (r, "")).collect();
    render_files(&files, version)
}

/// SARIF for reports with the text each was linted from (the CLI).
pub fn render_with_sources(files: &[(Report, String)], version: &str) -> String {
    let files: Vec<(&Report, &str)> = files.iter().map(|(r, t)| (r, t.as_str())).collect();
    render_files(&files, version)
}

fn render_files(files: &[(&Report, &str)], version: &str) -> String {
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
    let index_of: HashMap<&str, usize> = registry::rules()
        .iter()
        .enumerate()
        .map(|(i, r)| (r.meta.code, i))
        .collect();
    let mut results: Vec<Value> = Vec::new();
    for (report, text) in files {
        let masked = Masked::new(report, text);
        for (l, fingerprint) in report.diagnostics.iter().zip(fingerprints(report, &masked)) {
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
                        "artifactLocation": {"uri": uri(&report.path)},
                        "region": {
                            "startLine": l.start.line,
                            "startColumn": l.start.column,
                            "endLine": l.end.line,
                            "endColumn": l.end.column,
                        }
                    }
                }],
                "partialFingerprints": {"rlintFindingHash/v1": fingerprint},
            });
            if let Some(&i) = index_of.get(d.code) {
                result["ruleIndex"] = json!(i);
            }
            results.push(result);
        }
    }
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
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            super::uri("my dir\\a&b<c>/Dockerfile.é:1"),
            "my%20dir/a%26b%3Cc%3E/Dockerfile.%C3%A9%3A1"
        );
    }
}
