use crate::rule::{Context, EcsInput};

crate::declare_rule! {
    /// ## What it does
    /// In an ECS task definition, finds containers that all say `"essential": false`.
    /// `essential` defaults to true, so only a file that switches it off everywhere is
    /// reported.
    ///
    /// ## Why is this bad?
    /// A task needs at least one essential container (the one whose exit stops the task):
    /// ECS refuses to register the task definition without one.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 256, "essential": false }]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 256, "essential": true }]
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS task definition parameters: essential](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_environment)
    pub static RULE = {
        code: "EC004",
        name: "task-without-essential-container",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: EcsTaskDefinition(check),
    }
}

fn check(input: &EcsInput<'_>, cx: &mut Context<'_>) {
    let Some(first) = input.containers.first() else {
        return;
    };
    let at = input
        .task
        .and_then(|t| t.entry("containerDefinitions"))
        .map_or(first.span, |e| e.key.span);
    crate::rules::containers::no_essential_container(&input.containers, at, cx);
}
