use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `EXPOSE` ports that are not numbers from 0 to 65535 (optionally a `start-end` range
    /// and a `/tcp` or `/udp` protocol).
    ///
    /// ## Why is this bad?
    /// Docker refuses such a port when the image is built or run (`invalid containerPort`), or the
    /// value is a typo that documents the wrong port.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80800
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    /// - hadolint DL3011
    pub static RULE = {
        code: "DF006",
        name: "expose-port-out-of-range",
        severity: Error,
        aliases: ["DL3011"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn valid_port(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 5
        && p.chars().all(|c| c.is_ascii_digit())
        && p.parse::<u32>().is_ok_and(|n| n <= 65535)
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        if ins.keyword != Keyword::Expose {
            continue;
        }
        for arg in &ins.args {
            // BuildKit removes quotes from EXPOSE's words: `EXPOSE "80"` is port 80.
            let v = &crate::syntax::dockerfile::model::unquote(&arg.value);
            // Variables are resolved at build time; `ip:port` mappings are DF008's business.
            if v.contains('$') || v.contains(':') || v.starts_with('#') {
                continue;
            }
            let port = v.split('/').next().unwrap_or(v);
            let ok = match port.split_once('-') {
                Some((a, b)) => valid_port(a) && valid_port(b),
                None => valid_port(port),
            };
            if !ok {
                cx.report(arg.span, format!("`{v}` is not a valid port: EXPOSE takes numbers from 0 to 65535"))
                    .help("write the port number the application listens on, e.g. `EXPOSE 8080` or `EXPOSE 53/udp`");
            }
        }
    }
}
