//! What several Compose rules share: one finding per place (anchors copy spans), the
//! interpolated JSON the schema sees, readers for Compose's many "list or mapping" shapes, and
//! the builds a Compose file makes (also read by the CLI to lint those Dockerfiles).

use crate::diagnostic::Span;
use crate::rule::ComposeInput;
use crate::syntax::compose::{Env, interpolate};
use crate::syntax::yaml::{Node, Style, Value};

/// One finding per problem: text a YAML anchor shares (`<<: *defaults`, `*env`) is copied into
/// every service that uses it, spans included, so each copy would report the same place again.
/// Findings of one rule at one span become one, naming every service whose definition holds
/// that text.
pub fn one_per_place(
    found: Vec<crate::Diagnostic>,
    input: &ComposeInput<'_>,
) -> Vec<crate::Diagnostic> {
    let mut out: Vec<crate::Diagnostic> = Vec::with_capacity(found.len());
    let mut copies: Vec<usize> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for d in found {
        match seen.entry((d.code, d.span)) {
            std::collections::hash_map::Entry::Occupied(first) => copies.push(*first.get()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(out.len());
                out.push(d);
            }
        }
    }
    copies.sort_unstable();
    copies.dedup();
    for i in copies {
        let span = out[i].span;
        let sharing: Vec<String> = input
            .services()
            .iter()
            .filter(|s| holds(s.node, span))
            .map(|s| format!("`{}`", s.name))
            .collect();
        if sharing.len() > 1 {
            let d = &mut out[i];
            d.message = format!(
                "{} (shared through a YAML anchor by {})",
                d.message,
                sharing.join(", ")
            );
        }
    }
    out
}

/// Whether `node` or a node under it sits at `span` (a scalar: anywhere inside it).
fn holds(node: &Node, span: Span) -> bool {
    match &node.value {
        Value::Scalar(_) => node.span.start <= span.start && span.end <= node.span.end,
        Value::Seq(items) => node.span == span || items.iter().any(|n| holds(n, span)),
        Value::Map(entries) => {
            node.span == span
                || entries
                    .iter()
                    .any(|e| holds(&e.key, span) || holds(&e.value, span))
        }
    }
}

/// The document as JSON after interpolation, as Compose validates it. A plain scalar that held a
/// substitution is typed again after it (`cpus: ${CPUS:-0.5}` is the number 0.5).
pub fn interpolated_json(node: &Node, env: &Env) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Scalar(s) if s.text.contains('$') => {
            let value = interpolate(&s.text, env).value;
            // An empty result stays a string, as in Compose.
            if s.style == Style::Plain && !value.is_empty() {
                let retyped = Node::plain(node.span, value);
                retyped.to_json()
            } else {
                J::String(value)
            }
        }
        Value::Scalar(_) => node.to_json(),
        Value::Seq(items) => J::Array(items.iter().map(|n| interpolated_json(n, env)).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|e| {
                    (
                        crate::syntax::yaml::key_text(&e.key),
                        interpolated_json(&e.value, env),
                    )
                })
                .collect(),
        ),
    }
}

/// [`interpolated_json`] of a mapping without one of its keys.
pub fn interpolated_json_except(node: &Node, env: &Env, skip: &str) -> serde_json::Value {
    match &node.value {
        Value::Map(entries) => serde_json::Value::Object(
            entries
                .iter()
                .filter(|e| e.key.as_str() != Some(skip))
                .map(|e| {
                    (
                        crate::syntax::yaml::key_text(&e.key),
                        interpolated_json(&e.value, env),
                    )
                })
                .collect(),
        ),
        _ => interpolated_json(node, env),
    }
}

/// JSON pointers of the values whose interpolation left a variable unresolved: the schema can
/// say nothing about them. `path` holds the segments down to `node`.
pub fn unresolved_pointers<'a>(
    node: &'a Node,
    env: &Env,
    path: &mut Vec<std::borrow::Cow<'a, str>>,
    out: &mut Vec<String>,
) {
    match &node.value {
        Value::Scalar(s) => {
            if s.text.contains('$') && !interpolate(&s.text, env).unresolved.is_empty() {
                let mut pointer = String::new();
                for segment in path.iter() {
                    pointer.push('/');
                    pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
                }
                out.push(pointer);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(std::borrow::Cow::Owned(i.to_string()));
                unresolved_pointers(item, env, path, out);
                path.pop();
            }
        }
        Value::Map(entries) => {
            for e in entries {
                path.push(match e.key.as_str() {
                    Some(k) => std::borrow::Cow::Borrowed(k),
                    None => std::borrow::Cow::Owned(crate::syntax::yaml::key_text(&e.key)),
                });
                unresolved_pointers(&e.value, env, path, out);
                path.pop();
            }
        }
    }
}

