use crate::rule::{ComposeInput, Context};
use crate::syntax::compose::interpolate;

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
    /// line in `.env` fixes them all. One value is read for its first 10,000 unset variables
    /// (real ones hold a few); uses past them are counted, and the number says "at least".
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
    // counted by place, so a value an alias copies (the same span again) is one use. Hashed:
    // hostile files hold hundreds of thousands of uses, and a use costs no allocation of its own.
    let mut uses: Vec<(crate::syntax::compose::Reference, crate::Span)> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut values: std::collections::HashSet<crate::Span> = std::collections::HashSet::new();
    let mut partly_counted = false;
    super::for_each_value(root, &mut |node| {
        let Some(text) = node.as_str().filter(|t| t.contains('$')) else {
            return;
        };
        if !values.insert(node.span) {
            return;
        }
        let spans = crate::syntax::compose::ValueSpans::new(input.text, node);
        let found = interpolate(text, input.env);
        // Past the references one string records, uses are only counted, not named.
        partly_counted |= found.unrecorded > 0;
        for r in found.unresolved {
            match index.get(&r.name) {
                Some(&at) => counts[at] += 1,
                None => {
                    index.insert(r.name.clone(), uses.len());
                    let span = spans.span(r.range);
                    uses.push((r, span));
                    counts.push(1);
                }
            }
        }
    });
    for ((r, span), count) in uses.into_iter().zip(counts) {
        let at_least = if partly_counted { "at least " } else { "" };
        let also = match count - 1 {
            0 => String::new(),
            1 => format!(" (used {at_least}once more below)"),
            n => format!(" (used {at_least}{n} more times below)"),
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
