use crate::rule::{Context, TravisInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `docker login` (or `podman login`) in a build phase's lines (`install:`, `script:`,
    /// `before_*`, `after_*`, a `provider: script` deploy's `script:`) given the registry
    /// password on its command line: `-p SECRET`, `--password SECRET`, `--password=SECRET`,
    /// `-p=SECRET`, also as `$VAR`. A literal password is an error (and masked in rlint's
    /// output); one from a variable a warning.
    ///
    /// It reads only what the file holds: a login inside a script the file runs
    /// (`./deploy.sh`) is not seen.
    ///
    /// ## Why is this bad?
    /// A password in the arguments shows in the process list of the build machine and, with
    /// `set -x`, in the build log (public for an open-source repository; Travis hides the
    /// values of the encrypted variables it knows, not a literal); Docker itself
    /// warns "Using --password via the CLI is insecure". A literal one is also committed with
    /// the configuration. `--password-stdin` takes it from a pipe instead, as Travis's own
    /// Docker guide does.
    ///
    /// ## Example
    /// ```yaml
    /// language: minimal
    /// services:
    ///   - docker
    /// after_success:
    ///   - docker login -u "$DOCKER_USERNAME" -p "$DOCKER_PASSWORD"
    ///   - docker push acme/app
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: minimal
    /// services:
    ///   - docker
    /// after_success:
    ///   - printf '%s\n' "$DOCKER_PASSWORD" | docker login -u "$DOCKER_USERNAME" --password-stdin
    ///   - docker push acme/app
    /// ```
    ///
    /// ## Fix safety
    /// Safe, offered when the password is one variable (`-p "$VAR"`, `--password=$VAR`): the
    /// option becomes `--password-stdin` and `printf '%s\n' "$VAR" |` goes before the command
    /// (`printf`, as `dash`'s `echo` rewrites backslashes; `--password-stdin` trims the newline).
    /// No fix for a literal password (it has to leave the file: make it an encrypted variable),
    /// without `-u` (`--password-stdin` needs the user named), after a pipe or with standard
    /// input redirected, or inside a quoted string, where the inserted quotes would end it; nor
    /// in a file that may run its scripts in PowerShell or `cmd` (`os: windows` or either shell
    /// named).
    ///
    /// ## References
    /// - [docker login: provide a password using STDIN](https://docs.docker.com/reference/cli/docker/login/#password-stdin)
    /// - [Travis CI: pushing a Docker image to a registry](https://docs.travis-ci.com/user/docker/#pushing-a-docker-image-to-a-registry)
    /// - [Travis CI: encrypted environment variables](https://docs.travis-ci.com/user/environment-variables/#encrypting-environment-variables)
    pub static RULE = {
        code: "TR012",
        name: "travis-login-password-argument",
        severity: Error,
        aliases: [],
        fix: Sometimes,
        default: true,
        check: Travis(check),
    }
}

fn check(input: &TravisInput<'_>, cx: &mut Context<'_>) {
    crate::rules::shell::report_login_password(
        cx,
        input.text,
        input.lines.iter().flat_map(|l| &l.script.commands),
        "the build machine's process list and, with `set -x`, the build log",
    );
}
