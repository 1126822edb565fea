//! Schema validation for every span-tree kind: a YAML tree validated against a JSON Schema,
//! each violation reported on the exact key or value in plain words, with did-you-mean for
//! unknown keys and enum values and the repairs that are certain. Compose's `schema-violation`
//! and buildspec's schema rule call this; a kind adds its own wording through [`Schema`].

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value as J;

use crate::diagnostic::{Edit, Fix, Severity, Span};
use crate::rule::Context;
use crate::syntax::yaml::{Node, Style};

/// A kind's schema and its say on the wording.
pub struct Schema<'a> {
    /// The schema document (for the keys allowed at a place, and `$ref`s).
    pub json: &'a J,
    /// What the schema is, for messages: "the Compose Specification".
    pub spec: &'static str,
    /// Where unknown keys were found, in words ("service key", "key under `phases`").
    pub place: fn(&str) -> String,
    /// Unknown keys another rule of the kind reports (a Compose fragment's services).
    pub skip_key: fn(&Node, &str, &str) -> bool,
    /// The kind's own findings for a violation (`Some(vec![])` silences it), before the generic
    /// description.
    pub special: fn(&Site<'_>) -> Option<Vec<Finding>>,
    /// Fields whose list items are quoted when a dashless item is repaired (`ports`).
    pub quoted_items: &'static [&'static str],
    /// The most an unknown key reports at, when the consumer ignores unknown keys (with a log
    /// line) instead of refusing the file.
    pub unknown_keys_at_most: Option<Severity>,
    /// The keys valid at `path` when the schema alone cannot say (they depend on a value of the
    /// instance there, as a Travis deploy's keys depend on its `provider`); `None`: the schema's.
    pub keys_for: fn(&str, &J) -> Option<Vec<String>>,
}

/// One violation where a kind's [`Schema::special`] sees it.
pub struct Site<'a> {
    pub path: &'a str,
    pub field: &'a str,
    pub value_span: Span,
    pub instance: &'a J,
    pub kind: &'a ValidationErrorKind,
}

/// No key skipped.
pub fn skip_none(_: &Node, _: &str, _: &str) -> bool {
    false
}

/// The keys the schema lists.
pub fn schema_keys(_: &str, _: &J) -> Option<Vec<String>> {
    None
}

/// No special wording.
pub fn no_special(_: &Site<'_>) -> Option<Vec<Finding>> {
    None
}

/// Validates `json` (the tree as JSON) with `validator` and reports every violation once, on the
/// node `root` holds at its path (`unresolved`: pointers nothing is said about).
pub fn validate(
    schema: &Schema<'_>,
    validator: &jsonschema::Validator,
    root: &Node,
    json: &J,
    unresolved: &[String],
    text: &str,
    cx: &mut Context<'_>,
) {
    let mut seen = Seen::new();
    // Past what a rule lists, findings are only counted: no key to suggest, so a file of 20,000
    // misspelt deploys costs no 20,000 did-you-mean searches.
    let counted = Schema {
        keys_for: |_, _| Some(Vec::new()),
        ..*schema
    };
    for error in validator.iter_errors(json) {
        let path = error.instance_path().as_str();
        let wording = if seen.len() < crate::rule::MAX_FINDINGS_PER_RULE {
            schema
        } else {
            &counted
        };
        let found = describe(wording, root, "", path, error.kind(), json, unresolved);
        report(found, &mut seen, text, cx);
    }
}