/// One item of a "list or mapping" field (`environment`, `labels`, `build.args`, ...): the
/// mapping form `KEY: value` or the list form `- KEY=value`.
pub struct Pair<'a> {
    pub key: String,
    pub value: Option<String>,
    /// The key's span (in the list form, the start of the item).
    pub key_span: Span,
    /// The value's span (in the list form, the text after `=`).
    pub value_span: Option<Span>,
    pub node: &'a Node,
    /// The value is written literally (not `${...}`).
    pub literal: bool,
}

pub fn pairs<'a>(node: &'a Node, text: &str) -> Vec<Pair<'a>> {
    let mut out = Vec::new();
    match &node.value {
        Value::Map(entries) => {
            for e in entries {
                let value = e.value.as_scalar().filter(|_| !e.value.is_null());
                out.push(Pair {
                    key: crate::syntax::yaml::key_text(&e.key),
                    value: value.map(|s| s.text.to_string()),
                    key_span: e.key.span,
                    value_span: value.map(|_| e.value.span),
                    node: &e.value,
                    literal: value.is_some_and(|s| !s.text.contains('$')),
                });
            }
        }
        Value::Seq(items) => {
            for item in items {
                let Some(t) = item.as_str() else { continue };
                let (key, value) = match t.split_once('=') {
                    Some((k, v)) => (k, Some(v)),
                    None => (t, None),
                };
                let value_span = value.map(|v| {
                    let s = crate::syntax::compose::value_span(
                        text,
                        item,
                        (t.len() - v.len(), t.len()),
                    );
                    if s == item.span { item.span } else { s }
                });
                out.push(Pair {
                    key: key.to_string(),
                    value: value.map(str::to_string),
                    key_span: crate::syntax::compose::value_span(text, item, (0, key.len())),
                    value_span,
                    node: item,
                    literal: value.is_some_and(|v| !v.contains('$')),
                });
            }
        }
        Value::Scalar(_) => {}
    }
    out
}

/// The names a field lists, in either the list form or as mapping keys (`networks`,
/// `depends_on`, `secrets` entries with `source:`...), with the node naming each.
pub fn names(node: &Node) -> Vec<(String, &Node)> {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|i| match &i.value {
                Value::Scalar(s) => Some((s.text.to_string(), i)),
                Value::Map(_) => i
                    .get("source")
                    .and_then(|s| Some((s.as_str()?.to_string(), s))),
                Value::Seq(_) => None,
            })
            .collect(),
        Value::Map(entries) => entries
            .iter()
            .filter_map(|e| Some((e.key.as_str()?.to_string(), &e.key)))
            .collect(),
        Value::Scalar(_) => Vec::new(),
    }
}

/// The names declared in a top-level section (`volumes`, `networks`, `secrets`, `configs`).
pub fn declared<'a>(input: &'a ComposeInput<'_>, section: &str) -> Vec<(&'a str, &'a Node)> {
    input
        .root
        .and_then(|r| r.get(section))
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .filter_map(|e| Some((e.key.as_str()?, &e.key)))
        .collect()
}

/// Every scalar value of the tree (keys excluded), in document order.
pub fn for_each_value<'a>(node: &'a Node, f: &mut dyn FnMut(&'a Node)) {
    match &node.value {
        Value::Scalar(_) => f(node),
        Value::Seq(items) => items.iter().for_each(|n| for_each_value(n, f)),
        Value::Map(entries) => entries
            .iter()
            .filter(|e| !e.merged)
            .for_each(|e| for_each_value(&e.value, f)),
    }
}

