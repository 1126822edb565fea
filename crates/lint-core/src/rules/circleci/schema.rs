use std::sync::LazyLock;

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value as J;

use crate::diagnostic::{Severity, Span};
use crate::rule::{CircleciInput, Context};
use crate::rules::schema::{
    self, Finding, Repair, Schema, Seen, actual_word, field_name, or_list, type_word,
};
use crate::syntax::yaml::{Node, key_text};

crate::declare_rule! {
    /// ## What it does
    /// Validates `.circleci/config.yml` against rlint's schema of it, written from CircleCI's
    /// configuration references (`rules/schemas/circleci.schema.json`). It reports, on the
    /// exact key or value:
    /// - a key CircleCI does not take, with the nearest one it does (`working_dir` →
    ///   `working_directory`), in jobs, executors, commands, parameter declarations, steps'
    ///   settings, `docker` images, workflows and workflow job entries (`filters`, `matrix`);
    /// - an argument a workflow passes to a job of the file, or a step to a command of the
    ///   file, that it does not declare (`requries:` → `requires`); for an orb's job, only a
    ///   misspelt workflow job key, as a warning (the orb's parameters are not in the file);
    /// - a parameter's `default` of another type than its `type` (`type: integer` with
    ///   `default: many`), and a value an enum parameter does not list, as its `default` or
    ///   as an argument from a workflow, a `matrix` or a step;
    /// - a job without `steps` (most often its `steps:` indented as a job of its own) or
    ///   without an executor, a workflow without `jobs`;
    /// - a step YAML reads as a mapping of several keys: `- run:` with its `command:` not
    ///   indented under it;
    /// - a value of the wrong type or form: `steps` written as a mapping, `parallelism: four`,
    ///   a parameter type CircleCI does not know, a `when:` other than `always`, `on_success`
    ///   or `on_fail`, a condition that is not a logic statement, a command or executor name
    ///   with capitals, an orb without `@version`.
    ///
    /// The schema is as lenient as CircleCI: a `<< parameters.x >>` or `<< pipeline.x >>`
    /// reference stands for any typed value, numbers stand for text (`xcode: 15.4`), YAML 1.1
    /// booleans (`yes`, `off`) are booleans, and an orb command's arguments are free. Top-level
    /// keys CircleCI does not read are left alone — files keep their YAML anchors under
    /// `aliases:`, `references:` or `defaults:` — unless the key is a misspelling of one it
    /// reads (`workflow:`), which is a warning: CircleCI ignores it, and the section it meant is
    /// missing. Unknown names of jobs, steps and orbs, `<< >>` references and the `version`
    /// are other rules' findings.
    ///
    /// CircleCI compiles a 2.1 configuration against its schema and refuses it on any
    /// violation ("ERROR IN CONFIG FILE ... extraneous key [x] is not permitted"): errors. A 2.0
    /// configuration with an unknown key still runs with a warning on the job page, so unknown
    /// keys there are warnings.
    ///
    /// ## Why is this bad?
    /// CircleCI refuses the whole configuration: no workflow runs until the key is fixed, and the
    /// message names the schema path rather than the line. A step whose settings slipped out
    /// of it (`- run:` with `command:` beside it) fails to compile the same way.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   build:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     working_dir: ~/app
    ///     steps:
    ///       - checkout
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   build:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     working_directory: ~/app
    ///     steps:
    ///       - checkout
    /// ```
    ///
    /// ## Fix safety
    /// A key that differs from a known one only by case or by `-`/space for `_`, or is a short
    /// form of it (`working_dir`, `env`, `cmd`), is renamed: safe. A typo with exactly one
    /// nearest key (`requries` → `requires`) is renamed too, as a guess: unsafe.
    ///
    /// ## References
    /// - [CircleCI: configuration reference](https://circleci.com/docs/configuration-reference/)
    /// - [CircleCI: reusable configuration reference](https://circleci.com/docs/reusing-config/)
    /// - [CircleCI support: stricter validation of 2.1 steps](https://support.circleci.com/hc/en-us/articles/360044869752-Sudden-config-validation-errors)
    pub static RULE = {
        code: "CC014",
        name: "circleci-schema-violation",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Circleci(check),
    }
}

/// rlint's CircleCI schema, as written in `rules/schemas/`.
pub const SCHEMA_TEXT: &str = include_str!("../../../../../rules/schemas/circleci.schema.json");

