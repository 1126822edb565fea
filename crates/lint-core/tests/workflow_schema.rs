//! rlint's workflow schema (rules/schemas/github-workflow.schema.json) against SchemaStore's
//! (../shared/schemas/github-workflows.json, a test oracle only) on every file of the workflow
//! corpus (real projects' workflows, GitHub's starter workflows, SchemaStore's test files):
//! where the two verdicts differ, the difference is listed here with its reason, and the test
//! fails on any other. Then: both must refuse the same mistakes made in every corpus workflow,
//! GA010-GA012 find on the corpus only what is known, and odd shapes lint without a panic.

mod common;

use lint_core::rules::workflow::schema::SCHEMA_TEXT;
use lint_core::syntax::yaml;
use lint_core::{Config, FileKind, lint_bytes};
use std::fs;

/// Why the verdicts differ: (who rejects, the key the error is at (`|` between choices; `` for
/// the top level), a part of the error message, why the other verdict is GitHub's). Every error
/// of the rejecting schema on a file where the verdicts differ must be one of these.
const KNOWN: &[(&str, &str, &str, &str)] = &[
    (
        "official",
        "strategy",
        "\"matrix\" is a required property",
        "a `strategy` with only `fail-fast` or `max-parallel` and no `matrix`: GitHub's workflow syntax does not require a matrix, and GitHub's own starter workflows (ci/python-package-conda.yml, code-scanning/rubocop.yml) ship such jobs",
    ),
    (
        "official",
        "strategy",
        "is not of type \"object\"",
        "a whole `strategy` from an expression (`${{ fromJson(needs.generate-jobs.outputs.strategy) }}`): GitHub evaluates it; docker-library's CI generates its test jobs this way on every push",
    ),
    (
        "official",
        "build-linux|rubocop|test",
        "",
        "beside the real cause above, the official schema's job `oneOf` also reports its reusable-workflow branch (`uses` required, `runs-on` and `steps` unexpected) on the same job",
    ),
    (
        "official",
        "cloud-account-id|fail_build|iac_dir|iac_file|output_format",
        "null is not of type",
        "an empty `with:` input (`cloud-account-id:`): GitHub passes it to the action as an empty string; GitHub's own starter workflows (code-scanning/cloudrail.yml, zscaler-iac-scan.yml) leave inputs empty for the user to fill",
    ),
];

/// The last key of an instance path (`/jobs/a/steps/0/with` → `with`; the top level → ``).
fn key_of(path: &str) -> &str {
    path.rsplit('/')
        .find(|s| s.parse::<usize>().is_err())
        .unwrap_or("")
}

fn explains(known: &(&str, &str, &str, &str), who: &str, path: &str, message: &str) -> bool {
    let (w, keys, fragment, _) = known;
    *w == who && keys.split('|').any(|k| k == key_of(path)) && message.contains(fragment)
}

fn corpus() -> Option<Vec<(String, String)>> {
    let dir = common::shared("corpus/github-workflows")?;
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).to_string();
            (name, text)
        })
        .collect();
    files.sort();
    Some(files)
}

