//! Kinds rlint recognises by name but does not lint yet: they are reported as skipped. Each
//! moves to a module of its own when its rules land.

use super::{Kind, Name, NameMatch};
use crate::source::FileKind;

fn yes(matched: bool) -> NameMatch {
    if matched {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// `.circleci/config.yml`, `circleci-config.yml`.
pub static CIRCLECI: Kind = Kind {
    kind: FileKind::Circleci,
    by_name: |n: &Name<'_>| {
        yes(n.is_yaml()
            && ((n.parent == ".circleci" && n.yaml_stem() == "config")
                || n.yaml_stem().starts_with("circleci")))
    },
    by_content: None,
    lint: None,
    pragma: "",
};
