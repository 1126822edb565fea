//! The YAML layer shared by every YAML kind (compose, buildspec, travis, circleci, workflows).
//!
//! `saphyr-parser`'s event stream is assembled into a tree where every key and value knows its
//! byte span. What a loader would hide is kept as findings: duplicate keys (reported at the second
//! occurrence; the later value wins in the tree, as in JSON), syntax errors with their position and
//! a plain-words reading of the usual causes, anchors and aliases resolved under a hard budget (an
//! alias bomb becomes an error, not a memory blow-up), merge keys (`<<`) resolved, and nesting
//! capped so the recursive consumers of the tree cannot overflow the stack.

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::diagnostic::Span;

/// Nodes that aliases may copy into one file, in total. Real files stay far below (a few hundred);
/// the classic "billion laughs" needs ~10^9.
pub const ALIAS_BUDGET: usize = 100_000;
/// Nodes (scalars, sequences, mappings, the copies aliases make) one file may hold, over all its
/// documents. The largest real CI or Compose file in the test corpus has ~2,200; past this a file
/// is generated, and holding its tree would cost hundreds of MB, so it is reported, not checked.
pub const NODE_BUDGET: usize = 250_000;
/// Deepest nesting of sequences and mappings accepted.
pub const MAX_DEPTH: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    pub text: Box<str>,
    pub style: Style,
    /// The resolved tag (`tag:yaml.org,2002:str` for `!!str`); rare, so boxed to keep nodes small.
    pub tag: Option<Box<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
    /// Brought in by a `<<` merge key rather than written in this mapping.
    pub merged: bool,
}

/// A scalar's value under the YAML 1.2 core schema.
#[derive(Clone, Debug, PartialEq)]
pub enum Typed<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

impl Scalar {
    pub fn typed(&self) -> Typed<'_> {
        // `!!str` asks for a string, and so does the non-specific tag `!` (YAML 1.2.2, 6.9.1).
        if self.style != Style::Plain
            || matches!(
                self.tag.as_deref().map(String::as_str),
                Some("tag:yaml.org,2002:str" | "!")
            )
        {
            return Typed::Str(&self.text);
        }
        let t = &*self.text;
        match t {
            "" | "~" | "null" | "Null" | "NULL" => return Typed::Null,
            "true" | "True" | "TRUE" => return Typed::Bool(true),
            "false" | "False" | "FALSE" => return Typed::Bool(false),
            ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
                return Typed::Float(f64::INFINITY);
            }
            "-.inf" | "-.Inf" | "-.INF" => return Typed::Float(f64::NEG_INFINITY),
            ".nan" | ".NaN" | ".NAN" => return Typed::Float(f64::NAN),
            _ => {}
        }
        let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
        if !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && let Ok(i) = t.parse::<i64>()
        {
            return Typed::Int(i);
        }
        if let Some(hex) = t.strip_prefix("0x")
            && let Ok(i) = i64::from_str_radix(hex, 16)
        {
            return Typed::Int(i);
        }
        if let Some(oct) = t.strip_prefix("0o")
            && let Ok(i) = i64::from_str_radix(oct, 8)
        {
            return Typed::Int(i);
        }
        if is_float(t)
            && let Ok(f) = t.parse::<f64>()
        {
            return Typed::Float(f);
        }
        Typed::Str(&self.text)
    }
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_float(t: &str) -> bool {
    let b = t.strip_prefix(['-', '+']).unwrap_or(t).as_bytes();
    let mut i = 0;
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

impl Node {
    pub fn new(span: Span, value: Value) -> Node {
        Node { span, value }
    }

    /// Nodes in this subtree (itself included), counting stopped once past `limit`.
    fn size_up_to(&self, limit: usize) -> usize {
        let mut count = 1;
        let mut stack: Vec<&Node> = vec![self];
        while let Some(node) = stack.pop() {
            match &node.value {
                Value::Scalar(_) => {}
                Value::Seq(items) => stack.extend(items),
                Value::Map(entries) => {
                    for e in entries {
                        stack.push(&e.key);
                        stack.push(&e.value);
                    }
                }
            }
            count += match &node.value {
                Value::Scalar(_) => 0,
                Value::Seq(items) => items.len(),
                Value::Map(entries) => 2 * entries.len(),
            };
            if count > limit {
                break;
            }
        }
        count
    }

    /// A plain scalar (used for values retyped after interpolation).
    pub fn plain(span: Span, text: String) -> Node {
        Node::new(
            span,
            Value::Scalar(Scalar {
                text: text.into_boxed_str(),
                style: Style::Plain,
                tag: None,
            }),
        )
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar's text when this is a string-like scalar (any style).
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|s| &*s.text)
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(e) => Some(e),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        self.as_scalar().is_some_and(|s| s.typed() == Typed::Null)
    }

    /// The entry under `key` in a mapping (the last one when the key is duplicated).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?
            .iter()
            .rev()
            .find(|e| e.key.as_str() == Some(key))
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The node at a JSON pointer (`/services/web/ports/0`).
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        let mut node = self;
        for part in pointer.split('/').skip(1) {
            let part = part.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                Value::Map(_) => node.get(&part)?,
                Value::Seq(items) => items.get(part.parse::<usize>().ok()?)?,
                Value::Scalar(_) => return None,
            };
        }
        Some(node)
    }

    /// The value as JSON (YAML 1.2 core schema typing; keys as strings).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Scalar(s) => match s.typed() {
                Typed::Null => J::Null,
                Typed::Bool(b) => J::Bool(b),
                Typed::Int(i) => J::from(i),
                Typed::Float(f) => serde_json::Number::from_f64(f)
                    .map_or_else(|| J::String(s.text.to_string()), J::Number),
                Typed::Str(t) => J::String(t.to_string()),
            },
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => {
                let mut map = serde_json::Map::new();
                for e in entries {
                    map.insert(key_text(&e.key), e.value.to_json());
                }
                J::Object(map)
            }
        }
    }
}

