//! Elastic Beanstalk `Dockerrun.aws.json` rules, one file each.

pub mod json_syntax;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[&json_syntax::RULE];
