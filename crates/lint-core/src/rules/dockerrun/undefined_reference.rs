use crate::rule::{Context, DockerrunInput};
use crate::rules::containers;

crate::declare_rule! {
    /// ## What it does
    /// In a version 2 `Dockerrun.aws.json`, finds references to things the file does not
    /// define: a `links` entry naming no container (`"links": ["db"]` with no container `db`;
    /// `name:alias` entries are read by their name), a `mountPoints` `sourceVolume` not declared
    /// under `volumes`, a `volumesFrom` `sourceContainer` naming no container. The volumes
    /// Elastic Beanstalk creates itself for every container's logs, `awseb-logs-<container>`, are
    /// defined.
    ///
    /// ## Why is this bad?
    /// ECS refuses the task definition Beanstalk makes from the file, and the deployment fails
    /// after the upload with an error that names no line.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "volumes": [{ "name": "app", "host": { "sourcePath": "/var/app/current" } }],
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 128, "links": ["api"],
    ///       "mountPoints": [{ "sourceVolume": "app", "containerPath": "/srv" }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "AWSEBDockerrunVersion": 2,
    ///   "volumes": [{ "name": "app", "host": { "sourcePath": "/var/app/current" } }],
    ///   "containerDefinitions": [
    ///     { "name": "api", "image": "registry.example.com/api:2.1", "memory": 256 },
    ///     { "name": "web", "image": "nginx:1.27", "memory": 128, "links": ["api"],
    ///       "mountPoints": [{ "sourceVolume": "app", "containerPath": "/srv" }] }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - [Elastic Beanstalk: Dockerrun.aws.json v2](https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/create_deploy_docker_v2config.html)
    pub static RULE = {
        code: "DR002",
        name: "dockerrun-undefined-reference",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerrun(check),
    }
}

fn check(input: &DockerrunInput<'_>, cx: &mut Context<'_>) {
    let containers = input.containers();
    let declared = containers::Declared {
        containers: &containers,
        volumes: Some(
            input
                .tree
                .and_then(|t| t.get("volumes"))
                .and_then(|v| v.as_seq())
                .unwrap_or_default(),
        ),
        automatic_volume: |v| v.starts_with("awseb-logs-"),
    };
    containers::undefined_references(&declared, cx);
}
