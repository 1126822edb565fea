use crate::rule::{Context, EcsInput};
use crate::rules::containers;

crate::declare_rule! {
    /// ## What it does
    /// In an ECS task definition, finds references to things the task does not define:
    /// `links` to a container that is not in `containerDefinitions`, `mountPoints` whose
    /// `sourceVolume` is not in `volumes`, `volumesFrom` and `dependsOn` naming an unknown
    /// container. The nearest defined name is suggested.
    ///
    /// In a bare list of container definitions (Terraform's `container_definitions`), the
    /// task's `volumes` are elsewhere, so mounts are not judged.
    ///
    /// ## Why is this bad?
    /// ECS refuses to register the task definition (`Unknown volume` / `Unknown container`),
    /// so the deployment fails.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{ "name": "static" }],
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 256,
    ///       "mountPoints": [{ "sourceVolume": "statics", "containerPath": "/usr/share/nginx/html" }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "volumes": [{ "name": "static" }],
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 256,
    ///       "mountPoints": [{ "sourceVolume": "static", "containerPath": "/usr/share/nginx/html" }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS task definition parameters: volumes](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#volumes)
    /// - [Amazon ECS task definition parameters: container dependency](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_dependson)
    pub static RULE = {
        code: "EC002",
        name: "task-definition-undefined-reference",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: EcsTaskDefinition(check),
    }
}

fn check(input: &EcsInput<'_>, cx: &mut Context<'_>) {
    let declared = containers::Declared {
        containers: &input.containers,
        volumes: input.task.map(|t| {
            t.get("volumes")
                .and_then(|v| v.as_seq())
                .unwrap_or_default()
        }),
        automatic_volume: containers::no_automatic_volume,
    };
    containers::undefined_references(&declared, cx);
}
