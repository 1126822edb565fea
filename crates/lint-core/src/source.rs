//! Files as rlint sees them: what kind a path is, and byte offsets <-> line/column.

use serde::Serialize;

/// The kinds of file rlint understands. Detection is by path first (see [`FileKind::from_path`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    Dockerfile,
    Dockerignore,
    Compose,
    Buildspec,
    Travis,
    Circleci,
    GithubWorkflow,
    GithubAction,
    Dockerrun,
    EcsTaskDefinition,
    Dotenv,
    DaemonJson,
}

impl FileKind {
    pub const ALL: [FileKind; 12] = [
        Self::Dockerfile,
        Self::Dockerignore,
        Self::Compose,
        Self::Buildspec,
        Self::Travis,
        Self::Circleci,
        Self::GithubWorkflow,
        Self::GithubAction,
        Self::Dockerrun,
        Self::EcsTaskDefinition,
        Self::Dotenv,
        Self::DaemonJson,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dockerfile => "dockerfile",
            Self::Dockerignore => "dockerignore",
            Self::Compose => "compose",
            Self::Buildspec => "buildspec",
            Self::Travis => "travis",
            Self::Circleci => "circleci",
            Self::GithubWorkflow => "github-workflow",
            Self::GithubAction => "github-action",
            Self::Dockerrun => "dockerrun",
            Self::EcsTaskDefinition => "ecs-task-definition",
            Self::Dotenv => "dotenv",
            Self::DaemonJson => "daemon-json",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether this build has rules for the kind (the others are recognised, then skipped).
    pub fn is_linted(self) -> bool {
        crate::kinds::get(self).lint.is_some()
    }

    /// The kind a path's name suggests without settling it (`Dockerfile-old`, `Dockerfile.j2`):
    /// the content decides, as [`crate::lint_text`] does for a file [`FileKind::from_path`]
    /// leaves open. A walker reads such files; it skips names that suggest nothing.
    pub fn maybe_from_path(path: &str) -> Option<Self> {
        crate::kinds::maybe_by_name(path)
    }

    /// Whether the name ends in the extension of a source, data or document format
    /// (`dockerfile.go`, `Dockerfile.json`): such a file is never linted by its name alone.
    pub fn is_other_format(path: &str) -> bool {
        let lower = path
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(path)
            .to_ascii_lowercase();
        lower
            .rsplit_once('.')
            .is_some_and(|(_, e)| crate::kinds::dockerfile::FOREIGN_EXTENSIONS.contains(&e))
    }

    /// Detects a kind from a path (either separator). `None` when the name says nothing, or
    /// does not settle it (see [`FileKind::maybe_from_path`]).
    pub fn from_path(path: &str) -> Option<Self> {
        crate::kinds::by_name(path)
    }
}

impl FileKind {
    /// The kind a text unmistakably is, whatever its name: a Dockerfile (its first line that is
    /// not blank, a comment or a parser directive is a `FROM` or an `ARG`, as BuildKit requires)
    /// or a Compose file (a top-level `services:` mapping; Travis's `services:` list is not one).
    /// `None` for anything less certain: the name decides then.
    pub fn from_content(text: &str) -> Option<Self> {
        let lines: Vec<&str> = text
            .lines()
            .map(|l| l.trim_end_matches('\r'))
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect();
        let mut words = lines.first()?.split_whitespace();
        let instruction = words.next().unwrap_or("");
        if (instruction.eq_ignore_ascii_case("from") || instruction.eq_ignore_ascii_case("arg"))
            && words.next().is_some()
        {
            return Some(Self::Dockerfile);
        }
        let (i, rest) = lines.iter().enumerate().find_map(|(i, l)| {
            l.strip_prefix("services:")
                .map(|rest| (i, rest.trim_start()))
        })?;
        let mapping = if rest.is_empty() || rest.starts_with('#') {
            // Block style: the first entry is an indented `name:` key, not a `- item`.
            lines.get(i + 1).is_some_and(|next| {
                next.starts_with([' ', '\t'])
                    && !next.trim_start().starts_with('-')
                    && next.contains(':')
            })
        } else {
            rest.starts_with('{')
        };
        mapping.then_some(Self::Compose)
    }
}

/// Line/column lookups for one text. Lines are 1-based; columns are 1-based and count Unicode
/// scalar values (or UTF-16 code units for browsers and LSP).
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Offsets as `u32` (rlint reads files up to [`MAX_FILE_BYTES`]), reserved exactly: a 10 MB
    /// file of blank lines needed 134 MB for a `usize` list grown by doubling, now 42 MB. A
    /// text past 4 GiB is indexed up to there.
    line_starts: Vec<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(memchr_newlines(text.as_bytes()).count() + 1);
        line_starts.push(0);
        line_starts
            .extend(memchr_newlines(text.as_bytes()).map_while(|i| u32::try_from(i + 1).ok()));
        Self { line_starts }
    }

    fn start(&self, line0: usize) -> usize {
        self.line_starts[line0] as usize
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s as usize <= offset) - 1
    }

    pub fn line_start(&self, line0: usize) -> usize {
        self.start(line0.min(self.line_starts.len() - 1))
    }

    /// 1-based line and column (in chars) of a byte offset; offsets inside a char round down.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line0 = self.line_of(offset);
        let start = self.start(line0);
        LineCol {
            line: line0 + 1,
            column: text[start..offset].chars().count() + 1,
        }
    }

    /// 1-based line and column in UTF-16 code units (what editors and browsers count).
    pub fn line_col_utf16(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line0 = self.line_of(offset);
        let start = self.start(line0);
        LineCol {
            line: line0 + 1,
            column: text[start..offset].encode_utf16().count() + 1,
        }
    }

    /// The byte offset of a 1-based line and char column (clamped to the line).
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let line0 = line.saturating_sub(1).min(self.line_starts.len() - 1);
        let start = self.start(line0);
        let end = self
            .line_starts
            .get(line0 + 1)
            .map_or(text.len(), |&next| next as usize - 1);
        text[start..end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(end, |(i, _)| start + i)
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .map(|(i, _)| i)
}

pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The largest file rlint lints; larger ones get a diagnostic instead of a parse.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Why a file's bytes are not lintable text, with the byte offset it was found at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputProblem {
    Binary { offset: usize },
    InvalidUtf8 { offset: usize },
    TooLarge { size: usize },
}

/// Decodes bytes as UTF-8 text, refusing binary files (a NUL byte in the first 8 KiB) and huge ones.
pub fn decode(bytes: &[u8]) -> Result<&str, InputProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(InputProblem::TooLarge { size: bytes.len() });
    }
    if let Some(offset) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(InputProblem::Binary { offset });
    }
    std::str::from_utf8(bytes).map_err(|e| InputProblem::InvalidUtf8 {
        offset: e.valid_up_to(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_content() {
        let cases = [
            ("FROM alpine:3.20\nRUN true\n", Some(FileKind::Dockerfile)),
            (
                "# syntax=docker/dockerfile:1\n\n# base\narg BASE=alpine\nFROM $BASE\n",
                Some(FileKind::Dockerfile),
            ),
            ("\r\nFROM\talpine\r\n", Some(FileKind::Dockerfile)),
            (
                "version: \"3\"\nservices:\n  web:\n    image: nginx\n",
                Some(FileKind::Compose),
            ),
            (
                "# app\nservices: # all of them\n\n  # the API\n  api:\n    build: .\n",
                Some(FileKind::Compose),
            ),
            ("services: {web: {image: nginx}}\n", Some(FileKind::Compose)),
            // Travis lists its services; a nested `services:` is not top-level.
            ("language: node_js\nservices:\n  - docker\n", None),
            ("jobs:\n  build:\n    services:\n      db: {}\n", None),
            ("FROM: not an instruction\n", None),
            ("RUN make\n", None),
            ("FROM\n", None),
            ("", None),
        ];
        for (text, kind) in cases {
            assert_eq!(FileKind::from_content(text), kind, "{text:?}");
        }
    }

    #[test]
    fn kinds_from_paths() {
        let cases = [
            ("Dockerfile", Some(FileKind::Dockerfile)),
            ("a/b/Containerfile", Some(FileKind::Dockerfile)),
            ("react.Dockerfile.dev", Some(FileKind::Dockerfile)),
            ("Dockerfile.dev", Some(FileKind::Dockerfile)),
            ("api.dockerfile", Some(FileKind::Dockerfile)),
            ("docs/Dockerfile.md", None),
            // Code and data about Dockerfiles are not Dockerfiles, whatever their stem says.
            ("fuzz/fuzz_targets/dockerfile.rs", None),
            ("parser/dockerfile.go", None),
            ("dockerfile.py", None),
            ("schemas/Dockerfile.json", None),
            ("src/dockerfile-utils.ts", None),
            // Names that may be one: the content decides.
            ("Dockerfile-alpine", None),
            ("Dockerfile.j2", None),
            ("base_dockerfile", None),
            ("Dockerfile.alpine", Some(FileKind::Dockerfile)),
            ("dev.Containerfile", Some(FileKind::Dockerfile)),
            ("Dockerfile.dockerignore", Some(FileKind::Dockerignore)),
            (".dockerignore", Some(FileKind::Dockerignore)),
            ("compose.yaml", Some(FileKind::Compose)),
            ("docker-compose.prod.yml", Some(FileKind::Compose)),
            ("rails.docker-compose.yml", Some(FileKind::Compose)),
            ("buildspec.yml", Some(FileKind::Buildspec)),
            (".travis.yml", Some(FileKind::Travis)),
            ("react-test.travis.yml", Some(FileKind::Travis)),
            (".circleci/config.yml", Some(FileKind::Circleci)),
            (
                "x/.github/workflows/ci.yaml",
                Some(FileKind::GithubWorkflow),
            ),
            ("Dockerrun.aws.json", Some(FileKind::Dockerrun)),
            ("daemon.json", Some(FileKind::DaemonJson)),
            ("/etc/docker/daemon.json", Some(FileKind::DaemonJson)),
            ("docker-daemon.json", Some(FileKind::DaemonJson)),
            // Names that may be one leave it to the content.
            ("prod.daemon.json", None),
            ("docker/daemon-prod.json", None),
            ("daemon.js", None),
            ("src/daemon.json.ts", None),
            (".env", Some(FileKind::Dotenv)),
            ("app/.env.production", Some(FileKind::Dotenv)),
            ("api.env", Some(FileKind::Dotenv)),
            (".env.example", Some(FileKind::Dotenv)),
            (".envrc", None),
            (".env.js", None),
            ("src/main.rs", None),
            ("config.yml", None),
        ];
        for (path, kind) in cases {
            assert_eq!(FileKind::from_path(path), kind, "{path}");
        }
    }

    #[test]
    fn names_that_leave_the_kind_to_the_content() {
        for path in [
            "Dockerfile-alpine",
            "ci/Dockerfile.template",
            "base_dockerfile",
            "Dockerfile.orig",
            "app-containerfile",
        ] {
            assert_eq!(
                FileKind::maybe_from_path(path),
                Some(FileKind::Dockerfile),
                "{path}"
            );
        }
        for path in [
            "Dockerfile",
            "Dockerfile.dev",
            "dockerfile.go",
            "dockerfile_test.go",
            "Dockerfile.json",
            "README.md",
            "dockerfiles",
        ] {
            assert_eq!(FileKind::maybe_from_path(path), None, "{path}");
        }
    }

    #[test]
    fn line_columns_count_chars_and_utf16() {
        let text = "ab\n한국어 x\r\nlast";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), LineCol { line: 2, column: 5 });
        assert_eq!(idx.line_col_utf16(text, x).column, 5);
        assert_eq!(
            idx.line_col(text, text.len()),
            LineCol { line: 3, column: 5 }
        );
        assert_eq!(idx.offset(text, 2, 5), x);
        // an offset inside a multi-byte char rounds down instead of panicking
        assert_eq!(idx.line_col(text, 4).column, 1);
    }

    #[test]
    fn decode_reports_positions() {
        assert_eq!(decode(b"FROM a\n"), Ok("FROM a\n"));
        assert_eq!(decode(b"FR\0M"), Err(InputProblem::Binary { offset: 2 }));
        assert_eq!(
            decode(b"FROM \xff"),
            Err(InputProblem::InvalidUtf8 { offset: 5 })
        );
    }
}
