use crate::diagnostic::{Severity, mask_secret};
use crate::rule::{Context, DotenvInput};
use crate::rules::dockerfile::secret_in_arg_or_env_name::looks_secret;
use crate::secrets;

crate::declare_rule! {
    /// ## What it does
    /// Finds credentials written into an env file: values in a known token format (AWS access
    /// keys, GitHub, GitLab, npm, Slack, Stripe tokens, private keys) under any name, and values
    /// of secret-looking names (`*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `*_KEY`) that look real. The
    /// value is masked in the message.
    ///
    /// Demo values (`POSTGRES_PASSWORD=postgres`, `changeme`, `${DB_PASSWORD}`, `<your-token>`)
    /// and references (`*_FILE`, paths) are not reported; a real-looking value of a secret
    /// name that is not a known token format is a warning, a known token format an error.
    /// rlint's walker lints only env files `.gitignore` leaves in, so a finding is a secret on
    /// its way into the repository.
    ///
    /// ## Why is this bad?
    /// Env files are read by every tool and copied around: once committed, the credential is in
    /// the history for good and must be revoked.
    ///
    /// ## Example
    /// ```dotenv
    /// AWS_ACCESS_KEY_ID=AKIAZ7QW3RTY5UIO2PLM
    /// ```
    ///
    /// ## Use instead
    /// ```dotenv
    /// AWS_ACCESS_KEY_ID=
    /// ```
    ///
    /// ## References
    /// - [Docker docs: secrets in Compose](https://docs.docker.com/compose/how-tos/use-secrets/)
    /// - [gitleaks rules](https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml)
    pub static RULE = {
        code: "EN001",
        name: "dotenv-plaintext-secret",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Dotenv(check),
    }
}

fn check(input: &DotenvInput<'_>, cx: &mut Context<'_>) {
    for var in &input.parsed.vars {
        // An interpolated value is a reference to another variable, not the secret.
        let written = input
            .text
            .get(var.value_span.start..var.value_span.end)
            .unwrap_or("");
        if var.inherited || var.value.is_empty() || written.contains('$') {
            continue;
        }
        let value = &var.value;
        if let Some((what, range)) = secrets::find_secret(value) {
            cx.report(
                var.value_span,
                format!("{what} `{}` is written into `{}`", mask_secret(&value[range]), var.name),
            )
            .help("revoke it, and keep the value out of files that are committed (a secret store, or an untracked `.env`)")
            .secret();
        } else if looks_secret(&var.name)
            && !secrets::is_secret_reference(&var.name, value)
            // A documentation token (`AKIAIOSFODNN7EXAMPLE`) that is not a credential.
            && !value.to_ascii_lowercase().contains("example")
            && secrets::looks_real_secret(value, &[])
        {
            cx.report(
                var.value_span,
                format!("`{}` holds a literal credential (`{}`)", var.name, mask_secret(value)),
            )
            .help("keep the value out of files that are committed: leave it empty here and set it where the app is deployed")
            .secret()
            .at_most(Severity::Warning);
        }
    }
}
