use crate::Files;
use crate::diagnostic::{Diagnostic, Span};
use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::{Node, Value};

crate::declare_rule! {
    /// ## What it does
    /// Reports files the Compose file names that do not exist: `env_file` entries (unless
    /// `required: false`), `label_file`, `secrets.*.file`, `configs.*.file`, `extends.file` and
    /// `include` paths, relative to the Compose file. Needs the files around the Compose file:
    /// the CLI and the web page's open tabs provide them.
    ///
    /// A symbolic link counts as the file it points to; a dangling link is reported as such. A
    /// file the CLI may not read or look up (permission denied) is not called missing. The web
    /// page sees only its open tabs, so there a file that is not open is reported at info, as
    /// "not open in a tab (add it to check it)".
    ///
    /// ## Why is this bad?
    /// Compose stops ("env file ... not found", "secret file ... does not exist") — typically on
    /// a fresh clone, because the file is git-ignored and nobody documented how to create it.
    ///
    /// ## Example
    /// A `compose.yaml` whose folder has no `.env.production`:
    ///
    /// ```files
    /// compose.yaml
    /// .env.example
    /// ```
    ///
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     env_file: .env.production
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: acme/api:2
    ///     env_file:
    ///       - path: .env.production
    ///         required: false
    /// ```
    ///
    /// ## References
    /// - [Compose: env_file](https://docs.docker.com/reference/compose-file/services/#env_file)
    /// - [Compose: secrets](https://docs.docker.com/reference/compose-file/secrets/)
    pub static RULE = {
        code: "DC039",
        name: "missing-file",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn strings(node: &Node) -> Vec<&Node> {
    match &node.value {
        Value::Scalar(_) => vec![node],
        Value::Seq(items) => items.iter().collect(),
        Value::Map(_) => Vec::new(),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(files) = input.files else { return };
    let Some(root) = input.root else { return };
    // (node naming the file, what it is)
    let mut wanted: Vec<(&Node, String)> = Vec::new();
    for s in input.services() {
        if let Some(env) = s.node.get("env_file") {
            for item in strings(env) {
                match &item.value {
                    Value::Scalar(_) => wanted.push((item, format!("env file of `{}`", s.name))),
                    Value::Map(_) => {
                        let optional = item
                            .get("required")
                            .and_then(|r| input.value(r))
                            .is_some_and(|r| r == "false");
                        if let Some(path) = item.get("path").filter(|_| !optional) {
                            wanted.push((path, format!("env file of `{}`", s.name)));
                        }
                    }
                    Value::Seq(_) => {}
                }
            }
        }
        if let Some(labels) = s.node.get("label_file") {
            wanted.extend(
                strings(labels)
                    .into_iter()
                    .map(|n| (n, format!("label file of `{}`", s.name))),
            );
        }
        if let Some(file) = s.node.get("extends").and_then(|e| e.get("file")) {
            wanted.push((file, format!("file `{}` extends", s.name)));
        }
    }
    for section in ["secrets", "configs"] {
        for e in root.get(section).and_then(Node::as_map).unwrap_or_default() {
            if let Some(file) = e.value.get("file") {
                let name = crate::syntax::yaml::key_text(&e.key);
                wanted.push((
                    file,
                    format!("file of {} `{name}`", section.trim_end_matches('s')),
                ));
            }
        }
    }
    for item in root
        .get("include")
        .and_then(Node::as_seq)
        .unwrap_or_default()
    {
        match &item.value {
            Value::Scalar(_) => wanted.push((item, "included file".into())),
            Value::Map(_) => {
                if let Some(path) = item.get("path") {
                    wanted.extend(
                        strings(path)
                            .into_iter()
                            .map(|n| (n, "included file".into())),
                    );
                }
            }
            Value::Seq(_) => {}
        }
    }
    for (node, what) in wanted {
        let Some(path) = input.value(node).filter(|p| !p.is_empty()) else {
            continue;
        };
        if path.contains("://") || path.starts_with('/') || path.starts_with('~') {
            continue;
        }
        if files.exists(&path) {
            continue;
        }
        match files.dangling_link(&path) {
            Some(target) => cx
                .report(
                    node.span,
                    format!(
                        "{what}, `{path}`, is a symbolic link to `{target}`, which does not exist"
                    ),
                )
                .help("create the link's target, or point the link at an existing file"),
            None => report_absent(
                cx,
                files,
                node.span,
                &format!("{what}, `{path}`,"),
                "paths are relative to the Compose file; create the file, or fix the path",
                &format!(
                    "add a tab named `{}` (paths are relative to the Compose file)",
                    path.trim_start_matches("./")
                ),
            ),
        };
    }
}

/// Reports a path `files` lacks: `what` "does not exist" with `help` when the view is the whole
/// project (the CLI's disk), "is not open in a tab" at info with `partial_help` when it is only
/// some of its files (the web page's tabs), where the path may well exist.
pub(super) fn report_absent<'a>(
    cx: &'a mut Context<'_>,
    files: &dyn Files,
    span: Span,
    what: &str,
    help: &str,
    partial_help: &str,
) -> &'a mut Diagnostic {
    if files.partial() {
        cx.report(
            span,
            format!("{what} is not open in a tab (add it to check it)"),
        )
        .help(partial_help)
        .at_most(crate::Severity::Info)
    } else {
        cx.report(span, format!("{what} does not exist")).help(help)
    }
}
