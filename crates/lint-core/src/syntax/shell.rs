//! Shell analysis of RUN commands: splits a POSIX-ish script into simple commands with their
//! words and spans, through `&&`, `||`, `;`, `&`, newlines, pipes, subshells, `{ }` groups,
//! `if`/`while`/`for` bodies and `sh -c '...'`. Quotes and escapes are honoured; redirections,
//! comments and leading `VAR=value` assignments are set aside.

use crate::diagnostic::Span;

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

impl Command {
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

pub fn analyze(text: &str, map: &dyn SpanMap) -> Script {
    let mut script = Script::default();
    let mut pipeline = 0;
    analyze_into(text, map, 0, &mut script, &mut pipeline, 0);
    script
}

#[derive(Default)]
struct Pending {
    words: Vec<(ShellWord, usize, usize)>,
}

fn analyze_into(
    text: &str,
    map: &dyn SpanMap,
    base: usize,
    script: &mut Script,
    pipeline: &mut usize,
    depth: usize,
) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut pending = Pending::default();
    let mut stage = 0;
    let mut redirect_next = false;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\n' | b';' => {
                flush(
                    &mut pending,
                    map,
                    base,
                    script,
                    pipeline,
                    &mut stage,
                    depth,
                    false,
                );
                i += 1;
            }
            b'&' | b'|' => {
                let double = bytes.get(i + 1) == Some(&c);
                let pipe = c == b'|' && !double;
                if c == b'&' && bytes.get(i + 1) == Some(&b'>') {
                    redirect_next = true;
                    i += 2;
                    if bytes.get(i) == Some(&b'>') {
                        i += 1;
                    }
                    continue;
                }
                flush(
                    &mut pending,
                    map,
                    base,
                    script,
                    pipeline,
                    &mut stage,
                    depth,
                    pipe,
                );
                i += if double { 2 } else { 1 };
            }
            b'(' | b')' => {
                flush(
                    &mut pending,
                    map,
                    base,
                    script,
                    pipeline,
                    &mut stage,
                    depth,
                    false,
                );
                i += 1;
            }
            b'#' if pending.words.is_empty() || !is_word_char_before(bytes, i) => {
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
                let (word, end) = read_word(text, i);
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
                    pending.words.push((word, i, end));
                }
                i = end;
            }
        }
    }
    flush(
        &mut pending,
        map,
        base,
        script,
        pipeline,
        &mut stage,
        depth,
        false,
    );
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
    let mut value = String::new();
    let mut dynamic = false;
    let mut quoted = false;
    let mut i = start;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | b';' | b'&' | b'|' | b'<' | b'>' | b')' => break,
            b'(' if i == start => break,
            b'\'' => {
                quoted = true;
                let close = text[i + 1..].find('\'').map_or(text.len(), |p| i + 1 + p);
                value.push_str(&text[i + 1..close]);
                i = (close + 1).min(text.len());
            }
            b'"' => {
                quoted = true;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' && i + 1 < bytes.len() {
                        i += 1;
                    }
                    if bytes[i] == b'$' || bytes[i] == b'`' {
                        dynamic = true;
                    }
                    let ch = text[i..].chars().next().unwrap_or(' ');
                    value.push(ch);
                    i += ch.len_utf8();
                }
                i = (i + 1).min(text.len());
            }
            b'\\' => {
                if let Some(ch) = text[i + 1..].chars().next() {
                    if ch != '\n' {
                        value.push(ch);
                    }
                    i += 1 + ch.len_utf8();
                } else {
                    i += 1;
                }
            }
            b'$' if bytes.get(i + 1) == Some(&b'(') => {
                dynamic = true;
                let end = matching_paren(bytes, i + 1);
                value.push_str(&text[i..end]);
                i = end;
            }
            b'`' => {
                dynamic = true;
                let close = text[i + 1..].find('`').map_or(text.len(), |p| i + 2 + p);
                value.push_str(&text[i..close.min(text.len())]);
                i = close.min(text.len());
            }
            _ => {
                if c == b'$' {
                    dynamic = true;
                }
                let ch = text[i..].chars().next().unwrap_or(' ');
                value.push(ch);
                i += ch.len_utf8();
            }
        }
    }
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

