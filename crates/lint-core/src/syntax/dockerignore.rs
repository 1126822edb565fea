//! `.dockerignore`: which paths are left out of the build context (moby's pattern matcher
//! semantics: `*`, `?`, `[...]` within a path segment, `**` across segments, `!` exceptions, the
//! last matching pattern wins, and an ignored directory ignores everything under it).

use crate::diagnostic::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as written (without `!`).
    pub text: String,
    pub exception: bool,
    /// 1-based line in the .dockerignore.
    pub line: usize,
    /// The line in the file, `!` included.
    pub span: Span,
    parts: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DockerIgnore {
    pub patterns: Vec<Pattern>,
}

fn clean(path: &str) -> Vec<String> {
    // One slot a segment (a first push reserves four).
    let mut out: Vec<String> = Vec::with_capacity(path.matches('/').count() + 1);
    for part in path.trim().trim_start_matches('/').split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p.to_string()),
        }
    }
    out
}

/// One pattern line as BuildKit's reader (moby/patternmatcher `ignorefile.ReadAll`) yields it:
/// a line is a comment only when `#` is its first character, blanks are dropped, the rest is
/// trimmed, and a leading `!` marks an exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The trimmed line, `!` included.
    pub span: Span,
    pub exception: bool,
    /// The pattern after `!`, trimmed; empty for a lone `!`.
    pub body: &'a str,
    /// 1-based line.
    pub line: usize,
}

/// Every pattern line of a `.dockerignore`, in order.
pub fn entries(text: &str) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = if i == 0 {
            raw.strip_prefix('\u{feff}').unwrap_or(raw)
        } else {
            raw
        };
        let lead = raw.len() - line.len();
        if line.starts_with('#') {
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let at = start + lead + (line.len() - line.trim_start().len());
        let (exception, body) = match trimmed.strip_prefix('!') {
            Some(rest) => (true, rest.trim()),
            None => (false, trimmed),
        };
        out.push(Entry {
            span: Span::new(at, at + trimmed.len()),
            exception,
            body,
            line: i + 1,
        });
    }
    out
}

