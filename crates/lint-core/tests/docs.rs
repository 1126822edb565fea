//! `rules/` is generated from the rules' doc comments. This test fails when it is stale;
//! `RLINT_BLESS=1 cargo test -p lint-core --test docs` regenerates it.

use lint_core::registry::{rule_page, rules_index};
use lint_core::rules;
use std::fs;
use std::path::PathBuf;

#[test]
fn rules_folder_is_fresh() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let bless = std::env::var_os("RLINT_BLESS").is_some();
    let mut expected: Vec<(PathBuf, String)> = vec![(dir.join("README.md"), rules_index())];
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
            && !expected.iter().any(|(p, _)| *p == path)
            && path.file_name().is_some_and(|n| n != "HADOLINT-DIFF.md")
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
