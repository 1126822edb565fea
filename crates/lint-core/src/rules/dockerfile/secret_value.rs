use crate::diagnostic::mask_secret;
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds credentials written into the Dockerfile: `ENV`/`ARG`/`LABEL` values and RUN text that
    /// match known formats (AWS access key ids, GitHub, GitLab, npm, Docker Hub, Slack and Stripe tokens,
    /// private key blocks, URLs with `user:password@`). The secret is masked in every message.
    ///
    /// Demo values are not reported: documentation example tokens (`AKIAIOSFODNN7EXAMPLE`,
    /// `ghp_xxxx...`), URL passwords that are placeholders (`postgres://postgres:postgres@db`,
    /// `amqp://guest:guest@`, `${PASSWORD}`, values under 8 characters or made of demo words such
    /// as `changeme` and `mysecretpassword`), public key blocks and key fingerprints
    /// (`ENV GPG_KEY A035C8C1...`). A literal password under a secret-looking name
    /// (`ENV DB_PASSWORD=...`) is reported by DF067 instead, at warning: one finding per problem.
    ///
    /// ## Why is this bad?
    /// Everything in a Dockerfile ends up in the image history and in version control: anyone who can
    /// pull the image or read the repository can use the credential. Rotate it, then pass it at build
    /// time with `RUN --mount=type=secret`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV AWS_ACCESS_KEY_ID=AKIA2E0A8F3B244C9986
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN --mount=type=secret,id=aws,target=/root/.aws/credentials aws s3 ls
    /// ```
    ///
    /// ## References
    /// - Trivy DS031, KICS Secrets Stored in Dockerfile; [Build secrets](https://docs.docker.com/build/building/secrets/)
    pub static RULE = {
        code: "DF086",
        name: "secret-value",
        severity: Error,
        aliases: ["DS031"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

/// DC012 finds the same credentials in Compose files through this path.
pub use crate::secrets::find_secret;

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        let texts: Vec<&crate::syntax::dockerfile::Word> = match ins.keyword {
            Keyword::Env | Keyword::Label => ins.pairs().iter().map(|p| &p.value).collect(),
            Keyword::Arg | Keyword::Run | Keyword::Cmd | Keyword::Entrypoint => vec![ins.rest()],
            _ => continue,
        };
        for word in texts {
            let Some((what, range)) = find_secret(&word.value) else {
                continue;
            };
            let secret = &word.value[range.clone()];
            let span = if ins.keyword == Keyword::Run || word.span.len() != word.value.len() {
                ins.rest_span(range.start, range.end)
            } else {
                crate::Span::new(word.span.start + range.start, word.span.start + range.end)
            };
            cx.report(
                span,
                format!(
                    "{what} `{}` is written into the Dockerfile",
                    mask_secret(secret)
                ),
            )
            .help("revoke it, then pass it at build time with `RUN --mount=type=secret,id=...`")
            .secret();
        }
    }
}
