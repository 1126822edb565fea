//! Every `--format` on one fixed project of several files with a known set of findings: golden
//! output, the XML formats parsed back, the JSON ones read back, fingerprints that survive moved
//! lines, and no secret printed in clear by any of them.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const FORMATS: &[&str] = &[
    "human",
    "concise",
    "json",
    "sarif",
    "github",
    "gnu",
    "checkstyle",
    "codeclimate",
    "junit",
    "rdjson",
];

const SECRETS: &[&str] = &["AKIAZ7Q4RT2LMN8WXY35", "hunter2hunter2xyz"];

/// The odd path: a space, `&`, `<` and `>` must survive every format.
const ODD: &str = "sp ace & <odd>/Dockerfile";

fn project(dir: &Path, lines_above: usize) {
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    let pad = "# moved down\n".repeat(lines_above);
    write(
        "Dockerfile",
        &format!(
            "FROM ubuntu:22.04\n{pad}ENV AWS_ACCESS_KEY_ID={}\nRUN apt-get install -y curl\n",
            SECRETS[0]
        ),
    );
    write(
        ODD,
        &format!("FROM alpine\n{pad}MAINTAINER Jörg <j@x>\nRUN cd \"/srv/a&b<c>\" && make\n"),
    );
    write(
        "compose.yaml",
        &format!(
            "services:\n  web:\n    image: \"registry.example/café:latest\"\n    environment:\n      PASSWORD: \"{}\"\n",
            SECRETS[1]
        ),
    );
    write(
        "clean/Dockerfile",
        "FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\nCMD [\"sh\"]\n",
    );
}

fn rlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(dir: &Path, format: &str) -> String {
    let out = rlint(dir, &["--format", format, "."]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{format}: findings fail the run"
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}:\n{text}"))
}

/// The known finding set, as (path, line, code), in output order.
const FINDINGS: &[(&str, usize, &str)] = &[
    ("Dockerfile", 2, "DF067"),
    ("Dockerfile", 2, "DF086"),
    ("Dockerfile", 3, "DF029"),
    ("Dockerfile", 3, "DF030"),
    ("compose.yaml", 3, "DC011"),
    ("compose.yaml", 5, "DC012"),
    (ODD, 1, "DF002"),
    (ODD, 2, "DF004"),
    (ODD, 3, "DF018"),
];

#[test]
fn golden_output_of_every_format() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), 0);
    for format in FORMATS {
        let mut text = stdout(dir.path(), format);
        if *format == "sarif" {
            // The rule list and indexes grow with every rule added: checked apart, below.
            let mut v = json(&text);
            v["runs"][0]["tool"]["driver"]["rules"] = serde_json::json!("[redacted]");
            v["runs"][0]["tool"]["driver"]["version"] = serde_json::json!("[version]");
            for r in v["runs"][0]["results"].as_array_mut().unwrap() {
                r["ruleIndex"] = serde_json::json!("[index]");
            }
            text = serde_json::to_string_pretty(&v).unwrap();
        }
        insta::assert_snapshot!(format!("format_{format}"), text);
    }
}

#[test]
fn gnu_lines_read_as_file_line_col_severity_message_code() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), 0);
    let out = stdout(dir.path(), "gnu");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), FINDINGS.len());
    for (line, (path, n, code)) in lines.iter().zip(FINDINGS) {
        let rest = line.strip_prefix(&format!("{path}:{n}:")).unwrap();
        let (col, rest) = rest.split_once(": ").unwrap();
        assert!(col.parse::<usize>().unwrap() >= 1, "{line}");
        let (severity, message) = rest.split_once(": ").unwrap();
        assert!(
            ["error", "warning", "info", "note"].contains(&severity),
            "{line}"
        );
        assert!(message.ends_with(&format!(" [{code}]")), "{line}");
    }
    assert!(out.contains("`registry.example/café:latest`"));
    assert!(out.contains("`cd /srv/a&b<c>`"));
}

