//! Strict JSON (RFC 8259, as Go's `encoding/json` reads it: Elastic Beanstalk, ECS, dockerd) into
//! a span-keeping tree, for the JSON kinds.
//!
//! Two crates, each for what it does right. `serde_json` decides what is JSON: it is strict, and
//! its check is iterative (no recursion on deep nesting). `jsonc-parser` then builds the tree with
//! spans; it cannot be the judge, because even with comments, trailing commas and loose keys
//! switched off it accepts what JSON refuses: a missing comma between members (`"a": 1` newline
//! `"b": 2`, the usual hand-editing slip), single-quoted strings, `\'`, and `01`. It recurses once
//! per nesting level, so nesting is bounded before it runs. Errors name the cause a person would
//! (`#` and `//` are not comments in JSON, a missing or trailing comma) at the position to fix.

use crate::diagnostic::Span;
use jsonc_parser::ast;

/// Deeper nesting is refused before parsing: real configuration files nest a few levels, and the
/// parser recurses once per level.
pub const MAX_DEPTH: usize = 256;
/// Values (keys included) one file may hold, as in the YAML kinds
/// ([`crate::syntax::yaml::NODE_BUDGET`]): past it the file is reported, not checked.
pub const NODE_BUDGET: usize = crate::syntax::yaml::NODE_BUDGET;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written (validated JSON number syntax).
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// Why a text is not JSON, where, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub span: Span,
    pub message: String,
    pub help: String,
    /// The text may be valid, but it is too large to check ([`NODE_BUDGET`]): at most a warning.
    pub too_large: bool,
}

/// A parsed JSON text: the root value, or the first error (JSON readers stop there too).
#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    pub root: Option<Node>,
    pub error: Option<JsonError>,
}

impl Node {
    /// The member `key` of an object (the last one, as Go's decoder keeps, when repeated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.members()?
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    pub fn members(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn items(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// What the value is, in words, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The same tree as the YAML layer's span tree (JSON is YAML's flow style), so what reads
    /// span trees — schema validation with did-you-mean, pointers, key spans — serves JSON too.
    /// Strings become double-quoted scalars (never retyped), numbers, booleans and null plain.
    pub fn to_tree(&self) -> crate::syntax::yaml::Node {
        use crate::syntax::yaml::{Entry, Node as Tree, Scalar, Style, Value as V};
        let scalar = |text: String, style: Style| {
            V::Scalar(Scalar {
                text: text.into_boxed_str(),
                style,
                tag: None,
            })
        };
        let value = match &self.value {
            Value::Null => scalar("null".into(), Style::Plain),
            Value::Bool(b) => scalar(b.to_string(), Style::Plain),
            Value::Number(n) => scalar(n.clone(), Style::Plain),
            Value::String(s) => scalar(s.clone(), Style::DoubleQuoted),
            Value::Array(items) => V::Seq(items.iter().map(Node::to_tree).collect()),
            Value::Object(members) => V::Map(
                members
                    .iter()
                    .map(|m| Entry {
                        key: Tree::new(m.key_span, scalar(m.key.clone(), Style::DoubleQuoted)),
                        value: m.value.to_tree(),
                        merged: false,
                    })
                    .collect(),
            ),
        };
        Tree::new(self.span, value)
    }

    /// The tree as a `serde_json` value (for schema validation).
    pub fn to_serde(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::from_str(n).unwrap_or(serde_json::Value::Null),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => items.iter().map(Node::to_serde).collect(),
            Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.to_serde()))
                    .collect(),
            ),
        }
    }
}

