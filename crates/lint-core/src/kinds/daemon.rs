//! Docker's `daemon.json` (dockerd's configuration file): strict JSON, read as dockerd reads it
//! (Go's `encoding/json`; a UTF-8 byte order mark and an empty file are accepted), the rules in
//! `rules::daemon`. JSON has no comments, so there are no inline pragmas: findings are
//! configured in `rlint.toml` (`ignore`, `per-path-ignores`).

use std::borrow::Cow;

use super::{Kind, Name, NameMatch};
use crate::diagnostic::Diagnostic;
use crate::rule::{Check, DaemonJsonInput};
use crate::source::FileKind;
use crate::{Config, Related, rules, suppress, syntax};

pub static KIND: Kind = Kind {
    kind: FileKind::DaemonJson,
    by_name,
    by_content: Some(by_content),
    lint: Some(lint),
    pragma: "none (JSON has no comments): use `ignore` / `per-path-ignores` in rlint.toml",
};

/// `daemon.json` (dockerd's default name: `/etc/docker/daemon.json`, `%programdata%\docker\config\daemon.json`)
/// and `docker-daemon.json` settle it; `prod.daemon.json` and `daemon-prod.json` in a folder named
/// for Docker may be one, and the content decides.
fn by_name(name: &Name<'_>) -> NameMatch {
    let lower = name.lower;
    if lower == "daemon.json" || lower == "docker-daemon.json" {
        return NameMatch::Yes;
    }
    let Some(stem) = lower.strip_suffix(".json") else {
        return NameMatch::No;
    };
    let in_docker_folder = name.parent.to_ascii_lowercase().contains("docker");
    if stem.ends_with(".daemon")
        || (in_docker_folder && stem.starts_with("daemon") && stem.len() > "daemon".len())
    {
        NameMatch::Maybe
    } else {
        NameMatch::No
    }
}

/// A JSON object whose every top-level key is a daemon.json option, one of them with a hyphen
/// (`insecure-registries`, `log-driver`): `{"debug": true}` alone could be anything's.
fn by_content(text: &str) -> bool {
    let text = without_bom(text);
    if !text.trim_start().starts_with('{') {
        return false;
    }
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(&text)
    else {
        return false;
    };
    let known = rules::daemon::schema::top_level_keys();
    !map.is_empty()
        && map.keys().all(|k| known.iter().any(|o| o == k))
        && map.keys().any(|k| k.contains('-'))
}

/// dockerd drops a UTF-8 byte order mark (Notepad writes one); three spaces keep every offset.
fn without_bom(text: &str) -> Cow<'_, str> {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => Cow::Owned(format!("   {rest}")),
        None => Cow::Borrowed(text),
    }
}

/// All enabled daemon.json rules over one text, sorted by position.
pub fn lint(_path: &str, text: &str, config: &Config, _related: Related<'_>) -> Vec<Diagnostic> {
    let read = without_bom(text);
    // dockerd starts with the defaults on a file of white space only.
    let json = if read.trim().is_empty() {
        syntax::json::Json {
            root: None,
            error: None,
        }
    } else {
        syntax::json::parse(&read)
    };
    let tree = json.root.as_ref().map(|r| r.to_tree());
    let input = DaemonJsonInput {
        text,
        json: &json,
        tree: tree.as_ref(),
    };
    let none = suppress::Suppressions::default();
    let mut out = super::run_rules(
        text.len(),
        rules::daemon::RULES,
        config,
        &none,
        |rule, cx| {
            if let Check::DaemonJson(check) = rule.check {
                check(&input, cx);
            }
        },
    );
    super::sort(&mut out);
    out
}
