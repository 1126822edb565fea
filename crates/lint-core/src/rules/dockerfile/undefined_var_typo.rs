use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::Base;
use std::collections::{HashMap, HashSet};

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
    /// A bound for hostile files: a typo is looked for among the first 1,000 names a stage
    /// defines, for the first 2,000 undefined references of a file (real files need a handful).
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

/// Undefined references per file compared with the defined names for a typo (each comparison
/// is up to [`Defined::SUGGEST`] edit distances): a bound for hostile files, far above what a
/// real Dockerfile has (the corpus's largest needs a handful).
const MAX_TYPO_LOOKUPS: usize = 2_000;

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let mut lookups = 0;
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
        let mut defined = Defined::default();
        if !whole_env_known {
            defined.add(globals.iter().map(|g| g.to_string()).collect());
        }
        for &s in ancestry.iter().rev() {
            if s == stage.index {
                break;
            }
            for (_, ins) in super::stage_body(model, &model.stages[s]) {
                defined.declare(ins);
            }
        }
        // ARGs the stage declares, with the last line declaring each: one used before its ARG
        // line is empty there (a base image's environment does not feed build arguments).
        let mut last_arg: HashMap<String, usize> = HashMap::new();
        for (i, ins) in
            super::stage_body(model, stage).filter(|(_, ins)| ins.keyword == Keyword::Arg)
        {
            let mut names = Vec::new();
            super::declared_names(ins, &mut names);
            for name in names {
                last_arg.insert(name, i);
            }
        }
        for (index, ins) in super::stage_body(model, stage) {
            if ins.keyword.expands_variables() && ins.keyword != Keyword::Onbuild {
                for (name, at) in references(&ins.rest().value) {
                    if name == "PATH" || defined.set.contains(name) {
                        continue;
                    }
                    // One slip only: `$GOPATH` is two edits from a defined `PATH`, and is what a
                    // golang base image defines, not a typo.
                    let close = if lookups < MAX_TYPO_LOOKUPS {
                        lookups += 1;
                        crate::suggest::did_you_mean(name, &defined.candidates())
                            .filter(|c| *c != name && crate::suggest::edit_distance(name, c) == 1)
                    } else {
                        None
                    }
                    .or_else(|| path_typo(name));
                    let declared_later = last_arg.get(name).is_some_and(|&last| last > index);
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
            defined.declare(ins);
        }
    }
}

/// The names defined so far in a stage, each once, in declaration order: a set for lookups and
/// the first [`Defined::SUGGEST`] for typo suggestions, so a file of a million `ENV` lines is
/// linear (a list of every declaration, scanned per reference, was quadratic: 40,000 `ENV a=b`
/// lines took 0.34 s, 1.3 million did not finish in ten minutes).
#[derive(Default)]
struct Defined {
    set: HashSet<String>,
    order: Vec<String>,
}

impl Defined {
    /// Names a typo is compared with: the first ones declared (a real stage declares dozens).
    const SUGGEST: usize = 1_000;

    fn add(&mut self, names: Vec<String>) {
        for name in names {
            if !self.set.contains(&name) {
                self.set.insert(name.clone());
                self.order.push(name);
            }
        }
    }

    fn declare(&mut self, ins: &crate::syntax::dockerfile::Instruction) {
        let mut names = Vec::new();
        super::declared_names(ins, &mut names);
        self.add(names);
    }

    fn candidates(&self) -> Vec<&str> {
        self.order
            .iter()
            .take(Self::SUGGEST)
            .map(String::as_str)
            .collect()
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
