//! GitHub Actions expressions (the text inside `${{ }}`, and `if:` conditions): a lexer and a
//! recursive-descent parser into a tree where every node has a byte span in the parsed text,
//! plus [`find`], which finds where each `${{ ... }}` of a string ends the way GitHub does
//! (a `}}` inside a string literal does not close it).
//!
//! The language, as GitHub documents it: literals `null`, `true`, `false`, numbers (JSON
//! numbers, `0xff` hex, `-2.99e-2`), strings in single quotes (`''` is a quote); context
//! names and function calls; `.name`, `.*`, `[expr]` and `[*]`; and the operators below, from
//! the tightest to the loosest. Names of contexts, properties and functions ignore case.
//!
//! | operators | |
//! |---|---|
//! | `( )` `[ ]` `.` | grouping, index, property |
//! | `!` | not |
//! | `<` `<=` `>` `>=` | comparison |
//! | `==` `!=` | equality |
//! | `&&` | and |
//! | `\|\|` | or |

use crate::diagnostic::Span;

/// Deepest nesting accepted (parentheses, `!`, calls, indexes), GitHub's own limit.
pub const MAX_DEPTH: usize = 50;
/// Longest expression accepted, in characters, GitHub's own limit (it also bounds the trees
/// this parser builds).
pub const MAX_LENGTH: usize = 21_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub span: Span,
    pub kind: ExprKind,
}

// Numbers come from the parser only (no NaN), so equality is total.
impl Eq for Expr {}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Number(f64),
    /// A string literal, unescaped.
    String(String),
    /// A context name (`github`), as written.
    Context(String),
    /// `object.name`; `name_span` covers the name.
    Property {
        object: Box<Expr>,
        name: String,
        name_span: Span,
    },
    /// `object.*`
    PropertyStar(Box<Expr>),
    /// `object[index]`
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    /// `object[*]`
    IndexStar(Box<Expr>),
    /// `name(args...)`; `name_span` covers the name.
    Call {
        name: String,
        name_span: Span,
        args: Vec<Expr>,
    },
    Not(Box<Expr>),
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl BinaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Or => "||",
            BinaryOp::And => "&&",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
        }
    }
}

/// Why an expression does not parse, and where (a span in the parsed text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
}

impl ParseError {
    fn new(span: Span, message: impl Into<String>) -> ParseError {
        ParseError {
            span,
            message: message.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Ident(String),
    Dot,
    Star,
    Comma,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Not,
    Op(BinaryOp),
    End,
}

impl Tok {
    fn describe(&self, text: &str) -> String {
        match self {
            Tok::End => "end of the expression".to_string(),
            Tok::String(_) => "a string".to_string(),
            Tok::Number(_) => format!("the number `{text}`"),
            _ => format!("`{text}`"),
        }
    }
}

struct Token {
    tok: Tok,
    span: Span,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// A number as GitHub reads one: a JSON number, optionally signed, or `0x` hex.
fn number(word: &str) -> Option<f64> {
    let (negative, digits) = match word.as_bytes().first() {
        Some(b'-') => (true, &word[1..]),
        Some(b'+') => (false, &word[1..]),
        _ => (false, word),
    };
    let sign = if negative { -1.0 } else { 1.0 };
    if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) || hex.len() > 16 {
            return None;
        }
        return u64::from_str_radix(hex, 16).ok().map(|v| sign * v as f64);
    }
    let b = digits.as_bytes();
    let mut i = 0;
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if frac == 0 {
            return None;
        }
        i += frac;
    }
    if int + frac == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return None;
        }
        i += exp;
    }
    if i != b.len() {
        return None;
    }
    digits
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| sign * v)
}

fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    let b = text.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let after_dot = matches!(out.last(), Some(Token { tok: Tok::Dot, .. }));
        let tok = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'\'' => {
                let mut value = String::new();
                let mut j = i + 1;
                loop {
                    match b.get(j) {
                        None => {
                            return Err(ParseError::new(
                                Span::new(start, text.len()),
                                "unterminated string: a string started here has no closing `'`",
                            ));
                        }
                        Some(b'\'') if b.get(j + 1) == Some(&b'\'') => {
                            value.push('\'');
                            j += 2;
                        }
                        Some(b'\'') => break,
                        Some(_) => {
                            let next = text[j..].find('\'').map_or(text.len(), |k| j + k);
                            value.push_str(&text[j..next]);
                            j = next;
                        }
                    }
                }
                i = j + 1;
                Tok::String(value)
            }
            b'"' => {
                return Err(ParseError::new(
                    Span::new(i, i + 1),
                    "unexpected `\"`: strings in expressions are written in single quotes",
                ));
            }
            _ if after_dot && is_ident(c) => {
                // A property name may be any word, keywords too (`inputs.true`).
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                Tok::Ident(text[start..i].to_string())
            }
            _ if is_ident_start(c) => {
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                match text[start..i].to_ascii_lowercase().as_str() {
                    "null" => Tok::Null,
                    "true" => Tok::Bool(true),
                    "false" => Tok::Bool(false),
                    _ => Tok::Ident(text[start..i].to_string()),
                }
            }
            _ if c.is_ascii_digit()
                || (matches!(c, b'-' | b'+' | b'.')
                    && b.get(i + 1)
                        .is_some_and(|d| d.is_ascii_digit() || *d == b'.')) =>
            {
                i += 1;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
                        || b[i] == b'.'
                        || (matches!(b[i], b'-' | b'+') && matches!(b[i - 1], b'e' | b'E')))
                {
                    i += 1;
                }
                let word = &text[start..i];
                match number(word) {
                    Some(v) => Tok::Number(v),
                    None => {
                        return Err(ParseError::new(
                            Span::new(start, i),
                            format!("`{word}` is not a number"),
                        ));
                    }
                }
            }
            _ => {
                let two = b.get(i + 1).copied();
                let (tok, len) = match (c, two) {
                    (b'=', Some(b'=')) => (Tok::Op(BinaryOp::Eq), 2),
                    (b'!', Some(b'=')) => (Tok::Op(BinaryOp::Ne), 2),
                    (b'<', Some(b'=')) => (Tok::Op(BinaryOp::Le), 2),
                    (b'>', Some(b'=')) => (Tok::Op(BinaryOp::Ge), 2),
                    (b'&', Some(b'&')) => (Tok::Op(BinaryOp::And), 2),
                    (b'|', Some(b'|')) => (Tok::Op(BinaryOp::Or), 2),
                    (b'<', _) => (Tok::Op(BinaryOp::Lt), 1),
                    (b'>', _) => (Tok::Op(BinaryOp::Gt), 1),
                    (b'!', _) => (Tok::Not, 1),
                    (b'.', _) => (Tok::Dot, 1),
                    (b'*', _) => (Tok::Star, 1),
                    (b',', _) => (Tok::Comma, 1),
                    (b'(', _) => (Tok::LParen, 1),
                    (b')', _) => (Tok::RParen, 1),
                    (b'[', _) => (Tok::LBracket, 1),
                    (b']', _) => (Tok::RBracket, 1),
                    _ => {
                        let ch = text[i..].chars().next().unwrap_or('?');
                        let hint = match c {
                            b'=' => ": compare with `==`",
                            b'&' => ": `and` is `&&`",
                            b'|' => ": `or` is `||`",
                            _ => "",
                        };
                        return Err(ParseError::new(
                            Span::new(i, i + ch.len_utf8()),
                            format!("unexpected `{ch}`{hint}"),
                        ));
                    }
                };
                i += len;
                tok
            }
        };
        out.push(Token {
            tok,
            span: Span::new(start, i),
        });
    }
    out.push(Token {
        tok: Tok::End,
        span: Span::new(text.len(), text.len()),
    });
    Ok(out)
}

struct Parser<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

/// Parses an expression (the text between `${{` and `}}`, or an `if:` condition).
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    if text.len() > MAX_LENGTH && text.chars().count() > MAX_LENGTH {
        return Err(ParseError::new(
            Span::new(0, text.len()),
            format!("the expression is longer than {MAX_LENGTH} characters"),
        ));
    }
    let tokens = lex(text)?;
    let mut p = Parser {
        text,
        tokens,
        at: 0,
        depth: 0,
    };
    if p.peek() == &Tok::End {
        return Err(ParseError::new(
            Span::new(0, text.len()),
            "empty expression: an expression was expected",
        ));
    }
    let expr = p.or()?;
    match p.peek() {
        Tok::End => Ok(expr),
        _ => Err(p.unexpected("")),
    }
}

