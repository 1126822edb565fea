//! Checks of ECS container definitions, shared by the kinds that hold them: Elastic Beanstalk's
//! `Dockerrun.aws.json` version 2 (its `containerDefinitions` are ECS container definitions) and
//! ECS task definitions. Each kind's rule file is a thin wrapper that says which containers and
//! volumes its file declares; the judgement lives here once.

use std::collections::HashSet;

use crate::diagnostic::Span;
use crate::rule::Context;
use crate::secrets::{Verdict, judge};
use crate::syntax::yaml::Node;

/// What the references of a file's containers may name.
pub struct Declared<'a> {
    /// The container definitions (objects only).
    pub containers: &'a [&'a Node],
    /// The items of the file's `volumes` (empty when it has none); `None` when the file cannot
    /// declare volumes (a bare list of container definitions), so mounts are not judged.
    pub volumes: Option<&'a [Node]>,
    /// Volumes the platform creates without a declaration (Beanstalk's `awseb-logs-<name>`).
    pub automatic_volume: fn(&str) -> bool,
}

/// No volume is created without a declaration (ECS task definitions).
pub fn no_automatic_volume(_: &str) -> bool {
    false
}

/// A container's `name`, for messages.
pub fn name_of(container: &Node) -> &str {
    container
        .get("name")
        .and_then(|n| n.as_str())
        .unwrap_or("?")
}

/// The items of an array value of a container (`links`, `mountPoints`...).
fn items<'n>(container: &'n Node, key: &str) -> &'n [Node] {
    container
        .get(key)
        .and_then(|l| l.as_seq())
        .unwrap_or_default()
}

/// `links`, `mountPoints.sourceVolume`, `volumesFrom.sourceContainer` and
/// `dependsOn.containerName` naming nothing the file declares.
pub fn undefined_references(declared: &Declared<'_>, cx: &mut Context<'_>) {
    let names: Vec<&str> = declared
        .containers
        .iter()
        .filter_map(|c| c.get("name").and_then(|n| n.as_str()))
        .collect();
    let volumes: Option<Vec<&str>> = declared.volumes.map(|v| {
        v.iter()
            .filter_map(|v| v.get("name").and_then(|n| n.as_str()))
            .collect()
    });
    let name_set: HashSet<&str> = names.iter().copied().collect();
    let volume_set: HashSet<&str> = volumes.iter().flatten().copied().collect();
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
    let container_ref = |node: &Node, what: &str, own: &str, cx: &mut Context<'_>| {
        let Some(text) = node.as_str() else { return };
        let target = if what == "links to" {
            text.split(':').next().unwrap_or(text)
        } else {
            text
        };
        if !name_set.contains(target) {
            cx.report(
                node.span,
                format!(
                    "container `{own}` {what} `{target}`, which is not a container of this file"
                ),
            )
            .help(suggest(target, &names));
        }
    };
    for c in declared.containers {
        let own = name_of(c);
        for link in items(c, "links") {
            container_ref(link, "links to", own, cx);
        }
        for from in items(c, "volumesFrom") {
            if let Some(source) = from.get("sourceContainer") {
                container_ref(source, "takes volumes from", own, cx);
            }
        }
        for dep in items(c, "dependsOn") {
            if let Some(source) = dep.get("containerName") {
                container_ref(source, "depends on", own, cx);
            }
        }
        let Some(volumes) = &volumes else { continue };
        for mount in items(c, "mountPoints") {
            let Some(source) = mount.get("sourceVolume") else {
                continue;
            };
            let Some(volume) = source.as_str() else {
                continue;
            };
            if (declared.automatic_volume)(volume) || volume_set.contains(volume) {
                continue;
            }
            cx.report(
                source.span,
                format!(
                    "container `{own}` mounts volume `{volume}`, which `volumes` does not declare"
                ),
            )
            .help(suggest(volume, volumes));
        }
    }
}

/// Every container explicitly `"essential": false` (the default is true): ECS stops a task when
/// an essential container stops, and refuses a task definition without one. Reported at `at`.
pub fn no_essential_container(containers: &[&Node], at: Span, cx: &mut Context<'_>) {
    if containers.is_empty() {
        return;
    }
    let not_essential = |c: &&Node| c.get("essential").and_then(|e| e.as_str()) == Some("false");
    if containers.iter().all(not_essential) {
        cx.report(at, "every container says `\"essential\": false`: ECS needs at least one essential container")
            .help("mark the container the task exists for `\"essential\": true`");
    }
}

/// Plain-text credentials in a container's `environment` (masked), suggesting its `secrets`.
pub fn secrets_in_environment(containers: &[&Node], cx: &mut Context<'_>) {
    for c in containers {
        let own = name_of(c);
        for item in items(c, "environment") {
            let (Some(name), Some(node)) =
                (item.get("name").and_then(|n| n.as_str()), item.get("value"))
            else {
                continue;
            };
            let Some(value) = node.as_str() else { continue };
            if value.is_empty() {
                continue;
            }
            let help = format!(
                "move it to the container's `secrets`: `{{ \"name\": \"{name}\", \"valueFrom\": \"<Secrets Manager or SSM parameter ARN>\" }}`, and revoke the value"
            );
            match judge(name, value, &[own.to_string()]) {
                Some(Verdict::Token { what, shown }) => {
                    cx.report(
                        node.span,
                        format!("{what} `{shown}` is written into `{name}` of container `{own}`"),
                    )
                    .help(help)
                    .secret();
                }
                Some(Verdict::Credential { shown, demo }) => {
                    let d = cx
                        .report(
                            node.span,
                            format!("`{name}` of container `{own}` is a plain-text credential (`{shown}`)"),
                        )
                        .help(help)
                        .secret();
                    if demo {
                        d.at_most(crate::Severity::Info);
                    }
                }
                None => {}
            }
        }
    }
}

/// A container's `memory` / `memoryReservation` as written: `Some(true)` when set to a
/// non-zero value, `Some(false)` when 0, `None` when absent.
pub fn memory_set(container: &Node, key: &str) -> Option<bool> {
    container
        .get(key)
        .filter(|m| !m.is_null())
        .and_then(|m| m.as_str())
        .map(|v| v.trim() != "0")
}

/// rlint's schema of an ECS task definition (`rules/schemas/`); its `$defs/container` is also
/// the container definition of a version 2 `Dockerrun.aws.json`.
pub const ECS_SCHEMA_TEXT: &str =
    include_str!("../../../../rules/schemas/ecs-task-definition.schema.json");

/// [`ECS_SCHEMA_TEXT`], parsed once.
pub static ECS_SCHEMA: std::sync::LazyLock<serde_json::Value> = std::sync::LazyLock::new(|| {
    serde_json::from_str(ECS_SCHEMA_TEXT).expect("the bundled schema is JSON")
});

/// A `memoryReservation` above the container's `memory` (the hard limit): ECS refuses it
/// ("memory must be greater than memoryReservation").
pub fn reservation_above_limit(containers: &[&Node], cx: &mut Context<'_>) {
    for c in containers {
        let number = |key: &str| {
            c.get(key)
                .and_then(|m| m.as_str())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(|n| (n, c.get(key).expect("read above").span))
        };
        if let (Some((limit, _)), Some((reserved, at))) =
            (number("memory"), number("memoryReservation"))
            && reserved > limit
        {
            cx.report(
                at,
                format!(
                    "container `{}` reserves {reserved} MiB, more than its {limit} MiB `memory` limit",
                    name_of(c)
                ),
            )
            .help("`memoryReservation` is the soft limit and must stay below `memory`, the hard one: lower it, or raise `memory`");
        }
    }
}
