use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `EXPOSE` with an IP address or a `host:container` mapping.
    ///
    /// ## Why is this bad?
    /// `EXPOSE` only documents which container ports the application listens on; it cannot publish
    /// a port or bind an address. Docker ignores the host part (and will reject it in a future
    /// release), so the mapping the author wanted never happens.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080:80
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80
    /// ```
    /// and publish with `docker run -p 8080:80` or Compose `ports:`.
    ///
    /// ## References
    /// - BuildKit ExposeInvalidFormat
    pub static RULE = {
        code: "DF008",
        name: "expose-invalid-format",
        severity: Warning,
        aliases: ["ExposeInvalidFormat"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        if ins.keyword != Keyword::Expose {
            continue;
        }
        for arg in &ins.args {
            if arg.value.contains(':') && !arg.value.contains('$') {
                let container = arg.value.rsplit(':').next().unwrap_or("");
                cx.report(
                    arg.span,
                    format!("EXPOSE `{}` names a host address or port: EXPOSE cannot publish or map ports", arg.value),
                )
                .help(format!("expose only the container port (`EXPOSE {container}`) and publish it with `docker run -p` or Compose `ports:`"));
            }
        }
    }
}
