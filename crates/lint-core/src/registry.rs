//! Every rule, and lookups by code, name or alias.

use crate::rule::{FixAvailability, Rule};
use std::collections::BTreeMap;

/// All rules, in code order.
pub fn rules() -> &'static [&'static Rule] {
    crate::rules::all()
}

/// The rule a code, name or alias (case-insensitive) refers to. Codes win over aliases, since
/// several rules may share an alias (BuildKit's `MultipleInstructionsDisallowed`).
pub fn rule(id: &str) -> Option<&'static Rule> {
    let id = id.trim();
    rules()
        .iter()
        .find(|r| r.meta.code.eq_ignore_ascii_case(id) || r.meta.name.eq_ignore_ascii_case(id))
        .or_else(|| rules().iter().find(|r| r.meta.is_named(id)))
        .copied()
}

fn fix_text(rule: &Rule) -> &'static str {
    match rule.meta.fix {
        FixAvailability::Always => "always",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::None => "none",
    }
}

/// Whether the rule runs without configuration.
fn default_text(rule: &Rule) -> &'static str {
    if rule.meta.always_on {
        "always on"
    } else if rule.meta.enabled_by_default {
        "on"
    } else {
        "off"
    }
}

/// One rule's published page (`rlint rule CODE`, `rules/<CODE>.md`, the web page's side panel).
pub fn rule_page(rule: &Rule) -> String {
    let m = &rule.meta;
    let aliases = if m.aliases.is_empty() {
        "—".to_string()
    } else {
        m.aliases
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kind = m.kind.map_or("any file", |k| k.as_str());
    let default = match default_text(rule) {
        "off" => "off (enable with `extend-select` or `preset = \"strict\"`)",
        on => on,
    };
    format!(
        "# {code} {name}\n\n| kind | severity | aliases | fix | default |\n|---|---|---|---|---|\n| {kind} | {sev} | {aliases} | {fix} | {default} |\n\n{doc}",
        code = m.code,
        name = m.name,
        sev = m.severity,
        fix = fix_text(rule),
        doc = m.doc(),
    )
}

/// The plain-text list of `rlint rules`.
pub fn rules_table() -> String {
    let mut out = String::new();
    for r in rules() {
        let m = &r.meta;
        let aliases = m.aliases.join(",");
        out.push_str(&format!(
            "{:<6} {:<38} {:<8} {:<38} {}\n",
            m.code,
            m.name,
            m.severity.as_str(),
            aliases,
            m.summary()
        ));
    }
    out
}

/// How often each rule fires on a corpus of real files with every rule on (the `strict`
/// preset): the evidence behind each rule's default, published in `rules/README.md`.
#[derive(Debug, Default)]
pub struct CorpusCounts {
    /// Files linted, per kind.
    pub files: BTreeMap<&'static str, usize>,
    /// Per rule code: (files with at least one finding, findings).
    pub rules: BTreeMap<&'static str, (usize, usize)>,
}

impl CorpusCounts {
    /// Counts one file's report (linted with every rule on).
    pub fn add(&mut self, report: &crate::Report) {
        let Some(kind) = report.kind else { return };
        *self.files.entry(kind.as_str()).or_default() += 1;
        let mut seen: Vec<&'static str> = Vec::new();
        for d in &report.diagnostics {
            let entry = self.rules.entry(d.diagnostic.code).or_default();
            entry.1 += 1;
            if !seen.contains(&d.diagnostic.code) {
                seen.push(d.diagnostic.code);
                entry.0 += 1;
            }
        }
    }

    fn cell(&self, rule: &Rule) -> String {
        let Some(kind) = rule.meta.kind else {
            return "—".to_string();
        };
        let total = self.files.get(kind.as_str()).copied().unwrap_or(0);
        match self.rules.get(rule.meta.code) {
            _ if total == 0 => "—".to_string(),
            None => "0".to_string(),
            Some((files, findings)) => {
                let share = 100.0 * *files as f64 / total as f64;
                let share = if share < 1.0 {
                    "<1%".to_string()
                } else {
                    format!("{share:.0}%")
                };
                let noun = if *files == 1 { "file" } else { "files" };
                format!("{share} ({files} {noun}, {findings})")
            }
        }
    }
}

/// `rules/README.md`: the index of every rule, with how often each fires on `corpus`.
pub fn rules_index(corpus: &CorpusCounts) -> String {
    let sizes: Vec<String> = corpus
        .files
        .iter()
        .map(|(kind, n)| format!("{n} {kind}s"))
        .collect();
    let mut out = format!(
        "# rlint rules\n\nGenerated from the rules' doc comments by `RLINT_BLESS=1 cargo test -p lint-core --test docs`; do not edit by hand.\n\n\
         **default** is the `recommended` preset (what runs without configuration); `preset = \"strict\"` runs every rule, \
         `preset = \"hadolint\"` every rule hadolint runs by default, at hadolint's severity. \
         **corpus** is how often the rule fires, with every rule on, on the real-world files of `../shared/corpus` \
         ({sizes}): the share of files of its kind with at least one finding, and the number of findings. \
         A rule is on by default when its findings there are nearly always worth acting on.\n\n\
         | code | name | kind | severity | default | aliases | fix | corpus | summary |\n|---|---|---|---|---|---|---|---|---|\n",
        sizes = sizes.join(", ")
    );
    for r in rules() {
        let m = &r.meta;
        out.push_str(&format!(
            "| [{code}]({code}.md) | {name} | {kind} | {sev} | {default} | {aliases} | {fix} | {corpus} | {summary} |\n",
            code = m.code,
            name = m.name,
            kind = m.kind.map_or("any", |k| k.as_str()),
            sev = m.severity,
            default = default_text(r),
            aliases = m.aliases.join(", "),
            fix = fix_text(r),
            corpus = corpus.cell(r),
            summary = m.summary().replace('|', "\\|"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in rules() {
            let m = &r.meta;
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(
                m.code.len() == 5 && m.code[2..].chars().all(|c| c.is_ascii_digit()),
                "bad code {}",
                m.code
            );
            assert!(
                m.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "name {} is not kebab-case",
                m.name
            );
        }
    }

    #[test]
    fn every_doc_has_the_fixed_headings() {
        for r in rules() {
            let doc = r.meta.doc();
            for heading in [
                "What it does",
                "Why is this bad?",
                "Example",
                "Use instead",
                "References",
            ] {
                assert!(
                    doc.contains(&format!("## {heading}\n")),
                    "{}: doc misses `## {heading}`",
                    r.meta.code
                );
            }
            assert!(
                !r.meta.summary().is_empty(),
                "{}: empty summary",
                r.meta.code
            );
        }
    }

    #[test]
    fn lookups_by_code_name_and_alias() {
        assert_eq!(rule("df004").unwrap().meta.code, "DF004");
        assert_eq!(rule("DL4000").unwrap().meta.code, "DF004");
        assert_eq!(rule("maintainer-deprecated").unwrap().meta.code, "DF004");
        assert!(rule("NOPE123").is_none());
    }
}
