//! What rules need to know about package managers, in one table per manager: how its command
//! line is read ([`Cli`]: which options take a value, whether long options may be abbreviated),
//! how an install is spelled, which flags answer "yes", what a pinned package looks like, and
//! how the cache is cleaned.
//!
//! Abbreviated long options, manager by manager (a rule that misses an abbreviation reports a
//! flag the user did give, so each CLI that accepts them says so here):
//! - pip: yes. Its optparse parser takes any unambiguous prefix (`--no-cache` is
//!   `--no-cache-dir`), so [`PIP`] lists its long options to decide what a prefix names.
//! - pipx: yes (argparse's default), listed in [`PIPX`].
//! - apt-get: no. apt's `CommandLine` parser matches long options exactly.
//! - aptitude: not modelled, only the full names count here (its options are few and
//!   usually written in full; an abbreviation is read as an unknown option).
//! - yum and dnf: yes (yum 3's optparse, dnf 4's argparse), listed in `RPM_CLI` with the
//!   options of both, so a prefix resolves only when it is unambiguous in each. microdnf
//!   (GLib) and dnf 5 want full names: there a prefix fails the build at once, so reading it
//!   as the option it abbreviates never hides a finding that matters.
//! - gem: yes (Ruby's OptionParser), listed in [`GEM`] (`--vers 1.2` pins; `--ver` could be
//!   `--verbose`).
//! - apk, zypper: not modelled, matched exactly. apk-tools 2 and 3 parse differently, and
//!   zypper's options differ per command, so no one option list decides what a prefix names.
//! - npm: matched exactly here, although npm expands an unambiguous abbreviation of any of
//!   its config keys: whether a prefix is unambiguous depends on the installed npm's full
//!   key list, which grows each release, and the npm rule reads only options that take a
//!   value, where a wrong guess would swallow a package name.

use super::shell::{Command, ShellWord};

/// How one package manager reads its command line.
pub struct Cli {
    /// Every long option, for CLIs that accept an unambiguous prefix of one; empty when long
    /// options must be spelled in full.
    pub long_options: &'static [&'static str],
    /// Options whose value is the next word (unless written `--option=value`).
    pub value_flags: &'static [&'static str],
}

impl Cli {
    /// The long option `name` (`--no-cache`, without any `=value`) stands for: itself when
    /// known or when the CLI wants full names, else the one long option it is a prefix of.
    fn resolve<'a>(&self, name: &'a str) -> &'a str {
        if self.long_options.is_empty() || self.long_options.contains(&name) {
            return name;
        }
        let mut candidates = self.long_options.iter().filter(|o| o.starts_with(name));
        match (candidates.next(), candidates.next()) {
            (Some(only), None) => only,
            _ => name,
        }
    }

    /// Whether option word `word` is one of `flags`: long options exactly, abbreviated (where
    /// the CLI allows it) or as `--flag=value`; short flags alone or inside a group (`-yq`).
    fn matches(&self, word: &str, flags: &[&str]) -> bool {
        if let Some(long) = word.strip_prefix("--") {
            let name = long.split_once('=').map_or(long, |(n, _)| n);
            let full = self.resolve(&word[..name.len() + 2]);
            return flags.contains(&full);
        }
        let Some(group) = word.strip_prefix('-') else {
            return false;
        };
        flags.iter().any(|f| {
            *f == word
                || f.strip_prefix('-').is_some_and(|short| {
                    short.len() == 1
                        && !short.starts_with('-')
                        && !group.is_empty()
                        && group.chars().all(|c| c.is_ascii_alphanumeric())
                        && group.contains(short)
                })
        })
    }

    /// Whether option word `word` takes the next word as its value.
    fn takes_value(&self, word: &str) -> bool {
        if word.contains('=') {
            return false;
        }
        if word.starts_with("--") {
            return self.value_flags.contains(&self.resolve(word));
        }
        self.value_flags.contains(&word)
    }

    /// The option words of `cmd` (before a `--`, which ends the options).
    fn options<'a>(&self, cmd: &'a Command) -> impl Iterator<Item = &'a ShellWord> + 'a {
        cmd.args()
            .iter()
            .take_while(|w| w.value != "--")
            .filter(|w| w.value.len() > 1 && w.value.starts_with('-'))
    }

    pub fn flag_word<'a>(&self, cmd: &'a Command, flags: &[&str]) -> Option<&'a ShellWord> {
        self.options(cmd).find(|w| self.matches(&w.value, flags))
    }

    pub fn has_flag(&self, cmd: &Command, flags: &[&str]) -> bool {
        self.flag_word(cmd, flags).is_some()
    }

    /// The value of the first of `flags` (`-c FILE`, `--constraint=FILE`).
    pub fn flag_value<'a>(&self, cmd: &'a Command, flags: &[&str]) -> Option<&'a str> {
        let args = cmd.args();
        let at = args
            .iter()
            .take_while(|w| w.value != "--")
            .position(|w| self.matches(&w.value, flags))?;
        match args[at].value.split_once('=') {
            Some((_, value)) if args[at].value.starts_with("--") => Some(value),
            _ => args.get(at + 1).map(|w| w.value.as_str()),
        }
    }

    /// How often a counting flag is given: `-q -q`, `-qq` and `--quiet --quiet` count 2, and
    /// `-q=2` / `--quiet=2` set the level.
    pub fn count(&self, cmd: &Command, short: char, long: &str) -> usize {
        let mut n = 0;
        for w in self.options(cmd) {
            let v = w.value.as_str();
            if let Some(level) = v
                .strip_prefix(long)
                .or_else(|| v.strip_prefix(&format!("-{short}")))
                .and_then(|rest| rest.strip_prefix('='))
            {
                n = level.parse().unwrap_or(n);
            } else if self.matches(v, &[long]) && !v.contains('=') {
                n += 1;
            } else if !v.starts_with("--") && v[1..].chars().all(|c| c.is_ascii_alphanumeric()) {
                n += v[1..].chars().filter(|&c| c == short).count();
            }
        }
        n
    }

    /// The words of `cmd` after `after` that are not options or option values, up to a `--`
    /// (what follows belongs to another program, as gem's build flags) or a `//` (a mistaken
    /// "comment", reported by its own rule).
    pub fn operands_after<'a>(&self, cmd: &'a Command, after: &ShellWord) -> Vec<&'a ShellWord> {
        let words = cmd
            .args()
            .iter()
            .skip_while(|w| w.span != after.span)
            .skip(1)
            .take_while(|w| w.value != "--" && w.value != "//");
        self.operands_of(words).collect()
    }

    /// The packages after `after` that `pinned` does not accept, as written (words holding a
    /// variable are left alone: their value is unknown).
    pub fn unpinned_after<'a>(
        &self,
        cmd: &'a Command,
        after: &ShellWord,
        pinned: impl Fn(&str) -> bool,
    ) -> Vec<&'a str> {
        self.operands_after(cmd, after)
            .into_iter()
            .filter(|w| !w.dynamic && !pinned(&w.value))
            .map(|w| w.value.as_str())
            .collect()
    }

    /// [`Cli::unpinned_after`] in a scope that knows which variables are defined: a package
    /// whose version is only variables that `defined` rejects (`curl=$V` with no `V`) is
    /// unpinned too, as the version expands to nothing. `version_at` says where a spec's
    /// version starts in the manager's syntax.
    pub fn unpinned_in<'a>(
        &self,
        cmd: &'a Command,
        after: &ShellWord,
        pinned: impl Fn(&str) -> bool,
        version_at: fn(&str) -> Option<usize>,
        defined: &dyn Fn(&str) -> bool,
    ) -> Vec<&'a str> {
        self.operands_after(cmd, after)
            .into_iter()
            .filter(|w| {
                if w.dynamic {
                    version_undefined(&w.value, version_at, defined)
                } else {
                    !pinned(&w.value)
                }
            })
            .map(|w| w.value.as_str())
            .collect()
    }

    /// The first `n` operands of `cmd` (the subcommand words: `module install`), options and
    /// their values skipped.
    pub fn leading_operands<'a>(&self, cmd: &'a Command, n: usize) -> Vec<&'a ShellWord> {
        let words = cmd.args().iter().take_while(|w| w.value != "--");
        self.operands_of(words).take(n).collect()
    }

    /// The words that are neither options nor the values of options that take one.
    fn operands_of<'a>(
        &self,
        words: impl Iterator<Item = &'a ShellWord>,
    ) -> impl Iterator<Item = &'a ShellWord> {
        let mut skip = false;
        words.filter(move |w| {
            if skip {
                skip = false;
                false
            } else if w.value.len() > 1 && w.value.starts_with('-') {
                skip = self.takes_value(&w.value);
                false
            } else {
                true
            }
        })
    }

    /// The subcommand (first operand) of `cmd`.
    pub fn subcommand<'a>(&self, cmd: &'a Command) -> Option<&'a ShellWord> {
        self.leading_operands(cmd, 1).into_iter().next()
    }
}

