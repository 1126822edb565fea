//! Every CircleCI configuration of the corpus (real projects' `.circleci/config.yml`, the
//! CircleCI language server's test files and SchemaStore's schema tests) lints without a panic,
//! every rule on; real projects' files get no error; the deliberately invalid test files are
//! classified: what rlint reports for each, or why it reports nothing.

mod common;

use lint_core::{Config, FileKind, Preset, Severity, lint_bytes};
use std::collections::BTreeMap;
use std::fs;

/// Test files that are invalid on purpose (or fragments that name jobs, steps or parameters
/// they do not define), with the codes rlint must report in them, or an empty list and the
/// reason it reports nothing.
const INVALID: &[(&str, &[&str], &str)] = &[
    (
        "build_agent__invalid__build.yml",
        &["CC006"],
        "a pipeline parameter that is not declared",
    ),
    (
        "simple-cases__config2.yml",
        &["CC001", "CC005", "CC006", "CC014"],
        "a workflow job that is not defined, a command reading a parameter it lacks, a command named `otherCommand` (CircleCI's names are lowercase)",
    ),
    (
        "test-files__.circleci__config2.yml",
        &["CC001", "CC005", "CC006", "CC014"],
        "the same file as simple-cases/config2",
    ),
    (
        "workflows_missing__build.yml",
        &["CC004"],
        "a setup configuration using the continuation orb without declaring it",
    ),
    (
        "autocomplete1.yml",
        &["CC005", "CC014"],
        "an unfinished file for autocompletion tests: an empty step, empty executors and a parameter without a type",
    ),
    (
        "invalid-files__autocomplete-jobs.yml",
        &["CC005"],
        "an unfinished file for autocompletion tests",
    ),
    (
        "invalid-files__not-defined-param.yml",
        &["CC012", "CC014"],
        "a job used as a step, and a workflow passing the job an argument it does not declare",
    ),
    ("parameter-inline.yml", &["CC012"], "a job used as a step"),
    (
        "invalid-files__unused-orb.yml",
        &["CC005"],
        "an orb nothing uses",
    ),
    (
        "invalid-files__unused-job.yml",
        &["CC013"],
        "a job no workflow runs",
    ),
    (
        "invalid-files__yaml-errors.yml",
        &["CC006", "CC014"],
        "an empty parameter name, a job reading a pipeline parameter as its own, and an argument for a job that declares no parameters",
    ),
    ("schemaError.yml", &["CC007"], "`version: true`"),
    (
        "invalid-files__job-without-steps.yml",
        &["CC014"],
        "a job without `steps` (its steps indented as a job)",
    ),
    (
        "invalid-files__bad-docker-image.yml",
        &[],
        "an image that does not exist: only a registry can tell",
    ),
    (
        "executor__invalid_condition__build.yml",
        &["CC014"],
        "a step's `condition` written as a list, not a logic statement",
    ),
    (
        "pipeline_parameters__additional_properties_invalid__build.yml",
        &["CC014"],
        "a pipeline parameter with a key parameters do not take",
    ),
    (
        "renames_requires__invalid.yml",
        &[],
        "the language server's rename test; valid for CircleCI",
    ),
    (
        "circleciconfig__conditional-job.json",
        &["CC012"],
        "a schema-test fragment: steps that name commands it does not define",
    ),
    (
        "circleciconfig__matrix-simple.json",
        &["CC001"],
        "a schema-test fragment: workflows without the jobs they run",
    ),
    (
        "circleciconfig__matrix.json",
        &["CC001"],
        "a schema-test fragment: workflows without the jobs they run",
    ),
    (
        "circleciconfig__workflow-job-requires.yaml",
        &["CC001"],
        "a schema-test fragment: workflows without the jobs they run",
    ),
    (
        "circleciconfig__workflows.json",
        &["CC001", "CC006", "CC014"],
        "a schema-test fragment: workflows without their jobs and pipeline parameters, one without `jobs:`",
    ),
    (
        "circle-13337-executors__build.yml",
        &["CC014"],
        "an executor invoked as `cli/default: {tag: ...}`: CircleCI takes `name: cli/default` beside the arguments (CircleCI's own schema refuses it too)",
    ),
    (
        "test-files__.circleci__diagnostic.yml",
        &["CC014"],
        "the language server's diagnostics showcase: a job without an executor",
    ),
    (
        "circleciconfig__chromeless.json",
        &["CC014"],
        "a schema-test fragment passing `gcloud-service-key` to a command that declares `gcloud_service_key`",
    ),
    (
        "circleciconfig__contexts.json",
        &["CC014"],
        "a schema-test fragment: two jobs in one workflow list item",
    ),
    (
        "circleciconfig__logical-matches.json",
        &["CC014"],
        "a schema-test fragment: a workflow without `jobs:`",
    ),
    (
        "circleci-cli__.circleci__test-suites.yml",
        &["CC007"],
        "not a configuration (the CLI's test data beside it): linted as one only when forced",
    ),
];

