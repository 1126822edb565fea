//! Inline pragmas, matched through codes, names and aliases:
//!
//! - `# rlint ignore=DF015,DL3008` / `# hadolint ignore=...` — the next instruction;
//! - `# rlint global ignore=...` / `# hadolint global ignore=...` — the whole file;
//! - `# rlint stage ignore=...` / `# hadolint stage ignore=...` — the stage whose FROM follows;
//! - BuildKit's `# check=skip=Name[,Name]|all` directive (whole file), the same comment directly above
//!   an instruction (that instruction), `# check=error=true` (BuildKit checks become errors) and
//!   `# check=experimental=Name[,Name]|all` (BuildKit's experimental checks run, whatever `skip=` says).
//!
//! A trailing `# reason` (or BuildKit's `// reason`) after the list is allowed.
//!
//! In YAML files: `# rlint ignore=...` on its own line covers the next line that is not a comment,
//! at the end of a line that line; `# rlint global ignore=...` the whole file. dclint's
//! `# dclint disable-file`, `# dclint disable [rule ...]` (whole file) and `# dclint disable-line
//! [rule ...]` (that line, or the next when alone on its line) are honoured too, and so is
//! zizmor's `# zizmor: ignore[audit,...]` (see [`zizmor_ignores`]), matched through the rules'
//! aliases (`template-injection` is GA001).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::RuleMeta;
use crate::syntax::dockerfile::{Dockerfile, Keyword};
use std::ops::Range;

/// Rule names BuildKit's `check=` directive knows (used by `check=error=true`).
pub const BUILDKIT_CHECKS: [&str; 22] = [
    "StageNameCasing",
    "FromAsCasing",
    "NoEmptyContinuation",
    "ConsistentInstructionCasing",
    "DuplicateStageName",
    "ReservedStageName",
    "JSONArgsRecommended",
    "MaintainerDeprecated",
    "UndefinedArgInFrom",
    "WorkdirRelativePath",
    "UndefinedVar",
    "MultipleInstructionsDisallowed",
    "LegacyKeyValueFormat",
    "InvalidBaseImagePlatform",
    "RedundantTargetPlatform",
    "SecretsUsedInArgOrEnv",
    "InvalidDefaultArgInFrom",
    "FromPlatformFlagConstDisallowed",
    "CopyIgnoredFile",
    "InvalidDefinitionDescription",
    "ExposeProtoCasing",
    "ExposeInvalidFormat",
];

/// BuildKit's experimental checks: they run only when `check=experimental=` names them (or `all`).
const BUILDKIT_EXPERIMENTAL: [&str; 2] = ["CopyIgnoredFile", "InvalidDefinitionDescription"];

#[derive(Debug, Default)]
pub struct Suppressions {
    global: Vec<String>,
    /// `# check=skip=...` of the directive: it does not reach the experimental checks turned on.
    check_skip: Vec<String>,
    /// The experimental BuildKit checks `# check=experimental=...` turns on.
    experimental: Vec<&'static str>,
    /// Byte ranges (instructions or stages) and the ids ignored there.
    scoped: Vec<(Range<usize>, Vec<String>)>,
    /// `# check=error=true`.
    pub buildkit_errors: bool,
}

pub enum Scope {
    Next,
    Global,
    Stage,
}

/// `rlint ignore=A,B`, `hadolint global ignore=A`, ... -> scope and ids.
pub fn parse_pragma(comment: &str) -> Option<(Scope, Vec<String>)> {
    let mut words = comment.split_whitespace();
    let tool = words.next()?;
    if !tool.eq_ignore_ascii_case("rlint")
        && !tool.eq_ignore_ascii_case("rlint:")
        && tool != "hadolint"
    {
        return None;
    }
    let mut next = words.next()?;
    let scope = match next {
        "global" => {
            next = words.next()?;
            Scope::Global
        }
        "stage" => {
            next = words.next()?;
            Scope::Stage
        }
        _ => Scope::Next,
    };
    let list = next.strip_prefix("ignore=")?;
    Some((scope, split_ids(list)))
}

