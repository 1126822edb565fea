//! Dockerfile rules, one file each. A test fails if a file here is not listed in [`RULES`].

mod helpers;

pub use crate::kinds::dockerfile::{
    posix_shell_by_instruction, run_of, scripts_by_instruction, scripts_of, stage_body,
};
pub use helpers::*;

pub mod add_instead_of_copy;
pub mod apk_add_no_cache;
pub mod apk_add_unpinned;
pub mod apt_get_missing_no_install_recommends;
pub mod apt_get_missing_yes;
pub mod apt_get_unpinned;
pub mod apt_get_update_alone;
pub mod apt_instead_of_apt_get;
pub mod apt_lists_not_removed;
pub mod base_image_floating_tag;
pub mod base_image_latest;
pub mod base_image_untagged;
pub mod broad_copy_before_install;
pub mod cache_removed_in_later_layer;
pub mod cd_in_run;
pub mod cmd_in_copy_source_stage;
pub mod comment_after_instruction;
pub mod consecutive_run;
pub mod copy_archive_then_extract;
pub mod copy_from_own_stage;
pub mod copy_from_undefined_stage;
pub mod copy_ignored_file;
pub mod copy_multiple_sources_to_file;
pub mod copy_relative_without_workdir;
pub mod copy_whole_filesystem;
pub mod distro_upgrade;
pub mod dnf_clean_missing;
pub mod dnf_install_missing_yes;
pub mod dnf_install_unpinned;
pub mod duplicate_run;
pub mod duplicate_stage_name;
pub mod empty_continuation_line;
pub mod empty_label_value;
pub mod env_self_reference;
pub mod exec_form_not_json;
pub mod exec_form_shell_syntax;
pub mod exec_form_single_string;
pub mod expose_invalid_format;
pub mod expose_port_out_of_range;
pub mod expose_proto_casing;
pub mod file_too_long;
pub mod from_as_casing;
pub mod from_platform_constant;
pub mod gem_install_unpinned;
pub mod go_install_unpinned;
pub mod inconsistent_instruction_casing;
pub mod inline_ignore_pragma;
pub mod instruction_before_from;
pub mod invalid_default_arg_in_from;
pub mod invalid_definition_description;
pub mod invalid_label_key;
pub mod label_not_email;
pub mod label_not_git_hash;
pub mod label_not_rfc3339;
pub mod label_not_semver;
pub mod label_not_spdx;
pub mod label_not_url;
pub mod last_user_root;
pub mod legacy_key_value_format;
pub mod maintainer_deprecated;
pub mod multiple_cmd;
pub mod multiple_entrypoint;
pub mod multiple_healthcheck;
pub mod no_healthcheck;
pub mod no_user;
pub mod npm_install_unpinned;
pub mod onbuild_trigger_not_allowed;
pub mod pip_install_no_cache_dir;
pub mod pip_install_unpinned;
pub mod pipe_without_pipefail;
pub mod pointless_command;
pub mod redundant_target_platform;
pub mod remote_script_piped_to_shell;
pub mod required_label_missing;
pub mod reserved_stage_name;
pub mod secret_file_copied;
pub mod secret_in_arg_or_env_name;
pub mod secret_value;
pub mod shell_analysis_limit;
pub mod shell_form_cmd;
pub mod ssh_port_exposed;
pub mod stage_name_casing;
pub mod sudo_in_run;
pub mod superfluous_label;
pub mod symlink_bin_sh;
pub mod syntax_error;
pub mod tls_verification_disabled;
pub mod undefined_arg_in_from;
pub mod undefined_var_typo;
pub mod untrusted_registry;
pub mod user_not_numeric;
pub mod useradd_high_uid_without_l;
pub mod wget_and_curl;
pub mod wget_without_progress;
pub mod workdir_relative;
pub mod yarn_cache_not_cleaned;
pub mod yum_clean_missing;
pub mod yum_install_missing_yes;
pub mod yum_install_unpinned;
pub mod zypper_clean_missing;
pub mod zypper_dist_upgrade;
pub mod zypper_install_unpinned;
pub mod zypper_missing_non_interactive;

