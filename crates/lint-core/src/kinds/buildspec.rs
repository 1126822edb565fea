//! AWS CodeBuild's `buildspec.yml`: the shared YAML tree, every command of its phases analysed
//! as shell (the same analysis as a Dockerfile's RUN), the rules in `rules::buildspec`, and
//! `# rlint ignore=` pragmas as in Compose files.

use super::{Kind, Name, NameMatch};
use crate::diagnostic::Diagnostic;
use crate::rule::{BuildspecInput, Check};
use crate::source::FileKind;
use crate::syntax::shell::{self, Script};
use crate::syntax::yaml::Node;
use crate::{Config, Related, rules};

pub static KIND: Kind = Kind {
    kind: FileKind::Buildspec,
    by_name,
    by_content: Some(by_content),
    lint: Some(lint),
    pragma: "# rlint ignore=CODE (own line: the next line; end of line: that line), \
             # rlint global ignore=CODE",
};

/// `buildspec.yml`, `buildspec-prod.yml`, `buildspec_apply.yml`.
fn by_name(name: &Name<'_>) -> NameMatch {
    if name.is_yaml() && name.yaml_stem().starts_with("buildspec") {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// A YAML file with a top-level `version: 0.1|0.2` and `phases:` is a buildspec whatever its
/// name (`ci/build.yml`).
fn by_content(text: &str) -> bool {
    let version = text.lines().any(|l| {
        l.strip_prefix("version")
            .and_then(|r| r.trim_start().strip_prefix(':'))
            .is_some_and(|v| {
                let v = v.trim().trim_matches(['"', '\'']);
                v.starts_with("0.1") || v.starts_with("0.2")
            })
    });
    version && super::has_top_level_key(text, "phases")
}

/// One command of a phase (`commands:` or `finally:`), with its shell analysis.
pub struct PhaseCommand<'a> {
    /// The phase (`install`, `pre_build`, `build`, `post_build`).
    pub phase: &'a str,
    /// The YAML node of the command.
    pub node: &'a Node,
    /// The command analysed as shell; empty when the item is not a string.
    pub script: Script,
}

/// Every command of every phase, in file order.
pub fn phase_commands<'a>(text: &str, root: &'a Node) -> Vec<PhaseCommand<'a>> {
    let mut out = Vec::new();
    let Some(phases) = root.get("phases").and_then(Node::as_map) else {
        return out;
    };
    for phase in phases {
        let name = phase.key.as_str().unwrap_or("");
        for list in ["commands", "finally"] {
            let Some(items) = phase.value.get(list).and_then(Node::as_seq) else {
                continue;
            };
            for node in items {
                let script = shell::analyze_scalar(text, node);
                out.push(PhaseCommand {
                    phase: name,
                    node,
                    script,
                });
            }
        }
    }
    out
}

/// All enabled buildspec rules over one text, suppressions applied, sorted by position.
pub fn lint(_path: &str, text: &str, config: &Config, _related: Related<'_>) -> Vec<Diagnostic> {
    let (yaml, suppressions) = super::parse_yaml(text);
    let root = if yaml.has_syntax_error() {
        None
    } else {
        yaml.documents.first()
    };
    let commands = root.map(|r| phase_commands(text, r)).unwrap_or_default();
    let input = BuildspecInput {
        text,
        yaml: &yaml,
        root,
        commands: &commands,
    };
    let mut out = super::run_rules(
        text.len(),
        rules::buildspec::RULES,
        config,
        &suppressions,
        |rule, cx| {
            if let Check::Buildspec(check) = rule.check {
                check(&input, cx);
            }
        },
    );
    super::sort(&mut out);
    out
}
