//! Text -> [`Dockerfile`], following BuildKit's `parser.Parse` line by line: parser directives,
//! comments (also inside continuations), escape-token continuations, empty continuation lines,
//! heredocs and the per-instruction argument parsers. Unlike BuildKit it never stops at the first
//! error: each problem is recorded with its span and parsing goes on.

use super::ast::*;
use super::words::{
    JsonArgsError, Piece, extract_flags, parse_json_array, parse_words, split_first,
    split_whitespace_delimited, trim_space,
};
use crate::diagnostic::Span;
use std::ops::Range;

/// One physical line: content range (without `\r\n`) and 1-based number.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    number: usize,
}

/// Lines of a Dockerfile the parser reads: the largest real Dockerfiles have a few thousand
/// (BuildKit stops a stage at about 125 layers), and memory grows with every line and instruction
/// kept, so a 10 MB file of a million short lines would need half a gigabyte. Past this, the
/// rest of the file is not parsed, and [`Dockerfile::truncated`] says where that starts
/// (reported by DF102).
pub const MAX_LINES: usize = 100_000;

/// The first `limit` lines, and where the text they leave out starts.
fn physical_lines(text: &str, from: usize, limit: usize) -> (Vec<Line>, Option<usize>) {
    let bytes = text.as_bytes();
    let count = bytes[from..].iter().filter(|&&b| b == b'\n').count() + 1;
    let mut lines = Vec::with_capacity(count.min(limit));
    let mut start = from;
    let mut number = text[..from].matches('\n').count() + 1;
    while start < text.len() {
        if lines.len() == limit {
            return (lines, Some(start));
        }
        let nl = memchr(bytes, b'\n', start).unwrap_or(text.len());
        let mut end = nl;
        while end > start && matches!(bytes[end - 1], b'\r' | b'\n') {
            end -= 1;
        }
        lines.push(Line { start, end, number });
        number += 1;
        start = nl + 1;
    }
    (lines, None)
}

fn memchr(bytes: &[u8], needle: u8, from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == needle)
        .map(|i| from + i)
}

/// A logical line: physical segments joined after removing continuations, with a map back to
/// source offsets.
#[derive(Default)]
struct Logical {
    text: String,
    /// (offset in `text`, offset in source) where each segment starts.
    segments: Vec<(usize, usize)>,
}

impl Logical {
    fn push(&mut self, source: &str, range: Range<usize>) {
        self.segments.push((self.text.len(), range.start));
        self.text.push_str(&source[range]);
    }

    fn source_offset(&self, offset: usize) -> usize {
        let i = self
            .segments
            .partition_point(|&(logical, _)| logical <= offset)
            .saturating_sub(1);
        let (logical, source) = self.segments.get(i).copied().unwrap_or((0, 0));
        source + offset.saturating_sub(logical)
    }

    fn span(&self, range: Range<usize>) -> Span {
        if range.is_empty() {
            Span::empty(self.source_offset(range.start))
        } else {
            Span::new(
                self.source_offset(range.start),
                self.source_offset(range.end - 1) + 1,
            )
        }
    }

