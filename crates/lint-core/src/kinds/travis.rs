//! Travis CI's `.travis.yml`: the shared YAML tree, every line of its build phases analysed as
//! shell (the same analysis as a Dockerfile's RUN), its `deploy` sections, the rules in
//! `rules::travis`, and `# rlint ignore=` pragmas as in Compose files.

use super::{Kind, Name, NameMatch};
use crate::diagnostic::Diagnostic;
use crate::rule::{Check, TravisInput};
use crate::source::FileKind;
use crate::syntax::shell::{self, Script};
use crate::syntax::yaml::Node;
use crate::{Config, Related, rules};

pub static KIND: Kind = Kind {
    kind: FileKind::Travis,
    by_name,
    by_content: Some(by_content),
    lint: Some(lint),
    pragma: "# rlint ignore=CODE (own line: the next line; end of line: that line), \
             # rlint global ignore=CODE",
};

/// `.travis.yml`, `react-test.travis.yml`.
fn by_name(name: &Name<'_>) -> NameMatch {
    if name.is_yaml() && name.yaml_stem().ends_with("travis") {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// Top-level keys only Travis reads as build phases.
pub const PHASE_KEYS: [&str; 10] = [
    "before_install",
    "install",
    "before_script",
    "script",
    "before_cache",
    "after_success",
    "after_failure",
    "before_deploy",
    "after_deploy",
    "after_script",
];

/// A YAML file with a top-level `language:` and a top-level build phase (`script:`,
/// `install:`, ...) is a Travis file whatever its name (`ci/travis-ci.yml`). `language:` alone
/// is not enough: other tools use it too.
fn by_content(text: &str) -> bool {
    let top = |key: &str| super::has_top_level_key(text, key);
    top("language") && PHASE_KEYS.iter().any(|k| top(k))
}

/// One line of a build phase (`script:`, `install:`, `before_*`, `after_*`, a deploy's
/// `script:`), with its shell analysis.
pub struct ScriptLine<'a> {
    /// The phase's key (`script`, `after_success`, `deploy.script`).
    pub phase: &'static str,
    /// The YAML node of the line.
    pub node: &'a Node,
    /// The line analysed as shell; empty when the item is not a string.
    pub script: Script,
}

/// The places a job's settings are written: the root, and every `jobs.include` /
/// `matrix.include` entry (each may set its own phases and deploy).
pub fn job_nodes(root: &Node) -> Vec<&Node> {
    let mut out = vec![root];
    for matrix in ["jobs", "matrix"] {
        if let Some(include) = root.get(matrix).and_then(|m| m.get("include")) {
            match include.as_seq() {
                Some(items) => out.extend(items.iter().filter(|i| i.as_map().is_some())),
                None if include.as_map().is_some() => out.push(include),
                None => {}
            }
        }
    }
    out
}

/// A phase's lines: a string or a list of strings.
fn lines_of(node: &Node) -> Vec<&Node> {
    match node.as_seq() {
        Some(items) => items.iter().collect(),
        None => vec![node],
    }
}

/// Every `deploy` section of the file, in file order (a `deploy:` may be one mapping or a list).
pub fn deploys(root: &Node) -> Vec<&Node> {
    let mut out = Vec::new();
    for job in job_nodes(root) {
        if let Some(deploy) = job.get("deploy") {
            match deploy.as_seq() {
                Some(items) => out.extend(items.iter().filter(|i| i.as_map().is_some())),
                None if deploy.as_map().is_some() => out.push(deploy),
                None => {}
            }
        }
    }
    out
}

/// Every line of every build phase, in file order.
pub fn script_lines<'a>(text: &str, root: &'a Node) -> Vec<ScriptLine<'a>> {
    let mut out = Vec::new();
    let mut push = |phase: &'static str, node: &'a Node| {
        for line in lines_of(node) {
            if line.as_str().is_some() {
                out.push(ScriptLine {
                    phase,
                    node: line,
                    script: shell::analyze_scalar(text, line),
                });
            }
        }
    };
    for job in job_nodes(root) {
        for phase in PHASE_KEYS {
            if let Some(node) = job.get(phase) {
                push(phase, node);
            }
        }
    }
    for deploy in deploys(root) {
        let script_provider = deploy
            .get("provider")
            .and_then(Node::as_str)
            .is_some_and(|p| p.eq_ignore_ascii_case("script"));
        if let Some(node) = deploy.get("script").filter(|_| script_provider) {
            push("deploy.script", node);
        }
    }
    out.sort_by_key(|l| l.node.span.start);
    out
}

/// All enabled Travis rules over one text, suppressions applied, sorted by position.
pub fn lint(_path: &str, text: &str, config: &Config, _related: Related<'_>) -> Vec<Diagnostic> {
    let (yaml, suppressions) = super::parse_yaml(text);
    let root = super::mapping_root(&yaml);
    let lines = root.map(|r| script_lines(text, r)).unwrap_or_default();
    let deploys = root.map(deploys).unwrap_or_default();
    let input = TravisInput {
        text,
        yaml: &yaml,
        root,
        lines: &lines,
        deploys: &deploys,
    };
    let mut out = super::run_rules(
        text.len(),
        rules::travis::RULES,
        config,
        &suppressions,
        |rule, cx| {
            if let Check::Travis(check) = rule.check {
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
    fn recognised_by_content_with_a_language_and_a_phase() {
        assert!(by_content("language: node_js\nscript:\n  - npm test\n"));
        assert!(!by_content("language: node_js\nservices:\n  - docker\n"));
        assert!(!by_content("script:\n  - make\n"));
    }

    #[test]
    fn lines_of_every_phase_job_and_script_deploy() {
        let text = "script: make\njobs:\n  include:\n    - install: [a, b]\ndeploy:\n  - provider: script\n    script: ./deploy.sh\n  - provider: pages\n    script: not-a-phase\n";
        let yaml = crate::syntax::yaml::parse(text);
        let lines = script_lines(text, &yaml.documents[0]);
        let phases: Vec<_> = lines
            .iter()
            .map(|l| (l.phase, l.node.as_str().unwrap()))
            .collect();
        assert_eq!(
            phases,
            [
                ("script", "make"),
                ("install", "a"),
                ("install", "b"),
                ("deploy.script", "./deploy.sh")
            ]
        );
        assert_eq!(lines[3].script.commands[0].name(), "deploy.sh");
    }
}