impl Parser<'_> {
    fn peek(&self) -> &Tok {
        // The token list always ends with `End`, and `at` never passes it.
        &self.tokens[self.at.min(self.tokens.len() - 1)].tok
    }

    fn span(&self) -> Span {
        self.tokens[self.at.min(self.tokens.len() - 1)].span
    }

    fn bump(&mut self) -> Span {
        let span = self.span();
        if self.at + 1 < self.tokens.len() {
            self.at += 1;
        }
        span
    }

    fn unexpected(&self, wanted: &str) -> ParseError {
        let span = self.span();
        let written = self.text.get(span.start..span.end).unwrap_or("");
        let what = self.peek().describe(written);
        let word = written.to_ascii_lowercase();
        let message = match self.peek() {
            Tok::Ident(_) if matches!(word.as_str(), "and" | "or" | "not") => {
                let op = match word.as_str() {
                    "and" => "&&",
                    "or" => "||",
                    _ => "!",
                };
                format!("unexpected `{written}`: `{word}` is written `{op}`")
            }
            _ if wanted.is_empty() => format!("unexpected {what}"),
            _ => format!("unexpected {what}: expected {wanted}"),
        };
        ParseError::new(span, message)
    }

    fn deeper(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::new(
                self.span(),
                format!("the expression nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    fn binary(
        &mut self,
        ops: &[BinaryOp],
        next: fn(&mut Self) -> Result<Expr, ParseError>,
    ) -> Result<Expr, ParseError> {
        let mut left = next(self)?;
        while let Tok::Op(op) = *self.peek() {
            if !ops.contains(&op) {
                break;
            }
            self.bump();
            let right = next(self)?;
            left = Expr {
                span: Span::new(left.span.start, right.span.end),
                kind: ExprKind::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                },
            };
        }
        Ok(left)
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        self.binary(&[BinaryOp::Or], Self::and)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        self.binary(&[BinaryOp::And], Self::equality)
    }

    fn equality(&mut self) -> Result<Expr, ParseError> {
        self.binary(&[BinaryOp::Eq, BinaryOp::Ne], Self::comparison)
    }

    fn comparison(&mut self) -> Result<Expr, ParseError> {
        self.binary(
            &[BinaryOp::Lt, BinaryOp::Le, BinaryOp::Gt, BinaryOp::Ge],
            Self::unary,
        )
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.peek() != &Tok::Not {
            return self.postfix();
        }
        let start = self.bump().start;
        self.deeper()?;
        let operand = self.unary()?;
        self.depth -= 1;
        Ok(Expr {
            span: Span::new(start, operand.span.end),
            kind: ExprKind::Not(Box::new(operand)),
        })
    }

    fn postfix(&mut self) -> Result<Expr, ParseError> {
        let mut expr = self.primary()?;
        loop {
            let start = expr.span.start;
            match self.peek() {
                Tok::Dot => {
                    self.bump();
                    let span = self.span();
                    let kind = match self.peek().clone() {
                        Tok::Star => ExprKind::PropertyStar(Box::new(expr)),
                        Tok::Ident(name) => ExprKind::Property {
                            object: Box::new(expr),
                            name,
                            name_span: span,
                        },
                        _ => return Err(self.unexpected("a property name or `*` after `.`")),
                    };
                    self.bump();
                    expr = Expr {
                        span: Span::new(start, span.end),
                        kind,
                    };
                }
                Tok::LBracket => {
                    self.bump();
                    let kind = if self.peek() == &Tok::Star {
                        self.bump();
                        ExprKind::IndexStar(Box::new(expr))
                    } else {
                        self.deeper()?;
                        let index = self.or()?;
                        self.depth -= 1;
                        ExprKind::Index {
                            object: Box::new(expr),
                            index: Box::new(index),
                        }
                    };
                    if self.peek() != &Tok::RBracket {
                        return Err(self.unexpected("`]`"));
                    }
                    let end = self.bump().end;
                    expr = Expr {
                        span: Span::new(start, end),
                        kind,
                    };
                }
                _ => return Ok(expr),
            }
        }
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let span = self.span();
        let kind = match self.peek().clone() {
            Tok::Null => ExprKind::Null,
            Tok::Bool(v) => ExprKind::Bool(v),
            Tok::Number(v) => ExprKind::Number(v),
            Tok::String(s) => ExprKind::String(s),
            Tok::Ident(name) => {
                self.bump();
                if self.peek() != &Tok::LParen {
                    return Ok(Expr {
                        span,
                        kind: ExprKind::Context(name),
                    });
                }
                self.bump();
                self.deeper()?;
                let mut args = Vec::new();
                if self.peek() != &Tok::RParen {
                    loop {
                        args.push(self.or()?);
                        match self.peek() {
                            Tok::Comma => {
                                self.bump();
                            }
                            Tok::RParen => break,
                            _ => return Err(self.unexpected("`,` or `)`")),
                        }
                    }
                }
                self.depth -= 1;
                let end = self.bump().end;
                return Ok(Expr {
                    span: Span::new(span.start, end),
                    kind: ExprKind::Call {
                        name,
                        name_span: span,
                        args,
                    },
                });
            }
            Tok::LParen => {
                self.bump();
                self.deeper()?;
                let inner = self.or()?;
                self.depth -= 1;
                if self.peek() != &Tok::RParen {
                    return Err(self.unexpected("`)`"));
                }
                let end = self.bump().end;
                // The group keeps the inner node, widened to the parentheses.
                return Ok(Expr {
                    span: Span::new(span.start, end),
                    kind: inner.kind,
                });
            }
            _ => return Err(self.unexpected("a value")),
        };
        self.bump();
        Ok(Expr { span, kind })
    }
}