    /// Segment starts relative to `range.start`, for mapping offsets inside a sub-range.
    fn segments_within(&self, range: Range<usize>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, &(logical, source)) in self.segments.iter().enumerate() {
            let next = self.segments.get(i + 1).map_or(self.text.len(), |s| s.0);
            let lo = logical.max(range.start);
            let hi = next.min(range.end);
            if lo < hi || (out.is_empty() && lo == hi && lo == range.start) {
                out.push((lo - range.start, source + (lo - logical)));
            }
        }
        out
    }

    fn word(&self, piece: Piece) -> Word {
        Word {
            span: self.span(piece.range),
            value: piece.value,
        }
    }

    fn word_at(&self, range: Range<usize>) -> Word {
        Word {
            value: self.text[range.clone()].to_string(),
            span: self.span(range),
        }
    }
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`: name and value ranges within `line`.
fn match_directive(line: &str) -> Option<(Range<usize>, Range<usize>)> {
    let body = line.strip_prefix('#')?;
    let name_start = 1 + (body.len() - body.trim_start().len());
    let rest = &line[name_start..];
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let after_name = &rest[name_len..];
    let eq = after_name.trim_start();
    let eq = eq.strip_prefix('=')?;
    let value = eq.trim();
    if value.is_empty() {
        return None;
    }
    let value_start = line.len() - eq.len() + (eq.len() - eq.trim_start().len());
    Some((
        name_start..name_start + name_len,
        value_start..value_start + value.len(),
    ))
}

const DIRECTIVES: [&str; 3] = ["syntax", "escape", "check"];

/// `([^\\])\\[ \t]*$|^\\[ \t]*$`: a trailing escape token is a continuation unless another escape
/// token stands right before it. Returns the kept length of `line`.
fn continuation(line: &str, escape: char) -> Option<usize> {
    let trimmed = line.trim_end_matches([' ', '\t']);
    let before = trimmed.strip_suffix(escape)?;
    if before.ends_with(escape) {
        return None;
    }
    Some(before.len())
}

struct Parser<'a> {
    text: &'a str,
    lines: Vec<Line>,
    next: usize,
    escape: char,
    directives_done: bool,
    out: Dockerfile,
}

/// Parses a Dockerfile. A leading UTF-8 BOM is skipped; spans stay relative to `text`. Reads the
/// first [`MAX_LINES`] lines.
pub fn parse(text: &str) -> Dockerfile {
    parse_with_limit(text, MAX_LINES)
}

/// [`parse`] reading the first `limit` lines (at least one).
pub fn parse_with_limit(text: &str, limit: usize) -> Dockerfile {
    let from = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (lines, truncated) = physical_lines(text, from, limit.max(1));
    // Every instruction starts on a line of its own: the vector never grows past this, and is
    // never copied while it grows (doubling held 1.5 times the final size, plus the copy).
    let instructions = Vec::with_capacity(lines.len());
    let mut p = Parser {
        text,
        lines,
        next: 0,
        escape: '\\',
        directives_done: false,
        out: Dockerfile {
            escape: '\\',
            instructions,
            ..Dockerfile::default()
        },
    };
    p.run();
    p.out.escape = p.escape;
    p.out.truncated = truncated.map(|start| Truncated {
        start,
        line: p.lines.last().map_or(1, |l| l.number + 1),
        lines_left: text[start..].lines().count(),
    });
    // The tree lives as long as the lint: a small file's spare capacity (one slot per comment,
    // continuation or heredoc line) goes. A big file's spare slots were never written, so they
    // are address space rather than memory; shrinking would copy the whole vector (the allocator
    // moves a block that shrinks by more than half), doubling the peak for that moment.
    let spare = p.out.instructions.capacity() - p.out.instructions.len();
    if spare * std::mem::size_of::<Instruction>() < 1 << 20 {
        p.out.instructions.shrink_to_fit();
    }
    p.out
}

impl<'a> Parser<'a> {
    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.out.errors.push(SyntaxError {
            message: message.into(),
            span,
            help: None,
            fix: None,
        });
    }

    fn record_comment(&mut self, line: Line) {
        let raw = &self.text[line.start..line.end];
        let lead = raw.len() - raw.trim_start().len();
        self.out.comments.push(Comment {
            text: raw.trim_start()[1..].trim().to_string(),
            span: Span::new(line.start + lead, line.end),
            line: line.number,
        });
    }

    fn directive(&mut self, line: Line, lead: usize) {
        if self.directives_done {
            return;
        }
        let start = line.start + lead;
        let token = &self.text[start..line.end];
        let Some((name_r, value_r)) = match_directive(token) else {
            self.directives_done = true;
            return;
        };
        let name = token[name_r].to_ascii_lowercase();
        if !DIRECTIVES.contains(&name.as_str()) {
            self.directives_done = true;
            return;
        }
        let span = Span::new(start, line.end);
        let value = Word {
            value: token[value_r.clone()].to_string(),
            span: Span::new(start + value_r.start, start + value_r.end),
        };
        if self.out.directives.iter().any(|d| d.name == name) {
            self.error(
                span,
                format!("only one {name} parser directive can be used"),
            );
            return;
        }
        if name == "escape" {
            match value.value.as_str() {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                other => {
                    let message = format!("invalid escape token '{other}' does not match ` or \\");
                    self.error(value.span, message);
                }
            }
        }
        self.out.directives.push(Directive { name, value, span });
    }

    fn run(&mut self) {
        while self.next < self.lines.len() {
            let line = self.lines[self.next];
            self.next += 1;
            let raw = &self.text[line.start..line.end];
            let lead = raw.len() - raw.trim_start().len();
            self.directive(line, lead);
            if is_comment(raw) {
                self.record_comment(line);
                continue;
            }
            let first = line.start + lead..line.end;
            let mut logical = Logical::default();
            let (kept, mut end_of_line) = match continuation(&self.text[first.clone()], self.escape)
            {
                Some(kept) => (kept, false),
                None => (first.len(), true),
            };
            if end_of_line && kept == 0 {
                continue;
            }
            logical.push(self.text, first.start..first.start + kept);
            let mut last = line;
            let mut empty_lines = Vec::new();
            while !end_of_line && self.next < self.lines.len() {
                let cont = self.lines[self.next];
                self.next += 1;
                last = cont;
                let raw = &self.text[cont.start..cont.end];
                if is_comment(raw) {
                    self.record_comment(cont);
                    continue;
                }
                if raw.trim_start().is_empty() {
                    empty_lines.push(Span::new(cont.start, cont.end));
                    continue;
                }
                let kept = match continuation(raw, self.escape) {
                    Some(kept) => kept,
                    None => {
                        end_of_line = true;
                        raw.len()
                    }
                };
                logical.push(self.text, cont.start..cont.start + kept);
            }
            let mut errors = Vec::new();
            let range = 0..logical.text.len();
            let mut ins = build(&logical, range, self.escape, &mut errors);
            ins.line = line.number;
            ins.end_line = last.number;
            ins.span = Span::new(ins.keyword_word.span.start, last.end);
            if !empty_lines.is_empty() {
                ins.extra_mut().empty_continuation_lines = empty_lines.into_boxed_slice();
            }
            for message in errors {
                let span = ins.span;
                self.error(span, message);
            }
            if can_contain_heredoc(&ins) && logical.text.contains("<<") {
                self.heredocs(&logical, &mut ins);
            }
            self.out.instructions.push(ins);
        }
        if self.out.instructions.is_empty() {
            let end = self.text.len();
            self.error(Span::empty(end), "file with no instructions");
        }
    }

    fn heredocs(&mut self, logical: &Logical, ins: &mut Instruction) {
        let markers = heredocs_from_line(logical);
        if markers.is_empty() {
            return;
        }
        // Exactly as many as the line names: a first push would reserve four (352 bytes where
        // one heredoc needs 88; 10 MB of heredocs held 143 MB of them).
        let mut docs = Vec::with_capacity(markers.len());
        for (marker, mut doc) in markers {
            let body_start = self
                .lines
                .get(self.next)
                .map_or(self.text.len(), |l| l.start);
            let mut terminated = false;
            let mut body_end = self.text.len();
            while self.next < self.lines.len() {
                let line = self.lines[self.next];
                self.next += 1;
                let content = &self.text[line.start..line.end];
                let candidate = if doc.chomp {
                    content.trim_start_matches('\t')
                } else {
                    content
                };
                ins.end_line = line.number;
                ins.span.end = line.end;
                if candidate == doc.name {
                    terminated = true;
                    body_end = line.start;
                    break;
                }
            }
            doc.marker = marker;
            doc.body = Span::new(body_start, body_end.max(body_start));
            doc.content = self.text[doc.body.start..doc.body.end].to_string();
            if !terminated {
                let span = Span::new(marker.start, self.text.len());
                self.out.errors.push(SyntaxError {
                    message: format!("unterminated heredoc: no line `{}` closes it", doc.name),
                    span,
                    help: Some(format!(
                        "end the heredoc with a line containing only `{}`",
                        doc.name
                    )),
                    fix: None,
                });
                docs.push(doc);
                break;
            }
            docs.push(doc);
        }
        ins.extra_mut().heredocs = docs.into_boxed_slice();
    }
}

