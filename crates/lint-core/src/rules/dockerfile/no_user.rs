use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::Base;

crate::declare_rule! {
    /// ## What it does
    /// Finds an application image whose final stage (and the stages it builds on) never sets
    /// `USER`: the file gives the image its `CMD` or `ENTRYPOINT`, so it is meant to be run as it
    /// is.
    ///
    /// It deliberately stays quiet on base images and builder images (no `CMD`/`ENTRYPOINT` of
    /// their own, or nothing copied in but entrypoint scripts and tools in a `bin` folder, as in the official language images:
    /// whoever builds on them picks the user), on images whose entrypoint drops root
    /// itself (the file installs or calls `gosu`, `su-exec`, `setpriv`, `runuser`, `chpst` or
    /// `s6-setuidgid`, as the official database images do), on `FROM scratch`, and on base images
    /// that already run unprivileged (a `nonroot` or `rootless` tag or name).
    ///
    /// ## Why is this bad?
    /// Without `USER` the container runs as root, unless the base image itself sets a user. A
    /// compromise of the application then gets root inside the container, and root in the container
    /// is one kernel bug away from root on the host.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY app.py /app/app.py
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN useradd --system --uid 10001 app
    /// COPY app.py /app/app.py
    /// USER app
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## References
    /// - [Best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    /// - Checkov CKV_DOCKER_3, KICS Missing User Instruction
    pub static RULE = {
        code: "DF039",
        name: "no-user",
        severity: Info,
        aliases: ["CKV_DOCKER_3"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

/// Tools an entrypoint uses to drop root at start (installed or called in the file).
const DROPS_ROOT: [&str; 6] = [
    "gosu",
    "su-exec",
    "setpriv",
    "runuser",
    "chpst",
    "s6-setuidgid",
];

/// Entrypoint and helper scripts that base images copy in beside what they install.
fn is_helper_script(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    name.ends_with(".sh") || name.contains("entrypoint") || name.ends_with(".ps1")
}

/// `/usr/local/bin/`, `/usr/bin`, `/sbin/`: where base images put the tools they ship.
fn is_bin_dir(dest: &str) -> bool {
    let dir = dest.trim_end_matches('/');
    dir.ends_with("/bin") || dir.ends_with("/sbin")
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let Some(last) = model.final_stage() else {
        return;
    };
    let chain = model.ancestry(last.index);
    let root = &model.stages[*chain.last().expect("chain holds the stage itself")];
    match &root.base {
        Base::Scratch => return,
        Base::Image(image)
            if ["nonroot", "rootless"].iter().any(|n| {
                image.repository().contains(n) || image.tag().is_some_and(|t| t.contains(n))
            }) =>
        {
            return;
        }
        _ => {}
    }
    let body = || {
        chain
            .iter()
            .flat_map(|&s| super::stage_body(model, &model.stages[s]))
    };
    let runs_something =
        body().any(|(_, i)| matches!(i.keyword, Keyword::Cmd | Keyword::Entrypoint));
    // An application is copied in: a language or tool image (`node`, `php`) sets a CMD too,
    // but brings only its own entrypoint scripts.
    let copies_application = body().any(|(_, i)| {
        matches!(i.keyword, Keyword::Copy | Keyword::Add)
            && i.args.len() >= 2
            && !is_bin_dir(&i.args[i.args.len() - 1].value)
            && i.args[..i.args.len() - 1]
                .iter()
                .any(|w| !is_helper_script(&w.value))
    });
    if !runs_something || !copies_application || body().any(|(_, i)| i.keyword == Keyword::User) {
        return;
    }
    // Words of RUN, CMD and ENTRYPOINT (shell or JSON form): `apk add su-exec`, `["gosu", ...]`.
    let drops_root = body().any(|(_, i)| {
        i.rest()
            .value
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .any(|word| DROPS_ROOT.contains(&word))
    });
    if drops_root {
        return;
    }
    let from = &model.instructions()[last.from];
    cx.report(from.head_span(input.text), "the final stage never sets USER: the container runs as root unless the base image sets a user")
        .help("create an unprivileged user and switch to it with `USER`");
}
