//! Per-rule tests: executed doc examples, fixture folders (valid = silent, invalid = reports),
//! snapshots of what users see, fixes that converge and keep the file parsing, and a registry that
//! knows every rule file.

use lint_core::fix::fix_text;
use lint_core::rule::Rule;
use lint_core::{Config, FileKind, Related, Report, lint_text, lint_text_with, rules};
use std::fs;
use std::path::{Path, PathBuf};

/// Only `rule`, plus an `rlint.toml` given with the example or fixture (e.g. trusted registries).
fn only_with(rule: &Rule, toml_text: Option<&str>) -> Config {
    let mut config: Config = toml_text
        .map(|t| toml::from_str(t).expect("valid example config"))
        .unwrap_or_default();
    config.select = vec![rule.meta.code.to_string()];
    config
}

/// What differs between file kinds in these tests.
struct Kind {
    kind: FileKind,
    /// Folder under tests/fixtures and src/rules.
    dir: &'static str,
    /// Code-block language of doc examples.
    lang: &'static str,
    /// The name files are linted under.
    file_name: &'static str,
    /// The kind's syntax-error rule.
    syntax_code: &'static str,
    /// Fixture files that are not cases but files beside them.
    related: &'static [&'static str],
}

const KINDS: [Kind; 12] = [
    Kind {
        kind: FileKind::Dockerfile,
        dir: "dockerfile",
        lang: "dockerfile",
        file_name: "Dockerfile",
        syntax_code: "DF000",
        related: &["rlint.toml", ".dockerignore", "files.txt"],
    },
    Kind {
        kind: FileKind::Compose,
        dir: "compose",
        lang: "yaml",
        file_name: "compose.yaml",
        syntax_code: "DC000",
        related: &["rlint.toml", ".env", "files.txt"],
    },
    Kind {
        kind: FileKind::Dockerrun,
        dir: "dockerrun",
        lang: "json",
        file_name: "Dockerrun.aws.json",
        syntax_code: "DR000",
        related: &["rlint.toml"],
    },
    Kind {
        kind: FileKind::EcsTaskDefinition,
        dir: "ecs",
        lang: "json",
        file_name: "task-definition.json",
        syntax_code: "EC000",
        related: &["rlint.toml"],
    },
    Kind {
        kind: FileKind::Buildspec,
        dir: "buildspec",
        lang: "yaml",
        file_name: "buildspec.yml",
        syntax_code: "BS000",
        related: &["rlint.toml"],
    },
    Kind {
        kind: FileKind::Travis,
        dir: "travis",
        lang: "yaml",
        file_name: ".travis.yml",
        syntax_code: "TR000",
        related: &["rlint.toml"],
    },
    Kind {
        kind: FileKind::GithubWorkflow,
        dir: "workflow",
        lang: "yaml",
        file_name: ".github/workflows/ci.yml",
        syntax_code: "GA000",
        related: &["rlint.toml", "workflows"],
    },
    Kind {
        kind: FileKind::GithubAction,
        dir: "action",
        lang: "yaml",
        file_name: "action.yml",
        syntax_code: "AC000",
        related: &["rlint.toml"],
    },
    Kind {
        kind: FileKind::Circleci,
        dir: "circleci",
        lang: "yaml",
        file_name: ".circleci/config.yml",
        syntax_code: "CC000",
        related: &["rlint.toml"],
    },
    Kind {
        kind: FileKind::Dockerignore,
        dir: "dockerignore",
        lang: "dockerignore",
        file_name: ".dockerignore",
        syntax_code: "DI000",
        related: &["rlint.toml", "Dockerfile", "files.txt"],
    },
    Kind {
        kind: FileKind::Dotenv,
        dir: "dotenv",
        lang: "dotenv",
        file_name: ".env",
        syntax_code: "EN000",
        related: &["rlint.toml", "compose.yaml"],
    },
    Kind {
        kind: FileKind::DaemonJson,
        dir: "daemon",
        lang: "json",
        file_name: "daemon.json",
        syntax_code: "DJ000",
        related: &["rlint.toml"],
    },
];

/// The files around a linted file, from a list of paths (a `files` doc block or a fixture's
/// `files.txt`): a path exists when it is listed or is a folder of a listed path. A partial list
/// is what the web page has (its open tabs), for fixtures named `*partial*`. Some files also
/// have a text (a workflow's called workflows: a doc block titled with its path, a fixture's
/// `workflows/` folder), paths relative to the linted file's folder.
struct Listed(Vec<String>, bool, Vec<(String, String)>);

