//! `.dockerignore` rules, one file each.

pub mod exception_overridden;
pub mod git_in_context;
mod helpers;
pub mod invalid_pattern;
pub mod pattern_never_matches;
pub mod secret_in_context;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &invalid_pattern::RULE,
    &exception_overridden::RULE,
    &pattern_never_matches::RULE,
    &secret_in_context::RULE,
    &git_in_context::RULE,
];
