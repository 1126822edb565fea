//! What the rules about the build context's content share.

use crate::diagnostic::{Edit, Fix, Span};
use crate::rule::DockerignoreInput;
use crate::syntax::dockerfile::Instruction;

/// The `COPY .` that takes the whole context into the image, when the Dockerfile beside the
/// ignore file has one and the caller can tell what is in the context.
pub fn context_copy<'a>(
    input: &DockerignoreInput<'a>,
) -> Option<(&'a Instruction, &'a dyn crate::Files)> {
    let copy = input.dockerfile?.copies_context?;
    Some((copy, input.files?))
}

/// Where a finding about the whole file goes: its first pattern line (the top of the file when
/// it has none).
pub fn file_span(input: &DockerignoreInput<'_>) -> Span {
    input.entries.first().map_or(Span::empty(0), |e| e.span)
}

/// Adds `pattern` as the file's last line. Unsafe: a later step may need the file.
pub fn append(text: &str, pattern: &str) -> Fix {
    let newline = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    Fix::unsafe_(
        format!("add `{pattern}` to .dockerignore"),
        vec![Edit::insert(text.len(), format!("{newline}{pattern}\n"))],
    )
}

/// How a message names the copy: `COPY . /app` (Dockerfile line 4).
pub fn copy_label(copy: &Instruction) -> String {
    let args: Vec<&str> = copy.args.iter().map(|a| a.value.as_str()).collect();
    format!(
        "`{} {}` (Dockerfile line {})",
        copy.keyword.as_str().to_ascii_uppercase(),
        args.join(" "),
        copy.line
    )
}
