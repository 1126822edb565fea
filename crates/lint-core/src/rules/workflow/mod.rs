//! GitHub Actions workflow rules, one file each.

pub(crate) mod helpers;

pub mod action_outdated;
pub mod action_pinned_to_branch;
pub mod action_pinned_to_tag;
pub mod checkout_credentials_in_artifact;
pub mod credential_in_workflow;
pub mod cron;
pub mod deprecated_command;
pub mod expression_context_unavailable;
pub mod expression_syntax_error;
pub mod expression_undefined_property;
pub mod expression_unknown_context;
pub mod expression_unknown_function;
pub mod first_party_action_pinned_to_tag;
pub mod if_always_true;
pub mod job_image_unpinned;
pub mod login_password_argument;
pub mod matrix_exclude_matches_nothing;
pub mod matrix_exclude_unknown_key;
pub mod needs_cycle;
pub mod needs_unknown_job;
pub mod permissions_not_declared;
pub mod permissions_write_all;
pub mod pull_request_checkout_in_privileged_workflow;
pub mod remote_script_piped_to_shell;
pub mod runner_label;
pub mod schema;
pub mod secret_in_script;
pub mod secret_unredacted;
pub mod secrets_inherited_by_remote_workflow;
pub mod secrets_overprovisioned;
pub mod self_hosted_with_hosted_label;
pub mod slash_comment_in_script;
pub mod spoofable_bot_check;
pub mod tool_install_unpinned;
pub mod unknown_shell;
pub mod unsecure_commands_allowed;
pub mod unsound_contains;
pub mod untrusted_input_in_github_env;
pub mod untrusted_input_in_script;
pub mod version_number;
pub mod workflow_call_mismatch;
pub mod yaml_syntax;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &untrusted_input_in_script::RULE,
    &secret_in_script::RULE,
    &action_pinned_to_branch::RULE,
    &action_pinned_to_tag::RULE,
    &action_outdated::RULE,
    &needs_unknown_job::RULE,
    &remote_script_piped_to_shell::RULE,
    &login_password_argument::RULE,
    &needs_cycle::RULE,
    &pull_request_checkout_in_privileged_workflow::RULE,
    &credential_in_workflow::RULE,
    &permissions_write_all::RULE,
    &checkout_credentials_in_artifact::RULE,
    &unsecure_commands_allowed::RULE,
    &secrets_inherited_by_remote_workflow::RULE,
    &untrusted_input_in_github_env::RULE,
    &permissions_not_declared::RULE,
    &schema::RULE,
    &cron::RULE,
    &runner_label::RULE,
    &version_number::RULE,
    &deprecated_command::RULE,
    &slash_comment_in_script::RULE,
    &expression_syntax_error::RULE,
    &expression_unknown_function::RULE,
    &expression_unknown_context::RULE,
    &expression_undefined_property::RULE,
    &if_always_true::RULE,
    &expression_context_unavailable::RULE,
    &workflow_call_mismatch::RULE,
    &tool_install_unpinned::RULE,
    &first_party_action_pinned_to_tag::RULE,
    &matrix_exclude_unknown_key::RULE,
    &matrix_exclude_matches_nothing::RULE,
    &self_hosted_with_hosted_label::RULE,
    &unknown_shell::RULE,
    &secrets_overprovisioned::RULE,
    &secret_unredacted::RULE,
    &unsound_contains::RULE,
    &spoofable_bot_check::RULE,
    &job_image_unpinned::RULE,
];

use crate::kinds::workflow::{Step, Target, Uses};
use crate::syntax::yaml::Node;

/// The events a workflow runs on (`on: push`, `on: [push, pull_request]`, `on: {push: ...}`),
/// each with the node that names it.
pub fn events(root: Option<&Node>) -> Vec<(&str, &Node)> {
    let Some(on) = root.and_then(|r| r.get("on")) else {
        return Vec::new();
    };
    if let Some(name) = on.as_str() {
        return vec![(name, on)];
    }
    if let Some(items) = on.as_seq() {
        return items
            .iter()
            .filter_map(|i| Some((i.as_str()?, i)))
            .collect();
    }
    on.as_map()
        .unwrap_or_default()
        .iter()
        .filter_map(|e| Some((e.key.as_str()?, &e.key)))
        .collect()
}

/// The event of `events` that runs with the base repository's secrets and a write token while
/// pull requests from forks can reach it: `pull_request_target` or `workflow_run`.
pub fn privileged_event(root: Option<&Node>) -> Option<(&str, &Node)> {
    events(root)
        .into_iter()
        .find(|(name, _)| matches!(*name, "pull_request_target" | "workflow_run"))
}

/// Whether `uses` runs the action `name` (`actions/checkout`), whatever its ref.
pub fn is_action(uses: Option<&Uses<'_>>, name: &str) -> bool {
    uses.is_some_and(|u| {
        matches!(u.target, Target::Repository { action, .. } if action.eq_ignore_ascii_case(name))
    })
}

/// The `with:` input `key` of a step, as text.
pub fn input<'a>(step: &Step<'a>, key: &str) -> Option<&'a Node> {
    step.node
        .get("with")
        .and_then(|w| w.get(key))
        .filter(|v| v.as_scalar().is_some())
}

