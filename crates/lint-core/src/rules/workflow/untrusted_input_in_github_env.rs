use crate::diagnostic::Span;
use crate::kinds::workflow::{ScriptKind, expressions};
use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds a `run:` script that writes text an outsider controls into `$GITHUB_ENV` or
    /// `$GITHUB_PATH` in a workflow triggered by `pull_request_target` or `workflow_run`. That
    /// text is a variable whose `env:` value reads what an outsider writes (a pull request's
    /// title or body, an issue or comment body, a commit message), or a file's contents
    /// (`$(cat pr.txt)`, `$(<pr.txt)`, `jq`, `head`) in a job that downloaded an artifact,
    /// which in a `workflow_run` workflow the pull request's own run may have made.
    ///
    /// A `${{ }}` expression of such a field written straight into the script is GA001's
    /// finding (the script itself is injectable), so it is not reported here too. Writes in
    /// workflows triggered by `push`, `pull_request` and the like are not reported: there the
    /// input comes from people who could change the workflow anyway, or the job holds no
    /// secrets. Branch names (`github.head_ref`) are not counted: git forbids line breaks in
    /// them, so they set only the one variable they are written to. Values read through a
    /// step's outputs are not followed.
    ///
    /// ## Why is this bad?
    /// Every later step of the job reads `$GITHUB_ENV` as `NAME=value` lines and
    /// `$GITHUB_PATH` as folders to search first. A title or a file that holds a line break
    /// adds lines of its own: `NODE_OPTIONS=--require ./evil.js`, `LD_PRELOAD=...`, or a folder
    /// whose `git` or `npm` is the attacker's. The next step then runs the attacker's code with
    /// the base repository's secrets and write token.
    ///
    /// ## Example
    /// ```yaml
    /// on: workflow_run
    /// jobs:
    ///   comment:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/download-artifact@v4
    ///         with:
    ///           name: pr
    ///           run-id: ${{ github.event.workflow_run.id }}
    ///           github-token: ${{ github.token }}
    ///       - run: echo "PR_NUMBER=$(cat pr_number.txt)" >> "$GITHUB_ENV"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: workflow_run
    /// jobs:
    ///   comment:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/download-artifact@v4
    ///         with:
    ///           name: pr
    ///           run-id: ${{ github.event.workflow_run.id }}
    ///           github-token: ${{ github.token }}
    ///       - id: pr
    ///         run: |
    ///           number=$(tr -dc '0-9' < pr_number.txt)
    ///           echo "number=$number" >> "$GITHUB_OUTPUT"
    /// ```
    ///
    /// Keep outside input out of the environment files; when a later step needs it, pass it
    /// through a step output after checking it is what it should be (a number, a SHA).
    ///
    /// ## References
    /// - [GitHub Security Lab: keeping your GitHub Actions and workflows secure, untrusted input](https://securitylab.github.com/resources/github-actions-untrusted-input/)
    /// - [GitHub: workflow commands, setting an environment variable](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-environment-variable)
    /// - [zizmor: github-env](https://docs.zizmor.sh/audits/#github-env)
    pub static RULE = {
        code: "GA026",
        name: "untrusted-input-in-github-env",
        severity: Error,
        aliases: ["github-env"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// Fields of the event that whoever opens a pull request, an issue or a comment writes, and
/// that can hold a line break. Branch names cannot (git's rules for ref names), so
/// `github.head_ref` and its kin only set the one variable they are written to.
const UNTRUSTED: [&str; 13] = [
    "github.event.pull_request.title",
    "github.event.pull_request.body",
    "github.event.issue.title",
    "github.event.issue.body",
    "github.event.comment.body",
    "github.event.review.body",
    "github.event.review_comment.body",
    "github.event.head_commit.message",
    "github.event.commits.*.message",
    "github.event.workflow_run.head_commit.message",
    "github.event.workflow_run.display_title",
    "github.event.discussion.title",
    "github.event.discussion.body",
];

/// Whether a command line prints a file's contents: a substitution (`$(cat f)`, `$(<f)`) or a
/// reader at its start (`cat f >> "$GITHUB_ENV"`).
fn reads_a_file(written: &str) -> bool {
    ["$(cat ", "$(<", "$(jq ", "$(head ", "$(tail ", "`cat "]
        .iter()
        .any(|r| written.contains(r))
        || ["cat ", "jq ", "head ", "tail "]
            .iter()
            .any(|r| written.trim_start().starts_with(r))
}

/// The variables of `env` whose values read an untrusted field.
fn tainted<'a>(text: &str, env: Option<&'a Node>, out: &mut Vec<&'a str>) {
    for entry in env.and_then(Node::as_map).unwrap_or_default() {
        let reads = expressions(text, &entry.value).iter().any(|e| {
            !e.is_boolean() && e.paths.iter().any(|(p, _)| UNTRUSTED.contains(&p.as_str()))
        });
        if reads && let Some(name) = entry.key.as_str() {
            out.push(name);
        }
    }
}

/// Where a line writes to an environment file: the span of `GITHUB_ENV`/`GITHUB_PATH` after a
/// `>`/`>>` or `tee`, and what comes before it.
fn env_file_write(line: &str) -> Option<(usize, &'static str)> {
    for file in ["GITHUB_ENV", "GITHUB_PATH"] {
        let Some(at) = line.find(file) else {
            continue;
        };
        let before = line.get(..at)?.trim_end_matches(['$', '{', '"', '\'', ' ']);
        if before.ends_with('>') || before.ends_with("tee -a") || before.ends_with("tee") {
            return Some((at, file));
        }
    }
    None
}

/// Whether `line` expands the shell variable `name` (`$NAME`, `${NAME}`, `${NAME:-x}`).
fn expands(line: &str, name: &str) -> bool {
    let mut from = 0;
    while let Some(at) = line.get(from..).and_then(|l| l.find('$')).map(|i| from + i) {
        from = at + 1;
        let rest = line.get(at + 1..).unwrap_or("");
        let rest = rest.strip_prefix('{').unwrap_or(rest);
        if let Some(after) = rest.strip_prefix(name)
            && !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        {
            return true;
        }
    }
    false
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some((event, _)) = super::privileged_event(input.root) else {
        return;
    };
    let mut workflow_vars = Vec::new();
    tainted(
        input.text,
        input.root.and_then(|r| r.get("env")),
        &mut workflow_vars,
    );
    for job in input.jobs {
        let mut job_vars = workflow_vars.clone();
        tainted(input.text, job.node.get("env"), &mut job_vars);
        let mut downloaded = false;
        for step in &job.steps {
            let uses_download = step.uses.as_ref().is_some_and(|u| {
                matches!(u.target, crate::kinds::workflow::Target::Repository { repo, .. }
                    if repo.to_ascii_lowercase().contains("download-artifact"))
            });
            let Some(script) = step.script.as_ref().filter(|s| s.kind == ScriptKind::Run) else {
                downloaded |= uses_download;
                continue;
            };
            let mut vars = job_vars.clone();
            tainted(input.text, step.node.get("env"), &mut vars);
            let start = script.node.span.start;
            let Some(raw) = input.text.get(start..script.node.span.end) else {
                continue;
            };
            downloaded |= raw.contains("gh run download");
            let mut offset = 0;
            for line in raw.split_inclusive('\n') {
                let line_start = offset;
                offset += line.len();
                let Some((at, file)) = env_file_write(line) else {
                    continue;
                };
                let written = line.get(..at).unwrap_or("");
                let source = vars
                    .iter()
                    .find(|v| expands(written, v))
                    .map(|v| format!("`${v}`, set from text an outsider writes,"))
                    .or_else(|| {
                        (downloaded && reads_a_file(written))
                            .then(|| "text read from a downloaded artifact".to_string())
                    });
                let Some(source) = source else {
                    continue;
                };
                let from = start + line_start + at;
                cx.report(
                    Span::new(from, from + file.len()),
                    format!(
                        "{source} is written to `${file}` in a `{event}` workflow: a line break in it adds variables or paths of the author's choosing for every later step"
                    ),
                )
                .help("keep outside input out of `$GITHUB_ENV`/`$GITHUB_PATH`; check it (a number, a SHA) and pass it as a step output");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{env_file_write, expands};

    #[test]
    fn writes_and_expansions() {
        assert!(env_file_write("echo \"A=$B\" >> \"$GITHUB_ENV\"").is_some());
        assert!(env_file_write("echo x >> ${GITHUB_PATH}").is_some());
        assert!(env_file_write("echo x | tee -a $GITHUB_ENV").is_some());
        assert!(env_file_write("cat \"$GITHUB_ENV\"").is_none());
        assert!(expands("echo \"T=${TITLE}\"", "TITLE"));
        assert!(expands("echo T=$TITLE", "TITLE"));
        assert!(!expands("echo T=$TITLE_X", "TITLE"));
    }
}
