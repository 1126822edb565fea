use crate::rule::{BuildspecInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a buildspec that is not valid YAML, at the exact position, with the usual causes
    /// named: a `//` "comment" (YAML comments start with `#`), text after a quoted value, tabs
    /// used for indentation, an alias to an anchor that does not exist, and aliases that would
    /// expand without bound. YAML is read as leniently as CodeBuild's loader reads it (the same
    /// leniencies as for Compose files: see DC000).
    ///
    /// A file of more than 250,000 values (keys, values and list items: a generated file, never a
    /// hand-written one) is reported at the value past that, as a warning, and not checked
    /// further: the file may be valid, but holding its tree would cost hundreds of MB.
    ///
    /// ## Why is this bad?
    /// CodeBuild stops the build in its `DOWNLOAD_SOURCE` phase with `YAML_FILE_ERROR`, before any
    /// command runs. Nothing else can be checked until the file parses.
    ///
    /// ## Example
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   build: // compile and test
    ///     commands:
    ///       - make test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   # compile and test
    ///   build:
    ///     commands:
    ///       - make test
    /// ```
    ///
    /// ## Fix safety
    /// A `//` "comment" becomes a `#` comment on its own line above the line it was on. Safe:
    /// CodeBuild refuses the file as written.
    ///
    /// ## References
    /// - [Build specification reference for CodeBuild](https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html)
    /// - [YAML 1.2.2: comments](https://yaml.org/spec/1.2.2/#comments)
    pub static RULE = {
        code: "BS000",
        name: "buildspec-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        fix: Sometimes,
        check: Buildspec(check),
    }
}

fn check(input: &BuildspecInput<'_>, cx: &mut Context<'_>) {
    crate::rules::yaml::report_problems(input.text, input.yaml, cx);
}
