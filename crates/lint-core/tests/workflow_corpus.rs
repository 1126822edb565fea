//! Every workflow of the corpus (real projects' `.github/workflows`, GitHub's starter workflows
//! and SchemaStore's test files, some invalid on purpose) lints without a panic and without a
//! false error, every rule on, and is recognised as a workflow by its content alone (the corpus
//! flattens paths into names like `owner+repo__.github__workflows__ci.yml`).

mod common;

use lint_core::{Config, FileKind, Preset, Severity, lint_bytes};
use std::fs;

/// Errors that are true on files GitHub never runs as they are: starter-workflow templates whose
/// placeholders GitHub's "Configure" button replaces before the workflow is committed, and
/// SchemaStore's schema test fragments whose jobs have no steps.
const TRUE_ERRORS: &[(&str, &str, &str)] = &[
    (
        "SchemaStore+schemastore__src__test__github-workflow__1162.yaml",
        "GA010",
        "a SchemaStore schema fragment with jobs of `runs-on` only: GitHub refuses a job without steps (actionlint: \"steps\" section is missing)",
    ),
    (
        "SchemaStore+schemastore__src__test__github-workflow__2579-2.yaml",
        "GA010",
        "a SchemaStore schema fragment with jobs of `runs-on` only: GitHub refuses a job without steps (actionlint: \"steps\" section is missing)",
    ),
    (
        "SchemaStore+schemastore__src__test__github-workflow__concurrency.yaml",
        "GA010",
        "a SchemaStore schema fragment with jobs of `runs-on` only: GitHub refuses a job without steps (actionlint: \"steps\" section is missing)",
    ),
    (
        "SchemaStore+schemastore__src__test__github-workflow__containers.yaml",
        "GA010",
        "a SchemaStore schema fragment with jobs of `runs-on` only: GitHub refuses a job without steps (actionlint: \"steps\" section is missing)",
    ),
    (
        "SchemaStore+schemastore__src__test__github-workflow__environments.yaml",
        "GA010",
        "a SchemaStore schema fragment with jobs of `runs-on` only: GitHub refuses a job without steps (actionlint: \"steps\" section is missing)",
    ),
    (
        "SchemaStore+schemastore__src__test__github-workflow__fail-fast.yaml",
        "GA010",
        "a SchemaStore schema fragment with jobs of `runs-on` only: GitHub refuses a job without steps (actionlint: \"steps\" section is missing)",
    ),
    (
        "SchemaStore+schemastore__src__test__github-workflow__issue-3208.yaml",
        "GA010",
        "a SchemaStore schema fragment with jobs of `runs-on` only: GitHub refuses a job without steps (actionlint: \"steps\" section is missing)",
    ),
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
        // GA032 (opt-in) reports nearly every `actions/checkout@v4`: one per first-party
        // `uses:`, by design, so it is left out of the bound below.
        findings += report
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.code != "GA032")
            .count();
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

/// The corpus's files of one repository's `.github/workflows`, as a linted workflow sees its
/// own folder: `owner+repo__.github__workflows__x.yml` is `x.yml` beside
/// `owner+repo__.github__workflows__ci.yml`.
struct Folder<'a> {
    dir: &'a std::path::Path,
    prefix: &'a str,
}

impl lint_core::Files for Folder<'_> {
    fn exists(&self, path: &str) -> bool {
        self.read(path).is_some()
    }

    fn read(&self, path: &str) -> Option<String> {
        fs::read_to_string(self.dir.join(format!("{}{path}", self.prefix))).ok()
    }
}

/// GA030 on the corpus's calls of reusable workflows whose callee the corpus also holds: every
/// one matches what its callee declares (the projects run them), so nothing is reported.
#[test]
fn corpus_reusable_workflow_calls_match_their_callees() {
    let Some(dir) = common::shared("corpus/github-workflows") else {
        return;
    };
    let config = Config {
        select: vec!["GA030".to_string()],
        ..Config::default()
    };
    let (mut calls, mut found, mut reported_misspelt) = (0, Vec::new(), 0);
    for entry in fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        let Some(at) = name.find("__.github__workflows__") else {
            continue;
        };
        let (prefix, file) = name.split_at(at + "__.github__workflows__".len());
        let folder = Folder { dir: &dir, prefix };
        let text = fs::read_to_string(dir.join(&name)).unwrap();
        calls += text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("uses:"))
            .filter_map(|u| {
                let u = u.trim().trim_matches(['\'', '"']);
                u.strip_prefix("./.github/workflows/")
            })
            .filter(|callee| lint_core::Files::read(&folder, callee).is_some())
            .count();
        let related = lint_core::Related {
            files: Some(&folder),
            ..lint_core::Related::default()
        };
        let path = format!(".github/workflows/{file}");
        let report = lint_core::lint_text_with(
            &path,
            &text,
            Some(FileKind::GithubWorkflow),
            &config,
            related,
        );
        found.extend(
            report
                .diagnostics
                .iter()
                .map(|d| format!("{name}: {}", d.diagnostic.message)),
        );
        // The same file with each job-level `with:` key misspelt: those calls are reported,
        // so the silence above is the callees agreeing, not the rule reading nothing.
        let mut misspelt = String::new();
        let mut in_with = false;
        for line in text.lines() {
            let indent = line.len() - line.trim_start().len();
            if in_with && indent == 6 && !line.trim_start().starts_with('#') {
                misspelt.push_str(&format!("      x-{}\n", line.trim_start()));
                continue;
            }
            in_with = line.trim_end() == "    with:" || (in_with && indent > 6);
            misspelt.push_str(line);
            misspelt.push('\n');
        }
        if misspelt.trim_end() != text.trim_end() {
            let report = lint_core::lint_text_with(
                &path,
                &misspelt,
                Some(FileKind::GithubWorkflow),
                &config,
                related,
            );
            reported_misspelt += report.diagnostics.len();
        }
    }
    assert!(
        calls >= 10,
        "only {calls} calls with their callee in the corpus"
    );
    assert!(found.is_empty(), "{found:#?}");
    assert!(
        reported_misspelt >= 10,
        "{reported_misspelt} misspelt inputs reported"
    );
    eprintln!(
        "corpus: {calls} reusable workflow calls checked against their callee, no GA030; {reported_misspelt} GA030 once their inputs are misspelt"
    );
}
