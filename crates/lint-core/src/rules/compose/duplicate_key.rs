use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a key written twice in the same mapping, at the second occurrence, pointing at the
    /// first.
    ///
    /// ## Why is this bad?
    /// Compose rejects the file ("mapping key already defined"); other YAML tools silently keep
    /// one of the two values, so the file means different things to different readers. Usually
    /// one service block was pasted into another, or an `environment:` entry was repeated.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports: ["8080:80"]
    ///     ports: ["8443:443"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports: ["8080:80", "8443:443"]
    /// ```
    ///
    /// ## References
    /// - [YAML 1.2.2: mappings require unique keys](https://yaml.org/spec/1.2.2/#mapping)
    pub static RULE = {
        code: "DC001",
        name: "duplicate-key",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    if input.document != 0 {
        return;
    }
    crate::rules::yaml::report_duplicate_keys(input.yaml, cx);
}
