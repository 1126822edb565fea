use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `ARG` and `ENV` whose name says it holds a secret: a `_`-separated part that is `password`,
    /// `passwd`, `pword`, `secret`, `token`, `key`, `apikey`, `auth` or `credential(s)` (unless another
    /// part is `public`, `file` or `version`, as in BuildKit, or `fingerprint`).
    ///
    /// Not reported: a key's fingerprint (`KEY_FINGERPRINT`), and an OpenPGP key (`GPG_KEY`,
    /// `PGP_KEY`) whose value is one or more fingerprints or long key IDs
    /// (`ENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D`, as the official python image
    /// sets it): they identify public keys, for verifying downloads. `ARG GPG_KEY` without a
    /// value is still reported (its value is not known), and so is any other 40-hex value
    /// (`GITHUB_TOKEN`: old GitHub tokens are 40 hex digits).
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
/// Parts that mark the value as harmless: BuildKit's three, and a key's fingerprint, which
/// identifies a public key (`KEY_FINGERPRINT`).
const ALLOWED_PARTS: [&str; 6] = [
    "public",
    "file",
    "version",
    "fingerprint",
    "fingerprints",
    "fpr",
];
/// Parts that name an OpenPGP key, whose value is usually the fingerprint of a public signing
/// key (`ENV GPG_KEY A035C8C1...`, as the official python image has).
const OPENPGP_PARTS: [&str; 3] = ["gpg", "pgp", "gnupg"];

/// BuildKit's test: a `_`-separated part of the name is a secret word, and none marks it harmless.
pub fn looks_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split('_').collect();
    parts.iter().any(|p| SECRET_PARTS.contains(p))
        && !parts.iter().any(|p| ALLOWED_PARTS.contains(p))
}

/// Whether `value` is only OpenPGP key fingerprints or long key IDs (40 or 16 hex digits,
/// optionally `0x`-prefixed or written in groups of four), one or several: public data.
fn is_key_ids(value: &str) -> bool {
    let value = value.trim_matches(['"', '\'']);
    let tokens: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(|t| t.strip_prefix("0x").unwrap_or(t))
        .collect();
    let hex: usize = tokens.iter().map(|t| t.len()).sum();
    !tokens.is_empty()
        && tokens
            .iter()
            .all(|t| matches!(t.len(), 4 | 16 | 40) && t.chars().all(|c| c.is_ascii_hexdigit()))
        && (hex.is_multiple_of(40) || hex.is_multiple_of(16))
}

/// [`looks_secret`], knowing the value when there is one: an OpenPGP key named by its
/// fingerprint (`GPG_KEY=A035C8C1...`) is public.
pub fn looks_secret_with_value(name: &str, value: Option<&str>) -> bool {
    if !looks_secret(name) {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    let openpgp = lower.split('_').any(|p| OPENPGP_PARTS.contains(&p));
    !(openpgp && value.is_some_and(is_key_ids))
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        let names: Vec<(&crate::syntax::dockerfile::Word, Option<&str>)> = match ins.keyword {
            Keyword::Env => ins
                .pairs()
                .iter()
                .map(|p| (&p.key, Some(p.value.value.as_str())))
                .collect(),
            Keyword::Arg => ins
                .args
                .iter()
                .map(|a| (a, a.value.split_once('=').map(|(_, v)| v)))
                .collect(),
            _ => continue,
        };
        for (word, value) in names {
            let name = word.value.split('=').next().unwrap_or("");
            if looks_secret_with_value(name, value) {
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
