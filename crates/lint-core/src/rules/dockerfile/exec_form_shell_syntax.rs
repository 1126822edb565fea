use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds exec-form (`["..."]`) CMD, ENTRYPOINT and RUN whose arguments contain shell syntax:
    /// `&&`, `||`, `|`, `;`, `>`, `$VAR`, `~`, globs. Exec form runs the program directly, without a
    /// shell, so none of it is interpreted.
    ///
    /// ## Why is this bad?
    /// `CMD ["npm", "run", "migrate", "&&", "npm", "start"]` passes `&&` to npm as an argument;
    /// `["echo", "$HOME"]` prints `$HOME` literally. The command silently does something else.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// CMD ["npm", "run", "migrate", "&&", "npm", "start"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// CMD ["sh", "-c", "npm run migrate && exec npm start"]
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: exec form](https://docs.docker.com/reference/dockerfile/#exec-form)
    pub static RULE = {
        code: "DF091",
        name: "exec-form-shell-syntax",
        severity: Warning,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

const OPERATORS: [&str; 9] = ["&&", "||", "|", ";", ">", ">>", "<", "2>&1", "&"];

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        if !matches!(
            ins.keyword,
            Keyword::Cmd | Keyword::Entrypoint | Keyword::Run
        ) || !ins.json
        {
            continue;
        }
        // ["sh", "-c", "..."] runs a shell: the syntax is interpreted there.
        let program = ins
            .args
            .first()
            .map_or("", |a| a.value.rsplit(['/', '\\']).next().unwrap_or(""));
        // PowerShell and cmd expand `$x`/`%x%` and run `&&`, `|` themselves.
        let windows_shell = matches!(
            program.to_ascii_lowercase().trim_end_matches(".exe"),
            "powershell" | "pwsh" | "cmd"
        );
        if crate::syntax::shell::POSIX_SHELLS.contains(&program)
            || program == "env"
            || windows_shell
        {
            continue;
        }
        let bad = ins.args.iter().skip(1).find(|a| {
            OPERATORS.contains(&a.value.as_str())
                || (a.value.starts_with('$')
                    && a.value.len() > 1
                    && a.value[1..]
                        .starts_with(|c: char| c.is_ascii_alphabetic() || c == '{' || c == '_'))
                || a.value.starts_with("~/")
        });
        if let Some(arg) = bad {
            let name = ins.keyword.as_str().to_ascii_uppercase();
            cx.report(arg.span, format!("exec-form {name} runs without a shell: `{}` is passed to `{program}` literally", arg.value))
                .help(format!("wrap it in a shell: `{name} [\"sh\", \"-c\", \"...\"]` (with `exec` before the last command), or use a script"));
        }
    }
}
