//! The Docker layer-cache simulation: which steps of a build BuildKit takes from its cache and
//! which it runs again, and why, when the Dockerfile, the `.dockerignore`, the build context's
//! files, the build arguments or the target change between two builds.
//!
//! Pure and fast (the web page calls it on every keystroke): text in, a [`Simulation`] out.
//!
//! ```
//! use lint_core::layers::{Build, ContextFile, LayersInput, Status, simulate};
//! let files = [
//!     ContextFile::changed("src/app.py"),
//!     ContextFile::unchanged("requirements.txt"),
//! ];
//! let dockerfile = "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n";
//! let sim = simulate(&LayersInput::new(Build { dockerfile, files: &files, ..Build::default() }));
//! assert_eq!(sim.steps[1].status, Status::Rebuilt);
//! assert_eq!(sim.steps[1].reason, "src/app.py changed");
//! assert_eq!(sim.advice.len(), 1);
//! ```
//!
//! The rules it encodes, with their sources: Docker's "Build cache invalidation"
//! (docs.docker.com/build/cache/invalidation), the Dockerfile reference ("Impact on build
//! caching" for ARG, "COPY --link", "RUN --mount"), and BuildKit's solver
//! (moby/buildkit `docs/dev/solver.md`, `frontend/dockerfile/dockerfile2llb/convert.go`,
//! `cache/contenthash`). Where it cannot know (a remote URL, a moving tag, the files a rebuilt
//! stage produces) it says so with a status of its own instead of guessing.

mod cost;
mod plan;
pub mod reorder;
mod table;

pub use cost::Cost;

use crate::diagnostic::Span;
use crate::syntax::dockerfile::{self, Keyword};
use plan::{Kind, PStep, Plan, Root, Side};
use serde::Serialize;

/// A file of the build context (paths relative to the context root, `/`-separated).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContextFile {
    pub path: String,
    /// The content when the caller has it; two builds whose contents differ see a change.
    pub content: Option<String>,
    /// Changed since the previous build (whatever the content says).
    pub changed: bool,
}

impl ContextFile {
    pub fn unchanged(path: &str) -> ContextFile {
        ContextFile {
            path: path.to_string(),
            content: None,
            changed: false,
        }
    }

    /// A file with its content: two builds see a change where the contents differ.
    pub fn with_content(path: &str, content: &str) -> ContextFile {
        ContextFile {
            content: Some(content.to_string()),
            ..ContextFile::unchanged(path)
        }
    }

    pub fn changed(path: &str) -> ContextFile {
        ContextFile {
            changed: true,
            ..ContextFile::unchanged(path)
        }
    }
}

/// What one build reads.
#[derive(Clone, Copy, Debug, Default)]
pub struct Build<'a> {
    pub dockerfile: &'a str,
    /// The context's `.dockerignore`: the files it leaves out are not in the context at all.
    pub dockerignore: Option<&'a str>,
    /// The build context. Empty when unknown: COPY steps then see no change.
    pub files: &'a [ContextFile],
    /// `--build-arg` values.
    pub args: &'a [(String, String)],
    /// `--target`; `None` builds the last stage.
    pub target: Option<&'a str>,
    /// `--pull`: tags are resolved again (only read on the after side).
    pub pull: bool,
    /// `--no-cache`: nothing is reused (only read on the after side).
    pub no_cache: bool,
}

/// The previous build (whose steps the cache holds) and this one.
#[derive(Clone, Copy, Debug, Default)]
pub struct LayersInput<'a> {
    pub before: Build<'a>,
    pub after: Build<'a>,
}

