use crate::rule::{BuildspecInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds `PATH` set under `env.variables` to a value that refers to `$PATH`
    /// (`PATH: $PATH:/opt/tools/bin`), meant to add a folder to the search path.
    ///
    /// ## Why is this bad?
    /// Values under `env.variables` are taken literally: `$PATH` is not expanded there, so the
    /// build's `PATH` becomes the text `$PATH:/opt/tools/bin` and every command that relies on the
    /// image's `PATH` (`npm`, `python`, `aws`, even `ls` by name) is "not found".
    ///
    /// A `PATH` value without `$PATH` replaces the search path on purpose and is not reported.
    ///
    /// ## Example
    /// ```yaml
    /// version: 0.2
    /// env:
    ///   variables:
    ///     PATH: $PATH:/opt/tools/bin
    /// phases:
    ///   build:
    ///     commands:
    ///       - mytool build
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   build:
    ///     commands:
    ///       - export PATH="$PATH:/opt/tools/bin"
    ///       - mytool build
    /// ```
    ///
    /// ## References
    /// - [Build specification reference for CodeBuild: env/variables](https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.variables)
    pub static RULE = {
        code: "BS006",
        name: "path-set-in-variables",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Buildspec(check),
    }
}

fn check(input: &BuildspecInput<'_>, cx: &mut Context<'_>) {
    for entry in input.env_entries("variables") {
        let (Some("PATH"), Some(value)) = (entry.key.as_str(), entry.value.as_str()) else {
            continue;
        };
        if value.contains("$PATH") || value.contains("${PATH}") {
            let added = value.replace("${PATH}", "$PATH");
            cx.report(
                entry.value.span,
                "`env.variables` does not expand `$PATH`: the build's PATH becomes this text, and commands are not found",
            )
            .help(format!(
                "extend PATH in the first phase's commands instead: `export PATH=\"{added}\"` (version 0.2 keeps it for later commands)"
            ));
        }
    }
}
