//! The real-world corpus: every Dockerfile lints without a panic, and every syntax error found
//! there is a true error (the files listed below are broken on purpose in their projects).

mod common;

use lint_core::{Config, FileKind, lint_bytes};
use std::fs;

/// Files that are invalid on purpose (test fixtures of their projects), with the reason.
const KNOWN_BROKEN: [(&str, &str); 1] = [(
    "docker+compose__pkg__e2e__fixtures__wrong-composefile__service1__Dockerfile",
    "compose's e2e fixture for a Dockerfile with an unknown instruction (`WRONG`)",
)];

#[test]
fn corpus_dockerfiles_lint_without_panics_or_false_syntax_errors() {
    let Some(dir) = common::shared("corpus/dockerfile") else {
        return;
    };
    let config = Config::default();
    let mut files = 0;
    let mut unexpected = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = fs::read(&path).unwrap();
        let report = lint_bytes(&name, &bytes, Some(FileKind::Dockerfile), &config);
        files += 1;
        let errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.code == "DF000")
            .collect();
        if !errors.is_empty() && !KNOWN_BROKEN.iter().any(|(n, _)| *n == name) {
            unexpected.push(format!(
                "{name}: {:?}",
                errors
                    .iter()
                    .map(|e| (&e.start, &e.diagnostic.message))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        files >= 400,
        "expected the whole corpus, found {files} files"
    );
    assert!(
        unexpected.is_empty(),
        "syntax errors in valid files:\n{}",
        unexpected.join("\n")
    );
    eprintln!(
        "corpus: {files} Dockerfiles linted, syntax errors only in the {} known-broken files",
        KNOWN_BROKEN.len()
    );
}

/// The shell parser (brush-parser) takes every POSIX-shell script of the corpus; the fallback
/// scanner is for the rest. Guards against a parser upgrade or a change in how scripts are cut out of
/// instructions silently sending everything to the scanner.
#[test]
fn corpus_scripts_go_through_the_shell_parser() {
    let Some(dir) = common::shared("corpus/dockerfile") else {
        return;
    };
    let (mut scripts, mut scanned) = (0, 0);
    for entry in fs::read_dir(&dir).unwrap() {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        let df = lint_core::syntax::dockerfile::parse(&String::from_utf8_lossy(&bytes));
        let model = lint_core::syntax::dockerfile::Model::new(&df);
        for script in lint_core::rules::dockerfile::scripts_by_instruction(&model)
            .iter()
            .flatten()
        {
            scripts += 1;
            scanned += usize::from(script.scanned > 0);
        }
    }
    eprintln!("corpus: {scripts} scripts, {scanned} left to the fallback scanner");
    assert!(
        scripts > 1500,
        "expected the corpus's scripts, found {scripts}"
    );
    assert!(
        scanned * 100 <= scripts,
        "{scanned} of {scripts} scripts fell back to the scanner"
    );
}
