use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::Base;

crate::declare_rule! {
    /// ## What it does
    /// Finds `$VAR` in instructions the builder expands (COPY, ADD, ENV, ARG defaults, LABEL, WORKDIR,
    /// USER, EXPOSE, VOLUME, STOPSIGNAL) that no ARG or ENV defines before it, when it is one typo away
    /// from a variable that is defined (or from `PATH`, which every Linux image has: `$PAHT`), or
    /// when an `ARG` of that name comes only later in the stage. In a stage built `FROM scratch`,
    /// or from the official `alpine`, `busybox`, `debian` or `ubuntu` images, which set only PATH
    /// (directly or through other stages), the whole environment is in the Dockerfile, so there
    /// every undefined variable is reported, as BuildKit does, including an `ARG` declared before
    /// the first `FROM` and not declared again in the stage. An `ARG` without a value defines the
    /// variable (it may come from `--build-arg`).
    ///
    /// ## Why is this bad?
    /// An undefined variable expands to an empty string: `WORKDIR $APP_HOEM` becomes `WORKDIR /` and
    /// files land in the wrong place without any error. (Variables that only a base image defines
    /// cannot be seen from the Dockerfile — BuildKit fetches the image config to know them — so
    /// on other base images rlint reports only likely typos.)
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// ENV APP_HOME=/app
    /// WORKDIR $APP_HOEM
    /// ```
    ///
    /// ```dockerfile
    /// FROM scratch
    /// COPY --from=0 /app $APP_DIR
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// ENV APP_HOME=/app
    /// WORKDIR $APP_HOME
    /// ```
    ///
    /// ```dockerfile
    /// FROM scratch
    /// ARG APP_DIR=/app
    /// COPY --from=0 /app $APP_DIR
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
        let ancestry = model.ancestry(stage.index);
        let root = ancestry.last().map(|&s| &model.stages[s].base);
        let whole_env_known = match root {
            Some(Base::Scratch) => true,
            Some(Base::Image(image)) => sets_only_path(image),
            _ => false,
        };
        let globals: Vec<&str> = model
            .global_args
            .iter()
            .map(|(n, _)| n.value.as_str())
            .collect();
        // An ARG before the first FROM reaches a stage only when the stage declares it again; on
        // other base images a variable of that name may still come from the image.
        let mut defined: Vec<String> = if whole_env_known {
            Vec::new()
        } else {
            globals.iter().map(|g| g.to_string()).collect()
        };
        for &s in ancestry.iter().rev() {
            if s == stage.index {
                break;
            }
            for (_, ins) in super::stage_body(model, &model.stages[s]) {
                super::declared_names(ins, &mut defined);
            }
        }
        // ARGs the stage declares, by position: one used before its ARG line is empty there
        // (a base image's environment does not feed build arguments).
        let stage_args: Vec<(usize, String)> = super::stage_body(model, stage)
            .filter(|(_, ins)| ins.keyword == Keyword::Arg)
            .flat_map(|(i, ins)| {
                let mut names = Vec::new();
                super::declared_names(ins, &mut names);
                names.into_iter().map(move |n| (i, n))
            })
            .collect();
        for (index, ins) in super::stage_body(model, stage) {
            if ins.keyword.expands_variables() && ins.keyword != Keyword::Onbuild {
                let names: Vec<&str> = defined.iter().map(String::as_str).collect();
                for (name, at) in references(&ins.rest().value) {
                    if name == "PATH" || names.contains(&name) {
                        continue;
                    }
                    // One slip only: `$GOPATH` is two edits from a defined `PATH`, and is what a
                    // golang base image defines, not a typo.
                    let close = crate::suggest::did_you_mean(name, &names)
                        .filter(|c| *c != name && crate::suggest::edit_distance(name, c) == 1)
                        .or_else(|| path_typo(name));
                    let declared_later = stage_args.iter().any(|(i, n)| *i > index && n == name);
                    if close.is_none() && !whole_env_known && !declared_later {
                        continue;
                    }
                    let span = ins.rest_span(at, at + name.len() + 1);
                    let diagnostic = cx.report(
                        span,
                        format!("`${name}` is not defined, so it expands to an empty string"),
                    );
                    match close {
                        Some(close) => diagnostic.help(format!("did you mean `${close}`?")),
                        None if declared_later => diagnostic.help(format!(
                            "`ARG {name}` comes later in this stage: move it before this line"
                        )),
                        None if globals.contains(&name) => diagnostic.help(format!(
                            "the `ARG {name}` before the first FROM is only seen by FROM lines: declare `ARG {name}` in this stage"
                        )),
                        None => diagnostic.help(format!(
                            "this stage's base image sets no variable but PATH, so nothing defines it: add `ARG {name}` or `ENV {name}=...` before this line"
                        )),
                    };
                }
            }
            super::declared_names(ins, &mut defined);
        }
    }
}

/// Official images whose configuration sets PATH and nothing else, so the Dockerfile shows their
/// whole environment (as BuildKit sees it after pulling them).
fn sets_only_path(image: &crate::syntax::dockerfile::model::ImageRef) -> bool {
    let repository = image.repository();
    let official = match image.registry() {
        None => Some(repository),
        Some("docker.io" | "index.docker.io") => {
            Some(repository.strip_prefix("library/").unwrap_or(repository))
        }
        Some(_) => None,
    };
    matches!(official, Some("alpine" | "busybox" | "debian" | "ubuntu"))
}

/// `PATH` when `name` is one slip away from it (`PAHT`, `PATG`): every Linux image defines PATH,
/// and BuildKit gives one to images without it. Longer names such as `GOPATH` or `XPATH` are
/// other variables a base image may define, so only same-length slips count.
fn path_typo(name: &str) -> Option<&'static str> {
    (name.len() == 4 && crate::suggest::edit_distance(name, "PATH") == 1).then_some("PATH")
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
                // `${VAR:-default}`, `${VAR+alt}`, `${VAR?message}`: the author already says
                // what happens when it is unset.
                let handles_unset = braced
                    && text[start + len..]
                        .trim_start_matches(':')
                        .starts_with(['-', '+', '?']);
                if len > 0
                    && !handles_unset
                    && !text[start..].starts_with(|c: char| c.is_ascii_digit())
                {
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
