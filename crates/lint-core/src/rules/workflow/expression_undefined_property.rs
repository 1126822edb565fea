use crate::kinds::workflow::{Job, sites};
use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::Node;
use std::collections::{HashMap, HashSet};

crate::declare_rule! {
    /// ## What it does
    /// Finds an expression that reads a step, a needed job, a job's output, a matrix key or an
    /// input the file shows does not exist, with the nearest name when one is close. It knows
    /// these cases: `steps.<id>` naming no earlier step of the same job; `needs.<job>` naming a
    /// job missing from that job's `needs:`; `needs.<job>.outputs.<name>` naming an output the
    /// needed job does not declare under its `outputs:` (or a property other than `outputs`
    /// and `result`), and the same for `jobs.<job>.outputs.<name>` in the outputs of
    /// `on.workflow_call`; `matrix.<key>` naming no key of the job's matrix;
    /// `inputs.<name>` naming no input the workflow declares under `workflow_dispatch` or
    /// `workflow_call` (other events leave `inputs` empty); and a property the `github`,
    /// `runner` or `strategy` context does not have (`github.event_nme`, `runner.arc`), from
    /// a table of GitHub's contexts reference.
    ///
    /// It stays quiet wherever the file does not tell: step ids or `needs:` written with
    /// expressions, a matrix with any `${{ }}` in it (`fromJSON(...)`) or an `include` it
    /// cannot read, a workflow that declares no inputs at all, `steps` outside steps and job
    /// outputs, the outputs an action declares (`steps.<id>.outputs.<name>` would need the
    /// action's own metadata), the outputs of a job that calls a reusable workflow (they are
    /// the called workflow's), `outputs:` written as an expression or with an expression
    /// among its names, and anything below `github.event` (the webhook payload differs from
    /// event to event, and from one version of the payload to the next).
    ///
    /// ## Why is this bad?
    /// GitHub does not refuse these: the expression quietly reads an empty value. A condition
    /// on `steps.biuld.outputs.ok` is never true, a `needs.build.outputs.tag` of a job not in
    /// `needs:` is always empty, and a step reading a later step's output gets nothing — the
    /// job carries on with an empty version, tag or path. A step's outputs reach other jobs
    /// only through the job's `outputs:`: `needs.build.outputs.tag` is empty until the job
    /// `build` declares `tag` there, whatever its steps write to `$GITHUB_OUTPUT`.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     outputs:
    ///       tag: ${{ steps.version.outputs.tag }}
    ///     steps:
    ///       - id: version
    ///         run: echo "tag=v1" >> "$GITHUB_OUTPUT"
    ///   release:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: echo "releasing $TAG"
    ///         env:
    ///           TAG: ${{ needs.build.outputs.tag }}
    /// ```
    ///
    /// A needed job's output it does not declare:
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     outputs:
    ///       image-tag: ${{ steps.meta.outputs.tag }}
    ///     steps:
    ///       - id: meta
    ///         run: echo "tag=v1" >> "$GITHUB_OUTPUT"
    ///   deploy:
    ///     needs: build
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh "$TAG"
    ///         env:
    ///           TAG: ${{ needs.build.outputs.image_tag }}
    /// ```
    ///
    /// A property the `github` context does not have:
    /// ```yaml
    /// on: [push, pull_request]
    /// jobs:
    ///   deploy:
    ///     if: github.event_nme == 'push'
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     outputs:
    ///       tag: ${{ steps.version.outputs.tag }}
    ///     steps:
    ///       - id: version
    ///         run: echo "tag=v1" >> "$GITHUB_OUTPUT"
    ///   release:
    ///     needs: build
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: echo "releasing $TAG"
    ///         env:
    ///           TAG: ${{ needs.build.outputs.tag }}
    /// ```
    ///
    /// ```yaml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     outputs:
    ///       image-tag: ${{ steps.meta.outputs.tag }}
    ///     steps:
    ///       - id: meta
    ///         run: echo "tag=v1" >> "$GITHUB_OUTPUT"
    ///   deploy:
    ///     needs: build
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh "$TAG"
    ///         env:
    ///           TAG: ${{ needs.build.outputs.image-tag }}
    /// ```
    ///
    /// ```yaml
    /// on: [push, pull_request]
    /// jobs:
    ///   deploy:
    ///     if: github.event_name == 'push'
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh
    /// ```
    ///
    /// ## References
    /// - [GitHub: contexts reference](https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/accessing-contextual-information-about-workflow-runs)
    /// - [actionlint: contexts and built-in functions](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-contexts-and-builtin-func)
    pub static RULE = {
        code: "GA017",
        name: "expression-undefined-property",
        severity: Warning,
        aliases: ["expression"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// The properties of the `github` context, lowercased (GitHub's contexts reference, checked
/// 2026-12-03), with the three the runner sets beside `github.env` and `github.path` without
/// the reference listing them (`output`, `state`, `step_summary`) and `job_workflow_sha`, which
/// older versions of it did. `event` is the webhook payload, not judged below it.
const GITHUB_PROPERTIES: &[&str] = &[
    "action",
    "action_path",
    "action_ref",
    "action_repository",
    "action_status",
    "actor",
    "actor_id",
    "api_url",
    "artifacts",
    "artifacts_list",
    "base_ref",
    "env",
    "event",
    "event_name",
    "event_path",
    "graphql_url",
    "head_ref",
    "job",
    "job_workflow_sha",
    "output",
    "path",
    "ref",
    "ref_name",
    "ref_protected",
    "ref_type",
    "repository",
    "repository_id",
    "repository_owner",
    "repository_owner_id",
    "repositoryurl",
    "retention_days",
    "run_attempt",
    "run_id",
    "run_number",
    "secret_source",
    "server_url",
    "sha",
    "state",
    "step_summary",
    "token",
    "triggering_actor",
    "workflow",
    "workflow_ref",
    "workflow_sha",
    "workspace",
];

/// The properties of the `runner` context (same reference and date).
const RUNNER_PROPERTIES: &[&str] = &[
    "arch",
    "debug",
    "environment",
    "name",
    "os",
    "temp",
    "tool_cache",
];

/// The properties of the `strategy` context (same reference and date).
const STRATEGY_PROPERTIES: &[&str] = &["fail-fast", "job-index", "job-total", "max-parallel"];

/// What the file shows of one job (`None`: what it does not show).
struct Shown {
    /// Step ids in order (`None` for a step without one).
    steps: Option<Vec<Option<String>>>,
    /// The first step of each id.
    first: Option<HashMap<String, usize>>,
    needs: Option<Vec<String>>,
    matrix: Option<Vec<String>>,
    /// The names of the job's `outputs:` (empty when it has none).
    outputs: Option<Vec<String>>,
}

/// A plain string value (not an expression), lowercased.
fn plain(node: &Node) -> Option<String> {
    node.as_str()
        .filter(|s| !s.contains("${{"))
        .map(str::to_ascii_lowercase)
}

/// The step ids of a job in order (`None` for a step without one), or `None` when one is
/// not a plain string.
fn step_ids(job: &Job<'_>) -> Option<Vec<Option<String>>> {
    job.node.get("steps").and_then(Node::as_seq)?;
    job.steps
        .iter()
        .map(|s| match s.node.get("id") {
            None => Some(None),
            Some(id) => plain(id).map(Some),
        })
        .collect()
}

/// The jobs a job needs, or `None` when `needs:` is not a plain list.
fn needs(job: &Job<'_>) -> Option<Vec<String>> {
    match job.node.get("needs") {
        None => Some(Vec::new()),
        Some(n) => match n.as_seq() {
            Some(items) => items.iter().map(plain).collect(),
            None => plain(n).map(|s| vec![s]),
        },
    }
}

/// The keys of a job's matrix, or `None` when the file does not show them all.
fn matrix_keys(text: &str, job: &Job<'_>) -> Option<Vec<String>> {
    let Some(strategy) = job.node.get("strategy") else {
        return Some(Vec::new());
    };
    let Some(matrix) = strategy.get("matrix") else {
        return if strategy.as_map().is_some() {
            Some(Vec::new())
        } else {
            None
        };
    };
    if super::has_expression(text, matrix) {
        return None;
    }
    let mut keys = Vec::new();
    for entry in matrix.as_map()? {
        let key = entry.key.as_str()?;
        match key {
            "exclude" => {}
            "include" => {
                for item in entry.value.as_seq()? {
                    for e in item.as_map()? {
                        keys.push(e.key.as_str()?.to_ascii_lowercase());
                    }
                }
            }
            _ => keys.push(key.to_ascii_lowercase()),
        }
    }
    let mut seen = HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    Some(keys)
}

/// The output names a job declares, or `None` when the file does not show them: a job that
/// calls a reusable workflow (its outputs are the callee's), `outputs:` written as an
/// expression, or a name that is one. A job without `outputs:` has none: a step's outputs
/// reach other jobs only through the job's own `outputs:`.
fn job_outputs(job: &Job<'_>) -> Option<Vec<String>> {
    if job.uses.is_some() || job.node.get("uses").is_some() {
        return None;
    }
    let Some(outputs) = job.node.get("outputs") else {
        return Some(Vec::new());
    };
    if outputs.is_null() {
        return Some(Vec::new());
    }
    outputs.as_map()?.iter().map(|e| plain(&e.key)).collect()
}

/// The inputs a workflow declares under `workflow_dispatch` and `workflow_call`, when it
/// declares some: the `inputs` context holds nothing else (other events leave it empty, and a
/// caller cannot pass an input its callee does not declare).
fn declared_inputs(root: &Node) -> Option<Vec<String>> {
    let on = root.get("on")?;
    let mut triggers: Vec<(&str, Option<&Node>)> = Vec::new();
    if let Some(map) = on.as_map() {
        for e in map {
            triggers.push((e.key.as_str()?, Some(&e.value)));
        }
    } else if let Some(items) = on.as_seq() {
        for i in items {
            triggers.push((i.as_str()?, None));
        }
    } else {
        triggers.push((on.as_str()?, None));
    }
    let mut names = Vec::new();
    let mut declared = false;
    for (trigger, body) in triggers {
        if !matches!(trigger, "workflow_dispatch" | "workflow_call") {
            continue;
        }
        if let Some(inputs) = body.and_then(|b| b.get("inputs")) {
            if inputs.is_null() {
                continue;
            }
            declared = true;
            for e in inputs.as_map()? {
                names.push(e.key.as_str()?.to_ascii_lowercase());
            }
        }
    }
    declared.then_some(names)
}

/// The nearest candidate, on lists of a readable size (each finding scans them all).
fn suggestion(name: &str, candidates: &[String]) -> Option<String> {
    if candidates.len() > 200 {
        return None;
    }
    let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
    crate::suggest::did_you_mean(name, &candidates).map(|n| format!("did you mean `{n}`?"))
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else {
        return;
    };
    let inputs = declared_inputs(root);
    let all_jobs: HashMap<String, usize> = input
        .jobs
        .iter()
        .enumerate()
        .map(|(i, j)| (j.id.to_ascii_lowercase(), i))
        .collect();
    // What each job shows, read once: a job of 10,000 steps is checked in linear time.
    let every: Vec<Shown> = input
        .jobs
        .iter()
        .map(|job| {
            let steps = step_ids(job);
            let first = steps.as_ref().map(|ids| {
                let mut first = HashMap::new();
                for (i, id) in ids.iter().enumerate() {
                    if let Some(id) = id {
                        first.entry(id.clone()).or_insert(i);
                    }
                }
                first
            });
            Shown {
                steps,
                first,
                needs: needs(job),
                matrix: matrix_keys(input.text, job),
                outputs: job_outputs(job),
            }
        })
        .collect();
    for site in sites(input.text, root, input.jobs) {
        let e = &site.expression;
        let Ok(tree) = &e.tree else {
            continue;
        };
        let job = site
            .job
            .and_then(|j| Some((input.jobs.get(j)?, every.get(j)?)));
        for node in tree.path_nodes() {
            let Some(segments) = node.segments() else {
                continue;
            };
            let [(context, _), (name, span), rest @ ..] = segments.as_slice() else {
                continue;
            };
            if name == "*" {
                continue;
            }
            let span = e.source(*span);
            let written = input.text.get(span.start..span.end).unwrap_or(name);
            match (context.as_str(), job) {
                ("steps", Some((job, shown))) if site.step.is_some() || site.key == "outputs" => {
                    let (Some(ids), Some(first)) = (&shown.steps, &shown.first) else {
                        continue;
                    };
                    let here = site.step.unwrap_or(ids.len());
                    let before = || -> Vec<String> {
                        ids[..here.min(ids.len())]
                            .iter()
                            .flatten()
                            .cloned()
                            .collect()
                    };
                    match first.get(name.as_str()).copied() {
                        Some(i) if i < here => {}
                        Some(i) => {
                            let which = if i == here {
                                "this step itself"
                            } else {
                                "a later step"
                            };
                            cx.report(
                                span,
                                format!("`steps.{written}` is {which}, which has not run yet here: it reads empty"),
                            )
                            .help("read a step's outputs in the steps after it");
                        }
                        None => {
                            let d = cx.report(
                                span,
                                format!(
                                    "no step of the job `{}` has the id `{written}`: `steps.{written}` reads empty",
                                    job.id
                                ),
                            );
                            match suggestion(name, &before()) {
                                Some(s) => d.help(s),
                                None => d.help(
                                    "give the step an `id:`, or name the id of an earlier step",
                                ),
                            };
                        }
                    }
                }
                ("needs", Some((job, shown))) => {
                    let Some(needed) = &shown.needs else {
                        continue;
                    };
                    if needed.iter().any(|n| n == name) {
                        let needed_job = all_jobs
                            .get(name.as_str())
                            .and_then(|&i| Some((input.jobs.get(i)?, every.get(i)?)));
                        if let Some((needed_job, needed_shown)) = needed_job {
                            check_needed_job(
                                input.text,
                                e,
                                &format!("needs.{written}"),
                                rest,
                                needed_job,
                                needed_shown,
                                cx,
                            );
                        }
                        continue;
                    }
                    let d = cx.report(
                        span,
                        format!(
                            "the job `{}` does not need `{written}`, so `needs.{written}` reads empty",
                            job.id
                        ),
                    );
                    if all_jobs.contains_key(name.as_str()) {
                        d.help(format!("add `{written}` to the job's `needs:`"));
                    } else {
                        match suggestion(name, needed) {
                            Some(s) => d.help(s),
                            None => d.help("name a job listed in the job's `needs:`"),
                        };
                    }
                }
                ("matrix", Some((job, shown))) => {
                    let Some(keys) = &shown.matrix else {
                        continue;
                    };
                    if keys.iter().any(|k| k == name) {
                        continue;
                    }
                    let d = cx.report(
                        span,
                        if keys.is_empty() {
                            format!("the job `{}` has no matrix, so `matrix.{written}` reads empty", job.id)
                        } else {
                            format!("the matrix of the job `{}` has no key `{written}`: `matrix.{written}` reads empty", job.id)
                        },
                    );
                    match suggestion(name, keys) {
                        Some(s) => d.help(s),
                        None if keys.is_empty() => {
                            d.help("add it to `strategy.matrix`, or read another context")
                        }
                        None => d.help(format!("the matrix keys are {}", keys.join(", "))),
                    };
                }
                // `on.workflow_call.outputs.<name>.value`: the `jobs` context, every job of the
                // workflow.
                ("jobs", None) if site.key == "on" => {
                    match all_jobs
                        .get(name.as_str())
                        .and_then(|&i| Some((input.jobs.get(i)?, every.get(i)?)))
                    {
                        Some((called, called_shown)) => check_needed_job(
                            input.text,
                            e,
                            &format!("jobs.{written}"),
                            rest,
                            called,
                            called_shown,
                            cx,
                        ),
                        None => {
                            let ids: Vec<String> =
                                input.jobs.iter().map(|j| j.id.to_string()).collect();
                            let d = cx.report(
                                span,
                                format!("the workflow has no job `{written}`: `jobs.{written}` reads empty"),
                            );
                            match suggestion(name, &ids) {
                                Some(s) => d.help(s),
                                None => d.help("name a job of this workflow"),
                            };
                        }
                    }
                }
                (context @ ("github" | "runner" | "strategy"), _) => {
                    let known = match context {
                        "github" => GITHUB_PROPERTIES,
                        "runner" => RUNNER_PROPERTIES,
                        _ => STRATEGY_PROPERTIES,
                    };
                    if known.contains(&name.as_str()) {
                        continue;
                    }
                    let d = cx.report(
                        span,
                        format!("the `{context}` context has no property `{written}`: `{context}.{written}` reads empty"),
                    );
                    match crate::suggest::did_you_mean(name, known) {
                        Some(s) => d.help(format!("did you mean `{s}`?")),
                        None if context == "github" => d.help(
                            "name a property of the `github` context (`ref`, `sha`, `event_name`...); the webhook payload is under `github.event`",
                        ),
                        None => d.help(format!("the `{context}` context has {}", known.join(", "))),
                    };
                }
                ("inputs", _) => {
                    let Some(names) = &inputs else {
                        continue;
                    };
                    if names.iter().any(|n| n == name) {
                        continue;
                    }
                    let d = cx.report(
                        span,
                        format!("the workflow declares no input `{written}`: `inputs.{written}` reads empty"),
                    );
                    match suggestion(name, names) {
                        Some(s) => d.help(s),
                        None => d.help("declare it under the trigger's `inputs:`"),
                    };
                }
                _ => {}
            }
        }
    }
}

/// What follows `needs.<job>` (or `jobs.<job>`, `path`) for a job that exists: `result`, or
/// `outputs.<name>` with a name the job declares under `outputs:`.
fn check_needed_job(
    text: &str,
    e: &crate::kinds::workflow::Expression,
    path: &str,
    rest: &[(String, crate::diagnostic::Span)],
    needed: &Job<'_>,
    shown: &Shown,
    cx: &mut Context<'_>,
) {
    let Some((property, span)) = rest.first() else {
        return;
    };
    if property == "*" || property == "result" {
        return;
    }
    let span = e.source(*span);
    let written = text.get(span.start..span.end).unwrap_or(property);
    if property != "outputs" {
        let d = cx.report(
            span,
            format!(
                "`{path}` has no property `{written}`: a job has only `outputs` and `result` here"
            ),
        );
        match suggestion(property, &["outputs".to_string(), "result".to_string()]) {
            Some(s) => d.help(s),
            None => d.help("read `outputs.<name>` or `result`"),
        };
        return;
    }
    let Some((name, span)) = rest.get(1) else {
        return;
    };
    let Some(declared) = &shown.outputs else {
        return;
    };
    if name == "*" || declared.iter().any(|n| n == name) {
        return;
    }
    let span = e.source(*span);
    let written = text.get(span.start..span.end).unwrap_or(name);
    let d = cx.report(
        span,
        if declared.is_empty() {
            format!(
                "the job `{}` declares no `outputs:`, so `{path}.outputs.{written}` reads empty",
                needed.id
            )
        } else {
            format!(
                "the job `{}` declares no output `{written}`: `{path}.outputs.{written}` reads empty",
                needed.id
            )
        },
    );
    match suggestion(name, declared) {
        Some(s) => d.help(s),
        None if declared.is_empty() => d.help(format!(
            "declare it under the `outputs:` of the job `{}` (a step's outputs reach other jobs only through them)",
            needed.id
        )),
        None => d.help(format!(
            "the job `{}` declares {}",
            needed.id,
            declared.join(", ")
        )),
    };
}
