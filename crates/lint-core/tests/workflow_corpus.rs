//! Every workflow of the corpus (real projects' `.github/workflows`, GitHub's starter workflows
//! and SchemaStore's test files, some invalid on purpose) lints without a panic and without a
//! false error, every rule on, and is recognised as a workflow by its content alone (the corpus
//! flattens paths into names like `owner+repo__.github__workflows__ci.yml`).

mod common;

use lint_core::{Config, FileKind, Preset, Severity, lint_bytes};
use std::fs;

/// Errors that are true on files GitHub never runs as they are: starter-workflow templates whose
/// placeholders GitHub's "Configure" button replaces before the workflow is committed.
const TRUE_ERRORS: &[(&str, &str, &str)] = &[
    (
        "actions+starter-workflows__code-scanning__codeql.yml",
        "GA010",
        "`matrix: $codeql-languages-matrix`, a template placeholder for the matrix mapping",
    ),
    (
        "actions+starter-workflows__code-scanning__nowsecure.yml",
        "GA010",
        "`group_id: {{ groupId }}`, a placeholder YAML reads as a mapping inside `with:`",
    ),
    (
        "actions+starter-workflows__code-scanning__nowsecure-mobile-sbom.yml",
        "GA010",
        "`group_id: {{ groupId }}`, as above",
    ),
];

#[test]
fn corpus_workflows_lint_without_panics_or_false_errors() {
    let Some(dir) = common::shared("corpus/github-workflows") else {
        return;
    };
    // Every rule, the opt-in ones too.
    let config = Config {
        preset: Some(Preset::Strict),
        ..Config::default()
    };
    let (mut files, mut by_content, mut findings) = (0, 0, 0);
    let mut false_errors = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        if lint_core::detect(&name, &text) == Some(FileKind::GithubWorkflow) {
            by_content += 1;
        }
        let report = lint_bytes(&name, &bytes, Some(FileKind::GithubWorkflow), &config);
        files += 1;
        findings += report.diagnostics.len();
        for d in &report.diagnostics {
            let d = &d.diagnostic;
            let known = TRUE_ERRORS
                .iter()
                .any(|(file, code, _)| *file == name && *code == d.code);
            if d.severity == Severity::Error && !known {
                false_errors.push(format!("{name}: {} {}", d.code, d.message));
            }
        }
    }
    assert!(false_errors.is_empty(), "{false_errors:#?}");
    assert!(
        files >= 378,
        "expected the whole workflow corpus, found {files}"
    );
    // One file is named `circleci-...` (a CircleCI repository's own workflow): its name claims
    // it for CircleCI before content is read, as it would be outside `.github/workflows`.
    assert!(
        by_content >= files - 1,
        "{by_content} of {files} recognised as workflows"
    );
    // Bounded: about one finding a file (most are opt-in tag pins).
    assert!(findings < 2 * files, "{findings} findings on {files} files");
    eprintln!(
        "corpus: {files} workflows linted ({by_content} recognised by content), {findings} findings, no false errors"
    );
}
