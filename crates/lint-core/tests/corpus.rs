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

/// Every Compose file of the corpus lints without a panic, and none is taken for broken YAML.
#[test]
fn corpus_compose_files_lint_without_panics_or_false_yaml_errors() {
    let Some(dir) = common::shared("corpus/compose") else {
        return;
    };
    let config = Config::default();
    let (mut files, mut findings) = (0, 0);
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = fs::read(&path).unwrap();
        let report = lint_bytes(&name, &bytes, Some(FileKind::Compose), &config);
        files += 1;
        findings += report.diagnostics.len();
        let yaml_errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.code == "DC000")
            .map(|d| (&d.start, &d.diagnostic.message))
            .collect();
        assert!(yaml_errors.is_empty(), "{name}: {yaml_errors:?}");
    }
    assert!(
        files >= 230,
        "expected the whole compose corpus, found {files}"
    );
    eprintln!("corpus: {files} Compose files linted, {findings} findings, no YAML errors");
}

/// Every real buildspec loads: no YAML error and no schema violation (the schema is ours, written
/// from the AWS reference, so real files are its check), and none of them crashes a rule.
#[test]
fn corpus_buildspecs_lint_without_false_syntax_or_schema_errors() {
    let Some(dir) = common::shared("corpus/buildspec") else {
        return;
    };
    let config = Config {
        preset: Some(lint_core::Preset::Strict),
        ..Config::default()
    };
    let mut files = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = fs::read(&path).unwrap();
        let report = lint_bytes(&name, &bytes, Some(FileKind::Buildspec), &config);
        files += 1;
        let wrong: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| matches!(d.diagnostic.code, "BS000" | "BS003"))
            .map(|d| (&d.start, &d.diagnostic.message))
            .collect();
        assert!(wrong.is_empty(), "{name}: {wrong:?}");
    }
    assert!(
        files >= 12,
        "expected the whole buildspec corpus, found {files}"
    );
    eprintln!("corpus: {files} buildspecs linted, no syntax or schema errors");
}

/// The scanner takes plain command lists (no compound syntax) for speed: on every such script of
/// the corpus it must find exactly what the parser finds — the same commands, words, spans,
/// assignments and pipeline structure.
#[test]
fn scanner_and_parser_agree_on_plain_command_lists() {
    use lint_core::syntax::shell::{Contiguous, Engine, Script, analyze_using, needs_parser};
    let Some(dir) = common::shared("corpus/dockerfile") else {
        return;
    };
    fn shape(s: &Script) -> Vec<String> {
        let mut ids: Vec<usize> = Vec::new();
        s.commands
            .iter()
            .map(|c| {
                let id = ids
                    .iter()
                    .position(|&p| p == c.pipeline)
                    .unwrap_or_else(|| {
                        ids.push(c.pipeline);
                        ids.len() - 1
                    });
                let words: Vec<String> = c
                    .words
                    .iter()
                    .map(|w| {
                        format!(
                            "{}@{}-{}{}",
                            w.value,
                            w.span.start,
                            w.span.end,
                            if w.dynamic { "$" } else { "" }
                        )
                    })
                    .collect();
                let assignments: Vec<&str> =
                    c.assignments.iter().map(|w| w.value.as_str()).collect();
                format!("p{id}.{} {assignments:?} {words:?}", c.stage)
            })
            .collect()
    }
    let (mut plain, mut compound) = (0, 0);
    let mut disagreements = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let df = lint_core::syntax::dockerfile::parse(&String::from_utf8_lossy(
            &fs::read(&path).unwrap(),
        ));
        for ins in &df.instructions {
            if ins.keyword != lint_core::syntax::dockerfile::Keyword::Run
                || ins.json
                || !ins.heredocs().is_empty()
            {
                continue;
            }
            let text = &ins.rest().value;
            if needs_parser(text) {
                compound += 1;
                continue;
            }
            plain += 1;
            let fast = analyze_using(text, &Contiguous(0), Engine::Auto);
            let parsed = analyze_using(text, &Contiguous(0), Engine::Parser);
            if parsed.scanned == 0 && shape(&fast) != shape(&parsed) {
                disagreements.push(format!(
                    "{}: {text}\n  scanner: {:?}\n  parser:  {:?}",
                    path.display(),
                    shape(&fast),
                    shape(&parsed)
                ));
            }
        }
    }
    eprintln!(
        "corpus: {plain} plain RUN scripts (scanner), {compound} with compound syntax (parser)"
    );
    assert!(plain > 500, "{plain}");
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements
            .iter()
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
