//! Compose rules, one file each; what they share is in [`helpers`].

pub mod build_and_image;
pub mod compose_fragment;
pub mod container_name_with_scale;
pub mod control_socket_mounted;
pub mod credential_in_environment;
pub mod dangerous_capability;
pub mod depends_on_cycle;
pub mod duplicate_container_name;
pub mod duplicate_key;
pub mod duplicate_mount_target;
pub mod duplicate_published_port;
pub mod healthcheck_test_prefix;
pub mod host_namespace;
pub mod image_tag;
pub mod invalid_container_name;
pub mod invalid_interpolation;
pub mod missing_build_context;
pub mod missing_file;
pub mod network_mode_with_networks;
pub mod no_image_or_build;
pub mod obsolete_version;
pub mod port_on_all_interfaces;
pub mod privileged;
pub mod quoted_volume;
pub mod require_project_name;
pub mod resource_limit_mismatch;
pub mod schema;
pub mod security_profile_disabled;
pub mod sensitive_host_path;
pub mod service_keys_order;
pub mod slash_comment_in_value;
pub mod top_level_order;
pub mod undefined_resource;
pub mod undefined_service;
pub mod unquoted_port;
pub mod unset_variable;
pub mod unsorted_dependencies;
pub mod unsorted_ports;
pub mod unsorted_services;
pub mod unused_resource;
pub mod yaml_syntax;

mod helpers;
pub use helpers::*;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &duplicate_key::RULE,
    &schema::RULE,
    &obsolete_version::RULE,
    &invalid_interpolation::RULE,
    &unset_variable::RULE,
    &compose_fragment::RULE,
    &undefined_service::RULE,
    &undefined_resource::RULE,
    &unused_resource::RULE,
    &port_on_all_interfaces::RULE,
    &image_tag::RULE,
    &credential_in_environment::RULE,
    &depends_on_cycle::RULE,
    &no_image_or_build::RULE,
    &network_mode_with_networks::RULE,
    &duplicate_container_name::RULE,
    &container_name_with_scale::RULE,
    &duplicate_mount_target::RULE,
    &duplicate_published_port::RULE,
    &healthcheck_test_prefix::RULE,
    &resource_limit_mismatch::RULE,
    &build_and_image::RULE,
    &privileged::RULE,
    &control_socket_mounted::RULE,
    &host_namespace::RULE,
    &dangerous_capability::RULE,
    &security_profile_disabled::RULE,
    &sensitive_host_path::RULE,
    &require_project_name::RULE,
    &unquoted_port::RULE,
    &quoted_volume::RULE,
    &unsorted_dependencies::RULE,
    &service_keys_order::RULE,
    &unsorted_ports::RULE,
    &unsorted_services::RULE,
    &top_level_order::RULE,
    &invalid_container_name::RULE,
    &missing_build_context::RULE,
    &missing_file::RULE,
    &slash_comment_in_value::RULE,
];
