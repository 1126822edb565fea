//! Checks on analysed shell commands that the rules of several kinds share (a Dockerfile's RUN,
//! a buildspec's commands, CI scripts).

use crate::diagnostic::{Span, mask_secret};
use crate::rule::Context;
use crate::syntax::pkg;
use crate::syntax::shell::{Command, Script};

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

/// How a login's password option is joined to its value in one word: `--password=SECRET`, and
/// `-p=SECRET`, which the tools' flag parser (Go's pflag) reads as `-p SECRET`.
const PASSWORD_PREFIXES: [&str; 2] = ["--password=", "-p="];

fn strip_password_prefix(word: &str) -> Option<&str> {
    PASSWORD_PREFIXES
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix))
}

/// A registry password given on a `docker login` / `podman login` command line (`-p SECRET`,
/// `--password SECRET`, `--password=SECRET`, `-p=SECRET`): where it stands and what is written.
pub fn login_password(cmd: &Command) -> Option<(Span, String)> {
    let (flag, value) = password_words(cmd)?;
    let w = &cmd.words[flag];
    if flag != value {
        let p = &cmd.words[value];
        return Some((p.span, p.value.clone()));
    }
    let p = strip_password_prefix(&w.value)?;
    // Only a word that stands in the file as written (no quotes, a span mapped exactly) can be
    // cut at the `=`; otherwise the whole word is the place.
    let span = if w.span.end - w.span.start == w.value.len() {
        Span::new(w.span.end - p.len(), w.span.end)
    } else {
        w.span
    };
    Some((span, p.to_string()))
}

/// The indexes in `cmd.words` of a login's password option and of the word holding the
/// password (the same word for `--password=SECRET` and `-p=SECRET`).
fn password_words(cmd: &Command) -> Option<(usize, usize)> {
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
    // Indexes in `args` are one less than in `cmd.words`.
    let login = i + 1;
    for j in login + 1..cmd.words.len() {
        let v = cmd.words[j].value.as_str();
        if v == "-p" || v == "--password" {
            return (j + 1 < cmd.words.len()).then_some((j, j + 1));
        }
        if strip_password_prefix(v).is_some() {
            return Some((j, j));
        }
    }
    None
}

/// Whether `text` can take an insertion at `at` holding shell quotes: nothing before it on its
/// line opens a quote that is still open there (a YAML `"..."` or `'...'` scalar, an
/// `sh -c "..."` string), so inserted `"`/`'` stay shell syntax.
pub fn outside_quotes(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in line.chars() {
        match (quote, c) {
            (_, _) if escaped => escaped = false,
            (Some('\''), '\'') => quote = None,
            (Some('\''), _) => {}
            (_, '\\') => escaped = true,
            (None, '\'' | '"') => quote = Some(c),
            (Some('"'), '"') => quote = None,
            _ => {}
        }
    }
    quote.is_none() && !escaped
}

/// A shell parameter written as a whole word, `$NAME` or `${NAME}`, optionally in double
/// quotes: the name.
pub(crate) fn parameter_word(raw: &str) -> Option<&str> {
    let raw = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    let name = raw.strip_prefix('$')?;
    let name = name
        .strip_prefix('{')
        .and_then(|n| n.strip_suffix('}'))
        .unwrap_or(name);
    let ok = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    ok.then_some(name)
}

/// Whether `cmd` reads standard input from a redirection (`< file`, `<<<`, a heredoc): the
/// command's text up to the next operator on its line has a `<` (redirections are not words, so
/// they may stand after the command's span).
fn stdin_redirected(text: &str, cmd: &Command) -> bool {
    // Any `<` up to the end of the line, past `2>&1` and operators: a redirection after the
    // command's words would beat the inserted pipe. A line continuation reaches the next line.
    let rest = text.get(cmd.span.start..).unwrap_or("");
    let mut end = 0;
    loop {
        match rest.get(end..).and_then(|r| r.find('\n')) {
            None => {
                end = rest.len();
                break;
            }
            Some(nl) => {
                end += nl + 1;
                if !rest[..end - 1].trim_end_matches('\r').ends_with('\\') {
                    break;
                }
            }
        }
    }
    rest.get(..end).is_none_or(|s| s.contains('<'))
}