impl lint_core::Files for Listed {
    fn exists(&self, path: &str) -> bool {
        let path = path.trim_start_matches("./").trim_end_matches('/');
        path == "."
            || self
                .0
                .iter()
                .any(|f| f == path || f.starts_with(&format!("{path}/")))
    }

    fn read(&self, path: &str) -> Option<String> {
        let path = path.trim_start_matches("./");
        self.2
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.clone())
    }

    fn list(&self, path: &str) -> Option<Vec<String>> {
        let prefix = match path.trim_matches('/') {
            "" | "." => String::new(),
            p => format!("{p}/"),
        };
        let mut names: Vec<String> = self
            .0
            .iter()
            .filter_map(|f| f.strip_prefix(&prefix))
            .map(|rest| rest.split('/').next().unwrap_or("").to_string())
            .collect();
        names.dedup();
        Some(names)
    }

    fn partial(&self) -> bool {
        self.1
    }
}

impl Listed {
    fn parse(text: &str) -> Listed {
        Listed(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            false,
            Vec::new(),
        )
    }

    fn partial(&self) -> Listed {
        Listed(self.0.clone(), true, self.2.clone())
    }

    /// `texts` added to what `listed` lists (a listing of just them when there is none).
    fn with_texts(listed: Option<Listed>, texts: Vec<(String, String)>) -> Option<Listed> {
        if texts.is_empty() {
            return listed;
        }
        let mut l = listed.unwrap_or_else(|| Listed::parse(""));
        l.0.extend(texts.iter().map(|(p, _)| p.clone()));
        l.2 = texts;
        Some(l)
    }
}

fn rules_of(kind: &Kind) -> impl Iterator<Item = &'static &'static Rule> {
    let k = kind.kind;
    rules().iter().filter(move |r| r.meta.kind == Some(k))
}

fn count(report: &Report, code: &str) -> usize {
    report
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == code)
        .count()
}

fn fixtures_dir(kind: &Kind) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind.dir)
}

#[test]
fn doc_examples_are_executed() {
    for kind in &KINDS {
        for rule in rules_of(kind) {
            doc_examples_of(kind, rule);
        }
    }
}

fn doc_examples_of(kind: &Kind, rule: &Rule) {
    let code = rule.meta.code;
    let example_blocks = rule.meta.doc_code_blocks("Example");
    let example_config = example_blocks
        .iter()
        .find(|(l, _)| l == "toml")
        .map(|(_, t)| t.clone());
    for (section, expected) in [("Example", 1), ("Use instead", 0)] {
        let blocks = rule.meta.doc_code_blocks(section);
        let config_text = blocks
            .iter()
            .find(|(lang, _)| lang == "toml")
            .map(|(_, t)| t.clone())
            .or_else(|| example_config.clone());
        let config = only_with(rule, config_text.as_deref());
        let beside = |lang: &str| {
            blocks
                .iter()
                .chain(&example_blocks)
                .find(|(l, _)| l == lang)
                .map(|(_, t)| t.clone())
        };
        let ignore = beside("dockerignore");
        let dotenv = beside("dotenv");
        // A block titled with a path (```yaml .github/workflows/deploy.yml) is that file
        // beside the linted one, e.g. the workflow a job calls.
        let folder = kind.file_name.rsplit_once('/').map_or("", |(d, _)| d);
        let texts: Vec<(String, String)> = blocks
            .iter()
            .chain(&example_blocks)
            .filter_map(|(lang, t)| {
                let path = lang.strip_prefix(kind.lang)?.strip_prefix(' ')?.trim();
                let path = path.strip_prefix(folder)?.trim_start_matches('/');
                Some((path.to_string(), t.clone()))
            })
            .collect();
        let listed = Listed::with_texts(beside("files").map(|t| Listed::parse(&t)), texts);
        // A `.dockerignore` example's Dockerfile, a `.env` example's Compose file.
        let dockerfile = (kind.kind == FileKind::Dockerignore)
            .then(|| beside("dockerfile"))
            .flatten();
        let compose: Vec<String> = (kind.kind == FileKind::Dotenv)
            .then(|| beside("yaml"))
            .flatten()
            .into_iter()
            .collect();
        let related = Related {
            dockerignore: ignore.as_deref(),
            dotenv: dotenv.as_deref(),
            files: listed.as_ref().map(|l| l as &dyn lint_core::Files),
            dockerfile: dockerfile.as_deref(),
            compose: &compose,
            ..Related::default()
        };
        let files: Vec<&String> = blocks
            .iter()
            .filter(|(lang, _)| lang == kind.lang)
            .map(|(_, t)| t)
            .collect();
        assert!(
            !files.is_empty(),
            "{code}: `## {section}` has no {} code block",
            kind.lang
        );
        // The doc shows what the fix does: the fixed example is the matching `Use instead` block.
        if section == "Example" {
            let instead = rule.meta.doc_code_blocks("Use instead");
            let instead: Vec<&String> = instead
                .iter()
                .filter(|(lang, _)| lang == kind.lang)
                .map(|(_, t)| t)
                .collect();
            for (i, text) in files.iter().enumerate() {
                let fixed = fix_text(kind.file_name, text, Some(kind.kind), &config, true).text;
                if fixed != **text {
                    assert_eq!(
                        instead.get(i).map(|t| t.as_str()),
                        Some(fixed.as_str()),
                        "{code}: `## Use instead` block {i} must be what the fix makes of `## Example` block {i}"
                    );
                }
            }
        }
        for text in files {
            let report = lint_text_with(kind.file_name, text, Some(kind.kind), &config, related);
            assert_eq!(
                count(&report, code),
                expected,
                "{code}: `## {section}` must produce {expected} {code}:\n{text}\n{report:#?}"
            );
        }
    }
}

