//! Machine-readable renderings of reports (the CLI's human output uses miette on top of these types).
//!
//! Renderers that read the source (fingerprints, fix ranges) take each report with the text it was
//! linted from; the text is masked here first, so no format can print or hash a secret in clear.

pub mod checkstyle;
pub mod codeclimate;
pub mod github;
pub mod gnu;
pub mod json;
pub mod junit;
pub mod rdjson;
pub mod sarif;
mod xml;

use crate::diagnostic::{Severity, masked_source};
use crate::source::{LineIndex, floor_char_boundary};
use crate::{Located, Report};
use std::collections::HashMap;

/// The word a finding's severity is printed as where a reader (Vim's `%t`, Emacs' compile mode)
/// only knows error, warning, info and note: `style` reads as a note.
pub(crate) fn gnu_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
        Severity::Style => "note",
    }
}

/// One line: a message never spans lines in line-oriented formats.
pub(crate) fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

/// A report's text with its secrets masked, and what the renderers ask of it.
pub(crate) struct Masked {
    text: String,
    index: LineIndex,
}

impl Masked {
    pub(crate) fn new(report: &Report, text: &str) -> Self {
        let text = masked_source(text, report.diagnostics.iter().map(|l| &l.diagnostic));
        let index = LineIndex::new(&text);
        Self { text, index }
    }

    /// The text of 1-based `line` without its line break ("" past the end).
    pub(crate) fn line(&self, line: usize) -> &str {
        let Some(line0) = line.checked_sub(1) else {
            return "";
        };
        if line0 >= self.index.line_count() {
            return "";
        }
        let start = self.index.line_start(line0);
        let rest = self.text.get(start..).unwrap_or("");
        let line = rest.split('\n').next().unwrap_or("");
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// 1-based line and column in UTF-8 bytes of a byte offset (what reviewdog counts).
    pub(crate) fn byte_position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line0 = self.index.line_of(offset);
        (line0 + 1, offset - self.index.line_start(line0) + 1)
    }

    fn slice(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or("")
    }
}

/// Stable identities for a report's findings, in its order: a hash of the path, the rule, the
/// finding's line and its own text (whitespace-normalised, secrets masked) and how many identical
/// findings came before it in the file. Lines moving up or down, or re-indented, keep the
/// fingerprint; editing the offending text makes a new one (it is a new finding).
pub(crate) fn fingerprints(report: &Report, masked: &Masked) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|l| {
            let key = fingerprint_key(&report.path, l, masked);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            let key = format!("{key}\u{0}{n}");
            format!(
                "{:016x}{:016x}",
                fnv1a(key.as_bytes(), 0xcbf2_9ce4_8422_2325),
                fnv1a(key.as_bytes(), 0x6c62_272e_07bb_0142)
            )
        })
        .collect()
}

fn fingerprint_key(path: &str, l: &Located, masked: &Masked) -> String {
    let d = &l.diagnostic;
    let normal = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}\u{0}{}\u{0}{}\u{0}{}",
        path.replace('\\', "/"),
        d.code,
        normal(masked.line(l.start.line)),
        normal(masked.slice(d.span.start, d.span.end)),
    )
}

/// FNV-1a (64-bit): fixed forever, unlike std's hasher, so fingerprints survive upgrades.
fn fnv1a(bytes: &[u8], basis: u64) -> u64 {
    bytes.iter().fold(basis, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, FileKind, lint_text};

    fn report(text: &str) -> Report {
        lint_text(
            "Dockerfile",
            text,
            Some(FileKind::Dockerfile),
            &Config::default(),
        )
    }

    #[test]
    fn fingerprints_survive_moved_and_reindented_lines_but_not_other_paths() {
        let a = "FROM alpine\nMAINTAINER me\n";
        let b = "FROM alpine\n\n\n# moved down\n  MAINTAINER   me\n";
        let (ra, rb) = (report(a), report(b));
        let fa = fingerprints(&ra, &Masked::new(&ra, a));
        let fb = fingerprints(&rb, &Masked::new(&rb, b));
        let code = |r: &Report, f: &[String], c: &str| {
            r.diagnostics
                .iter()
                .zip(f)
                .find(|(l, _)| l.diagnostic.code == c)
                .map(|(_, f)| f.clone())
        };
        assert!(code(&ra, &fa, "DF004").is_some());
        assert_eq!(code(&ra, &fa, "DF004"), code(&rb, &fb, "DF004"));
        let mut other = ra.clone();
        other.path = "other/Dockerfile".into();
        let fo = fingerprints(&other, &Masked::new(&other, a));
        assert_ne!(code(&ra, &fa, "DF004"), code(&other, &fo, "DF004"));
    }

    #[test]
    fn identical_findings_get_distinct_fingerprints() {
        let text = "FROM alpine\nMAINTAINER me\nMAINTAINER me\n";
        let r = report(text);
        let f = fingerprints(&r, &Masked::new(&r, text));
        let df004: Vec<&String> = r
            .diagnostics
            .iter()
            .zip(&f)
            .filter(|(l, _)| l.diagnostic.code == "DF004")
            .map(|(_, f)| f)
            .collect();
        assert_eq!(df004.len(), 2);
        assert_ne!(df004[0], df004[1]);
    }

    #[test]
    fn lines_and_byte_positions_never_panic() {
        let text = "FROM é\r\nRUN x";
        let r = report(text);
        let m = Masked::new(&r, text);
        assert_eq!(m.line(1), "FROM é");
        assert_eq!(m.line(2), "RUN x");
        assert_eq!(m.line(0), "");
        assert_eq!(m.line(9), "");
        assert_eq!(m.byte_position(7), (1, 8));
        assert_eq!(m.byte_position(1000), (2, 6));
    }
}
