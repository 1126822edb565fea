use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds `//` written as a comment in a `run:` command (`npm ci // clean install`): in a
    /// shell command `//` is a word like any other, so the command gets it and the words after
    /// it as arguments. Positions are exact inside `|` and `>` blocks. A lone `//` at the end
    /// of a command, and a quoted `"//"`, are left alone.
    ///
    /// ## Why is this bad?
    /// `npm ci // clean install` asks npm to install packages named `//`, `clean` and
    /// `install`; other tools fail, or silently do something else.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   test:
    ///     docker:
    ///       - image: cimg/node:20.11
    ///     steps:
    ///       - checkout
    ///       - run: npm ci // clean install
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   test:
    ///     docker:
    ///       - image: cimg/node:20.11
    ///     steps:
    ///       - checkout
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
        code: "CC015",
        name: "circleci-slash-comment-in-command",
        severity: Warning,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    for run in &input.model.runs {
        for cmd in &run.script.commands {
            crate::rules::shell::report_slash_comment(cx, input.text, cmd, "a `run:` command");
        }
    }
}
