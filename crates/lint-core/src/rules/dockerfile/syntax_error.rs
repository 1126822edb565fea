use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::SyntaxFix;

crate::declare_rule! {
    /// ## What it does
    /// Reports what makes Docker refuse the Dockerfile: unknown instructions, a wrong number of
    /// arguments, unknown or malformed flags, unterminated heredocs, JSON that is not an array of
    /// strings, invalid parser directives.
    ///
    /// ## Why is this bad?
    /// `docker build` stops at the first of these with an error, often after minutes of earlier
    /// steps. rlint reports every one of them with its position, and keeps linting the rest of the
    /// file (hadolint stops at the first parse error and reports nothing else).
    ///
    /// This rule cannot be turned off or suppressed: the file does not build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPPY . /app
    /// ```
    ///
    /// ```dockerfile
    /// FROM node:20-alpine # the base image
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY . /app
    /// ```
    ///
    /// ```dockerfile
    /// # the base image
    /// FROM node:20-alpine
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// A comment written after `FROM` (`# ...` or `// ...`) is moved to a `#` line of its own
    /// above it. The fix is safe: Docker refuses the line as written, so there is no behaviour
    /// to keep. It is not offered when the comment does not end the instruction (a continuation
    /// follows) or when the moved line would be read as a parser directive (`# syntax=...` above
    /// the first instruction).
    ///
    /// A line that starts with `//` becomes a `#` comment (safe: Docker refuses the line). Not
    /// offered when the line continues with `\`, or when it reads like `name=value`, which as
    /// `# name=value` at the top of the file would be taken for a parser directive.
    ///
    /// A misspelt instruction or flag with one near valid name (`COPPY` → `COPY`, `--form` →
    /// `--from`) is replaced by it, in the instruction's casing. That is a guess, so the fix is
    /// unsafe.
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    pub static RULE = {
        code: "DF000",
        name: "syntax-error",
        severity: Error,
        aliases: ["DL1000"],
        always_on: true,
        fix: Sometimes,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for e in input.syntax_errors {
        let d = cx.report(e.span, e.message.clone());
        if let Some(help) = &e.help {
            d.help(help.clone());
        }
        match &e.fix {
            Some(SyntaxFix::CommentAbove(at)) => {
                let moved = super::comment_after_instruction::move_comment_above(
                    input.text,
                    *at,
                    e.span,
                    input.df.escape,
                );
                if let Some(edits) = moved {
                    d.fix(Fix::safe(
                        "move the comment to its own line above the instruction",
                        edits,
                    ));
                }
            }
            Some(SyntaxFix::Guess(span, word)) => {
                if let Some(written) = input.text.get(span.start..span.end) {
                    let word = if written.chars().all(|c| c.is_ascii_alphabetic()) {
                        super::same_case(written, word)
                    } else {
                        word.clone()
                    };
                    d.fix(Fix::unsafe_(
                        format!("replace `{written}` with `{word}`"),
                        vec![Edit::replace(*span, word)],
                    ));
                }
            }
            Some(SyntaxFix::SlashComment(slashes)) => {
                // `// syntax=...` as `# syntax=...` above the first instruction would become a
                // parser directive: leave anything that reads like `name=value` alone.
                let rest = input.text.get(slashes.end..).unwrap_or("");
                let rest = rest[..rest.find('\n').unwrap_or(rest.len())].trim();
                let directive_like = rest.split_once('=').is_some_and(|(k, _)| {
                    !k.trim().is_empty() && k.trim().chars().all(|c| c.is_ascii_alphabetic())
                });
                if !directive_like {
                    d.fix(Fix::safe(
                        "make it a `#` comment",
                        vec![Edit::replace(*slashes, "#")],
                    ));
                }
            }
            None => {}
        }
    }
}
