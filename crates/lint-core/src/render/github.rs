//! `--format github`: GitHub Actions workflow commands, one annotation per finding.

use crate::Report;
use crate::diagnostic::Severity;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        for l in &report.diagnostics {
            let d = &l.diagnostic;
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "notice",
            };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push('\n');
                message.push_str(help);
            }
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&report.path),
                l.start.line,
                l.start.column,
                l.end.line,
                l.end.column,
                escape_property(&format!("{} {}", d.code, d.name)),
                escape_data(&message),
            ));
        }
    }
    out
}
