use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds empty lines inside a `\` line continuation.
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
        for &line in &ins.empty_continuation_lines {
            let end = input.text[line.end..]
                .find('\n')
                .map_or(input.text.len(), |i| line.end + i + 1);
            cx.report(line, "empty line inside a line continuation")
                .help("remove the empty line (or end the instruction before it)")
                .fix(Fix::safe(
                    "remove the empty line",
                    vec![Edit::delete(crate::Span::new(line.start, end))],
                ));
        }
    }
}
