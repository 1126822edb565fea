//! Shell analysis of RUN commands: a script becomes the simple commands it can run, each with
//! its words (quotes removed) and spans, whatever joins them: `&&`, `||`, `;`, `&`, newlines,
//! pipes, subshells, `{ }` groups, `if`/`while`/`until`/`for`/`case` bodies, functions, command
//! and process substitutions, and `sh -c '...'`. `brush-parser` parses ([`tree`]) every script
//! with compound syntax; plain command lists, which a flat scan splits exactly (checked against
//! the parser on the whole corpus), and scripts the parser rejects go to a small scanner. Redirections and leading `VAR=value` assignments are set
//! aside; literal assignments are remembered to expand a later unquoted `$VAR`.

use crate::diagnostic::Span;

mod tree;

/// A word of a command: its value with quotes removed and where it stands in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellWord {
    pub value: String,
    pub span: Span,
    /// Contains `$` expansion or command substitution outside single quotes.
    pub dynamic: bool,
    /// Some part was quoted (so no field splitting happens).
    pub quoted: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// Program and arguments (assignments and redirections removed).
    pub words: Vec<ShellWord>,
    /// `VAR=value` words before the program.
    pub assignments: Vec<ShellWord>,
    pub span: Span,
    /// Commands joined by `|` share a pipeline number.
    pub pipeline: usize,
    /// Where the program's base name starts in `words[0]` (after the last `/`).
    name_start: usize,
    /// Position inside its pipeline (0 = first).
    pub stage: usize,
}

/// The one command an exec-form instruction runs (`RUN ["apt-get", "install", "-y", "curl"]`):
/// the array's elements are its words as they are, with no shell between (no expansion, no
/// splitting, no pipes). `None` for an empty array.
pub fn exec_form(words: Vec<ShellWord>) -> Option<Script> {
    Some(Script {
        commands: vec![Command::of_words(words, 0, 0)?],
        variables: Vec::new(),
        scanned: 0,
    })
}

impl Command {
    /// A command of these words alone (no assignments), spanning them: `None` without words.
    fn of_words(words: Vec<ShellWord>, pipeline: usize, stage: usize) -> Option<Command> {
        let first = words.first()?;
        let span = first.span.cover(words[words.len() - 1].span);
        let name_start = first.value.rfind('/').map_or(0, |i| i + 1);
        Some(Command {
            words,
            assignments: Vec::new(),
            span,
            pipeline,
            name_start,
            stage,
        })
    }

    /// The program's base name (`/usr/bin/apt-get` -> `apt-get`).
    pub fn name(&self) -> &str {
        self.words
            .first()
            .map_or("", |w| &w.value[self.name_start..])
    }

    pub fn is(&self, name: &str) -> bool {
        self.name() == name
    }

    pub fn args(&self) -> &[ShellWord] {
        self.words.get(1..).unwrap_or(&[])
    }

    /// The command a wrapper runs, for rules that look through wrappers: `sudo -H pip install x`
    /// and `travis_retry pip install x` run `pip install x`, `travis_wait 30 npm ci` runs
    /// `npm ci`. `None` when `self` is none of these wrappers (or wraps nothing).
    pub fn wrapped(&self) -> Option<Command> {
        let args = self.args();
        let skip = match self.name() {
            "travis_retry" => 0,
            "travis_wait" => {
                usize::from(args.first().is_some_and(|w| w.value.parse::<u32>().is_ok()))
            }
            "sudo" => {
                // sudo's options, with the ones that take a value (`-u user`).
                let mut at = 0;
                while let Some(w) = args.get(at).filter(|w| w.value.starts_with('-')) {
                    at += 1;
                    if w.value == "--" {
                        break;
                    }
                    if matches!(
                        w.value.as_str(),
                        "-u" | "-g" | "-C" | "-D" | "-h" | "-p" | "-r" | "-t" | "-U"
                    ) {
                        at += 1;
                    }
                }
                at
            }
            _ => return None,
        };
        Command::of_words(args.get(skip..)?.to_vec(), self.pipeline, self.stage)
    }

    /// Whether any of `flags` is given: long flags exactly or as `--flag=value`, short flags also
    /// inside combined groups (`-yq` has `-y`).
    pub fn has_flag(&self, flags: &[&str]) -> bool {
        self.flag_word(flags).is_some()
    }