#[test]
fn our_workflow_schema_agrees_with_schemastore_or_says_why() {
    let (Some(official_path), Some(files)) =
        (common::shared("schemas/github-workflows.json"), corpus())
    else {
        return;
    };
    let official: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(official_path).unwrap()).unwrap();
    let official = jsonschema::validator_for(&official).unwrap();
    let ours: serde_json::Value = serde_json::from_str(SCHEMA_TEXT).unwrap();
    let ours = jsonschema::validator_for(&ours).unwrap();

    let (mut compared, mut both_reject, mut differences) = (0, 0, Vec::new());
    for (name, text) in &files {
        let doc = yaml::parse(text);
        let Some(root) = doc.documents.first().filter(|_| !doc.has_syntax_error()) else {
            continue;
        };
        compared += 1;
        let json = root.to_json();
        let (a, b) = (ours.is_valid(&json), official.is_valid(&json));
        if !a && !b {
            both_reject += 1;
        }
        if a == b {
            continue;
        }
        let (who, validator) = if b {
            ("ours", &ours)
        } else {
            ("official", &official)
        };
        let mut errors = Vec::new();
        for e in validator.iter_errors(&json) {
            leaves(&e, &mut errors);
        }
        differences.push((name.clone(), who, errors));
    }
    eprintln!(
        "workflow schema: {compared} files compared, {both_reject} rejected by both, {} differences",
        differences.len()
    );
    let mut used = vec![false; KNOWN.len()];
    let mut unexplained = Vec::new();
    for (name, who, errors) in &differences {
        for (path, message) in errors {
            let why = KNOWN.iter().position(|k| explains(k, who, path, message));
            match why {
                Some(i) => used[i] = true,
                None => unexplained.push(format!(
                    "{name}: {who} rejects at `{path}`: {}",
                    truncate(message)
                )),
            }
        }
        eprintln!("  {who} rejects {name}");
    }
    let stale: Vec<_> = KNOWN
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(k, _)| k.3)
        .collect();
    assert!(
        unexplained.is_empty() && stale.is_empty(),
        "unexplained differences:\n{}\nreasons no difference needs any more: {stale:#?}",
        unexplained.join("\n")
    );
    assert!(compared >= 370, "compared only {compared} files");
}

/// The mistakes GA010 is for, made in every workflow of the corpus both schemas accept: both
/// must refuse each mutant (the corpus alone tests only what they accept).
#[test]
fn both_schemas_refuse_the_same_mistakes() {
    use serde_json::{Value, json};
    let (Some(official_path), Some(files)) =
        (common::shared("schemas/github-workflows.json"), corpus())
    else {
        return;
    };
    let official: Value =
        serde_json::from_str(&fs::read_to_string(official_path).unwrap()).unwrap();
    let official = jsonschema::validator_for(&official).unwrap();
    let ours: Value = serde_json::from_str(SCHEMA_TEXT).unwrap();
    let ours = jsonschema::validator_for(&ours).unwrap();
    type Mutation = fn(&mut Value) -> bool;
    // Why the official schema takes a mutant GitHub refuses.
    const BESIDE_REF: &str = "the official schema writes this check beside a `$ref`, which draft-07 ignores, so as validated it takes any value; GitHub's own workflow schema (actions/languageservices) lists the allowed values";
    let mutations: &[(&str, Mutation, Option<&str>)] = &[
        (
            "unknown top-level key",
            |w| {
                w["job"] = json!({});
                true
            },
            None,
        ),
        (
            "misspelt event",
            |w| match w.get_mut("on").and_then(Value::as_object_mut) {
                Some(on) => on.insert("pushh".into(), Value::Null).is_none(),
                None => false,
            },
            None,
        ),
        (
            "unknown permission scope",
            |w| {
                w["permissions"] = json!({"content": "read"});
                true
            },
            None,
        ),
        (
            "unknown job key",
            |w| with_step_job(w, |job| job["runs_on"] = json!("ubuntu-latest")),
            None,
        ),
        (
            "a number as text",
            |w| with_step_job(w, |job| job["timeout-minutes"] = json!("ten")),
            None,
        ),
        (
            "steps as a mapping",
            |w| with_step_job(w, |job| job["steps"] = json!({"run": "make"})),
            None,
        ),
        (
            "unknown step key",
            |w| with_step_job(w, |job| job["steps"][0]["withh"] = json!({})),
            None,
        ),
        (
            "a step with run and uses",
            |w| {
                with_step_job(w, |job| {
                    job["steps"][0]["run"] = json!("make");
                    job["steps"][0]["uses"] = json!("actions/checkout@v4");
                })
            },
            None,
        ),
        (
            "unknown activity type",
            |w| {
                w["on"] = json!({"pull_request": {"types": ["open"]}});
                true
            },
            Some(BESIDE_REF),
        ),
        (
            "dispatch input of an unknown type",
            |w| {
                w["on"] = json!({"workflow_dispatch": {"inputs": {"x": {"type": "integer"}}}});
                true
            },
            Some(BESIDE_REF),
        ),
    ];
    let (mut made, mut ours_refuse, mut official_refuse) = (0, 0, 0);
    let mut disagreements = Vec::new();
    let mut blind_seen = vec![false; mutations.len()];
    for (name, text) in &files {
        let doc = yaml::parse(text);
        let Some(root) = doc.documents.first().filter(|_| !doc.has_syntax_error()) else {
            continue;
        };
        let json = root.to_json();
        if !ours.is_valid(&json) || !official.is_valid(&json) {
            continue;
        }
        for (i, (what, mutate, official_blind)) in mutations.iter().enumerate() {
            let mut mutant = json.clone();
            if !mutate(&mut mutant) {
                continue;
            }
            made += 1;
            let (a, b) = (!ours.is_valid(&mutant), !official.is_valid(&mutant));
            ours_refuse += usize::from(a);
            official_refuse += usize::from(b);
            blind_seen[i] |= !b;
            if !a || (!b && official_blind.is_none()) {
                disagreements.push(format!("{name}: {what}: ours refuses {a}, official {b}"));
            }
        }
    }
    eprintln!(
        "mutants: {made} made, ours refuses {ours_refuse}, the official schema {official_refuse}"
    );
    assert!(disagreements.is_empty(), "{disagreements:#?}");
    let stale: Vec<&str> = mutations
        .iter()
        .zip(&blind_seen)
        .filter(|((_, _, why), seen)| why.is_some() && !**seen)
        .map(|((what, _, _), _)| *what)
        .collect();
    assert!(
        stale.is_empty(),
        "the official schema now refuses these: {stale:?}"
    );
    assert!(made > 1000, "only {made} mutants");
}

