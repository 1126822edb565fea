use std::net::IpAddr;

use crate::rule::{Context, DaemonJsonInput};

crate::declare_rule! {
    /// ## What it does
    /// Reports each entry of `insecure-registries` (a `host:port` or a CIDR range) that dockerd
    /// does not already treat as insecure. Loopback registries (`localhost:5000`,
    /// `127.0.0.1:5000`, `127.0.0.0/8`, `[::1]:5000`) are insecure by default in dockerd, so
    /// listing them changes nothing and is not reported.
    ///
    /// ## Why is this bad?
    /// dockerd talks to an insecure registry over plain HTTP, or over HTTPS without checking its
    /// certificate. Anyone on the network path can read the images pulled and pushed, and serve
    /// altered images that the host then runs; registry credentials sent to it travel in the
    /// clear over HTTP.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "insecure-registries": ["registry.internal:5000"]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Give the registry a TLS certificate and trust its CA on each Docker host, in
    /// `/etc/docker/certs.d/registry.internal:5000/ca.crt` (`%programdata%\docker\certs.d\` on
    /// Windows; dockerd reads it without a restart), and drop the entry:
    /// ```json
    /// {
    ///   "registry-mirrors": ["https://mirror.internal"]
    /// }
    /// ```
    ///
    /// ## References
    /// - [dockerd: insecure registries](https://docs.docker.com/reference/cli/dockerd/#insecure-registries)
    /// - [Docker: verify repository client with certificates](https://docs.docker.com/engine/security/certificates/)
    /// - moby/moby `daemon/pkg/registry/config.go`, `loadInsecureRegistries` (`::1/128` and
    ///   `127.0.0.0/8` are added by default) and `CertsDir`
    pub static RULE = {
        code: "DJ002",
        name: "daemon-insecure-registry",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: DaemonJson(check),
    }
}

fn check(input: &DaemonJsonInput<'_>, cx: &mut Context<'_>) {
    let Some(entries) = input.get("insecure-registries").and_then(|n| n.as_seq()) else {
        return;
    };
    for node in entries {
        let Some(written) = node.as_str() else {
            continue;
        };
        // dockerd drops an `http://` or `https://` prefix (with a warning).
        let entry = written
            .split_once("://")
            .map_or(written, |(_, rest)| rest)
            .trim_end_matches('/');
        if entry.is_empty() || is_loopback(entry) {
            continue;
        }
        let (what, help) = if entry.contains('/') {
            (
                format!("every registry in `{entry}` is insecure"),
                "serve each registry over HTTPS and trust its CA on every Docker host (the CA certificate in `/etc/docker/certs.d/<host:port>/ca.crt`), then remove the range".to_string(),
            )
        } else {
            (
                format!("`{entry}` is an insecure registry"),
                format!(
                    "serve it over HTTPS and trust its CA on every Docker host: the CA certificate in `/etc/docker/certs.d/{entry}/ca.crt` (`%programdata%\\docker\\certs.d\\` on Windows), then remove the entry"
                ),
            )
        };
        cx.report(
            node.span,
            format!(
                "{what}: dockerd pulls and pushes over plain HTTP or unverified HTTPS, so anyone on the network path can read or replace the images"
            ),
        )
        .help(help);
    }
}

/// Registries dockerd treats as insecure anyway: `::1/128` and `127.0.0.0/8` (by address, or a
/// name resolving there, as `localhost` does), and ranges inside them.
fn is_loopback(entry: &str) -> bool {
    if let Some((net, bits)) = entry.split_once('/') {
        let Ok(ip) = net.parse::<IpAddr>() else {
            return false;
        };
        let Ok(bits) = bits.parse::<u8>() else {
            return false;
        };
        return match ip {
            IpAddr::V4(v4) => v4.is_loopback() && bits >= 8,
            IpAddr::V6(v6) => v6.is_loopback() && bits == 128,
        };
    }
    let host = host_of(entry);
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host of `host`, `host:port`, `[v6]:port` or a bare IPv6 address.
pub(crate) fn host_of(entry: &str) -> &str {
    if let Some(rest) = entry.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    if entry.matches(':').count() > 1 {
        return entry;
    }
    entry.split(':').next().unwrap_or(entry)
}
