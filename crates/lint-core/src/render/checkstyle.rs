//! `--format checkstyle`: Checkstyle's XML report, which Jenkins (warnings-ng), SonarQube and
//! most CI dashboards import. Every linted file is listed, clean ones without `<error>`s, so a
//! dashboard can tell "checked, clean" from "not checked".

use super::xml::escape;
use crate::Report;
use crate::diagnostic::Severity;

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "info",
    }
}

pub fn render(reports: &[Report]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for report in reports {
        if report.diagnostics.is_empty() {
            out.push_str(&format!("  <file name=\"{}\"/>\n", escape(&report.path)));
            continue;
        }
        out.push_str(&format!("  <file name=\"{}\">\n", escape(&report.path)));
        for l in &report.diagnostics {
            let d = &l.diagnostic;
            out.push_str(&format!(
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"rlint.{}\"/>\n",
                l.start.line,
                l.start.column,
                severity(d.severity),
                escape(&format!("{} ({})", d.message, d.name)),
                escape(d.code),
            ));
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
