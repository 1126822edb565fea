use crate::rule::{Context, TravisInput};
use crate::syntax::pkg::{self, Cli};
use crate::syntax::shell::Command;

crate::declare_rule! {
    /// ## What it does
    /// Finds a build step that installs a tool without a version: `npm install -g <tool>`,
    /// `pip install <package>` and `gem install <gem>` naming packages with no version
    /// (`eslint`, `tox`, `bundler` rather than `eslint@8`, `tox==4.11.4`, `bundler -v 2.4.22`).
    ///
    /// Off by default, and info only: in CI an unpinned tool is often what the maintainer wants
    /// (the latest linter, the latest `codecov`), and nothing is wrong until a new major version
    /// changes behaviour. Turn it on when builds must be reproducible. It reads the package
    /// managers' command lines as the Dockerfile rules do (the shared grammar of
    /// `syntax/pkg.rs`), and deliberately does not report:
    /// - installs from the project's own manifests: `npm install`, `npm ci`, `pip install -r
    ///   requirements.txt`, `pip install -e .`, `pip install -c constraints.txt ...`,
    ///   `bundle install`: the lock or requirements file is where versions belong;
    /// - `npm install <pkg>` without `-g` (it is saved to package.json);
    /// - the installers upgrading themselves (`pip install -U pip setuptools wheel`,
    ///   `npm install -g npm`): the point is the latest;
    /// - `apt-get install` on Travis's images: Ubuntu's archive only keeps current versions, so
    ///   pins break builds instead of fixing them;
    /// - packages named by a variable (`pip install $DEPS`).
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

/// The installers themselves: upgrading them to the latest is the usual intent.
const SELF_UPDATES: [&str; 4] = ["pip", "setuptools", "wheel", "npm"];

/// The tools `cmd` installs without a version, with how to pin one: `None` when it installs
/// none (or from a manifest).
fn unpinned(cmd: &Command) -> Option<(&'static str, Vec<&str>, &'static str)> {
    let tools = |cli: &Cli, install, pinned: fn(&str) -> bool| -> Vec<&str> {
        cli.unpinned_after(cmd, install, pinned)
            .into_iter()
            .filter(|p| !SELF_UPDATES.contains(&p.to_ascii_lowercase().as_str()))
            .collect()
    };
    let (what, found, help) = if let Some(install) = pkg::pip_install(cmd) {
        // A constraints file pins whatever the command line leaves open.
        if pkg::PIP.has_flag(cmd, &["-c", "--constraint"]) {
            return None;
        }
        (
            "pip install",
            tools(&pkg::PIP, install, pkg::pip_spec_pinned_or_local),
            "pin versions (`tox==4.11.4`), or list them in a requirements or constraints file",
        )
    } else if cmd.is("npm") {
        let install = pkg::NPM
            .subcommand(cmd)
            .filter(|w| matches!(w.value.as_str(), "install" | "i" | "add"))?;
        let global = pkg::NPM.has_flag(cmd, &["-g", "--global"])
            || pkg::NPM.flag_value(cmd, &["--location"]) == Some("global");
        if !global {
            return None;
        }
        (
            "npm install -g",
            tools(&pkg::NPM, install, pkg::npm_spec_pinned_or_local),
            "pin versions (`eslint@8.57.0`), or make the tool a devDependency and run it with `npx`",
        )
    } else if cmd.is("gem") {
        let install = pkg::GEM
            .subcommand(cmd)
            .filter(|w| matches!(w.value.as_str(), "install" | "i"))?;
        if pkg::GEM.has_flag(cmd, &["-v", "--version"]) {
            return None;
        }
        (
            "gem install",
            tools(&pkg::GEM, install, pkg::gem_spec_pinned_or_local),
            "pin a version: `gem install bundler -v 2.4.22` or `bundler:2.4.22`",
        )
    } else {
        return None;
    };
    (!found.is_empty()).then_some((what, found, help))
}

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    for line in input.lines {
        for cmd in &line.script.commands {
            // `travis_retry pip install tox`, `sudo -H pip install tox`.
            let wrapped = cmd.wrapped();
            let cmd = wrapped.as_ref().unwrap_or(cmd);
            let Some((what, tools, help)) = unpinned(cmd) else {
                continue;
            };
            cx.report(
                cmd.span,
                format!(
                    "`{what}` of {} without a version: each build gets whatever is newest",
                    tools
                        .iter()
                        .map(|t| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .help(help);
        }
    }
}
