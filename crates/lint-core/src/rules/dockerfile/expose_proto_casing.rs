use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `EXPOSE` protocols that are not lowercase (`80/TCP`).
    ///
    /// ## Why is this bad?
    /// Docker's port specifications are lowercase (`tcp`, `udp`, `sctp`); other casings are
    /// inconsistent with every other tool that reads the image config.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80/TCP
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80/tcp
    /// ```
    ///
    /// ## Fix safety
    /// Lower-casing the protocol is safe.
    ///
    /// ## References
    /// - BuildKit ExposeProtoCasing
    pub static RULE = {
        code: "DF007",
        name: "expose-proto-casing",
        severity: Warning,
        aliases: ["ExposeProtoCasing"],
        fix: Always,
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
            let Some((_, proto)) = arg.value.rsplit_once('/') else {
                continue;
            };
            if proto == proto.to_ascii_lowercase() || arg.span.len() != arg.value.len() {
                continue;
            }
            let at = arg.span.end - proto.len();
            let span = crate::Span::new(at, arg.span.end);
            cx.report(span, format!("protocol `{proto}` should be lowercase"))
                .help(format!("write `{}`", proto.to_ascii_lowercase()))
                .fix(Fix::safe(
                    "lower-case the protocol",
                    vec![Edit::replace(span, proto.to_ascii_lowercase())],
                ));
        }
    }
}
