use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a configuration CircleCI cannot read for its version: no top-level `version`, a
    /// version other than `2`, `2.0` or `2.1`, or a 2.0 file (`version: 2`) using what only 2.1
    /// has — top-level `orbs`, `commands`, `executors` or `parameters`, and a job's
    /// `parameters` or `executor`.
    ///
    /// ## Why is this bad?
    /// CircleCI refuses the configuration: the 2.0 format has no reusable configuration, so
    /// every workflow stops at "config compilation contains errors". Most often the file was
    /// copied from an example written for 2.1 and kept its old `version` line.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2
    /// orbs:
    ///   node: circleci/node@5.2.0
    /// workflows:
    ///   main:
    ///     jobs:
    ///       - node/test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// orbs:
    ///   node: circleci/node@5.2.0
    /// workflows:
    ///   main:
    ///     jobs:
    ///       - node/test
    /// ```
    ///
    /// ## References
    /// - [CircleCI: configuration reference, `version`](https://circleci.com/docs/configuration-reference/#version)
    /// - [CircleCI: reusable configuration needs 2.1](https://circleci.com/docs/reusing-config/)
    pub static RULE = {
        code: "CC007",
        name: "circleci-version",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    let model = input.model;
    let Some(version) = model.version else {
        let at = root.as_map().and_then(|m| m.first()).map(|e| e.key.span);
        if let Some(span) = at {
            cx.report(
                span,
                "the configuration has no top-level `version`: CircleCI refuses it",
            )
            .help("start the file with `version: 2.1`");
        }
        return;
    };
    match model.version_text() {
        Some("2" | "2.0" | "2.1") => {}
        Some(v) if super::is_templated(v) => return,
        _ => {
            cx.report(
                version.span,
                format!(
                    "`version: {}` is not a CircleCI configuration version: CircleCI reads `2`, `2.0` and `2.1`",
                    input.text.get(version.span.start..version.span.end).unwrap_or("")
                ),
            )
            .help("use `version: 2.1`");
            return;
        }
    }
    if !model.is_v2_0() {
        return;
    }
    let mut keys: Vec<&crate::syntax::yaml::Node> = ["orbs", "commands", "executors", "parameters"]
        .iter()
        .filter_map(|k| root.entry(k).map(|e| &e.key))
        .collect();
    for job in &model.jobs {
        for k in ["parameters", "executor"] {
            if let Some(e) = job.node.entry(k) {
                keys.push(&e.key);
            }
        }
    }
    keys.sort_by_key(|k| k.span.start);
    for key in keys {
        let name = key.as_str().unwrap_or("");
        cx.report(
            key.span,
            format!("`{name}` needs `version: 2.1`; this is a 2.0 configuration"),
        )
        .label(version.span, "declared here")
        .help("change the top-level `version` to `2.1`");
    }
}
