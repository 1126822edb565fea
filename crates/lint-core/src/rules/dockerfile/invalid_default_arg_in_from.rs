use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a `FROM` whose image, with the global ARG defaults substituted (an ARG without a default
    /// is empty), is not a valid image reference: `ARG TAG` + `FROM alpine:${TAG}` gives `alpine:`.
    ///
    /// ## Why is this bad?
    /// The Dockerfile only builds when every caller remembers `--build-arg TAG=...`; a plain
    /// `docker build` fails with "invalid reference format".
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG TAG
    /// FROM alpine:${TAG}
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG TAG=3.20
    /// FROM alpine:${TAG}
    /// ```
    ///
    /// ## References
    /// - BuildKit InvalidDefaultArgInFrom
    pub static RULE = {
        code: "DF094",
        name: "invalid-default-arg-in-from",
        severity: Warning,
        aliases: ["InvalidDefaultArgInFrom"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

/// What BuildKit's reference parser rejects: empty names, dangling `:`/`@`, upper case in the path.
fn invalid(reference: &str) -> Option<&'static str> {
    if reference.is_empty() {
        return Some("is empty");
    }
    if reference.ends_with(':')
        || reference.ends_with('@')
        || reference.starts_with(':')
        || reference.contains("::")
    {
        return Some("has an empty tag or digest");
    }
    let path = reference.split(['@']).next().unwrap_or(reference);
    let last_slash = path.rfind('/').map_or(0, |i| i + 1);
    let name = match path[last_slash..].rfind(':') {
        Some(i) => &path[..last_slash + i],
        None => path,
    };
    let repository = name
        .split_once('/')
        .filter(|(first, _)| first.contains(['.', ':']) || *first == "localhost")
        .map_or(name, |(_, rest)| rest);
    if repository.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("has upper-case letters in the repository name");
    }
    if repository.starts_with(['-', '.', '_'])
        || repository.contains("//")
        || repository.ends_with('/')
    {
        return Some("is not a valid repository name");
    }
    None
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    let lookup = |name: &str| -> Option<Option<String>> {
        model
            .global_args
            .iter()
            .rev()
            .find(|(n, _)| n.value == name)
            .map(|(n, d)| {
                // A value the build passes from its environment is not known here.
                if model.args_from_caller.contains(&n.value) {
                    None
                } else {
                    Some(d.clone().unwrap_or_default())
                }
            })
    };
    for stage in &model.stages {
        let word = &stage.image.value;
        if !word.contains('$') {
            continue;
        }
        let Ok(expansion) =
            crate::syntax::dockerfile::expand::expand(word, input.df.escape, &lookup)
        else {
            continue;
        };
        // Platform ARGs and other unknowns are filled in at build time.
        if !expansion.unknown.is_empty()
            || model.stage_named(&expansion.value, stage.from).is_some()
        {
            continue;
        }
        if let Some(why) = invalid(&expansion.value) {
            cx.report(
                stage.image.span,
                format!(
                    "with the default build arguments `{word}` becomes `{}`, which {why}",
                    expansion.value
                ),
            )
            .help("give the ARG a default value before the first FROM");
        }
    }
}
