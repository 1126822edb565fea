use crate::rule::{BuildspecInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds `docker login` (or `podman login`) given the registry password on its command line:
    /// `-p SECRET`, `--password SECRET`, `--password=SECRET`, `-p=SECRET`, also as `$VAR`.
    ///
    /// ## Why is this bad?
    /// A password in the arguments shows in the process list of the build host, in shell traces
    /// (`set -x`) and in the build log; Docker itself warns "Using --password via the CLI is
    /// insecure". A literal one is also committed with the buildspec (masked in rlint's output).
    /// `--password-stdin` takes it from a pipe instead.
    ///
    /// ## Example
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   pre_build:
    ///     commands:
    ///       - docker login -u $DOCKERHUB_USER -p $DOCKERHUB_PASS
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 0.2
    /// phases:
    ///   pre_build:
    ///     commands:
    ///       - printf '%s\n' "$DOCKERHUB_PASS" | docker login -u $DOCKERHUB_USER --password-stdin
    /// ```
    ///
    /// ## Fix safety
    /// Safe, offered when the password is one variable (`-p "$VAR"`, `--password=$VAR`): the
    /// option becomes `--password-stdin` and `printf '%s\n' "$VAR" |` goes before the command
    /// (`printf`, as `dash`'s `echo` rewrites backslashes; `--password-stdin` trims the newline).
    /// No fix for a literal password (it has to leave the file: make it a secret), without `-u`
    /// (`--password-stdin` needs the user named), after a pipe or with standard input redirected,
    /// or inside a quoted string, where the inserted quotes would end it; nor in a file that
    /// may run its scripts in PowerShell or `cmd` (it names Windows or either shell).
    ///
    /// ## References
    /// - [docker login: provide a password using STDIN](https://docs.docker.com/reference/cli/docker/login/#password-stdin)
    pub static RULE = {
        code: "BS008",
        name: "login-password-argument",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Buildspec(check),
    }
}

fn check(input: &BuildspecInput<'_>, cx: &mut Context<'_>) {
    crate::rules::shell::report_login_password(
        cx,
        input.text,
        input.shell_commands(),
        "the process list and the build log",
    );
}
