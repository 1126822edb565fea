//! GitHub Actions workflow rules, one file each.

pub mod action_outdated;
pub mod action_pinned_to_branch;
pub mod action_pinned_to_tag;
pub mod expression_context_unavailable;
pub mod expression_syntax_error;
pub mod expression_undefined_property;
pub mod expression_unknown_context;
pub mod expression_unknown_function;
pub mod if_always_true;
pub mod login_password_argument;
pub mod needs_cycle;
pub mod needs_unknown_job;
pub mod remote_script_piped_to_shell;
pub mod secret_in_script;
pub mod untrusted_input_in_script;
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
    &expression_syntax_error::RULE,
    &expression_unknown_function::RULE,
    &expression_unknown_context::RULE,
    &expression_undefined_property::RULE,
    &if_always_true::RULE,
    &expression_context_unavailable::RULE,
];
