use crate::rule::{Context, DockerfileInput};
use crate::syntax::shell::Command;

crate::declare_rule! {
    /// ## What it does
    /// Finds `sudo` that raises privileges in `RUN` commands (also inside `sh -c`, `if` bodies and
    /// heredocs), once per `RUN`: the first such `sudo` is the one reported.
    ///
    /// It does not report `sudo -u <user>`, `sudo -g <group>` or `sudo --user=<user>` to a user
    /// other than root: that drops privileges for one command (`sudo -u postgres initdb`), and the
    /// alternatives (`USER postgres` around a separate RUN, `su`, `runuser`) are not clearly better
    /// for a single command. hadolint's DL3004 reports these too; we are deliberately quieter.
    ///
    /// ## Why is this bad?
    /// Build steps already run as the current `USER`; `sudo` adds a setuid binary to the image,
    /// needs a TTY or a sudoers entry, and behaves unpredictably with signals. Switch users with
    /// `USER` instead, or use `gosu`/`su-exec` in an entrypoint where you must drop privileges.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN sudo apt-get update
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// USER root
    /// RUN apt-get update
    /// ```
    ///
    /// ## References
    /// - hadolint DL3004
    pub static RULE = {
        code: "DF017",
        name: "sudo-in-run",
        severity: Warning,
        aliases: ["DL3004"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        let raising = scripts
            .iter()
            .flat_map(|s| s.find("sudo"))
            .find(|cmd| raises_privileges(cmd));
        if let Some(cmd) = raising {
            cx.report(
                cmd.words[0].span,
                "do not use sudo in RUN: switch to root with USER for the steps that need it",
            )
            .help(
                "put `USER root` before this RUN and switch back to the unprivileged USER after it",
            );
        }
    }
}

/// Whether a `sudo` runs its command as root: no `-u`/`-g`/`--user`/`--group` option, or one
/// that names root. Options stop at the first operand (the command) or `--`.
fn raises_privileges(cmd: &Command) -> bool {
    let mut args = cmd.args().iter().map(|w| w.value.as_str());
    let mut target: Option<&str> = None;
    while let Some(arg) = args.next() {
        if arg == "--" || !arg.starts_with('-') {
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let (name, value) = long
                .split_once('=')
                .map_or((long, None), |(n, v)| (n, Some(v)));
            if name == "user" || name == "group" {
                target = value.or_else(|| args.next());
            }
            continue;
        }
        // A short group: `-u` takes the rest of the word or the next word as its value.
        let short = &arg[1..];
        if let Some(at) = short.find(['u', 'g']) {
            let rest = &short[at + 1..];
            target = if rest.is_empty() {
                args.next()
            } else {
                Some(rest)
            };
        }
    }
    target.is_none_or(|who| matches!(who, "root" | "0" | "#0"))
}
