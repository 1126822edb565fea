use crate::rule::{Context, DockerrunInput};
use crate::rules::containers;

crate::declare_rule! {
    /// ## What it does
    /// In a version 2 `Dockerrun.aws.json`, finds a container definition with neither `memory`
    /// nor `memoryReservation`, with one of them set to 0, or with a `memoryReservation` above
    /// its `memory`.
    ///
    /// ## Why is this bad?
    /// Elastic Beanstalk requires one of them for every container of a multi-container
    /// environment (the EC2 instances' memory is shared out by them): the deployment fails
    /// with "Container ... must have a memory or memoryReservation". A reservation above the
    /// hard limit is refused as well.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "essential": true }]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "essential": true, "memoryReservation": 128 }]
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS task definition parameters: memoryReservation](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory)
    /// - [Elastic Beanstalk: Dockerrun.aws.json v2, container definition format](https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/create_deploy_docker_v2config.html#create_deploy_docker_v2config_dockerrun_format)
    pub static RULE = {
        code: "DR003",
        name: "container-without-memory",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerrun(check),
    }
}

fn check(input: &DockerrunInput<'_>, cx: &mut Context<'_>) {
    if input.version().as_deref() != Some("2") {
        return;
    }
    let all = input.containers();
    containers::reservation_above_limit(&all, cx);
    for c in all {
        let own = c.get("name").and_then(|n| n.as_str()).unwrap_or("?");
        let set = |key: &str| containers::memory_set(c, key);
        match (set("memory"), set("memoryReservation")) {
            (Some(true), _) | (_, Some(true)) => {}
            (None, None) => {
                let at = c.entry("name").map_or(c.span, |e| e.key.span);
                cx.report(
                    at,
                    format!("container `{own}` sets neither `memory` nor `memoryReservation`: Elastic Beanstalk requires one"),
                )
                .help("add `\"memoryReservation\": <MiB>` (a soft limit), or `\"memory\"` for a hard one");
            }
            _ => {
                let node = c
                    .get("memory")
                    .or_else(|| c.get("memoryReservation"))
                    .expect("one is set");
                cx.report(node.span, format!("container `{own}` reserves 0 MiB of memory: Elastic Beanstalk requires a non-zero value"))
                    .help("set the MiB the container needs");
            }
        }
    }
}
