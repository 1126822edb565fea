//! Amazon ECS task definition rules, one file each. The container checks are shared with
//! `Dockerrun.aws.json` version 2 in `rules::containers`.

pub mod fargate;
pub mod memory;
pub mod network_mode;
pub mod no_essential_container;
pub mod schema;
pub mod secret_in_environment;
pub mod syntax;
pub mod undefined_reference;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &syntax::RULE,
    &schema::RULE,
    &undefined_reference::RULE,
    &memory::RULE,
    &no_essential_container::RULE,
    &secret_in_environment::RULE,
    &fargate::RULE,
    &network_mode::RULE,
];