pub static APT_GET: Cli = Cli {
    long_options: &[],
    value_flags: &[
        "-t",
        "--target-release",
        "--default-release",
        "-o",
        "--option",
        "-c",
        "--config-file",
    ],
};

/// aptitude's options that take a value (its `install` reads the same `-o` settings as
/// apt-get).
pub static APTITUDE: Cli = Cli {
    long_options: &[],
    value_flags: &[
        "-t",
        "--target-release",
        "--default-release",
        "-o",
        "-F",
        "--display-format",
        "-w",
        "--width",
        "-O",
        "--sort",
        "--log-file",
        "--log-level",
    ],
};

/// A Debian front end whose `install` the apt rules read: apt-get, and aptitude, which asks
/// the same confirmation, installs recommended packages by default and pins the same way
/// (`pkg=version`, `pkg/release`). `apt` is left to its own rule (it is not for scripts).
pub struct AptFrontend {
    pub program: &'static str,
    pub cli: &'static Cli,
    /// Flags that answer "yes".
    pub yes: &'static [&'static str],
    /// Whether quiet level 2 (`-qq`) implies yes (apt-get's, not aptitude's).
    pub quiet_implies_yes: bool,
    /// Flags that leave recommended packages out; the first is the one to suggest.
    pub no_recommends: &'static [&'static str],
}

pub static APT_FRONTENDS: [AptFrontend; 2] = [
    AptFrontend {
        program: "apt-get",
        cli: &APT_GET,
        yes: &["-y", "--yes", "--assume-yes"],
        quiet_implies_yes: true,
        no_recommends: &["--no-install-recommends"],
    },
    AptFrontend {
        program: "aptitude",
        cli: &APTITUDE,
        yes: &["-y", "--assume-yes"],
        quiet_implies_yes: false,
        no_recommends: &["--without-recommends", "-R"],
    },
];

/// `apt-get install` or `aptitude install`: the front end and its `install` word.
pub fn apt_install(cmd: &Command) -> Option<(&'static AptFrontend, &ShellWord)> {
    let frontend = APT_FRONTENDS.iter().find(|f| cmd.is(f.program))?;
    let install = frontend
        .cli
        .subcommand(cmd)
        .filter(|w| w.value == "install")?;
    Some((frontend, install))
}

impl AptFrontend {
    /// The packages of an install that carry no version (`pkg=version`, `pkg/release` and
    /// `.deb` files are pinned; words holding a variable are left alone). aptitude's search
    /// patterns (`~nfoo`, `?name(foo)`) name no package to pin, and its per-package actions
    /// (`foo-` remove, `foo_` purge, `foo=` hold, `foo:` keep) install nothing; `foo+` and
    /// `foo&M` install `foo`.
    /// A version that is only variables `defined` rejects (`curl=$V`) counts as missing.
    pub fn unpinned<'a>(
        &self,
        cmd: &'a Command,
        install: &ShellWord,
        defined: &dyn Fn(&str) -> bool,
    ) -> Vec<&'a str> {
        let pinned = |p: &str| p.contains('=') || p.contains('/') || p.ends_with(".deb");
        if self.program != "aptitude" {
            return self
                .cli
                .unpinned_in(cmd, install, pinned, apt_version_at, defined);
        }
        self.cli
            .operands_after(cmd, install)
            .into_iter()
            .filter(|w| !w.dynamic || version_undefined(&w.value, apt_version_at, defined))
            .map(|w| w.value.as_str())
            .filter(|p| !p.starts_with(['~', '?']) && !p.ends_with(['-', '_', '=', ':']))
            .filter(|p| {
                let name = ["&BD", "&M", "&m", "+M", "+"]
                    .iter()
                    .find_map(|s| p.strip_suffix(s))
                    .unwrap_or(p);
                !pinned(name)
            })
            .collect()
    }
}

