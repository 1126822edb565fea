use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `run:` script that installs a tool without a version: `pip install`, `pipx
    /// install`, `uv tool install`, `npm install -g`, `yarn global add`, `pnpm add -g`, `gem install`, `cargo install` and
    /// `cargo binstall` naming a
    /// package with no version, and `go install <pkg>@latest`. The package managers' command
    /// lines are read with the grammar the Dockerfile rules use, and the same things as in a
    /// `.travis.yml` (TR011) are left alone: installs from the project's manifests (`npm ci`,
    /// `pip install -r requirements.txt`, `pip install -e .`, `-c constraints.txt`, `bundle
    /// install`), `npm install <pkg>` without `-g`, the installers upgrading themselves (`pip
    /// install -U pip`), packages named by a variable or an expression, `cargo install
    /// --git`/`--path`, `go install <pkg>` without `@` (the module's `go.mod` decides), and
    /// `apt-get install` (the runner images' archives keep only current versions).
    ///
    /// Off by default, and info only: a workflow that installs the newest linter on purpose is
    /// common and not wrong. Over the 378 workflows of the shared corpus it reports 59 commands
    /// in 33 files of 7 projects; nilearn, scipy and numpy (40 of them) test against the newest
    /// releases on purpose, down to `pip install git+https://github.com/numpy/numpy.git`, and
    /// the rest are GitHub's starter workflows (8: `pip install flake8 pytest`, `gem install
    /// puppet-lint`, `cargo install clippy-sarif sarif-fmt`), scikit-image, MNE and SchemaStore's
    /// tests. Turn it on when builds must be reproducible.
    ///
    /// zizmor's `adhoc-packages` audit is related but not the same, so its name is an alias
    /// (its `# zizmor: ignore[adhoc-packages]` comments silence this rule): it flags npm and gem
    /// installs made outside a lock file, pinned or not, and does not read pip. Of its 8
    /// findings on the corpus this rule makes 3 (`npm install -g bats`, `npm install -g
    /// jfrog-cli-v2-jf`, `gem install puppet-lint`); the other 5 name a version.
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
    /// - [zizmor: adhoc-packages](https://docs.zizmor.sh/audits/#adhoc-packages)
    /// - [GitHub: security hardening for GitHub Actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions)
    pub static RULE = {
        code: "GA031",
        name: "workflow-tool-install-unpinned",
        severity: Info,
        aliases: ["adhoc-packages"],
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