/// Whether the file may run its scripts in a shell other than a POSIX one (a Windows runner,
/// PowerShell, `cmd`), where `printf` and `"$VAR"` mean something else: then no shell fix.
fn maybe_not_posix(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["windows", "pwsh", "powershell", "cmd.exe", "cmd /c"]
        .iter()
        .any(|w| lower.contains(w))
}

/// The fix that feeds a login's password on standard input: `-p "$VAR"` becomes
/// `--password-stdin` and `printf '%s\n' "$VAR" |` goes before the command. Offered when the
/// password is one variable, the user is named (`--password-stdin` needs `-u`), the command starts
/// its pipeline with nothing redirected and no `VAR=x` prefix, its words stand in the file as
/// written, and the insertion is not inside a quoted string. `printf`, not `echo`: `dash`'s echo
/// rewrites backslashes; the trailing newline is trimmed by every login's `--password-stdin`.
fn password_stdin_fix(text: &str, cmd: &Command) -> Option<crate::diagnostic::Fix> {
    use crate::diagnostic::{Edit, Fix};
    let (flag, value) = password_words(cmd)?;
    let raw = |w: &crate::syntax::shell::ShellWord| text.get(w.span.start..w.span.end);
    let program = cmd.words.first()?;
    let user = cmd.words.iter().any(|w| {
        w.value == "-u"
            || w.value == "--username"
            || w.value.starts_with("--username=")
            || w.value.starts_with("-u=")
    });
    if cmd.stage != 0
        || !cmd.assignments.is_empty()
        || !user
        || raw(program) != Some(program.value.as_str())
        || stdin_redirected(text, cmd)
        || maybe_not_posix(text)
        || !outside_quotes(text, program.span.start)
    {
        return None;
    }
    let flag_word = &cmd.words[flag];
    let written = raw(&cmd.words[value])?;
    let written = if flag == value {
        strip_password_prefix(written)?
    } else {
        if raw(flag_word) != Some(flag_word.value.as_str()) {
            return None;
        }
        written
    };
    let name = parameter_word(written)?;
    Some(Fix::safe(
        "pass the password on standard input (`--password-stdin`)",
        vec![
            Edit::insert(program.span.start, format!("printf '%s\\n' \"${name}\" | ")),
            Edit::replace(
                Span::new(flag_word.span.start, cmd.words[value].span.end),
                "--password-stdin",
            ),
        ],
    ))
}

/// Reports every registry password [`login_password`] finds on the command lines of `commands`,
/// where `shown_in` says who sees a command line ("the process list and the build log"): the one
/// report of BS008, CC010, GA008 and TR012.
pub fn report_login_password<'c>(
    cx: &mut Context<'_>,
    text: &str,
    commands: impl IntoIterator<Item = &'c Command>,
    shown_in: &str,
) {
    for cmd in commands {
        if let Some((span, password)) = login_password(cmd) {
            report_password(cx, text, cmd, span, &password, shown_in);
        }
    }
}

/// Reports one password [`login_password`] found: a password written in the file is masked and
/// leaks (the rule's severity); one from a variable commits nothing, so it is a risk, at most a
/// warning.
fn report_password(
    cx: &mut Context<'_>,
    text: &str,
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
        .help(if password.contains("${{") {
            // An expression is pasted into the script: it goes to the step's environment first.
            format!(
                "give it to the step's `env:` (`PASSWORD: {}`) and pipe it in: `printf '%s\\n' \"$PASSWORD\" | {} login -u USER --password-stdin REGISTRY`",
                password.trim_matches(['"', '\'']),
                cmd.name()
            )
        } else {
            format!(
                "pipe it in: `printf '%s\\n' \"{}\" | {} login -u USER --password-stdin REGISTRY`",
                if literal {
                    "$PASSWORD".to_string()
                } else {
                    parameter_word(password).map_or(password.to_string(), |n| format!("${n}"))
                },
                cmd.name()
            )
        });
    if literal {
        d.secret();
    } else {
        d.at_most(crate::Severity::Warning);
        if let Some(fix) = password_stdin_fix(text, cmd) {
            d.fix(fix);
        }
    }
}

