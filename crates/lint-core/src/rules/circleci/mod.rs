//! CircleCI `.circleci/config.yml` rules, one file each.

pub mod auth_password_literal;
pub mod job_unused;
pub mod legacy_image;
pub mod login_password_argument;
pub mod orb_undeclared;
pub mod orb_unused;
pub mod parameter_undeclared;
pub mod remote_docker_version;
pub mod remote_script_piped_to_shell;
pub mod requires_cycle;
pub mod requires_unknown;
pub mod schema;
pub mod slash_comment_in_command;
pub mod step_unknown;
pub mod tool_install_unpinned;
pub mod version_features;
pub mod workflow_job_undefined;
pub mod yaml_syntax;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &workflow_job_undefined::RULE,
    &requires_unknown::RULE,
    &requires_cycle::RULE,
    &orb_undeclared::RULE,
    &orb_unused::RULE,
    &parameter_undeclared::RULE,
    &version_features::RULE,
    &legacy_image::RULE,
    &remote_docker_version::RULE,
    &login_password_argument::RULE,
    &auth_password_literal::RULE,
    &step_unknown::RULE,
    &job_unused::RULE,
    &slash_comment_in_command::RULE,
    &tool_install_unpinned::RULE,
    &remote_script_piped_to_shell::RULE,
    &schema::RULE,
];

/// Whether a name is written with a `<< parameters.x >>` (or other) reference, so its value is
/// known only when CircleCI compiles the file.
pub(crate) fn is_templated(name: &str) -> bool {
    name.contains("<<")
}
