use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `yarn install` without `yarn cache clean` in the same RUN (and without a cache mount),
    /// in a stage whose layers ship: the final stage (or the build's target) and the stages it
    /// builds on. A builder stage that only has files copied out of it leaves its cache behind.
    ///
    /// ## Why is this bad?
    /// yarn keeps a copy of every downloaded package in its cache, which ships in the layer.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN yarn install --frozen-lockfile
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN yarn install --frozen-lockfile && yarn cache clean
    /// ```
    ///
    /// ## References
    /// - hadolint DL3060
    pub static RULE = {
        code: "DF064",
        name: "yarn-cache-not-cleaned",
        severity: Info,
        aliases: ["DL3060"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for (i, run, scripts) in super::runs(input) {
        // A builder stage's layers stay behind (only what is copied out ships), as for the apt
        // lists (DF054) and hadolint's DL3060.
        let ships = model.stage_of(i).is_some_and(|s| model.ships(s.index));
        if !ships || super::has_cache_mount(run, "yarn") {
            continue;
        }
        let commands: Vec<_> = scripts.iter().flat_map(|s| s.find("yarn")).collect();
        let cleaned = commands.iter().any(|c| {
            c.subcommand() == Some("cache")
                && c.operands().nth(1).is_some_and(|w| w.value == "clean")
        });
        if cleaned {
            continue;
        }
        if let Some(install) = commands.iter().find(|c| c.subcommand() == Some("install")) {
            cx.report(
                install.span,
                "yarn install without `yarn cache clean` leaves the package cache in the layer",
            )
            .help("end the RUN with `&& yarn cache clean` (or mount a cache for yarn)");
        }
    }
}
