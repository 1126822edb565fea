use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value as J;

use crate::diagnostic::Severity;
use crate::rule::{Context, DaemonJsonInput};
use crate::rules::schema::{self, Finding, Repair, Schema, Site};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Validates `daemon.json` against rlint's schema of dockerd's options
    /// (`rules/schemas/daemon.schema.json`, written from the `json` tags of moby's daemon
    /// configuration structs, Linux and Windows) and reports each problem on the exact key or
    /// value. The problems are:
    ///
    /// - an option dockerd does not know, with the nearest valid one (`registry-mirors` →
    ///   `registry-mirrors`, `Debug` → `debug`);
    /// - an option Docker removed, with the release and the replacement (`graph` → `data-root`,
    ///   removed in Engine 23.0; `cluster-store`; `oom-score-adjust`; `api-cors-header`);
    /// - a value of the wrong type (`"debug": "true"`, `"hosts": "tcp://0.0.0.0:2376"`, a number in
    ///   `log-opts`, whose values are strings), values outside the few fixed sets (`log-format`,
    ///   `default-ipc-mode`, `default-cgroupns-mode`), and a `registry-mirrors` entry without
    ///   `https://` or `http://` (dockerd's "invalid mirror: no scheme specified").
    ///
    /// dockerd checks the top-level keys against its options and refuses to start on one it does
    /// not know ("the following directives don't match any configuration option"), and a value
    /// its Go decoder cannot read stops it too: both are errors. A dockerd flag name used as a key
    /// (`insecure-registry`, `label`, `log-opt`, `host`) passes that check but sets nothing, and
    /// unknown keys inside `builder`, `runtimes` or `default-ulimits` are ignored by the decoder:
    /// those are warnings. Nested keys are matched without regard to case, as Go's decoder
    /// matches them (`"Name"` and `"name"` in `default-ulimits`). `null` is accepted anywhere.
    ///
    /// The file may be for Linux or Windows, so the schema accepts the options of both: a Linux
    /// option in a Windows daemon.json (or the reverse) is not reported.
    ///
    /// ## Why is this bad?
    /// dockerd reads daemon.json only when it starts: a bad key or value is found on the next
    /// restart (often a package upgrade or a reboot), when `docker.service` fails to start and
    /// every container on the host stays down.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "log-driver": "json-file",
    ///   "registry-mirors": ["https://mirror.example.com"]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "log-driver": "json-file",
    ///   "registry-mirrors": ["https://mirror.example.com"]
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// A key that differs from an option only by case or separators (`Debug`, `log_driver`) is
    /// renamed: safe. A one-typo guess, a flag name renamed to its option (the setting then takes
    /// effect) and `graph` renamed to `data-root` are unsafe fixes.
    ///
    /// ## References
    /// - [dockerd: daemon configuration file](https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file)
    /// - [Deprecated Engine features](https://docs.docker.com/engine/deprecated/) (removal releases)
    /// - moby/moby `daemon/config/config.go` (`findConfigurationConflicts`, `skipValidateOptions`),
    ///   `daemon/config/config_linux.go`, `daemon/config/config_windows.go`,
    ///   `daemon/command/config.go` (flag names), commit 058152027af55ba856677e84103f9b6113efbf0a
    pub static RULE = {
        code: "DJ001",
        name: "daemon-json-schema-violation",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: DaemonJson(check),
    }
}

/// rlint's daemon.json schema, as written in `rules/schemas/`.
pub const SCHEMA_TEXT: &str = include_str!("../../../../../rules/schemas/daemon.schema.json");

static SCHEMA: LazyLock<J> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is JSON"));

static VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| jsonschema::validator_for(&SCHEMA).expect("the bundled schema compiles"));

static TOP_LEVEL: LazyLock<Vec<String>> = LazyLock::new(|| schema::keys_at(&SCHEMA, ""));

/// The options daemon.json takes at the top level.
pub fn top_level_keys() -> &'static [String] {
    &TOP_LEVEL
}

