use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds a stage that uses both `wget` and `curl`.
    ///
    /// ## Why is this bad?
    /// Both tools do the same job; installing and maintaining both doubles the attack surface and the
    /// size for nothing.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN curl -fsSLO https://example.com/a.tar.gz
    /// RUN wget -q https://example.com/b.tar.gz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN curl -fsSLO https://example.com/a.tar.gz
    /// RUN curl -fsSLO https://example.com/b.tar.gz
    /// ```
    ///
    /// ## References
    /// - hadolint DL4001
    pub static RULE = {
        code: "DF056",
        name: "wget-and-curl",
        severity: Warning,
        aliases: ["DL4001"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for stage in &input.model.stages {
        let mut first: Option<&str> = None;
        for (i, _) in super::stage_body(input.model, stage) {
            for cmd in input.scripts[i].iter().flat_map(|s| &s.commands) {
                let tool = match cmd.name() {
                    "curl" => "curl",
                    "wget" => "wget",
                    _ => continue,
                };
                match first {
                    None => first = Some(tool),
                    Some(f) if f != tool => {
                        cx.report(
                            cmd.words[0].span,
                            format!("this stage already uses `{f}`; `{tool}` does the same job"),
                        )
                        .help(format!("use `{f}` throughout"));
                    }
                    _ => {}
                }
            }
        }
    }
}
