use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `COPY`/`ADD` of files that hold credentials: `.env`, `id_rsa`/`id_ed25519`, `*.pem`,
    /// `*.key`, `*.p12`, `.npmrc`, `.pypirc`, `.netrc`, `.aws/credentials`, `.docker/config.json`,
    /// `.git-credentials`, `credentials.json`.
    ///
    /// Public key material is not a credential and is not reported: names that say so (`*pub*`,
    /// `*.asc`, `*.gpg`, `*.gpg.key`, certificates such as `ca.pem` or `fullchain.pem`), files
    /// copied into a keyring or trust store (`/usr/share/keyrings/`, `/etc/apt/trusted.gpg.d/`,
    /// `/etc/apt/keyrings/`, `/etc/pki/rpm-gpg/`, `/etc/apk/keys/`, CA certificate folders), and
    /// files a RUN imports as a signing key (`apt-key add`, `gpg --import`/`--dearmor`,
    /// `rpm --import`, also fed through a pipe: `cat repo.key | gpg --dearmor`).
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

/// Where public keys and CA certificates go.
const TRUST_STORES: [&str; 10] = [
    "/usr/share/keyrings/",
    "/etc/apt/trusted.gpg.d/",
    "/etc/apt/keyrings/",
    "/etc/pki/rpm-gpg/",
    "/etc/apk/keys/",
    "/usr/local/share/ca-certificates/",
    "/usr/share/ca-certificates/",
    "/etc/ssl/certs/",
    "/etc/pki/ca-trust/",
    "/etc/pki/tls/certs/",
];

/// A file name that says it is public: a public key, an armored or binary PGP key, a certificate.
fn is_public_material(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    const CERT_WORDS: [&str; 5] = ["cert", "ca.", "ca-", "chain", "bundle"];
    lower.contains("pub")
        || [".asc", ".gpg", ".gpg.key", ".crt", ".cer"]
            .iter()
            .any(|e| lower.ends_with(e))
        || (lower.ends_with(".pem") && CERT_WORDS.iter().any(|w| lower.contains(w)))
}

fn base_name(path: &str) -> &str {
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path)
}

/// Base names of the files RUNs import as signing keys, with what feeds them through a pipe.
fn imported_keys(input: &DockerfileInput<'_>) -> Vec<String> {
    let mut names = Vec::new();
    for script in super::runs(input).flat_map(|(_, _, scripts)| scripts) {
        for cmd in &script.commands {
            let imports = (cmd.is("apt-key") && cmd.subcommand() == Some("add"))
                || (cmd.is("gpg") && cmd.has_flag(&["--import", "--dearmor", "--dearmour"]))
                || (cmd.is("rpm") && cmd.has_flag(&["--import"]));
            if imports {
                let pipeline = script
                    .commands
                    .iter()
                    .filter(|c| c.pipeline == cmd.pipeline);
                names.extend(
                    pipeline
                        .flat_map(|c| c.operands())
                        .map(|w| base_name(&w.value).to_string()),
                );
            }
        }
    }
    names
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let imported = imported_keys(input);
    for ins in &input.df.instructions {
        if !matches!(ins.keyword, Keyword::Copy | Keyword::Add)
            || ins.flag("from").is_some()
            || ins.args.len() < 2
        {
            continue;
        }
        let dest = ins.args[ins.args.len() - 1].value.as_str();
        if TRUST_STORES.iter().any(|t| dest.starts_with(t)) {
            continue;
        }
        for source in &ins.args[..ins.args.len() - 1] {
            let name = base_name(&source.value);
            if is_secret_file(&source.value)
                && !is_public_material(name)
                && !imported.iter().any(|k| k == name)
            {
                cx.report(source.span, format!("`{}` holds credentials and stays in the image layer forever", source.value))
                    .help("mount it for the step that needs it: `RUN --mount=type=secret,id=...,target=...`");
            }
        }
    }
}
