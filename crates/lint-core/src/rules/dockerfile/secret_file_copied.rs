use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `COPY`/`ADD` of files that hold credentials: `.env`, `id_rsa`/`id_ed25519`, `*.pem`,
    /// `*.key`, `*.p12`, `.npmrc`, `.pypirc`, `.netrc`, `.aws/credentials`, `.docker/config.json`,
    /// `.git-credentials`, `credentials.json`.
    ///
    /// ## Why is this bad?
    /// A file copied into a layer stays in the image forever, even if a later step deletes it:
    /// `docker save` or any registry pull exposes it. Mount it for the one step that needs it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// COPY .npmrc /root/.npmrc
    /// RUN npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    /// ```
    ///
    /// ## References
    /// - Trivy DS031; [Build secrets](https://docs.docker.com/build/building/secrets/)
    pub static RULE = {
        code: "DF087",
        name: "secret-file-copied",
        severity: Error,
        aliases: ["DS031"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

const NAMES: [&str; 12] = [
    ".env",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    ".npmrc",
    ".pypirc",
    ".netrc",
    ".git-credentials",
    "credentials.json",
    "credentials",
    ".htpasswd",
];
const EXTENSIONS: [&str; 5] = [".pem", ".key", ".p12", ".pfx", ".jks"];

fn is_secret_file(path: &str) -> bool {
    let name = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    NAMES.contains(&lower.as_str())
        || (lower.starts_with(".env.")
            && !lower.ends_with(".example")
            && !lower.ends_with(".sample"))
        || EXTENSIONS.iter().any(|e| lower.ends_with(e))
        || path.ends_with(".aws/credentials")
        || path.ends_with(".docker/config.json")
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        if !matches!(ins.keyword, Keyword::Copy | Keyword::Add)
            || ins.flag("from").is_some()
            || ins.args.len() < 2
        {
            continue;
        }
        for source in &ins.args[..ins.args.len() - 1] {
            if is_secret_file(&source.value) {
                cx.report(source.span, format!("`{}` holds credentials and stays in the image layer forever", source.value))
                    .help("mount it for the step that needs it: `RUN --mount=type=secret,id=...,target=...`");
            }
        }
    }
}
