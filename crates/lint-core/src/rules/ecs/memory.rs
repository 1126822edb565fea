use crate::rule::{Context, EcsInput};
use crate::rules::containers;

crate::declare_rule! {
    /// ## What it does
    /// In an ECS task definition that can run on EC2 instances (no `requiresCompatibilities`,
    /// or one naming `EC2` or `EXTERNAL`) and sets no task-level `memory`, finds a container
    /// with neither `memory` nor `memoryReservation`, or with one of them set to 0. In any task,
    /// finds a `memoryReservation` above the container's own `memory`.
    ///
    /// A Fargate-only task must set task-level `cpu` and `memory` (EC006 says so); a bare list
    /// of container definitions (Terraform) has its task-level settings elsewhere, so only the
    /// reservation is judged there.
    ///
    /// ## Why is this bad?
    /// On EC2 the task's memory is the sum its containers ask for: without a task-level value
    /// ECS refuses the task definition ("At least one of 'memory' or 'memoryReservation' must
    /// be specified"); a reservation above the hard limit is refused as well.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [{ "name": "web", "image": "nginx:1.27" }]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memoryReservation": 128 }]
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS task definition parameters: memory](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory)
    /// - [Amazon ECS API: TaskDefinition memory](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html)
    pub static RULE = {
        code: "EC003",
        name: "task-without-memory",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: EcsTaskDefinition(check),
    }
}

fn check(input: &EcsInput<'_>, cx: &mut Context<'_>) {
    containers::reservation_above_limit(&input.containers, cx);
    let Some(task) = input.task else { return };
    if task.get("memory").is_some() {
        return;
    }
    let compatibilities = input.compatibilities();
    let on_instances = compatibilities.is_empty()
        || compatibilities
            .iter()
            .any(|c| matches!(c.as_str(), Some("EC2" | "EXTERNAL")));
    if !on_instances {
        return;
    }
    for c in &input.containers {
        let own = containers::name_of(c);
        let set = |key: &str| containers::memory_set(c, key);
        match (set("memory"), set("memoryReservation")) {
            (Some(true), _) | (_, Some(true)) => {}
            (None, None) => {
                let at = c.entry("name").map_or(c.span, |e| e.key.span);
                cx.report(
                    at,
                    format!("container `{own}` sets neither `memory` nor `memoryReservation`, and the task sets no `memory`: ECS refuses it on EC2"),
                )
                .help("add `\"memoryReservation\": <MiB>` to the container (a soft limit), `\"memory\"` for a hard one, or a task-level `\"memory\"`");
            }
            _ => {
                let node = c
                    .get("memory")
                    .or_else(|| c.get("memoryReservation"))
                    .expect("one is set");
                cx.report(
                    node.span,
                    format!(
                        "container `{own}` asks for 0 MiB of memory: ECS requires a non-zero value"
                    ),
                )
                .help("set the MiB the container needs");
            }
        }
    }
}
