//! BuildKit's parser conformance suite: every positive case must dump byte-identically to its
//! `result`, every negative case must fail to parse.

mod common;

use lint_core::syntax::dockerfile::{dump, parse};
use std::fs;

#[test]
fn buildkit_positive_cases_dump_identically() {
    let Some(dir) = common::shared("corpus/buildkit-parser-testfiles/testfiles") else {
        return;
    };
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let text = fs::read_to_string(case.join("Dockerfile")).unwrap();
        let expected = fs::read_to_string(case.join("result"))
            .unwrap()
            .replace("\r\n", "\n");
        let df = parse(&text);
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        if !df.errors.is_empty() {
            failures.push(format!("{name}: unexpected errors {:?}", df.errors));
            continue;
        }
        let got = dump(&df);
        if got != expected {
            failures.push(format!("{name}:\n--- expected\n{expected}--- got\n{got}"));
        }
    }
    assert!(
        cases.len() >= 30,
        "expected the whole suite, found {} cases",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    eprintln!(
        "buildkit conformance: {} of {} positive cases identical",
        cases.len(),
        cases.len()
    );
}

#[test]
fn buildkit_negative_cases_fail() {
    let Some(dir) = common::shared("corpus/buildkit-parser-testfiles/testfiles-negative") else {
        return;
    };
    let mut count = 0;
    for case in fs::read_dir(&dir).unwrap() {
        let case = case.unwrap().path();
        let text = fs::read_to_string(case.join("Dockerfile")).unwrap();
        let df = parse(&text);
        assert!(
            !df.errors.is_empty(),
            "{} parsed without error",
            case.display()
        );
        count += 1;
    }
    assert!(count >= 4);
}
