use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Reports a Dockerfile longer than rlint reads — 100,000 lines; `dockerfile-line-limit` in
    /// `rlint.toml` changes the number — once, at the first line left out: the lines from there
    /// on are not parsed or checked.
    ///
    /// ## Why is this bad?
    /// It is not a defect of the file, only of what rlint could tell about it. No hand-written
    /// Dockerfile comes near the limit (the largest real ones have a few thousand lines, and a
    /// stage of more than about 125 layers does not build), so such a file is generated. Memory
    /// grows with every line kept: a 10 MB file of a million short lines would need half a
    /// gigabyte. rlint stays bounded on any input, and says what it left out rather than letting
    /// a partial check read as "no problems".
    ///
    /// ## Example
    /// ```toml
    /// dockerfile-line-limit = 3
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo 1
    /// RUN echo 2
    /// RUN echo 3
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// dockerfile-line-limit = 4
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo 1
    /// RUN echo 2
    /// RUN echo 3
    /// ```
    ///
    /// ## References
    /// - [Docker: maximum depth of the layer chain](https://docs.docker.com/engine/storage/drivers/overlayfs-driver/)
    pub static RULE = {
        code: "DF102",
        name: "file-too-long",
        severity: Info,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let Some(cut) = input.df.truncated else {
        return;
    };
    let end = input.text[cut.start..]
        .find('\n')
        .map_or(input.text.len(), |i| cut.start + i);
    cx.report(
        crate::Span::new(cut.start, end),
        format!(
            "rlint read the first {} lines of this Dockerfile; {} not checked",
            cut.line - 1,
            super::this_and_after(cut.lines_left.saturating_sub(1))
        ),
    )
    .help("a Dockerfile this long is generated: lint the generator's template, split the output, or raise `dockerfile-line-limit` in rlint.toml (memory grows with it)");
}