    pub fn flag_word(&self, flags: &[&str]) -> Option<&ShellWord> {
        self.args().iter().find(|w| {
            let v = w.value.as_str();
            flags.iter().any(|f| {
                if v == *f {
                    true
                } else if let Some(long) = f.strip_prefix("--") {
                    v.strip_prefix("--")
                        .is_some_and(|x| x == long || x.starts_with(&format!("{long}=")))
                } else if let Some(short) = f.strip_prefix('-') {
                    v.len() > 1
                        && v.starts_with('-')
                        && !v.starts_with("--")
                        && short.len() == 1
                        && v[1..].chars().all(|c| c.is_ascii_alphanumeric())
                        && v[1..].contains(short)
                } else {
                    v == *f
                }
            })
        })
    }

    /// Arguments that are not flags, in order.
    pub fn operands(&self) -> impl Iterator<Item = &ShellWord> {
        self.args().iter().filter(|w| !w.value.starts_with('-'))
    }

    /// The first operand (`install` in `apt-get -y install x`).
    pub fn subcommand(&self) -> Option<&str> {
        self.operands().next().map(|w| w.value.as_str())
    }

    /// Operands after the subcommand, skipping the values of the given value-taking flags. Stops at
    /// a `//` word: that is a mistaken "comment" (reported by its own rule), not more packages.
    pub fn packages(&self, value_flags: &[&str]) -> Vec<&ShellWord> {
        let mut out = Vec::new();
        let mut seen_sub = false;
        let mut skip_next = false;
        for w in self.args().iter().take_while(|w| w.value != "//") {
            if skip_next {
                skip_next = false;
                continue;
            }
            if w.value.starts_with('-') {
                skip_next = value_flags.contains(&w.value.as_str());
                continue;
            }
            if !seen_sub {
                seen_sub = true;
                continue;
            }
            out.push(w);
        }
        out
    }
}

/// The analysed script.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    pub commands: Vec<Command>,
    /// Variables assigned by assignment-only commands (`PKGS='a b'`), in order, for expanding
    /// later unquoted `$PKGS` words.
    pub variables: Vec<(String, String)>,
    /// Fragments (the script, or a nested `sh -c` / `$( )` script) the parser rejected and the
    /// fallback scanner split instead.
    pub scanned: usize,
}

impl Script {
    pub fn find<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Command> + 'a {
        self.commands.iter().filter(move |c| c.is(name))
    }

    /// Commands in the same pipeline as `cmd`, after it.
    pub fn downstream<'a>(&'a self, cmd: &'a Command) -> impl Iterator<Item = &'a Command> + 'a {
        self.commands
            .iter()
            .filter(move |c| c.pipeline == cmd.pipeline && c.stage > cmd.stage)
    }
}

/// A download piped into an interpreter in one step (`curl ... | sh`, `wget -O- ... | sudo bash`),
/// found the same way in every kind's scripts.
pub struct PipedScript<'a> {
    /// The `curl` or `wget` command.
    pub fetch: &'a Command,
    /// The interpreter it feeds.
    pub runner: &'a Command,
    /// The URL fetched, when a word has one.
    pub url: Option<&'a str>,
}

/// Programs a downloaded script is piped into.
const INTERPRETERS: [&str; 12] = [
    "sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python3", "perl", "ruby", "node", "php",
];

impl Script {
    /// Every `curl`/`wget` whose output a later command of its pipeline runs as a script.
    pub fn piped_scripts(&self) -> impl Iterator<Item = PipedScript<'_>> {
        self.commands
            .iter()
            .filter(|c| c.is("curl") || c.is("wget"))
            .filter_map(|fetch| {
                let runner = self.downstream(fetch).find(|c| {
                    INTERPRETERS.contains(&c.name())
                        || (c.is("sudo")
                            && c.args()
                                .iter()
                                .any(|a| INTERPRETERS.contains(&a.value.as_str())))
                })?;
                let url = fetch
                    .args()
                    .iter()
                    .find(|a| a.value.contains("://"))
                    .map(|a| a.value.as_str());
                Some(PipedScript { fetch, runner, url })
            })
    }
}

