use crate::kinds::workflow::{Job, Uses};
use crate::rule::{Context, WorkflowInput};
use crate::syntax::yaml::{Entry, Node, Typed};

crate::declare_rule! {
    /// ## What it does
    /// Checks a job that calls a reusable workflow of the same repository
    /// (`uses: ./.github/workflows/deploy.yml`) against what that workflow declares under
    /// `on.workflow_call`, as GitHub does before the run starts. It reports:
    ///
    /// - a `with:` key the called workflow does not declare under `inputs` (with the nearest
    ///   declared name), at the key;
    /// - a `secrets:` key it does not declare under `secrets`, at the key (not judged with
    ///   `secrets: inherit`, which passes every secret and names none);
    /// - an input declared `required: true` with no `default`, or a secret declared
    ///   `required: true`, that the job does not pass (a secret not with `secrets: inherit`),
    ///   at the job's `uses:`;
    /// - a literal `with:` value that cannot be the input's `type`: a `boolean` input takes
    ///   `true` or `false` unquoted, a `number` input a number unquoted;
    /// - a called workflow whose `on:` has no `workflow_call` trigger at all.
    ///
    /// It needs the called workflow's text: the CLI reads it from the calling workflow's own
    /// folder (reusable workflows live in `.github/workflows` itself, never in a subfolder),
    /// the language server from the open buffer or else the disk, the web page from an open tab
    /// named `.github/workflows/<file>`. Nothing is said about a remote workflow
    /// (`org/repo/...@ref`), a `uses:` built from an expression, a workflow read from standard
    /// input without `--stdin-filename` or linted outside a `.github/workflows` folder, or a
    /// called file that is missing, unreadable or not valid YAML (its own lint reports that).
    ///
    /// Input and secret names are compared ignoring case. Values written with `${{ }}` are not
    /// judged (their type is known only when the run starts), nor are empty (`null`) values,
    /// nor any value given to a `string` input: GitHub passes a `true` or a `3` given to a
    /// `string` input on as the text `true` or `3` (actionlint reports a boolean given to a
    /// string input; GitHub accepts it). A `with:` or `secrets:` written as one expression is
    /// not judged. An input that is `required: true` but has a `default` is not reported
    /// missing: the default serves. A misspelt key is reported once, at the key, not also as
    /// the required name it was meant to be.
    ///
    /// ## Why is this bad?
    /// GitHub refuses the call before any job runs. Its docs say so for inputs ("If a caller
    /// workflow passes an input that is not specified in the called workflow, this results in
    /// an error") and for secrets (the same sentence), a required input or secret must be
    /// supplied, and a value of the wrong type stops the run at setup ("Unexpected value
    /// 'false'" for the text `false` given to a boolean input). The mistake shows only when the
    /// calling workflow runs — for a release or deploy workflow, when it is needed.
    ///
    /// ## Example
    /// ```yaml .github/workflows/deploy.yml
    /// on:
    ///   workflow_call:
    ///     inputs:
    ///       environment:
    ///         type: string
    ///         default: staging
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh "$ENVIRONMENT"
    ///         env:
    ///           ENVIRONMENT: ${{ inputs.environment }}
    /// ```
    ///
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     uses: ./.github/workflows/deploy.yml
    ///     with:
    ///       enviroment: production
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   deploy:
    ///     uses: ./.github/workflows/deploy.yml
    ///     with:
    ///       environment: production
    /// ```
    ///
    /// ## References
    /// - [Workflow syntax: `on.workflow_call.inputs`](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#onworkflow_callinputs)
    /// - [Workflow syntax: `on.workflow_call.secrets`](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#onworkflow_callsecrets)
    /// - [Workflow syntax: `jobs.<job_id>.with` and `jobs.<job_id>.secrets.inherit`](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idwith)
    /// - [GitHub: reusing workflows](https://docs.github.com/en/actions/sharing-automations/reusing-workflows)
    /// - [actionlint: workflow-call](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-inputs-and-secrets-in-workflow-call)
    pub static RULE = {
        code: "GA030",
        name: "workflow-call-mismatch",
        severity: Error,
        aliases: ["workflow-call"],
        fix: None,
        default: true,
        check: GithubWorkflow(check),
    }
}

/// What a reusable workflow declares under `on.workflow_call`.
struct Callee {
    /// Whether `on:` has a `workflow_call` trigger.
    reusable: bool,
    /// `None`: written so that what it declares is not known here (an expression).
    inputs: Option<Vec<Declared>>,
    secrets: Option<Vec<Declared>>,
}

