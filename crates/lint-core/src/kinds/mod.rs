//! The kinds of file rlint reads, one module each, registered in [`KINDS`].
//!
//! A kind owns its whole pipeline: how its files are recognised (by name, then by content), how a
//! text is parsed, the model its rules read, its rule list and its pragma syntax. The core looks
//! the kind up here and runs it; it knows no kind's details, and adding a kind is one module plus
//! one line in [`KINDS`] (and its [`FileKind`] variant). What several kinds share sits below them
//! all: the YAML tree (`syntax::yaml`), the shell analysis (`syntax::shell`), secrets
//! (`secrets`), suppressions (`suppress`) and the rule runner here ([`run_rules`]).

pub mod action;
pub mod buildspec;
pub mod circleci;
pub mod compose;
pub mod daemon;
pub mod dockerfile;
pub mod dockerignore;
pub mod dockerrun;
pub mod dotenv;
pub mod ecs;
pub mod travis;
pub mod workflow;

use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};
use crate::source::FileKind;
use crate::{Config, Related, suppress};

/// What a file's name says about its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameMatch {
    /// Not this kind.
    No,
    /// Looks like it but does not settle it (`Dockerfile-old`): the content decides.
    Maybe,
    /// This kind.
    Yes,
}

/// A file's path split the way kinds match it: the file name (lowercased) and the two folders
/// above it as written (`.github/workflows/ci.yml`).
#[derive(Clone, Copy, Debug)]
pub struct Name<'a> {
    pub lower: &'a str,
    pub parent: &'a str,
    pub grandparent: &'a str,
}

impl Name<'_> {
    /// Whether the name ends in `.yml` or `.yaml`.
    pub fn is_yaml(&self) -> bool {
        self.lower.ends_with(".yml") || self.lower.ends_with(".yaml")
    }

    /// The name without its `.yml`/`.yaml` extension.
    pub fn yaml_stem(&self) -> &str {
        self.lower
            .strip_suffix(".yml")
            .or_else(|| self.lower.strip_suffix(".yaml"))
            .unwrap_or(self.lower)
    }
}