/// Where a YAML scalar's text stands in the file, for the shell analysis of commands written in
/// YAML (`commands:`, `script:`): offsets map into a plain or single-line quoted scalar exactly;
/// elsewhere (block scalars, escapes, folded lines) onto the whole scalar.
pub struct ScalarMap(Span, Option<usize>);

impl SpanMap for ScalarMap {
    fn span(&self, start: usize, end: usize) -> Span {
        match self.1 {
            Some(base) => Span::new(base + start, base + end),
            None => self.0,
        }
    }
}

impl ScalarMap {
    /// The map of `node`, whose value is `value`, in `text`.
    pub fn new(text: &str, node: &crate::syntax::yaml::Node, value: &str) -> ScalarMap {
        use crate::syntax::yaml::Style;
        let raw = text.get(node.span.start..node.span.end).unwrap_or("");
        let base = match node.as_scalar().map(|s| s.style) {
            Some(Style::Plain) if raw == value => Some(node.span.start),
            Some(Style::SingleQuoted | Style::DoubleQuoted)
                if raw.len() >= 2 && &raw[1..raw.len() - 1] == value =>
            {
                Some(node.span.start + 1)
            }
            _ => None,
        };
        ScalarMap(node.span, base)
    }
}

/// Maps offsets in a block scalar's value (`|`, `>`, `>-`...) to the exact bytes they were read
/// from, line by line; other scalars (and any block whose value does not line up with its
/// source) map as [`ScalarMap`] does.
pub struct BlockMap {
    offsets: Option<Vec<usize>>,
    fallback: ScalarMap,
    end: usize,
}

impl BlockMap {
    pub fn new(text: &str, node: &crate::syntax::yaml::Node, value: &str) -> BlockMap {
        let fallback = ScalarMap::new(text, node, value);
        let block = matches!(
            node.as_scalar().map(|s| s.style),
            Some(crate::syntax::yaml::Style::Literal | crate::syntax::yaml::Style::Folded)
        );
        // Nothing longer is analysed, so its offsets would never be read.
        let offsets = if block && value.len() <= MAX_SCRIPT_BYTES {
            align(text, node.span, value)
        } else {
            None
        };
        BlockMap {
            offsets,
            fallback,
            end: node.span.end,
        }
    }
}

/// Each value byte's offset in the source of a block scalar at `span`, or `None` when they do
/// not line up (an escape-free block always does: only indentation and folded line breaks
/// differ).
fn align(text: &str, span: Span, value: &str) -> Option<Vec<usize>> {
    // The node starts at its first content byte, after the indentation of its line.
    let line_start = text.get(..span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let indent = span.start - line_start;
    let raw = text.get(line_start..span.end)?;
    let value = value.as_bytes();
    let mut offsets = Vec::with_capacity(value.len());
    let mut at = line_start;
    for line in raw.split_inclusive('\n') {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let skip = spaces.min(indent);
        let content = line[skip..].trim_end_matches('\n').trim_end_matches('\r');
        for (i, b) in content.bytes().enumerate() {
            if offsets.len() < value.len() && value[offsets.len()] == b {
                offsets.push(at + skip + i);
            } else if offsets.len() < value.len() || !b.is_ascii_whitespace() {
                return None;
            }
        }
        let newline = at + skip + content.len();
        if offsets.len() < value.len() && matches!(value[offsets.len()], b'\n' | b' ') {
            offsets.push(newline);
        }
        at += line.len();
    }
    (offsets.len() == value.len()).then_some(offsets)
}

impl SpanMap for BlockMap {
    fn span(&self, start: usize, end: usize) -> Span {
        match &self.offsets {
            Some(offsets) if start < offsets.len() => {
                let from = offsets[start];
                let to = match end.checked_sub(1).and_then(|last| offsets.get(last)) {
                    Some(&last) if end > start => last + 1,
                    _ => from,
                };
                Span::new(from, to.min(self.end).max(from))
            }
            _ => self.fallback.span(start, end),
        }
    }
}

/// The shell analysis of a YAML string node (empty for other nodes).
pub fn analyze_scalar(text: &str, node: &crate::syntax::yaml::Node) -> Script {
    match node.as_str() {
        Some(command) => analyze(command, &BlockMap::new(text, node, command)),
        None => Script::default(),
    }
}

/// Maps offsets in the analysed text to source spans.
pub trait SpanMap {
    fn span(&self, start: usize, end: usize) -> Span;
}

/// Text that stands contiguously in the source at `base`.
pub struct Contiguous(pub usize);

impl SpanMap for Contiguous {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.0 + start, self.0 + end)
    }
}

