//! `.env` files as Compose reads them (compose-go's `dotenv` parser): `KEY=value` or
//! `KEY: value`, an optional `export `, `#` comment lines, ` #` comments after unquoted values,
//! single-quoted values taken as written, double-quoted values over several lines with escapes
//! and `${VAR}` interpolation, and a bare `KEY` taking its value from the environment. The rules
//! are in `rules::dotenv`; pragmas are `# rlint ignore=` comments as in YAML.

use super::{Kind, Name, NameMatch};
use crate::diagnostic::{Diagnostic, Span};
use crate::rule::{Check, DotenvInput};
use crate::source::FileKind;
use crate::syntax::compose::{Env, interpolate};
use crate::{Config, Related, rules, suppress};

pub static KIND: Kind = Kind {
    kind: FileKind::Dotenv,
    by_name,
    by_content: None,
    lint: Some(lint),
    pragma: "# rlint ignore=CODE (own line: the next line; end of an unquoted value: that line), \
             # rlint global ignore=CODE",
};

/// Extensions after `.env.` that make the file something else (`.env.js`, `.env.json`).
const OTHER_FORMATS: [&str; 12] = [
    "js", "mjs", "cjs", "ts", "json", "yml", "yaml", "toml", "py", "rb", "sh", "go",
];

/// `.env`, `.env.local`, `.env.production`, `.env.example` (a template has the same syntax and
/// is committed, so a real key pasted into it matters most), and `*.env` (Compose `env_file:`
/// files such as `api.env`). Not `.envrc` (direnv runs it as a shell script) nor `.env.js`.
fn by_name(name: &Name<'_>) -> NameMatch {
    let n = name.lower;
    let dotted = n
        .strip_prefix(".env.")
        .is_some_and(|rest| !rest.is_empty() && !OTHER_FORMATS.contains(&rest));
    if n == ".env" || dotted || (n.ends_with(".env") && n.len() > 4) {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// One variable of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub name: String,
    pub name_span: Span,
    /// The value as Compose sets it (quotes removed, escapes and `${VAR}` of earlier lines
    /// applied); empty for a bare `KEY`.
    pub value: String,
    /// Where the value is written, quotes included.
    pub value_span: Span,
    /// `'` or `"` when the value is quoted.
    pub quote: Option<char>,
    /// A bare `KEY`: the value comes from the environment Compose runs in.
    pub inherited: bool,
}

/// What Compose refuses, where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub help: &'static str,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub vars: Vec<Var>,
    /// Compose stops at the first; rlint reads on after it so each line is judged.
    pub errors: Vec<SyntaxError>,
    /// Bytes that interpolation added to values so far (see [`MAX_EXPANDED_BYTES`]).
    expanded: usize,
}

/// The most interpolation may add to a file's values, in all: past it values are kept as
/// written. A line that repeats the one before (`K2=${K1}x`) grows each value by a little and
/// the file by the square of its lines: 650,000 such lines took 24 GB.
pub const MAX_EXPANDED_BYTES: usize = 16 * 1024 * 1024;

/// compose-go's `isSpace`: blanks that are not a line break.
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

fn is_key_char(c: char) -> bool {
    matches!(c, '_' | '.' | '-' | '[' | ']') || c.is_alphanumeric()
}

fn line_end(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |i| from + i)
}

fn skip(text: &str, mut i: usize, f: impl Fn(char) -> bool) -> usize {
    while let Some(c) = text[i..].chars().next().filter(|&c| f(c)) {
        i += c.len_utf8();
    }
    i
}