/// One `${{ ... }}` of a string: where it starts, and where its `}}` is (`None`: never closed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// Offset of `${{`.
    pub open: usize,
    /// Offset of the closing `}}`.
    pub close: Option<usize>,
}

/// Every `${{ ... }}` in `text`, closed as GitHub closes them: at the first `}}` outside a
/// single-quoted string (`${{ '}}' }}` is one expression). An unclosed one ends the list.
pub fn find(text: &str) -> Vec<Found> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text
        .get(from..)
        .and_then(|t| t.find("${{"))
        .map(|i| from + i)
    {
        let mut in_string = false;
        let mut close = None;
        let mut i = open + 3;
        while i < b.len() {
            match b[i] {
                b'\'' => in_string = !in_string,
                b'}' if !in_string && b.get(i + 1) == Some(&b'}') => {
                    close = Some(i);
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        out.push(Found { open, close });
        match close {
            Some(c) => from = c + 2,
            None => break,
        }
    }
    out
}

impl Expr {
    /// Every node of the tree, this one first (iterative: no recursion on deep trees).
    pub fn walk(&self) -> Vec<&Expr> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            out.push(e);
            e.push_children(&mut stack);
        }
        out
    }

    /// Pushes the node's operands onto a walk's stack, the last first, so they pop in
    /// source order.
    fn push_children<'e>(&'e self, stack: &mut Vec<&'e Expr>) {
        match &self.kind {
            ExprKind::Property { object, .. }
            | ExprKind::PropertyStar(object)
            | ExprKind::IndexStar(object)
            | ExprKind::Not(object) => stack.push(object),
            ExprKind::Index { object, index } => {
                stack.push(index);
                stack.push(object);
            }
            ExprKind::Call { args, .. } => stack.extend(args.iter().rev()),
            ExprKind::Binary { left, right, .. } => {
                stack.push(right);
                stack.push(left);
            }
            _ => {}
        }
    }

    /// The context path this node reads when it is a chain of properties and indexes on a
    /// context name: its segments, lowercased, with indexes that are not a literal name
    /// written as `*` (`github.event.commits[0].message` → `github`, `event`, `commits`, `*`,
    /// `message`), each with the span of the name or index. `None` for anything else (a call,
    /// a literal, an operator).
    pub fn segments(&self) -> Option<Vec<(String, Span)>> {
        let mut segments = Vec::new();
        let mut e = self;
        loop {
            match &e.kind {
                ExprKind::Context(name) => {
                    segments.push((name.to_ascii_lowercase(), e.span));
                    segments.reverse();
                    return Some(segments);
                }
                ExprKind::Property {
                    object,
                    name,
                    name_span,
                } => {
                    segments.push((name.to_ascii_lowercase(), *name_span));
                    e = object;
                }
                ExprKind::Index { object, index } => {
                    let name = match &index.kind {
                        ExprKind::String(s)
                            if s.bytes().next().is_some_and(is_ident_start)
                                && s.bytes().all(is_ident) =>
                        {
                            s.to_ascii_lowercase()
                        }
                        _ => "*".to_string(),
                    };
                    segments.push((name, index.span));
                    e = object;
                }
                ExprKind::PropertyStar(object) | ExprKind::IndexStar(object) => {
                    let star = Span::new(e.span.end.saturating_sub(1), e.span.end);
                    segments.push(("*".to_string(), star));
                    e = object;
                }
                _ => return None,
            }
        }
    }

    /// [`Expr::segments`] without the spans.
    pub fn path(&self) -> Option<Vec<String>> {
        self.segments()
            .map(|s| s.into_iter().map(|(name, _)| name).collect())
    }

    /// The longest context paths the expression reads, in source order: `a.b[c.d].e` reads
    /// `a.b.*.e` and `c.d`.
    pub fn path_nodes(&self) -> Vec<&Expr> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            if e.path().is_some() {
                out.push(e);
                // Indexes inside the path read paths of their own.
                let mut inner = e;
                loop {
                    match &inner.kind {
                        ExprKind::Property { object, .. }
                        | ExprKind::PropertyStar(object)
                        | ExprKind::IndexStar(object) => inner = object,
                        ExprKind::Index { object, index } => {
                            stack.push(index);
                            inner = object;
                        }
                        _ => break,
                    }
                }
                continue;
            }
            e.push_children(&mut stack);
        }
        out.sort_by_key(|e| e.span.start);
        out
    }

    /// Whether the value is a boolean whatever the inputs: a comparison, `!`, a boolean
    /// literal, `contains`/`startsWith`/`endsWith` or a status function; or `&&`/`||` of such.
    pub fn is_boolean(&self) -> bool {
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            let boolean = match &e.kind {
                ExprKind::Bool(_) | ExprKind::Not(_) => true,
                ExprKind::Binary { op, left, right } => {
                    if matches!(op, BinaryOp::And | BinaryOp::Or) {
                        stack.push(left);
                        stack.push(right);
                    }
                    true
                }
                ExprKind::Call { name, .. } => BOOLEAN_FUNCTIONS
                    .iter()
                    .any(|f| f.eq_ignore_ascii_case(name)),
                _ => false,
            };
            if !boolean {
                return false;
            }
        }
        true
    }

    /// The context paths whose values can become the expression's value (what `${{ }}`
    /// expands to), with their spans, in source order. A path only compared, tested with
    /// `contains`, used as an index, hashed, or on the left of `&&` (whose value is then falsy:
    /// empty) does not reach it: in `contains(a, 'x') && b.c || format('{0}', d)`, `b.c` and
    /// `d` do.
    pub fn value_paths(&self) -> Vec<(String, Span)> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            if let Some(path) = e.path() {
                out.push((path.join("."), e.span));
                continue;
            }
            match &e.kind {
                ExprKind::Property { object, .. }
                | ExprKind::PropertyStar(object)
                | ExprKind::IndexStar(object)
                | ExprKind::Index { object, .. } => stack.push(object),
                ExprKind::Binary {
                    op: BinaryOp::Or,
                    left,
                    right,
                } => {
                    stack.push(right);
                    stack.push(left);
                }
                ExprKind::Binary {
                    op: BinaryOp::And,
                    right,
                    ..
                } => stack.push(right),
                ExprKind::Call { name, args, .. } => {
                    let name = name.to_ascii_lowercase();
                    if name == "case" {
                        // case(predicate, value, ..., default): the values and the default.
                        let last = args.len().saturating_sub(1);
                        stack.extend(
                            args.iter()
                                .enumerate()
                                .filter(|(i, _)| i % 2 == 1 || *i == last)
                                .map(|(_, a)| a),
                        );
                    } else if name != "hashfiles"
                        && !BOOLEAN_FUNCTIONS
                            .iter()
                            .any(|f| f.eq_ignore_ascii_case(&name))
                    {
                        stack.extend(args.iter());
                    }
                }
                _ => {}
            }
        }
        out.sort_by_key(|(_, s)| s.start);
        out
    }
}

