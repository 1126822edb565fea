//! Dockerfile rules, one file each. A test fails if a file here is not listed in [`RULES`].

use crate::diagnostic::Span;
use crate::syntax::dockerfile::{Instruction, Keyword, Model, Stage};
use crate::syntax::shell::{self, Contiguous, Script, SpanMap};

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

/// Maps offsets in a RUN instruction's command text to source spans across continuation lines.
struct RestMap<'a>(&'a Instruction);

impl SpanMap for RestMap<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        self.0.rest_span(start, end)
    }
}

use crate::syntax::shell::POSIX_SHELLS as SHELLS;

/// The shell scripts an instruction runs: a RUN's shell-form command, `["sh", "-c", "..."]` exec
/// form, heredoc bodies run by a shell (no interpreter given, or sh/bash, and no foreign shebang);
/// the shell-form command of CMD, ENTRYPOINT and HEALTHCHECK CMD.
pub fn scripts_of(run: &Instruction) -> Vec<Script> {
    let mut out = Vec::new();
    match run.keyword {
        Keyword::Run => {}
        Keyword::Cmd | Keyword::Entrypoint if !run.json && !run.rest.value.is_empty() => {
            out.push(shell::analyze(&run.rest.value, &RestMap(run)));
            return out;
        }
        Keyword::Healthcheck if !run.json => {
            if let Some(cmd) = run.args.get(1) {
                out.push(shell::analyze(&cmd.value, &Contiguous(cmd.span.start)));
            }
            return out;
        }
        _ => return out,
    }
    if run.json {
        if let [program, flag, script, ..] = run.args.as_slice()
            && SHELLS.contains(&program.value.rsplit('/').next().unwrap_or(""))
            && flag.value.starts_with('-')
            && flag.value.contains('c')
        {
            let base = script.span.start + 1;
            if script.span.len() == script.value.len() + 2 {
                out.push(shell::analyze(&script.value, &Contiguous(base)));
            }
        }
        return out;
    }
    if run.heredocs.is_empty() {
        out.push(shell::analyze(&run.rest.value, &RestMap(run)));
        return out;
    }
    // BuildKit took the bodies out of the line; give the shell parser each heredoc closed right
    // away (the text after the line holds no command, so every span stays on the line).
    let mut line_text = run.rest.value.clone();
    for doc in &run.heredocs {
        line_text.push('\n');
        line_text.push_str(&doc.name);
    }
    line_text.push('\n');
    let line = shell::analyze(&line_text, &RestMap(run));
    let interpreter = line
        .commands
        .first()
        .map(|c| c.name().to_string())
        .unwrap_or_default();
    let runs_body = interpreter.starts_with("<<")
        || interpreter.is_empty()
        || SHELLS.contains(&interpreter.as_str());
    out.push(line);
    if runs_body {
        for doc in &run.heredocs {
            let first = doc.content.lines().next().unwrap_or("");
            let foreign = first.starts_with("#!")
                && !SHELLS.iter().any(|s| {
                    first.ends_with(&format!("/{s}")) || first.ends_with(&format!(" {s}"))
                });
            if !foreign {
                out.push(shell::analyze(&doc.content, &Contiguous(doc.body.start)));
            }
        }
    }
    out
}

/// The RUN an instruction executes: itself, or the RUN an ONBUILD wraps.
pub fn run_of(ins: &Instruction) -> Option<&Instruction> {
    Some(ins.effective()).filter(|i| i.keyword == Keyword::Run)
}

/// Every RUN (ONBUILD-wrapped ones included): the index of the instruction holding it, the RUN,
/// and its analysed shell scripts.
pub fn runs<'a>(
    input: &'a crate::rule::DockerfileInput<'_>,
) -> impl Iterator<Item = (usize, &'a Instruction, &'a [Script])> + 'a {
    input
        .df
        .instructions
        .iter()
        .enumerate()
        .filter_map(move |(i, ins)| run_of(ins).map(|run| (i, run, input.scripts[i].as_slice())))
}

/// Instructions of a stage (FROM excluded) with their indices.
pub fn stage_body<'a>(
    model: &'a Model<'_>,
    stage: &Stage,
) -> impl Iterator<Item = (usize, &'a Instruction)> + 'a {
    let range = stage.body.clone();
    model.instructions()[range.clone()]
        .iter()
        .enumerate()
        .map(move |(i, ins)| (range.start + i, ins))
}

/// Whether the RUN mounts a cache (or tmpfs) at a path containing `dir`.
pub fn has_cache_mount(ins: &Instruction, dir: &str) -> bool {
    ins.flags.iter().filter(|f| f.name() == "mount").any(|f| {
        let v = f.value().unwrap_or("");
        (v.contains("type=cache") || v.contains("type=tmpfs"))
            && v.split(',').any(|kv| {
                matches!(kv.split_once('='), Some(("target" | "dst" | "destination", path)) if path.contains(dir))
            })
    })
}

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
];

