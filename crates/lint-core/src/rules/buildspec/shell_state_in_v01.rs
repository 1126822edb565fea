use crate::rule::{BuildspecInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// In a `version: 0.1` buildspec, finds a command that only changes the shell's state — a
    /// lone `cd`, `export`, `source`/`.` or variable assignment — followed by more commands.
    ///
    /// ## Why is this bad?
    /// Version 0.1 runs every command in a shell of its own: the `cd`, the exported variable or
    /// the sourced file is gone by the next command, which then runs in the source folder
    /// without the variable. Version 0.2 runs a build's commands in one shell and keeps them.
    ///
    /// ## Example
    /// ```yaml
    /// version: 0.1
    /// phases:
    ///   build:
    ///     commands:
    ///       - cd app
    ///       - make
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   build:
    ///     commands:
    ///       - cd app
    ///       - make
    /// ```
    ///
    /// ## References
    /// - [Build specification reference for CodeBuild: version](https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec-ref-syntax)
    pub static RULE = {
        code: "BS007",
        name: "shell-state-lost-in-version-0-1",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Buildspec(check),
    }
}

fn check(input: &BuildspecInput<'_>, cx: &mut Context<'_>) {
    let Some(version) = input.root.and_then(|r| r.get("version")) else {
        return;
    };
    let text = version.as_str().unwrap_or("");
    if text.trim_matches(['"', '\'']) != "0.1" {
        return;
    }
    let commands = input.commands;
    for (i, command) in commands.iter().enumerate() {
        if i + 1 == commands.len() {
            break;
        }
        let script = &command.script;
        let [only] = script.commands.as_slice() else {
            // Assignment-only items (`A=1`) have no command, only variables.
            if script.commands.is_empty() && !script.variables.is_empty() {
                report(cx, command.node.span, "this variable assignment");
            }
            continue;
        };
        let what = match only.name() {
            "cd" | "pushd" => "this `cd`",
            "export" => "this `export`",
            "source" | "." => "this `source`",
            _ => continue,
        };
        report(cx, command.node.span, what);
    }
}

fn report(cx: &mut Context<'_>, span: crate::diagnostic::Span, what: &str) {
    cx.report(
        span,
        format!(
            "version 0.1 runs each command in its own shell: {what} does not reach the next command"
        ),
    )
    .help("use `version: 0.2` (one shell for the build), or join the commands: `cd app && make`");
}