fn can_contain_heredoc(ins: &Instruction) -> bool {
    let target = ins.effective();
    matches!(target.keyword, Keyword::Run | Keyword::Copy | Keyword::Add) && !target.json
}

/// Splits the line like BuildKit's shell lexer (quotes and escapes kept raw) and returns every
/// `[n]<<[-]WORD` heredoc marker in order.
fn heredocs_from_line(logical: &Logical) -> Vec<(Span, Heredoc)> {
    let text = &logical.text;
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    let mut quote: Option<char> = None;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                } else if c == '\\' && q == '"' {
                    chars.next();
                }
            }
            None if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    words.push(s..i);
                }
            }
            None => {
                start.get_or_insert(i);
                if c == '\'' || c == '"' {
                    quote = Some(c);
                } else if c == '\\' {
                    chars.next();
                }
            }
        }
    }
    if let Some(s) = start {
        words.push(s..text.len());
    }
    words
        .into_iter()
        .filter_map(|r| parse_heredoc(&text[r.clone()]).map(|doc| (logical.span(r), doc)))
        .collect()
}

/// `^(\d*)<<(-?)\s*([^<]*)$`, then the delimiter word with quotes removed.
pub fn parse_heredoc(word: &str) -> Option<Heredoc> {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = word[digits..].strip_prefix("<<")?;
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let rest = rest.trim_start();
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    let mut name = String::new();
    let mut quote: Option<char> = None;
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => name.extend(chars.next()),
            (Some(_), c) => name.push(c),
            (None, '\'' | '"') => quote = Some(c),
            (None, '\\') => name.extend(chars.next()),
            (None, c) => name.push(c),
        }
    }
    if name.is_empty() {
        return None;
    }
    let quotes = |s: &str| s.matches(['\'', '"']).count();
    Some(Heredoc {
        expand: quotes(&name) == quotes(rest),
        name,
        chomp,
        fd: word[..digits].parse().unwrap_or(0),
        content: String::new(),
        marker: Span::default(),
        body: Span::default(),
    })
}

