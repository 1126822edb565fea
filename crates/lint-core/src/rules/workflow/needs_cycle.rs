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
    let edges = edges(input);
    // Depth-first, iterative: 0 unseen, 1 on the current path, 2 done.
    let mut state = vec![0u8; edges.len()];
    for start in 0..edges.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (job, ref mut next)) = path.last_mut() {
            let Some(&(to, node)) = edges[job].get(*next) else {
                state[job] = 2;
                path.pop();
                continue;
            };
            *next += 1;
            match state[to] {
                0 => {
                    state[to] = 1;
                    path.push((to, 0));
                }
                1 => {
                    let from = path.iter().position(|&(j, _)| j == to).unwrap_or(0);
                    let mut cycle: Vec<&str> = path[from..]
                        .iter()
                        .map(|&(j, _)| input.jobs[j].id)
                        .collect();
                    cycle.push(input.jobs[to].id);
                    cx.report(
                        node.span,
                        format!(
                            "the jobs' `needs` form a cycle ({}): none of them can start, and GitHub refuses the workflow",
                            cycle.join(" → ")
                        ),
                    )
                    .help("remove the `needs` entry that points back");
                }
                _ => {}
            }
        }
    }
}
