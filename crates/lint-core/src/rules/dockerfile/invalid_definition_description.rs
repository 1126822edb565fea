use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds a comment directly above `FROM ... AS <stage>` or `ARG <name>` that does not start with
    /// that name. Off by default (experimental in BuildKit too).
    ///
    /// ## Why is this bad?
    /// `docker buildx build --call=outline` and `--call=targets` show such comments as the description of
    /// the stage or build argument, but only when they start with its name; otherwise the help text is
    /// silently missing. A comment that is not meant as a description should be separated by an empty line.
    ///
    /// ## Example
    /// ```dockerfile
    /// # compile the binary
    /// FROM golang:1.23 AS build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # build compiles the binary
    /// FROM golang:1.23 AS build
    /// ```
    ///
    /// ## References
    /// - BuildKit InvalidDefinitionDescription
    pub static RULE = {
        code: "DF097",
        name: "invalid-definition-description",
        severity: Info,
        aliases: ["InvalidDefinitionDescription"],
        fix: None,
        default: false,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        let names: Vec<&str> = match ins.keyword {
            Keyword::From => match ins.args.as_slice() {
                [_, kw, name] if kw.value.eq_ignore_ascii_case("as") => vec![name.value.as_str()],
                _ => continue,
            },
            Keyword::Arg => ins
                .args
                .iter()
                .map(|a| a.value.split('=').next().unwrap_or(""))
                .collect(),
            _ => continue,
        };
        let Some(comment) = input.df.comments.iter().find(|c| c.line + 1 == ins.line) else {
            continue;
        };
        if input
            .df
            .directives
            .iter()
            .any(|d| d.span.start == comment.span.start)
            || comment.text.is_empty()
        {
            continue;
        }
        let first = comment.text.split_whitespace().next().unwrap_or("");
        if !names.iter().any(|n| n.eq_ignore_ascii_case(first)) {
            let name = names.first().copied().unwrap_or("");
            cx.report(comment.span, format!("the comment above describes `{name}` but does not start with its name"))
                .help(format!("start it with `# {name} ...`, or put an empty line between the comment and the instruction"));
        }
    }
}
