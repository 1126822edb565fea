use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value as J;

use crate::kinds::workflow::Job;
use crate::rule::{Context, WorkflowInput};
use crate::rules::schema::{self, Finding, Schema, Site, field_name};
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Validates a workflow against rlint's schema of GitHub's workflow syntax, reporting each
    /// violation on the exact key or value. The schema (`rules/schemas/github-workflow.schema.json`)
    /// is written from GitHub's "Workflow syntax" and "Events that trigger workflows" references.
    /// It reports:
    /// - a key GitHub does not know, with the nearest one it does (`runs_on` → `runs-on`,
    ///   `step:` → `steps:`, `pushh:` → `push:`), at the top level, in `on:`, jobs, steps,
    ///   `strategy`, `container`, `services`, `permissions`, inputs and outputs;
    /// - an event, activity type (`types: [open]` for `opened`), permission scope or access
    ///   level, or input `type` GitHub does not have;
    /// - a value of the wrong shape (a mapping where a list of steps is expected, a string for
    ///   `timeout-minutes`), a missing required key (a job without `runs-on` or `uses`, a job
    ///   without steps — none, or `steps: []` — that calls no reusable workflow, a
    ///   `workflow_call` input without `type`, a `choice` input without `options`), a step with
    ///   both `run:` and `uses:` or neither, keys of a normal job in a job that calls a reusable
    ///   workflow (and the reverse), and a filter beside its `-ignore` twin on one event;
    /// - a step id GitHub does not take (`id: 2nd`, `id: a b`) or one used twice in a job
    ///   (`build` and `Build`: ids are compared without case);
    /// - a remote `uses:` without `@ref` (`actions/checkout`), with an empty one, or without an
    ///   owner (`checkout@v4`).
    ///
    /// GitHub refuses such a workflow outright ("Invalid workflow file"), so every finding is an
    /// error. The schema is as lenient as GitHub's loader: a `${{ }}` expression is accepted
    /// wherever GitHub evaluates one for a typed value (booleans, numbers, `runs-on`, `matrix`,
    /// `with`, `env`, `services`), a single string stands for a one-item list of branches,
    /// paths, labels or types, and numbers or booleans are accepted where GitHub reads text
    /// (`name: 2024`), an empty `with:` input is an empty string, and the keys under events
    /// that take no filters (`create`, `delete`, `fork`, `watch`, `status`...) are
    /// not judged. What it deliberately does not check: expression syntax, cron syntax
    /// (`workflow-cron-syntax`), runner labels (`workflow-unknown-runner-label`), `needs`
    /// (`needs-unknown-job`) and the inputs an action takes.
    ///
    /// ## Why is this bad?
    /// A workflow GitHub cannot load does not run at all: a push-triggered check silently stops
    /// guarding the branch, and the mistake shows only as a red "Invalid workflow file" on the
    /// Actions page, often long after the change that caused it.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs_on: ubuntu-latest
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: make test
    /// ```
    ///
    /// ## Fix safety
    /// A key that differs from a known one only by case or by `_`/space for `-` (`runs_on`) is
    /// renamed: safe. A typo with exactly one nearest key (`step` → `steps`) is renamed too, as
    /// a guess: unsafe.
    ///
    /// ## References
    /// - [GitHub: Workflow syntax for GitHub Actions](https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax)
    /// - [GitHub: Events that trigger workflows](https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows)
    /// - [GitHub: Controlling permissions for GITHUB_TOKEN](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token)
    /// - [actionlint: syntax-check](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-unexpected-keys)
    pub static RULE = {
        code: "GA010",
        name: "workflow-schema",
        severity: Error,
        aliases: ["syntax-check", "events"],
        fix: Sometimes,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// rlint's workflow schema, as written in `rules/schemas/`.
pub const SCHEMA_TEXT: &str =
    include_str!("../../../../../rules/schemas/github-workflow.schema.json");

static SCHEMA: LazyLock<J> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is JSON"));
static VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| jsonschema::validator_for(&SCHEMA).expect("the bundled schema compiles"));

static WORKFLOW: LazyLock<Schema<'static>> = LazyLock::new(|| Schema {
    json: &SCHEMA,
    spec: "GitHub's workflow syntax",
    place,
    skip_key: schema::skip_none,
    special,
    quoted_items: &[],
    unknown_keys_at_most: None,
    keys_for,
});

