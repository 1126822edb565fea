use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value as J;

use crate::rule::{ComposeInput, Context};
use crate::rules::schema::{self, Finding, Schema, Site, describe, field_name, scalar_text};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Validates the file against rlint's JSON Schema for the Compose Specification
    /// (`rules/schemas/compose.schema.json`), after interpolation, and reports each violation on
    /// the exact key or value in plain words: an unknown key with the nearest valid one
    /// (`mem limit` → `mem_limit`), a value of the wrong type (`ports` given as one string), a
    /// value outside the allowed set (`restart: allways`), a missing required key.
    ///
    /// ## Why is this bad?
    /// `docker compose` validates every file against the specification's schema before doing
    /// anything and refuses the whole file on the first violation; other tools silently ignore
    /// unknown keys, so a misspelt `enviroment:` simply does nothing.
    ///
    /// Values holding a variable that is not set and has no default cannot be checked, and are
    /// not reported here (see `unset-variable`).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     mem limit: 128m
    /// ```
    ///
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports:
    ///       -80:80
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     mem_limit: 128m
    /// ```
    ///
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports:
    ///       - "80:80"
    /// ```
    ///
    /// ## Fix safety
    /// Compose refuses a file that breaks the schema, so these fixes lose no behaviour; what
    /// matters is whether the repair is certain.
    /// - An unknown key written with a space or hyphen (or another case) for a known key's
    ///   underscore (`mem limit`, `mem-limit`, `Mem_Limit` → `mem_limit`) is renamed: safe.
    /// - An unknown key a typo away from exactly one known key (`enviroment` → `environment`) is
    ///   renamed too, but that is a guess: unsafe. There is no fix when two keys are as close, or
    ///   when the mapping already has the suggested key.
    /// - A list written as one value starting with a dash (`ports: -80:80`, `expose: -3000`,
    ///   `volumes: -./a:/b`) becomes a list item on its own line (`- "80:80"`; `ports` and
    ///   `expose` entries quoted, as `unquoted-port` asks): safe. A value with spaces
    ///   (`-80:80 -443:443`) is left alone.
    ///
    /// ## References
    /// - [Compose Specification: services](https://docs.docker.com/reference/compose-file/services/)
    /// - [compose-spec JSON Schema](https://github.com/compose-spec/compose-spec/blob/main/schema/compose-spec.json)
    pub static RULE = {
        code: "DC002",
        name: "schema-violation",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Compose(check),
    }
}

/// rlint's Compose schema, as written in `rules/schemas/`.
pub const SCHEMA_TEXT: &str = include_str!("../../../../../rules/schemas/compose.schema.json");

static SCHEMA: LazyLock<J> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is JSON"));
static VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| jsonschema::validator_for(&SCHEMA).expect("the bundled schema compiles"));
/// The same schema entered at one service, so services are validated one at a time: a file with
/// thousands of services never exists as one JSON document.
static SERVICE_VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let mut schema = serde_json::json!({"$ref": "#/$defs/service"});
    schema["$defs"] = SCHEMA["$defs"].clone();
    schema["$schema"] = SCHEMA["$schema"].clone();
    jsonschema::validator_for(&schema).expect("the service schema compiles")
});

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    if root.as_map().is_none() {
        if !root.is_null() {
            cx.report(
                root.span,
                "a Compose file is a mapping at the top level (`services:`, `volumes:`, ...)",
            );
        }
        return;
    }
    let mut unresolved = Vec::new();
    super::unresolved_pointers(root, input.env, &mut Vec::new(), &mut unresolved);
    let mut seen = schema::Seen::new();
    let mut report = |findings: Vec<Finding>, cx: &mut Context<'_>| {
        schema::report(findings, &mut seen, input.text, cx);
    };
    // The file with each service mapping stood in for by `{}`, then each service on its own.
    let services = root.get("services").and_then(Node::as_map);
    let mut top = super::interpolated_json_except(root, input.env, "services");
    if let (Some(entries), Some(obj)) = (services, top.as_object_mut()) {
        let shells = entries
            .iter()
            .map(|e| {
                let value = if e.value.as_map().is_some() {
                    J::Object(serde_json::Map::new())
                } else {
                    super::interpolated_json(&e.value, input.env)
                };
                (crate::syntax::yaml::key_text(&e.key), value)
            })
            .collect();
        obj.insert("services".into(), J::Object(shells));
    }
    for error in VALIDATOR.iter_errors(&top) {
        let path = error.instance_path().as_str();
        report(
            describe(&COMPOSE, root, "", path, error.kind(), &top, &unresolved),
            cx,
        );
    }
    for e in services.unwrap_or_default() {
        if e.value.as_map().is_none() {
            continue;
        }
        let value = super::interpolated_json(&e.value, input.env);
        if SERVICE_VALIDATOR.is_valid(&value) {
            continue;
        }
        let name = crate::syntax::yaml::key_text(&e.key);
        let prefix = format!("/services/{}", name.replace('~', "~0").replace('/', "~1"));
        let mut wrapper = serde_json::json!({"services": {}});
        wrapper["services"][&name] = value;
        for error in SERVICE_VALIDATOR.iter_errors(&wrapper["services"][&name]) {
            let path = error.instance_path().as_str();
            report(
                describe(
                    &COMPOSE,
                    root,
                    &prefix,
                    path,
                    error.kind(),
                    &wrapper,
                    &unresolved,
                ),
                cx,
            );
        }
    }
}

