use crate::rule::{Context, DockerignoreInput};
use crate::syntax::dockerignore::pattern_error;

crate::declare_rule! {
    /// ## What it does
    /// Reports a pattern BuildKit refuses: a lone `!`, a `[` class that is never closed or is
    /// empty, a range without an end (`[a-]`), a `\` at the end of a pattern. Patterns are judged
    /// as Go's `filepath.Match` judges them, which is what BuildKit's pattern matcher asks.
    ///
    /// ## Why is this bad?
    /// The whole build fails before its first step, while the context is sent: `error from
    /// sender: syntax error in pattern` (or `illegal exclusion pattern: "!"`). Every build using
    /// this context stops until the line is fixed.
    ///
    /// ## Example
    /// ```dockerignore
    /// node_modules
    /// logs/[0-9
    /// ```
    ///
    /// ## Use instead
    /// ```dockerignore
    /// node_modules
    /// logs/[0-9]*
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: .dockerignore file](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    /// - [Go `path/filepath.Match`](https://pkg.go.dev/path/filepath#Match)
    /// - [moby/patternmatcher](https://github.com/moby/patternmatcher)
    pub static RULE = {
        code: "DI000",
        name: "dockerignore-invalid-pattern",
        severity: Error,
        aliases: [],
        always_on: true,
        check: Dockerignore(check),
    }
}

fn check(input: &DockerignoreInput<'_>, cx: &mut Context<'_>) {
    for entry in input.entries {
        if entry.exception && entry.body.is_empty() {
            cx.report(entry.span, "a lone `!` is not a pattern: BuildKit stops the build (`illegal exclusion pattern`)")
                .help("write the path to re-include after the `!`, or delete the line");
        } else if let Some(why) = pattern_error(entry.body) {
            cx.report(
                entry.span,
                format!("`{}` is not a valid pattern ({why}): BuildKit stops the build while sending the context", entry.body),
            )
            .help(if why.contains('\\') {
                "separate folders with `/`; a literal backslash is `\\\\`"
            } else {
                "close the `[...]` class, or escape a literal `[` as `\\[`"
            });
        }
    }
}
