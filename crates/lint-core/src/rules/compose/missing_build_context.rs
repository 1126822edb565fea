use super::missing_file::report_absent;
use crate::rule::{ComposeInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `build` context folder, or a `build.dockerfile`, that does not exist (paths are
    /// relative to the Compose file; the Dockerfile is relative to the context). Remote contexts
    /// (Git URLs, `https://...`) and `dockerfile_inline` are not checked. Needs the files around
    /// the Compose file: the CLI and the web page's open tabs provide them. The page sees only its
    /// tabs, so there a folder or Dockerfile that is not open is reported at info, as "not open
    /// in a tab (add it to check it)".
    ///
    /// ## Why is this bad?
    /// `docker compose build` fails ("unable to prepare context: path not found", "failed to read
    /// dockerfile"), usually after a folder was renamed or the file moved to `docker/`.
    ///
    /// ## Example
    /// A `compose.yaml` next to an `app/` folder that holds `Dockerfile.dev`, not `Dockerfile.prod`:
    ///
    /// ```files
    /// compose.yaml
    /// app/Dockerfile.dev
    /// ```
    ///
    /// ```yaml
    /// services:
    ///   app:
    ///     build:
    ///       context: ./app
    ///       dockerfile: Dockerfile.prod
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   app:
    ///     build:
    ///       context: ./app
    ///       dockerfile: Dockerfile.dev
    /// ```
    ///
    /// ## References
    /// - [Compose: build](https://docs.docker.com/reference/compose-file/build/)
    pub static RULE = {
        code: "DC038",
        name: "missing-build-context",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Compose(check),
    }
}

fn check(input: &ComposeInput<'_>, cx: &mut Context<'_>) {
    let Some(files) = input.files else { return };
    for s in input.services() {
        for build in super::builds(input, s) {
            if !files.exists(&build.context) {
                report_absent(
                    cx,
                    files,
                    build.context_span,
                    &format!("build context `{}` of `{}`", build.context, s.name),
                    "paths are relative to the Compose file",
                    &format!("add its Dockerfile as a tab named `{}`", build.dockerfile),
                );
                continue;
            }
            let Some(dockerfile_span) = build.dockerfile_span.filter(|_| !build.inline) else {
                continue;
            };
            if !files.exists(&build.dockerfile) {
                report_absent(
                    cx,
                    files,
                    dockerfile_span,
                    &format!("Dockerfile `{}` of `{}`", build.dockerfile, s.name),
                    "`dockerfile` is relative to the build context",
                    &format!(
                        "add a tab named `{}` (`dockerfile` is relative to the build context)",
                        build.dockerfile
                    ),
                );
            }
        }
    }
}
