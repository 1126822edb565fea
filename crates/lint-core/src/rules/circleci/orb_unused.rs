use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds an orb declared under `orbs:` that nothing in the file uses: no job, step,
    /// executor or other value names one of its elements (`node/...`). The whole text is
    /// searched, so an orb used in any place counts as used.
    ///
    /// ## Why is this bad?
    /// CircleCI still resolves every declared orb when it compiles the configuration: each
    /// unused one is a fetch that can fail (a removed version, a private orb the project can no
    /// longer read) for nothing, and a dependency to review and update.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// orbs:
    ///   node: circleci/node@5.2.0
    ///   slack: circleci/slack@4.12.5
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
    /// - [CircleCI: orbs in a configuration](https://circleci.com/docs/orb-intro/)
    pub static RULE = {
        code: "CC005",
        name: "circleci-orb-unused",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    let text = input.text;
    // Any `name/` outside the orb's own declaration counts as a use (inline orbs may use each
    // other inside `orbs:`).
    for orb in &input.model.orbs {
        let needle = format!("{}/", orb.name);
        let used = text.match_indices(&needle).any(|(at, _)| {
            let inside_declaration = at >= orb.key.span.start && at < orb.node.span.end;
            let before = text[..at].chars().next_back();
            !inside_declaration
                && !before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/'))
        });
        if used {
            continue;
        }
        cx.report(
            orb.key.span,
            format!(
                "orb `{}` is declared but nothing uses it: CircleCI still fetches it",
                orb.name
            ),
        )
        .help("remove the `orbs:` entry");
    }
}
