use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value as J;

use crate::diagnostic::Severity;
use crate::rule::{Context, TravisInput};
use crate::rules::schema::{self, Finding, Schema, Site, field_name};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Validates `.travis.yml` against rlint's schema of it (`rules/schemas/travis.schema.json`,
    /// written from travis-yml's definitions by `scripts/travis_schema.py`) and reports, on the
    /// exact key or value:
    /// - a key Travis does not know, with the nearest one it does (`before_instal` →
    ///   `before_install`, `addons: {apt: {packges: ...}}` → `packages`), at the top level, in
    ///   jobs, `addons`, `cache`, `git`, `branches`, `notifications`;
    /// - a deploy option the deploy's provider does not take (`bucket_nam` for `s3`), from each
    ///   provider's dpl v1 and v2 options, and an `on:` condition Travis does not know
    ///   (`tag: true` for `tags: true`: the deploy never runs for a tag);
    /// - a value of a shape Travis drops: a build step YAML reads as a mapping (`- echo a: b`), a
    ///   mapping where a list is expected.
    ///
    /// Unknown keys are warnings: travis-yml logs "unknown key" (or repairs an obvious typo) and
    /// runs the build without them, so the misspelt phase never runs. Values Travis drops
    /// ("dropping unexpected map") are errors: the job runs without the step.
    ///
    /// The schema is as lenient as travis-yml: a single value stands for a list (`os: linux`),
    /// scalars are interchangeable (`python: 3.8`), aliases travis-yml resolves (`matrix`,
    /// `bucket_name`, `api_key` for `token`) and dashed spellings (`local-dir`) are accepted, and
    /// values Travis reads as free text or as branch-specific mappings (env vars, notifier and
    /// deploy options) are not typed. Keys holding a YAML anchor (`_shared: &shared`) are not
    /// reported: they exist to be aliased, and travis-yml only notes them. An unknown `provider`
    /// is `travis-unknown-deploy-provider`'s finding.
    ///
    /// ## Why is this bad?
    /// A misspelt key does nothing and says nothing: `before_instal:` installs nothing and the
    /// build fails later, far from the cause; `skip_clenaup: true` deletes the files the deploy
    /// was meant to upload.
    ///
    /// ## Example
    /// ```yaml
    /// language: python
    /// before_instal:
    ///   - pip install -r requirements.txt
    /// script: pytest
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: python
    /// before_install:
    ///   - pip install -r requirements.txt
    /// script: pytest
    /// ```
    ///
    /// ## Fix safety
    /// A key that differs from a known one only by case or by `-`/space for `_` is renamed:
    /// safe. A typo with exactly one nearest key (`before_instal` → `before_install`) is renamed
    /// too, as a guess: unsafe.
    ///
    /// ## References
    /// - [travis-yml: the schema definitions](https://github.com/travis-ci/travis-yml/tree/master/lib/travis/yml/schema/def)
    /// - [travis-yml: unknown keys are warnings, dropped values errors (`lib/travis/yml/doc/validate/`)](https://github.com/travis-ci/travis-yml/tree/master/lib/travis/yml/doc/validate)
    /// - [Travis CI: build config validation](https://docs.travis-ci.com/user/build-config-validation/)
    /// - [Travis CI: deployment (v2)](https://docs.travis-ci.com/user/deployment-v2)
    pub static RULE = {
        code: "TR010",
        name: "travis-schema-violation",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Travis(check),
    }
}

/// rlint's Travis schema, as written in `rules/schemas/`.
pub const SCHEMA_TEXT: &str = include_str!("../../../../../rules/schemas/travis.schema.json");

static SCHEMA: LazyLock<J> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is JSON"));
static VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| jsonschema::validator_for(&SCHEMA).expect("the bundled schema compiles"));

static TRAVIS: LazyLock<Schema<'static>> = LazyLock::new(|| Schema {
    json: &SCHEMA,
    spec: "Travis CI's build config",
    place,
    skip_key: schema::skip_none,
    special,
    quoted_items: &[],
    unknown_keys_at_most: Some(Severity::Warning),
    keys_for,
});

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    let json = prepared_json(input.text, root);
    schema::validate(&TRAVIS, &VALIDATOR, root, &json, &[], input.text, cx);
}

/// The document as JSON, as travis-yml validates it: without the keys that only hold a YAML
/// anchor for later aliases (travis-yml notes them, `validate/unknown_keys.rb`), at any depth.
pub fn prepared_json(text: &str, root: &Node) -> J {
    let mut json = root.to_json();
    drop_anchor_keys(text, root, &mut json);
    json
}

fn drop_anchor_keys(text: &str, node: &Node, json: &mut J) {
    if let (Some(entries), Some(object)) = (node.as_map(), json.as_object_mut()) {
        for entry in entries {
            let key = crate::syntax::yaml::key_text(&entry.key);
            if !entry.merged && holds_anchor(text, entry) {
                object.remove(&key);
            } else if let Some(value) = object.get_mut(&key) {
                drop_anchor_keys(text, &entry.value, value);
            }
        }
    } else if let (Some(items), Some(array)) = (node.as_seq(), json.as_array_mut()) {
        for (item, value) in items.iter().zip(array.iter_mut()) {
            drop_anchor_keys(text, item, value);
        }
    }
}