/// The version a `uses:` runs, as far as the file says: its tag (`v4.3.1`), or the version
/// comment after a commit SHA (`@<sha> # v4.3.1`, as Dependabot and Renovate write it).
pub fn used_version<'a>(text: &'a str, uses: &Uses<'a>) -> Option<&'a str> {
    let Target::Repository { git_ref, .. } = uses.target else {
        return None;
    };
    let git_ref = git_ref?;
    if !crate::kinds::workflow::is_commit_sha(git_ref) {
        return Some(git_ref);
    }
    let rest = text.get(uses.node.span.end..)?;
    let line = rest.split('\n').next().unwrap_or("");
    let comment = line.split_once('#')?.1.trim();
    let word = comment.split_whitespace().next()?;
    let word = word.strip_prefix("tag=").unwrap_or(word);
    crate::kinds::workflow::is_version_tag(word).then_some(word)
}

/// A version as numbers (`v4.3.1` → `[4, 3, 1]`; missing parts are absent, not zero).
pub fn version_numbers(version: &str) -> Vec<u32> {
    let digits = version
        .rsplit('/')
        .next()
        .unwrap_or(version)
        .trim_start_matches(['v', 'V']);
    digits
        .split('.')
        .map_while(|part| {
            let end = part
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(part.len());
            part.get(..end).filter(|d| !d.is_empty())?.parse().ok()
        })
        .collect()
}

/// Whether a scalar node is YAML `true` (or the string `"true"`, which GitHub reads the same).
pub fn is_true(node: &Node) -> bool {
    use crate::syntax::yaml::Typed;
    node.as_scalar().is_some_and(|s| match s.typed() {
        Typed::Bool(b) => b,
        Typed::Str(t) => t.trim().eq_ignore_ascii_case("true"),
        _ => false,
    })
}

/// A job's `strategy.matrix` as far as the file writes it out: a mapping whose keys are all
/// plain names.
pub struct Matrix<'a> {
    /// The matrix's own keys (its vectors: every key but `include` and `exclude`), each with
    /// its values when they are a literal list with no `${{ }}` in it.
    pub vectors: Vec<(&'a Node, Option<&'a [Node]>)>,
    /// The `include` entries written as mappings (GitHub applies them after `exclude`).
    pub include: Vec<&'a Node>,
    /// The `exclude` entries written as mappings.
    pub exclude: Vec<&'a Node>,
}

impl Matrix<'_> {
    /// The vector named `key` (matrix keys compare ignoring case, as expressions read them).
    pub fn vector(&self, key: &str) -> Option<&(&Node, Option<&[Node]>)> {
        self.vectors
            .iter()
            .find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key)))
    }

    /// The value `include` gives `key` in one of its entries, when one does.
    pub fn included(&self, key: &str) -> Vec<&Node> {
        self.include
            .iter()
            .flat_map(|i| i.as_map().unwrap_or_default())
            .filter(|e| e.key.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key)))
            .map(|e| &e.value)
            .collect()
    }

    /// The vectors' names, as written.
    pub fn names(&self) -> Vec<&str> {
        self.vectors
            .iter()
            .filter_map(|(k, _)| k.as_str())
            .collect()
    }
}

/// Whether any text of the node's source is an expression.
pub fn has_expression(text: &str, node: &Node) -> bool {
    text.get(node.span.start..node.span.end)
        .is_none_or(|raw| raw.contains("${{"))
}

/// The matrix of a job, or `None` when it has none or writes it with an expression
/// (`matrix: ${{ fromJSON(...) }}`) or with a key that is one.
pub fn matrix<'a>(text: &str, job: &crate::kinds::workflow::Job<'a>) -> Option<Matrix<'a>> {
    let entries = job.node.get("strategy")?.get("matrix")?.as_map()?;
    let mut out = Matrix {
        vectors: Vec::new(),
        include: Vec::new(),
        exclude: Vec::new(),
    };
    for entry in entries {
        let key = entry.key.as_str()?;
        if key.contains("${{") {
            return None;
        }
        match key {
            "include" | "exclude" => {
                let maps = entry
                    .value
                    .as_seq()
                    .unwrap_or_default()
                    .iter()
                    .filter(|e| e.as_map().is_some())
                    .collect();
                if key == "include" {
                    out.include = maps;
                } else {
                    out.exclude = maps;
                }
            }
            _ => {
                let values = entry
                    .value
                    .as_seq()
                    .filter(|_| !has_expression(text, &entry.value));
                out.vectors.push((&entry.key, values));
            }
        }
    }
    Some(out)
}

/// Calls `each` with every expression of the workflow GitHub parses ([`sites`]) and its tree;
/// expressions that do not parse are GA014's.
///
/// [`sites`]: crate::kinds::workflow::sites
pub(crate) fn each_parsed(
    input: &crate::rule::WorkflowInput<'_>,
    mut each: impl FnMut(&crate::kinds::workflow::Site, &crate::syntax::expr::Expr),
) {
    let Some(root) = input.root else { return };
    for site in crate::kinds::workflow::sites(input.text, root, input.jobs) {
        if let Ok(tree) = &site.expression.tree {
            each(&site, tree);
        }
    }
}
