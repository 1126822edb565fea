use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::words::parse_json_array;

crate::declare_rule! {
    /// ## What it does
    /// Finds arguments that look like exec form (`[...]`) but are not valid JSON: single quotes,
    /// a missing bracket or quote, a trailing comment.
    ///
    /// ## Why is this bad?
    /// Docker does not report invalid JSON: it silently falls back to shell form. `CMD ['node',
    /// 'server.js']` runs `/bin/sh -c "['node', 'server.js']"`, which fails at container start with
    /// "not found"; `COPY ['a', 'b']` copies files named `['a',`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// CMD ['node', 'server.js']
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// When swapping single quotes for double quotes yields a valid JSON array, the fix does that.
    /// It is unsafe only in that it changes what runs — into what was evidently meant.
    ///
    /// ## References
    /// - [Dockerfile reference: exec form](https://docs.docker.com/reference/dockerfile/#exec-form)
    pub static RULE = {
        code: "DF015",
        name: "exec-form-not-json",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        let ins = ins.effective();
        let json_capable = matches!(
            ins.keyword,
            Keyword::Cmd
                | Keyword::Entrypoint
                | Keyword::Run
                | Keyword::Shell
                | Keyword::Copy
                | Keyword::Add
                | Keyword::Volume
        );
        let text = &ins.rest.value;
        if !json_capable || ins.json || !text.starts_with('[') {
            continue;
        }
        let name = ins.keyword.as_str().to_ascii_uppercase();
        let swapped = text.replace('\'', "\"");
        let swapped_ok =
            text.contains('\'') && parse_json_array(&swapped, 0..swapped.len()).is_ok();
        let reason = if swapped_ok {
            "JSON strings need double quotes"
        } else if !text.trim_end().ends_with(']') && text.contains(']') {
            "there is text after the closing `]` (a comment?)"
        } else if !text.contains(']') {
            "the closing `]` is missing"
        } else {
            "it is not a valid JSON array of strings"
        };
        let what = match ins.keyword {
            Keyword::Copy | Keyword::Add | Keyword::Volume => {
                "a whitespace-separated list of paths"
            }
            _ => "a shell command",
        };
        let d = cx.report(
            ins.rest.span,
            format!("{name} arguments look like exec form but {reason}: Docker silently treats them as {what}"),
        );
        d.help("write a JSON array with double-quoted strings, e.g. [\"executable\", \"arg\"]");
        if swapped_ok && ins.rest.span.len() == text.len() {
            d.fix(Fix::unsafe_(
                "use double quotes",
                vec![Edit::replace(ins.rest.span, swapped)],
            ));
        }
    }
}
