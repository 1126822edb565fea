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
            if !cmd.args().iter().any(|w| silences(&w.value)) {
                cx.report(
                    cmd.span,
                    "wget without --progress floods the build log with its progress bar",
                )
                // BusyBox wget (Alpine) has `-q` but no `--progress` or `-nv`.
                .help(
                    "add `-q`, or with GNU wget `--progress=dot:giga` / `-nv` to keep a short log",
                );
            }
        }
    }
}

/// Whether one wget argument turns the progress bar off or sends it away: `--progress=...`,
/// `--quiet`, `--no-verbose`, `--output-file`/`--append-output`, `-nv`, or `-q`/`-o`/`-a` in a
/// group of short options (`-qO-`, `-qO /tmp/x`, `-Sq`). In a group, a value-taking option
/// (`-O`, `-P`, `-T`, ...) ends the options: the rest of the word is its value.
fn silences(arg: &str) -> bool {
    const LONG: [&str; 5] = [
        "progress",
        "quiet",
        "no-verbose",
        "output-file",
        "append-output",
    ];
    if let Some(long) = arg.strip_prefix("--") {
        let name = long.split('=').next().unwrap_or(long);
        return LONG.contains(&name);
    }
    let Some(group) = arg.strip_prefix('-') else {
        return false;
    };
    if group == "nv" {
        return true;
    }
    for c in group.chars() {
        match c {
            'q' | 'o' | 'a' => return true,
            'O' | 'P' | 'T' | 't' | 'w' | 'U' | 'e' | 'i' | 'B' | 'l' | 'A' | 'R' | 'D' | 'X'
            | 'I' => return false,
            _ => {}
        }
    }
    false
}
