use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `$VAR` in instructions the builder expands (COPY, ADD, ENV, LABEL, WORKDIR, USER,
    /// EXPOSE, VOLUME, STOPSIGNAL) that no ARG or ENV defines but that is one typo away from a
    /// variable that is defined.
    ///
    /// ## Why is this bad?
    /// An undefined variable expands to an empty string: `WORKDIR $APP_HOEM` becomes `WORKDIR /` and
    /// files land in the wrong place without any error. (Variables that only the base image defines
    /// cannot be seen from the Dockerfile, so rlint reports only likely typos.)
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// ENV APP_HOME=/app
    /// WORKDIR $APP_HOEM
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// ENV APP_HOME=/app
    /// WORKDIR $APP_HOME
    /// ```
    ///
    /// ## References
    /// - BuildKit UndefinedVar
    pub static RULE = {
        code: "DF093",
        name: "undefined-var-typo",
        severity: Warning,
        aliases: ["UndefinedVar"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for stage in &model.stages {
        let mut defined: Vec<String> = model
            .global_args
            .iter()
            .map(|(n, _)| n.value.clone())
            .collect();
        for &s in model.ancestry(stage.index).iter().rev() {
            if s == stage.index {
                break;
            }
            for (_, ins) in super::stage_body(model, &model.stages[s]) {
                collect(ins, &mut defined);
            }
        }
        for (_, ins) in super::stage_body(model, stage) {
            if ins.keyword.expands_variables()
                && !matches!(ins.keyword, Keyword::Arg | Keyword::Onbuild)
            {
                let names: Vec<&str> = defined.iter().map(String::as_str).collect();
                for (name, at) in references(&ins.rest.value) {
                    if defined.iter().any(|d| d == name) {
                        continue;
                    }
                    if let Some(close) =
                        crate::suggest::did_you_mean(name, &names).filter(|c| *c != name)
                    {
                        let span = ins.rest_span(at, at + name.len() + 1);
                        cx.report(
                            span,
                            format!("`${name}` is not defined, so it expands to an empty string"),
                        )
                        .help(format!("did you mean `${close}`?"));
                    }
                }
            }
            collect(ins, &mut defined);
        }
    }
}

fn collect(ins: &crate::syntax::dockerfile::Instruction, defined: &mut Vec<String>) {
    match ins.keyword {
        Keyword::Env => defined.extend(ins.pairs.iter().map(|p| p.key.value.clone())),
        Keyword::Arg => defined.extend(
            ins.args
                .iter()
                .map(|a| a.value.split('=').next().unwrap_or("").to_string()),
        ),
        _ => {}
    }
}

/// `$NAME` and `${NAME...}` references outside single quotes, with the offset of their `$`.
fn references(text: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut in_single = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => in_single = !in_single,
            b'\\' => i += 1,
            b'$' if !in_single => {
                let braced = bytes.get(i + 1) == Some(&b'{');
                let start = i + 1 + usize::from(braced);
                let len = text[start..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(text.len() - start);
                if len > 0 && !text[start..].starts_with(|c: char| c.is_ascii_digit()) {
                    out.push((&text[start..start + len], i));
                }
                i = start + len;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}
