//! Elastic Beanstalk's `Dockerrun.aws.json`: strict JSON (Beanstalk reads it with Go's
//! `encoding/json`), the rules in `rules::dockerrun`. JSON has no comments, so there are no inline
//! pragmas: findings are configured in `rlint.toml` (`ignore`, `per-path-ignores`).

use super::{Kind, Name, NameMatch};
use crate::diagnostic::Diagnostic;
use crate::rule::{Check, DockerrunInput};
use crate::source::FileKind;
use crate::{Config, Related, rules, suppress, syntax};

pub static KIND: Kind = Kind {
    kind: FileKind::Dockerrun,
    by_name,
    by_content: Some(by_content),
    lint: Some(lint),
    pragma: "none (JSON has no comments): use `ignore` / `per-path-ignores` in rlint.toml",
};

/// `Dockerrun.aws.json`, the one name Beanstalk reads.
fn by_name(name: &Name<'_>) -> NameMatch {
    if name.lower == "dockerrun.aws.json" {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// A JSON object that declares `AWSEBDockerrunVersion` (for a paste or stdin without the name).
fn by_content(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('{') && text.contains("\"AWSEBDockerrunVersion\"")
}

/// All enabled Dockerrun rules over one text, sorted by position.
pub fn lint(_path: &str, text: &str, config: &Config, _related: Related<'_>) -> Vec<Diagnostic> {
    let json = syntax::json::parse(text);
    let tree = json.root.as_ref().map(|r| r.to_tree());
    let input = DockerrunInput {
        text,
        json: &json,
        tree: tree.as_ref(),
    };
    let none = suppress::Suppressions::default();
    let mut out = super::run_rules(
        text.len(),
        rules::dockerrun::RULES,
        config,
        &none,
        |rule, cx| {
            if let Check::Dockerrun(check) = rule.check {
                check(&input, cx);
            }
        },
    );
    super::sort(&mut out);
    out
}
