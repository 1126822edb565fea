use crate::rule::{ComposeInput, Context};
use crate::secrets::{Verdict, judge_with};

crate::declare_rule! {
    /// ## What it does
    /// Reports credentials written into the Compose file: an `environment` entry whose name
    /// looks secret (`MYSQL_ROOT_PASSWORD`, `API_TOKEN`, ...; BuildKit's word list) with a literal
    /// value, and any environment value that is a known credential format (AWS access key,
    /// GitHub/GitLab/npm/Slack token, private key) or a URL with `user:password@`. The value is
    /// masked in every output.
    ///
    /// Demo placeholders are not errors: example and tutorial files set
    /// `POSTGRES_PASSWORD: postgres` on purpose, so a literal placeholder under a credential name
    /// is reported as `info` (advice: whoever deploys the file as it is runs with it), and an
    /// `error` is kept for values that look real. A value is taken for a placeholder when it is
    /// shorter than 8 characters, a template, made of demo words (`example`, `changeme`,
    /// `password`, `secret`, `postgres`, `test`, `admin`, ...; the same judgement as the
    /// Dockerfile rules), contains a name the file uses (a service, the image, the user name set
    /// beside it), or has the entropy of typed words (one class of characters, or under 30
    /// bits). Paths (`/run/secrets/db`; `*_FILE` variables) and `${VAR}` values are never
    /// reported. Known token formats are reported whatever their surroundings.
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

/// How many service names serve as demo words (see `check`).
const MAX_CONTEXT_SERVICES: usize = 1_000;

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    // Other services' names count as demo words (`POSTGRES_PASSWORD: gitea`); a hostile file's
    // hundreds of thousands of services would make every judgement scan them all, so the first
    // ones stand for the rest.
    let service_names: Vec<&str> = input
        .services()
        .iter()
        .take(MAX_CONTEXT_SERVICES)
        .map(|s| s.name)
        .collect();
    for service in input.services() {
        let Some(env) = service.node.get("environment") else {
            continue;
        };
        let pairs = super::pairs(env, input.text);
        // What a demo value is made of: the names in the file, the image's name and the user
        // names set beside the password (`POSTGRES_USER: gitea`, `POSTGRES_PASSWORD: gitea`).
        // Built when a value needs judging: most environments hold no credential.
        let context: std::cell::OnceCell<Vec<String>> = std::cell::OnceCell::new();
        let names = || -> &Vec<String> {
            context.get_or_init(|| {
                let mut names: Vec<String> = service_names.iter().map(|n| n.to_string()).collect();
                names.push(service.name.to_string());
                if let Some(image) = service.node.get("image").and_then(|i| input.value(i)) {
                    let repository = image.split(['@', ':']).next().unwrap_or("");
                    names.extend(repository.rsplit('/').next().map(str::to_string));
                }
                names.extend(
                    pairs
                        .iter()
                        .filter(|p| is_user_name(&p.key))
                        .filter_map(|p| p.value.clone()),
                );
                names
            })
        };
        for pair in &pairs {
            let (Some(value), Some(span)) = (&pair.value, pair.value_span) else {
                continue;
            };
            if value.is_empty() || !pair.literal {
                continue;
            }
            match judge_with(&pair.key, value, || names().as_slice()) {
                Some(Verdict::Token { what, shown }) => {
                    cx.report(
                        span,
                        format!(
                            "{what} `{shown}` is written into `{}` of `{}`",
                            pair.key, service.name
                        ),
                    )
                    .help("revoke it; pass it with Compose `secrets:` or from an untracked `.env`")
                    .secret();
                }
                Some(Verdict::Credential { shown, demo }) => {
                    let what = if demo {
                        "a literal demo credential"
                    } else {
                        "a literal credential"
                    };
                    let d = cx
                        .report(
                            span,
                            format!(
                                "`{}` of `{}` is {what} (`{shown}`) in the Compose file",
                                pair.key, service.name
                            ),
                        )
                        .help(format!(
                            "use a Compose secret (`{}_FILE: /run/secrets/...` where the image supports it) or `${{{}}}` from an untracked `.env`",
                            pair.key, pair.key
                        ))
                        .secret();
                    // A placeholder is fine on a laptop; it is advice, not a leak, until the
                    // file is deployed with it.
                    if demo {
                        d.at_most(crate::Severity::Info);
                    }
                }
                None => {}
            }
        }
    }
}

/// A variable naming a user (`POSTGRES_USER`, `DB_USERNAME`, `GF_SECURITY_ADMIN_USER`).
fn is_user_name(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split(['_', '-', '.'])
        .any(|p| matches!(p, "user" | "username" | "login"))
}

#[cfg(test)]
mod tests {
    use crate::secrets::{looks_credential, placeholder};

    #[test]
    fn placeholders_are_not_secrets() {
        let names = [
            "gitea".to_string(),
            "db".to_string(),
            "wordpress".to_string(),
        ];
        for demo in [
            "postgres",
            "example_123",
            "changeme",
            "Password1!",
            "mysecretpassword",
            "/run/secrets/db-password",
            "bar",
            "gitea",
            "somewordpress",
            "whalehello",
            "test1234",
            "admin_2024",
        ] {
            assert!(placeholder(demo, &names).is_some(), "{demo}");
        }
        for real in [
            "hunter2hunter2",
            "q8Vz3mLr0TfK",
            "aws\"12345+67890/abcdefghijklm+NOPQRSTUVWXYZ+\"",
            "x7!kP#r2-Mw9",
        ] {
            assert_eq!(placeholder(real, &names), None, "{real}");
        }
    }

    #[test]
    fn credential_names() {
        for yes in [
            "MYSQL_ROOT_PASSWORD",
            "API_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "DB_PASS",
            "STRIPE_API_KEY",
            "JWT_SECRET",
            "ME_CONFIG_MONGODB_ADMINPASSWORD",
            "GOOGLE_CLIENTSECRET",
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
            "BYPASSWORD_FILE",
            "SECRETARY",
        ] {
            assert!(!looks_credential(no), "{no}");
        }
    }
}
