//! AWS CodeBuild `buildspec.yml` rules, one file each.

pub mod command_read_as_mapping;
pub mod ecr_get_login;
pub mod schema;
pub mod yaml_syntax;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &ecr_get_login::RULE,
    &command_read_as_mapping::RULE,
    &schema::RULE,
];
