use crate::diagnostic::{Fix, Severity, Span};
use crate::rule::{ComposeInput, Context};
use crate::syntax::yaml::{Node, Style, Value};

/// Keys whose values never hold a space: there the `//` text breaks the value, and it can only
/// have been meant as a comment.
const NO_SPACES: &[&str] = &[
    "image",
    "container_name",
    "hostname",
    "restart",
    "pull_policy",
    "platform",
    "ports",
    "expose",
    "user",
];

crate::declare_rule! {
    /// ## What it does
    /// Finds a `// ...` "comment" at the end of an unquoted YAML value (`image: nginx // web
    /// server`), where the file still parses.
    ///
    /// A `//` inside a word (`http://`, `a//b`) or in a quoted or block value is not reported.
    /// Where the `//` breaks the YAML itself (`nginx: // proxy` above an indented key),
    /// `yaml-syntax-error` reports it.
    ///
    /// ## Why is this bad?
    /// YAML comments start with `#`; `//` is part of the value. `image: nginx // web server` asks
    /// for an image called `nginx // web server`, which Docker refuses ("invalid reference
    /// format"), and `restart: always // keep up` is no restart policy. In other values the text
    /// goes along silently: `command: npm start // dev` hands `//` and `dev` to npm, an
    /// environment variable gets the comment in its value. The finding is an error where the
    /// value cannot hold a space (`image`, `container_name`, `hostname`, `restart`, `pull_policy`,
    /// `platform`, `ports`, `expose`, `user`), a warning elsewhere. (An invalid `restart` or
    /// `pull_policy` carrying such a comment is reported here, not as a schema violation.)
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27 // the web server
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     # the web server
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Fix safety
    /// The fix makes the text a `#` comment on its own line above. It is safe under the keys
    /// whose values cannot hold a space (the value is broken as written); elsewhere the text is
    /// part of a value that works, and taking it out changes what runs: unsafe. There is no fix
    /// when a `#` comment follows on the line (`team: web // ask them # who`).
    ///
    /// ## References
    /// - [YAML 1.2.2: comments](https://yaml.org/spec/1.2.2/#comments)
    pub static RULE = {
        code: "DC040",
        name: "slash-comment-in-value",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    // Text an anchor shares appears once per alias, with the same span: one finding.
    let mut seen = Vec::new();
    walk(input, root, "", &mut seen, cx);
}

/// Every plain scalar under `node`; `key` is the key it sits under (list items inherit it).
fn walk(
    input: &ComposeInput<'_>,
    node: &Node,
    key: &str,
    seen: &mut Vec<usize>,
    cx: &mut Context<'_>,
) {
    match &node.value {
        Value::Scalar(s) if s.style == Style::Plain => {
            let Some(comment) = slash_comment(input.text, node.span) else {
                return;
            };
            if seen.contains(&comment.start) {
                return;
            }
            seen.push(comment.start);
            let written = input.text[comment.start..comment.end].trim_end();
            let certain = NO_SPACES.contains(&key);
            let d = cx.report(
                comment,
                format!("`{written}` is not a comment in YAML: it is part of the value of `{key}`"),
            );
            d.help("write comments with `#`");
            if !certain {
                d.at_most(Severity::Warning);
            }
            if let Some(edits) = super::yaml_syntax::slash_comment_above(input.text, comment) {
                let message = "make it a `#` comment on its own line above";
                d.fix(if certain {
                    Fix::safe(message, edits)
                } else {
                    Fix::unsafe_(message, edits)
                });
            }
        }
        Value::Scalar(_) => {}
        Value::Seq(items) => {
            for item in items {
                walk(input, item, key, seen, cx);
            }
        }
        Value::Map(entries) => {
            for e in entries.iter().filter(|e| !e.merged) {
                let key = e.key.as_str().unwrap_or("");
                walk(input, &e.value, key, seen, cx);
            }
        }
    }
}

/// Where a ` // ...` tail of the one-line plain value at `span` starts.
fn slash_comment(text: &str, span: Span) -> Option<Span> {
    let value = text.get(span.start..span.end)?;
    let at = slash_comment_at(value)?;
    Some(Span::new(span.start + at, span.end))
}

/// Where a ` // ...` tail of a one-line value starts: `//` after a space, then a space or the
/// end, in a value that holds no URL (`://`).
pub(crate) fn slash_comment_at(value: &str) -> Option<usize> {
    if value.contains('\n') || value.contains("://") {
        return None;
    }
    value.match_indices("//").map(|(i, _)| i).find(|&i| {
        let after = value[i..].trim_start_matches('/');
        i > 0
            && value[..i].ends_with([' ', '\t'])
            && (after.is_empty() || after.starts_with([' ', '\t']))
    })
}
