use crate::kinds::circleci::Workflow;
use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `requires:` entry naming no job of its workflow: neither a job's name there
    /// (its `name:` when one is set), nor a matrix job's alias or one of its expanded names
    /// (`test-3.12`). Names written with `<< >>` parameters are not judged. Suggests the
    /// nearest name, and says so when the job runs in another workflow.
    ///
    /// ## Why is this bad?
    /// CircleCI refuses to compile the configuration: a job can only wait for jobs of its own
    /// workflow, so a misspelt or out-of-workflow name stops every workflow of the pipeline.
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
    ///   deploy:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - run: ./deploy.sh
    /// workflows:
    ///   main:
    ///     jobs:
    ///       - build
    ///       - deploy:
    ///           requires:
    ///             - biuld
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
    ///   deploy:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - run: ./deploy.sh
    /// workflows:
    ///   main:
    ///     jobs:
    ///       - build
    ///       - deploy:
    ///           requires:
    ///             - build
    /// ```
    ///
    /// ## References
    /// - [CircleCI: configuration reference, `requires`](https://circleci.com/docs/configuration-reference/#requires)
    /// - [CircleCI: matrix jobs and their names](https://circleci.com/docs/using-matrix-jobs/)
    pub static RULE = {
        code: "CC002",
        name: "circleci-requires-unknown-job",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

/// Whether `name` names a job of `workflow`: an entry's name, a matrix alias or an expanded
/// matrix name.
pub(crate) fn names_job(workflow: &Workflow<'_>, name: &str) -> Option<usize> {
    workflow.jobs.iter().position(|j| {
        j.name == name
            || j.matrix
                && (matrix_alias(j) == Some(name)
                    || name
                        .strip_prefix(j.name)
                        .is_some_and(|rest| rest.starts_with('-')))
    })
}

fn matrix_alias<'a>(job: &crate::kinds::circleci::WorkflowJob<'a>) -> Option<&'a str> {
    job.args?.get("matrix")?.get("alias")?.as_str()
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    let workflows = &input.model.workflows;
    for workflow in workflows {
        // Names are not checked in a workflow whose own names are templated: the expanded
        // name is unknown.
        if workflow.jobs.iter().any(|j| super::is_templated(j.name)) {
            continue;
        }
        let names: Vec<&str> = workflow.jobs.iter().map(|j| j.name).collect();
        for entry in &workflow.jobs {
            for &(name, node) in &entry.requires {
                if super::is_templated(name) || names_job(workflow, name).is_some() {
                    continue;
                }
                let d = cx.report(
                    node.span,
                    format!(
                        "`{}` requires `{name}`, which is not a job of workflow `{}`: CircleCI refuses the configuration",
                        entry.name, workflow.name
                    ),
                );
                if let Some(other) = workflows
                    .iter()
                    .find(|w| w.name != workflow.name && names_job(w, name).is_some())
                {
                    d.help(format!(
                        "`{name}` runs in workflow `{}`; a job can only require jobs of its own workflow",
                        other.name
                    ));
                } else if let Some(near) = crate::suggest::did_you_mean(name, &names) {
                    d.help(format!("did you mean `{near}`?"));
                } else {
                    d.help(format!(
                        "the jobs of this workflow are {}",
                        crate::rules::schema::list(&names, 8)
                    ));
                }
            }
        }
    }
}
