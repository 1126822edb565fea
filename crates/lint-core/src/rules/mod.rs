//! Every rule, one file each, one folder per file kind.

pub mod action;
pub mod buildspec;
pub mod circleci;
pub mod compose;
pub mod containers;
pub mod daemon;
pub mod dockerfile;
pub mod dockerignore;
pub mod dockerrun;
pub mod dotenv;
pub mod ecs;
pub mod graph;
pub mod input;
pub mod json;
pub mod schema;
pub mod shell;
pub mod travis;
pub mod workflow;
pub mod yaml;

use crate::rule::Rule;
use std::sync::LazyLock;

static SORTED: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let mut all: Vec<&'static Rule> = dockerfile::RULES.to_vec();
    all.extend(compose::RULES.iter().copied());
    all.extend(dockerrun::RULES.iter().copied());
    all.extend(buildspec::RULES.iter().copied());
    all.extend(travis::RULES.iter().copied());
    all.extend(workflow::RULES.iter().copied());
    all.extend(action::RULES.iter().copied());
    all.extend(circleci::RULES.iter().copied());
    all.extend(dockerignore::RULES.iter().copied());
    all.extend(dotenv::RULES.iter().copied());
    all.extend(ecs::RULES.iter().copied());
    all.extend(daemon::RULES.iter().copied());
    all.push(&input::UNREADABLE_FILE);
    all.sort_by_key(|r| r.meta.code);
    all
});

/// All rules sorted by code.
pub fn all() -> &'static [&'static Rule] {
    &SORTED
}
