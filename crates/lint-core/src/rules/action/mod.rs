//! GitHub Actions metadata (`action.yml`) rules, one file each.

pub mod action_pinned_to_branch;
pub mod expression_syntax_error;
pub mod login_password_argument;
pub mod remote_script_piped_to_shell;
pub mod run_step_without_shell;
pub mod schema;
pub mod secrets_context;
pub mod tool_install_unpinned;
pub mod undefined_input;
pub mod untrusted_input_in_script;
pub mod yaml_syntax;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &schema::RULE,
    &run_step_without_shell::RULE,
    &expression_syntax_error::RULE,
    &undefined_input::RULE,
    &untrusted_input_in_script::RULE,
    &secrets_context::RULE,
    &action_pinned_to_branch::RULE,
    &tool_install_unpinned::RULE,
    &login_password_argument::RULE,
    &remote_script_piped_to_shell::RULE,
];
