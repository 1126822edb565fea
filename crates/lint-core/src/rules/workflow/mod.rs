//! GitHub Actions workflow rules, one file each.

pub mod action_outdated;
pub mod action_pinned_to_branch;
pub mod action_pinned_to_tag;
pub mod cron;
pub mod login_password_argument;
pub mod needs_cycle;
pub mod needs_unknown_job;
pub mod remote_script_piped_to_shell;
pub mod runner_label;
pub mod schema;
pub mod secret_in_script;
pub mod untrusted_input_in_script;
pub mod version_number;
pub mod yaml_syntax;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &untrusted_input_in_script::RULE,
    &secret_in_script::RULE,
    &action_pinned_to_branch::RULE,
    &action_pinned_to_tag::RULE,
    &action_outdated::RULE,
    &needs_unknown_job::RULE,
    &remote_script_piped_to_shell::RULE,
    &login_password_argument::RULE,
    &needs_cycle::RULE,
    &schema::RULE,
    &cron::RULE,
    &runner_label::RULE,
    &version_number::RULE,
];
