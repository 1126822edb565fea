//! The YAML 1.2 conformance suite (../shared/corpus/yaml-test-suite) through rlint's YAML layer.
//!
//! Every case is run. A case with an `error` marker must be rejected (a problem that becomes DC000:
//! syntax, limit or unknown anchor). Every other case must load, and its tree must match the
//! suite's:
//! - against `test.event` (all valid cases): same structure (mappings as ordered key/value pairs,
//!   so complex keys and duplicates are compared too), and each scalar compared by its *value*
//!   under the YAML 1.2 core schema as rlint types it ([`yaml::Scalar::typed`]): text plus
//!   whether it is plain and how it is tagged (only untagged plain scalars are typed; `!!str`
//!   and `!` make a string). Tags are not compared otherwise (rlint keeps them only for
//!   typing), and aliases are compared by the value they copy.
//! - against `in.json` when the suite has it: the JSON the documents load to, numbers compared
//!   as numbers (`1000` equals `1000.0`).
//!
//! Cases that cannot pass for a stated reason are in [`EXPECTED_FAILURES`]; the test fails when
//! one of them starts passing, so the list stays honest.

mod common;

use lint_core::syntax::yaml::{self, Node, ProblemKind, Scalar, Style, Typed, Value};
use lint_core::{Config, FileKind, lint_text};
use std::fs;
use std::path::{Path, PathBuf};

/// Cases rlint gets "wrong" on purpose, with the reason. Keep each reason specific.
const EXPECTED_FAILURES: &[(&str, &str)] = &[
    (
        "9C9N",
        "flow sequence lines at the parent key's column: invalid for the spec, but libyaml and \
         go-yaml load it, and rlint follows the loaders (see syntax::yaml::Leniency)",
    ),
    (
        "QB6E",
        "quoted scalar continued at a lower indentation: invalid for the spec, but libyaml and \
         go-yaml load it, and rlint follows the loaders",
    ),
    (
        "9JBA",
        "`#` right after `]` taken as a comment: the spec wants white space before it, libyaml \
         does not, and rlint follows the loaders",
    ),
    (
        "CVW2",
        "`#` right after `,` taken as a comment, as libyaml does",
    ),
    (
        "MUS6/00",
        "`#` right after a directive's version taken as a comment, as libyaml does",
    ),
    (
        "SU5Z",
        "`#` right after a closing quote taken as a comment, as libyaml does",
    ),
    (
        "X4QW",
        "`#` right after a block scalar header taken as a comment, as libyaml does",
    ),
    (
        "VJP3/00",
        "the same leniency on flow indentation turns it into VJP3/01 (a key split over lines in \
         a flow mapping), which the spec allows and saphyr-parser loads (libyaml rejects both)",
    ),
];

struct Case {
    id: String,
    dir: PathBuf,
    text: String,
    error: bool,
}

