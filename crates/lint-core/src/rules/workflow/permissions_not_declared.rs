use crate::diagnostic::Span;
use crate::kinds::workflow::{Job, ScriptKind, Step, Uses};
use crate::rule::{Context, WorkflowInput};
use crate::rules::workflow::{input, is_action};
use crate::syntax::shell::Command;
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Finds a job that writes to the repository with the workflow's `GITHUB_TOKEN` in a
    /// workflow that declares no `permissions:`, neither at the top nor on the job. A job
    /// writes when a step
    /// - uses an action known to write with the token it defaults to: release actions
    ///   (`softprops/action-gh-release`, `actions/create-release`, `ncipollo/release-action`,
    ///   release-please, release-drafter), `peter-evans/create-pull-request`, commit-and-push
    ///   actions (`stefanzweifel/git-auto-commit-action`, `EndBug/add-and-commit`), pages
    ///   deployers, pull request commenters, `actions/labeler`, `actions/stale`, CodeQL's
    ///   `analyze` (unless `upload: never`) and `upload-sarif`; or `docker/login-action` to
    ///   `ghcr.io` with the token;
    /// - runs `gh pr comment|create|merge|edit|review|...`, `gh issue ...`, `gh release
    ///   create|upload|...`, `gh label ...`, `gh workflow run`, or `gh api` with a writing method,
    ///   fields (a POST) or a GraphQL mutation, with `GH_TOKEN`/`GITHUB_TOKEN` set from the
    ///   workflow's token;
    /// - runs `git push` (to `origin`) after `actions/checkout` persisted the token.
    ///
    /// It reports each such job once, at the job, with the first writing step marked. It stays
    /// quiet when the step is given another credential (a personal token, a deploy key, an SSH
    /// agent, a second checkout of another repository, a `git clone`/`git remote`), for jobs
    /// that call a reusable workflow, and for workflows run only by `workflow_call` (the caller
    /// grants their permissions). Jobs that only read are not reported: with the read-only
    /// default of repositories created since February 2023 a missing block costs them nothing.
    ///
    /// ## Why is this bad?
    /// Where the repository's default token is read-only, the writing step fails ("Resource not
    /// accessible by integration", a 403 on push); where it is still read-write, every job of
    /// the workflow gets a token that can push code, create releases and edit issues, and a
    /// compromised step inherits all of it. Declaring what the writing job needs makes the
    /// workflow work and keeps the rest read-only, whatever the repository setting.
    ///
    /// ## Example
    /// ```yaml
    /// on:
    ///   push:
    ///     tags: ["v*"]
    /// jobs:
    ///   release:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - run: make dist
    ///       - uses: softprops/action-gh-release@v2
    ///         with:
    ///           files: dist/*
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on:
    ///   push:
    ///     tags: ["v*"]
    /// permissions:
    ///   contents: read
    /// jobs:
    ///   release:
    ///     runs-on: ubuntu-latest
    ///     permissions:
    ///       contents: write
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - run: make dist
    ///       - uses: softprops/action-gh-release@v2
    ///         with:
    ///           files: dist/*
    /// ```
    ///
    /// ## References
    /// - [GitHub: controlling permissions for GITHUB_TOKEN](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token)
    /// - [GitHub: the default GITHUB_TOKEN permissions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token)
    /// - [zizmor: excessive-permissions](https://docs.zizmor.sh/audits/#excessive-permissions)
    pub static RULE = {
        code: "GA027",
        name: "permissions-not-declared",
        severity: Warning,
        aliases: ["excessive-permissions"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// Actions that write with the `GITHUB_TOKEN` they default to, and the scope they need.
const WRITING_ACTIONS: &[(&str, &str, &str)] = &[
    (
        "softprops/action-gh-release",
        "contents",
        "creates a release",
    ),
    ("actions/create-release", "contents", "creates a release"),
    (
        "actions/upload-release-asset",
        "contents",
        "uploads a release asset",
    ),
    ("ncipollo/release-action", "contents", "creates a release"),
    (
        "svenstaro/upload-release-action",
        "contents",
        "uploads a release asset",
    ),
    (
        "marvinpinto/action-automatic-releases",
        "contents",
        "creates a release",
    ),
    (
        "release-drafter/release-drafter",
        "contents",
        "drafts a release",
    ),
    (
        "googleapis/release-please-action",
        "contents",
        "opens release pull requests",
    ),
    (
        "google-github-actions/release-please-action",
        "contents",
        "opens release pull requests",
    ),
    (
        "peter-evans/create-pull-request",
        "contents",
        "pushes a branch and opens a pull request",
    ),
    (
        "stefanzweifel/git-auto-commit-action",
        "contents",
        "pushes a commit",
    ),
    ("EndBug/add-and-commit", "contents", "pushes a commit"),
    ("ad-m/github-push-action", "contents", "pushes commits"),
    (
        "peaceiris/actions-gh-pages",
        "contents",
        "pushes to the pages branch",
    ),
    (
        "JamesIves/github-pages-deploy-action",
        "contents",
        "pushes to the pages branch",
    ),
    ("actions/deploy-pages", "pages", "deploys GitHub Pages"),
    (
        "peter-evans/create-or-update-comment",
        "issues",
        "comments on an issue or pull request",
    ),
    (
        "marocchino/sticky-pull-request-comment",
        "pull-requests",
        "comments on the pull request",
    ),
    (
        "thollander/actions-comment-pull-request",
        "pull-requests",
        "comments on the pull request",
    ),
    (
        "mshick/add-pr-comment",
        "pull-requests",
        "comments on the pull request",
    ),
    ("actions/labeler", "pull-requests", "labels pull requests"),
    (
        "actions/stale",
        "issues",
        "labels and closes issues and pull requests",
    ),
    (
        "actions/first-interaction",
        "issues",
        "comments on first contributions",
    ),
    (
        "github/codeql-action/analyze",
        "security-events",
        "uploads code scanning results",
    ),
    (
        "github/codeql-action/upload-sarif",
        "security-events",
        "uploads code scanning results",
    ),
];

/// Of [`WRITING_ACTIONS`], those that push with the credentials `actions/checkout` persisted
/// rather than a token of their own.
const PUSH_WITH_CHECKOUT: &[&str] = &[
    "stefanzweifel/git-auto-commit-action",
    "EndBug/add-and-commit",
];

/// `gh` subcommands that write, with the scope they need.
const GH_WRITES: &[(&str, &[&str], &str)] = &[
    (
        "pr",
        &[
            "comment", "create", "merge", "edit", "review", "close", "reopen", "ready",
        ],
        "pull-requests",
    ),
    (
        "issue",
        &[
            "comment", "create", "edit", "close", "reopen", "delete", "transfer", "lock", "unlock",
            "pin",
        ],
        "issues",
    ),
    (
        "release",
        &["create", "upload", "edit", "delete", "delete-asset"],
        "contents",
    ),
    ("label", &["create", "edit", "delete", "clone"], "issues"),
    ("workflow", &["run", "enable", "disable"], "actions"),
    ("run", &["rerun", "cancel", "delete"], "actions"),
];

/// A step of a job that writes to the repository with the `GITHUB_TOKEN`: where, what it does,
/// and the scope it needs.
struct Write {
    span: Span,
    what: String,
    /// `None` when the file does not say (a GraphQL mutation, an API path it does not know).
    scope: Option<&'static str>,
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else {
        return;
    };
    if root.get("permissions").is_some() {
        return;
    }
    // A reusable workflow runs with the permissions its caller's job grants.
    let events = super::events(Some(root));
    if !events.is_empty() && events.iter().all(|(name, _)| *name == "workflow_call") {
        return;
    }
    for job in input.jobs {
        if job.uses.is_some() || job.node.get("permissions").is_some() {
            continue;
        }
        let Some(write) = first_write(input.text, root, job) else {
            continue;
        };
        let d = cx.report(
            job.key.span,
            format!(
                "the job `{}` writes with the `GITHUB_TOKEN` (it {}), but the workflow declares no `permissions:`: with a read-only default token the step fails, with a read-write one every job can write",
                job.id, write.what
            ),
        );
        match write.scope {
            Some(scope) => d
                .label(write.span, format!("needs `{scope}: write`"))
                .help(format!(
                    "give the job `permissions:` with `{scope}: write`, and the workflow `permissions: contents: read`"
                )),
            None => d.label(write.span, "writes").help(
                "give the job `permissions:` with the scopes this step writes, and the workflow `permissions: contents: read`",
            ),
        };
    }
}

/// Whether a text reads the workflow's own token (`secrets.GITHUB_TOKEN`, `github.token`).
fn is_github_token(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("secrets.github_token") || lower.contains("github.token")
}

/// The first step of `job` that writes with the workflow's token.
fn first_write(text: &str, root: &Node, job: &Job<'_>) -> Option<Write> {
    let pushes_with_token = checkout_pushes_with_token(text, job);
    for step in &job.steps {
        if let Some(uses) = &step.uses
            && let Some(write) = action_write(text, step, uses, pushes_with_token)
        {
            return Some(write);
        }
        let Some(script) = step.script.as_ref().filter(|s| s.kind == ScriptKind::Run) else {
            continue;
        };
        let token_env = [step.node, job.node, root].iter().any(|n| {
            n.get("env")
                .and_then(Node::as_map)
                .unwrap_or_default()
                .iter()
                .any(|e| {
                    e.key
                        .as_str()
                        .is_some_and(|k| k == "GH_TOKEN" || k == "GITHUB_TOKEN")
                        && is_github_token(
                            text.get(e.value.span.start..e.value.span.end).unwrap_or(""),
                        )
                })
        });
        for cmd in &script.shell.commands {
            let inline_token = cmd.assignments.iter().any(|a| {
                (a.value.starts_with("GH_TOKEN=") || a.value.starts_with("GITHUB_TOKEN="))
                    && is_github_token(text.get(a.span.start..a.span.end).unwrap_or(""))
            });
            if cmd.is("gh")
                && (token_env || inline_token)
                && let Some((what, scope)) = gh_write(cmd)
            {
                return Some(Write {
                    span: cmd.span,
                    what,
                    scope,
                });
            }
            if cmd.is("git") && pushes_with_token && pushes_to_origin(cmd) {
                return Some(Write {
                    span: cmd.span,
                    what: "runs `git push` with the checkout's token".to_string(),
                    scope: Some("contents"),
                });
            }
        }
    }
    None
}

/// What a `uses:` step writes with the workflow's token: a known writing action given no other
/// token, or `docker/login-action` logging in to ghcr.io with the workflow's token.
fn action_write(
    text: &str,
    step: &Step<'_>,
    uses: &Uses<'_>,
    pushes_with_token: bool,
) -> Option<Write> {
    let raw = |n: &Node| text.get(n.span.start..n.span.end).unwrap_or("");
    if is_action(Some(uses), "docker/login-action") {
        let registry = input(step, "registry").and_then(Node::as_str).unwrap_or("");
        let password = input(step, "password").map(raw).unwrap_or("");
        return (registry.trim().eq_ignore_ascii_case("ghcr.io") && is_github_token(password))
            .then(|| Write {
                span: uses.node.span,
                what: "logs in to ghcr.io to push packages".to_string(),
                scope: Some("packages"),
            });
    }
    let (action, scope, what) = WRITING_ACTIONS
        .iter()
        .find(|(name, _, _)| is_action(Some(uses), name))?;
    // CodeQL told not to upload its results writes nothing.
    let upload = input(step, "upload").and_then(Node::as_str);
    if *action == "github/codeql-action/analyze"
        && upload.is_some_and(|u| matches!(u.trim(), "false" | "never"))
    {
        return None;
    }
    // These commit and push with whatever credentials the checkout left.
    if PUSH_WITH_CHECKOUT.contains(action) && !pushes_with_token {
        return None;
    }
    // Another credential (a personal token, a deploy key) given to the action writes instead
    // of the workflow's token.
    let other_credential = step
        .node
        .get("with")
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .any(|e| {
            let key = e.key.as_str().unwrap_or("").to_ascii_lowercase();
            (key.contains("token") || key.contains("key") || key.contains("password"))
                && !key.contains("cache")
                && e.value.as_scalar().is_some()
                && !is_github_token(raw(&e.value))
        });
    (!other_credential).then(|| Write {
        span: uses.node.span,
        what: format!("uses `{action}`, which {what}"),
        scope: Some(scope),
    })
}

/// The write a `gh` command makes, and its scope: `gh pr comment`, `gh release create`, and
/// `gh api` with a writing method or fields (which make it a POST).
fn gh_write(cmd: &Command) -> Option<(String, Option<&'static str>)> {
    let mut operands = cmd.operands().map(|w| w.value.as_str());
    let group = operands.next()?;
    if group == "api" {
        let method = cmd
            .args()
            .windows(2)
            .find(|w| w[0].value == "-X" || w[0].value == "--method")
            .map(|w| w[1].value.to_ascii_uppercase());
        let endpoint = api_endpoint(cmd);
        // A GraphQL query is sent as a POST with fields, and only a mutation writes.
        if endpoint == Some("graphql") {
            let mutation = cmd.args().iter().any(|w| w.value.contains("mutation"));
            return mutation.then(|| ("runs a `gh api graphql` mutation".to_string(), None));
        }
        let fields = cmd.has_flag(&["-f", "-F", "--field", "--raw-field", "--input"]);
        let writes = match method.as_deref() {
            Some("GET") => false,
            Some(_) => true,
            None => fields,
        };
        let scope = endpoint.and_then(api_scope);
        return writes.then(|| ("runs `gh api` with a writing request".to_string(), scope));
    }
    let (_, actions, scope) = GH_WRITES.iter().find(|(g, _, _)| *g == group)?;
    let action = operands.next()?;
    actions
        .contains(&action)
        .then(|| (format!("runs `gh {group} {action}`"), Some(*scope)))
}

/// The endpoint of `gh api` (its first operand that is not a flag's value).
fn api_endpoint(cmd: &Command) -> Option<&str> {
    const VALUE_FLAGS: &[&str] = &[
        "-X",
        "--method",
        "-f",
        "-F",
        "--field",
        "--raw-field",
        "-H",
        "--header",
        "--input",
        "-q",
        "--jq",
        "-t",
        "--template",
        "--hostname",
        "--cache",
        "-p",
        "--preview",
    ];
    let mut args = cmd.args().iter().skip_while(|w| w.value != "api").skip(1);
    while let Some(w) = args.next() {
        if VALUE_FLAGS.contains(&w.value.as_str()) {
            args.next();
        } else if !w.value.starts_with('-') {
            return Some(&w.value);
        }
    }
    None
}

/// The scope a REST path writes (`repos/o/r/issues/1/labels` → `issues`).
fn api_scope(path: &str) -> Option<&'static str> {
    const SCOPES: &[(&str, &str)] = &[
        ("/pulls", "pull-requests"),
        ("/issues", "issues"),
        ("/labels", "issues"),
        ("/releases", "contents"),
        ("/git/", "contents"),
        ("/contents/", "contents"),
        ("/actions/", "actions"),
        ("/statuses/", "statuses"),
        ("/check-runs", "checks"),
        ("/deployments", "deployments"),
        ("/pages", "pages"),
    ];
    SCOPES
        .iter()
        .find(|(part, _)| path.contains(part))
        .map(|(_, scope)| *scope)
}

/// Whether a `git push` in `job` goes out with the `GITHUB_TOKEN` that `actions/checkout`
/// persists: the job checks out with the default token (no other `token` or `ssh-key`, no
/// `persist-credentials: false`, no other `repository`), and sets up no other way to push: no
/// `git clone` or `git remote`, no SSH agent or key.
fn checkout_pushes_with_token(text: &str, job: &Job<'_>) -> bool {
    let raw = |n: &Node| text.get(n.span.start..n.span.end).unwrap_or("");
    let mut checkout = false;
    for step in &job.steps {
        if is_action(step.uses.as_ref(), "actions/checkout") {
            let with = step
                .node
                .get("with")
                .and_then(Node::as_map)
                .unwrap_or_default();
            let other = with.iter().any(|e| match e.key.as_str().unwrap_or("") {
                "token" | "ssh-key" => !is_github_token(raw(&e.value)),
                "repository" => !raw(&e.value).contains("github.repository"),
                "persist-credentials" => is_false(&e.value),
                _ => false,
            });
            if other {
                return false;
            }
            checkout = true;
        }
        if is_action(step.uses.as_ref(), "webfactory/ssh-agent") {
            return false;
        }
        let ssh_env = step
            .node
            .get("env")
            .and_then(|e| e.get("SSH_AUTH_SOCK"))
            .is_some();
        let other_remote = step.script.iter().flat_map(|s| &s.shell.commands).any(|c| {
            (c.is("git") && matches!(c.subcommand(), Some("clone" | "remote")))
                || c.is("ssh-agent")
                || c.is("ssh-add")
        });
        if ssh_env || other_remote {
            return false;
        }
    }
    checkout
}

/// `git push` to the checkout's remote (`git push`, `git push origin main`, `git push --tags`):
/// a push to another remote (`heroku`, a URL) uses other credentials.
fn pushes_to_origin(cmd: &Command) -> bool {
    let mut operands = cmd.operands().map(|w| w.value.as_str());
    if operands.next() != Some("push") {
        return false;
    }
    matches!(operands.next(), None | Some("origin"))
}

/// Whether a scalar is YAML `false` (or the string `"false"`).
fn is_false(node: &Node) -> bool {
    node.as_str()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("false"))
}
