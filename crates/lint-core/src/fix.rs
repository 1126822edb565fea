//! Applying fixes: non-overlapping fixes are applied together, then the file is linted again until
//! nothing more applies (a fix may enable another), with a bound on rounds.

use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::source::FileKind;

/// Applies the fixes of `diagnostics` that do not overlap; returns the new text and how many applied.
pub fn apply_fixes(text: &str, diagnostics: &[&Diagnostic], unsafe_ok: bool) -> (String, usize) {
    let mut fixes: Vec<&Vec<Edit>> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| unsafe_ok || f.applicability == Applicability::Safe)
        .map(|f| &f.edits)
        .filter(|edits| !edits.is_empty())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min());
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let overlaps = edits.iter().any(|e| {
            chosen.iter().any(|c| {
                e.span.start < c.span.end && c.span.start < e.span.end
                    || (e.span.is_empty() && c.span.contains(e.span.start))
                    || e.span == c.span
            })
        });
        let in_bounds = edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if overlaps || !in_bounds {
            continue;
        }
        chosen.extend(edits.iter());
        applied += 1;
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in chosen {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    pub text: String,
    pub applied: usize,
}

/// Lints and fixes `text` until no fix applies (at most 10 rounds).
pub fn fix_text(
    path: &str,
    text: &str,
    kind: Option<FileKind>,
    config: &Config,
    unsafe_ok: bool,
) -> FixOutcome {
    fix_text_with(
        path,
        text,
        kind,
        config,
        unsafe_ok,
        crate::Related::default(),
    )
}

/// [`fix_text`] with the file's related files, so the fixes of cross-file findings apply too
/// (a secret the `.dockerignore` should exclude).
pub fn fix_text_with(
    path: &str,
    text: &str,
    kind: Option<FileKind>,
    config: &Config,
    unsafe_ok: bool,
    related: crate::Related<'_>,
) -> FixOutcome {
    let mut current = text.to_string();
    let mut total = 0;
    for _ in 0..10 {
        let report = crate::lint_text_with(path, &current, kind, config, related);
        let diags: Vec<&Diagnostic> = report.diagnostics.iter().map(|l| &l.diagnostic).collect();
        let (next, applied) = apply_fixes(&current, &diags, unsafe_ok);
        if applied == 0 || next == current {
            break;
        }
        total += applied;
        current = next;
    }
    FixOutcome {
        text: current,
        applied: total,
    }
}
