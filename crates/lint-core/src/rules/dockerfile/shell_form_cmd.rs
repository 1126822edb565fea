use crate::diagnostic::{Edit, Fix};
use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Finds `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` in shell form (`CMD npm start` instead of
    /// `CMD ["npm", "start"]`).
    ///
    /// ## Why is this bad?
    /// Shell form runs `/bin/sh -c "<command>"`, so PID 1 in the container is the shell, not your
    /// application. The shell does not forward SIGTERM: `docker stop` waits 10 seconds and then
    /// kills the app without a clean shutdown. A shell-form `ENTRYPOINT` also ignores `CMD` and any
    /// `docker run` arguments. Commands chained with `&&` keep the shell alive for the whole run.
    ///
    /// A shell-form `HEALTHCHECK CMD` without shell syntax is reported too: each check starts a
    /// shell for nothing, and in an image without `/bin/sh` (distroless) the check always fails.
    /// One that needs the shell (`curl -f http://localhost/ || exit 1`, Docker's documented
    /// example) is left alone, as exec form would have to run `sh -c` just the same.
    ///
    /// The rule stays quiet in stages that set `SHELL`, where shell form is a deliberate choice.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.3
    /// CMD bundle exec rails db:migrate && bundle exec puma
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ruby:3.3
    /// CMD ["sh", "-c", "bundle exec rails db:migrate && exec bundle exec puma"]
    /// ```
    /// (`exec` replaces the shell, so the server becomes PID 1 and receives signals), or move the
    /// steps into an entrypoint script that ends with `exec "$@"`.
    ///
    /// ## Fix safety
    /// For a simple command without shell syntax the fix rewrites it in exec form. It is unsafe:
    /// variables in the command are no longer expanded by a shell.
    ///
    /// ## References
    /// - [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    /// - hadolint DL3025, BuildKit JSONArgsRecommended
    pub static RULE = {
        code: "DF014",
        name: "shell-form-cmd",
        severity: Warning,
        aliases: ["DL3025", "JSONArgsRecommended"],
        fix: Sometimes,
        default: true,
        check: Dockerfile(check),
    }
}

const SHELL_SYNTAX: &[char] = &[
    '$', '&', '|', ';', '<', '>', '`', '(', ')', '*', '?', '"', '\'', '\\', '~', '{', '}', '#',
];

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let model = input.model;
    for stage in &model.stages {
        let chain = model.ancestry(stage.index);
        let has_shell = chain.iter().any(|&s| {
            super::stage_body(model, &model.stages[s]).any(|(_, i)| i.keyword == Keyword::Shell)
        });
        if has_shell {
            continue;
        }
        for (_, ins) in super::stage_body(model, stage) {
            if ins.keyword == Keyword::Healthcheck {
                check_healthcheck(input, ins, cx);
                continue;
            }
            if !matches!(ins.keyword, Keyword::Cmd | Keyword::Entrypoint)
                || ins.json
                || ins.rest().value.is_empty()
            {
                continue;
            }
            // Invalid JSON that fell back to shell form is DF015's finding.
            if ins.rest().value.starts_with('[') {
                continue;
            }
            let name = ins.keyword.as_str().to_ascii_uppercase();
            let cmd = &ins.rest().value;
            let message = if cmd.contains("&&") || cmd.contains(';') {
                format!(
                    "shell-form {name} chains commands: `/bin/sh` stays PID 1 and does not forward SIGTERM to the application"
                )
            } else if ins.keyword == Keyword::Entrypoint {
                "shell-form ENTRYPOINT: CMD and `docker run` arguments are ignored, and `/bin/sh` (PID 1) does not forward signals".to_string()
            } else {
                format!(
                    "shell-form {name}: `/bin/sh -c` runs as PID 1 and does not forward SIGTERM to `{}`",
                    cmd.split_whitespace().next().unwrap_or("")
                )
            };
            let help = if cmd.contains(SHELL_SYNTAX) {
                format!(
                    "use exec form with an explicit shell and `exec` for the last command: `{name} [\"sh\", \"-c\", \"... && exec ...\"]`, or an entrypoint script"
                )
            } else {
                format!("use exec form: `{name} {}`", exec_form(cmd))
            };
            let d = cx.report(ins.head_span(input.text), message);
            d.help(help);
            if !cmd.contains(SHELL_SYNTAX) && !cmd.contains('\n') {
                d.fix(Fix::unsafe_(
                    "rewrite in exec form",
                    vec![Edit::replace(ins.rest().span, exec_form(cmd))],
                ));
            }
        }
    }
}

/// A shell-form `HEALTHCHECK CMD` that exec form would run as it is. One with shell syntax
/// (`curl -f ... || exit 1`, Docker's own example) needs `sh -c` either way, so it is left alone.
fn check_healthcheck(
    input: &DockerfileInput<'_>,
    ins: &crate::syntax::dockerfile::Instruction,
    cx: &mut Context<'_>,
) {
    let [kind, cmd, ..] = &*ins.args else {
        return;
    };
    if ins.json
        || !kind.value.eq_ignore_ascii_case("cmd")
        || cmd.value.starts_with('[')
        || cmd.value.contains(SHELL_SYNTAX)
        || cmd.value.contains('\n')
    {
        return;
    }
    cx.report(
        ins.head_span(input.text),
        format!(
            "shell-form HEALTHCHECK: every check starts `/bin/sh -c` to run `{}`, and fails in an image without a shell",
            cmd.value.split_whitespace().next().unwrap_or("")
        ),
    )
    .help(format!("use exec form: `HEALTHCHECK CMD {}`", exec_form(&cmd.value)))
    .fix(Fix::unsafe_(
        "rewrite in exec form",
        vec![Edit::replace(cmd.span, exec_form(&cmd.value))],
    ));
}

fn exec_form(cmd: &str) -> String {
    let parts: Vec<String> = cmd.split_whitespace().map(|w| format!("\"{w}\"")).collect();
    format!("[{}]", parts.join(", "))
}
