use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::pkg;

crate::declare_rule! {
    /// ## What it does
    /// Finds `pip install` without `--no-cache-dir`, unless `PIP_NO_CACHE_DIR` is set or a cache
    /// mount covers `~/.cache/pip`.
    ///
    /// ## Why is this bad?
    /// pip keeps every downloaded wheel in `~/.cache/pip`, which then ships in the image layer and
    /// is never used again.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install -r requirements.txt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// ## Fix safety
    /// Adding `--no-cache-dir` is safe.
    ///
    /// ## References
    /// - hadolint DL3042
    pub static RULE = {
        code: "DF033",
        name: "pip-install-no-cache-dir",
        severity: Warning,
        aliases: ["DL3042"],
        fix: Always,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    // Where each stage's own body first sets PIP_NO_CACHE_DIR with ENV, computed once: an ENV
    // applies to the instructions after it (and to the stages built on this one).
    let first_env: Vec<Option<usize>> = model
        .stages
        .iter()
        .map(|stage| {
            super::stage_body(model, stage)
                .find(|(_, ins)| {
                    ins.keyword == Keyword::Env
                        && ins
                            .pairs()
                            .iter()
                            .any(|p| p.key.value == "PIP_NO_CACHE_DIR")
                })
                .map(|(j, _)| j)
        })
        .collect();
    let env_before = |i: usize| {
        model.stage_of(i).is_some_and(|stage| {
            model
                .ancestry(stage.index)
                .iter()
                .any(|&s| first_env[s].is_some_and(|j| s != stage.index || j < i))
        })
    };
    for (i, run, scripts) in super::runs(input) {
        if super::has_cache_mount(run, ".cache/pip") {
            continue;
        }
        if env_before(i) {
            continue;
        }
        for script in scripts {
            for cmd in &script.commands {
                let Some(install) = super::pip_install(cmd) else {
                    continue;
                };
                // pip takes `--no-cache` for `--no-cache-dir`; the variable (any value pip
                // accepts, even `0`: pip documents that every value disables the cache) may be
                // given to this command or exported earlier in the script.
                let exported = script.commands.iter().any(|c| {
                    c.is("export")
                        && c.span.start < cmd.span.start
                        && c.args()
                            .iter()
                            .any(|a| a.value.starts_with("PIP_NO_CACHE_DIR="))
                });
                if pkg::PIP.has_flag(cmd, &["--no-cache-dir"])
                    || exported
                    || cmd
                        .assignments
                        .iter()
                        .any(|a| a.value.starts_with("PIP_NO_CACHE_DIR="))
                {
                    continue;
                }
                cx.report(
                    cmd.span,
                    "pip install without --no-cache-dir keeps the download cache in the image",
                )
                .help("add `--no-cache-dir` (or set `ENV PIP_NO_CACHE_DIR=1`)")
                .fix(Fix::safe(
                    "add --no-cache-dir",
                    vec![Edit::insert(install.span.end, " --no-cache-dir")],
                ));
            }
        }
    }
}
