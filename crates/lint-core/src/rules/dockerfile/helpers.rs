//! What several Dockerfile rules share: report helpers for the package-manager, label and
//! repeated-instruction rules, and small readers over the model.

use crate::syntax::dockerfile::{Instruction, Keyword, Model, Stage};
use crate::syntax::shell::{self, Script};

use super::{run_of, stage_body};

pub use crate::syntax::pkg::pip_install;

/// Every RUN (ONBUILD-wrapped ones included): the index of the instruction holding it, the RUN,
/// and its analysed shell scripts.
pub fn runs<'a>(
    input: &'a crate::rule::DockerfileInput<'_>,
) -> impl Iterator<Item = (usize, &'a Instruction, &'a [Script])> + 'a {
    input
        .df
        .instructions
        .iter()
        .enumerate()
        .filter_map(move |(i, ins)| run_of(ins).map(|run| (i, run, input.scripts[i].as_slice())))
}

/// Whether the RUN mounts a cache (or tmpfs) at a path containing `dir`.
pub fn has_cache_mount(ins: &Instruction, dir: &str) -> bool {
    ins.flags.iter().filter(|f| f.name() == "mount").any(|f| {
        let v = f.value().unwrap_or("");
        (v.contains("type=cache") || v.contains("type=tmpfs"))
            && v.split(',').any(|kv| {
                matches!(kv.split_once('='), Some(("target" | "dst" | "destination", path)) if path.contains(dir))
            })
    })
}

/// The variables a RUN can read, for judging a version given as `$V`: the ARG and ENV names
/// of its stage before it and of the stages it builds on, and the names the RUN itself
/// assigns or mounts (`V=...`, `export V`, `read V`, `for V in`, `--mount=...,env=V`). A
/// global ARG (before the first FROM) counts only where the stage declares it again, as
/// BuildKit scopes it. An ONBUILD RUN runs in another build, where anything may be defined.
///
/// Built once per rule: each stage's declarations are collected the first time one of its
/// RUNs asks (most never do: only a version written as a variable does), so a file of many
/// RUNs costs one pass, not one per RUN.
/// Each name a stage's chain declares, with the first instruction declaring it.
type FirstDeclared = std::collections::HashMap<String, usize>;

pub struct Scopes<'i, 'a> {
    input: &'i crate::rule::DockerfileInput<'a>,
    /// Per stage: each name its chain declares, with the first instruction declaring it. Boxed:
    /// one slot per stage is allocated up front, and a map inline is 48 bytes.
    stages: std::cell::RefCell<Vec<Option<Box<FirstDeclared>>>>,
}

impl<'i, 'a> Scopes<'i, 'a> {
    pub fn new(input: &'i crate::rule::DockerfileInput<'a>) -> Self {
        Scopes {
            input,
            stages: std::cell::RefCell::new(vec![None; input.model.stages.len()]),
        }
    }

    /// The scope of the RUN at instruction `index`.
    pub fn at(&self, index: usize) -> Scope<'_, 'i, 'a> {
        let ins = &self.input.df.instructions[index];
        Scope {
            scopes: self,
            index,
            stage: self.input.model.stage_of(index).map(|s| s.index),
            run: self
                .input
                .text
                .get(ins.span.start..ins.span.end)
                .unwrap_or(""),
            open: ins.keyword == Keyword::Onbuild,
        }
    }

    /// The first instruction of `stage`'s chain that declares `name`.
    fn declared_at(&self, stage: usize, name: &str) -> Option<usize> {
        let mut stages = self.stages.borrow_mut();
        let declared = stages[stage].get_or_insert_with(|| {
            let model = self.input.model;
            let mut first = std::collections::HashMap::new();
            // Stages a stage builds on come before it, so their declarations precede any of
            // its instructions.
            for &s in model.ancestry(stage).iter().rev() {
                for (i, ins) in stage_body(model, &model.stages[s]) {
                    let mut names = Vec::new();
                    declared_names(ins, &mut names);
                    for name in names {
                        first.entry(name).or_insert(i);
                    }
                }
            }
            Box::new(first)
        });
        declared.get(name).copied()
    }
}

pub struct Scope<'s, 'i, 'a> {
    scopes: &'s Scopes<'i, 'a>,
    index: usize,
    stage: Option<usize>,
    /// The RUN's own text (flags, command, heredoc bodies).
    run: &'s str,
    open: bool,
}

impl Scope<'_, '_, '_> {
    pub fn defined(&self, name: &str) -> bool {
        let Some(stage) = self.stage else {
            return true;
        };
        self.open
            || self
                .scopes
                .declared_at(stage, name)
                .is_some_and(|at| at < self.index)
            || mentions_unexpanded(self.run, name)
    }
}