/// Options Docker removed (docs/deprecated.md of docker/cli): dockerd no longer knows them and
/// refuses to start. `(key, release, replacement, advice)`.
const REMOVED: &[(&str, &str, Option<&str>, &str)] = &[
    (
        "graph",
        "23.0",
        Some("data-root"),
        "use `data-root` (the same setting)",
    ),
    (
        "cluster-store",
        "23.0",
        None,
        "delete it: overlay networks over an external key/value store are gone; use Swarm mode",
    ),
    (
        "cluster-advertise",
        "23.0",
        None,
        "delete it: overlay networks over an external key/value store are gone; use Swarm mode",
    ),
    (
        "cluster-store-opts",
        "23.0",
        None,
        "delete it: overlay networks over an external key/value store are gone; use Swarm mode",
    ),
    (
        "disable-legacy-registry",
        "19.03",
        None,
        "delete it: dockerd no longer talks to v1 registries at all",
    ),
    (
        "oom-score-adjust",
        "25.0",
        None,
        "delete it, and set `OOMScoreAdjust=` in the docker.service unit if it matters",
    ),
    (
        "api-cors-header",
        "28.0",
        None,
        "delete it; put a reverse proxy in front of the API if a browser must reach it",
    ),
];

/// Deprecated keys dockerd skips when it checks the options, and then ignores.
const IGNORED: &[(&str, &str)] = &[
    (
        "allow-nondistributable-artifacts",
        "pushing nondistributable artifacts is now allowed by default",
    ),
    ("deprecated-key-path", "the engine no longer uses it"),
];

/// dockerd's flag names whose daemon.json option is named differently: dockerd's check of the
/// options accepts them (they are flags), and its decoder then ignores them.
const FLAG_NAMES: &[(&str, &str)] = &[
    ("registry-mirror", "registry-mirrors"),
    ("insecure-registry", "insecure-registries"),
    ("storage-opt", "storage-opts"),
    ("authorization-plugin", "authorization-plugins"),
    ("exec-opt", "exec-opts"),
    ("feature", "features"),
    ("default-network-opt", "default-network-opts"),
    ("dns-opt", "dns-opts"),
    ("label", "labels"),
    ("log-opt", "log-opts"),
    ("node-generic-resource", "node-generic-resources"),
    ("cdi-spec-dir", "cdi-spec-dirs"),
    ("add-runtime", "runtimes"),
    ("default-ulimit", "default-ulimits"),
    ("default-address-pool", "default-address-pools"),
    ("host", "hosts"),
];

fn check(input: &DaemonJsonInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.tree else { return };
    if root.as_map().is_none() {
        cx.report(
            root.span,
            "daemon.json holds one JSON object of options (`{ \"log-driver\": \"local\" }`): dockerd refuses to start on anything else",
        );
        return;
    }
    let wording = Schema {
        json: &SCHEMA,
        spec: "dockerd's daemon.json options",
        place,
        skip_key: schema::skip_none,
        special,
        quoted_items: &[],
        unknown_keys_at_most: None,
        keys_for: schema::schema_keys,
    };
    let json = root.to_json();
    let mut seen = schema::Seen::new();
    for error in VALIDATOR.iter_errors(&json) {
        let path = error.instance_path().as_str();
        // Go's decoder leaves a field alone on `null`.
        if json.pointer(path).is_none_or(J::is_null) {
            continue;
        }
        let found = match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let (worded, counted) = unexpected.split_at(unexpected.len().min(WORDED));
                count_unknown(root, path, counted, cx);
                unknown_keys(&wording, root, &json, path, worded)
            }
            kind => schema::describe(&wording, root, "", path, kind, &json, &[]),
        };
        schema::report(found, &mut seen, input.text, cx);
    }
}

/// Unknown keys of one object worded in full; past them (a generated file), findings are only
/// counted into the rule's cap, without suggestions or the quadratic lookups wording needs.
const WORDED: usize = 200;

