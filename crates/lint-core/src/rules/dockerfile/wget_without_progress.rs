use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `wget` without `--progress` (or `-q`, `-nv`, an output log).
    ///
    /// ## Why is this bad?
    /// wget's default progress bar writes a line per few kilobytes to the build log: a large download
    /// turns into thousands of lines and can exceed CI log limits.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN wget https://example.com/big.iso
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN wget --progress=dot:giga https://example.com/big.iso
    /// ```
    ///
    /// ## References
    /// - hadolint DL3047
    pub static RULE = {
        code: "DF058",
        name: "wget-without-progress",
        severity: Info,
        aliases: ["DL3047"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| s.find("wget")) {
            let quiet = cmd.has_flag(&[
                "--progress",
                "-q",
                "--quiet",
                "-nv",
                "--no-verbose",
                "-o",
                "--output-file",
                "-a",
                "--append-output",
            ]);
            if !quiet {
                cx.report(
                    cmd.span,
                    "wget without --progress floods the build log with its progress bar",
                )
                .help("add `--progress=dot:giga` (or `-q` / `-nv`)");
            }
        }
    }
}
