//! Checks on analysed shell commands that the rules of several kinds share (a Dockerfile's RUN,
//! a buildspec's commands, CI scripts).

use crate::diagnostic::{Span, mask_secret};
use crate::rule::Context;
use crate::syntax::shell::Command;

/// Programs whose `login` takes a registry password.
const LOGIN_TOOLS: [&str; 3] = ["docker", "podman", "buildah"];
/// Global options of those tools that take a value before the subcommand.
const GLOBAL_VALUE_FLAGS: [&str; 7] = [
    "--config",
    "-c",
    "--context",
    "-H",
    "--host",
    "-l",
    "--log-level",
];

/// A registry password given on a `docker login` / `podman login` command line (`-p SECRET`,
/// `--password SECRET`, `--password=SECRET`): where it stands and what is written.
pub fn login_password(cmd: &Command) -> Option<(Span, String)> {
    if !LOGIN_TOOLS.contains(&cmd.name()) {
        return None;
    }
    let args = cmd.args();
    let mut i = 0;
    // The subcommand is the first word that is neither a global flag nor its value.
    while let Some(w) = args.get(i) {
        if GLOBAL_VALUE_FLAGS.contains(&w.value.as_str()) {
            i += 2;
        } else if w.value.starts_with('-') {
            i += 1;
        } else {
            break;
        }
    }
    if args.get(i).map(|w| w.value.as_str()) != Some("login") {
        return None;
    }
    let rest = &args[i + 1..];
    for (j, w) in rest.iter().enumerate() {
        let v = w.value.as_str();
        if v == "-p" || v == "--password" {
            return rest.get(j + 1).map(|p| (p.span, p.value.clone()));
        }
        if let Some(p) = v.strip_prefix("--password=") {
            let start = w.span.end.saturating_sub(p.len()).max(w.span.start);
            return Some((Span::new(start, w.span.end), p.to_string()));
        }
    }
    None
}

/// Reports a password [`login_password`] found, where `shown_in` says who sees a command line
/// ("the process list and the build log"): a password written in the file is masked and leaks (the
/// rule's severity); one from a variable commits nothing, so it is a risk, at most a warning.
pub fn report_login_password(
    cx: &mut Context<'_>,
    cmd: &Command,
    span: Span,
    password: &str,
    shown_in: &str,
) {
    // `$VAR`, or a CircleCI `<< parameters.x >>` filled in when the file is compiled.
    let literal = !password.contains('$') && !password.contains("<<");
    let shown = if literal {
        mask_secret(password)
    } else {
        password.to_string()
    };
    let d = cx
        .report(
            span,
            format!(
                "`{} login` gets the password on its command line (`{shown}`): it shows in {shown_in}",
                cmd.name()
            ),
        )
        .help(format!(
            "pipe it in: `echo \"{}\" | {} login -u USER --password-stdin REGISTRY`",
            if literal { "$PASSWORD" } else { password },
            cmd.name()
        ));
    if literal {
        d.secret();
    } else {
        d.at_most(crate::Severity::Warning);
    }
}

/// A `//` "comment" in a shell command: the unquoted `//` word followed by more words (a
/// lone trailing `//` is left alone), with its index in the command's words.
pub fn slash_comment(cmd: &Command) -> Option<(usize, &crate::syntax::shell::ShellWord)> {
    cmd.words
        .iter()
        .enumerate()
        .find(|(i, w)| w.value == "//" && !w.quoted && i + 1 < cmd.words.len())
}

/// Reports the `//` "comment" of `cmd` in a script of `place` ("a `run:` script"), with the
/// fix that makes it a `#` comment when the `//` is written as is after a space (unsafe: the
/// words after it stop being arguments).
pub fn report_slash_comment(cx: &mut Context<'_>, text: &str, cmd: &Command, place: &str) {
    let Some((i, word)) = slash_comment(cmd) else {
        return;
    };
    let receiver = if i == 0 {
        "bash tries to run `//` (a directory) as the command".to_string()
    } else {
        format!(
            "`{}` receives `//` and the words after it as arguments",
            cmd.name()
        )
    };
    let d = cx.report(
        Span::new(word.span.start, cmd.span.end.max(word.span.end)),
        format!("`//` is not a comment in {place}: {receiver}"),
    );
    d.help("shell comments start with `#`");
    let exact = text.get(word.span.start..word.span.end) == Some("//");
    if i > 0 && exact && text[..word.span.start].ends_with([' ', '\t']) {
        d.fix(crate::diagnostic::Fix::unsafe_(
            "make it a `#` comment",
            vec![crate::diagnostic::Edit::replace(word.span, "#")],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::shell::{Contiguous, analyze};

    fn password(script: &str) -> Option<String> {
        analyze(script, &Contiguous(0))
            .commands
            .iter()
            .find_map(login_password)
            .map(|(_, p)| p)
    }

    #[test]
    fn passwords_on_login_command_lines() {
        assert_eq!(
            password("docker login -u me -p s3cret registry.example.com").as_deref(),
            Some("s3cret")
        );
        assert_eq!(
            password("docker login --password \"$PASS\" -u me").as_deref(),
            Some("$PASS")
        );
        assert_eq!(
            password("docker --config /tmp/c login --password=abc").as_deref(),
            Some("abc")
        );
        assert_eq!(password("podman login -p x quay.io").as_deref(), Some("x"));
        assert_eq!(
            password("echo \"$P\" | docker login -u me --password-stdin"),
            None
        );
        assert_eq!(password("docker run -p 80:80 nginx"), None);
        assert_eq!(password("docker logout -p x"), None);
    }
}