/// Reports every `keyword` after the first in a stage (only the last one takes effect).
pub fn report_repeats(
    input: &crate::rule::DockerfileInput<'_>,
    cx: &mut crate::rule::Context<'_>,
    keyword: Keyword,
) {
    let name = keyword.as_str().to_ascii_uppercase();
    for stage in &input.model.stages {
        let found: Vec<&Instruction> = stage_body(input.model, stage)
            .map(|(_, ins)| ins)
            .filter(|ins| ins.keyword == keyword)
            .collect();
        // Each overridden one is reported, where it stands: that is the line to delete or merge,
        // and where BuildKit's MultipleInstructionsDisallowed points.
        for pair in found.windows(2) {
            let (earlier, later) = (pair[0], pair[1]);
            cx.report(
                earlier.head_span(input.text),
                format!(
                    "stage {} has more than one {name}: only the last takes effect, so this one is ignored (overridden at line {})",
                    stage.label(),
                    later.line
                ),
            )
            .label(later.head_span(input.text), format!("this {name} overrides it"))
            .help(format!("keep a single {name} per stage"));
        }
    }
}

/// `replacement` in the casing of `written` (all lower if `written` is lower-case, else upper).
pub fn same_case(written: &str, replacement: &str) -> String {
    if written.chars().any(|c| c.is_ascii_uppercase()) {
        replacement.to_ascii_uppercase()
    } else {
        replacement.to_ascii_lowercase()
    }
}

/// `pip install`, `pip3 install`, `python3 -m pip install`: the `install` word.
pub fn pip_install(cmd: &shell::Command) -> Option<&shell::ShellWord> {
    let name = cmd.name();
    let args = cmd.args();
    let rest =
        if name.starts_with("pip") && name[3..].chars().all(|c| c.is_ascii_digit() || c == '.') {
            args
        } else if name.starts_with("python") {
            let m = args.iter().position(|w| w.value == "-m")?;
            if args.get(m + 1)?.value != "pip" {
                return None;
            }
            &args[m + 2..]
        } else {
            return None;
        };
    rest.iter()
        .find(|w| !w.value.starts_with('-'))
        .filter(|w| w.value == "install")
}

/// Reports every install of `manager` without one of its non-interactive flags.
pub fn report_missing_yes(
    input: &crate::rule::DockerfileInput<'_>,
    cx: &mut crate::rule::Context<'_>,
    manager: &crate::syntax::pkg::Manager,
) {
    for (_, _, scripts) in runs(input) {
        for cmd in scripts.iter().flat_map(|s| &s.commands) {
            let Some(install) = manager.install_word(cmd) else {
                continue;
            };
            if manager.cli.has_flag(cmd, manager.yes) {
                continue;
            }
            let yes = manager.yes[0];
            cx.report(
                cmd.span,
                format!(
                    "`{} {}` without `{yes}` waits for a confirmation no one can give",
                    cmd.name(),
                    install.value
                ),
            )
            .help(format!("add `{yes}`"))
            .fix(crate::Fix::safe(
                format!("add {yes}"),
                vec![crate::Edit::insert(install.span.end, format!(" {yes}"))],
            ));
        }
    }
}

/// Reports every install of `manager` with packages that carry no version.
pub fn report_unpinned(
    input: &crate::rule::DockerfileInput<'_>,
    cx: &mut crate::rule::Context<'_>,
    manager: &crate::syntax::pkg::Manager,
    how: &str,
) {
    for (_, _, scripts) in runs(input) {
        for cmd in scripts.iter().flat_map(|s| &s.commands) {
            let unpinned = manager.unpinned(cmd);
            if !unpinned.is_empty() {
                cx.report(
                    cmd.span,
                    format!(
                        "{} install of unpinned packages: {}",
                        cmd.name(),
                        unpinned.join(", ")
                    ),
                )
                .help(format!("pin versions: {how}"));
            }
        }
    }
}

/// Reports RUNs that install with `manager` but never clean its cache in the same RUN.
pub fn report_clean_missing(
    input: &crate::rule::DockerfileInput<'_>,
    cx: &mut crate::rule::Context<'_>,
    manager: &crate::syntax::pkg::Manager,
) {
    for (_, run, scripts) in runs(input) {
        if manager.cache_dirs.iter().any(|d| has_cache_mount(run, d)) {
            continue;
        }
        let commands: Vec<&shell::Command> = scripts.iter().flat_map(|s| &s.commands).collect();
        // Only a cleanup after the last download empties the cache the layer keeps.
        let Some(last) = commands.iter().rev().find(|c| manager.downloads(c)) else {
            continue;
        };
        let cleaned = commands
            .iter()
            .any(|c| c.span.start > last.span.start && manager.is_clean(c));
        if cleaned {
            continue;
        }
        let (sub, arg) = manager.clean[0];
        let clean = format!("{} {sub} {arg}", last.name())
            .trim_end()
            .to_string();
        cx.report(
            last.span,
            format!(
                "`{}` without `{clean}` after it in the same RUN leaves the package cache in the layer",
                last.name()
            ),
        )
        .help(format!(
            "end the RUN with `&& {clean}` (or mount a cache at {})",
            manager.cache_dirs[0]
        ));
    }
}

