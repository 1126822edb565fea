//! What the JSON kinds share in their rules: the syntax-error finding.

use crate::rule::Context;
use crate::syntax::json::Json;

/// Reports why the text is not JSON (the cause and fix `syntax::json` names), if it is not.
pub fn report_syntax_error(json: &Json, cx: &mut Context<'_>) {
    if let Some(e) = &json.error {
        let d = cx.report(e.span, e.message.clone());
        d.help(e.help.clone());
        // The consumer may well accept a file too large to check: it does not fail the run.
        if e.too_large {
            d.at_most(crate::Severity::Warning);
        }
    }
}
