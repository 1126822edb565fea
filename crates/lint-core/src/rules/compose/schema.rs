use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value as J;

use crate::diagnostic::{Edit, Fix, Span};
use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::{Node, Style};

crate::declare_rule! {
    /// ## What it does
    /// Validates the file against rlint's JSON Schema for the Compose Specification
    /// (`rules/schemas/compose.schema.json`), after interpolation, and reports each violation on
    /// the exact key or value in plain words: an unknown key with the nearest valid one
    /// (`mem limit` → `mem_limit`), a value of the wrong type (`ports` given as one string), a
    /// value outside the allowed set (`restart: allways`), a missing required key.
    ///
    /// ## Why is this bad?
    /// `docker compose` validates every file against the specification's schema before doing
    /// anything and refuses the whole file on the first violation; other tools silently ignore
    /// unknown keys, so a misspelt `enviroment:` simply does nothing.
    ///
    /// Values holding a variable that is not set and has no default cannot be checked, and are
    /// not reported here (see `unset-variable`).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     mem limit: 128m
    /// ```
    ///
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports:
    ///       -80:80
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     mem_limit: 128m
    /// ```
    ///
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     ports:
    ///       - "80:80"
    /// ```
    ///
    /// ## Fix safety
    /// Compose refuses a file that breaks the schema, so these fixes lose no behaviour; what
    /// matters is whether the repair is certain.
    /// - An unknown key written with a space or hyphen (or another case) for a known key's
    ///   underscore (`mem limit`, `mem-limit`, `Mem_Limit` → `mem_limit`) is renamed: safe.
    /// - An unknown key a typo away from exactly one known key (`enviroment` → `environment`) is
    ///   renamed too, but that is a guess: unsafe. There is no fix when two keys are as close, or
    ///   when the mapping already has the suggested key.
    /// - A list written as one value starting with a dash (`ports: -80:80`, `expose: -3000`,
    ///   `volumes: -./a:/b`) becomes a list item on its own line (`- "80:80"`; `ports` and
    ///   `expose` entries quoted, as `unquoted-port` asks): safe. A value with spaces
    ///   (`-80:80 -443:443`) is left alone.
    ///
    /// ## References
    /// - [Compose Specification: services](https://docs.docker.com/reference/compose-file/services/)
    /// - [compose-spec JSON Schema](https://github.com/compose-spec/compose-spec/blob/main/schema/compose-spec.json)
    pub static RULE = {
        code: "DC002",
        name: "schema-violation",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Compose(check),
    }
}

/// rlint's Compose schema, as written in `rules/schemas/`.
pub const SCHEMA_TEXT: &str = include_str!("../../../../../rules/schemas/compose.schema.json");

static SCHEMA: LazyLock<J> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is JSON"));
static VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| jsonschema::validator_for(&SCHEMA).expect("the bundled schema compiles"));
/// The same schema entered at one service, so services are validated one at a time: a file with
/// thousands of services never exists as one JSON document.
static SERVICE_VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let mut schema = serde_json::json!({"$ref": "#/$defs/service"});
    schema["$defs"] = SCHEMA["$defs"].clone();
    schema["$schema"] = SCHEMA["$schema"].clone();
    jsonschema::validator_for(&schema).expect("the service schema compiles")
});

/// One schema violation, located and worded.
struct Finding {
    span: Span,
    message: String,
    help: Option<String>,
    repair: Option<Repair>,
}