/// The rendered findings of one rule on one file: what a user reads.
fn render(text: &str, report: &Report, code: &str) -> String {
    let mut out = String::new();
    for l in report
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == code)
    {
        let d = &l.diagnostic;
        let snippet = &text[d.span.start..d.span.end];
        out.push_str(&format!(
            "{}:{}-{}:{} {} {} [{}]\n  {}\n",
            l.start.line,
            l.start.column,
            l.end.line,
            l.end.column,
            d.code,
            d.severity,
            snippet.replace('\n', "\\n"),
            d.message
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("  help: {help}\n"));
        }
        if let Some(fix) = &d.fix {
            out.push_str(&format!(
                "  fix ({:?}): {}\n",
                fix.applicability, fix.message
            ));
        }
    }
    out
}

/// What the rule's fixes make of a file: after `--fix` (safe fixes) and after `--unsafe-fixes`.
/// `None` when no fix changes it.
fn render_fixed(kind: &Kind, text: &str, config: &Config) -> Option<String> {
    let k = Some(kind.kind);
    let safe = fix_text(kind.file_name, text, k, config, false).text;
    let all = fix_text(kind.file_name, text, k, config, true).text;
    if all == text {
        return None;
    }
    let shown = |fixed: &str, same_as: &str, said: &str| {
        if fixed == same_as {
            format!("({said})\n")
        } else {
            fixed.to_string()
        }
    };
    Some(format!(
        "--fix:\n{}--unsafe-fixes:\n{}",
        shown(&safe, text, "no change"),
        shown(&all, &safe, "the same")
    ))
}

#[test]
fn fixtures_valid_are_silent_invalid_report_and_snapshot() {
    let mut checked = 0;
    for kind in &KINDS {
        for rule in rules_of(kind) {
            checked += fixtures_of(kind, rule);
        }
    }
    assert!(checked >= 120, "only {checked} fixtures");
}