/// `json` without the object members whose value is `null`: JSON readers that decode into typed
/// fields (Go's `encoding/json`, the AWS SDKs' serialisers) read a `null` as "not set", so
/// `"dnsServers": null` asks for nothing and is not a value of the wrong type.
pub fn without_nulls(json: J) -> J {
    match json {
        J::Object(members) => J::Object(
            members
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        J::Array(items) => J::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// The findings reported so far: a place and its words.
pub type Seen = std::collections::HashSet<(Span, String)>;

/// Reports findings not reported before at the same place with the same words, with their fixes.
pub fn report(findings: Vec<Finding>, seen: &mut Seen, text: &str, cx: &mut Context<'_>) {
    for f in findings {
        if !seen.insert((f.span, f.message.clone())) {
            continue;
        }
        let d = cx.report(f.span, f.message);
        if let Some(help) = f.help {
            d.help(help);
        }
        if let Some(fix) = f.repair.and_then(|r| repair_fix(text, r)) {
            d.fix(fix);
        }
        if let Some(cap) = f.at_most {
            d.at_most(cap);
        }
    }
}

/// One schema violation, located and worded.
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub repair: Option<Repair>,
    /// The most this finding reports at (see [`Schema::unknown_keys_at_most`]).
    pub at_most: Option<Severity>,
}

/// A repair of a violation, made into edits once the file's text is at hand.
pub enum Repair {
    /// Rename the key at `key` to `to`; `certain` when only spelling separates them.
    RenameKey {
        key: Span,
        to: String,
        certain: bool,
    },
    /// The value at `value` (`-80:80`) was meant as the list's one item, under the key at `key`.
    DashItem { key: Span, value: Span, quote: bool },
}

/// `prefix` + `relative`: where the value is (`prefix` is where the validated document sits in
/// the file). `unresolved`: pointers of values holding an unset variable; nothing is said about
/// them.
pub fn describe(
    schema: &Schema<'_>,
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
            at_most: None,
        }]
    };
    if let Some(found) = (schema.special)(&Site {
        path,
        field: &field,
        value_span,
        instance,
        kind,
    }) {
        return found;
    }
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            // Once per mapping, not per key: a file of 50,000 unknown keys stays linear.
            let candidates =
                (schema.keys_for)(path, instance).unwrap_or_else(|| keys_at(schema.json, path));
            let names: Vec<&str> = candidates.iter().map(String::as_str).collect();
            let entries: std::collections::HashMap<&str, &crate::syntax::yaml::Entry> = node
                .and_then(Node::as_map)
                .unwrap_or_default()
                .iter()
                .filter_map(|e| Some((e.key.as_str()?, e)))
                .collect();
            unexpected
                .iter()
                .filter(|key| !(schema.skip_key)(root, path, key))
                .enumerate()
                .map(|(nth, key)| {
                    let entry = entries.get(key.as_str()).copied();
                    let span = entry.map_or(value_span, |e| e.key.span);
                    // Past what a rule lists, findings are only counted: no suggestion to seek.
                    let listed = nth < crate::rule::MAX_FINDINGS_PER_RULE;
                    let respelt = names.iter().find(|n| listed && same_key(key, n)).copied();
                    let close = respelt.or_else(|| {
                        listed
                            .then(|| crate::suggest::did_you_mean(key, &names))
                            .flatten()
                    });
                    let help = match close {
                        Some(close) => Some(format!("did you mean `{close}`?")),
                        None if names.is_empty() => None,
                        None => Some(format!("valid keys here: {}", list(&names, 14))),
                    };
                    // No rename onto a key the mapping already has, nor a guess among equals.
                    let free = |to: &str| node.is_some() && !entries.contains_key(to);
                    let repair = match (respelt, close) {
                        (Some(to), _) if free(to) => Some((to, true)),
                        (None, Some(to)) if free(to) && only_closest(key, to, &names) => {
                            Some((to, false))
                        }
                        _ => None,
                    };
                    Finding {
                        at_most: schema.unknown_keys_at_most,
                        span,
                        message: format!("`{key}` is not a valid {}", (schema.place)(path)),
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
                .collect()
        }
        ValidationErrorKind::Type { kind } => {
            let expected: Vec<&str> = match kind {
                TypeKind::Single(t) => vec![t.as_str()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
            };
            type_finding(schema, root, path, &expected, instance)
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
                return type_finding(schema, root, path, &expected, instance);
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
                        describe(schema, root, prefix, nested, e.kind(), json, unresolved)
                    })
                    .collect(),
                None => one(value_span, format!("`{field}` has an invalid value"), None),
            }
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
            let mut names: Vec<&str> = Vec::new();
            for o in &options {
                if !names.contains(&o.as_str()) {
                    names.push(o);
                }
            }
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
        ValidationErrorKind::Pattern { pattern } => one(
            value_span,
            format!(
                "`{}` is not a valid value for `{field}`",
                scalar_text(instance)
            ),
            Some(format!("expected text matching `{pattern}`")),
        ),
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or("?");
            if path.is_empty() {
                return one(
                    Span::empty(0),
                    format!("the file needs a top-level `{property}` key"),
                    None,
                );
            }
            let article =
                if property.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
                    "an"
                } else {
                    "a"
                };
            one(
                key_span,
                format!("`{field}` needs {article} `{property}` key"),
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
            format!("`{field}`: {}", describe_other(other, schema.spec)),
            None,
        ),
    }
}

