use crate::kinds::workflow::Step;
use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds an `actions/checkout` step that leaves the job's token in `.git/config` in a job
    /// that later uploads the checkout, hidden files included, as an artifact. The checkout
    /// keeps the token by default (`persist-credentials: true`); the upload is an
    /// `actions/upload-artifact` step whose `path:` is the checkout or a folder above it (`.`,
    /// `${{ github.workspace }}`, the checkout's `path:`), with `include-hidden-files: true` or
    /// at a version from before hidden files were left out (v1, v2, v3 before 3.2.1, v4 before
    /// 4.4.0).
    ///
    /// zizmor's `artipacked` also reports every checkout that persists credentials, whatever
    /// follows; this rule is quieter. Since September 2024 `upload-artifact` (v3.2.1, v4.4.0
    /// and the `@v3`/`@v4` tags) skips hidden files such as `.git` unless told otherwise, and
    /// since v6 `actions/checkout` keeps the credentials in a file under `$RUNNER_TEMP`
    /// rather than in `.git/config`; neither case leaks the token, so neither is reported. A
    /// version read from a commit pin's comment (`@<sha> # v4.3.1`) counts; a commit pin
    /// without one is taken for an older checkout, and for an upload that is safe.
    ///
    /// ## Why is this bad?
    /// Anyone who can read the workflow's artifacts — everyone, for a public repository — can
    /// download the archive, read the token from `.git/config` and push to the repository with
    /// it until the job ends (artifacts are downloadable as soon as they are uploaded).
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   site:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - run: make site
    ///       - uses: actions/upload-artifact@v4
    ///         with:
    ///           name: site
    ///           path: .
    ///           include-hidden-files: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   site:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///         with:
    ///           persist-credentials: false
    ///       - run: make site
    ///       - uses: actions/upload-artifact@v4
    ///         with:
    ///           name: site
    ///           path: .
    ///           include-hidden-files: true
    /// ```
    ///
    /// Better still, upload only the build output (`path: _site`).
    ///
    /// ## References
    /// - [Unit 42: ArtiPACKED, hacking giants through a race condition in GitHub Actions artifacts](https://unit42.paloaltonetworks.com/github-repo-artifacts-leak-tokens/)
    /// - [actions/upload-artifact: hidden files are excluded by default](https://github.com/actions/upload-artifact/issues/602)
    /// - [actions/checkout v6: credentials kept under $RUNNER_TEMP](https://github.com/actions/checkout/releases/tag/v6.0.0)
    /// - [zizmor: artipacked](https://docs.zizmor.sh/audits/#artipacked)
    pub static RULE = {
        code: "GA023",
        name: "checkout-credentials-in-artifact",
        severity: Warning,
        aliases: ["artipacked"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// A path as upload-artifact reads it, relative to the workspace: `./a/` → `a`, `.` → ``.
fn normalise(path: &str) -> Option<String> {
    let mut p = path.trim().trim_matches(['"', '\'']).replace('\\', "/");
    if p.starts_with('/') || p.starts_with('~') {
        return None;
    }
    for workspace in ["${{ github.workspace }}", "${{github.workspace}}"] {
        if let Some(rest) = p.strip_prefix(workspace) {
            p = rest.to_string();
        }
    }
    if p.contains("${{") {
        return None;
    }
    let mut p = p.as_str().trim_start_matches('/');
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    loop {
        let before = p;
        for tail in ["/**/*", "/**", "/*", "/"] {
            p = p.strip_suffix(tail).unwrap_or(p);
        }
        if p == before {
            break;
        }
    }
    Some(match p {
        "." | "*" | "**" | "**/*" => String::new(),
        other => other.to_string(),
    })
}

/// Whether the upload's `path:` lines take in the folder `checkout` (normalised).
fn takes_in<'a>(paths: &'a str, checkout: &str) -> Option<&'a str> {
    paths
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('!'))
        .find(|line| {
            normalise(line).is_some_and(|p| {
                p.is_empty() || p == checkout || checkout.starts_with(&format!("{p}/"))
            })
        })
}

/// Why an upload step keeps hidden files, or `None` when it leaves them out.
fn keeps_hidden_files(text: &str, step: &Step<'_>) -> Option<String> {
    if super::input(step, "include-hidden-files").is_some_and(super::is_true) {
        return Some("`include-hidden-files: true`".into());
    }
    let version = super::used_version(text, step.uses.as_ref()?)?;
    let numbers = super::version_numbers(version);
    let old = match numbers.as_slice() {
        [1 | 2, ..] => true,
        [3, minor, rest @ ..] => (*minor, rest.first().copied().unwrap_or(0)) < (2, 1),
        [4, minor, ..] => *minor < 4,
        _ => false,
    };
    old.then(|| format!("`{version}`, from before hidden files were left out"))
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for job in input.jobs {
        for (i, checkout) in job.steps.iter().enumerate() {
            let Some(uses) = checkout
                .uses
                .as_ref()
                .filter(|_| super::is_action(checkout.uses.as_ref(), "actions/checkout"))
            else {
                continue;
            };
            if super::input(checkout, "persist-credentials").is_some_and(|v| !super::is_true(v)) {
                continue;
            }
            let version = super::used_version(input.text, uses);
            if version.is_some_and(|v| super::version_numbers(v).first().is_some_and(|&m| m >= 6)) {
                continue;
            }
            let Some(folder) = normalise(
                super::input(checkout, "path")
                    .and_then(Node::as_str)
                    .unwrap_or(""),
            ) else {
                continue;
            };
            let upload = job.steps[i + 1..].iter().find_map(|step| {
                if !super::is_action(step.uses.as_ref(), "actions/upload-artifact") {
                    return None;
                }
                let path = super::input(step, "path")?;
                let line = takes_in(path.as_str()?, &folder)?;
                let why = keeps_hidden_files(input.text, step)?;
                Some((path.span, line, why))
            });
            let Some((span, line, why)) = upload else {
                continue;
            };
            cx.report(
                uses.node.span,
                format!(
                    "the checkout keeps the job's token in `.git/config`, and a later step uploads `{line}` with its hidden files ({why})"
                ),
            )
            .label(span, "this artifact contains `.git/config` and the token")
            .help("add `persist-credentials: false` to the checkout, or upload only the files the artifact needs");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{normalise, takes_in};

    #[test]
    fn paths() {
        for (path, want) in [
            (".", ""),
            ("./", ""),
            ("${{ github.workspace }}", ""),
            ("${{ github.workspace }}/src/", "src"),
            ("./dist/**", "dist"),
            ("**/*", ""),
        ] {
            assert_eq!(normalise(path).as_deref(), Some(want), "{path}");
        }
        assert_eq!(normalise("${{ env.OUT }}"), None);
        assert_eq!(takes_in("dist\n!dist/*.map", ""), None);
        assert_eq!(takes_in("repo/", "repo"), Some("repo/"));
        assert_eq!(takes_in("repo/build", "repo"), None);
        assert_eq!(takes_in(".", "repo"), Some("."));
    }
}
