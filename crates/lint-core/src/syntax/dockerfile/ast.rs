//! The Dockerfile syntax tree. Every node carries the exact source span it came from.

use crate::diagnostic::Span;

/// A value as BuildKit sees it, with the source span it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Word {
    pub value: String,
    pub span: Span,
}

/// Instruction keywords. `Unknown` keeps whatever was written (a parse error is reported for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    Unknown,
}

impl Keyword {
    pub const KNOWN: [(&'static str, Keyword); 18] = [
        ("add", Keyword::Add),
        ("arg", Keyword::Arg),
        ("cmd", Keyword::Cmd),
        ("copy", Keyword::Copy),
        ("entrypoint", Keyword::Entrypoint),
        ("env", Keyword::Env),
        ("expose", Keyword::Expose),
        ("from", Keyword::From),
        ("healthcheck", Keyword::Healthcheck),
        ("label", Keyword::Label),
        ("maintainer", Keyword::Maintainer),
        ("onbuild", Keyword::Onbuild),
        ("run", Keyword::Run),
        ("shell", Keyword::Shell),
        ("stopsignal", Keyword::Stopsignal),
        ("user", Keyword::User),
        ("volume", Keyword::Volume),
        ("workdir", Keyword::Workdir),
    ];

    pub fn from_name(name: &str) -> Keyword {
        Self::KNOWN
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or(Keyword::Unknown, |&(_, k)| k)
    }

    pub fn as_str(self) -> &'static str {
        Self::KNOWN
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("unknown", |(n, _)| n)
    }

    /// Instructions whose arguments the builder expands (`$VAR`), as opposed to the shell.
    pub fn expands_variables(self) -> bool {
        matches!(
            self,
            Keyword::Add
                | Keyword::Copy
                | Keyword::Env
                | Keyword::Expose
                | Keyword::From
                | Keyword::Label
                | Keyword::Stopsignal
                | Keyword::User
                | Keyword::Volume
                | Keyword::Workdir
                | Keyword::Onbuild
                | Keyword::Arg
        )
    }
}

/// A `--name[=value]` flag before the arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The whole flag as BuildKit reads it, quotes removed: `--from=build`.
    pub text: String,
    pub span: Span,
}

impl Flag {
    pub fn name(&self) -> &str {
        let body = self.text.trim_start_matches('-');
        body.split_once('=').map_or(body, |(n, _)| n)
    }

    pub fn value(&self) -> Option<&str> {
        self.text.split_once('=').map(|(_, v)| v)
    }
}

/// One `key=value` (or legacy `key value`) pair of ENV or LABEL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Word,
    /// The value as written (quotes and escapes kept, as in BuildKit's AST).
    pub value: Word,
    /// `ENV key value` rather than `ENV key=value`.
    pub legacy: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The terminator word, quotes removed.
    pub name: String,
    /// Variables are expanded in the body (the delimiter was not quoted).
    pub expand: bool,
    /// `<<-`: leading tabs are stripped.
    pub chomp: bool,
    pub fd: u32,
    /// The body exactly as written, each line with its newline.
    pub content: String,
    /// The `<<EOF` word on the instruction line.
    pub marker: Span,
    /// The body lines (without the terminator line).
    pub body: Span,
}

/// What few instructions have, kept behind one pointer so that the common instruction (a
/// `RUN` line, a `COPY`) stays small: a 10 MB file holds hundreds of thousands of them.
///
/// Boxed slices, not vectors: each list is complete when it is stored, and a slice is two words
/// where a vector is three (72 bytes for the block instead of 104; a 10 MB file of heredocs holds
/// 400,000 of them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Extra {
    pub(super) pairs: Box<[KeyValue]>,
    /// Where each continuation segment of `rest` starts: (offset in `rest.value`, source offset).
    /// Empty when `rest` is one contiguous piece of the source starting at `rest.span.start`.
    pub(super) rest_map: Box<[(usize, usize)]>,
    pub(super) onbuild: Option<Box<Instruction>>,
    pub(super) heredocs: Box<[Heredoc]>,
    pub(super) empty_continuation_lines: Box<[Span]>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    pub keyword: Keyword,
    /// The keyword as written (case preserved).
    pub keyword_word: Word,
    /// Boxed slices, not vectors: a file holds one instruction per line, and the capacity word is
    /// 16 MB of a 10 MB file's 500,000 instructions.
    pub flags: Box<[Flag]>,
    /// The arguments as BuildKit's AST lists them (exec-form elements decoded, shell form as one word,
    /// whitespace-delimited lists split, HEALTHCHECK as type + command).
    pub args: Box<[Word]>,
    /// Arguments were given in JSON (exec) form.
    pub json: bool,
    /// `rest` is `args[0]` (shell form, single-argument instructions): its value is not held twice.
    pub(super) rest_is_arg: bool,
    /// Everything after the flags ([`Instruction::rest`]); its value is empty when `rest_is_arg`.
    pub(super) rest: Word,
    /// From the keyword to the end of the last continuation line (heredoc bodies included).
    pub span: Span,
    /// 1-based line of the keyword.
    pub line: usize,
    /// 1-based last line (continuations and heredocs included).
    pub end_line: usize,
    pub(super) extra: Option<Box<Extra>>,
}