pub static APK: Cli = Cli {
    long_options: &[],
    value_flags: &[
        "-t",
        "--virtual",
        "-X",
        "--repository",
        "--repositories-file",
        "-p",
        "--root",
        "--arch",
        "--keys-dir",
        "--cache-dir",
    ],
};

/// `pip install`'s options and pip's general options (pip 24).
pub static PIP: Cli = Cli {
    long_options: &[
        "--help",
        "--debug",
        "--isolated",
        "--require-virtualenv",
        "--python",
        "--verbose",
        "--version",
        "--quiet",
        "--log",
        "--no-input",
        "--keyring-provider",
        "--proxy",
        "--retries",
        "--timeout",
        "--exists-action",
        "--trusted-host",
        "--cert",
        "--client-cert",
        "--cache-dir",
        "--no-cache-dir",
        "--disable-pip-version-check",
        "--no-color",
        "--no-python-version-warning",
        "--use-feature",
        "--use-deprecated",
        "--resume-retries",
        "--requirement",
        "--constraint",
        "--no-deps",
        "--pre",
        "--editable",
        "--dry-run",
        "--target",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--user",
        "--root",
        "--prefix",
        "--src",
        "--upgrade",
        "--upgrade-strategy",
        "--force-reinstall",
        "--ignore-installed",
        "--ignore-requires-python",
        "--no-build-isolation",
        "--use-pep517",
        "--no-use-pep517",
        "--check-build-dependencies",
        "--break-system-packages",
        "--config-settings",
        "--global-option",
        "--compile",
        "--no-compile",
        "--no-warn-script-location",
        "--no-warn-conflicts",
        "--no-binary",
        "--only-binary",
        "--prefer-binary",
        "--require-hashes",
        "--progress-bar",
        "--root-user-action",
        "--report",
        "--group",
        "--index-url",
        "--extra-index-url",
        "--no-index",
        "--find-links",
        "--no-clean",
    ],
    value_flags: &[
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "-t",
        "--target",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--root",
        "--prefix",
        "--src",
        "--upgrade-strategy",
        "-C",
        "--config-settings",
        "--global-option",
        "--no-binary",
        "--only-binary",
        "--progress-bar",
        "--root-user-action",
        "--report",
        "--group",
        "--python",
        "--log",
        "--keyring-provider",
        "--proxy",
        "--retries",
        "--timeout",
        "--exists-action",
        "--trusted-host",
        "--cert",
        "--client-cert",
        "--cache-dir",
        "--use-feature",
        "--use-deprecated",
        "--resume-retries",
    ],
};

/// `pipx install` (argparse, which also takes unambiguous prefixes).
pub static PIPX: Cli = Cli {
    long_options: &[
        "--help",
        "--include-deps",
        "--verbose",
        "--quiet",
        "--force",
        "--suffix",
        "--python",
        "--preinstall",
        "--fetch-missing-python",
        "--system-site-packages",
        "--index-url",
        "--editable",
        "--pip-args",
        "--global",
    ],
    value_flags: &[
        "--suffix",
        "--python",
        "--preinstall",
        "-i",
        "--index-url",
        "--pip-args",
    ],
};

/// `pipx install`: the `install` word.
pub fn pipx_install(cmd: &Command) -> Option<&ShellWord> {
    if !cmd.is("pipx") {
        return None;
    }
    PIPX.subcommand(cmd).filter(|w| w.value == "install")
}

/// `uv tool install`'s options and uv's global options (uv 0.8; clap, so long options are
/// spelled in full).
pub static UV: Cli = Cli {
    long_options: &[],
    value_flags: &[
        "--from",
        "-w",
        "--with",
        "--with-editable",
        "--with-requirements",
        "-c",
        "--constraint",
        "--constraints",
        "--override",
        "--overrides",
        "-b",
        "--build-constraint",
        "--build-constraints",
        "-p",
        "--python",
        "--index",
        "--default-index",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "--index-strategy",
        "--keyring-provider",
        "--resolution",
        "--prerelease",
        "--fork-strategy",
        "--exclude-newer",
        "--no-build-package",
        "--no-binary-package",
        "-C",
        "--config-setting",
        "--link-mode",
        "-P",
        "--upgrade-package",
        "--reinstall-package",
        "--refresh-package",
        "--cache-dir",
        "--config-file",
        "--directory",
        "--project",
        "--color",
        "--python-preference",
        "--allow-insecure-host",
    ],
};

/// `program first second` (global options may stand between the words): the `second` word.
fn two_word_subcommand<'a>(
    cli: &Cli,
    cmd: &'a Command,
    program: &str,
    [first, second]: [&str; 2],
) -> Option<&'a ShellWord> {
    if !cmd.is(program) {
        return None;
    }
    match cli.leading_operands(cmd, 2).as_slice() {
        [a, b] if a.value == first && b.value == second => Some(b),
        _ => None,
    }
}

/// `uv tool install` (uv's global options may stand before `tool`): the `install` word.
pub fn uv_tool_install(cmd: &Command) -> Option<&ShellWord> {
    two_word_subcommand(&UV, cmd, "uv", ["tool", "install"])
}

/// Whether a `uv tool install` package names a version: pip's specifiers (`tox==4.11.4`,
/// `tox>=4`) and uv's `tox@4.11.4`, where `tox@latest` asks for the newest.
pub fn uv_tool_spec_pinned_or_local(spec: &str) -> bool {
    !spec.ends_with("@latest") && pip_spec_pinned_or_local(spec)
}

/// `cargo install`'s options (cargo 1.8x; clap, so long options are spelled in full).
pub static CARGO: Cli = Cli {
    long_options: &[],
    value_flags: &[
        "--version",
        "--vers",
        "--git",
        "--branch",
        "--tag",
        "--rev",
        "--path",
        "--root",
        "--index",
        "--registry",
        "-j",
        "--jobs",
        "--target",
        "--target-dir",
        "-F",
        "--features",
        "--profile",
        "--bin",
        "--example",
        "--config",
        "-Z",
        "--color",
        "--message-format",
    ],
};

