use crate::diagnostic::Span;
use crate::kinds::workflow::{ScriptKind, Step, expressions};
use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds a step that checks out a pull request's own code in a workflow triggered by
    /// `pull_request_target` or `workflow_run`. That is an `actions/checkout` whose `ref:` is
    /// set from `github.event.pull_request.head.sha` or `.head.ref`, `github.head_ref`,
    /// `refs/pull/<n>/merge` or `/head`, `github.event.workflow_run.head_sha` or `.head_branch`,
    /// or whose `repository:` is the pull request's fork; or a `run:` script that runs `gh pr
    /// checkout`, or `git fetch`, `git checkout`, `git switch` or `git pull` of `pull/<n>/head`
    /// or of one of those values.
    ///
    /// The trigger alone is not reported (zizmor's `dangerous-triggers` flags every such
    /// workflow): labelling, greeting and commenting workflows use `pull_request_target` safely
    /// when they never fetch the pull request's code, and a finding on each of them would teach
    /// people to ignore this rule. A job that runs only for pull requests from branches of the
    /// repository itself (an `if:` comparing `head.repo.full_name` with `github.repository`, or
    /// testing `head.repo.fork`), or only after the pull request was merged
    /// (`github.event.pull_request.merged`), is not reported. A job that waits for a person —
    /// it names an `environment:` (which may require reviewers) or runs only for a label or an
    /// author association a maintainer controls — is reported as a warning rather than an
    /// error, since the gate's settings are not in the file. A ref read from a step's output
    /// or an environment variable is not followed.
    ///
    /// ## Why is this bad?
    /// `pull_request_target` and `workflow_run` run in the context of the base repository:
    /// with its secrets and a token that can write to it, even for a pull request from a fork.
    /// Checking out the pull request's code there and then building, testing or installing it
    /// (`npm install` runs the package's scripts; a `Makefile`, a test or a local action is the
    /// author's code) hands those secrets and that token to whoever opened the pull request.
    /// This is the "pwn request" behind several supply-chain compromises.
    ///
    /// ## Example
    /// ```yaml
    /// on: pull_request_target
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///         with:
    ///           ref: ${{ github.event.pull_request.head.sha }}
    ///       - run: npm ci && npm test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: pull_request
    /// permissions:
    ///   contents: read
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - run: npm ci && npm test
    /// ```
    ///
    /// Test the pull request in a `pull_request` workflow (no secrets for forks, a read-only
    /// token); when a privileged step must follow (commenting, publishing a preview), let a
    /// `workflow_run` workflow download the results as an artifact and treat them as data,
    /// never as code.
    ///
    /// ## References
    /// - [GitHub Security Lab: preventing pwn requests](https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/)
    /// - [GitHub: events that trigger workflows, pull_request_target](https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target)
    /// - [zizmor: dangerous-triggers](https://docs.zizmor.sh/audits/#dangerous-triggers)
    pub static RULE = {
        code: "GA020",
        name: "pull-request-checkout-in-privileged-workflow",
        severity: Error,
        aliases: ["dangerous-triggers"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// Context paths that name the pull request's own commit, branch or fork.
const HEAD: [&str; 9] = [
    "github.event.pull_request.head.sha",
    "github.event.pull_request.head.ref",
    "github.head_ref",
    "github.event.workflow_run.head_sha",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.head_commit.id",
    "github.event.pull_request.head.repo.full_name",
    "github.event.workflow_run.head_repository.full_name",
    "github.event.pull_request.head.label",
];

/// What a condition says about who can reach the job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Gate {
    None,
    /// A person decides (an environment, a label, the author's association).
    Person,
    /// Only trusted code gets here (same-repository branches, merged pull requests).
    Trusted,
}

fn gate_of(condition: &str) -> Gate {
    let c: String = condition
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let same_repo = [
        "head.repo.full_name==github.repository",
        "head_repository.full_name==github.repository",
    ]
    .iter()
    .any(|p| c.contains(p))
        || c.contains("github.repository==github.event.pull_request.head.repo.full_name")
        || c.contains("github.repository==github.event.workflow_run.head_repository.full_name")
        || c.contains("head.repo.fork==false")
        || c.contains("!github.event.pull_request.head.repo.fork")
        || c.contains("pull_request.merged==true")
        || c.contains("pull_request.merged&&")
        || c.ends_with("pull_request.merged")
        || c.ends_with("pull_request.merged}}");
    if same_repo {
        Gate::Trusted
    } else if c.contains(".labels.") || c.contains("label.name") || c.contains("author_association")
    {
        Gate::Person
    } else {
        Gate::None
    }
}

fn condition(node: &Node) -> &str {
    node.get("if").and_then(Node::as_str).unwrap_or("")
}

/// The input of a checkout step that fetches the pull request's code, and the path that says so.
fn head_input<'a>(input: &WorkflowInput<'_>, step: &Step<'a>) -> Option<(&'a Node, String)> {
    for key in ["ref", "repository"] {
        let Some(node) = super::input(step, key) else {
            continue;
        };
        for expression in expressions(input.text, node) {
            if let Some((path, _)) = expression
                .paths
                .iter()
                .find(|(p, _)| HEAD.contains(&p.as_str()))
            {
                return Some((node, format!("`{path}`")));
            }
        }
        let value = node.as_str().unwrap_or("");
        if key == "ref" && (value.contains("refs/pull/") || value.starts_with("pull/")) {
            return Some((node, format!("`{}`", value.trim())));
        }
    }
    None
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some((event, event_node)) = super::privileged_event(input.root) else {
        return;
    };
    for job in input.jobs {
        let job_gate = gate_of(condition(job.node));
        if job_gate == Gate::Trusted {
            continue;
        }
        let environment = job.node.get("environment").is_some();
        for step in &job.steps {
            let gate = job_gate.max(gate_of(condition(step.node)));
            if gate == Gate::Trusted {
                continue;
            }
            let found = if super::is_action(step.uses.as_ref(), "actions/checkout") {
                head_input(input, step).map(|(node, what)| {
                    (
                        node.span,
                        format!("checks out the pull request's code ({what})"),
                    )
                })
            } else {
                head_command(input, step)
            };
            let Some((span, what)) = found else {
                continue;
            };
            let d = cx
                .report(
                    span,
                    format!(
                        "the job `{}` {what} in a `{event}` workflow: its author's code runs with this repository's secrets and write token",
                        job.id
                    ),
                )
                .label(event_node.span, format!("`{event}` runs with the base repository's privileges"))
                .help("build and test pull requests in a `pull_request` workflow; hand results to a privileged workflow as an artifact it reads as data");
            if environment || gate == Gate::Person {
                d.at_most(crate::Severity::Warning);
            }
        }
    }
}