impl<'a> LayersInput<'a> {
    /// One build against its own previous run: what differs are the files flagged `changed`.
    pub fn new(build: Build<'a>) -> LayersInput<'a> {
        LayersInput {
            before: build,
            after: build,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Taken from the cache.
    Cached,
    /// Reads files a rebuilt stage produces (`COPY --from`): taken from the cache only if those
    /// files come out byte-identical, which the Dockerfile alone cannot tell.
    RebuiltUnlessIdentical,
    /// Depends on something outside the build (a URL, a moving tag with `--pull`).
    MayRebuild,
    Rebuilt,
    /// No layer of its own (image configuration).
    Metadata,
    /// In a stage the target does not need.
    Skipped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Cached => "cached",
            Status::RebuiltUnlessIdentical => "rebuilt-unless-identical",
            Status::MayRebuild => "may-rebuild",
            Status::Rebuilt => "rebuilt",
            Status::Metadata => "metadata",
            Status::Skipped => "skipped",
        }
    }

    /// Runs (or may run) again.
    pub fn misses(self) -> bool {
        matches!(
            self,
            Status::Rebuilt | Status::MayRebuild | Status::RebuiltUnlessIdentical
        )
    }
}

/// One instruction of the Dockerfile and what the build does with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Index of its stage in [`Simulation::stages`].
    pub stage: usize,
    /// 1-based line of the instruction.
    pub line: usize,
    pub span: Span,
    /// The instruction, shortened to one line.
    pub instruction: String,
    /// Makes a cache entry of its own (FROM, RUN, COPY, ADD, WORKDIR).
    pub layer: bool,
    pub status: Status,
    pub reason: String,
    pub cost: Cost,
    /// The line of the step whose change this status comes from (itself when it changed).
    pub cause: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StageInfo {
    /// `AS` name, else the stage's index (how `--from` refers to it).
    pub name: String,
    pub line: usize,
    pub built: bool,
    /// Why it is not built.
    pub skipped: Option<String>,
    /// Line of the stage's first step that missed the cache.
    pub first_miss: Option<usize>,
}

/// A reorder that would keep an expensive step cached under this change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Advice {
    pub stage: usize,
    /// The install RUN that would stay cached.
    pub line: usize,
    /// The COPY of the whole context it runs after.
    pub copy_line: usize,
    /// The files to copy first.
    pub files: Vec<String>,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Layer steps of built stages that run again.
    pub rebuilt: usize,
    pub may_rebuild: usize,
    pub rebuilt_unless_identical: usize,
    /// Layer steps of built stages.
    pub total: usize,
    /// Line of the first step (in file order) that broke the cache.
    pub first_miss: Option<usize>,
    /// Lines of the expensive steps that run (or may run) again.
    pub expensive: Vec<usize>,
    /// Line of the first thing BuildKit refuses (a parse error, an instruction it rejects):
    /// the build fails there, and the steps are simulated as if it were fixed.
    pub build_fails: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Simulation {
    pub stages: Vec<StageInfo>,
    /// Every instruction in a stage, in file order.
    pub steps: Vec<Step>,
    pub summary: Summary,
    pub advice: Vec<Advice>,
    /// What BuildKit would refuse, or what the simulation had to assume.
    pub notes: Vec<String>,
}

/// The longest instruction text a step shows.
const SHOWN: usize = 72;

/// An instruction or value as the table shows it: on one line, secrets masked, cut to `SHOWN`.
fn shorten(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let one = crate::secrets::mask_in_text(&one);
    if one.chars().count() <= SHOWN {
        return one;
    }
    let cut: String = one.chars().take(SHOWN - 1).collect();
    format!("{}…", cut.trim_end())
}

fn quote(text: &str) -> String {
    format!("`{}`", shorten(text))
}

/// Simulates `input.after` against a cache filled by `input.before`.
pub fn simulate(input: &LayersInput<'_>) -> Simulation {
    let before_df = dockerfile::parse(input.before.dockerfile);
    let after_df = dockerfile::parse(input.after.dockerfile);
    let before = Plan::new(&before_df, &input.before, Side::Before);
    let after = Plan::new(&after_df, &input.after, Side::After);
    let model = crate::syntax::dockerfile::Model::with_build(&after_df, None);
    let scripts = crate::kinds::dockerfile::scripts_by_instruction(&model);
    let mut sim = Simulation {
        notes: after.notes.clone(),
        ..Simulation::default()
    };
    // Where BuildKit refuses the file: its syntax errors, and the ONBUILD triggers it refuses
    // (DF101's, not syntax errors).
    let syntax = dockerfile::validate::validate(&after_df);
    let text = input.after.dockerfile;
    let refusals = after_df
        .errors
        .iter()
        .chain(&syntax)
        .map(|e| {
            let line = text[..e.span.start.min(text.len())].matches('\n').count() + 1;
            (line, e.message.clone())
        })
        .chain(after_df.instructions.iter().filter_map(|i| {
            let trigger = dockerfile::validate::refused_trigger(i)?;
            Some((i.line, format!("`ONBUILD {}`", trigger.keyword_word.value)))
        }));
    for (line, message) in refusals {
        sim.notes
            .push(format!("line {line}: {message} (BuildKit refuses this)"));
        sim.summary.build_fails = Some(sim.summary.build_fails.map_or(line, |l| l.min(line)));
    }
    let eval = Evaluation::run(&before, &after, &input.after, &after_df, &scripts);
    for (index, stage) in after.stages.iter().enumerate() {
        let from = after.steps.iter().find(|s| s.stage == index);
        sim.stages.push(StageInfo {
            name: stage.name.clone().unwrap_or_else(|| index.to_string()),
            line: from.map_or(0, |s| after_df.instructions[s.ins].line),
            built: stage.built,
            skipped: (!stage.built).then(|| stage.skipped.clone()),
            first_miss: None,
        });
    }
    for (i, step) in after.steps.iter().enumerate() {
        let ins = &after_df.instructions[step.ins];
        let (status, reason, cause) = eval.results[i].clone();
        let cause_line = cause.map(|c| after_df.instructions[after.steps[c].ins].line);
        let out = Step {
            stage: step.stage,
            line: ins.line,
            span: ins.span,
            instruction: shorten(&plan::text_of(ins)),
            layer: step.kind != Kind::Meta,
            status,
            reason: crate::secrets::mask_in_text(&reason),
            cost: eval.costs[i],
            cause: cause_line,
        };
        if out.layer && after.stages[step.stage].built {
            sim.summary.total += 1;
            match status {
                Status::Rebuilt => sim.summary.rebuilt += 1,
                Status::MayRebuild => sim.summary.may_rebuild += 1,
                Status::RebuiltUnlessIdentical => sim.summary.rebuilt_unless_identical += 1,
                _ => {}
            }
            if status.misses() && out.cost == Cost::Expensive {
                sim.summary.expensive.push(out.line);
            }
            if status.misses() && cause == Some(i) {
                let stage = &mut sim.stages[step.stage];
                stage.first_miss = stage.first_miss.or(Some(out.line));
                sim.summary.first_miss = sim.summary.first_miss.or(Some(out.line));
            }
        }
        sim.steps.push(out);
    }
    sim.advice = advice(&after, &after_df, &model, &scripts, &eval, &input.after);
    sim
}

/// The reorder advice ([`reorder::find`], shared with DF085) where this change re-ran the
/// install because of the broad COPY, and not because a manifest itself changed.
fn advice(
    after: &Plan,
    df: &dockerfile::Dockerfile,
    model: &dockerfile::Model<'_>,
    scripts: &[Vec<crate::syntax::shell::Script>],
    eval: &Evaluation,
    build: &Build<'_>,
) -> Vec<Advice> {
    let mut out = Vec::new();
    for found in reorder::find(model, scripts) {
        let (Some(run), Some(copy)) = (after.step_of[found.install], after.step_of[found.copy])
        else {
            continue;
        };
        let (status, _, cause) = &eval.results[run];
        if *status != Status::Rebuilt || *cause != Some(copy) {
            continue;
        }
        let changed = &eval.changed_files[copy];
        let manifests = &found.manifests;
        let reads_manifest = changed.iter().any(|path| {
            manifests.iter().any(|m| {
                crate::syntax::dockerignore::selects(m, path)
                    || m.strip_prefix('*')
                        .is_some_and(|ext| path.ends_with(ext) && !path.contains('/'))
            })
        });
        if reads_manifest {
            continue;
        }
        let present = if build.files.is_empty() {
            found.manifests.clone()
        } else {
            found.present(&|f| build.files.iter().any(|c| c.path == f))
        };
        let copy_ins = &df.instructions[found.copy];
        let run_ins = &df.instructions[found.install];
        let files = if present.is_empty() {
            // As DF085 says when the context has none of the usual manifests.
            format!(
                "only the files `{} {}` reads",
                found.command.name(),
                found.command.subcommand().unwrap_or("")
            )
        } else {
            join_and(&present.iter().map(|f| f.to_string()).collect::<Vec<_>>())
        };
        out.push(Advice {
            stage: found.stage,
            line: run_ins.line,
            copy_line: copy_ins.line,
            files: present.iter().map(|f| f.to_string()).collect(),
            message: format!(
                "copy {files} before {}, then {}: it would stay cached for this change",
                quote(&plan::text_of(copy_ins)),
                quote(&plan::text_of(run_ins)),
            ),
        });
    }
    out
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The statuses of one after-build against the before-build's cache.
struct Evaluation {
    /// Per after step: status, reason, and the step whose own change caused it.
    results: Vec<(Status, String, Option<usize>)>,
    /// Per after step: what its children inherit (a `--link` step passes on its parent's).
    chain: Vec<(Status, Option<usize>)>,
    costs: Vec<Cost>,
    /// Per after step: the copied files that changed (for the advice).
    changed_files: Vec<Vec<String>>,
    /// `--pull`: tags are resolved again.
    pull: bool,
}

impl Evaluation {
    fn run(
        before: &Plan,
        after: &Plan,
        build: &Build<'_>,
        df: &dockerfile::Dockerfile,
        scripts: &[Vec<crate::syntax::shell::Script>],
    ) -> Evaluation {
        let n = after.steps.len();
        let mut e = Evaluation {
            results: Vec::with_capacity(n),
            chain: Vec::with_capacity(n),
            costs: Vec::with_capacity(n),
            changed_files: vec![Vec::new(); n],
            pull: build.pull,
        };
        for (i, step) in after.steps.iter().enumerate() {
            let cost = match step.keyword {
                Keyword::Run => cost::of_run(scripts.get(step.ins).map_or(&[], |s| s)).0,
                Keyword::Add if step.remote.is_some() => Cost::Expensive,
                _ => Cost::Cheap,
            };
            e.costs.push(cost);
            let result = if !after.stages[step.stage].built {
                (
                    Status::Skipped,
                    after.stages[step.stage].skipped.clone(),
                    None,
                )
            } else if step.kind == Kind::Meta {
                (Status::Metadata, meta_reason(before, after, step), None)
            } else if build.no_cache {
                (
                    Status::Rebuilt,
                    "--no-cache: nothing is taken from the cache".to_string(),
                    Some(i),
                )
            } else {
                e.layer(before, after, i, df)
            };
            let chain = if step.link {
                let parent = step.parent.map_or((Status::Cached, None), |p| e.chain[p]);
                if parent.0 > result.0 {
                    parent
                } else {
                    (result.0, result.2)
                }
            } else {
                (result.0, result.2)
            };
            e.results.push(result);
            e.chain.push(chain);
        }
        e
    }

    fn line_of(after: &Plan, df: &dockerfile::Dockerfile, step: usize) -> String {
        let ins = &df.instructions[after.steps[step].ins];
        format!("line {}: {}", ins.line, quote(&plan::text_of(ins)))
    }

    fn layer(
        &mut self,
        before: &Plan,
        after: &Plan,
        i: usize,
        df: &dockerfile::Dockerfile,
    ) -> (Status, String, Option<usize>) {
        let step = &after.steps[i];
        let parent = step
            .parent
            .map_or((Status::Cached, None), |p| self.chain[p]);
        if !step.link && parent.0 != Status::Cached {
            let cause = parent.1;
            let at = cause
                .map(|c| Self::line_of(after, df, c))
                .unwrap_or_default();
            let reason = match parent.0 {
                Status::Rebuilt => format!("an earlier step was rebuilt ({at})"),
                Status::MayRebuild => format!("an earlier step may rebuild ({at})"),
                _ => format!(
                    "runs again unless the files {} at {at} come out byte-identical",
                    cause.map_or("copied", |c| taken(&after.steps[c]).1)
                ),
            };
            return (parent.0, reason, cause);
        }
        let hit = if step.link {
            before.owns.contains(&step.own)
        } else {
            before.keys.contains(&step.key)
        };
        if !hit {
            let (reason, changed) = explain(before, after, step);
            self.changed_files[i] = changed;
            return (Status::Rebuilt, reason, Some(i));
        }
        // Cached by its key; what the key cannot see comes on top.
        if let Some(url) = &step.remote {
            return (
                Status::MayRebuild,
                format!("{url} is re-checked on every build: rebuilt if it changed upstream"),
                Some(i),
            );
        }
        for &s in &step.from_stages {
            let end = after.stages[s].end;
            let (status, cause) = self.chain[end];
            if status == Status::Cached {
                continue;
            }
            let name = stage_name(after, s);
            if step.kind == Kind::From {
                return (
                    status,
                    format!("stage {name} rebuilt, and this stage builds on it"),
                    cause,
                );
            }
            let what = if status == Status::MayRebuild {
                "may rebuild"
            } else {
                "was rebuilt"
            };
            return (
                Status::RebuiltUnlessIdentical,
                format!(
                    "stage {name} {what}: this step is rebuilt unless the files it {} come out byte-identical",
                    taken(step).0
                ),
                Some(i),
            );
        }
        if step.link && parent.0 != Status::Cached {
            return (
                Status::Cached,
                "--link: its layer does not depend on the steps below it, so it is reused on top of the rebuilt ones".to_string(),
                None,
            );
        }
        if let (Some(Root::Tag(image) | Root::Latest(image)), true) = (&step.root, self.pull) {
            return (
                Status::MayRebuild,
                format!("--pull resolves `{image}` again: rebuilt if the tag moved upstream"),
                Some(i),
            );
        }
        (Status::Cached, cached_reason(after, step), None)
    }
}

/// How a step takes files from another stage: a RUN mounts them (`--mount=...,from=`), COPY
/// and ADD copy them.
fn taken(step: &PStep) -> (&'static str, &'static str) {
    if step.keyword == Keyword::Run {
        ("mounts", "mounted")
    } else {
        ("copies", "copied")
    }
}

fn stage_name(plan: &Plan, s: usize) -> String {
    match &plan.stages[s].name {
        Some(n) => format!("`{n}`"),
        None => format!("#{s}"),
    }
}

fn cached_reason(after: &Plan, step: &PStep) -> String {
    match (&step.root, step.keyword) {
        (Some(Root::Digest(_)), _) => "pinned by digest: always the same image".to_string(),
        (Some(Root::Tag(image)), _) => format!(
            "tag may move upstream: cached while `{image}` resolves to the same digest (`--pull` checks)"
        ),
        (Some(Root::Latest(image)), _) => format!(
            "no tag means `{image}:latest`, which may move upstream: cached while it resolves to the same digest"
        ),
        (Some(Root::Stage(s)), _) => format!("built on stage {}, unchanged", stage_name(after, *s)),
        (Some(Root::Scratch), _) => "the empty image".to_string(),
        (Some(Root::Unknown(word)), _) => {
            format!("`{word}` depends on an ARG without a value: the same value is assumed")
        }
        (None, Keyword::Copy | Keyword::Add) if !step.from_stages.is_empty() => {
            format!("stage {} unchanged", stage_name(after, step.from_stages[0]))
        }
        (None, Keyword::Copy | Keyword::Add) if step.from_image.is_some() => format!(
            "copies from the image `{}`: cached while it resolves to the same digest",
            step.from_image.as_deref().unwrap_or("")
        ),
        (None, Keyword::Add) if step.pinned_remote.is_some() => format!(
            "{} is pinned (--checksum or a commit): its key is known without fetching it",
            step.pinned_remote.as_deref().unwrap_or("")
        ),
        (None, Keyword::Copy | Keyword::Add) if step.files.is_empty() => {
            "same sources; none of the context files given is copied".to_string()
        }
        (None, Keyword::Copy | Keyword::Add) => match step.files.len() {
            1 => format!("{} unchanged", step.files[0].0),
            n => format!("none of the {n} copied files changed"),
        },
        (None, Keyword::Run) if !step.from_stages.is_empty() => format!(
            "same command and environment, and stage {} unchanged",
            stage_name(after, step.from_stages[0])
        ),
        (None, Keyword::Run) if !step.unkeyed_mounts.is_empty() => format!(
            "same command and environment ({} mount contents never affect the key)",
            step.unkeyed_mounts.join("/")
        ),
        (None, Keyword::Run) => "same command and environment".to_string(),
        _ => "unchanged".to_string(),
    }
}

/// The before stage an after stage corresponds to: the same name, else the same position.
fn matching_stage(before: &Plan, after: &Plan, stage: usize) -> Option<usize> {
    match &after.stages[stage].name {
        Some(name) => before.stages.iter().position(|s| {
            s.name
                .as_ref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        }),
        None => {
            (stage < before.stages.len() && before.stages[stage].name.is_none()).then_some(stage)
        }
    }
}

fn meta_reason(before: &Plan, after: &Plan, step: &PStep) -> String {
    if step.keyword == Keyword::Unknown {
        return "not an instruction BuildKit knows: the build stops here (see the notes)"
            .to_string();
    }
    let keys = matches!(
        step.keyword,
        Keyword::Env | Keyword::Arg | Keyword::User | Keyword::Shell
    );
    let what = if keys {
        "no layer; the RUN steps after it key on it"
    } else {
        "no layer: image configuration only"
    };
    let Some(old) = matching_stage(before, after, step.stage) else {
        return what.to_string();
    };
    let same = before
        .steps
        .iter()
        .filter(|s| s.stage == old && s.keyword == step.keyword)
        .find(|s| s.text == step.text);
    match same {
        None => format!("changed ({what})"),
        Some(s) => match changed_var(&s.used, &step.used) {
            Some(change) if step.keyword == Keyword::Arg => {
                format!("{change}: no layer; a cache miss at its first use, the next RUN")
            }
            Some(change) => format!("{change} ({what})"),
            None => what.to_string(),
        },
    }
}

fn show(value: &Option<String>) -> String {
    match value {
        Some(v) => format!("`{v}`"),
        None => "unset".to_string(),
    }
}

/// The first variable whose value differs between two uses.
fn changed_var(
    before: &[(String, Option<String>)],
    after: &[(String, Option<String>)],
) -> Option<String> {
    after.iter().find_map(|(name, value)| {
        let old = before
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&None, |(_, v)| v);
        let masked =
            |v: &Option<String>| show(&v.as_ref().map(|v| crate::secrets::shown_value(name, v)));
        (old != value).then(|| format!("{name} changed from {} to {}", masked(old), masked(value)))
    })
}

/// Why a step whose parent is cached misses: what differs from the step the previous build
/// ran on the same parent. Also returns the copied files that changed.
fn explain(before: &Plan, after: &Plan, step: &PStep) -> (String, Vec<String>) {
    let candidates: Vec<&PStep> = if step.kind == Kind::From {
        matching_stage(before, after, step.stage)
            .and_then(|s| before.steps.iter().find(|p| p.stage == s))
            .into_iter()
            .collect()
    } else {
        let children = before
            .children
            .get(&step.parent_key)
            .into_iter()
            .flatten()
            .map(|&i| &before.steps[i]);
        // A `--link` step is compared with the linked steps anywhere, then with its neighbours.
        let linked = before.steps.iter().filter(|s| step.link && s.link);
        linked.chain(children).collect()
    };
    let old = candidates
        .iter()
        .find(|c| c.text == step.text)
        .or_else(|| candidates.iter().find(|c| c.keyword == step.keyword))
        .or(candidates.first());
    let Some(old) = old else {
        return (
            "a new step: the previous build had nothing here".to_string(),
            Vec::new(),
        );
    };
    if step.kind == Kind::From && old.op != step.op {
        if let Some(change) = changed_var(&old.used, &step.used) {
            return (format!("ARG {change}"), Vec::new());
        }
        return (
            format!("the image changed from `{}` to `{}`", old.op, step.op),
            Vec::new(),
        );
    }
    if old.text != step.text {
        if old.keyword != step.keyword {
            return (
                format!(
                    "a new step: the previous build ran {} here",
                    quote(&old.text)
                ),
                Vec::new(),
            );
        }
        return (
            format!("its instruction changed (was {})", quote(&old.text)),
            Vec::new(),
        );
    }
    if old.op != step.op {
        if let Some(change) = changed_var(&old.used, &step.used) {
            let how = if step.keyword == Keyword::Workdir && change.starts_with("SOURCE_DATE_EPOCH")
            {
                "WORKDIR keys on it"
            } else {
                "used in the instruction"
            };
            return (format!("{change} ({how})"), Vec::new());
        }
        return ("its expanded arguments changed".to_string(), Vec::new());
    }
    if old.vars != step.vars {
        let name_of = |v: &plan::Var| if v.env { "ENV" } else { "ARG" };
        for v in &step.vars {
            match old.vars.iter().find(|o| o.name == v.name) {
                Some(o) if o.value == v.value => {}
                Some(o) => {
                    return (
                        format!(
                            "{} {} changed from `{}` to `{}`",
                            name_of(v),
                            v.name,
                            crate::secrets::shown_value(&v.name, &o.value),
                            crate::secrets::shown_value(&v.name, &v.value)
                        ),
                        Vec::new(),
                    );
                }
                None => {
                    return (
                        format!("{} {} is now set (to `{}`)", name_of(v), v.name, v.value),
                        Vec::new(),
                    );
                }
            }
        }
        if let Some(o) = old
            .vars
            .iter()
            .find(|o| !step.vars.iter().any(|v| v.name == o.name))
        {
            return (
                format!("{} {} is no longer set", name_of(o), o.name),
                Vec::new(),
            );
        }
    }
    for (what, o, n) in [
        ("USER", &old.user, &step.user),
        ("WORKDIR", &old.workdir, &step.workdir),
        ("SHELL", &old.shell, &step.shell),
    ] {
        if o != n {
            let show = |s: &str| {
                if s.is_empty() {
                    "the default".to_string()
                } else {
                    format!("`{s}`")
                }
            };
            return (
                format!("{what} changed from {} to {}", show(o), show(n)),
                Vec::new(),
            );
        }
    }
    if old.files != step.files {
        return files_changed(&old.files, &step.files);
    }
    ("its inputs changed".to_string(), Vec::new())
}

/// "src/app.py changed", "src/a.py and 2 other files changed", "new.py added".
fn files_changed(old: &[(String, u64)], new: &[(String, u64)]) -> (String, Vec<String>) {
    let mut changed = Vec::new();
    let mut added = Vec::new();
    for (path, digest) in new {
        match old.binary_search_by(|(p, _)| p.cmp(path)) {
            Ok(k) if old[k].1 == *digest => {}
            Ok(_) => changed.push(path.clone()),
            Err(_) => added.push(path.clone()),
        }
    }
    let removed: Vec<String> = old
        .iter()
        .filter(|(p, _)| new.binary_search_by(|(q, _)| q.cmp(p)).is_err())
        .map(|(p, _)| p.clone())
        .collect();
    let mut parts = Vec::new();
    for (list, verb) in [
        (&changed, "changed"),
        (&added, "added"),
        (&removed, "removed (or now left out by .dockerignore)"),
    ] {
        match list.len() {
            0 => {}
            1 => parts.push(format!("{} {verb}", list[0])),
            2 => parts.push(format!("{} and {} {verb}", list[0], list[1])),
            n => parts.push(format!("{} and {} other files {verb}", list[0], n - 1)),
        }
    }
    let mut all = changed;
    all.extend(added);
    all.extend(removed);
    (parts.join("; "), all)
}
