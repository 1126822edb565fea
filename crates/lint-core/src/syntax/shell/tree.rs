//! The shell analysis proper: `brush-parser` turns a script into a POSIX/bash syntax tree, and
//! this walk turns the tree into [`Command`]s with spans. Every command the script can run is
//! reached: `&&`/`||`/`;`/`&` lists, pipelines, subshells, `{ }` groups, `if`/`while`/`until`/
//! `for`/`case` bodies, function bodies, process substitutions, command substitutions in any
//! word (arguments, assignments, `for` and `case` headers, `[[ ]]` tests) and `sh -c '...'`.

use brush_parser::ast;

use super::{ShellWord, Sink, SpanMap};

/// Scripts nested deeper than this (in brackets or compound keywords) are left to the scanner:
/// the parser recurses once per level, and a hostile RUN must not overflow the stack.
const MAX_NESTING: usize = 48;

/// Parentheses nested deeper than this are left to the scanner too: brush-parser 0.4 tries each
/// `((` as an arithmetic expression first and backtracks, in time exponential in the depth
/// (`ech<((((((((((((((&((((((((((((((sudo` took 23 s at 28 levels, over a minute at 36; found
/// by the shell fuzz target). Real scripts nest a few (`$(( (a + b) * c ))`).
const MAX_PAREN_NESTING: usize = 12;

/// Parses `text`; `None` when the parser rejects it (the caller falls back to the scanner).
pub(super) fn parse(text: &str) -> Option<ast::Program> {
    let (depth, parens) = nesting(text);
    if depth > MAX_NESTING || parens > MAX_PAREN_NESTING || unclosed_expansion_before_heredoc(text)
    {
        return None;
    }
    let options = brush_parser::TokenizerOptions {
        enable_extended_globbing: true,
        posix_mode: false,
        sh_mode: false,
    };
    let tokens = brush_parser::uncached_tokenize_str(text, &options).ok()?;
    brush_parser::parse_tokens(&tokens, &brush_parser::ParserOptions::default()).ok()
}

/// brush-parser 0.4.0 panics (`tokenizer.rs:1018`, an `unwrap` on the end of input) on a `${`
/// left open around a closed inner one while a here-document is pending: `cat <<E ${${x}`,
/// found by the Dockerfile fuzz target. Such scripts go to the scanner instead. The scan ignores
/// quoting, so it may send a few more heredoc scripts to the scanner than needed, never fewer.
fn unclosed_expansion_before_heredoc(text: &str) -> bool {
    if !text.contains("<<") {
        return false;
    }
    let bytes = text.as_bytes();
    let mut open: usize = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' if i > 0 && bytes[i - 1] == b'$' => open += 1,
            b'}' => open = open.saturating_sub(1),
            _ => {}
        }
    }
    open > 0
}

