use crate::diagnostic::Span;
use crate::kinds::action::USING;
use crate::rule::{ActionInput, Context};
use crate::suggest::did_you_mean;
use crate::syntax::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Checks an action's metadata (`action.yml`) against GitHub's metadata syntax. It reports,
    /// on the exact key or value:
    ///
    /// - a key GitHub does not know, with the nearest one it does (`desciption` →
    ///   `description`, `defualt` → `default`, `working_directory` → `working-directory`), at the
    ///   top level, in inputs, outputs, `runs`, composite steps and `branding`; the keys of
    ///   `runs` are those of the runtime `using` names (`steps` only for `composite`, `main` only
    ///   for JavaScript, `image` only for `docker`);
    /// - a `runs.using` GitHub has no runtime for (`node22`, `bash`), a missing `runs`, `using`,
    ///   `main` (JavaScript), `image` (Docker) or `steps` (composite), and a `branding.color`
    ///   GitHub does not offer;
    /// - a composite step with both `run` and `uses`, or neither;
    /// - `runs`, `inputs`, `outputs` or an input or output that is not a mapping, and `steps`
    ///   that are not a list of mappings.
    ///
    /// GitHub refuses such an action when a workflow uses it ("Failed to load action.yml"), so
    /// every finding is an error. What it deliberately does not report: a missing `name` or
    /// `description` of the action or of an input (the runner runs the action without them; only
    /// publishing to the Marketplace needs them), a `branding.icon` (Feather's icon set changes
    /// faster than a table here), a composite output without `value` (it is empty, not refused),
    /// and what the steps' `with:` pass to the actions they use. A `run` step without `shell` is
    /// `composite-run-step-without-shell`'s finding.
    ///
    /// ## Why is this bad?
    /// The mistake shows only when a workflow runs the action, as a failed step in someone
    /// else's job, often long after the change that caused it; a misspelt input key
    /// (`defualt:`) fails every caller.
    ///
    /// ## Example
    /// ```yaml
    /// name: Greet
    /// description: Says hello
    /// inputs:
    ///   who:
    ///     description: Whom to greet
    ///     defualt: world
    /// runs:
    ///   using: node20
    ///   main: dist/index.js
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Greet
    /// description: Says hello
    /// inputs:
    ///   who:
    ///     description: Whom to greet
    ///     default: world
    /// runs:
    ///   using: node20
    ///   main: dist/index.js
    /// ```
    ///
    /// ## References
    /// - [GitHub: Metadata syntax for GitHub Actions](https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax)
    /// - [actionlint: action metadata](https://github.com/rhysd/actionlint/blob/main/docs/checks.md#action-metadata-syntax-validation)
    pub static RULE = {
        code: "AC001",
        name: "action-schema",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: GithubAction(check),
    }
}

/// The keys of an action's metadata, as GitHub's metadata syntax lists them.
pub const TOP_KEYS: &[&str] = &[
    "name",
    "author",
    "description",
    "inputs",
    "outputs",
    "runs",
    "branding",
];
pub const INPUT_KEYS: &[&str] = &["description", "required", "default", "deprecationMessage"];
/// `value` is a composite action's; a JavaScript or Docker action sets its outputs itself and
/// GitHub ignores a `value` there, so it is accepted everywhere.
pub const OUTPUT_KEYS: &[&str] = &["description", "value"];
pub const JAVASCRIPT_KEYS: &[&str] = &["using", "main", "pre", "pre-if", "post", "post-if"];
pub const DOCKER_KEYS: &[&str] = &[
    "using",
    "image",
    "env",
    "entrypoint",
    "pre-entrypoint",
    "pre-if",
    "post-entrypoint",
    "post-if",
    "args",
];
pub const COMPOSITE_KEYS: &[&str] = &["using", "steps"];
pub const STEP_KEYS: &[&str] = &[
    "run",
    "shell",
    "uses",
    "with",
    "name",
    "id",
    "if",
    "env",
    "continue-on-error",
    "working-directory",
];
pub const BRANDING_KEYS: &[&str] = &["color", "icon"];
pub const COLORS: &[&str] = &[
    "white",
    "black",
    "yellow",
    "blue",
    "green",
    "orange",
    "red",
    "purple",
    "gray-dark",
];

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    unknown_keys(root, TOP_KEYS, "an action's metadata", cx);
    for (key, what) in [("inputs", "an input"), ("outputs", "an output")] {
        let Some(entry) = root.entry(key) else {
            continue;
        };
        let Some(items) = mapping(&entry.key, &entry.value, cx) else {
            continue;
        };
        let keys = if key == "inputs" {
            INPUT_KEYS
        } else {
            OUTPUT_KEYS
        };
        for item in items {
            if mapping(&item.key, &item.value, cx).is_some() {
                unknown_keys(&item.value, keys, what, cx);
            }
        }
    }
    if let Some(branding) = root.entry("branding")
        && mapping(&branding.key, &branding.value, cx).is_some()
    {
        unknown_keys(&branding.value, BRANDING_KEYS, "`branding`", cx);
        if let Some(color) = branding.value.get("color")
            && let Some(value) = color.as_str()
            && !COLORS.contains(&value)
        {
            report_value(cx, color.span, value, "`branding.color`", COLORS);
        }
    }
    let Some(runs) = root.entry("runs") else {
        if !misspells(root, "runs", TOP_KEYS) {
            let first = root.as_map().and_then(|m| m.first()).map(|e| e.key.span);
            cx.report(
                first.unwrap_or(root.span),
                "the action has no `runs`: GitHub does not know what to run",
            )
            .help("say what it runs: `runs:` with `using: composite` and `steps:`, `using: node20` and `main:`, or `using: docker` and `image:`");
        }
        return;
    };
    if mapping(&runs.key, &runs.value, cx).is_some() {
        check_runs(&runs.key, &runs.value, cx);
    }
}

