//! Elastic Beanstalk `Dockerrun.aws.json` rules, one file each.

pub mod container_memory;
pub mod json_syntax;
pub mod no_essential_container;
pub mod schema;
pub mod secret_in_environment;
pub mod undefined_reference;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &json_syntax::RULE,
    &schema::RULE,
    &undefined_reference::RULE,
    &container_memory::RULE,
    &no_essential_container::RULE,
    &secret_in_environment::RULE,
];