const KEYWORDS_DROP: [&str; 9] = [
    "if", "then", "else", "elif", "do", "while", "until", "!", "time",
];
const KEYWORDS_END: [&str; 5] = ["fi", "done", "esac", "}", "{"];
/// Programs that run POSIX-style shell scripts (`sh -c`, `SHELL [...]`, heredoc interpreters).
pub const POSIX_SHELLS: [&str; 6] = ["sh", "bash", "ash", "dash", "zsh", "ksh"];
/// How deep `sh -c` scripts and command substitutions are followed.
const MAX_DEPTH: usize = 4;

/// Analyses a script: parsed with `brush-parser` (see [`tree`]); a script the parser rejects
/// (a PowerShell line, a RUN line whose heredoc bodies BuildKit took away, a syntax error) goes to
/// a tolerant scanner that splits on operators and keywords, so rules still see its commands.
pub fn analyze(text: &str, map: &dyn SpanMap) -> Script {
    analyze_using(text, map, Engine::Auto)
}

/// Which analysis a script gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// The parser for anything with compound syntax, the scanner for plain command lists
    /// (the two agree on those: `tests/corpus.rs` checks it on every script of the corpus).
    Auto,
    /// Always the parser (falling back to the scanner only when it rejects the script).
    Parser,
}

/// The longest script analysed; a longer one gets an empty analysis. The analysis takes tens of
/// bytes per word, so one 10 MB Dockerfile RUN of five million words took 1.2 GB (and a 10 MB
/// workflow `run:` block 300 MB). Real scripts are a few KB (an embedded script, rarely tens);
/// past this, a file is checked by its other rules only (in a Dockerfile, DF100 says so).
pub const MAX_SCRIPT_BYTES: usize = 128 * 1024;

/// [`analyze`] with a chosen [`Engine`].
pub fn analyze_using(text: &str, map: &dyn SpanMap, engine: Engine) -> Script {
    let mut script = Script::default();
    if text.len() > MAX_SCRIPT_BYTES {
        return script;
    }
    let mut sink = Sink {
        script: &mut script,
        pipelines: 0,
        depth: 0,
        engine,
    };
    analyze_with(text, map, &mut sink);
    script.commands.shrink_to_fit();
    script.variables.shrink_to_fit();
    script
}

/// Whether a script needs the parser: anything beyond a list of simple commands joined by
/// `&&`, `||`, `;`, `&`, `|` and newlines, with quotes and redirections — subshells, groups,
/// command substitutions, heredocs, compound keywords, functions.
pub fn needs_parser(text: &str) -> bool {
    const KEYWORDS: [&str; 16] = [
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
        "select", "function", "[[", "]]",
    ];
    text.contains(['(', ')', '{', '}', '`', '\r'])
        || text.contains("<<")
        || text
            .split(|c: char| c.is_ascii_whitespace() || matches!(c, ';' | '&' | '|'))
            .any(|w| KEYWORDS.contains(&w))
}

fn analyze_with(text: &str, map: &dyn SpanMap, sink: &mut Sink<'_>) {
    if sink.engine == Engine::Auto && !needs_parser(text) {
        scan(text, map, sink);
        return;
    }
    match tree::parse(text) {
        Some(program) => tree::Walker::new(text, map, sink).program(&program),
        None => {
            sink.script.scanned += 1;
            scan(text, map, sink);
        }
    }
}

/// Where analysed commands go, shared by the tree walk and the scanner.
pub(crate) struct Sink<'s> {
    script: &'s mut Script,
    pipelines: usize,
    depth: usize,
    engine: Engine,
}