/// Each item of a list field of every service (`cap_add`, `security_opt`, `volumes`, ...), with
/// its service.
pub fn list_items<'i, 'a>(
    input: &'i ComposeInput<'a>,
    key: &'i str,
) -> impl Iterator<Item = (&'i crate::syntax::compose::Service<'a>, &'a Node)> + 'i {
    input.services().iter().flat_map(move |s| {
        s.node
            .get(key)
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .map(move |item| (s, item))
    })
}

/// A service's use of a named top-level resource.
pub struct Use<'a> {
    pub name: String,
    /// Where the name is written.
    pub span: Span,
    pub service: &'a str,
}

/// Whether the source of a short volume entry is a host path rather than a volume name.
pub fn is_host_path(source: &str) -> bool {
    source.starts_with(['.', '/', '~', '$', '\\'])
        || source.contains('/')
        || source.contains('\\')
        || (source.len() == 1 && source.as_bytes()[0].is_ascii_alphabetic())
}

/// The named volumes, networks, secrets or configs (`section`) each service uses.
pub fn uses<'a>(input: &'a ComposeInput<'_>, section: &str) -> Vec<Use<'a>> {
    let mut out = Vec::new();
    for service in input.services() {
        let mut push = |name: String, span: Span| {
            out.push(Use {
                name,
                span,
                service: service.name,
            })
        };
        match section {
            "volumes" => {
                for item in service
                    .node
                    .get("volumes")
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                {
                    match &item.value {
                        Value::Scalar(s) => {
                            let Some((source, _)) = s.text.split_once(':') else {
                                continue;
                            };
                            if !source.is_empty() && !is_host_path(source) {
                                let span = crate::syntax::compose::value_span(
                                    input.text,
                                    item,
                                    (0, source.len()),
                                );
                                push(source.to_string(), span);
                            }
                        }
                        Value::Map(_) => {
                            let is_volume =
                                item.get("type").and_then(Node::as_str) == Some("volume");
                            if let Some(src) = item.get("source").filter(|_| is_volume)
                                && let Some(name) = src.as_str()
                            {
                                push(name.to_string(), src.span);
                            }
                        }
                        Value::Seq(_) => {}
                    }
                }
            }
            "networks" | "secrets" | "configs" => {
                if let Some(n) = service.node.get(section) {
                    for (name, node) in names(n) {
                        push(name, node.span);
                    }
                }
                if section == "secrets"
                    && let Some(n) = service.node.get("build").and_then(|b| b.get("secrets"))
                {
                    for (name, node) in names(n) {
                        push(name, node.span);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// An edit that puts the `blocks` (nodes of one mapping or sequence, in file order) in the
/// order of their `keys`; `None` when already in order or when the layout cannot be moved safely.
/// Blocks on lines of their own move as whole lines (with the comments and blank lines after
/// them); items of a one-line flow list swap their texts.
pub fn reorder_fix(text: &str, blocks: &[(String, Span)], message: &str) -> Option<crate::Fix> {
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_by(|&a, &b| blocks[a].0.cmp(&blocks[b].0));
    if order.iter().enumerate().all(|(i, &o)| i == o) {
        return None;
    }
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let same_line = blocks
        .windows(2)
        .all(|w| line_start(w[0].1.start) == line_start(w[1].1.start));
    if same_line {
        let edits = blocks
            .iter()
            .zip(&order)
            .map(|((_, span), &o)| {
                let s = blocks[o].1;
                crate::Edit::replace(*span, &text[s.start..s.end])
            })
            .collect();
        return Some(crate::Fix::safe(message, edits));
    }
    // Each block runs from its first line (with the comment lines just above it, at its
    // indentation) to the start of the next block.
    let starts: Vec<usize> = blocks
        .iter()
        .enumerate()
        .map(|(i, (_, span))| {
            let column = span.start - line_start(span.start);
            let floor = if i == 0 { 0 } else { blocks[i - 1].1.end };
            let mut start = line_start(span.start);
            while start > floor + 1 {
                let prev = line_start(start - 1);
                let line = &text[prev..start - 1];
                let indent = line.len() - line.trim_start().len();
                if prev <= floor || indent != column || !line.trim_start().starts_with('#') {
                    break;
                }
                start = prev;
            }
            start
        })
        .collect();
    if starts.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let last = blocks.last()?.1;
    let end = text[last.end..]
        .find('\n')
        .map_or(text.len(), |i| last.end + i + 1);
    let pieces: Vec<String> = (0..blocks.len())
        .map(|i| {
            let to = starts.get(i + 1).copied().unwrap_or(end);
            let mut piece = text[starts[i]..to].to_string();
            if !piece.ends_with('\n') {
                piece.push('\n');
            }
            piece
        })
        .collect();
    let mut out: String = order.iter().map(|&o| pieces[o].as_str()).collect();
    if !text[..end].ends_with('\n') {
        out.pop();
    }
    Some(crate::Fix::safe(
        message,
        vec![crate::Edit::replace(Span::new(starts[0], end), out)],
    ))
}

/// A service's build: context and Dockerfile, relative to the Compose file's folder.
pub struct Build {
    /// The context folder, normalised (`./app/` -> `app`, `.` -> `.`).
    pub context: String,
    pub context_span: Span,
    /// The Dockerfile's path from the Compose file's folder (`app/Dockerfile.dev`).
    pub dockerfile: String,
    pub dockerfile_span: Option<Span>,
    /// `dockerfile_inline`: there is no file to look for.
    pub inline: bool,
    /// What the build passes to the Dockerfile: `build.args` and `build.target`.
    pub passes: crate::BuildContext,
}

/// Joins relative paths and removes `.` segments (`./app/` + `docker/Dockerfile`).
pub fn join(base: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in base.split('/').chain(path.split('/')) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// The local builds of a service (remote contexts such as Git URLs are left out).
pub fn builds(
    input: &ComposeInput<'_>,
    service: &crate::syntax::compose::Service<'_>,
) -> Vec<Build> {
    let Some(build) = service.node.get("build") else {
        return Vec::new();
    };
    let (context_node, dockerfile_node) = match &build.value {
        Value::Scalar(_) => (Some(build), None),
        Value::Map(_) => (build.get("context"), build.get("dockerfile")),
        Value::Seq(_) => return Vec::new(),
    };
    let context = context_node
        .and_then(|n| input.value(n))
        .unwrap_or_else(|| ".".into());
    if context.contains("://") || context.starts_with("git@") || context.contains('$') {
        return Vec::new();
    }
    let dockerfile = dockerfile_node
        .and_then(|n| input.value(n))
        .map_or_else(|| "Dockerfile".to_string(), |v| v.into_owned());
    let context_path = join("", &context);
    vec![Build {
        dockerfile: if dockerfile.starts_with('/') {
            dockerfile.clone()
        } else {
            join(&context_path, &dockerfile)
        },
        context: context_path,
        context_span: context_node.map_or(build.span, |n| n.span),
        dockerfile_span: dockerfile_node.map(|n| n.span),
        inline: build.get("dockerfile_inline").is_some(),
        passes: passes(input, build),
    }]
}

/// The build arguments and target of a `build:` mapping, interpolated. A value Compose takes
/// from the environment (`args: [TAG]`, `TAG:` with no value, or `${VAR}` the `.env` does not
/// set) is passed but unknown here.
fn passes(input: &ComposeInput<'_>, build: &Node) -> crate::BuildContext {
    let known = |text: &str| {
        let done = interpolate(text, input.env);
        done.unresolved.is_empty().then_some(done.value)
    };
    let args = build
        .get("args")
        .map(|args| {
            pairs(args, input.text)
                .into_iter()
                .map(|pair| {
                    let value = pair.value.as_deref().and_then(known);
                    (pair.key, value)
                })
                .collect()
        })
        .unwrap_or_default();
    // `additional_contexts:` as a mapping (`name: path`) or a list (`- name=path`).
    let contexts = build
        .get("additional_contexts")
        .map(|c| pairs(c, input.text).into_iter().map(|p| p.key).collect())
        .unwrap_or_default();
    crate::BuildContext {
        args,
        target: build.get("target").and_then(Node::as_str).and_then(known),
        contexts,
    }
}

/// The local builds a Compose text asks for, with paths relative to its folder, interpolated
/// with `dotenv`. The CLI lints each Dockerfile with that context's `.dockerignore` and the args
/// and target the build passes, even when its name would not be recognised.
pub fn build_refs(text: &str, dotenv: Option<&str>) -> Vec<BuildRef> {
    let yaml = crate::syntax::yaml::parse(text);
    let Some(root) = yaml.documents.first() else {
        return Vec::new();
    };
    let env = dotenv.map(Env::parse).unwrap_or_default();
    let input = ComposeInput {
        path: "compose.yaml",
        text,
        yaml: &yaml,
        root: Some(root),
        env: &env,
        env_known: dotenv.is_some(),
        files: None,
        document: 0,
        services: crate::syntax::compose::services(root),
    };
    input
        .services()
        .iter()
        .flat_map(|s| builds(&input, s))
        .filter(|b| !b.inline)
        .map(|b| BuildRef {
            context: b.context,
            dockerfile: b.dockerfile,
            passes: b.passes,
        })
        .collect()
}

/// One local build of a Compose file, as [`build_refs`] lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildRef {
    /// The context folder, relative to the Compose file's folder.
    pub context: String,
    /// The Dockerfile, relative to the Compose file's folder.
    pub dockerfile: String,
    /// The args and target the build passes to the Dockerfile.
    pub passes: crate::BuildContext,
}

/// A published port entry, short (`"127.0.0.1:8080:80/tcp"`) or long syntax.
#[derive(Debug, PartialEq, Eq)]
pub struct Port {
    pub host_ip: Option<String>,
    /// Published host port or range, when one is given.
    pub published: Option<String>,
    pub target: String,
    pub protocol: String,
}

pub fn parse_port(input: &ComposeInput<'_>, node: &Node) -> Option<Port> {
    match &node.value {
        Value::Scalar(_) => {
            let text = input.value(node)?;
            let (spec, protocol) = text.split_once('/').unwrap_or((&text, "tcp"));
            // IPv6 host addresses are bracketed: `[::1]:8080:80`.
            let (host_ip, rest) = if let Some(r) = spec.strip_prefix('[') {
                let (ip, rest) = r.split_once(']')?;
                (Some(ip.to_string()), rest.strip_prefix(':')?.to_string())
            } else {
                let parts: Vec<&str> = spec.split(':').collect();
                if parts.len() == 3 {
                    (
                        Some(parts[0].to_string()),
                        format!("{}:{}", parts[1], parts[2]),
                    )
                } else {
                    (None, spec.to_string())
                }
            };
            let (published, target) = match rest.split_once(':') {
                Some((p, t)) => (Some(p.to_string()).filter(|p| !p.is_empty()), t.to_string()),
                None => (None, rest),
            };
            Some(Port {
                host_ip: host_ip.filter(|h| !h.is_empty()),
                published,
                target,
                protocol: protocol.to_string(),
            })
        }
        Value::Map(_) => Some(Port {
            host_ip: node
                .get("host_ip")
                .and_then(|n| input.value(n))
                .map(|v| v.into_owned()),
            published: node
                .get("published")
                .and_then(|n| input.value(n))
                .map(|v| v.into_owned()),
            target: node
                .get("target")
                .and_then(|n| input.value(n))?
                .into_owned(),
            protocol: node
                .get("protocol")
                .and_then(|n| input.value(n))
                .map_or_else(|| "tcp".into(), |v| v.into_owned()),
        }),
        Value::Seq(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml;

    #[test]
    fn ports() {
        let text = "p: [\"127.0.0.1:8080:80\", \"3000:80/udp\", 80, \"[::1]:53:53\", \"9000-9001:9000-9001\"]\n";
        let doc = yaml::parse(text);
        let env = Env::default();
        let input = ComposeInput {
            path: "compose.yaml",
            text,
            yaml: &doc,
            root: doc.documents.first(),
            env: &env,
            env_known: false,
            files: None,
            document: 0,
            services: Vec::new(),
        };
        let items = doc.documents[0].get("p").unwrap().as_seq().unwrap();
        let parsed: Vec<Port> = items.iter().filter_map(|n| parse_port(&input, n)).collect();
        assert_eq!(parsed[0].host_ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(parsed[0].published.as_deref(), Some("8080"));
        assert_eq!(parsed[1].protocol, "udp");
        assert_eq!(parsed[2].published, None);
        assert_eq!(parsed[3].host_ip.as_deref(), Some("::1"));
        assert_eq!(parsed[4].published.as_deref(), Some("9000-9001"));
    }
}
