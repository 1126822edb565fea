//! Finding and reading configuration: `rlint.toml` (found upward from the linted path, or given
//! with `--config`) and a `.hadolint.yaml` beside it, merged into lint-core's [`Config`].

use globset::{Glob, GlobSetBuilder};
use lint_core::{Config, Level, Threshold};
use saphyr::{LoadableYamlNode, Yaml};
use std::path::{Path, PathBuf};

/// A loaded configuration and the directory its per-path globs are relative to.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub config: Config,
    pub root: Option<PathBuf>,
    pub sources: Vec<PathBuf>,
}

const HADOLINT_NAMES: [&str; 2] = [".hadolint.yaml", ".hadolint.yml"];

/// The nearest directory at or above `start` holding `rlint.toml` or a hadolint config.
pub fn discover(start: &Path) -> Result<Loaded, String> {
    let start = if start.is_file() || !start.exists() {
        start.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        start.to_path_buf()
    };
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    for dir in start.ancestors() {
        let toml = dir.join("rlint.toml");
        let hadolint = HADOLINT_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file());
        if toml.is_file() || hadolint.is_some() {
            let mut loaded = Loaded {
                root: Some(dir.to_path_buf()),
                ..Loaded::default()
            };
            if let Some(h) = hadolint {
                loaded.config.merge(read_hadolint(&h)?);
                loaded.sources.push(h);
            }
            if toml.is_file() {
                loaded.config.merge(read_toml(&toml)?);
                loaded.sources.push(toml);
            }
            return Ok(loaded);
        }
    }
    Ok(Loaded::default())
}

/// `--config FILE`: rlint.toml syntax, or hadolint's YAML when the name ends in .yaml/.yml.
pub fn load_explicit(path: &Path) -> Result<Loaded, String> {
    let name = path.to_string_lossy();
    let config = if name.ends_with(".yaml") || name.ends_with(".yml") {
        read_hadolint(path)?
    } else {
        read_toml(path)?
    };
    Ok(Loaded {
        config,
        root: path.parent().map(Path::to_path_buf),
        sources: vec![path.to_path_buf()],
    })
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn read_toml(path: &Path) -> Result<Config, String> {
    parse_toml(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn parse_toml(text: &str) -> Result<Config, String> {
    let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
    for (key, sha) in &config.action_pins {
        if !key.contains('@') {
            return Err(format!(
                "action-pins: `{key}` names no ref: write `owner/repo@ref = \"<commit sha>\"`"
            ));
        }
        if sha.len() != 40 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "action-pins: `{key}` = `{sha}` is not a full commit SHA (40 hex digits)"
            ));
        }
    }
    Ok(config)
}