/// The keys only a job that runs steps takes, and those only a job calling a reusable workflow
/// takes (the schema's `then`/`else` of a job).
const STEP_JOB_KEYS: &[&str] = &[
    "runs-on",
    "environment",
    "outputs",
    "env",
    "defaults",
    "steps",
    "timeout-minutes",
    "continue-on-error",
    "container",
    "services",
    "snapshot",
    "cache-mode",
];
const CALL_JOB_KEYS: &[&str] = &["uses", "with", "secrets"];

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    let json = root.to_json();
    schema::validate(&WORKFLOW, &VALIDATOR, root, &json, &[], input.text, cx);
    for job in input.jobs {
        required_keys(job, cx);
    }
    for uses in input.uses() {
        uses_form(uses, cx);
    }
}

/// A `uses:` GitHub can resolve: `owner/repo[/path]@ref`, `./path`, `docker://image`, or an
/// expression. "Expected format {org}/{repo}[/path]@ref": a remote action without `@ref`, with
/// an empty ref, or without an owner (`checkout@v4`) makes GitHub refuse the workflow.
fn uses_form(uses: &crate::kinds::workflow::Uses<'_>, cx: &mut Context<'_>) {
    use crate::kinds::workflow::Target;
    let Some(text) = uses.node.as_str().map(str::trim) else {
        return;
    };
    if text.is_empty() || text.contains("${{") || text.starts_with("$/") {
        return;
    }
    let problem = match uses.target {
        Target::Repository { git_ref: None, .. } => "has no `@ref`",
        Target::Repository {
            git_ref: Some(r), ..
        } if r.trim().is_empty() => "has an empty ref",
        Target::Unknown if !text.contains('/') => "has no owner (`owner/repo`)",
        _ => return,
    };
    let help = match uses.target {
        Target::Repository { action, .. } => {
            format!("add the version it runs: `{action}@<commit SHA>` (or a tag such as `@v4`)")
        }
        _ => format!(
            "name the repository the action lives in: `<owner>/{text}` (`actions/checkout@v4`)"
        ),
    };
    cx.report(
        uses.node.span,
        format!(
            "`uses: {text}` {problem}: GitHub refuses the workflow (it expects `owner/repo[/path]@ref`, `./path` or `docker://image`)"
        ),
    )
    .help(help);
}

/// What a job and its steps must have, reported at the job id and at the step's first key
/// (the schema's `anyOf`/`not` would point at the whole mapping). A key that misspells the
/// missing one is already reported as unknown, with the key meant: one problem, one finding.
fn required_keys(job: &Job<'_>, cx: &mut Context<'_>) {
    let misspells = |node: &Node, keys: &[&str]| {
        node.as_map().unwrap_or_default().iter().any(|e| {
            e.key.as_str().is_some_and(|k| {
                !keys.contains(&k) && crate::suggest::did_you_mean(k, keys).is_some()
            })
        })
    };
    let has = |node: &Node, key: &str| node.get(key).is_some();
    if has(job.node, "uses") || misspells(job.node, &["uses"]) {
        return;
    }
    // `steps:` absent, or an empty list: GitHub says "No steps defined in `steps` and no
    // workflow called in `uses`". A `steps:` of another shape is the schema's to report.
    let no_steps = match job.node.get("steps") {
        None => !misspells(job.node, &["steps"]),
        Some(steps) => steps.as_seq().is_some_and(|s| s.is_empty()),
    };
    let no_runner = !has(job.node, "runs-on") && !misspells(job.node, &["runs-on"]);
    let id = job.id;
    match (no_runner, no_steps) {
        (true, true) => {
            cx.report(
                job.key.span,
                format!(
                    "the job `{id}` has neither `runs-on` and `steps` nor `uses` to call a reusable workflow: GitHub refuses the workflow"
                ),
            )
            .help("give it a runner and steps (`runs-on: ubuntu-latest`, `steps:`), or `uses:` the workflow it calls");
        }
        (true, false) => {
            cx.report(
                job.key.span,
                format!(
                    "the job `{id}` has no `runs-on` (nor `uses` to call a reusable workflow): GitHub refuses the workflow"
                ),
            )
            .help("name the runner it runs on: `runs-on: ubuntu-latest`");
        }
        (false, true) => {
            cx.report(
                job.key.span,
                format!(
                    "the job `{id}` has no steps (nor `uses` to call a reusable workflow): GitHub refuses the workflow (\"No steps defined in `steps`\")"
                ),
            )
            .help("add the `steps:` it runs, or remove the job");
        }
        (false, false) => {}
    }
    let mut steps: Vec<&Node> = Vec::new();
    let mut pending: Vec<&Node> = job.node.get("steps").into_iter().collect();
    while let Some(list) = pending.pop() {
        for step in list.as_seq().unwrap_or_default() {
            if step.as_map().is_some() {
                steps.push(step);
                pending.extend(step.get("parallel"));
            }
        }
    }
    steps.sort_by_key(|s| s.span.start);
    for step in &steps {
        let first = step.as_map().and_then(|m| m.first()).map(|e| e.key.span);
        let Some(first) = first else { continue };
        let neither_allowed =
            STEP_ACTIONS.iter().any(|k| has(step, k)) || misspells(step, &["run", "uses"]);
        report_run_and_uses(cx, step, first, !neither_allowed, "the workflow");
    }
    step_ids(&steps, cx);
}