fn check_runs(key: &Node, runs: &Node, cx: &mut Context<'_>) {
    let Some(using) = runs.get("using") else {
        if !misspells(runs, "using", &["using"]) {
            cx.report(
                key.span,
                "`runs` has no `using`: GitHub does not know how to run the action",
            )
            .help("name the runtime: `using: composite`, `using: node20` or `using: docker`");
        }
        return;
    };
    let Some(value) = using.as_str() else {
        return;
    };
    let runtime = value.trim().to_ascii_lowercase();
    let (keys, required, what) = match runtime.as_str() {
        "composite" => (COMPOSITE_KEYS, "steps", "the steps to run"),
        "docker" => (
            DOCKER_KEYS,
            "image",
            "the image to run (`Dockerfile` or `docker://...`)",
        ),
        r if r.starts_with("node") && USING.contains(&r) => {
            (JAVASCRIPT_KEYS, "main", "the JavaScript file to run")
        }
        // Every `nodeNN` is one edit from the others: name the current runtimes instead.
        r if r.starts_with("node") => {
            cx.report(
                using.span,
                format!("`{value}` is not a runtime GitHub has: GitHub refuses the action"),
            )
            .help("JavaScript actions run on `node20` or `node24`");
            return;
        }
        _ => {
            report_value(cx, using.span, value, "`runs.using`", &USING);
            return;
        }
    };
    let place = format!("`runs` for `using: {}`", value.trim());
    unknown_keys(runs, keys, &place, cx);
    if runs.get(required).is_none() && !misspells(runs, required, keys) {
        cx.report(
            using.span,
            format!(
                "a `{}` action needs `runs.{required}`: GitHub cannot run it without",
                value.trim()
            ),
        )
        .help(format!("add `{required}:` with {what}"));
    }
    if runtime == "composite"
        && let Some(steps) = runs.get("steps")
    {
        check_steps(steps, cx);
    }
}

fn check_steps(steps: &Node, cx: &mut Context<'_>) {
    let Some(items) = steps.as_seq() else {
        cx.report(
            steps.span,
            "`runs.steps` is not a list: GitHub reads the steps of a composite action from a list",
        )
        .help("write each step as a list item (`- run: ...`)");
        return;
    };
    for step in items {
        if step.as_map().is_none() {
            cx.report(
                step.span,
                "a step is not a mapping: GitHub refuses the action",
            )
            .help("write the step's keys under the `-` (`- run: make` with `shell: bash`)");
            continue;
        }
        unknown_keys(step, STEP_KEYS, "a composite step", cx);
        let first = step.as_map().and_then(|m| m.first()).map(|e| e.key.span);
        let neither = !misspells(step, "run", STEP_KEYS) && !misspells(step, "uses", STEP_KEYS);
        crate::rules::workflow::schema::report_run_and_uses(
            cx,
            step,
            first.unwrap_or(step.span),
            neither,
            "the action",
        );
    }
}

/// The entries of `value` when it is a mapping; otherwise reports it at its key.
fn mapping<'a>(
    key: &Node,
    value: &'a Node,
    cx: &mut Context<'_>,
) -> Option<&'a [crate::syntax::yaml::Entry]> {
    if let Some(entries) = value.as_map() {
        return Some(entries);
    }
    let name = crate::syntax::yaml::key_text(key);
    // An empty value (`inputs:` with nothing under it) is YAML null: GitHub reads no entries.
    if !value.is_null() {
        cx.report(
            value.span,
            format!("`{name}` is not a mapping: GitHub refuses the action"),
        )
        .help(format!("write the keys of `{name}` indented under it"));
    }
    None
}

/// Reports every key of the mapping `node` that is not one of `keys`, with the nearest one.
fn unknown_keys(node: &Node, keys: &[&str], place: &str, cx: &mut Context<'_>) {
    for entry in node.as_map().unwrap_or_default() {
        if entry.merged {
            continue;
        }
        let Some(key) = entry.key.as_str() else {
            continue;
        };
        if keys.contains(&key) {
            continue;
        }
        let d = cx.report(
            entry.key.span,
            format!("`{key}` is not a key of {place}: GitHub refuses the action"),
        );
        match did_you_mean(&key.replace(['_', ' '], "-"), keys) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None => d.help(format!(
                "the keys of {place} are {}",
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
    }
}

/// Reports a value GitHub does not accept, with the nearest one it does.
fn report_value(cx: &mut Context<'_>, span: Span, value: &str, place: &str, values: &[&str]) {
    let d = cx.report(
        span,
        format!("`{value}` is not a value of {place}: GitHub refuses the action"),
    );
    match did_you_mean(value, values) {
        Some(near) => d.help(format!("did you mean `{near}`?")),
        None => d.help(format!(
            "{place} is one of {}",
            values
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
}

/// Whether a key of `node` that is not one of `keys` misspells `key`: it is reported as
/// unknown with `key` suggested, so `key` missing is the same problem, reported once.
pub(crate) fn misspells(node: &Node, key: &str, keys: &[&str]) -> bool {
    node.as_map().unwrap_or_default().iter().any(|e| {
        e.key.as_str().is_some_and(|k| {
            !keys.contains(&k) && did_you_mean(&k.replace(['_', ' '], "-"), &[key]).is_some()
        })
    })
}
