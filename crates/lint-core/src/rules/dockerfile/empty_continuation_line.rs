use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds empty lines inside a `\` line continuation: one finding per instruction, on the line
    /// that ends the continuation (where BuildKit reports it), with each empty line labelled.
    ///
    /// ## Why is this bad?
    /// Docker currently skips them, but they are deprecated and will become an error; they also
    /// make it look as if the instruction ended at the blank line.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache \
    ///
    ///     curl=8.9.1-r0
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache \
    ///     curl=8.9.1-r0
    /// ```
    ///
    /// ## Fix safety
    /// Removing the empty line is safe.
    ///
    /// ## References
    /// - BuildKit NoEmptyContinuation
    pub static RULE = {
        code: "DF022",
        name: "empty-continuation-line",
        severity: Warning,
        aliases: ["NoEmptyContinuation"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        if ins.empty_continuation_lines().is_empty() {
            continue;
        }
        // One finding per instruction, on the line that ends the continuation (where BuildKit
        // reports NoEmptyContinuation); each empty line is labelled and removed by the fix.
        let end = ins
            .heredocs()
            .first()
            .map_or(ins.span.end, |h| h.body.start);
        let head = input.text[..end].trim_end();
        let line_start = head.rfind('\n').map_or(0, |i| i + 1);
        let indent = head[line_start..].len() - head[line_start..].trim_start().len();
        let at = crate::Span::new(line_start + indent, head.len().max(line_start + indent));
        let count = ins.empty_continuation_lines().len();
        let edits = ins
            .empty_continuation_lines()
            .iter()
            .map(|line| {
                let end = input.text[line.end..]
                    .find('\n')
                    .map_or(input.text.len(), |i| line.end + i + 1);
                Edit::delete(crate::Span::new(line.start, end))
            })
            .collect();
        let diagnostic = cx.report(
            at,
            if count == 1 {
                "this instruction's line continuation has an empty line in it".to_string()
            } else {
                format!("this instruction's line continuation has {count} empty lines in it")
            },
        );
        for &line in ins.empty_continuation_lines() {
            diagnostic.label(line, "empty line");
        }
        diagnostic
            .help("remove the empty lines (or end the instruction before them)")
            .fix(Fix::safe("remove the empty lines", edits));
    }
}
