use crate::rule::{Context, DockerfileInput};

crate::declare_rule! {
    /// ## What it does
    /// Says where rlint stopped analysing the shell of a Dockerfile's RUN instructions: it
    /// analyses the first 5,000 RUNs of a file (`shell-analysis-limit` in `rlint.toml` changes
    /// the number). The RUNs after that are checked by the instruction rules only, so the rules
    /// that read commands (package pins, `cd`, pipes, `sudo`, downloads...) say nothing about
    /// them. Reported once, at the first RUN left out, with how many there are. A RUN longer than
    /// 128 KiB is not analysed either (one 10 MB RUN of five million words took 1.2 GB), and is
    /// reported on its own.
    ///
    /// ## Why is this bad?
    /// It is not a defect of the file, only of what rlint could tell about it: the analysis of a
    /// RUN is kept while every rule reads it, so a generated file of hundreds of thousands of RUN
    /// lines would take gigabytes of memory. Real Dockerfiles have tens of RUNs (the largest of
    /// the corpus rlint is tested on has 36); a file past the limit is almost always generated,
    /// and a silent partial check would read as "no problems".
    ///
    /// ## Example
    /// ```toml
    /// shell-analysis-limit = 2
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r2
    /// RUN curl -fsSL -o /tmp/a https://example.com/a
    /// RUN sha256sum /tmp/a
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// shell-analysis-limit = 3
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r2
    /// RUN curl -fsSL -o /tmp/a https://example.com/a
    /// RUN sha256sum /tmp/a
    /// ```
    ///
    /// Or split the generated file, or raise the limit for it in `rlint.toml`.
    ///
    /// ## References
    /// - rlint (BENCHMARKS.md, "Hostile input": the memory the limit bounds)
    pub static RULE = {
        code: "DF100",
        name: "shell-analysis-limit",
        severity: Info,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        if let Some(run) = crate::kinds::dockerfile::run_of(ins)
            && crate::kinds::dockerfile::too_long_to_analyse(run)
        {
            cx.report(
                ins.keyword_word.span,
                format!(
                    "this RUN is {} KiB: rlint analyses the shell of RUNs up to {} KiB, so it is checked by the instruction rules only",
                    run.span.len() / 1024,
                    crate::kinds::dockerfile::MAX_ANALYSED_RUN_BYTES / 1024
                ),
            )
            .help("a script this long belongs in a file of its own: `COPY build.sh /tmp/` and `RUN sh /tmp/build.sh`, which shell linters can check");
        }
    }
    let Some((first, total)) =
        crate::kinds::dockerfile::shell_analysis_cut(input.model, input.shell_limit)
    else {
        return;
    };
    let Some(ins) = input.df.instructions.get(first) else {
        return;
    };
    let after = total - input.shell_limit - 1;
    let which = super::this_and_after(after);
    cx.report(
        ins.keyword_word.span,
        format!(
            "rlint analysed the shell of the first {} of this file's {total} RUN instructions; {which} checked by the instruction rules only",
            input.shell_limit
        ),
    )
    .help("a Dockerfile this long is usually generated: split it, or raise `shell-analysis-limit` in rlint.toml to analyse every RUN (memory grows with it)");
}
