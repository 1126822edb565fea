//! Builder-side variable expansion with BuildKit's shell-lexer semantics: quotes, the escape token,
//! `$v`, `${v}`, `${v:-w}`, `${v-w}`, `${v:+w}`, `${v+w}`, `${v:?m}`, `${v?m}`, `${v#p}`, `${v##p}`,
//! `${v%p}`, `${v%%p}`, `${v/p/r}`, `${v//p/r}` (patterns with `*` and `?`).

/// The longest value a word expands to. Values that refer to each other can double at every step
/// (`ARG A1=${A0}${A0}`, 26 lines make 128 MiB); past this length the word is left unexpanded and
/// the variable that overflowed is counted as unknown, so rules treat the value as one they cannot
/// know (and stay quiet) instead of guessing from a truncated one.
pub const MAX_EXPANDED_LEN: usize = 64 * 1024;

/// What expanding a word produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expansion {
    pub value: String,
    /// Variables referenced whose value is not known (no default anywhere): the result is a guess.
    pub unknown: Vec<String>,
    /// Every variable referenced, in order.
    pub used: Vec<String>,
}

/// A variable lookup: `Some(Some(v))` known value, `Some(None)` declared without value (known to
/// exist, value given at build time), `None` never declared.
pub type Lookup<'a> = &'a dyn Fn(&str) -> Option<Option<String>>;

pub fn expand(word: &str, escape: char, lookup: Lookup<'_>) -> Result<Expansion, String> {
    let chars: Vec<char> = word.chars().collect();
    let mut lx = Lexer {
        chars,
        pos: 0,
        escape,
        lookup,
        out: Expansion::default(),
        substituted: 0,
    };
    let value = lx.process(None)?;
    lx.out.value = if lx.substituted > MAX_EXPANDED_LEN {
        word.to_string()
    } else {
        value
    };
    Ok(lx.out)
}

struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    escape: char,
    lookup: Lookup<'a>,
    out: Expansion,
    /// Bytes of variable values substituted so far; past [`MAX_EXPANDED_LEN`] no more are.
    substituted: usize,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.pos += usize::from(c.is_some());
        c
    }

    /// Processes until `stop` (not consumed) or the end.
    fn process(&mut self, stop: Option<char>) -> Result<String, String> {
        let mut result = String::new();
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                return Ok(result);
            }
            match c {
                '\'' => result.push_str(&self.single_quote()?),
                '"' => result.push_str(&self.double_quote()?),
                '$' => result.push_str(&self.dollar()?),
                c if c == self.escape => {
                    self.next();
                    if let Some(n) = self.next() {
                        result.push(n);
                    }
                }
                c => {
                    self.next();
                    result.push(c);
                }
            }
        }
        if stop.is_some() {
            return Err("syntax error: missing '}'".into());
        }
        Ok(result)
    }

    fn single_quote(&mut self) -> Result<String, String> {
        self.next();
        let mut s = String::new();
        loop {
            match self.next() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching single-quote"
                            .into(),
                    );
                }
                Some('\'') => return Ok(s),
                Some(c) => s.push(c),
            }
        }
    }

    fn double_quote(&mut self) -> Result<String, String> {
        self.next();
        let mut s = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching double-quote"
                            .into(),
                    );
                }
                Some('"') => {
                    self.next();
                    return Ok(s);
                }
                Some('$') => s.push_str(&self.dollar()?),
                Some(c) if c == self.escape => {
                    self.next();
                    match self.peek() {
                        Some(n) if n == '"' || n == '$' || n == self.escape => {
                            self.next();
                            s.push(n);
                        }
                        _ => s.push(c),
                    }
                }
                Some(c) => {
                    self.next();
                    s.push(c);
                }
            }
        }
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                name.push(c);
                self.next();
            } else {
                break;
            }
        }
        name
    }

    /// The value of `name`: `None` when it is not known, or when substituting it would make the
    /// word longer than [`MAX_EXPANDED_LEN`] (then it counts as unknown).
    fn value_of(&mut self, name: &str) -> Option<String> {
        self.out.used.push(name.to_string());
        let value = match (self.lookup)(name) {
            Some(Some(v)) => v,
            _ => return None,
        };
        self.substituted = self.substituted.saturating_add(value.len());
        if self.substituted > MAX_EXPANDED_LEN {
            self.mark_unknown(name);
            return None;
        }
        Some(value)
    }

    fn mark_unknown(&mut self, name: &str) {
        if !self.out.unknown.iter().any(|n| n == name) {
            self.out.unknown.push(name.to_string());
        }
    }

    fn dollar(&mut self) -> Result<String, String> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".into());
            }
            let value = self.value_of(&name);
            if value.is_none() {
                self.mark_unknown(&name);
            }
            return Ok(value.unwrap_or_default());
        }
        self.next();
        let name = self.name();
        if name.is_empty() {
            return Err("bad substitution: missing variable name".into());
        }
        let value = self.value_of(&name);
        let op = self.next();
        match op {
            Some('}') => {
                if value.is_none() {
                    self.mark_unknown(&name);
                }
                Ok(value.unwrap_or_default())
            }
            Some(':') => {
                let modifier = self.next();
                let word = self.process(Some('}'))?;
                self.next();
                let set_non_empty = value.as_deref().is_some_and(|v| !v.is_empty());
                match modifier {
                    Some('-') => Ok(if set_non_empty {
                        value.unwrap_or_default()
                    } else {
                        word
                    }),
                    Some('+') => Ok(if set_non_empty { word } else { String::new() }),
                    Some('?') => {
                        if set_non_empty {
                            Ok(value.unwrap_or_default())
                        } else if self.declared(&name) {
                            self.mark_unknown(&name);
                            Ok(String::new())
                        } else {
                            Err(format!(
                                "{name}: {}",
                                if word.is_empty() {
                                    "is not allowed to be unset"
                                } else {
                                    &word
                                }
                            ))
                        }
                    }
                    other => Err(format!(
                        "unsupported modifier ({}) in substitution",
                        other.map(String::from).unwrap_or_default()
                    )),
                }
            }
            Some(m @ ('-' | '+' | '?')) => {
                let word = self.process(Some('}'))?;
                self.next();
                let set = value.is_some() || self.declared(&name);
                match m {
                    '-' => Ok(if set {
                        if value.is_none() {
                            self.mark_unknown(&name);
                        }
                        value.unwrap_or_default()
                    } else {
                        word
                    }),
                    '+' => Ok(if set { word } else { String::new() }),
                    _ => {
                        if set {
                            if value.is_none() {
                                self.mark_unknown(&name);
                            }
                            Ok(value.unwrap_or_default())
                        } else {
                            Err(format!(
                                "{name}: {}",
                                if word.is_empty() {
                                    "is not allowed to be unset"
                                } else {
                                    &word
                                }
                            ))
                        }
                    }
                }
            }
            Some(m @ ('#' | '%')) => {
                let longest = self.peek() == Some(m);
                if longest {
                    self.next();
                }
                let pattern = self.process(Some('}'))?;
                self.next();
                if value.is_none() {
                    self.mark_unknown(&name);
                }
                let v = value.unwrap_or_default();
                Ok(if m == '#' {
                    trim_prefix(&v, &pattern, longest)
                } else {
                    trim_suffix(&v, &pattern, longest)
                })
            }
            Some('/') => {
                let all = self.peek() == Some('/');
                if all {
                    self.next();
                }
                let pattern = self.process_until(&['/', '}'])?;
                let replacement = if self.peek() == Some('/') {
                    self.next();
                    self.process(Some('}'))?
                } else {
                    String::new()
                };
                self.next();
                if value.is_none() {
                    self.mark_unknown(&name);
                }
                Ok(replace(
                    &value.unwrap_or_default(),
                    &pattern,
                    &replacement,
                    all,
                ))
            }
            Some(c) => Err(format!("unsupported modifier ({c}) in substitution")),
            None => Err("syntax error: missing '}'".into()),
        }
    }

    fn process_until(&mut self, stops: &[char]) -> Result<String, String> {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if stops.contains(&c) {
                return Ok(s);
            }
            if c == '$' {
                s.push_str(&self.dollar()?);
            } else if c == self.escape {
                self.next();
                s.extend(self.next());
            } else {
                self.next();
                s.push(c);
            }
        }
        Err("syntax error: missing '}'".into())
    }

    fn declared(&self, name: &str) -> bool {
        (self.lookup)(name).is_some()
    }
}

/// Shell glob (`*`, `?`, `\x`) match of a whole string.
fn glob_match(pattern: &[char], text: &[char]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some(('*', rest)) => (0..=text.len()).any(|i| glob_match(rest, &text[i..])),
        Some(('?', rest)) => !text.is_empty() && glob_match(rest, &text[1..]),
        Some(('\\', rest)) if !rest.is_empty() => {
            text.first() == Some(&rest[0]) && glob_match(&rest[1..], &text[1..])
        }
        Some((c, rest)) => text.first() == Some(c) && glob_match(rest, &text[1..]),
    }
}

