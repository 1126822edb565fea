//! Compose specifics below the rules: variable interpolation as Compose does it, the project
//! `.env` file, and a view of the services in a parsed file.

use crate::diagnostic::Span;
use crate::syntax::yaml::Node;

/// Variables for interpolation: the project `.env` (or `--env-file`).
#[derive(Clone, Debug, Default)]
pub struct Env {
    /// Name to value; a name set twice keeps its last value, as in Compose. Hashed: a `.env` of
    /// 100,000 lines is looked up once per line and per use.
    vars: foldhash::HashMap<String, String>,
}

impl Env {
    /// The variables of a `.env` file as Compose reads it (see [`crate::kinds::dotenv`]); a
    /// bare `KEY` takes its value from the shell, unknown here, and is left out.
    pub fn parse(text: &str) -> Env {
        let mut env = Env::default();
        for v in crate::kinds::dotenv::parse(text).vars {
            if !v.inherited {
                env.set(v.name, v.value);
            }
        }
        env
    }

    /// Sets `name` (over an earlier value).
    pub fn set(&mut self, name: String, value: String) {
        self.vars.insert(name, value);
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }
}

/// A variable reference found while interpolating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub name: String,
    /// Byte range of the whole `${...}` / `$NAME` inside the interpolated string.
    pub range: (usize, usize),
    /// A default (`:-`, `-`) or an alternative (`:+`, `+`) applies, or `?` makes it required.
    pub has_default: bool,
    pub required_message: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterpolationError {
    pub range: (usize, usize),
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Interpolated {
    pub value: String,
    /// Variables neither in the environment nor given a default: the first
    /// [`MAX_RECORDED_REFERENCES`] of one string.
    pub unresolved: Vec<Reference>,
    /// The first [`MAX_RECORDED_ERRORS`] of one string.
    pub errors: Vec<InterpolationError>,
    /// Unresolved references and errors past those limits, counted only.
    pub unrecorded: usize,
    /// A substitution would have made the value longer than [`MAX_INTERPOLATED_LEN`]: it was
    /// left out, so the value is not what Compose makes.
    pub truncated: bool,
    /// The string contained any substitution at all.
    pub substituted: bool,
}

/// Unresolved references one string records; a hostile 10 MB value holds two million (each
/// costs ~80 bytes), a real one a handful.
pub const MAX_RECORDED_REFERENCES: usize = 10_000;
/// The longest interpolated value: substitutions past it are left out (and
/// [`Interpolated::truncated`] says so). `.env` lines that each repeat the one before
/// (`B=${A}${A}`) double at every line, and a line of many references to a long value multiplies
/// it; real values are a few hundred bytes.
pub const MAX_INTERPOLATED_LEN: usize = 64 * 1024;

/// Appends a substituted value, unless the result would pass [`MAX_INTERPOLATED_LEN`].
fn substitute(value: &mut String, substituted: &str, out: &mut Interpolated) {
    if value.len() + substituted.len() > MAX_INTERPOLATED_LEN {
        out.truncated = true;
    } else {
        value.push_str(substituted);
    }
}

/// Interpolation errors one string records (rules report at most 100 of a kind per file).
pub const MAX_RECORDED_ERRORS: usize = 1_000;

impl Interpolated {
    fn record_unresolved(&mut self, reference: Reference) {
        if self.unresolved.len() < MAX_RECORDED_REFERENCES {
            self.unresolved.push(reference);
        } else {
            self.unrecorded += 1;
        }
    }

    fn record_error(&mut self, range: (usize, usize), message: impl FnOnce() -> String) {
        if self.errors.len() < MAX_RECORDED_ERRORS {
            self.errors.push(InterpolationError {
                range,
                message: message(),
            });
        } else {
            self.unrecorded += 1;
        }
    }
}

/// Interpolates one string the way Compose does: `$VAR`, `${VAR}`, `${VAR:-default}`,
/// `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, nested
/// expressions in defaults, `$$` for a literal `$`. A `$` followed by anything else is kept as
/// written (`$(date)`, `$5`); a malformed `${...}` is an error, as in `docker compose config`.
pub fn interpolate(text: &str, env: &Env) -> Interpolated {
    let mut out = Interpolated::default();
    interpolate_into(text, 0, env, &mut out, 0);
    out
}

fn interpolate_into(text: &str, base: usize, env: &Env, out: &mut Interpolated, depth: usize) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut value = String::with_capacity(text.len());
    while i < b.len() {
        if b[i] != b'$' {
            let ch = text[i..].chars().next().unwrap_or(' ');
            value.push(ch);
            i += ch.len_utf8();
            continue;
        }
        out.substituted = true;
        match b.get(i + 1) {
            Some(b'$') => {
                value.push('$');
                i += 2;
            }
            Some(b'{') => {
                let Some(close) = matching_brace(b, i + 1) else {
                    out.record_error((base + i, base + text.len()), || {
                        "`${` is never closed with `}`".into()
                    });
                    value.push_str(&text[i..]);
                    break;
                };
                let inner = &text[i + 2..close];
                let name_len = inner
                    .bytes()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
                    .count();
                let name = &inner[..name_len];
                let rest = &inner[name_len..];
                let range = (base + i, base + close + 1);
                if name.is_empty() || name.as_bytes()[0].is_ascii_digit() {
                    out.record_error(range, || {
                        format!(
                            "`${{{inner}}}` is not a valid variable: names start with a letter or `_`"
                        )
                    });
                    i = close + 1;
                    continue;
                }
                let op = ["?", ":?", ":-", "-", ":+", "+"]
                    .iter()
                    .filter(|op| rest.starts_with(**op))
                    .max_by_key(|op| op.len())
                    .copied();
                if op.is_none() && !rest.is_empty() {
                    out.record_error(range, || {
                        format!(
                            "`${{{inner}}}`: Compose supports only `:-`, `-`, `:?`, `?`, `:+` and `+` after a variable name"
                        )
                    });
                    i = close + 1;
                    continue;
                }
                let arg = op.map_or("", |op| &rest[op.len()..]);
                let arg_base = base + i + 2 + name_len + op.map_or(0, str::len);
                let current = env.get(name);
                let set_nonempty = current.is_some_and(|v| !v.is_empty());
                let mut reference = Reference {
                    name: name.to_string(),
                    range,
                    has_default: op.is_some(),
                    required_message: None,
                };
                let resolved = match op {
                    Some(":-") if !set_nonempty => Some(expand_arg(arg, arg_base, env, out, depth)),
                    Some("-") if current.is_none() => {
                        Some(expand_arg(arg, arg_base, env, out, depth))
                    }
                    Some(":+") => Some(if set_nonempty {
                        expand_arg(arg, arg_base, env, out, depth)
                    } else {
                        String::new()
                    }),
                    Some("+") => Some(if current.is_some() {
                        expand_arg(arg, arg_base, env, out, depth)
                    } else {
                        String::new()
                    }),
                    Some(":?" | "?") => {
                        reference.has_default = false;
                        reference.required_message = Some(arg.to_string());
                        None
                    }
                    _ => None,
                };
                match (resolved, current) {
                    (Some(v), _) => substitute(&mut value, &v, out),
                    (None, Some(v)) => substitute(&mut value, v, out),
                    (None, None) => out.record_unresolved(reference),
                }
                i = close + 1;
            }
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                let len = text[i + 1..]
                    .bytes()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
                    .count();
                let name = &text[i + 1..i + 1 + len];
                match env.get(name) {
                    Some(v) => substitute(&mut value, v, out),
                    None => out.record_unresolved(Reference {
                        name: name.to_string(),
                        range: (base + i, base + i + 1 + len),
                        has_default: false,
                        required_message: None,
                    }),
                }
                i += 1 + len;
            }
            // Not a name, a brace or `$`: Compose keeps the `$` (`$(date)`, `$5`, `a $ b`).
            _ => {
                value.push('$');
                i += 1;
            }
        }
    }
    if depth == 0 {
        out.value = value;
    } else {
        out.value.push_str(&value);
    }
}

