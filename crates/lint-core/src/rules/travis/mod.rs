//! Travis CI `.travis.yml` rules, one file each.

pub mod deploy_branch_never_matches;
pub mod deploy_secret_in_plaintext;
pub mod login_password_argument;
pub mod matrix_renamed;
pub mod remote_script_piped_to_shell;
pub mod schema;
pub mod skip_cleanup;
pub mod slash_comment_in_script;
pub mod sudo_obsolete;
pub mod tool_unpinned;
pub mod unknown_deploy_provider;
pub mod unknown_dist;
pub mod yaml_syntax;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &sudo_obsolete::RULE,
    &matrix_renamed::RULE,
    &skip_cleanup::RULE,
    &unknown_dist::RULE,
    &slash_comment_in_script::RULE,
    &unknown_deploy_provider::RULE,
    &deploy_secret_in_plaintext::RULE,
    &remote_script_piped_to_shell::RULE,
    &deploy_branch_never_matches::RULE,
    &schema::RULE,
    &tool_unpinned::RULE,
    &login_password_argument::RULE,
];

/// The edit that deletes `entry`'s whole line when the entry is a one-line `key: value` alone on
/// its line (a trailing `#` comment goes with it); `None` otherwise (`- key: value` starting a
/// list item, flow mappings, values over several lines).
pub(crate) fn delete_entry_line(
    text: &str,
    entry: &crate::syntax::yaml::Entry,
) -> Option<crate::diagnostic::Edit> {
    let (start, end) = (
        entry.key.span.start,
        entry.value.span.end.max(entry.key.span.end),
    );
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    let rest = text[end..line_end].trim();
    if !text[line_start..start].trim().is_empty()
        || text[start..end].contains('\n')
        || !(rest.is_empty() || rest.starts_with('#'))
    {
        return None;
    }
    Some(crate::diagnostic::Edit::delete(
        crate::diagnostic::Span::new(line_start, line_end),
    ))
}
