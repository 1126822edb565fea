//! The layer-ordering advice: a dependency install that runs after a COPY of the whole build
//! context re-runs whenever any source file changes, and copying its manifests first would keep
//! it cached. One finder serves the simulation (which reports the advice where the simulated
//! change did re-run the install) and rule DF085 (which reports it for every source edit), so
//! the two never disagree.

use crate::syntax::dockerfile::{Instruction, Keyword, Model};
use crate::syntax::shell::{Command, Script};

/// Dependency installers: (program, subcommands, manifests to copy first).
const INSTALLERS: [(&str, &[&str], &str); 12] = [
    (
        "npm",
        &["ci", "install", "i"],
        "package.json package-lock.json",
    ),
    ("yarn", &["install", ""], "package.json yarn.lock"),
    ("pnpm", &["install", "i"], "package.json pnpm-lock.yaml"),
    ("pip", &["install"], "requirements.txt"),
    ("pip3", &["install"], "requirements.txt"),
    ("poetry", &["install"], "pyproject.toml poetry.lock"),
    ("bundle", &["install", ""], "Gemfile Gemfile.lock"),
    ("go", &["mod"], "go.mod go.sum"),
    ("cargo", &["fetch"], "Cargo.toml Cargo.lock"),
    ("composer", &["install"], "composer.json composer.lock"),
    ("mix", &["deps.get"], "mix.exs mix.lock"),
    ("dotnet", &["restore"], "*.csproj"),
];

/// The manifests a dependency-install command reads, when it installs from them.
pub fn manifests(cmd: &Command) -> Option<&'static str> {
    let (_, subs, files) = INSTALLERS.iter().find(|(p, _, _)| cmd.is(p))?;
    let sub = cmd.subcommand().unwrap_or("");
    if !subs.contains(&sub) {
        return None;
    }
    match cmd.name() {
        // `npm install express` adds a package: not an install from the manifest.
        "npm" | "pnpm" => (cmd.operands().count() == 1).then_some(*files),
        "pip" | "pip3" => cmd.has_flag(&["-r", "--requirement"]).then_some(*files),
        "go" => (cmd.operands().nth(1).is_some_and(|w| w.value == "download")).then_some(*files),
        _ => Some(*files),
    }
}

/// Whether a command can run before the sources are copied: the install from manifests, and
/// companions that touch no project file (system packages, global tools, cache cleanup). A RUN
/// made only of these can move whole above the broad COPY; `npm ci && npm run build` cannot.
pub fn needs_no_sources(cmd: &Command) -> bool {
    if manifests(cmd).is_some() {
        return true;
    }
    let sub = cmd.subcommand().unwrap_or("");
    let local = cmd.operands().skip(1).any(|w| {
        w.value.starts_with('.') || w.value.starts_with('/') || w.value.contains("requirements")
    });
    match cmd.name() {
        "apt-get" | "apk" | "yum" | "dnf" | "microdnf" | "rm" | "mkdir" | "echo" | "true" => true,
        "npm" | "pnpm" | "yarn" => {
            matches!(sub, "cache" | "config" | "set")
                || (matches!(sub, "install" | "i" | "add") && cmd.has_flag(&["-g", "--global"]))
        }
        "pip" | "pip3" => sub == "install" && !local && !cmd.has_flag(&["-e", "--editable"]),
        "gem" => sub == "install" && !local,
        _ => false,
    }
}

/// `COPY . .`, `COPY ./ /app`, `ADD . /src`: the whole context.
pub fn is_broad(ins: &Instruction) -> bool {
    matches!(ins.keyword, Keyword::Copy | Keyword::Add)
        && ins.flag("from").is_none()
        && ins.args.len() >= 2
        && ins.args[..ins.args.len() - 1]
            .iter()
            .any(|a| matches!(a.value.as_str(), "." | "./" | "*" | "./*"))
}

/// An install that a COPY of the whole context before it keeps re-running.
#[derive(Clone, Debug)]
pub struct Reorder<'a> {
    pub stage: usize,
    /// Index (in the Dockerfile's instructions) of the broad COPY.
    pub copy: usize,
    /// Index of the RUN holding the install.
    pub install: usize,
    /// The install command.
    pub command: &'a Command,
    /// The manifests it reads, to copy first (`*.csproj` stays a pattern).
    pub manifests: Vec<&'static str>,
    /// The RUN directly follows the COPY and every command of it runs without the sources, so
    /// it can move above the COPY whole.
    pub movable: bool,
}

impl Reorder<'_> {
    /// The manifests the build context holds, when `exists` can tell (a COPY of a missing file
    /// fails the build); patterns cannot be checked and stay.
    pub fn present(&self, exists: &dyn Fn(&str) -> bool) -> Vec<&'static str> {
        self.manifests
            .iter()
            .copied()
            .filter(|f| f.contains('*') || exists(f))
            .collect()
    }
}

/// Every install after a broad COPY in its stage: the first install after each such COPY.
/// `scripts` is the shell analysis of each instruction (`kinds::dockerfile::scripts_by_instruction`).
pub fn find<'a>(model: &Model<'_>, scripts: &'a [Vec<Script>]) -> Vec<Reorder<'a>> {
    let mut out = Vec::new();
    for stage in &model.stages {
        let mut broad: Option<usize> = None;
        for (i, ins) in crate::kinds::dockerfile::stage_body(model, stage) {
            if broad.is_none() && is_broad(ins) {
                broad = Some(i);
                continue;
            }
            let Some(copy) = broad else { continue };
            let commands = || {
                scripts
                    .get(i)
                    .into_iter()
                    .flatten()
                    .flat_map(|s| &s.commands)
            };
            let Some((command, files)) = commands().find_map(|c| manifests(c).map(|m| (c, m)))
            else {
                continue;
            };
            out.push(Reorder {
                stage: stage.index,
                copy,
                install: i,
                command,
                manifests: files.split(' ').collect(),
                movable: i == copy + 1 && commands().all(needs_no_sources),
            });
            broad = None;
        }
    }
    out
}