pub fn parse(text: &str) -> Json {
    let failed = |error: JsonError| Json {
        root: None,
        error: Some(error),
    };
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        return failed(explain(text, &e));
    }
    let shape = shape(text);
    if let Some(at) = shape.too_deep {
        return failed(JsonError {
            span: Span::new(at, at + 1),
            message: format!("the JSON nests more than {MAX_DEPTH} levels deep here"),
            help: "no configuration file nests this deep: the file is damaged or generated wrongly"
                .to_string(),
            too_large: false,
        });
    }
    if let Some(at) = shape.too_large {
        return failed(JsonError {
            span: Span::new(at, at + 1),
            message: format!(
                "this file holds more than {NODE_BUDGET} JSON values (keys, values and array items): rlint does not check a file this large"
            ),
            help: "a file this large is generated: lint the template it is generated from, or split it"
                .to_string(),
            too_large: true,
        });
    }
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
    };
    match jsonc_parser::parse_to_ast(text, &Default::default(), &options) {
        Ok(jsonc_parser::ParseResult {
            value: Some(value), ..
        }) => Json {
            root: Some(convert(value)),
            error: None,
        },
        // serde_json accepted the text, so the tree builder cannot refuse it.
        _ => failed(JsonError {
            span: Span::new(0, 0),
            message: "the JSON could not be read".to_string(),
            help: "report this file to rlint: it is valid JSON".to_string(),
            too_large: false,
        }),
    }
}

/// Where a (valid) JSON text passes the limits, found in one scan that skips strings.
struct Shape {
    /// The first bracket past [`MAX_DEPTH`] levels.
    too_deep: Option<usize>,
    /// The first `,`, `:` or bracket past [`NODE_BUDGET`] values: each separates or opens one
    /// (`{"a": 1, "b": 2}` is five values: the object, two keys and two values).
    too_large: Option<usize>,
}

fn shape(text: &str) -> Shape {
    let bytes = text.as_bytes();
    let (mut depth, mut values, mut i) = (0usize, 1usize, 0);
    let mut too_large = None;
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' => {
                let quote = bytes[i];
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'[' | b'{' => {
                depth += 1;
                values += 1;
                if depth > MAX_DEPTH {
                    return Shape {
                        too_deep: Some(i),
                        too_large,
                    };
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' | b':' => values += 1,
            _ => {}
        }
        if values > NODE_BUDGET && too_large.is_none() {
            too_large = Some(i);
        }
        i += 1;
    }
    Shape {
        too_deep: None,
        too_large,
    }
}

fn span(range: jsonc_parser::common::Range) -> Span {
    Span::new(range.start, range.end)
}

fn convert(value: ast::Value<'_>) -> Node {
    let (at, value) = match value {
        ast::Value::NullKeyword(n) => (n.range, Value::Null),
        ast::Value::BooleanLit(b) => (b.range, Value::Bool(b.value)),
        ast::Value::NumberLit(n) => (n.range, Value::Number(n.value.to_string())),
        ast::Value::StringLit(s) => (s.range, Value::String(s.value.into_owned())),
        ast::Value::Array(a) => (
            a.range,
            Value::Array(a.elements.into_iter().map(convert).collect()),
        ),
        ast::Value::Object(o) => (
            o.range,
            Value::Object(
                o.properties
                    .into_iter()
                    .map(|prop| {
                        let (key, key_span) = match prop.name {
                            ast::ObjectPropName::String(s) => (s.value.into_owned(), span(s.range)),
                            ast::ObjectPropName::Word(w) => (w.value.to_string(), span(w.range)),
                        };
                        Member {
                            key,
                            key_span,
                            value: convert(prop.value),
                        }
                    })
                    .collect(),
            ),
        ),
    };
    Node {
        span: span(at),
        value,
    }
}

