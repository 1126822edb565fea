use crate::rule::{Context, EcsInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds container settings the task's network mode does not allow. They are:
    /// - with `awsvpc` or `host`, a port mapping whose `hostPort` differs from its
    ///   `containerPort` (the container's port *is* the host's or the interface's port; leave
    ///   `hostPort` out or repeat the container port);
    /// - `links` in any mode but `bridge` (links are a feature of Docker's default bridge).
    ///
    /// The mode is the task's `networkMode`; without one it is `awsvpc` for a Fargate-only task
    /// and `bridge` otherwise (the EC2 Linux default). A bare list of container definitions
    /// (Terraform) has its mode elsewhere and is not judged.
    ///
    /// ## Why is this bad?
    /// ECS refuses to register the task definition ("When networkMode=awsvpc, the host ports and
    /// container ports in port mappings must match", "Links are not supported when networkMode=
    /// awsvpc"): the deploy fails.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "networkMode": "awsvpc",
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 256,
    ///       "portMappings": [{ "containerPort": 80, "hostPort": 8080 }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "networkMode": "awsvpc",
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 256,
    ///       "portMappings": [{ "containerPort": 80 }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS task definition parameters: port mappings](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_portmappings)
    /// - [Amazon ECS task definition parameters: network mode](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode)
    pub static RULE = {
        code: "EC007",
        name: "network-mode-conflict",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: EcsTaskDefinition(check),
    }
}

fn check(input: &EcsInput<'_>, cx: &mut Context<'_>) {
    if input.task.is_none() {
        return;
    }
    let mode = input.network_mode();
    for c in &input.containers {
        let own = crate::rules::containers::name_of(c);
        if matches!(mode, "awsvpc" | "host") {
            for m in c
                .get("portMappings")
                .and_then(|p| p.as_seq())
                .unwrap_or_default()
            {
                let (Some(container), Some(host)) = (m.get("containerPort"), m.get("hostPort"))
                else {
                    continue;
                };
                let (Some(cp), Some(hp)) = (container.as_str(), host.as_str()) else {
                    continue;
                };
                // 0 asks ECS to choose, which it does by taking the container port.
                if cp.parse::<u32>().is_ok() && hp.parse::<u32>().is_ok_and(|p| p != 0) && cp != hp
                {
                    cx.report(
                        host.span,
                        format!("container `{own}` maps host port {hp} to container port {cp}, but with `{mode}` networking the two are the same port"),
                    )
                    .help(format!("leave `hostPort` out (or set it to {cp}), and change the port the container listens on if {hp} is what clients use"));
                }
            }
        }
        if mode != "bridge"
            && let Some(e) = c.entry("links")
            && e.value.as_seq().is_some_and(|l| !l.is_empty())
        {
            cx.report(
                e.key.span,
                format!("container `{own}` has `links`, which only the `bridge` network mode supports (this task runs `{mode}`)"),
            )
            .help("containers of one task reach each other on `localhost` with `awsvpc` (and `host`): use `localhost:<port>` and drop `links`");
        }
    }
}