/// Whether a line of `text` starts with `key:` at column 1 (a top-level YAML key), for content
/// sniffing without parsing.
pub(crate) fn has_top_level_key(text: &str, key: &str) -> bool {
    text.lines().any(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// A kind's pipeline: path, text, configuration and related files in; findings out, sorted.
pub type LintFn = fn(&str, &str, &Config, Related<'_>) -> Vec<Diagnostic>;

/// One kind's registration.
pub struct Kind {
    pub kind: FileKind,
    /// What the file name says (first `Yes` in [`KINDS`] order wins).
    pub by_name: fn(&Name<'_>) -> NameMatch,
    /// Recognises the kind by content, for names that say nothing or only `Maybe`.
    pub by_content: Option<fn(&str) -> bool>,
    /// Lints one text of the kind; `None` for kinds recognised but not linted yet.
    pub lint: Option<LintFn>,
    /// How findings are silenced inline, for docs and editor actions.
    pub pragma: &'static str,
}

/// Every kind, in the order names are matched: more specific names first (`x.dockerignore`
/// before `Dockerfile.*`), content sniffing in the same order.
pub static KINDS: &[&Kind] = &[
    &dockerignore::KIND,
    &dockerfile::KIND,
    &compose::KIND,
    &buildspec::KIND,
    &travis::KIND,
    &circleci::KIND,
    &workflow::KIND,
    &action::KIND,
    &dockerrun::KIND,
    &ecs::KIND,
    &daemon::KIND,
    &dotenv::KIND,
];

/// The registration of `kind`.
pub fn get(kind: FileKind) -> &'static Kind {
    KINDS
        .iter()
        .find(|k| k.kind == kind)
        .expect("every FileKind is registered in KINDS")
}

/// Splits a path (either separator) into the parts kinds match on.
fn with_name<T>(path: &str, f: impl FnOnce(&Name<'_>) -> T) -> T {
    let path = path.replace('\\', "/");
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or(&path);
    let lower = name.to_ascii_lowercase();
    let parent = parts.next().unwrap_or("");
    let grandparent = parts.next().unwrap_or("");
    f(&Name {
        lower: &lower,
        parent,
        grandparent,
    })
}

/// The kind a path's name settles.
pub fn by_name(path: &str) -> Option<FileKind> {
    with_name(path, |name| {
        KINDS
            .iter()
            .find(|k| (k.by_name)(name) == NameMatch::Yes)
            .map(|k| k.kind)
    })
}

/// The kind a path's name suggests without settling it.
pub fn maybe_by_name(path: &str) -> Option<FileKind> {
    with_name(path, |name| {
        if KINDS.iter().any(|k| (k.by_name)(name) == NameMatch::Yes) {
            return None;
        }
        KINDS
            .iter()
            .find(|k| (k.by_name)(name) == NameMatch::Maybe)
            .map(|k| k.kind)
    })
}

/// The kind a text's content shows, for a file whose name does not settle it.
pub fn by_content(text: &str) -> Option<FileKind> {
    KINDS
        .iter()
        .find(|k| k.by_content.is_some_and(|sniff| sniff(text)))
        .map(|k| k.kind)
}

/// Texts from this size on have their rules run on every core (with the `parallel` feature):
/// below it, a file lints in well under a millisecond and the CLI already spreads files over
/// the cores.
#[cfg(feature = "parallel")]
const PARALLEL_FROM: usize = 256 * 1024;

/// `a()` and `b()`, side by side for big texts (with the `parallel` feature).
pub(crate) fn join<A: Send, B: Send>(
    size: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(feature = "parallel")]
    if size >= PARALLEL_FROM {
        return rayon::join(a, b);
    }
    let _ = size;
    (a(), b())
}

/// Runs a kind's rules over one input: `check` runs one rule (it knows the kind's input), and
/// what each reports is kept when the config enables the rule and inline pragmas do not silence
/// it, at the configured severity. Big texts run their rules on every core.
pub(crate) fn run_rules(
    size: usize,
    rules: &'static [&'static Rule],
    config: &Config,
    suppressions: &suppress::Suppressions,
    check: impl Fn(&'static Rule, &mut Context<'_>) + Sync,
) -> Vec<Diagnostic> {
    let run = |rule: &'static Rule, out: &mut Vec<Diagnostic>| {
        run_rule(rule, config, suppressions, out, |cx| check(rule, cx));
    };
    #[cfg(feature = "parallel")]
    if size >= PARALLEL_FROM {
        use rayon::prelude::*;
        return rules
            .par_iter()
            .flat_map_iter(|rule| {
                let mut out = Vec::new();
                run(rule, &mut out);
                out
            })
            .collect();
    }
    let _ = size;
    let mut out = Vec::new();
    for rule in rules {
        run(rule, &mut out);
    }
    out
}

/// Runs one rule's check when the config enables it, and keeps what inline pragmas do not
/// silence (the [`Context`] drops those as they are reported, and caps the rest), at the
/// configured severity (BuildKit's `check=error=true` applied). Rules that are always on cannot
/// be silenced or re-leveled by pragmas.
fn run_rule(
    rule: &'static Rule,
    config: &Config,
    suppressions: &suppress::Suppressions,
    out: &mut Vec<Diagnostic>,
    check: impl FnOnce(&mut Context<'_>),
) {
    // A BuildKit `# check=experimental=` directive turns on rules the config leaves off, unless
    // the config picks the rules itself or turns this one off.
    let by_directive = !config.disable_inline_ignores
        && config.select.is_empty()
        && !config.turns_off(&rule.meta)
        && suppressions.enables(&rule.meta);
    if !config.enabled(&rule.meta) && !by_directive {
        return;
    }
    let pragmas = !rule.meta.always_on && !config.disable_inline_ignores;
    let mut cx = Context::new(&rule.meta, config, pragmas.then_some(suppressions));
    check(&mut cx);
    let found = cx.into_diagnostics();
    if found.is_empty() {
        return;
    }
    let severity = config.severity_of(&rule.meta);
    for mut d in found {
        d.severity = d.at_most.map_or(severity, |cap| cap.min(severity));
        if !rule.meta.always_on {
            suppressions.adjust_severity(&mut d);
        }
        out.push(d);
    }
}

/// Sorts a file's findings by position, then code.
pub(crate) fn sort(out: &mut [Diagnostic]) {
    out.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
}

/// A YAML kind's file read: the span-keeping tree and the inline pragmas, side by side for big
/// files.
pub(crate) fn parse_yaml(text: &str) -> (crate::syntax::yaml::YamlFile, suppress::Suppressions) {
    join(
        text.len(),
        || crate::syntax::yaml::parse(text),
        || suppress::Suppressions::for_yaml(text),
    )
}

/// The first document of a YAML file when it parsed and is a mapping: what the CI kinds' models
/// read (a file with a syntax error gets only its syntax finding).
pub(crate) fn mapping_root(
    yaml: &crate::syntax::yaml::YamlFile,
) -> Option<&crate::syntax::yaml::Node> {
    if yaml.has_syntax_error() {
        return None;
    }
    yaml.documents.first().filter(|r| r.as_map().is_some())
}

/// [`sort`], then one finding per code and span: a step, job or deploy reused through a YAML
/// alias or `<<:` merge is one problem, reported once at the anchor, where it is fixed.
pub(crate) fn sort_once_per_anchor(out: &mut Vec<Diagnostic>) {
    sort(out);
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_registered_once() {
        for kind in FileKind::ALL {
            assert_eq!(
                KINDS.iter().filter(|k| k.kind == kind).count(),
                1,
                "{kind:?}"
            );
        }
        assert_eq!(KINDS.len(), FileKind::ALL.len());
    }
}
