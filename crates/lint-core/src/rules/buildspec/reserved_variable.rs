use crate::rule::{BuildspecInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds variables defined under `env` (`variables`, `parameter-store`, `secrets-manager`)
    /// whose names start with `CODEBUILD_`, a prefix CodeBuild reserves for its own variables
    /// (`CODEBUILD_BUILD_ID`, `CODEBUILD_SRC_DIR`, `CODEBUILD_RESOLVED_SOURCE_VERSION`, ...).
    ///
    /// ## Why is this bad?
    /// AWS reserves the prefix for internal use: a variable of that name overrides what CodeBuild
    /// sets (a build reading `CODEBUILD_SRC_DIR` then looks in the wrong place), or is replaced
    /// by CodeBuild's own value — either way not what the file says.
    ///
    /// ## Example
    /// ```yaml
    /// version: 0.2
    /// env:
    ///   variables:
    ///     CODEBUILD_TARGET: prod
    /// phases:
    ///   build:
    ///     commands:
    ///       - ./deploy.sh $CODEBUILD_TARGET
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 0.2
    /// env:
    ///   variables:
    ///     DEPLOY_TARGET: prod
    /// phases:
    ///   build:
    ///     commands:
    ///       - ./deploy.sh $DEPLOY_TARGET
    /// ```
    ///
    /// ## References
    /// - [Build specification reference for CodeBuild: env/variables](https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.variables)
    /// - [Environment variables in build environments](https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html)
    pub static RULE = {
        code: "BS005",
        name: "reserved-codebuild-variable",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Buildspec(check),
    }
}

fn check(input: &BuildspecInput<'_>, cx: &mut Context<'_>) {
    for section in ["variables", "parameter-store", "secrets-manager"] {
        for entry in input.env_entries(section) {
            let name = entry.key.as_str().unwrap_or("");
            if name.to_ascii_uppercase().starts_with("CODEBUILD_") {
                cx.report(
                    entry.key.span,
                    format!("`{name}` uses the `CODEBUILD_` prefix CodeBuild reserves for its own variables"),
                )
                .help("give the variable a name of your own (without the `CODEBUILD_` prefix)");
            }
        }
    }
}
