//! Amazon ECS task definitions: the JSON `aws ecs register-task-definition --cli-input-json`,
//! the `aws-actions/amazon-ecs-deploy-task-definition` action and CodeDeploy's `taskdef.json`
//! read, also as `aws ecs describe-task-definition` prints it (`{"taskDefinition": {...}}`) and
//! as Terraform's `container_definitions` file (a bare list of container definitions). Strict
//! JSON; the rules are in `rules::ecs`, the container checks shared with `Dockerrun.aws.json`
//! in `rules::containers`. JSON has no comments, so there are no inline pragmas.

use super::{Kind, Name, NameMatch};
use crate::diagnostic::Diagnostic;
use crate::rule::{Check, EcsInput};
use crate::source::FileKind;
use crate::syntax::yaml::Node;
use crate::{Config, Related, rules, suppress, syntax};

pub static KIND: Kind = Kind {
    kind: FileKind::EcsTaskDefinition,
    by_name,
    by_content: Some(by_content),
    lint: Some(lint),
    pragma: "none (JSON has no comments): use `ignore` / `per-path-ignores` in rlint.toml",
};

/// `task-definition.json`, `taskdef.json` (CodeDeploy), `web.task-definition.json`,
/// `container-definitions.json` (Terraform): the name says it. Another `.json` with `ecs` in
/// its name (`ecs-web.json`) may be one: the content decides.
fn by_name(name: &Name<'_>) -> NameMatch {
    let Some(stem) = name.lower.strip_suffix(".json") else {
        return NameMatch::No;
    };
    // A JSON Schema of task definitions (rlint's own among them) is not one.
    if stem.ends_with(".schema") {
        return NameMatch::No;
    }
    let squashed: String = stem.chars().filter(char::is_ascii_alphanumeric).collect();
    if squashed.contains("taskdef") || squashed.contains("containerdefinitions") {
        NameMatch::Yes
    } else if squashed.contains("ecs") {
        NameMatch::Maybe
    } else {
        NameMatch::No
    }
}

/// A JSON object with a `containerDefinitions` list and a setting only task definitions have
/// (`family`, `requiresCompatibilities`, `networkMode`, `taskDefinitionArn`), at the top or
/// under `taskDefinition` (`describe-task-definition` output); never a `Dockerrun.aws.json`
/// (which has the same list) or a JSON Schema.
fn by_content(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if !text.starts_with('{') || !text.contains("\"containerDefinitions\"") {
        return false;
    }
    let Ok(serde_json::Value::Object(root)) = serde_json::from_str::<serde_json::Value>(text)
    else {
        return false;
    };
    if root.contains_key("AWSEBDockerrunVersion") || root.contains_key("$schema") {
        return false;
    }
    let task = match root.get("taskDefinition") {
        Some(serde_json::Value::Object(inner)) => inner,
        _ => &root,
    };
    task.get("containerDefinitions")
        .is_some_and(|c| c.is_array())
        && [
            "family",
            "requiresCompatibilities",
            "networkMode",
            "taskDefinitionArn",
        ]
        .iter()
        .any(|k| task.contains_key(*k))
}

/// Where the task definition and its containers are in a document.
fn locate(root: Option<&Node>) -> (Option<&Node>, Vec<&Node>) {
    fn objects(list: Option<&Node>) -> Vec<&Node> {
        list.and_then(|l| l.as_seq())
            .map(|items| items.iter().filter(|i| i.as_map().is_some()).collect())
            .unwrap_or_default()
    }
    let Some(root) = root else {
        return (None, Vec::new());
    };
    if root.as_seq().is_some() {
        return (None, objects(Some(root)));
    }
    let task = match root.get("taskDefinition") {
        Some(inner) if inner.as_map().is_some() => inner,
        _ => root,
    };
    (Some(task), objects(task.get("containerDefinitions")))
}

/// All enabled ECS task definition rules over one text, sorted by position.
pub fn lint(_path: &str, text: &str, config: &Config, _related: Related<'_>) -> Vec<Diagnostic> {
    let json = syntax::json::parse(text);
    let tree = json.root.as_ref().map(|r| r.to_tree());
    let (task, containers) = locate(tree.as_ref());
    let input = EcsInput {
        text,
        json: &json,
        tree: tree.as_ref(),
        task,
        containers,
    };
    let none = suppress::Suppressions::default();
    let mut out = super::run_rules(text.len(), rules::ecs::RULES, config, &none, |rule, cx| {
        if let Check::EcsTaskDefinition(check) = rule.check {
            check(&input, cx);
        }
    });
    super::sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let m = |lower: &str| {
            by_name(&Name {
                lower,
                parent: "",
                grandparent: "",
            })
        };
        assert_eq!(m("task-definition.json"), NameMatch::Yes);
        assert_eq!(m("taskdef.json"), NameMatch::Yes);
        assert_eq!(m("web.task_definition.json"), NameMatch::Yes);
        assert_eq!(m("container-definitions.json"), NameMatch::Yes);
        assert_eq!(m("ecs-web.json"), NameMatch::Maybe);
        assert_eq!(m("package.json"), NameMatch::No);
        assert_eq!(m("task-definition.yaml"), NameMatch::No);
        assert_eq!(m("ecs-task-definition.schema.json"), NameMatch::No);
    }

    #[test]
    fn content() {
        assert!(by_content(
            r#"{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx"}]}"#
        ));
        assert!(!by_content(
            r#"{"AWSEBDockerrunVersion": 2, "containerDefinitions": [], "family": "x"}"#
        ));
        assert!(!by_content(r#"{"name": "web", "version": "1.0.0"}"#));
        assert!(by_content(
            r#"{"taskDefinition": {"taskDefinitionArn": "arn:x", "containerDefinitions": []}}"#
        ));
        assert!(!by_content(
            r#"{"$schema": "x", "properties": {"family": {}, "containerDefinitions": {}}}"#
        ));
        assert!(!by_content(
            r#"{"family": "x", "containerDefinitions": [1,]}"#
        ));
    }
}
