use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `useradd` with a large UID (six digits or more) but without `-l` / `--no-log-init`.
    ///
    /// ## Why is this bad?
    /// useradd records the user in `/var/log/lastlog`, a sparse file indexed by UID; in an image layer
    /// the sparse file is stored in full, so a UID of 1,000,000 adds hundreds of megabytes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN useradd -u 1000000 app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN useradd -l -u 1000000 app
    /// ```
    ///
    /// ## References
    /// - hadolint DL3046
    pub static RULE = {
        code: "DF059",
        name: "useradd-high-uid-without-l",
        severity: Warning,
        aliases: ["DL3046"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| s.find("useradd")) {
            if cmd.has_flag(&["-l", "--no-log-init"]) {
                continue;
            }
            let args = cmd.args();
            let uid = args
                .iter()
                .enumerate()
                .find_map(|(i, w)| match w.value.as_str() {
                    "-u" | "--uid" => args.get(i + 1).map(|v| v.value.clone()),
                    v => v.strip_prefix("--uid=").map(String::from),
                });
            if let Some(uid) = uid.filter(|u| u.len() > 5 && u.chars().all(|c| c.is_ascii_digit()))
            {
                cx.report(cmd.span, format!("useradd with UID {uid} and without -l writes a huge sparse lastlog into the layer"))
                    .help("add `-l` (`--no-log-init`)");
            }
        }
    }
}
