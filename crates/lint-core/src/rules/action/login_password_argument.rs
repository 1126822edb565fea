use crate::rule::{ActionInput, Context};

crate::declare_rule! {
    /// ## What it does
    /// Finds `docker login` (or `podman login`) in a composite action's `run:` step given the
    /// registry password on its command line: `-p SECRET`, `--password SECRET`,
    /// `--password=SECRET`, also as `$VAR` or `${{ inputs.password }}` — the check
    /// `workflow-login-password-argument` (GA008) makes in workflows, with the same reading of the
    /// command line.
    ///
    /// ## Why is this bad?
    /// A password in the arguments shows in the process list of every runner the action runs on
    /// and in shell traces (`set -x`); Docker itself warns "Using --password via the CLI is
    /// insecure". A literal one is also published with the action (masked in rlint's output).
    /// `--password-stdin` takes it from a pipe instead.
    ///
    /// ## Example
    /// ```yaml
    /// name: Push
    /// description: Pushes the image
    /// inputs:
    ///   username:
    ///     description: Registry user
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: docker login -u "${{ inputs.username }}" -p "$REGISTRY_TOKEN"
    ///       shell: bash
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name: Push
    /// description: Pushes the image
    /// inputs:
    ///   username:
    ///     description: Registry user
    /// runs:
    ///   using: composite
    ///   steps:
    ///     - run: printf '%s\n' "$REGISTRY_TOKEN" | docker login -u "${{ inputs.username }}" --password-stdin
    ///       shell: bash
    /// ```
    ///
    /// ## Fix safety
    /// Safe, offered when the password is one shell variable (`-p "$VAR"`, `--password=$VAR`), as
    /// in workflows: the option becomes `--password-stdin` and `printf '%s\n' "$VAR" |` goes
    /// before the command. No fix for a literal password (it has to leave the file), for an
    /// expression (`${{ inputs.password }}`: pass it through `env:` first), without `-u`, after a
    /// pipe or with standard input redirected, or inside a quoted string.
    ///
    /// ## References
    /// - [docker login: provide a password using STDIN](https://docs.docker.com/reference/cli/docker/login/#password-stdin)
    pub static RULE = {
        code: "AC009",
        name: "action-login-password-argument",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: GithubAction(check),
    }
}

fn check(input: &ActionInput<'_>, cx: &mut Context<'_>) {
    let commands = input
        .action
        .steps
        .iter()
        .filter_map(|s| s.script.as_ref())
        .flat_map(|s| &s.shell.commands);
    crate::rules::shell::report_login_password(
        cx,
        input.text,
        commands,
        "the process list of every runner the action runs on",
    );
}
