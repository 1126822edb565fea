use crate::rule::{Context, WorkflowInput};
use crate::rules::workflow::runner_label::{CURRENT, RETIRED};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `runs-on:` list that names `self-hosted` together with a GitHub-hosted runner
    /// label (`[self-hosted, ubuntu-latest]`, `[self-hosted, windows-2022]`): GitHub's image
    /// names, current or retired, from GA012's table. Lists with an expression in them and
    /// runner groups are not judged.
    ///
    /// Off by default: an organisation may give its own runners a GitHub image name as a label
    /// on purpose (to move workflows between hosted and self-hosted runners without editing
    /// them), and then the list is right. Turn it on where the runners' labels are known not
    /// to include such names.
    ///
    /// ## Why is this bad?
    /// A job runs on a runner that has every label of the list. GitHub-hosted runners do not
    /// have `self-hosted`, and self-hosted runners get `ubuntu-latest` only if someone added it
    /// by hand, so the list usually matches no runner and the job waits in the queue until it
    /// times out (a day later). The list was meant as "a self-hosted Linux runner":
    /// `[self-hosted, linux]` (the labels every self-hosted runner gets: `self-hosted`, its OS
    /// and its architecture).
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: [self-hosted, ubuntu-latest]
    ///     steps:
    ///       - run: make
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: [self-hosted, linux, x64]
    ///     steps:
    ///       - run: make
    /// ```
    ///
    /// ## References
    /// - [GitHub: choosing the runner for a job](https://docs.github.com/en/actions/writing-workflows/choosing-where-your-workflow-runs/choosing-the-runner-for-a-job)
    /// - [GitHub: self-hosted runner labels](https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/using-labels-with-self-hosted-runners)
    /// - [actionlint: runner-label](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-runner-labels)
    pub static RULE = {
        code: "GA035",
        name: "self-hosted-with-github-hosted-label",
        severity: Warning,
        aliases: ["runner-label"],
        fix: None,
        default: false,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for job in input.jobs {
        let Some(labels) = job.node.get("runs-on").and_then(|r| r.as_seq()) else {
            continue;
        };
        let texts: Vec<&str> = labels.iter().filter_map(|l| l.as_str()).collect();
        if texts.len() != labels.len()
            || texts.iter().any(|t| t.contains("${{"))
            || !texts
                .iter()
                .any(|t| t.trim().eq_ignore_ascii_case("self-hosted"))
        {
            continue;
        }
        for (node, text) in labels.iter().zip(&texts) {
            let label = text.trim().to_ascii_lowercase();
            if !CURRENT.contains(&label.as_str()) && !RETIRED.iter().any(|(old, _)| *old == label) {
                continue;
            }
            let family = label.split('-').next().unwrap_or("");
            let os = match family {
                "windows" => "windows",
                "macos" => "macos",
                _ => "linux",
            };
            cx.report(
                node.span,
                format!(
                    "`{text}` is a GitHub-hosted runner image, listed with `self-hosted`: only a self-hosted runner given that label by hand can run the job `{}`",
                    job.id
                ),
            )
            .help(format!(
                "for a self-hosted runner, name the labels it has (`[self-hosted, {os}]`); for a GitHub-hosted one, drop `self-hosted`"
            ));
        }
    }
}
