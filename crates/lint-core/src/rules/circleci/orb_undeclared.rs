use crate::rule::{CircleciInput, Context};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds an orb's job, command or executor (`node/test`, `- aws-cli/setup`,
    /// `executor: python/default`) whose orb the file does not declare under `orbs:`.
    /// Suggests the nearest declared orb.
    ///
    /// ## Why is this bad?
    /// CircleCI cannot resolve the name and refuses to compile the configuration: no workflow
    /// runs. Usually the `orbs:` entry was forgotten or the orb is declared under another name.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// orbs:
    ///   node: circleci/node@5.2.0
    /// workflows:
    ///   main:
    ///     jobs:
    ///       - nod/test
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
    /// - [CircleCI: configuration reference, `orbs`](https://circleci.com/docs/configuration-reference/#orbs)
    pub static RULE = {
        code: "CC004",
        name: "circleci-orb-undeclared",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

/// Every use of an orb's element in the file: the name (`node/test`) and its node.
pub(crate) fn orb_uses<'a>(input: &CircleciInput<'a>) -> Vec<(&'a str, &'a Node)> {
    let model = input.model;
    let mut out: Vec<(&str, &Node)> = Vec::new();
    out.extend(model.steps.iter().map(|s| (s.name, s.key)));
    for workflow in &model.workflows {
        out.extend(workflow.jobs.iter().map(|j| (j.job, j.key)));
    }
    for job in &model.jobs {
        let Some(executor) = job.node.get("executor") else {
            continue;
        };
        let node = executor.get("name").unwrap_or(executor);
        if let Some(name) = node.as_str() {
            out.push((name, node));
        }
    }
    out.retain(|(name, _)| name.contains('/') && !super::is_templated(name));
    out.sort_by_key(|(_, n)| n.span.start);
    out
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let declared: Vec<&str> = model.orbs.iter().map(|o| o.name).collect();
    for (name, node) in orb_uses(input) {
        let orb = name.split('/').next().unwrap_or(name);
        if model.has_orb(orb) {
            continue;
        }
        let d = cx.report(
            node.span,
            format!("`{name}` is an element of orb `{orb}`, which `orbs:` does not declare"),
        );
        match crate::suggest::did_you_mean(orb, &declared) {
            Some(near) => d.help(format!("did you mean orb `{near}`?")),
            None => d.help(format!(
                "declare it: `orbs: {{{orb}: <namespace>/{orb}@<version>}}`"
            )),
        };
    }
}
