use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds a dependency install (`npm ci`, `pip install -r`, `bundle install`, `go mod download`,
    /// `composer install`, ...) that runs after a `COPY . .` (or any copy of the whole build context)
    /// in the same stage, and names the manifest files to copy first. When the caller knows the
    /// files beside the Dockerfile (the CLI does), only manifests that exist are named: copying a
    /// missing `yarn.lock` would fail the build.
    ///
    /// ## Why is this bad?
    /// Docker reuses a cached layer only while everything before it is unchanged. After `COPY . .`,
    /// every edit of any source file invalidates the install step, so each build downloads and
    /// installs all dependencies again. Copying only the manifests first keeps the install cached until
    /// the dependencies themselves change.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci
    /// COPY . .
    /// ```
    ///
    /// ## Fix safety
    /// The fix copies the manifests and moves the install RUN above the broad COPY. It is offered
    /// only when the RUN directly follows that COPY (so it never jumps over the RUN that installs
    /// the tool, or a WORKDIR, ENV or USER it depends on) and every command of it can run without
    /// the sources (the install itself, system
    /// packages, global tools, cache cleanup); `npm ci && npm run build` gets no fix. It is unsafe:
    /// an install step that needs other files (a postinstall script, a local package) must copy
    /// them too.
    ///
    /// ## References
    /// - [Optimize cache usage](https://docs.docker.com/build/cache/optimize/#order-your-layers)
    pub static RULE = {
        code: "DF085",
        name: "broad-copy-before-install",
        severity: Warning,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Dockerfile(check),
    }
}

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
fn manifests(cmd: &crate::syntax::shell::Command) -> Option<&'static str> {
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
/// made only of these moves whole in the fix; `npm ci && npm run build` does not move.
fn needs_no_sources(cmd: &crate::syntax::shell::Command) -> bool {
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
fn is_broad(ins: &crate::syntax::dockerfile::Instruction) -> bool {
    matches!(ins.keyword, Keyword::Copy | Keyword::Add)
        && ins.flag("from").is_none()
        && ins.args.len() >= 2
        && ins.args[..ins.args.len() - 1]
            .iter()
            .any(|a| matches!(a.value.as_str(), "." | "./" | "*" | "./*"))
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for stage in &model.stages {
        let mut broad: Option<usize> = None;
        for (i, ins) in super::stage_body(model, stage) {
            if broad.is_none() && is_broad(ins) {
                broad = Some(i);
                continue;
            }
            let Some(copy_at) = broad else { continue };
            let install = input.scripts[i]
                .iter()
                .flat_map(|s| &s.commands)
                .find_map(|c| manifests(c).map(|m| (c, m)));
            let Some((cmd, files)) = install else {
                continue;
            };
            let copy = &input.df.instructions[copy_at];
            let dest = copy.args.last().map_or(".", |d| d.value.as_str());
            let dest = if dest == "." { "./" } else { dest };
            // Name only manifests the context has, when the caller can tell: `COPY` of a missing
            // file fails the build. Patterns (`*.csproj`) cannot be checked and stay.
            let present: Vec<&str> = files
                .split(' ')
                .filter(|f| f.contains('*') || input.files.is_none_or(|known| known.exists(f)))
                .collect();
            let d = cx.report(
                cmd.span,
                format!(
                    "`{} {}` runs after the COPY of the whole context at line {}: every source edit re-runs the install",
                    cmd.name(),
                    cmd.subcommand().unwrap_or(""),
                    copy.line
                ),
            );
            d.label(copy.head_span(input.text), "copies the whole context first");
            if present.is_empty() {
                d.help(format!("copy only the files the install reads first, run the install, then `COPY . {dest}`"));
                broad = None;
                continue;
            }
            let files = present.join(" ");
            d.help(format!("copy the manifests first: `COPY {files} {dest}`, run the install, then `COPY . {dest}`"));
            let run = &input.df.instructions[i];
            // The fix moves the RUN above the COPY, so it must not jump over anything it may
            // depend on: a RUN installing the tool, a WORKDIR, ENV or USER it runs under.
            let adjacent = i == copy_at + 1;
            let movable = adjacent
                && input.scripts[i]
                    .iter()
                    .flat_map(|s| &s.commands)
                    .all(needs_no_sources);
            if movable && run.span.len() < 2000 {
                let run_text = &input.text[run.span.start..run.span.end];
                let line_start = input.text[..copy.span.start]
                    .rfind('\n')
                    .map_or(0, |n| n + 1);
                let run_line_start = input.text[..run.span.start]
                    .rfind('\n')
                    .map_or(0, |n| n + 1);
                let run_line_end = input.text[run.span.end..]
                    .find('\n')
                    .map_or(input.text.len(), |n| run.span.end + n + 1);
                d.fix(Fix::unsafe_(
                    "copy the manifests and install before copying the sources",
                    vec![
                        Edit::insert(line_start, format!("COPY {files} {dest}\n{run_text}\n")),
                        Edit::delete(crate::Span::new(run_line_start, run_line_end)),
                    ],
                ));
            }
            broad = None;
        }
    }
}
