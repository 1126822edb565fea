use crate::rule::{ActionInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a composite action's `run:` step that installs a tool without a version, as
    /// `workflow-tool-install-unpinned` (GA031) does in workflows and with the same reading of
    /// the package managers' command lines: `pip install`, `pipx install`, `uv tool install`,
    /// `npm install -g`, `yarn global add`, `pnpm add -g`, `gem install`, `cargo install` and
    /// `cargo binstall` naming a package with no version,
    /// and `go install <pkg>@latest`. Installs from the project's manifests, lock or constraints
    /// files, local paths, the installers upgrading themselves and packages named by a variable
    /// or an expression are left alone, as is `apt-get install`.
    ///
    /// Off by default, and info only, as in workflows: installing the newest tool is often
    /// what the author wants (see GA031 for what it finds on the workflow corpus; the shared
    /// corpora hold no `action.yml` files, so this rule's rate is not measured).
    ///
    /// ## Why is this bad?
    /// Every job that uses the action installs whatever is newest on the day it runs, and the
    /// callers cannot pin it: pinning the action to a commit does not pin what its script
    /// downloads, so a new major release of the tool can break every caller at once.
    ///
    /// ## Example
    /// ```yaml
    /// name: Lint
    /// description: Runs the linter
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: pipx install ruff
    ///       shell: bash
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Lint
    /// description: Runs the linter
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: pipx install ruff==0.6.9
    ///       shell: bash
    /// ```
    ///
    /// ## References
    /// - [zizmor: adhoc-packages](https://docs.zizmor.sh/audits/#adhoc-packages)
    /// - [GitHub: creating a composite action](https://docs.github.com/en/actions/sharing-automations/creating-actions/creating-a-composite-action)
    pub static RULE = {
        code: "AC008",
        name: "action-tool-install-unpinned",
        severity: Info,
        aliases: ["adhoc-packages"],
        fix: None,
        default: false,
        check: GithubAction(check),
    }
}

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    for script in input.action.steps.iter().filter_map(|s| s.script.as_ref()) {
        for cmd in &script.shell.commands {
            crate::rules::shell::report_unpinned_tool(cx, cmd);
        }
    }
}