/// A mapping key as a string (`1` for the integer key `1`; complex keys by their flow text).
pub fn key_text(key: &Node) -> String {
    match &key.value {
        Value::Scalar(s) => s.text.to_string(),
        _ => key.to_json().to_string(),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// Where the related text stands (the first occurrence of a duplicated key).
    pub related: Option<(Span, String)>,
    pub kind: ProblemKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file is not valid YAML; the document where it happened is dropped.
    Syntax,
    DuplicateKey,
    /// An alias would copy more than [`ALIAS_BUDGET`] nodes, or nesting passed [`MAX_DEPTH`].
    Limit,
    /// The file holds more than [`NODE_BUDGET`] nodes: valid, maybe, but not checked.
    TooLarge,
    /// An alias names an anchor that is not defined before it.
    UnknownAnchor,
}

#[derive(Clone, Debug, Default)]
pub struct YamlFile {
    pub documents: Vec<Node>,
    pub problems: Vec<Problem>,
}

impl YamlFile {
    pub fn has_syntax_error(&self) -> bool {
        self.problems.iter().any(|p| {
            matches!(
                p.kind,
                ProblemKind::Syntax | ProblemKind::Limit | ProblemKind::TooLarge
            )
        })
    }
}

/// An open collection. Its children wait on the builder's shared `items`/`entries` stacks from
/// `base` on, so each finished collection gets one exactly-sized allocation instead of a vector
/// grown (and over-allocated) child by child.
enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        base: usize,
    },
    Map {
        start: usize,
        anchor: usize,
        base: usize,
        key: Option<Node>,
    },
}

struct Builder<'t> {
    text: &'t str,
    /// Byte offset of each character index; `None` for ASCII text.
    offsets: Option<&'t [usize]>,
    /// How the scanned text differs from `text`.
    leniency: &'t Leniency,
    stack: Vec<Frame>,
    items: Vec<Node>,
    entries: Vec<Entry>,
    anchors: Vec<(usize, Node)>,
    copied: usize,
    /// Nodes completed so far, over all documents (see [`NODE_BUDGET`]).
    nodes: usize,
    file: YamlFile,
    /// The last plain scalar seen (for explaining "mapping values are not allowed").
    last_plain: Option<Span>,
}

/// Parses a YAML stream. Never fails: problems are in [`YamlFile::problems`].
///
/// Where libyaml and go-yaml (what Compose, Travis and most CI services load with) are more
/// lenient than saphyr-parser, the file is loaded as they load it: see [`Leniency`].
pub fn parse(text: &str) -> YamlFile {
    let offsets = (!text.is_ascii()).then(|| {
        text.char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect::<Vec<usize>>()
    });
    let mut leniency = Leniency::default();
    // Each round re-scans the whole text, so the rounds are capped by size: the work stays
    // bounded (a few MB of scanning) whatever the input.
    let rounds = (8_000_000 / text.len().max(1)).clamp(4, 256);
    // The first failure (on the text as written), reported when relaxing does not help.
    let mut first: Option<(YamlFile, usize)> = None;
    for _ in 0..rounds {
        let (file, failure) = parse_once(text, offsets.as_deref(), &leniency);
        let Some(failure) = failure else {
            return file;
        };
        let first_at = first.get_or_insert_with(|| (file.clone(), failure.at)).1;
        if !leniency.relax(text, offsets.as_deref(), &failure) {
            // A true error: the relaxed text's when it got further (libyaml stops there too).
            return if failure.at > first_at {
                file
            } else {
                first.map(|f| f.0).unwrap_or(file)
            };
        }
    }
    first.map(|f| f.0).unwrap_or_default()
}

/// A scan error, in the original text's coordinates.
struct Failure {
    /// Byte offset in the original text.
    at: usize,
    info: String,
    /// Where the outermost flow collection open at the failure starts, once the parser has
    /// reported it (not yet when the failure is on the line right after the `[`).
    flow_start: Option<usize>,
}

/// Spaces inserted (at the start of lines, or before a `#`) so saphyr-parser accepts what libyaml
/// accepts.
///
/// libyaml (and go-yaml, its port) does not check indentation inside a flow collection or a
/// multi-line quoted scalar: a closing `]` at the parent key's column, or continuation lines
/// that are less indented than the block they sit in, load fine there. saphyr-parser follows the
/// spec and rejects them ("invalid indentation", "... in flow construct", "... in quoted
/// scalar"). Leading white space of such lines is not content (flow and quoted scalars fold it
/// away), so indenting them further changes no value; only their positions move, and they are
/// mapped back to the original text. libyaml also takes a `#` with no space before it as a
/// comment after a closing quote or bracket, a `,` or a block scalar header; a space is inserted
/// there.
#[derive(Default)]
struct Leniency {
    /// (original char index, spaces inserted there), sorted by position.
    pads: Vec<(usize, usize)>,
    /// For each pad, where it starts in the scanned text and how many spaces come before it.
    shim_starts: Vec<(usize, usize)>,
}

impl Leniency {
    /// The text saphyr-parser scans.
    fn shim(&self, text: &str, offsets: Option<&[usize]>) -> String {
        let mut out =
            String::with_capacity(text.len() + self.pads.iter().map(|p| p.1).sum::<usize>());
        let mut from = 0;
        for &(at, n) in &self.pads {
            let at = char_to_byte(offsets, at);
            out.push_str(&text[from..at]);
            out.extend(std::iter::repeat_n(' ', n));
            from = at;
        }
        out.push_str(&text[from..]);
        out
    }

