use crate::diagnostic::mask_secret;
use crate::rule::{Context, TravisInput};
use crate::secrets::looks_like_placeholder;

crate::declare_rule! {
    /// ## What it does
    /// Finds a plaintext value for a deploy credential: `api_key`, `api_token`, `token`,
    /// `github_token`, `password` or `secret_access_key` written as a string in a `deploy`
    /// section, rather than encrypted (`secure: ...`) or taken from a variable (`$API_KEY`).
    ///
    /// ## Why is this bad?
    /// `.travis.yml` is committed and, for public repositories, published: anyone can read the
    /// credential and deploy in your name (push to npm, PyPI, your S3 bucket). Revoke it, then
    /// give Travis the value encrypted (`travis encrypt`) or as a repository setting.
    ///
    /// Values that are variables (`$NPM_TOKEN`, `${TOKEN}`) are not reported; demo placeholders
    /// (`your-api-key`, short values) are reported as info only.
    ///
    /// ## Example
    /// ```yaml
    /// language: node_js
    /// deploy:
    ///   provider: npm
    ///   email: dev@example.com
    ///   api_key: 9fQmX2vTqL7pZr4KwB8s
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: node_js
    /// deploy:
    ///   provider: npm
    ///   email: dev@example.com
    ///   api_key:
    ///     secure: "dGhpcyBpcyBhbiBlbmNyeXB0ZWQgdmFsdWU="
    /// ```
    ///
    /// ## References
    /// - [Travis CI: encryption keys (`travis encrypt`)](https://docs.travis-ci.com/user/encryption-keys/)
    /// - [Travis CI: Deployment (v2), secrets](https://docs.travis-ci.com/user/deployment-v2#secrets)
    pub static RULE = {
        code: "TR007",
        name: "travis-deploy-secret-in-plaintext",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Travis(check),
    }
}

/// Deploy options that hold a credential.
const SECRET_KEYS: [&str; 6] = [
    "api_key",
    "api_token",
    "token",
    "github_token",
    "password",
    "secret_access_key",
];

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    for deploy in input.deploys {
        let provider = deploy
            .get("provider")
            .and_then(|p| p.as_str())
            .unwrap_or("");
        for key in SECRET_KEYS {
            let Some(node) = deploy.get(key) else {
                continue;
            };
            // `secure:` mappings, lists and branch-specific mappings are not plaintext.
            let Some(value) = node.as_scalar().map(|s| s.text.trim()) else {
                continue;
            };
            if value.is_empty() || value.starts_with('$') || value.contains("${") {
                continue;
            }
            let demo = looks_like_placeholder(value, &[provider]);
            let d = cx
                .report(
                    node.span,
                    format!(
                        "deploy `{key}` is written in plaintext (`{}`) in the committed file",
                        mask_secret(value)
                    ),
                )
                .help(format!(
                    "revoke it; give it encrypted (`{key}: {{secure: ...}}`, from `travis encrypt`) or as `${}` from the repository settings",
                    key.to_ascii_uppercase()
                ))
                .secret();
            if demo {
                d.at_most(crate::Severity::Info);
            }
        }
    }
}