/// Whether `text` names `name` as a whole word other than in a `$name` / `${name}` expansion:
/// an assignment, `export`, `read`, a `for` loop or a mount's `env=` (precision first: any
/// such mention counts).
fn mentions_unexpanded(text: &str, name: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(|c| ident(c) || c == '$' || c == '{') && !after.is_some_and(ident)
    })
}

/// ARG and ENV names an instruction declares.
pub fn declared_names(ins: &Instruction, names: &mut Vec<String>) {
    match ins.keyword {
        Keyword::Env => names.extend(ins.pairs().iter().map(|p| p.key.value.clone())),
        Keyword::Arg => names.extend(
            ins.args
                .iter()
                .map(|a| a.value.split('=').next().unwrap_or("").to_string()),
        ),
        _ => {}
    }
}

impl Scope<'_, '_, '_> {
    /// The help of an unpinned-package finding: `help`, preceded by what is wrong with a
    /// version given as a variable the stage does not define (`curl=$V`).
    pub fn pin_help(&self, help: &str, unpinned: &[&str]) -> String {
        let mut missing: Vec<&str> = Vec::new();
        for word in unpinned {
            let mut rest = *word;
            while let Some(at) = rest.find('$') {
                let after = rest[at + 1..].trim_start_matches('{');
                let len = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                let name = &after[..len];
                if !name.is_empty() && !self.defined(name) && !missing.contains(&name) {
                    missing.push(name);
                }
                rest = &after[len..];
            }
        }
        let Some(first) = missing.first() else {
            return help.to_string();
        };
        let listed = missing
            .iter()
            .map(|n| format!("`${n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let verb = if missing.len() == 1 { "is" } else { "are" };
        // An ARG before the first FROM is the usual cause; say so only when there is one.
        let global: Vec<&str> = missing
            .iter()
            .copied()
            .filter(|n| self.scopes.input.model.global_default(n).is_some())
            .collect();
        if global.is_empty() {
            format!(
                "{listed} {verb} defined by no ARG or ENV in this stage, so the version is empty: declare `ARG {first}=<version>` in the stage, or {help}"
            )
        } else {
            let names = global
                .iter()
                .map(|n| format!("`ARG {n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "{listed} {verb} defined by no ARG or ENV in this stage, so the version is empty; {names} before the first FROM is seen only by FROM lines: declare it again after the stage's FROM (without a value, it keeps the default), or {help}"
            )
        }
    }
}

/// Reports every `keyword` after the first in a stage (only the last one takes effect).
pub fn report_repeats(
    input: &crate::rule::DockerfileInput<'_>,
    cx: &mut crate::rule::Context<'_>,
    keyword: Keyword,
) {
    let name = keyword.as_str().to_ascii_uppercase();
    for stage in &input.model.stages {
        let found: Vec<&Instruction> = stage_body(input.model, stage)
            .map(|(_, ins)| ins)
            .filter(|ins| ins.keyword == keyword)
            .collect();
        // Each overridden one is reported, where it stands: that is the line to delete or merge,
        // and where BuildKit's MultipleInstructionsDisallowed points.
        for pair in found.windows(2) {
            let (earlier, later) = (pair[0], pair[1]);
            cx.report(
                earlier.head_span(input.text),
                format!(
                    "stage {} has more than one {name}: only the last takes effect, so this one is ignored (overridden at line {})",
                    stage.label(),
                    later.line
                ),
            )
            .label(later.head_span(input.text), format!("this {name} overrides it"))
            .help(format!("keep a single {name} per stage"));
        }
    }
}

/// `replacement` in the casing of `written` (all lower if `written` is lower-case, else upper).
pub fn same_case(written: &str, replacement: &str) -> String {
    if written.chars().any(|c| c.is_ascii_uppercase()) {
        replacement.to_ascii_uppercase()
    } else {
        replacement.to_ascii_lowercase()
    }
}

/// Reports every install of `manager` without one of its non-interactive flags.
pub fn report_missing_yes(
    input: &crate::rule::DockerfileInput<'_>,
    cx: &mut crate::rule::Context<'_>,
    manager: &crate::syntax::pkg::Manager,
) {
    for (_, _, scripts) in runs(input) {
        for cmd in scripts.iter().flat_map(|s| &s.commands) {
            let Some(install) = manager.install_word(cmd) else {
                continue;
            };
            if manager.cli.has_flag(cmd, manager.yes) {
                continue;
            }
            let yes = manager.yes[0];
            cx.report(
                cmd.span,
                format!(
                    "`{} {}` without `{yes}` waits for a confirmation no one can give",
                    cmd.name(),
                    install.value
                ),
            )
            .help(format!("add `{yes}`"))
            .fix(crate::Fix::safe(
                format!("add {yes}"),
                vec![crate::Edit::insert(install.span.end, format!(" {yes}"))],
            ));
        }
    }
}

/// Reports every install of `manager` with packages that carry no version.
pub fn report_unpinned(
    input: &crate::rule::DockerfileInput<'_>,
    cx: &mut crate::rule::Context<'_>,
    manager: &crate::syntax::pkg::Manager,
    how: &str,
) {
    let scopes = Scopes::new(input);
    for (i, _, scripts) in runs(input) {
        let scope = scopes.at(i);
        for cmd in scripts.iter().flat_map(|s| &s.commands) {
            let unpinned = manager.unpinned_in(cmd, &|n| scope.defined(n));
            if !unpinned.is_empty() {
                cx.report(
                    cmd.span,
                    format!(
                        "{} install of unpinned packages: {}",
                        cmd.name(),
                        unpinned.join(", ")
                    ),
                )
                .help(scope.pin_help(&format!("pin versions: {how}"), &unpinned));
            }
        }
    }
}

/// Reports RUNs that install with `manager` but never clean its cache in the same RUN.
pub fn report_clean_missing(
    input: &crate::rule::DockerfileInput<'_>,
    cx: &mut crate::rule::Context<'_>,
    manager: &crate::syntax::pkg::Manager,
) {
    for (_, run, scripts) in runs(input) {
        if manager.cache_dirs.iter().any(|d| has_cache_mount(run, d)) {
            continue;
        }
        let commands: Vec<&shell::Command> = scripts.iter().flat_map(|s| &s.commands).collect();
        // Only a cleanup after the last download empties the cache the layer keeps.
        let Some(last) = commands.iter().rev().find(|c| manager.downloads(c)) else {
            continue;
        };
        let cleaned = commands
            .iter()
            .any(|c| c.span.start > last.span.start && manager.is_clean(c));
        if cleaned {
            continue;
        }
        let (sub, arg) = manager.clean[0];
        let clean = format!("{} {sub} {arg}", last.name())
            .trim_end()
            .to_string();
        cx.report(
            last.span,
            format!(
                "`{}` without `{clean}` after it in the same RUN leaves the package cache in the layer",
                last.name()
            ),
        )
        .help(format!(
            "end the RUN with `&& {clean}` (or mount a cache at {})",
            manager.cache_dirs[0]
        ));
    }
}

/// The LABEL pairs in effect for a stage: its own and those of the stages it builds on.
pub fn stage_labels<'a>(
    model: &'a Model<'_>,
    stage: &Stage,
) -> Vec<&'a crate::syntax::dockerfile::KeyValue> {
    model
        .ancestry(stage.index)
        .into_iter()
        .rev()
        .flat_map(|s| stage_body(model, &model.stages[s]).collect::<Vec<_>>())
        .filter(|(_, i)| i.keyword == Keyword::Label)
        .flat_map(|(_, i)| i.pairs().iter())
        .collect()
}

