use crate::diagnostic::mask_secret;
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds credentials written into the Dockerfile: `ENV`/`ARG`/`LABEL` values and RUN text that
    /// match known formats (AWS access key ids, GitHub, GitLab, npm, Docker Hub, Slack and Stripe tokens,
    /// private key blocks, URLs with `user:password@`). The secret is masked in every message.
    ///
    /// ## Why is this bad?
    /// Everything in a Dockerfile ends up in the image history and in version control: anyone who can
    /// pull the image or read the repository can use the credential. Rotate it, then pass it at build
    /// time with `RUN --mount=type=secret`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN --mount=type=secret,id=aws,target=/root/.aws/credentials aws s3 ls
    /// ```
    ///
    /// ## References
    /// - Trivy DS031, KICS Secrets Stored in Dockerfile; [Build secrets](https://docs.docker.com/build/building/secrets/)
    pub static RULE = {
        code: "DF086",
        name: "secret-value",
        severity: Error,
        aliases: ["DS031"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

/// (name, prefix, minimum length of the rest, allowed characters of the rest)
const TOKENS: [(&str, &str, usize); 9] = [
    ("AWS access key id", "AKIA", 16),
    ("AWS access key id", "ASIA", 16),
    ("GitHub token", "ghp_", 36),
    ("GitHub token", "gho_", 36),
    ("GitHub token", "github_pat_", 40),
    ("GitLab token", "glpat-", 20),
    ("npm token", "npm_", 36),
    ("Docker Hub token", "dckr_pat_", 20),
    ("Stripe secret key", "sk_live_", 20),
];

/// A credential in `text`: (what it is, byte range of the secret).
pub fn find_secret(text: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
    for (what, prefix, min) in TOKENS {
        for (at, _) in text.match_indices(prefix) {
            let boundary = at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric();
            let len = text[at + prefix.len()..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(text.len() - at - prefix.len());
            let body = &text[at + prefix.len()..at + prefix.len() + len];
            let upper_digits = prefix.starts_with('A')
                && body.len() == 16
                && body
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if boundary && len >= min && (upper_digits || !prefix.starts_with('A')) {
                return Some((what, at..at + prefix.len() + len));
            }
        }
    }
    for prefix in ["xoxb-", "xoxp-", "xoxa-"] {
        if let Some(at) = text.find(prefix) {
            let len = text[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(text.len() - at);
            if len >= 20 {
                return Some(("Slack token", at..at + len));
            }
        }
    }
    if let Some(at) = text.find("-----BEGIN ") {
        let end = text[at..].find("PRIVATE KEY-----").map(|n| at + n + 16)?;
        return Some(("private key", at..end));
    }
    // scheme://user:password@host — the password part.
    if let Some(scheme) = text.find("://") {
        let rest = &text[scheme + 3..];
        let auth_end = rest.find(['/', ' ', '"', '\'']).unwrap_or(rest.len());
        if let Some(at) = rest[..auth_end].rfind('@')
            && let Some(colon) = rest[..at].find(':')
        {
            let password = &rest[colon + 1..at];
            if !password.is_empty() && !password.starts_with('$') && !password.contains("${") {
                let start = scheme + 3 + colon + 1;
                return Some(("password in a URL", start..start + password.len()));
            }
        }
    }
    None
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        let texts: Vec<&crate::syntax::dockerfile::Word> = match ins.keyword {
            Keyword::Env | Keyword::Label => ins.pairs.iter().map(|p| &p.value).collect(),
            Keyword::Arg | Keyword::Run | Keyword::Cmd | Keyword::Entrypoint => vec![&ins.rest],
            _ => continue,
        };
        for word in texts {
            let Some((what, range)) = find_secret(&word.value) else {
                continue;
            };
            let secret = &word.value[range.clone()];
            let span = if ins.keyword == Keyword::Run || word.span.len() != word.value.len() {
                ins.rest_span(range.start, range.end)
            } else {
                crate::Span::new(word.span.start + range.start, word.span.start + range.end)
            };
            cx.report(
                span,
                format!(
                    "{what} `{}` is written into the Dockerfile",
                    mask_secret(secret)
                ),
            )
            .help("revoke it, then pass it at build time with `RUN --mount=type=secret,id=...`")
            .secret();
        }
    }
}
