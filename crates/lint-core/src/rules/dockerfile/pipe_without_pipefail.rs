use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::{Base, Model};
use crate::syntax::shell::{Command, Script};

crate::declare_rule! {
    /// ## What it does
    /// Finds a RUN with a pipe (`a | b`) in a stage whose shell is not set to `-o pipefail`
    /// (by `SHELL`, or by `set -o pipefail` earlier in the same RUN: where `/bin/sh` lacks the
    /// option, that `set` fails and so does the build, so a Dockerfile that builds has it on;
    /// hadolint's DL4006 reports these too).
    ///
    /// Pipes fed only by `echo` or `printf` are not reported: those cannot fail in a way pipefail
    /// would reveal (`echo "$SHA256  app.tgz" | sha256sum -c -` fails through `sha256sum`).
    /// The help names a shell the image has: `/bin/ash` on Alpine-based stages, bash otherwise;
    /// BusyBox and distroless images have no bash, and distroless has no shell at all.
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
                safe = sets_pipefail(ins);
                continue;
            }
            if safe || ins.keyword != Keyword::Run {
                continue;
            }
            // Exec form runs no shell unless it names one: `["/bin/sh", "-c", "a | b"]` pipes
            // without pipefail unless its own options set it (`["bash", "-o", "pipefail",
            // "-c", ...]`).
            if ins.json && (!runs_shell(ins) || sets_pipefail(ins)) {
                continue;
            }
            let piped = input.scripts[i].iter().find_map(hiding_pipe);
            if let Some(cmd) = piped {
                cx.report(
                    ins.head_span(input.text),
                    format!(
                        "a pipe into `{}` hides failures of the commands before it",
                        cmd.name()
                    ),
                )
                .help(if ins.json {
                    "exec form ignores SHELL: set the option in the command itself, `[\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", ...]` (bash must be in the image)".to_string()
                } else {
                    shell_help(input.model, stage.index)
                });
            }
        }
    }
}

/// The first command of the script that receives a pipe whose failure could go unseen: fed by
/// something other than `echo`/`printf`, and not after a `set -o pipefail` of the same script.
fn hiding_pipe(script: &Script) -> Option<&Command> {
    let mut pipefail = false;
    for cmd in &script.commands {
        if cmd.is("set") {
            let args: Vec<&str> = cmd.args().iter().map(|w| w.value.as_str()).collect();
            pipefail |= args
                .windows(2)
                .any(|w| w[0].starts_with('-') && w[0].ends_with('o') && w[1] == "pipefail");
        }
        if pipefail || cmd.stage == 0 {
            continue;
        }
        let fed_by_literal = script
            .commands
            .iter()
            .filter(|c| c.pipeline == cmd.pipeline && c.stage < cmd.stage)
            .all(|c| c.is("echo") || c.is("printf"));
        if !fed_by_literal {
            return Some(cmd);
        }
    }
    None
}

/// A `SHELL` line that exists in the stage's image family.
fn shell_help(model: &Model<'_>, stage: usize) -> String {
    let root = model.ancestry(stage).last().copied().unwrap_or(stage);
    let image = match &model.stages[root].base {
        Base::Image(image) => image.repository().to_ascii_lowercase(),
        _ => String::new(),
    };
    let tag = match &model.stages[root].base {
        Base::Image(image) => image.tag().unwrap_or_default().to_string(),
        _ => String::new(),
    };
    let name = image.rsplit('/').next().unwrap_or("");
    if image.contains("distroless") {
        "distroless images have no shell: run the pipe in a build stage that has one, then copy the result".to_string()
    } else if name == "busybox" {
        "set `SHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]` before this RUN (BusyBox sh supports pipefail; there is no bash)".to_string()
    } else if name == "alpine" || tag.contains("alpine") {
        "set `SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]` before this RUN (Alpine has no bash unless installed)".to_string()
    } else {
        "set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this RUN (bash must be in the image)".to_string()
    }
}

/// Whether a SHELL or exec-form RUN's words set `-o pipefail`, also in a combined group
/// (`-exo pipefail`, `-eo pipefail`).
fn sets_pipefail(ins: &crate::syntax::dockerfile::Instruction) -> bool {
    let sets_option =
        |flag: &str| flag.starts_with('-') && !flag.starts_with("--") && flag.ends_with('o');
    ins.args
        .windows(2)
        .any(|w| sets_option(&w[0].value) && w[1].value == "pipefail")
}

/// Whether an exec-form RUN runs a POSIX shell with a script (`["/bin/sh", "-c", ...]`, `-c`
/// anywhere among its options).
fn runs_shell(ins: &crate::syntax::dockerfile::Instruction) -> bool {
    let program = ins
        .args
        .first()
        .map_or("", |a| a.value.rsplit('/').next().unwrap_or(""));
    crate::syntax::shell::POSIX_SHELLS.contains(&program)
        && ins
            .args
            .iter()
            .any(|a| a.value.starts_with('-') && a.value.contains('c'))
}
