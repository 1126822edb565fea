use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a job of `jobs:` that no workflow runs. Files without workflows are left alone (a
    /// 2.0 file without them runs its `build` job), and so are files whose workflows name jobs
    /// through `<< >>` parameters.
    ///
    /// ## Why is this bad?
    /// Only workflows run jobs: the job never runs, however long it stays in the file. It is
    /// usually a job renamed or dropped from a workflow by mistake (the tests that stopped
    /// running), or dead configuration to delete.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   build:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - checkout
    ///   test:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - run: make test
    /// workflows:
    ///   main:
    ///     jobs:
    ///       - build
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
    ///   test:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - run: make test
    /// workflows:
    ///   main:
    ///     jobs:
    ///       - build
    ///       - test:
    ///           requires: [build]
    /// ```
    ///
    /// ## References
    /// - [CircleCI: workflows](https://circleci.com/docs/workflows/)
    pub static RULE = {
        code: "CC013",
        name: "circleci-job-unused",
        severity: Info,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let entries = || model.workflows.iter().flat_map(|w| &w.jobs);
    if model.workflows.is_empty() || entries().any(|e| super::is_templated(e.job)) {
        return;
    }
    for job in &model.jobs {
        if entries().any(|e| e.job == job.name) {
            continue;
        }
        cx.report(
            job.key.span,
            format!("no workflow runs job `{}`: it never runs", job.name),
        )
        .help("add it to a workflow's `jobs:`, or delete it");
    }
}