/// The error a person would name for where `serde_json` stopped.
fn explain(text: &str, e: &serde_json::Error) -> JsonError {
    // serde_json counts lines from 1 and columns in bytes from 1, at the offending byte.
    let line_start = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let mut start = (line_start + e.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let at = &text[start..];
    let next = at.chars().next();
    let line_end = at.find(['\n', '\r']).map_or(text.len(), |i| start + i);
    let one = Span::new(start, start + next.map_or(0, char::len_utf8));
    let before = text[..start].trim_end();
    let error = |span: Span, message: &str, help: &str| JsonError {
        span,
        message: message.to_string(),
        help: help.to_string(),
        too_large: false,
    };
    let what = e.to_string();
    let what = what.split(" at line ").next().unwrap_or(&what);
    if next == Some('#') {
        return error(
            Span::new(start, line_end),
            "`#` starts no comment in JSON: the file is not valid JSON",
            "JSON has no comments: delete the comment (keep notes in a README, or in a field the \
             consumer ignores)",
        );
    }
    if at.starts_with("//") || at.starts_with("/*") {
        return error(
            Span::new(start, line_end),
            "comments are not allowed in JSON: the file is not valid JSON",
            "delete the comment (JSON has no comment syntax)",
        );
    }
    if matches!(next, Some('}' | ']')) && before.ends_with(',') {
        let comma = before.len() - 1;
        return error(
            Span::new(comma, comma + 1),
            "a trailing comma: JSON allows no `,` before a closing `]` or `}`",
            "delete this comma",
        );
    }
    if what.starts_with("expected `,`")
        && text[before.len()..start].contains('\n')
        && matches!(
            next,
            Some('"' | '{' | '[' | 't' | 'f' | 'n' | '-' | '0'..='9')
        )
    {
        let end = before.len();
        return error(
            Span::new(end, end),
            "a `,` is missing between two values: the file is not valid JSON",
            "add a `,` at the end of the previous line",
        );
    }
    if next == Some('\'') && what != "invalid escape" {
        return error(
            one,
            "JSON strings and keys take double quotes, not single quotes",
            "write `\"` around the text",
        );
    }
    if what == "key must be a string" {
        return error(
            one,
            "a JSON key must be a string in double quotes",
            "quote the key: `\"name\": value`",
        );
    }
    match e.classify() {
        serde_json::error::Category::Eof if text.trim().is_empty() => error(
            Span::new(text.len(), text.len()),
            "the file holds no JSON value",
            "a JSON file holds one value, usually an object (`{ ... }`)",
        ),
        serde_json::error::Category::Eof => error(
            Span::new(text.len(), text.len()),
            "the file ends inside an object, array or string: a closing `}`, `]` or `\"` is \
             missing",
            "close every `{`, `[` and string (the file may be truncated)",
        ),
        _ if what == "trailing characters" => error(
            Span::new(start, line_end),
            "text after the end of the JSON value",
            "a JSON file holds one value: delete what follows, or wrap both in an array",
        ),
        _ if what.starts_with("control character") => error(
            one,
            "a line break or control character inside a JSON string",
            "close the string on its line, or write the character escaped (`\\n`, `\\t`)",
        ),
        _ if what == "invalid escape" => error(
            Span::new(
                start.saturating_sub(1),
                start + next.map_or(0, char::len_utf8),
            ),
            "not a JSON escape: JSON knows `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and \
             `\\uXXXX`",
            "write the character without the backslash, or escape the backslash (`\\\\`)",
        ),
        _ if what == "invalid number" => error(
            one,
            "not a JSON number: no leading zeros, `+` or bare `.`",
            "write the number as JSON does (`1`, `0.5`, `-2e3`), or quote it if it is text",
        ),
        _ => error(
            one,
            &format!("invalid JSON: {what}"),
            "check the punctuation just before this position",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_past_the_value_budget_are_reported_not_built() {
        // The array and 249,999 items: exactly the budget.
        let at = format!("[{}1]", "1,".repeat(NODE_BUDGET - 2));
        let json = parse(&at);
        assert!(json.error.is_none() && json.root.is_some());
        // Object keys count: `{"a":1}` is three values. Commas in strings do not.
        let over = format!("{{\"a,b\": [{}1]}}", "1,".repeat(NODE_BUDGET - 3));
        let e = parse(&over).error.expect("one value too many");
        assert!(e.too_large, "{e:?}");
        assert_eq!(e.span.start, over.len() - 4, "at the last comma");
        let under = format!("{{\"a,b\": [{}1]}}", "1,".repeat(NODE_BUDGET - 4));
        assert!(parse(&under).error.is_none());
    }

    fn error_at(text: &str) -> (usize, String) {
        let e = parse(text)
            .error
            .unwrap_or_else(|| panic!("accepted: {text}"));
        (e.span.start, e.message)
    }

    #[test]
    fn a_tree_with_spans() {
        let text = r#"{"a": [1, -2.5e3, true, null], "b": {"c": "x\u0041"}}"#;
        let json = parse(text);
        assert_eq!(json.error, None);
        let root = json.root.unwrap();
        let b = root.get("b").unwrap();
        let c = b.get("c").unwrap();
        assert_eq!(c.as_str(), Some("xA"));
        assert_eq!(&text[c.span.start..c.span.end], r#""x\u0041""#);
        assert_eq!(
            root.members().unwrap()[1].key_span.start,
            text.find(r#""b""#).unwrap()
        );
        assert_eq!(root.get("a").unwrap().items().unwrap().len(), 4);
        assert_eq!(root.to_serde()["a"][1], serde_json::json!(-2500.0));
        // The span tree reads the same: strings stay strings, numbers numbers.
        let tree = root.to_tree();
        assert_eq!(tree.to_json(), root.to_serde());
        assert_eq!(tree.pointer("/b/c").map(|n| n.span), Some(c.span));
    }

    #[test]
    fn comments_are_errors_at_their_position() {
        let text = "{\n  \"a\": \"b\" # note\n}\n";
        let (at, message) = error_at(text);
        assert_eq!(at, text.find('#').unwrap());
        assert!(message.contains("`#`"), "{message}");
        let text = "{\n  // note\n  \"a\": 1\n}";
        let (at, message) = error_at(text);
        assert_eq!(at, text.find("//").unwrap());
        assert!(message.contains("comments"), "{message}");
    }

    #[test]
    fn missing_and_trailing_commas() {
        let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
        let (at, message) = error_at(text);
        assert_eq!(at, text.find('1').unwrap() + 1);
        assert!(message.contains("`,` is missing"), "{message}");
        let text = "{\"a\": [1, 2,]}";
        let (at, message) = error_at(text);
        assert_eq!(at, text.find(",]").unwrap());
        assert!(message.contains("trailing comma"), "{message}");
    }

    #[test]
    fn what_jsonc_accepts_and_json_does_not() {
        for (text, word) in [
            ("{'a': 1}", "double quotes"),
            ("{\"a\": 'b'}", "double quotes"),
            ("{\"a\": \"it\\'s\"}", "escape"),
            ("{\"a\": \"two\nlines\"}", "line break"),
            ("{\"a\": 01}", "not a JSON number"),
            ("{\"a\": .5}", "JSON"),
            ("{a: 1}", "JSON"),
            ("{\"a\": 1} {\"b\": 2}", "after the end"),
            ("{\"a\": [1, 2", "ends inside"),
            ("", "no JSON value"),
        ] {
            let (_, message) = error_at(text);
            assert!(message.contains(word), "{text:?}: {message}");
        }
        for ok in [
            "{}",
            "[]",
            "0",
            "-0.5e-3",
            "\"x\"",
            "{\"a\": 1e5, \"b\": \"\\u00e9\\n\"}",
        ] {
            assert_eq!(parse(ok).error, None, "{ok}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_without_recursing() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let (at, message) = error_at(&text);
        assert_eq!(at, MAX_DEPTH);
        assert!(message.contains("nests"), "{message}");
        let fine = format!("{}{}", "[".repeat(50), "]".repeat(50));
        assert_eq!(parse(&fine).error, None);
    }
}