fn count_unknown(root: &Node, path: &str, keys: &[String], cx: &mut Context<'_>) {
    if keys.is_empty() {
        return;
    }
    let Some(entries) = root.pointer(path).and_then(Node::as_map) else {
        return;
    };
    let spans: std::collections::HashMap<&str, crate::diagnostic::Span> = entries
        .iter()
        .filter_map(|e| Some((e.key.as_str()?, e.key.span)))
        .collect();
    let checked = path.is_empty() || path == "/proxies";
    for key in keys {
        let Some(span) = spans.get(key.as_str()) else {
            continue;
        };
        let d = cx.report(*span, format!("`{key}` is not a valid {}", place(path)));
        if !checked {
            d.at_most(Severity::Warning);
        }
    }
}

/// Findings for the keys the schema does not have at `path`: removed options, ignored keys and
/// flag names at the top level in their own words, case variants of nested keys accepted (Go's
/// decoder matches those without case), the rest as the shared schema layer words them.
fn unknown_keys(
    wording: &Schema<'_>,
    root: &Node,
    json: &J,
    path: &str,
    unexpected: &[String],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut rest = Vec::new();
    let known = local_keys(path);
    for key in unexpected {
        if path.is_empty() {
            if let Some(f) = top_level_key(root, key) {
                out.push(f);
                continue;
            }
        } else if known.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            continue;
        }
        rest.push(key.clone());
    }
    if rest.is_empty() {
        return out;
    }
    let kind = ValidationErrorKind::AdditionalProperties { unexpected: rest };
    let mut found = schema::describe(wording, root, "", path, &kind, json, &[]);
    // Under `proxies` dockerd checks the keys as options; deeper, its decoder skips them.
    let checked = path.is_empty() || path == "/proxies";
    let names: Vec<&str> = known.iter().map(String::as_str).collect();
    for f in &mut found {
        if !checked {
            f.at_most = Some(Severity::Warning);
        }
        if f.help.is_none()
            && let Some(key) = f.message.split('`').nth(1)
            && let Some(close) = crate::suggest::did_you_mean(key, &names)
        {
            f.help = Some(format!("did you mean `{close}`?"));
        }
    }
    out.extend(found);
    out
}

/// The wording of a top-level key that is a removed option, an ignored key, a flag name, or an
/// object dockerd flattens; `None` for a plain unknown option.
fn top_level_key(root: &Node, key: &str) -> Option<Finding> {
    let entry = root.entry(key)?;
    let span = entry.key.span;
    let free = |to: &str| root.entry(to).is_none();
    let rename = |to: &str| {
        free(to).then(|| Repair::RenameKey {
            key: span,
            to: to.to_string(),
            certain: false,
        })
    };
    if let Some((_, release, replacement, advice)) = REMOVED.iter().find(|r| r.0 == key) {
        return Some(Finding {
            span,
            message: format!(
                "`{key}` was removed in Docker Engine {release}: dockerd refuses to start with it"
            ),
            help: Some((*advice).to_string()),
            repair: replacement.and_then(rename),
            at_most: None,
        });
    }
    if let Some((_, why)) = IGNORED.iter().find(|r| r.0 == key) {
        return Some(Finding {
            span,
            message: format!("`{key}` is deprecated and dockerd ignores it: {why}"),
            help: Some("delete it".into()),
            repair: None,
            at_most: Some(Severity::Info),
        });
    }
    if let Some((_, option)) = FLAG_NAMES.iter().find(|r| r.0 == key) {
        return Some(Finding {
            span,
            message: format!(
                "`{key}` is the name of dockerd's command-line flag, not of its daemon.json option: dockerd accepts it and ignores the value"
            ),
            help: Some(format!("the option is `{option}`")),
            repair: rename(option),
            at_most: Some(Severity::Warning),
        });
    }
    // dockerd checks the keys inside an object it does not know as if they were top-level
    // options: when they all are, it starts, and ignores the object with all it holds.
    let inner = entry.value.as_map()?;
    let option =
        |k: &str| TOP_LEVEL.iter().any(|t| t == k) || FLAG_NAMES.iter().any(|(flag, _)| *flag == k);
    let all_options = inner.iter().all(|e| e.key.as_str().is_some_and(option));
    if inner.is_empty() || !all_options {
        return None;
    }
    let names: Vec<&str> = TOP_LEVEL.iter().map(String::as_str).collect();
    Some(Finding {
        span,
        message: format!(
            "`{key}` is not a daemon.json option: dockerd ignores it, and the settings inside it with it"
        ),
        help: Some(match crate::suggest::did_you_mean(key, &names) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "move the settings inside it to the top level of the file".into(),
        }),
        repair: None,
        at_most: Some(Severity::Warning),
    })
}

