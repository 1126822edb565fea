use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds exec-form CMD, ENTRYPOINT and RUN whose first element holds spaces: `["npm run start"]`.
    ///
    /// ## Why is this bad?
    /// Exec form does not split words: Docker looks for a program literally named `npm run start`,
    /// and the container fails to start with "executable file not found".
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// CMD ["npm run start"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// CMD ["npm", "run", "start"]
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: exec form](https://docs.docker.com/reference/dockerfile/#exec-form)
    pub static RULE = {
        code: "DF092",
        name: "exec-form-single-string",
        severity: Error,
        aliases: [],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    for ins in &input.df.instructions {
        if !matches!(
            ins.keyword,
            Keyword::Cmd | Keyword::Entrypoint | Keyword::Run
        ) || !ins.json
        {
            continue;
        }
        let Some(first) = ins.args.first() else {
            continue;
        };
        let program = first.value.trim();
        // A path (`/opt/My App/run`, `C:\\Program Files\\app.exe`) may hold spaces.
        let path =
            program.starts_with('/') || program.contains('\\') || program.get(1..3) == Some(":/");
        if program.contains(char::is_whitespace) && !path {
            let parts: Vec<String> = first
                .value
                .split_whitespace()
                .map(|w| format!("\"{w}\""))
                .collect();
            cx.report(
                first.span,
                format!(
                    "`{}` is looked up as one program name, spaces included",
                    first.value
                ),
            )
            .help(format!("split it into elements: [{}]", parts.join(", ")));
        }
    }
}
