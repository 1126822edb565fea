//! rlint's key tables for action metadata (`rules::action::schema`) against SchemaStore's
//! github-action schema (../shared/schemas/github-actions.json, a test oracle only): the same
//! keys in every place and the same values of `runs.using` and `branding.color`; and both
//! verdicts on the AC001 fixtures, with every difference named here and its reason.

mod common;

use lint_core::rules::action::schema::{
    BRANDING_KEYS, COLORS, COMPOSITE_KEYS, DOCKER_KEYS, INPUT_KEYS, JAVASCRIPT_KEYS, OUTPUT_KEYS,
    STEP_KEYS, TOP_KEYS,
};
use lint_core::syntax::yaml;
use lint_core::{Config, FileKind, lint_text};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;

fn official() -> Option<Value> {
    let path = common::shared("schemas/github-actions.json")?;
    Some(serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap())
}

fn keys_at(schema: &Value, pointer: &str) -> BTreeSet<String> {
    schema
        .pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("no properties at {pointer}"))
        .keys()
        .cloned()
        .collect()
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

#[test]
fn our_key_tables_are_the_official_keys() {
    let Some(schema) = official() else { return };
    let item =
        |base: &str| format!("{base}/patternProperties/^[_a-zA-Z][a-zA-Z0-9_-]*$/properties");
    let places: [(&str, String, &[&str]); 8] = [
        ("top level", "/properties".into(), TOP_KEYS),
        ("inputs", item("/properties/inputs"), INPUT_KEYS),
        (
            "outputs",
            item("/definitions/outputs-composite"),
            OUTPUT_KEYS,
        ),
        (
            "javascript runs",
            "/definitions/runs-javascript/properties".into(),
            JAVASCRIPT_KEYS,
        ),
        (
            "docker runs",
            "/definitions/runs-docker/properties".into(),
            DOCKER_KEYS,
        ),
        (
            "composite runs",
            "/definitions/runs-composite/properties".into(),
            COMPOSITE_KEYS,
        ),
        (
            "composite steps",
            "/definitions/runs-composite/properties/steps/items/properties".into(),
            STEP_KEYS,
        ),
        (
            "branding",
            "/properties/branding/properties".into(),
            BRANDING_KEYS,
        ),
    ];
    for (place, pointer, ours) in places {
        assert_eq!(set(ours), keys_at(&schema, &pointer), "{place}");
    }
    let values = |pointer: &str| -> BTreeSet<String> {
        schema
            .pointer(pointer)
            .and_then(Value::as_array)
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        set(COLORS),
        values("/properties/branding/properties/color/enum")
    );
    let mut using = values("/definitions/runs-javascript/properties/using/enum");
    using.extend(["docker".to_string(), "composite".to_string()]);
    assert_eq!(set(&lint_core::kinds::action::USING), using);
}

/// Where rlint's verdict on an AC001 fixture differs from the official schema's, and why
/// rlint's is GitHub's: (fixture, reason).
const KNOWN: &[(&str, &str)] = &[
    (
        "valid_docker.yml",
        "no `description`: the runner runs an action without one; only the Marketplace asks for it",
    ),
    (
        "valid_node.yml",
        "`using: Node20` (GitHub compares the runtime ignoring case) and an input with nothing under it (YAML null: GitHub reads no description)",
    ),
];

#[test]
fn both_verdicts_on_the_fixtures_agree_or_say_why() {
    let Some(schema) = official() else { return };
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/action/AC001");
    let config = Config {
        select: vec!["AC001".into()],
        ..Config::default()
    };
    let mut differences = Vec::new();
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    for name in &names {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        let doc = yaml::parse(&text);
        let json = doc.documents[0].to_json();
        let official_ok = validator.is_valid(&json);
        let ours_ok = lint_text("action.yml", &text, Some(FileKind::GithubAction), &config)
            .diagnostics
            .is_empty();
        assert_eq!(ours_ok, name.starts_with("valid"), "{name}");
        if official_ok != ours_ok {
            differences.push(name.as_str());
        }
    }
    let known: Vec<&str> = KNOWN.iter().map(|(n, _)| *n).collect();
    assert_eq!(differences, known);
}

/// Odd shapes and hostile sizes lint without a panic, with bounded findings.
#[test]
fn odd_actions_lint_without_a_panic() {
    let strict = Config {
        preset: Some(lint_core::Preset::Strict),
        ..Config::default()
    };
    let steps = format!(
        "runs:\n  using: composite\n  steps:\n{}",
        "    - run: echo ${{ github.head_ref }} ${{ secrets.X }} ${{ inputs.y\n      uses: o/r@main\n"
            .repeat(5_000)
    );
    let texts = [
        "",
        "runs: []\n",
        "runs:\n  using: [composite]\n",
        "runs:\n  using: composite\n  steps: 3\n",
        "runs:\n  using: composite\n  steps:\n    - [run]\n    - ~\n    - run: {a: b}\n",
        "inputs: 3\noutputs:\n  a: [1]\nbranding: x\nruns:\n  using: docker\n",
        "runs: &r\n  using: composite\n  steps:\n    - *r\n",
        "? [a]\n: b\nruns:\n  using: node20\n  main: x\n",
        steps.as_str(),
    ];
    for text in texts {
        let report = lint_text("action.yml", text, Some(FileKind::GithubAction), &strict);
        assert!(
            report.diagnostics.len() <= 2_000,
            "{}",
            report.diagnostics.len()
        );
    }
}
