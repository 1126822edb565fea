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
    /// ## References
    /// - [Dockerfile reference: format](https://docs.docker.com/reference/dockerfile/#format)
    pub static RULE = {
        code: "DF001",
        name: "comment-after-instruction",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for (i, ins) in input.df.instructions.iter().enumerate() {
        // The shared analysis has the RUNs that go to a POSIX shell; CMD, ENTRYPOINT, HEALTHCHECK
        // and RUNs under another SHELL are analysed here (`//` is no comment there either).
        let shared = input.scripts.get(i).filter(|s| !s.is_empty());
        check_instruction(ins.effective(), shared.map(Vec::as_slice), cx);
    }
}

fn check_instruction(ins: &Instruction, shared: Option<&[Script]>, cx: &mut Context<'_>) {
    let name = ins.keyword.as_str().to_ascii_uppercase();
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
                None => {
                    own = super::scripts_of(ins);
                    &own
                }
            };
            for script in scripts {
                for cmd in &script.commands {
                    if let Some(w) = cmd.args().iter().find(|w| w.value == "//") {
                        let span = crate::Span::new(w.span.start, cmd.span.end);
                        cx.report(
                            span,
                            format!(
                                "`//` is not a comment in a Dockerfile: `{}` receives `//` and the words after it as arguments",
                                cmd.name()
                            ),
                        )
                        .help("put the comment on its own line above the instruction, starting with `#`");
                    }
                }
            }
        }
        _ => {
            let text = &ins.rest.value;
            let Some(at) = comment_start(text) else {
                return;
            };
            let span = ins.rest_span(at, text.len());
            cx.report(
                span,
                format!(
                    "`{}` is not a comment: Docker passes it to {name} as more arguments",
                    text[at..].trim()
                ),
            )
            .help("put the comment on its own line above the instruction, starting with `#`");
        }
    }
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
