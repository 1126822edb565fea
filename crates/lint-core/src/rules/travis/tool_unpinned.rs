use crate::rule::{Context, TravisInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a build step that installs a tool without a version: `npm install -g <tool>`,
    /// `pip install <package>` and `gem install <gem>` naming packages with no version
    /// (`eslint`, `tox`, `bundler` rather than `eslint@8`, `tox==4.11.4`, `bundler -v 2.4.22`),
    /// and likewise `yarn global add`, `pnpm add -g`, `pipx install`, `uv tool install`,
    /// `cargo install` and `cargo binstall` (without `@1.2.3` or `--version`) and
    /// `go install <pkg>@latest`.
    ///
    /// Off by default, and info only: in CI an unpinned tool is often what the maintainer wants
    /// (the latest linter, the latest `codecov`), and nothing is wrong until a new major version
    /// changes behaviour. Turn it on when builds must be reproducible. It reads the package
    /// managers' command lines as the Dockerfile rules do (the shared grammar of
    /// `syntax/pkg.rs`, shared with GA031 and CC016), and deliberately does not report:
    /// - installs from the project's own manifests: `npm install`, `npm ci`, `pip install -r
    ///   requirements.txt`, `pip install -e .`, `pip install -c constraints.txt ...`,
    ///   `bundle install`: the lock or requirements file is where versions belong;
    /// - `npm install <pkg>` without `-g` (it is saved to package.json);
    /// - the installers upgrading themselves (`pip install -U pip setuptools wheel`,
    ///   `npm install -g npm`): the point is the latest;
    /// - `apt-get install` on Travis's images: Ubuntu's archive only keeps current versions, so
    ///   pins break builds instead of fixing them;
    /// - packages named by a variable (`pip install $DEPS`);
    /// - `cargo install --git`/`--path` (a repository or a folder, not the registry's
    ///   versions), and `go install <pkg>` without `@`: the current module's `go.mod` gives
    ///   the version (outside a module Go refuses to run it).
    ///
    /// ## Why is this bad?
    /// The build installs whatever is newest on the day it runs: the same commit passes today
    /// and fails tomorrow because `bundler` 2.0, a new `eslint` rule set or a `tox` major came
    /// out, and nothing in the repository says which version last worked.
    ///
    /// ## Example
    /// ```yaml
    /// language: node_js
    /// install:
    ///   - npm install -g eslint
    /// script: eslint .
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: node_js
    /// install:
    ///   - npm install -g eslint@8.57.0
    /// script: eslint .
    /// ```
    ///
    /// ## References
    /// - [Travis CI: installing dependencies](https://docs.travis-ci.com/user/installing-dependencies/)
    /// - [npm install: package specs](https://docs.npmjs.com/cli/commands/npm-install)
    /// - [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
    /// - [Bundler 2 broke builds that ran `gem install bundler` (January 2019)](https://bundler.io/blog/2019/01/04/an-update-on-the-bundler-2-release.html)
    pub static RULE = {
        code: "TR011",
        name: "travis-tool-install-unpinned",
        severity: Info,
        aliases: [],
        fix: None,
        default: false,
        check: Travis(check),
    }
}

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    for line in input.lines {
        for cmd in &line.script.commands {
            crate::rules::shell::report_unpinned_tool(cx, cmd);
        }
    }
}