/// `cargo <name>`, also after a toolchain (`cargo +nightly install`): the subcommand word.
fn cargo_subcommand<'a>(cmd: &'a Command, name: &str) -> Option<&'a ShellWord> {
    if !cmd.is("cargo") {
        return None;
    }
    CARGO
        .leading_operands(cmd, 2)
        .into_iter()
        .find(|w| !w.value.starts_with('+'))
        .filter(|w| w.value == name)
}

/// `cargo install` (also `cargo +nightly install`): the `install` word.
pub fn cargo_install(cmd: &Command) -> Option<&ShellWord> {
    cargo_subcommand(cmd, "install")
}

/// `cargo binstall` (a prebuilt binary of a crate, cargo-binstall): the `binstall` word. It reads
/// versions as `cargo install` does (`ripgrep@14.1.1`, `--version`).
pub fn cargo_binstall(cmd: &Command) -> Option<&ShellWord> {
    cargo_subcommand(cmd, "binstall")
}

/// Whether a `cargo install` crate names a version (`ripgrep@14.1.0`).
pub fn cargo_spec_pinned_or_local(spec: &str) -> bool {
    spec.contains('@')
}

/// `go install`'s build flags that take a value (go's flag package; `-flag=value` works too).
pub static GO: Cli = Cli {
    long_options: &[],
    value_flags: &[
        "-C",
        "-o",
        "-p",
        "-tags",
        "-ldflags",
        "-gcflags",
        "-asmflags",
        "-gccgoflags",
        "-buildmode",
        "-compiler",
        "-covermode",
        "-coverpkg",
        "-installsuffix",
        "-mod",
        "-modfile",
        "-overlay",
        "-pgo",
        "-pkgdir",
        "-toolexec",
    ],
};

/// `go install`: the `install` word.
pub fn go_install(cmd: &Command) -> Option<&ShellWord> {
    if !cmd.is("go") {
        return None;
    }
    GO.subcommand(cmd).filter(|w| w.value == "install")
}

/// Whether a `go install` package names a fixed version: `@v1.2.3` or a commit, or no `@` at
/// all (the current module's `go.mod` decides, or it is a local package). `@latest`,
/// `@upgrade`, `@patch` and the usual branch names (`@master`, `@main`, `@HEAD`) get whatever
/// is newest.
pub fn go_spec_pinned_or_local(spec: &str) -> bool {
    !matches!(
        spec.rsplit_once('@'),
        Some((
            _,
            "latest" | "upgrade" | "patch" | "master" | "main" | "HEAD" | ""
        ))
    )
}

pub static NPM: Cli = Cli {
    long_options: &[],
    value_flags: &[
        "--prefix",
        "--registry",
        "--cache",
        "--tag",
        "-w",
        "--workspace",
        "--omit",
        "--include",
        "--loglevel",
        "--install-strategy",
        "--userconfig",
        "--globalconfig",
        "--before",
        "--proxy",
        "--https-proxy",
        "--cafile",
        "--script-shell",
        // Number and string configs (nopt reads a word after them as their value; booleans and
        // unknown keys take none).
        "--depth",
        "--location",
        "--save-prefix",
        "--fetch-retries",
        "--fetch-timeout",
        "--maxsockets",
        "--otp",
        "--access",
        "--audit-level",
        "--node-options",
        "--python",
    ],
};

/// `npm install` and its aliases, as npm documents them (`add`, `i`, and the spellings and
/// typos npm accepts on purpose: `in` ... `instal`, `isnt` ... `isntall`).
pub const NPM_INSTALL: &[&str] = &[
    "install", "add", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal",
    "isntall",
];

/// `npm install` (any spelling): its subcommand word.
pub fn npm_install(cmd: &Command) -> Option<&ShellWord> {
    if !cmd.is("npm") {
        return None;
    }
    NPM.subcommand(cmd)
        .filter(|w| NPM_INSTALL.contains(&w.value.as_str()))
}

/// Yarn 1's options that take a value (`yarn global add` installs tools; Yarn 2+ has no
/// `global`).
pub static YARN: Cli = Cli {
    long_options: &[],
    value_flags: &[
        "--prefix",
        "--global-folder",
        "--cache-folder",
        "--modules-folder",
        "--registry",
        "--network-timeout",
        "--network-concurrency",
        "--mutex",
        "--cwd",
        "--use-yarnrc",
        "--link-folder",
        "--otp",
    ],
};

/// `yarn global add`: the `add` word (the packages follow it).
pub fn yarn_global_add(cmd: &Command) -> Option<&ShellWord> {
    two_word_subcommand(&YARN, cmd, "yarn", ["global", "add"])
}

/// pnpm's options that take a value.
pub static PNPM: Cli = Cli {
    long_options: &[],
    value_flags: &[
        "-C",
        "--dir",
        "-w",
        "--workspace-root",
        "--filter",
        "-F",
        "--registry",
        "--store-dir",
        "--global-dir",
        "--virtual-store-dir",
        "--reporter",
        "--loglevel",
        "--network-concurrency",
        "--child-concurrency",
    ],
};

/// `pnpm add -g` / `pnpm install -g` (`i`): the subcommand word, when the install is global.
pub fn pnpm_global_add(cmd: &Command) -> Option<&ShellWord> {
    if !cmd.is("pnpm") || !PNPM.has_flag(cmd, &["-g", "--global"]) {
        return None;
    }
    PNPM.subcommand(cmd)
        .filter(|w| matches!(w.value.as_str(), "add" | "install" | "i"))
}

/// `gem install`'s options (RubyGems 3): Ruby's OptionParser completes an unambiguous
/// prefix of a long option (`--vers 1.2` is `--version 1.2`; `--ver` could be `--verbose`).
pub static GEM: Cli = Cli {
    long_options: &[
        "--platform",
        "--version",
        "--prerelease",
        "--no-prerelease",
        "--install-dir",
        "--bindir",
        "--document",
        "--build-root",
        "--vendor",
        "--no-document",
        "--env-shebang",
        "--no-env-shebang",
        "--force",
        "--no-force",
        "--wrappers",
        "--no-wrappers",
        "--trust-policy",
        "--ignore-dependencies",
        "--format-executable",
        "--no-format-executable",
        "--user-install",
        "--no-user-install",
        "--development",
        "--development-all",
        "--conservative",
        "--minimal-deps",
        "--post-install-message",
        "--no-post-install-message",
        "--file",
        "--without",
        "--default",
        "--explain",
        "--lock",
        "--no-lock",
        "--suggestions",
        "--no-suggestions",
        "--target-rbconfig",
        "--local",
        "--remote",
        "--both",
        "--bulk-threshold",
        "--clear-sources",
        "--source",
        "--http-proxy",
        "--no-http-proxy",
        "--help",
        "--verbose",
        "--no-verbose",
        "--quiet",
        "--silent",
        "--config-file",
        "--backtrace",
        "--debug",
        "--norc",
    ],
    value_flags: &[
        "-i",
        "--install-dir",
        "-n",
        "--bindir",
        "--source",
        "-s",
        "--platform",
        "-v",
        "--version",
        "--document",
        "--build-root",
        "--trust-policy",
        "-P",
        "-g",
        "--file",
        "--without",
        "--config-file",
        "-p",
        "--http-proxy",
    ],
};

