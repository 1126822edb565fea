use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds jobs whose `needs:` form a cycle (`a` needs `b`, `b` needs `a`, or a job that needs
    /// itself), once per cycle, at the `needs:` entry that closes it, with the whole cycle named.
    /// Job ids are compared ignoring case, as GitHub does; unknown ids are GA006's.
    ///
    /// ## Why is this bad?
    /// No job of a cycle can ever start, and GitHub refuses the whole workflow before any job
    /// runs.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     needs: test
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make
    ///   test:
    ///     needs: build
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make
    ///   test:
    ///     needs: build
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## References
    /// - [Workflow syntax: `jobs.<job_id>.needs`](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds)
    /// - [actionlint: job-needs](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-job-needs)
    pub static RULE = {
        code: "GA009",
        name: "needs-cycle",
        severity: Error,
        aliases: ["job-needs"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// A job's `needs:` entries: the index of each job it needs, with the entry's node.
fn edges<'a>(input: &WorkflowInput<'a>) -> Vec<Vec<(usize, &'a Node)>> {
    let index: std::collections::HashMap<String, usize> = input
        .jobs
        .iter()
        .enumerate()
        .map(|(i, j)| (j.id.to_ascii_lowercase(), i))
        .collect();
    input
        .jobs
        .iter()
        .map(|job| {
            let Some(needs) = job.node.get("needs") else {
                return Vec::new();
            };
            let names: Vec<&Node> = match needs.as_seq() {
                Some(items) => items.iter().collect(),
                None => vec![needs],
            };
            names
                .into_iter()
                .filter_map(|n| {
                    let id = n.as_str()?;
                    let to = *index.get(&id.to_ascii_lowercase())?;
                    Some((to, n))
                })
                .collect()
        })
        .collect()
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for (cycle, node) in crate::rules::graph::cycles(&edges(input)) {
        let names: Vec<&str> = cycle.iter().map(|&j| input.jobs[j].id).collect();
        cx.report(
            node.span,
            format!(
                "the jobs' `needs` form a cycle ({}): none of them can start, and GitHub refuses the workflow",
                names.join(" → ")
            ),
        )
        .help("remove the `needs` entry that points back");
    }
}
