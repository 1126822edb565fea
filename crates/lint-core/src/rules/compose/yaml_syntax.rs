use crate::diagnostic::{Edit, Fix, Span};
use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::ProblemKind;

crate::declare_rule! {
    /// ## What it does
    /// Reports a Compose file that is not valid YAML, at the exact position, with the usual
    /// causes named: a `//` "comment" (YAML comments start with `#`), text after a quoted value,
    /// tabs used for indentation, an alias to an anchor that does not exist. It also stops
    /// YAML that would expand without bound: aliases copying more than 100,000 nodes (an "alias
    /// bomb") or nesting deeper than 200 levels. Every finding says what to do next.
    ///
    /// Where Compose's loader (go-yaml, like libyaml) is more lenient than the YAML spec, rlint
    /// loads the file as it does: a flow list or a quoted value continued at or below its key's
    /// indentation (a closing `]` back at the key's column), or a `#` comment right after a
    /// closing quote or bracket. Those are not reported: Compose runs such files.
    ///
    /// ## Why is this bad?
    /// `docker compose` refuses the whole file. Nothing else can be checked until it parses.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   nginx: // reverse proxy
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   # reverse proxy
    ///   nginx:
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Fix safety
    /// A `//` "comment" becomes a `#` comment on its own line above the line it was on (in place
    /// when it is alone on its line). The fix is safe: Compose refuses the file as written, and
    /// what follows ` //` up to the end of the line can only have been meant as a comment.
    ///
    /// ## References
    /// - [YAML 1.2.2: comments](https://yaml.org/spec/1.2.2/#comments)
    pub static RULE = {
        code: "DC000",
        name: "yaml-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        fix: Sometimes,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    if input.document != 0 {
        return;
    }
    for p in &input.yaml.problems {
        if matches!(
            p.kind,
            ProblemKind::Syntax | ProblemKind::Limit | ProblemKind::UnknownAnchor
        ) {
            let d = cx.report(p.span, p.message.clone());
            if let Some(help) = &p.help {
                d.help(help.clone());
            }
            if let Some((span, label)) = &p.related {
                d.label(*span, label.clone());
            }
            if let Some(edits) = slash_comment_above(input.text, p.span) {
                d.fix(Fix::safe(
                    "make it a `#` comment on its own line above",
                    edits,
                ));
            }
        }
    }
}

/// The edits that turn the `// ...` "comment" at `span` (running to the end of its line) into a
/// `#` comment line above the line, at its indentation; in place when nothing else is on the
/// line. `None` unless `span` is such a comment: `//` after a space or at the start of the line,
/// not part of a URL.
pub(crate) fn slash_comment_above(text: &str, span: Span) -> Option<Vec<Edit>> {
    let written = text.get(span.start..span.end)?.trim_end();
    let span = Span::new(span.start, span.start + written.len());
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.start..]
        .find('\n')
        .map_or(text.len(), |i| span.start + i);
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