#[test]
fn checkstyle_is_well_formed_xml_listing_every_file() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), 0);
    let out = stdout(dir.path(), "checkstyle");
    let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{e}:\n{out}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    let files: Vec<_> = root.children().filter(|n| n.has_tag_name("file")).collect();
    let names: Vec<&str> = files.iter().filter_map(|f| f.attribute("name")).collect();
    assert_eq!(
        names,
        ["Dockerfile", "clean/Dockerfile", "compose.yaml", ODD]
    );
    let mut found = Vec::new();
    for file in &files {
        for e in file.children().filter(|n| n.has_tag_name("error")) {
            let source = e.attribute("source").unwrap();
            found.push((
                file.attribute("name").unwrap(),
                e.attribute("line").unwrap().parse::<usize>().unwrap(),
                source.strip_prefix("rlint.").unwrap(),
            ));
            assert!(["error", "warning", "info"].contains(&e.attribute("severity").unwrap()));
            assert!(e.attribute("column").unwrap().parse::<usize>().unwrap() >= 1);
        }
    }
    found.sort();
    let mut expected = FINDINGS.to_vec();
    expected.sort();
    assert_eq!(found, expected);
    assert!(files.iter().flat_map(|f| f.children()).any(|e| {
        e.attribute("message")
            .is_some_and(|m| m.contains("`registry.example/café:latest`"))
    }));
    assert!(files.iter().flat_map(|f| f.children()).any(|e| {
        e.attribute("message")
            .is_some_and(|m| m.contains("`cd /srv/a&b<c>`"))
    }));
}

#[test]
fn junit_is_well_formed_xml_with_a_failed_case_per_finding() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), 0);
    let out = stdout(dir.path(), "junit");
    let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{e}:\n{out}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("failures"), Some("9"));
    assert_eq!(
        root.attribute("tests"),
        Some("10"),
        "9 findings + 1 clean file"
    );
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 4);
    let clean = suites
        .iter()
        .find(|s| s.attribute("name") == Some("clean/Dockerfile"))
        .unwrap();
    assert_eq!(clean.attribute("failures"), Some("0"));
    let odd = suites
        .iter()
        .find(|s| s.attribute("name") == Some(ODD))
        .unwrap();
    let failures: Vec<_> = odd
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 3);
    let cd = failures
        .iter()
        .find(|f| f.text().unwrap_or("").contains("[DF018]"))
        .unwrap();
    assert!(cd.text().unwrap().starts_with(&format!("{ODD}:3:5: ")));
    assert!(
        cd.attribute("message")
            .unwrap()
            .contains("`cd /srv/a&b<c>`")
    );
    for case in root.descendants().filter(|n| n.has_tag_name("testcase")) {
        assert!(case.attribute("name").is_some() && case.attribute("classname").is_some());
    }
}

#[test]
fn codeclimate_is_what_gitlab_code_quality_reads() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), 0);
    let v = json(&stdout(dir.path(), "codeclimate"));
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), FINDINGS.len());
    for (issue, (path, line, code)) in issues.iter().zip(FINDINGS) {
        assert_eq!(issue["check_name"], *code);
        assert_eq!(issue["location"]["path"], *path);
        assert_eq!(issue["location"]["lines"]["begin"], *line);
        assert!(!issue["description"].as_str().unwrap().is_empty());
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 32);
    }
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), issues.len(), "fingerprints are unique");
}

#[test]
fn rdjson_is_what_reviewdog_reads() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), 0);
    let v = json(&stdout(dir.path(), "rdjson"));
    assert_eq!(v["source"]["name"], "rlint");
    let diagnostics = v["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), FINDINGS.len());
    for (d, (path, line, code)) in diagnostics.iter().zip(FINDINGS) {
        assert_eq!(d["location"]["path"], *path);
        assert_eq!(d["location"]["range"]["start"]["line"], *line);
        assert_eq!(d["code"]["value"], *code);
        assert!(
            d["code"]["url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("rules/{code}.md"))
        );
        assert!(["ERROR", "WARNING", "INFO"].contains(&d["severity"].as_str().unwrap()));
    }
    // MAINTAINER's safe fix is offered as a suggestion over the instruction's bytes: `Jörg`
    // counts 5 bytes, so the line's 21 characters end at byte column 23.
    let maintainer = &diagnostics[7];
    assert_eq!(maintainer["location"]["range"]["end"]["column"], 23);
    let suggestion = &maintainer["suggestions"][0];
    assert_eq!(suggestion["range"], maintainer["location"]["range"]);
    assert!(suggestion["text"].as_str().unwrap().contains("Jörg <j@x>"));
}

/// SARIF 2.1.0's schema (OASIS) is not in the repository: its licence is the OASIS IPR policy,
/// not an open-source one. The npm package `@microsoft/jest-sarif` (MIT) ships a copy, and the
/// page's test tooling installs it (`npm ci --prefix www/e2e`): the output is validated against
/// it there, or against RLINT_SARIF_SCHEMA. CI (RLINT_REQUIRE_WEB=1) requires it; elsewhere,
/// without it, the properties the schema requires and the ones code scanning reads are checked.
#[test]
fn sarif_carries_rule_metadata_fingerprints_and_regions() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), 0);
    let v = json(&stdout(dir.path(), "sarif"));
    let schema_path = std::env::var_os("RLINT_SARIF_SCHEMA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join(
                "../../www/e2e/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json",
            )
        });
    let schema = fs::read_to_string(&schema_path);
    if schema.is_err() && std::env::var_os("RLINT_REQUIRE_WEB").is_some_and(|v| v == "1") {
        panic!(
            "{} not found, and RLINT_REQUIRE_WEB=1 (CI): run npm ci --prefix www/e2e",
            schema_path.display()
        );
    }
    if let Ok(schema) = schema {
        let mut schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
        // Schemastore's copy has a stray `]` in the `language` patterns, which draft 4's
        // meta-schema rejects as a regex: the pattern they mean is put in their place.
        fix_language_patterns(&mut schema);
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "SARIF schema: {errors:#?}");
        let mut broken = v.clone();
        broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
        assert!(!validator.is_valid(&broken), "the schema is really applied");
    }
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "rlint");
    let rules = driver["rules"].as_array().unwrap();
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        assert!(!rule["name"].as_str().unwrap().is_empty());
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            rule["helpUri"],
            format!("https://github.com/rlint/rlint/blob/main/rules/{id}.md")
        );
        assert!(
            ["error", "warning", "note"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap())
        );
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), FINDINGS.len());
    for (r, (path, line, code)) in results.iter().zip(FINDINGS) {
        assert_eq!(r["ruleId"], *code);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], *code);
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let location = &r["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(
            uri.replace("%20", " ")
                .replace("%26", "&")
                .replace("%3C", "<")
                .replace("%3E", ">"),
            *path
        );
        let region = &location["region"];
        assert_eq!(region["startLine"], *line);
        for key in ["startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{key}: {region}");
        }
        assert!(region["endLine"].as_u64() >= region["startLine"].as_u64());
        assert!(r["partialFingerprints"]["rlintFindingHash/v1"].is_string());
    }
}

