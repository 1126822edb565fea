//! `--format junit`: a JUnit XML report (Jenkins' `junit` step, GitLab's `reports: junit:`).
//! One test suite per linted file; each finding is a failed test case, and a clean file is one
//! passing test case, so the test count shows what was checked.

use super::xml::escape;
use crate::Report;

pub fn render(reports: &[Report]) -> String {
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let tests: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    );
    for report in reports {
        let path = escape(&report.path);
        let n = report.diagnostics.len();
        out.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{n}\" errors=\"0\" skipped=\"0\">\n",
            n.max(1)
        ));
        if n == 0 {
            out.push_str(&format!(
                "    <testcase name=\"no problems\" classname=\"{path}\" file=\"{path}\"/>\n"
            ));
        }
        for l in &report.diagnostics {
            let d = &l.diagnostic;
            let mut body = super::gnu::line(&report.path, l);
            if let Some(help) = &d.help {
                body.push('\n');
                body.push_str(help);
            }
            body.push('\n');
            body.push_str(&d.url());
            out.push_str(&format!(
                "    <testcase name=\"{} {} at {}:{}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                d.code,
                d.name,
                l.start.line,
                l.start.column,
                l.start.line,
                d.severity.as_str(),
                escape(&d.message),
                // Line breaks stay literal in element text (they are only folded in attributes).
                escape(&body).replace("&#10;", "\n"),
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
