use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds a `runs-on:` naming a GitHub-hosted runner label that does not exist: an image
    /// GitHub has retired (`ubuntu-20.04`, `windows-2019`, `macos-13`), with the label that
    /// replaced it, or a misspelt `-latest` label or image family (`ubuntu-lastest`,
    /// `window-latest`), with the label meant. Labels are compared as GitHub compares them,
    /// ignoring case. A `runs-on: ${{ matrix.os }}` is judged by each value the matrix gives `os`
    /// (its list and its `include:` entries).
    ///
    /// It never reports a job whose labels include `self-hosted` (GA035, off by default, reports
    /// a GitHub-hosted label beside it) or any other expression, a runner
    /// group (`runs-on: {group: ...}`), a larger runner or any other label it does not know
    /// (those are names an organisation chooses: `ubuntu-latest-8-cores`, `depot-ubuntu-24.04`),
    /// nor a version it has not heard of (a new image GitHub has added since this list was
    /// written).
    ///
    /// The labels as of 2026-12: current `ubuntu-latest`, `ubuntu-24.04`, `ubuntu-22.04`,
    /// `ubuntu-24.04-arm`, `ubuntu-22.04-arm`, `ubuntu-slim`, `windows-latest`, `windows-2025`,
    /// `windows-2022`, `windows-11-arm`, `macos-latest`, `macos-26`, `macos-15`, `macos-14`,
    /// `macos-15-intel` (and the `-large`/`-xlarge` macOS sizes); retired `ubuntu-16.04`
    /// (2021), `ubuntu-18.04` (2023), `ubuntu-20.04` (2025-04), `windows-2016` (2022),
    /// `windows-2019` (2025-06), `macos-10.15` (2022), `macos-11` (2024-06), `macos-12`
    /// (2024-12), `macos-13` (2025-12).
    ///
    /// A warning, not an error: a self-hosted runner may carry any label, a retired one too,
    /// and GitHub queues the job for one instead of refusing the workflow.
    ///
    /// ## Why is this bad?
    /// No GitHub-hosted runner answers to the label, so the job waits in the queue until it is
    /// cancelled or times out (a day later), and whatever needs it never runs.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-18.04
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-24.04
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## References
    /// - [GitHub: GitHub-hosted runners, standard runner labels](https://docs.github.com/en/actions/reference/runners/github-hosted-runners)
    /// - [actions/runner-images: available and retired images](https://github.com/actions/runner-images)
    /// - [actionlint: runner-label](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-runner-labels)
    pub static RULE = {
        code: "GA012",
        name: "workflow-unknown-runner-label",
        severity: Warning,
        aliases: ["runner-label"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// The GitHub-hosted labels as of 2026-12 (lowercase).
pub(super) const CURRENT: &[&str] = &[
    "ubuntu-latest",
    "ubuntu-24.04",
    "ubuntu-22.04",
    "ubuntu-24.04-arm",
    "ubuntu-22.04-arm",
    "ubuntu-slim",
    "windows-latest",
    "windows-2025",
    "windows-2022",
    "windows-11-arm",
    "macos-latest",
    "macos-26",
    "macos-15",
    "macos-14",
    "macos-15-intel",
    "macos-latest-large",
    "macos-15-large",
    "macos-14-large",
    "macos-latest-xlarge",
    "macos-15-xlarge",
    "macos-14-xlarge",
];

/// Retired labels (lowercase), with the label to move to.
pub(super) const RETIRED: &[(&str, &str)] = &[
    ("ubuntu-16.04", "ubuntu-24.04"),
    ("ubuntu-18.04", "ubuntu-24.04"),
    ("ubuntu-20.04", "ubuntu-24.04"),
    ("windows-2016", "windows-2025"),
    ("windows-2019", "windows-2025"),
    ("macos-10.15", "macos-15"),
    ("macos-11", "macos-15"),
    ("macos-12", "macos-15"),
    ("macos-13", "macos-15-intel"),
    ("macos-12-large", "macos-15-large"),
    ("macos-13-large", "macos-15-large"),
    ("macos-13-xlarge", "macos-15-xlarge"),
];

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for job in input.jobs {
        let Some(runs_on) = job.node.get("runs-on") else {
            continue;
        };
        let labels: Vec<&Node> = match runs_on.as_seq() {
            Some(items) => items.iter().collect(),
            None if runs_on.as_str().is_some_and(|t| t.contains("${{")) => {
                for node in matrix_labels(job.node, runs_on.as_str().unwrap_or("")) {
                    report(node, cx);
                }
                continue;
            }
            None if runs_on.as_str().is_some() => vec![runs_on],
            // A runner group (`{group, labels}`) picks among an organisation's own runners.
            None => continue,
        };
        let texts: Vec<&str> = labels.iter().filter_map(|l| l.as_str()).collect();
        if texts.len() != labels.len()
            || texts
                .iter()
                .any(|t| t.contains("${{") || t.trim().eq_ignore_ascii_case("self-hosted"))
        {
            continue;
        }
        for node in labels {
            report(node, cx);
        }
    }
}

fn report(node: &Node, cx: &mut Context<'_>) {
    let Some(text) = node.as_str() else { return };
    let label = text.trim().to_ascii_lowercase();
    if let Some((_, instead)) = RETIRED.iter().find(|(old, _)| *old == label) {
        cx.report(
            node.span,
            format!("`{text}` is a GitHub-hosted runner image GitHub has retired: the job waits for a runner that never comes"),
        )
        .help(format!("use `{instead}`"));
    } else if let Some(meant) = misspelt(&label) {
        cx.report(
            node.span,
            format!("`{text}` is not a GitHub-hosted runner label: the job waits for a runner that never comes"),
        )
        .help(format!("did you mean `{meant}`?"));
    }
}

/// `runs-on: ${{ matrix.os }}` (the whole value, one matrix key): each value the matrix gives
/// `os`, in its list and in `include:` entries, is the job's one label. Values that are lists
/// (`[self-hosted, linux]`) or expressions are not judged.
fn matrix_labels<'a>(job: &'a Node, runs_on: &str) -> Vec<&'a Node> {
    let inner = runs_on.trim();
    let Some(key) = inner
        .strip_prefix("${{")
        .and_then(|r| r.strip_suffix("}}"))
        .and_then(|r| r.trim().strip_prefix("matrix."))
        .filter(|k| {
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
    else {
        return Vec::new();
    };
    let Some(matrix) = job.get("strategy").and_then(|s| s.get("matrix")) else {
        return Vec::new();
    };
    let mut out: Vec<&Node> = matrix
        .get(key)
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .collect();
    for entry in matrix
        .get("include")
        .and_then(Node::as_seq)
        .unwrap_or_default()
    {
        out.extend(entry.get(key));
    }
    out.retain(|n| n.as_str().is_some_and(|t| !t.contains("${{")));
    out
}

/// The current label `label` misspells, for labels that read as a family's `-latest` or as a
/// misspelt family name with a version GitHub has (`ubunut-24.04`); never a label an
/// organisation could have chosen for its own runners on purpose (`ubuntu-latest-8-cores`).
fn misspelt(label: &str) -> Option<&'static str> {
    if CURRENT.contains(&label) {
        return None;
    }
    let (family, rest) = label.split_once('-')?;
    let families = ["ubuntu", "windows", "macos"];
    let family_ok = families.contains(&family);
    let near_family = !family_ok
        && crate::suggest::did_you_mean(family, &families).is_some()
        && family.len() >= 4;
    let latest_like = rest != "latest"
        && !rest.contains('-')
        && crate::suggest::did_you_mean(rest, &["latest"]).is_some();
    let latest_typo = latest_like && (family_ok || near_family);
    let family_typo = near_family && !rest.is_empty();
    if !latest_typo && !family_typo {
        return None;
    }
    let near = crate::suggest::did_you_mean(label, CURRENT)?;
    // Only a guess with no rival: `macos-14` and `macos-15` are equally near `macos-16`.
    let distance = |c: &str| crate::suggest::edit_distance(label, c);
    let best = distance(near);
    CURRENT
        .iter()
        .all(|c| *c == near || distance(c) > best)
        .then_some(near)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_of_hosted_labels() {
        assert_eq!(misspelt("ubuntu-lastest"), Some("ubuntu-latest"));
        assert_eq!(misspelt("ubuntu-latests"), Some("ubuntu-latest"));
        assert_eq!(misspelt("window-latest"), Some("windows-latest"));
        assert_eq!(misspelt("ubunut-24.04"), Some("ubuntu-24.04"));
        assert_eq!(misspelt("macos-lates"), Some("macos-latest"));
        for chosen in [
            "ubuntu-latest",
            "ubuntu-latest-8-cores",
            "ubuntu-24.04-riscv",
            "depot-ubuntu-24.04",
            "macos-16",
            "ubuntu-26.04",
            "codspeed-macro",
            "unknown",
            "linux-latest",
        ] {
            assert_eq!(misspelt(chosen), None, "{chosen}");
        }
    }
}