/// A `run:` command that fetches the pull request's code: `gh pr checkout`, or `git fetch`,
/// `git checkout`, `git switch` or `git pull` of `pull/<n>/head` or of the head's SHA or branch.
fn head_command(input: &WorkflowInput<'_>, step: &Step<'_>) -> Option<(Span, String)> {
    let script = step.script.as_ref().filter(|s| s.kind == ScriptKind::Run)?;
    script.shell.commands.iter().find_map(|command| {
        let sub = command.subcommand().unwrap_or("");
        if command.is("gh")
            && sub == "pr"
            && command
                .operands()
                .nth(1)
                .is_some_and(|w| w.value == "checkout")
        {
            return Some((
                command.span,
                "checks out the pull request's code with `gh pr checkout`".to_string(),
            ));
        }
        if !command.is("git") || !matches!(sub, "fetch" | "checkout" | "switch" | "pull") {
            return None;
        }
        let raw = input
            .text
            .get(command.span.start..command.span.end)?
            .to_ascii_lowercase();
        let head = raw.contains("pull/") || HEAD.iter().any(|p| raw.contains(p));
        head.then(|| {
            (
                command.span,
                format!("fetches the pull request's code with `git {sub}`"),
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{Gate, gate_of};

    #[test]
    fn gates() {
        for (condition, gate) in [
            (
                "github.event.pull_request.head.repo.full_name == github.repository",
                Gate::Trusted,
            ),
            ("${{ github.event.pull_request.merged }}", Gate::Trusted),
            (
                "contains(github.event.pull_request.labels.*.name, 'safe to test')",
                Gate::Person,
            ),
            (
                "github.event.workflow_run.conclusion == 'success'",
                Gate::None,
            ),
        ] {
            assert_eq!(gate_of(condition), gate, "{condition}");
        }
    }
}
