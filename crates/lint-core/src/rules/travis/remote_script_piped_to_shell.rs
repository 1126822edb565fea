use crate::rule::{Context, TravisInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a script downloaded and run in one step in a build phase's lines: the output of
    /// `curl` or `wget` piped into `sh`, `bash`, `python` and the like (the check DF036 makes
    /// in a Dockerfile).
    ///
    /// ## Why is this bad?
    /// Whatever the server returns runs in the build, unverified, with the repository's
    /// encrypted variables (deploy keys, tokens) in its environment: a compromised or hijacked
    /// host or a changed script gets them, and a truncated download runs half a script.
    ///
    /// ## Example
    /// ```yaml
    /// language: generic
    /// install:
    ///   - curl -sSL https://get.example.com/install.sh | bash
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: generic
    /// install:
    ///   - curl -sSLo install.sh https://get.example.com/install.sh
    ///   - echo "0bd0a5cb2b1a5cfa1d0a7dfad28dbe4fb9e5bc2e2c5a0e10a7f88e0a0e1bd9e3  install.sh" | sha256sum -c
    ///   - bash install.sh
    /// ```
    /// or install the tool from a package (`addons: apt:`).
    ///
    /// ## References
    /// - [Travis CI: best practices in securing your data](https://docs.travis-ci.com/user/best-practices-security/)
    pub static RULE = {
        code: "TR008",
        name: "travis-remote-script-piped-to-shell",
        severity: Warning,
        aliases: [],
        fix: None,
        default: false,
        check: Travis(check),
    }
}

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    for line in input.lines {
        crate::rules::shell::report_piped_script(
            cx,
            &line.script,
            "the build",
            "download to a file, check its checksum, then run it — or install a package",
        );
    }
}