/// The LABEL pairs in effect for a stage: its own and those of the stages it builds on.
pub fn stage_labels<'a>(
    model: &'a Model<'_>,
    stage: &Stage,
) -> Vec<&'a crate::syntax::dockerfile::KeyValue> {
    model
        .ancestry(stage.index)
        .into_iter()
        .rev()
        .flat_map(|s| stage_body(model, &model.stages[s]).collect::<Vec<_>>())
        .filter(|(_, i)| i.keyword == Keyword::Label)
        .flat_map(|(_, i)| i.pairs.iter())
        .collect()
}

/// Every `key=value` pair of every LABEL in the file.
pub fn label_pairs<'a>(
    input: &'a crate::rule::DockerfileInput<'_>,
) -> impl Iterator<Item = &'a crate::syntax::dockerfile::KeyValue> + 'a {
    input
        .df
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::Label)
        .flat_map(|i| i.pairs.iter())
}

/// A LABEL value as the image stores it (surrounding quotes removed).
pub fn label_value(raw: &str) -> &str {
    for q in ['"', '\''] {
        if raw.len() >= 2 && raw.starts_with(q) && raw.ends_with(q) {
            return &raw[1..raw.len() - 1];
        }
    }
    raw
}

/// Reports labels whose `label-schema` format is `format` and whose value `valid` rejects.
pub fn report_label_format(
    input: &crate::rule::DockerfileInput<'_>,
    cx: &mut crate::rule::Context<'_>,
    format: &str,
    valid: fn(&str) -> bool,
    what: &str,
) {
    let schema = cx.config.label_schema.clone();
    for pair in label_pairs(input) {
        let value = label_value(&pair.value.value);
        let wanted = schema.get(&pair.key.value).is_some_and(|f| f == format);
        if wanted && !value.is_empty() && !value.contains('$') && !valid(value) {
            cx.report(
                pair.value.span,
                format!("label `{}` should be {what}, not `{value}`", pair.key.value),
            )
            .help(format!(
                "the label schema declares `{}` as `{format}`",
                pair.key.value
            ));
        }
    }
}

/// Each stage with its `FROM --platform` flag, when it has one.
pub fn platform_flags<'a>(
    input: &'a crate::rule::DockerfileInput<'_>,
) -> impl Iterator<Item = (&'a Stage, &'a crate::syntax::dockerfile::Flag)> + 'a {
    input.model.stages.iter().filter_map(move |stage| {
        input.df.instructions[stage.from]
            .flag("platform")
            .map(|f| (stage, f))
    })
}

/// For each instruction: the shell scripts it runs ([`scripts_of`]), empty where its RUN does not
/// go to a POSIX shell ([`posix_shell_by_instruction`]).
pub fn scripts_by_instruction(model: &Model<'_>) -> Vec<Vec<Script>> {
    let posix = posix_shell_by_instruction(model);
    model
        .instructions()
        .iter()
        .zip(&posix)
        .map(|(ins, &posix)| match run_of(ins) {
            Some(run) if posix => {
                // Kept for every RUN of the file: no spare capacity.
                let mut scripts = scripts_of(run);
                scripts.shrink_to_fit();
                scripts
            }
            _ => Vec::new(),
        })
        .collect()
}

/// For each instruction: whether its RUN goes to a POSIX shell. A `SHELL ["powershell", ...]` or
/// `["cmd", "/S", "/C"]` (Windows images) switches shell analysis off until a POSIX `SHELL`; stages
/// built on another stage inherit its shell.
pub fn posix_shell_by_instruction(model: &Model<'_>) -> Vec<bool> {
    let instructions = model.instructions();
    let mut out = vec![true; instructions.len()];
    let mut final_shell: Vec<bool> = Vec::with_capacity(model.stages.len());
    for stage in &model.stages {
        let mut posix = match stage.base {
            crate::syntax::dockerfile::model::Base::Stage(parent) => {
                final_shell.get(parent).copied().unwrap_or(true)
            }
            _ => true,
        };
        for (i, ins) in stage_body(model, stage) {
            if ins.keyword == Keyword::Shell
                && let Some(program) = ins.args.first()
            {
                let name = program.value.rsplit(['/', '\\']).next().unwrap_or("");
                posix = SHELLS.contains(&name.to_ascii_lowercase().as_str());
            }
            out[i] = posix;
        }
        final_shell.push(posix);
    }
    out
}
