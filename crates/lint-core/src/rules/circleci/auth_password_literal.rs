use crate::rule::{CircleciInput, Context};
use crate::secrets::Verdict;

crate::declare_rule! {
    /// ## What it does
    /// Finds a registry credential written in the configuration: a `docker:` image's
    /// `auth.password` or `aws_auth.aws_secret_access_key` given as a literal rather than an
    /// environment variable (`$DOCKERHUB_PASSWORD`) or a `<< parameters.x >>`. The value is
    /// masked in every output. A value that looks like a placeholder (`password`, `changeme`)
    /// is reported as information only.
    ///
    /// ## Why is this bad?
    /// The configuration is committed with the code: everyone who can read the repository (and
    /// every fork of a public one) can push to the registry. CircleCI expands `$VAR` in these
    /// keys from project settings or a context, where the value stays secret.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   build:
    ///     docker:
    ///       - image: acme/private-builder:1.4
    ///         auth:
    ///           username: acme-ci
    ///           password: Zq8vR2mLx9TfB4wK
    ///     steps:
    ///       - checkout
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   build:
    ///     docker:
    ///       - image: acme/private-builder:1.4
    ///         auth:
    ///           username: acme-ci
    ///           password: $DOCKERHUB_PASSWORD
    ///     steps:
    ///       - checkout
    /// ```
    ///
    /// ## References
    /// - [CircleCI: using Docker authenticated pulls](https://circleci.com/docs/private-images/)
    /// - [CircleCI: contexts](https://circleci.com/docs/contexts/)
    pub static RULE = {
        code: "CC011",
        name: "circleci-registry-password-literal",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    for image in &input.model.images {
        let Some(item) = image.item else { continue };
        for (section, key) in [("auth", "password"), ("aws_auth", "aws_secret_access_key")] {
            let Some(node) = item.get(section).and_then(|a| a.get(key)) else {
                continue;
            };
            let Some(value) = node.as_str().map(str::trim) else {
                continue;
            };
            if value.is_empty() || value.contains('$') || super::is_templated(value) {
                continue;
            }
            let (shown, demo) = match crate::secrets::judge("password", value, &[]) {
                Some(Verdict::Credential { shown, demo }) => (shown, demo),
                Some(Verdict::Token { shown, .. }) => (shown, false),
                None => continue,
            };
            let message = if demo {
                format!(
                    "`{section}.{key}` is written in the configuration (`{shown}`); it reads like a placeholder, but the real one must not go here"
                )
            } else {
                format!(
                    "`{section}.{key}` is written in the configuration (`{shown}`): anyone who reads the repository has it"
                )
            };
            let d = cx.report(node.span, message);
            d.secret().help(
                "set it in the project's environment variables or a context and write `$NAME` here",
            );
            if demo {
                d.at_most(crate::Severity::Info);
            }
        }
    }
}
