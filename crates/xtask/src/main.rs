//! Project chores. `cargo xtask new-rule <kind> <name> [--alias X]...` scaffolds a rule: its file
//! (doc headings, metadata, check), its line in the kind's registry and its fixture folder. The
//! registry tests fail until the doc examples, fixtures and check are filled in.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Rule kinds: folder, code prefix, the check's input type, the example language, a minimal file.
const KINDS: [(&str, &str, &str, &str, &str); 2] = [
    (
        "dockerfile",
        "DF",
        "DockerfileInput",
        "dockerfile",
        "FROM alpine:3.20\n",
    ),
    (
        "compose",
        "DC",
        "ComposeInput",
        "yaml",
        "services:\n  web:\n    image: nginx:1.27\n",
    ),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("new-rule") => match new_rule(&args[1..]) {
            Ok(msg) => {
                println!("{msg}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("xtask: {e}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!(
                "usage: cargo xtask new-rule <kind> <kebab-name> [--alias CODE]... [--severity error|warning|info|style]"
            );
            ExitCode::from(2)
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn next_code(prefix: &str, registry: &str) -> String {
    let max = registry
        .match_indices(&format!("\"{prefix}"))
        .filter_map(|(i, _)| {
            registry[i + 1 + prefix.len()..]
                .get(..3)?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}{:03}", max + 1)
}

fn new_rule(args: &[String]) -> Result<String, String> {
    let [kind, name, rest @ ..] = args else {
        return Err("new-rule needs a kind and a kebab-case name".into());
    };
    let &(_, prefix, input, lang, sample) = KINDS
        .iter()
        .find(|(k, ..)| k == kind)
        .ok_or_else(|| format!("unknown kind {kind}"))?;
    let check_kind = if kind == "compose" {
        "Compose"
    } else {
        "Dockerfile"
    };
    let extension = if kind == "compose" {
        "yaml"
    } else {
        "Dockerfile"
    };
    let example: String = sample.lines().map(|l| format!("    /// {l}\n")).collect();
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!("{name} is not kebab-case"));
    }
    let mut aliases = Vec::new();
    let mut severity = "Warning".to_string();
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--alias" => aliases.push(format!("\"{value}\"")),
            "--severity" => {
                let mut c = value.chars();
                severity = c
                    .next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default();
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    let module = name.replace('-', "_");
    let dir = root().join("crates/lint-core/src/rules").join(kind);
    let file = dir.join(format!("{module}.rs"));
    if file.exists() {
        return Err(format!("{} already exists", file.display()));
    }
    let sources: String = fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    let code = next_code(prefix, &sources);
    let template = format!(
        r#"use crate::rule::{{Context, {input}}};

crate::declare_rule! {{
    /// ## What it does
    /// TODO: one sentence naming the pattern this rule finds.
    ///
    /// ## Why is this bad?
    /// TODO: the consequence for the user, concretely.
    ///
    /// ## Example
    /// ```{lang}
{example}    /// ```
    ///
    /// ## Use instead
    /// ```{lang}
{example}    /// ```
    ///
    /// ## References
    /// - TODO
    pub static RULE = {{
        code: "{code}",
        name: "{name}",
        severity: {severity},
        aliases: [{aliases}],
        fix: None,
        default: true,
        check: {check_kind}(check),
    }}
}}

fn check(input: &{input}<'_>, cx: &mut Context<'_>) {{
    let _ = (input, cx);
}}
"#,
        aliases = aliases.join(", ")
    );
    fs::write(&file, template).map_err(|e| e.to_string())?;
    let registry_path = dir.join("mod.rs");
    let mut registry = fs::read_to_string(&registry_path).map_err(|e| e.to_string())?;
    registry = registry.replacen("pub mod ", &format!("pub mod {module};\npub mod "), 1);
    let list = registry
        .find("pub static RULES")
        .ok_or("no RULES list in mod.rs")?;
    let end = list
        + registry[list..]
            .find("\n];")
            .ok_or("unterminated RULES list")?;
    registry.insert_str(end + 1, &format!("    &{module}::RULE,\n"));
    fs::write(&registry_path, registry).map_err(|e| e.to_string())?;
    let fixtures = root()
        .join("crates/lint-core/tests/fixtures")
        .join(kind)
        .join(&code);
    fs::create_dir_all(&fixtures).map_err(|e| e.to_string())?;
    fs::write(fixtures.join(format!("invalid.{extension}")), sample).map_err(|e| e.to_string())?;
    fs::write(fixtures.join(format!("valid.{extension}")), sample).map_err(|e| e.to_string())?;
    Ok(format!(
        "created {code} {name}:\n  {}\n  {}\nnext: write the docs and check, fill the fixtures, then\n  cargo fmt && INSTA_UPDATE=always cargo test -p lint-core && RLINT_BLESS=1 cargo test -p lint-core --test docs",
        file.display(),
        fixtures.display()
    ))
}
