use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::dockerfile::words::unquote_path;

crate::declare_rule! {
    /// ## What it does
    /// Finds `ADD` of local files or directories that are not archives, also by a glob that names
    /// only another kind of file (`ADD *.txt /docs/`; `ADD dist/*` may match archives, which ADD
    /// tells by content, so it is left alone). Plain files beside an archive in one `ADD` are
    /// reported at warning and without a fix: only they should move to a `COPY`.
    ///
    /// ## Why is this bad?
    /// `ADD` has extra behaviour: it downloads URLs and unpacks local tar archives. Using it for
    /// plain files hides that magic from readers (a file that later becomes a `.tar.gz` is suddenly
    /// unpacked). `COPY` does exactly one thing.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ADD app.py /app/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY app.py /app/
    /// ```
    ///
    /// ## Fix safety
    /// Replacing `ADD` by `COPY` is safe for local non-archive sources; rlint offers it only then,
    /// and only without ADD-only flags. Plain files beside an archive get no fix: the instruction
    /// has to be split, and which destination each part takes is the author's choice.
    ///
    /// ## References
    /// - [Dockerfile reference: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    /// - hadolint DL3020
    pub static RULE = {
        code: "DF016",
        name: "add-instead-of-copy",
        severity: Error,
        aliases: ["DL3020"],
        fix: Sometimes,
        default: true,
        check: Dockerfile(check),
    }
}

/// Names ADD may unpack: it extracts local tar archives, plain or compressed with gzip, bzip2,
/// xz or zstd (recognised by content, so a bare `.gz` may be one). Zip files are copied as they
/// are, so `ADD app.zip` is a plain copy.
const ARCHIVES: [&str; 11] = [
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".gz", ".bz2",
    ".xz",
];

/// What one ADD source needs ADD for.
#[derive(PartialEq)]
enum Source {
    /// A URL or Git repository (ADD downloads it), or a variable (unknown).
    Remote,
    /// An archive ADD may unpack, or a glob that may match one (`*`, `*.tgz`).
    Archive,
    /// A local file or folder that ADD only copies (`app.txt`, `src/`, `*.txt`).
    Plain,
}

fn classify(src: &str) -> Source {
    let lower = src.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("git@") || lower.contains('$') {
        return Source::Remote;
    }
    if ARCHIVES.iter().any(|ext| lower.ends_with(ext)) {
        return Source::Archive;
    }
    // A glob matches archives unless what follows its last `*` names another kind of file.
    if let Some(star) = lower.rfind(['*', '?', '[']) {
        let tail = &lower[star + 1..];
        if !tail.contains('.') || tail.ends_with('*') {
            return Source::Archive;
        }
    }
    Source::Plain
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        if ins.keyword != Keyword::Add || ins.args.len() < 2 {
            continue;
        }
        let sources = &ins.args[..ins.args.len() - 1];
        // BuildKit removes quotes before it looks at a source (`ADD "app.tgz" /app`).
        let unquoted = |s: &crate::syntax::dockerfile::Word| {
            if ins.json {
                s.value.clone()
            } else {
                unquote_path(&s.value, input.df.escape)
            }
        };
        let kinds: Vec<Source> = sources.iter().map(|s| classify(&unquoted(s))).collect();
        if kinds.contains(&Source::Remote) || !kinds.contains(&Source::Plain) {
            continue;
        }
        if kinds.contains(&Source::Archive) {
            // Archives beside plain files: ADD is needed for the archives only.
            let plain: Vec<&str> = sources
                .iter()
                .zip(&kinds)
                .filter(|(_, k)| **k == Source::Plain)
                .map(|(s, _)| s.value.as_str())
                .collect();
            cx.report(
                ins.keyword_word.span,
                format!(
                    "ADD only copies {}: the archives beside it are what need ADD",
                    plain.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
                ),
            )
            .help("copy the plain files with their own COPY, and keep ADD for the archives it unpacks")
            .at_most(crate::Severity::Warning);
            continue;
        }
        let add_only = ins
            .flags
            .iter()
            .any(|f| matches!(f.name(), "checksum" | "keep-git-dir" | "unpack"));
        let d = cx.report(
            ins.keyword_word.span,
            "ADD of local files: use COPY, which does not download or unpack anything".to_string(),
        );
        d.help("replace ADD with COPY");
        if !add_only {
            d.fix(Fix::safe(
                "replace ADD with COPY",
                vec![Edit::replace(
                    ins.keyword_word.span,
                    super::same_case(&ins.keyword_word.value, "COPY"),
                )],
            ));
        }
    }
}