    /// A char index of the scanned text to one of the original text (inserted spaces map to
    /// where they were inserted). A binary search: called for every event.
    fn original(&self, index: usize) -> usize {
        let i = self
            .shim_starts
            .partition_point(|&(shim_at, _)| shim_at <= index);
        let Some(i) = i.checked_sub(1) else {
            return index;
        };
        let (shim_at, before) = self.shim_starts[i];
        index - before - self.pads[i].1.min(index - shim_at)
    }

    /// Spaces inserted at original char index `at`.
    fn padding(&self, at: usize) -> usize {
        self.pads
            .binary_search_by_key(&at, |p| p.0)
            .map_or(0, |i| self.pads[i].1)
    }

    /// Indents further the lines behind `failure` when libyaml would have accepted them.
    /// `false` when it does not apply (a true error) or makes no progress.
    fn relax(&mut self, text: &str, offsets: Option<&[usize]>, failure: &Failure) -> bool {
        let at = failure.at;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let mut lines: Vec<(usize, usize)> = Vec::new();
        // (original char index, spaces to insert there)
        let mut added = Vec::new();
        match failure.info.as_str() {
            // saphyr raises these only inside a flow collection (outside one, a less indented
            // line closes the blocks instead): indent the failing line past the line above.
            "invalid indentation" | "invalid indentation in flow construct" => {
                let Some(above) = text[..line_start.saturating_sub(1)]
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                else {
                    return false;
                };
                // Past the content column of the line above first; if that is not enough (the
                // flow opened further right on it), past the whole line.
                let content = content_column(above) + 1;
                let padded = self.padding(byte_to_char(offsets, line_start));
                let spaces = text[line_start..]
                    .bytes()
                    .take_while(|&b| b == b' ')
                    .count();
                let column = if spaces + padded >= content {
                    above.chars().count() + 1
                } else {
                    content
                };
                lines.push((line_start, column));
                // The rest of the collection in the same round, up to the opener's column
                // (past every block indentation on its line).
                if let Some(start) = failure.flow_start {
                    let opener_line = text[..start].rfind('\n').map_or(0, |i| i + 1);
                    let column = text[opener_line..start].chars().count();
                    let end = flow_end(text, start);
                    let mut line = line_start;
                    // The collection may end before the failing line (`"x"#]` comments its `]`).
                    while let Some(nl) = text.get(line..end).and_then(|t| t.find('\n')) {
                        line += nl + 1;
                        lines.push((line, column));
                    }
                }
            }
            // Reported at the opening quote: indent every continuation line up to its column.
            "invalid indentation in quoted scalar" => {
                let quote = text[at..].chars().next();
                let Some(end) = quote.and_then(|q| closing_quote(text, at, q)) else {
                    return false;
                };
                let column = text[line_start..at].chars().count();
                let mut line = at;
                while let Some(nl) = text[line..end].find('\n') {
                    line += nl + 1;
                    lines.push((line, column));
                }
            }
            // libyaml takes a `#` right after a closing quote or bracket, a `,` or a block
            // scalar header as a comment (`image: "nginx"#pinned`): a space in front makes it
            // one for saphyr-parser too, and changes no value.
            "comments must be separated from other tokens by whitespace"
                if text[at..].starts_with('#') =>
            {
                let char_at = byte_to_char(offsets, at);
                if self.padding(char_at) > 0 {
                    return false;
                }
                added.push((char_at, 1));
            }
            _ => return false,
        }
        for (line, column) in lines {
            let rest = &text[line..];
            // A document marker ends the document whatever the indentation; libyaml says so too.
            if rest.starts_with("---") || rest.starts_with("...") {
                return false;
            }
            let spaces = rest.bytes().take_while(|&b| b == b' ').count();
            if matches!(rest.as_bytes().get(spaces), None | Some(b'\n' | b'\r')) {
                continue;
            }
            let char_at = byte_to_char(offsets, line);
            if spaces + self.padding(char_at) < column {
                added.push((char_at, column - spaces));
            }
        }
        if added.is_empty() {
            return false;
        }
        // Merged in one sort (a quoted scalar can add thousands of lines at once); where a line
        // was padded before, the larger padding wins.
        self.pads.extend(added);
        self.pads
            .sort_unstable_by_key(|&(at, n)| (at, std::cmp::Reverse(n)));
        self.pads.dedup_by_key(|p| p.0);
        let mut before = 0;
        self.shim_starts = self
            .pads
            .iter()
            .map(|&(at, n)| {
                let start = (at + before, before);
                before += n;
                start
            })
            .collect();
        true
    }
}

/// The column where a line's content begins, past its indentation and any `- `, `? `, `: `
/// indicators (the deepest block it can open).
fn content_column(line: &str) -> usize {
    let mut column = 0;
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        column += rest.len() - trimmed.len();
        match trimmed.as_bytes() {
            [b'-' | b'?' | b':', b' ', ..] => {
                column += 1;
                rest = &trimmed[1..];
            }
            _ => return column,
        }
    }
}

