use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a step that is neither one of CircleCI's built-in steps (`run`, `checkout`,
    /// `save_cache`, `setup_remote_docker`...), nor a command of the file's `commands:`, nor
    /// an orb's command (`node/install-packages`; undeclared orbs are CC004's), nor a
    /// `steps`-type parameter's expansion. Suggests the nearest step (`chekout` →
    /// `checkout`), and says so when the name is a job's. Names written with `<< >>` are not
    /// judged; an empty step is the schema's finding.
    ///
    /// ## Why is this bad?
    /// CircleCI refuses to compile the configuration ("Cannot find a definition for command
    /// named ..."): no workflow runs.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   build:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - chekout
    ///       - run: make
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   build:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - checkout
    ///       - run: make
    /// ```
    ///
    /// ## References
    /// - [CircleCI: configuration reference, `steps`](https://circleci.com/docs/configuration-reference/#steps)
    /// - [CircleCI: reusable commands](https://circleci.com/docs/reusing-config/#authoring-reusable-commands)
    pub static RULE = {
        code: "CC012",
        name: "circleci-step-unknown",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

/// CircleCI's built-in steps (`when`/`unless` are read as conditions, not steps).
const BUILT_IN: [&str; 12] = [
    "run",
    "checkout",
    "setup_remote_docker",
    "save_cache",
    "restore_cache",
    "deploy",
    "store_artifacts",
    "store_test_results",
    "persist_to_workspace",
    "attach_workspace",
    "add_ssh_keys",
    "steps",
];

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let mut known: Vec<&str> = BUILT_IN.to_vec();
    known.extend(model.commands.iter().map(|c| c.name));
    for step in &model.steps {
        let name = step.name;
        if name.is_empty()
            || known.contains(&name)
            || name.contains('/')
            || super::is_templated(name)
        {
            continue;
        }
        if model.has_job(name) {
            cx.report(
                step.key.span,
                format!("`{name}` is a job, not a step: a job cannot run inside another job"),
            )
            .help("run it from a workflow (`requires:` orders jobs), or move its steps into a `commands:` entry both jobs use");
            continue;
        }
        let d = cx.report(
            step.key.span,
            format!("`{name}` is not a step CircleCI knows: not built in, and not a command of this file"),
        );
        match crate::suggest::did_you_mean(name, &known) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None if model.is_v2_0() => d.help("commands of your own need `version: 2.1` and a `commands:` entry"),
            None => d.help("define it under the top-level `commands:`, or use an orb's command (`orb/command`)"),
        };
    }
}