/// A repair of a violation, made into edits once the file's text is at hand.
enum Repair {
    /// Rename the key at `key` to `to`; `certain` when only spelling separates them.
    RenameKey {
        key: Span,
        to: String,
        certain: bool,
    },
    /// The value at `value` (`-80:80`) was meant as the list's one item, under the key at `key`.
    DashItem { key: Span, value: Span, quote: bool },
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    if root.as_map().is_none() {
        if !root.is_null() {
            cx.report(
                root.span,
                "a Compose file is a mapping at the top level (`services:`, `volumes:`, ...)",
            );
        }
        return;
    }
    let mut unresolved = Vec::new();
    super::unresolved_pointers(root, input.env, &mut Vec::new(), &mut unresolved);
    let mut seen: Vec<(Span, String)> = Vec::new();
    let mut report = |findings: Vec<Finding>, cx: &mut Context<'_>| {
        for f in findings {
            if seen.iter().any(|(s, m)| *s == f.span && *m == f.message) {
                continue;
            }
            seen.push((f.span, f.message.clone()));
            let d = cx.report(f.span, f.message);
            if let Some(help) = f.help {
                d.help(help);
            }
            if let Some(fix) = f.repair.and_then(|r| repair_fix(input.text, r)) {
                d.fix(fix);
            }
        }
    };
    // The file with each service mapping stood in for by `{}`, then each service on its own.
    let services = root.get("services").and_then(Node::as_map);
    let mut top = super::interpolated_json_except(root, input.env, "services");
    if let (Some(entries), Some(obj)) = (services, top.as_object_mut()) {
        let shells = entries
            .iter()
            .map(|e| {
                let value = if e.value.as_map().is_some() {
                    J::Object(serde_json::Map::new())
                } else {
                    super::interpolated_json(&e.value, input.env)
                };
                (crate::syntax::yaml::key_text(&e.key), value)
            })
            .collect();
        obj.insert("services".into(), J::Object(shells));
    }
    for error in VALIDATOR.iter_errors(&top) {
        let path = error.instance_path().as_str();
        report(
            describe(root, "", path, error.kind(), &top, &unresolved),
            cx,
        );
    }
    for e in services.unwrap_or_default() {
        if e.value.as_map().is_none() {
            continue;
        }
        let value = super::interpolated_json(&e.value, input.env);
        if SERVICE_VALIDATOR.is_valid(&value) {
            continue;
        }
        let name = crate::syntax::yaml::key_text(&e.key);
        let prefix = format!("/services/{}", name.replace('~', "~0").replace('/', "~1"));
        let mut wrapper = serde_json::json!({"services": {}});
        wrapper["services"][&name] = value;
        for error in SERVICE_VALIDATOR.iter_errors(&wrapper["services"][&name]) {
            let path = error.instance_path().as_str();
            report(
                describe(root, &prefix, path, error.kind(), &wrapper, &unresolved),
                cx,
            );
        }
    }
}