/// Applies `change` to the first job that runs steps; `false` when there is none.
fn with_step_job(workflow: &mut serde_json::Value, change: fn(&mut serde_json::Value)) -> bool {
    let job = workflow
        .get_mut("jobs")
        .and_then(serde_json::Value::as_object_mut)
        .and_then(|jobs| {
            jobs.values_mut()
                .find(|j| j.get("steps").and_then(|s| s.get(0)).is_some())
        });
    match job {
        Some(job) => {
            change(job);
            true
        }
        None => false,
    }
}

/// Starter-workflow templates whose placeholders GitHub replaces before the workflow is
/// committed (`matrix: $codeql-languages-matrix`, `group_id: {{ groupId }}`): GA010 is right
/// that GitHub would refuse them as they stand.
const TEMPLATES: &[&str] = &[
    "actions+starter-workflows__code-scanning__codeql.yml",
    "actions+starter-workflows__code-scanning__nowsecure.yml",
    "actions+starter-workflows__code-scanning__nowsecure-mobile-sbom.yml",
];

#[test]
fn ga010_to_ga013_find_on_the_corpus_only_the_known_ones() {
    let Some(files) = corpus() else {
        return;
    };
    let config = Config {
        select: ["GA010", "GA011", "GA012", "GA013"]
            .map(String::from)
            .to_vec(),
        ..Config::default()
    };
    let mut findings: Vec<(String, String, String)> = Vec::new();
    for (name, text) in &files {
        let report = lint_bytes(
            name,
            text.as_bytes(),
            Some(FileKind::GithubWorkflow),
            &config,
        );
        for d in &report.diagnostics {
            let d = &d.diagnostic;
            findings.push((d.code.to_string(), name.clone(), d.message.clone()));
        }
    }
    findings.sort();
    for code in ["GA010", "GA011", "GA012", "GA013"] {
        let n = findings.iter().filter(|f| f.0 == code).count();
        eprintln!("{code} on {} corpus files: {n} findings", files.len());
    }
    for (code, name, message) in &findings {
        eprintln!("  {code} {name}: {message}");
    }
    // GA010 only on the templates and on SchemaStore's schema fragments whose jobs have no
    // steps (GitHub refuses those; actionlint reports them too); no cron in the corpus is wrong, and only SchemaStore's
    // schedule tests ask for runs every minute (GitHub runs them every 5 at most; actionlint
    // warns there too); GA012 only retired images (SchemaStore's runs-on test files and one
    // starter workflow still name them), no typo; every version in the corpus is quoted (GA013).
    let unexpected: Vec<_> = findings
        .iter()
        .filter(|(code, name, message)| match code.as_str() {
            "GA010" => {
                let fragment = name.starts_with("SchemaStore+") && message.contains("has no steps");
                !(TEMPLATES.contains(&name.as_str()) || fragment)
            }
            "GA011" => {
                !(name.starts_with("SchemaStore+") && message.contains("at most every 5 minutes"))
            }
            "GA012" => !message.contains("has retired"),
            _ => true,
        })
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    assert!(files.len() >= 378);
}