fn fixtures_of(kind: &Kind, rule: &Rule) -> usize {
    let code = rule.meta.code;
    let dir = fixtures_dir(kind).join(code);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|_| panic!("{code}: missing fixture folder {}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut valid, mut invalid) = (0, 0);
    let config_text = fs::read_to_string(dir.join("rlint.toml")).ok();
    let config = only_with(rule, config_text.as_deref());
    let ignore = fs::read_to_string(dir.join(".dockerignore")).ok();
    let dotenv = fs::read_to_string(dir.join(".env")).ok();
    let listed = fs::read_to_string(dir.join("files.txt"))
        .ok()
        .map(|t| Listed::parse(&t));
    // A workflow fixture's `workflows/` folder holds the workflows beside it (those it calls).
    let mut texts: Vec<(String, String)> = fs::read_dir(dir.join("workflows"))
        .into_iter()
        .flatten()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    texts.sort();
    let listed = Listed::with_texts(listed, texts);
    let dockerfile = fs::read_to_string(dir.join("Dockerfile")).ok();
    let compose: Vec<String> = fs::read_to_string(dir.join("compose.yaml"))
        .ok()
        .into_iter()
        .collect();
    let related = Related {
        dockerignore: ignore.as_deref(),
        dotenv: dotenv.as_deref(),
        files: listed.as_ref().map(|l| l as &dyn lint_core::Files),
        dockerfile: dockerfile.as_deref(),
        compose: &compose,
        ..Related::default()
    };
    let partial = listed.as_ref().map(Listed::partial);
    let partial_related = Related {
        files: partial.as_ref().map(|l| l as &dyn lint_core::Files),
        ..related
    };
    let files = files
        .into_iter()
        .filter(|p| !kind.related.iter().any(|r| p.ends_with(r)));
    let mut checked = 0;
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(&path).unwrap();
        let related = if name.contains("partial") {
            partial_related
        } else {
            related
        };
        let report = lint_text_with(kind.file_name, &text, Some(kind.kind), &config, related);
        if name.starts_with("valid") {
            valid += 1;
            assert_eq!(
                count(&report, code),
                0,
                "{code}/{name} must be clean: {report:#?}"
            );
        } else if name.starts_with("invalid") {
            invalid += 1;
            assert!(count(&report, code) > 0, "{code}/{name} must report {code}");
            let stem = name.split('.').next().unwrap();
            insta::with_settings!({snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false}, {
                insta::assert_snapshot!(format!("{code}__{stem}"), render(&text, &report, code));
                // A fixture named for its fixes (`invalid_fixes.Dockerfile`) also shows their result.
                if let Some(fixed) = name.contains("fix").then(|| render_fixed(kind, &text, &config)).flatten() {
                    insta::assert_snapshot!(format!("{code}__{stem}__fixed"), fixed);
                }
            });
        } else {
            panic!("{code}/{name}: fixture names start with valid or invalid");
        }
        checked += 1;
    }
    assert!(
        valid > 0 && invalid > 0,
        "{code}: needs at least one valid and one invalid fixture"
    );
    checked
}

#[test]
fn no_fixture_folder_without_a_rule() {
    for kind in &KINDS {
        for entry in fs::read_dir(fixtures_dir(kind)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            assert!(
                lint_core::rule(&name).is_some_and(|r| r.meta.kind == Some(kind.kind)),
                "fixture folder {}/{name} has no {} rule",
                kind.dir,
                kind.dir
            );
        }
    }
}

#[test]
fn fixes_converge_and_keep_the_file_parsing() {
    let all = Config::default();
    for kind in &KINDS {
        for rule in rules_of(kind) {
            let dir = fixtures_dir(kind).join(rule.meta.code);
            let toml = fs::read_to_string(dir.join("rlint.toml")).ok();
            let alone = only_with(rule, toml.as_deref());
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if kind.related.iter().any(|r| path.ends_with(r)) {
                    continue;
                }
                let text = fs::read_to_string(&path).unwrap();
                let k = Some(kind.kind);
                // Every default rule, then the rule alone with the fixture's configuration
                // (off-by-default rules' fixes too, and fixes that need configuration).
                for config in [&all, &alone] {
                    let before = lint_text(kind.file_name, &text, k, config);
                    let syntax_before = count(&before, kind.syntax_code);
                    let outcome = fix_text(kind.file_name, &text, k, config, true);
                    let after = lint_text(kind.file_name, &outcome.text, k, config);
                    assert!(
                        count(&after, kind.syntax_code) <= syntax_before,
                        "{}: fixes introduced syntax errors:\n{}",
                        path.display(),
                        outcome.text
                    );
                    let left: Vec<_> = after
                        .diagnostics
                        .iter()
                        .filter(|d| d.diagnostic.fix.is_some())
                        .collect();
                    assert!(
                        left.is_empty(),
                        "{}: fixes did not converge: {left:#?}\n{}",
                        path.display(),
                        outcome.text
                    );
                    // Fixing the fixed file again changes nothing.
                    let again = fix_text(kind.file_name, &outcome.text, k, config, true);
                    assert_eq!(
                        (again.applied, again.text.as_str()),
                        (0, outcome.text.as_str()),
                        "{}: a second --fix changed the file",
                        path.display()
                    );
                }
            }
        }
    }
}

#[test]
fn every_rule_file_is_registered() {
    for kind in &KINDS {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/rules")
            .join(kind.dir);
        let registry = fs::read_to_string(src.join("mod.rs")).unwrap();
        for entry in fs::read_dir(&src).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            // mod.rs keeps the list; helpers.rs what several rules share.
            if stem == "mod" || stem == "helpers" {
                continue;
            }
            assert!(
                registry.contains(&format!("pub mod {stem};")),
                "{stem}.rs is not declared in rules/{}/mod.rs",
                kind.dir
            );
            assert!(
                registry.contains(&format!("&{stem}::RULE")),
                "{stem}.rs is not listed in RULES"
            );
        }
    }
}