/// Reports every download of `script` piped straight into an interpreter (`curl ... | sh`),
/// where the script runs in `place` ("the job", "the build") and `help` says what to do instead:
/// the one report of GA007, CC017 and TR008.
pub fn report_piped_script(cx: &mut Context<'_>, script: &Script, place: &str, help: &str) {
    for piped in script.piped_scripts() {
        let url = piped
            .url
            .map_or_else(|| "a remote script".to_string(), |u| format!("`{u}`"));
        cx.report(
            piped.fetch.span.cover(piped.runner.span),
            format!(
                "{url} is piped straight into `{}`: whatever the server returns runs in {place}, unverified",
                interpreter(piped.runner)
            ),
        )
        .help(help);
    }
}

/// The interpreter a piped download runs in: the runner itself, or the program `sudo` runs
/// (`sudo -E bash` runs `bash`, `sudo env X=1 sh` runs `sh`), which the user recognises.
fn interpreter(runner: &Command) -> String {
    let inner = runner.is("sudo").then(|| runner.wrapped()).flatten();
    inner
        .and_then(|c| {
            let w = c.words.iter().find(|w| {
                w.value != "env" && !w.value.starts_with('-') && !w.value.contains('=')
            })?;
            Some(w.value.rsplit('/').next().unwrap_or(&w.value).to_string())
        })
        .unwrap_or_else(|| runner.name().to_string())
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

/// The installers themselves: upgrading them to the latest is the usual intent.
const SELF_UPDATES: [&str; 4] = ["pip", "setuptools", "wheel", "npm"];

/// What a CI script's command installs without a version.
struct Unpinned<'a> {
    /// The install as the user knows it (`pip install`, `cargo install`).
    what: &'static str,
    tools: Vec<&'a str>,
    /// How the tools are named in the message: "without a version", or the version query
    /// they ask for.
    without: &'static str,
    help: &'static str,
}

