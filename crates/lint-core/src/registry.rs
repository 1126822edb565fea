//! Every rule, and lookups by code, name or alias.

use crate::rule::Rule;

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
