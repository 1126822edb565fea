use crate::kinds::circleci::{Def, param_refs};
use crate::rule::{CircleciInput, Context};
use crate::syntax::yaml::key_text;

crate::declare_rule! {
    /// ## What it does
    /// Finds a `<< parameters.NAME >>` in a job, command or executor that does not declare
    /// `NAME` under its own `parameters:`, and a `<< pipeline.parameters.NAME >>` the
    /// top-level `parameters:` does not declare. Suggests the nearest declared name. Parameters
    /// are scoped: a job cannot read a command's parameters, nor a command its caller's.
    /// References escaped as `\<<` are text, and orbs written inline are not judged.
    ///
    /// ## Why is this bad?
    /// CircleCI refuses to compile the configuration ("Unknown variable(s)"): nothing runs.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// commands:
    ///   greet:
    ///     parameters:
    ///       to:
    ///         type: string
    ///     steps:
    ///       - run: echo "Hello << parameters.too >>"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// commands:
    ///   greet:
    ///     parameters:
    ///       to:
    ///         type: string
    ///     steps:
    ///       - run: echo "Hello << parameters.to >>"
    /// ```
    ///
    /// ## References
    /// - [CircleCI: reusable configuration, parameters](https://circleci.com/docs/reusing-config/#using-the-parameters-declaration)
    /// - [CircleCI: pipeline parameters](https://circleci.com/docs/pipeline-variables/#pipeline-parameters-in-configuration)
    pub static RULE = {
        code: "CC006",
        name: "circleci-parameter-undeclared",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Circleci(check),
    }
}

fn declared(def: Option<&crate::syntax::yaml::Node>) -> Vec<String> {
    def.and_then(|p| p.as_map())
        .unwrap_or_default()
        .iter()
        .map(|e| key_text(&e.key))
        .collect()
}

fn report(cx: &mut Context<'_>, span: crate::Span, name: &str, what: &str, names: &[String]) {
    let d = cx.report(
        span,
        format!("`{name}` is not a parameter {what}: CircleCI refuses the configuration"),
    );
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    match crate::suggest::did_you_mean(name, &names) {
        Some(near) => d.help(format!("did you mean `{near}`?")),
        None if names.is_empty() => d.help("declare it under `parameters:`"),
        None => d.help(format!(
            "the parameters declared are {}",
            crate::rules::schema::list(&names, 8)
        )),
    };
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    if model.is_v2_0() {
        return;
    }
    let scopes: [(&[Def<'_>], &str); 3] = [
        (&model.jobs, "job"),
        (&model.commands, "command"),
        (&model.executors, "executor"),
    ];
    for (def, kind) in scopes
        .iter()
        .flat_map(|&(defs, kind)| defs.iter().map(move |d| (d, kind)))
    {
        if def.node.as_map().is_none() {
            continue;
        }
        let names = declared(def.node.get("parameters"));
        for r in param_refs(input.text, def.node.span) {
            let Some(name) = r.path.strip_prefix("parameters.") else {
                continue;
            };
            let name = name.split('.').next().unwrap_or(name).trim();
            if name.is_empty() || names.iter().any(|n| n == name) {
                continue;
            }
            let start = r.path_span.start + "parameters.".len();
            let span = crate::Span::new(start, start + name.len());
            report(cx, span, name, &format!("of {kind} `{}`", def.name), &names);
        }
    }
    let pipeline = declared(input.root.and_then(|r| r.get("parameters")));
    for r in param_refs(input.text, crate::Span::new(0, input.text.len())) {
        let Some(name) = r.path.strip_prefix("pipeline.parameters.") else {
            continue;
        };
        let name = name.trim();
        if name.is_empty() || name.contains(' ') || pipeline.iter().any(|n| n == name) {
            continue;
        }
        let start = r.path_span.start + "pipeline.parameters.".len();
        let span = crate::Span::new(start, start + name.len());
        report(cx, span, name, "of the pipeline", &pipeline);
    }
}
