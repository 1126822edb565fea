//! `.dockerignore`: which paths are left out of the build context (moby's pattern matcher
//! semantics: `*`, `?`, `[...]` within a path segment, `**` across segments, `!` exceptions, the
//! last matching pattern wins, and an ignored directory ignores everything under it).

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as written (without `!`).
    pub text: String,
    pub exception: bool,
    /// 1-based line in the .dockerignore.
    pub line: usize,
    parts: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DockerIgnore {
    pub patterns: Vec<Pattern>,
}

fn clean(path: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
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

impl DockerIgnore {
    pub fn parse(text: &str) -> DockerIgnore {
        let mut patterns = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (exception, body) = match line.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let parts = clean(body);
            if parts.is_empty() {
                continue;
            }
            patterns.push(Pattern {
                text: body.to_string(),
                exception,
                line: i + 1,
                parts,
            });
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
                Some((b'^' | b'!', class)) => (true, class),
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