fn matching_paren(bytes: &[u8], open: usize) -> usize {
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

#[allow(clippy::too_many_arguments)]
fn flush(
    pending: &mut Pending,
    map: &dyn SpanMap,
    base: usize,
    script: &mut Script,
    pipeline: &mut usize,
    stage: &mut usize,
    depth: usize,
    piped: bool,
) {
    let mut words = std::mem::take(&mut pending.words);
    // Drop keywords that introduce the next command, and whole `for`/`case` headers.
    while let Some((w, _, _)) = words.first() {
        if KEYWORDS_DROP.contains(&w.value.as_str()) {
            words.remove(0);
        } else {
            break;
        }
    }
    let mut header_substitutions = Vec::new();
    if words
        .first()
        .is_some_and(|(w, _, _)| matches!(w.value.as_str(), "for" | "case" | "select"))
    {
        // `for f in $(ls | grep x)`: the header runs no command itself, but its substitutions do.
        for (mut w, s, e) in words.drain(..) {
            w.span = map.span(base + s, base + e);
            header_substitutions.extend(substitutions(&w));
        }
    }
    while words
        .last()
        .is_some_and(|(w, _, _)| KEYWORDS_END.contains(&w.value.as_str()))
    {
        words.pop();
    }
    while words
        .first()
        .is_some_and(|(w, _, _)| KEYWORDS_END.contains(&w.value.as_str()))
    {
        words.remove(0);
    }
    let split = words
        .iter()
        .position(|(w, _, _)| !is_assignment(&w.value))
        .unwrap_or(words.len());
    let to_word = |(mut w, s, e): (ShellWord, usize, usize)| {
        w.span = map.span(base + s, base + e);
        w
    };
    let mut all: Vec<ShellWord> = words.into_iter().map(to_word).collect();
    // POSIX: assignments before a special built-in (`deps='a b' set -x`) persist in the shell.
    let special = all.get(split).is_some_and(|w| {
        matches!(
            w.value.as_str(),
            "set" | ":" | "export" | "readonly" | "eval"
        )
    });
    if split == all.len() || special {
        // `PKGS='a b'` alone: remember literal values for later `$PKGS`.
        for w in &all {
            if let Some((name, value)) = w.value.split_once('=')
                && !w.dynamic
            {
                script.variables.push((name.to_string(), value.to_string()));
            }
        }
    } else {
        all = all
            .into_iter()
            .flat_map(|w| expand_known(w, &script.variables))
            .collect();
    }
    // Command substitutions run commands too: `VERSION=$(curl ... | cut ...)`.
    let mut substitutions: Vec<(String, Within)> = all.iter().flat_map(substitutions).collect();
    substitutions.extend(header_substitutions);
    let program = all.split_off(split);
    if !program.is_empty() {
        let span = program[0]
            .span
            .cover(program.last().map_or(program[0].span, |w| w.span));
        let name_start = program[0].value.rfind('/').map_or(0, |i| i + 1);
        let cmd = Command {
            words: program,
            assignments: all,
            span,
            pipeline: *pipeline,
            stage: *stage,
            name_start,
        };
        let nested = nested_script(&cmd);
        script.commands.push(cmd);
        if let Some((inner, within)) = nested
            && depth < 4
        {
            *pipeline += 1;
            analyze_into(&inner, &Within(within, 1), 0, script, pipeline, depth + 1);
        }
    }
    if depth < 4 {
        for (inner, within) in substitutions {
            *pipeline += 1;
            analyze_into(&inner, &within, 0, script, pipeline, depth + 1);
        }
    }
    if piped {
        *stage += 1;
    } else {
        *pipeline += 1;
        *stage = 0;
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

/// Spans inside a word: offsets from `shift` bytes after the word's start, clamped to the word
/// (escapes or quotes inside it can shift them by a few characters).
struct Within(Span, usize);

impl SpanMap for Within {
    fn span(&self, start: usize, end: usize) -> Span {
        let base = self.0.start + self.1;
        let clamp = |x: usize| (base + x).min(self.0.end);
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
            let inner_end = end.saturating_sub(1).max(i + 2);
            out.push((
                word.value[i + 2..inner_end].to_string(),
                Within(word.span, i + 2),
            ));
            i = end;
        } else if v[i] == b'`' {
            let close = word.value[i + 1..].find('`').map_or(v.len(), |p| i + 1 + p);
            out.push((
                word.value[i + 1..close].to_string(),
                Within(word.span, i + 1),
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
