use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds switches that turn off TLS certificate or package signature checks: `curl -k`,
    /// `wget --no-check-certificate`, `pip --trusted-host`, `npm/yarn config set strict-ssl false`,
    /// `git -c http.sslVerify=false`, `apt-get --allow-unauthenticated` / `--force-yes`,
    /// `apk --allow-untrusted`, `yum/dnf --nogpgcheck`, `rpm --nosignature`, and the environment
    /// variables `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY`, `PYTHONHTTPSVERIFY=0`,
    /// `PIP_TRUSTED_HOST`, `NPM_CONFIG_STRICT_SSL=false`.
    ///
    /// ## Why is this bad?
    /// Without verification anyone on the network path (a proxy, a hijacked mirror) can swap the
    /// download for their own code, which then runs in your build as root.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN curl -kfsSLo /tmp/tool.tgz https://example.com/tool.tgz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz
    /// ```
    ///
    /// ## References
    /// - Checkov CKV2_DOCKER_2..17
    pub static RULE = {
        code: "DF088",
        name: "tls-verification-disabled",
        severity: Error,
        aliases: ["CKV2_DOCKER_2", "CKV2_DOCKER_3"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

/// (program, flags that disable verification)
const FLAGS: [(&str, &[&str]); 10] = [
    ("curl", &["-k", "--insecure"]),
    ("wget", &["--no-check-certificate"]),
    ("pip", &["--trusted-host"]),
    ("pip3", &["--trusted-host"]),
    ("apt-get", &["--allow-unauthenticated", "--force-yes"]),
    ("apt", &["--allow-unauthenticated"]),
    ("apk", &["--allow-untrusted"]),
    ("yum", &["--nogpgcheck"]),
    ("dnf", &["--nogpgcheck"]),
    ("rpm", &["--nosignature", "--nodigest", "--noverify"]),
];

const ENV: [(&str, &str); 6] = [
    ("NODE_TLS_REJECT_UNAUTHORIZED", "0"),
    ("GIT_SSL_NO_VERIFY", ""),
    ("PYTHONHTTPSVERIFY", "0"),
    ("PIP_TRUSTED_HOST", ""),
    ("NPM_CONFIG_STRICT_SSL", "false"),
    ("YARN_STRICT_SSL", "false"),
];

fn env_disables(name: &str, value: &str) -> bool {
    let value = value.trim_matches(|c| c == '"' || c == '\'');
    ENV.iter().any(|(n, bad)| {
        *n == name
            && (bad.is_empty() && !value.is_empty() && value != "0" && value != "false"
                || !bad.is_empty() && value.eq_ignore_ascii_case(bad))
    })
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in input
        .df
        .instructions
        .iter()
        .filter(|i| matches!(i.keyword, Keyword::Env | Keyword::Arg))
    {
        let pairs: Vec<(String, String, crate::Span)> = match ins.keyword {
            Keyword::Env => ins
                .pairs()
                .iter()
                .map(|p| {
                    (
                        p.key.value.clone(),
                        p.value.value.clone(),
                        p.key.span.cover(p.value.span),
                    )
                })
                .collect(),
            _ => ins
                .args
                .iter()
                .filter_map(|a| {
                    a.value
                        .split_once('=')
                        .map(|(n, v)| (n.to_string(), v.to_string(), a.span))
                })
                .collect(),
        };
        for (name, value, span) in pairs {
            if env_disables(&name, &value) {
                cx.report(
                    span,
                    format!(
                        "`{name}={value}` turns off certificate verification for every later step"
                    ),
                )
                .help("remove it; add the internal CA to the trust store instead");
            }
        }
    }
    for (_, _, scripts) in super::runs(input) {
        for cmd in scripts.iter().flat_map(|s| &s.commands) {
            if let Some(word) = FLAGS
                .iter()
                .find(|(p, _)| cmd.is(p))
                .and_then(|(_, flags)| cmd.flag_word(flags))
            {
                cx.report(
                    word.span,
                    format!(
                        "`{} {}` skips certificate or signature verification",
                        cmd.name(),
                        word.value
                    ),
                )
                .help("remove the flag; trust an internal CA or mirror explicitly instead");
            }
            let insecure_config = (cmd.is("npm") || cmd.is("yarn"))
                && cmd
                    .args()
                    .windows(2)
                    .any(|w| w[0].value == "strict-ssl" && w[1].value == "false");
            let git_off = cmd.is("git")
                && cmd
                    .args()
                    .iter()
                    .any(|w| w.value.eq_ignore_ascii_case("http.sslVerify=false"));
            if insecure_config || git_off {
                cx.report(
                    cmd.span,
                    format!(
                        "`{}` is configured to skip certificate verification",
                        cmd.name()
                    ),
                )
                .help("remove the setting; trust an internal CA explicitly instead");
            }
            for a in &cmd.assignments {
                if let Some((n, v)) = a.value.split_once('=')
                    && env_disables(n, v)
                {
                    cx.report(
                        a.span,
                        format!("`{}` turns off certificate verification", a.value),
                    )
                    .help("remove it; add the internal CA to the trust store instead");
                }
            }
        }
    }
}
