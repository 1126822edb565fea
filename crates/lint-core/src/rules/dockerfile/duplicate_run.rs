use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds a `RUN` whose command repeats an earlier `RUN` of the same stage exactly.
    ///
    /// ## Why is this bad?
    /// Running the same command twice is almost always a copy-and-paste slip: the second copy was meant
    /// to do something else (a different user, package or path), and what it should have done never
    /// happens.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN usermod -aG sudo sysop
    /// RUN usermod -aG sudo sysop
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN usermod -aG sudo sysop
    /// RUN usermod -aG wheel sysop
    /// ```
    ///
    /// ## References
    /// - rlint
    pub static RULE = {
        code: "DF099",
        name: "duplicate-run",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

/// Commands that only inspect state: repeating them after something changed is deliberate.
const CHECKS: [&str; 14] = [
    "diff",
    "test",
    "[",
    "ls",
    "cat",
    "echo",
    "true",
    "cmp",
    "grep",
    "stat",
    "sha256sum",
    "md5sum",
    "find",
    "which",
];

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for stage in &model.stages {
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (index, ins) in super::stage_body(model, stage) {
            if ins.keyword != Keyword::Run || !ins.heredocs().is_empty() {
                continue;
            }
            let inspects_only = input.scripts[index]
                .iter()
                .flat_map(|s| &s.commands)
                .all(|c| CHECKS.contains(&c.name()));
            if inspects_only {
                continue;
            }
            let command: String = ins
                .rest()
                .value
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let flags: Vec<&str> = ins.flags.iter().map(|f| f.text.as_str()).collect();
            let key = format!("{}\u{0}{command}", flags.join(" "));
            if let Some((_, line)) = seen.iter().find(|(k, _)| *k == key) {
                cx.report(
                    ins.head_span(input.text),
                    format!("this RUN repeats the RUN at line {line} exactly"),
                )
                .help("remove the copy, or change it to do what was intended");
            } else {
                seen.push((key, ins.line));
            }
        }
    }
}
