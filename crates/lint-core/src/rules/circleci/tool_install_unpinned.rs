use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `run:` command that installs a tool without a version: `pip install`, `pipx
    /// install`, `uv tool install`, `npm install -g`, `yarn global add`, `pnpm add -g`, `gem install`, `cargo install` and
    /// `cargo binstall` naming a
    /// package with no version, and `go install <pkg>@latest`. The package managers' command
    /// lines are read with the grammar the Dockerfile rules use, and the same things as in a
    /// `.travis.yml` (TR011) are left alone: installs from the project's manifests (`npm ci`,
    /// `pip install -r requirements.txt`, `pip install -e .`, `-c constraints.txt`, `bundle
    /// install`), `npm install <pkg>` without `-g`, the installers upgrading themselves (`pip
    /// install -U pip`), packages named by a variable or a `<< parameters.x >>`, `cargo install
    /// --git`/`--path`, `go install <pkg>` without `@`, and `apt-get install`.
    ///
    /// Off by default, and info only: a job that installs the newest tool on purpose is common
    /// and not wrong. The 74 CircleCI files of the shared corpus install tools from
    /// requirements files or pinned (`npm install -g npm@5 --depth 0`), and it reports none of
    /// them. Turn it on when builds must be reproducible.
    ///
    /// ## Why is this bad?
    /// The job installs whatever is newest on the day it runs: the same commit passes today and
    /// fails tomorrow when a new major version changes behaviour, and nothing in the repository
    /// says which version last worked.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   test:
    ///     docker:
    ///       - image: cimg/python:3.12
    ///     steps:
    ///       - checkout
    ///       - run: pip install tox
    ///       - run: tox
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   test:
    ///     docker:
    ///       - image: cimg/python:3.12
    ///     steps:
    ///       - checkout
    ///       - run: pip install tox==4.11.4
    ///       - run: tox
    /// ```
    ///
    /// ## References
    /// - [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
    /// - [npm install: package specs](https://docs.npmjs.com/cli/commands/npm-install)
    pub static RULE = {
        code: "CC016",
        name: "circleci-tool-install-unpinned",
        severity: Info,
        aliases: [],
        fix: None,
        default: false,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    for run in &input.model.runs {
        for cmd in &run.script.commands {
            crate::rules::shell::report_unpinned_tool(cx, cmd);
        }
    }
}
