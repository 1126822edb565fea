use crate::rule::{Context, DockerrunInput};

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
    let names: Vec<&str> = containers
        .iter()
        .filter_map(|c| c.get("name").and_then(|n| n.as_str()))
        .collect();
    let volumes: Vec<&str> = input
        .tree
        .and_then(|t| t.get("volumes"))
        .and_then(|v| v.as_seq())
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.get("name").and_then(|n| n.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let (name_set, volume_set): (
        std::collections::HashSet<&str>,
        std::collections::HashSet<&str>,
    ) = (
        names.iter().copied().collect(),
        volumes.iter().copied().collect(),
    );
    // A suggestion compares the word with every name: a generated file with thousands of
    // containers gets none rather than quadratic work.
    let suggest = |word: &str, among: &[&str]| {
        (among.len() <= 200)
            .then(|| crate::suggest::did_you_mean(word, among))
            .flatten()
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| match among {
                [] => "none is defined in this file".to_string(),
                _ => format!("defined here: {}", crate::rules::schema::list(among, 10)),
            })
    };
    for c in &containers {
        let own = c.get("name").and_then(|n| n.as_str()).unwrap_or("?");
        for link in c.get("links").and_then(|l| l.as_seq()).unwrap_or_default() {
            let Some(text) = link.as_str() else { continue };
            let target = text.split(':').next().unwrap_or(text);
            if !name_set.contains(target) {
                cx.report(
                    link.span,
                    format!("container `{own}` links to `{target}`, which is not a container of this file"),
                )
                .help(suggest(target, &names));
            }
        }
        for mount in c
            .get("mountPoints")
            .and_then(|m| m.as_seq())
            .unwrap_or_default()
        {
            let Some(source) = mount.get("sourceVolume") else {
                continue;
            };
            let Some(volume) = source.as_str() else {
                continue;
            };
            if volume.starts_with("awseb-logs-") || volume_set.contains(volume) {
                continue;
            }
            cx.report(
                source.span,
                format!(
                    "container `{own}` mounts volume `{volume}`, which `volumes` does not declare"
                ),
            )
            .help(suggest(volume, &volumes));
        }
        for from in c
            .get("volumesFrom")
            .and_then(|m| m.as_seq())
            .unwrap_or_default()
        {
            let Some(source) = from.get("sourceContainer") else {
                continue;
            };
            let Some(name) = source.as_str() else {
                continue;
            };
            if !name_set.contains(name) {
                cx.report(
                    source.span,
                    format!("container `{own}` takes volumes from `{name}`, which is not a container of this file"),
                )
                .help(suggest(name, &names));
            }
        }
    }
}