static SCHEMA: LazyLock<J> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is JSON"));
static VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| jsonschema::validator_for(&SCHEMA).expect("the bundled schema compiles"));

static CIRCLECI: LazyLock<Schema<'static>> = LazyLock::new(|| Schema {
    json: &SCHEMA,
    spec: "CircleCI's configuration schema",
    place,
    skip_key: schema::skip_none,
    special: schema::no_special,
    quoted_items: &[],
    unknown_keys_at_most: None,
    keys_for,
});

/// The keys the schema allows at `path`, following `additionalProperties` (a job's, a
/// parameter's) where `schema::keys_at` follows only named properties.
fn keys_for(path: &str, _: &J) -> Option<Vec<String>> {
    let segments: Vec<String> = path
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut out = Vec::new();
    collect_keys(&SCHEMA, &segments, &mut out, 0);
    out.sort();
    out.dedup();
    Some(out)
}

fn collect_keys(schema: &J, segments: &[String], out: &mut Vec<String>, depth: usize) {
    if depth > 48 {
        return;
    }
    let schema = match schema.get("$ref").and_then(J::as_str) {
        Some(r) => match r.strip_prefix('#').and_then(|p| SCHEMA.pointer(p)) {
            Some(target) => return collect_keys(target, segments, out, depth + 1),
            None => return,
        },
        None => schema,
    };
    for branch in ["oneOf", "anyOf", "allOf"] {
        for b in schema
            .get(branch)
            .and_then(J::as_array)
            .into_iter()
            .flatten()
        {
            collect_keys(b, segments, out, depth + 1);
        }
    }
    let Some((first, rest)) = segments.split_first() else {
        if let Some(props) = schema.get("properties").and_then(J::as_object) {
            out.extend(props.keys().cloned());
        }
        return;
    };
    if let Some(next) = schema.get("properties").and_then(|p| p.get(first)) {
        collect_keys(next, rest, out, depth + 1);
    } else if first.parse::<usize>().is_ok()
        && let Some(items) = schema.get("items")
    {
        collect_keys(items, rest, out, depth + 1);
    } else if let Some(next) = schema.get("additionalProperties").filter(|a| a.is_object()) {
        collect_keys(next, rest, out, depth + 1);
    }
}

