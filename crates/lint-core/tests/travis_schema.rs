//! rlint's Travis schema (rules/schemas/travis.schema.json) against SchemaStore's
//! (../shared/schemas/travis.json, a test oracle only) on every file of the Travis corpus
//! (travis-yml's spec fixtures and SchemaStore's own test files): where the two verdicts differ,
//! the difference is listed here with its reason, and the test fails on any other.

mod common;

use lint_core::rules::travis::schema::{SCHEMA_TEXT, prepared_json};
use lint_core::syntax::yaml;
use std::fs;

/// Why the verdicts differ: (who rejects, the key the error is at (`|` between choices; `` for
/// the top level), a part of the error message, why the other verdict is Travis's). Every error
/// of the rejecting schema on a file where the verdicts differ must be one of these.
const KNOWN: &[(&str, &str, &str, &str)] = &[
    (
        "ours",
        "",
        "was unexpected",
        "an unknown top-level key (`global`, `sources`): travis-yml warns \"unknown key\" (doc/validate/unknown_keys.rb); the official schema allows any",
    ),
    (
        "ours",
        "include",
        "was unexpected",
        "an unknown job key (`before_srcipt`): travis-yml warns; the official schema allows any key in a job",
    ),
    (
        "ours",
        "deploy",
        "was unexpected",
        "a deploy option its provider does not take (`repo` for `script`): checked per provider from travis-yml's def/deploy/*.rb; the official schema allows any",
    ),
    (
        "official",
        "addons",
        "'code_climate' was unexpected",
        "travis-yml's addons include code_climate (def/addons.rb, docs.travis-ci.com/user/code-climate/)",
    ),
    (
        "official",
        "addons",
        "'jwt' was unexpected",
        "travis-yml still reads the jwt addon, as deprecated (def/addon/jwts.rb): a deprecation, not a schema violation",
    ),
    (
        "official",
        "addons",
        "'hostname' was unexpected",
        "travis-yml's addons include hostname (def/addons.rb)",
    ),
    (
        "official",
        "addons",
        "'apt_packages' was unexpected",
        "travis-yml's addons include apt_packages (def/addons.rb)",
    ),
    (
        "official",
        "postgresql",
        "is not of type",
        "travis-yml casts a number (`postgresql: 9.6`) to the version string (doc/change/cast)",
    ),
    (
        "official",
        "packages",
        "is not of type \"array\"",
        "travis-yml wraps one package (`packages: python2.7`) into a list and drops an empty one (def/addon/apt.rb)",
    ),
    (
        "official",
        "env",
        "",
        "travis-yml takes env vars as `K=v` strings, `{K: v}` maps, `secure:` values and lists of them, in `global:` too, and drops an empty one (def/env.rb)",
    ),
    (
        "official",
        "language|dist",
        "is not one of",
        "travis-yml takes the first value of a list given where it wants one (`language: [node_js]`, msg unexpected_seq)",
    ),
    (
        "official",
        "slack|webhooks",
        "",
        "travis-yml's notifiers take a `secure:` target with on_success/on_failure/on_pull_requests/on_start beside it (def/notification/*.rb)",
    ),
    (
        "official",
        "notifications",
        "('on_",
        "travis-yml's notifications take on_success/on_failure for every notifier (def/notifications.rb)",
    ),
    (
        "official",
        "cache",
        "",
        "travis-yml wraps `directories: node_modules` into a list (def/cache.rb)",
    ),
    (
        "official",
        "before_install|before_script|after_script",
        "",
        "a step of `true` is cast to the command `true`, an empty phase dropped (doc/change/cast, doc/validate/empty.rb)",
    ),
    (
        "official",
        "go|d|perl|mono|compiler|osx_image",
        "",
        "a job of the matrix sets one value of a language key (`go: 1.5`, `osx_image: xcode8.1`): travis-yml types them as strings (def/job.rb support keys), the official schema wants a list or its own version list",
    ),
];

/// The last key of an instance path (`/matrix/include/0/go` → `go`; the top level → ``).
fn key_of(path: &str) -> &str {
    path.rsplit('/')
        .find(|s| s.parse::<usize>().is_err())
        .unwrap_or("")
}

fn explains(known: &(&str, &str, &str, &str), who: &str, path: &str, message: &str) -> bool {
    let (w, keys, fragment, _) = known;
    *w == who && keys.split('|').any(|k| k == key_of(path)) && message.contains(fragment)
}

#[test]
fn our_travis_schema_agrees_with_schemastore_or_says_why() {
    let (Some(official_path), Some(corpus)) = (
        common::shared("schemas/travis.json"),
        common::shared("corpus/travis"),
    ) else {
        return;
    };
    let official: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(official_path).unwrap()).unwrap();
    let official = jsonschema::validator_for(&official).unwrap();
    let ours: serde_json::Value = serde_json::from_str(SCHEMA_TEXT).unwrap();
    let ours = jsonschema::validator_for(&ours).unwrap();

    let mut names: Vec<String> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    let (mut compared, mut differences) = (0, Vec::new());
    for name in &names {
        let text = fs::read_to_string(corpus.join(name)).unwrap();
        let doc = yaml::parse(&text);
        let Some(root) = doc.documents.first().filter(|_| !doc.has_syntax_error()) else {
            continue;
        };
        compared += 1;
        // Both judge the document as rlint validates it (keys holding only a YAML anchor
        // dropped, as travis-yml does); the official schema sees the same JSON.
        let json = prepared_json(&text, root);
        let (a, b) = (ours.is_valid(&json), official.is_valid(&json));
        if a == b {
            continue;
        }
        let (who, validator) = if b {
            ("ours", &ours)
        } else {
            ("official", &official)
        };
        let errors: Vec<(String, String)> = validator
            .iter_errors(&json)
            .map(|e| (e.instance_path().as_str().to_string(), e.to_string()))
            .collect();
        differences.push((name.clone(), who, errors));
    }
    eprintln!(
        "travis schema: {compared} files compared, {} differences",
        differences.len()
    );
    let mut used = vec![false; KNOWN.len()];
    let mut unexplained = Vec::new();
    for (name, who, errors) in &differences {
        for (path, message) in errors {
            let why = KNOWN.iter().position(|k| explains(k, who, path, message));
            match why {
                Some(i) => used[i] = true,
                None => unexplained.push(format!(
                    "{name}: {who} rejects at `{path}`: {}",
                    truncate(message)
                )),
            }
        }
        eprintln!("  {who} rejects {name}");
    }
    let stale: Vec<_> = KNOWN
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(k, _)| k.3)
        .collect();
    assert!(
        unexplained.is_empty() && stale.is_empty(),
        "unexplained differences:\n{}\nreasons no difference needs any more: {stale:#?}",
        unexplained.join("\n")
    );
    assert!(compared >= 220, "compared only {compared} files");
}

fn truncate(s: &str) -> String {
    match s.char_indices().nth(160) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_string(),
    }
}
