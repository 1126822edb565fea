use super::helpers;
use crate::rule::{Context, DockerignoreInput};
use crate::secrets;

crate::declare_rule! {
    /// ## What it does
    /// Finds secrets in the build context that no pattern excludes, when the Dockerfile beside
    /// the ignore file copies the whole context into the image.
    ///
    /// A whole-context copy is `COPY` or `ADD` with the source `.` in the final stage or a stage
    /// it builds on (`COPY . .`, `ADD . /app`). The secrets looked for: `.env` files (not `.env.example` and
    /// other templates), private keys (`id_rsa`, `*.pem` and `*.key` that hold a `PRIVATE KEY`),
    /// `.aws/credentials`, `.ssh/`, Rails' `config/master.key`, and `.npmrc`/`.pypirc` that hold
    /// a literal token or password.
    ///
    /// Only files that are there are reported: the check needs the Dockerfile and a view of the
    /// context (the CLI reads both; the page uses its open tabs), and is quiet without them.
    /// When a file's text can be read, it must hold a credential (a `.env` with only
    /// `NODE_ENV=production` is not reported; a `cert.pem` without a private key neither).
    /// Only the context's top folder is searched for `*.pem` and `*.key`. A `COPY` of a single
    /// file the ignore file excludes is the Dockerfile rule DF096.
    ///
    /// ## Why is this bad?
    /// The secret is stored in an image layer: everyone who can pull the image can read it, and
    /// deleting it in a later step does not remove it from the earlier layer.
    ///
    /// ## Example
    /// ```dockerignore
    /// node_modules
    /// ```
    /// ```dockerfile
    /// FROM node:22-alpine
    /// WORKDIR /app
    /// COPY . .
    /// ```
    /// ```files
    /// id_rsa
    /// package.json
    /// ```
    ///
    /// ## Use instead
    /// ```dockerignore
    /// node_modules
    /// id_rsa
    /// ```
    ///
    /// ## Fix safety
    /// Adding the path to the ignore file is unsafe: a build step may read the file (it should
    /// get it with `RUN --mount=type=secret` instead).
    ///
    /// ## References
    /// - [Docker docs: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    /// - [Docker docs: build secrets](https://docs.docker.com/build/building/secrets/)
    pub static RULE = {
        code: "DI003",
        name: "dockerignore-secret-not-excluded",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Dockerignore(check),
    }
}

/// `.env` files that are templates, not secrets.
const TEMPLATES: [&str; 6] = ["example", "sample", "template", "dist", "defaults", "tpl"];

/// Paths that are secrets whenever they exist.
const ALWAYS: [&str; 8] = [
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    ".ssh",
    ".aws/credentials",
    "config/master.key",
    ".env",
];

/// What a file's text must show for it to be reported, when the text can be read.
fn holds_secret(path: &str, text: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name == ".env" || name.starts_with(".env.") {
        return crate::kinds::dotenv::parse(text).vars.iter().any(|v| {
            secrets::find_secret(&v.value).is_some()
                || (crate::rules::dockerfile::secret_in_arg_or_env_name::looks_secret(&v.name)
                    && !v.value.is_empty()
                    && !secrets::is_secret_reference(&v.name, &v.value)
                    && !secrets::looks_like_placeholder(&v.value, &[]))
        });
    }
    if name == ".npmrc" || name == ".pypirc" {
        return text.lines().any(|l| {
            let l = l.trim();
            [
                "_authToken=",
                "_auth=",
                "_password=",
                "password=",
                "password:",
            ]
            .iter()
            .any(|k| {
                l.split_once(k).is_some_and(|(_, v)| {
                    let v = v.trim();
                    !v.is_empty() && !v.contains("${")
                })
            })
        });
    }
    if name.ends_with(".ssh") || name == "master.key" || name == "credentials" {
        return true;
    }
    text.contains("PRIVATE KEY")
}

/// The secrets to look for: the fixed paths, and what the context's top folder lists.
fn candidates(files: &dyn crate::Files) -> Vec<String> {
    let mut out: Vec<String> = ALWAYS.iter().map(|p| p.to_string()).collect();
    out.extend([".npmrc", ".pypirc"].map(String::from));
    for name in files.list("").unwrap_or_default() {
        let lower = name.to_ascii_lowercase();
        let env = lower
            .strip_prefix(".env.")
            .is_some_and(|rest| !TEMPLATES.iter().any(|t| rest.contains(t)));
        let key = [".pem", ".key", ".p12", ".pfx"]
            .iter()
            .any(|e| lower.ends_with(e));
        if (env || key) && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn check(input: &DockerignoreInput<'_>, cx: &mut Context<'_>) {
    let Some((copy, files)) = helpers::context_copy(input) else {
        return;
    };
    for path in candidates(files) {
        if !files.exists(&path) || input.ignore.excluded_by(&path).is_some() {
            continue;
        }
        let always = ALWAYS.contains(&path.as_str()) || path.ends_with(".key");
        let secret = match files.read(&path) {
            Some(text) => holds_secret(&path, &text),
            None => always,
        };
        if !secret {
            continue;
        }
        cx.report(
            helpers::file_span(input),
            format!(
                "`{path}` holds a secret and is not excluded: {} copies it into the image",
                helpers::copy_label(copy)
            ),
        )
        .help(format!(
            "add `{path}` to .dockerignore; a build step that needs it can mount it with `RUN --mount=type=secret`"
        ))
        .fix(helpers::append(input.text, &path));
    }
}