fn split_ids(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// What a `check=` comment says.
#[derive(Debug, Default, PartialEq, Eq)]
struct Check {
    skip: Vec<String>,
    error: bool,
    experimental: Vec<String>,
}

/// `check=skip=A,B;error=true;experimental=C` -> its parts.
fn parse_check(value: &str) -> Check {
    let value = value.split("//").next().unwrap_or(value);
    let mut check = Check::default();
    for part in value.split(';') {
        let Some((key, val)) = part.split_once('=') else {
            continue;
        };
        match key.trim() {
            "skip" => check.skip.extend(split_ids(val)),
            "error" => check.error = val.trim().eq_ignore_ascii_case("true"),
            "experimental" => check.experimental.extend(split_ids(val)),
            _ => {}
        }
    }
    check
}

impl Suppressions {
    pub fn for_dockerfile(df: &Dockerfile) -> Suppressions {
        let mut s = Suppressions::default();
        if let Some(directive) = df.directive("check") {
            let check = parse_check(&directive.value.value);
            s.check_skip = check.skip;
            s.buildkit_errors = check.error;
            // Names are case-sensitive in BuildKit.
            s.experimental = BUILDKIT_EXPERIMENTAL
                .into_iter()
                .filter(|name| check.experimental.iter().any(|e| e == "all" || e == name))
                .collect();
        }
        let directive_lines: Vec<usize> = df.directives.iter().map(|d| d.span.start).collect();
        for comment in &df.comments {
            if directive_lines.contains(&comment.span.start) {
                continue;
            }
            let next = df.instructions.iter().position(|i| i.line > comment.line);
            if let Some(rest) = comment.text.strip_prefix("check=") {
                if let Some(i) = next {
                    s.scoped
                        .push((span_range(df, i, i + 1), parse_check(rest).skip));
                }
                continue;
            }
            let Some((scope, ids)) = parse_pragma(&comment.text) else {
                continue;
            };
            match scope {
                Scope::Global => s.global.extend(ids),
                Scope::Next => {
                    if let Some(i) = next {
                        s.scoped.push((span_range(df, i, i + 1), ids));
                    }
                }
                Scope::Stage => {
                    let Some(i) = next.filter(|&i| df.instructions[i].keyword == Keyword::From)
                    else {
                        continue;
                    };
                    let end = df.instructions[i + 1..]
                        .iter()
                        .position(|x| x.keyword == Keyword::From)
                        .map_or(df.instructions.len(), |p| i + 1 + p);
                    s.scoped.push((span_range(df, i, end), ids));
                }
            }
        }
        s
    }

    pub fn for_yaml(text: &str) -> Suppressions {
        let mut s = Suppressions::for_line_comments(text, true);
        s.scoped.extend(zizmor_ignores(text));
        s
    }

    /// `# rlint ignore=` pragmas of a file whose comments are whole lines only (a
    /// `.dockerignore`, where `a #b` is a pattern): `trailing` also reads ` # ...` after text on
    /// a line, as YAML and `.env` files have them.
    pub fn for_line_comments(text: &str, trailing: bool) -> Suppressions {
        let mut s = Suppressions::default();
        let mut offset = 0;
        let mut pending: Vec<Vec<String>> = Vec::new();
        for line in text.split_inclusive('\n') {
            let range = offset..offset + line.len();
            offset += line.len();
            let trimmed = line.trim();
            let own_line = trimmed.starts_with('#');
            let comment = if own_line {
                Some(&trimmed[1..])
            } else if trailing {
                line.find(" #").map(|i| &line[i + 2..])
            } else {
                None
            };
            if !own_line && !trimmed.is_empty() {
                for ids in pending.drain(..) {
                    s.scoped.push((range.clone(), ids));
                }
            }
            let Some(comment) = comment.map(str::trim) else {
                continue;
            };
            let (scope, ids) = if let Some(rest) = comment.strip_prefix("dclint ") {
                let mut words = rest.split_whitespace();
                let what = words.next().unwrap_or("");
                let mut ids: Vec<String> = words.map(String::from).collect();
                if ids.is_empty() {
                    ids.push("all".into());
                }
                match what {
                    "disable-file" => (Scope::Global, vec!["all".into()]),
                    "disable" => (Scope::Global, ids),
                    "disable-line" => (Scope::Next, ids),
                    _ => continue,
                }
            } else if let Some(p) = parse_pragma(comment) {
                p
            } else {
                continue;
            };
            match scope {
                Scope::Global | Scope::Stage => s.global.extend(ids),
                Scope::Next if own_line => pending.push(ids),
                Scope::Next => s.scoped.push((range, ids)),
            }
        }
        s
    }

    /// Whether `# check=experimental=...` turns `rule` on (config may still turn it off).
    pub fn enables(&self, rule: &RuleMeta) -> bool {
        self.experimental.iter().any(|name| rule.is_named(name))
    }

    pub fn is_suppressed(&self, d: &Diagnostic) -> bool {
        let named = |ids: &[String]| ids.iter().any(|id| id == "all" || d.is_named(id));
        let experimental = self.experimental.iter().any(|name| d.is_named(name));
        named(&self.global)
            || (!experimental && named(&self.check_skip))
            || self
                .scoped
                .iter()
                .any(|(range, ids)| range.contains(&d.span.start) && named(ids))
    }

    /// Applies `check=error=true`: findings of BuildKit's checks become errors.
    pub fn adjust_severity(&self, d: &mut Diagnostic) {
        if self.buildkit_errors && d.aliases.iter().any(|a| BUILDKIT_CHECKS.contains(a)) {
            d.severity = Severity::Error;
        }
    }
}

/// zizmor's `# zizmor: ignore[a,b]` comments, each with the bytes it covers. zizmor silences a
/// finding whose span takes in the comment's line, and its findings span whole nodes (the
/// step, the `run:` block), so the comment usually sits at the end of the node's first line
/// while rlint reports a word inside it. A comment therefore covers its line and every line
/// nested under it (indented deeper: the rest of the step, the body of a block scalar); on a
/// line of its own, the next line that is not a comment, and what is nested under that.
fn zizmor_ignores(text: &str) -> Vec<(Range<usize>, Vec<String>)> {
    // Most files have no such comment: the line table (24 bytes a line; a 10 MB file of blank
    // lines grew it to 400 MB) is built only for those that do, and reserved exactly.
    if !text.contains("zizmor:") {
        return Vec::new();
    }
    let mut lines = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.len();
    }
    let indent = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
    let is_comment = |line: &str| line.trim().is_empty() || line.trim_start().starts_with('#');
    let mut out = Vec::new();
    for (i, (_, line)) in lines.iter().enumerate() {
        let own_line = line.trim_start().starts_with('#');
        // `# zizmor:` wherever it is on the line (a ` #` inside a quoted value comes first).
        let comment = line.match_indices("zizmor:").find_map(|(at, _)| {
            let before = line.get(..at)?.trim_end_matches([' ', '\t']);
            let hash = before.strip_suffix('#')?;
            (hash.is_empty() || hash.ends_with([' ', '\t'])).then(|| line.get(at + 7..))?
        });
        let Some(ids) = comment.and_then(|rest| {
            let list = rest.trim_start().strip_prefix("ignore[")?;
            Some(split_ids(&list[..list.find(']')?]))
        }) else {
            continue;
        };
        let anchor = if own_line {
            match (i + 1..lines.len()).find(|&j| !is_comment(lines[j].1)) {
                Some(j) => j,
                None => continue,
            }
        } else {
            i
        };
        let (start, anchor_line) = lines[anchor];
        let depth = indent(anchor_line);
        let last = (anchor + 1..lines.len())
            .take_while(|&j| is_comment(lines[j].1) || indent(lines[j].1) > depth)
            .last()
            .unwrap_or(anchor);
        let end = lines[last].0 + lines[last].1.len();
        out.push((start..end, ids));
    }
    out
}

