use crate::rule::{ComposeInput, Context};
use crate::syntax::compose::{interpolate, value_span};

crate::declare_rule! {
    /// ## What it does
    /// Reports a variable used in the file (`${AWS_ECR_REPO}`, `$TAG`) that the project `.env`
    /// does not set and that has no default (`${TAG:-latest}`).
    ///
    /// ## Why is this bad?
    /// Unless the shell that runs `docker compose` happens to export it, Compose substitutes an
    /// empty string and only prints a warning: `image: ${REPO}/api` becomes `image: /api`. A
    /// required variable (`${VAR:?message}`) stops Compose instead. rlint sees the `.env` beside
    /// the file (or `--env-file`), not your shell, so this is information, not an error.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: ${REGISTRY}/api:1.4
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: ${REGISTRY:-ghcr.io/acme}/api:1.4
    /// ```
    ///
    /// ## References
    /// - [Compose: interpolation](https://docs.docker.com/reference/compose-file/interpolation/)
    /// - [Compose: the .env file](https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file)
    pub static RULE = {
        code: "DC005",
        name: "unset-variable",
        severity: Info,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    let source = if input.env_known {
        "the project `.env` does not set it"
    } else {
        "there is no `.env` beside this file"
    };
    super::for_each_value(root, &mut |node| {
        let Some(text) = node.as_str().filter(|t| t.contains('$')) else {
            return;
        };
        for r in interpolate(text, input.env).unresolved {
            let span = value_span(input.text, node, r.range);
            match &r.required_message {
                Some(message) => cx.report(
                    span,
                    format!("`{}` is required ({source}): Compose stops with \"{message}\" unless the shell sets it", r.name),
                ),
                None => cx.report(
                    span,
                    format!("`{}` is not set ({source}) and has no default: Compose substitutes an empty string", r.name),
                ),
            }
            .help(format!(
                "set `{}` in `.env`, or give a default: `${{{}:-value}}`",
                r.name, r.name
            ));
        }
    });
}
