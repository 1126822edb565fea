//! CircleCI's `.circleci/config.yml`: the shared YAML tree, a model of what the file defines
//! (jobs, commands, executors, orbs, pipeline parameters) and what it uses (workflow jobs and
//! their `requires`, steps, `<< parameters.x >>`), every `run:` command analysed as shell with
//! spans exact inside block scalars, the rules in `rules::circleci`, and `# rlint ignore=`
//! pragmas as in Compose files.

use super::{Kind, Name, NameMatch};
use crate::diagnostic::{Diagnostic, Span};
use crate::rule::{Check, CircleciInput};
use crate::source::FileKind;
use crate::syntax::shell::BlockMap;
use crate::syntax::shell::{self, Script};
use crate::syntax::yaml::Node;
use crate::{Config, Related, rules};

pub static KIND: Kind = Kind {
    kind: FileKind::Circleci,
    by_name,
    by_content: Some(by_content),
    lint: Some(lint),
    pragma: "# rlint ignore=CODE (own line: the next line; end of line: that line), \
             # rlint global ignore=CODE",
};

/// `.circleci/config.yml` (the file CircleCI reads), `circleci-config.yml`; other YAML files
/// of `.circleci/` (a dynamic configuration's `continue_config.yml`, test data) are read when
/// their content is a configuration.
fn by_name(name: &Name<'_>) -> NameMatch {
    if !name.is_yaml() {
        return NameMatch::No;
    }
    if (name.parent == ".circleci" && name.yaml_stem() == "config")
        || name.yaml_stem().starts_with("circleci")
    {
        NameMatch::Yes
    } else if name.parent == ".circleci" {
        NameMatch::Maybe
    } else {
        NameMatch::No
    }
}

/// A YAML file with a top-level `version: 2`, `2.0` or `2.1` and `jobs:` or `workflows:`, and
/// neither Compose's `services:` nor a workflow's `on:`, is a CircleCI configuration.
fn by_content(text: &str) -> bool {
    let top = |key: &str| super::has_top_level_key(text, key);
    let version = text.lines().any(|l| {
        l.strip_prefix("version")
            .and_then(|r| r.trim_start().strip_prefix(':'))
            .is_some_and(|v| {
                let v = v.split('#').next().unwrap_or("").trim();
                matches!(v.trim_matches(['"', '\'']), "2" | "2.0" | "2.1")
            })
    });
    version && (top("jobs") || top("workflows")) && !top("services") && !top("on")
}

/// A named definition: a job, command, executor, orb or parameter.
pub struct Def<'a> {
    pub name: &'a str,
    pub key: &'a Node,
    pub node: &'a Node,
}

/// Where a step is written: in a job's `steps`, a command's, or a workflow job's
/// `pre-steps`/`post-steps`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Job,
    Command,
    Workflow,
}

/// One step: `checkout`, `- run: make`, `- node/install-packages: {...}`, a command of the
/// file.
pub struct StepRef<'a> {
    /// The step's name (`run`, `setup_remote_docker`, `node/install`, `build-app`).
    pub name: &'a str,
    /// The node naming it: the string item, or the key of a one-key mapping.
    pub key: &'a Node,
    /// The step's arguments, when it is a mapping (`run: {command: ...}`, `run: make`).
    pub args: Option<&'a Node>,
    pub owner: Owner,
}

/// A `run:` step's command, analysed as shell.
pub struct RunCommand<'a> {
    pub node: &'a Node,
    pub script: Script,
}

/// A workflow of `workflows:`.
pub struct Workflow<'a> {
    pub name: &'a str,
    pub key: &'a Node,
    pub jobs: Vec<WorkflowJob<'a>>,
}

/// One entry of a workflow's `jobs:` list.
pub struct WorkflowJob<'a> {
    /// The job it runs (`build`, `node/test`).
    pub job: &'a str,
    /// The node naming it.
    pub key: &'a Node,
    /// The entry's settings (`requires`, `name`, `matrix`...), when it has any.
    pub args: Option<&'a Node>,
    /// The name other entries `require` it by: its `name:` when set, else the job.
    pub name: &'a str,
    /// Whether a `matrix:` expands it into several jobs (named `<name>-<values>`).
    pub matrix: bool,
    /// The names in its `requires:`, with their nodes.
    pub requires: Vec<(&'a str, &'a Node)>,
}

