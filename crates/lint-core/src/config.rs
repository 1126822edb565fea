//! Which rules run and how loud they are. Plain serde types: the CLI reads `rlint.toml` and
//! `.hadolint.yaml` and hands the merged result here; the core never touches the file system.

use crate::diagnostic::Severity;
use crate::rule::RuleMeta;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A per-rule severity setting: a severity, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Style,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Style => Some(Severity::Style),
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// A finding threshold: `none` never fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Threshold {
    Style,
    #[default]
    Info,
    Warning,
    Error,
    None,
}

impl Threshold {
    pub fn parse(s: &str) -> Option<Threshold> {
        match s.trim().to_ascii_lowercase().as_str() {
            "style" => Some(Threshold::Style),
            "info" => Some(Threshold::Info),
            "warning" => Some(Threshold::Warning),
            "error" => Some(Threshold::Error),
            "none" | "ignore" => Some(Threshold::None),
            _ => None,
        }
    }

    pub fn is_reached_by(self, severity: Severity) -> bool {
        match self {
            Threshold::Style => true,
            Threshold::Info => severity >= Severity::Info,
            Threshold::Warning => severity >= Severity::Warning,
            Threshold::Error => severity >= Severity::Error,
            Threshold::None => false,
        }
    }
}

/// The effective configuration for one file (per-path ignores already merged in by the caller).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    /// Rules (code, name or alias) that never run.
    pub ignore: Vec<String>,
    /// When non-empty, only these rules run (off-by-default ones included).
    pub select: Vec<String>,
    /// Off-by-default rules to turn on in addition to the defaults.
    pub extend_select: Vec<String>,
    /// Per-rule severity: `DL3008 = "error"`, `DF020 = "off"`.
    pub severity: BTreeMap<String, Level>,
    /// Per-path ignores: glob -> rules. Applied by the caller, which knows the paths.
    pub per_path_ignores: BTreeMap<String, Vec<String>>,
    /// Findings at or above this make the run fail (default: info, like hadolint).
    pub failure_threshold: Threshold,
    /// Registries base images may come from (DL3026); empty means any.
    pub trusted_registries: Vec<String>,
    /// Ignore inline `# rlint ignore=` / `# hadolint ignore=` / `# check=skip=` pragmas.
    pub disable_inline_ignores: bool,
    /// Labels the final image must carry, with the format of their value: `text`, `url`, `semver`,
    /// `hash`, `rfc3339`, `spdx` or `email` (hadolint's `label-schema`).
    pub label_schema: BTreeMap<String, String>,
    /// Labels outside `label-schema` are reported.
    pub strict_labels: bool,
}

fn names(list: &[String], rule: &RuleMeta) -> bool {
    list.iter()
        .any(|id| id.eq_ignore_ascii_case("all") || rule.is_named(id))
}

impl Config {
    /// Whether `rule` runs at all.
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        if rule.always_on {
            return true;
        }
        if self.turns_off(rule) {
            return false;
        }
        if !self.select.is_empty() {
            return names(&self.select, rule);
        }
        rule.enabled_by_default
            || names(&self.extend_select, rule)
            || self.severity_override(rule).is_some()
    }

    /// Whether `rule` is ignored or set to `off`: then nothing turns it on.
    pub fn turns_off(&self, rule: &RuleMeta) -> bool {
        names(&self.ignore, rule) || self.severity_override(rule) == Some(Level::Off)
    }

    fn severity_override(&self, rule: &RuleMeta) -> Option<Level> {
        // The rule's own code wins over its aliases when both are set.
        self.severity
            .iter()
            .filter(|(id, _)| rule.is_named(id))
            .max_by_key(|(id, _)| id.eq_ignore_ascii_case(rule.code))
            .map(|(_, level)| *level)
    }

    /// The severity `rule` reports at.
    pub fn severity_of(&self, rule: &RuleMeta) -> Severity {
        if rule.always_on {
            return rule.severity;
        }
        self.severity_override(rule)
            .and_then(Level::severity)
            .unwrap_or(rule.severity)
    }

    /// Adds what another config says (later wins for scalars, lists are merged).
    pub fn merge(&mut self, other: Config) {
        self.ignore.extend(other.ignore);
        self.select.extend(other.select);
        self.extend_select.extend(other.extend_select);
        self.severity.extend(other.severity);
        self.per_path_ignores.extend(other.per_path_ignores);
        if other.failure_threshold != Threshold::default() {
            self.failure_threshold = other.failure_threshold;
        }
        self.trusted_registries.extend(other.trusted_registries);
        self.disable_inline_ignores |= other.disable_inline_ignores;
        self.label_schema.extend(other.label_schema);
        self.strict_labels |= other.strict_labels;
    }
}