struct Declared {
    name: String,
    /// Must be passed: `required: true`, and for an input no `default`.
    required: bool,
    /// An input's `type`, when it is one GitHub knows.
    kind: Option<InputType>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum InputType {
    Boolean,
    Number,
    String,
}

impl Callee {
    /// `None` when the text is not a workflow this rule can read (not YAML, no `on:`): its own
    /// lint reports that.
    fn read(text: &str) -> Option<Callee> {
        let yaml = crate::syntax::yaml::parse(text);
        if yaml.has_syntax_error() {
            return None;
        }
        let root = yaml.documents.first().filter(|r| r.as_map().is_some())?;
        let events = super::events(Some(root));
        if events.is_empty() {
            return None;
        }
        if !events.iter().any(|(name, _)| *name == "workflow_call") {
            return Some(Callee {
                reusable: false,
                inputs: None,
                secrets: None,
            });
        }
        let call = root.get("on").and_then(|on| on.get("workflow_call"));
        let section = |key: &str| declared(call.and_then(|c| c.get(key)), key == "inputs");
        Some(Callee {
            reusable: true,
            inputs: section("inputs"),
            secrets: section("secrets"),
        })
    }
}

/// The names declared in an `inputs:` or `secrets:` section (absent or empty: none).
fn declared(section: Option<&Node>, inputs: bool) -> Option<Vec<Declared>> {
    let Some(section) = section.filter(|s| !s.is_null()) else {
        return Some(Vec::new());
    };
    let entries = section.as_map()?;
    let out = entries
        .iter()
        .filter_map(|e| {
            let name = e.key.as_str()?.to_string();
            let spec = &e.value;
            let required = spec.get("required").is_some_and(super::is_true)
                && !(inputs && spec.get("default").is_some());
            let kind = match spec.get("type").and_then(Node::as_str).map(str::trim) {
                Some("boolean") => Some(InputType::Boolean),
                Some("number") => Some(InputType::Number),
                Some("string") => Some(InputType::String),
                _ => None,
            };
            Some(Declared {
                name,
                required,
                kind,
            })
        })
        .collect();
    Some(out)
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    for job in input.jobs {
        let Some(uses) = &job.uses else {
            continue;
        };
        let Some(callee) = input
            .called_workflow(uses)
            .as_deref()
            .and_then(Callee::read)
        else {
            continue;
        };
        check_call(job, uses, &callee, cx);
    }
}

fn check_call(job: &Job<'_>, uses: &Uses<'_>, callee: &Callee, cx: &mut Context<'_>) {
    let called = uses.node.as_str().unwrap_or("").trim();
    if !callee.reusable {
        cx.report(
            uses.node.span,
            format!(
                "`{called}` is not a reusable workflow: its `on:` has no `workflow_call` trigger, so GitHub refuses to call it"
            ),
        )
        .help("add `workflow_call:` under `on:` in the called workflow, or call one that has it");
        return;
    }
    // What is missing, as (kind, name); a name a misspelt key was taken for (did you mean
    // `environment`?) is that finding's, not reported missing too.
    let mut missing: Vec<(&str, &str)> = Vec::new();
    let mut suggested: Vec<&str> = Vec::new();
    if let (Some(declared), Some(passed)) = (&callee.inputs, passed(job.node.get("with"))) {
        for entry in passed {
            let Some(name) = entry.key.as_str() else {
                continue;
            };
            match find(declared, name) {
                Some(d) => check_type(called, d, &entry.value, cx),
                None => suggested.extend(unknown(cx, &entry.key, name, called, "input", declared)),
            }
        }
        missing.extend(required_missing(declared, passed).map(|n| ("input", n)));
    }
    let secrets = job.node.get("secrets");
    let inherit = secrets.is_some_and(|s| s.as_str().is_some_and(|v| v.trim() == "inherit"));
    if let (Some(declared), Some(passed), false) = (&callee.secrets, passed(secrets), inherit) {
        for entry in passed {
            let Some(name) = entry.key.as_str() else {
                continue;
            };
            if find(declared, name).is_none() {
                suggested.extend(unknown(cx, &entry.key, name, called, "secret", declared));
            }
        }
        missing.extend(required_missing(declared, passed).map(|n| ("secret", n)));
    }
    missing.retain(|(_, name)| !suggested.contains(name));
    if missing.is_empty() {
        return;
    }
    let named: Vec<String> = missing
        .iter()
        .map(|(kind, name)| format!("the {kind} `{name}`"))
        .collect();
    let under = |kind: &str, key: &str| {
        let names: Vec<String> = missing
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, n)| format!("`{n}`"))
            .collect();
        (!names.is_empty()).then(|| format!("{} under `{key}:`", join_and(&names)))
    };
    let places: Vec<String> = [under("input", "with"), under("secret", "secrets")]
        .into_iter()
        .flatten()
        .collect();
    cx.report(
        uses.node.span,
        format!(
            "`{called}` requires {}, which the job `{}` does not pass: GitHub refuses the workflow",
            join_and(&named),
            job.id
        ),
    )
    .help(format!("pass {}", join_and(&places)));
}

