use crate::kinds::workflow::{default_shell, program_name};
use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Checks each `shell:` (of a step, and `defaults.run.shell` of a job or the workflow)
    /// against what the runner accepts: one of its built-in shells (`bash`, `sh`, `pwsh`,
    /// `python`, `powershell`, `cmd`) or a command line with `{0}` where the script's path
    /// goes (`bash -el {0}`, `perl {0}`, `nix develop --command bash -e {0}`). An expression
    /// (`${{ matrix.shell }}`) is left alone: its value is only known when the job runs. A
    /// built-in written with capitals or as a path (`Bash`, `/bin/bash`) is left alone too:
    /// how the runner compares the name is not documented.
    ///
    /// It does not judge whether the shell exists on the runner (`cmd` on Linux, a program a
    /// setup step installs): the runner's image decides that.
    ///
    /// ## Why is this bad?
    /// The workflow loads, then every run of the step fails with "Invalid shell option. Shell
    /// must be a valid built-in ... or a format string containing '{0}'" (a typo: `shell:
    /// bsah`, a program by name: `shell: zsh`), or runs the command line without the script
    /// (`shell: nix develop`, `shell: bash -el`): the step never does its work.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: conda install numpy
    ///         shell: bash -el
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: conda install numpy
    ///         shell: bash -el {0}
    /// ```
    ///
    /// ## References
    /// - [GitHub: jobs.<job_id>.steps\[\*\].shell](https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsshell)
    /// - [GitHub: custom shell](https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#custom-shell)
    /// - [actionlint: shell-name](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-shell-names)
    pub static RULE = {
        code: "GA036",
        name: "workflow-unknown-shell",
        severity: Error,
        aliases: ["shell-name"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// The shells the runner knows by name.
pub(crate) const BUILT_IN: &[&str] = &["bash", "sh", "pwsh", "python", "powershell", "cmd"];

/// Programs that are no typo of a built-in (`zsh` is not `sh` misspelt): the help shows the
/// command line that runs the script with them.
const PROGRAMS: &[&str] = &[
    "zsh", "fish", "dash", "ksh", "ash", "node", "deno", "bun", "perl", "ruby", "php", "python3",
    "python2", "pypy", "pypy3", "rscript", "julia", "lua", "tclsh", "nu", "elvish", "xonsh",
];

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    if let Some(root) = input.root
        && let Some(shell) = default_shell(root)
    {
        report(cx, shell, "the workflow's default shell");
    }
    for job in input.jobs {
        if let Some(shell) = default_shell(job.node) {
            report(cx, shell, "the job's default shell");
        }
        for step in &job.steps {
            if let Some(shell) = step.node.get("shell") {
                report(cx, shell, "this step's shell");
            }
        }
    }
}

/// Reports `shell` when the runner would refuse it (`what` names it in the message). A single
/// word is looked up without case and by its file name (`Bash`, `/bin/bash`, `pwsh.exe`):
/// the runner's exact lookup is not documented, so only what no spelling of a built-in can
/// be is reported; a command line with arguments but no `{0}` (`nix develop`) always is.
pub(crate) fn report(cx: &mut Context<'_>, shell: &Node, what: &str) {
    let Some(text) = shell.as_str() else { return };
    let name = text.trim();
    if name.is_empty() || name.contains("${{") || name.contains("{0}") {
        return;
    }
    let mut words = name.split_whitespace();
    let program = words.next().unwrap_or("");
    let has_args = words.next().is_some();
    let base = &*program_name(program);
    let built_in = BUILT_IN.contains(&base);
    if built_in && !has_args {
        return;
    }
    let help = if has_args {
        format!(
            "a command line runs the script when it says where the script's path goes: `{name} {{0}}`"
        )
    } else if let Some(near) =
        crate::suggest::did_you_mean(base, BUILT_IN).filter(|_| !PROGRAMS.contains(&base))
    {
        format!("did you mean `{near}`?")
    } else {
        format!("to run the script with `{program}`, say where its path goes: `{program} {{0}}`")
    };
    let message = if has_args {
        format!(
            "{what} `{name}` is a command line without `{{0}}`, where the runner puts the script's path: the script is never given to it"
        )
    } else {
        format!(
            "{what} `{name}` is not a built-in shell ({}) nor a command line with `{{0}}`: the runner refuses it and the step fails on every run",
            BUILT_IN.join(", ")
        )
    };
    cx.report(shell.span, message).help(help);
}
