use crate::kinds::workflow::ScriptKind;
use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `//` written as a comment in a `run:` script (`npm ci // clean install`): in a
    /// shell script `//` is a word like any other, so the command gets it and the words after
    /// it as arguments. Positions are exact inside `|` and `>` blocks. A lone `//` at the end
    /// of a command, and a quoted `"//"`, are left alone, and so is a script whose `shell:`
    /// (its own, or the job's or workflow's `defaults.run.shell`) is Python or another
    /// interpreter (`node {0}`), where `//` is an operator or a comment of that language.
    ///
    /// ## Why is this bad?
    /// `npm ci // clean install` asks npm to install packages named `//`, `clean` and
    /// `install`; other tools fail, or silently do something else. The comment was meant for
    /// the reader and reaches the command instead.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: npm ci // clean install
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: npm ci # clean install
    /// ```
    ///
    /// ## Fix safety
    /// `//` becomes `#`. Unsafe: the words after it stop being arguments, which is what the
    /// author meant but changes what runs.
    ///
    /// ## References
    /// - [POSIX shell: comments](https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_18_03)
    pub static RULE = {
        code: "GA029",
        name: "workflow-slash-comment-in-script",
        severity: Warning,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for script in input.scripts().filter(|s| s.kind == ScriptKind::Run) {
        for cmd in &script.shell.commands {
            crate::rules::shell::report_slash_comment(cx, input.text, cmd, "a `run:` script");
        }
    }
}
