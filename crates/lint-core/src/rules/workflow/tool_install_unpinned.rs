use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `run:` script that installs a tool without a version: `npm install -g <tool>`,
    /// `pip install <package>` and `gem install <gem>` naming packages with no version. The
    /// package managers' command lines are read with the grammar the Dockerfile rules use, and
    /// the same things as in a `.travis.yml` (TR011) are left alone: installs from the
    /// project's manifests (`npm ci`, `pip install -r requirements.txt`, `pip install -e .`,
    /// `-c constraints.txt`, `bundle install`), `npm install <pkg>` without `-g`, the installers
    /// upgrading themselves (`pip install -U pip`), packages named by a variable or an
    /// expression, and `apt-get install` (the runner images' archives keep only current
    /// versions).
    ///
    /// Off by default, and info only: a workflow that installs the newest linter on purpose is
    /// common and not wrong. Turn it on when builds must be reproducible.
    ///
    /// ## Why is this bad?
    /// The job installs whatever is newest on the day it runs: the same commit passes today and
    /// fails tomorrow when a new major version changes behaviour, and nothing in the repository
    /// says which version last worked.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   lint:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: pip install ruff
    ///       - run: ruff check .
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   lint:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: pip install ruff==0.6.9
    ///       - run: ruff check .
    /// ```
    ///
    /// ## References
    /// - [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
    /// - [npm install: package specs](https://docs.npmjs.com/cli/commands/npm-install)
    /// - [GitHub: security hardening for GitHub Actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions)
    pub static RULE = {
        code: "GA031",
        name: "workflow-tool-install-unpinned",
        severity: Info,
        aliases: [],
        fix: None,
        default: false,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for script in input.scripts() {
        for cmd in &script.shell.commands {
            crate::rules::shell::report_unpinned_tool(cx, cmd);
        }
    }
}
