//! The semantic view rules work on: build stages, ARG scopes and resolved base images.

use super::ast::{Dockerfile, Instruction, Keyword, Word};
use super::expand::{Expansion, expand};
use std::collections::HashMap;
use std::ops::Range;

/// ARGs BuildKit defines in the global scope without a declaration (values depend on the build).
pub const PLATFORM_ARGS: [&str; 8] = [
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
];

/// An image reference split into parts: `[registry/]repository[:tag][@digest]`.
///
/// One string and three offsets rather than four strings: a Dockerfile of 250,000 stages holds
/// one per stage (BENCHMARKS.md, the hostile inputs).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ImageRef {
    text: Box<str>,
    /// End of the registry (0: none; the repository then starts at 0, else one past the `/`).
    registry_end: u32,
    /// End of the repository; a tag follows after a `:` when `tag_end` is past it.
    repository_end: u32,
    /// End of the tag (or of the repository when there is none); a digest follows after a `@`
    /// when the text goes on.
    tag_end: u32,
}

impl ImageRef {
    pub fn parse(reference: &str) -> ImageRef {
        // A reference past 4 GiB cannot be held as offsets (rlint reads files up to 64 MiB): it
        // is read as the empty reference.
        if u32::try_from(reference.len()).is_err() {
            return ImageRef::default();
        }
        let name_end = reference.find('@').unwrap_or(reference.len());
        let name = &reference[..name_end];
        let last_slash = name.rfind('/').map_or(0, |i| i + 1);
        let (path_end, tag_end) = match name[last_slash..].rfind(':') {
            Some(i) => (last_slash + i, name_end),
            None => (name_end, name_end),
        };
        let registry_end = match name[..path_end].split_once('/') {
            Some((first, _))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                first.len()
            }
            _ => 0,
        };
        // The offsets fit: the whole reference does.
        let offset = |n: usize| n as u32;
        ImageRef {
            text: reference.into(),
            registry_end: offset(registry_end),
            repository_end: offset(path_end),
            tag_end: offset(tag_end),
        }
    }

    /// The reference as written (after ARG substitution).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn registry(&self) -> Option<&str> {
        (self.registry_end > 0).then(|| &self.text[..self.registry_end as usize])
    }

    pub fn repository(&self) -> &str {
        let start = if self.registry_end > 0 {
            self.registry_end as usize + 1
        } else {
            0
        };
        &self.text[start..self.repository_end as usize]
    }

    pub fn tag(&self) -> Option<&str> {
        (self.tag_end > self.repository_end)
            .then(|| &self.text[self.repository_end as usize + 1..self.tag_end as usize])
    }

    pub fn digest(&self) -> Option<&str> {
        (self.text.len() > self.tag_end as usize).then(|| &self.text[self.tag_end as usize + 1..])
    }
}

/// The base of a stage: a stage defined earlier, `scratch`, or an image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    Stage(usize),
    Scratch,
    Image(ImageRef),
    /// Depends on a build argument without a default (or failed to expand).
    Unknown,
}

/// A build stage. It borrows its FROM line's words rather than copying them.
#[derive(Clone, Debug)]
pub struct Stage<'a> {
    pub index: usize,
    /// Index of the FROM instruction in `Dockerfile::instructions`.
    pub from: usize,
    /// `AS name`, as written.
    pub name: Option<&'a Word>,
    /// The image word as written (`$IMG`, `node:20`).
    pub image: &'a Word,
    /// The image with global ARG defaults substituted, when that changed anything (most FROM
    /// lines name their image literally, and a stage file can hold 250,000 of them).
    resolved: Option<Box<Expansion>>,
    pub base: Base,
    /// Instructions after FROM up to the next FROM (indices).
    pub body: Range<usize>,
}

impl Stage<'_> {
    /// The image with global ARG defaults substituted (a guess when `resolved_unknown` is not
    /// empty).
    pub fn resolved_value(&self) -> &str {
        self.resolved
            .as_ref()
            .map_or(&self.image.value, |e| &e.value)
    }

    /// The variables the image refers to, in order.
    pub fn resolved_used(&self) -> &[String] {
        self.resolved.as_ref().map_or(&[], |e| &e.used)
    }

    /// The lower-cased stage name BuildKit uses for references.
    pub fn key(&self) -> Option<String> {
        self.name.as_ref().map(|n| n.value.to_ascii_lowercase())
    }

    /// `#1 (build)` — how a message names the stage.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => format!("`{}`", n.value),
            None => format!("#{}", self.index),
        }
    }
}

/// The image word of a FROM without arguments.
static NO_WORD: Word = Word {
    value: String::new(),
    span: crate::Span::new(0, 0),
};