/// `prefix` + `relative`: where the value is (`prefix` is where the validated document sits in
/// the file). `unresolved`: pointers of values holding an unset variable; nothing is said about
/// them.
fn describe(
    root: &Node,
    prefix: &str,
    relative: &str,
    kind: &ValidationErrorKind,
    json: &J,
    unresolved: &[String],
) -> Vec<Finding> {
    let full = format!("{prefix}{relative}");
    let path = full.as_str();
    if unresolved
        .iter()
        .any(|p| path == p || path.starts_with(&format!("{p}/")))
    {
        return Vec::new();
    }
    let node = root.pointer(path);
    let field = field_name(path);
    let value_span = node.map_or(Span::empty(0), |n| n.span);
    let key_span = key_span(root, path).unwrap_or(value_span);
    let instance = json.pointer(path).unwrap_or(&J::Null);
    let one = |span: Span, message: String, help: Option<String>| {
        vec![Finding {
            span,
            message,
            help,
            repair: None,
        }]
    };
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            // A service written at the top level of a fragment is `compose-fragment`'s finding.
            .filter(|key| {
                !(path.is_empty()
                    && root.get("services").is_none()
                    && root
                        .get(key)
                        .is_some_and(super::compose_fragment::is_service_like))
            })
            .map(|key| {
                let entry = node.and_then(|n| n.entry(key));
                let span = entry.map_or(value_span, |e| e.key.span);
                let candidates = keys_at(path);
                let names: Vec<&str> = candidates.iter().map(String::as_str).collect();
                let respelt = names.iter().find(|n| same_key(key, n)).copied();
                let close = respelt.or_else(|| crate::suggest::did_you_mean(key, &names));
                let help = match close {
                    Some(close) => Some(format!("did you mean `{close}`?")),
                    None if names.is_empty() => None,
                    None => Some(format!("valid keys here: {}", list(&names, 14))),
                };
                // No rename onto a key the mapping already has, nor a guess among equals.
                let free = |to: &str| node.is_some_and(|n| n.entry(to).is_none());
                let repair = match (respelt, close) {
                    (Some(to), _) if free(to) => Some((to, true)),
                    (None, Some(to)) if free(to) && only_closest(key, to, &names) => {
                        Some((to, false))
                    }
                    _ => None,
                };
                Finding {
                    span,
                    message: format!("`{key}` is not a valid {}", place(path)),
                    help,
                    repair: repair.filter(|_| entry.is_some()).map(|(to, certain)| {
                        Repair::RenameKey {
                            key: span,
                            to: to.to_string(),
                            certain,
                        }
                    }),
                }
            })
            .collect(),
        ValidationErrorKind::Type { kind } => {
            let expected: Vec<&str> = match kind {
                TypeKind::Single(t) => vec![t.as_str()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
            };
            type_finding(root, path, &expected, instance)
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            // Every branch failed on the value's type alone: name the types it may have.
            let all_types = context.iter().all(|branch| {
                branch.len() == 1
                    && branch[0].instance_path().as_str() == relative
                    && matches!(branch[0].kind(), ValidationErrorKind::Type { .. })
            });
            if all_types {
                let mut expected = Vec::new();
                for branch in context {
                    if let ValidationErrorKind::Type { kind } = branch[0].kind() {
                        match kind {
                            TypeKind::Single(t) => expected.push(t.as_str()),
                            TypeKind::Multiple(set) => {
                                expected.extend(set.iter().map(|t| t.as_str()))
                            }
                        }
                    }
                }
                return type_finding(root, path, &expected, instance);
            }
            // Otherwise the branch whose type matched tells what is wrong inside the value.
            let branch = context.iter().find(|branch| {
                !branch.iter().any(|e| {
                    e.instance_path().as_str() == relative
                        && matches!(e.kind(), ValidationErrorKind::Type { .. })
                })
            });
            match branch {
                Some(errors) => errors
                    .iter()
                    .flat_map(|e| {
                        let nested = e.instance_path().as_str();
                        describe(root, prefix, nested, e.kind(), json, unresolved)
                    })
                    .collect(),
                None => one(value_span, format!("`{field}` has an invalid value"), None),
            }
        }
        // `restart: always // keep it up`: `slash-comment-in-value` says what is wrong.
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Pattern { .. }
            if super::slash_comment_in_value::slash_comment_at(&scalar_text(instance))
                .is_some() =>
        {
            Vec::new()
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|o| o.as_str().map_or(o.to_string(), str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let names: Vec<&str> = options.iter().map(String::as_str).collect();
            let shown = scalar_text(instance);
            let help = match crate::suggest::did_you_mean(&shown, &names) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("use one of: {}", list(&names, 20)),
            };
            one(
                value_span,
                format!("`{shown}` is not a valid value for `{field}`"),
                Some(help),
            )
        }
        // `invalid-container-name` says it precisely (the schema's pattern is unanchored).
        ValidationErrorKind::Pattern { .. } if field == "container_name" => Vec::new(),
        ValidationErrorKind::Pattern { pattern } => {
            let shown = scalar_text(instance);
            let (allowed, candidates): (String, &[&str]) = match field.as_str() {
                "restart" => (
                    "`no`, `always`, `on-failure[:max-retries]` or `unless-stopped`".into(),
                    &["no", "always", "on-failure", "unless-stopped"],
                ),
                "pull_policy" => (
                    "`always`, `never`, `missing`, `build`, `daily`, `weekly` or `every_<duration>`".into(),
                    &["always", "never", "missing", "build", "daily", "weekly", "if_not_present"],
                ),
                _ => (format!("text matching `{pattern}`"), &[]),
            };
            let help = crate::suggest::did_you_mean(&shown, candidates)
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("expected {allowed}"));
            one(
                value_span,
                format!("`{shown}` is not a valid value for `{field}`"),
                Some(help),
            )
        }
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or("?");
            one(
                key_span,
                format!("`{field}` needs a `{property}` key"),
                None,
            )
        }
        ValidationErrorKind::UniqueItems => one(
            key_span,
            format!("`{field}` lists the same entry more than once"),
            Some("remove the repeated entry".into()),
        ),
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => one(
            value_span,
            format!("`{field}` must be at least {limit}"),
            None,
        ),
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => one(
            value_span,
            format!("`{field}` must be at most {limit}"),
            None,
        ),
        other => one(
            value_span,
            format!("`{field}`: {}", describe_other(other)),
            None,
        ),
    }
}

fn describe_other(kind: &ValidationErrorKind) -> String {
    match kind {
        ValidationErrorKind::FalseSchema => "this key is not allowed here".into(),
        ValidationErrorKind::MinItems { limit } => format!("needs at least {limit} entries"),
        ValidationErrorKind::MinLength { .. } => "must not be empty".into(),
        _ => "the value does not fit the Compose Specification".into(),
    }
}

