//! The Compose kind: the span-keeping YAML tree, Compose's interpolation against the project
//! `.env`, the rules in `rules::compose` (schema, consistency, security, dclint's), and
//! `# rlint ignore=` / dclint pragmas.

use super::{Kind, Name, NameMatch};
use crate::diagnostic::Diagnostic;
use crate::rule::{self, Check};
use crate::source::FileKind;
use crate::{Config, Related, rules, suppress, syntax};

pub static KIND: Kind = Kind {
    kind: FileKind::Compose,
    by_name,
    by_content: Some(by_content),
    lint: Some(lint),
    pragma: "# rlint ignore=CODE (own line: the next line; end of line: that line), \
             # rlint global ignore=CODE, # dclint disable-line",
};

/// `compose.yaml`, `compose.prod.yml`, `docker-compose.yml`, `rails.docker-compose.yml`.
fn by_name(name: &Name<'_>) -> NameMatch {
    let stem = name.yaml_stem();
    if name.is_yaml()
        && (stem == "compose" || stem.starts_with("compose.") || stem.contains("docker-compose"))
    {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// Recognises a Compose file by content when its name says nothing: a top-level `services:`
/// mapping, or top-level mappings that look like service definitions (a fragment, reported as
/// such). Kubernetes manifests and CI files (`apiVersion`, `jobs`, `on`, ...) are not taken for
/// Compose.
fn by_content(text: &str) -> bool {
    // YAML: a top-level `services:` mapping, or top-level mappings that hold service keys. The
    // lines tell first (a big file is not parsed twice); the parse is for fragments and for
    // files that also hold other top-level keys.
    if !text.contains(':') {
        return false;
    }
    let top_keys: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim()))
        .collect();
    let foreign = [
        "apiVersion",
        "kind",
        "jobs",
        "on",
        "steps",
        "stages",
        "pipeline",
    ];
    if top_keys.contains(&"services") && !top_keys.iter().any(|k| foreign.contains(k)) {
        // `services: [postgres]` or `services:` over `- postgres` (GitLab CI) is a list, not
        // Compose's mapping.
        let mut lines = text.lines().skip_while(|l| !l.starts_with("services"));
        let value = lines
            .next()
            .and_then(|l| l.split_once(':'))
            .map_or("", |(_, v)| v.trim());
        let next = lines
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("");
        if (value.is_empty() && !next.starts_with('-')) || value.starts_with('{') {
            return true;
        }
    }
    if text.len() > 1_000_000 {
        return false;
    }
    let yaml = syntax::yaml::parse(text);
    let Some(root) = yaml.documents.first().and_then(|d| d.as_map()) else {
        // Broken YAML (a syntax error, an alias bomb) that still shows a top-level `services:`.
        let services = text.lines().any(|l| {
            l.strip_prefix("services")
                .is_some_and(|r| r.trim_start().starts_with(':'))
        });
        return yaml.has_syntax_error() && services;
    };
    let key = |e: &syntax::yaml::Entry| e.key.as_str().unwrap_or("").to_string();
    if root.iter().any(|e| {
        matches!(
            key(e).as_str(),
            "apiVersion" | "kind" | "jobs" | "on" | "steps"
        )
    }) {
        return false;
    }
    if root
        .iter()
        .any(|e| key(e) == "services" && e.value.as_map().is_some())
    {
        return true;
    }
    const SERVICE_KEYS: [&str; 6] = [
        "image",
        "build",
        "container_name",
        "ports",
        "depends_on",
        "environment",
    ];
    let service_like = |e: &syntax::yaml::Entry| {
        e.value.as_map().is_some_and(|m| {
            m.iter()
                .filter(|k| k.key.as_str().is_some_and(|k| SERVICE_KEYS.contains(&k)))
                .count()
                >= 2
        })
    };
    root.iter().any(service_like)
}

/// All enabled Compose rules over one text, suppressions applied, sorted by position. Each YAML
/// document is checked on its own (Compose merges them; cross-document references are rare).
pub fn lint(path: &str, text: &str, config: &Config, related: Related<'_>) -> Vec<Diagnostic> {
    let (yaml, suppressions) = super::join(
        text.len(),
        || syntax::yaml::parse(text),
        || suppress::Suppressions::for_yaml(text),
    );
    let env = related
        .dotenv
        .map(syntax::compose::Env::parse)
        .unwrap_or_default();
    let roots: Vec<Option<&syntax::yaml::Node>> =
        if yaml.has_syntax_error() || yaml.documents.is_empty() {
            vec![None]
        } else {
            yaml.documents.iter().map(Some).collect()
        };
    let mut out = Vec::new();
    for (index, root) in roots.into_iter().enumerate() {
        let input = rule::ComposeInput {
            path,
            text,
            yaml: &yaml,
            root,
            env: &env,
            env_known: related.dotenv.is_some(),
            files: related.files,
            document: index,
            services: root.map(syntax::compose::services).unwrap_or_default(),
        };
        // The rules run in parallel over a big document, not over each of many small ones (a
        // file of a million `---` spent its time handing 60 rules to threads per document).
        let size = root.map_or(text.len(), |r| r.span.len());
        let found = super::run_rules(
            size,
            rules::compose::RULES,
            config,
            &suppressions,
            |rule, cx| {
                if let Check::Compose(check) = rule.check {
                    check(&input, cx);
                }
            },
        );
        out.extend(rules::compose::one_per_place(found, &input));
    }
    super::sort(&mut out);
    out
}