/// Parses a `.env` file the way Compose does.
pub fn parse(text: &str) -> Parsed {
    let mut out = Parsed::default();
    // At most one variable a line, reserved once: grown by doubling, the list of a 10 MB file
    // reserved twice what it held and copied itself on the way (184 MB at its peak).
    out.vars
        .reserve_exact(text.bytes().filter(|&b| b == b'\n').count() + 1);
    // The variables of the lines read so far, which later values interpolate: built at the
    // first value that interpolates (most files have none), then kept up to date.
    let mut earlier: Option<Env> = None;
    let mut i = 0;
    loop {
        i = skip(text, i, char::is_whitespace);
        if i >= text.len() {
            break;
        }
        if text[i..].starts_with('#') {
            i = line_end(text, i);
            continue;
        }
        if let Some(rest) = text[i..].strip_prefix("export")
            && rest.starts_with(char::is_whitespace)
        {
            i = skip(text, i + 6, is_space);
        }
        let key_start = i;
        let mut bad = None;
        while let Some(c) = text[i..].chars().next() {
            if matches!(c, '=' | ':' | '\n') {
                break;
            }
            if !is_space(c) && !is_key_char(c) {
                bad = Some(c);
                break;
            }
            i += c.len_utf8();
        }
        let key = text[key_start..i].trim_end_matches(is_space);
        let name_span = Span::new(key_start, key_start + key.len());
        if let Some(c) = bad {
            out.errors.push(SyntaxError {
                span: Span::new(i, i + c.len_utf8()),
                message: format!(
                    "unexpected character `{c}` in variable name `{}`: Compose refuses the file",
                    text[key_start..line_end(text, key_start)].trim()
                ),
                help: "names are letters, digits, `_`, `.` and `-`",
            });
            i = line_end(text, i);
            continue;
        }
        if key.contains(' ') {
            out.errors.push(SyntaxError {
                span: name_span,
                message: format!(
                    "variable name `{key}` contains a space: Compose refuses the file (`key cannot contain a space`)"
                ),
                help: "join the words with `_`; a value with spaces goes after the `=`",
            });
            i = line_end(text, i);
            continue;
        }
        if i >= text.len() || text[i..].starts_with('\n') {
            if !key.is_empty() {
                if let Some(env) = earlier.as_mut() {
                    env.set(key.to_string(), String::new());
                }
                out.vars.push(Var {
                    name: key.to_string(),
                    name_span,
                    value: String::new(),
                    value_span: Span::empty(name_span.end),
                    quote: None,
                    inherited: true,
                });
            }
            continue;
        }
        i = skip(text, i + 1, is_space);
        let (value, value_span, quote) = match text[i..].chars().next() {
            Some(q @ ('"' | '\'')) => match closing_quote(text, i, q) {
                Some(close) => {
                    let inner = &text[i + 1..close];
                    let value = if q == '"' {
                        let escaped = unescape(inner);
                        expand(
                            &escaped,
                            &mut earlier,
                            Span::new(i, close + 1),
                            None,
                            &mut out,
                        )
                    } else {
                        inner.replace(&format!("\\{q}"), &q.to_string())
                    };
                    let span = Span::new(i, close + 1);
                    i = close + 1;
                    (value, span, Some(q))
                }
                None => {
                    let end = line_end(text, i);
                    out.errors.push(SyntaxError {
                        span: Span::new(i, end),
                        message: format!(
                            "the value of `{key}` opens a {} quote that is never closed: Compose refuses the file",
                            if q == '"' { "double" } else { "single" }
                        ),
                        help: "close the quote; a quote inside the value is written `\\\"` (or `\\'`)",
                    });
                    i = text.len();
                    (String::new(), Span::new(i.min(end), end), Some(q))
                }
            },
            _ => {
                let end = line_end(text, i);
                let line = &text[i..end];
                let value = line.split(" #").next().unwrap_or("").trim_end();
                let span = Span::new(i, i + value.len());
                let expanded = expand(value, &mut earlier, span, Some(i), &mut out);
                i = end;
                (expanded, span, None)
            }
        };
        if let Some(env) = earlier.as_mut() {
            env.set(key.to_string(), value.clone());
        }
        out.vars.push(Var {
            name: key.to_string(),
            name_span,
            value,
            value_span,
            quote,
            inherited: false,
        });
    }
    out
}

/// The closing quote of a value opened at `open` (`\"` or `\'` does not close it).
fn closing_quote(text: &str, open: usize, quote: char) -> Option<usize> {
    let b = text.as_bytes();
    let mut escaped = false;
    for (j, &c) in b.iter().enumerate().skip(open + 1) {
        if escaped {
            escaped = false;
        } else if c == b'\\' {
            escaped = true;
        } else if c == quote as u8 {
            return Some(j);
        }
    }
    None
}

