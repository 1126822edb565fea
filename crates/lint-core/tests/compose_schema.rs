//! rlint's Compose schema (rules/schemas/compose.schema.json, written from the specification)
//! against the official one (../shared/schemas/compose-spec.json, a test oracle only): both must
//! accept and reject the same files of the compose corpus and of our fixtures, except the
//! differences listed here, each with its reason.

mod common;

use lint_core::rules::compose::{interpolated_json, schema::SCHEMA_TEXT};
use lint_core::syntax::compose::Env;
use lint_core::syntax::yaml;
use std::fs;
use std::path::{Path, PathBuf};

/// Files on which the two schemas disagree on purpose: (file name, who rejects it, why).
const KNOWN: &[(&str, &str, &str)] = &[(
    "DC002/invalid-restart.yaml",
    "ours",
    "the official schema types `restart` as any string; the Docker engine rejects other policies \
     when it creates the container (\"invalid restart policy\"), so rlint checks the four the \
     specification lists (`no`, `always`, `on-failure[:N]`, `unless-stopped`) before anything runs",
)];

#[test]
fn our_schema_agrees_with_the_official_one() {
    let (Some(official_path), Some(corpus)) = (
        common::shared("schemas/compose-spec.json"),
        common::shared("corpus/compose"),
    ) else {
        return;
    };
    let official: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(official_path).unwrap()).unwrap();
    let official = jsonschema::validator_for(&official).unwrap();
    let ours: serde_json::Value = serde_json::from_str(SCHEMA_TEXT).unwrap();
    let ours = jsonschema::validator_for(&ours).unwrap();

    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compose");
    let mut files: Vec<PathBuf> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for dir in fs::read_dir(&fixtures).unwrap() {
        files.extend(
            fs::read_dir(dir.unwrap().path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
        );
    }
    let env = Env::default();
    let (mut compared, mut differences) = (0, Vec::new());
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        let doc = yaml::parse(&text);
        if doc.has_syntax_error() {
            continue;
        }
        let Some(root) = doc.documents.first() else {
            continue;
        };
        let json = interpolated_json(root, &env);
        compared += 1;
        let (a, b) = (ours.is_valid(&json), official.is_valid(&json));
        if a != b {
            let name = path
                .strip_prefix(&fixtures)
                .unwrap_or(path.strip_prefix(&corpus).unwrap_or(path));
            let name = name.to_string_lossy().to_string();
            let why = if b {
                format!(
                    "ours rejects: {}",
                    ours.iter_errors(&json)
                        .map(|e| format!("{} at {}", e, e.instance_path().as_str()))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            } else {
                format!(
                    "official rejects: {}",
                    official
                        .iter_errors(&json)
                        .map(|e| format!("{} at {}", e, e.instance_path().as_str()))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            };
            differences.push((name, why));
        }
    }
    eprintln!(
        "compose schema: {compared} files compared, {} differences",
        differences.len()
    );
    let unexplained: Vec<_> = differences
        .iter()
        .filter(|(name, _)| !KNOWN.iter().any(|(k, _, _)| k == name))
        .collect();
    let stale: Vec<_> = KNOWN
        .iter()
        .filter(|(k, _, _)| !differences.iter().any(|(name, _)| name == k))
        .collect();
    assert!(
        unexplained.is_empty() && stale.is_empty(),
        "unexplained differences:\n{}\nlisted but no longer different: {stale:?}",
        unexplained
            .iter()
            .map(|(n, w)| format!("{n}: {w}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(compared > 230, "compared only {compared} files");
}
