use crate::rule::{BuildspecInput, Context};
use crate::secrets::{Verdict, judge};

crate::declare_rule! {
    /// ## What it does
    /// Finds credentials written in plain text under `env.variables`: a value in a known
    /// credential format (AWS access key, GitHub/GitLab/npm/Slack token, private key, a URL with
    /// `user:password@`), or a literal value under a name that holds a credential
    /// (`DB_PASSWORD`, `API_TOKEN`, `AWS_SECRET_ACCESS_KEY`). The value is masked in every output.
    /// Values taken from elsewhere (`$VAR`), paths, and demo placeholders (`changeme`, short or
    /// dictionary-like values; the same judgement as the Compose rule) are not errors; a
    /// placeholder under a credential name is reported as `info`.
    ///
    /// ## Why is this bad?
    /// AWS "strongly discourages" it: plain-text variables show in the CodeBuild console, the
    /// AWS CLI's `batch-get-projects` and the build logs, and the buildspec is committed with the
    /// code. `env.parameter-store` and `env.secrets-manager` fetch the value at build time instead.
    ///
    /// ## Example
    /// ```yaml
    /// version: 0.2
    /// env:
    ///   variables:
    ///     DB_PASSWORD: q8Vz3mLr0TfK
    /// phases:
    ///   build:
    ///     commands:
    ///       - ./deploy.sh
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 0.2
    /// env:
    ///   parameter-store:
    ///     DB_PASSWORD: /app/prod/db-password
    /// phases:
    ///   build:
    ///     commands:
    ///       - ./deploy.sh
    /// ```
    ///
    /// ## References
    /// - [Build specification reference for CodeBuild: env/variables](https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.variables)
    pub static RULE = {
        code: "BS004",
        name: "secret-in-buildspec-variables",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Buildspec(check),
    }
}

fn check(input: &BuildspecInput<'_>, cx: &mut Context<'_>) {
    for entry in input.env_entries("variables") {
        let (Some(name), Some(value)) = (entry.key.as_str(), entry.value.as_str()) else {
            continue;
        };
        if value.is_empty() || value.contains('$') {
            continue;
        }
        let help = format!(
            "move it to `env.parameter-store` (`{name}: /path/in/ssm`) or `env.secrets-manager`, and revoke the value"
        );
        match judge(name, value, &[]) {
            Some(Verdict::Token { what, shown }) => {
                cx.report(
                    entry.value.span,
                    format!("{what} `{shown}` is written into `env.variables.{name}`"),
                )
                .help(help)
                .secret();
            }
            Some(Verdict::Credential { shown, demo }) => {
                let d = cx
                    .report(
                        entry.value.span,
                        format!(
                            "`{name}` in `env.variables` is a plain-text credential (`{shown}`)"
                        ),
                    )
                    .help(help)
                    .secret();
                if demo {
                    d.at_most(crate::Severity::Info);
                }
            }
            None => {}
        }
    }
}
