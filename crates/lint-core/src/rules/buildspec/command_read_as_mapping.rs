use crate::diagnostic::{Edit, Fix};
use crate::rule::{BuildspecInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds a command that YAML reads as a mapping because it holds `: ` (a colon and a space),
    /// as in `- echo Build status: done` or `- curl -H Accept: application/json ...`.
    ///
    /// ## Why is this bad?
    /// YAML turns the item into `{"echo Build status": "done"}`, not a command. CodeBuild stops
    /// with `YAML_FILE_ERROR: Expected Commands[0] to be of string type: found subkeys
    /// instead`, and the message does not point at the line.
    ///
    /// ## Example
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   build:
    ///     commands:
    ///       - echo Build status: done
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   build:
    ///     commands:
    ///       - 'echo Build status: done'
    /// ```
    ///
    /// ## Fix safety
    /// The item is quoted as it was written (single quotes, `'` doubled). Safe: CodeBuild refuses
    /// the file as written, and the text on the line is the command the author meant. Items that
    /// span several lines get no fix.
    ///
    /// ## References
    /// - [Build specification reference for CodeBuild: commands](https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.phases.install.commands)
    /// - [YAML 1.2.2: plain scalars cannot contain `: `](https://yaml.org/spec/1.2.2/#plain-style)
    pub static RULE = {
        code: "BS002",
        name: "command-read-as-mapping",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Buildspec(check),
    }
}

fn check(input: &BuildspecInput<'_>, cx: &mut Context<'_>) {
    for command in input.commands {
        let node = command.node;
        let Some(entries) = node.as_map() else {
            continue;
        };
        let Some(first) = entries.first() else {
            continue;
        };
        let key = first.key.as_str().unwrap_or("");
        let written = input.text.get(node.span.start..node.span.end).unwrap_or("");
        let written = written.trim_end();
        let d = cx.report(
            node.span,
            format!(
                "YAML reads this {} command as a mapping (`{key}` → a value) because of `: `: CodeBuild refuses it",
                command.phase
            ),
        );
        let one_line = entries.len() == 1 && !written.contains('\n') && !written.contains(" #");
        let quoted = format!("'{}'", written.replace('\'', "''"));
        if one_line {
            d.help(format!("quote the whole command: `- {quoted}`"));
        } else {
            d.help("write the command on one line and quote it: `- 'echo Build status: done'`");
        }
        if one_line && !written.is_empty() {
            d.fix(Fix::safe(
                "quote the command",
                vec![Edit::replace(
                    crate::diagnostic::Span::new(node.span.start, node.span.start + written.len()),
                    quoted,
                )],
            ));
        }
    }
}
