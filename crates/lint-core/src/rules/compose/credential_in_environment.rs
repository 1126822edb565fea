use crate::diagnostic::mask_secret;
use crate::rule::{ComposeInput, Context};
use crate::rules::dockerfile::secret_value::find_secret;

crate::declare_rule! {
    /// ## What it does
    /// Reports credentials written into the Compose file: an `environment` entry whose name
    /// looks secret (`MYSQL_ROOT_PASSWORD`, `API_TOKEN`, ...; BuildKit's word list) with a literal
    /// value, and any environment value that is a known credential format (AWS access key,
    /// GitHub/GitLab/npm/Slack token, private key) or a URL with `user:password@`. The value is
    /// masked in every output.
    ///
    /// ## Why is this bad?
    /// The file is committed, shared and pasted into issues; the secret goes with it, and
    /// `docker inspect` shows it to anyone who can reach the Docker socket.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: mysql:8.4
    ///     environment:
    ///       MYSQL_ROOT_PASSWORD: hunter2hunter2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: mysql:8.4
    ///     environment:
    ///       MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_root_password
    ///     secrets:
    ///       - db_root_password
    /// secrets:
    ///   db_root_password:
    ///     file: ./secrets/db_root_password.txt
    /// ```
    ///
    /// ## References
    /// - [Compose: secrets](https://docs.docker.com/compose/how-tos/use-secrets/)
    /// - compose-lint CL-0020, CL-0021
    pub static RULE = {
        code: "DC012",
        name: "credential-in-environment",
        severity: Error,
        aliases: ["CL-0020", "CL-0021"],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    for service in input.services() {
        let Some(env) = service.node.get("environment") else {
            continue;
        };
        for pair in super::pairs(env, input.text) {
            let (Some(value), Some(span)) = (&pair.value, pair.value_span) else {
                continue;
            };
            if value.is_empty() || !pair.literal {
                continue;
            }
            if let Some((what, range)) = find_secret(value) {
                let shown = mask_secret(&value[range]);
                cx.report(
                    span,
                    format!(
                        "{what} `{shown}` is written into `{}` of `{}`",
                        pair.key, service.name
                    ),
                )
                .help("revoke it; pass it with Compose `secrets:` or from an untracked `.env`")
                .secret();
            } else if looks_credential(&pair.key) {
                cx.report(
                    span,
                    format!(
                        "`{}` of `{}` is a literal credential (`{}`) in the Compose file",
                        pair.key,
                        service.name,
                        mask_secret(value)
                    ),
                )
                .help(format!(
                    "use a Compose secret (`{}_FILE: /run/secrets/...` where the image supports it) or `${{{}}}` from an untracked `.env`",
                    pair.key, pair.key
                ))
                .secret();
            }
        }
    }
}

/// A name that holds a credential itself (not a user name, a path to one or a file reference):
/// `MYSQL_ROOT_PASSWORD`, `API_TOKEN`, `AWS_SECRET_ACCESS_KEY`; not `DB_AUTH_USER`,
/// `DB_PASSWORD_FILE`, `PUBLIC_KEY`.
pub fn looks_credential(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split(['_', '-', '.']).collect();
    const WORDS: [&str; 10] = [
        "password",
        "passwd",
        "pwd",
        "pass",
        "secret",
        "token",
        "apikey",
        "credential",
        "credentials",
        "privatekey",
    ];
    const KEY_QUALIFIERS: [&str; 7] = [
        "api",
        "private",
        "access",
        "secret",
        "signing",
        "encryption",
        "master",
    ];
    const HARMLESS: [&str; 10] = [
        "file", "path", "user", "username", "name", "public", "id", "length", "allow", "empty",
    ];
    if parts.iter().any(|p| HARMLESS.contains(p)) {
        return false;
    }
    parts.iter().any(|p| WORDS.contains(p))
        || parts
            .windows(2)
            .any(|w| KEY_QUALIFIERS.contains(&w[0]) && w[1] == "key")
}

#[cfg(test)]
mod tests {
    use super::looks_credential;

    #[test]
    fn credential_names() {
        for yes in [
            "MYSQL_ROOT_PASSWORD",
            "API_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "DB_PASS",
            "STRIPE_API_KEY",
            "JWT_SECRET",
        ] {
            assert!(looks_credential(yes), "{yes}");
        }
        for no in [
            "DB_AUTH_USER",
            "DB_PASSWORD_FILE",
            "PUBLIC_KEY",
            "TOKEN_URL_PATH",
            "MYSQL_USER",
            "KEY_ID",
            "PASSWORD_MIN_LENGTH",
        ] {
            assert!(!looks_credential(no), "{no}");
        }
    }
}