pub fn read_hadolint(path: &Path) -> Result<Config, String> {
    parse_hadolint(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn strings(node: &Yaml) -> Vec<String> {
    match node {
        Yaml::Sequence(items) => items
            .iter()
            .filter_map(|i| i.as_str().map(String::from))
            .collect(),
        other => other
            .as_str()
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
    }
}

/// hadolint's `ignored`, `override`, `failure-threshold`, `trustedRegistries`, `label-schema` and
/// `strict-labels`.
pub fn parse_hadolint(text: &str) -> Result<Config, String> {
    let docs = Yaml::load_from_str(text).map_err(|e| e.to_string())?;
    let mut config = Config::default();
    let Some(doc) = docs.first() else {
        return Ok(config);
    };
    let Yaml::Mapping(map) = doc else {
        if doc.is_null() {
            return Ok(config);
        }
        return Err("expected a mapping at the top level".to_string());
    };
    for (key, value) in map {
        let Some(key) = key.as_str() else { continue };
        match key {
            "ignored" => config.ignore.extend(strings(value)),
            "override" => {
                if let Yaml::Mapping(levels) = value {
                    for (level, codes) in levels {
                        let level = match level.as_str() {
                            Some("error") => Level::Error,
                            Some("warning") => Level::Warning,
                            Some("info") => Level::Info,
                            Some("style") => Level::Style,
                            Some("ignore" | "off") => Level::Off,
                            other => return Err(format!("unknown override level {other:?}")),
                        };
                        for code in strings(codes) {
                            config.severity.insert(code, level);
                        }
                    }
                }
            }
            "failure-threshold" => {
                let value = value.as_str().unwrap_or("");
                config.failure_threshold = Some(
                    Threshold::parse(value)
                        .ok_or_else(|| format!("unknown failure-threshold {value:?}"))?,
                );
            }
            "trustedRegistries" => config.trusted_registries.extend(strings(value)),
            "label-schema" => {
                if let Yaml::Mapping(labels) = value {
                    for (name, format) in labels {
                        if let (Some(name), Some(format)) = (name.as_str(), format.as_str()) {
                            config
                                .label_schema
                                .insert(name.to_string(), format.to_string());
                        }
                    }
                }
            }
            "strict-labels" => config.strict_labels = value.as_bool().unwrap_or(false),
            _ => {}
        }
    }
    Ok(config)
}

/// The config for one file: per-path ignores whose glob matches the path (relative to the
/// config's directory) are added to `ignore`.
pub fn for_file(loaded: &Loaded, path: &Path) -> Config {
    let mut config = loaded.config.clone();
    if config.per_path_ignores.is_empty() {
        return config;
    }
    for (pattern, codes) in &loaded.config.per_path_ignores {
        if matches(loaded, std::slice::from_ref(pattern), path) {
            config.ignore.extend(codes.iter().cloned());
        }
    }
    config
}

/// Whether the configuration's `exclude` globs cover `path` (a walked file).
pub fn excluded(loaded: &Loaded, path: &Path) -> bool {
    !loaded.config.exclude.is_empty() && matches(loaded, &loaded.config.exclude, path)
}

/// Whether any of `patterns` matches `path`, relative to the configuration's folder or as given.
fn matches(loaded: &Loaded, patterns: &[String], path: &Path) -> bool {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = loaded
        .root
        .as_deref()
        .and_then(|root| absolute.strip_prefix(root).ok())
        .unwrap_or(path);
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        if let Ok(glob) = Glob::new(pattern) {
            set.add(glob);
        }
    }
    set.build()
        .is_ok_and(|set| set.is_match(relative) || set.is_match(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hadolint_yaml_maps_onto_config() {
        let c = parse_hadolint(
            "ignored:\n  - DL3008\noverride:\n  error: [DL3015]\n  info:\n    - DL3006\nfailure-threshold: warning\ntrustedRegistries: docker.io\nlabel-schema:\n  author: text\n  url: url\nstrict-labels: true\n",
        )
        .unwrap();
        assert_eq!(c.ignore, ["DL3008"]);
        assert_eq!(c.severity.get("DL3015"), Some(&Level::Error));
        assert_eq!(c.severity.get("DL3006"), Some(&Level::Info));
        assert_eq!(c.failure_threshold, Some(Threshold::Warning));
        assert_eq!(c.trusted_registries, ["docker.io"]);
        assert_eq!(c.label_schema.get("url").map(String::as_str), Some("url"));
        assert!(c.strict_labels);
        assert!(parse_hadolint("failure-threshold: loud\n").is_err());
    }

    #[test]
    fn toml_config() {
        let c = parse_toml(
            "preset = \"strict\"\nignore = [\"DF002\"]\nfailure-threshold = \"error\"\n[severity]\nDL3015 = \"off\"\n[per-path-ignores]\n\"legacy/**\" = [\"DF014\"]\n",
        )
        .unwrap();
        assert_eq!(c.ignore, ["DF002"]);
        assert_eq!(c.failure_threshold, Some(Threshold::Error));
        assert_eq!(c.preset, Some(lint_core::Preset::Strict));
        assert!(parse_toml("preset = \"loud\"\n").is_err());
        assert_eq!(c.severity.get("DL3015"), Some(&Level::Off));
        assert!(parse_toml("unknown-key = 1\n").is_err());
    }

    /// README's configuration example is a valid rlint.toml that means what its comments say.
    #[test]
    fn readme_configuration_example_parses() {
        let readme = include_str!("../../../README.md");
        let at = readme
            .find("**Configuration.**")
            .expect("README has the section");
        let block = &readme[at..];
        let start = block.find("```toml\n").expect("a toml block") + "```toml\n".len();
        let end = start + block[start..].find("```").expect("closed");
        let c = parse_toml(&block[start..end]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.exclude, ["tests/fixtures/**"]);
        assert_eq!(c.severity.len(), 2);
        assert!(c.action_pin("actions/checkout", "v4").is_some());
    }

    #[test]
    fn action_pins_must_be_commit_shas() {
        let sha = "0dc935cdecc5f5e571865e60d2a6cdc673704823";
        let c = parse_toml(&format!("[action-pins]\n\"a/b@v1\" = \"{sha}\"\n")).unwrap();
        assert_eq!(c.action_pin("A/b", "v1"), Some(sha));
        assert_eq!(c.action_pin("a/b", "v2"), None);
        let short = parse_toml("[action-pins]\n\"a/b@v1\" = \"0dc935c\"\n").unwrap_err();
        assert!(short.contains("not a full commit SHA"), "{short}");
        let no_ref = parse_toml(&format!("[action-pins]\n\"a/b\" = \"{sha}\"\n")).unwrap_err();
        assert!(no_ref.contains("names no ref"), "{no_ref}");
    }
}
