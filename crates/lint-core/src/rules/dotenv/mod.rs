//! `.env` rules, one file each.

pub mod plaintext_secret;
pub mod syntax_error;
pub mod unused_variable;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &syntax_error::RULE,
    &plaintext_secret::RULE,
    &unused_variable::RULE,
];
