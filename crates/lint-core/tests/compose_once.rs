//! One finding per problem in Compose files: no two diagnostics share a code and a span, over
//! every Compose fixture and the real-world corpus (anchors and merge keys copy spans into every
//! service that uses them).

use lint_core::{Config, FileKind, lint_text};
use std::fs;
use std::path::{Path, PathBuf};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

#[test]
fn no_two_findings_share_a_code_and_a_span() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("tests/fixtures/compose"), &mut files);
    let fixtures = files.len();
    assert!(
        fixtures > 50,
        "the Compose fixtures moved: {fixtures} files"
    );
    // The shared corpus, when this checkout sits beside it.
    yaml_files(&root.join("../../../shared/corpus/compose"), &mut files);
    // Every rule, the opt-in ones included.
    let config: Config = toml::from_str("select = [\"ALL\"]").unwrap();
    let mut checked = 0;
    for path in &files {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        let report = lint_text("compose.yaml", &text, Some(FileKind::Compose), &config);
        let mut seen = std::collections::HashSet::new();
        for d in &report.diagnostics {
            let d = &d.diagnostic;
            assert!(
                seen.insert((d.code, d.span)),
                "{}: {} twice at {:?}: {}",
                path.display(),
                d.code,
                d.span,
                d.message
            );
        }
        checked += 1;
    }
    assert!(checked >= fixtures);
}

#[test]
fn an_anchor_shared_by_services_is_reported_once_naming_them() {
    let text = "x-app: &app\n  image: acme/app\n  privileged: true\nservices:\n  web:\n    <<: *app\n  worker:\n    <<: *app\n  solo: *app\n";
    let report = lint_text("compose.yaml", text, None, &Config::default());
    let found: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == "DC023")
        .map(|d| d.diagnostic.message.as_str())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("`web`, `worker`, `solo`"), "{found:?}");
}
