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
    /// Each variable is reported once, at its first use, with the number of other uses: one
    /// line in `.env` fixes them all.
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
    // One finding per variable, at its first use: setting it once fixes every use. Uses are
    // counted by place, so a value an alias copies is one use.
    let mut uses: Vec<(crate::syntax::compose::Reference, Vec<crate::Span>)> = Vec::new();
    super::for_each_value(root, &mut |node| {
        let Some(text) = node.as_str().filter(|t| t.contains('$')) else {
            return;
        };
        for r in interpolate(text, input.env).unresolved {
            let span = value_span(input.text, node, r.range);
            match uses.iter_mut().find(|(first, _)| first.name == r.name) {
                Some((_, spans)) if !spans.contains(&span) => spans.push(span),
                Some(_) => {}
                None => uses.push((r, vec![span])),
            }
        }
    });
    for (r, spans) in uses {
        let span = spans[0];
        let also = match spans.len() - 1 {
            0 => String::new(),
            1 => " (used once more below)".to_string(),
            n => format!(" (used {n} more times below)"),
        };
        match &r.required_message {
            Some(message) => cx.report(
                span,
                format!("`{}` is required ({source}): Compose stops with \"{message}\" unless the shell sets it{also}", r.name),
            ),
            None => cx.report(
                span,
                format!("`{}` is not set ({source}) and has no default: Compose substitutes an empty string{also}", r.name),
            ),
        }
        .help(format!(
            "set `{}` in `.env`, or give a default: `${{{}:-value}}`",
            r.name, r.name
        ));
    }
}