/// Every `key=value` pair of every LABEL in the file.
pub fn label_pairs<'a>(
    input: &'a crate::rule::DockerfileInput<'_>,
) -> impl Iterator<Item = &'a crate::syntax::dockerfile::KeyValue> + 'a {
    input
        .df
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::Label)
        .flat_map(|i| i.pairs().iter())
}

/// A LABEL value as the image stores it (surrounding quotes removed).
pub fn label_value(raw: &str) -> &str {
    for q in ['"', '\''] {
        if raw.len() >= 2 && raw.starts_with(q) && raw.ends_with(q) {
            return &raw[1..raw.len() - 1];
        }
    }
    raw
}

/// Reports labels whose `label-schema` format is `format` and whose value `valid` rejects.
pub fn report_label_format(
    input: &crate::rule::DockerfileInput<'_>,
    cx: &mut crate::rule::Context<'_>,
    format: &str,
    valid: fn(&str) -> bool,
    what: &str,
) {
    let schema = cx.config.label_schema.clone();
    for pair in label_pairs(input) {
        let value = label_value(&pair.value.value);
        let wanted = schema.get(&pair.key.value).is_some_and(|f| f == format);
        if wanted && !value.is_empty() && !value.contains('$') && !valid(value) {
            cx.report(
                pair.value.span,
                format!("label `{}` should be {what}, not `{value}`", pair.key.value),
            )
            .help(format!(
                "the label schema declares `{}` as `{format}`",
                pair.key.value
            ));
        }
    }
}

/// Each stage with its `FROM --platform` flag, when it has one.
pub fn platform_flags<'a>(
    input: &'a crate::rule::DockerfileInput<'_>,
) -> impl Iterator<Item = (&'a Stage<'a>, &'a crate::syntax::dockerfile::Flag)> + 'a {
    input.model.stages.iter().filter_map(move |stage| {
        input.df.instructions[stage.from]
            .flag("platform")
            .map(|f| (stage, f))
    })
}

/// "this one is" / "this one and the N after it are": where a limit cut a file, said at the
/// first instruction or line left out (DF100, DF102).
pub fn this_and_after(after: usize) -> String {
    match after {
        0 => "this one is".to_string(),
        n => format!("this one and the {n} after it are"),
    }
}
