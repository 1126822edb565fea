use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::{Node, Value};

/// Engine sockets: whoever can write to one controls the host.
const SOCKETS: [&str; 7] = [
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/var/run/containerd/containerd.sock",
    "/run/podman/podman.sock",
    "/var/run/crio/crio.sock",
    "/run/crio/crio.sock",
];

crate::declare_rule! {
    /// ## What it does
    /// Reports a container engine socket (`/var/run/docker.sock`, containerd, Podman, CRI-O)
    /// mounted into a service, and `use_api_socket: true`.
    ///
    /// ## Why is this bad?
    /// Access to the engine socket is root on the host: the container can start a privileged
    /// container that mounts `/`. Reverse proxies and CI runners that need it should get a
    /// read-only socket proxy that allows only the calls they make.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   proxy:
    ///     image: traefik:v3.2
    ///     volumes:
    ///       - /var/run/docker.sock:/var/run/docker.sock
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   proxy:
    ///     image: traefik:v3.2
    ///     environment:
    ///       DOCKER_HOST: tcp://socket-proxy:2375
    ///   socket-proxy:
    ///     image: tecnativa/docker-socket-proxy:0.3
    /// ```
    ///
    /// ## References
    /// - [Docker: protect the daemon socket](https://docs.docker.com/engine/security/protect-access/)
    /// - compose-lint CL-0001; KICS `docker_socket_mounted_in_container`
    pub static RULE = {
        code: "DC024",
        name: "control-socket-mounted",
        severity: Error,
        aliases: ["CL-0001"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for s in input.services() {
        for item in s
            .node
            .get("volumes")
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            let source = match &item.value {
                Value::Scalar(_) => input
                    .value(item)
                    .and_then(|v| v.split(':').next().map(str::to_string)),
                Value::Map(_) => item
                    .get("source")
                    .and_then(|n| input.value(n))
                    .map(|v| v.into_owned()),
                Value::Seq(_) => None,
            };
            if let Some(source) = source.filter(|src| SOCKETS.contains(&src.trim_end_matches('/')))
            {
                cx.report(item.span, format!("`{}` mounts the engine socket `{source}`: that is root on the host", s.name))
                    .help("give it a socket proxy that allows only the API calls it needs, read-only where possible");
            }
        }
        if let Some(node) = s.node.get("use_api_socket")
            && input
                .value(node)
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        {
            cx.report(
                node.span,
                format!(
                    "`{}` gets the engine socket and your registry credentials (`use_api_socket`)",
                    s.name
                ),
            )
            .help("remove it unless the service must drive Docker");
        }
    }
}
