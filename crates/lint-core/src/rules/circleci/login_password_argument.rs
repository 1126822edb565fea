use crate::rule::{CircleciInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds `docker login` (or `podman login`) in a `run:` command given the registry
    /// password on its command line: `-p SECRET`, `--password SECRET`, `--password=SECRET`,
    /// also as `$VAR`. A literal password is an error (and masked in rlint's output); one from
    /// a variable a warning.
    ///
    /// ## Why is this bad?
    /// A password in the arguments shows in the process list of the job's machine and, with
    /// `set -x`, in the build log; Docker itself warns "Using --password via the CLI is
    /// insecure". A literal one is also committed with the configuration. `--password-stdin`
    /// takes it from a pipe instead.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   push:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - setup_remote_docker
    ///       - run: docker login -u $DOCKER_USER -p $DOCKER_PASS
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// version: 2.1
    /// jobs:
    ///   push:
    ///     docker:
    ///       - image: cimg/base:2024.01
    ///     steps:
    ///       - setup_remote_docker
    ///       - run: printf '%s\n' "$DOCKER_PASS" | docker login -u $DOCKER_USER --password-stdin
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
    /// - [CircleCI: using environment variables](https://circleci.com/docs/env-vars/)
    pub static RULE = {
        code: "CC010",
        name: "circleci-login-password-argument",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Circleci(check),
    }
}

fn check(input: &CircleciInput<'_>, cx: &mut Context<'_>) {
    crate::rules::shell::report_login_password(
        cx,
        input.text,
        input.model.runs.iter().flat_map(|r| &r.script.commands),
        "the job's process list and, with `set -x`, the build log",
    );
}
