use crate::diagnostic::{Edit, Fix, Span};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::{Instruction, Keyword};
use crate::syntax::shell::Script;

crate::declare_rule! {
    /// ## What it does
    /// Finds a `# ...` or `// ...` "comment" written after an instruction on the same line.
    ///
    /// ## Why is this bad?
    /// A Dockerfile comment must be on its own line, starting with `#`. Anywhere else the text is
    /// handed to the instruction as more arguments: `COPY src /app # sources` copies `src`, `/app`
    /// and `#` into a directory called `sources`; `ENV A 1 # one` sets `A` to `1 # one`. In shell-form
    /// `RUN`, `#` does start a shell comment, but `//` does not: `RUN npm install // cache` asks npm
    /// to install a package called `//`. (After `FROM`, the build fails outright; rlint reports that
    /// as a syntax error.)
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN npm ci // install dependencies
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// # install dependencies
    /// RUN npm ci
    /// ```
    ///
    /// A value that merely starts with `#` (`ENV COLOR #fff`, the whole value of a legacy
    /// `ENV key value`) is not reported.
    ///
    /// ## Fix safety
    /// The fix moves the comment to a `#` line of its own above the instruction (a `//` becomes
    /// `#`). It is safe where Docker refuses the instruction as written, so no behaviour is lost:
    /// `EXPOSE 80 # web` (`#` is no port), `STOPSIGNAL`, `SHELL`, and `ENV`/`LABEL` in
    /// `key=value` form (a word without `=` is a syntax error). Elsewhere Docker accepts the text
    /// and does something with it, and the fix, though it does what was evidently meant, changes
    /// that: it is unsafe for `COPY`/`ADD` (sources), `ENV A 1 # one` (the value), `ARG`,
    /// `VOLUME`, `WORKDIR`, `USER`, and for `//` in a shell command (`//` is a valid path, the
    /// root directory). No fix is offered when the comment does not end its line (`RUN a // b && c`),
    /// or when the moved line would become a parser directive (`# syntax=...` at the top).
    ///
    /// ## References
    /// - [Dockerfile reference: format](https://docs.docker.com/reference/dockerfile/#format)
    pub static RULE = {
        code: "DF001",
        name: "comment-after-instruction",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    // RUNs past the shell analysis limit are left out here too (DF100 says so).
    let cut = crate::kinds::dockerfile::shell_analysis_cut(input.model, input.shell_limit)
        .map(|(first, _)| first);
    for (i, ins) in input.df.instructions.iter().enumerate() {
        if cut.is_some_and(|first| i >= first) && ins.effective().keyword == Keyword::Run {
            continue;
        }
        // The shared analysis has the RUNs that go to a POSIX shell; CMD, ENTRYPOINT, HEALTHCHECK
        // and RUNs under another SHELL are analysed here (`//` is no comment there either).
        let shared = input.scripts.get(i).filter(|s| !s.is_empty());
        check_instruction(input, ins, shared.map(Vec::as_slice), cx);
    }
}

/// `outer` is the instruction as written (`ONBUILD RUN ...`): the comment goes above it.
fn check_instruction(
    input: &DockerfileInput<'_>,
    outer: &Instruction,
    shared: Option<&[Script]>,
    cx: &mut Context<'_>,
) {
    let ins = outer.effective();
    let name = ins.keyword.as_str().to_ascii_uppercase();
    let move_above =
        |span: Span| move_comment_above(input.text, outer.span.start, span, input.df.escape);
    const MESSAGE: &str = "move the comment to its own line above the instruction";
    match ins.keyword {
        // FROM fails to build (a syntax error); MAINTAINER is free text.
        Keyword::From | Keyword::Maintainer | Keyword::Unknown | Keyword::Onbuild => {}
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck => {
            if ins.json {
                return;
            }
            let own;
            let scripts = match shared {
                Some(scripts) => scripts,
                // Too long to analyse: DF100 says so; the instruction rules still read it.
                None if crate::kinds::dockerfile::too_long_to_analyse(ins) => return,
                None => {
                    own = super::scripts_of(ins);
                    &own
                }
            };
            for script in scripts {
                for cmd in &script.commands {
                    if let Some(w) = cmd.args().iter().find(|w| w.value == "//") {
                        let span = Span::new(w.span.start, cmd.span.end);
                        let d = cx.report(
                            span,
                            format!(
                                "`//` is not a comment in a Dockerfile: `{}` receives `//` and the words after it as arguments",
                                cmd.name()
                            ),
                        );
                        d.help("put the comment on its own line above the instruction, starting with `#`");
                        if let Some(edits) = move_above(span) {
                            d.fix(Fix::unsafe_(MESSAGE, edits));
                        }
                    }
                }
            }
        }
        _ => {
            let text = &ins.rest().value;
            let Some(at) = comment_start(text) else {
                return;
            };
            let span = ins.rest_span(at, text.len());
            // `ENV COLOR #fff`: the legacy form's value starts with `#`, it is no comment.
            if ins
                .pairs()
                .iter()
                .any(|p| p.legacy && p.value.span.start == span.start)
            {
                return;
            }
            let d = cx.report(
                span,
                format!(
                    "`{}` is not a comment: Docker passes it to {name} as more arguments",
                    text[at..].trim()
                ),
            );
            d.help("put the comment on its own line above the instruction, starting with `#`");
            if let Some(edits) = move_above(span) {
                d.fix(if refused_as_written(ins, &text[at..]) {
                    Fix::safe(MESSAGE, edits)
                } else {
                    Fix::unsafe_(MESSAGE, edits)
                });
            }
        }
    }
}

/// Whether Docker refuses `ins` because of its trailing `comment`: then moving the comment away
/// loses no behaviour.
fn refused_as_written(ins: &Instruction, comment: &str) -> bool {
    match ins.keyword {
        // `#` is no port, `SIGTERM # x` no signal, and SHELL takes JSON only.
        Keyword::Expose | Keyword::Stopsignal | Keyword::Shell => true,
        // In `key=value` form every word needs a `=` ("can't find = in ...").
        Keyword::Env | Keyword::Label => {
            !ins.pairs().is_empty()
                && ins.pairs().iter().all(|p| !p.legacy)
                && comment.split_whitespace().any(|w| !w.contains('='))
        }
        _ => false,
    }
}

/// The edits that move the "comment" at `comment` (`# ...` or `// ...`, after an instruction) to a
/// `#` line of its own above the instruction starting at `instruction_start`, at its indentation.
/// `None` when the comment is not the rest of its line (only a continuation `escape` may follow:
/// it stays), or when the new line would be read as a parser directive.
pub(crate) fn move_comment_above(
    text: &str,
    instruction_start: usize,
    comment: Span,
    escape: char,
) -> Option<Vec<Edit>> {
    let written = text.get(comment.start..comment.end)?;
    let line_end = text[comment.end..]
        .find('\n')
        .map_or(text.len(), |i| comment.end + i);
    let tail = text[comment.end..line_end].trim();
    if written.contains('\n') || !(tail.is_empty() || tail.chars().eq([escape])) {
        return None;
    }
    let gap = text[..comment.start].trim_end_matches([' ', '\t']).len();
    if gap == 0 || text[..gap].ends_with('\n') {
        // Alone on a continuation line: there a `#` line is a comment Docker drops, and the
        // instruction goes on past it, so the line must have ended in a continuation already.
        let slashes = written.len() - written.trim_start_matches('/').len();
        if tail.is_empty() || slashes < 2 {
            return None;
        }
        let marker = Span::new(comment.start, comment.start + slashes);
        return Some(vec![Edit::replace(marker, "#")]);
    }
    let line_start = text[..instruction_start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..instruction_start];
    if !indent.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    let written = written.trim_end();
    let line = match written.strip_prefix("//") {
        Some(body) => format!("#{}", body.trim_start_matches('/')),
        None => written.to_string(),
    };
    if looks_like_directive(&line)
        && text[..line_start]
            .lines()
            .all(|l| looks_like_directive(l.trim_end()))
    {
        return None;
    }
    let mut edits = vec![Edit::delete(Span::new(gap, comment.end))];
    if line.len() > 1 {
        let newline = if text[..line_end].ends_with('\r') {
            "\r\n"
        } else {
            "\n"
        };
        edits.insert(
            0,
            Edit::insert(line_start, format!("{indent}{line}{newline}")),
        );
    }
    Some(edits)
}

/// `# name=value` where BuildKit looks for parser directives (`# syntax=`, `# escape=`).
fn looks_like_directive(line: &str) -> bool {
    let Some(body) = line.strip_prefix('#') else {
        return false;
    };
    let body = body.trim_start();
    let name = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    body.starts_with(|c: char| c.is_ascii_alphabetic())
        && body[name..].trim_start().starts_with('=')
}

/// Offset of the first word that starts with `#` or is `//`, outside quotes.
fn comment_start(text: &str) -> Option<usize> {
    let mut quote = None;
    let mut prev_space = false;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if prev_space && c == '#' => return Some(i),
            None if prev_space
                && text[i..].starts_with("//")
                && text[i + 2..].starts_with([' ', '\t']) =>
            {
                return Some(i);
            }
            None => {}
        }
        prev_space = c == ' ' || c == '\t';
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::{Config, FileKind};

    /// `text` after the fixes of `syntax-error` and this rule, unsafe ones included.
    fn fixed(text: &str) -> String {
        let config = Config {
            select: vec!["DF000".into(), "DF001".into()],
            ..Config::default()
        };
        crate::fix::fix_text(
            "Dockerfile",
            text,
            Some(FileKind::Dockerfile),
            &config,
            true,
        )
        .text
    }

    #[test]
    fn moved_comments_keep_line_endings_and_the_escape_character() {
        assert_eq!(
            fixed("FROM alpine:3.20 # base\r\nRUN true // done\r\n"),
            "# base\r\nFROM alpine:3.20\r\n# done\r\nRUN true\r\n"
        );
        // With a backtick escape a trailing backslash is text, not a continuation.
        assert_eq!(
            fixed("# escape=`\nFROM alpine:3.20\nRUN echo a `\n  // b `\n  && echo c\n"),
            "# escape=`\nFROM alpine:3.20\nRUN echo a `\n  # b `\n  && echo c\n"
        );
        assert_eq!(
            fixed("FROM alpine:3.20\nRUN echo a // b \\\n  && echo c\n"),
            "FROM alpine:3.20\n# b\nRUN echo a \\\n  && echo c\n"
        );
    }

    #[test]
    fn no_fix_where_the_comment_does_not_end_its_line() {
        let text = "FROM alpine:3.20\nRUN echo a // b; echo c\nCOPY a b # c \\\n  d\n";
        assert_eq!(fixed(text), text);
    }
}
