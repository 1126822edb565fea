use crate::rule::{BuildspecInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds `aws ecr get-login` in a phase's commands, also inside `$( ... )` (the usual
    /// `$(aws ecr get-login --no-include-email)` form).
    ///
    /// ## Why is this bad?
    /// `get-login` was removed in version 2 of the AWS CLI, which CodeBuild's current images
    /// ship: the command fails with "Invalid choice" and the build stops at the login. Version 2
    /// prints only the password (`get-login-password`), which goes to `docker login` on standard
    /// input, so it never shows in the process list or the build log either.
    ///
    /// ## Example
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   pre_build:
    ///     commands:
    ///       - $(aws ecr get-login --region $AWS_DEFAULT_REGION --no-include-email)
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   pre_build:
    ///     commands:
    ///       - aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin $ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the replacement needs the registry's host (`<account>.dkr.ecr.<region>.amazonaws.com`),
    /// which `get-login` worked out and the file does not say.
    ///
    /// ## References
    /// - [AWS CLI v2 migration guide: `aws ecr get-login` removed](https://docs.aws.amazon.com/cli/latest/userguide/cliv2-migration-changes.html#cliv2-migration-ecr-get-login)
    /// - [Amazon ECR: registry authentication](https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html)
    pub static RULE = {
        code: "BS001",
        name: "ecr-get-login-removed",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Buildspec(check),
    }
}

fn check(input: &BuildspecInput<'_>, cx: &mut Context<'_>) {
    for cmd in input.shell_commands().filter(|c| c.is("aws")) {
        let words: Vec<&str> = cmd.args().iter().map(|w| w.value.as_str()).collect();
        let Some(ecr) = words.iter().position(|w| *w == "ecr") else {
            continue;
        };
        let Some(i) = words[ecr..].iter().position(|w| *w == "get-login") else {
            continue;
        };
        let word = &cmd.args()[ecr + i];
        let region = words
            .iter()
            .position(|w| *w == "--region")
            .and_then(|r| words.get(r + 1))
            .map(|r| r.to_string())
            .or_else(|| {
                words
                    .iter()
                    .find_map(|w| w.strip_prefix("--region=").map(str::to_string))
            })
            .unwrap_or_else(|| "$AWS_DEFAULT_REGION".to_string());
        cx.report(
            word.span,
            "`aws ecr get-login` was removed in AWS CLI v2 (CodeBuild's current images): the login fails",
        )
        .help(format!(
            "log in with `aws ecr get-login-password --region {region} | docker login --username AWS --password-stdin <account>.dkr.ecr.{region}.amazonaws.com`"
        ));
    }
}