/// Which executor an image is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageOf {
    /// An item of a `docker:` list (the job's primary container or a service).
    Docker,
    /// A `machine:` executor's `image:`.
    Machine,
}

/// An image a job or executor runs on.
pub struct Image<'a> {
    /// The `image:` value.
    pub node: &'a Node,
    pub of: ImageOf,
    /// The `docker:` item (its `auth`, `aws_auth`...); `None` for a machine image.
    pub item: Option<&'a Node>,
}

/// What a configuration defines and uses.
#[derive(Default)]
pub struct Model<'a> {
    /// The top-level `version`, as written.
    pub version: Option<&'a Node>,
    pub jobs: Vec<Def<'a>>,
    pub commands: Vec<Def<'a>>,
    pub executors: Vec<Def<'a>>,
    pub orbs: Vec<Def<'a>>,
    /// Pipeline parameters (top-level `parameters:`).
    pub parameters: Vec<Def<'a>>,
    pub workflows: Vec<Workflow<'a>>,
    /// Every step of every job, command and workflow job, in file order.
    pub steps: Vec<StepRef<'a>>,
    /// Every `run:` command, in file order.
    pub runs: Vec<RunCommand<'a>>,
    /// The images of every job and executor (also of orbs written inline), in file order.
    pub images: Vec<Image<'a>>,
}

impl Model<'_> {
    /// The version as text (`2.1`), when it is a scalar.
    pub fn version_text(&self) -> Option<&str> {
        self.version.and_then(Node::as_str).map(str::trim)
    }

    /// Whether the file is a 2.0 configuration (`version: 2` or `2.0`), where orbs, commands,
    /// executors and parameters do not exist.
    pub fn is_v2_0(&self) -> bool {
        matches!(self.version_text(), Some("2" | "2.0"))
    }

    pub fn has_job(&self, name: &str) -> bool {
        self.jobs.iter().any(|j| j.name == name)
    }

    pub fn has_orb(&self, name: &str) -> bool {
        self.orbs.iter().any(|o| o.name == name)
    }
}

fn defs<'a>(root: &'a Node, key: &str) -> Vec<Def<'a>> {
    root.get(key)
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .filter_map(|e| {
            Some(Def {
                name: e.key.as_str()?,
                key: &e.key,
                node: &e.value,
            })
        })
        .collect()
}

/// Reads a configuration's definitions, steps and workflows.
pub fn model<'a>(text: &str, root: &'a Node) -> Model<'a> {
    let mut m = Model {
        version: root.get("version"),
        jobs: defs(root, "jobs"),
        commands: defs(root, "commands"),
        executors: defs(root, "executors"),
        orbs: defs(root, "orbs"),
        parameters: defs(root, "parameters"),
        ..Model::default()
    };
    let mut steps = Vec::new();
    for job in &m.jobs {
        collect_steps(job.node.get("steps"), Owner::Job, 0, &mut steps);
    }
    for command in &m.commands {
        collect_steps(command.node.get("steps"), Owner::Command, 0, &mut steps);
    }
    for entry in root
        .get("workflows")
        .and_then(Node::as_map)
        .unwrap_or_default()
    {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        // `workflows: {version: 2}` is a setting, not a workflow.
        if entry.value.as_map().is_none() {
            continue;
        }
        let mut jobs = Vec::new();
        for item in entry
            .value
            .get("jobs")
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            let (key, args) = match (item.as_str(), item.as_map()) {
                (Some(_), _) => (item, None),
                (None, Some([only])) => (&only.key, Some(&only.value)),
                _ => continue,
            };
            let Some(job) = key.as_str() else { continue };
            let name = args
                .and_then(|a| a.get("name"))
                .and_then(Node::as_str)
                .unwrap_or(job);
            let requires = args
                .and_then(|a| a.get("requires"))
                .map(required_names)
                .unwrap_or_default();
            if let Some(args) = args {
                for list in ["pre-steps", "post-steps"] {
                    collect_steps(args.get(list), Owner::Workflow, 0, &mut steps);
                }
            }
            jobs.push(WorkflowJob {
                job,
                key,
                args,
                name,
                matrix: args.and_then(|a| a.get("matrix")).is_some(),
                requires,
            });
        }
        m.workflows.push(Workflow {
            name,
            key: &entry.key,
            jobs,
        });
    }
    steps.sort_by_key(|s| s.key.span.start);
    m.runs = steps
        .iter()
        .filter(|s| s.name == "run")
        .filter_map(|s| {
            let node = s.args?;
            let command = if node.as_str().is_some() {
                node
            } else {
                node.get("command").filter(|c| c.as_str().is_some())?
            };
            let value = command.as_str().unwrap_or("");
            Some(RunCommand {
                node: command,
                script: shell::analyze(value, &BlockMap::new(text, command, value)),
            })
        })
        .collect();
    m.steps = steps;
    m.images = images(root);
    m
}

