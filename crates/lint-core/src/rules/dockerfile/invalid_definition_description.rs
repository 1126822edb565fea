use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds a comment directly above `FROM ... AS <stage>` or `ARG <name>` whose first word is not
    /// that name, and reports the `FROM`/`ARG` line, as BuildKit does. The comparison is
    /// case-sensitive against the stage name in lower case (BuildKit lower-cases stage names), and
    /// only the comment line right above the instruction counts. Directives and lint pragmas
    /// (`# check=...`, `# hadolint ignore=...`) are not taken for descriptions. Off by default
    /// (experimental in BuildKit too); `# check=experimental=InvalidDefinitionDescription` (or
    /// `experimental=all`) at the top of the Dockerfile turns it on, as in BuildKit.
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
        // BuildKit keeps stage names lower-cased, so `# Build ...` does not describe `AS Build`.
        let names: Vec<String> = match ins.keyword {
            Keyword::From => match &*ins.args {
                [_, kw, name] if kw.value.eq_ignore_ascii_case("as") => {
                    vec![name.value.to_lowercase()]
                }
                _ => continue,
            },
            Keyword::Arg => ins
                .args
                .iter()
                .map(|a| a.value.split('=').next().unwrap_or("").to_string())
                .collect(),
            _ => continue,
        };
        // Only the comment line right above counts: an empty line, or an empty `#`, ends a
        // description block.
        let Some(comment) = input.df.comments.iter().find(|c| c.line + 1 == ins.line) else {
            continue;
        };
        if comment.text.is_empty() || is_pragma(input, comment) {
            continue;
        }
        let first = comment.text.split(' ').next().unwrap_or("");
        if names.iter().any(|n| n == first) {
            continue;
        }
        let keyword = ins.keyword.as_str().to_ascii_uppercase();
        let name = match names.as_slice() {
            [one] => one.as_str(),
            _ => "<name>",
        };
        cx.report(
            ins.head_span(input.text),
            format!("the comment above this {keyword} does not start with `{name}`, so it is not shown as its description"),
        )
        .label(comment.span, "not a description")
        .help(format!("start it with `# {name} ...`, or put an empty line between the comment and the {keyword}"));
    }
}

/// Directives and lint pragmas sit above instructions without describing them; BuildKit would
/// read them as descriptions, rlint stays quiet.
fn is_pragma(input: &DockerfileInput<'_>, comment: &crate::syntax::dockerfile::Comment) -> bool {
    input
        .df
        .directives
        .iter()
        .any(|d| d.span.start == comment.span.start)
        || comment.text.starts_with("check=")
        || crate::suppress::parse_pragma(&comment.text).is_some()
}
