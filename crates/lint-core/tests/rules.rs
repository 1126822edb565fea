//! Per-rule tests: executed doc examples, fixture folders (valid = silent, invalid = reports),
//! snapshots of what users see, fixes that converge and keep the file parsing, and a registry that
//! knows every rule file.

use lint_core::fix::fix_text;
use lint_core::rule::Rule;
use lint_core::{Config, FileKind, Related, Report, lint_text, lint_text_with, rules};
use std::fs;
use std::path::{Path, PathBuf};

/// Only `rule`, plus an `rlint.toml` given with the example or fixture (e.g. trusted registries).
fn only_with(rule: &Rule, toml_text: Option<&str>) -> Config {
    let mut config: Config = toml_text
        .map(|t| toml::from_str(t).expect("valid example config"))
        .unwrap_or_default();
    config.select = vec![rule.meta.code.to_string()];
    config
}

fn dockerfile_rules() -> impl Iterator<Item = &'static &'static Rule> {
    rules()
        .iter()
        .filter(|r| r.meta.kind == Some(FileKind::Dockerfile))
}

fn count(report: &Report, code: &str) -> usize {
    report
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == code)
        .count()
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dockerfile")
}

#[test]
fn doc_examples_are_executed() {
    for rule in dockerfile_rules() {
        let code = rule.meta.code;
        let example_config = rule
            .meta
            .doc_code_blocks("Example")
            .into_iter()
            .find(|(l, _)| l == "toml")
            .map(|(_, t)| t);
        for (section, expected) in [("Example", 1), ("Use instead", 0)] {
            let blocks = rule.meta.doc_code_blocks(section);
            let config_text = blocks
                .iter()
                .find(|(lang, _)| lang == "toml")
                .map(|(_, t)| t.clone())
                .or_else(|| example_config.clone());
            let config = only_with(rule, config_text.as_deref());
            let ignore = blocks
                .iter()
                .chain(&rule.meta.doc_code_blocks("Example"))
                .find(|(lang, _)| lang == "dockerignore")
                .map(|(_, t)| t.clone());
            let related = Related {
                dockerignore: ignore.as_deref(),
            };
            let files: Vec<&String> = blocks
                .iter()
                .filter(|(lang, _)| lang == "dockerfile")
                .map(|(_, t)| t)
                .collect();
            assert!(
                !files.is_empty(),
                "{code}: `## {section}` has no dockerfile code block"
            );
            for text in files {
                let report = lint_text_with("Dockerfile", text, None, &config, related);
                assert_eq!(
                    count(&report, code),
                    expected,
                    "{code}: `## {section}` must produce {expected} {code}:\n{text}\n{report:#?}"
                );
            }
        }
    }
}

/// The rendered findings of one rule on one file: what a user reads.
fn render(text: &str, report: &Report, code: &str) -> String {
    let mut out = String::new();
    for l in report
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == code)
    {
        let d = &l.diagnostic;
        let snippet = &text[d.span.start..d.span.end];
        out.push_str(&format!(
            "{}:{}-{}:{} {} {} [{}]\n  {}\n",
            l.start.line,
            l.start.column,
            l.end.line,
            l.end.column,
            d.code,
            d.severity,
            snippet.replace('\n', "\\n"),
            d.message
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("  help: {help}\n"));
        }
        if let Some(fix) = &d.fix {
            out.push_str(&format!(
                "  fix ({:?}): {}\n",
                fix.applicability, fix.message
            ));
        }
    }
    out
}

#[test]
fn fixtures_valid_are_silent_invalid_report_and_snapshot() {
    let mut checked = 0;
    for rule in dockerfile_rules() {
        let code = rule.meta.code;
        let dir = fixtures_dir().join(code);
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{code}: missing fixture folder {}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let (mut valid, mut invalid) = (0, 0);
        let config_text = fs::read_to_string(dir.join("rlint.toml")).ok();
        let config = only_with(rule, config_text.as_deref());
        let ignore = fs::read_to_string(dir.join(".dockerignore")).ok();
        let related = Related {
            dockerignore: ignore.as_deref(),
        };
        let files = files
            .into_iter()
            .filter(|p| !p.ends_with("rlint.toml") && !p.ends_with(".dockerignore"));
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let text = fs::read_to_string(&path).unwrap();
            let report = lint_text_with("Dockerfile", &text, None, &config, related);
            if name.starts_with("valid") {
                valid += 1;
                assert_eq!(
                    count(&report, code),
                    0,
                    "{code}/{name} must be clean: {report:#?}"
                );
            } else if name.starts_with("invalid") {
                invalid += 1;
                assert!(count(&report, code) > 0, "{code}/{name} must report {code}");
                let stem = name.split('.').next().unwrap();
                insta::with_settings!({snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false}, {
                    insta::assert_snapshot!(format!("{code}__{stem}"), render(&text, &report, code));
                });
            } else {
                panic!("{code}/{name}: fixture names start with valid or invalid");
            }
            checked += 1;
        }
        assert!(
            valid > 0 && invalid > 0,
            "{code}: needs at least one valid and one invalid fixture"
        );
    }
    assert!(checked >= 80);
}

#[test]
fn no_fixture_folder_without_a_rule() {
    for entry in fs::read_dir(fixtures_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(
            lint_core::rule(&name).is_some(),
            "fixture folder {name} has no rule"
        );
    }
}

#[test]
fn fixes_converge_and_keep_the_file_parsing() {
    let all = Config::default();
    for rule in dockerfile_rules() {
        let dir = fixtures_dir().join(rule.meta.code);
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.ends_with("rlint.toml") || path.ends_with(".dockerignore") {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let before = lint_text("Dockerfile", &text, None, &all);
            let syntax_before = count(&before, "DF000");
            let outcome = fix_text("Dockerfile", &text, None, &all, true);
            let after = lint_text("Dockerfile", &outcome.text, None, &all);
            assert!(
                count(&after, "DF000") <= syntax_before,
                "{}: fixes introduced syntax errors:\n{}",
                path.display(),
                outcome.text
            );
            let left: Vec<_> = after
                .diagnostics
                .iter()
                .filter(|d| d.diagnostic.fix.is_some())
                .collect();
            assert!(
                left.is_empty(),
                "{}: fixes did not converge: {left:#?}\n{}",
                path.display(),
                outcome.text
            );
        }
    }
}

#[test]
fn every_rule_file_is_registered() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/dockerfile");
    let registry = fs::read_to_string(src.join("mod.rs")).unwrap();
    for entry in fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if stem == "mod" {
            continue;
        }
        assert!(
            registry.contains(&format!("pub mod {stem};")),
            "{stem}.rs is not declared in rules/dockerfile/mod.rs"
        );
        assert!(
            registry.contains(&format!("&{stem}::RULE")),
            "{stem}.rs is not listed in RULES"
        );
    }
}