fn fix_language_patterns(schema: &mut serde_json::Value) {
    match schema {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key == "pattern" && value == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                    *value = serde_json::json!("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                } else {
                    fix_language_patterns(value);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(fix_language_patterns),
        _ => {}
    }
}

fn fingerprints(dir: &Path) -> (Vec<String>, Vec<String>, Vec<u64>) {
    let sarif = json(&stdout(dir, "sarif"));
    let results = sarif["runs"][0]["results"].as_array().unwrap().clone();
    let cc = json(&stdout(dir, "codeclimate"));
    (
        results
            .iter()
            .map(|r| r["partialFingerprints"]["rlintFindingHash/v1"].to_string())
            .collect(),
        cc.as_array()
            .unwrap()
            .iter()
            .map(|i| i["fingerprint"].to_string())
            .collect(),
        results
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap()
            })
            .collect(),
    )
}

#[test]
fn fingerprints_stay_when_lines_move() {
    let before = tempfile::tempdir().unwrap();
    project(before.path(), 0);
    let after = tempfile::tempdir().unwrap();
    project(after.path(), 3);
    let (sarif_a, cc_a, lines_a) = fingerprints(before.path());
    let (sarif_b, cc_b, lines_b) = fingerprints(after.path());
    assert_ne!(lines_a, lines_b, "the findings moved");
    assert_eq!(sarif_a, sarif_b);
    assert_eq!(cc_a, cc_b);
}

#[test]
fn no_format_prints_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), 0);
    for format in FORMATS {
        let out = stdout(dir.path(), format);
        assert!(
            out.contains("hun****xyz"),
            "{format}: the finding is reported:\n{out}"
        );
        for secret in SECRETS {
            assert!(!out.contains(secret), "{format} prints {secret}:\n{out}");
        }
    }
}

/// The contract an editor without LSP builds on (README "Editors and tools without LSP"): the
/// buffer on stdin, named by `--stdin-filename`, findings as JSON with the documented fields.
#[test]
fn stdin_filename_with_json_is_the_editor_contract() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rlint"))
        .args([
            "--format",
            "json",
            "--stdin-filename",
            "sub dir/Dockerfile",
            "-",
        ])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"FROM alpine\nMAINTAINER me\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"], 1);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "DF004")
        .unwrap();
    assert_eq!(d["path"], "sub dir/Dockerfile");
    for key in [
        "kind", "name", "aliases", "severity", "message", "help", "url", "fix", "labels",
    ] {
        assert!(d.get(key).is_some(), "{key} in {d}");
    }
    assert_eq!(d["span"]["start"]["line"], 2);
    assert_eq!(d["span"]["start"]["column"], 1);
    assert_eq!(d["span"]["end"]["line"], 2);
    assert!(d["span"]["offset"].is_u64() && d["span"]["length"].is_u64());
}