/// The escapes of a double-quoted value: `\n`, `\t`, `\"`, `\\`, `\$` (kept as `$$`, a literal
/// dollar for the interpolation after it).
fn unescape(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('$') => out.push_str("$$"),
            Some(c @ ('"' | '\\')) => out.push(c),
            Some(c) => {
                out.push('\\');
                out.push(c);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// `${VAR}` of earlier lines substituted; a malformed `${...}` is an error at its place when
/// `base` maps the value into the text, else on the whole value.
fn expand(
    value: &str,
    earlier: &mut Option<Env>,
    span: Span,
    base: Option<usize>,
    out: &mut Parsed,
) -> String {
    if !value.contains('$') {
        return value.to_string();
    }
    let env = earlier.get_or_insert_with(|| {
        let mut env = Env::default();
        for v in &out.vars {
            env.set(v.name.clone(), v.value.clone());
        }
        env
    });
    let done = interpolate(value, env);
    let added = done.value.len().saturating_sub(value.len());
    out.expanded += added;
    let kept = done.truncated || out.expanded > MAX_EXPANDED_BYTES;
    for e in done.errors {
        out.errors.push(SyntaxError {
            span: base.map_or(span, |b| Span::new(b + e.range.0, b + e.range.1)),
            message: format!("{}: Compose refuses the file", e.message),
            help: "write `${NAME}`, `${NAME:-default}` or `$$` for a literal `$`",
        });
    }
    if kept {
        // Too long to know: the value as written is what the rules see.
        return value.to_string();
    }
    done.value
}

/// All enabled `.env` rules over one text, suppressions applied, sorted by position.
pub fn lint(path: &str, text: &str, config: &Config, related: Related<'_>) -> Vec<Diagnostic> {
    let (parsed, suppressions) = super::join(
        text.len(),
        || parse(text),
        || suppress::Suppressions::for_yaml(text),
    );
    let input = DotenvInput {
        path,
        text,
        parsed: &parsed,
        compose: related.compose,
    };
    let mut out = super::run_rules(
        text.len(),
        rules::dotenv::RULES,
        config,
        &suppressions,
        |rule, cx| {
            if let Check::Dotenv(check) = rule.check {
                check(&input, cx);
            }
        },
    );
    super::sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, String)> {
        parse(text)
            .vars
            .into_iter()
            .map(|v| (v.name, v.value))
            .collect()
    }

    #[test]
    fn reads_like_compose() {
        let text = "# c\nexport A=1 # note\nB: two\nC='x #y'\nD=\"l1\nl2 ${A}\"\nE\nF=a#b\n";
        let got = values(text);
        let want = [
            ("A", "1"),
            ("B", "two"),
            ("C", "x #y"),
            ("D", "l1\nl2 1"),
            ("E", ""),
            ("F", "a#b"),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for ((n, v), (wn, wv)) in got.iter().zip(want) {
            assert_eq!((n.as_str(), v.as_str()), (wn, wv));
        }
        assert!(parse(text).errors.is_empty());
    }

    #[test]
    fn what_compose_refuses() {
        for bad in ["MY VAR=1\n", "A=\"open\n", "A=${\n", "A B\n", "KEY$=1\n"] {
            assert!(!parse(bad).errors.is_empty(), "{bad:?}");
        }
    }
}

#[cfg(test)]
mod pragma_tests {
    use crate::{Config, lint_text};

    fn codes(text: &str) -> Vec<&'static str> {
        lint_text(".env", text, None, &Config::default())
            .diagnostics
            .iter()
            .map(|d| d.diagnostic.code)
            .collect()
    }

    #[test]
    fn pragmas_work_on_their_own_line_and_after_a_value() {
        let token = "GITHUB_TOKEN=ghp_R4nd0mT0k3nV4lu3Xy12Zq8Lm3Np7Qs5Tu9Wv0";
        assert_eq!(codes(&format!("{token}\n")), ["EN001"]);
        assert!(codes(&format!("# rlint ignore=EN001\n{token}\n")).is_empty());
        assert!(codes(&format!("{token} # rlint ignore=dotenv-plaintext-secret\n")).is_empty());
    }
}