fn trim_prefix(value: &str, pattern: &str, longest: bool) -> String {
    let v: Vec<char> = value.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    let mut ends: Box<dyn Iterator<Item = usize>> = if longest {
        Box::new((0..=v.len()).rev())
    } else {
        Box::new(0..=v.len())
    };
    ends.find(|&i| glob_match(&p, &v[..i]))
        .map_or_else(|| value.to_string(), |i| v[i..].iter().collect())
}

fn trim_suffix(value: &str, pattern: &str, longest: bool) -> String {
    let v: Vec<char> = value.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    let mut starts: Box<dyn Iterator<Item = usize>> = if longest {
        Box::new(0..=v.len())
    } else {
        Box::new((0..=v.len()).rev())
    };
    starts
        .find(|&i| glob_match(&p, &v[i..]))
        .map_or_else(|| value.to_string(), |i| v[..i].iter().collect())
}

fn replace(value: &str, pattern: &str, replacement: &str, all: bool) -> String {
    let v: Vec<char> = value.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    if p.is_empty() {
        return value.to_string();
    }
    let mut out = String::new();
    let mut i = 0;
    let mut replaced = false;
    while i < v.len() {
        let hit = if all || !replaced {
            (i + 1..=v.len()).rev().find(|&j| glob_match(&p, &v[i..j]))
        } else {
            None
        };
        match hit {
            Some(j) => {
                out.push_str(replacement);
                i = j;
                replaced = true;
            }
            None => {
                out.push(v[i]);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<Option<String>> {
        match name {
            "IMG" => Some(Some("ubuntu".into())),
            "TAG" => Some(None),
            "EMPTY" => Some(Some(String::new())),
            "PATH_V" => Some(Some("/usr/local/bin:/usr/bin".into())),
            _ => None,
        }
    }

    fn x(word: &str) -> String {
        expand(word, '\\', &env).unwrap().value
    }

    #[test]
    fn plain_and_braced() {
        assert_eq!(x("$IMG:1"), "ubuntu:1");
        assert_eq!(x("${IMG}x"), "ubuntux");
        assert_eq!(x("'$IMG'"), "$IMG");
        assert_eq!(x("\"$IMG\""), "ubuntu");
        assert_eq!(x("\\$IMG"), "$IMG");
        assert_eq!(x("a$"), "a$");
    }

    #[test]
    fn modifiers() {
        assert_eq!(x("${NOPE:-debian}"), "debian");
        assert_eq!(x("${EMPTY:-d}"), "d");
        assert_eq!(x("${EMPTY-d}"), "");
        assert_eq!(x("${IMG:+set}"), "set");
        assert_eq!(x("${NOPE+set}"), "");
        assert_eq!(x("${PATH_V#*:}"), "/usr/bin");
        assert_eq!(x("${PATH_V##*/}"), "bin");
        assert_eq!(x("${PATH_V%:*}"), "/usr/local/bin");
        assert_eq!(x("${PATH_V%%/*}"), "");
        assert_eq!(x("${IMG/u/U}"), "Ubuntu");
        assert_eq!(x("${IMG//u/U}"), "UbUntU");
        assert_eq!(x("${NOPE:-${IMG}}"), "ubuntu");
    }

    #[test]
    fn values_past_the_cap_are_unknown() {
        let big = "x".repeat(MAX_EXPANDED_LEN / 2 + 1);
        let lookup = |name: &str| (name == "BIG").then(|| Some(big.clone()));
        let once = expand("${BIG}", '\\', &lookup).unwrap();
        assert_eq!((once.value.len(), once.unknown.len()), (big.len(), 0));
        let twice = expand("a${BIG}${BIG:-d}", '\\', &lookup).unwrap();
        assert_eq!(twice.value, "a${BIG}${BIG:-d}", "left unexpanded");
        assert_eq!(twice.unknown, ["BIG"]);
    }

    #[test]
    fn unknown_and_errors() {
        let e = expand("alpine:$TAG", '\\', &env).unwrap();
        assert_eq!(e.unknown, ["TAG"]);
        assert!(expand("${NOPE:?must be set}", '\\', &env).is_err());
        assert!(expand("${IMG", '\\', &env).is_err());
        assert!(expand("${IMG:#x}", '\\', &env).is_err());
        assert!(expand("'open", '\\', &env).is_err());
    }
}
