use crate::rule::{Context, DockerfileInput};
use crate::syntax::dockerfile::{Instruction, Keyword};
use crate::syntax::shell::{Command, ShellWord};

crate::declare_rule! {
    /// ## What it does
    /// Finds `cd` in `RUN` commands into a directory that `WORKDIR` could name instead.
    ///
    /// It stays quiet where `WORKDIR` is no replacement (hadolint's DL3003 reports all of these;
    /// we are deliberately quieter):
    /// - `cd /`, `cd ..`, `cd -`, `cd ~` and a bare `cd`: leaving a directory, not choosing one;
    /// - a directory the same RUN made before the `cd` (`mkdir -p x && cd x`, also a parent
    ///   `mkdir -p` made), a `tar x`/`unzip`/`7z x`
    ///   extraction (`tar xf foo-1.2.tar.gz && cd foo-1.2`; the unpacked name is not known, so any
    ///   relative directory, or one under the extraction's `-C`/`-d` directory, counts), or a
    ///   `git clone` (its explicit directory, or the name the URL implies: `.../y.git` clones to
    ///   `y`). A `WORKDIR` would exist before the files it should hold;
    /// - a `cd` the same RUN undoes later: a `cd /`, `cd -` or `cd ..` after it, or an
    ///   `rm -rf` of the directory (the official images' build-from-source pattern:
    ///   `cd /usr/src/php; ./configure; make install; cd /; docker-php-source delete`);
    /// - the target of a `RUN --mount=...,target=DIR`, which exists only during that RUN;
    /// - a directory computed by the script: `$(...)`, or a variable that no `ARG`/`ENV` defines
    ///   (`WORKDIR` expands only those).
    ///
    /// ## Why is this bad?
    /// A `cd` lasts only until the end of its `RUN`; the next instruction starts again in the
    /// `WORKDIR`. Scripts built on `cd` are harder to read and break when steps are split or
    /// reordered. `WORKDIR` changes the directory for every following instruction, and creates it.
    ///
    /// Reported as `info` (hadolint's `warning` in the `hadolint` preset): a `cd` inside one `RUN`
    /// is harmless to the build; `WORKDIR` is the clearer way to say where later instructions run.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN cd /app && npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// RUN npm ci
    /// ```
    ///
    /// ## References
    /// - [Dockerfile best practices: WORKDIR](https://docs.docker.com/build/building/best-practices/#workdir)
    /// - hadolint DL3003
    pub static RULE = {
        code: "DF018",
        name: "cd-in-run",
        severity: Info,
        aliases: ["DL3003"],
        fix: None,
        default: true,
        check: Dockerfile(check),
    }
}

fn check(input: &DockerfileInput<'_>, cx: &mut Context<'_>) {
    let defined: Vec<&str> = input
        .df
        .instructions
        .iter()
        .map(Instruction::effective)
        .filter(|i| matches!(i.keyword, Keyword::Env | Keyword::Arg))
        .flat_map(|i| {
            let keys = i.pairs().iter().map(|p| p.key.value.as_str());
            let args = i
                .args
                .iter()
                .map(|w| w.value.split('=').next().unwrap_or(""));
            keys.chain(args)
        })
        .collect();
    for (_, run, scripts) in super::runs(input) {
        let mut made: Vec<Made> = mount_targets(run).into_iter().map(Made::Path).collect();
        // Where an earlier absolute `cd` of this RUN went, to resolve a later relative one.
        let mut cwd: Option<String> = None;
        let commands: Vec<&Command> = scripts.iter().flat_map(|s| &s.commands).collect();
        for (k, cmd) in commands.iter().enumerate() {
            if !cmd.is("cd") {
                made.extend(made_by(cmd));
                continue;
            }
            let Some(dir) = cmd
                .args()
                .iter()
                .find(|w| !w.value.starts_with('-') || w.value == "-")
            else {
                continue;
            };
            let resolved = match &cwd {
                Some(base) if !dir.value.starts_with('/') => {
                    format!("{}/{}", base.trim_end_matches('/'), normalize(&dir.value))
                }
                _ => dir.value.clone(),
            };
            let skip = leaves(&dir.value)
                || computed(dir, &defined)
                || made
                    .iter()
                    .any(|m| m.covers(&dir.value) || m.covers(&resolved))
                || undone(&commands[k + 1..], &resolved);
            cwd = resolved.starts_with('/').then_some(resolved);
            if skip {
                continue;
            }
            let dir = dir.value.as_str();
            cx.report(
                cmd.span,
                format!("`cd {dir}` in RUN: use WORKDIR to change directories"),
            )
            .help(format!("put `WORKDIR {dir}` before this RUN"));
        }
    }
}

/// A directory the RUN itself brought into being before a `cd`.
enum Made {
    /// `mkdir`, `git clone`, a mount target: exactly this path (and what is under it).
    Path(String),
    /// `mkdir -p`: the path, what is under it, and the parents it may have made.
    Tree(String),
    /// An extraction whose top directory is unknown: any relative path, and paths under the
    /// directory it unpacked into.
    Unpacked(Option<String>),
}

