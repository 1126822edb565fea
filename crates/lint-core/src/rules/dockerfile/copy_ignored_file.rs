use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `COPY`/`ADD` sources that the build context's `.dockerignore` excludes (read from
    /// `<Dockerfile>.dockerignore` or `.dockerignore` beside the Dockerfile). Like BuildKit, it stays
    /// quiet when the `.dockerignore` has `!` exceptions, checks wildcard sources as written
    /// (`*.txt` is reported when a pattern such as `*` or `*.txt` covers it), and skips `--from`,
    /// URL, git and heredoc sources. The context root (`COPY . .`) is reported only when a pattern
    /// excludes every name (`*`, `**`): BuildKit also reports it for `.*`, which only hides dot
    /// files.
    ///
    /// ## Why is this bad?
    /// An excluded file is not sent to the builder: the COPY fails with "not found", or a directory
    /// is copied without the files the application needs.
    ///
    /// ## Example
    /// ```dockerignore
    /// config/local.yml
    /// ```
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY config/local.yml /etc/app/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY config/defaults.yml /etc/app/
    /// ```
    ///
    /// ## References
    /// - BuildKit CopyIgnoredFile
    pub static RULE = {
        code: "DF096",
        name: "copy-ignored-file",
        severity: Warning,
        aliases: ["CopyIgnoredFile"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let Some(ignore) = input.dockerignore else {
        return;
    };
    if ignore.has_exceptions() {
        return;
    }
    for ins in &input.df.instructions {
        if !matches!(ins.keyword, Keyword::Copy | Keyword::Add)
            || ins.flag("from").is_some()
            || ins.args.len() < 2
        {
            continue;
        }
        let head = ins.head_span(input.text);
        for source in &ins.args[..ins.args.len() - 1] {
            let v = &source.value;
            // Remote and inline sources are not read from the context; a variable's value is not
            // known here.
            if v.contains("://") || v.starts_with("git@") || v.starts_with("<<") || v.contains('$')
            {
                continue;
            }
            if let Some(pattern) = ignore.excluded_by(v) {
                // On the instruction's line, where BuildKit reports it, pointing at the source
                // when it is written there.
                let at = if source.span.start < head.end {
                    source.span
                } else {
                    head
                };
                cx.report(at, format!("`{v}` is excluded by .dockerignore (`{}`, line {}): it is not in the build context", pattern.text, pattern.line))
                    .label(source.span, "excluded source")
                    .help("remove the pattern from .dockerignore, or stop copying the file");
            }
        }
    }
}