/// BuildKit's `newNodeFromLine` on `logical.text[range]`: keyword, flags and the instruction's
/// own argument parser. Problems are pushed to `errors`.
fn build(
    logical: &Logical,
    range: Range<usize>,
    escape: char,
    errors: &mut Vec<String>,
) -> Instruction {
    let text = logical.text.as_str();
    let range = trim_space(text, range);
    let (keyword_range, args_range) = split_first(text, range.clone());
    let keyword_word = logical.word_at(keyword_range.clone());
    let keyword = Keyword::from_name(&keyword_word.value);
    let (flags, rest_start) = match args_range {
        Some(args) => extract_flags(text, args),
        None => (Vec::new(), range.end),
    };
    let rest_range = trim_space(text, rest_start.min(range.end)..range.end);
    let mut ins = Instruction {
        keyword,
        keyword_word,
        flags: flags
            .into_iter()
            .map(|p| Flag {
                span: logical.span(p.range),
                text: p.value,
            })
            .collect(),
        args: Box::default(),
        json: false,
        rest_is_arg: false,
        rest: logical.word_at(rest_range.clone()),
        span: logical.span(range),
        line: 0,
        end_line: 0,
        extra: None,
    };
    let rest_map = logical.segments_within(rest_range.clone());
    // One contiguous piece starting where `rest` starts is what `rest_span` assumes without a map.
    if rest_map.as_slice() != [(0, ins.rest.span.start)] && !rest_map.is_empty() {
        ins.extra_mut().rest_map = rest_map.into_boxed_slice();
    }
    let rest = &text[rest_range.clone()];
    // The collect reuses the pieces' buffer, grown by pushes: without the shrink a FROM's three
    // words hold four slots (10 MB on a file of 250,000 stages).
    let words = |pieces: Vec<Piece>| -> Vec<Word> {
        let mut words: Vec<Word> = pieces.into_iter().map(|p| logical.word(p)).collect();
        words.shrink_to_fit();
        words
    };
    match keyword {
        Keyword::Add
        | Keyword::Copy
        | Keyword::Volume
        | Keyword::Cmd
        | Keyword::Entrypoint
        | Keyword::Run
        | Keyword::Shell => {
            if rest.is_empty() {
                return ins;
            }
            match parse_json_array(text, rest_range.clone()) {
                Ok(items) => {
                    ins.args = words(items).into();
                    ins.json = true;
                }
                Err(JsonArgsError::NotStringArray) => {
                    errors.push(format!(
                        "{} arguments are JSON but not an array of strings",
                        keyword.as_str().to_ascii_uppercase()
                    ));
                }
                Err(JsonArgsError::NotJson) => {
                    if matches!(keyword, Keyword::Add | Keyword::Copy | Keyword::Volume) {
                        ins.args = words(split_whitespace_delimited(text, rest_range)).into();
                    } else {
                        rest_to_args(&mut ins);
                    }
                }
            }
        }
        Keyword::Arg => ins.args = words(parse_words(text, rest_range, escape)).into(),
        Keyword::Env | Keyword::Label => name_val(logical, rest_range, escape, &mut ins, errors),
        Keyword::Expose | Keyword::From => {
            if !rest.is_empty() {
                ins.args = words(split_whitespace_delimited(text, rest_range)).into();
            }
        }
        Keyword::Healthcheck => {
            let sep = rest
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(rest.len());
            if sep == 0 {
                return ins;
            }
            let typ = rest_range.start..rest_range.start + sep;
            let mut args = vec![logical.word_at(typ)];
            let cmd = trim_space(text, rest_range.start + sep..rest_range.end);
            if !cmd.is_empty() {
                match parse_json_array(text, cmd.clone()) {
                    Ok(items) => {
                        args.extend(words(items));
                        ins.json = true;
                    }
                    Err(JsonArgsError::NotStringArray) => errors.push(
                        "HEALTHCHECK arguments are JSON but not an array of strings".to_string(),
                    ),
                    Err(JsonArgsError::NotJson) => args.push(logical.word_at(cmd)),
                }
            }
            ins.args = args.into();
        }
        Keyword::Maintainer | Keyword::Stopsignal | Keyword::User | Keyword::Workdir => {
            if !rest.is_empty() {
                rest_to_args(&mut ins);
            }
        }
        Keyword::Onbuild => {
            if !rest.is_empty() {
                let sub = build(logical, rest_range, escape, errors);
                ins.extra_mut().onbuild = Some(Box::new(sub));
            }
        }
        Keyword::Unknown => {}
    }
    ins
}