fn type_finding(root: &Node, path: &str, expected: &[&str], instance: &J) -> Vec<Finding> {
    let field = field_name(path);
    let node = root.pointer(path);
    let mut expected_words: Vec<&str> = Vec::new();
    for t in expected {
        let word = type_word(t);
        if !expected_words.contains(&word) {
            expected_words.push(word);
        }
    }
    // "a number or an integer" says no more than "a number".
    if expected.contains(&"number") {
        expected_words.retain(|w| *w != "an integer");
    }
    let actual = actual_word(instance);
    let span = match node {
        Some(n) if !n.is_null() => n.span,
        _ => key_span(root, path).unwrap_or(Span::empty(0)),
    };
    // `ports: -80:80` (a string) or `expose: -3000` (a negative number): a dash without its space.
    let dashed = node
        .filter(|n| n.as_scalar().is_some_and(|s| s.style == Style::Plain))
        .and_then(|n| n.as_str())
        .and_then(|raw| raw.strip_prefix('-'))
        .filter(|item| !item.is_empty() && !item.starts_with('-'));
    let help = match (instance, expected.contains(&"array")) {
        (J::String(_) | J::Number(_), true) if dashed.is_some() => Some(format!(
            "a YAML list item needs a space after the dash: `- {}`",
            dashed.unwrap_or_default()
        )),
        (J::String(s), true) => Some(format!("write it as a list: `- {s}`")),
        _ => None,
    };
    let repair = match (node, key_span(root, path), dashed) {
        (Some(n), Some(key), Some(item))
            if expected.contains(&"array") && !item.contains(char::is_whitespace) =>
        {
            Some(Repair::DashItem {
                key,
                value: n.span,
                quote: matches!(field.as_str(), "ports" | "expose"),
            })
        }
        _ => None,
    };
    vec![Finding {
        span,
        message: format!(
            "`{field}` must be {}, not {actual}",
            or_list(&expected_words)
        ),
        help,
        repair,
    }]
}

/// The same key but for how its words are joined or its case: `mem limit`, `mem-limit`,
/// `Mem_Limit` for `mem_limit`.
fn same_key(written: &str, known: &str) -> bool {
    let normal = |k: &str| k.to_ascii_lowercase().replace([' ', '-'], "_");
    written != known && normal(written) == normal(known)
}

/// `to` is nearer to `written` than every other candidate: a guess with no rival.
fn only_closest(written: &str, to: &str, candidates: &[&str]) -> bool {
    use crate::suggest::edit_distance;
    let distance = |c: &str| edit_distance(&written.to_lowercase(), &c.to_lowercase());
    let best = distance(to);
    candidates.iter().all(|c| *c == to || distance(c) > best)
}

fn repair_fix(text: &str, repair: Repair) -> Option<Fix> {
    match repair {
        Repair::RenameKey { key, to, certain } => {
            let written = text.get(key.start..key.end)?;
            let message = format!("rename `{written}` to `{to}`");
            let edits = vec![Edit::replace(key, to)];
            Some(if certain {
                Fix::safe(message, edits)
            } else {
                Fix::unsafe_(message, edits)
            })
        }
        Repair::DashItem { key, value, quote } => {
            let item = text.get(value.start..value.end)?.strip_prefix('-')?;
            let line_start = text[..key.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[value.end..]
                .find('\n')
                .map_or(text.len(), |i| value.end + i);
            let newline = if text[..line_end].ends_with('\r') {
                "\r\n"
            } else {
                "\n"
            };
            // The item goes two columns right of its key (`- ` items under `ports:`).
            let indent = " ".repeat(text[line_start..key.start].chars().count() + 2);
            let plain_ok = !item.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c));
            let item = if quote || !plain_ok {
                format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                item.to_string()
            };
            // From the key's colon (or the comment after it): the item gets a line of its own.
            let gap = text[..value.start].trim_end().len();
            Some(Fix::safe(
                format!("write `{item}` as a list item"),
                vec![Edit::replace(
                    Span::new(gap, value.end),
                    format!("{newline}{indent}- {item}"),
                )],
            ))
        }
    }
}

fn type_word(t: &str) -> &'static str {
    match t {
        "string" => "a string",
        "number" => "a number",
        "integer" => "an integer",
        "array" => "a list",
        "object" => "a mapping",
        "boolean" => "true or false",
        "null" => "empty",
        _ => "a value",
    }
}

fn actual_word(v: &J) -> String {
    match v {
        J::Null => "empty".into(),
        J::Bool(b) => format!("`{b}`"),
        J::Number(n) => format!("the number `{n}`"),
        J::String(s) => format!("the string `{s}`"),
        J::Array(_) => "a list".into(),
        J::Object(_) => "a mapping".into(),
    }
}

