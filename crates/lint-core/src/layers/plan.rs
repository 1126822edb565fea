//! One build as BuildKit's solver sees it: for every instruction, the definition its cache key
//! hashes and the key of the chain it ends (moby/buildkit `docs/dev/solver.md`: a vertex's key is
//! the digest of its operation plus the keys of its inputs). The simulation compares the plan of
//! the previous build with the plan of this one.

use super::{Build, ContextFile};
use crate::syntax::dockerfile::expand::expand;
use crate::syntax::dockerfile::model::{Base, CopySource, split_arg};
use crate::syntax::dockerfile::{Dockerfile, Instruction, Keyword, Model};
use crate::syntax::dockerignore::{self, DockerIgnore, Selector};
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Before,
    After,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// The stage's root: an image, `scratch`, or another stage's result.
    From,
    /// A filesystem operation: RUN, COPY, ADD, WORKDIR (a `mkdir`).
    Layer,
    /// Image configuration only (ENV, ARG, LABEL, CMD, USER, ...): no layer, no key of its own.
    Meta,
}

/// What a FROM names, for the wording of its status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Root {
    Digest(String),
    Tag(String),
    /// No tag: BuildKit pulls `:latest`.
    Latest(String),
    Stage(usize),
    Scratch,
    /// Depends on an ARG without a value.
    Unknown(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Var {
    pub name: String,
    pub value: String,
    /// Set by ENV (else by ARG).
    pub env: bool,
}

#[derive(Clone, Debug)]
pub(super) struct PStep {
    pub ins: usize,
    pub stage: usize,
    pub kind: Kind,
    pub keyword: Keyword,
    /// The instruction as BuildKit reads it (continuations joined, heredoc bodies appended).
    pub text: String,
    /// The operation after builder-side expansion (sources, destination, image, flags).
    pub op: String,
    /// Variables the expansion used, with the values they had.
    pub used: Vec<(String, Option<String>)>,
    /// RUN: the ENV and ARG values in its environment.
    pub vars: Vec<Var>,
    /// RUN: user, working directory and shell it runs with.
    pub user: String,
    pub workdir: String,
    pub shell: String,
    /// The build-context files the step reads (COPY/ADD sources, bind mounts): path and digest.
    pub files: Vec<(String, u64)>,
    /// Stages whose result the step reads by content (COPY --from, RUN --mount from=).
    pub from_stages: Vec<usize>,
    /// A remote source re-checked on every build (ADD of a URL, a Git ref that is not a commit).
    pub remote: Option<String>,
    /// A remote source whose key is fixed (`ADD --checksum`, a Git commit).
    pub pinned_remote: Option<String>,
    /// `COPY --from=<image>`: an image, not a stage.
    pub from_image: Option<String>,
    /// COPY/ADD --link: the layer does not depend on the steps below it.
    pub link: bool,
    pub root: Option<Root>,
    /// RUN mounts whose contents never key (cache, secret, ssh, tmpfs).
    pub unkeyed_mounts: Vec<String>,
    /// The hash of the step's own definition (without its parent).
    pub own: u64,
    /// The chain key: the parent's key and `own`.
    pub key: u64,
    /// The step below it in the chain (for a FROM of a stage: that stage's last step).
    pub parent: Option<usize>,
    pub parent_key: u64,
}

#[derive(Clone, Debug)]
pub(super) struct PStage {
    pub name: Option<String>,
    pub built: bool,
    pub skipped: String,
    /// The step ending the stage's chain.
    pub end: usize,
}

pub(super) struct Plan {
    pub steps: Vec<PStep>,
    pub stages: Vec<PStage>,
    /// Per instruction: its step, if it is in a stage.
    pub step_of: Vec<Option<usize>>,
    pub notes: Vec<String>,
    /// Keys of every built step (what the cache holds after this build).
    pub keys: HashSet<u64>,
    /// Own definitions of `--link` steps (their layers are reused wherever they land).
    pub owns: HashSet<u64>,
    /// Parent key -> the built steps on it.
    pub children: HashMap<u64, Vec<usize>>,
}

/// A context file's digest on one side. The content (or its absence) is the same on both sides
/// when nothing else says so; a `changed` flag makes the after side differ.
fn digest(file: &ContextFile, side: Side) -> u64 {
    let mut h = DefaultHasher::new();
    file.content.hash(&mut h);
    if side == Side::After && file.changed {
        "changed".hash(&mut h);
    }
    h.finish()
}

fn hash_of(parts: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

fn clean(path: &str) -> String {
    path.trim_start_matches("./")
        .trim_start_matches('/')
        .to_string()
}

/// The build context as BuildKit receives it: the files `.dockerignore` does not leave out.
fn context(build: &Build<'_>, side: Side) -> Vec<Entry> {
    let ignore = build.dockerignore.map(DockerIgnore::parse);
    let mut files: Vec<(String, u64)> = build
        .files
        .iter()
        .filter(|f| {
            ignore
                .as_ref()
                .is_none_or(|i| i.excluded_by(&f.path).is_none())
        })
        .map(|f| (clean(&f.path), digest(f, side)))
        .collect();
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    files
        .into_iter()
        .map(|(path, digest)| Entry {
            parts: dockerignore::path_parts(&path),
            path,
            digest,
        })
        .collect()
}

/// The per-stage state later instructions see.
#[derive(Clone, Default)]
struct State {
    env: Vec<(String, String)>,
    /// ARGs declared in the stage: name and value (None: declared without one).
    args: Vec<(String, Option<String>)>,
    user: String,
    workdir: String,
    shell: Vec<String>,
}

impl State {
    fn lookup(&self, name: &str) -> Option<Option<String>> {
        if let Some((_, v)) = self.env.iter().rev().find(|(n, _)| n == name) {
            return Some(Some(v.clone()));
        }
        self.args
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    /// The environment of a RUN: every ENV, and every ARG with a value that no ENV overrides.
    fn run_vars(&self) -> Vec<Var> {
        let mut vars: Vec<Var> = Vec::new();
        for (name, value) in &self.args {
            if let Some(value) = value {
                vars.retain(|v| &v.name != name);
                vars.push(Var {
                    name: name.clone(),
                    value: value.clone(),
                    env: false,
                });
            }
        }
        for (name, value) in &self.env {
            vars.retain(|v| &v.name != name);
            vars.push(Var {
                name: name.clone(),
                value: value.clone(),
                env: true,
            });
        }
        vars.sort_by(|a, b| a.name.cmp(&b.name));
        vars
    }
}

/// Expands a word as the builder does, recording the variables used.
fn expand_in(
    word: &str,
    escape: char,
    state: &State,
    used: &mut Vec<(String, Option<String>)>,
) -> String {
    let lookup = |name: &str| state.lookup(name);
    match expand(word, escape, &lookup) {
        Ok(e) => {
            for name in e.used {
                if !used.iter().any(|(n, _)| *n == name) {
                    let value = state.lookup(&name).flatten();
                    used.push((name, value));
                }
            }
            e.value
        }
        Err(_) => word.to_string(),
    }
}

/// The instruction as BuildKit's parser hands it on.
pub(super) fn text_of(ins: &Instruction) -> String {
    let mut s = ins.keyword_word.value.to_ascii_uppercase();
    for f in &ins.flags {
        s.push(' ');
        s.push_str(&f.text);
    }
    if !ins.rest().value.is_empty() {
        s.push(' ');
        s.push_str(&ins.rest().value);
    }
    for doc in ins.heredocs() {
        s.push('\n');
        s.push_str(&doc.content);
    }
    s
}

fn is_remote(source: &str) -> bool {
    source.starts_with("http://")
        || source.starts_with("https://")
        || source.starts_with("git@")
        || source.starts_with("git://")
        || source
            .split('#')
            .next()
            .is_some_and(|s| s.ends_with(".git"))
}

/// A Git source pinned to a commit (`...git#<40 hex>`) resolves to the same tree every time.
fn pinned_git(source: &str) -> bool {
    source
        .rsplit_once('#')
        .is_some_and(|(_, r)| r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `type=bind,source=x,from=y` -> its key/value pairs.
fn mount_options(value: &str) -> Vec<(&str, &str)> {
    value
        .split(',')
        .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
        .collect()
}

fn resolve_dir(workdir: &str, path: &str) -> String {
    if path.starts_with('/') || workdir.is_empty() {
        path.to_string()
    } else {
        format!("{}/{}", workdir.trim_end_matches('/'), path)
    }
}

/// The stages a build of `target` needs: its FROM chain and every stage it copies or mounts
/// from, transitively (BuildKit's `resolveReachableStages`, dockerfile2llb/convert.go).
fn reachable(model: &Model<'_>, target: usize) -> Vec<bool> {
    let mut built = vec![false; model.stages.len()];
    let mut todo = vec![target];
    while let Some(s) = todo.pop() {
        if built[s] {
            continue;
        }
        built[s] = true;
        let stage = &model.stages[s];
        if let Base::Stage(p) = stage.base {
            todo.push(p);
        }
        for (i, ins) in crate::kinds::dockerfile::stage_body(model, stage) {
            for dep in stage_refs(model, ins, i) {
                todo.push(dep);
            }
        }
    }
    built
}

/// Stages an instruction reads: `COPY --from=<stage>` and `RUN --mount=...,from=<stage>`.
fn stage_refs(model: &Model<'_>, ins: &Instruction, at: usize) -> Vec<usize> {
    let mut names: Vec<&str> = Vec::new();
    if matches!(ins.keyword, Keyword::Copy | Keyword::Add)
        && let Some(from) = ins.flag_value("from")
    {
        names.push(from);
    }
    if ins.keyword == Keyword::Run {
        for f in ins.flags.iter().filter(|f| f.name() == "mount") {
            if let Some((_, from)) = mount_options(f.value().unwrap_or(""))
                .into_iter()
                .find(|(k, _)| *k == "from")
            {
                names.push(from);
            }
        }
    }
    // Only stages before this one: a stage cannot read itself or a later one.
    let current = model.stage_of(at).map_or(0, |s| s.index);
    names
        .into_iter()
        .filter_map(|n| match model.copy_source(n, at) {
            CopySource::Stage(s) if s < current => Some(s),
            _ => None,
        })
        .collect()
}

impl Plan {
    pub fn new(df: &Dockerfile, build: &Build<'_>, side: Side) -> Plan {
        let ctx = crate::BuildContext {
            args: build
                .args
                .iter()
                .map(|(k, v)| (k.clone(), Some(v.clone())))
                .collect(),
            target: build.target.map(str::to_string),
            ..Default::default()
        };
        let model = Model::with_build(df, Some(&ctx));
        let mut notes = Vec::new();
        if let Some(t) = build.target
            && model.target.is_none()
        {
            notes.push(format!(
                "there is no stage called `{t}`: BuildKit stops with an error (simulated up to the last stage)"
            ));
        }
        let target = model.final_stage().map_or(0, |s| s.index);
        let built = if model.stages.is_empty() {
            Vec::new()
        } else {
            reachable(&model, target)
        };
        let files = context(build, side);
        let mut plan = Plan {
            steps: Vec::new(),
            stages: Vec::new(),
            step_of: vec![None; df.instructions.len()],
            notes,
            keys: HashSet::new(),
            owns: HashSet::new(),
            children: HashMap::new(),
        };
        let mut end_state: Vec<State> = Vec::new();
        let target_label = model
            .stages
            .get(target)
            .map_or_else(String::new, |s| s.label());
        for stage in &model.stages {
            let from = &df.instructions[stage.from];
            let mut state = match stage.base {
                Base::Stage(p) if p < end_state.len() => {
                    let mut s = end_state[p].clone();
                    s.args.clear();
                    s
                }
                _ => State::default(),
            };
            let mut used = Vec::new();
            let (root, op, parent, parent_key) = match &stage.base {
                Base::Stage(p) => {
                    let end = plan.stages[*p].end;
                    (
                        Root::Stage(*p),
                        String::new(),
                        Some(end),
                        plan.steps[end].key,
                    )
                }
                Base::Scratch => (Root::Scratch, "scratch".to_string(), None, 0),
                Base::Unknown => (
                    Root::Unknown(stage.image.value.clone()),
                    stage.resolved_value().to_string(),
                    None,
                    0,
                ),
                Base::Image(r) => {
                    let name = stage.resolved_value().to_string();
                    let root = if r.digest().is_some() {
                        Root::Digest(name.clone())
                    } else if r.tag().is_some() {
                        Root::Tag(name.clone())
                    } else {
                        Root::Latest(name.clone())
                    };
                    (root, name, None, 0)
                }
            };
            for name in stage.resolved_used() {
                if !used.iter().any(|(n, _)| n == name) {
                    let value = model.global_default(name).cloned().flatten();
                    used.push((name.clone(), value));
                }
            }
            let platform = from.flag_value("platform").unwrap_or("").to_string();
            let own = hash_of(("FROM", &op, &platform));
            let key = match root {
                Root::Stage(_) => parent_key,
                _ => own,
            };
            let from_step = plan.steps.len();
            plan.step_of[stage.from] = Some(from_step);
            plan.steps.push(PStep {
                ins: stage.from,
                stage: stage.index,
                kind: Kind::From,
                keyword: Keyword::From,
                text: text_of(from),
                op,
                used,
                vars: Vec::new(),
                user: String::new(),
                workdir: String::new(),
                shell: String::new(),
                files: Vec::new(),
                from_stages: match root {
                    Root::Stage(p) => vec![p],
                    _ => Vec::new(),
                },
                remote: None,
                pinned_remote: None,
                from_image: None,
                link: false,
                root: Some(root),
                unkeyed_mounts: Vec::new(),
                own,
                key,
                parent,
                parent_key,
            });
            let mut last = from_step;
            for (i, ins) in crate::kinds::dockerfile::stage_body(&model, stage) {
                let step = step(
                    &model,
                    build.args,
                    df,
                    i,
                    ins,
                    stage.index,
                    &mut state,
                    &files,
                );
                let index = plan.steps.len();
                plan.step_of[i] = Some(index);
                let mut step = step;
                if step.kind == Kind::Layer {
                    step.parent = Some(last);
                    step.parent_key = plan.steps[last].key;
                    step.key = hash_of((step.parent_key, step.own));
                    last = index;
                }
                plan.steps.push(step);
            }
            end_state.push(state);
            let is_built = built.get(stage.index).copied().unwrap_or(false);
            plan.stages.push(PStage {
                name: stage.name.as_ref().map(|n| n.value.clone()),
                built: is_built,
                skipped: if is_built {
                    String::new()
                } else {
                    format!(
                        "stage {} is not needed to build {target_label}",
                        stage.label()
                    )
                },
                end: last,
            });
        }
        for (index, step) in plan.steps.iter().enumerate() {
            if step.kind == Kind::Meta || !plan.stages[step.stage].built {
                continue;
            }
            plan.keys.insert(step.key);
            if step.link {
                plan.owns.insert(step.own);
            }
            if step.kind == Kind::Layer {
                plan.children
                    .entry(step.parent_key)
                    .or_default()
                    .push(index);
            }
        }
        plan
    }
}

/// The step of one instruction after FROM, updating the stage's state.
#[allow(clippy::too_many_arguments)]
fn step(
    model: &Model<'_>,
    args: &[(String, String)],
    df: &Dockerfile,
    i: usize,
    ins: &Instruction,
    stage: usize,
    state: &mut State,
    files: &[Entry],
) -> PStep {
    let escape = df.escape;
    let mut used = Vec::new();
    let mut step = PStep {
        ins: i,
        stage,
        kind: Kind::Meta,
        keyword: ins.keyword,
        text: text_of(ins),
        op: String::new(),
        used: Vec::new(),
        vars: Vec::new(),
        user: String::new(),
        workdir: String::new(),
        shell: String::new(),
        files: Vec::new(),
        from_stages: Vec::new(),
        remote: None,
        pinned_remote: None,
        from_image: None,
        link: false,
        root: None,
        unkeyed_mounts: Vec::new(),
        own: 0,
        key: 0,
        parent: None,
        parent_key: 0,
    };
    match ins.keyword {
        Keyword::Arg => {
            for arg in &ins.args {
                let (name, default) = split_arg(arg);
                let passed = args
                    .iter()
                    .rev()
                    .find(|(k, _)| *k == name.value)
                    .map(|(_, v)| v.clone());
                let value = match passed {
                    Some(v) => Some(v),
                    None => match default {
                        Some(d) => Some(expand_in(&d, escape, state, &mut used)),
                        // `ARG X` in a stage takes the global ARG's value.
                        None => model.global_default(&name.value).cloned().flatten(),
                    },
                };
                used.push((name.value.clone(), value.clone()));
                state.args.push((name.value, value));
            }
        }
        Keyword::Env => {
            for pair in ins.pairs() {
                let value = expand_in(&pair.value.value, escape, state, &mut used);
                state.env.retain(|(n, _)| *n != pair.key.value);
                state.env.push((pair.key.value.clone(), value));
            }
        }
        Keyword::User => {
            state.user = expand_in(&ins.rest().value, escape, state, &mut used);
        }
        Keyword::Shell => {
            state.shell = ins.args.iter().map(|a| a.value.clone()).collect();
        }
        Keyword::Workdir => {
            let dir = expand_in(&ins.rest().value, escape, state, &mut used);
            state.workdir = resolve_dir(&state.workdir, &dir);
            step.kind = Kind::Layer;
            // docs.docker.com/build/cache/invalidation "WORKDIR and SOURCE_DATE_EPOCH": the
            // mkdir's key includes the build's SOURCE_DATE_EPOCH.
            let epoch = args
                .iter()
                .rev()
                .find(|(k, _)| k == "SOURCE_DATE_EPOCH")
                .map(|(_, v)| v.clone());
            used.push(("SOURCE_DATE_EPOCH".to_string(), epoch.clone()));
            step.op = format!(
                "mkdir {} as {} at {}",
                state.workdir,
                state.user,
                epoch.unwrap_or_default()
            );
        }
        Keyword::Run => {
            step.kind = Kind::Layer;
            step.vars = state.run_vars();
            step.user = state.user.clone();
            step.workdir = state.workdir.clone();
            step.shell = if ins.json {
                String::new()
            } else if state.shell.is_empty() {
                "/bin/sh -c".to_string()
            } else {
                state.shell.join(" ")
            };
            for f in ins.flags.iter().filter(|f| f.name() == "mount") {
                let options = mount_options(f.value().unwrap_or(""));
                let get = |k: &str| options.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
                let kind = get("type").unwrap_or("bind");
                if kind != "bind" {
                    step.unkeyed_mounts.push(kind.to_string());
                    continue;
                }
                let source = get("source").or(get("src")).unwrap_or(".");
                if get("from").is_none() {
                    step.files.extend(select(files, &[source.to_string()], &[]));
                }
            }
            step.from_stages = stage_refs(model, ins, i);
            step.op = step.text.clone();
        }
        Keyword::Copy | Keyword::Add => {
            step.kind = Kind::Layer;
            step.link = ins.flag("link").is_some_and(|f| f.value() != Some("false"));
            let mut op = ins.keyword.as_str().to_string();
            for f in &ins.flags {
                op.push(' ');
                op.push_str(&expand_in(&f.text, escape, state, &mut used));
            }
            let words: Vec<String> = ins
                .args
                .iter()
                .map(|a| {
                    if ins.json || !a.value.starts_with("<<") {
                        expand_in(&a.value, escape, state, &mut used)
                    } else {
                        a.value.clone()
                    }
                })
                .collect();
            let (sources, dest) = match words.split_last() {
                Some((dest, sources)) => (sources.to_vec(), dest.clone()),
                None => (Vec::new(), String::new()),
            };
            for s in &sources {
                op.push(' ');
                op.push_str(s);
            }
            op.push(' ');
            op.push_str(&resolve_dir(&state.workdir, &dest));
            for doc in ins.heredocs() {
                op.push('\n');
                op.push_str(&doc.content);
            }
            step.op = op;
            if let Some(from) = ins.flag_value("from") {
                step.from_stages = stage_refs(model, ins, i);
                if step.from_stages.is_empty() {
                    step.from_image = Some(from.to_string());
                }
            } else {
                let local: Vec<String> = sources
                    .iter()
                    .filter(|s| !s.starts_with("<<") && !is_remote(s))
                    .cloned()
                    .collect();
                let excludes: Vec<String> = ins
                    .flags
                    .iter()
                    .filter(|f| f.name() == "exclude")
                    .filter_map(|f| f.value().map(str::to_string))
                    .collect();
                step.files = select(files, &local, &excludes);
                if ins.keyword == Keyword::Add
                    && let Some(url) = sources.iter().find(|s| is_remote(s))
                {
                    if ins.flag("checksum").is_some() || pinned_git(url) {
                        step.pinned_remote = Some(url.clone());
                    } else {
                        step.remote = Some(url.clone());
                    }
                }
            }
        }
        _ => {}
    }
    step.used = used;
    step.own = hash_of((
        &step.op,
        &step.vars,
        &step.user,
        &step.workdir,
        &step.shell,
        &step.files,
    ));
    step
}

/// The context files the sources select, minus the `--exclude`d ones.
fn select(files: &[Entry], sources: &[String], excludes: &[String]) -> Vec<(String, u64)> {
    if sources.is_empty() {
        return Vec::new();
    }
    let sources: Vec<Selector> = sources.iter().map(|s| Selector::new(s)).collect();
    let excludes: Vec<Selector> = excludes.iter().map(|s| Selector::new(s)).collect();
    files
        .iter()
        .filter(|f| sources.iter().any(|s| s.selects(&f.parts)))
        .filter(|f| !excludes.iter().any(|e| e.selects(&f.parts)))
        .map(|f| (f.path.clone(), f.digest))
        .collect()
}

/// A file of the context: its path, the path's segments, its digest on this side.
struct Entry {
    path: String,
    parts: Vec<String>,
    digest: u64,
}
