//! `rules/` is generated from the rules' doc comments. This test fails when it is stale;
//! `RLINT_BLESS=1 cargo test -p lint-core --test docs` regenerates it.

mod common;

use lint_core::registry::{CorpusCounts, rule_page, rules_index};
use lint_core::{Config, Preset, rules};
use std::fs;
use std::path::PathBuf;

/// Every rule on, over the Dockerfile and Compose corpora: how often each rule fires.
fn corpus_counts() -> Option<CorpusCounts> {
    let config = Config {
        preset: Some(Preset::Strict),
        ..Config::default()
    };
    let mut counts = CorpusCounts::default();
    for (folder, kind) in [
        ("corpus/dockerfile", lint_core::FileKind::Dockerfile),
        ("corpus/compose", lint_core::FileKind::Compose),
        ("corpus/buildspec", lint_core::FileKind::Buildspec),
    ] {
        let dir = common::shared(folder)?;
        let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            let bytes = fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy();
            counts.add(&lint_core::lint_bytes(&name, &bytes, Some(kind), &config));
        }
    }
    Some(counts)
}

#[test]
fn rules_folder_is_fresh() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let bless = std::env::var_os("RLINT_BLESS").is_some();
    let mut expected: Vec<(PathBuf, String)> = Vec::new();
    // The index carries the corpus counts, so it is checked (and regenerated) only with the corpus.
    let index = dir.join("README.md");
    match corpus_counts() {
        Some(counts) => expected.push((index.clone(), rules_index(&counts))),
        None => eprintln!("note: rules/README.md not checked (its corpus counts need ../shared)"),
    }
    for rule in rules() {
        expected.push((dir.join(format!("{}.md", rule.meta.code)), rule_page(rule)));
    }
    let mut stale = Vec::new();
    for (path, text) in &expected {
        if fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
            if bless {
                fs::create_dir_all(&dir).unwrap();
                fs::write(path, text).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    for entry in fs::read_dir(&dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        let is_page = path.extension().is_some_and(|e| e == "md");
        if is_page
            && path != index
            && !expected.iter().any(|(p, _)| *p == path)
            && path
                .file_name()
                .is_some_and(|n| n != "HADOLINT-DIFF.md" && n != "CI-CORPUS.md")
        {
            stale.push(format!("{} (no such rule)", path.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "rules/ is stale; run `RLINT_BLESS=1 cargo test -p lint-core --test docs`:\n{}",
        stale.join("\n")
    );
}