/// The top-level keys CircleCI reads.
fn top_level_keys() -> Vec<&'static str> {
    SCHEMA
        .get("properties")
        .and_then(J::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// The document as JSON, as rlint validates it: without the top-level keys CircleCI does not
/// read (anchors kept for aliases, notes), unless one is a misspelling of a key it reads and holds
/// no anchor.
pub fn prepared_json(text: &str, root: &Node) -> J {
    let mut json = root.to_json();
    let known = top_level_keys();
    if let (Some(entries), Some(object)) = (root.as_map(), json.as_object_mut()) {
        for entry in entries {
            let key = key_text(&entry.key);
            if known.contains(&key.as_str()) {
                continue;
            }
            let misspelt = crate::suggest::did_you_mean(&key, &known).is_some();
            if !misspelt || holds_anchor(text, entry) {
                object.remove(&key);
            }
        }
    }
    json
}

/// `key: &name value`: the anchor sits between the key's colon and the value, or opens it.
fn holds_anchor(text: &str, entry: &crate::syntax::yaml::Entry) -> bool {
    let between = text
        .get(entry.key.span.end..entry.value.span.start)
        .unwrap_or("");
    let opens = text
        .get(entry.value.span.start..entry.value.span.end)
        .is_some_and(|v| v.starts_with('&'));
    between.contains('&') || opens
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    let Some(root) = input.root else { return };
    let json = prepared_json(input.text, root);
    let wording = Schema {
        // A 2.0 configuration with an unknown key runs, with a warning on the job page.
        unknown_keys_at_most: input.model.is_v2_0().then_some(Severity::Warning),
        ..*CIRCLECI
    };
    let errors: Vec<ValidationError<'_>> = VALIDATOR.iter_errors(&json).collect();
    let flat: Vec<Flat<'_>> = errors.iter().flat_map(flatten).collect();
    // A step of several keys is one finding: its keys are not judged as steps of their own.
    let split_steps: Vec<String> = flat
        .iter()
        .filter_map(|f| match f {
            Flat::Error(e) if matches!(e.kind(), ValidationErrorKind::MaxProperties { .. }) => {
                Some(format!("{}/", e.instance_path().as_str()))
            }
            _ => None,
        })
        .collect();
    let mut seen = Seen::new();
    for f in flat {
        if split_steps.iter().any(|p| f.path().starts_with(p.as_str())) {
            continue;
        }
        let found = findings(&wording, root, &json, input.text, f);
        schema::report(found, &mut seen, input.text, cx);
    }
    let mut found = arguments(input);
    found.extend(enum_values(input, root));
    found.sort_by_key(|f| f.span.start);
    schema::report(found, &mut seen, input.text, cx);
}

/// The keys of a workflow's job entry that are not the job's arguments.
const WORKFLOW_JOB_KEYS: [&str; 10] = [
    "requires",
    "name",
    "context",
    "type",
    "filters",
    "matrix",
    "pre-steps",
    "post-steps",
    "serial-group",
    "override-with",
];

/// The declared parameter names of a job or command of the file.
fn declared(def: &Node) -> Vec<String> {
    def.get("parameters")
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .map(|e| key_text(&e.key))
        .collect()
}

/// Arguments a workflow job entry or a step passes that the job or command of the file does not
/// declare (CircleCI: "Unexpected argument(s)"), and, for jobs whose parameters are not in the
/// file (orbs', approval jobs), keys that are misspellings of a workflow job key.
fn arguments(input: &CircleciInput<'_>) -> Vec<Finding> {
    let model = input.model;
    let mut out = Vec::new();
    let mut judge = |args: &Node, owner: Option<(&str, &str, Vec<String>)>, reserved: &[&str]| {
        let entries = args.as_map().unwrap_or_default();
        let rename = |key: &Node, to: &str| {
            let free = !entries.iter().any(|e| e.key.as_str() == Some(to));
            free.then(|| Repair::RenameKey {
                key: key.span,
                to: to.to_string(),
                certain: false,
            })
        };
        for entry in entries {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            if reserved.contains(&key) || super::is_templated(key) {
                continue;
            }
            let near = crate::suggest::did_you_mean(key, reserved);
            let (message, help, at_most, to) = match &owner {
                Some((what, name, params)) => {
                    if params.iter().any(|p| p == key) {
                        continue;
                    }
                    let mut names: Vec<&str> = reserved.to_vec();
                    names.extend(params.iter().map(String::as_str));
                    let to = crate::suggest::did_you_mean(key, &names);
                    let help = match to {
                        Some(n) => format!("did you mean `{n}`?"),
                        None if params.is_empty() => format!("`{name}` declares no parameters"),
                        None => format!(
                            "the parameters of `{name}` are {}",
                            schema::list(&params.iter().map(String::as_str).collect::<Vec<_>>(), 8)
                        ),
                    };
                    let message = if reserved.is_empty() {
                        format!(
                            "`{key}` is not a parameter of {what} `{name}`: CircleCI refuses the argument"
                        )
                    } else {
                        format!(
                            "`{key}` is not a parameter of {what} `{name}`, nor a key of a workflow job: CircleCI refuses the argument"
                        )
                    };
                    (message, help, None, to)
                }
                None => match near {
                    Some(n) => (
                        format!("`{key}` is not a key of a workflow job"),
                        format!(
                            "did you mean `{n}`? (an orb job may take `{key}` as a parameter; CircleCI refuses it if not)"
                        ),
                        Some(Severity::Warning),
                        Some(n),
                    ),
                    None => continue,
                },
            };
            out.push(Finding {
                span: entry.key.span,
                message,
                help: Some(help),
                repair: to.and_then(|to| rename(&entry.key, to)),
                at_most,
            });
        }
    };
    for workflow in &model.workflows {
        for job in &workflow.jobs {
            let Some(args) = job.args else { continue };
            let local = model.jobs.iter().find(|j| j.name == job.job);
            // A matrix passes its parameters as arguments too; a 2.0 file has no parameters.
            let owner = local
                .filter(|_| !model.is_v2_0())
                .map(|j| ("job", j.name, declared(j.node)));
            judge(args, owner, &WORKFLOW_JOB_KEYS);
        }
    }
    for step in &model.steps {
        let Some(args) = step.args.filter(|a| a.as_map().is_some()) else {
            continue;
        };
        if let Some(command) = model.commands.iter().find(|c| c.name == step.name) {
            judge(
                args,
                Some(("command", command.name, declared(command.node))),
                &[],
            );
        }
    }
    out
}

/// A scalar's text as written (`3.8` for the number), for comparing with an enum's values.
fn scalar(node: &Node) -> Option<&str> {
    match &node.value {
        crate::syntax::yaml::Value::Scalar(s) => Some(&s.text),
        _ => None,
    }
}

/// The enum parameters of a `parameters:` declaration: name, values.
fn enums(parameters: Option<&Node>) -> Vec<(String, Vec<&str>)> {
    parameters
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .filter(|e| e.value.get("type").and_then(Node::as_str) == Some("enum"))
        .filter_map(|e| {
            let values = e.value.get("enum")?.as_seq()?;
            let values: Option<Vec<&str>> = values.iter().map(scalar).collect();
            Some((key_text(&e.key), values?))
        })
        .collect()
}

/// A value an enum parameter does not list: its declared `default`, or an argument a workflow,
/// a matrix or a step passes to a job or command of the file.
fn enum_values(input: &CircleciInput<'_>, root: &Node) -> Vec<Finding> {
    let model = input.model;
    let mut out = Vec::new();
    let mut judge = |value: &Node, param: &str, values: &[&str], whose: &str| {
        let Some(written) = scalar(value) else { return };
        if values.contains(&written) || super::is_templated(written) {
            return;
        }
        let help = match crate::suggest::did_you_mean(written, values) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("use one of: {}", schema::list(values, 12)),
        };
        out.push(Finding {
            span: value.span,
            message: format!(
                "`{written}` is not a value of the enum parameter `{param}`{whose}: CircleCI refuses it"
            ),
            help: Some(help),
            repair: None,
            at_most: None,
        });
    };
    let declarations = std::iter::once(root.get("parameters")).chain(
        [&model.jobs, &model.commands, &model.executors]
            .into_iter()
            .flatten()
            .map(|d| d.node.get("parameters")),
    );
    for parameters in declarations {
        for (name, values) in enums(parameters) {
            let default = parameters
                .and_then(|p| p.get(&name))
                .and_then(|d| d.get("default"));
            if let Some(default) = default.filter(|d| !d.is_null()) {
                judge(default, &name, &values, "");
            }
        }
    }
    for workflow in &model.workflows {
        for job in &workflow.jobs {
            let Some(args) = job.args else { continue };
            let Some(local) = model.jobs.iter().find(|j| j.name == job.job) else {
                continue;
            };
            let whose = format!(" of job `{}`", local.name);
            let matrix = args.get("matrix").and_then(|m| m.get("parameters"));
            for (name, values) in enums(local.node.get("parameters")) {
                if let Some(value) = args.get(&name) {
                    judge(value, &name, &values, &whose);
                }
                for value in matrix
                    .and_then(|m| m.get(&name))
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                {
                    judge(value, &name, &values, &whose);
                }
            }
        }
    }
    for step in &model.steps {
        let Some(args) = step.args.filter(|a| a.as_map().is_some()) else {
            continue;
        };
        let Some(command) = model.commands.iter().find(|c| c.name == step.name) else {
            continue;
        };
        let whose = format!(" of command `{}`", command.name);
        for (name, values) in enums(command.node.get("parameters")) {
            if let Some(value) = args.get(&name) {
                judge(value, &name, &values, &whose);
            }
        }
    }
    out
}