/// Compose's wording on its schema.
static COMPOSE: LazyLock<Schema<'static>> = LazyLock::new(|| Schema {
    json: &SCHEMA,
    spec: "the Compose Specification",
    place,
    skip_key: fragment_service,
    special,
    quoted_items: &["ports", "expose"],
    unknown_keys_at_most: None,
    keys_for: schema::schema_keys,
});

/// A service written at the top level of a fragment is `compose-fragment`'s finding.
fn fragment_service(root: &Node, path: &str, key: &str) -> bool {
    path.is_empty()
        && root.get("services").is_none()
        && root
            .get(key)
            .is_some_and(super::compose_fragment::is_service_like)
}

/// Compose's own word on some violations.
fn special(site: &Site<'_>) -> Option<Vec<Finding>> {
    match site.kind {
        // `restart: always // keep it up`: `slash-comment-in-value` says what is wrong.
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Pattern { .. }
            if super::slash_comment_in_value::slash_comment_at(&scalar_text(site.instance))
                .is_some() =>
        {
            Some(Vec::new())
        }
        // `invalid-container-name` says it precisely (the schema's pattern is unanchored).
        ValidationErrorKind::Pattern { .. } if site.field == "container_name" => Some(Vec::new()),
        ValidationErrorKind::Pattern { .. } => {
            let (allowed, candidates): (&str, &[&str]) = match site.field {
                "restart" => (
                    "`no`, `always`, `on-failure[:max-retries]` or `unless-stopped`",
                    &["no", "always", "on-failure", "unless-stopped"],
                ),
                "pull_policy" => (
                    "`always`, `never`, `missing`, `build`, `daily`, `weekly` or `every_<duration>`",
                    &[
                        "always",
                        "never",
                        "missing",
                        "build",
                        "daily",
                        "weekly",
                        "if_not_present",
                    ],
                ),
                _ => return None,
            };
            let shown = scalar_text(site.instance);
            let help = crate::suggest::did_you_mean(&shown, candidates)
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("expected {allowed}"));
            Some(vec![Finding {
                span: site.value_span,
                message: format!("`{shown}` is not a valid value for `{}`", site.field),
                help: Some(help),
                repair: None,
                at_most: None,
            }])
        }
        _ => None,
    }
}

/// Where unknown keys were found, in words.
fn place(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    match parts.as_slice() {
        [] => "top-level key".into(),
        ["services", _] => "service key".into(),
        ["services", _, rest @ ..] => format!("key under `{}`", rest.join(".")),
        [section, _] => format!("key for a top-level {}", section.trim_end_matches('s')),
        _ => format!("key under `{}`", field_name(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_compiles_and_knows_its_keys() {
        assert!(VALIDATOR.is_valid(&serde_json::json!({"services": {"web": {"image": "x"}}})));
        let keys = schema::keys_at(&SCHEMA, "/services/web");
        assert!(keys.contains(&"mem_limit".to_string()), "{keys:?}");
        assert!(
            schema::keys_at(&SCHEMA, "/services/web/build").contains(&"dockerfile".to_string())
        );
        assert!(schema::keys_at(&SCHEMA, "").contains(&"services".to_string()));
        assert!(
            schema::keys_at(&SCHEMA, "/services/web/deploy/resources")
                .contains(&"limits".to_string())
        );
    }

    #[test]
    fn a_value_broken_by_a_slash_comment_is_left_to_slash_comment_in_value() {
        let config = crate::Config {
            select: vec!["DC002".into(), "DC040".into()],
            ..crate::Config::default()
        };
        let codes = |text: &str| -> Vec<&str> {
            crate::lint_text("compose.yaml", text, None, &config)
                .diagnostics
                .iter()
                .map(|d| d.diagnostic.code)
                .collect()
        };
        let service = "services:\n  web:\n    image: nginx:1.27\n";
        assert_eq!(
            codes(&format!("{service}    restart: always // up\n")),
            ["DC040"]
        );
        assert_eq!(
            codes(&format!("{service}    restart: allways\n")),
            ["DC002"]
        );
    }
}