impl Sink<'_> {
    /// A fresh pipeline number.
    fn next_pipeline(&mut self) -> usize {
        self.pipelines += 1;
        self.pipelines
    }

    /// Records a simple command: its leading `VAR=value` words and its program words.
    fn emit(
        &mut self,
        assignments: Vec<ShellWord>,
        mut words: Vec<ShellWord>,
        pipeline: usize,
        stage: usize,
    ) {
        // POSIX: assignments before a special built-in (`deps='a b' set -x`) persist in the shell.
        let special = words.first().is_some_and(|w| {
            matches!(
                w.value.as_str(),
                "set" | ":" | "export" | "readonly" | "eval"
            )
        });
        if words.is_empty() || special {
            // `PKGS='a b'` alone: remember literal values for later `$PKGS`.
            for w in assignments.iter().chain(&words) {
                if let Some((name, value)) = w.value.split_once('=')
                    && !w.dynamic
                    && is_assignment(&w.value)
                {
                    self.script
                        .variables
                        .push((name.to_string(), value.to_string()));
                }
            }
        } else {
            words = words
                .into_iter()
                .flat_map(|w| expand_known(w, &self.script.variables))
                .collect();
        }
        if words.is_empty() {
            return;
        }
        // Every RUN of a file keeps its analysis until the rules are done: spare capacity
        // (a vector grows to four words for `ls /usr`) was most of a big file's memory.
        words.shrink_to_fit();
        let mut assignments = assignments;
        assignments.shrink_to_fit();
        let span = words[0]
            .span
            .cover(words.last().map_or(words[0].span, |w| w.span));
        let name_start = words[0].value.rfind('/').map_or(0, |i| i + 1);
        let cmd = Command {
            words,
            assignments,
            span,
            pipeline,
            stage,
            name_start,
        };
        let nested = nested_script(&cmd);
        self.script.commands.push(cmd);
        if let Some((inner, within)) = nested {
            // The script's text stands between its two quotes, or unquoted as it is.
            let quoted = within.len() == inner.len() + 2;
            self.nested(
                &inner,
                &Within {
                    word: within,
                    shift: usize::from(quoted),
                    verbatim: quoted || within.len() == inner.len(),
                },
            );
        }
    }

    /// Analyses a script nested in the current one (`sh -c`, `$( )`), up to [`MAX_DEPTH`].
    fn nested(&mut self, text: &str, map: &dyn SpanMap) {
        if self.depth < MAX_DEPTH {
            self.depth += 1;
            analyze_with(text, map, self);
            self.depth -= 1;
        }
    }
}

/// The fallback scanner: splits on operators, newlines and brackets; drops keywords.
fn scan(text: &str, map: &dyn SpanMap, sink: &mut Sink<'_>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut pending = Vec::new();
    let mut pipeline = sink.next_pipeline();
    let mut stage = 0;
    let mut redirect_next = false;
    while i < bytes.len() {
        let c = bytes[i];
        let mut split = None;
        match c {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\n' | b';' | b'(' | b')' => {
                split = Some(false);
                i += 1;
            }
            b'&' | b'|' => {
                let double = bytes.get(i + 1) == Some(&c);
                if c == b'&' && bytes.get(i + 1) == Some(&b'>') {
                    redirect_next = true;
                    i += 2;
                    if bytes.get(i) == Some(&b'>') {
                        i += 1;
                    }
                    continue;
                }
                split = Some(c == b'|' && !double);
                i += if double { 2 } else { 1 };
            }
            b'#' if pending.is_empty() || !is_word_char_before(bytes, i) => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'>' | b'<' => {
                i += 1;
                while i < bytes.len() && matches!(bytes[i], b'>' | b'<' | b'&' | b'|') {
                    i += 1;
                }
                if i < bytes.len() && bytes[i] == b'-' {
                    i += 1;
                }
                redirect_next = true;
            }
            _ => {
                let (mut word, end) = read_word(text, i);
                // `2>file`: a redirection with a file-descriptor prefix.
                if word.value.chars().all(|ch| ch.is_ascii_digit())
                    && matches!(bytes.get(end), Some(b'>' | b'<'))
                {
                    i = end;
                    continue;
                }
                if redirect_next {
                    redirect_next = false;
                } else {
                    word.span = map.span(i, end);
                    pending.push(word);
                }
                i = end;
            }
        }
        if let Some(piped) = split {
            flush(std::mem::take(&mut pending), sink, pipeline, stage);
            if piped {
                stage += 1;
            } else {
                pipeline = sink.next_pipeline();
                stage = 0;
            }
        }
    }
    flush(pending, sink, pipeline, stage);
}

