use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds a job whose `needs:` names a job the workflow does not define (a typo, a job renamed
    /// or removed), with the nearest job id when one is close. Job ids are compared as GitHub
    /// compares them, ignoring case. A `needs:` built from an expression is not judged.
    ///
    /// ## Why is this bad?
    /// GitHub refuses the whole workflow before any job starts ("Job 'deploy' depends on unknown
    /// job 'biuld'"), so nothing in it runs — and on a push-triggered workflow the failure is
    /// easy to miss until a release does not happen.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make
    ///   deploy:
    ///     needs: biuld
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make deploy
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
    ///   deploy:
    ///     needs: build
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make deploy
    /// ```
    ///
    /// ## References
    /// - [Workflow syntax: `jobs.<job_id>.needs`](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds)
    /// - [actionlint: job-needs](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-job-needs)
    pub static RULE = {
        code: "GA006",
        name: "needs-unknown-job",
        severity: Error,
        aliases: ["job-needs"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let ids: Vec<&str> = input.jobs.iter().map(|j| j.id).collect();
    let known: std::collections::HashSet<String> =
        ids.iter().map(|j| j.to_ascii_lowercase()).collect();
    for job in input.jobs {
        let Some(needs) = job.node.get("needs") else {
            continue;
        };
        let names: Vec<&Node> = match needs.as_seq() {
            Some(items) => items.iter().collect(),
            None => vec![needs],
        };
        for name in names {
            let Some(id) = name.as_str() else {
                continue;
            };
            if id.contains("${{") || known.contains(&id.to_ascii_lowercase()) {
                continue;
            }
            let d = cx.report(
                name.span,
                format!(
                    "the job `{}` needs `{id}`, which this workflow does not define: GitHub refuses the workflow",
                    job.id
                ),
            );
            // Suggestions scan every job id: kept to workflows of a readable size.
            let near = (ids.len() <= 200)
                .then(|| crate::suggest::did_you_mean(id, &ids))
                .flatten();
            match near {
                Some(near) => d.help(format!("did you mean `{near}`?")),
                None if ids.len() <= 10 => {
                    let others: Vec<&str> = ids.iter().copied().filter(|&j| j != job.id).collect();
                    d.help(format!("name one of the other jobs: {}", others.join(", ")))
                }
                None => d.help("name a job this workflow defines"),
            };
        }
    }
}
