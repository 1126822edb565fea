//! What several workflow rules share.

use crate::diagnostic::{Edit, Fix, Span};
use crate::kinds::workflow::Uses;

/// Owners whose actions GitHub itself publishes (`actions/checkout`, `github/codeql-action`).
const FIRST_PARTY: [&str; 2] = ["actions", "github"];

/// Whether an action's owner is GitHub itself.
pub fn is_first_party(owner: &str) -> bool {
    FIRST_PARTY.iter().any(|f| owner.eq_ignore_ascii_case(f))
}

/// The fix that pins `uses` (at `git_ref`) to the commit `sha` the user configured
/// (`action-pins` in rlint.toml): the ref becomes the SHA, and a `# <ref>` comment keeps the
/// version readable (and lets Dependabot and Renovate update the pin) when the line has no
/// comment and nothing after the value. Safe: the user named the commit.
pub fn pin_fix(text: &str, uses: &Uses<'_>, git_ref: &str, sha: &str) -> Option<Fix> {
    let span = uses.node.span;
    let raw = text.get(span.start..span.end)?;
    let at = span.start + raw.rfind('@')? + 1;
    let ref_span = Span::new(at, at + git_ref.len());
    if text.get(ref_span.start..ref_span.end) != Some(git_ref) {
        return None;
    }
    let mut edits = vec![Edit::replace(ref_span, sha)];
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    if text[span.end..line_end].trim().is_empty() {
        edits.push(Edit::insert(span.end, format!(" # {git_ref}")));
    }
    Some(Fix::safe(
        format!(
            "pin the commit configured for `@{git_ref}` ({})",
            &sha[..sha.len().min(12)]
        ),
        edits,
    ))
}
