//! Docker `daemon.json` rules, one file each.

pub mod insecure_registry;
pub mod json_syntax;
pub mod schema;
pub mod tcp_without_tls;
pub mod tls_settings_ignored;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &json_syntax::RULE,
    &schema::RULE,
    &insecure_registry::RULE,
    &tcp_without_tls::RULE,
    &tls_settings_ignored::RULE,
];