/// One violation as it is worded: an `anyOf` whose only branch of the value's type is
/// described by that branch's own errors (so `<< >>` alternatives say nothing), others as they
/// are.
enum Flat<'e> {
    Error(&'e ValidationError<'e>),
    /// Every branch of an `anyOf` with a `<< >>` alternative wants another type: the types
    /// wanted, at the path.
    Types(&'e ValidationError<'e>, Vec<&'static str>, bool),
}

impl Flat<'_> {
    fn path(&self) -> &str {
        match self {
            Flat::Error(e) | Flat::Types(e, _, _) => e.instance_path().as_str(),
        }
    }
}

fn flatten<'e>(error: &'e ValidationError<'e>) -> Vec<Flat<'e>> {
    let (ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context }) =
        error.kind()
    else {
        return vec![Flat::Error(error)];
    };
    let here = error.instance_path().as_str();
    // The branch of the `template` definition (a `$ref` to it: its errors are evaluated there).
    let template = |branch: &Vec<ValidationError<'static>>| {
        !branch.is_empty()
            && branch.iter().all(|e| {
                e.instance_path().as_str() == here
                    && e.schema_path().as_str().starts_with("/$defs/template/")
            })
    };
    let others: Vec<&Vec<ValidationError<'static>>> =
        context.iter().filter(|b| !template(b)).collect();
    let fitting: Vec<_> = others
        .iter()
        .filter(|b| !b.iter().any(|e| type_mismatch(e, here)))
        .collect();
    match fitting.as_slice() {
        [one] => one.iter().flat_map(flatten).collect(),
        [] => {
            let mut types = Vec::new();
            for branch in &others {
                for e in branch.iter() {
                    wanted_types(e, here, &mut types);
                }
            }
            vec![Flat::Types(error, types, others.len() < context.len())]
        }
        _ => vec![Flat::Error(error)],
    }
}

