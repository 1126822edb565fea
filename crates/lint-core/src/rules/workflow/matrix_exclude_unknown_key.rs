use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds an `exclude` entry of a job's `strategy.matrix` that names a key the matrix does
    /// not have, with the nearest key when one is close. The keys an `exclude` entry may name
    /// are the matrix's own (`os`, `node`...): GitHub applies `exclude` before `include`, so a
    /// key only `include` adds is unknown to it too.
    ///
    /// A matrix written as an expression (`matrix: ${{ fromJSON(...) }}`), or with an
    /// expression as a key, is not judged, nor is an `exclude` entry or key written as one.
    ///
    /// ## Why is this bad?
    /// GitHub refuses the whole workflow before any job starts ("Matrix exclude key 'nod' does
    /// not match any key within the matrix"). Usually a key was renamed in the matrix and not
    /// in its `exclude`, or misspelt there.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ${{ matrix.os }}
    ///     strategy:
    ///       matrix:
    ///         os: [ubuntu-latest, windows-latest]
    ///         node: [20, 22]
    ///         exclude:
    ///           - os: windows-latest
    ///             node-version: 20
    ///     steps:
    ///       - run: npm test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ${{ matrix.os }}
    ///     strategy:
    ///       matrix:
    ///         os: [ubuntu-latest, windows-latest]
    ///         node: [20, 22]
    ///         exclude:
    ///           - os: windows-latest
    ///             node: 20
    ///     steps:
    ///       - run: npm test
    /// ```
    ///
    /// ## References
    /// - [Workflow syntax: `jobs.<job_id>.strategy.matrix.exclude`](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstrategymatrixexclude)
    /// - [actionlint: matrix values](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#matrix-values)
    pub static RULE = {
        code: "GA033",
        name: "matrix-exclude-unknown-key",
        severity: Error,
        aliases: ["matrix"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for job in input.jobs {
        let Some(matrix) = super::matrix(input.text, job) else {
            continue;
        };
        let names = matrix.names();
        for entry in &matrix.exclude {
            for e in entry.as_map().unwrap_or_default() {
                let Some(key) = e.key.as_str() else {
                    continue;
                };
                if key.contains("${{") || matrix.vector(key).is_some() {
                    continue;
                }
                let d = cx.report(
                    e.key.span,
                    format!(
                        "`{key}` is not a key of the matrix of the job `{}`: GitHub refuses the workflow",
                        job.id
                    ),
                );
                let near = (names.len() <= 200)
                    .then(|| crate::suggest::did_you_mean(key, &names))
                    .flatten();
                match near {
                    Some(near) => d.help(format!("did you mean `{near}`?")),
                    None if !matrix.included(key).is_empty() => d.help(
                        "only `include` adds this key, and GitHub applies `exclude` first: \
                             leave the combination out of `include` instead",
                    ),
                    None if names.is_empty() => {
                        d.help("the matrix has no keys of its own for `exclude` to name")
                    }
                    None => d.help(format!("the matrix keys are {}", names.join(", "))),
                };
            }
        }
    }
}