pub struct Model<'a> {
    pub df: &'a Dockerfile,
    pub stages: Vec<Stage<'a>>,
    /// ARGs before the first FROM: name -> default (None without one).
    pub global_args: Vec<(Word, Option<String>)>,
    /// Instructions before the first FROM.
    pub preamble: Range<usize>,
    /// Stage names with the first stage of each (the one references reach), sorted ignoring ASCII
    /// case (BuildKit lower-cases them): a sorted list borrowing the FROM lines' words is a
    /// quarter of a map of lower-cased copies on a file of 250,000 stages.
    names: Vec<(&'a str, usize)>,
    /// Global ARG name -> its last declaration in `global_args` (the one in effect).
    global_index: HashMap<String, usize>,
    /// Per stage: whether a later stage builds on it (`FROM <stage>`).
    based_on: Vec<bool>,
    /// The stage the build stops at when the caller names one (Compose `build.target`).
    pub target: Option<usize>,
    /// Global ARGs the build sets from its environment: set, but with a value unknown here.
    pub args_from_caller: Vec<String>,
}

impl<'a> Model<'a> {
    pub fn new(df: &'a Dockerfile) -> Model<'a> {
        Model::with_build(df, None)
    }

    /// The model of the build `build` describes: its build arguments replace the global ARG
    /// defaults (BuildKit only applies them to declared ARGs) and its target is the final stage.
    pub fn with_build(df: &'a Dockerfile, build: Option<&crate::BuildContext>) -> Model<'a> {
        let passed = |name: &str| build.and_then(|b| b.args.iter().rev().find(|(n, _)| n == name));
        let froms: Vec<usize> = df
            .instructions
            .iter()
            .enumerate()
            .filter(|(_, i)| i.keyword == Keyword::From)
            .map(|(n, _)| n)
            .collect();
        let first_from = froms.first().copied().unwrap_or(df.instructions.len());
        let mut model = Model {
            df,
            stages: Vec::with_capacity(froms.len()),
            global_args: Vec::new(),
            preamble: 0..first_from,
            names: Vec::new(),
            global_index: HashMap::new(),
            based_on: Vec::with_capacity(froms.len()),
            target: None,
            args_from_caller: Vec::new(),
        };
        for ins in &df.instructions[..first_from] {
            if ins.keyword == Keyword::Arg {
                for arg in &ins.args {
                    let (name, default) = split_arg(arg);
                    // Defaults may refer to earlier global ARGs.
                    let default = default.and_then(|d| {
                        let e = model.expand_global(&d)?;
                        e.unknown.is_empty().then_some(e.value)
                    });
                    model
                        .global_index
                        .insert(name.value.clone(), model.global_args.len());
                    let default = match passed(&name.value) {
                        Some((_, Some(value))) => Some(value.clone()),
                        Some((_, None)) => {
                            model.args_from_caller.push(name.value.clone());
                            None
                        }
                        None => default,
                    };
                    model.global_args.push((name, default));
                }
            }
        }
        // A stable sort keeps each name's stages in file order: the first of a name is kept.
        model.names = froms
            .iter()
            .enumerate()
            .filter_map(|(index, &from)| {
                stage_name(&df.instructions[from]).map(|n| (n.value.as_str(), index))
            })
            .collect();
        model.names.sort_by(|a, b| cmp_ignore_ascii_case(a.0, b.0));
        model
            .names
            .dedup_by(|later, first| cmp_ignore_ascii_case(later.0, first.0).is_eq());
        model.names.shrink_to_fit();
        for (index, &from) in froms.iter().enumerate() {
            let ins = &df.instructions[from];
            let end = froms
                .get(index + 1)
                .copied()
                .unwrap_or(df.instructions.len());
            let image = ins.args.first().unwrap_or(&NO_WORD);
            let name = stage_name(ins);
            let resolved = model
                .expand_global(&image.value)
                .unwrap_or_else(|| Expansion {
                    value: image.value.clone(),
                    unknown: vec![image.value.clone()],
                    used: Vec::new(),
                });
            let base = if !resolved.unknown.is_empty() || resolved.value.is_empty() {
                Base::Unknown
            } else if let Some(stage) = model.first_named(&resolved.value).filter(|&s| s < index) {
                model.based_on[stage] = true;
                Base::Stage(stage)
            } else if resolved.value.eq_ignore_ascii_case("scratch") {
                Base::Scratch
            } else {
                Base::Image(ImageRef::parse(&resolved.value))
            };
            let literal = resolved.value == image.value
                && resolved.unknown.is_empty()
                && resolved.used.is_empty();
            let resolved = (!literal).then(|| Box::new(resolved));
            let stage = Stage {
                index,
                from,
                name,
                image,
                resolved,
                base,
                body: from + 1..end,
            };
            model.stages.push(stage);
            model.based_on.push(false);
        }
        // An unknown target fails the build; the model then keeps the last stage as final.
        model.target = build
            .and_then(|b| b.target.as_deref())
            .and_then(|t| model.first_named(t));
        model
    }

    /// Expands a word with the global ARG defaults (what FROM sees). `None` on a syntax error.
    pub fn expand_global(&self, word: &str) -> Option<Expansion> {
        let lookup = |name: &str| -> Option<Option<String>> {
            if let Some(default) = self.global_default(name) {
                return Some(default.clone());
            }
            PLATFORM_ARGS.contains(&name).then_some(None)
        };
        expand(word, self.df.escape, &lookup).ok()
    }

    /// The default of the global ARG `name` in effect for FROM lines: `None` when no ARG before
    /// the first FROM declares it, `Some(None)` when it is declared without a (known) default.
    pub fn global_default(&self, name: &str) -> Option<&Option<String>> {
        self.global_index.get(name).map(|&i| &self.global_args[i].1)
    }

    pub fn instructions(&self) -> &'a [Instruction] {
        &self.df.instructions
    }

    /// The stage holding instruction `index` (None before the first FROM).
    pub fn stage_of(&self, index: usize) -> Option<&Stage<'a>> {
        // Stages are in file order: the last one starting at or before `index` holds it.
        let after = self.stages.partition_point(|s| s.from <= index);
        self.stages[..after]
            .last()
            .filter(|s| s.from == index || s.body.contains(&index))
    }

