//! GitHub Actions metadata files (`action.yml`, `action.yaml`): the shared YAML tree, a model of
//! what the action runs (its `runs.using`, its declared inputs, and for a composite action its
//! steps, modelled as a workflow's steps so the same shell and expression analysis applies), the
//! rules in `rules::action`, and `# rlint ignore=` pragmas as in workflows.

use super::{Kind, Name, NameMatch};
use crate::diagnostic::Diagnostic;
use crate::kinds::workflow::{self, Step};
use crate::rule::{ActionInput, Check};
use crate::source::FileKind;
use crate::syntax::yaml::Node;
use crate::{Config, Related, rules, syntax};

pub static KIND: Kind = Kind {
    kind: FileKind::GithubAction,
    by_name,
    by_content: Some(by_content),
    lint: Some(lint),
    pragma: "# rlint ignore=CODE (own line: the next line; end of line: that line), \
             # rlint global ignore=CODE",
};

/// `action.yml` / `action.yaml`, the names GitHub loads an action's metadata from. The name
/// alone does not settle it (other tools use `action.yml` too): the content decides.
fn by_name(name: &Name<'_>) -> NameMatch {
    if matches!(name.lower, "action.yml" | "action.yaml") {
        NameMatch::Maybe
    } else {
        NameMatch::No
    }
}

/// What `runs.using` may say, lowercased (GitHub compares it ignoring case).
pub const USING: [&str; 6] = [
    "node12",
    "node16",
    "node20",
    "node24",
    "docker",
    "composite",
];

/// A YAML file with a top-level `runs:` whose `using:` names a runtime GitHub has (`node20`,
/// `docker`, `composite`) is an action's metadata whatever its name. `runs:` alone is not
/// enough: other tools' files have such a key.
fn by_content(text: &str) -> bool {
    let mut in_runs = false;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            in_runs = line
                .strip_prefix("runs")
                .is_some_and(|r| r.trim_start().starts_with(':'));
            continue;
        }
        let using = line
            .trim_start()
            .strip_prefix("using")
            .and_then(|r| r.trim_start().strip_prefix(':'));
        if let Some(value) = using.filter(|_| in_runs) {
            let value = value.split(" #").next().unwrap_or("").trim();
            let value = value.trim_matches(['"', '\'']).to_ascii_lowercase();
            return USING.contains(&value.as_str());
        }
    }
    false
}

/// What an action's metadata says it runs.
pub struct Action<'a> {
    /// The `runs:` mapping.
    pub runs: Option<&'a Node>,
    /// `runs.using`, as written.
    pub using: Option<&'a Node>,
    /// The input ids of `inputs:` (GitHub compares them ignoring case), with their key nodes.
    pub inputs: Vec<&'a Node>,
    /// A composite action's steps (`runs.steps`), modelled as a workflow's.
    pub steps: Vec<Step<'a>>,
}

impl Action<'_> {
    /// Whether `runs.using` is `composite`.
    pub fn is_composite(&self) -> bool {
        self.using
            .and_then(Node::as_str)
            .is_some_and(|u| u.trim().eq_ignore_ascii_case("composite"))
    }

    /// Whether `inputs:` declares `id` (ignoring case, as `${{ inputs.ID }}` reads it).
    pub fn declares_input(&self, id: &str) -> bool {
        self.inputs
            .iter()
            .any(|k| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(id)))
    }
}

/// The model of an action's root mapping.
pub fn action<'a>(text: &str, root: Option<&'a Node>) -> Action<'a> {
    let runs = root
        .and_then(|r| r.get("runs"))
        .filter(|r| r.as_map().is_some());
    let using = runs.and_then(|r| r.get("using"));
    let inputs = root
        .and_then(|r| r.get("inputs"))
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .map(|e| &e.key)
        .collect();
    let mut out = Action {
        runs,
        using,
        inputs,
        steps: Vec::new(),
    };
    if out.is_composite() {
        out.steps = runs
            .and_then(|r| r.get("steps"))
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter(|s| s.as_map().is_some())
            .map(|s| workflow::step(text, s))
            .collect();
    }
    out
}

/// Where an expression is written in an action.
pub struct Site {
    pub expression: workflow::Expression,
    /// The index in [`Action::steps`] of the composite step it is written in (`None`: an
    /// output's `value`).
    pub step: Option<usize>,
    /// The step's key it is written under (`run`, `with`, `if`...), or `value`.
    pub key: String,
}