/// The tools a CI script's `cmd` installs without a version (`pip install`, `pipx install`,
/// `uv tool install`, `npm install -g`, `yarn global add`, `pnpm add -g`, `gem install`,
/// `cargo install`, `cargo binstall`, `go install <pkg>@latest`): `None` when it installs none,
/// installs from a manifest, lock or constraints file or a local path, or only upgrades the
/// installers themselves. Shared by the CI kinds'
/// rules (TR011, GA031, CC016, AC008); a Dockerfile has a rule per manager instead.
fn unpinned_tool(cmd: &Command) -> Option<Unpinned<'_>> {
    let tools = |cli: &pkg::Cli, install, pinned: fn(&str) -> bool| -> Vec<&str> {
        cli.unpinned_after(cmd, install, pinned)
            .into_iter()
            .filter(|p| !SELF_UPDATES.contains(&p.to_ascii_lowercase().as_str()))
            .collect()
    };
    let without = "without a version";
    let found = if let Some(install) = pkg::pip_install(cmd) {
        // A constraints file pins whatever the command line leaves open.
        if pkg::PIP.has_flag(cmd, &["-c", "--constraint"]) {
            return None;
        }
        Unpinned {
            what: "pip install",
            tools: tools(&pkg::PIP, install, pkg::pip_spec_pinned_or_local),
            without,
            help: "pin versions (`tox==4.11.4`), or list them in a requirements or constraints file",
        }
    } else if let Some(install) = pkg::pipx_install(cmd) {
        Unpinned {
            what: "pipx install",
            tools: tools(&pkg::PIPX, install, pkg::pip_spec_pinned_or_local),
            without,
            help: "pin a version: `pipx install tox==4.11.4`",
        }
    } else if let Some(install) = pkg::uv_tool_install(cmd) {
        if pkg::UV.has_flag(cmd, &["-c", "--constraint", "--constraints"]) {
            return None;
        }
        // `--from 'tox==4.11.4' tox`: the package is `--from`'s, the operand names the command.
        let from_tools = match pkg::UV.flag_word(cmd, &["--from"]) {
            Some(w) if w.dynamic => Vec::new(),
            Some(_) => pkg::UV
                .flag_value(cmd, &["--from"])
                .filter(|spec| !pkg::uv_tool_spec_pinned_or_local(spec))
                .into_iter()
                .collect(),
            None => tools(&pkg::UV, install, pkg::uv_tool_spec_pinned_or_local),
        };
        Unpinned {
            what: "uv tool install",
            tools: from_tools,
            without,
            help: "pin a version: `uv tool install tox==4.11.4` (or `tox@4.11.4`)",
        }
    } else if let Some(install) = pkg::npm_install(cmd) {
        let global = pkg::NPM.has_flag(cmd, &["-g", "--global"])
            || pkg::NPM.flag_value(cmd, &["--location"]) == Some("global");
        if !global {
            return None;
        }
        Unpinned {
            what: "npm install -g",
            tools: tools(&pkg::NPM, install, pkg::npm_spec_pinned_or_local),
            without,
            help: "pin versions (`eslint@8.57.0`), or make the tool a devDependency and run it with `npx`",
        }
    } else if let Some(add) = pkg::yarn_global_add(cmd) {
        Unpinned {
            what: "yarn global add",
            tools: tools(&pkg::YARN, add, pkg::npm_spec_pinned_or_local),
            without,
            help: "pin versions (`eslint@8.57.0`), or make the tool a devDependency and run it with `yarn run`",
        }
    } else if let Some(add) = pkg::pnpm_global_add(cmd) {
        Unpinned {
            what: "pnpm add -g",
            tools: tools(&pkg::PNPM, add, pkg::npm_spec_pinned_or_local),
            without,
            help: "pin versions (`eslint@8.57.0`), or make the tool a devDependency and run it with `pnpm exec`",
        }
    } else if let Some(install) = pkg::gem_install(cmd) {
        if pkg::GEM.has_flag(cmd, &["-v", "--version"]) {
            return None;
        }
        Unpinned {
            what: "gem install",
            tools: tools(&pkg::GEM, install, pkg::gem_spec_pinned_or_local),
            without,
            help: "pin a version: `gem install bundler -v 2.4.22` or `bundler:2.4.22`",
        }
    } else if let Some(install) = pkg::cargo_install(cmd) {
        // `--git`/`--path` build a repository or a folder: what they pin is not the registry's.
        if pkg::CARGO.has_flag(cmd, &["--version", "--vers", "--git", "--path"]) {
            return None;
        }
        Unpinned {
            what: "cargo install",
            tools: tools(&pkg::CARGO, install, pkg::cargo_spec_pinned_or_local),
            without,
            help: "pin a version: `cargo install ripgrep@14.1.1` (or `--version 14.1.1`), and add `--locked`",
        }
    } else if let Some(binstall) = pkg::cargo_binstall(cmd) {
        if pkg::CARGO.has_flag(cmd, &["--version", "--vers"]) {
            return None;
        }
        Unpinned {
            what: "cargo binstall",
            tools: tools(&pkg::CARGO, binstall, pkg::cargo_spec_pinned_or_local),
            without,
            help: "pin a version: `cargo binstall ripgrep@14.1.1` (or `--version 14.1.1`)",
        }
    } else if let Some(install) = pkg::go_install(cmd) {
        Unpinned {
            what: "go install",
            tools: tools(&pkg::GO, install, pkg::go_spec_pinned_or_local),
            without: "at a moving version",
            help: "pin a version: `go install golang.org/x/tools/cmd/goimports@v0.24.0`",
        }
    } else {
        return None;
    };
    (!found.tools.is_empty()).then_some(found)
}