    /// The stage called `name` (case-insensitive) defined before instruction `before`: the first
    /// of that name, as BuildKit resolves references.
    pub fn stage_named(&self, name: &str, before: usize) -> Option<&Stage<'a>> {
        self.named(name).filter(|s| s.from < before)
    }

    /// The first stage called `name` (case-insensitive), wherever it is.
    fn named(&self, name: &str) -> Option<&Stage<'a>> {
        self.first_named(name).map(|i| &self.stages[i])
    }

    /// The index of the first stage called `name` (case-insensitive).
    fn first_named(&self, name: &str) -> Option<usize> {
        self.names
            .binary_search_by(|(n, _)| cmp_ignore_ascii_case(n, name))
            .ok()
            .map(|i| self.names[i].1)
    }

    /// The stage whose filesystem becomes the image: the build's target, else the last one.
    pub fn final_stage(&self) -> Option<&Stage<'a>> {
        match self.target {
            Some(t) => self.stages.get(t),
            None => self.stages.last(),
        }
    }

    /// Stages some later stage builds on (`FROM <stage>`): their instructions reach an image too.
    pub fn is_base_of_another(&self, stage: usize) -> bool {
        self.based_on.get(stage).copied().unwrap_or(false)
    }

    /// Whether the stage's filesystem reaches an image: the final stage, or one another stage
    /// builds on. (Stages only copied from leave their layers behind.)
    /// With a target, only the target's own chain is built.
    pub fn ships(&self, stage: usize) -> bool {
        if let Some(target) = self.target {
            return self.ancestry(target).contains(&stage);
        }
        self.final_stage().is_some_and(|f| f.index == stage) || self.is_base_of_another(stage)
    }

    /// The chain of stages ending in `stage`, nearest first (`FROM a` ... `FROM b` ...).
    pub fn ancestry(&self, stage: usize) -> Vec<usize> {
        let mut chain = vec![stage];
        let mut current = stage;
        // A stage can only build on one defined before it, so the walk goes strictly backwards
        // and ends (no cycle check needed).
        while let Base::Stage(parent) = self.stages[current].base
            && parent < current
        {
            chain.push(parent);
            current = parent;
        }
        chain
    }

    /// What `COPY --from=<value>` refers to, from the point of view of instruction `at`.
    pub fn copy_source(&self, value: &str, at: usize) -> CopySource {
        if let Ok(n) = value.parse::<usize>() {
            return if n < self.stages.len() {
                CopySource::Stage(n)
            } else {
                CopySource::Missing
            };
        }
        if let Some(stage) = self.stage_named(value, at) {
            return CopySource::Stage(stage.index);
        }
        if self.named(value).is_some() {
            return CopySource::Later;
        }
        if value.contains('$') {
            return CopySource::Unknown;
        }
        if value.contains(':') || value.contains('/') || value.contains('@') {
            return CopySource::Image;
        }
        CopySource::Missing
    }
}

/// The `AS name` of a FROM line.
fn stage_name(from: &Instruction) -> Option<&Word> {
    match &*from.args {
        [_, kw, name] if kw.value.eq_ignore_ascii_case("as") => Some(name),
        _ => None,
    }
}

