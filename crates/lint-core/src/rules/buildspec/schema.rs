use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value as J;

use crate::diagnostic::Severity;
use crate::rule::{BuildspecInput, Context};
use crate::rules::schema::{self, Finding, Schema, Site, field_name};

crate::declare_rule! {
    /// ## What it does
    /// Validates the buildspec against rlint's schema of the AWS CodeBuild build specification
    /// (`rules/schemas/buildspec.schema.json`, written from the AWS reference: no public schema
    /// exists) and reports each violation on the exact key or value: an unknown key with the
    /// nearest valid one (`biuld` → `build`, `pre-build` → `pre_build`), a value of the wrong type
    /// (`commands:` given as one string), an `on-failure` that is not `ABORT`, `CONTINUE` or
    /// `RETRY...`, a `version` other than `0.1` or `0.2`, a missing `version`.
    ///
    /// Unknown keys are reported as warnings: CodeBuild logs "the following keys cannot be
    /// identified" and runs the build without them, so a misspelt phase silently never runs.
    /// Type and value errors are errors: CodeBuild stops with `YAML_FILE_ERROR`. A command that
    /// YAML reads as a mapping is `command-read-as-mapping`'s finding, not this one.
    ///
    /// ## Why is this bad?
    /// A misspelt key does nothing — `biuld:` builds nothing, and the build still goes green —
    /// and a wrong type fails the build before any command runs, with a message that does not
    /// say which line.
    ///
    /// ## Example
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   biuld:
    ///     commands:
    ///       - make
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   build:
    ///     commands:
    ///       - make
    /// ```
    ///
    /// ## Fix safety
    /// A key that differs from a known one only by case or by `-`/space for `_` (`pre-build` →
    /// `pre_build`) is renamed: safe. A typo with exactly one nearest key (`biuld` → `build`) is
    /// renamed too, as a guess: unsafe.
    ///
    /// ## References
    /// - [Build specification reference for CodeBuild](https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html)
    /// - [Batch build buildspec reference](https://docs.aws.amazon.com/codebuild/latest/userguide/batch-build-buildspec.html)
    pub static RULE = {
        code: "BS003",
        name: "buildspec-schema-violation",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Buildspec(check),
    }
}

/// rlint's buildspec schema, as written in `rules/schemas/`.
pub const SCHEMA_TEXT: &str = include_str!("../../../../../rules/schemas/buildspec.schema.json");

static SCHEMA: LazyLock<J> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is JSON"));
static VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| jsonschema::validator_for(&SCHEMA).expect("the bundled schema compiles"));

static BUILDSPEC: LazyLock<Schema<'static>> = LazyLock::new(|| Schema {
    json: &SCHEMA,
    spec: "the CodeBuild build specification",
    place,
    skip_key: schema::skip_none,
    special,
    quoted_items: &[],
    unknown_keys_at_most: Some(Severity::Warning),
    keys_for: schema::schema_keys,
});

fn check(input: &BuildspecInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    if root.as_map().is_none() {
        if !root.is_null() {
            cx.report(
                root.span,
                "a buildspec is a mapping at the top level (`version:`, `phases:`, ...)",
            );
        }
        return;
    }
    let json = root.to_json();
    schema::validate(&BUILDSPEC, &VALIDATOR, root, &json, &[], input.text, cx);
}

/// A command YAML read as a mapping is `command-read-as-mapping`'s finding.
fn special(site: &Site<'_>) -> Option<Vec<Finding>> {
    let parts: Vec<&str> = site.path.split('/').collect();
    let command_item = matches!(
        parts.as_slice(),
        ["", "phases", _, "commands" | "finally", _]
    );
    let typed = matches!(site.kind, ValidationErrorKind::Type { .. });
    (command_item && typed && site.instance.is_object()).then(Vec::new)
}

/// Where unknown keys were found, in words.
fn place(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    match parts.as_slice() {
        [] => "top-level key".into(),
        ["phases"] => "phase (install, pre_build, build, post_build)".into(),
        ["phases", phase] => format!("key of phase `{phase}`"),
        _ => format!("key under `{}`", field_name(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_compiles_and_knows_its_keys() {
        assert!(VALIDATOR.is_valid(
            &serde_json::json!({"version": 0.2, "phases": {"build": {"commands": ["make"]}}})
        ));
        let phases = schema::keys_at(&SCHEMA, "/phases");
        assert_eq!(phases, ["build", "install", "post_build", "pre_build"]);
        assert!(
            schema::keys_at(&SCHEMA, "/phases/install").contains(&"runtime-versions".to_string())
        );
        assert!(
            schema::keys_at(&SCHEMA, "/artifacts").contains(&"secondary-artifacts".to_string())
        );
    }
}