/// The images of the jobs and executors of the file and of its inline orbs.
fn images(root: &Node) -> Vec<Image<'_>> {
    let mut out = Vec::new();
    let inline_orbs = root
        .get("orbs")
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .map(|o| &o.value)
        .filter(|o| o.as_map().is_some());
    for scope in std::iter::once(root).chain(inline_orbs) {
        for section in ["jobs", "executors"] {
            for def in scope
                .get(section)
                .and_then(Node::as_map)
                .unwrap_or_default()
            {
                for item in def
                    .value
                    .get("docker")
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                {
                    if let Some(node) = item.get("image") {
                        out.push(Image {
                            node,
                            of: ImageOf::Docker,
                            item: Some(item),
                        });
                    }
                }
                if let Some(node) = def.value.get("machine").and_then(|m| m.get("image")) {
                    out.push(Image {
                        node,
                        of: ImageOf::Machine,
                        item: None,
                    });
                }
            }
        }
    }
    out.sort_by_key(|i| i.node.span.start);
    out
}

/// The job names of a `requires:` list: strings, or one-key mappings naming the job and the
/// statuses it waits for (`- build: [success, failed]`).
fn required_names(node: &Node) -> Vec<(&str, &Node)> {
    node.as_seq()
        .unwrap_or_default()
        .iter()
        .filter_map(|item| match (item.as_str(), item.as_map()) {
            (Some(name), _) => Some((name, item)),
            (None, Some([only])) => only.key.as_str().map(|n| (n, &only.key)),
            _ => None,
        })
        .collect()
}

/// Steps of a `steps:` list, including those of `when`/`unless` conditions.
fn collect_steps<'a>(
    list: Option<&'a Node>,
    owner: Owner,
    depth: usize,
    out: &mut Vec<StepRef<'a>>,
) {
    if depth > 16 {
        return;
    }
    for item in list.and_then(Node::as_seq).unwrap_or_default() {
        let (key, args) = match (item.as_str(), item.as_map()) {
            (Some(_), _) => (item, None),
            (None, Some([only])) => (&only.key, Some(&only.value)),
            _ => continue,
        };
        let Some(name) = key.as_str() else { continue };
        if matches!(name, "when" | "unless") {
            collect_steps(args.and_then(|a| a.get("steps")), owner, depth + 1, out);
            continue;
        }
        out.push(StepRef {
            name,
            key,
            args,
            owner,
        });
    }
}

/// A `<< ... >>` parameter reference in a string, with the span of its inner text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamRef {
    /// The whole `<< ... >>`.
    pub span: Span,
    /// `parameters.x`, `pipeline.parameters.x`, `pipeline.git.branch`, trimmed.
    pub path: String,
    /// Where the path is in the file.
    pub path_span: Span,
}