impl Instruction {
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name() == name)
    }

    pub fn flag_value(&self, name: &str) -> Option<&str> {
        self.flag(name).and_then(Flag::value)
    }

    /// Everything after the flags, trimmed: the shell command of RUN, the raw text of others.
    pub fn rest(&self) -> &Word {
        match self.args.first() {
            Some(arg) if self.rest_is_arg => arg,
            _ => &self.rest,
        }
    }

    /// ENV / LABEL pairs.
    pub fn pairs(&self) -> &[KeyValue] {
        self.extra.as_ref().map_or(&[], |e| &e.pairs)
    }

    /// The wrapped instruction of ONBUILD.
    pub fn onbuild(&self) -> Option<&Instruction> {
        self.extra.as_ref().and_then(|e| e.onbuild.as_deref())
    }

    /// The heredocs of the instruction, in order.
    pub fn heredocs(&self) -> &[Heredoc] {
        self.extra.as_ref().map_or(&[], |e| &e.heredocs)
    }

    /// Empty lines inside a `\` continuation.
    pub fn empty_continuation_lines(&self) -> &[Span] {
        self.extra
            .as_ref()
            .map_or(&[], |e| &e.empty_continuation_lines)
    }

    pub(super) fn extra_mut(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// The span of the instruction's first line only (keyword to end of line): what a user points at.
    pub fn head_span(&self, text: &str) -> Span {
        let end = text[self.span.start..self.span.end]
            .find('\n')
            .map_or(self.span.end, |i| self.span.start + i);
        Span::new(self.span.start, end.max(self.keyword_word.span.end))
    }

    /// The source span of `rest.value[start..end]`, across continuation lines.
    pub fn rest_span(&self, start: usize, end: usize) -> Span {
        let map: &[(usize, usize)] = self.extra.as_ref().map_or(&[], |e| &e.rest_map);
        let rest_start = self.rest().span.start;
        let at = |offset: usize| {
            let i = map
                .partition_point(|&(logical, _)| logical <= offset)
                .saturating_sub(1);
            let (logical, source) = map.get(i).copied().unwrap_or((0, rest_start));
            source + offset.saturating_sub(logical)
        };
        if end <= start {
            Span::empty(at(start))
        } else {
            Span::new(at(start), at(end - 1) + 1)
        }
    }

    /// The instruction that takes effect: the wrapped one for `ONBUILD <instruction>`, else itself.
    pub fn effective(&self) -> &Instruction {
        match (self.keyword, self.onbuild()) {
            (Keyword::Onbuild, Some(sub)) => sub,
            _ => self,
        }
    }

    /// Shell form with a command (not JSON): RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD.
    pub fn is_shell_form(&self) -> bool {
        !self.json && !self.args.is_empty()
    }
}

/// A comment line (`# ...`), anywhere in the file, continuations included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Text after `#`, trimmed.
    pub text: String,
    pub span: Span,
    pub line: usize,
}

/// A parser directive at the top of the file (`# syntax=`, `# escape=`, `# check=`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Lower-cased name.
    pub name: String,
    pub value: Word,
    pub span: Span,
}

/// A problem that makes BuildKit refuse the file (or this instruction).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    pub help: Option<String>,
    /// What would repair it, when that is known.
    pub fix: Option<SyntaxFix>,
}

/// A repair of a [`SyntaxError`], made into edits by the `syntax-error` rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxFix {
    /// The error is a "comment" written after the instruction that starts at this offset
    /// (`FROM node:20 # base`; the error's span covers the comment): move it above.
    CommentAbove(usize),
    /// The nearest valid word to a misspelt one (`COPPY` -> `copy`, `--form` -> `from`): a
    /// guess, to replace the text at the span with, in its casing.
    Guess(Span, String),
    /// A line that starts with `//` (a "comment" from another language): the span of the
    /// slashes, to replace with `#`.
    SlashComment(Span),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dockerfile {
    pub directives: Vec<Directive>,
    pub escape: char,
    pub instructions: Vec<Instruction>,
    pub comments: Vec<Comment>,
    pub errors: Vec<SyntaxError>,
    /// Where the text the parser left unread starts, in a file longer than
    /// [`super::parser::MAX_LINES`] lines.
    pub truncated: Option<Truncated>,
}

/// The part of a very long Dockerfile the parser does not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Truncated {
    /// Byte offset of the first line left out.
    pub start: usize,
    /// Its 1-based line number.
    pub line: usize,
    /// How many lines are left out.
    pub lines_left: usize,
}

impl Dockerfile {
    pub fn directive(&self, name: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.name == name)
    }
}
