use crate::rule::{Context, DockerfileInput};
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `apt-get update` in a RUN that does not delete `/var/lib/apt/lists` afterwards, in the final
    /// stage or a stage another builds on. A cache or tmpfs mount on the lists makes it moot.
    ///
    /// ## Why is this bad?
    /// The package lists (tens of megabytes) stay in the layer and ship with the image, although nothing
    /// at runtime reads them; a later layer cannot remove them from this one.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - hadolint DL3009
    pub static RULE = {
        code: "DF054",
        name: "apt-lists-not-removed",
        severity: Info,
        aliases: ["DL3009"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for (i, run, scripts) in super::runs(input) {
        let Some(stage) = model.stage_of(i) else {
            continue;
        };
        let ships = model.ships(stage.index);
        if !ships || super::has_cache_mount(run, "/var/lib/apt") {
            continue;
        }
        let commands: Vec<_> = scripts.iter().flat_map(|s| &s.commands).collect();
        // Only a removal after the last update empties the lists this layer keeps.
        let Some(update) = commands.iter().rev().find(|c| {
            matches!(c.name(), "apt-get" | "apt" | "aptitude")
                && pkg::APT_GET
                    .subcommand(c)
                    .is_some_and(|w| w.value == "update")
        }) else {
            continue;
        };
        let cleaned = commands.iter().any(|c| {
            c.is("rm")
                && c.span.start > update.span.start
                && c.args()
                    .iter()
                    .any(|a| a.value.starts_with("/var/lib/apt/lists"))
        });
        if !cleaned {
            cx.report(update.span, format!("the apt package lists fetched by `{} update` stay in this layer", update.name()))
                .help("end the same RUN with `&& rm -rf /var/lib/apt/lists/*` (or mount a cache at /var/lib/apt/lists)");
        }
    }
}
