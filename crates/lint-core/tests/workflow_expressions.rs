//! Every `${{ }}` expression and `if:` condition of the workflow corpus parses (GitHub runs
//! these files, so a parse error here is a bug of ours), and the expression rules' findings on
//! it are counted (`RLINT_SHOW=1` prints each one, for review).

mod common;

use lint_core::kinds::workflow::{jobs, sites};
use lint_core::{Config, FileKind, Preset, lint_bytes, syntax};
use std::collections::BTreeMap;
use std::fs;

#[test]
fn corpus_expressions_parse() {
    let Some(dir) = common::shared("corpus/github-workflows") else {
        return;
    };
    let config = Config {
        preset: Some(Preset::Strict),
        ..Config::default()
    };
    let (mut files, mut expressions, mut conditions) = (0, 0, 0);
    let mut failures = Vec::new();
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    let show = std::env::var_os("RLINT_SHOW").is_some();
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_string();
        files += 1;
        let yaml = syntax::yaml::parse(&text);
        if let Some(root) = yaml.documents.first().filter(|_| !yaml.has_syntax_error()) {
            let jobs = jobs(&text, root);
            for site in sites(&text, root, &jobs) {
                expressions += 1;
                conditions += usize::from(site.condition);
                if let Some((span, message)) = site.expression.error() {
                    failures.push(format!(
                        "{name}@{}: {message}: {:?}",
                        span.start, site.expression.inner
                    ));
                }
            }
        }
        let report = lint_bytes(&name, &bytes, Some(FileKind::GithubWorkflow), &config);
        for d in &report.diagnostics {
            let d = &d.diagnostic;
            if [
                "GA001", "GA002", "GA014", "GA015", "GA016", "GA017", "GA018",
            ]
            .contains(&d.code)
            {
                *per_rule.entry(d.code.to_string()).or_default() += 1;
                if show {
                    let line = text[..d.span.start].matches('\n').count() + 1;
                    eprintln!("{name}:{line}: {} {}", d.code, d.message);
                }
            }
        }
    }
    eprintln!(
        "{files} workflows: {expressions} expressions ({conditions} conditions), {} do not parse; findings {per_rule:?}",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(expressions > 2_500, "{expressions} expressions");
}

/// Every corpus workflow cut short inside or just after each of its first expressions (an
/// unclosed `${{`, a string left open, a quote missing) lints without a panic.
#[test]
fn corpus_workflows_cut_inside_expressions_lint_without_panics() {
    let Some(dir) = common::shared("corpus/github-workflows") else {
        return;
    };
    let config = Config {
        preset: Some(Preset::Strict),
        ..Config::default()
    };
    let mut cuts = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).to_string();
        for (at, _) in text.match_indices("${{").take(3) {
            for extra in [2, 5, 9, 14] {
                // Cut anywhere, a UTF-8 sequence too: bytes are what users hand over.
                let end = (at + extra).min(text.len());
                let _ = lint_bytes(
                    "x.yml",
                    &text.as_bytes()[..end],
                    Some(FileKind::GithubWorkflow),
                    &config,
                );
                cuts += 1;
            }
        }
    }
    assert!(cuts > 500, "{cuts} cuts");
}