/// Step ids as GitHub's loader takes them: each starts with a letter or `_`, holds only
/// letters, digits, `-` and `_`, is shorter than 100 characters, and is used once in its job,
/// compared without case ("The identifier 'build' may not be used more than once within the
/// same scope").
fn step_ids(steps: &[&Node], cx: &mut Context<'_>) {
    let mut seen: Vec<(String, crate::diagnostic::Span)> = Vec::new();
    for step in steps {
        let Some(node) = step.get("id") else { continue };
        let Some(id) = node.as_str() else { continue };
        let valid = id
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && id.chars().count() < 100;
        if !valid {
            if id.contains("${{") {
                continue;
            }
            cx.report(
                node.span,
                format!(
                    "`{id}` is not a valid step id: GitHub refuses the workflow (a step id starts with a letter or `_`, holds only letters, digits, `-` and `_`, and is shorter than 100 characters)"
                ),
            )
            .help("rename it, and the `steps.<id>` expressions that read it");
            continue;
        }
        let lower = id.to_ascii_lowercase();
        if let Some((_, earlier)) = seen.iter().find(|(s, _)| *s == lower) {
            cx.report(
                node.span,
                format!(
                    "the step id `{id}` is already used in this job (ids are compared without case): GitHub refuses the workflow"
                ),
            )
            .label(*earlier, "first used here")
            .help("give each step of a job its own id");
        } else {
            seen.push((lower, node.span));
        }
    }
}

/// Reports a step with both `run` and `uses`, and, when `neither` says it counts, a step with
/// neither (at `first`, its first key), in a file GitHub then refuses (`refused`: "the
/// workflow"). Shared with action metadata's AC001.
pub(crate) fn report_run_and_uses(
    cx: &mut Context<'_>,
    step: &Node,
    first: crate::diagnostic::Span,
    neither: bool,
    refused: &str,
) {
    match (step.entry("run"), step.entry("uses")) {
        (Some(run), Some(_)) => {
            cx.report(
                run.key.span,
                "this step has both `run` and `uses`: a step runs a command or an action, not both",
            )
            .help("split it into two steps");
        }
        (None, None) if neither => {
            cx.report(
                first,
                format!("this step has neither `run` nor `uses`: it has nothing to do, and GitHub refuses {refused}"),
            )
            .help("add the command (`run:`) or the action (`uses:`) it is for");
        }
        _ => {}
    }
}

/// Steps that run nothing themselves but act on other steps (parallel steps).
const STEP_ACTIONS: &[&str] = &["wait", "wait-all", "cancel", "parallel"];

/// `/jobs/<id>` and `/jobs/<id>/steps/<n>` (also inside a `parallel:` group).
fn is_job(parts: &[&str]) -> bool {
    matches!(parts, ["jobs", _])
}

fn is_step(parts: &[&str]) -> bool {
    matches!(parts, ["jobs", _, "steps", n, ..] if n.parse::<usize>().is_ok())
        && parts.len().is_multiple_of(2)
        && parts
            .chunks(2)
            .skip(2)
            .all(|p| p[0] == "parallel" && p[1].parse::<usize>().is_ok())
}

/// A job's keys are those of its kind: a job calling a reusable workflow is not offered
/// `runs-on`, a job with steps is not offered `with`.
fn keys_for(path: &str, instance: &J) -> Option<Vec<String>> {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    // Job ids are the user's to choose: nothing to suggest.
    if parts == ["jobs"] {
        return Some(Vec::new());
    }
    if !is_job(&parts) {
        return None;
    }
    let calls = instance.get("uses").is_some();
    let unwanted = if calls { STEP_JOB_KEYS } else { CALL_JOB_KEYS };
    Some(
        schema::keys_at(&SCHEMA, path)
            .into_iter()
            .filter(|k| !unwanted.contains(&k.as_str()))
            .collect(),
    )
}