fn is_word_char_before(bytes: &[u8], i: usize) -> bool {
    i > 0
        && !matches!(
            bytes[i - 1],
            b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'('
        )
}

/// Reads one shell word starting at `start`; returns it (quotes removed) and its end.
fn read_word(text: &str, start: usize) -> (ShellWord, usize) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' | b';' | b'&' | b'|' | b'<' | b'>' | b')' => break,
            b'(' if i == start => break,
            b'\'' => {
                i = text[i + 1..].find('\'').map_or(text.len(), |p| i + 2 + p);
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(text.len());
            }
            b'\\' => i = (i + 2).min(text.len()),
            b'$' if bytes.get(i + 1) == Some(&b'(') => i = matching_paren(bytes, i + 1),
            b'`' => {
                i = text[i + 1..].find('`').map_or(text.len(), |p| i + 2 + p);
            }
            _ => i += 1,
        }
    }
    // Never stop inside a multi-byte character.
    while !text.is_char_boundary(i) {
        i += 1;
    }
    // The value follows the shell's quote removal exactly (inside double quotes a backslash
    // escapes only `$`, `` ` ``, `"`, `\` and newline), as the parser's words do.
    let (value, dynamic, quoted) = tree::unquote(&text[start..i]);
    (
        ShellWord {
            value,
            span: Span::new(start, i),
            dynamic,
            quoted,
        },
        i,
    )
}

