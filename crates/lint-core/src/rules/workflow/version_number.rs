use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::{Node, Style};

crate::declare_rule! {
    /// ## What it does
    /// Finds a version written as an unquoted number with a trailing zero after its decimal
    /// point (`3.10`, `1.20`, `2.0`), where GitHub turns the value into text: a matrix value,
    /// a `with:` input, an `env:` variable.
    ///
    /// YAML reads `3.10` as the number 3.1, and GitHub passes the number on as the text `3.1`.
    /// Only plain scalars whose digits change on the way are reported; `3.9`, `"3.10"` and
    /// `3.10.1` (text already) are fine.
    ///
    /// ## Why is this bad?
    /// `python-version: 3.10` asks `setup-python` for Python 3.1, and `go-version: 1.20` asks
    /// for Go 1.2: the job fails with "version not found", or, worse, runs on a version no one
    /// chose, while the file reads as if it were right.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     strategy:
    ///       matrix:
    ///         python: ["3.9", 3.10]
    ///     steps:
    ///       - uses: actions/setup-python@v5
    ///         with:
    ///           python-version: ${{ matrix.python }}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     strategy:
    ///       matrix:
    ///         python: ["3.9", "3.10"]
    ///     steps:
    ///       - uses: actions/setup-python@v5
    ///         with:
    ///           python-version: ${{ matrix.python }}
    /// ```
    ///
    /// ## Fix safety
    /// Quoting the value makes it the text written: what was meant, but a change of what the
    /// job receives, so the fix is unsafe.
    ///
    /// ## References
    /// - [GitHub: Running variations of jobs in a workflow (matrix)](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/running-variations-of-jobs-in-a-workflow)
    /// - [YAML 1.2: the core schema reads `3.10` as a float](https://yaml.org/spec/1.2.2/#1032-tag-resolution)
    pub static RULE = {
        code: "GA013",
        name: "workflow-version-read-as-number",
        severity: Warning,
        aliases: [],
        fix: Always,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    let mut places: Vec<&Node> = Vec::new();
    places.extend(root.get("env"));
    for job in input.jobs {
        places.extend(job.node.get("env"));
        places.extend(job.node.get("with"));
        places.extend(job.node.get("strategy").and_then(|s| s.get("matrix")));
        for step in &job.steps {
            places.extend(step.node.get("with"));
            places.extend(step.node.get("env"));
        }
    }
    let mut found = Vec::new();
    for place in places {
        numbers_losing_digits(place, 0, &mut found);
    }
    for node in found {
        let Some(text) = node.as_scalar().map(|s| &*s.text) else {
            continue;
        };
        let shown = node
            .to_json()
            .as_f64()
            .map_or_else(String::new, |n| n.to_string());
        cx.report(
            node.span,
            format!(
                "`{text}` is the number {shown} to YAML: GitHub passes on `{shown}`, not `{text}`"
            ),
        )
        .help(format!("quote it: `\"{text}\"`"))
        .fix(Fix::unsafe_(
            format!("quote `{text}`"),
            vec![Edit::replace(node.span, format!("\"{text}\""))],
        ));
    }
}

/// The plain scalars under `node` that YAML reads as numbers whose text loses a trailing zero.
fn numbers_losing_digits<'a>(node: &'a Node, depth: usize, out: &mut Vec<&'a Node>) {
    if depth > 16 {
        return;
    }
    if let Some(items) = node.as_seq() {
        for item in items {
            numbers_losing_digits(item, depth + 1, out);
        }
    } else if let Some(entries) = node.as_map() {
        for entry in entries {
            numbers_losing_digits(&entry.value, depth + 1, out);
        }
    } else if let Some(scalar) = node.as_scalar()
        && scalar.style == Style::Plain
        && scalar.tag.is_none()
        && loses_digits(&scalar.text)
        && node.to_json().is_f64()
    {
        out.push(node);
    }
}

/// `3.10`, `1.20`, `2.0`: digits, a point, digits ending in `0`.
fn loses_digits(text: &str) -> bool {
    let Some((whole, fraction)) = text.split_once('.') else {
        return false;
    };
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && fraction.ends_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_numbers_lose_digits() {
        for yes in ["3.10", "1.20", "2.0", "11.00"] {
            assert!(loses_digits(yes), "{yes}");
        }
        for no in ["3.9", "3.10.1", "10", "3.", ".10", "v3.10", "3.1e0", "-"] {
            assert!(!loses_digits(no), "{no}");
        }
    }
}
