use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::model::{Base, CopySource, ImageRef};

crate::declare_rule! {
    /// ## What it does
    /// When `trusted-registries` is configured (`rlint.toml`, or hadolint's `trustedRegistries`),
    /// finds base images and `COPY --from=<image>` sources from any other registry. Images without
    /// a registry come from `docker.io`. Patterns may start with `*.` (`*.example.com`).
    ///
    /// ## Why is this bad?
    /// Organisations that mirror and scan images only vouch for what their registries serve; an
    /// image pulled from elsewhere bypasses that review.
    ///
    /// ## Example
    /// With this `rlint.toml`:
    /// ```toml
    /// trusted-registries = ["registry.example.com"]
    /// ```
    /// ```dockerfile
    /// FROM node:20-alpine
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM registry.example.com/library/node:20-alpine
    /// ```
    ///
    /// ## References
    /// - hadolint DL3026
    pub static RULE = {
        code: "DF040",
        name: "untrusted-registry",
        severity: Error,
        aliases: ["DL3026"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

/// The registry an image is pulled from (`docker.io` when none is written).
pub fn registry_of(image: &ImageRef) -> &str {
    image.registry().unwrap_or("docker.io")
}

fn trusted(registry: &str, patterns: &[String]) -> bool {
    let registry = registry.to_ascii_lowercase();
    patterns.iter().any(|p| {
        let p = p.trim().to_ascii_lowercase();
        match p.strip_prefix("*.") {
            Some(suffix) => registry.ends_with(&format!(".{suffix}")),
            None => match p.strip_suffix(".*") {
                Some(prefix) => registry.starts_with(&format!("{prefix}.")),
                None => registry == p || (p == "docker.io" && registry == "index.docker.io"),
            },
        }
    })
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let patterns = &cx.config.trusted_registries;
    if patterns.is_empty() {
        return;
    }
    let patterns = patterns.clone();
    let list = patterns.join(", ");
    for stage in &input.model.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        let registry = registry_of(image);
        if !trusted(registry, &patterns) {
            cx.report(
                stage.image.span,
                format!(
                    "base image `{}` comes from `{registry}`, which is not a trusted registry",
                    stage.resolved_value()
                ),
            )
            .help(format!("pull from one of: {list}"));
        }
    }
    let model = input.model;
    for (i, ins) in model.instructions().iter().enumerate() {
        let Some(flag) = ins.flag("from").filter(|_| ins.keyword == Keyword::Copy) else {
            continue;
        };
        let value = flag.value().unwrap_or("");
        if model.copy_source(value, i) != CopySource::Image {
            continue;
        }
        let registry_owned = registry_of(&ImageRef::parse(value)).to_string();
        if !trusted(&registry_owned, &patterns) {
            cx.report(flag.span, format!("COPY --from image `{value}` comes from `{registry_owned}`, which is not a trusted registry"))
                .help(format!("copy from an image in one of: {list}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::trusted;

    #[test]
    fn registry_patterns() {
        let p = vec![
            "docker.io".to_string(),
            "*.example.com".to_string(),
            "gcr.*".to_string(),
        ];
        assert!(trusted("docker.io", &p));
        assert!(trusted("registry.example.com", &p));
        assert!(!trusted("example.com.evil.io", &p));
        assert!(trusted("gcr.io", &p));
        assert!(!trusted("ghcr.io", &p));
    }
}