/// The names of `declared` that must be passed and `passed` lacks.
fn required_missing<'d>(
    declared: &'d [Declared],
    passed: &[Entry],
) -> impl Iterator<Item = &'d str> {
    declared
        .iter()
        .filter(|d| d.required && !passed.iter().any(|e| same(&e.key, &d.name)))
        .map(|d| d.name.as_str())
}

/// The entries of a `with:` or `secrets:` mapping; none when absent; `None` when it is
/// written otherwise (an expression, `inherit`), so what it passes is not known here.
fn passed(node: Option<&Node>) -> Option<&[Entry]> {
    match node {
        None => Some(&[]),
        Some(n) if n.is_null() => Some(&[]),
        Some(n) => n.as_map(),
    }
}

fn find<'d>(declared: &'d [Declared], name: &str) -> Option<&'d Declared> {
    declared.iter().find(|d| d.name.eq_ignore_ascii_case(name))
}

fn same(key: &Node, name: &str) -> bool {
    key.as_str().is_some_and(|k| k.eq_ignore_ascii_case(name))
}

/// Reports a key the called workflow does not declare; the declared name it suggests instead.
fn unknown<'d>(
    cx: &mut Context<'_>,
    key: &Node,
    name: &str,
    called: &str,
    what: &str,
    declared: &'d [Declared],
) -> Option<&'d str> {
    let names: Vec<&'d str> = declared.iter().map(|d| d.name.as_str()).collect();
    let near = crate::suggest::did_you_mean(name, &names);
    let d = cx.report(
        key.span,
        format!("`{called}` declares no {what} `{name}`: GitHub refuses the workflow"),
    );
    match near {
        Some(near) => d.help(format!("did you mean `{near}`?")),
        None if names.is_empty() => d.help(format!(
            "it declares no {what}s under `on.workflow_call`: remove this one, or declare it there"
        )),
        None if names.len() <= 10 => d.help(format!(
            "its {what}s are: {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => d.help(format!(
            "pass one of the {what}s it declares under `on.workflow_call`"
        )),
    };
    near
}

/// A literal `with:` value a `boolean` or `number` input cannot take.
fn check_type(called: &str, declared: &Declared, value: &Node, cx: &mut Context<'_>) {
    let Some(scalar) = value.as_scalar() else {
        return;
    };
    if scalar.text.contains("${{") {
        return;
    }
    let typed = scalar.typed();
    let (wanted, fits, write) = match declared.kind {
        Some(InputType::Boolean) => (
            "boolean",
            matches!(typed, Typed::Bool(_)),
            "write `true` or `false`, without quotes",
        ),
        Some(InputType::Number) => (
            "number",
            matches!(typed, Typed::Int(_) | Typed::Float(_)),
            "write a number, without quotes",
        ),
        _ => return,
    };
    if fits || matches!(typed, Typed::Null) {
        return;
    }
    let (shown, actual) = match typed {
        Typed::Bool(_) => (scalar.text.to_string(), "a boolean"),
        Typed::Int(_) | Typed::Float(_) => (scalar.text.to_string(), "a number"),
        _ if quoted_literal(&scalar.text) => (format!("\"{}\"", scalar.text), "a quoted string"),
        _ => (scalar.text.to_string(), "a string"),
    };
    cx.report(
        value.span,
        format!(
            "the input `{}` of `{called}` is a {wanted}, but `{shown}` is {actual}: GitHub refuses the workflow",
            declared.name
        ),
    )
    .help(write);
}

/// Whether a string value reads as a boolean or a number once its quotes are gone (`"true"`,
/// `'3'`): it was quoted, and that is what makes it a string.
fn quoted_literal(text: &str) -> bool {
    let t = text.trim();
    t == "true" || t == "false" || t.parse::<f64>().is_ok()
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