fn expand_arg(arg: &str, base: usize, env: &Env, out: &mut Interpolated, depth: usize) -> String {
    if depth > 8 || !arg.contains('$') {
        return arg.to_string();
    }
    let mut nested = Interpolated::default();
    interpolate_into(arg, base, env, &mut nested, depth + 1);
    out.unrecorded += nested.unrecorded;
    out.truncated |= nested.truncated;
    for e in nested.errors {
        out.record_error(e.range, || e.message);
    }
    for r in nested.unresolved {
        out.record_unresolved(r);
    }
    nested.value
}

fn matching_brace(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Maps a byte range inside a scalar's value to the source, when the scalar is written so that
/// its value stands verbatim in the text (plain or quoted without escapes); else the whole node.
pub fn value_span(text: &str, node: &Node, range: (usize, usize)) -> Span {
    ValueSpans::new(text, node).span(range)
}

/// [`value_span`] for many ranges of one scalar: the value is found in the text once (finding
/// it per range was quadratic: a command of 40,000 `${A}` took 24 s).
pub struct ValueSpans {
    node: Span,
    /// Where the value stands verbatim in the text, and its length.
    value: Option<(usize, usize)>,
}

impl ValueSpans {
    pub fn new(text: &str, node: &Node) -> ValueSpans {
        let value = node.as_str().filter(|v| !v.is_empty()).and_then(|value| {
            let raw = &text[node.span.start.min(text.len())..node.span.end.min(text.len())];
            raw.find(value)
                .map(|offset| (node.span.start + offset, value.len()))
        });
        ValueSpans {
            node: node.span,
            value,
        }
    }

    pub fn span(&self, range: (usize, usize)) -> Span {
        match self.value {
            Some((start, len)) if range.1 <= len => Span::new(start + range.0, start + range.1),
            _ => self.node,
        }
    }
}

/// A service of the file: its name, the key node and the definition.
#[derive(Clone, Copy)]
pub struct Service<'a> {
    pub name: &'a str,
    pub key: &'a Node,
    pub node: &'a Node,
}