/// The errors that say what is wrong: inside a `oneOf`/`anyOf`, those of the branch that got
/// furthest into the value (the deepest instance path), as a reader would pick the branch meant.
fn leaves(error: &jsonschema::ValidationError<'_>, out: &mut Vec<(String, String)>) {
    use jsonschema::error::ValidationErrorKind as K;
    let context = match error.kind() {
        K::OneOfNotValid { context } | K::AnyOf { context } => context,
        _ => {
            out.push((
                error.instance_path().as_str().to_string(),
                error.to_string(),
            ));
            return;
        }
    };
    let depth = |branch: &Vec<jsonschema::ValidationError<'_>>| {
        branch
            .iter()
            .map(|e| e.instance_path().as_str().len())
            .max()
            .unwrap_or(0)
    };
    match context.iter().max_by_key(|b| depth(b)) {
        Some(branch) if !branch.is_empty() => {
            for e in branch {
                leaves(e, out);
            }
        }
        _ => out.push((
            error.instance_path().as_str().to_string(),
            error.to_string(),
        )),
    }
}

#[test]
fn odd_shapes_lint_without_panics() {
    let config = Config {
        select: vec!["GA010".into(), "GA011".into(), "GA012".into()],
        ..Config::default()
    };
    let odd = [
        "on: 5\njobs: []\n",
        "on:\njobs:\n  a:\n",
        "on: push\njobs:\n  a:\n    runs-on: [1, {x: y}]\n    steps: x\n",
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - null\n      - [run]\n      - parallel: [{parallel: [{}]}]\n",
        "on:\n  schedule:\n    - cron: \"\"\n    - cron: 5\n    - cron: \"é é é é é\"\n    - cron: \"1-\u{e9} */ ,, -1 5/\"\njobs: {a: {runs-on: x}}\n",
        "on: {push: {branches: [main], branches-ignore: x, tags: [], tags-ignore: []}}\njobs: {a: {uses: x, runs-on: y, steps: [], with: []}}\n",
        "? [complex, key]\n: 1\non: push\njobs:\n  ? [a]\n  : {runs-on: x}\n",
        "on: push\njobs:\n  a:\n    runs-on: ${{ matrix.os }}\n    strategy: {matrix: {os: [[a], \"${{ x }}\", 5], include: [1, {os: ubuntu-18.04}]}}\n",
    ];
    for text in odd {
        let report = lint_bytes(
            "ci.yml",
            text.as_bytes(),
            Some(FileKind::GithubWorkflow),
            &config,
        );
        assert!(
            report.diagnostics.iter().all(|d| d.start.line >= 1),
            "{text}"
        );
    }
    // The one with a retired image inside `include:` is found there.
    let report = lint_bytes(
        "ci.yml",
        odd[7].as_bytes(),
        Some(FileKind::GithubWorkflow),
        &config,
    );
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.diagnostic.code == "GA012")
    );
}

fn truncate(s: &str) -> String {
    match s.char_indices().nth(160) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_string(),
    }
}
