use super::helpers;
use crate::rule::{Context, DockerignoreInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `.git` folder in the build context that no pattern excludes, when the Dockerfile
    /// beside the ignore file copies the whole context into the image.
    ///
    /// A whole-context copy is `COPY` or `ADD` with the source `.` in the final stage or a stage
    /// it builds on (`COPY . .`). A `.git` file (a worktree or submodule pointing at the
    /// repository elsewhere) holds no history and is not reported. Quiet without the Dockerfile or a view of
    /// the context, and when `COPY .` happens only in a stage the image does not build on (a
    /// builder stage may want `git describe`).
    ///
    /// ## Why is this bad?
    /// The whole history goes into the image: often megabytes, and every secret ever committed
    /// and later deleted. Every commit also changes the context, so the `COPY . .` layer and all
    /// after it are rebuilt even when no source file changed.
    ///
    /// ## Example
    /// ```dockerignore
    /// node_modules
    /// ```
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY . .
    /// ```
    /// ```files
    /// .git/HEAD
    /// package.json
    /// ```
    ///
    /// ## Use instead
    /// ```dockerignore
    /// node_modules
    /// .git
    /// ```
    ///
    /// ## Fix safety
    /// Adding `.git` is unsafe: a build step may read the history (a version from `git
    /// describe`); pass it as a build argument instead.
    ///
    /// ## References
    /// - [Docker docs: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    pub static RULE = {
        code: "DI004",
        name: "dockerignore-git-not-excluded",
        severity: Warning,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Dockerignore(check),
    }
}

fn check(input: &DockerignoreInput<'_>, cx: &mut Context<'_>) {
    let Some((copy, files)) = helpers::context_copy(input) else {
        return;
    };
    // A worktree's or submodule's `.git` is a one-line file pointing elsewhere: no history.
    if !files.exists(".git/HEAD") || input.ignore.excluded_by(".git/HEAD").is_some() {
        return;
    }
    cx.report(
        helpers::file_span(input),
        format!(
            "`.git` is not excluded: {} copies the repository's whole history into the image",
            helpers::copy_label(copy)
        ),
    )
    .help("add `.git` to .dockerignore")
    .fix(helpers::append(input.text, ".git"));
}
