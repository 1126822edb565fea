use crate::rule::{Context, TravisInput};

crate::declare_rule! {
    /// ## What it does
    /// Finds `docker login` (or `podman login`) in a build phase (`install`, `script`,
    /// `before_*`, `after_*`, a deploy's `script`) given the registry password on its command
    /// line: `-p SECRET`, `--password SECRET`, `--password=SECRET`, also as `$VAR`. A literal
    /// password is an error (and masked in rlint's output); one from a variable a warning.
    ///
    /// ## Why is this bad?
    /// A password in the arguments shows in the process list of the build machine and, with
    /// `set -x`, in the public build log; Docker itself warns "Using --password via the CLI is
    /// insecure". A literal one is also committed with `.travis.yml`. `--password-stdin` takes
    /// it from a pipe instead, and Travis's encrypted variables keep it out of the file.
    ///
    /// ## Example
    /// ```yaml
    /// language: minimal
    /// services:
    ///   - docker
    /// script:
    ///   - docker build -t example/app .
    /// after_success:
    ///   - docker login -u "$DOCKER_USER" -p "$DOCKER_PASS"
    ///   - docker push example/app
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// language: minimal
    /// services:
    ///   - docker
    /// script:
    ///   - docker build -t example/app .
    /// after_success:
    ///   - printf '%s\n' "$DOCKER_PASS" | docker login -u "$DOCKER_USER" --password-stdin
    ///   - docker push example/app
    /// ```
    ///
    /// ## Fix safety
    /// Safe, offered when the password is one variable (`-p "$VAR"`, `--password=$VAR`): the
    /// option becomes `--password-stdin` and `printf '%s\n' "$VAR" |` goes before the command
    /// (`printf`, as `dash`'s `echo` rewrites backslashes; `--password-stdin` trims the newline).
    /// No fix for a literal password (it has to leave the file: make it an encrypted variable),
    /// without `-u` (`--password-stdin` needs the user named), after a pipe or with standard input
    /// redirected, inside a quoted string, or in a file that may run its scripts on Windows.
    ///
    /// ## References
    /// - [docker login: provide a password using STDIN](https://docs.docker.com/reference/cli/docker/login/#password-stdin)
    /// - [Travis CI: environment variables](https://docs.travis-ci.com/user/environment-variables/)
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
    for line in input.lines {
        for cmd in &line.script.commands {
            if let Some((span, password)) = crate::rules::shell::login_password(cmd) {
                crate::rules::shell::report_login_password(
                    cx,
                    input.text,
                    cmd,
                    span,
                    &password,
                    "the build machine's process list and, with `set -x`, the build log",
                );
            }
        }
    }
}