/// `args` becomes `[rest]`, the text moved rather than copied (`Instruction::rest` reads it there).
fn rest_to_args(ins: &mut Instruction) {
    let rest = Word {
        value: std::mem::take(&mut ins.rest.value),
        span: ins.rest.span,
    };
    ins.args = Box::new([rest]);
    ins.rest_is_arg = true;
}

/// ENV and LABEL: `key=value ...`, or the legacy `key value` form when the first word has no `=`.
fn name_val(
    logical: &Logical,
    range: Range<usize>,
    escape: char,
    ins: &mut Instruction,
    errors: &mut Vec<String>,
) {
    let text = logical.text.as_str();
    let words = parse_words(text, range.clone(), escape);
    let Some(first) = words.first() else {
        return;
    };
    let name = ins.keyword.as_str().to_ascii_uppercase();
    if !first.value.contains('=') {
        let (key, value) = split_first(text, range);
        let Some(value) = value else {
            errors.push(format!("{name} must have two arguments"));
            return;
        };
        ins.extra_mut().pairs = Box::new([KeyValue {
            key: logical.word_at(key),
            value: logical.word_at(value),
            legacy: true,
        }]);
        return;
    }
    let mut pairs = Vec::with_capacity(words.len());
    for word in words {
        let Some(eq) = word.value.find('=') else {
            errors.push(format!(
                "Syntax error - can't find = in {:?}. Must be of the form: name=value",
                word.value
            ));
            continue;
        };
        // parse_words keeps the text verbatim, so offsets inside the word map 1:1.
        let start = word.range.start;
        pairs.push(KeyValue {
            key: Word {
                value: word.value[..eq].to_string(),
                span: logical.span(start..start + eq),
            },
            value: Word {
                value: word.value[eq + 1..].to_string(),
                span: logical.span(start + eq + 1..word.range.end),
            },
            legacy: false,
        });
    }
    if !pairs.is_empty() {
        ins.extra_mut().pairs = pairs.into_boxed_slice();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_survive_continuations() {
        let text = "FROM a\nRUN echo one \\\n  # comment\n\n    two\n";
        let df = parse(text);
        assert!(df.errors.is_empty(), "{:?}", df.errors);
        let run = &df.instructions[1];
        assert_eq!(run.args[0].value, "echo one     two");
        let two = run.args[0].span;
        assert_eq!(
            &text[two.start..two.end],
            "echo one \\\n  # comment\n\n    two"
        );
        assert_eq!(run.empty_continuation_lines().len(), 1);
        assert_eq!((run.line, run.end_line), (2, 5));
        assert_eq!(df.comments[0].text, "comment");
    }

    #[test]
    fn heredocs_are_collected_with_bodies() {
        let text = "FROM a\nRUN <<EOF cat >x && <<-'END' sh\nline 1\nEOF\n\tbody\n\tEND\nCMD x\n";
        let df = parse(text);
        assert!(df.errors.is_empty(), "{:?}", df.errors);
        let run = &df.instructions[1];
        assert_eq!(run.heredocs().len(), 2);
        assert_eq!(run.heredocs()[0].content, "line 1\n");
        assert!(run.heredocs()[0].expand);
        assert!(!run.heredocs()[1].expand && run.heredocs()[1].chomp);
        assert_eq!(run.heredocs()[1].name, "END");
        assert_eq!(df.instructions[2].line, 7);
    }

    #[test]
    fn unterminated_heredoc_is_an_error_not_a_hang() {
        let df = parse("FROM a\nRUN <<EOF\necho\n");
        assert_eq!(df.errors.len(), 1);
        assert!(df.errors[0].message.contains("unterminated heredoc"));
    }

    #[test]
    fn directives_and_escape() {
        let text = "# syntax=docker/dockerfile:1\n# escape=`\nFROM a\nRUN echo `\n  b\n";
        let df = parse(text);
        assert_eq!(df.escape, '`');
        assert_eq!(df.directives.len(), 2);
        assert_eq!(df.instructions[1].args[0].value, "echo   b");
    }

    #[test]
    fn errors_do_not_stop_the_parse() {
        let df = parse("FROM a\nCMD [\"a\", [\"b\"]]\nENV PATH\nRUN ok\n");
        assert_eq!(df.errors.len(), 2);
        assert_eq!(df.instructions.len(), 4);
    }
}
