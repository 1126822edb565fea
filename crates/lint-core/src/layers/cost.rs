//! How costly re-running a step is, read from the shell analysis of its RUN: package installs,
//! compiles and downloads are expensive; everything else is cheap.

use crate::syntax::pkg::{DNF, YUM, ZYPPER};
use crate::syntax::shell::{Command, Script};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cost {
    Cheap,
    Expensive,
}

impl Cost {
    pub fn as_str(self) -> &'static str {
        match self {
            Cost::Cheap => "cheap",
            Cost::Expensive => "expensive",
        }
    }
}

/// Programs whose run is expensive: (program, subcommands that are (empty: any), what it does).
const EXPENSIVE: &[(&str, &[&str], &str)] = &[
    (
        "apt-get",
        &["install", "upgrade", "dist-upgrade"],
        "installs packages",
    ),
    (
        "apt",
        &["install", "upgrade", "full-upgrade"],
        "installs packages",
    ),
    ("apk", &["add", "upgrade"], "installs packages"),
    ("npm", &["ci", "install", "i", "add"], "installs packages"),
    ("yarn", &["", "install", "add"], "installs packages"),
    ("pnpm", &["install", "i", "add"], "installs packages"),
    ("pip", &["install"], "installs packages"),
    ("pip3", &["install"], "installs packages"),
    ("pipenv", &["install", "sync"], "installs packages"),
    ("poetry", &["install"], "installs packages"),
    ("uv", &["sync", "pip"], "installs packages"),
    ("conda", &["install", "create"], "installs packages"),
    ("mamba", &["install", "create"], "installs packages"),
    ("bundle", &["", "install"], "installs packages"),
    ("bundler", &["", "install"], "installs packages"),
    ("gem", &["install"], "installs packages"),
    (
        "composer",
        &["install", "require", "update"],
        "installs packages",
    ),
    (
        "mix",
        &["deps.get", "compile", "release"],
        "installs packages",
    ),
    (
        "go",
        &["mod", "get", "install", "build"],
        "installs or compiles",
    ),
    (
        "cargo",
        &["fetch", "install", "build"],
        "installs or compiles",
    ),
    ("dotnet", &["restore", "build", "publish"], "compiles"),
    ("mvn", &[], "compiles"),
    ("gradle", &[], "compiles"),
    ("gradlew", &[], "compiles"),
    ("make", &[], "compiles"),
    ("cmake", &[], "compiles"),
    ("ninja", &[], "compiles"),
    ("gcc", &[], "compiles"),
    ("g++", &[], "compiles"),
    ("cc", &[], "compiles"),
    ("javac", &[], "compiles"),
    ("tsc", &[], "compiles"),
    ("bazel", &[], "compiles"),
    ("curl", &[], "downloads"),
    ("wget", &[], "downloads"),
    ("git", &["clone", "fetch", "pull"], "downloads"),
];

/// What makes a command expensive, if anything.
fn expensive(cmd: &Command) -> Option<&'static str> {
    if YUM.downloads(cmd) || DNF.downloads(cmd) || ZYPPER.downloads(cmd) {
        return Some("installs packages");
    }
    let (_, subs, what) = EXPENSIVE.iter().find(|(p, _, _)| cmd.is(p))?;
    let sub = cmd.subcommand().unwrap_or("");
    if subs.is_empty() || subs.contains(&sub) {
        return Some(what);
    }
    // `npm run build`, `yarn build`: a project's build script compiles.
    let builds =
        matches!(cmd.name(), "npm" | "yarn" | "pnpm") && cmd.operands().any(|w| w.value == "build");
    builds.then_some("compiles")
}

/// The cost of a RUN from its scripts, and what makes it expensive.
pub fn of_run(scripts: &[Script]) -> (Cost, Option<&'static str>) {
    match scripts.iter().flat_map(|s| &s.commands).find_map(expensive) {
        Some(what) => (Cost::Expensive, Some(what)),
        None => (Cost::Cheap, None),
    }
}