/// The value at `here` has none of the types the error's schema wants (through nested `anyOf`s).
fn type_mismatch(e: &ValidationError<'_>, here: &str) -> bool {
    if e.instance_path().as_str() != here {
        return false;
    }
    match e.kind() {
        ValidationErrorKind::Type { .. } => true,
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            context
                .iter()
                .all(|b| b.iter().any(|x| type_mismatch(x, here)))
        }
        _ => false,
    }
}

fn wanted_types(e: &ValidationError<'_>, here: &str, out: &mut Vec<&'static str>) {
    if e.instance_path().as_str() != here {
        return;
    }
    match e.kind() {
        ValidationErrorKind::Type { kind } => match kind {
            TypeKind::Single(t) => out.push(t.as_str()),
            TypeKind::Multiple(set) => out.extend(set.iter().map(|t| t.as_str())),
        },
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            for x in context.iter().flatten() {
                wanted_types(x, here, out);
            }
        }
        _ => {}
    }
}

fn one(span: Span, message: String, help: Option<String>) -> Vec<Finding> {
    vec![Finding {
        span,
        message,
        help,
        repair: None,
        at_most: None,
    }]
}

/// Short forms written for a key CircleCI spells out, too far from it for did-you-mean.
const SHORT_FORMS: [(&str, &str); 4] = [
    ("working_dir", "working_directory"),
    ("workdir", "working_directory"),
    ("env", "environment"),
    ("cmd", "command"),
];

