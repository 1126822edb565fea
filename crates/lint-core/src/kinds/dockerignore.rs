//! `.dockerignore`: its pattern lines as BuildKit reads them (`syntax::dockerignore`, the matcher
//! the Dockerfile rules share), the Dockerfile that builds with it when the caller read it, the
//! rules in `rules::dockerignore`, and `# rlint ignore=` pragmas on comment lines (a comment is a
//! whole line starting with `#`; `a #b` is a pattern).

use super::{Kind, Name, NameMatch};
use crate::diagnostic::Diagnostic;
use crate::rule::{Check, DockerignoreInput};
use crate::source::FileKind;
use crate::syntax::dockerfile::{self, Keyword, Model};
use crate::syntax::dockerignore::{self, DockerIgnore};
use crate::{Config, Related, rules, suppress};

pub static KIND: Kind = Kind {
    kind: FileKind::Dockerignore,
    by_name,
    by_content: None,
    lint: Some(lint),
    pragma: "# rlint ignore=CODE (own line: the next pattern), # rlint global ignore=CODE",
};

/// `.dockerignore`, and the per-Dockerfile `Dockerfile.dockerignore`.
fn by_name(name: &Name<'_>) -> NameMatch {
    if name.lower.ends_with(".dockerignore") {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// What the Dockerfile that builds with this ignore file tells its rules.
pub struct Beside<'a> {
    /// The first `COPY .` / `ADD .` from the build context in a stage that reaches the image
    /// (the final stage or one it builds on): everything the ignore file leaves in goes in.
    pub copies_context: Option<&'a dockerfile::Instruction>,
}

/// The first instruction that copies the whole context into the image.
fn copies_context<'a>(model: &'a Model<'a>) -> Option<&'a dockerfile::Instruction> {
    let last = model.final_stage()?;
    let shipped = model.ancestry(last.index);
    model
        .stages
        .iter()
        .filter(|s| shipped.contains(&s.index))
        .flat_map(|s| &model.df.instructions[s.body.clone()])
        .find(|ins| {
            matches!(ins.keyword, Keyword::Copy | Keyword::Add)
                && ins.flag("from").is_none()
                && ins.args.len() >= 2
                && ins.args[..ins.args.len() - 1]
                    .iter()
                    .any(|a| matches!(a.value.as_str(), "." | "./"))
        })
}

/// All enabled `.dockerignore` rules over one text, suppressions applied, sorted by position.
pub fn lint(_path: &str, text: &str, config: &Config, related: Related<'_>) -> Vec<Diagnostic> {
    let entries = dockerignore::entries(text);
    let ignore = DockerIgnore::parse(text);
    let suppressions = suppress::Suppressions::for_line_comments(text, false);
    let df = related.dockerfile.map(dockerfile::parse);
    let model = df.as_ref().map(Model::new);
    let beside = model.as_ref().map(|m| Beside {
        copies_context: copies_context(m),
    });
    let input = DockerignoreInput {
        text,
        entries: &entries,
        ignore: &ignore,
        dockerfile: beside.as_ref(),
        files: related.files,
    };
    let mut out = super::run_rules(
        text.len(),
        rules::dockerignore::RULES,
        config,
        &suppressions,
        |rule, cx| {
            if let Check::Dockerignore(check) = rule.check {
                check(&input, cx);
            }
        },
    );
    super::sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use crate::{Config, lint_text};

    fn codes(text: &str) -> Vec<&'static str> {
        lint_text(".dockerignore", text, None, &Config::default())
            .diagnostics
            .iter()
            .map(|d| d.diagnostic.code)
            .collect()
    }

    #[test]
    fn pragmas_are_comment_lines() {
        assert_eq!(codes("!README.md\n*.md\n"), ["DI001"]);
        assert!(codes("# rlint ignore=DI001\n!README.md\n*.md\n").is_empty());
        assert!(
            codes("# rlint global ignore=dockerignore-exception-overridden\n!README.md\n*.md\n")
                .is_empty()
        );
        // `a # rlint ignore=...` is a pattern (BuildKit has no end-of-line comments).
        assert_eq!(codes("!README.md # rlint ignore=DI001\n*\n"), ["DI001"]);
    }
}
