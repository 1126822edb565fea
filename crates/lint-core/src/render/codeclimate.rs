//! `--format codeclimate`: the Code Climate issue list GitLab shows as Code Quality
//! (`artifacts: reports: codequality:`). GitLab matches issues between the base and the merge
//! request by `fingerprint`, so it must not change when lines move (see [`super::fingerprints`]).

use super::{Masked, fingerprints};
use crate::Report;
use crate::diagnostic::Severity;
use serde_json::{Value, json};

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "minor",
        Severity::Style => "info",
    }
}

pub fn render(files: &[(Report, String)]) -> String {
    let mut issues: Vec<Value> = Vec::new();
    for (report, text) in files {
        let masked = Masked::new(report, text);
        for (l, fingerprint) in report.diagnostics.iter().zip(fingerprints(report, &masked)) {
            let d = &l.diagnostic;
            let category = if d.secret {
                "Security"
            } else if d.severity == Severity::Style {
                "Style"
            } else {
                "Bug Risk"
            };
            let mut body = d.help.clone().unwrap_or_default();
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(&format!("See [{}]({}).", d.code, d.url()));
            issues.push(json!({
                "type": "issue",
                "check_name": d.code,
                "description": format!("{} ({} {})", d.message, d.code, d.name),
                "content": {"body": body},
                "categories": [category],
                "severity": severity(d.severity),
                "fingerprint": fingerprint,
                "location": {
                    "path": report.path.replace('\\', "/"),
                    "lines": {"begin": l.start.line, "end": l.end.line},
                },
            }));
        }
    }
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}
