use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds inline ignore pragmas (`# rlint ignore=`, `# hadolint ignore=`, `# check=skip=`). Off by
    /// default: turn it on (`extend-select = ["DF082"]`) where findings must be fixed, not silenced.
    ///
    /// ## Why is this bad?
    /// Each pragma hides a finding from every later review; organisations that require fixes (or a
    /// config-level exception with a reason) forbid them.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// # hadolint ignore=DL3018
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// ```
    ///
    /// ## References
    /// - hadolint DL1001
    pub static RULE = {
        code: "DF082",
        name: "inline-ignore-pragma",
        severity: Info,
        aliases: ["DL1001"],
        fix: None,
        default: false,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let directive_starts: Vec<usize> = input.df.directives.iter().map(|d| d.span.start).collect();
    for comment in &input.df.comments {
        if directive_starts.contains(&comment.span.start) {
            continue;
        }
        let pragma = crate::suppress::parse_pragma(&comment.text).is_some()
            || comment.text.starts_with("check=skip=");
        if pragma {
            cx.report(
                comment.span,
                format!("inline pragma `# {}` silences findings", comment.text),
            )
            .help("fix the finding, or record the exception in rlint.toml with a reason");
        }
    }
}
