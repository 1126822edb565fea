//! AWS CodeBuild `buildspec.yml` rules, one file each.

pub mod command_read_as_mapping;
pub mod ecr_get_login;
pub mod login_password_argument;
pub mod path_in_variables;
pub mod reserved_variable;
pub mod schema;
pub mod secret_in_variables;
pub mod shell_state_in_v01;
pub mod yaml_syntax;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &ecr_get_login::RULE,
    &command_read_as_mapping::RULE,
    &schema::RULE,
    &secret_in_variables::RULE,
    &reserved_variable::RULE,
    &path_in_variables::RULE,
    &shell_state_in_v01::RULE,
    &login_password_argument::RULE,
];
