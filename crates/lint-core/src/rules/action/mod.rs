//! GitHub Actions metadata (`action.yml`) rules, one file each.

pub mod run_step_without_shell;
pub mod schema;
pub mod yaml_syntax;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &schema::RULE,
    &run_step_without_shell::RULE,
];
