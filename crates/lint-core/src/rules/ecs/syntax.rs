use crate::rule::{Context, EcsInput};

crate::declare_rule! {
    /// ## What it does
    /// Reports an ECS task definition that is not valid JSON, at the exact line and column, with
    /// the usual causes named: a `#` or `//` "comment" (JSON has none), a missing `,` between two
    /// members (reported at the end of the line that needs it), a trailing `,` before `}` or `]`,
    /// single quotes, an unterminated string or a truncated file.
    ///
    /// A file that stops parsing at a template placeholder (`"cpu": ${CPU}`, `{{ .Memory }}`) is
    /// a template that `envsubst`, Helm-style tools or Terraform render before ECS reads it: that
    /// is said once, at info, instead of a syntax error.
    ///
    /// A file of more than 250,000 values (keys, values and array items: a generated file, never a
    /// hand-written one) is reported at the value past that, as a warning, and not checked
    /// further: the file may be valid, but holding its tree would cost hundreds of MB.
    ///
    /// ## Why is this bad?
    /// `aws ecs register-task-definition --cli-input-json` and the deploy actions refuse the
    /// file, and nothing else in it can be checked until it parses.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 256 },
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     { "name": "web", "image": "nginx:1.27", "memory": 256 }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - [RFC 8259: The JavaScript Object Notation (JSON) Data Interchange Format](https://www.rfc-editor.org/rfc/rfc8259)
    /// - [AWS CLI: register-task-definition](https://docs.aws.amazon.com/cli/latest/reference/ecs/register-task-definition.html)
    pub static RULE = {
        code: "EC000",
        name: "task-definition-syntax-error",
        severity: Error,
        aliases: [],
        always_on: true,
        check: EcsTaskDefinition(check),
    }
}

fn check(input: &EcsInput<'_>, cx: &mut Context<'_>) {
    let Some(e) = &input.json.error else { return };
    let rest = input.text.get(e.span.start..).unwrap_or("");
    if rest.starts_with("${") || rest.starts_with("{{") || rest.starts_with("$(") {
        let end = match rest.find(['}', ')']) {
            Some(i) if i < 80 => i + 1,
            _ => rest.char_indices().nth(20).map_or(rest.len(), |(i, _)| i),
        };
        let at = crate::diagnostic::Span::new(e.span.start, e.span.start + end);
        cx.report(
            at,
            format!("`{}` is a template placeholder, not JSON: this file is a template", &rest[..end]),
        )
        .help("rlint checks JSON: lint the rendered file (for example `envsubst < task-definition.json | rlint --stdin-filename task-definition.json -`)")
        .at_most(crate::Severity::Info);
        return;
    }
    crate::rules::json::report_syntax_error(input.json, cx);
}
