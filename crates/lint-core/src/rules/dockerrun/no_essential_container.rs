use crate::rule::{Context, DockerrunInput};

crate::declare_rule! {
    /// ## What it does
    /// In a version 2 `Dockerrun.aws.json`, finds a file whose containers all say
    /// `"essential": false`. A container without `essential` is essential (the ECS default),
    /// so only an explicit `false` on every one is reported.
    ///
    /// ## Why is this bad?
    /// ECS requires at least one essential container in a task: the task definition is refused
    /// and the deployment fails.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 128, "essential": false }]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 128, "essential": true }]
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: container definitions, essential](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_environment)
    pub static RULE = {
        code: "DR004",
        name: "no-essential-container",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerrun(check),
    }
}

fn check(input: &DockerrunInput<'_>, cx: &mut Context<'_>) {
    let containers = input.containers();
    let Some(first) = containers.first() else {
        return;
    };
    let at = input
        .tree
        .and_then(|t| t.entry("containerDefinitions"))
        .map_or(first.span, |e| e.key.span);
    crate::rules::containers::no_essential_container(&containers, at, cx);
}
