use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a workflow entry that runs a job the configuration does not define: not a key of
    /// `jobs:`, not an approval step (`type: approval`), and not an orb's job (`node/test`;
    /// an orb that is not declared is CC004's finding). Suggests the nearest defined job.
    ///
    /// ## Why is this bad?
    /// CircleCI refuses to compile the configuration ("job ... is not defined"): no workflow
    /// of the pipeline runs, not only the misspelt one.
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
    /// workflows:
    ///   main:
    ///     jobs:
    ///       - biuld
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
    /// workflows:
    ///   main:
    ///     jobs:
    ///       - build
    /// ```
    ///
    /// ## References
    /// - [CircleCI: configuration reference, `workflows`](https://circleci.com/docs/configuration-reference/#workflows)
    /// - [CircleCI: approval jobs](https://circleci.com/docs/workflows/#holding-a-workflow-for-a-manual-approval)
    pub static RULE = {
        code: "CC001",
        name: "circleci-workflow-job-undefined",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let names: Vec<&str> = model.jobs.iter().map(|j| j.name).collect();
    for workflow in &model.workflows {
        for entry in &workflow.jobs {
            let approval = entry
                .args
                .and_then(|a| a.get("type"))
                .and_then(|t| t.as_str())
                .is_some_and(|t| t.trim() == "approval");
            if approval
                || entry.job.contains('/')
                || super::is_templated(entry.job)
                || model.has_job(entry.job)
            {
                continue;
            }
            let d = cx.report(
                entry.key.span,
                format!(
                    "workflow `{}` runs job `{}`, which `jobs:` does not define: CircleCI refuses the configuration",
                    workflow.name, entry.job
                ),
            );
            match crate::suggest::did_you_mean(entry.job, &names) {
                Some(near) => d.help(format!("did you mean `{near}`?")),
                None if names.is_empty() => d.help("define the job under the top-level `jobs:`"),
                None => d.help(format!(
                    "the jobs defined are {}",
                    crate::rules::schema::list(&names, 8)
                )),
            };
        }
    }
}
