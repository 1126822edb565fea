use std::net::IpAddr;

use crate::rule::{Context, DaemonJsonInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `tcp://` entry of `hosts` on an address other than loopback (`0.0.0.0`, `[::]`,
    /// a LAN address or a host name) when the file does not make dockerd require client
    /// certificates: `"tlsverify": true` (or `"tls": true` without `tlsverify`, which dockerd
    /// reads the same way). The message says which it is: TLS switched off (`"tls": false`), TLS
    /// without client verification (`"tlsverify": false`), or neither set (plain HTTP). A
    /// `tlsverify` key turns TLS on whatever `tls` says, so `"tls": false` with `"tlsverify":
    /// false` is TLS without client verification, not plain HTTP, and the message says so.
    ///
    /// `tcp://localhost` and `tcp://127.0.0.1` are not reported, nor `unix://`, `fd://` and
    /// `npipe://` hosts. Flags on dockerd's command line (`--tlsverify`) cannot be seen from the
    /// file; when TLS is configured there, ignore the rule for this file.
    ///
    /// ## Why is this bad?
    /// The Docker API gives whoever reaches it root on the host (`docker run -v /:/host
    /// --privileged`), and without client certificates anyone who can reach the port is let in.
    /// dockerd prints "Binding to IP address without
    /// --tlsverify is insecure and gives root access on this machine to everyone who has access to
    /// your network", and delays its start by 15 seconds when TLS was not switched off on purpose.
    /// Docker deprecated unauthenticated TCP in Engine 26 and announces that dockerd will refuse
    /// to start with it (docs/deprecated.md, "Unauthenticated TCP connections").
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Require client certificates signed by your CA:
    /// ```json
    /// {
    ///   "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
    ///   "tlsverify": true,
    ///   "tlscacert": "/etc/docker/tls/ca.pem",
    ///   "tlscert": "/etc/docker/tls/server-cert.pem",
    ///   "tlskey": "/etc/docker/tls/server-key.pem"
    /// }
    /// ```
    /// or keep the API on the Unix socket and reach it with `docker -H ssh://user@host`.
    ///
    /// ## References
    /// - [Docker: protect the Docker daemon socket](https://docs.docker.com/engine/security/protect-access/)
    /// - [Deprecated Engine features: unauthenticated TCP connections](https://docs.docker.com/engine/deprecated/#unauthenticated-tcp-connections)
    /// - moby/moby `daemon/command/daemon.go` (`loadListeners`, `checkTLSAuthOK`,
    ///   `newAPIServerTLSConfig`, and `loadDaemonCliConfig`: a `tlsverify` key turns TLS on)
    pub static RULE = {
        code: "DJ003",
        name: "daemon-tcp-without-tls",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: DaemonJson(check),
    }
}

/// What the file makes of dockerd's TLS, as dockerd combines `tls` and `tlsverify`.
pub(crate) struct Tls {
    /// `tls` as written.
    pub tls: Option<bool>,
    /// `tlsverify` as written.
    pub verify: Option<bool>,
}

impl Tls {
    pub fn of(input: &DaemonJsonInput<'_>) -> Self {
        Self {
            tls: input.flag("tls"),
            verify: input.flag("tlsverify"),
        }
    }

    /// dockerd requires and verifies client certificates: a `tlsverify` key switches TLS on,
    /// and without one `tlsverify` follows `tls`.
    pub fn verifies_clients(&self) -> bool {
        self.verify.unwrap_or(self.tls == Some(true))
    }
}

/// The `tcp://` hosts on an address other than loopback.
pub(crate) fn exposed_hosts<'a>(input: &DaemonJsonInput<'a>) -> Vec<(&'a Node, String)> {
    let Some(hosts) = input
        .tree
        .and_then(|t| t.get("hosts"))
        .and_then(|h| h.as_seq())
    else {
        return Vec::new();
    };
    hosts
        .iter()
        .filter_map(|node| {
            let text = node.as_str()?;
            let (proto, addr) = text.split_once("://")?;
            if !proto.eq_ignore_ascii_case("tcp") {
                return None;
            }
            let addr = addr.split('/').next().unwrap_or(addr);
            let host = super::insecure_registry::host_of(addr);
            // An empty host falls back to dockerd's default address (loopback).
            let loopback = host.is_empty()
                || host.eq_ignore_ascii_case("localhost")
                || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
            (!loopback).then(|| (node, text.to_string()))
        })
        .collect()
}

fn check(input: &DaemonJsonInput<'_>, cx: &mut Context<'_>) {
    let tls = Tls::of(input);
    // As dockerd decides (`loadDaemonCliConfig`): any `tlsverify` key switches TLS on, even
    // against `"tls": false`; with no `tlsverify`, client verification follows `tls`.
    let how = match (tls.tls, tls.verify) {
        (_, Some(true)) | (Some(true), None) => return,
        (Some(false), Some(false)) => {
            "with TLS but without client certificates (a `tlsverify` key switches TLS on despite `\"tls\": false`, and `\"tlsverify\": false` asks clients for none)"
        }
        (None | Some(true), Some(false)) => {
            "with TLS but without client certificates (`\"tlsverify\": false`)"
        }
        (Some(false), None) => "over plain HTTP (TLS is switched off: `\"tls\": false`)",
        (None, None) => "over plain HTTP (neither `tls` nor `tlsverify` is set)",
    };
    for (node, host) in exposed_hosts(input) {
        cx.report(
            node.span,
            format!(
                "`{host}` serves the Docker API to the network {how}: anyone who can reach the port has root on this host"
            ),
        )
        .help(
            "set `\"tlsverify\": true` with `tlscacert`, `tlscert` and `tlskey` so clients need a certificate from your CA, or listen on the Unix socket only and connect with `docker -H ssh://user@host`",
        );
    }
}
