use crate::rule::{Context, DockerignoreInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds an exception (`!path`) that a later pattern undoes: the later pattern excludes
    /// everything the exception brings back, so the exception has no effect. The last matching
    /// line decides, so the order matters.
    ///
    /// Only what the patterns themselves prove is reported: the later pattern matches the
    /// exception's path or a folder above it (`!docs/api` then `docs`), or matches it segment for
    /// segment (`!README.md` then `*.md`, `!*.md` then `*`). `README-secret.md` after
    /// `!README*.md` removes one of the READMEs, not all of them, and is not reported.
    ///
    /// BuildKit also walks into an excluded folder whenever an exception could reach inside it
    /// (a wildcard exception makes it walk every excluded folder), so an exception below an
    /// excluded folder does work when it comes after it; rlint does not report that order.
    ///
    /// ## Why is this bad?
    /// The file the exception was written for is left out of the context: a `COPY` of it fails
    /// with "not found", or the image quietly lacks it.
    ///
    /// ## Example
    /// ```dockerignore
    /// !README.md
    /// *.md
    /// ```
    ///
    /// ## Use instead
    /// ```dockerignore
    /// *.md
    /// !README.md
    /// ```
    ///
    /// ## References
    /// - [Docker docs: .dockerignore files (exceptions, the last line wins)](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    pub static RULE = {
        code: "DI001",
        name: "dockerignore-exception-overridden",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerignore(check),
    }
}

fn check(input: &DockerignoreInput<'_>, cx: &mut Context<'_>) {
    let patterns = &input.ignore.patterns;
    for (i, exception) in patterns.iter().enumerate() {
        if !exception.exception {
            continue;
        }
        let Some(later) = patterns[i + 1..]
            .iter()
            .find(|p| !p.exception && p.covers(exception))
        else {
            continue;
        };
        cx.report(
            exception.span,
            format!(
                "`!{}` has no effect: `{}` on line {} excludes it again (the last matching line wins)",
                exception.text, later.text, later.line
            ),
        )
        .label(later.span, "excludes it again")
        .help("move the exception below the pattern it is an exception to");
    }
}