#[test]
fn corpus_configs_lint_and_invalid_ones_are_classified() {
    let Some(dir) = common::shared("corpus/circleci") else {
        return;
    };
    let config = Config {
        preset: Some(Preset::Strict),
        ..Config::default()
    };
    let (mut files, mut by_path, mut findings) = (0, 0, 0);
    let mut false_errors = Vec::new();
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut classified = vec![false; INVALID.len()];
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = fs::read(&path).unwrap();
        // The corpus flattens `owner+repo__dir__file` paths; the real path decides the kind.
        let real = name.split_once("__").map_or(name.as_str(), |(_, p)| p);
        let real = real.replace("__", "/");
        if lint_core::detect(&real, &String::from_utf8_lossy(&bytes)) == Some(FileKind::Circleci) {
            by_path += 1;
        }
        let report = lint_bytes(&name, &bytes, Some(FileKind::Circleci), &config);
        files += 1;
        findings += report.diagnostics.len();
        let codes: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| d.diagnostic.code)
            .collect();
        for code in &codes {
            *per_rule.entry(code).or_default() += 1;
        }
        match INVALID.iter().position(|(n, _, _)| name.ends_with(n)) {
            Some(i) => {
                classified[i] = true;
                let (_, expected, why) = INVALID[i];
                for code in expected {
                    assert!(
                        codes.contains(code),
                        "{name} ({why}): expected {code}, got {codes:?}"
                    );
                }
                if expected.is_empty() {
                    let errors: Vec<_> = report
                        .diagnostics
                        .iter()
                        .filter(|d| d.diagnostic.severity == Severity::Error)
                        .map(|d| d.diagnostic.code)
                        .collect();
                    assert!(errors.is_empty(), "{name} ({why}): {errors:?}");
                }
            }
            None => {
                for d in &report.diagnostics {
                    let d = &d.diagnostic;
                    if d.severity == Severity::Error {
                        false_errors.push(format!("{name}: {} {}", d.code, d.message));
                    }
                }
            }
        }
    }
    assert!(false_errors.is_empty(), "{false_errors:#?}");
    let missing: Vec<_> = INVALID
        .iter()
        .zip(&classified)
        .filter(|(_, seen)| !**seen)
        .map(|((n, _, _), _)| *n)
        .collect();
    assert!(missing.is_empty(), "not in the corpus: {missing:?}");
    assert!(
        files >= 74,
        "expected the whole CircleCI corpus, found {files}"
    );
    // The `.yml` files under `.circleci/` (and named `circleci*`) are recognised; SchemaStore's
    // `.json` tests and the CLI's test data are not configurations by name or content.
    assert!(by_path >= 45, "{by_path} of {files} recognised");
    eprintln!(
        "corpus: {files} CircleCI files ({by_path} recognised), {findings} findings: {per_rule:?}"
    );
}
