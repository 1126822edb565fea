//! `--format gnu`: the GNU error format, `file:line:col: severity: message [code]`, one finding a
//! line. Vim's default `errorformat` (`%f:%l:%c:%m`), Emacs' compile mode and flymake read it as
//! it is; lines and columns (Unicode characters) are 1-based.

use super::{gnu_severity, one_line};
use crate::Report;

pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        for l in &report.diagnostics {
            out.push_str(&line(&report.path, l));
            out.push('\n');
        }
    }
    out
}

/// One finding as a GNU error line (also the text of a JUnit failure).
pub(crate) fn line(path: &str, l: &crate::Located) -> String {
    let d = &l.diagnostic;
    format!(
        "{}:{}:{}: {}: {} [{}]",
        one_line(path),
        l.start.line,
        l.start.column,
        gnu_severity(d.severity),
        one_line(&d.message),
        d.code
    )
}
