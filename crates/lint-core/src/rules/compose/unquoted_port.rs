use crate::diagnostic::{Edit, Fix};
use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::{Node, Style};

crate::declare_rule! {
    /// ## What it does
    /// Reports `ports` and `expose` entries written as plain (unquoted) scalars. Off by default.
    ///
    /// ## Why is this bad?
    /// YAML 1.1 readers (PyYAML, docker-compose v1, many editors' tools) read `22:22` as the
    /// base-60 number 1342, and `0755`-like values as octal; quoting says "this is text". The fix
    /// adds double quotes.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   ssh:
    ///     image: acme/sshd:2
    ///     ports:
    ///       - 2222:22
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   ssh:
    ///     image: acme/sshd:2
    ///     ports:
    ///       - "2222:22"
    /// ```
    ///
    /// ## References
    /// - [Compose: ports, short syntax](https://docs.docker.com/reference/compose-file/services/#short-syntax-3)
    /// - dclint `require-quotes-in-ports`
    pub static RULE = {
        code: "DC030",
        name: "unquoted-port",
        severity: Style,
        aliases: ["require-quotes-in-ports"],
        fix: Always,
        default: false,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        for key in ["ports", "expose"] {
            for item in s.node.get(key).and_then(Node::as_seq).unwrap_or_default() {
                let Some(scalar) = item.as_scalar() else {
                    continue;
                };
                if scalar.style != Style::Plain {
                    continue;
                }
                let raw = &input.text[item.span.start..item.span.end];
                cx.report(item.span, format!("`{key}` entry `{raw}` is not quoted"))
                    .help("quote it so every YAML reader takes it as text")
                    .fix(Fix::safe(
                        "quote the entry",
                        vec![Edit::replace(item.span, format!("\"{raw}\""))],
                    ));
            }
        }
    }
}