/// A cheap upper bound of the syntactic nesting: open brackets, braces and compound keywords;
/// and of the parentheses alone.
fn nesting(text: &str) -> (usize, usize) {
    let mut depth: usize = 0;
    let mut max = 0;
    let mut parens: usize = 0;
    let mut max_parens = 0;
    for word in text.split(|c: char| c.is_whitespace() || c == ';') {
        for b in word.bytes() {
            match b {
                b'(' | b'{' | b'[' | b'`' => {
                    depth += 1;
                    max = max.max(depth);
                    if b == b'(' {
                        parens += 1;
                        max_parens = max_parens.max(parens);
                    }
                }
                b')' | b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if b == b')' {
                        parens = parens.saturating_sub(1);
                    }
                }
                _ => {}
            }
        }
        match word {
            "if" | "while" | "until" | "for" | "case" | "select" => {
                depth += 1;
                max = max.max(depth);
            }
            "fi" | "done" | "esac" => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    (max, max_parens)
}

pub(super) struct Walker<'a, 's> {
    pub text: &'a str,
    pub map: &'a dyn SpanMap,
    /// Byte offset of each character index (brush-parser counts characters); `None` for ASCII.
    pub offsets: Option<Vec<usize>>,
    pub sink: &'a mut Sink<'s>,
}

impl<'a, 's> Walker<'a, 's> {
    pub fn new(text: &'a str, map: &'a dyn SpanMap, sink: &'a mut Sink<'s>) -> Self {
        let offsets = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect()
        });
        Walker {
            text,
            map,
            offsets,
            sink,
        }
    }

    fn byte(&self, index: usize) -> usize {
        match &self.offsets {
            None => index.min(self.text.len()),
            Some(o) => o.get(index).copied().unwrap_or(self.text.len()),
        }
    }

    pub fn program(&mut self, program: &ast::Program) {
        for list in &program.complete_commands {
            self.list(list);
        }
    }

    fn list(&mut self, list: &ast::CompoundList) {
        for ast::CompoundListItem(and_or, _) in &list.0 {
            self.pipeline(&and_or.first);
            for next in &and_or.additional {
                let (ast::AndOr::And(p) | ast::AndOr::Or(p)) = next;
                self.pipeline(p);
            }
        }
    }

    fn pipeline(&mut self, pipeline: &ast::Pipeline) {
        let id = self.sink.next_pipeline();
        for (stage, command) in pipeline.seq.iter().enumerate() {
            self.command(command, id, stage);
        }
    }

    fn command(&mut self, command: &ast::Command, id: usize, stage: usize) {
        match command {
            ast::Command::Simple(simple) => self.simple(simple, id, stage),
            ast::Command::Compound(compound, redirects) => {
                self.compound(compound);
                self.redirects(redirects.as_ref().map(|r| r.0.as_slice()));
            }
            ast::Command::Function(function) => {
                self.compound(&function.body.0);
                self.redirects(function.body.1.as_ref().map(|r| r.0.as_slice()));
            }
            ast::Command::ExtendedTest(test, redirects) => {
                let (start, end) = (
                    self.byte(test.loc.start.index),
                    self.byte(test.loc.end.index),
                );
                self.substitutions_in(start, end);
                self.redirects(redirects.as_ref().map(|r| r.0.as_slice()));
            }
        }
    }

    fn compound(&mut self, compound: &ast::CompoundCommand) {
        use ast::CompoundCommand as C;
        match compound {
            C::Arithmetic(_) => {}
            C::ArithmeticForClause(f) => self.list(&f.body.list),
            C::BraceGroup(group) => self.list(&group.list),
            C::Subshell(subshell) => self.list(&subshell.list),
            C::ForClause(f) => {
                for word in f.values.iter().flatten() {
                    self.word_substitutions(word);
                }
                self.list(&f.body.list);
            }
            C::CaseClause(c) => {
                self.word_substitutions(&c.value);
                for item in &c.cases {
                    if let Some(list) = &item.cmd {
                        self.list(list);
                    }
                }
            }
            C::IfClause(i) => {
                self.list(&i.condition);
                self.list(&i.then);
                for branch in i.elses.iter().flatten() {
                    if let Some(condition) = &branch.condition {
                        self.list(condition);
                    }
                    self.list(&branch.body);
                }
            }
            C::WhileClause(w) | C::UntilClause(w) => {
                self.list(&w.0);
                self.list(&w.1.list);
            }
            C::Coprocess(c) => {
                let id = self.sink.next_pipeline();
                self.command(&c.body, id, 0);
            }
        }
    }

    fn redirects(&mut self, redirects: Option<&[ast::IoRedirect]>) {
        for redirect in redirects.unwrap_or_default() {
            if let ast::IoRedirect::File(
                _,
                _,
                ast::IoFileRedirectTarget::ProcessSubstitution(_, subshell),
            ) = redirect
            {
                self.list(&subshell.list);
            }
        }
    }

    fn simple(&mut self, simple: &ast::SimpleCommand, id: usize, stage: usize) {
        use ast::CommandPrefixOrSuffixItem as Item;
        let mut assignments = Vec::new();
        let mut words = Vec::new();
        let mut raw = Vec::new();
        let mut nested = Vec::new();
        let prefix = simple.prefix.iter().flat_map(|p| &p.0);
        for item in prefix {
            match item {
                Item::AssignmentWord(_, word) => {
                    if let Some(w) = self.word(word) {
                        raw.push(w.1);
                        assignments.push(w.0);
                    }
                }
                Item::Word(word) => {
                    if let Some(w) = self.word(word) {
                        raw.push(w.1);
                        words.push(w.0);
                    }
                }
                Item::IoRedirect(r) => self.collect_redirect(r, &mut nested),
                Item::ProcessSubstitution(_, subshell) => nested.push(subshell),
            }
        }
        if let Some(w) = simple.word_or_name.as_ref().and_then(|w| self.word(w)) {
            raw.push(w.1);
            words.push(w.0);
        }
        for item in simple.suffix.iter().flat_map(|s| &s.0) {
            match item {
                Item::Word(word) | Item::AssignmentWord(_, word) => {
                    if let Some(w) = self.word(word) {
                        raw.push(w.1);
                        words.push(w.0);
                    }
                }
                Item::IoRedirect(r) => self.collect_redirect(r, &mut nested),
                Item::ProcessSubstitution(_, subshell) => nested.push(subshell),
            }
        }
        self.sink.emit(assignments, words, id, stage);
        for (start, end) in raw {
            self.substitutions_in(start, end);
        }
        for subshell in nested {
            self.list(&subshell.list);
        }
    }

    fn collect_redirect<'t>(
        &self,
        redirect: &'t ast::IoRedirect,
        nested: &mut Vec<&'t ast::SubshellCommand>,
    ) {
        if let ast::IoRedirect::File(
            _,
            _,
            ast::IoFileRedirectTarget::ProcessSubstitution(_, subshell),
        ) = redirect
        {
            nested.push(subshell);
        }
    }

    /// The word with quotes removed and its source span, plus its byte range in the text.
    fn word(&self, word: &ast::Word) -> Option<(ShellWord, (usize, usize))> {
        let loc = word.loc.as_ref()?;
        let (mut start, end) = (self.byte(loc.start.index), self.byte(loc.end.index));
        // A word after a line continuation starts at the backslash: skip to its first character.
        while let Some(rest) = self.text.get(start..end) {
            let skip = if rest.starts_with("\\\n") {
                2
            } else if rest.starts_with("\\\r\n") {
                3
            } else if rest.starts_with([' ', '\t']) {
                1
            } else {
                break;
            };
            start += skip;
        }
        let raw = self.text.get(start..end).unwrap_or(&word.value);
        let (value, dynamic, quoted) = unquote(raw);
        Some((
            ShellWord {
                value,
                span: self.map.span(start, end),
                dynamic,
                quoted,
            },
            (start, end),
        ))
    }

    fn word_substitutions(&mut self, word: &ast::Word) {
        if let Some((_, (start, end))) = self.word(word) {
            self.substitutions_in(start, end);
        }
    }

    /// Analyses each `$( )` and backtick command substitution in `text[start..end]`.
    fn substitutions_in(&mut self, start: usize, end: usize) {
        let Some(raw) = self.text.get(start..end) else {
            return;
        };
        for (s, e) in command_substitutions(raw) {
            let map = Shifted(self.map, start + s);
            self.sink.nested(&raw[s..e], &map);
        }
    }
}