fn one(span: crate::diagnostic::Span, message: String, help: &str) -> Option<Vec<Finding>> {
    Some(vec![Finding {
        span,
        message,
        help: (!help.is_empty()).then(|| help.to_string()),
        repair: None,
        at_most: None,
    }])
}

/// The violations GitHub's own words name better than the schema's.
fn special(site: &Site<'_>) -> Option<Vec<Finding>> {
    let parts: Vec<&str> = site.path.split('/').skip(1).collect();
    let field = site.field;
    match site.kind {
        // Reported by `required_keys`, at the job id or the step's first key.
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::Not { .. }
            if is_job(&parts) || is_step(&parts) =>
        {
            Some(Vec::new())
        }
        ValidationErrorKind::Not { .. } if matches!(parts.as_slice(), ["on", _]) => {
            let twin = ["branches", "tags", "paths"]
                .into_iter()
                .find(|f| {
                    site.instance.get(f).is_some()
                        && site.instance.get(format!("{f}-ignore")).is_some()
                })
                .unwrap_or("branches");
            one(
                site.value_span,
                format!(
                    "`{field}` has both `{twin}` and `{twin}-ignore`: GitHub refuses the pair on one event"
                ),
                &format!("keep `{twin}` and exclude with `!pattern` entries in it"),
            )
        }
        ValidationErrorKind::FalseSchema => {
            let job = parts.get(1).copied().unwrap_or("");
            if CALL_JOB_KEYS.contains(&field) {
                one(
                    site.value_span,
                    format!(
                        "`{field}` is only valid in a job that calls a reusable workflow (`uses:`), not in the job `{job}`"
                    ),
                    if field == "with" {
                        "inputs of an action go under the step that `uses:` it"
                    } else {
                        ""
                    },
                )
            } else {
                one(
                    site.value_span,
                    format!(
                        "`{field}` is not valid in the job `{job}`, which calls a reusable workflow"
                    ),
                    "the called workflow sets its own runner and steps; pass values with `with:`",
                )
            }
        }
        ValidationErrorKind::MinProperties { .. } if parts == ["jobs"] || parts == ["on"] => {
            let what = if parts == ["jobs"] {
                "no job"
            } else {
                "no event"
            };
            one(
                site.value_span,
                format!("`{field}` names {what}: GitHub refuses the workflow"),
                "",
            )
        }
        ValidationErrorKind::Enum { options } => {
            let place = match parts.as_slice() {
                ["on"] | ["on", _] if site.instance.is_string() => {
                    "an event GitHub triggers workflows on".to_string()
                }
                ["on", event, "types", ..] => format!("an activity type of `{event}`"),
                _ => return None,
            };
            let names: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(J::as_str).collect())
                .unwrap_or_default();
            let shown = schema::scalar_text(site.instance);
            // `open` for `opened`: a type cut short is as sure a guess as a typo.
            let longer: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| shown.len() >= 3 && n.starts_with(shown.as_str()))
                .collect();
            let close = crate::suggest::did_you_mean(&shown, &names)
                .or_else(|| (longer.len() == 1).then(|| longer[0]));
            let help = match close {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("use one of: {}", schema::list(&names, 40)),
            };
            one(site.value_span, format!("`{shown}` is not {place}"), &help)
        }
        ValidationErrorKind::AnyOf { context } => or_expression(site, context),
        _ => None,
    }
}

