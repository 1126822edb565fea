use std::sync::LazyLock;

use serde_json::Value as J;

use crate::diagnostic::Severity;
use crate::rule::{Context, DockerrunInput};
use crate::rules::containers;
use crate::rules::schema::{self, Schema, field_name};

crate::declare_rule! {
    /// ## What it does
    /// Validates `Dockerrun.aws.json` against rlint's schema of the version it declares
    /// (`AWSEBDockerrunVersion` 1, 2 or 3; `rules/schemas/dockerrun.schema.json`, written from the
    /// Elastic Beanstalk guide: no official schema exists) and reports each violation on the exact
    /// key or value: keys of another version (`Image` and `Ports` belong to version 1,
    /// `containerDefinitions` to version 2), the capitalisation that differs between versions
    /// (`Authentication` with `Bucket`/`Key` in version 1, `authentication` with `bucket`/`key` in
    /// version 2), unknown keys with the nearest valid one, values of the wrong type (`"memory":
    /// "512"`), and missing required keys (`name` and `image` of a container).
    ///
    /// Unknown keys are warnings (Beanstalk ignores some and refuses others); wrong types and
    /// missing keys are errors. Nested ECS structures rlint does not check (`logConfiguration`,
    /// `linuxParameters`, ...) are left open.
    ///
    /// ## Why is this bad?
    /// Beanstalk reads the file by its version: keys of the other version are silently ignored
    /// (an `Image` in a version 2 file deploys nothing), and a wrong type fails the deployment
    /// with an error far from the line.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 128, "portmappings": [{ "containerPort": 80 }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{ "containerPort": 80 }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// A key that differs from a known one only by case (`portmappings` → `portMappings`,
    /// `Authentication` → `authentication` in version 2) is renamed: safe. A one-typo guess is
    /// renamed as an unsafe fix.
    ///
    /// ## References
    /// - [Elastic Beanstalk: Dockerrun.aws.json v1](https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/single-container-docker-configuration.html)
    /// - [Elastic Beanstalk: Dockerrun.aws.json v2](https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/create_deploy_docker_v2config.html)
    /// - [Amazon ECS: container definitions](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definitions)
    pub static RULE = {
        code: "DR001",
        name: "dockerrun-schema-violation",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Dockerrun(check),
    }
}

/// rlint's Dockerrun schema, as written in `rules/schemas/`.
pub const SCHEMA_TEXT: &str = include_str!("../../../../../rules/schemas/dockerrun.schema.json");

static SCHEMA: LazyLock<J> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is JSON"));

/// The schema of one version, entered at its definition.
fn version_schema(version: &str) -> J {
    let mut schema = serde_json::json!({ "$ref": format!("#/$defs/v{version}") });
    schema["$defs"] = SCHEMA["$defs"].clone();
    // Version 2 containers are ECS container definitions: one definition serves both kinds.
    schema["$defs"]["container"] = containers::ECS_SCHEMA["$defs"]["container"].clone();
    schema["$schema"] = SCHEMA["$schema"].clone();
    schema
}

static VERSIONS: LazyLock<Vec<(J, jsonschema::Validator)>> = LazyLock::new(|| {
    ["1", "2", "3"]
        .iter()
        .map(|v| {
            let schema = version_schema(v);
            let validator =
                jsonschema::validator_for(&schema).expect("the bundled schema compiles");
            (schema, validator)
        })
        .collect()
});

fn check(input: &DockerrunInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.tree else { return };
    if root.as_map().is_none() {
        cx.report(
            root.span,
            "Dockerrun.aws.json holds one JSON object (`{ \"AWSEBDockerrunVersion\": ... }`)",
        );
        return;
    }
    let declared = input.version();
    let version = match declared.as_deref() {
        Some(v @ ("1" | "2" | "3")) => v.to_string(),
        Some(other) => {
            let node = root.get("AWSEBDockerrunVersion").expect("declared");
            cx.report(
                node.span,
                format!("`{other}` is not a Dockerrun version: Elastic Beanstalk reads 1, 2 and 3"),
            )
            .help("use 2 for multi-container (ECS) environments, 1 for one container, 3 with a docker-compose.yml");
            return;
        }
        // No version: the keys say which one was meant (the missing key is then reported).
        None if root.get("containerDefinitions").is_some() => "2".to_string(),
        None => "1".to_string(),
    };
    let index = version.parse::<usize>().unwrap_or(1) - 1;
    let (json_schema, validator) = &VERSIONS[index];
    let wording = Schema {
        json: json_schema,
        spec: "the Dockerrun.aws.json format",
        place: match index {
            0 => place_v1,
            1 => place_v2,
            _ => place_v3,
        },
        skip_key: schema::skip_none,
        special: schema::no_special,
        quoted_items: &[],
        unknown_keys_at_most: Some(Severity::Warning),
        keys_for: schema::schema_keys,
    };
    let json = schema::without_nulls(root.to_json());
    schema::validate(&wording, validator, root, &json, &[], input.text, cx);
}

fn place(path: &str, version: &str) -> String {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    match parts.as_slice() {
        [] => format!("top-level key of a version {version} Dockerrun.aws.json"),
        ["containerDefinitions", _] => "container definition key".into(),
        _ => format!("key under `{}`", field_name(path)),
    }
}

fn place_v1(path: &str) -> String {
    place(path, "1")
}

fn place_v2(path: &str) -> String {
    place(path, "2")
}

fn place_v3(path: &str) -> String {
    place(path, "3")
}