fn cases(root: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            }
        }
        let input = dir.join("in.yaml");
        if input.is_file() {
            let id = dir
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(Case {
                id,
                text: fs::read_to_string(&input).unwrap(),
                error: dir.join("error").exists(),
                dir,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// A loaded tree reduced to what the comparison looks at.
#[derive(Debug, PartialEq)]
enum Tree {
    Scalar(String),
    Seq(Vec<Tree>),
    Map(Vec<(Tree, Tree)>),
}

fn scalar_value(s: &Scalar) -> String {
    match s.typed() {
        Typed::Null => "null".into(),
        Typed::Bool(b) => format!("bool {b}"),
        Typed::Int(i) => format!("int {i}"),
        Typed::Float(f) => format!("float {f:?}"),
        Typed::Str(t) => format!("str {t:?}"),
    }
}

fn tree(node: &Node) -> Tree {
    match &node.value {
        Value::Scalar(s) => Tree::Scalar(scalar_value(s)),
        Value::Seq(items) => Tree::Seq(items.iter().map(tree).collect()),
        Value::Map(entries) => Tree::Map(
            entries
                .iter()
                .map(|e| (tree(&e.key), tree(&e.value)))
                .collect(),
        ),
    }
}

/// `test.event` text unescaped (`\n`, `\t`, `\\`, `\b`, `\r`, `\0`, `\x`-free by the suite's rules).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('0') => out.push('\0'),
            Some('\\') | None => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

/// The documents `test.event` describes, aliases replaced by copies of their anchored value.
fn event_documents(events: &str) -> Vec<Tree> {
    enum Open {
        Seq(Vec<Tree>, Option<String>),
        Map(Vec<(Tree, Tree)>, Option<Tree>, Option<String>),
    }
    let mut docs = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: Vec<(String, Tree)> = Vec::new();
    fn clone(t: &Tree) -> Tree {
        match t {
            Tree::Scalar(s) => Tree::Scalar(s.clone()),
            Tree::Seq(v) => Tree::Seq(v.iter().map(clone).collect()),
            Tree::Map(v) => Tree::Map(v.iter().map(|(k, v)| (clone(k), clone(v))).collect()),
        }
    }
    let mut done = |t: Tree,
                    anchor: Option<String>,
                    stack: &mut Vec<Open>,
                    anchors: &mut Vec<(String, Tree)>| {
        if let Some(a) = anchor {
            anchors.push((a, clone(&t)));
        }
        match stack.last_mut() {
            None => docs.push(t),
            Some(Open::Seq(items, _)) => items.push(t),
            Some(Open::Map(entries, key, _)) => match key.take() {
                None => *key = Some(t),
                Some(k) => entries.push((k, t)),
            },
        }
    };
    for line in events.lines() {
        let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
        // Flow collections are marked (`+SEQ []`); then properties (`&anchor`, `<tag>`) come
        // before the value. Anchors matter for aliases, tags for typing (`!!str 23`).
        let mut rest = rest
            .strip_prefix("[]")
            .or_else(|| rest.strip_prefix("{}"))
            .map_or(rest, |r| r.trim_start_matches(' '));
        let mut anchor = None;
        let mut tag = None;
        loop {
            if let Some(r) = rest.strip_prefix('&') {
                let (a, r) = r.split_once(' ').unwrap_or((r, ""));
                anchor = Some(a.to_string());
                rest = r;
            } else if let Some(r) = rest.strip_prefix('<') {
                let end = r.find('>').unwrap();
                tag = Some(Box::new(r[..end].to_string()));
                rest = r[end + 1..].trim_start_matches(' ');
            } else {
                break;
            }
        }
        match head {
            "+SEQ" => stack.push(Open::Seq(Vec::new(), anchor)),
            "+MAP" => stack.push(Open::Map(Vec::new(), None, anchor)),
            "-SEQ" | "-MAP" => {
                let (t, a) = match stack.pop().unwrap() {
                    Open::Seq(items, a) => (Tree::Seq(items), a),
                    Open::Map(entries, _, a) => (Tree::Map(entries), a),
                };
                done(t, a, &mut stack, &mut anchors);
            }
            "=VAL" => {
                let style = match rest.chars().next() {
                    Some(':') => Style::Plain,
                    Some('\'') => Style::SingleQuoted,
                    Some('"') => Style::DoubleQuoted,
                    Some('|') => Style::Literal,
                    Some('>') => Style::Folded,
                    other => panic!("unknown scalar style {other:?} in {line:?}"),
                };
                let s = Scalar {
                    text: unescape(&rest[1..]).into(),
                    style,
                    tag,
                };
                done(
                    Tree::Scalar(scalar_value(&s)),
                    anchor,
                    &mut stack,
                    &mut anchors,
                );
            }
            "=ALI" => {
                let name = rest.trim_start_matches('*');
                let t = anchors
                    .iter()
                    .rev()
                    .find(|(a, _)| a == name)
                    .map(|(_, t)| clone(t))
                    .unwrap();
                done(t, None, &mut stack, &mut anchors);
            }
            _ => {}
        }
    }
    docs
}

/// Numbers as f64 so `1000` and `1000.0` compare equal.
fn normalize(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        J::Number(n) => {
            serde_json::Number::from_f64(n.as_f64().unwrap()).map_or(J::Null, J::Number)
        }
        J::Array(a) => J::Array(a.into_iter().map(normalize).collect()),
        J::Object(o) => J::Object(o.into_iter().map(|(k, v)| (k, normalize(v))).collect()),
        other => other,
    }
}

fn rejects(y: &yaml::YamlFile) -> Option<&yaml::Problem> {
    y.problems.iter().find(|p| {
        matches!(
            p.kind,
            ProblemKind::Syntax | ProblemKind::Limit | ProblemKind::UnknownAnchor
        )
    })
}

/// `None` when rlint agrees with the suite on the case, else what went wrong.
fn check(case: &Case) -> Option<String> {
    let y = yaml::parse(&case.text);
    if case.error {
        return rejects(&y)
            .is_none()
            .then(|| "accepted an invalid file".into());
    }
    if let Some(p) = rejects(&y) {
        return Some(format!(
            "rejected: {} (at byte {})",
            p.message, p.span.start
        ));
    }
    if let Ok(events) = fs::read_to_string(case.dir.join("test.event")) {
        let expected = event_documents(&events);
        let got: Vec<Tree> = y.documents.iter().map(tree).collect();
        if got != expected {
            return Some(format!(
                "tree differs from test.event:\n  got      {got:?}\n  expected {expected:?}"
            ));
        }
    }
    if let Ok(json) = fs::read_to_string(case.dir.join("in.json")) {
        let expected: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&json)
            .into_iter()
            .map(|v| normalize(v.unwrap()))
            .collect();
        let got: Vec<serde_json::Value> =
            y.documents.iter().map(|d| normalize(d.to_json())).collect();
        if got != expected {
            return Some(format!(
                "JSON differs from in.json:\n  got      {got:?}\n  expected {expected:?}"
            ));
        }
    }
    None
}

#[test]
fn yaml_test_suite() {
    let Some(root) = common::shared("corpus/yaml-test-suite") else {
        return;
    };
    let all = cases(&root);
    assert!(
        all.len() >= 350,
        "expected the whole suite, found {}",
        all.len()
    );
    let mut unexpected = Vec::new();
    let (mut valid_ok, mut valid, mut error_ok, mut errors) = (0, 0, 0, 0);
    for case in &all {
        let failure = check(case);
        if case.error {
            errors += 1;
            error_ok += usize::from(failure.is_none());
        } else {
            valid += 1;
            valid_ok += usize::from(failure.is_none());
        }
        let listed = EXPECTED_FAILURES.iter().any(|(id, _)| *id == case.id);
        match (failure, listed) {
            (Some(why), false) => unexpected.push(format!("{}: {why}", case.id)),
            (None, true) => unexpected.push(format!(
                "{}: passes now; remove it from EXPECTED_FAILURES",
                case.id
            )),
            _ => {}
        }
    }
    for (id, _) in EXPECTED_FAILURES {
        assert!(
            all.iter().any(|c| c.id == *id),
            "{id} in EXPECTED_FAILURES is not a case of the suite"
        );
    }
    eprintln!(
        "yaml-test-suite: {valid_ok}/{valid} valid cases load and match, {error_ok}/{errors} error cases rejected; {} expected failures",
        EXPECTED_FAILURES.len()
    );
    assert!(
        unexpected.is_empty(),
        "{} unexpected results:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
}

/// Whatever the cause, a YAML syntax error tells the user what to do next.
#[test]
fn every_syntax_error_has_a_help() {
    let Some(root) = common::shared("corpus/yaml-test-suite") else {
        return;
    };
    let config = Config::default();
    let mut missing = Vec::new();
    let mut seen = 0;
    for case in cases(&root).iter().filter(|c| c.error) {
        let report = lint_text("compose.yaml", &case.text, Some(FileKind::Compose), &config);
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.code == "DC000")
        {
            seen += 1;
            if d.diagnostic.help.as_deref().is_none_or(str::is_empty) {
                missing.push(format!("{}: {}", case.id, d.diagnostic.message));
            }
        }
    }
    assert!(seen >= 50, "only {seen} DC000 over the error cases");
    assert!(
        missing.is_empty(),
        "DC000 without help:\n{}",
        missing.join("\n")
    );
}
