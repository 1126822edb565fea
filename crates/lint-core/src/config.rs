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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Threshold {
    Style,
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

/// A starting set of rules, refined by `select`/`ignore`/`severity` (which always win).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// The rules whose findings on real projects are nearly always worth acting on, at their
    /// own severity; runs fail from `warning` up (info and style findings are advice).
    #[default]
    Recommended,
    /// Every rule, off-by-default ones included.
    Strict,
    /// Every rule hadolint runs by default (the DL codes), at hadolint's severity, failing from
    /// `info` up as hadolint does: for teams moving from hadolint with the findings they know.
    Hadolint,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::Recommended, Preset::Strict, Preset::Hadolint];

    pub fn parse(s: &str) -> Option<Preset> {
        Preset::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Recommended => "recommended",
            Preset::Strict => "strict",
            Preset::Hadolint => "hadolint",
        }
    }

    /// The failure threshold when the configuration sets none.
    pub fn failure_threshold(self) -> Threshold {
        match self {
            Preset::Recommended | Preset::Strict => Threshold::Warning,
            Preset::Hadolint => Threshold::Info,
        }
    }
}

/// hadolint's default severity of a DL code (hadolint 2.15, read off its JSON output), `None`
/// for codes hadolint does not report by default (`DL1001`, `DL3057`: severity `ignore`).
pub fn hadolint_severity(code: &str) -> Option<Severity> {
    use Severity::*;
    let severity = match code {
        "DL1000" | "DL3000" | "DL3004" | "DL3011" | "DL3012" | "DL3020" | "DL3021" | "DL3023"
        | "DL3024" | "DL3026" | "DL3043" | "DL3044" | "DL3061" | "DL4000" | "DL4004" => Error,
        "DL3001" | "DL3009" | "DL3010" | "DL3015" | "DL3019" | "DL3047" | "DL3049" | "DL3050"
        | "DL3059" | "DL3060" | "DL3066" => Info,
        "DL3048" => Style,
        "DL1001" | "DL3057" => return None,
        c if c.starts_with("DL") => Warning,
        _ => return None,
    };
    Some(severity)
}

/// The hadolint code a rule answers to, when it has one.
fn hadolint_code(rule: &RuleMeta) -> Option<&'static str> {
    rule.aliases.iter().copied().find(|a| a.starts_with("DL"))
}

