use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `cd` in `RUN` commands.
    ///
    /// ## Why is this bad?
    /// A `cd` lasts only until the end of its `RUN`; the next instruction starts again in the
    /// `WORKDIR`. Scripts built on `cd` are harder to read and break when steps are split or
    /// reordered. `WORKDIR` changes the directory for every following instruction, and creates it.
    ///
    /// Reported as `info` (hadolint's `warning` in the `hadolint` preset): a `cd` inside one `RUN`
    /// is harmless to the build; `WORKDIR` is the clearer way to say where later instructions run.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN cd /app && npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// RUN npm ci
    /// ```
    ///
    /// ## References
    /// - [Dockerfile best practices: WORKDIR](https://docs.docker.com/build/building/best-practices/#workdir)
    /// - hadolint DL3003
    pub static RULE = {
        code: "DF018",
        name: "cd-in-run",
        severity: Info,
        aliases: ["DL3003"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for script in scripts {
            for cmd in script.find("cd") {
                let dir = cmd.args().first().map_or("", |w| w.value.as_str());
                cx.report(
                    cmd.span,
                    format!("`cd {dir}` in RUN: use WORKDIR to change directories"),
                )
                .help(format!("put `WORKDIR {dir}` before this RUN"));
            }
        }
    }
}
