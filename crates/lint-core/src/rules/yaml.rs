//! What the rules of every YAML kind share: YAML problems reported at their position with help
//! and, for `//` "comments", the fix.

use crate::diagnostic::{Edit, Fix, Span};
use crate::rule::Context;
use crate::syntax::yaml::{ProblemKind, YamlFile};

/// Reports the file's YAML syntax errors, alias limits and unknown anchors (each kind's
/// `yaml-syntax-error` rule calls this). A file too large to check is at most a warning: the
/// service that reads it may well accept it, so it does not fail the run by default.
pub fn report_problems(text: &str, yaml: &YamlFile, cx: &mut Context<'_>) {
    for p in &yaml.problems {
        if matches!(
            p.kind,
            ProblemKind::Syntax
                | ProblemKind::Limit
                | ProblemKind::UnknownAnchor
                | ProblemKind::TooLarge
        ) {
            let d = report_problem(p, cx);
            if p.kind == ProblemKind::TooLarge {
                d.at_most(crate::diagnostic::Severity::Warning);
            }
            if let Some(edits) = slash_comment_above(text, p.span) {
                let title = if edits.len() == 1 {
                    "make it a `#` comment"
                } else {
                    "make it a `#` comment on its own line above"
                };
                d.fix(Fix::safe(title, edits));
            }
        }
    }
}

/// Reports each key written twice in one mapping, at the second, pointing at the first: for
/// consumers that refuse the file (Compose: "mapping key already defined"; GitHub Actions:
/// "'uses' is already defined").
pub fn report_duplicate_keys(yaml: &YamlFile, cx: &mut Context<'_>) {
    for p in &yaml.problems {
        if p.kind == ProblemKind::DuplicateKey {
            report_problem(p, cx);
        }
    }
}

/// One problem of the YAML layer as a finding, with its help and the place it relates to.
fn report_problem<'c>(
    p: &crate::syntax::yaml::Problem,
    cx: &'c mut Context<'_>,
) -> &'c mut crate::diagnostic::Diagnostic {
    let d = cx.report(p.span, p.message.clone());
    if let Some(help) = &p.help {
        d.help(help.clone());
    }
    if let Some((span, label)) = &p.related {
        d.label(*span, label.clone());
    }
    d
}

/// The edits that turn the `// ...` "comment" at `span` (running to the end of its line) into a
/// `#` comment line above the line, at its indentation; in place when nothing else is on the
/// line. `None` unless `span` starts such a comment: `//` after a space or at the start of the
/// line, not part of a URL. The comment runs to the end of the line whatever the span covers
/// (the parser may point at the first `/` only, after a quoted value).
pub(crate) fn slash_comment_above(text: &str, span: Span) -> Option<Vec<Edit>> {
    let line_end = text
        .get(span.start..)?
        .find('\n')
        .map_or(text.len(), |i| span.start + i);
    let written = text.get(span.start..line_end)?.trim_end();
    let span = Span::new(span.start, span.start + written.len());
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..span.start];
    let after_slashes = written.trim_start_matches('/');
    if written.len() - after_slashes.len() < 2
        || written.contains("://")
        || !(before.is_empty() || before.ends_with([' ', '\t']))
        || !text[span.end..line_end].trim().is_empty()
    {
        return None;
    }
    let slashes = Span::new(span.start, span.end - after_slashes.len());
    if before.trim().is_empty() {
        return Some(vec![Edit::replace(slashes, "#")]);
    }
    let indent_len = before.len() - before.trim_start_matches([' ', '\t']).len();
    let indent = &before[..indent_len];
    let newline = if text[..line_end].ends_with('\r') {
        "\r\n"
    } else {
        "\n"
    };
    let comment = format!("{indent}#{}{newline}", after_slashes.trim_end());
    let gap = span.start - (before.len() - before.trim_end().len());
    Some(vec![
        Edit::insert(line_start, comment),
        Edit::delete(Span::new(gap, span.end)),
    ])
}
