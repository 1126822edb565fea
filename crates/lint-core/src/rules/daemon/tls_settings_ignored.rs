use super::tcp_without_tls::{Tls, exposed_hosts};
use crate::rule::{Context, DaemonJsonInput};

crate::declare_rule! {
    /// ## What it does
    /// Reports TLS settings that dockerd ignores because of another setting of the file. They
    /// are:
    ///
    /// - `tlscacert` with `"tlsverify": false`: dockerd does not ask clients for a certificate,
    ///   so the CA checks nobody;
    /// - `tlscert` or `tlskey` with `"tls": false` (and no `tlsverify`): TLS is off and the API
    ///   is served over plain HTTP.
    ///
    /// When the file also exposes a `tcp://` host to the network, `daemon-tcp-without-tls`
    /// (DJ003) reports the exposure and this rule stays quiet. A file that sets certificates but
    /// neither `tls` nor `tlsverify` is not reported: `--tlsverify` may be given on dockerd's
    /// command line, which the file does not show.
    ///
    /// ## Why is this bad?
    /// The file reads as if the API were protected by TLS or client certificates, and it is not:
    /// whoever reaches the TCP port (a container on the host, a neighbour on the network) is not
    /// asked for a certificate, and the Docker API gives root on the host.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "hosts": ["unix:///var/run/docker.sock", "tcp://127.0.0.1:2376"],
    ///   "tlsverify": false,
    ///   "tlscacert": "/etc/docker/tls/ca.pem",
    ///   "tlscert": "/etc/docker/tls/server-cert.pem",
    ///   "tlskey": "/etc/docker/tls/server-key.pem"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "hosts": ["unix:///var/run/docker.sock", "tcp://127.0.0.1:2376"],
    ///   "tlsverify": true,
    ///   "tlscacert": "/etc/docker/tls/ca.pem",
    ///   "tlscert": "/etc/docker/tls/server-cert.pem",
    ///   "tlskey": "/etc/docker/tls/server-key.pem"
    /// }
    /// ```
    ///
    /// ## References
    /// - [Docker: protect the Docker daemon socket](https://docs.docker.com/engine/security/protect-access/)
    /// - moby/moby `daemon/command/daemon.go` (`newAPIServerTLSConfig`: without `tlsverify` the
    ///   server asks for no client certificate; without TLS it uses no certificate at all)
    pub static RULE = {
        code: "DJ004",
        name: "daemon-tls-settings-ignored",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: DaemonJson(check),
    }
}

fn check(input: &DaemonJsonInput<'_>, cx: &mut Context<'_>) {
    let tls = Tls::of(input);
    if !tls.verifies_clients() && !exposed_hosts(input).is_empty() {
        return;
    }
    let Some(root) = input.tree else { return };
    let key_span = |key: &str| root.entry(key).map(|e| e.key.span);
    if tls.verify == Some(false) {
        if let Some(span) = key_span("tlscacert") {
            cx.report(
                span,
                "`tlscacert` is set, but `\"tlsverify\": false` tells dockerd not to ask clients for a certificate: the CA checks nobody",
            )
            .help("set `\"tlsverify\": true` so that only clients with a certificate from this CA get in");
        }
        return;
    }
    if tls.tls == Some(false) && tls.verify.is_none() {
        for key in ["tlscert", "tlskey"] {
            if let Some(span) = key_span(key) {
                cx.report(
                    span,
                    format!("`{key}` is set, but `\"tls\": false` switches TLS off: dockerd ignores it and serves the API over plain HTTP"),
                )
                .help("set `\"tlsverify\": true` (TLS with client certificates) instead of `\"tls\": false`");
            }
        }
    }
}
