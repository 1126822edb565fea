use crate::diagnostic::Span;
use crate::kinds::workflow::ScriptKind;
use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds the workflow commands GitHub retired, echoed by a `run:` script:
    /// `::set-env` and `::add-path` (disabled since November 2020: the step fails) and
    /// `::set-output` and `::save-state` (deprecated since October 2022: GitHub prints a
    /// warning on every run and has announced their removal). The first two are errors, the
    /// others warnings.
    ///
    /// ## Why is this bad?
    /// Commands read from a step's output let anything the step prints — a log line, a
    /// dependency's output, a pull request's title — set variables and outputs for the rest of
    /// the job. Their replacements are files the runner gives each step: `$GITHUB_ENV`,
    /// `$GITHUB_PATH`, `$GITHUB_OUTPUT` and `$GITHUB_STATE`.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - id: version
    ///         run: echo "::set-output name=tag::$(git describe --tags)"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - id: version
    ///         run: echo "tag=$(git describe --tags)" >> "$GITHUB_OUTPUT"
    /// ```
    ///
    /// ## References
    /// - [GitHub changelog: deprecating save-state and set-output commands (2022)](https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/)
    /// - [GitHub changelog: deprecating set-env and add-path commands (2020)](https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/)
    /// - [Workflow commands: environment files](https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#environment-files)
    pub static RULE = {
        code: "GA028",
        name: "workflow-deprecated-command",
        severity: Error,
        aliases: ["deprecated-commands"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// The retired commands: name, the file that replaces it, whether the runner refuses it.
const COMMANDS: [(&str, &str, bool); 4] = [
    ("set-env", "echo \"NAME=value\" >> \"$GITHUB_ENV\"", true),
    ("add-path", "echo \"DIR\" >> \"$GITHUB_PATH\"", true),
    (
        "set-output",
        "echo \"NAME=value\" >> \"$GITHUB_OUTPUT\"",
        false,
    ),
    (
        "save-state",
        "echo \"NAME=value\" >> \"$GITHUB_STATE\"",
        false,
    ),
];

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for script in input.scripts() {
        if script.kind != ScriptKind::Run {
            continue;
        }
        let span = script.node.span;
        let Some(raw) = input.text.get(span.start..span.end) else {
            continue;
        };
        for (name, instead, refused) in COMMANDS {
            let needle = format!("::{name}");
            for (at, _) in raw.match_indices(&needle) {
                // `::set-output name=x::v` or `::add-path::dir`: the name ends there.
                let next = raw[at + needle.len()..].chars().next();
                if !matches!(next, Some(' ' | ':')) {
                    continue;
                }
                let start = span.start + at;
                let d = cx.report(
                    Span::new(start, start + needle.len()),
                    if refused {
                        format!("the `{name}` workflow command is disabled: the runner refuses it and the step fails")
                    } else {
                        format!("the `{name}` workflow command is deprecated: GitHub warns on every run and will remove it")
                    },
                );
                d.help(format!("write to the runner's file instead: `{instead}`"));
                if !refused {
                    d.at_most(crate::Severity::Warning);
                }
            }
        }
    }
}
