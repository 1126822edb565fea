//! rlint's CircleCI schema (rules/schemas/circleci.schema.json) against CircleCI's own
//! (../shared/schemas/circle-ci.json, the language server's schema: a test oracle only) on every
//! file of the CircleCI corpus: where the two verdicts differ, the difference is listed here with
//! its reason, and the test fails on any other.

mod common;

use lint_core::rules::circleci::schema::{SCHEMA_TEXT, prepared_json};
use lint_core::syntax::yaml;
use std::fs;

/// Why the verdicts differ: (who rejects, the key the error is at (`|` between choices; `` for
/// the top level, `*` for any), a part of the error message, why the other verdict is
/// CircleCI's). Every error of the rejecting schema on a file where the verdicts differ must be
/// one of these.
const KNOWN: &[(&str, &str, &str, &str)] = &[
    (
        "official",
        "",
        "\"version\" is a required property",
        "a file without `version` (the CLI's test data): circleci-version (CC007) reports it; our schema leaves `version` to that rule",
    ),
    (
        "official",
        "version",
        "is not one of",
        "the official schema knows only `version: 2.1`; CircleCI reads 2 and 2.0 too (configuration reference, `version`), and any other version is CC007's",
    ),
    (
        "official",
        "*",
        "\"checkout\":{\"name\"",
        "a `name` on `checkout` and `setup_remote_docker`: the title of a built-in step in the UI, which the official schema allows only on some steps; ours takes it on every built-in step (SchemaStore's tests use it) until CircleCI is seen refusing it",
    ),
    (
        "official",
        "*",
        "\"description\":null",
        "a parameter's empty `description` (documentation only, SchemaStore's tests use it): ours takes it empty",
    ),
];

/// The last key of an instance path (`/jobs/build/steps/0` → `steps`; the top level → ``).
fn key_of(path: &str) -> &str {
    path.rsplit('/')
        .find(|s| s.parse::<usize>().is_err())
        .unwrap_or("")
}

fn explains(known: &(&str, &str, &str, &str), who: &str, path: &str, message: &str) -> bool {
    let (w, keys, fragment, _) = known;
    *w == who
        && keys.split('|').any(|k| k == "*" || k == key_of(path))
        && message.contains(fragment)
}

#[test]
fn our_circleci_schema_agrees_with_circleci_or_says_why() {
    let (Some(official_path), Some(corpus)) = (
        common::shared("schemas/circle-ci.json"),
        common::shared("corpus/circleci"),
    ) else {
        return;
    };
    let official: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(official_path).unwrap()).unwrap();
    let official = jsonschema::validator_for(&official).unwrap();
    let ours: serde_json::Value = serde_json::from_str(SCHEMA_TEXT).unwrap();
    let ours = jsonschema::validator_for(&ours).unwrap();

    let mut names: Vec<String> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    let (mut compared, mut agreed_invalid, mut differences) = (0, 0, Vec::new());
    for name in &names {
        let text = fs::read_to_string(corpus.join(name)).unwrap();
        let doc = yaml::parse(&text);
        let Some(root) = doc
            .documents
            .first()
            .filter(|r| !doc.has_syntax_error() && r.as_map().is_some())
        else {
            continue;
        };
        compared += 1;
        // Both judge the document as rlint validates it (top-level keys CircleCI does not read
        // dropped); the official schema allows any top-level key anyway.
        let json = prepared_json(&text, root);
        let (a, b) = (ours.is_valid(&json), official.is_valid(&json));
        if a == b {
            agreed_invalid += usize::from(!a);
            continue;
        }
        let (who, validator) = if b {
            ("ours", &ours)
        } else {
            ("official", &official)
        };
        let errors: Vec<(String, String)> = validator
            .iter_errors(&json)
            .map(|e| (e.instance_path().as_str().to_string(), e.to_string()))
            .collect();
        differences.push((name.clone(), who, errors));
    }
    eprintln!(
        "circleci schema: {compared} files compared, {} agree, {agreed_invalid} of them invalid for both, {} differences",
        compared - differences.len(),
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
    assert!(compared >= 70, "compared only {compared} files");
}

fn truncate(s: &str) -> String {
    match s.char_indices().nth(300) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_string(),
    }
}