/// The `<< ... >>` references written in the source of `node` (scanned in the source, so spans
/// are exact whatever the scalar's style). `<<:` merge keys are not references.
pub fn param_refs(text: &str, span: Span) -> Vec<ParamRef> {
    let mut out = Vec::new();
    let Some(raw) = text.get(span.start..span.end) else {
        return out;
    };
    let mut from = 0;
    while let Some(open) = raw[from..].find("<<").map(|i| from + i) {
        let body = open + 2;
        if raw[body..].starts_with(':') {
            from = body;
            continue;
        }
        let Some(close) = raw[body..].find(">>").map(|i| body + i) else {
            break;
        };
        let inner = &raw[body..close];
        // A reference is one line; `<<` in a shell here-document is not one, nor `\<<`, which
        // CircleCI leaves as written.
        let escaped = raw[..open].ends_with('\\');
        if !inner.contains('\n') && !escaped {
            let lead = inner.len() - inner.trim_start().len();
            let path = inner.trim();
            let start = span.start + body + lead;
            out.push(ParamRef {
                span: Span::new(span.start + open, span.start + close + 2),
                path: path.to_string(),
                path_span: Span::new(start, start + path.len()),
            });
        }
        from = close + 2;
    }
    out
}

/// All enabled CircleCI rules over one text, suppressions applied, sorted by position.
pub fn lint(_path: &str, text: &str, config: &Config, _related: Related<'_>) -> Vec<Diagnostic> {
    let (yaml, suppressions) = super::parse_yaml(text);
    let root = super::mapping_root(&yaml);
    let model = root.map(|r| model(text, r)).unwrap_or_default();
    let input = CircleciInput {
        text,
        yaml: &yaml,
        root,
        model: &model,
    };
    let mut out = super::run_rules(
        text.len(),
        rules::circleci::RULES,
        config,
        &suppressions,
        |rule, cx| {
            if let Check::Circleci(check) = rule.check {
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
    fn recognised_by_content() {
        assert!(by_content("version: 2.1\njobs:\n  a: {}\n"));
        assert!(by_content("version: \"2\"\nworkflows:\n  w: {}\n"));
        assert!(!by_content("version: '2'\nservices:\n  web: {}\n"));
        assert!(!by_content("version: 2.1\non: push\njobs: {}\n"));
        assert!(!by_content("version: 0.2\nphases: {}\n"));
    }

    #[test]
    fn model_reads_definitions_steps_and_workflows() {
        let text = "version: 2.1\norbs:\n  node: circleci/node@5\njobs:\n  build:\n    docker: [{image: cimg/base:2024.01}]\n    steps:\n      - checkout\n      - run: make\n      - when:\n          condition: true\n          steps:\n            - run:\n                command: |\n                  make test\n      - node/install\nworkflows:\n  version: 2\n  main:\n    jobs:\n      - build\n      - node/test:\n          name: t\n          requires: [build]\n";
        let yaml = crate::syntax::yaml::parse(text);
        let m = model(text, &yaml.documents[0]);
        assert_eq!(m.jobs.len(), 1);
        assert!(m.has_orb("node"));
        let steps: Vec<_> = m.steps.iter().map(|s| s.name).collect();
        assert_eq!(steps, ["checkout", "run", "run", "node/install"]);
        assert_eq!(m.runs.len(), 2);
        assert_eq!(m.runs[1].script.commands[0].name(), "make");
        let cmd = &m.runs[1].script.commands[0];
        assert_eq!(&text[cmd.span.start..cmd.span.end], "make test");
        assert_eq!(m.workflows.len(), 1);
        let jobs = &m.workflows[0].jobs;
        assert_eq!((jobs[1].job, jobs[1].name), ("node/test", "t"));
        assert_eq!(jobs[1].requires[0].0, "build");
    }

    #[test]
    fn parameter_references_with_exact_spans() {
        let text = "command: echo << parameters.msg >> <<pipeline.git.branch>>\n<<: *x\n";
        let refs = param_refs(text, Span::new(0, text.len()));
        let paths: Vec<_> = refs.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["parameters.msg", "pipeline.git.branch"]);
        assert_eq!(
            &text[refs[0].path_span.start..refs[0].path_span.end],
            "parameters.msg"
        );
    }
}