/// `key: &name value`: the anchor sits between the key's colon and the value (or opens the
/// value's span, depending on the node).
fn holds_anchor(text: &str, entry: &crate::syntax::yaml::Entry) -> bool {
    let between = text
        .get(entry.key.span.end..entry.value.span.start)
        .unwrap_or("");
    let opens = text
        .get(entry.value.span.start..entry.value.span.end)
        .is_some_and(|v| v.starts_with('&'));
    between.contains('&') || opens
}

/// A deploy's keys are its provider's; an `on:`'s, the deploy conditions'. The dashed spellings
/// travis-yml accepts are not suggested.
fn keys_for(path: &str, instance: &J) -> Option<Vec<String>> {
    let defs = SCHEMA.get("$defs")?;
    let provider = instance
        .get("provider")
        .and_then(J::as_str)
        .map(|p| p.trim().to_ascii_lowercase());
    let own = if path.ends_with("/on") || path.ends_with("/true") {
        defs.pointer("/deployOn/properties")
    } else {
        provider.and_then(|p| defs.get(format!("deploy_{p}"))?.get("properties"))
    };
    let keys: Vec<String> = match own.and_then(J::as_object) {
        Some(properties) => properties.keys().cloned().collect(),
        None => schema::keys_at(&SCHEMA, path),
    };
    Some(keys.into_iter().filter(|k| !k.contains('-')).collect())
}

/// A build step YAML read as a mapping (`- echo "a: b"` written unquoted as `- echo a: b`):
/// name the cause instead of the types; a phase of the wrong shape: say what a phase is.
fn special(site: &Site<'_>) -> Option<Vec<Finding>> {
    if !matches!(site.kind, ValidationErrorKind::Type { .. }) {
        return None;
    }
    let parts: Vec<&str> = site.path.split('/').collect();
    let phase = |p: &str| crate::kinds::travis::PHASE_KEYS.contains(&p);
    let (message, help) = match parts.as_slice() {
        [.., key, item]
            if phase(key) && item.parse::<usize>().is_ok() && site.instance.is_object() =>
        {
            (
                format!(
                    "`{}` is read as a mapping, not a command: Travis drops it (\"dropping unexpected map\")",
                    site.field
                ),
                "a `: ` in a command makes YAML read `key: value`; quote the whole line",
            )
        }
        [.., key] if phase(key) => (
            format!("`{key}` must be a command or a list of commands: Travis drops it"),
            "write each command as a list item (`- make test`)",
        ),
        _ => return None,
    };
    Some(vec![Finding {
        span: site.value_span,
        message,
        help: Some(help.to_string()),
        repair: None,
        at_most: None,
    }])
}

/// Where unknown keys were found, in words.
fn place(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let in_deploy = parts.iter().any(|p| *p == "deploy");
    match parts.as_slice() {
        [] => "top-level key".into(),
        [.., "on" | "true"] if in_deploy => "deploy condition under `on`".into(),
        [.., "deploy"] | [.., "deploy", _] => "option of this deploy provider".into(),
        [
            "jobs" | "matrix",
            "include" | "exclude" | "allow_failures",
            ..,
        ] => "job key".into(),
        _ => format!("key under `{}`", field_name(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schema_compiles_and_accepts_travis_shapes() {
        for ok in [
            json!({"language": "python", "python": [3.8, "3.9"], "script": "pytest"}),
            json!({"os": "linux", "dist": "jammy", "matrix": {"include": [{"os": "osx"}]}}),
            json!({"jobs": [{"script": ["a", "b"]}], "cache": "pip", "branches": "main"}),
            json!({"deploy": {"provider": "S3", "bucket": "b", "local-dir": "d",
                              "on": {"branch": "main", "tags": true, "python": "3.8"}}}),
            json!({"deploy": [{"provider": "elasticbeanstalk", "bucket_path": "p"}, "heroku"]}),
            json!({"deploy": {"provider": "$PROVIDER", "anything": 1}}),
        ] {
            let errors: Vec<String> = VALIDATOR
                .iter_errors(&ok)
                .map(|e| format!("{e} at {}", e.instance_path().as_str()))
                .collect();
            assert!(errors.is_empty(), "{ok}: {errors:?}");
        }
        for bad in [
            json!({"before_instal": "x"}),
            json!({"script": [{"echo a": "b"}]}),
            json!({"deploy": {"provider": "s3", "bukcet": "b"}}),
            json!({"deploy": {"provider": "pages", "on": {"tag": true}}}),
        ] {
            assert!(!VALIDATOR.is_valid(&bad), "{bad}");
        }
    }

    #[test]
    fn a_deploy_suggests_its_providers_keys() {
        let keys = keys_for("/deploy", &json!({"provider": "S3"})).unwrap();
        assert!(keys.contains(&"bucket".to_string()) && keys.contains(&"on".to_string()));
        assert!(!keys.iter().any(|k| k.contains('-')));
        let on = keys_for("/deploy/0/on", &json!({})).unwrap();
        assert!(on.contains(&"all_branches".to_string()));
        let top = keys_for("", &json!({})).unwrap();
        assert!(
            top.contains(&"before_install".to_string()) && !top.iter().any(|k| k.contains('-'))
        );
    }
}
