use crate::kinds::workflow::Target;
use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a popular first-party action used at an old major version: `actions/checkout`,
    /// `actions/setup-node`, `actions/cache`, `actions/upload-artifact` and
    /// `actions/download-artifact` below v4; `actions/setup-python` and `actions/setup-go` below
    /// v5; `actions/setup-java` below v4 (table written 2026-12-02). Only a version tag is read
    /// (`@v3`, `@v3.1.0`); a commit SHA or a branch says nothing about the version.
    ///
    /// ## Why is this bad?
    /// Those versions run on Node 12 or Node 16, runtimes GitHub deprecated for actions and no
    /// longer ships fixes for; the runner warns on every run and forces a newer Node on them.
    /// GitHub also announced the deprecation of v1–v3 of the artifact actions (v1/v2 on
    /// June 30, 2024, v3 on November 30, 2024); v4 stores artifacts differently and is not
    /// compatible with artifacts uploaded by v3.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    /// ```
    ///
    /// ## References
    /// - [GitHub changelog: transitioning from Node 16 to Node 20](https://github.blog/changelog/2023-09-22-github-actions-transitioning-from-node-16-to-node-20/)
    /// - [GitHub changelog: deprecation notice, v3 of the artifact actions](https://github.blog/changelog/2024-04-16-deprecation-notice-v3-of-the-artifact-actions/)
    /// - [actions/upload-artifact README](https://github.com/actions/upload-artifact#readme)
    pub static RULE = {
        code: "GA005",
        name: "action-outdated",
        severity: Warning,
        aliases: ["action"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// First-party actions and the oldest major version still on a supported runtime.
const CURRENT: [(&str, u32); 8] = [
    ("actions/checkout", 4),
    ("actions/setup-node", 4),
    ("actions/cache", 4),
    ("actions/upload-artifact", 4),
    ("actions/download-artifact", 4),
    ("actions/setup-python", 5),
    ("actions/setup-go", 5),
    ("actions/setup-java", 4),
];

/// The major version a tag names (`v3`, `v3.1.0`, `3`).
fn major(tag: &str) -> Option<u32> {
    let digits = tag.strip_prefix(['v', 'V']).unwrap_or(tag);
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let rest = &digits[end..];
    if !(rest.is_empty() || rest.starts_with('.')) {
        return None;
    }
    digits[..end].parse().ok()
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for uses in input.uses() {
        let Target::Repository {
            action,
            git_ref: Some(tag),
            ..
        } = uses.target
        else {
            continue;
        };
        let Some(&(name, current)) = CURRENT
            .iter()
            .find(|(name, _)| action.eq_ignore_ascii_case(name))
        else {
            continue;
        };
        let Some(version) = major(tag).filter(|&v| v < current) else {
            continue;
        };
        cx.report(
            uses.node.span,
            format!(
                "`{name}@{tag}` is outdated: v{version} runs on a Node runtime GitHub has deprecated"
            ),
        )
        .help(format!(
            "use `{name}@v{current}` or later (read its release notes for breaking changes)"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::major;

    #[test]
    fn majors() {
        assert_eq!(major("v3"), Some(3));
        assert_eq!(major("v3.1.0"), Some(3));
        assert_eq!(major("4"), Some(4));
        assert_eq!(major("v3-beta"), None);
        assert_eq!(major("main"), None);
    }
}
