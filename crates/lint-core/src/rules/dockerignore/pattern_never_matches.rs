use crate::diagnostic::{Edit, Fix, Span};
use crate::rule::{Context, DockerignoreInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds patterns that cannot match what they name: a path that leaves the context
    /// (`../secrets`: the context holds nothing above its root), and a Windows path
    /// (`build\output`), where `\` is an escape, not a separator, so the pattern names the single
    /// file `buildoutput`. A `\` before a wildcard (`\*`) is a deliberate escape and is left
    /// alone.
    ///
    /// ## Why is this bad?
    /// What the line was meant to leave out is sent with the context and copied into the image:
    /// build output, logs, or the secrets the line was written to keep out.
    ///
    /// ## Example
    /// ```dockerignore
    /// build\output
    /// ```
    ///
    /// ## Use instead
    /// ```dockerignore
    /// build/output
    /// ```
    ///
    /// ## Fix safety
    /// Replacing `\` with `/` is unsafe: BuildKit reads the file on the builder's platform, and a
    /// builder for Windows containers does take `\` as a separator.
    ///
    /// ## References
    /// - [Docker docs: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    /// - [Go `path/filepath.Match`: `\` escapes the next character](https://pkg.go.dev/path/filepath#Match)
    pub static RULE = {
        code: "DI002",
        name: "dockerignore-pattern-never-matches",
        severity: Warning,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Dockerignore(check),
    }
}

/// Characters a `\` deliberately escapes.
const SPECIAL: &[u8] = b"*?[]\\^!# ";

fn check(input: &DockerignoreInput<'_>, cx: &mut Context<'_>) {
    for entry in input.entries {
        let body = entry.body;
        if body.is_empty() || crate::syntax::dockerignore::pattern_error(body).is_some() {
            continue;
        }
        if leaves_context(body) {
            cx.report(
                entry.span,
                format!("`{body}` points outside the build context: nothing there is ever sent, so it matches nothing"),
            )
            .help("write the path from the context's root (the folder the build is run on)");
            continue;
        }
        let b = body.as_bytes();
        let separators: Vec<usize> = (0..b.len().saturating_sub(1))
            .filter(|&i| {
                b[i] == b'\\' && (i == 0 || b[i - 1] != b'\\') && !SPECIAL.contains(&b[i + 1])
            })
            .collect();
        if separators.is_empty() {
            continue;
        }
        let start = entry.span.end - body.len();
        let fixed = body.replace('\\', "/");
        cx.report(
            Span::new(start, entry.span.end),
            format!("`\\` is an escape in .dockerignore, not a separator: `{body}` names `{}`, not `{fixed}`", body.replace('\\', "")),
        )
        .help(format!("separate folders with `/`: `{fixed}`"))
        .fix(Fix::unsafe_(
            format!("write `{fixed}`"),
            separators
                .iter()
                .map(|&i| Edit::replace(Span::new(start + i, start + i + 1), "/"))
                .collect(),
        ));
    }
}

/// Whether the pattern, cleaned as Go's `filepath.Clean` cleans it, starts with `..` (a rooted
/// `/../x` cleans to `/x`, which BuildKit reads from the context's root).
fn leaves_context(body: &str) -> bool {
    if body.starts_with('/') {
        return false;
    }
    let mut depth = 0usize;
    for part in body.split('/') {
        match part {
            "" | "." => {}
            ".." if depth == 0 => return true,
            ".." => depth -= 1,
            _ => depth += 1,
        }
    }
    false
}
