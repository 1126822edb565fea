//! The one diagnostic type every file kind and every shell shares (DESIGN.md §3).

use serde::{Deserialize, Serialize};
use std::fmt;

/// How loud a finding is. Ordered from quietest to loudest, so thresholds compare with `>=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Style,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Self::Style, Self::Info, Self::Warning, Self::Error];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Style => "style",
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|sev| sev.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A byte range into the file's text. Lines and columns are computed at the edge ([`crate::LineIndex`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Self { start: at, end: at }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// One text replacement of a fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Self::replace(Span::empty(at), text)
    }

    pub fn delete(span: Span) -> Self {
        Self::replace(span, "")
    }
}

/// Whether applying a fix can change what the file means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning; applied by `rlint --fix`.
    Safe,
    /// Changes behaviour (usually for the better); applied only with `--unsafe-fixes`.
    Unsafe,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            message: message.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn unsafe_(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            message: message.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

/// A secondary location that explains the primary one ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub span: Span,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
    /// The primary span is a secret: renderers that show source text must mask it.
    pub secret: bool,
    /// The most this finding reports at, whatever the rule's configured severity: a rule whose
    /// findings differ in consequence (a real credential vs a demo placeholder) caps the milder.
    pub at_most: Option<Severity>,
}

impl Diagnostic {
    /// Caps this finding's severity (see [`Diagnostic::at_most`]).
    pub fn at_most(&mut self, severity: Severity) -> &mut Self {
        self.at_most = Some(severity);
        self
    }

    /// Marks the primary span as a secret (see [`masked_source`]).
    pub fn secret(&mut self) -> &mut Self {
        self.secret = true;
        self
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// The published documentation of the rule that produced this diagnostic.
    pub fn url(&self) -> String {
        rule_url(self.code)
    }

    /// True when `id` names this diagnostic's rule by code, name or any alias (case-insensitive).
    pub fn is_named(&self, id: &str) -> bool {
        let id = id.trim();
        self.code.eq_ignore_ascii_case(id)
            || self.name.eq_ignore_ascii_case(id)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
    }
}

/// Where a rule's page lives; `rules/<CODE>.md` in the repository is generated from the same doc comment.
pub const DOCS_BASE_URL: &str = "https://github.com/rlint/rlint/blob/main/rules/";

pub fn rule_url(code: &str) -> String {
    format!("{DOCS_BASE_URL}{code}.md")
}

/// Masks a secret for display: keeps a short prefix and suffix so a user can recognise it.
pub fn mask_secret(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len().max(4));
    }
    let keep = (chars.len() / 5).clamp(2, 4);
    let head: String = chars[..keep].iter().collect();
    let tail: String = chars[chars.len() - keep..].iter().collect();
    format!("{head}****{tail}")
}

/// `text` with every secret span of `diagnostics` masked in place, keeping byte offsets valid:
/// what a renderer that prints source lines (code frames, editors) must show.
pub fn masked_source<'a>(
    text: &str,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> String {
    let mut out = text.to_string();
    // What findings marked as secrets, and every other secret written in the text (a code frame
    // shows whole lines, and a line may hold a credential no finding points at).
    let spans = diagnostics
        .into_iter()
        .filter(|d| d.secret)
        .map(|d| d.span)
        .chain(
            crate::secrets::secret_ranges(text)
                .into_iter()
                .map(|r| Span::new(r.start, r.end)),
        );
    for span in spans {
        if span.end > out.len()
            || !out.is_char_boundary(span.start)
            || !out.is_char_boundary(span.end)
        {
            continue;
        }
        let secret = &out[span.start..span.end];
        let keep = if secret.len() > 8 {
            (secret.len() / 5).clamp(2, 4)
        } else {
            0
        };
        let masked: String = secret
            .char_indices()
            .map(|(i, c)| {
                if i < keep || i >= secret.len() - keep || !c.is_ascii() {
                    c
                } else {
                    '*'
                }
            })
            .collect();
        out.replace_range(span.start..span.end, &masked);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_only_the_ends() {
        assert_eq!(mask_secret("AKIAIOSFODNN7EXAMPLE"), "AKIA****MPLE");
        assert_eq!(mask_secret("hunter2"), "*******");
        assert!(!mask_secret("ghp_0123456789abcdefghijklmnopqrstuvwxyz").contains("0123456789"));
    }

    #[test]
    fn masked_source_keeps_offsets() {
        let text = "ENV K=AKIAIOSFODNN7EXAMPLE\n";
        let d = Diagnostic {
            code: "X",
            name: "x",
            aliases: &[],
            severity: Severity::Error,
            message: String::new(),
            help: None,
            span: Span::new(6, 26),
            labels: Vec::new(),
            fix: None,
            secret: true,
            at_most: None,
        };
        let masked = masked_source(text, [&d]);
        assert_eq!(masked, "ENV K=AKIA************MPLE\n");
        assert_eq!(masked.len(), text.len());
    }

    #[test]
    fn severities_order_from_quiet_to_loud() {
        assert!(Severity::Style < Severity::Info);
        assert!(Severity::Warning < Severity::Error);
        assert_eq!(Severity::parse(" Warning"), Some(Severity::Warning));
        assert_eq!(Severity::parse("loud"), None);
    }
}
