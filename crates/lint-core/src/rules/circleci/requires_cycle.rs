use crate::rule::{CircleciInput, Context};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds jobs of a workflow whose `requires:` form a cycle (`a` requires `b`, `b` requires
    /// `a`, or a job that requires itself), once per cycle, at the entry that closes it, with
    /// the whole cycle named. Unknown names are CC002's.
    ///
    /// ## Why is this bad?
    /// No job of a cycle can ever start; CircleCI refuses the configuration.
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
    ///       - build:
    ///           requires: [test]
    ///       - test:
    ///           requires: [build]
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
    /// - [CircleCI: configuration reference, `requires`](https://circleci.com/docs/configuration-reference/#requires)
    pub static RULE = {
        code: "CC003",
        name: "circleci-requires-cycle",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    for workflow in &input.model.workflows {
        let jobs = &workflow.jobs;
        let edges: Vec<Vec<(usize, &Node)>> = jobs
            .iter()
            .map(|j| {
                j.requires
                    .iter()
                    .filter_map(|&(name, node)| {
                        Some((super::requires_unknown::names_job(workflow, name)?, node))
                    })
                    .collect()
            })
            .collect();
        for (cycle, node) in crate::rules::graph::cycles(&edges) {
            let names: Vec<&str> = cycle.iter().map(|&j| jobs[j].name).collect();
            cx.report(
                node.span,
                format!(
                    "the jobs' `requires` in workflow `{}` form a cycle ({}): none of them can start",
                    workflow.name,
                    names.join(" → ")
                ),
            )
            .help("remove the `requires` entry that points back");
        }
    }
}