pub(super) fn matching_paren(bytes: &[u8], open: usize) -> usize {
    let mut depth = 0;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\'' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Hands the scanner's words of one command to the sink, keywords and `for`/`case` headers
/// dropped (their command substitutions still run).
fn flush(mut words: Vec<ShellWord>, sink: &mut Sink<'_>, pipeline: usize, stage: usize) {
    while words
        .first()
        .is_some_and(|w| KEYWORDS_DROP.contains(&w.value.as_str()))
    {
        words.remove(0);
    }
    let mut header = Vec::new();
    if words
        .first()
        .is_some_and(|w| matches!(w.value.as_str(), "for" | "case" | "select"))
    {
        header = std::mem::take(&mut words);
    }
    while words
        .last()
        .is_some_and(|w| KEYWORDS_END.contains(&w.value.as_str()))
    {
        words.pop();
    }
    while words
        .first()
        .is_some_and(|w| KEYWORDS_END.contains(&w.value.as_str()))
    {
        words.remove(0);
    }
    let split = words
        .iter()
        .position(|w| !is_assignment(&w.value))
        .unwrap_or(words.len());
    let substitutions: Vec<(String, Within)> = words
        .iter()
        .chain(&header)
        .flat_map(substitutions)
        .collect();
    let program = words.split_off(split);
    sink.emit(words, program, pipeline, stage);
    for (inner, within) in substitutions {
        sink.nested(&inner, &within);
    }
}

/// An unquoted `$NAME` / `${NAME}` word whose literal value the script assigned earlier is
/// field-split into that value's words (as the shell does), each keeping the word's span.
fn expand_known(word: ShellWord, variables: &[(String, String)]) -> Vec<ShellWord> {
    let name = word
        .value
        .strip_prefix("${")
        .and_then(|v| v.strip_suffix('}'))
        .or_else(|| word.value.strip_prefix('$'));
    let value = name
        .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .and_then(|n| variables.iter().rev().find(|(v, _)| v == n))
        .map(|(_, value)| value);
    match value {
        Some(value) if word.dynamic && !word.quoted => value
            .split_whitespace()
            .filter(|part| *part != "\\")
            .map(|part| ShellWord {
                value: part.to_string(),
                span: word.span,
                dynamic: false,
                quoted: false,
            })
            .collect(),
        _ => vec![word],
    }
}

fn is_assignment(word: &str) -> bool {
    match word.split_once('=') {
        Some((name, _)) => {
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !name.starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}

/// `sh -c 'script'`: the script text and the span of the word holding it.
fn nested_script(cmd: &Command) -> Option<(String, Span)> {
    if !POSIX_SHELLS.contains(&cmd.name()) {
        return None;
    }
    let args = cmd.args();
    let c = args.iter().position(|w| {
        w.value.starts_with('-') && !w.value.starts_with("--") && w.value.contains('c')
    })?;
    let script = args.get(c + 1)?;
    Some((script.value.clone(), script.span))
}

/// Spans inside a word: offsets from `shift` bytes after the word's start, clamped to the word,
/// when the text there is the word's value verbatim (`verbatim`). Otherwise quotes or escapes
/// shift the offsets by an unknown amount, which could put a span inside a multi-byte character
/// (found by the shell fuzz target on `"$(Ԍ`): every span is then the whole word.
struct Within {
    word: Span,
    shift: usize,
    verbatim: bool,
}

impl SpanMap for Within {
    fn span(&self, start: usize, end: usize) -> Span {
        if !self.verbatim {
            return self.word;
        }
        let base = self.word.start + self.shift;
        let clamp = |x: usize| (base + x).min(self.word.end);
        Span::new(clamp(start), clamp(end))
    }
}

/// The `$( ... )` and backtick command substitutions inside a word, with where they stand.
fn substitutions(word: &ShellWord) -> Vec<(String, Within)> {
    let mut out = Vec::new();
    let v = word.value.as_bytes();
    let mut i = 0;
    while i < v.len() {
        if v[i] == b'$' && v.get(i + 1) == Some(&b'(') && v.get(i + 2) != Some(&b'(') {
            let end = matching_paren(v, i + 1);
            // Up to the closing `)`; an unclosed `$(` runs to the end of the word (cutting its
            // last byte could split a character: found by the shell fuzz target).
            let inner_end = if v.get(end.wrapping_sub(1)) == Some(&b')') {
                end - 1
            } else {
                v.len()
            }
            .max(i + 2);
            out.push((
                word.value[i + 2..inner_end].to_string(),
                Within {
                    word: word.span,
                    shift: i + 2,
                    verbatim: word.span.len() == word.value.len(),
                },
            ));
            i = end;
        } else if v[i] == b'`' {
            let close = word.value[i + 1..].find('`').map_or(v.len(), |p| i + 1 + p);
            out.push((
                word.value[i + 1..close].to_string(),
                Within {
                    word: word.span,
                    shift: i + 1,
                    verbatim: word.span.len() == word.value.len(),
                },
            ));
            i = close + 1;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        analyze(s, &Contiguous(0))
            .commands
            .iter()
            .map(|c| c.name().to_string())
            .collect()
    }

    #[test]
    fn wrappers_run_the_rest() {
        let inner = |s: &str| {
            let script = analyze(s, &Contiguous(0));
            script.commands[0].wrapped().map(|c| c.name().to_string())
        };
        assert_eq!(inner("sudo -H -u me pip install x").as_deref(), Some("pip"));
        assert_eq!(inner("travis_retry npm ci").as_deref(), Some("npm"));
        assert_eq!(
            inner("travis_wait 30 /usr/bin/make all").as_deref(),
            Some("make")
        );
        assert_eq!(inner("sudo"), None);
        assert_eq!(inner("pip install x"), None);
    }

    #[test]
    fn splits_on_operators_and_keywords() {
        assert_eq!(
            names("apt-get update && apt-get install -y x; rm -rf /var/lib/apt/lists/*"),
            ["apt-get", "apt-get", "rm"]
        );
        assert_eq!(
            names("if [ -f a ]; then cd /x; else sudo y; fi"),
            ["[", "cd", "sudo"]
        );
        assert_eq!(
            names("(cd a && make) | tee log 2>&1 > out"),
            ["cd", "make", "tee"]
        );
        assert_eq!(names("FOO=1 BAR=2 npm ci # comment && no"), ["npm"]);
        assert_eq!(names("for f in a b; do echo $f; done"), ["echo"]);
        assert_eq!(
            names("for f in $(git status | awk x); do cp $f /o; done"),
            ["git", "awk", "cp"]
        );
    }

    #[test]
    fn the_parser_reaches_every_compound_command() {
        let text = "case \"$(uname -m)\" in\n  x86_64) arch=amd64 ;;\n  arm64|aarch64) apt-get install -y qemu ;;\n  *) echo unsupported; exit 1 ;;\nesac\n\
                    build() { make -j\"$(nproc)\" && strip out; }\n\
                    while read -r f; do rm \"$f\"; done < <(find /tmp -name '*.log')\n\
                    until curl -fsS http://x; do sleep 1; done\n\
                    (( n = 1 + 2 )); [[ $(id -u) -eq 0 ]] && echo root";
        let script = analyze(text, &Contiguous(0));
        assert_eq!(script.scanned, 0, "brush-parser took the whole script");
        let names: Vec<&str> = script.commands.iter().map(Command::name).collect();
        assert_eq!(
            names,
            [
                "uname", "apt-get", "echo", "exit", "make", "nproc", "strip", "read", "rm", "find",
                "curl", "sleep", "id", "echo"
            ]
        );
        // A word after a line continuation starts at its first character.
        let script = analyze(
            "apt-get install -y \\\n    git \\\n    clang",
            &Contiguous(0),
        );
        let git = &script.commands[0].words[3];
        assert_eq!((git.value.as_str(), git.span), ("git", Span::new(25, 28)));
        // Heredocs inside the script are data, not commands.
        let script = analyze("cat <<EOF > /etc/x\nrm -rf /\nEOF\nls", &Contiguous(0));
        let names: Vec<&str> = script.commands.iter().map(Command::name).collect();
        assert_eq!(names, ["cat", "ls"]);
    }

    #[test]
    fn scripts_the_parser_rejects_go_to_the_scanner() {
        let script = analyze(
            "Get-ChildItem | ForEach-Object { $_.Name } (",
            &Contiguous(0),
        );
        assert_eq!(script.scanned, 1);
        assert_eq!(script.commands[0].name(), "Get-ChildItem");
        let script = analyze_using(
            "echo 'unterminated && apt-get update",
            &Contiguous(0),
            Engine::Parser,
        );
        assert_eq!(script.scanned, 1);
        assert_eq!(script.commands[0].name(), "echo");
    }

    #[test]
    fn words_and_spans() {
        let s = "apt-get install -y 'a b' \"c$D\" e\\ f";
        let script = analyze(s, &Contiguous(10));
        let cmd = &script.commands[0];
        let values: Vec<&str> = cmd.words.iter().map(|w| w.value.as_str()).collect();
        assert_eq!(values, ["apt-get", "install", "-y", "a b", "c$D", "e f"]);
        assert!(cmd.words[4].dynamic);
        assert_eq!(cmd.words[1].span, Span::new(18, 25));
        assert!(cmd.has_flag(&["--yes", "-y"]));
        assert_eq!(cmd.subcommand(), Some("install"));
    }

    #[test]
    fn pipelines_and_nested_shells() {
        let script = analyze("curl -sL https://x | bash -", &Contiguous(0));
        let curl = script.find("curl").next().unwrap();
        assert_eq!(script.downstream(curl).next().unwrap().name(), "bash");
        assert_eq!(names("sh -c 'cd /tmp && sudo make'"), ["sh", "cd", "sudo"]);
        assert_eq!(names("bash -lc \"apk add x\""), ["bash", "apk"]);
        let script = analyze(
            "deps=' \\\n gcc \\\n make ' && apk add $deps ${deps} \"$deps\"",
            &Contiguous(0),
        );
        let words: Vec<&str> = script.commands[0]
            .words
            .iter()
            .map(|w| w.value.as_str())
            .collect();
        assert_eq!(words, ["apk", "add", "gcc", "make", "gcc", "make", "$deps"]);
        let script = analyze("deps='gcc' set -x && apk add $deps", &Contiguous(0));
        assert_eq!(script.commands[1].words[2].value, "gcc");
        let script = analyze(
            "V=$(grep lts a | cut -d = -f 2) && echo \"`uname -m`\"",
            &Contiguous(0),
        );
        let names: Vec<&str> = script.commands.iter().map(|c| c.name()).collect();
        assert_eq!(names, ["grep", "cut", "echo", "uname"]);
        assert_eq!(script.commands[1].stage, 1, "the pipe inside $( ) is seen");
    }
}
