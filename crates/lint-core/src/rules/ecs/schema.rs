use std::sync::LazyLock;

use serde_json::Value as J;

use crate::rule::{Context, EcsInput};
use crate::rules::containers::ECS_SCHEMA;
use crate::rules::schema::{self, Finding, Schema, Site, field_name};

crate::declare_rule! {
    /// ## What it does
    /// Validates an ECS task definition against rlint's schema of it
    /// (`rules/schemas/ecs-task-definition.schema.json`, written from the Amazon ECS API
    /// reference: no official JSON Schema exists) and reports each violation on the exact key or
    /// value: unknown keys with the nearest valid one (`portmappings` → `portMappings`), values
    /// of the wrong type (`"memory": "512"` in a container, `"essential": "true"`), values ECS
    /// does not have (`"networkMode": "awsvpn"`), and missing required keys (`family`, a
    /// container's `name` and `image`).
    ///
    /// The fields `aws ecs describe-task-definition` adds (`taskDefinitionArn`, `revision`,
    /// `status`, `registeredAt`...) are accepted: the deploy actions strip them. Task-level `cpu`
    /// and `memory` may be numbers or strings (`"1 vCPU"`, `"2 GB"`), as ECS converts both. A
    /// string value that is a whole template placeholder (`"${MEMORY}"`) is not judged by type.
    /// A bare list of container definitions (Terraform's `container_definitions` file) is
    /// validated as containers. Nested structures rlint does not check (`logConfiguration`,
    /// `linuxParameters`, ...) are left open.
    ///
    /// ## Why is this bad?
    /// `register-task-definition` refuses unknown parameters and wrong types (`Unknown parameter
    /// in input`, `Invalid type for parameter`), so the deployment fails; a misspelt key that a
    /// tool passes through is silently ignored.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 256, "portmappings": [{ "containerPort": 80 }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 256, "portMappings": [{ "containerPort": 80 }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// A key that differs from a known one only by case (`portmappings` → `portMappings`) is
    /// renamed: safe. A one-typo guess is renamed as an unsafe fix.
    ///
    /// ## References
    /// - [Amazon ECS API: RegisterTaskDefinition](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html)
    /// - [Amazon ECS API: ContainerDefinition](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html)
    /// - [Amazon ECS task definition parameters](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html)
    pub static RULE = {
        code: "EC001",
        name: "task-definition-schema-violation",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: EcsTaskDefinition(check),
    }
}

/// The schema entered at one definition (`task`, or a list of `container`s).
fn entered(at: J) -> J {
    let mut schema = at;
    schema["$defs"] = ECS_SCHEMA["$defs"].clone();
    schema["$schema"] = ECS_SCHEMA["$schema"].clone();
    schema
}

static TASK: LazyLock<(J, jsonschema::Validator)> = LazyLock::new(|| {
    let schema = entered(serde_json::json!({ "$ref": "#/$defs/task" }));
    let validator = jsonschema::validator_for(&schema).expect("the bundled schema compiles");
    (schema, validator)
});

static CONTAINERS: LazyLock<(J, jsonschema::Validator)> = LazyLock::new(|| {
    let schema = entered(serde_json::json!({
        "type": "array",
        "items": { "$ref": "#/$defs/container" }
    }));
    let validator = jsonschema::validator_for(&schema).expect("the bundled schema compiles");
    (schema, validator)
});

fn check(input: &EcsInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.tree else { return };
    let (node, (json_schema, validator)) = match input.task {
        Some(task) if task.as_map().is_some() => (task, &*TASK),
        Some(other) => {
            cx.report(
                other.span,
                "a task definition is one JSON object (`{ \"family\": ..., \"containerDefinitions\": [...] }`)",
            );
            return;
        }
        None => (root, &*CONTAINERS),
    };
    let wording = Schema {
        json: json_schema,
        spec: "the ECS task definition format",
        place,
        skip_key: schema::skip_none,
        special: template_value,
        quoted_items: &[],
        unknown_keys_at_most: None,
    };
    let json = node.to_json();
    schema::validate(&wording, validator, node, &json, &[], input.text, cx);
}

/// A string that is a whole placeholder (`"${MEMORY}"`, `"{{ .Cpu }}"`) is rendered into the
/// right type before ECS reads it: its type is not judged.
fn template_value(site: &Site<'_>) -> Option<Vec<Finding>> {
    let text = site.instance.as_str()?.trim();
    let placeholder = (text.starts_with("${") && text.ends_with('}'))
        || (text.starts_with("{{") && text.ends_with("}}"))
        || (text.starts_with("#{") && text.ends_with('}'));
    (placeholder
        && matches!(
            site.kind,
            jsonschema::error::ValidationErrorKind::Type { .. }
        ))
    .then(Vec::new)
}

fn place(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    match parts.as_slice() {
        [] => "task definition key".into(),
        ["containerDefinitions", i] | [i] if i.parse::<usize>().is_ok() => {
            "container definition key".into()
        }
        ["volumes", _] => "volume key".into(),
        _ => format!("key under `{}`", field_name(path)),
    }
}
