use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a script downloaded and run in one step in a `run:` command: the output of `curl`
    /// or `wget` piped into `sh`, `bash`, `python` and the like (the shared shell analysis, as
    /// GA007 in a GitHub workflow, TR008 in a `.travis.yml` and DF036 in a Dockerfile). Off by
    /// default, as GA007: vendors document such installers (rustup, Homebrew, the Codecov
    /// uploader of old), and many projects accept them knowingly.
    ///
    /// ## Why is this bad?
    /// Whatever the server returns runs in the job, unverified, with the project's environment
    /// variables and the contexts' secrets in its environment: a compromised host or a changed
    /// script gets them, and a truncated download runs half a script. (Codecov's bash uploader,
    /// fetched this way by thousands of CircleCI projects, was altered in 2021 to send their
    /// environment variables to its attacker.)
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   build:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - checkout
    ///       - run: curl -sSL https://get.example.com/install.sh | bash
    ///       - run: make
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   build:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - checkout
    ///       - run: |
    ///           curl -sSLo install.sh https://get.example.com/install.sh
    ///           echo "0bd0a5cb2b1a5cfa1d0a7dfad28dbe4fb9e5bc2e2c5a0e10a7f88e0a0e1bd9e3  install.sh" | sha256sum -c
    ///           bash install.sh
    ///       - run: make
    /// ```
    /// or use an orb pinned to a version, or an image with the tool installed.
    ///
    /// ## References
    /// - [Codecov: Bash uploader security update (April 2021)](https://about.codecov.io/security-update/)
    pub static RULE = {
        code: "CC017",
        name: "circleci-remote-script-piped-to-shell",
        severity: Warning,
        aliases: [],
        fix: None,
        default: false,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    for run in &input.model.runs {
        crate::rules::shell::report_piped_script(
            cx,
            &run.script,
            "the job",
            "download to a file, check its checksum, then run it — or use a pinned orb",
        );
    }
}