/// Why BuildKit refuses a pattern (the build stops before any step runs), as Go's
/// `filepath.Match` judges it on Linux: a `[` class left open or empty, a range with a missing
/// end, a `\` with nothing after it. `None` for a valid pattern.
pub fn pattern_error(pattern: &str) -> Option<&'static str> {
    let b = pattern.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                if i + 1 >= b.len() {
                    return Some("a `\\` at the end escapes nothing");
                }
                i += 2;
            }
            b'[' => {
                i += 1;
                if b.get(i) == Some(&b'^') {
                    i += 1;
                }
                let mut ranges = 0;
                loop {
                    match b.get(i) {
                        None => return Some("a `[` class is never closed with `]`"),
                        Some(b']') if ranges > 0 => {
                            i += 1;
                            break;
                        }
                        Some(b']') => return Some("a `[` class is empty: `]` cannot come first"),
                        Some(b'-') => return Some("a range in `[...]` has no start"),
                        _ => {}
                    }
                    const OPEN: &str = "a `[` class is never closed with `]`";
                    let Some(next) = class_char(b, i) else {
                        return Some(OPEN);
                    };
                    i = next;
                    if b.get(i) == Some(&b'-') {
                        match b.get(i + 1) {
                            None | Some(b']') | Some(b'-') => {
                                return Some("a range in `[...]` has no end");
                            }
                            _ => match class_char(b, i + 1) {
                                Some(next) => i = next,
                                None => return Some(OPEN),
                            },
                        }
                    }
                    ranges += 1;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The index after one (possibly escaped) character of a class; `None` at the pattern's end.
fn class_char(b: &[u8], i: usize) -> Option<usize> {
    let mut i = i;
    if b.get(i) == Some(&b'\\') {
        i += 1;
    }
    let c = *b.get(i)?;
    // One whole UTF-8 character.
    let len = match c {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    };
    Some(i + len)
}

impl DockerIgnore {
    pub fn parse(text: &str) -> DockerIgnore {
        let entries = entries(text);
        // Reserved once: collected through a filter, the list grew by doubling (a 10 MB file
        // peaked at twice what it held, copied on the way).
        let mut patterns = Vec::with_capacity(entries.len());
        for e in entries {
            let parts = clean(e.body);
            if !parts.is_empty() {
                patterns.push(Pattern {
                    text: e.body.to_string(),
                    exception: e.exception,
                    line: e.line,
                    span: e.span,
                    parts,
                });
            }
        }
        DockerIgnore { patterns }
    }

    pub fn has_exceptions(&self) -> bool {
        self.patterns.iter().any(|p| p.exception)
    }

    /// The pattern that excludes `path` from the context, if any (the last match decides).
    pub fn excluded_by(&self, path: &str) -> Option<&Pattern> {
        let path = clean(path);
        if path.is_empty() {
            // The context root is left out only by a pattern that leaves out every name, and
            // an exception brings something back.
            if self.has_exceptions() {
                return None;
            }
            return self
                .patterns
                .iter()
                .find(|p| matches!(p.parts.as_slice(), [one] if one.bytes().all(|b| b == b'*')));
        }
        let mut verdict = None;
        for p in &self.patterns {
            let hit = (1..=path.len()).any(|k| match_parts(&p.parts, &path[..k]));
            if hit {
                verdict = (!p.exception).then_some(p);
            }
        }
        verdict
    }
}

/// Whether a COPY/ADD source pattern (or `--exclude` pattern) selects `path` of the build
/// context: it matches the path itself or a directory above it (a directory source copies
/// everything under it). `.` and `/` select every path.
pub fn selects(pattern: &str, path: &str) -> bool {
    Selector::new(pattern).selects(&path_parts(path))
}

/// A path's segments as the matcher compares them (`./a//b/` -> `a`, `b`).
pub fn path_parts(path: &str) -> Vec<String> {
    clean(path)
}

/// A COPY source pattern ready to test many paths ([`selects`] without re-reading it).
#[derive(Clone, Debug)]
pub struct Selector(Vec<String>);

impl Selector {
    pub fn new(pattern: &str) -> Selector {
        Selector(clean(pattern))
    }

    /// Whether the pattern selects the path with these [`path_parts`].
    pub fn selects(&self, path: &[String]) -> bool {
        self.0.is_empty() || (1..=path.len()).any(|k| match_parts(&self.0, &path[..k]))
    }
}

impl Pattern {
    /// Whether this pattern excludes everything `other` matches, by the patterns alone: it
    /// matches a parent of every path `other` names (its leading segments), or `other` itself
    /// segment for segment, where a segment of `*`s or `**` covers any, and any other covers
    /// the same text or a literal segment it matches.
    pub fn covers(&self, other: &Pattern) -> bool {
        (1..=other.parts.len()).any(|k| cover_parts(&self.parts, &other.parts[..k]))
    }

    /// The pattern's path segments, cleaned as BuildKit cleans them.
    pub fn parts(&self) -> &[String] {
        &self.parts
    }
}

fn is_literal(segment: &str) -> bool {
    !segment.contains(['*', '?', '[', '\\'])
}

fn cover_parts(pattern: &[String], other: &[String]) -> bool {
    match pattern.split_first() {
        None => other.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=other.len()).any(|k| cover_parts(rest, &other[k..]))
        }
        Some((first, rest)) => match other.split_first() {
            Some((segment, other_rest)) => {
                (first == segment
                    || first.bytes().all(|b| b == b'*')
                    || (is_literal(segment) && glob(first.as_bytes(), segment.as_bytes())))
                    && cover_parts(rest, other_rest)
            }
            None => false,
        },
    }
}

fn match_parts(pattern: &[String], path: &[String]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=path.len()).any(|k| match_parts(rest, &path[k..]))
        }
        Some((first, rest)) => match path.split_first() {
            Some((segment, path_rest)) => {
                glob(first.as_bytes(), segment.as_bytes()) && match_parts(rest, path_rest)
            }
            None => false,
        },
    }
}