/// Shapes CircleCI's schema takes and real files write, beyond the corpus: ours takes them too.
#[test]
fn our_schema_takes_the_shapes_circleci_takes() {
    use serde_json::{Value, json};
    let Some(official_path) = common::shared("schemas/circle-ci.json") else {
        return;
    };
    let official: Value =
        serde_json::from_str(&fs::read_to_string(official_path).unwrap()).unwrap();
    let official = jsonschema::validator_for(&official).unwrap();
    let ours: Value = serde_json::from_str(SCHEMA_TEXT).unwrap();
    let ours = jsonschema::validator_for(&ours).unwrap();
    let job = |extra: Value| {
        let mut j = json!({"docker": [{"image": "cimg/base:2024.01"}], "steps": ["checkout"]});
        for (k, v) in extra.as_object().unwrap() {
            j[k] = v.clone();
        }
        json!({"version": 2.1, "jobs": {"a": j}, "workflows": {"w": {"jobs": ["a"]}}})
    };
    let step = |s: Value| job(json!({"steps": [s]}));
    let entry = |args: Value| {
        json!({"version": 2.1, "jobs": {"a": {"machine": true, "steps": ["checkout"]}},
               "workflows": {"w": {"jobs": [{"a": args}]}}})
    };
    let shapes = [
        job(json!({"environment": ["A=1", "B=2"]})),
        job(json!({"environment": null})),
        job(json!({"docker": [{"image": "x", "environment": ["A=1"], "command": "a b"}]})),
        job(json!({"docker": [{"image": "x", "aws_auth": {"oidc_role_arn": "arn"}}]})),
        step(json!({"save_cache": {"key": "k", "paths": "node_modules"}})),
        step(json!({"restore_cache": {"keys": "k"}})),
        step(json!({"add_ssh_keys": {"fingerprints": "SHA256:x"}})),
        step(json!({"persist_to_workspace": {"root": ".", "paths": "dist"}})),
        step(json!({"run": {"command": "make", "environment": ["A=1"], "no_output_timeout": 30}})),
        step(json!({"store_artifacts": {"path": "x", "name": "n", "when": "always"}})),
        step(json!({"attach_workspace": {"at": ".", "when": "on_fail"}})),
        step(json!({"orb/command": "argument"})),
        step(json!({"deploy": "make deploy"})),
        entry(json!({"requires": [{"b": "failed"}], "context": ["a", "b"]})),
        entry(json!({"filters": {"tags": {"only": "/.*/"}, "branches": {"ignore": "/.*/"}}})),
        entry(json!({"type": "no-op"})),
        entry(json!({"matrix": {"parameters": {"x": [1, 2]}, "alias": "all"}})),
        json!({"version": 2.1, "jobs": {"a": {"machine": true, "steps": ["checkout"]}},
               "workflows": {"w": {"when": "pipeline.git.branch == \"main\"",
                 "triggers": [{"schedule": {"cron": "0 3 * * *"}}], "jobs": ["a"]}}}),
        json!({"version": 2.1, "executors": {"e": {"machine": "true"}, "r": {"resource_class": "large"}}}),
        json!({"version": 2.1, "parameters": {"p": {"type": "enum", "default": "a"}}}),
    ];
    for doc in &shapes {
        assert!(official.is_valid(doc), "the official schema refuses {doc}");
        let errors: Vec<String> = ours
            .iter_errors(doc)
            .map(|e| format!("{} at {}", e, e.instance_path().as_str()))
            .collect();
        assert!(errors.is_empty(), "ours refuses {doc}: {errors:?}");
    }
}

/// Invalid fixtures whose findings CircleCI's schema cannot make, and why.
const OURS_ONLY: &[(&str, &str)] = &[(
    "invalid_parameters.yml",
    "a parameter's default of another type, and values an enum does not list: the official schema types neither defaults nor arguments",
)];

/// CC014's fixtures as CircleCI's schema judges them: the valid ones valid (but for a 2.0
/// `version`, which it does not know), the invalid ones invalid but for those listed.
#[test]
fn circleci_judges_our_fixtures_as_we_do() {
    let Some(official_path) = common::shared("schemas/circle-ci.json") else {
        return;
    };
    let official: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(official_path).unwrap()).unwrap();
    let official = jsonschema::validator_for(&official).unwrap();
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/circleci/CC014");
    let mut judged = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(&path).unwrap();
        let doc = yaml::parse(&text);
        let json = prepared_json(&text, &doc.documents[0]);
        let errors: Vec<String> = official
            .iter_errors(&json)
            .filter(|e| e.instance_path().as_str() != "/version")
            .map(|e| {
                format!(
                    "{} at {}",
                    truncate(&e.to_string()),
                    e.instance_path().as_str()
                )
            })
            .collect();
        if name.starts_with("valid") {
            assert!(errors.is_empty(), "{name}: {errors:#?}");
        } else if let Some((_, why)) = OURS_ONLY.iter().find(|(n, _)| *n == name) {
            assert!(errors.is_empty(), "{name} ({why}): {errors:#?}");
        } else {
            assert!(
                !errors.is_empty(),
                "{name}: the official schema finds nothing"
            );
        }
        judged += 1;
    }
    assert!(judged >= 4);
}
