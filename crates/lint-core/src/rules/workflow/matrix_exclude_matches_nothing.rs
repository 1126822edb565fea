use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds an `exclude` entry of a job's `strategy.matrix` that can remove no combination:
    /// it gives a matrix key a value the key's list does not hold (a typo, or a value since
    /// removed from the matrix), with the nearest value when one is close.
    ///
    /// Values compare as GitHub compares them: ignoring case, and numbers by value (`3.10`
    /// written unquoted is the number 3.1, so `'3.1'` matches it). It judges only literal
    /// lists and plain values: a list or value with `${{ }}` in it, a value that is a mapping
    /// or a list (GitHub matches those part by part), and keys the matrix does not have
    /// (GA033's finding) are left alone. GitHub applies `exclude` before `include`, so the
    /// values `include` adds are not among those an `exclude` entry can match.
    ///
    /// ## Why is this bad?
    /// GitHub does not refuse such an entry: it matches nothing, and the combination it was
    /// meant to remove runs anyway — the job on a platform it does not support, failing or
    /// wasting runner minutes on every push.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ${{ matrix.os }}
    ///     strategy:
    ///       matrix:
    ///         os: [ubuntu-latest, windows-latest, macos-latest]
    ///         python: ["3.9", "3.12"]
    ///         exclude:
    ///           - os: macos-lastest
    ///             python: "3.9"
    ///     steps:
    ///       - run: pytest
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
    ///         os: [ubuntu-latest, windows-latest, macos-latest]
    ///         python: ["3.9", "3.12"]
    ///         exclude:
    ///           - os: macos-latest
    ///             python: "3.9"
    ///     steps:
    ///       - run: pytest
    /// ```
    ///
    /// ## References
    /// - [Workflow syntax: `jobs.<job_id>.strategy.matrix.exclude`](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstrategymatrixexclude)
    /// - [actionlint: matrix values](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#matrix-values)
    pub static RULE = {
        code: "GA034",
        name: "matrix-exclude-matches-nothing",
        severity: Warning,
        aliases: ["matrix"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// Whether GitHub's `==` can find the two plain scalars equal: text ignoring case, or the
/// same number.
fn may_equal(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// A plain scalar's text, not null and with no expression in it.
fn literal<'n>(text: &str, node: &'n Node) -> Option<&'n str> {
    let s = node.as_scalar()?;
    if node.is_null() || super::has_expression(text, node) {
        return None;
    }
    Some(&s.text)
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for job in input.jobs {
        let Some(matrix) = super::matrix(input.text, job) else {
            continue;
        };
        for entry in &matrix.exclude {
            for e in entry.as_map().unwrap_or_default() {
                let Some((key, Some(values))) = e.key.as_str().and_then(|k| matrix.vector(k))
                else {
                    continue;
                };
                let Some(value) = literal(input.text, &e.value) else {
                    continue;
                };
                if values.is_empty()
                    || values
                        .iter()
                        .any(|v| v.as_scalar().is_some_and(|s| may_equal(&s.text, value)))
                {
                    continue;
                }
                let key = key.as_str().unwrap_or_default();
                let shown: Vec<&str> = values
                    .iter()
                    .filter_map(|v| v.as_scalar().map(|s| &*s.text))
                    .collect();
                let d = cx.report(
                    e.value.span,
                    format!(
                        "the matrix key `{key}` has no value `{value}`: this `exclude` entry removes no combination of the job `{}`",
                        job.id
                    ),
                );
                let included = matrix
                    .included(key)
                    .iter()
                    .any(|v| v.as_scalar().is_some_and(|s| may_equal(&s.text, value)));
                // Versions one edit apart (`3.8`, `3.9`) are different versions, not typos.
                let versionish = value
                    .trim_start_matches(['v', 'V'])
                    .bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'x'));
                let near = (shown.len() <= 200 && !versionish)
                    .then(|| crate::suggest::did_you_mean(value, &shown))
                    .flatten();
                match near {
                    _ if included => d.help(format!(
                        "`include` adds `{value}` after `exclude` is applied: leave the combination out of `include` instead"
                    )),
                    Some(near) => d.help(format!("did you mean `{near}`?")),
                    None if !shown.is_empty() && shown.len() <= 20 => {
                        d.help(format!("the values of `{key}` are {}", shown.join(", ")))
                    }
                    None => d.help(format!("name a value of the matrix's `{key}` list")),
                };
                // One finding an entry: it already matches nothing.
                break;
            }
        }
    }
}
