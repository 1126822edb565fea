use std::sync::LazyLock;

use serde_json::Value as J;

use crate::diagnostic::Severity;
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
    /// string value that is a whole template placeholder (`"${MEMORY}"`) is not judged by type,
    /// and a `null` counts as not set (the deploy actions strip nulls; `describe-task-definition`
    /// output is full of them). A container without `image` is reported at info only: the
    /// `amazon-ecs-render-task-definition` action fills it in most pipelines.
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
        // One container definition where the task definition should be: one finding.
        Some(task)
            if task.get("containerDefinitions").is_none()
                && task.get("name").is_some()
                && task.get("image").is_some() =>
        {
            cx.report(
                crate::diagnostic::Span::new(task.span.start, task.span.start + 1),
                "this is a container definition, not a task definition: ECS reads a task definition with `family` and a `containerDefinitions` list",
            )
            .help("wrap it: `{ \"family\": \"<name>\", \"containerDefinitions\": [ <this object> ] }` (a Terraform `container_definitions` file is a list: `[ <this object> ]`)");
            return;
        }
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
        special,
        keys_for: schema::schema_keys,
        quoted_items: &[],
        unknown_keys_at_most: None,
    };
    let json = schema::without_nulls(node.to_json());
    schema::validate(&wording, validator, node, &json, &[], input.text, cx);
}

/// What the ECS format says differently from the generic wording: a string that is a whole
/// placeholder (`"${MEMORY}"`, `"{{ .Cpu }}"`) is rendered into the right type before ECS reads
/// it, so its type is not judged; a container without `image` is completed by
/// `aws-actions/amazon-ecs-render-task-definition` in most deploy pipelines, so it is said at
/// info.
fn special(site: &Site<'_>) -> Option<Vec<Finding>> {
    use jsonschema::error::ValidationErrorKind as K;
    match site.kind {
        K::Type { .. } => {
            let text = site.instance.as_str()?.trim();
            let placeholder = (text.starts_with("${") && text.ends_with('}'))
                || (text.starts_with("{{") && text.ends_with("}}"))
                || (text.starts_with("#{") && text.ends_with('}'));
            placeholder.then(Vec::new)
        }
        // `{ "name": ..., "valueFrom": ... }` is a `secrets` entry written under `environment`:
        // one finding that says where it goes, not "unknown key".
        K::AdditionalProperties { unexpected }
            if site.path.contains("/environment/")
                && unexpected.iter().any(|k| k == "valueFrom") =>
        {
            let name = site
                .instance
                .get("name")
                .and_then(|n| n.as_str())
                .unwrap_or("?");
            Some(vec![Finding {
                span: site.value_span,
                message: format!("`{name}` takes its value from `valueFrom`, which `environment` does not read: ECS refuses the entry"),
                help: Some("move the entry to the container's `secrets` list (`{ \"name\": ..., \"valueFrom\": <Secrets Manager or SSM ARN> }`)".into()),
                repair: None,
                at_most: None,
            }])
        }
        K::Required { property } if property.as_str() == Some("image") => {
            let name = site
                .instance
                .get("name")
                .and_then(|n| n.as_str())
                .unwrap_or("?");
            Some(vec![Finding {
                span: site.value_span,
                message: format!("container `{name}` has no `image`: ECS needs one to register the task definition"),
                help: Some("fine when a deploy step fills it in (`aws-actions/amazon-ecs-render-task-definition`); otherwise add `\"image\": \"<repository>:<tag>\"`".into()),
                repair: None,
                at_most: Some(Severity::Info),
            }])
        }
        _ => None,
    }
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