/// `gem install` (or gem's short form, `gem i`): the `install` word.
pub fn gem_install(cmd: &Command) -> Option<&ShellWord> {
    if !cmd.is("gem") {
        return None;
    }
    GEM.subcommand(cmd)
        .filter(|w| matches!(w.value.as_str(), "install" | "i"))
}

/// A subcommand that installs packages, as the manager spells it.
pub struct Install {
    /// Its words (`["module", "install"]`); the packages follow the last one.
    pub words: &'static [&'static str],
    /// The programs of the manager that accept this spelling; empty: all of them.
    pub only: &'static [&'static str],
    /// Whether its packages are fresh installs whose versions a pin decides. A reinstall gets
    /// the version already installed, and a group has no version, so neither needs a pin; both
    /// still ask for confirmation and fill the cache.
    pub pins: bool,
}

const fn install(words: &'static [&'static str]) -> Install {
    Install {
        words,
        only: &[],
        pins: true,
    }
}

pub struct Manager {
    /// Program names (`dnf`, `microdnf`).
    pub programs: &'static [&'static str],
    pub cli: &'static Cli,
    /// Subcommands that install packages: the one list every rule about this manager reads
    /// (confirmation, pins, cache cleaning, layer cost).
    pub install: &'static [Install],
    /// Further subcommands that download packages into the cache (`upgrade`): they need the
    /// same cleaning as an install, but take no packages that need pins or confirmation here.
    pub downloads: &'static [&'static str],
    /// Flags that make the install non-interactive.
    pub yes: &'static [&'static str],
    pub pinned: fn(&str) -> bool,
    /// Where a package's version starts, for judging one given as a variable.
    pub version_at: fn(&str) -> Option<usize>,
    /// Subcommands (with the argument they need, or "") that clean the cache.
    pub clean: &'static [(&'static str, &'static str)],
    /// Where the cache lives: removing it cleans too, and a cache mount there makes cleaning moot.
    pub cache_dirs: &'static [&'static str],
}