/// Reports `cmd` (or the command a `sudo`/`travis_retry` wrapper runs) when it installs tools
/// without a version: the one report of TR011, GA031, CC016 and AC008.
pub fn report_unpinned_tool(cx: &mut Context<'_>, cmd: &Command) {
    let wrapped = cmd.wrapped();
    let cmd = wrapped.as_ref().unwrap_or(cmd);
    let Some(found) = unpinned_tool(cmd) else {
        return;
    };
    cx.report(
        cmd.span,
        format!(
            "`{}` of {} {}: each build gets whatever is newest",
            found.what,
            found
                .tools
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", "),
            found.without
        ),
    )
    .help(found.help);
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
            password("docker login -u=\"$U\" -p=\"$PASS\"").as_deref(),
            Some("$PASS")
        );
        assert_eq!(
            password("echo \"$P\" | docker login -u me --password-stdin"),
            None
        );
        assert_eq!(password("docker run -p 80:80 nginx"), None);
        assert_eq!(password("docker logout -p x"), None);
    }

    fn fixed(script: &str) -> Option<String> {
        let cmd = analyze(script, &Contiguous(0))
            .commands
            .into_iter()
            .find(|c| login_password(c).is_some())?;
        let fix = password_stdin_fix(script, &cmd)?;
        let mut out = script.to_string();
        let mut edits = fix.edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        for e in edits {
            out.replace_range(e.span.start..e.span.end, &e.replacement);
        }
        Some(out)
    }

    #[test]
    fn password_variables_move_to_standard_input() {
        assert_eq!(
            fixed("docker login -u me -p $PASS registry.example.com").as_deref(),
            Some(
                "printf '%s\\n' \"$PASS\" | docker login -u me --password-stdin registry.example.com"
            )
        );
        assert_eq!(
            fixed("cd x && podman login --password=\"${TOKEN}\" --username=me quay.io").as_deref(),
            Some(
                "cd x && printf '%s\\n' \"$TOKEN\" | podman login --password-stdin --username=me quay.io"
            )
        );
        assert_eq!(
            fixed("docker login -u=\"$U\" -p=\"$PASS\" quay.io").as_deref(),
            Some("printf '%s\\n' \"$PASS\" | docker login -u=\"$U\" --password-stdin quay.io")
        );
        // A literal, no user, after a pipe, stdin redirected, an assignment, inside quotes.
        assert_eq!(fixed("docker login -u me -p hunter2"), None);
        assert_eq!(fixed("docker login -p $PASS"), None);
        assert_eq!(fixed("cat f | docker login -u me -p $PASS"), None);
        assert_eq!(fixed("docker login -u me -p $PASS < /dev/null"), None);
        assert_eq!(
            fixed("docker login -u me -p $PASS r 2>&1 < /dev/null"),
            None
        );
        assert_eq!(
            fixed("docker login -u me -p $PASS r \\\n  < /dev/null"),
            None
        );
        // Inexact spans inside `sh -c "..."` with an escape and a multi-byte character.
        assert_eq!(
            fixed("sh -c \"docker login -u 'a;b' -p \\$P reg\u{e9}\""),
            None
        );
        assert_eq!(
            fixed("# runs-on: windows-latest\ndocker login -u me -p $PASS"),
            None
        );
        assert_eq!(fixed("DOCKER_CONFIG=/c docker login -u me -p $PASS"), None);
        assert_eq!(fixed("sh -c \"docker login -u me -p $PASS\""), None);
        assert_eq!(fixed("docker login -u me -p $PASS$SUFFIX"), None);
    }

    #[test]
    fn piped_downloads_name_the_interpreter_sudo_runs() {
        let runner = |script: &str| {
            analyze(script, &Contiguous(0))
                .piped_scripts()
                .next()
                .map(|p| interpreter(p.runner))
        };
        assert_eq!(runner("curl -sL https://x | sh").as_deref(), Some("sh"));
        assert_eq!(
            runner("wget -qO- https://x | sudo sh").as_deref(),
            Some("sh")
        );
        assert_eq!(
            runner("curl https://x | sudo -E env A=1 bash -s").as_deref(),
            Some("bash")
        );
        assert_eq!(
            runner("curl https://x | sudo -u me python3").as_deref(),
            Some("python3")
        );
    }

    fn unpinned(script: &str) -> Vec<String> {
        analyze(script, &Contiguous(0))
            .commands
            .iter()
            .filter_map(|c| {
                let wrapped = c.wrapped();
                let cmd = wrapped.as_ref().unwrap_or(c);
                let found = unpinned_tool(cmd)?;
                Some(format!("{}: {}", found.what, found.tools.join(" ")))
            })
            .collect()
    }

    #[test]
    fn tools_installed_without_a_version() {
        assert_eq!(unpinned("pipx install black"), ["pipx install: black"]);
        assert_eq!(
            unpinned("uv tool install tox --with=tox-uv --with tox-gh-actions"),
            ["uv tool install: tox"]
        );
        assert_eq!(
            unpinned("uv --quiet tool install -p 3.12 ruff@latest"),
            ["uv tool install: ruff@latest"]
        );
        assert_eq!(
            unpinned("uv tool install --from 'httpie>0' http"),
            Vec::<String>::new()
        );
        assert_eq!(
            unpinned("uv tool install --from httpie http"),
            ["uv tool install: httpie"]
        );
        assert_eq!(
            unpinned("cargo install clippy-sarif sarif-fmt"),
            ["cargo install: clippy-sarif sarif-fmt"]
        );
        assert_eq!(
            unpinned("cargo +nightly install --locked -j 2 cargo-fuzz"),
            ["cargo install: cargo-fuzz"]
        );
        assert_eq!(
            unpinned("go install -tags netgo golang.org/x/tools/cmd/goimports@latest"),
            ["go install: golang.org/x/tools/cmd/goimports@latest"]
        );
        assert_eq!(
            unpinned("sudo npm install --location global eslint"),
            ["npm install -g: eslint"]
        );
        assert_eq!(
            unpinned("npm i -g prettier --depth 0"),
            ["npm install -g: prettier"]
        );
        // Pinned, local, from a file, or not an install.
        for quiet in [
            "pipx install black==24.8.0",
            "pipx run black",
            "uv tool install tox==4.11.4",
            "uv tool install tox@4.11.4",
            "uv tool install -c constraints.txt tox",
            "uv tool run ruff",
            "uv pip install -r requirements.txt",
            "cargo install ripgrep@14.1.1",
            "cargo install --version ${MDBOOK_VERSION} mdbook",
            "cargo install --git https://github.com/x/y --rev abc y",
            "cargo install --path .",
            "cargo install --list",
            "cargo build --release",
            "go install ./...",
            "go install -o /bin/x golang.org/x/tools/cmd/goimports@v0.24.0",
            "go install github.com/golangci/golangci-lint/cmd/golangci-lint",
            "go install example.com/tool@$VERSION",
            "go get golang.org/x/tools@latest",
            "npm install -g npm@5 --quiet --no-progress --depth 0",
            "npm install --location project eslint",
        ] {
            assert_eq!(unpinned(quiet), Vec::<String>::new(), "{quiet}");
        }
    }

    #[test]
    fn quotes_open_before_an_offset() {
        assert!(outside_quotes("- docker login", 2));
        assert!(outside_quotes("echo \"it's\" && docker", 17));
        assert!(!outside_quotes("- \"docker login", 3));
        assert!(!outside_quotes("sh -c 'docker", 7));
        assert!(outside_quotes("\"a\"\n  docker", 6));
    }
}
