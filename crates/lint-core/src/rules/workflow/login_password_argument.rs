use crate::rule::{Context, WorkflowInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `docker login` (or `podman login`) in a `run:` script given the registry password
    /// on its command line: `-p SECRET`, `--password SECRET`, `--password=SECRET`, also as
    /// `$VAR`. A password written as `${{ secrets.NAME }}` is GA002's finding (the secret pasted
    /// into the script), not reported twice.
    ///
    /// ## Why is this bad?
    /// A password in the arguments shows in the process list of the runner and in shell traces
    /// (`set -x`); Docker itself warns "Using --password via the CLI is insecure". A literal one
    /// is also committed with the workflow (masked in rlint's output). `--password-stdin` takes
    /// it from a pipe instead — or use `docker/login-action`.
    ///
    /// ## Example
    /// ```yaml
    /// on: push
    /// jobs:
    ///   push:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: docker login -u "$USER" -p "$DOCKERHUB_TOKEN"
    ///         env:
    ///           DOCKERHUB_TOKEN: ${{ secrets.DOCKERHUB_TOKEN }}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// on: push
    /// jobs:
    ///   push:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: printf '%s\n' "$DOCKERHUB_TOKEN" | docker login -u "$USER" --password-stdin
    ///         env:
    ///           DOCKERHUB_TOKEN: ${{ secrets.DOCKERHUB_TOKEN }}
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
        code: "GA008",
        name: "workflow-login-password-argument",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: GithubWorkflow(check),
    }
}

fn check(input: &WorkflowInput<'_>, cx: &mut Context<'_>) {
    use crate::rules::shell::{login_password, report_login_password};
    // A `${{ secrets.X }}` password is GA002's finding.
    let commands = input
        .scripts()
        .flat_map(|s| &s.shell.commands)
        .filter(|cmd| login_password(cmd).is_none_or(|(_, password)| !password.contains("${{")));
    report_login_password(cx, input.text, commands, "the runner's process list");
}