impl Action<'_> {
    /// Every expression GitHub evaluates in a composite action, in file order: everywhere in
    /// its steps (`if:` conditions written without braces included) and in the outputs'
    /// `value`. Descriptions and defaults are text to GitHub.
    pub fn sites(&self, text: &str, root: Option<&Node>) -> Vec<Site> {
        let mut out = Vec::new();
        if !self.is_composite() {
            return out;
        }
        for (i, step) in self.steps.iter().enumerate() {
            for entry in step.node.as_map().unwrap_or_default() {
                let key = entry.key.as_str().unwrap_or("");
                let mut found = scalars(&entry.value)
                    .into_iter()
                    .flat_map(|n| workflow::expressions(text, n))
                    .collect::<Vec<_>>();
                if key == "if" && found.is_empty() {
                    found.extend(
                        workflow::condition(text, &entry.value)
                            .filter(|c| !c.inner.trim().is_empty()),
                    );
                }
                out.extend(found.into_iter().map(|expression| Site {
                    expression,
                    step: Some(i),
                    key: key.to_string(),
                }));
            }
        }
        let outputs = root
            .and_then(|r| r.get("outputs"))
            .and_then(Node::as_map)
            .unwrap_or_default();
        for output in outputs {
            if let Some(value) = output.value.get("value") {
                out.extend(
                    workflow::expressions(text, value)
                        .into_iter()
                        .map(|expression| Site {
                            expression,
                            step: None,
                            key: "value".to_string(),
                        }),
                );
            }
        }
        out.sort_by_key(|s| s.expression.span.start);
        out
    }
}

/// The scalars below a node, in file order.
fn scalars(node: &Node) -> Vec<&Node> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.value {
            syntax::yaml::Value::Scalar(_) => out.push(n),
            syntax::yaml::Value::Seq(items) => stack.extend(items.iter().rev()),
            syntax::yaml::Value::Map(entries) => {
                stack.extend(entries.iter().rev().map(|e| &e.value))
            }
        }
    }
    out
}

/// All enabled action rules over one text, suppressions applied, sorted by position.
pub fn lint(_path: &str, text: &str, config: &Config, _related: Related<'_>) -> Vec<Diagnostic> {
    let (yaml, suppressions) = super::parse_yaml(text);
    let root = super::mapping_root(&yaml);
    let action = action(text, root);
    let sites = action.sites(text, root);
    let input = ActionInput {
        text,
        yaml: &yaml,
        root,
        action: &action,
        sites: &sites,
    };
    let mut out = super::run_rules(
        text.len(),
        rules::action::RULES,
        config,
        &suppressions,
        |rule, cx| {
            if let Check::GithubAction(check) = rule.check {
                check(&input, cx);
            }
        },
    );
    super::sort_once_per_anchor(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognised_by_a_top_level_runs_with_a_known_using() {
        assert!(by_content(
            "name: x\nruns:\n  using: composite\n  steps:\n    - run: make\n      shell: bash\n"
        ));
        assert!(by_content(
            "runs:\n  # the runtime\n  using: \"node20\"\n  main: index.js\n"
        ));
        assert!(by_content(
            "runs:\n  using: Docker # an image\n  image: Dockerfile\n"
        ));
        // `using` outside `runs`, an unknown runtime, a nested `runs`.
        assert!(!by_content("using: node20\nruns:\n  main: x\n"));
        assert!(!by_content("runs:\n  using: python\n"));
        assert!(!by_content("jobs:\n  runs:\n    using: docker\n"));
    }

    #[test]
    fn composite_steps_are_modelled_as_workflow_steps() {
        let text = "runs:\n  using: composite\n  steps:\n    - run: curl -s https://x | sh\n      shell: bash\n    - uses: actions/checkout@v4\ninputs:\n  Token:\n    description: t\n";
        let yaml = syntax::yaml::parse(text);
        let action = action(text, yaml.documents.first());
        assert!(action.is_composite());
        assert_eq!(action.steps.len(), 2);
        let script = action.steps[0].script.as_ref().unwrap();
        assert_eq!(script.shell.commands[0].name(), "curl");
        assert!(action.steps[1].uses.is_some());
        assert!(action.declares_input("token"));
        assert!(!action.declares_input("other"));
    }
}