/// The effective configuration for one file (per-path ignores already merged in by the caller).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    /// The starting rule set (`recommended` when unset).
    pub preset: Option<Preset>,
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
    /// Findings at or above this make the run fail (unset: the preset's, see
    /// [`Config::failure_threshold`]).
    pub failure_threshold: Option<Threshold>,
    /// Registries base images may come from (DL3026); empty means any.
    pub trusted_registries: Vec<String>,
    /// Ignore inline `# rlint ignore=` / `# hadolint ignore=` / `# check=skip=` pragmas.
    pub disable_inline_ignores: bool,
    /// Labels the final image must carry, with the format of their value: `text`, `url`, `semver`,
    /// `hash`, `rfc3339`, `spdx` or `email` (hadolint's `label-schema`).
    pub label_schema: BTreeMap<String, String>,
    /// Labels outside `label-schema` are reported.
    pub strict_labels: bool,
    /// Commit SHAs for GitHub Actions `uses:` refs: `"owner/repo@v4" = "<40 hex>"`. A `uses:` at
    /// that ref is reported (GA003/GA004) with a fix that pins it: `owner/repo@<sha> # v4`.
    pub action_pins: BTreeMap<String, String>,
    /// Paths a folder walk skips (globs relative to the configuration file's folder, such as
    /// `tests/fixtures/**`); files named on the command line are linted anyway. Read by the
    /// callers that walk folders; the core lints what it is given.
    pub exclude: Vec<String>,
    /// How many RUN instructions of one Dockerfile get the shell analysis (unset:
    /// [`crate::kinds::dockerfile::SHELL_ANALYSIS_LIMIT`]); DF100 reports the first RUN past it.
    pub shell_analysis_limit: Option<usize>,
    /// How many lines of one Dockerfile are read (unset:
    /// [`crate::syntax::dockerfile::parser::MAX_LINES`]); DF102 reports the first line past it.
    pub dockerfile_line_limit: Option<usize>,
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
        self.preset_enables(rule)
            || names(&self.extend_select, rule)
            || self.severity_override(rule).is_some()
    }

    pub fn preset(&self) -> Preset {
        self.preset.unwrap_or_default()
    }

    fn preset_enables(&self, rule: &RuleMeta) -> bool {
        match self.preset() {
            Preset::Recommended => rule.enabled_by_default,
            Preset::Strict => true,
            Preset::Hadolint => hadolint_code(rule).and_then(hadolint_severity).is_some(),
        }
    }

    /// Findings at or above this make the run fail: the configured threshold, else the preset's.
    pub fn failure_threshold(&self) -> Threshold {
        self.failure_threshold
            .unwrap_or_else(|| self.preset().failure_threshold())
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
            .or_else(|| match self.preset() {
                Preset::Hadolint => hadolint_code(rule).and_then(hadolint_severity),
                _ => None,
            })
            .unwrap_or(rule.severity)
    }

    /// Adds what another config says (later wins for scalars, lists are merged).
    pub fn merge(&mut self, other: Config) {
        self.ignore.extend(other.ignore);
        self.select.extend(other.select);
        self.extend_select.extend(other.extend_select);
        self.severity.extend(other.severity);
        self.per_path_ignores.extend(other.per_path_ignores);
        self.preset = other.preset.or(self.preset);
        self.failure_threshold = other.failure_threshold.or(self.failure_threshold);
        self.trusted_registries.extend(other.trusted_registries);
        self.disable_inline_ignores |= other.disable_inline_ignores;
        self.label_schema.extend(other.label_schema);
        self.strict_labels |= other.strict_labels;
        self.exclude.extend(other.exclude);
        self.action_pins.extend(other.action_pins);
        self.shell_analysis_limit = other.shell_analysis_limit.or(self.shell_analysis_limit);
        self.dockerfile_line_limit = other.dockerfile_line_limit.or(self.dockerfile_line_limit);
    }

    /// The configured commit for `action` (`owner/repo[/path]`) at `git_ref`: the pin whose key
    /// names them (owner and repository compare case-insensitively, as GitHub does), when its
    /// value is a full commit SHA (`rlint` rejects other values when it reads the file).
    pub fn action_pin(&self, action: &str, git_ref: &str) -> Option<&str> {
        self.action_pins.iter().find_map(|(key, sha)| {
            let (a, r) = key.rsplit_once('@')?;
            let sha_ok = sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit());
            (a.eq_ignore_ascii_case(action) && r == git_ref && sha_ok).then_some(sha.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn rule(code: &str) -> &'static RuleMeta {
        &crate::registry::rule(code).unwrap().meta
    }

    #[test]
    fn presets_enable_and_level_rules() {
        let recommended = Config::default();
        let strict = Config {
            preset: Some(Preset::Strict),
            ..Config::default()
        };
        let hadolint = Config {
            preset: Some(Preset::Hadolint),
            ..Config::default()
        };
        // DF084 (DL3057) is off by default here and in hadolint; strict runs it.
        assert!(!recommended.enabled(rule("DF084")));
        assert!(!hadolint.enabled(rule("DF084")));
        assert!(strict.enabled(rule("DF084")));
        // Every rule runs in strict; only DL rules hadolint reports by default in hadolint.
        assert!(rules::all().iter().all(|r| strict.enabled(&r.meta)));
        for r in rules::all() {
            let dl = hadolint_code(&r.meta).and_then(hadolint_severity);
            assert_eq!(
                hadolint.enabled(&r.meta),
                dl.is_some() || r.meta.always_on,
                "{}",
                r.meta.code
            );
            if let (Some(severity), false) = (dl, r.meta.always_on) {
                assert_eq!(hadolint.severity_of(&r.meta), severity, "{}", r.meta.code);
            }
        }
        assert_eq!(recommended.severity_of(rule("DF030")), Severity::Info);
        assert_eq!(hadolint.severity_of(rule("DF030")), Severity::Warning);
        assert_eq!(hadolint.severity_of(rule("DF018")), Severity::Warning);
        // An explicit severity wins over the preset's.
        let mut overridden = hadolint.clone();
        overridden.severity.insert("DL3008".into(), Level::Error);
        assert_eq!(overridden.severity_of(rule("DF030")), Severity::Error);
        // Thresholds: the preset's unless set.
        assert_eq!(recommended.failure_threshold(), Threshold::Warning);
        assert_eq!(hadolint.failure_threshold(), Threshold::Info);
        let mut merged = hadolint.clone();
        merged.merge(Config {
            failure_threshold: Some(Threshold::Error),
            ..Config::default()
        });
        assert_eq!(
            merged.preset(),
            Preset::Hadolint,
            "an unset preset keeps the earlier one"
        );
        assert_eq!(merged.failure_threshold(), Threshold::Error);
    }
}