/// Functions whose value is always a boolean.
const BOOLEAN_FUNCTIONS: [&str; 7] = [
    "contains",
    "startsWith",
    "endsWith",
    "success",
    "always",
    "cancelled",
    "failure",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as a compact string: `(op a b)`, `!a`, `f(a,b)`, `a.b`, `a[b]`.
    fn show(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Null => "null".into(),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::Number(n) => n.to_string(),
            ExprKind::String(s) => format!("'{s}'"),
            ExprKind::Context(n) => n.clone(),
            ExprKind::Property { object, name, .. } => format!("{}.{name}", show(object)),
            ExprKind::PropertyStar(o) => format!("{}.*", show(o)),
            ExprKind::Index { object, index } => format!("{}[{}]", show(object), show(index)),
            ExprKind::IndexStar(o) => format!("{}[*]", show(o)),
            ExprKind::Call { name, args, .. } => format!(
                "{name}({})",
                args.iter().map(show).collect::<Vec<_>>().join(",")
            ),
            ExprKind::Not(o) => format!("!{}", show(o)),
            ExprKind::Binary { op, left, right } => {
                format!("({} {} {})", op.as_str(), show(left), show(right))
            }
        }
    }

    fn p(text: &str) -> String {
        show(&parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}")))
    }

    fn err(text: &str) -> (usize, String) {
        let e = parse(text).expect_err(text);
        (e.span.start, e.message)
    }

    #[test]
    fn precedence() {
        assert_eq!(p("a || b && c"), "(|| a (&& b c))");
        assert_eq!(p("a && b || c"), "(|| (&& a b) c)");
        assert_eq!(p("a == b && c != d"), "(&& (== a b) (!= c d))");
        assert_eq!(p("a < b == c >= d"), "(== (< a b) (>= c d))");
        assert_eq!(p("!a == b"), "(== !a b)");
        assert_eq!(p("!2 < 3"), "(< !2 3)");
        assert_eq!(p("!foo.bar"), "!foo.bar");
        assert_eq!(p("(!foo).bar"), "!foo.bar");
        assert_eq!(p("!(a || b)"), "!(|| a b)");
        assert_eq!(p("!!a"), "!!a");
        assert_eq!(p("a || b || c"), "(|| (|| a b) c)");
        assert_eq!(p("3 > foo['bar']"), "(> 3 foo['bar'])");
    }

    #[test]
    fn postfix_and_calls() {
        assert_eq!(
            p("github.event.commits[0].message"),
            "github.event.commits[0].message"
        );
        assert_eq!(p("a.*.b[*]"), "a.*.b[*]");
        assert_eq!(
            p("fromJSON(steps.x.outputs.list)[0].name"),
            "fromJSON(steps.x.outputs.list)[0].name"
        );
        assert_eq!(p("format('{0}', a, b-c)"), "format('{0}',a,b-c)");
        assert_eq!(p("success()"), "success()");
        assert_eq!(p("inputs.true"), "inputs.true");
        assert_eq!(p("steps.build-1.outputs.x_y"), "steps.build-1.outputs.x_y");
    }

    #[test]
    fn literals() {
        assert_eq!(p("null"), "null");
        assert_eq!(p("TRUE"), "true");
        assert_eq!(p("711"), "711");
        assert_eq!(p("-9.2"), "-9.2");
        assert_eq!(p("0xff"), "255");
        assert_eq!(p("-2.99e-2"), "-0.0299");
        assert_eq!(p("1E3"), "1000");
        assert_eq!(p("'It''s open source!'"), "'It's open source!'");
        assert_eq!(p("''"), "''");
        assert_eq!(p("'}}'"), "'}}'");
        assert_eq!(p("'naïve'"), "'naïve'");
    }

    #[test]
    fn errors_with_offsets() {
        assert_eq!(
            err("a == )"),
            (5, "unexpected `)`: expected a value".into())
        );
        assert_eq!(
            err("x == 'abc"),
            (
                5,
                "unterminated string: a string started here has no closing `'`".into()
            )
        );
        assert_eq!(
            err("a == \"b\""),
            (
                5,
                "unexpected `\"`: strings in expressions are written in single quotes".into()
            )
        );
        assert_eq!(
            err("a = b"),
            (2, "unexpected `=`: compare with `==`".into())
        );
        assert_eq!(err("a b"), (2, "unexpected `b`".into()));
        assert_eq!(
            err("a and b"),
            (2, "unexpected `and`: `and` is written `&&`".into())
        );
        assert_eq!(
            err("f(a"),
            (
                3,
                "unexpected end of the expression: expected `,` or `)`".into()
            )
        );
        assert_eq!(
            err("(a"),
            (2, "unexpected end of the expression: expected `)`".into())
        );
        assert_eq!(
            err("a."),
            (
                2,
                "unexpected end of the expression: expected a property name or `*` after `.`"
                    .into()
            )
        );
        assert_eq!(
            err("a[0"),
            (3, "unexpected end of the expression: expected `]`".into())
        );
        assert_eq!(err("1.2.3"), (0, "`1.2.3` is not a number".into()));
        assert_eq!(err("a &"), (2, "unexpected `&`: `and` is `&&`".into()));
        assert_eq!(
            err("  "),
            (0, "empty expression: an expression was expected".into())
        );
        assert_eq!(
            err("a ||"),
            (
                4,
                "unexpected end of the expression: expected a value".into()
            )
        );
        assert_eq!(err("é"), (0, "unexpected `é`".into()));
    }

    #[test]
    fn depth_is_capped() {
        let ok = format!("{}a{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&deep).unwrap_err().message.contains("deeper"));
        assert!(
            parse(&"!".repeat(10_000))
                .unwrap_err()
                .message
                .contains("deeper")
        );
        assert!(
            parse(&format!("{}a", "f(".repeat(10_000)))
                .unwrap_err()
                .message
                .contains("deeper")
        );
        assert!(
            parse(&format!("a{}", "[a".repeat(10_000)))
                .unwrap_err()
                .message
                .contains("deeper")
        );
        assert!(
            parse(&"a||".repeat(100_000))
                .unwrap_err()
                .message
                .contains("longer")
        );
        // Long flat chains are not nesting.
        let chain = vec!["a"; 5_000].join("||");
        assert!(parse(&chain).unwrap().value_paths().len() == 5_000);
        assert!(!parse(&chain).unwrap().is_boolean());
        assert!(parse(&format!("a{}", ".b".repeat(10_000))).is_ok());
    }

    #[test]
    fn no_panic_on_random_bytes() {
        // A small deterministic generator over the characters that matter.
        let alphabet = b"ab_-.*[](),!<>=&|' \"0x9e+\xc3\xa9}{$";
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut bytes = Vec::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for k in 0..(state % 24) {
                let r = state.rotate_left(k as u32 * 5);
                bytes.push(alphabet[(r % alphabet.len() as u64) as usize]);
            }
            let text = String::from_utf8_lossy(&bytes);
            if let Err(e) = parse(&text) {
                assert!(e.span.start <= text.len() && e.span.end <= text.len());
                assert!(text.is_char_boundary(e.span.start), "{text:?} {e:?}");
            }
            let _ = find(&text);
        }
    }

    #[test]
    fn paths_and_booleans() {
        let e =
            parse("github.event.commits[0].message || format('{0}', inputs['my-x'], a.b[c.d].e)")
                .unwrap();
        let paths: Vec<String> = e
            .path_nodes()
            .into_iter()
            .filter_map(|n| Some(n.path()?.join(".")))
            .collect();
        assert_eq!(
            paths,
            [
                "github.event.commits.*.message",
                "inputs.my-x",
                "a.b.*.e",
                "c.d"
            ]
        );
        assert!(parse("a == 'b'").unwrap().is_boolean());
        assert!(parse("!cancelled()").unwrap().is_boolean());
        assert!(parse("contains(a, 'b') && b < 1").unwrap().is_boolean());
        assert!(!parse("github.head_ref || '<none>'").unwrap().is_boolean());
        assert!(!parse("a && b").unwrap().is_boolean());
        let flows = |text: &str| -> Vec<String> {
            parse(text)
                .unwrap()
                .value_paths()
                .into_iter()
                .map(|(p, _)| p)
                .collect()
        };
        assert_eq!(
            flows("contains(a, 'x') && b.c || format('{0}', d[e.f])"),
            ["b.c", "d.*"]
        );
        assert_eq!(flows("a.b == 'x' && 'yes' || 'no'"), Vec::<String>::new());
        assert_eq!(flows("fromJSON(a.b).c"), ["a.b"]);
        assert_eq!(flows("case(a == 1, b, c, d, e)"), ["b", "d", "e"]);
        assert_eq!(flows("hashFiles(a) || !b"), Vec::<String>::new());
    }

    #[test]
    fn finds_expressions_as_github_does() {
        let text = "a ${{ '}}' }} b ${{ x }}${{ 'it''s' }} ${{ open";
        let found = find(text);
        let spans: Vec<(&str, bool)> = found
            .iter()
            .map(|f| match f.close {
                Some(c) => (&text[f.open + 3..c], true),
                None => (&text[f.open + 3..], false),
            })
            .collect();
        assert_eq!(
            spans,
            [
                (" '}}' ", true),
                (" x ", true),
                (" 'it''s' ", true),
                (" open", false)
            ]
        );
    }
}
