//! What rules need to know about package managers, in one table: how an install is spelled, which
//! flags answer "yes", which flags take a value, what a pinned package looks like, and how the
//! cache is cleaned.

use super::shell::{Command, ShellWord};

pub struct Manager {
    /// Program names (`dnf`, `microdnf`).
    pub programs: &'static [&'static str],
    /// Subcommands that install packages.
    pub install: &'static [&'static str],
    /// Flags that make the install non-interactive.
    pub yes: &'static [&'static str],
    /// Flags whose value is the next word.
    pub value_flags: &'static [&'static str],
    pub pinned: fn(&str) -> bool,
    /// Subcommand and argument that clean the cache (`clean all`), or None.
    pub clean: Option<(&'static str, &'static str)>,
    /// Where the cache lives (a cache mount there makes cleaning moot).
    pub cache_dir: &'static str,
}

fn rpm_pinned(p: &str) -> bool {
    // name-version[-release]: a `-` followed by a digit, or a comparison.
    p.contains(['=', '<', '>'])
        || p.char_indices()
            .any(|(i, c)| c == '-' && p[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        || p.ends_with(".rpm")
}

fn zypper_pinned(p: &str) -> bool {
    p.contains(['=', '<', '>']) || p.ends_with(".rpm")
}

/// yum and dnf share their command line.
const RPM_INSTALL: &[&str] = &["install", "groupinstall", "localinstall"];
const RPM_YES: &[&str] = &["-y", "--assumeyes"];
const RPM_VALUE_FLAGS: &[&str] = &[
    "--enablerepo",
    "--disablerepo",
    "--setopt",
    "-c",
    "--config",
    "--installroot",
    "--releasever",
];

pub static YUM: Manager = Manager {
    programs: &["yum"],
    install: RPM_INSTALL,
    yes: RPM_YES,
    value_flags: RPM_VALUE_FLAGS,
    pinned: rpm_pinned,
    clean: Some(("clean", "all")),
    cache_dir: "/var/cache/yum",
};

pub static DNF: Manager = Manager {
    programs: &["dnf", "microdnf", "tdnf"],
    install: RPM_INSTALL,
    yes: RPM_YES,
    value_flags: RPM_VALUE_FLAGS,
    pinned: rpm_pinned,
    clean: Some(("clean", "all")),
    cache_dir: "/var/cache/dnf",
};

pub static ZYPPER: Manager = Manager {
    programs: &["zypper"],
    install: &["install", "in"],
    yes: &["-n", "--non-interactive", "-y", "--no-confirm"],
    value_flags: &["-r", "--repo", "--from", "-t", "--type"],
    pinned: zypper_pinned,
    clean: Some(("clean", "")),
    cache_dir: "/var/cache/zypp",
};

impl Manager {
    pub fn runs(&self, cmd: &Command) -> bool {
        self.programs.contains(&cmd.name())
    }

    /// `cmd` is this manager's install: the subcommand word.
    pub fn install_word<'a>(&self, cmd: &'a Command) -> Option<&'a ShellWord> {
        if !self.runs(cmd) {
            return None;
        }
        let mut skip = false;
        for w in cmd.args() {
            if skip {
                skip = false;
                continue;
            }
            if w.value.starts_with('-') {
                skip = self.value_flags.contains(&w.value.as_str());
                continue;
            }
            return self.install.contains(&w.value.as_str()).then_some(w);
        }
        None
    }

    pub fn is_install(&self, cmd: &Command) -> bool {
        self.install_word(cmd).is_some()
    }

    pub fn is_clean(&self, cmd: &Command) -> bool {
        let Some((sub, arg)) = self.clean else {
            return false;
        };
        self.runs(cmd)
            && cmd.subcommand() == Some(sub)
            && (arg.is_empty() || cmd.operands().nth(1).is_some_and(|w| w.value == arg))
    }

    /// Packages of an install that are not pinned (variables are left alone: their value is unknown).
    pub fn unpinned<'a>(&self, cmd: &'a Command) -> Vec<&'a str> {
        let Some(install) = self.install_word(cmd) else {
            return Vec::new();
        };
        let mut skip = false;
        let mut out = Vec::new();
        for w in cmd
            .args()
            .iter()
            .skip_while(|w| w.span != install.span)
            .skip(1)
            .take_while(|w| w.value != "//")
        {
            if skip {
                skip = false;
                continue;
            }
            if w.value.starts_with('-') {
                skip = self.value_flags.contains(&w.value.as_str());
                continue;
            }
            if !w.dynamic && !(self.pinned)(&w.value) && !w.value.contains('/') {
                out.push(w.value.as_str());
            }
        }
        out
    }
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
        assert!(DNF.is_install(&first("microdnf install -y nginx")));
        assert_eq!(
            ZYPPER.unpinned(&first("zypper in -y curl=8.0 git")),
            ["git"]
        );
        assert!(ZYPPER.is_clean(&first("zypper clean")));
    }
}