/// Offsets in a piece of text that starts `.1` bytes into the text `.0` maps.
struct Shifted<'a>(&'a dyn SpanMap, usize);

impl SpanMap for Shifted<'_> {
    fn span(&self, start: usize, end: usize) -> crate::diagnostic::Span {
        self.0.span(self.1 + start, self.1 + end)
    }
}

/// Byte ranges of the scripts inside `$( ... )` and `` `...` `` in a raw word (not inside single
/// quotes; `$((` arithmetic is not a command).
pub(super) fn command_substitutions(raw: &str) -> Vec<(usize, usize)> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_double = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'\'' if !in_double => {
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    i += 1;
                }
            }
            b'"' => in_double = !in_double,
            b'$' if b.get(i + 1) == Some(&b'(') && b.get(i + 2) != Some(&b'(') => {
                let end = super::matching_paren(b, i + 1);
                if end > i + 2 {
                    out.push((i + 2, end.saturating_sub(1).max(i + 2)));
                }
                i = end;
                continue;
            }
            b'`' => {
                let close = raw[i + 1..].find('`').map_or(b.len(), |p| i + 1 + p);
                out.push((i + 1, close));
                i = close + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Quote removal: the word's value as the command receives it (expansions kept verbatim), whether
/// it contains an expansion outside single quotes, and whether any part was quoted.
pub(super) fn unquote(raw: &str) -> (String, bool, bool) {
    let b = raw.as_bytes();
    let mut value = String::with_capacity(raw.len());
    let (mut dynamic, mut quoted) = (false, false);
    let mut i = 0;
    let mut in_double = false;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => {
                let next = raw[i + 1..].chars().next();
                match next {
                    Some('\n') => i += 2,
                    Some(ch) if !in_double || matches!(ch, '$' | '`' | '"' | '\\') => {
                        value.push(ch);
                        i += 1 + ch.len_utf8();
                    }
                    _ => {
                        value.push('\\');
                        i += 1;
                    }
                }
            }
            b'\'' if !in_double => {
                quoted = true;
                let close = raw[i + 1..].find('\'').map_or(raw.len(), |p| i + 1 + p);
                value.push_str(&raw[i + 1..close]);
                i = close + 1;
            }
            b'$' if !in_double && b.get(i + 1) == Some(&b'\'') => {
                // `$'...'`: ANSI-C quoting; escapes stay as written.
                quoted = true;
                let close = raw[i + 2..].find('\'').map_or(raw.len(), |p| i + 2 + p);
                value.push_str(&raw[i + 2..close]);
                i = close + 1;
            }
            b'"' => {
                quoted = true;
                in_double = !in_double;
                i += 1;
            }
            b'$' if matches!(b.get(i + 1), Some(b'(' | b'{')) => {
                dynamic = true;
                let end = if b[i + 1] == b'(' {
                    super::matching_paren(b, i + 1)
                } else {
                    matching_brace(b, i + 1)
                };
                value.push_str(&raw[i..end]);
                i = end;
            }
            b'`' => {
                dynamic = true;
                let close = raw[i + 1..].find('`').map_or(raw.len(), |p| i + 2 + p);
                value.push_str(&raw[i..close.min(raw.len())]);
                i = close;
            }
            _ => {
                if c == b'$' {
                    dynamic = true;
                }
                let ch = raw[i..].chars().next().unwrap_or(' ');
                value.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    (value, dynamic, quoted)
}

fn matching_brace(b: &[u8], open: usize) -> usize {
    let mut depth = 0;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_removal() {
        assert_eq!(unquote("'a b'"), ("a b".into(), false, true));
        assert_eq!(unquote("\"c$D\""), ("c$D".into(), true, true));
        assert_eq!(unquote("e\\ f"), ("e f".into(), false, false));
        assert_eq!(unquote("\"a\\$b\\q\""), ("a$b\\q".into(), false, true));
        assert_eq!(unquote("${X:-a b}y"), ("${X:-a b}y".into(), true, false));
        assert_eq!(
            unquote("$(echo \"x\")"),
            ("$(echo \"x\")".into(), true, false)
        );
        assert_eq!(unquote("a\\\nb"), ("ab".into(), false, false));
        assert_eq!(unquote("$'\\n'"), ("\\n".into(), false, true));
    }

    #[test]
    fn substitutions_skip_single_quotes_and_arithmetic() {
        let raw = "'$(no)'$(yes a)\"`b c`\"$((1+2))";
        let found: Vec<&str> = command_substitutions(raw)
            .into_iter()
            .map(|(s, e)| &raw[s..e])
            .collect();
        assert_eq!(found, ["yes a", "b c"]);
    }

    #[test]
    fn nesting_bound() {
        assert!(parse(&"(".repeat(10_000)).is_none());
        assert!(parse("if a; then (b); fi").is_some());
        // Right at the bound the parser still runs, within a test thread's stack in debug builds.
        let deep = format!(
            "{}echo hi{}",
            "{ ".repeat(MAX_NESTING),
            "; }".repeat(MAX_NESTING)
        );
        assert!(parse(&deep).is_some());
        let parens = |n: usize| format!("{}echo hi{}", "( ".repeat(n), " )".repeat(n));
        assert!(parse(&parens(MAX_PAREN_NESTING)).is_some());
        assert!(parse(&parens(MAX_PAREN_NESTING + 1)).is_none());
        // The fuzz target's exponential case goes to the scanner at once.
        assert!(
            parse("ech<((((((((((((((((&((((((((((((((((((((sudo -u nobody ((\nX\"\"\n#").is_none()
        );
        let ifs = format!(
            "{}b{}",
            "if a; then ".repeat(MAX_NESTING),
            "; fi".repeat(MAX_NESTING)
        );
        assert!(parse(&ifs).is_some());
        let subs = format!(
            "echo {}x{}",
            "$(echo ".repeat(MAX_PAREN_NESTING),
            ")".repeat(MAX_PAREN_NESTING)
        );
        assert!(parse(&subs).is_some());
    }
}
