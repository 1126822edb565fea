use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds consecutive `RUN` instructions (with the same flags, each a short command list) that could be one.
    ///
    /// ## Why is this bad?
    /// Each RUN is a layer: more layers, more metadata, and files deleted in a later RUN still ship in
    /// the earlier one. Short consecutive steps usually belong together.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN adduser -D app
    /// RUN mkdir -p /srv/app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN adduser -D app && mkdir -p /srv/app
    /// ```
    ///
    /// ## References
    /// - hadolint DL3059
    pub static RULE = {
        code: "DF055",
        name: "consecutive-run",
        severity: Info,
        aliases: ["DL3059"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let instructions = &input.df.instructions;
    let small = |j: usize| {
        input.scripts[j]
            .iter()
            .map(|s| s.commands.len())
            .sum::<usize>()
            <= 2
    };
    let mut previous: Option<usize> = None;
    for (i, ins) in instructions.iter().enumerate() {
        if ins.keyword != Keyword::Run {
            previous = None;
            continue;
        }
        if let Some(p) = previous {
            let same_flags = instructions[p]
                .flags
                .iter()
                .map(|f| &f.text)
                .eq(ins.flags.iter().map(|f| &f.text));
            if same_flags && small(p) && small(i) {
                cx.report(
                    ins.head_span(input.text),
                    format!(
                        "this RUN follows the RUN at line {} and could be merged with it",
                        instructions[p].line
                    ),
                )
                .help(
                    if ins.heredocs().is_empty() && instructions[p].heredocs().is_empty() {
                        "join the commands with `&&` in one RUN"
                    } else {
                        // A heredoc script is lines, not a `&&` chain: merging means one script.
                        "put both scripts into one `RUN <<EOF` heredoc, one command per line"
                    },
                );
            }
        }
        previous = Some(i);
    }
}