/// Orders names as their ASCII lower-case forms would order.
fn cmp_ignore_ascii_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// What `COPY --from` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopySource {
    Stage(usize),
    /// A stage defined after the COPY: BuildKit cannot use it.
    Later,
    /// An image reference (has a tag, registry path or digest).
    Image,
    /// Depends on a variable.
    Unknown,
    /// Neither a stage nor recognisably an image: BuildKit would try to pull it as an image.
    Missing,
}

/// `name=default` (quotes processed loosely) or `name`.
pub fn split_arg(arg: &Word) -> (Word, Option<String>) {
    match arg.value.split_once('=') {
        Some((name, default)) => (
            Word {
                value: name.to_string(),
                span: crate::Span::new(arg.span.start, arg.span.start + name.len()),
            },
            Some(unquote(default)),
        ),
        None => (arg.clone(), None),
    }
}

/// A value without the one pair of quotes around it (`"1000"` and `'1000'` are `1000`), trimmed.
pub fn unquote(s: &str) -> String {
    let t = s.trim();
    for q in ['"', '\''] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            return t[1..t.len() - 1].to_string();
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::dockerfile::parse;

    #[test]
    fn image_refs() {
        let r = ImageRef::parse("registry.example.com:5000/team/app:1.2@sha256:abc");
        assert_eq!(r.registry(), Some("registry.example.com:5000"));
        assert_eq!(r.repository(), "team/app");
        assert_eq!(r.tag(), Some("1.2"));
        assert_eq!(r.digest(), Some("sha256:abc"));
        assert_eq!(
            r.as_str(),
            "registry.example.com:5000/team/app:1.2@sha256:abc"
        );
        let r = ImageRef::parse("library/ubuntu");
        assert_eq!((r.registry(), r.tag(), r.digest()), (None, None, None));
        assert_eq!(r.repository(), "library/ubuntu");
        let r = ImageRef::parse("localhost:5000/app@sha256:abc");
        assert_eq!(
            (r.registry(), r.repository()),
            (Some("localhost:5000"), "app")
        );
        assert_eq!((r.tag(), r.digest()), (None, Some("sha256:abc")));
        let r = ImageRef::parse("node:20-alpine");
        assert_eq!(
            (r.registry(), r.repository(), r.tag()),
            (None, "node", Some("20-alpine"))
        );
        let r = ImageRef::parse("ghcr.io/org/app:");
        assert_eq!(
            (r.registry(), r.repository(), r.tag()),
            (Some("ghcr.io"), "org/app", Some(""))
        );
        let r = ImageRef::parse("");
        assert_eq!(
            (r.registry(), r.repository(), r.tag(), r.digest()),
            (None, "", None, None)
        );
    }

    #[test]
    fn stages_resolve_arg_defaults() {
        let df = parse(
            "ARG IMG=ubuntu\nARG TAG\nFROM $IMG AS Base\nRUN x\nFROM base\nFROM alpine:$TAG\nFROM scratch\n",
        );
        let m = Model::new(&df);
        assert_eq!(m.stages.len(), 4);
        assert_eq!(m.stages[0].base, Base::Image(ImageRef::parse("ubuntu")));
        assert_eq!(m.stages[0].body, 3..4);
        assert_eq!(m.stages[1].base, Base::Stage(0));
        assert_eq!(m.stages[2].base, Base::Unknown);
        assert_eq!(m.stages[3].base, Base::Scratch);
        assert_eq!(m.copy_source("base", 6), CopySource::Stage(0));
        assert_eq!(m.copy_source("nginx:1", 6), CopySource::Image);
        assert_eq!(m.copy_source("nope", 6), CopySource::Missing);
        assert_eq!(m.ancestry(1), vec![1, 0]);
    }

    #[test]
    fn a_build_sets_args_and_the_final_stage() {
        let df = parse(
            "ARG IMG\nARG TAG\nFROM $IMG:$TAG AS base\nFROM base AS dev\nFROM base AS prod\n",
        );
        let build = crate::BuildContext {
            args: vec![("IMG".into(), Some("node".into())), ("TAG".into(), None)],
            target: Some("DEV".into()),
            ..Default::default()
        };
        let m = Model::with_build(&df, Some(&build));
        assert_eq!(m.global_args[0].1.as_deref(), Some("node"));
        assert_eq!(m.args_from_caller, ["TAG"]);
        // TAG comes from the caller's environment: still unknown here.
        assert_eq!(m.stages[0].base, Base::Unknown);
        assert_eq!(m.final_stage().map(|s| s.index), Some(1));
        assert!(m.ships(0) && m.ships(1) && !m.ships(2));
        // Without the build, the last stage is final.
        assert_eq!(Model::new(&df).final_stage().map(|s| s.index), Some(2));
    }
}