impl Made {
    fn covers(&self, dir: &str) -> bool {
        let dir = normalize(dir);
        let under = |base: &str| {
            let base = normalize(base);
            dir == base || dir.starts_with(&format!("{}/", base.trim_end_matches('/')))
        };
        match self {
            Made::Path(path) => under(path),
            Made::Tree(path) => under(path) || Made::Path(dir.to_string()).covers(path),
            Made::Unpacked(into) => !dir.starts_with('/') || into.as_deref().is_some_and(under),
        }
    }
}

fn normalize(path: &str) -> &str {
    let path = path.strip_prefix("./").unwrap_or(path);
    if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    }
}

/// Whether a later command of the RUN leaves `dir` again (`cd /`, `cd -`, `cd ..`) or removes
/// it (`rm -rf dir` or a parent): the directory is scoped to this RUN on purpose, and a WORKDIR
/// would need a second WORKDIR to undo it.
fn undone(later: &[&Command], dir: &str) -> bool {
    later.iter().any(|c| {
        let first = c.operands().next().map(|w| w.value.as_str());
        (c.is("cd") && first.is_some_and(leaves))
            || (c.is("rm")
                && c.has_flag(&["-r", "-R", "--recursive"])
                && c.operands()
                    .any(|w| Made::Path(w.value.clone()).covers(dir)))
    })
}

/// `cd /`, `cd ..`, `cd ../..`, `cd -`, `cd ~`: going back or up, which WORKDIR does not express.
fn leaves(dir: &str) -> bool {
    matches!(dir, "/" | "-" | "~" | "$HOME" | "${HOME}")
        || dir
            .trim_end_matches('/')
            .split('/')
            .all(|part| part == "..")
}

/// A directory only the running script knows: `$(mktemp -d)`, or `$d` where no ARG/ENV defines
/// `d` (a loop variable, a shell variable of this RUN).
fn computed(dir: &ShellWord, defined: &[&str]) -> bool {
    if !dir.dynamic {
        return false;
    }
    let text = &dir.value;
    if text.contains("$(") || text.contains('`') {
        return true;
    }
    text.split('$').skip(1).any(|after| {
        let name: String = after
            .trim_start_matches('{')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        !defined.contains(&name.as_str())
    })
}

fn mount_targets(run: &Instruction) -> Vec<String> {
    run.flags
        .iter()
        .filter(|f| f.name() == "mount")
        .filter_map(|f| {
            f.value()?
                .split(',')
                .find_map(|kv| match kv.split_once('=') {
                    Some(("target" | "dst" | "destination", path)) => Some(path.to_string()),
                    _ => None,
                })
        })
        .collect()
}

fn made_by(cmd: &Command) -> Vec<Made> {
    match cmd.name() {
        "mkdir" => {
            let parents = cmd.has_flag(&["-p", "--parents"]);
            cmd.operands()
                .map(|w| {
                    if parents {
                        Made::Tree(w.value.clone())
                    } else {
                        Made::Path(w.value.clone())
                    }
                })
                .collect()
        }
        "git" if cmd.subcommand() == Some("clone") => {
            const VALUE_FLAGS: [&str; 12] = [
                "--depth",
                "-b",
                "--branch",
                "-c",
                "--config",
                "-o",
                "--origin",
                "--reference",
                "-j",
                "--jobs",
                "--filter",
                "--template",
            ];
            let mut rest = cmd
                .packages(&VALUE_FLAGS)
                .into_iter()
                .map(|w| w.value.clone());
            let Some(url) = rest.next() else {
                return Vec::new();
            };
            let implied = url
                .trim_end_matches('/')
                .rsplit(['/', ':'])
                .next()
                .unwrap_or("")
                .trim_end_matches(".git")
                .to_string();
            vec![Made::Path(rest.next().unwrap_or(implied))]
        }
        "tar" | "bsdtar" => {
            let mode = cmd.args().first().map_or("", |w| w.value.as_str());
            let extracts = (!mode.starts_with("--") && mode.contains('x'))
                || cmd.has_flag(&["-x", "--extract", "--get"]);
            if extracts {
                vec![Made::Unpacked(value_of(cmd, &["-C", "--directory"]))]
            } else {
                Vec::new()
            }
        }
        "unzip" => vec![Made::Unpacked(value_of(cmd, &["-d"]))],
        "7z" | "7za" if cmd.subcommand() == Some("x") => vec![Made::Unpacked(None)],
        _ => Vec::new(),
    }
}

/// The value of a flag given as `-C dir`, `-Cdir` or `--directory=dir`.
fn value_of(cmd: &Command, flags: &[&str]) -> Option<String> {
    let args = cmd.args();
    args.iter().enumerate().find_map(|(i, w)| {
        flags.iter().find_map(|f| {
            if w.value == *f {
                args.get(i + 1).map(|n| n.value.clone())
            } else if let Some(v) = w.value.strip_prefix(&format!("{f}=")) {
                Some(v.to_string())
            } else if !f.starts_with("--") && w.value.starts_with(f) {
                Some(w.value[f.len()..].to_string())
            } else {
                None
            }
        })
    })
}