fn rpm_pinned(p: &str) -> bool {
    // name-version[-release]: a `-` followed by a digit, or a comparison; a module's
    // `name:stream`.
    p.contains(['=', '<', '>', ':'])
        || p.char_indices()
            .any(|(i, c)| c == '-' && p[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        || p.ends_with(".rpm")
}

fn zypper_pinned(p: &str) -> bool {
    p.contains(['=', '<', '>']) || p.ends_with(".rpm")
}

/// The programs that read dnf's command aliases (`in`, `rei`): dnf 4 and 5, and `yum`, which
/// is dnf on EL 8 and later (yum 3 of EL 7 rejects the aliases, so the build fails there
/// anyway). microdnf and tdnf know only the full names.
const DNF_ALIASES: &[&str] = &["dnf", "dnf-3", "dnf4", "dnf5", "yum"];

/// yum's and dnf's installs, one table for both (yum 4 is dnf): `install` and its aliases
/// (`in`, dnf's `install-n`/`install-na`/`install-nevra` spellings, `localinstall`),
/// `reinstall` (`rei`), groups and modules.
const RPM_INSTALL: &[Install] = &[
    install(&["install"]),
    Install {
        words: &["in"],
        only: DNF_ALIASES,
        pins: true,
    },
    Install {
        words: &["install-n"],
        only: DNF_ALIASES,
        pins: true,
    },
    Install {
        words: &["install-na"],
        only: DNF_ALIASES,
        pins: true,
    },
    Install {
        words: &["install-nevra"],
        only: DNF_ALIASES,
        pins: true,
    },
    install(&["localinstall"]),
    install(&["module", "install"]),
    Install {
        words: &["reinstall"],
        only: &[],
        pins: false,
    },
    Install {
        words: &["rei"],
        only: DNF_ALIASES,
        pins: false,
    },
    Install {
        words: &["groupinstall"],
        only: &[],
        pins: false,
    },
    Install {
        words: &["group", "install"],
        only: &[],
        pins: false,
    },
    Install {
        words: &["groups", "install"],
        only: &[],
        pins: false,
    },
];
const RPM_YES: &[&str] = &["-y", "--assumeyes"];
/// dnf 4's general options and yum 3's, together: both parse with Python (argparse, optparse),
/// which take an unambiguous prefix of a long option (`--assumey` is `--assumeyes`). With
/// the options of both, a prefix resolves here only when it is unambiguous in each.
static RPM_CLI: Cli = Cli {
    long_options: &[
        "--advisory",
        "--advisories",
        "--allowerasing",
        "--assumeno",
        "--assumeyes",
        "--best",
        "--bugfix",
        "--bz",
        "--bzs",
        "--cacheonly",
        "--color",
        "--comment",
        "--config",
        "--cve",
        "--cves",
        "--debuglevel",
        "--debugsolver",
        "--destdir",
        "--disable",
        "--disableexcludes",
        "--disableplugin",
        "--disablerepo",
        "--downloaddir",
        "--downloadonly",
        "--enable",
        "--enableplugin",
        "--enablerepo",
        "--enhancement",
        "--errorlevel",
        "--exclude",
        "--excludepkgs",
        "--forcearch",
        "--help",
        "--help-cmd",
        "--installroot",
        "--newpackage",
        "--noautoremove",
        "--nobest",
        "--nodocs",
        "--nogpgcheck",
        "--noplugins",
        "--obsoletes",
        "--quiet",
        "--randomwait",
        "--refresh",
        "--releasever",
        "--repo",
        "--repofrompath",
        "--repoid",
        "--rpmverbosity",
        "--sec-severity",
        "--secseverity",
        "--security",
        "--setopt",
        "--showduplicates",
        "--skip-broken",
        "--skip-unavailable",
        "--tolerant",
        "--verbose",
        "--version",
    ],
    value_flags: &[
        "--enablerepo",
        "--disablerepo",
        "--setopt",
        "-c",
        "--config",
        "--installroot",
        "--releasever",
        "-x",
        "--exclude",
        "--excludepkgs",
        "--repo",
        "--repoid",
        "--disableexcludes",
        "--disableplugin",
        "--enableplugin",
        "--repofrompath",
        "--rpmverbosity",
        "--forcearch",
        "--downloaddir",
        "--destdir",
        "--comment",
        "--color",
        "-d",
        "--debuglevel",
        "-e",
        "--errorlevel",
        "-R",
        "--randomwait",
        "--advisory",
        "--advisories",
        "--bz",
        "--bzs",
        "--cve",
        "--cves",
        "--sec-severity",
        "--secseverity",
    ],
};

pub static YUM: Manager = Manager {
    programs: &["yum"],
    cli: &RPM_CLI,
    install: RPM_INSTALL,
    downloads: &[],
    yes: RPM_YES,
    pinned: rpm_pinned,
    version_at: rpm_version_at,
    clean: &[("clean", "all")],
    cache_dirs: &["/var/cache/yum"],
};

pub static DNF: Manager = Manager {
    programs: &["dnf", "dnf-3", "dnf4", "dnf5", "microdnf", "tdnf"],
    cli: &RPM_CLI,
    install: RPM_INSTALL,
    // `up` is dnf's alias of `upgrade`.
    downloads: &["up", "update", "upgrade", "upgrade-minimal"],
    yes: RPM_YES,
    pinned: rpm_pinned,
    version_at: rpm_version_at,
    clean: &[("clean", "all")],
    // dnf5 keeps its cache in /var/cache/libdnf5.
    cache_dirs: &["/var/cache/dnf", "/var/cache/libdnf5"],
};

pub static ZYPPER: Manager = Manager {
    programs: &["zypper"],
    cli: &Cli {
        long_options: &[],
        value_flags: &["-r", "--repo", "--from", "-t", "--type"],
    },
    install: &[install(&["install"]), install(&["in"])],
    downloads: &[],
    yes: &["-n", "--non-interactive", "-y", "--no-confirm"],
    pinned: zypper_pinned,
    version_at: zypper_version_at,
    // `cc` is zypper's alias of `clean`.
    clean: &[("clean", ""), ("cc", "")],
    cache_dirs: &["/var/cache/zypp"],
};

impl Manager {
    pub fn runs(&self, cmd: &Command) -> bool {
        self.programs.contains(&cmd.name())
    }

    /// `cmd` is one of this manager's installs: which, and its last subcommand word (the
    /// packages follow it).
    pub fn install_of<'a>(&self, cmd: &'a Command) -> Option<(&'static Install, &'a ShellWord)> {
        if !self.runs(cmd) {
            return None;
        }
        self.install.iter().find_map(|sub| {
            if !sub.only.is_empty() && !sub.only.contains(&cmd.name()) {
                return None;
            }
            let found = self.cli.leading_operands(cmd, sub.words.len());
            let same = found.len() == sub.words.len()
                && found
                    .iter()
                    .zip(sub.words.iter())
                    .all(|(w, s)| w.value == *s);
            same.then(|| (sub, found[found.len() - 1]))
        })
    }

    /// `cmd` is this manager's install: the last subcommand word (packages follow it).
    pub fn install_word<'a>(&self, cmd: &'a Command) -> Option<&'a ShellWord> {
        self.install_of(cmd).map(|(_, word)| word)
    }

    pub fn is_install(&self, cmd: &Command) -> bool {
        self.install_of(cmd).is_some()
    }

    /// An install or another subcommand that fills the package cache.
    pub fn downloads(&self, cmd: &Command) -> bool {
        self.is_install(cmd)
            || (self.runs(cmd)
                && self
                    .cli
                    .subcommand(cmd)
                    .is_some_and(|s| self.downloads.contains(&s.value.as_str())))
    }

    /// `dnf clean all`, or `rm` of the cache directory's contents.
    pub fn is_clean(&self, cmd: &Command) -> bool {
        if cmd.is("rm") {
            return cmd.operands().any(|w| {
                self.cache_dirs.iter().any(|d| {
                    w.value
                        .strip_prefix(d)
                        .is_some_and(|r| matches!(r, "" | "/" | "/*"))
                })
            });
        }
        if !self.runs(cmd) {
            return false;
        }
        let words = self.cli.leading_operands(cmd, 2);
        let Some(sub) = words.first() else {
            return false;
        };
        self.clean.iter().any(|(s, a)| {
            sub.value == *s && (a.is_empty() || words.get(1).is_some_and(|w| w.value == *a))
        })
    }

    /// Packages of an install that are not pinned (variables are left alone: their value is
    /// unknown).
    pub fn unpinned<'a>(&self, cmd: &'a Command) -> Vec<&'a str> {
        self.unpinned_in(cmd, &|_| true)
    }

    /// [`Manager::unpinned`], where a version that is only variables `defined` rejects
    /// (`nginx-$V` with no `V` in scope) counts as missing.
    pub fn unpinned_in<'a>(
        &self,
        cmd: &'a Command,
        defined: &dyn Fn(&str) -> bool,
    ) -> Vec<&'a str> {
        let Some((sub, word)) = self.install_of(cmd) else {
            return Vec::new();
        };
        if !sub.pins {
            return Vec::new();
        }
        // Groups (`install @web`) have no versions to pin.
        self.cli.unpinned_in(
            cmd,
            word,
            |p| (self.pinned)(p) || p.contains('/') || p.starts_with('@'),
            self.version_at,
            defined,
        )
    }
}