/// The services of a Compose document (empty when `services` is absent or not a mapping).
pub fn services(root: &Node) -> Vec<Service<'_>> {
    root.get("services")
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .filter_map(|e| {
            Some(Service {
                name: e.key.as_str()?,
                key: &e.key,
                node: &e.value,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Env {
        Env::parse("A=1\nEMPTY=\nexport B='two words'\nC=\"x\\ny\" # c\nD=plain # comment\n")
    }

    #[test]
    fn dotenv() {
        let e = env();
        assert_eq!(e.get("A"), Some("1"));
        assert_eq!(e.get("B"), Some("two words"));
        assert_eq!(e.get("C"), Some("x\ny"));
        assert_eq!(e.get("D"), Some("plain"));
        assert_eq!(e.get("EMPTY"), Some(""));
    }

    #[test]
    fn forms() {
        let e = env();
        let v = |s: &str| interpolate(s, &e).value;
        assert_eq!(v("$A-${A}"), "1-1");
        assert_eq!(v("${EMPTY:-d}|${EMPTY-d}"), "d|");
        assert_eq!(v("${NOPE:-${A:-x}}"), "1");
        assert_eq!(v("${A:+alt}${NOPE:+alt}"), "alt");
        assert_eq!(v("$$A costs $$5"), "$A costs $5");
        let r = interpolate("image: ${REPO}:${TAG:-latest} $X", &e);
        let names: Vec<&str> = r.unresolved.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["REPO", "X"]);
        assert_eq!(r.unresolved[0].range, (7, 14));
        assert!(
            interpolate("${NOPE:?set it}", &e).unresolved[0]
                .required_message
                .is_some()
        );
    }

    #[test]
    fn malformed() {
        let e = env();
        for bad in ["${A", "${}", "${1A}", "${A/x/y}"] {
            assert!(!interpolate(bad, &e).errors.is_empty(), "{bad}");
        }
        for literal in ["cost: $5", "a $ b", "echo $(date)"] {
            let r = interpolate(literal, &e);
            assert!(r.errors.is_empty(), "{literal}");
            assert_eq!(r.value, literal);
        }
        assert!(interpolate("${A:-}", &e).errors.is_empty());
    }
}
