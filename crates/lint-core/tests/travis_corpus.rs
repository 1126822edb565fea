//! Every `.travis.yml` of the corpus (travis-yml's spec fixtures and SchemaStore's test files)
//! lints without a panic and without a false error, every rule on.

mod common;

use lint_core::{Config, FileKind, Preset, Severity, lint_bytes};
use std::fs;

/// Errors on corpus files that are true errors, with why.
const TRUE_ERRORS: [(&str, &str, &str); 1] = [(
    "reposense",
    "TR000",
    // `*common_before_install` is used on line 19, its anchor defined on line 38: YAML needs the
    // anchor first, and Travis's parser (Ruby's Psych) rejects the file too ("Unknown alias").
    "unknown anchor",
)];

#[test]
fn corpus_travis_files_lint_without_panics_or_false_errors() {
    let Some(dir) = common::shared("corpus/travis") else {
        return;
    };
    // Every rule, the opt-in ones too.
    let config = Config {
        preset: Some(Preset::Strict),
        ..Config::default()
    };
    let (mut files, mut findings) = (0, 0);
    let mut false_errors = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = fs::read(&path).unwrap();
        let report = lint_bytes(&name, &bytes, Some(FileKind::Travis), &config);
        files += 1;
        findings += report.diagnostics.len();
        for d in &report.diagnostics {
            let d = &d.diagnostic;
            let known = TRUE_ERRORS.iter().any(|(file, code, message)| {
                name.contains(file) && d.code == *code && d.message.contains(message)
            });
            if d.severity == Severity::Error && !known {
                false_errors.push(format!("{name}: {} {}", d.code, d.message));
            }
        }
    }
    assert!(false_errors.is_empty(), "{false_errors:#?}");
    assert!(
        files >= 226,
        "expected the whole travis corpus, found {files}"
    );
    eprintln!("corpus: {files} Travis files linted, {findings} findings, no false errors");
}