pub static RULES: &[&crate::rule::Rule] = &[
    &syntax_error::RULE,
    &comment_after_instruction::RULE,
    &base_image_untagged::RULE,
    &base_image_latest::RULE,
    &maintainer_deprecated::RULE,
    &workdir_relative::RULE,
    &expose_port_out_of_range::RULE,
    &expose_proto_casing::RULE,
    &expose_invalid_format::RULE,
    &duplicate_stage_name::RULE,
    &copy_from_undefined_stage::RULE,
    &copy_from_own_stage::RULE,
    &multiple_cmd::RULE,
    &multiple_entrypoint::RULE,
    &shell_form_cmd::RULE,
    &exec_form_not_json::RULE,
    &add_instead_of_copy::RULE,
    &sudo_in_run::RULE,
    &cd_in_run::RULE,
    &from_as_casing::RULE,
    &stage_name_casing::RULE,
    &inconsistent_instruction_casing::RULE,
    &empty_continuation_line::RULE,
    &legacy_key_value_format::RULE,
    &reserved_stage_name::RULE,
    &undefined_arg_in_from::RULE,
    &instruction_before_from::RULE,
    &multiple_healthcheck::RULE,
    &copy_multiple_sources_to_file::RULE,
    &apt_get_missing_no_install_recommends::RULE,
    &apt_get_unpinned::RULE,
    &apk_add_no_cache::RULE,
    &apk_add_unpinned::RULE,
    &pip_install_no_cache_dir::RULE,
    &pip_install_unpinned::RULE,
    &npm_install_unpinned::RULE,
    &remote_script_piped_to_shell::RULE,
    &apt_get_update_alone::RULE,
    &cmd_in_copy_source_stage::RULE,
    &no_user::RULE,
    &untrusted_registry::RULE,
    &apt_get_missing_yes::RULE,
    &apt_instead_of_apt_get::RULE,
    &gem_install_unpinned::RULE,
    &yum_install_missing_yes::RULE,
    &yum_clean_missing::RULE,
    &yum_install_unpinned::RULE,
    &zypper_missing_non_interactive::RULE,
    &zypper_dist_upgrade::RULE,
    &zypper_clean_missing::RULE,
    &zypper_install_unpinned::RULE,
    &dnf_install_missing_yes::RULE,
    &dnf_clean_missing::RULE,
    &dnf_install_unpinned::RULE,
    &apt_lists_not_removed::RULE,
    &consecutive_run::RULE,
    &wget_and_curl::RULE,
    &pipe_without_pipefail::RULE,
    &wget_without_progress::RULE,
    &useradd_high_uid_without_l::RULE,
    &go_install_unpinned::RULE,
    &pointless_command::RULE,
    &last_user_root::RULE,
    &symlink_bin_sh::RULE,
    &yarn_cache_not_cleaned::RULE,
    &env_self_reference::RULE,
    &copy_relative_without_workdir::RULE,
    &secret_in_arg_or_env_name::RULE,
    &user_not_numeric::RULE,
    &copy_whole_filesystem::RULE,
    &from_platform_constant::RULE,
    &redundant_target_platform::RULE,
    &invalid_label_key::RULE,
    &required_label_missing::RULE,
    &superfluous_label::RULE,
    &empty_label_value::RULE,
    &label_not_url::RULE,
    &label_not_rfc3339::RULE,
    &label_not_spdx::RULE,
    &label_not_git_hash::RULE,
    &label_not_semver::RULE,
    &label_not_email::RULE,
    &inline_ignore_pragma::RULE,
    &copy_archive_then_extract::RULE,
    &no_healthcheck::RULE,
    &broad_copy_before_install::RULE,
    &secret_value::RULE,
    &secret_file_copied::RULE,
    &tls_verification_disabled::RULE,
    &ssh_port_exposed::RULE,
    &distro_upgrade::RULE,
    &exec_form_shell_syntax::RULE,
    &exec_form_single_string::RULE,
    &undefined_var_typo::RULE,
    &invalid_default_arg_in_from::RULE,
    &cache_removed_in_later_layer::RULE,
    &copy_ignored_file::RULE,
    &invalid_definition_description::RULE,
    &base_image_floating_tag::RULE,
    &duplicate_run::RULE,
    &shell_analysis_limit::RULE,
    &onbuild_trigger_not_allowed::RULE,
    &file_too_long::RULE,
];