fn or_list(words: &[&str]) -> String {
    match words {
        [] => "something else".into(),
        [one] => (*one).into(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn list(names: &[&str], max: usize) -> String {
    let mut shown: Vec<String> = names.iter().take(max).map(|n| format!("`{n}`")).collect();
    if names.len() > max {
        shown.push("...".into());
    }
    shown.join(", ")
}

fn scalar_text(v: &J) -> String {
    match v {
        J::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The key a JSON pointer ends at, for messages (`item 2 of ports` for list items).
fn field_name(path: &str) -> String {
    let mut parts = path.rsplit('/');
    let last = parts.next().unwrap_or("");
    let unescape = |s: &str| s.replace("~1", "/").replace("~0", "~");
    if last.parse::<usize>().is_ok() {
        let parent = parts.next().unwrap_or("");
        format!("{}[{last}]", unescape(parent))
    } else if last.is_empty() {
        "the file".into()
    } else {
        unescape(last)
    }
}

/// Where unknown keys were found, in words.
fn place(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    match parts.as_slice() {
        [] => "top-level key".into(),
        ["services", _] => "service key".into(),
        ["services", _, rest @ ..] => format!("key under `{}`", rest.join(".")),
        [section, _] => format!("key for a top-level {}", section.trim_end_matches('s')),
        _ => format!("key under `{}`", field_name(path)),
    }
}

/// The span of the key holding the value at `path`.
fn key_span(root: &Node, path: &str) -> Option<Span> {
    let (parent, last) = path.rsplit_once('/')?;
    let last = last.replace("~1", "/").replace("~0", "~");
    let parent = root.pointer(parent)?;
    match parent.entry(&last) {
        Some(e) => Some(e.key.span),
        None => parent.pointer(&format!("/{last}")).map(|n| n.span),
    }
}

/// The keys the schema allows at the object `path` points to.
fn keys_at(path: &str) -> Vec<String> {
    let segments: Vec<String> = path
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut out = Vec::new();
    collect_keys(&SCHEMA, &segments, &mut out, 0);
    out.sort();
    out.dedup();
    out
}

fn resolve(schema: &J) -> &J {
    let mut s = schema;
    for _ in 0..8 {
        match s.get("$ref").and_then(J::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| SCHEMA.pointer(p)) {
                Some(target) => s = target,
                None => break,
            },
            None => break,
        }
    }
    s
}

fn collect_keys(schema: &J, segments: &[String], out: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    let schema = resolve(schema);
    for branch in ["oneOf", "anyOf", "allOf"] {
        if let Some(branches) = schema.get(branch).and_then(J::as_array) {
            for b in branches {
                collect_keys(b, segments, out, depth + 1);
            }
        }
    }
    let Some((first, rest)) = segments.split_first() else {
        if let Some(props) = schema.get("properties").and_then(J::as_object) {
            out.extend(props.keys().cloned());
        }
        return;
    };
    if let Some(next) = schema.get("properties").and_then(|p| p.get(first)) {
        collect_keys(next, rest, out, depth + 1);
        return;
    }
    if first.parse::<usize>().is_ok()
        && let Some(items) = schema.get("items")
    {
        collect_keys(items, rest, out, depth + 1);
        return;
    }
    if let Some(patterns) = schema.get("patternProperties").and_then(J::as_object) {
        for (pattern, next) in patterns {
            if pattern != "^x-" {
                collect_keys(next, rest, out, depth + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_compiles_and_knows_its_keys() {
        assert!(VALIDATOR.is_valid(&serde_json::json!({"services": {"web": {"image": "x"}}})));
        let keys = keys_at("/services/web");
        assert!(keys.contains(&"mem_limit".to_string()), "{keys:?}");
        assert!(keys_at("/services/web/build").contains(&"dockerfile".to_string()));
        assert!(keys_at("").contains(&"services".to_string()));
        assert!(keys_at("/services/web/deploy/resources").contains(&"limits".to_string()));
    }

    #[test]
    fn a_value_broken_by_a_slash_comment_is_left_to_slash_comment_in_value() {
        let config = crate::Config {
            select: vec!["DC002".into(), "DC040".into()],
            ..crate::Config::default()
        };
        let codes = |text: &str| -> Vec<&str> {
            crate::lint_text("compose.yaml", text, None, &config)
                .diagnostics
                .iter()
                .map(|d| d.diagnostic.code)
                .collect()
        };
        let service = "services:\n  web:\n    image: nginx:1.27\n";
        assert_eq!(
            codes(&format!("{service}    restart: always // up\n")),
            ["DC040"]
        );
        assert_eq!(
            codes(&format!("{service}    restart: allways\n")),
            ["DC002"]
        );
    }
}