/// The keys the schema allows at an object path, following `additionalProperties` maps
/// (`/runtimes/nvidia`) as well as `properties` and list items.
fn local_keys(path: &str) -> Vec<String> {
    let mut at: &J = &SCHEMA;
    for segment in path.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        let next = at
            .get("properties")
            .and_then(|p| p.get(&segment))
            .or_else(|| segment.parse::<usize>().ok().and_then(|_| at.get("items")))
            .or_else(|| at.get("additionalProperties").filter(|a| a.is_object()));
        match next {
            Some(n) => at = n,
            None => return Vec::new(),
        }
    }
    at.get("properties")
        .and_then(J::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Where unknown keys were found, and what dockerd does with them.
fn place(path: &str) -> String {
    match path {
        "" => "daemon.json option, and dockerd refuses to start on one it does not know".into(),
        "/proxies" => {
            "key under `proxies`, and dockerd refuses to start on one it does not know".into()
        }
        _ => format!(
            "key under `{}`: dockerd ignores it",
            schema::field_name(path)
        ),
    }
}

/// JSON wording for a value of the wrong type (the shared layer's help is written for YAML), and
/// dockerd's own reason for a registry mirror without a scheme.
fn special(site: &Site<'_>) -> Option<Vec<Finding>> {
    if let (ValidationErrorKind::Pattern { .. }, J::String(mirror)) = (site.kind, site.instance)
        && site.path.starts_with("/registry-mirrors/")
    {
        return Some(vec![Finding {
            span: site.value_span,
            message: format!(
                "registry mirror `{mirror}` has no scheme: dockerd refuses to start (\"invalid mirror: no scheme specified\")"
            ),
            help: Some(format!("write the URL: `https://{mirror}`")),
            repair: None,
            at_most: None,
        }]);
    }
    let ValidationErrorKind::Type { kind } = site.kind else {
        return None;
    };
    let expected: Vec<&str> = match kind {
        TypeKind::Single(t) => vec![t.as_str()],
        TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
    };
    let field = site.field;
    let (actual, help) = match site.instance {
        J::String(s) if expected.contains(&"array") => (
            format!("the string `{s}`"),
            format!("write it as a JSON list: `[\"{s}\"]`"),
        ),
        J::String(s) if expected.contains(&"boolean") && (s == "true" || s == "false") => (
            format!("the string `\"{s}\"`"),
            format!("write it without quotes: `{s}`"),
        ),
        J::String(s) if expected.contains(&"integer") && s.parse::<i64>().is_ok() => (
            format!("the string `\"{s}\"`"),
            format!("write it without quotes: `{s}`"),
        ),
        J::Number(n) if expected == ["string"] => (
            format!("the number `{n}`"),
            format!("dockerd reads it as text: write `\"{n}\"`"),
        ),
        J::Bool(b) if expected == ["string"] => (
            format!("`{b}`"),
            format!("dockerd reads it as text: write `\"{b}\"`"),
        ),
        _ => return None,
    };
    let words: Vec<&str> = expected
        .iter()
        .map(|t| match *t {
            "string" => "a string",
            "array" => "a list",
            "boolean" => "true or false",
            "integer" => "a whole number",
            "object" => "an object",
            _ => "a number",
        })
        .collect();
    Some(vec![Finding {
        span: site.value_span,
        message: format!(
            "`{field}` must be {}, not {actual}: dockerd cannot read the file and does not start",
            words.join(" or ")
        ),
        help: Some(help),
        repair: None,
        at_most: None,
    }])
}