/// Byte range from instruction `from` to the end of instruction `to - 1`.
fn span_range(df: &Dockerfile, from: usize, to: usize) -> Range<usize> {
    let start = df.instructions[from].span.start;
    let end = df.instructions[to - 1].span.end;
    start..end.max(start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, lint_text};

    fn codes_and_lines(text: &str) -> Vec<(&'static str, usize)> {
        let config = Config {
            select: vec!["DF002".into(), "DF004".into()],
            ..Config::default()
        };
        lint_text("Dockerfile", text, None, &config)
            .diagnostics
            .iter()
            .map(|d| (d.diagnostic.code, d.start.line))
            .collect()
    }

    #[test]
    fn stage_ignore_covers_exactly_the_next_stage() {
        let text = "# hadolint stage ignore=DL3006,DL4000\nFROM alpine\nMAINTAINER a\nFROM ubuntu\nMAINTAINER b\n";
        assert_eq!(codes_and_lines(text), [("DF002", 4), ("DF004", 5)]);
        let text = "FROM alpine\n# rlint stage ignore=DF002\nRUN x\nFROM ubuntu\n";
        assert_eq!(
            codes_and_lines(text),
            [("DF002", 1), ("DF002", 4)],
            "no FROM follows: ignored"
        );
    }

    #[test]
    fn next_instruction_only_and_error_promotion() {
        let text = "# rlint ignore=maintainer-deprecated\nFROM alpine:3.20\nMAINTAINER a\n";
        assert_eq!(
            codes_and_lines(text),
            [("DF004", 3)],
            "the pragma covers only FROM"
        );
        // FromAsCasing is style unless BuildKit's checks are made errors.
        let config = Config {
            select: vec!["DF019".into()],
            ..Config::default()
        };
        let severity = |text: &str| {
            lint_text("Dockerfile", text, None, &config).diagnostics[0]
                .diagnostic
                .severity
        };
        assert_eq!(severity("FROM alpine:3.20 as base\n"), Severity::Style);
        assert_eq!(
            severity("# check=error=true\nFROM alpine:3.20 as base\n"),
            Severity::Error
        );
    }

    /// (code, line) of every finding of `codes` under the default config.
    fn default_findings(
        text: &str,
        ignore: Option<&str>,
        codes: &[&str],
    ) -> Vec<(&'static str, usize)> {
        let related = crate::Related {
            dockerignore: ignore,
            ..crate::Related::default()
        };
        crate::lint_text_with("Dockerfile", text, None, &Config::default(), related)
            .diagnostics
            .iter()
            .filter(|d| codes.contains(&d.diagnostic.code))
            .map(|d| (d.diagnostic.code, d.start.line))
            .collect()
    }

    #[test]
    fn experimental_directive_turns_buildkit_experimental_checks_on() {
        let body = "# bar is the bar\nARG foo=bar\n# BasE image\nFROM scratch AS base\n";
        assert_eq!(default_findings(body, None, &["DF097"]), []);
        for directive in [
            "# check=experimental=InvalidDefinitionDescription\n",
            "# check=experimental=all\n",
            "# check=skip=all;experimental=InvalidDefinitionDescription\n",
        ] {
            assert_eq!(
                default_findings(&format!("{directive}{body}"), None, &["DF097"]),
                [("DF097", 3), ("DF097", 5)],
                "{directive}"
            );
        }
        assert_eq!(
            default_findings(
                &format!("# check=experimental=invaliddefinitiondescription\n{body}"),
                None,
                &["DF097"]
            ),
            [],
            "BuildKit's rule names are case-sensitive"
        );
        // skip=all silences the others; the experimental check named still runs.
        let text = "# check=skip=all;experimental=CopyIgnoredFile\nFROM scratch as base\nCOPY Dockerfile .\n";
        assert_eq!(
            default_findings(text, Some("Dockerfile\n"), &["DF096", "DF019"]),
            [("DF096", 3)]
        );
    }

    #[test]
    fn zizmor_ignore_comments_silence_the_rules_named_by_their_audits() {
        let text = "on: pull_request_target
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: | # zizmor: ignore[template-injection] the title is checked upstream
          echo \"${{ github.event.pull_request.title }}\"
      - run: echo \"${{ github.event.pull_request.body }}\"
      # zizmor: ignore[unpinned-uses,template-injection]
      - uses: our/action@main
        with:
          x: y
      - uses: our/other@main # zizmor: ignore[artipacked]
      - run: echo \"${{ github.head_ref }} #1\" # zizmor: ignore[template-injection]
      - run: echo \"${{ github.event.issue.title }}\" #zizmor: ignore[template-injection]
";
        let findings: Vec<(&str, usize)> = lint_text("ci.yml", text, None, &Config::default())
            .diagnostics
            .iter()
            .map(|d| (d.diagnostic.code, d.start.line))
            .collect();
        assert_eq!(findings, [("GA001", 8), ("GA003", 13)]);
    }

    #[test]
    fn pragma_forms() {
        let (_, ids) =
            parse_pragma("hadolint ignore=DL3008,DL3015 # apt pinning is useless here").unwrap();
        assert_eq!(ids, ["DL3008", "DL3015"]);
        assert!(matches!(
            parse_pragma("rlint global ignore=DF001"),
            Some((Scope::Global, _))
        ));
        assert!(matches!(
            parse_pragma("hadolint stage ignore=DL3002"),
            Some((Scope::Stage, _))
        ));
        assert!(parse_pragma("just a comment").is_none());
        assert_eq!(
            parse_check("skip=JSONArgsRecommended,StageNameCasing;error=true // why"),
            Check {
                skip: vec![
                    "JSONArgsRecommended".to_string(),
                    "StageNameCasing".to_string()
                ],
                error: true,
                experimental: vec![],
            }
        );
    }
}
