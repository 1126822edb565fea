//! rlint's workflow schema (rules/schemas/github-workflow.schema.json) against SchemaStore's
//! (../shared/schemas/github-workflows.json, a test oracle only) on every file of the workflow
//! corpus (real projects' workflows, GitHub's starter workflows, SchemaStore's test files):
//! where the two verdicts differ, the difference is listed here with its reason, and the test
//! fails on any other. A second test runs GA010 itself over the corpus.

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

#[test]
fn workflow_schema_cron_and_runner_findings_on_the_corpus() {
    let Some(files) = corpus() else {
        return;
    };
    let config = Config {
        select: vec!["GA010".into(), "GA011".into(), "GA012".into()],
        ..Config::default()
    };
    let mut findings = Vec::new();
    for (name, text) in &files {
        let report = lint_bytes(
            name,
            text.as_bytes(),
            Some(FileKind::GithubWorkflow),
            &config,
        );
        for d in &report.diagnostics {
            let d = &d.diagnostic;
            findings.push(format!("{} {name}: {}", d.code, d.message));
        }
    }
    findings.sort();
    for code in ["GA010", "GA011", "GA012"] {
        let n = findings.iter().filter(|f| f.starts_with(code)).count();
        eprintln!("{code} on {} corpus files: {n} findings", files.len());
    }
    for f in &findings {
        eprintln!("  {f}");
    }
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

fn truncate(s: &str) -> String {
    match s.char_indices().nth(160) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_string(),
    }
}
