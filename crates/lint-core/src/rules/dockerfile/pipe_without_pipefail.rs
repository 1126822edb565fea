use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds a RUN with a pipe (`a | b`) in a stage whose shell is not set to `-o pipefail`.
    ///
    /// ## Why is this bad?
    /// A pipeline's status is that of its last command: `curl https://... | tar -xz` succeeds even when
    /// the download fails, and the build goes on with a broken layer.
    ///
    /// Reported as `info` (hadolint's `warning` in the `hadolint` preset): it fires on 44% of
    /// real-world Dockerfiles, and most of those pipes end in a command that fails on empty input
    /// anyway (`tar`, `sha256sum -c`, `gpg`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
    /// ```
    ///
    /// ## References
    /// - hadolint DL4006
    pub static RULE = {
        code: "DF057",
        name: "pipe-without-pipefail",
        severity: Info,
        aliases: ["DL4006"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for stage in &input.model.stages {
        // Once pipefail is on there is nothing to report. RUNs under a non-POSIX SHELL (PowerShell,
        // cmd) have no shell analysis at all (`posix_shell_by_instruction`), so no pipes either.
        let mut safe = false;
        for (i, ins) in super::stage_body(input.model, stage) {
            if ins.keyword == Keyword::Shell {
                let args: Vec<&str> = ins.args.iter().map(|a| a.value.as_str()).collect();
                // `-o pipefail`, also combined: `-exo pipefail`, `-eo pipefail`.
                let sets_option = |flag: &str| {
                    flag.starts_with('-') && !flag.starts_with("--") && flag.ends_with('o')
                };
                safe = args
                    .windows(2)
                    .any(|w| sets_option(w[0]) && w[1] == "pipefail");
                continue;
            }
            if safe || ins.keyword != Keyword::Run || ins.json {
                continue;
            }
            let piped = input.scripts[i]
                .iter()
                .flat_map(|s| &s.commands)
                .find(|c| c.stage > 0);
            if let Some(cmd) = piped {
                cx.report(
                    ins.head_span(input.text),
                    format!(
                        "a pipe into `{}` hides failures of the commands before it",
                        cmd.name()
                    ),
                )
                .help("set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this RUN");
            }
        }
    }
}