/// A value that is neither of its type nor a `${{ }}` expression: say so in one sentence,
/// instead of the expression's pattern.
fn or_expression(
    site: &Site<'_>,
    context: &[Vec<jsonschema::ValidationError<'_>>],
) -> Option<Vec<Finding>> {
    let here = |e: &jsonschema::ValidationError<'_>| e.instance_path().as_str() == site.path;
    // The branch of `$defs/expression`: its pattern failed (a string) or its type (a list).
    let is_expression = |branch: &Vec<jsonschema::ValidationError<'_>>| {
        branch.len() == 1
            && here(&branch[0])
            && branch[0]
                .schema_path()
                .as_str()
                .contains("/$defs/expression/")
    };
    if !context.iter().any(is_expression) {
        return None;
    }
    let mut expected: Vec<&str> = Vec::new();
    for branch in context.iter().filter(|b| !is_expression(b)) {
        let [error] = branch.as_slice() else {
            return None;
        };
        let ValidationErrorKind::Type { kind } = error.kind() else {
            return None;
        };
        if !here(error) {
            return None;
        }
        match kind {
            TypeKind::Single(t) => expected.push(word(t.as_str())),
            TypeKind::Multiple(set) => expected.extend(set.iter().map(|t| word(t.as_str()))),
        }
    }
    expected.retain(|w| !w.is_empty());
    expected.dedup();
    expected.push("a `${{ }}` expression");
    let shown = match site.instance {
        J::String(s) => format!("the string `{s}`"),
        J::Array(_) => "a list".to_string(),
        J::Object(_) => "a mapping".to_string(),
        J::Null => "empty".to_string(),
        other => format!("`{other}`"),
    };
    let words = match expected.as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => expected.join(""),
    };
    one(
        site.value_span,
        format!("`{}` must be {words}, not {shown}", site.field),
        "",
    )
}

fn word(t: &str) -> &'static str {
    match t {
        "number" | "integer" => "a number",
        "boolean" => "`true`, `false`",
        "object" => "a mapping",
        "array" => "a list",
        _ => "",
    }
}

/// Where unknown keys were found, in words.
fn place(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    match parts.as_slice() {
        [] => "top-level key".into(),
        ["on"] => "event".into(),
        ["on", event] => format!("key of the `{event}` event"),
        ["jobs"] => "job id: a job id starts with a letter or `_` and holds only letters, digits, `-` and `_`".into(),
        ["jobs", _] => "job key".into(),
        _ if is_step(&parts) => "step key".into(),
        [.., "permissions"] => "permission".into(),
        [.., "inputs", _] => "input key".into(),
        _ => format!("key under `{}`", field_name(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schema_accepts_workflow_shapes() {
        for ok in [
            json!({"on": "push", "jobs": {"a": {"runs-on": "ubuntu-latest", "steps": [{"run": "make"}]}}}),
            json!({"on": ["push", "pull_request"], "jobs": {"a": {"uses": "o/r/.github/workflows/x.yml@v1", "secrets": "inherit"}}}),
            json!({"on": {"push": {"branches": "main"}, "schedule": [{"cron": "0 0 * * *"}], "workflow_dispatch": null},
                   "permissions": "read-all",
                   "jobs": {"a": {"runs-on": "${{ matrix.os }}", "timeout-minutes": "${{ inputs.t }}",
                                  "continue-on-error": "${{ matrix.experimental }}",
                                  "strategy": {"matrix": {"os": ["a"], "include": "${{ fromJSON(x) }}"}},
                                  "steps": [{"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}]}}}),
        ] {
            let errors: Vec<String> = VALIDATOR
                .iter_errors(&ok)
                .map(|e| format!("{e} at {}", e.instance_path().as_str()))
                .collect();
            assert!(errors.is_empty(), "{ok}: {errors:?}");
        }
        for bad in [
            json!({"on": "pushh", "jobs": {"a": {"runs-on": "x", "steps": [{"run": "a"}]}}}),
            json!({"on": "push", "jobs": {"a": {"runs_on": "x"}}}),
            json!({"on": "push", "jobs": {"a": {"runs-on": "x", "steps": [{"run": "a", "uses": "b"}]}}}),
            json!({"on": "push", "jobs": {"a": {"uses": "o/r/w.yml@v1", "runs-on": "x"}}}),
            json!({"on": {"push": {"branches": ["a"], "branches-ignore": ["b"]}}, "jobs": {"a": {"runs-on": "x"}}}),
            json!({"on": "push", "jobs": {"a": {"runs-on": "x", "timeout-minutes": "ten"}}}),
        ] {
            assert!(!VALIDATOR.is_valid(&bad), "{bad}");
        }
    }

    #[test]
    fn a_job_is_offered_the_keys_of_its_kind() {
        let steps = keys_for("/jobs/a", &json!({"runs-on": "x"})).unwrap();
        assert!(steps.contains(&"runs-on".to_string()) && !steps.contains(&"with".to_string()));
        let call = keys_for("/jobs/a", &json!({"uses": "x"})).unwrap();
        assert!(call.contains(&"with".to_string()) && !call.contains(&"steps".to_string()));
        assert!(is_step(&["jobs", "a", "steps", "0"]));
        assert!(is_step(&["jobs", "a", "steps", "0", "parallel", "1"]));
        assert!(!is_step(&["jobs", "a", "steps", "0", "with"]));
    }
}
