use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `USER name` rather than a numeric `USER uid[:gid]` (a value from an `ARG` is left alone).
    ///
    /// ## Why is this bad?
    /// Kubernetes' `runAsNonRoot` can only verify a numeric user; with a name the pod is refused or
    /// the check is skipped. A numeric UID also works when `/etc/passwd` is missing (distroless, scratch).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN useradd --uid 10001 app
    /// USER app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN useradd --uid 10001 app
    /// USER 10001
    /// ```
    ///
    /// ## References
    /// - hadolint DL3066
    pub static RULE = {
        code: "DF068",
        name: "user-not-numeric",
        severity: Info,
        aliases: ["DL3066"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in input
        .df
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::User)
    {
        let Some(arg) = ins.args.first() else {
            continue;
        };
        let user = arg.value.split(':').next().unwrap_or("");
        if user.contains('$') || user.chars().all(|c| c.is_ascii_digit()) || user == "root" {
            continue;
        }
        cx.report(
            arg.span,
            format!(
                "USER `{}` is a name: runAsNonRoot checks need a numeric UID",
                arg.value
            ),
        )
        .help("use the numeric UID (and GID), e.g. `USER 10001:10001`");
    }
}
