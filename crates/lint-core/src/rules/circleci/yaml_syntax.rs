use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a CircleCI configuration that is not valid YAML, at the exact position, with the
    /// usual causes named: text after a quoted value, a `//` "comment" where YAML needs a key
    /// (YAML comments start with `#`), tabs used for indentation, an alias to an anchor that
    /// does not exist, and aliases that would expand without bound. YAML is read as leniently as
    /// for Compose files (see DC000).
    ///
    /// A file of more than 250,000 values (keys, values and list items: a generated file, never a
    /// hand-written one) is reported at the value past that, as a warning, and not checked
    /// further: the file may be valid, but holding its tree would cost hundreds of MB.
    ///
    /// ## Why is this bad?
    /// CircleCI cannot read the file: the pipeline fails with a configuration error and no job
    /// runs. Nothing else can be checked until the file parses.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   build:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     resource_class: "large" // more memory
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
    ///       - image: cimg/base:2024.01
    ///     # more memory
    ///     resource_class: "large"
    ///     steps:
    ///       - checkout
    /// ```
    ///
    /// ## Fix safety
    /// A `//` "comment" becomes a `#` comment on its own line above the line it was on. Safe:
    /// CircleCI refuses the file as written.
    ///
    /// ## References
    /// - [CircleCI: configuration reference](https://circleci.com/docs/configuration-reference/)
    /// - [YAML 1.2.2: comments](https://yaml.org/spec/1.2.2/#comments)
    pub static RULE = {
        code: "CC000",
        name: "circleci-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        fix: Sometimes,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    crate::rules::yaml::report_problems(input.text, input.yaml, cx);
}