fn findings(
    wording: &Schema<'_>,
    root: &Node,
    json: &J,
    text: &str,
    flat: Flat<'_>,
) -> Vec<Finding> {
    let error = match flat {
        Flat::Error(e) => e,
        Flat::Types(e, types, templated) => {
            return types_finding(root, json, e.instance_path().as_str(), &types, templated);
        }
    };
    let path = error.instance_path().as_str();
    // The version is circleci-version's.
    if path == "/version" {
        return Vec::new();
    }
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let node = root.pointer(path);
    let value_span = node.map_or(Span::empty(0), |n| n.span);
    match error.kind() {
        // `commnd:` for `command:`: the misspelt key's finding says it.
        ValidationErrorKind::Required { property }
            if node
                .and_then(Node::as_map)
                .unwrap_or_default()
                .iter()
                .any(|e| {
                    let key = key_text(&e.key);
                    Some(key.as_str()) != property.as_str()
                        && property
                            .as_str()
                            .is_some_and(|p| crate::suggest::did_you_mean(&key, &[p]).is_some())
                }) =>
        {
            return Vec::new();
        }
        ValidationErrorKind::Required { property }
            if property.as_str() == Some("steps") && is_job(&parts) =>
        {
            return job_without_steps(root, path);
        }
        ValidationErrorKind::AnyOf { context } if is_job(&parts) && all_required(context) => {
            let name = field_name(path);
            let key = key_span(root, path).unwrap_or(value_span);
            return one(
                key,
                format!("job `{name}` has no executor: CircleCI needs to know where its steps run"),
                Some("give it `docker:`, `machine:`, `macos:` or `executor:`".into()),
            );
        }
        ValidationErrorKind::PropertyNames { error }
            if matches!(
                parts.as_slice(),
                ["commands" | "executors"] | ["orbs", _, "commands" | "executors"]
            ) =>
        {
            let name = error.instance().as_str().unwrap_or_default().to_string();
            let what = if parts.last() == Some(&"commands") {
                "command"
            } else {
                "executor"
            };
            let span = node
                .and_then(|n| n.entry(&name))
                .map_or(value_span, |e| e.key.span);
            return one(
                span,
                format!(
                    "`{name}` is not a valid {what} name: CircleCI takes lowercase letters, digits, `_` and `-`, starting with a letter"
                ),
                Some(format!(
                    "rename it (`{}`), and every step or job that uses it",
                    name.to_lowercase()
                )),
            );
        }
        ValidationErrorKind::Pattern { .. }
            if matches!(parts.as_slice(), ["orbs", _] | ["orbs", _, "orbs", _]) =>
        {
            let written = json.pointer(path).and_then(J::as_str).unwrap_or_default();
            return one(
                value_span,
                format!(
                    "`{written}` is not an orb reference: CircleCI takes `namespace/orb@version`"
                ),
                Some("pin a version: `circleci/node@5.2.0` (or `@5` for the latest 5.x)".into()),
            );
        }
        // `yes`/`off` spell booleans; any other string does not.
        ValidationErrorKind::Pattern { .. }
            if error.schema_path().as_str().starts_with("/$defs/boolean/") =>
        {
            return types_finding(root, json, path, &["boolean"], true);
        }
        ValidationErrorKind::MaxProperties { .. } if is_step(&parts) => {
            let keys: Vec<String> = node
                .and_then(Node::as_map)
                .unwrap_or_default()
                .iter()
                .map(|e| key_text(&e.key))
                .collect();
            let (first, rest) = keys.split_first().map_or(("", &[][..]), |(f, r)| (f, r));
            let beside = schema::list(&rest.iter().map(String::as_str).collect::<Vec<_>>(), 6);
            return one(
                value_span,
                format!(
                    "this step is a mapping of {} keys: {beside} sit beside `{first}`, not under it",
                    keys.len()
                ),
                Some(format!(
                    "a step is one key; indent {beside} two spaces more, under `{first}:`"
                )),
            );
        }
        ValidationErrorKind::MaxProperties { .. } if is_workflow_job(&parts) => {
            return one(
                value_span,
                "this workflow job entry names more than one job".to_string(),
                Some("write each job as its own list item (`- build`, `- test:`)".into()),
            );
        }
        // `steps:` indented as a job: the job it belongs to has no steps, which says it all.
        ValidationErrorKind::Type { .. }
            if parts == ["jobs", "steps"] && node.is_some_and(|n| n.as_seq().is_some()) =>
        {
            return Vec::new();
        }
        ValidationErrorKind::Type { .. } if parts.last() == Some(&"steps") => {
            let actual = json.pointer(path).unwrap_or(&J::Null);
            if actual.is_object() {
                return one(
                    value_span,
                    "`steps` must be a list of steps, not a mapping".to_string(),
                    Some("write each step as a list item: `- checkout`, `- run: make`".into()),
                );
            }
        }
        _ => {}
    }
    match error.kind() {
        ValidationErrorKind::Type { kind } => {
            let types: Vec<&str> = match kind {
                TypeKind::Single(t) => vec![t.as_str()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
            };
            return types_finding(root, json, path, &types, false);
        }
        ValidationErrorKind::Required { property }
            if property.as_str() == Some("jobs")
                && matches!(parts.as_slice(), ["workflows", _]) =>
        {
            let name = field_name(path);
            return one(
                key_span(root, path).unwrap_or(value_span),
                format!(
                    "workflow `{name}` has no `jobs`: CircleCI refuses a workflow without them"
                ),
                Some("list the jobs it runs under `jobs:`".into()),
            );
        }
        ValidationErrorKind::Required { property }
            if property.as_str() == Some("name") && parts.last() == Some(&"executor") =>
        {
            let only = json
                .pointer(path)
                .and_then(J::as_object)
                .filter(|o| o.len() == 1)
                .and_then(|o| o.keys().next());
            let help = match only {
                Some(named) => format!(
                    "`{named}:` reads as an argument: write `name: {named}` with the arguments beside it"
                ),
                None => "write `name:` (the executor) beside its arguments".into(),
            };
            return one(
                key_span(root, path).unwrap_or(value_span),
                "`executor` needs a `name` key: the executor it runs on".to_string(),
                Some(help),
            );
        }
        _ => {}
    }
    let mut found = schema::describe(wording, root, "", path, error.kind(), json, &[]);
    if let ValidationErrorKind::AdditionalProperties { .. } = error.kind() {
        let allowed = keys_for(path, json).unwrap_or_default();
        for f in &mut found {
            let written = text.get(f.span.start..f.span.end).unwrap_or_default();
            let Some((_, to)) = SHORT_FORMS
                .iter()
                .find(|(short, to)| *short == written && allowed.iter().any(|k| k == to))
            else {
                continue;
            };
            f.help = Some(format!("did you mean `{to}`?"));
            if node.and_then(|n| n.entry(to)).is_none() {
                f.repair = Some(Repair::RenameKey {
                    key: f.span,
                    to: (*to).to_string(),
                    certain: true,
                });
            }
        }
    }
    if parts.is_empty() {
        // A misspelt top-level key: CircleCI ignores it, so the section it meant is missing.
        for f in &mut found {
            f.at_most = Some(Severity::Warning);
        }
    }
    found
}

/// Every branch of an `anyOf` asks for a key the value lacks (one of the executor keys).
fn all_required(context: &[Vec<ValidationError<'static>>]) -> bool {
    !context.is_empty()
        && context.iter().all(|branch| {
            matches!(branch.as_slice(), [e] if matches!(e.kind(), ValidationErrorKind::Required { .. }))
        })
}

/// `/jobs/build` or an inline orb's `/orbs/o/jobs/build`.
fn is_job(parts: &[&str]) -> bool {
    matches!(parts, ["jobs", _] | ["orbs", _, "jobs", _])
}

/// An item of a `steps`, `pre-steps` or `post-steps` list.
fn is_step(parts: &[&str]) -> bool {
    matches!(parts, [.., "steps" | "pre-steps" | "post-steps", item] if item.parse::<usize>().is_ok())
}

/// An item of a workflow's `jobs` list.
fn is_workflow_job(parts: &[&str]) -> bool {
    matches!(parts, ["workflows", _, "jobs", item] if item.parse::<usize>().is_ok())
}

fn job_without_steps(root: &Node, path: &str) -> Vec<Finding> {
    let name = field_name(path);
    let name = name.as_str();
    // `step:` for `steps:`: the unknown key's finding says it.
    let misspelt = root
        .pointer(path)
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .any(|e| crate::suggest::did_you_mean(&key_text(&e.key), &["steps"]).is_some());
    if misspelt {
        return Vec::new();
    }
    let job_key = path
        .rsplit_once('/')
        .and_then(|(jobs, _)| root.pointer(jobs))
        .and_then(|jobs| jobs.entry(name))
        .map(|e| e.key.span);
    let span = job_key.unwrap_or(Span::empty(0));
    // `steps:` indented as a job of its own, beside the job it belongs to.
    let sibling = path
        .rsplit_once('/')
        .and_then(|(jobs, _)| root.pointer(jobs))
        .and_then(|jobs| jobs.entry("steps"))
        .filter(|e| e.value.as_seq().is_some());
    let help = match sibling {
        Some(_) => {
            format!("the `steps:` below is indented as a job of its own: indent it under `{name}:`")
        }
        None => "add its `steps:` list (or give it `type: no-op` or `type: approval`)".into(),
    };
    one(
        span,
        format!("job `{name}` has no `steps`: CircleCI refuses a job without them"),
        Some(help),
    )
}

fn types_finding(
    root: &Node,
    json: &J,
    path: &str,
    types: &[&str],
    templated: bool,
) -> Vec<Finding> {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let field = field_name(path);
    let actual = json.pointer(path).unwrap_or(&J::Null);
    if parts.last() == Some(&"steps") && actual.is_object() {
        return one(
            root.pointer(path).map_or(Span::empty(0), |n| n.span),
            "`steps` must be a list of steps, not a mapping".to_string(),
            Some("write each step as a list item: `- checkout`, `- run: make`".into()),
        );
    }
    let logic = matches!(
        parts.as_slice(),
        [.., "when" | "unless", "condition"] | ["workflows", _, "when" | "unless"]
    );
    if logic {
        return one(
            root.pointer(path).map_or(Span::empty(0), |n| n.span),
            format!("`{field}` must be a logic statement, not {}", actual_word(actual)),
            Some("write a value, or one of `and`, `or`, `not`, `equal`, `matches` (`and: [a, b]` for several)".into()),
        );
    }
    // Text takes numbers and booleans as their text; a boolean, `yes`/`off` as strings.
    let mut types: Vec<&str> = types.to_vec();
    if types.contains(&"string") && types.contains(&"number") {
        types.retain(|t| !matches!(*t, "number" | "integer" | "boolean"));
    } else if types.contains(&"boolean") {
        types.retain(|t| *t != "string");
    }
    let mut words: Vec<&str> = Vec::new();
    for t in &types {
        let w = type_word(t);
        if !words.contains(&w) {
            words.push(w);
        }
    }
    // An empty value: its key, or (an empty list item) the place after its dash.
    let span = match (root.pointer(path), key_span(root, path)) {
        (Some(n), _) if !n.is_null() => n.span,
        (_, Some(key)) => key,
        (Some(n), None) => n.span,
        (None, None) => Span::empty(0),
    };
    one(
        span,
        format!(
            "`{field}` must be {}, not {}",
            or_list(&words),
            actual_word(actual)
        ),
        templated.then(|| "a `<< parameters.x >>` reference may stand for it too".to_string()),
    )
}

fn key_span(root: &Node, path: &str) -> Option<Span> {
    let (parent, last) = path.rsplit_once('/')?;
    let last = last.replace("~1", "/").replace("~0", "~");
    root.pointer(parent)?.entry(&last).map(|e| e.key.span)
}

/// Where unknown keys were found, in words.
fn place(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    match parts.as_slice() {
        [] => "top-level key".into(),
        ["jobs", _] | ["orbs", _, "jobs", _] => "job key".into(),
        ["executors", _] | ["orbs", _, "executors", _] => "executor key".into(),
        ["commands", _] | ["orbs", _, "commands", _] => "command key".into(),
        ["parameters", _] | [.., "parameters", _] => "key of a parameter declaration".into(),
        ["workflows", _] => "workflow key".into(),
        [.., "docker", item] if item.parse::<usize>().is_ok() => "key of a `docker` image".into(),
        [.., "steps" | "pre-steps" | "post-steps", item, step] if item.parse::<usize>().is_ok() => {
            format!("setting of the `{step}` step")
        }
        _ => format!("key under `{}`", field_name(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schema_compiles_and_accepts_circleci_shapes() {
        for ok in [
            json!({"version": 2.1, "jobs": {"b": {"docker": [{"image": "cimg/base:1"}],
                "parallelism": "<< parameters.n >>", "steps": ["checkout", {"run": "make"}]}}}),
            json!({"jobs": {"hold": {"type": "approval"}, "b": {"machine": true, "steps": []}}}),
            json!({"jobs": {"b": {"macos": {"xcode": 15.4}, "steps": [
                {"when": {"condition": {"equal": ["a", "<< pipeline.git.branch >>"]},
                          "steps": [{"node/install": {"x": 1}}]}},
                {"save_cache": {"key": "k", "paths": ["p"], "when": "always"}}]}}}),
            json!({"workflows": {"version": 2, "w": {"jobs": ["b", {"b": {"requires": ["a"],
                "filters": {"branches": {"only": "main"}}, "anything": 1}}]}}}),
        ] {
            let errors: Vec<String> = VALIDATOR
                .iter_errors(&ok)
                .map(|e| format!("{e} at {}", e.instance_path().as_str()))
                .collect();
            assert!(errors.is_empty(), "{ok}: {errors:?}");
        }
        for bad in [
            json!({"jobs": {"b": {"working_dir": "x", "steps": []}}}),
            json!({"jobs": {"b": {"docker": [{"image": "x"}]}}}),
            json!({"jobs": {"b": {"steps": [{"run": null, "command": "make"}]}}}),
            json!({"jobs": {"b": {"steps": {"checkout": null}}}}),
            json!({"parameters": {"p": {"type": "str", "default": "x"}}}),
        ] {
            assert!(!VALIDATOR.is_valid(&bad), "{bad}");
        }
    }

    #[test]
    fn keys_are_suggested_through_named_maps() {
        let job = keys_for("/jobs/build", &json!({})).unwrap();
        assert!(job.contains(&"working_directory".to_string()));
        let run = keys_for("/jobs/build/steps/0/run", &json!({})).unwrap();
        assert!(run.contains(&"no_output_timeout".to_string()));
        let param = keys_for("/commands/c/parameters/p", &json!({})).unwrap();
        assert_eq!(param, ["default", "description", "enum", "type"]);
    }
}
