use crate::diagnostic::{Edit, Fix, Span};
use crate::rule::{Context, TravisInput};
use crate::syntax::yaml::Style;

crate::declare_rule! {
    /// ## What it does
    /// Finds a `// ...` "comment" in a line of `script:`, `install:`, `before_*:`, `after_*:` or
    /// a script deploy's `script:`, also after `&&` or inside `$( )`.
    ///
    /// ## Why is this bad?
    /// Travis runs each line with bash, where `//` is not a comment: it is a word, the root
    /// directory. `npm test -- --coverage // run the tests` passes `//`, `run`, `the`, `tests` to
    /// the test runner, which then looks for tests matching them, fails on the unknown paths, or
    /// silently does something else. The same as in a Dockerfile's `RUN` (DF001).
    ///
    /// A `//` that ends the command (`ls //`) is a path, not a comment, and is not reported.
    ///
    /// ## Example
    /// ```yaml
    /// language: generic
    /// script:
    ///   - docker run -e CI=true app npm test -- --coverage // run the tests
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: generic
    /// script:
    ///   - docker run -e CI=true app npm test -- --coverage # run the tests
    /// ```
    ///
    /// ## Fix safety
    /// The `//` becomes `#`, which in an unquoted YAML value after a space starts a YAML
    /// comment. Unsafe, as in DF001: it does what was evidently meant, but `//` is a valid
    /// argument and the command changes. Offered only when the comment ends an unquoted line
    /// (and not when the whole line is the comment: the item would become empty).
    ///
    /// ## References
    /// - [Travis CI: customizing the build, the job lifecycle](https://docs.travis-ci.com/user/job-lifecycle/)
    /// - [Bash reference manual: comments](https://www.gnu.org/software/bash/manual/html_node/Comments.html)
    pub static RULE = {
        code: "TR005",
        name: "travis-slash-comment-in-script",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Travis(check),
    }
}

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    for line in input.lines {
        for cmd in &line.script.commands {
            let Some((i, word)) = crate::rules::shell::slash_comment(cmd) else {
                continue;
            };
            let span = Span::new(word.span.start, cmd.span.end.max(word.span.end));
            let receiver = if i == 0 {
                "bash tries to run `//` (a directory) as the command".to_string()
            } else {
                format!(
                    "`{}` receives `//` and the words after it as arguments",
                    cmd.name()
                )
            };
            let d = cx.report(
                span,
                format!("`//` is not a comment in a {} line: {receiver}", line.phase),
            );
            d.help("put the comment on its own line above the item, starting with `#`");
            let node = line.node;
            let plain = node.as_scalar().is_some_and(|s| s.style == Style::Plain);
            let exact = input.text.get(word.span.start..word.span.end) == Some("//");
            let line_end = input.text[node.span.end..]
                .find('\n')
                .map_or(input.text.len(), |n| node.span.end + n);
            let ends_item = cmd.span.end == node.span.end
                && input.text[node.span.end..line_end].trim().is_empty();
            let after_space = input.text[..word.span.start].ends_with([' ', '\t']);
            if i > 0 && plain && exact && ends_item && after_space {
                d.fix(Fix::unsafe_(
                    "make it a `#` comment",
                    vec![Edit::replace(word.span, "#")],
                ));
            }
        }
    }
}