/// `*`, `?`, `[abc]`, `[a-z]`, `[^x]` and `\` escapes within one segment.
fn glob(p: &[u8], s: &[u8]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|k| glob(rest, &s[k..])),
        Some((b'?', rest)) => !s.is_empty() && glob(rest, &s[1..]),
        Some((b'[', rest)) => {
            let Some(close) = rest.iter().position(|&c| c == b']') else {
                return s.first() == Some(&b'[') && glob(rest, &s[1..]);
            };
            let Some(&c) = s.first() else { return false };
            let (negate, class) = match rest[..close].split_first() {
                // Go's regexp negates with `^` only: `[!x]` is a class of `!` and `x`.
                Some((b'^', class)) => (true, class),
                _ => (false, &rest[..close]),
            };
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == b'-' {
                    hit |= class[i] <= c && c <= class[i + 2];
                    i += 3;
                } else {
                    hit |= class[i] == c;
                    i += 1;
                }
            }
            hit != negate && glob(&rest[close + 1..], &s[1..])
        }
        Some((b'\\', rest)) if !rest.is_empty() => {
            s.first() == Some(&rest[0]) && glob(&rest[1..], &s[1..])
        }
        Some((c, rest)) => s.first() == Some(c) && glob(rest, &s[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moby_semantics() {
        let ig = DockerIgnore::parse(
            "# comment\nnode_modules\n*.md\n!README.md\nsecrets/**\n/build\n**/*.log\n",
        );
        assert!(ig.excluded_by("node_modules/x/index.js").is_some());
        assert!(ig.excluded_by("CHANGES.md").is_some());
        assert!(ig.excluded_by("README.md").is_none(), "the exception wins");
        assert!(
            ig.excluded_by("docs/guide.md").is_none(),
            "*.md matches the top level only"
        );
        assert_eq!(ig.excluded_by("secrets/a/b.pem").map(|p| p.line), Some(5));
        assert!(ig.excluded_by("./build/out").is_some());
        assert!(ig.excluded_by("a/b/c.log").is_some());
        assert!(ig.excluded_by("src/main.rs").is_none());
        assert!(ig.has_exceptions());
        assert!(glob(b"[a-c]?.txt", b"b1.txt") && !glob(b"[^a-c]?.txt", b"b1.txt"));
    }

    #[test]
    fn entries_follow_buildkits_reader() {
        let text = "\u{feff}# c\n  # not a comment\n\n ! keep \n!\n";
        let e = entries(text);
        assert_eq!(e.len(), 3);
        assert_eq!(
            (e[0].body, e[0].exception, e[0].line),
            ("# not a comment", false, 2)
        );
        assert_eq!((e[1].body, e[1].exception), ("keep", true));
        assert_eq!(&text[e[1].span.start..e[1].span.end], "! keep");
        assert_eq!((e[2].body, e[2].exception), ("", true));
    }

    #[test]
    fn invalid_patterns_as_go_judges_them() {
        for bad in ["[", "a[b", "[]a]", "[a-]", "[-a]", "[^]", "a\\", "[\\"] {
            assert!(pattern_error(bad).is_some(), "{bad}");
        }
        for good in ["*.md", "[a-c]?", "[^x]", "\\*", "]x]", "**/x", "[\\]]"] {
            assert_eq!(pattern_error(good), None, "{good}");
        }
    }

    #[test]
    fn coverage_is_by_the_patterns_alone() {
        let ig =
            DockerIgnore::parse("!README.md\n*.md\n!docs/a\ndocs\n!README*.md\nREADME-secret.md\n");
        let p = &ig.patterns;
        assert!(p[1].covers(&p[0]));
        assert!(
            p[3].covers(&p[2]),
            "a parent directory covers what is under it"
        );
        assert!(!p[5].covers(&p[4]), "one README is not every README");
        assert!(DockerIgnore::parse("*\n").patterns[0].covers(&p[4]));
    }

    #[test]
    fn star_excludes_everything_and_wildcard_sources_match_as_written() {
        let all = DockerIgnore::parse("*\n");
        for path in ["Dockerfile", "src/main.rs", ".", "./", "*.txt", "src/*"] {
            assert!(all.excluded_by(path).is_some(), "{path}");
        }
        let md = DockerIgnore::parse("*.md\n.*\n");
        assert!(md.excluded_by("*.md").is_some());
        assert!(md.excluded_by("*").is_none(), "not every file is a .md");
        assert!(
            md.excluded_by(".").is_none(),
            "`.*` leaves out dot files, not the context"
        );
        let with_exception = DockerIgnore::parse("*\n!src\n");
        assert!(with_exception.excluded_by("src/main.rs").is_none());
        assert!(with_exception.excluded_by(".").is_none());
    }
}