/// The byte offset just past the bracket closing the flow collection opened at `start` (the end
/// of the text if it is never closed). Quoted scalars and comments are skipped; a quote starts a
/// scalar only at the start of a token (inside a plain scalar, as in `[it's]`, it does not).
fn flow_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    while i < bytes.len() {
        let after_token_start = i == 0
            || matches!(
                bytes[i - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':'
            );
        match bytes[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            q @ (b'"' | b'\'') if after_token_start => match closing_quote(text, i, q as char) {
                Some(close) => i = close,
                None => return bytes.len(),
            },
            // A comment needs white space before it (`a#b` is one scalar).
            b'#' if matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                i += bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .unwrap_or(bytes.len() - i);
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The byte offset of the quote closing the scalar opened at `start`, if the text has one.
fn closing_quote(text: &str, start: usize, quote: char) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            ('"', b'\\') => i += 1,
            ('\'', b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 1,
            (q, b) if b == q as u8 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

fn char_to_byte(offsets: Option<&[usize]>, index: usize) -> usize {
    offsets.map_or(index, |o| o[index.min(o.len() - 1)])
}

fn byte_to_char(offsets: Option<&[usize]>, byte: usize) -> usize {
    offsets.map_or(byte, |o| o.partition_point(|&b| b < byte))
}

/// One scan of the (relaxed) text; the failure is returned when the scanner stopped.
fn parse_once(
    text: &str,
    offsets: Option<&[usize]>,
    leniency: &Leniency,
) -> (YamlFile, Option<Failure>) {
    let mut b = Builder {
        text,
        offsets,
        leniency,
        stack: Vec::new(),
        items: Vec::new(),
        entries: Vec::new(),
        anchors: Vec::new(),
        copied: 0,
        nodes: 0,
        file: YamlFile::default(),
        last_plain: None,
    };
    let shim;
    let scanned = if leniency.pads.is_empty() {
        text
    } else {
        shim = leniency.shim(text, offsets);
        &shim
    };
    let mut parser = Parser::new_from_str(scanned);
    let mut failure = None;
    while let Some(event) = parser.next_event() {
        match event {
            Ok((event, span)) => {
                let span = Span::new(b.byte(span.start.index()), b.byte(span.end.index()));
                if let Err(problem) = b.event(event, span) {
                    b.file.problems.push(problem);
                    break;
                }
            }
            Err(e) => {
                let at = b.byte(e.marker().index());
                let problem = b.explain(at, e.info());
                b.file.problems.push(problem);
                let flow_start = b.stack.iter().find_map(|f| match f {
                    Frame::Seq { start, .. } | Frame::Map { start, .. }
                        if matches!(text.as_bytes().get(*start), Some(b'[' | b'{')) =>
                    {
                        Some(*start)
                    }
                    _ => None,
                });
                failure = Some(Failure {
                    at,
                    info: e.info().to_string(),
                    flow_start,
                });
                break;
            }
        }
    }
    (b.file, failure)
}

/// Where the quoted scalar starting at `span.start` ends: just after its closing quote (`"`
/// not escaped by `\\`; `'` not doubled), when that is inside `span`.
fn quoted_end(text: &str, span: Span) -> Option<usize> {
    let body = text.get(span.start..span.end)?;
    let bytes = body.as_bytes();
    // A span that starts at a tag or anchor (`!!str "x"`, `&a "x"`) is left as it is.
    let quote = *bytes.first().filter(|q| matches!(q, b'"' | b'\''))?;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 1,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            c if c == quote => return Some(span.start + i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

impl Builder<'_> {
    /// A char index of the scanned text to a byte offset of the original.
    fn byte(&self, index: usize) -> usize {
        let index = self.leniency.original(index);
        match self.offsets {
            None => index.min(self.text.len()),
            Some(o) => o.get(index).copied().unwrap_or(self.text.len()),
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Problem> {
        match event {
            Event::DocumentStart(_) => {
                self.stack.clear();
                self.items.clear();
                self.entries.clear();
                self.anchors.clear();
            }
            Event::Scalar(text, style, anchor, tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                };
                if style == Style::Plain {
                    self.last_plain = Some(span);
                }
                // saphyr-parser can end a quoted scalar's span past its closing quote (at the
                // end of a comment that follows it): end it at the quote.
                let span = match style {
                    Style::SingleQuoted | Style::DoubleQuoted => {
                        Span::new(span.start, quoted_end(self.text, span).unwrap_or(span.end))
                    }
                    _ => span,
                };
                let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                let tag = tag.map(|t| Box::new(t.replace("!!", "tag:yaml.org,2002:")));
                let node = Node::new(
                    span,
                    Value::Scalar(Scalar {
                        text: text.into_owned().into_boxed_str(),
                        style,
                        tag,
                    }),
                );
                self.complete(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some(node) = self.anchors.iter().rev().find(|(a, _)| *a == id) else {
                    return Err(Problem {
                        span,
                        message: "this alias refers to an anchor that is not defined before it"
                            .into(),
                        help: Some("define the `&anchor` earlier in the same document".into()),
                        related: None,
                        kind: ProblemKind::UnknownAnchor,
                    });
                };
                let size = node.1.size_up_to(ALIAS_BUDGET - self.copied);
                if self.copied + size > ALIAS_BUDGET {
                    return Err(Problem {
                        span,
                        message: format!(
                            "aliases would copy more than {ALIAS_BUDGET} nodes: this looks like an alias bomb (\"billion laughs\"), so the file is not expanded"
                        ),
                        help: Some(
                            "aliases that nest other aliases multiply; define the value once"
                                .into(),
                        ),
                        related: None,
                        kind: ProblemKind::Limit,
                    });
                }
                self.copied += size;
                // The copy counts as the nodes it holds (`complete` counts its root).
                self.nodes += size - 1;
                let node = node.1.clone();
                self.complete(node, 0)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.push(Frame::Seq {
                    start: span.start,
                    anchor,
                    base: self.items.len(),
                })?;
            }
            Event::MappingStart(anchor, _) => {
                self.push(Frame::Map {
                    start: span.start,
                    anchor,
                    base: self.entries.len(),
                    key: None,
                })?;
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq {
                    start,
                    anchor,
                    base,
                }) = self.stack.pop()
                {
                    let items: Vec<Node> = self.items.drain(base..).collect();
                    let end = items.last().map_or(span.end, |n| n.span.end).max(start);
                    let end = if self.text[start..].starts_with('[') {
                        span.end.max(end)
                    } else {
                        end
                    };
                    self.complete(Node::new(Span::new(start, end), Value::Seq(items)), anchor)?;
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map {
                    start,
                    anchor,
                    base,
                    ..
                }) = self.stack.pop()
                {
                    let entries: Vec<Entry> = self.entries.drain(base..).collect();
                    let entries = self.merge(entries);
                    let end = entries
                        .iter()
                        .filter(|e| !e.merged)
                        .map(|e| e.value.span.end.max(e.key.span.end))
                        .max()
                        .unwrap_or(span.end)
                        .max(start);
                    let end = if self.text[start..].starts_with('{') {
                        span.end.max(end)
                    } else {
                        end
                    };
                    self.complete(
                        Node::new(Span::new(start, end), Value::Map(entries)),
                        anchor,
                    )?;
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn push(&mut self, frame: Frame) -> Result<(), Problem> {
        if self.stack.len() >= MAX_DEPTH {
            let start = match &frame {
                Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
            };
            return Err(Problem {
                span: Span::empty(start),
                message: format!("nesting deeper than {MAX_DEPTH} levels is not supported"),
                help: Some(
                    "real configuration files nest a few levels deep: flatten the structure".into(),
                ),
                related: None,
                kind: ProblemKind::Limit,
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn complete(&mut self, node: Node, anchor: usize) -> Result<(), Problem> {
        self.nodes += 1;
        if self.nodes > NODE_BUDGET {
            return Err(Problem {
                span: Span::new(node.span.start, next_char(self.text, node.span.start)),
                message: format!(
                    "this file holds more than {NODE_BUDGET} YAML values (keys, values and list items): rlint does not check a file this large"
                ),
                help: Some(
                    "a file this large is generated: lint the template it is generated from, or split it"
                        .into(),
                ),
                related: None,
                kind: ProblemKind::TooLarge,
            });
        }
        if anchor != 0 {
            self.anchors.push((anchor, node.clone()));
        }
        match self.stack.last_mut() {
            None => self.file.documents.push(node),
            Some(Frame::Seq { .. }) => self.items.push(node),
            Some(Frame::Map { key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => self.entries.push(Entry {
                    key: k,
                    value: node,
                    merged: false,
                }),
            },
        }
        Ok(())
    }

    /// Reports duplicate keys and resolves `<<` merge keys: merged entries come after the
    /// mapping's own and never override them; with a list of mappings, earlier ones win.
    fn merge(&mut self, entries: Vec<Entry>) -> Vec<Entry> {
        let is_merge = |e: &Entry| {
            e.key
                .as_scalar()
                .is_some_and(|s| &*s.text == "<<" && s.style == Style::Plain)
        };
        // Scalar keys seen so far, to the index of their entry: big mappings are hashed so they
        // stay linear; small ones (nearly all) are scanned.
        let big = entries.len() > 24;
        let mut seen: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            let Some(k) = e.key.as_scalar().filter(|_| !is_merge(e)) else {
                continue;
            };
            let previous = if big {
                match seen.entry(&*k.text) {
                    std::collections::hash_map::Entry::Occupied(o) => Some(*o.get()),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(i);
                        None
                    }
                }
            } else {
                entries[..i].iter().position(|o| {
                    !is_merge(o) && o.key.as_scalar().is_some_and(|x| x.text == k.text)
                })
            };
            if let Some(first) = previous {
                let name = key_text(&e.key);
                self.file.problems.push(Problem {
                    span: e.key.span,
                    message: format!("duplicate key `{name}`: it is already defined in this mapping"),
                    help: Some(
                        "YAML loaders keep only one of them (Compose and GitHub Actions refuse the file); remove or merge one"
                            .into(),
                    ),
                    related: Some((entries[first].key.span, "first defined here".into())),
                    kind: ProblemKind::DuplicateKey,
                });
            }
        }
        drop(seen);
        if !entries.iter().any(is_merge) {
            return entries;
        }
        // Merge keys (rare): the mapping's own entries first, then what the sources add.
        let mut sources = Vec::new();
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            if is_merge(&e) {
                sources.push(e.value);
            } else {
                out.push(e);
            }
        }
        let own_len = out.len();
        let mut seen: std::collections::HashSet<String> = out
            .iter()
            .filter_map(|e| e.key.as_scalar().map(|k| k.text.to_string()))
            .collect();
        for source in sources {
            let maps: Vec<&Node> = match &source.value {
                Value::Map(_) => vec![&source],
                Value::Seq(items) => items.iter().collect(),
                Value::Scalar(_) => Vec::new(),
            };
            for map in maps {
                for e in map.as_map().unwrap_or_default() {
                    let known = match e.key.as_scalar() {
                        Some(k) => seen.contains(&*k.text),
                        None => out.iter().any(|o| o.key.value == e.key.value),
                    };
                    if !known {
                        if let Some(k) = e.key.as_scalar() {
                            seen.insert(k.text.to_string());
                        }
                        out.push(Entry {
                            key: e.key.clone(),
                            value: e.value.clone(),
                            merged: true,
                        });
                    }
                }
            }
        }
        debug_assert!(out.len() >= own_len);
        out
    }

    /// A syntax error in plain words, with the usual causes recognised.
    fn explain(&self, at: usize, info: &str) -> Problem {
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let mut problem = Problem {
            span: Span::new(at, next_char(self.text, at)),
            message: format!("invalid YAML: {info}"),
            help: Some(help_for(info).into()),
            related: None,
            kind: ProblemKind::Syntax,
        };
        if info.contains("mapping values are not allowed")
            && let Some(span) = self.last_plain
            && span.start < line_start
        {
            let text = &self.text[span.start..span.end.min(self.text.len())];
            // A plain value that ran on into the next line, where `key:` then is not allowed.
            if let Some(slash) = text.find("//").filter(|_| !text.contains("://")) {
                let from = span.start + self.text[span.start..].find("//").unwrap_or(slash);
                let comment_end = self.text[from..]
                    .find('\n')
                    .map_or(self.text.len(), |i| from + i);
                problem.span = Span::new(from, comment_end);
                problem.message = "`//` does not start a comment in YAML: the text is part of the value, which then runs on into the next line and makes it invalid".into();
                problem.help = Some("write comments with `#`".into());
            } else {
                problem.span = span;
                problem.message = "this value runs on into the next line, where a `key:` is not allowed inside a plain value".into();
                problem.help =
                    Some("check the indentation of the next line, or quote the value".into());
            }
            problem.related = Some((
                Span::new(at, next_char(self.text, at)),
                "the parser stopped here".into(),
            ));
        } else if let Some(from) = slash_line_near(self.text, line_start) {
            // A `// comment` line of its own: YAML reads it as the start of a key or a value,
            // and the parser stops on it or on the line after it.
            let comment_end = self.text[from..]
                .find('\n')
                .map_or(self.text.len(), |i| from + i);
            let comment_end = from + self.text[from..comment_end].trim_end().len();
            problem.span = Span::new(from, comment_end);
            problem.message = "`//` does not start a comment in YAML: this line is read as a key or a value, which makes the file invalid".into();
            problem.help = Some("write comments with `#`".into());
            problem.related = Some((
                Span::new(at, next_char(self.text, at)),
                "the parser stopped here".into(),
            ));
        }
        problem
    }
}

/// The offset of the `//` that starts the line at `line_start` or the nearest non-blank line
/// above it, when that line holds nothing before the `//` (`// the proxy` between two keys).
/// A URL (`//host`) never is one: the `//` must be followed by a space, another `/` or the end.
fn slash_line_near(text: &str, line_start: usize) -> Option<usize> {
    let starts_with_slashes = |start: usize| {
        let line = &text[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let trimmed = line.trim_start_matches([' ', '\t']);
        let rest = trimmed.strip_prefix("//")?;
        (rest.is_empty() || rest.starts_with([' ', '\t', '/', '\r']))
            .then_some(start + (line.len() - trimmed.len()))
    };
    if let Some(at) = starts_with_slashes(line_start) {
        return Some(at);
    }
    // The nearest non-blank line above.
    let mut end = line_start.checked_sub(1)?;
    loop {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        if !text[start..end].trim().is_empty() {
            return starts_with_slashes(start);
        }
        end = start.checked_sub(1)?;
    }
}

/// What to do about a scan error of saphyr-parser, by its message: specific where the message
/// names the cause, a checklist of the usual causes otherwise.
fn help_for(info: &str) -> &'static str {
    const HELPS: &[(&str, &str)] = &[
        (
            "trailing content after",
            "text after a quoted value must be a comment (`# ...`); quote the whole value instead",
        ),
        ("tab", "indent YAML with spaces, not tabs"),
        (
            "comments must be separated",
            "put a space before the `#`, or quote the value when `#` is part of it",
        ),
        (
            "quoted scalar, found unexpected",
            "this quoted value is never closed: add the closing quote",
        ),
        (
            "escape",
            "in double quotes a backslash starts an escape (`\\n`, `\\\\`): double the backslash, or use single quotes",
        ),
        (
            "hexadecimal number",
            "in double quotes a backslash starts an escape (`\\n`, `\\\\`): double the backslash, or use single quotes",
        ),
        (
            "flow sequence",
            "separate the items with `,` and close the list with `]`; quote an item that contains `[`, `]`, `{`, `}` or `,`",
        ),
        (
            "flow mapping",
            "separate the entries with `,` and close the mapping with `}`; quote a value that contains `[`, `]`, `{`, `}` or `,`",
        ),
        (
            "did not find expected key",
            "check the indentation: the keys of one mapping start at the same column",
        ),
        (
            "expected '-' indicator",
            "check the indentation: the items of one list start with `- ` at the same column",
        ),
        (
            "mapping values are not allowed",
            "a `: ` inside a plain value starts a mapping: quote the value, or check the indentation",
        ),
        (
            "block sequence entries are not allowed",
            "a `- ` item cannot follow a value on its line: put the list on its own lines, indented under its key",
        ),
        (
            "block scalar",
            "indent every line of a `|` or `>` block at least as far as its first line",
        ),
        (
            "anchor",
            "an alias (`*name`) needs an anchor (`&name`) defined earlier in the same document",
        ),
        (
            "simple key",
            "a key and its `:` must be on one line; quote a value that contains `: `",
        ),
        (
            "mapping keys are not allowed",
            "`? ` starts a key here: quote the value when `?` is part of it",
        ),
        (
            "tag",
            "`!` starts a tag here: quote the value when `!` is part of it",
        ),
        (
            "directive",
            "a line starting with `%` is a directive: quote or indent the value it belongs to",
        ),
        (
            "document",
            "`---` and `...` at the start of a line separate documents: indent or quote them inside a value",
        ),
        ("plain scalar cannot start", "quote the value"),
        (
            "unprintable character",
            "remove the control character, or write it as an escape in a double-quoted value",
        ),
        (
            "byte order mark",
            "remove the byte order mark (U+FEFF) from inside the file",
        ),
        (
            "indentation",
            "check the indentation of this line against the lines above it",
        ),
        (
            "recursion limit",
            "the nesting is too deep: flatten the structure",
        ),
    ];
    HELPS
        .iter()
        .find(|(cause, _)| info.contains(cause))
        .map_or(
            "check this line and the one above: the usual causes are a wrong indentation, an unclosed quote or bracket, or a value that needs quoting",
            |(_, help)| help,
        )
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(text: &str, at: usize) -> usize {
        text[..at].matches('\n').count() + 1
    }

    /// Found by the compose fuzz target: a flow sequence whose `]` a `#` comments out, before
    /// an indentation failure further down, panicked in the lenient re-scan.
    #[test]
    fn flow_sequence_commented_shut_does_not_panic() {
        let text = "services:\n  native:\n    ima@eg: alpine:3.19\n    command: [\"sleep\", \"infinity\"#]\n  pinned:\n    image: alpine:3.19\n    platform: ${PINNED_PLATFORM}\n    command: [\"sleep\", \"infinity\"]\n";
        let yaml = parse(text);
        assert!(yaml.has_syntax_error());
    }

    /// A quoted scalar's span ends at its closing quote, whatever follows on the line.
    #[test]
    fn quoted_spans_end_at_the_quote() {
        let text = "a: \"x@v1\" # it's @v2\nb: 'it''s' # 'c'\nc: \"q\\\"r\" # \"\n";
        let yaml = parse(text);
        assert!(yaml.problems.is_empty(), "{:?}", yaml.problems);
        let root = &yaml.documents[0];
        let shown = |p: &str| {
            let n = root.pointer(p).unwrap();
            &text[n.span.start..n.span.end]
        };
        assert_eq!(shown("/a"), "\"x@v1\"");
        assert_eq!(shown("/b"), "'it''s'");
        assert_eq!(shown("/c"), "\"q\\\"r\"");
        // A tagged scalar keeps saphyr's span (from its tag).
        let tagged = parse("u: !!str \"a!b\"\n");
        let u = tagged.documents[0].get("u").unwrap();
        assert_eq!(u.span.end, "u: !!str \"a!b\"".len());
    }

    #[test]
    fn spans_types_and_pointers() {
        let text = "services:\n  web:\n    image: \"nginx:1.27\"\n    ports: [\"80:80\", 8080]\n    privileged: true\n    cpus: 0.5\n";
        let yaml = parse(text);
        assert!(yaml.problems.is_empty(), "{:?}", yaml.problems);
        let root = &yaml.documents[0];
        let image = root.pointer("/services/web/image").unwrap();
        assert_eq!(&text[image.span.start..image.span.end], "\"nginx:1.27\"");
        let key = &root
            .get("services")
            .unwrap()
            .get("web")
            .unwrap()
            .entry("ports")
            .unwrap()
            .key;
        assert_eq!(&text[key.span.start..key.span.end], "ports");
        assert_eq!(
            root.to_json(),
            serde_json::json!({"services": {"web": {"image": "nginx:1.27", "ports": ["80:80", 8080], "privileged": true, "cpus": 0.5}}})
        );
        let ports = root.pointer("/services/web/ports/1").unwrap();
        assert_eq!(&text[ports.span.start..ports.span.end], "8080");
    }

    #[test]
    fn non_ascii_spans_are_bytes() {
        let text = "a: \"é—x\"\nb: ü\n";
        let yaml = parse(text);
        let b = yaml.documents[0].get("b").unwrap();
        assert_eq!(&text[b.span.start..b.span.end], "ü");
    }

    #[test]
    fn duplicate_keys_reported_at_the_second() {
        let text = "a: 1\nb: 2\na: 3\n";
        let yaml = parse(text);
        assert_eq!(yaml.problems.len(), 1);
        let p = &yaml.problems[0];
        assert_eq!(p.kind, ProblemKind::DuplicateKey);
        assert_eq!(line_of(text, p.span.start), 3);
        assert_eq!(line_of(text, p.related.as_ref().unwrap().0.start), 1);
        assert_eq!(yaml.documents[0].get("a").unwrap().as_str(), Some("3"));
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let text = "x: &d {restart: always, image: a}\ny:\n  <<: *d\n  image: b\nz: *d\n";
        let yaml = parse(text);
        assert!(yaml.problems.is_empty(), "{:?}", yaml.problems);
        let json = yaml.documents[0].to_json();
        assert_eq!(
            json["y"],
            serde_json::json!({"image": "b", "restart": "always"})
        );
        assert_eq!(
            json["z"],
            serde_json::json!({"restart": "always", "image": "a"})
        );
        let yaml = parse("a: *nope\n");
        assert!(
            yaml.problems[0].message.contains("anchor"),
            "{:?}",
            yaml.problems
        );
    }

    #[test]
    fn alias_bomb_is_cut_off() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = "abcdefghi";
        for w in names.as_bytes().windows(2) {
            let (prev, next) = (w[0] as char, w[1] as char);
            text.push_str(&format!(
                "{next}: &{next} [{}]\n",
                vec![format!("*{prev}"); 9].join(",")
            ));
        }
        let yaml = parse(&text);
        assert!(yaml.problems.iter().any(|p| p.kind == ProblemKind::Limit));
    }

    #[test]
    fn files_past_the_node_budget_are_cut_off_where_it_is_passed() {
        // 249,999 items and their sequence: exactly the budget.
        let at_budget = format!("[{}1]", "1,".repeat(NODE_BUDGET - 2));
        let yaml = parse(&at_budget);
        assert!(yaml.problems.is_empty(), "{:?}", yaml.problems);
        // 250,001 items: the last one is the node past the budget (the byte before `]`).
        let over = format!("[{}1]", "1,".repeat(NODE_BUDGET));
        let yaml = parse(&over);
        let [p] = &yaml.problems[..] else {
            panic!("{:?}", yaml.problems);
        };
        assert_eq!(p.kind, ProblemKind::TooLarge);
        assert!(yaml.has_syntax_error());
        assert_eq!(p.span.start, over.len() - 2);
        // Documents count too, and aliases count as the nodes they copy.
        let docs = "---\n".repeat(NODE_BUDGET + 1);
        assert_eq!(parse(&docs).problems[0].kind, ProblemKind::TooLarge);
        // 6,000 aliases copy 60,000 nodes, and 200,000 written items follow.
        let aliases = format!(
            "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [{}*a]\nc: [{}1]\n",
            "*a, ".repeat(5_999),
            "1,".repeat(199_999)
        );
        let yaml = parse(&aliases);
        assert_eq!(
            yaml.problems[0].kind,
            ProblemKind::TooLarge,
            "{:?}",
            yaml.problems
        );
    }

    #[test]
    fn deep_nesting_is_a_problem_not_a_crash() {
        let text = "[".repeat(100_000);
        let yaml = parse(&text);
        assert!(yaml.has_syntax_error());
    }

    #[test]
    fn syntax_errors_explained() {
        let text = "services:\n  nginx: // proxy 역할\n    restart: always\n";
        let yaml = parse(text);
        let p = &yaml.problems[0];
        assert_eq!(p.kind, ProblemKind::Syntax);
        assert_eq!(line_of(text, p.span.start), 2);
        assert!(p.message.contains("`//`"), "{}", p.message);
        assert_eq!(&text[p.span.start..p.span.end], "// proxy 역할");

        // A `//` line of its own between two keys: reported on it, not on the key after it.
        let text = "services:\n  web:\n    image: nginx:1.27\n    // the proxy\n    ports: []\n";
        let p = &parse(text).problems[0];
        assert_eq!(line_of(text, p.span.start), 4);
        assert_eq!(&text[p.span.start..p.span.end], "// the proxy");
        // Not a URL-like `//host` line, which is no comment either way.
        let text = "a:\n  b: 1\n  //host/share\n  c: 2\n";
        let p = &parse(text).problems[0];
        assert!(!p.message.contains("`//`"), "{}", p.message);

        let text = "a: \"x\" y\n";
        let p = &parse(text).problems[0];
        assert!(p.message.contains("trailing content"), "{}", p.message);
        assert!(p.help.is_some());
    }

    #[test]
    fn loads_what_libyaml_loads_with_spans_of_the_original() {
        let text = "services:\n  app:\n    command: [\n      \"a\", \"é\"\n    ]\n    x: \"q\n  r\"\n    y: [a,\nb]\n    image: nginx\n";
        let yaml = parse(text);
        assert!(yaml.problems.is_empty(), "{:?}", yaml.problems);
        let root = &yaml.documents[0];
        let at = |p: &str| {
            let n = root.pointer(p).unwrap();
            &text[n.span.start..n.span.end]
        };
        assert_eq!(at("/services/app/command"), "[\n      \"a\", \"é\"\n    ]");
        assert_eq!(at("/services/app/command/1"), "\"é\"");
        assert_eq!(at("/services/app/x"), "\"q\n  r\"");
        assert_eq!(at("/services/app/y/1"), "b");
        assert_eq!(at("/services/app/image"), "nginx");
        assert_eq!(
            root.to_json()["services"]["app"],
            serde_json::json!({"command": ["a", "é"], "x": "q r", "y": ["a", "b"], "image": "nginx"})
        );
        // Many relaxed lines stay cheap: one round per flow line, one for a whole quoted value.
        let lines = 200;
        let text = format!(
            "a: [\n{}]\nb: \"{}\"\n",
            "x,\n".repeat(lines),
            "y\n".repeat(50_000)
        );
        let yaml = parse(&text);
        assert!(yaml.problems.is_empty(), "{:?}", yaml.problems);
        assert_eq!(
            yaml.documents[0]
                .pointer("/a")
                .unwrap()
                .as_seq()
                .unwrap()
                .len(),
            lines
        );
        // A true error past a relaxed line is reported where it is.
        let text = "a: [\nb, c\nd: e\n";
        let p = &parse(text).problems[0];
        assert_eq!(p.kind, ProblemKind::Syntax);
        assert!(line_of(text, p.span.start) >= 3, "{p:?}");
        assert!(p.help.is_some());
    }

    #[test]
    fn core_schema_typing() {
        let typed = |s: &str| {
            let y = parse(&format!("v: {s}\n"));
            y.documents[0].get("v").unwrap().to_json()
        };
        assert_eq!(typed("yes"), serde_json::json!("yes"));
        assert_eq!(typed("2.4"), serde_json::json!(2.4));
        assert_eq!(typed("\"3\""), serde_json::json!("3"));
        assert_eq!(typed("0x1F"), serde_json::json!(31));
        assert_eq!(typed("~"), serde_json::Value::Null);
        assert_eq!(typed("80:80"), serde_json::json!("80:80"));
        assert_eq!(typed("1e3"), serde_json::json!(1000.0));
    }

    #[test]
    fn multiple_documents() {
        let yaml = parse("a: 1\n---\nb: 2\n");
        assert_eq!(yaml.documents.len(), 2);
    }
}
