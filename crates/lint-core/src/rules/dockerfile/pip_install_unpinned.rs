use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `pip install <package>` without a version specifier (`==`, `>=`, `~=`, ...). Requirement
    /// files, constraints, local paths, wheels and VCS URLs are left alone.
    ///
    /// ## Why is this bad?
    /// An unpinned package installs whatever version is newest on build day: builds stop being
    /// reproducible and a major release can break the app.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    ///
    /// ## References
    /// - hadolint DL3013
    pub static RULE = {
        code: "DF034",
        name: "pip-install-unpinned",
        severity: Warning,
        aliases: ["DL3013"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

const VALUE_FLAGS: [&str; 22] = [
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--trusted-host",
    "--platform",
    "--python-version",
    "--src",
    "--cache-dir",
    "--no-binary",
    "--only-binary",
];

fn pinned_or_local(spec: &str) -> bool {
    spec.contains(['=', '<', '>', '@', '/'])
        || spec.starts_with('.')
        || spec.ends_with(".whl")
        || spec.ends_with(".tar.gz")
        || spec.ends_with(".zip")
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (_, _, scripts) in super::runs(input) {
        for script in scripts {
            for cmd in &script.commands {
                let Some(install) = super::pip_install(cmd) else {
                    continue;
                };
                let mut skip_next = false;
                let mut unpinned = Vec::new();
                for w in cmd
                    .args()
                    .iter()
                    .skip_while(|w| w.span != install.span)
                    .skip(1)
                {
                    if skip_next {
                        skip_next = false;
                        continue;
                    }
                    if w.value.starts_with('-') {
                        skip_next = VALUE_FLAGS.contains(&w.value.as_str());
                        continue;
                    }
                    if !w.dynamic && !pinned_or_local(&w.value) {
                        unpinned.push(w.value.as_str());
                    }
                }
                if unpinned.is_empty() {
                    continue;
                }
                cx.report(
                    cmd.span,
                    format!("pip install of unpinned packages: {}", unpinned.join(", ")),
                )
                .help("pin versions (`package==1.2.3`) or install from a pinned requirements file");
            }
        }
    }
}
