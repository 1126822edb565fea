use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `ARG` and `ENV` whose name says it holds a secret: a `_`-separated part that is `password`,
    /// `passwd`, `pword`, `secret`, `token`, `key`, `apikey`, `auth` or `credential(s)` (unless another
    /// part is `public`, `file` or `version`).
    ///
    /// ## Why is this bad?
    /// ARG and ENV values are stored in the image: `docker history` and `docker inspect` show them to
    /// anyone who can pull the image, and ENV values leak into every container's environment. Build
    /// secrets belong in `RUN --mount=type=secret`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// ARG NPM_TOKEN
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
    /// ```
    ///
    /// ## References
    /// - BuildKit SecretsUsedInArgOrEnv, hadolint DL3064
    pub static RULE = {
        code: "DF067",
        name: "secret-in-arg-or-env-name",
        severity: Warning,
        aliases: ["DL3064", "SecretsUsedInArgOrEnv"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

const SECRET_PARTS: [&str; 10] = [
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];
const ALLOWED_PARTS: [&str; 3] = ["public", "file", "version"];

/// BuildKit's test: a `_`-separated part of the name is a secret word, and none marks it harmless.
pub fn looks_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split('_').collect();
    parts.iter().any(|p| SECRET_PARTS.contains(p))
        && !parts.iter().any(|p| ALLOWED_PARTS.contains(p))
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        let names: Vec<&crate::syntax::dockerfile::Word> = match ins.keyword {
            Keyword::Env => ins.pairs.iter().map(|p| &p.key).collect(),
            Keyword::Arg => ins.args.iter().collect(),
            _ => continue,
        };
        for word in names {
            let name = word.value.split('=').next().unwrap_or("");
            if looks_secret(name) {
                let span = crate::Span::new(
                    word.span.start,
                    (word.span.start + name.len()).min(word.span.end),
                );
                let what = ins.keyword.as_str().to_ascii_uppercase();
                cx.report(span, format!("{what} `{name}` looks like a secret: its value is stored in the image, visible to anyone who pulls it"))
                    .help("pass secrets with `RUN --mount=type=secret,id=...` and read them from /run/secrets/<id>");
            }
        }
    }
}
