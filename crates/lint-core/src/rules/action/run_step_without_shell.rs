use crate::rule::{ActionInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `run:` step of a composite action without `shell:`. In a workflow a `run:` step
    /// takes the job's default shell; a composite action's step has no default and must name
    /// its shell (`bash`, `sh`, `pwsh`, `python`, `cmd`, `powershell`, or a command line with
    /// `{0}`).
    ///
    /// ## Why is this bad?
    /// GitHub refuses the action when a workflow uses it ("Required property is missing:
    /// shell"): every caller's job fails at that step.
    ///
    /// ## Example
    /// ```yaml
    /// name: Build
    /// description: Builds the project
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: make
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Build
    /// description: Builds the project
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: make
    ///       shell: bash
    /// ```
    ///
    /// ## References
    /// - [GitHub: Metadata syntax, `runs.steps[*].shell`](https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax#runsstepsshell)
    pub static RULE = {
        code: "AC002",
        name: "composite-run-step-without-shell",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: GithubAction(check),
    }
}

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    for step in &input.action.steps {
        let Some(run) = step.node.entry("run") else {
            continue;
        };
        // A misspelt `shell` is AC001's finding, with the key meant.
        if step.node.get("shell").is_some()
            || step.node.get("uses").is_some()
            || super::schema::misspells(step.node, "shell", super::schema::STEP_KEYS)
        {
            continue;
        }
        cx.report(
            run.key.span,
            "this `run:` step of a composite action names no `shell`: GitHub refuses the action",
        )
        .help("add `shell: bash` (or the shell the script is written for) to the step");
    }
}