fn describe_other(kind: &ValidationErrorKind, spec: &str) -> String {
    match kind {
        ValidationErrorKind::FalseSchema => "this key is not allowed here".into(),
        ValidationErrorKind::MinItems { limit } => format!("needs at least {limit} entries"),
        ValidationErrorKind::MinLength { .. } => "must not be empty".into(),
        _ => format!("the value does not fit {spec}"),
    }
}

fn type_finding(
    schema: &Schema<'_>,
    root: &Node,
    path: &str,
    expected: &[&str],
    instance: &J,
) -> Vec<Finding> {
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
                quote: schema.quoted_items.contains(&field.as_str()),
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
        at_most: None,
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

pub fn repair_fix(text: &str, repair: Repair) -> Option<Fix> {
    match repair {
        Repair::RenameKey { key, to, certain } => {
            let written = text.get(key.start..key.end)?;
            let message = format!("rename `{written}` to `{to}`");
            // A quoted key (JSON, or `"mem limit":` in YAML) keeps its quotes.
            let to = match written.chars().next() {
                Some(q @ ('"' | '\'')) if written.len() >= 2 && written.ends_with(q) => {
                    format!("{q}{to}{q}")
                }
                _ => to,
            };
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

pub(crate) fn type_word(t: &str) -> &'static str {
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

pub(crate) fn actual_word(v: &J) -> String {
    match v {
        J::Null => "empty".into(),
        J::Bool(b) => format!("`{b}`"),
        J::Number(n) => format!("the number `{n}`"),
        J::String(s) => format!("the string `{s}`"),
        J::Array(_) => "a list".into(),
        J::Object(_) => "a mapping".into(),
    }
}

pub(crate) fn or_list(words: &[&str]) -> String {
    match words {
        [] => "something else".into(),
        [one] => (*one).into(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

pub fn list(names: &[&str], max: usize) -> String {
    let mut shown: Vec<String> = names.iter().take(max).map(|n| format!("`{n}`")).collect();
    if names.len() > max {
        shown.push("...".into());
    }
    shown.join(", ")
}

pub fn scalar_text(v: &J) -> String {
    match v {
        J::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The key a JSON pointer ends at, for messages (`item 2 of ports` for list items).
pub fn field_name(path: &str) -> String {
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
pub fn keys_at(schema: &J, path: &str) -> Vec<String> {
    let segments: Vec<String> = path
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut out = Vec::new();
    collect_keys(schema, schema, &segments, &mut out, 0);
    out.sort();
    out.dedup();
    out
}

fn resolve<'s>(root: &'s J, schema: &'s J) -> &'s J {
    let mut s = schema;
    for _ in 0..8 {
        match s.get("$ref").and_then(J::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => s = target,
                None => break,
            },
            None => break,
        }
    }
    s
}

fn collect_keys(root: &J, schema: &J, segments: &[String], out: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    let schema = resolve(root, schema);
    for branch in ["oneOf", "anyOf", "allOf"] {
        if let Some(branches) = schema.get(branch).and_then(J::as_array) {
            for b in branches {
                collect_keys(root, b, segments, out, depth + 1);
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
        collect_keys(root, next, rest, out, depth + 1);
        return;
    }
    if first.parse::<usize>().is_ok()
        && let Some(items) = schema.get("items")
    {
        collect_keys(root, items, rest, out, depth + 1);
        return;
    }
    if let Some(patterns) = schema.get("patternProperties").and_then(J::as_object) {
        for (pattern, next) in patterns {
            if pattern != "^x-" {
                collect_keys(root, next, rest, out, depth + 1);
            }
        }
    }
}