/// Whether the version of `spec` (from where `version_at` says it starts) is nothing but
/// references to variables `defined` rejects, so that it expands to an empty version:
/// `curl=$V`, `flask==${V}`, `yarn@$V`, `nginx-$V` with `V` defined nowhere in scope. A
/// reference that handles the unset case (`${V:-1.2}`, `${V:?}`) and a command substitution
/// are taken as given; so is a version with literal text (`${V}.1~focal`).
pub fn version_undefined(
    spec: &str,
    version_at: fn(&str) -> Option<usize>,
    defined: &dyn Fn(&str) -> bool,
) -> bool {
    let Some(at) = version_at(spec) else {
        return false;
    };
    let version = &spec[at..];
    let mut rest = version;
    let mut found = false;
    loop {
        let rest_trimmed = rest.trim_start_matches(['"', '\'']);
        let Some(after) = rest_trimmed.strip_prefix('$') else {
            return found && rest_trimmed.trim_matches(['"', '\'']).is_empty();
        };
        let (name, tail) = if let Some(braced) = after.strip_prefix('{') {
            let Some(close) = braced.find('}') else {
                return false;
            };
            (&braced[..close], &braced[close + 1..])
        } else {
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..len], &after[len..])
        };
        let plain = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        if !plain || defined(name) {
            return false;
        }
        found = true;
        rest = tail;
    }
}

/// Where the version starts in `pkg=1.2` / `pkg/release` (apt).
pub fn apt_version_at(spec: &str) -> Option<usize> {
    spec.find(['=', '/']).map(|i| i + 1)
}

/// Where the version starts after an operator of `ops` (`pkg>=1.2`, `pkg~=1.2`).
fn after_operator(spec: &str, ops: &[char]) -> Option<usize> {
    let at = spec.find(ops)?;
    let len = spec[at..]
        .find(|c: char| !ops.contains(&c))
        .unwrap_or(spec.len() - at);
    Some(at + len)
}

/// apk's `pkg=1.2`, `pkg~1.2`, `pkg>1.2`.
pub fn apk_version_at(spec: &str) -> Option<usize> {
    after_operator(spec, &['=', '~', '<', '>'])
}

/// pip's `pkg==1.2`, `pkg~=1.2`, `pkg>=1.2` (a URL's `@` is not a version).
pub fn pip_version_at(spec: &str) -> Option<usize> {
    after_operator(spec, &['=', '<', '>', '~', '!'])
}

/// npm's `pkg@1.2` and `@scope/pkg@1.2`; go's `module@v1.2`.
pub fn at_version_at(spec: &str) -> Option<usize> {
    spec.char_indices()
        .skip(1)
        .find(|&(_, c)| c == '@')
        .map(|(i, _)| i + 1)
}

/// gem's `rake:13.0`.
pub fn gem_version_at(spec: &str) -> Option<usize> {
    spec.find(':').map(|i| i + 1)
}

/// rpm's `name-version` (the first `-` before a digit or a variable), or a comparison.
fn rpm_version_at(spec: &str) -> Option<usize> {
    after_operator(spec, &['=', '<', '>']).or_else(|| {
        spec.char_indices()
            .find(|&(i, c)| {
                c == '-' && spec[i + 1..].starts_with(|d: char| d.is_ascii_digit() || d == '$')
            })
            .map(|(i, _)| i + 1)
    })
}

fn zypper_version_at(spec: &str) -> Option<usize> {
    after_operator(spec, &['=', '<', '>'])
}

/// `pip install`, `pip3 install`, `python3 -m pip install`: the `install` word.
pub fn pip_install(cmd: &Command) -> Option<&ShellWord> {
    let name = cmd.name();
    let args = cmd.args();
    let rest =
        if name.starts_with("pip") && name[3..].chars().all(|c| c.is_ascii_digit() || c == '.') {
            args
        } else if name.starts_with("python") {
            let m = args.iter().position(|w| w.value == "-m")?;
            if args.get(m + 1)?.value != "pip" {
                return None;
            }
            &args[m + 2..]
        } else {
            return None;
        };
    rest.iter()
        .find(|w| !w.value.starts_with('-'))
        .filter(|w| w.value == "install")
}

/// Whether `spec` names something other than a registry package without a version: a version
/// specifier, a local path or archive, a URL of an archive, or a VCS URL pinned to a commit or
/// tag (`git+https://host/repo@v1.2`; without `@ref` it installs the default branch's head).
pub fn pip_spec_pinned_or_local(spec: &str) -> bool {
    if let Some((scheme, rest)) = spec.split_once("://") {
        if !scheme.contains('+') {
            return true;
        }
        let rest = rest.split('#').next().unwrap_or(rest);
        return rest
            .split_once('/')
            .is_some_and(|(_, path)| path.contains('@'));
    }
    spec.contains(['=', '<', '>', '@', '/'])
        || spec.starts_with('.')
        || spec.ends_with(".whl")
        || spec.ends_with(".tar.gz")
        || spec.ends_with(".tgz")
        || spec.ends_with(".zip")
}

/// Whether `spec` names something other than a registry package without a version: `pkg@1.2`,
/// a local folder or tarball, a tarball URL, or a git URL pinned to a commit-ish (`#v1.2`; without
/// one it installs the default branch's head); `github:user/repo` shorthands are git URLs too.
pub fn npm_spec_pinned_or_local(spec: &str) -> bool {
    let git = spec.starts_with("git+")
        || spec.starts_with("git://")
        || spec.starts_with("git@")
        || spec.starts_with("github:")
        || spec.starts_with("gitlab:")
        || spec.starts_with("bitbucket:");
    if git || spec.contains("://") {
        return !git || spec.contains('#');
    }
    let name = spec.strip_prefix('@').unwrap_or(spec);
    name.contains('@')
        || spec == "."
        || spec.starts_with(['.', '/', '~'])
        || spec.ends_with(".tgz")
        || spec.ends_with(".tar.gz")
        || spec.ends_with(".tar")
        || spec.starts_with("file:")
}

/// Whether `spec` names a gem with its version (`rake:13.0`) or a local `.gem` file.
pub fn gem_spec_pinned_or_local(spec: &str) -> bool {
    spec.contains(':') || spec.ends_with(".gem")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::shell::{Contiguous, analyze};

    fn first(s: &str) -> Command {
        analyze(s, &Contiguous(0)).commands.remove(0)
    }

    #[test]
    fn installs_and_pins() {
        let c = first("yum --enablerepo extras -y install httpd-2.4.6 vim");
        assert!(YUM.is_install(&c));
        assert_eq!(YUM.unpinned(&c), ["vim"]);
        assert!(YUM.is_clean(&first("yum clean all")));
        assert!(!YUM.is_clean(&first("yum clean metadata")));
        assert!(YUM.is_clean(&first("rm -rf /var/cache/yum/*")));
        assert!(!YUM.is_clean(&first("rm -rf /var/cache/yum/x86_64/7/base")));
        assert!(DNF.is_install(&first("microdnf install -y nginx")));
        assert_eq!(
            DNF.unpinned(&first("dnf -y module install nodejs php:8.1")),
            ["nodejs"]
        );
        assert!(!DNF.is_install(&first("dnf module enable nodejs:18")));
        assert!(DNF.downloads(&first("dnf rei -y nginx")));
        for alias in ["dnf in -y nginx", "dnf5 in nginx", "dnf install-n nginx"] {
            assert_eq!(DNF.unpinned(&first(alias)), ["nginx"], "{alias}");
        }
        assert_eq!(YUM.unpinned(&first("yum in nginx")), ["nginx"]);
        assert!(YUM.is_install(&first("yum rei nginx")));
        // A reinstall gets the version already installed: no pin to ask for.
        assert!(DNF.is_install(&first("dnf reinstall nginx")));
        assert!(DNF.unpinned(&first("dnf reinstall nginx")).is_empty());
        // microdnf knows only the full names.
        assert!(!DNF.is_install(&first("microdnf in nginx")));
        assert!(DNF.is_install(&first("microdnf reinstall nginx")));
        assert!(DNF.unpinned(&first("dnf group install -y web")).is_empty());
        assert!(!DNF.downloads(&first("dnf makecache")));
        assert_eq!(
            ZYPPER.unpinned(&first("zypper in -y curl=8.0 git")),
            ["git"]
        );
        assert!(ZYPPER.is_clean(&first("zypper clean")));
        assert!(ZYPPER.is_clean(&first("zypper cc -a")));
    }

    #[test]
    fn pip_takes_unambiguous_prefixes_of_long_options() {
        let c = first("pip install --no-cache flask");
        assert!(PIP.has_flag(&c, &["--no-cache-dir"]));
        // `--no-c` could be --no-cache-dir, --no-clean, --no-color or --no-compile.
        assert!(!PIP.has_flag(&first("pip install --no-c flask"), &["--no-cache-dir"]));
        let c = first("pip install --constr=c.txt --root-user ignore flask");
        assert_eq!(PIP.flag_value(&c, &["-c", "--constraint"]), Some("c.txt"));
        let install = PIP.subcommand(&c).unwrap();
        let packages: Vec<_> = PIP
            .operands_after(&c, install)
            .iter()
            .map(|w| w.value.as_str())
            .collect();
        assert_eq!(packages, ["flask"]);
        assert!(
            DNF.cli
                .has_flag(&first("dnf install --assumey nginx"), RPM_YES)
        );
        // `--assum` could be --assumeno.
        assert!(
            !DNF.cli
                .has_flag(&first("dnf install --assum nginx"), RPM_YES)
        );
        let c = first("dnf install --enablerep=epel --disablerep updates -y nginx");
        assert_eq!(DNF.unpinned(&c), ["nginx"]);
        assert!(GEM.has_flag(&first("gem install rake --vers 13.0"), &["-v", "--version"]));
        assert!(!GEM.has_flag(&first("gem install rake --ver 13.0"), &["-v", "--version"]));
        // apt-get wants full names.
        assert!(!APT_GET.has_flag(
            &first("apt-get install --no-install curl"),
            &["--no-install-recommends"]
        ));
    }

    #[test]
    fn aptitude_installs_like_apt_get() {
        let c = first("aptitude install -y curl=8.0 git+ vim- ~nlibfoo 'nano&M'");
        let (frontend, install) = apt_install(&c).unwrap();
        assert_eq!(frontend.program, "aptitude");
        assert_eq!(
            frontend.unpinned(&c, install, &|_| true),
            ["git+", "nano&M"]
        );
        assert!(apt_install(&first("aptitude update")).is_none());
        assert!(apt_install(&first("apt install curl")).is_none());
    }

    #[test]
    fn a_version_of_undefined_variables_is_no_pin() {
        let undefined = |n: &str| n != "V";
        for spec in ["curl=$V", "curl=${V}", "curl=\"$V\""] {
            assert!(
                version_undefined(spec, apt_version_at, &undefined),
                "{spec}"
            );
        }
        assert!(version_undefined("flask==$V", pip_version_at, &undefined));
        assert!(version_undefined(
            "@types/node@$V",
            at_version_at,
            &undefined
        ));
        assert!(version_undefined("nginx-$V", rpm_version_at, &undefined));
        assert!(version_undefined("rake:$V$V", gem_version_at, &undefined));
        let defined = |_: &str| true;
        assert!(!version_undefined("curl=$V", apt_version_at, &defined));
        for spec in [
            "curl=${V:-1.2}",
            "curl=${V}.1",
            "curl=$(cat v)",
            "$PKG",
            "curl-$V",
        ] {
            assert!(
                !version_undefined(spec, apt_version_at, &undefined),
                "{spec}"
            );
        }
        let c = first("dnf install -y nginx-$V vim-$W");
        assert_eq!(DNF.unpinned_in(&c, &|n| n == "W"), ["nginx-$V"]);
        assert!(DNF.unpinned(&c).is_empty());
    }

    #[test]
    fn counts_repeated_flags() {
        assert_eq!(
            APT_GET.count(&first("apt-get -q -q install x"), 'q', "--quiet"),
            2
        );
        assert_eq!(
            APT_GET.count(&first("apt-get -qqy install x"), 'q', "--quiet"),
            2
        );
        assert_eq!(
            APT_GET.count(&first("apt-get --quiet=2 install x"), 'q', "--quiet"),
            2
        );
        assert_eq!(
            APT_GET.count(&first("apt-get -q=1 install x"), 'q', "--quiet"),
            1
        );
        assert_eq!(
            APT_GET.count(&first("apt-get -q install -y x"), 'q', "--quiet"),
            1
        );
    }

    #[test]
    fn build_flags_after_a_double_dash_are_not_gems() {
        let c = first("gem install nokogiri -- --use-system-libraries true");
        let sub = GEM.subcommand(&c).unwrap();
        let gems: Vec<_> = GEM
            .operands_after(&c, sub)
            .iter()
            .map(|w| w.value.as_str())
            .collect();
        assert_eq!(gems, ["nokogiri"]);
    }
}
